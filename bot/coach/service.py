"""The coaching engine's façade: one ``Coach`` that reads a message and routes it.

Front ends (terminal chat, Telegram) pass every message to ``Coach.handle`` and render the
replies. The work is done elsewhere in ``bot.coach``: ``scripted`` (prepare, reflect),
``roleplay`` (practise), ``records`` (notes, agreements, privacy, settings), ``answering``
(coaching questions) and ``documents`` (HR's guidance). Blocking work (the store, the
knowledge base, the embedder) runs in a worker thread so an event loop stays responsive.
"""

from __future__ import annotations

import asyncio
import difflib
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.coach import documents, gaps
from bot.coach.answering import LAST_QUESTION, Answerer, check_citations, start_choices
from bot.coach.dates import repeat_after
from bot.coach.flows import asks_the_coach
from bot.coach.kit import FLOW_KEY, LANGS, NO, SESSION_KEY, YES, Kit, StreamCallback, Turn
from bot.coach.language import SWITCH_AFTER, date_language, detect_language, switched_language
from bot.coach.names import (
    NewEmployee,
    awaited_command,
    clean_name,
    name_problem,
    pick_question,
)
from bot.coach.records import Records, about_the_app
from bot.coach.roleplay import Practice
from bot.coach.scripted import ScriptedFlows
from bot.coach.skills import Skills
from bot.coach.team import Team
from bot.coach.text import clean_input, small_talk_key
from bot.coach.types import Actor, Answer, Choice, Reply
from bot.llm import ChatModel
from prompts import PromptLibrary
from storage.service import NotFound

if TYPE_CHECKING:
    from bot.settings import Settings
    from knowledge.service import KnowledgeBase
    from storage.service import Store

__all__ = ["Coach", "StreamCallback", "Turn", "check_citations"]

CANCEL_WORDS = {"stop", "stoppen", "annuleer", "annuleren", "cancel", "afbreken", "quit"}
# "help" alone is a call for help, not for the command list: it gets the clarifying choices
HELP_WORDS = {"?", "menu", "commands", "commando's"}
# fmt: off
ALIASES = {
    "hulp": "help", "annuleer": "cancel", "annuleren": "cancel", "stoppen": "cancel",
    "taal": "lang", "language": "lang", "notitie": "note", "notities": "notes",
    "afspraken": "agreements", "medewerkers": "employees", "passport": "skills",
    "paspoort": "skills", "skillspaspoort": "skills", "matrix": "team",
    "vergeet": "forget", "oefen": "practice", "oefenen": "practice", "practise": "practice",
    "reflecteer": "reflect", "reflectie": "reflect", "voorbereiden": "prep",
    "voorbereiding": "prep", "prepare": "prep", "vraag": "ask", "klaar": "done",
    "herinneringen": "reminders", "exporteer": "export", "menu": "help",
}
# fmt: on
# commands that only show what is stored: answered inside a flow, which then goes on
LOOK_ONLY = frozenset({"privacy", "export", "agreements", "employees"})

Handler = Callable[[Turn, str], Awaitable[list[Reply]]]


def parse_command(text: str) -> tuple[str, str]:
    """("prep", "Anna") from "/prep Anna", "/prep@SkillsBot Anna" or "/voorbereiden Anna"."""
    head, _, rest = text.strip().partition(" ")
    name = head[1:].split("@", 1)[0].lower()  # "/prep@SkillsBot" in Telegram groups
    if "\n" in head:
        name, _, more = name.partition("\n")
        rest = f"{more}\n{rest}".strip()
    return ALIASES.get(name, name), rest.strip()


class Coach:
    """The engine both front ends talk to."""

    def __init__(
        self,
        *,
        settings: Settings,
        store: Store,
        kb: KnowledgeBase,
        llm: ChatModel | None,
        prompts: PromptLibrary | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.kit = Kit(
            settings=settings,
            store=store,
            kb=kb,
            llm=llm,
            prompts=prompts or PromptLibrary(),
            clock=clock,
        )
        # front ends and tests read these (the console checks ``llm`` before streaming)
        self.settings, self.store, self.kb, self.llm = settings, store, kb, llm
        self.prompts = self.kit.prompts
        self.answers = Answerer(self.kit)
        self.scripted = ScriptedFlows(self.kit)
        self.practice = Practice(self.kit)
        self.records = Records(self.kit)
        self.skills = Skills(self.kit)
        self.team = Team(self.kit, self.skills)
        self._locks: dict[str, asyncio.Lock] = {}
        records = self.records
        self._handlers: dict[str, Handler] = {
            "start": self._cmd_start,
            "help": self._cmd_help,
            "prep": self.scripted.prep,
            "reflect": self.scripted.reflect,
            "ask": self._cmd_ask,
            "practice": self.practice.command,
            "note": records.note,
            "notes": records.notes,
            "employees": records.employees,
            "team": self.team.overview,
            "skills": self.skills.command,
            "agreements": records.agreements,
            "done": records.done,
            "export": records.export,
            "forget": records.forget,
            "privacy": records.privacy,
            "lang": records.lang,
            "reminders": self._cmd_reminders,
            "cancel": self._cmd_cancel,
            "stop": self._cmd_cancel,
            "restoredoc": self._cmd_restoredoc,
            "keepdoc": self._cmd_keepdoc,
            "renamedoc": self._cmd_renamedoc,
            "gaps": self._cmd_gaps,
        }

    def _lock(self, key: str) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        return lock

    # --- entry points -----------------------------------------------------------------------

    async def handle(
        self, actor: Actor, text: str, *, stream: StreamCallback | None = None
    ) -> list[Reply]:
        """Answer one message (a command, a flow answer or a coaching question)."""
        async with self._lock(actor.external_id):
            turn = await self._turn(actor)
            clean, cut = clean_input(text)
            if cut:
                turn.notices.append(self.kit.t(turn.lang, "input_cut"))
            turn.stream = stream
            try:
                replies = await self._dispatch(turn, clean)
            except NotFound:
                # a record named in the flow state was erased meanwhile
                await self.kit.save_flow(turn, None)
                replies = [Reply(self.kit.t(turn.lang, "record_gone"))]
            await self.kit.save_session(turn)
            if turn.notices and replies:
                replies[0].text = "\n".join([*turn.notices, replies[0].text])
            for reply in replies:  # Reply's default language is not necessarily the turn's
                reply.lang = turn.lang
            return replies

    async def warm(self) -> None:
        """Build lazy caches now (prompts, scope model, stemmers, indexes), not on a manager's
        question: a prompt file parsed on first use cost that turn up to half a second."""
        kit = self.kit
        await kit.run(kit.prompts.load_all)
        await self.answers.warm()
        for lang in LANGS:
            await kit.run(kit.bank, lang)
            await kit.run(partial(self.kb.sections, "warm up", lang, 1))

    async def language(self, actor: Actor) -> str:
        """The language the coach speaks with this person now (``nl`` or ``en``)."""
        return (await self._turn(actor)).lang

    async def ask(
        self, actor: Actor, question: str, lang: str | None = None, *, alone: bool = False
    ) -> Answer:
        """Answer one coaching question (no flows, no commands); ``alone`` answers it as no
        follow-up of a question before it (`skillscoach ask`, one question and exit), and
        leaves the chat's thread as it was: a question asked there next follows neither."""
        turn = await self._turn(actor)
        thread = turn.session.pop(LAST_QUESTION, None) if alone else None
        text, _ = clean_input(question)
        lang = lang if lang in LANGS else detect_language(text, default=turn.lang)
        if not text:
            msg = self.kit.t(lang, "empty_question")
            return Answer(text=msg, body=msg, sources=[], grounded=False, lang=lang)
        answer = await self.answers.answer(turn, text, lang)
        if alone:
            turn.session.pop(LAST_QUESTION, None)
            if thread is not None:
                turn.session[LAST_QUESTION] = thread
        await self.kit.save_session(turn)
        return answer

    async def add_document(
        self,
        actor: Actor,
        path: Path,
        *,
        filename: str,
        progress: Callable[[int, int], None] | None = None,
    ) -> Reply:
        """Add or update a guidance document (HR only)."""
        turn = await self._turn(actor)
        return await documents.add_document(
            self.kit, actor, turn.lang, path, filename=filename, progress=progress
        )

    async def _cmd_restoredoc(self, turn: Turn, arg: str) -> list[Reply]:
        return [await documents.restore_document(self.kit, turn.actor, turn.lang, arg)]

    async def _cmd_gaps(self, turn: Turn, arg: str) -> list[Reply]:
        return [await gaps.gaps_report(self.kit, turn.actor, turn.lang, arg)]

    async def _cmd_renamedoc(self, turn: Turn, arg: str) -> list[Reply]:
        return [await documents.rename_document(self.kit, turn.actor, turn.lang, arg)]

    async def _cmd_keepdoc(self, turn: Turn, arg: str) -> list[Reply]:
        return [await documents.keep_document(self.kit, turn.actor, turn.lang, arg)]

    async def list_documents(self, actor: Actor) -> Reply:
        """The guidance documents in the knowledge base."""
        turn = await self._turn(actor)
        return await documents.list_documents(self.kit, turn.lang)

    async def remove_document(self, actor: Actor, doc_id: str) -> Reply:
        """Remove a guidance document (HR only)."""
        turn = await self._turn(actor)
        return await documents.remove_document(self.kit, actor, turn.lang, doc_id)

    def reminder_text(self, reminder: Any) -> str:
        """The message a due reminder sends."""
        kit = self.kit
        payload = reminder.payload or {}
        lang = str(payload["lang"]) if payload.get("lang") in LANGS else "nl"
        employee = payload.get("employee", "")
        if reminder.kind == "reflect":
            return kit.t(lang, "reminder_reflect", employee=employee)
        if payload.get("rhythm"):
            return kit.t(lang, "reminder_rhythm", employee=employee, text=payload.get("text", ""))
        due = payload.get("due")
        return kit.t(
            lang,
            "reminder_agreement",
            employee=employee,
            text=payload.get("text", ""),
            due=kit.format_date(lang, date.fromisoformat(due)) if due else "",
        )

    async def due_reminders(self, actor: Actor, *, worker: str) -> list[Reply]:
        """The reminders now due for this manager, each as a reply, marked sent: for a front end
        that shows them between messages (the terminal chat). A reminder to look back offers
        the reflection as a choice; one in a rhythm is scheduled again, as when Telegram sends it.
        """
        kit = self.kit
        manager = await kit.run(kit.store.get_manager, external_id=actor.external_id)
        if manager is None:
            return []
        due = await kit.run(
            kit.store.claim_due_reminders,
            now=kit.now(),
            worker=worker,
            lease=timedelta(seconds=kit.settings.reminder_lease_seconds),
            manager_id=manager.id,
        )
        replies = []
        for reminder in due:
            payload = reminder.payload or {}
            lang = str(payload["lang"]) if payload.get("lang") in LANGS else "nl"
            employee = payload.get("employee")
            choices = (
                [Choice(kit.t(lang, "choice_reflect_with", name=employee), f"/reflect {employee}")]
                if reminder.kind == "reflect" and isinstance(employee, str) and employee
                else []
            )
            replies.append(Reply(self.reminder_text(reminder), choices=choices, lang=lang))
            await kit.run(
                kit.store.mark_reminder_sent,
                reminder_id=reminder.id,
                repeat_at=self.repeat_of(reminder),
                item_id=payload.get("item_id"),
            )
        return replies

    def repeat_of(self, reminder: Any) -> datetime | None:
        """When a reminder of an agreement kept in a rhythm comes round again (None: once)."""
        rhythm = (reminder.payload or {}).get("rhythm")
        if reminder.kind != "agreement" or not isinstance(rhythm, str):
            return None
        last = reminder.due_at.astimezone(self.kit.tz).date()
        return self.kit.at_reminder_hour(repeat_after(rhythm, last, self.kit.today()))

    async def digest_text(self, manager: Any) -> str:
        """The weekly digest of a manager (``ManagerView``), in their language."""
        lang = manager.language or self.kit.settings.default_language
        return await self.team.digest_text(manager.id, lang)

    def message(self, lang: str, key: str, **values: Any) -> str:
        """A user-facing message for front ends (e.g. the console's greeting line)."""
        return self.kit.t(lang if lang in LANGS else "nl", key, **values)

    # --- turn state -------------------------------------------------------------------------

    async def _turn(self, actor: Actor) -> Turn:
        kit = self.kit
        store = kit.store

        # every message reads these three: one trip to the worker thread, one read transaction
        manager, states = await kit.run(
            store.open_turn,
            external_id=actor.external_id,
            role=actor.role,
            keys=(SESSION_KEY, FLOW_KEY),
        )
        session = states.get(SESSION_KEY) or {}
        flow = states.get(FLOW_KEY)
        hint = (actor.language or "")[:2].lower()
        lang = (
            manager.language
            or session.get("lang")
            or (hint if hint in LANGS else None)
            or kit.settings.default_language
        )
        return Turn(actor=actor, manager=manager, lang=lang, session=session, flow=flow)

    # --- dispatch ---------------------------------------------------------------------------

    async def _dispatch(self, turn: Turn, text: str) -> list[Reply]:
        flow = turn.flow
        if flow:
            turn.lang = flow.get("lang", turn.lang)
        if not text:
            replies = [Reply(self.kit.t(turn.lang, "empty"), lang=turn.lang)]
            if flow:
                replies.extend(self._reask(turn))
            return replies
        low = text.lower().strip().rstrip(".!")
        if flow and low in CANCEL_WORDS and flow.get("name") != "practice":
            text = "/cancel"
        elif flow and flow.get("name") == "practice" and low in {"stop", "stoppen"}:
            text = "/stop"
        elif not flow and low in HELP_WORDS:
            text = "/help"
        elif flow and flow.get("name") in ("prep", "reflect") and self._greeting(text):
            # "hi" after a restart is no answer to "what does Tom want?": the question again
            text = "/start"
        awaited = awaited_command(turn, text)
        if text.startswith("/"):
            name, arg = parse_command(text)
            if flow:
                return await self._command_in_flow(turn, name, arg, text)
            return await self._command(turn, name, arg)
        if flow and self._asks_the_coach(flow, text):
            return self.scripted.explained(turn, flow)
        if flow:
            return await self._flow_answer(turn, text)
        if awaited is not None:
            # "/prep" asked "Met wie heb je een gesprek?" and the answer is the name
            return await self._command(turn, awaited, text)
        command = about_the_app(text)
        if command is not None:
            # "how long do you keep my notes?", "how does this work?": about this app, not about
            # coaching; what /privacy or /help shows is the answer
            turn.lang = detect_language(text, default=turn.lang)
            return await self._command(turn, command, "")
        return await self.answers.free_text(turn, text)

    @staticmethod
    def _asks_the_coach(flow: dict[str, Any], text: str) -> bool:
        """A question back to the coach at a question of /prep or /reflect (not at the confirm
        step, nor while a choice between two days or whether to leave the flow waits)."""
        scripted = flow.get("name") in ("prep", "reflect")
        waiting = flow.get("confirm") is not None or flow.get("pending") or flow.get("leave")
        return scripted and not waiting and asks_the_coach(text)

    def _greeting(self, text: str) -> bool:
        """Whether a message is a greeting or thanks alone, in either language.

        "hoi", "Hi!", "hey there", "Hoi Piet", "hi, sorry", "thanks": a greeting or thanks
        phrase with at most one word after it (a name, "there", "sorry") and no figure;
        "thanks, geen budget" is an answer. "morgen" is tomorrow, not "morning": no greeting.
        """
        words = small_talk_key(text).split()
        if not words or len(words) > 4 or any(ch.isdigit() for ch in text):
            return False
        phrases = {
            str(w).lower()
            for lang in LANGS
            for kind in ("greeting", "thanks")
            for w in self.kit.prompt("messages", lang).meta["small_talk"][kind]
        }
        return any(" ".join(words[:n]) in phrases and len(words) - n <= 1 for n in (1, 2, 3))

    async def _command(self, turn: Turn, name: str, arg: str) -> list[Reply]:
        handler = self._handlers.get(name)
        if handler is None:
            close = difflib.get_close_matches(name, list(self._handlers), n=1, cutoff=0.6)
            hint = self.kit.t(turn.lang, "did_you_mean", command=close[0]) if close else ""
            return [Reply(self.kit.t(turn.lang, "unknown_command", command=name, hint=hint))]
        return await handler(turn, arg.strip())

    async def _command_in_flow(self, turn: Turn, name: str, arg: str, raw: str) -> list[Reply]:
        kit = self.kit
        flow = turn.flow or {}
        if name == "cancel" or (name == "stop" and flow.get("name") != "practice"):
            return await self._cancel_flow(turn)
        if name == "stop" and flow.get("name") == "practice":
            return await self.practice.stop(turn)
        scripted = flow.get("name") in ("prep", "reflect")
        if name in ("help", "start"):
            key = "help_in_flow" if scripted else "help_in_question"
            head = kit.t(turn.lang, key, where=self._where(turn))
            return [Reply(head, lang=turn.lang), *self._reask(turn)]
        if name in LOOK_ONLY:
            # what is stored, an export, the open agreements: shown, and the flow goes on
            return [*await self._command(turn, name, arg), *self._reask(turn)]
        employee = str(flow.get("employee")).lower()
        same = name == flow.get("name") and arg.strip().lower() == employee
        if same and not scripted:  # "/forget Sanne" while asked to confirm just that
            return self._reask(turn)
        flow["leave"] = raw[:200]
        await kit.save_flow(turn, flow)
        yes, no = kit.t(turn.lang, "leave_yes"), kit.t(turn.lang, "leave_no")
        if same:
            # "/prep Priya" while preparing Priya: start again or go on, nothing to leave for
            where = self._where(turn)
            return [
                Reply(
                    kit.t(turn.lang, "again_confirm", where=where),
                    choices=[
                        Choice(kit.t(turn.lang, "again_restart"), yes),
                        Choice(kit.t(turn.lang, "again_go_on"), no),
                    ],
                    flow=flow.get("name"),
                )
            ]
        return [
            Reply(
                kit.t(turn.lang, "leave_confirm", where=self._where(turn), command=raw[:60]),
                choices=[Choice(yes, yes), Choice(no, no)],
                flow=flow.get("name"),
            )
        ]

    def _flow_label(self, turn: Turn) -> str:
        flow = turn.flow or {}
        name = flow.get("name", "")
        return self.kit.t(turn.lang, f"flow_{name}", employee=flow.get("employee", ""))

    def _where(self, turn: Turn) -> str:
        flow = turn.flow or {}
        name = flow.get("name", "")
        label = self._flow_label(turn)
        if name in ("prep", "reflect"):
            script = self.kit.script(name, turn.lang)
            step = min(int(flow.get("step", 0)) + 1, len(script))
            return self.kit.t(turn.lang, "where_step", flow=label, step=step, total=len(script))
        return label

    async def _cancel_flow(self, turn: Turn) -> list[Reply]:
        flow = turn.flow or {}
        await self.kit.save_flow(turn, None)
        key = "cancelled_nothing_saved" if flow.get("name") in ("prep", "reflect") else "cancelled"
        return [Reply(self.kit.t(turn.lang, key))]

    def _reask(self, turn: Turn) -> list[Reply]:
        """Show the question the user is at again."""
        flow = turn.flow or {}
        name = flow.get("name")
        if name in ("prep", "reflect"):
            return [self.scripted.question(turn, flow)]
        if name == "forget":
            return [self.records.forget_question(turn, flow)]
        if name == "pick":
            return [pick_question(self.kit, turn, flow)]
        if name == "note":
            return [self.records.note_question(turn, flow)]
        if name == "practice":
            return [self.practice.prompt(turn, flow)]
        return []

    @staticmethod
    def _follow_language(turn: Turn, flow: dict[str, Any], text: str) -> None:
        """Go on in the language the manager answers in, unless they chose one with /lang.

        A flow starts in the language known at its command ("/prep Sanne" says nothing), so
        an answer written clearly in the other language switches the rest of the flow, its
        card or summary included.
        """
        if turn.manager.language:
            return
        # "next Tuesday", "tmrw 7am before shift": date words alone say enough
        lang = date_language(text)
        if lang is None and len(text) > SWITCH_AFTER:
            lang = switched_language(text, turn.lang)
        if lang is not None and lang != turn.lang:
            flow["lang"] = turn.lang = turn.session["lang"] = lang

    async def _flow_answer(self, turn: Turn, text: str) -> list[Reply]:
        kit = self.kit
        flow = turn.flow or {}
        if flow.get("leave"):
            pending = flow.pop("leave")
            if text.strip().lower() in YES | {kit.t(lg, "leave_yes").lower() for lg in LANGS}:
                await kit.save_flow(turn, None)
                name, arg = parse_command(pending)
                return await self._command(turn, name, arg)
            await kit.save_flow(turn, flow)
            if text.strip().lower() in NO | {kit.t(lg, "leave_no").lower() for lg in LANGS}:
                return self._reask(turn)
            # anything else is an answer to the question they were at; say so, or it looks
            # as if the question about leaving was ignored
            turn.notices.append(kit.t(turn.lang, "leave_continue", flow=self._flow_label(turn)))
        kind = flow.get("name")
        if kind in ("prep", "reflect"):
            self._follow_language(turn, flow, text)
            return await self.scripted.answer(turn, text)
        if kind == "forget":
            return await self.records.forget_answer(turn, text)
        if kind == "pick":
            return await self._pick_answer(turn, text)
        if kind == "note":
            return await self.records.note_answer(turn, text)
        if kind == "practice":
            return await self.practice.answer(turn, text)
        await kit.save_flow(turn, None)
        return await self.answers.free_text(turn, text)

    async def _pick_answer(self, turn: Turn, text: str) -> list[Reply]:
        """The employee picked after a name that was close to a known one."""
        kit = self.kit
        flow = turn.flow or {}
        chosen = text.strip()
        await kit.save_flow(turn, None)
        command, rest = flow["command"], flow.get("rest", "")
        emp: Any
        if chosen.startswith("+"):
            name = clean_name(chosen[1:]) or flow["typed"]
            problem = name_problem(kit, turn.lang, name, command)
            if problem:
                return [Reply(problem)]
            emp = NewEmployee(name)  # stored once the command saves something about them
        else:
            emp = await kit.run(
                kit.store.find_employee, manager_id=turn.manager.id, name=clean_name(chosen)
            )
            if emp is None:
                # not one of the options: treat it as a fresh try with the typed name
                return await self._command(turn, command, f"{chosen} {rest}".strip())
        return await self._start_for(turn, command, emp, rest)

    async def _start_for(self, turn: Turn, command: str, emp: Any, rest: str) -> list[Reply]:
        if command in ("prep", "reflect"):
            return await self.scripted.start(turn, command, emp)
        if command == "practice":
            return await self.practice.start(turn, emp)
        if command == "note":
            return await self.records.start_note(turn, emp, rest)
        raise ValueError(command)

    # --- the commands that only talk ---------------------------------------------------------

    async def _cmd_start(self, turn: Turn, arg: str) -> list[Reply]:
        choices = start_choices(self.kit, turn.lang)
        return [Reply(self.kit.t(turn.lang, "welcome"), choices=choices)]

    async def _cmd_help(self, turn: Turn, arg: str) -> list[Reply]:
        return [Reply(self.kit.prompt("help", turn.lang).render())]

    async def _cmd_reminders(self, turn: Turn, arg: str) -> list[Reply]:
        head, _, rest = arg.partition(" ")
        if head.lower() in ("digest", "overzicht", "weekoverzicht"):
            return await self.team.digest_setting(turn, rest)
        return await self.records.reminders(turn, arg)

    async def _cmd_cancel(self, turn: Turn, arg: str) -> list[Reply]:
        return [Reply(self.kit.t(turn.lang, "nothing_to_cancel"))]

    async def _cmd_ask(self, turn: Turn, arg: str) -> list[Reply]:
        if not arg:
            return [Reply(self.kit.t(turn.lang, "ask_how"))]
        return await self.answers.free_text(turn, arg)
