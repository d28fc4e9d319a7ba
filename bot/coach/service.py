"""The coaching engine: commands, flows (prepare, reflect, practise, forget) and questions.

Front ends (terminal chat, Telegram) pass every message to ``Coach.handle`` and render the
replies. Blocking work (the store, the knowledge base, the embedder) runs in a worker thread
so an event loop stays responsive.
"""

from __future__ import annotations

import asyncio
import difflib
import inspect
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from bot.coach import composer
from bot.coach.agreements import parse_agreements
from bot.coach.flows import FlowScript
from bot.coach.language import detect_language
from bot.coach.practice import PracticeStats, question_kind
from bot.coach.questions import QuestionBank
from bot.coach.text import clean_input, shorten, terms
from bot.coach.types import Actor, Answer, Choice, Reply, Source
from bot.llm import ChatModel, LLMError, Message
from prompts import Prompt, PromptLibrary

log = logging.getLogger(__name__)

T = TypeVar("T")
StreamCallback = Callable[[str], Awaitable[None] | None]

FLOW_KEY = "flow"
SESSION_KEY = "session"
LANGS = ("nl", "en")
NAME_RE = re.compile(r"^[\w][\w .'’-]{0,59}$")
YES = {"ja", "j", "yes", "y", "ok", "oké", "zeker", "sure", "ja, verlaten", "yes, leave"}
NO = {"nee", "n", "no", "nope", "nee, ga verder", "no, continue"}
NO_VALUE = {"nl": "nee", "en": "no"}
CANCEL_WORDS = {"stop", "stoppen", "annuleer", "annuleren", "cancel", "afbreken", "quit"}
HELP_WORDS = {"help", "hulp", "?", "menu", "commands", "commando's"}
MAX_PRACTICE_TURNS = 24

# fmt: off
ALIASES = {
    "hulp": "help", "annuleer": "cancel", "annuleren": "cancel", "stoppen": "cancel",
    "taal": "lang", "language": "lang", "notitie": "note", "notities": "notes",
    "afspraken": "agreements", "medewerkers": "employees", "team": "employees",
    "vergeet": "forget", "oefen": "practice", "oefenen": "practice", "practise": "practice",
    "reflecteer": "reflect", "reflectie": "reflect", "voorbereiden": "prep",
    "voorbereiding": "prep", "prepare": "prep", "vraag": "ask", "klaar": "done",
    "herinneringen": "reminders", "exporteer": "export", "menu": "help",
}
# fmt: on
# fmt: off
COMMANDS = (
    "start", "help", "prep", "reflect", "ask", "practice", "note", "notes", "employees",
    "agreements", "done", "export", "forget", "privacy", "lang", "reminders", "cancel", "stop",
)
# fmt: on
CREATING = {"prep", "reflect", "note", "practice"}


@dataclass
class Turn:
    """One incoming message with everything the handlers need about its sender."""

    actor: Actor
    manager: Any  # storage ManagerView
    lang: str
    session: dict[str, Any]
    flow: dict[str, Any] | None
    stream: StreamCallback | None = None
    notices: list[str] = field(default_factory=list)


class Coach:
    """The engine both front ends talk to."""

    def __init__(
        self,
        *,
        settings: Any,
        store: Any,
        kb: Any,
        llm: ChatModel | None,
        prompts: PromptLibrary | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.kb = kb
        self.llm = llm
        self.prompts = prompts or PromptLibrary()
        self.tz = ZoneInfo(settings.timezone)
        self._clock = clock or (lambda: datetime.now(self.tz))
        self._locks: dict[str, asyncio.Lock] = {}
        self._banks: dict[str, QuestionBank] = {}
        self._title_cache: dict[tuple[str, int, str], str] = {}

    # --- small helpers ----------------------------------------------------------------------

    def now(self) -> datetime:
        """The current time in the configured time zone."""
        return self._clock().astimezone(self.tz)

    def today(self) -> date:
        """Today's date in the configured time zone."""
        return self.now().date()

    def prompt(self, name: str, lang: str) -> Prompt:
        """A prompt file in one language."""
        return self.prompts.load(name, lang)

    def t(self, lang: str, key: str, **values: Any) -> str:
        """A user-facing message from ``prompts/<lang>/messages.md``."""
        return self.prompt("messages", lang).text(key, **values)

    def bank(self, lang: str) -> QuestionBank:
        """The question bank of a language."""
        if lang not in self._banks:
            self._banks[lang] = QuestionBank(self.prompts, lang)
        return self._banks[lang]

    async def _run(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        return await asyncio.to_thread(fn, *args, **kwargs)

    async def _search(self, query: str, lang: str, k: int = 5) -> Any:
        return await self._run(self.kb.search, query, k=k, lang=lang)

    def _date(self, lang: str, day: date | None, *, relative: bool = True) -> str:
        if day is None:
            return self.t(lang, "no_date")
        names = self.prompt("messages", lang).meta["weekdays"]
        months = self.prompt("messages", lang).meta["months"]
        today = self.today()
        rel = {today: "today", today + timedelta(days=1): "tomorrow"}.get(day)
        label = f"{names[day.weekday()]} {day.day} {months[day.month - 1]}"
        if day.year != today.year:
            label += f" {day.year}"
        return f"{self.t(lang, rel)} ({label})" if rel and relative else label

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
                turn.notices.append(self.t(turn.lang, "input_cut"))
            turn.stream = stream
            try:
                replies = await self._dispatch(turn, clean)
            except Exception as exc:
                if type(exc).__name__ != "NotFound":
                    raise
                # a record named in the flow state was erased meanwhile
                await self._save_flow(turn, None)
                replies = [Reply(self.t(turn.lang, "record_gone"))]
            if turn.notices and replies:
                replies[0].text = "\n".join([*turn.notices, replies[0].text])
            for reply in replies:
                reply.lang = reply.lang if reply.lang in LANGS else turn.lang
            return replies

    async def ask(self, actor: Actor, question: str, lang: str | None = None) -> Answer:
        """Answer one coaching question (no flows, no commands)."""
        turn = await self._turn(actor)
        text, _ = clean_input(question)
        lang = lang if lang in LANGS else detect_language(text, default=turn.lang)
        if not text:
            msg = self.t(lang, "empty_question")
            return Answer(text=msg, body=msg, sources=[], grounded=False, lang=lang)
        return await self._answer(turn, text, lang)

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
        lang = turn.lang
        if actor.role != "hr":
            return Reply(self.t(lang, "hr_only"), lang=lang)
        from knowledge.types import IngestError

        try:
            result = await self._run(
                self.kb.add, Path(path), source_name=filename, progress=progress
            )
        except IngestError as exc:
            return Reply(self.t(lang, "doc_rejected", reason=str(exc)), lang=lang)
        await self._run(
            self.store.audit,
            actor=actor.external_id,
            action="document.add",
            target=f"document:{result.doc_id}@v{result.version}",
        )
        if result.unchanged:
            key = "doc_unchanged"
        elif result.replaced_version:
            key = "doc_replaced"
        else:
            key = "doc_added"
        return Reply(
            self.t(
                lang,
                key,
                title=result.title,
                version=result.version,
                old=result.replaced_version or "",
                chunks=result.chunks,
                doc_id=result.doc_id,
            ),
            lang=lang,
        )

    async def list_documents(self, actor: Actor) -> Reply:
        """The guidance documents in the knowledge base."""
        turn = await self._turn(actor)
        docs = await self._run(self.kb.list_documents)
        lines = [
            self.t(
                turn.lang,
                "doc_line",
                title=d.title,
                version=d.version,
                doc_id=d.doc_id,
                languages="/".join(d.languages or [d.language]),
            )
            for d in sorted(docs, key=lambda d: d.title.lower())
        ]
        text = self.t(turn.lang, "docs_header", count=len(docs)) + "\n" + "\n".join(lines)
        return Reply(text.strip(), lang=turn.lang)

    async def remove_document(self, actor: Actor, doc_id: str) -> Reply:
        """Remove a guidance document (HR only)."""
        turn = await self._turn(actor)
        lang = turn.lang
        if actor.role != "hr":
            return Reply(self.t(lang, "hr_only"), lang=lang)
        try:
            info = await self._run(self.kb.remove, doc_id)
        except KeyError:
            return Reply(self.t(lang, "doc_unknown", doc_id=doc_id), lang=lang)
        await self._run(
            self.store.audit,
            actor=actor.external_id,
            action="document.remove",
            target=f"document:{info.doc_id}@v{info.version}",
        )
        return Reply(self.t(lang, "doc_removed", title=info.title, doc_id=info.doc_id), lang=lang)

    def reminder_text(self, reminder: Any) -> str:
        """The message a due reminder sends."""
        payload = reminder.payload or {}
        lang = str(payload["lang"]) if payload.get("lang") in LANGS else "nl"
        employee = payload.get("employee", "")
        if reminder.kind == "reflect":
            return self.t(lang, "reminder_reflect", employee=employee)
        due = payload.get("due")
        return self.t(
            lang,
            "reminder_agreement",
            employee=employee,
            text=payload.get("text", ""),
            due=self._date(lang, date.fromisoformat(due)) if due else "",
        )

    def message(self, lang: str, key: str, **values: Any) -> str:
        """A user-facing message for front ends (e.g. the console's greeting line)."""
        return self.t(lang if lang in LANGS else "nl", key, **values)

    # --- turn state -------------------------------------------------------------------------

    async def _turn(self, actor: Actor) -> Turn:
        manager = await self._run(
            self.store.ensure_manager, external_id=actor.external_id, role=actor.role
        )
        session = await self._run(self.store.load_state, manager_id=manager.id, key=SESSION_KEY)
        flow = await self._run(self.store.load_state, manager_id=manager.id, key=FLOW_KEY)
        session = session or {}
        hint = (actor.language or "")[:2].lower()
        lang = (
            manager.language
            or session.get("lang")
            or (hint if hint in LANGS else None)
            or self.settings.default_language
        )
        return Turn(actor=actor, manager=manager, lang=lang, session=session, flow=flow)

    async def _save_flow(self, turn: Turn, flow: dict[str, Any] | None) -> None:
        turn.flow = flow
        await self._run(
            self.store.save_state, manager_id=turn.manager.id, key=FLOW_KEY, value=flow
        )

    async def _save_session(self, turn: Turn) -> None:
        await self._run(
            self.store.save_state, manager_id=turn.manager.id, key=SESSION_KEY, value=turn.session
        )

    # --- dispatch ---------------------------------------------------------------------------

    async def _dispatch(self, turn: Turn, text: str) -> list[Reply]:
        flow = turn.flow
        if flow:
            turn.lang = flow.get("lang", turn.lang)
        if not text:
            replies = [Reply(self.t(turn.lang, "empty"), lang=turn.lang)]
            if flow:
                replies.extend(await self._reask(turn))
            return replies
        low = text.lower().strip().rstrip(".!")
        if flow and low in CANCEL_WORDS and flow.get("name") != "practice":
            text = "/cancel"
        elif flow and flow.get("name") == "practice" and low in {"stop", "stoppen"}:
            text = "/stop"
        elif not flow and low in HELP_WORDS:
            text = "/help"
        if text.startswith("/"):
            name, arg = _parse_command(text)
            if flow:
                return await self._command_in_flow(turn, name, arg, text)
            return await self._command(turn, name, arg)
        if flow:
            return await self._flow_answer(turn, text)
        return await self._free_text(turn, text)

    async def _command(self, turn: Turn, name: str, arg: str) -> list[Reply]:
        handler = getattr(self, f"_cmd_{name}", None) if name in COMMANDS else None
        if handler is None:
            close = difflib.get_close_matches(name, COMMANDS, n=1, cutoff=0.6)
            hint = self.t(turn.lang, "did_you_mean", command=close[0]) if close else ""
            return [Reply(self.t(turn.lang, "unknown_command", command=name, hint=hint))]
        replies: list[Reply] = await handler(turn, arg.strip())
        return replies

    async def _command_in_flow(self, turn: Turn, name: str, arg: str, raw: str) -> list[Reply]:
        flow = turn.flow or {}
        if name == "cancel" or (name == "stop" and flow.get("name") != "practice"):
            return await self._cancel_flow(turn)
        if name == "stop" and flow.get("name") == "practice":
            return await self._practice_stop(turn)
        if name in ("help", "start"):
            where = self._where(turn)
            head = self.t(turn.lang, "help_in_flow", where=where)
            return [Reply(head, lang=turn.lang), *await self._reask(turn)]
        flow["leave"] = raw[:200]
        await self._save_flow(turn, flow)
        return [
            Reply(
                self.t(turn.lang, "leave_confirm", where=self._where(turn), command=raw[:60]),
                choices=[
                    Choice(self.t(turn.lang, "leave_yes"), self.t(turn.lang, "leave_yes")),
                    Choice(self.t(turn.lang, "leave_no"), self.t(turn.lang, "leave_no")),
                ],
                flow=flow.get("name"),
            )
        ]

    def _where(self, turn: Turn) -> str:
        flow = turn.flow or {}
        name = flow.get("name", "")
        label = self.t(turn.lang, f"flow_{name}", employee=flow.get("employee", ""))
        if name in ("prep", "reflect"):
            script = self._script(name, turn.lang)
            step = min(int(flow.get("step", 0)) + 1, len(script))
            return self.t(turn.lang, "where_step", flow=label, step=step, total=len(script))
        return label

    async def _cancel_flow(self, turn: Turn) -> list[Reply]:
        flow = turn.flow or {}
        await self._save_flow(turn, None)
        key = "cancelled_nothing_saved" if flow.get("name") in ("prep", "reflect") else "cancelled"
        return [Reply(self.t(turn.lang, key))]

    async def _reask(self, turn: Turn) -> list[Reply]:
        """Show the question the user is at again."""
        flow = turn.flow or {}
        name = flow.get("name")
        if name in ("prep", "reflect"):
            return [self._question_reply(turn, flow)]
        if name == "forget":
            return [self._forget_question(turn, flow)]
        if name == "pick":
            return [self._pick_question(turn, flow)]
        if name == "note":
            return [Reply(self.t(turn.lang, "note_ask", employee=flow["employee"]), flow="note")]
        if name == "practice":
            return [self._practice_prompt(turn, flow)]
        return []

    async def _flow_answer(self, turn: Turn, text: str) -> list[Reply]:
        flow = turn.flow or {}
        if flow.get("leave"):
            pending = flow.pop("leave")
            if text.strip().lower() in YES | {self.t(lg, "leave_yes").lower() for lg in LANGS}:
                await self._save_flow(turn, None)
                name, arg = _parse_command(pending)
                return await self._command(turn, name, arg)
            await self._save_flow(turn, flow)
            if text.strip().lower() in NO | {self.t(lg, "leave_no").lower() for lg in LANGS}:
                return await self._reask(turn)
            # anything else is an answer to the question they were at
        kind = flow.get("name")
        if kind in ("prep", "reflect"):
            return await self._scripted_answer(turn, text)
        if kind == "forget":
            return await self._forget_answer(turn, text)
        if kind == "pick":
            return await self._pick_answer(turn, text)
        if kind == "note":
            await self._save_flow(turn, None)
            return await self._store_note(turn, int(flow["employee_id"]), flow["employee"], text)
        if kind == "practice":
            return await self._practice_answer(turn, text)
        await self._save_flow(turn, None)
        return await self._free_text(turn, text)

    # --- free text: coaching questions ------------------------------------------------------

    async def _free_text(self, turn: Turn, text: str) -> list[Reply]:
        low = text.lower().strip(" !.?")
        small = self.prompt("messages", turn.lang).meta.get("small_talk", {})
        for key, words in small.items():
            if low in words:
                return [Reply(self.t(turn.lang, key), choices=self._start_choices(turn.lang))]
        lang = detect_language(text, default=turn.lang)
        if not turn.manager.language and lang != turn.session.get("lang") and len(text) > 15:
            turn.session["lang"] = lang  # no explicit choice yet: follow the user's language
            await self._save_session(turn)
        answer = await self._answer(turn, text, lang)
        return [Reply(answer.text, sources=answer.sources, lang=lang)]

    async def _answer(self, turn: Turn, question: str, lang: str) -> Answer:
        result = await self._search(question, lang, k=6)
        hits = list(result.hits)
        if not result.confident or not hits:
            return await self._not_covered(lang)
        notice = None
        if self.llm is not None:
            try:
                return await self._llm_answer(turn, question, hits, lang)
            except LLMError as exc:
                notice = self.t(lang, f"llm_failed_{exc.kind}")
        answer = self._offline_answer(question, hits, lang)
        if notice:
            answer.notice = notice
            answer.text = f"{notice}\n\n{answer.text}"
        return answer

    def _offline_answer(self, question: str, hits: list[Any], lang: str) -> Answer:
        # "which questions..." is answered by the guidance's own questions, in reading order
        wants = bool(re.search(r"vra(?:ag|gen)\b|questions?\b", question.lower()))
        picked = composer.pick_sentences(question, hits, lang, limit=12, want_questions=wants)
        statements = [s for s in picked if not composer.is_question(s.text)]
        from_guide = [s for s in picked if composer.is_question(s.text)]
        if wants and from_guide and statements:
            listed = sorted(from_guide[:4], key=lambda s: (hits.index(s.hit), s.order))
            statements = [statements[0], *listed, *statements[1:]]
            from_guide = []
        template = self.prompt("answer", lang)
        if not statements:
            msg = self.t(lang, "not_covered_short")
            return Answer(text=msg, body=msg, sources=[], grounded=False, lang=lang)
        bank = self.bank(lang)
        situations = bank.detect([question], [statements[0].text])
        suggestions = [s.text.strip("\"'“”‘’ ") for s in from_guide if composer.askable(s.text)][
            :1
        ]
        for q in bank.for_query(question + " " + statements[0].text, situations, k=2):
            if len(suggestions) < 2:
                suggestions.append(q.text)
        used = [s.hit for s in [*statements[:5], *from_guide[:1]]]
        sources = composer.unique_sources(used)
        other_lang = all(getattr(h, "language", lang) != lang for h in used)
        body = composer.tidy(
            template.render(
                opening=statements[0].text,
                bullets=composer.bullets(s.text for s in statements[1:5]),
                questions=(
                    template.text("questions_intro") + "\n" + composer.bullets(suggestions)
                    if suggestions
                    else ""
                ),
                note=template.text("other_language") if other_lang else "",
            )
        )
        line = composer.sources_line(template.text("sources_label"), sources)
        return Answer(
            text=f"{body}\n\n{line}",
            body=body,
            sources=sources,
            grounded=True,
            lang=lang,
            prompt=template.ref,
            via="offline",
        )

    async def _not_covered(self, lang: str) -> Answer:
        titles = await self._titles(lang)
        covered = composer.bullets(titles[:12])
        text = self.t(lang, "not_covered", covered=covered)
        return Answer(text=text, body=text, sources=[], grounded=False, lang=lang)

    async def _titles(self, lang: str) -> list[str]:
        """Document titles in the user's language where the document has that language."""
        docs = await self._run(self.kb.list_documents)
        titles: list[str] = []
        for doc in docs:
            title = doc.title
            if doc.language != lang and lang in (getattr(doc, "languages", None) or []):
                key = (doc.doc_id, doc.version, lang)
                if key not in self._title_cache:
                    # the registry names a document in its first language; a search in the
                    # user's language finds the translated title on the matching passage
                    result = await self._search(doc.title, lang, k=8)
                    self._title_cache[key] = next(
                        (
                            h.title
                            for h in result.hits
                            if h.doc_id == doc.doc_id and h.language == lang
                        ),
                        doc.title,
                    )
                title = self._title_cache[key]
            titles.append(title.strip('"'))
        return sorted(set(titles), key=str.lower)

    async def _llm_answer(self, turn: Turn, question: str, hits: list[Any], lang: str) -> Answer:
        assert self.llm is not None
        prompt = self.prompt("llm_ask", lang)
        numbered = [composer.source_of(h) for h in hits]
        blocks = "\n\n".join(
            prompt.text("source_block", n=i, label=s.label(), text=shorten(h.text, 1600))
            for i, (s, h) in enumerate(zip(numbered, hits, strict=True), 1)
        )
        context = await self._notes_context(turn, question, lang)
        messages: list[Message] = [
            {"role": "system", "content": prompt.render()},
            {
                "role": "user",
                "content": prompt.text("user", sources=blocks, question=question, context=context),
            },
        ]
        raw = await self._complete(messages, turn.stream)
        body, cited, dropped = check_citations(raw, len(numbered))
        if not cited:
            raise LLMError("empty", "no citation of a retrieved source")
        sources = [numbered[n - 1] for n in cited]
        template = self.prompt("answer", lang)
        parts = [body]
        notice = None
        if dropped:
            notice = self.t(
                lang, "citations_dropped", numbers=", ".join(f"[{n}]" for n in dropped)
            )
            parts.append(notice)
        parts.append(composer.sources_line(template.text("sources_label"), sources, numbers=cited))
        return Answer(
            text="\n\n".join(parts),
            body=body,
            sources=sources,
            grounded=True,
            lang=lang,
            notice=notice,
            prompt=prompt.ref,
            via="llm",
        )

    async def _complete(self, messages: list[Message], stream: StreamCallback | None) -> str:
        assert self.llm is not None
        if stream is None:
            return await self.llm.complete(messages)
        pieces: list[str] = []
        async for piece in self.llm.stream(messages):
            pieces.append(piece)
            result = stream(piece)
            if inspect.isawaitable(result):
                await result
        return "".join(pieces).strip()

    async def _notes_context(self, turn: Turn, question: str, lang: str) -> str:
        """Stored notes for the LLM, only when settings allow and the question names someone."""
        if not self.settings.llm_may_see_notes:
            return ""
        employees = await self._run(self.store.list_employees, manager_id=turn.manager.id)
        low = question.lower()
        named = [e for e in employees if re.search(rf"\b{re.escape(e.name.lower())}\b", low)]
        parts = []
        for emp in named[:2]:
            notes = await self._run(
                self.store.list_notes, manager_id=turn.manager.id, employee_id=emp.id, limit=3
            )
            for note in notes:
                parts.append(f"- {emp.name}: {shorten(note.body, 400)}")
        if not parts:
            return ""
        return self.prompt("llm_ask", lang).text("notes_block", notes="\n".join(parts))

    # --- simple commands --------------------------------------------------------------------

    def _start_choices(self, lang: str) -> list[Choice]:
        return [
            Choice(self.t(lang, "choice_prep"), "/prep"),
            Choice(self.t(lang, "choice_reflect"), "/reflect"),
            Choice(self.t(lang, "choice_help"), "/help"),
        ]

    async def _cmd_start(self, turn: Turn, arg: str) -> list[Reply]:
        return [Reply(self.t(turn.lang, "welcome"), choices=self._start_choices(turn.lang))]

    async def _cmd_help(self, turn: Turn, arg: str) -> list[Reply]:
        return [Reply(self.prompt("help", turn.lang).render())]

    async def _cmd_cancel(self, turn: Turn, arg: str) -> list[Reply]:
        return [Reply(self.t(turn.lang, "nothing_to_cancel"))]

    async def _cmd_stop(self, turn: Turn, arg: str) -> list[Reply]:
        return await self._cmd_cancel(turn, arg)

    async def _cmd_ask(self, turn: Turn, arg: str) -> list[Reply]:
        if not arg:
            return [Reply(self.t(turn.lang, "ask_how"))]
        return await self._free_text(turn, arg)

    async def _cmd_lang(self, turn: Turn, arg: str) -> list[Reply]:
        choice = arg.lower()[:2]
        if choice not in LANGS:
            return [
                Reply(
                    self.t(turn.lang, "lang_which"),
                    choices=[Choice("Nederlands", "/lang nl"), Choice("English", "/lang en")],
                )
            ]
        turn.manager = await self._run(
            self.store.update_manager, manager_id=turn.manager.id, language=choice
        )
        turn.lang = choice
        return [Reply(self.t(choice, "lang_set"), lang=choice)]

    async def _cmd_reminders(self, turn: Turn, arg: str) -> list[Reply]:
        value = arg.lower()
        if value in ("on", "aan"):
            enabled = True
        elif value in ("off", "uit"):
            enabled = False
        else:
            state = "on" if turn.manager.reminders_enabled else "off"
            return [
                Reply(
                    self.t(turn.lang, f"reminders_status_{state}"),
                    choices=[
                        Choice(self.t(turn.lang, "reminders_choice_on"), "/reminders on"),
                        Choice(self.t(turn.lang, "reminders_choice_off"), "/reminders off"),
                    ],
                )
            ]
        await self._run(
            self.store.update_manager, manager_id=turn.manager.id, reminders_enabled=enabled
        )
        return [Reply(self.t(turn.lang, "reminders_on" if enabled else "reminders_off"))]

    async def _cmd_employees(self, turn: Turn, arg: str) -> list[Reply]:
        employees = await self._run(self.store.list_employees, manager_id=turn.manager.id)
        if not employees:
            return [Reply(self.t(turn.lang, "no_employees"))]
        items = await self._run(self.store.list_action_items, manager_id=turn.manager.id)
        open_count: dict[int, int] = {}
        for item in items:
            open_count[item.employee_id] = open_count.get(item.employee_id, 0) + 1
        lines = []
        for emp in employees:
            last = await self._run(
                self.store.latest_one_on_one, manager_id=turn.manager.id, employee_id=emp.id
            )
            when = ""
            if last is not None:
                when = self.t(
                    turn.lang,
                    "employee_last_talk",
                    date=self._date(turn.lang, last.planned_for or last.created_at.date()),
                    status=self.t(turn.lang, f"status_{last.status}"),
                )
            lines.append(
                self.t(
                    turn.lang,
                    "employee_line",
                    name=emp.name,
                    open=open_count.get(emp.id, 0),
                    last=when,
                ).rstrip()
            )
        text = self.t(turn.lang, "employees_header") + "\n" + "\n".join(lines)
        return [Reply(text)]

    async def _agreement_list(self, turn: Turn) -> list[Any]:
        return list(await self._run(self.store.list_action_items, manager_id=turn.manager.id))

    async def _cmd_agreements(self, turn: Turn, arg: str) -> list[Reply]:
        items = await self._agreement_list(turn)
        if not items:
            return [Reply(self.t(turn.lang, "no_agreements"))]
        names = await self._employee_names(turn)
        lines = [
            self._agreement_line(turn.lang, i, item, names) for i, item in enumerate(items, 1)
        ]
        text = self.t(turn.lang, "agreements_header") + "\n" + "\n".join(lines)
        text += "\n\n" + self.t(turn.lang, "agreements_footer")
        return [Reply(text)]

    def _agreement_line(self, lang: str, n: int | None, item: Any, names: dict[int, str]) -> str:
        due = ""
        if item.due:
            key = "due_overdue" if item.due < self.today() else "due_on"
            due = self.t(lang, key, date=self._date(lang, item.due))
        return self.t(
            lang,
            "agreement_line" if n is not None else "agreement_line_plain",
            n=n or "",
            employee=names.get(item.employee_id, "?"),
            owner=self.t(lang, f"owner_{item.owner}"),
            text=item.text,
            due=due,
        ).rstrip()

    async def _employee_names(self, turn: Turn) -> dict[int, str]:
        employees = await self._run(self.store.list_employees, manager_id=turn.manager.id)
        return {e.id: e.name for e in employees}

    async def _cmd_done(self, turn: Turn, arg: str) -> list[Reply]:
        items = await self._agreement_list(turn)
        if not items:
            return [Reply(self.t(turn.lang, "no_agreements"))]
        numbers = [int(n) for n in re.findall(r"\d+", arg)]
        if not numbers:
            names = await self._employee_names(turn)
            lines = [
                self._agreement_line(turn.lang, i, it, names) for i, it in enumerate(items, 1)
            ]
            return [
                Reply(
                    self.t(turn.lang, "done_which") + "\n" + "\n".join(lines),
                    choices=[
                        Choice(str(i), f"/done {i}") for i in range(1, min(len(items), 8) + 1)
                    ],
                )
            ]
        bad = [n for n in numbers if not 1 <= n <= len(items)]
        if bad:
            return [Reply(self.t(turn.lang, "done_bad_number", n=bad[0], count=len(items)))]
        done = []
        pending = await self._run(self.store.pending_reminders, manager_id=turn.manager.id)
        for n in sorted(set(numbers)):
            item = items[n - 1]
            await self._run(
                self.store.complete_action_item, manager_id=turn.manager.id, item_id=item.id
            )
            for reminder in pending:  # an agreement already done needs no reminder
                if reminder.payload.get("item_id") == item.id:
                    await self._run(self.store.mark_reminder_sent, reminder_id=reminder.id)
            done.append(item.text)
        return [Reply(self.t(turn.lang, "done_ok", items=composer.bullets(done)))]

    async def _cmd_privacy(self, turn: Turn, arg: str) -> list[Reply]:
        summary = await self._run(self.store.privacy_summary, manager_id=turn.manager.id)
        lang = turn.lang
        lines = [
            self.t(
                lang,
                "privacy_employee",
                name=e["name"],
                notes=e.get("notes", 0),
                talks=e.get("one_on_ones", 0),
                items=e.get("action_items", 0),
                reminders=e.get("reminders", 0),
            )
            for e in summary.get("employees", [])
        ]
        retention = summary.get("retention_days")
        text = self.prompt("privacy", lang).render(
            employees="\n".join(lines) or self.t(lang, "privacy_nobody"),
            retention=(
                self.t(lang, "privacy_retention_days", days=retention)
                if retention
                else self.t(lang, "privacy_retention_none")
            ),
            llm=self._llm_privacy_line(lang),
        )
        return [Reply(text)]

    def _llm_privacy_line(self, lang: str) -> str:
        if self.llm is None:
            return self.t(lang, "privacy_llm_none")
        if self.settings.llm_may_see_notes:
            return self.t(lang, "privacy_llm_notes")
        return self.t(lang, "privacy_llm_no_notes")

    async def _cmd_export(self, turn: Turn, arg: str) -> list[Reply]:
        employee = None
        if arg:
            found = await self._resolve(turn, arg, command="export", create=False)
            if isinstance(found, list):
                return found
            employee = found
        content = await self._run(
            self.store.export,
            manager_id=turn.manager.id,
            employee_id=employee.id if employee else None,
            fmt="md",
            actor=turn.actor.external_id,
        )
        slug = _slug(employee.name) if employee else "alles" if turn.lang == "nl" else "all"
        filename = f"skillscoach-{slug}-{self.today().isoformat()}.md"
        key = "export_one" if employee else "export_all"
        return [
            Reply(
                self.t(turn.lang, key, employee=employee.name if employee else ""),
                attachment=(filename, content.encode("utf-8")),
            )
        ]

    # --- employees by name ------------------------------------------------------------------

    async def _resolve(
        self, turn: Turn, raw: str, *, command: str, create: bool, rest: str = ""
    ) -> Any:
        """The employee a command names, or replies that ask which one is meant."""
        name = _clean_name(raw)
        lang = turn.lang
        if not name or not NAME_RE.match(name):
            return [Reply(self.t(lang, "bad_name", command=command))]
        found = await self._run(self.store.find_employee, manager_id=turn.manager.id, name=name)
        if found is not None:
            return found
        employees = await self._run(self.store.list_employees, manager_id=turn.manager.id)
        close = _closest(name, [e.name for e in employees])
        if create and not close:
            emp = await self._run(self.store.add_employee, manager_id=turn.manager.id, name=name)
            turn.notices.append(self.t(lang, "employee_added", name=emp.name))
            return emp
        if create:
            flow = {
                "name": "pick",
                "lang": lang,
                "command": command,
                "rest": rest,
                "typed": name,
                "options": close,
            }
            await self._save_flow(turn, flow)
            return [self._pick_question(turn, flow)]
        if close:
            return [
                Reply(
                    self.t(lang, "unknown_employee_close", name=name, options=", ".join(close)),
                    choices=[Choice(c, f"/{command} {c}"[:60]) for c in close],
                )
            ]
        known = ", ".join(e.name for e in employees) or self.t(lang, "nobody_yet")
        return [Reply(self.t(lang, "unknown_employee", name=name, known=known))]

    def _pick_question(self, turn: Turn, flow: dict[str, Any]) -> Reply:
        lang = turn.lang
        choices = [Choice(c, c[:60]) for c in flow["options"]]
        choices.append(
            Choice(self.t(lang, "pick_new", name=flow["typed"]), f"+{flow['typed']}"[:60])
        )
        choices.append(Choice(self.t(lang, "cancel_label"), "/cancel"))
        return Reply(
            self.t(lang, "pick_which", name=flow["typed"], options=", ".join(flow["options"])),
            choices=choices,
            flow="pick",
        )

    async def _pick_answer(self, turn: Turn, text: str) -> list[Reply]:
        flow = turn.flow or {}
        chosen = text.strip()
        await self._save_flow(turn, None)
        command, rest = flow["command"], flow.get("rest", "")
        if chosen.startswith("+"):
            name = _clean_name(chosen[1:]) or flow["typed"]
            if not NAME_RE.match(name):
                return [Reply(self.t(turn.lang, "bad_name", command=command))]
            emp = await self._run(self.store.add_employee, manager_id=turn.manager.id, name=name)
            turn.notices.append(self.t(turn.lang, "employee_added", name=emp.name))
        else:
            emp = await self._run(
                self.store.find_employee, manager_id=turn.manager.id, name=_clean_name(chosen)
            )
            if emp is None:
                # not one of the options: treat it as a fresh try with the typed name
                return await self._command(turn, command, f"{chosen} {rest}".strip())
        return await self._start_for(turn, command, emp, rest)

    async def _start_for(self, turn: Turn, command: str, emp: Any, rest: str) -> list[Reply]:
        if command == "prep":
            return await self._start_scripted(turn, "prep", emp)
        if command == "reflect":
            return await self._start_scripted(turn, "reflect", emp)
        if command == "practice":
            return await self._start_practice(turn, emp)
        if command == "note":
            if rest:
                return await self._store_note(turn, emp.id, emp.name, rest)
            flow = {"name": "note", "lang": turn.lang, "employee_id": emp.id, "employee": emp.name}
            await self._save_flow(turn, flow)
            return [Reply(self.t(turn.lang, "note_ask", employee=emp.name), flow="note")]
        raise ValueError(command)

    async def _needs_name(self, turn: Turn, command: str) -> list[Reply]:
        employees = await self._run(self.store.list_employees, manager_id=turn.manager.id)
        return [
            Reply(
                self.t(turn.lang, f"{command}_who"),
                choices=[Choice(e.name, f"/{command} {e.name}"[:60]) for e in employees[:8]],
            )
        ]

    # --- notes ------------------------------------------------------------------------------

    async def _cmd_note(self, turn: Turn, arg: str) -> list[Reply]:
        if not arg:
            return await self._needs_name(turn, "note")
        employees = await self._run(self.store.list_employees, manager_id=turn.manager.id)
        name, rest = _split_name(arg, [e.name for e in employees])
        found = await self._resolve(turn, name, command="note", create=True, rest=rest)
        if isinstance(found, list):
            return found
        return await self._start_for(turn, "note", found, rest)

    async def _store_note(self, turn: Turn, employee_id: int, name: str, text: str) -> list[Reply]:
        await self._run(
            self.store.add_note,
            manager_id=turn.manager.id,
            employee_id=employee_id,
            body=text,
            kind="free",
        )
        return [Reply(self.t(turn.lang, "note_saved", employee=name))]

    async def _cmd_notes(self, turn: Turn, arg: str) -> list[Reply]:
        if not arg:
            return await self._needs_name(turn, "notes")
        found = await self._resolve(turn, arg, command="notes", create=False)
        if isinstance(found, list):
            return found
        notes = await self._run(
            self.store.list_notes, manager_id=turn.manager.id, employee_id=found.id, limit=10
        )
        if not notes:
            return [Reply(self.t(turn.lang, "notes_none", employee=found.name))]
        lines = []
        for note in notes:
            # cards and reflections are long: one line each
            body = note.body if note.kind == "free" else shorten(_one_line(note.body), 300)
            lines.append(
                self.t(
                    turn.lang,
                    "note_line",
                    date=self._date(turn.lang, note.created_at.astimezone(self.tz).date()),
                    kind=self.t(turn.lang, f"note_kind_{note.kind}"),
                    body=shorten(body, 600),
                )
            )
        text = self.t(turn.lang, "notes_header", employee=found.name) + "\n\n" + "\n\n".join(lines)
        return [Reply(text)]

    # --- forget -----------------------------------------------------------------------------

    async def _cmd_forget(self, turn: Turn, arg: str) -> list[Reply]:
        if not arg:
            return await self._needs_name(turn, "forget")
        found = await self._resolve(turn, arg, command="forget", create=False)
        if isinstance(found, list):
            return found
        flow = {
            "name": "forget",
            "lang": turn.lang,
            "employee_id": found.id,
            "employee": found.name,
        }
        await self._save_flow(turn, flow)
        return [self._forget_question(turn, flow)]

    def _forget_question(self, turn: Turn, flow: dict[str, Any]) -> Reply:
        lang = turn.lang
        yes = self.t(lang, "forget_yes", employee=flow["employee"])[:60]
        return Reply(
            self.t(lang, "forget_confirm", employee=flow["employee"]),
            choices=[Choice(yes, yes), Choice(self.t(lang, "forget_no"), NO_VALUE[lang])],
            flow="forget",
        )

    async def _forget_answer(self, turn: Turn, text: str) -> list[Reply]:
        flow = turn.flow or {}
        lang = turn.lang
        yes = {self.t(lg, "forget_yes", employee=flow["employee"])[:60].lower() for lg in LANGS}
        if text.strip().lower() not in (YES | yes):
            await self._save_flow(turn, None)
            return [Reply(self.t(lang, "forget_kept", employee=flow["employee"]))]
        await self._save_flow(turn, None)
        await self._run(
            self.store.erase_employee,
            manager_id=turn.manager.id,
            employee_id=int(flow["employee_id"]),
            actor=turn.actor.external_id,
        )
        return [Reply(self.t(lang, "forget_done", employee=flow["employee"]))]

    # --- scripted flows: prepare and reflect ------------------------------------------------

    def _script(self, name: str, lang: str) -> FlowScript:
        return FlowScript(self.prompt(f"flow_{name}", lang))

    async def _cmd_prep(self, turn: Turn, arg: str) -> list[Reply]:
        if not arg:
            return await self._needs_name(turn, "prep")
        found = await self._resolve(turn, arg, command="prep", create=True)
        if isinstance(found, list):
            return found
        return await self._start_for(turn, "prep", found, "")

    async def _cmd_reflect(self, turn: Turn, arg: str) -> list[Reply]:
        if not arg:
            return await self._needs_name(turn, "reflect")
        found = await self._resolve(turn, arg, command="reflect", create=True)
        if isinstance(found, list):
            return found
        return await self._start_for(turn, "reflect", found, "")

    async def _start_scripted(self, turn: Turn, name: str, emp: Any) -> list[Reply]:
        flow = {
            "name": name,
            "lang": turn.lang,
            "step": 0,
            "employee_id": emp.id,
            "employee": emp.name,
            "answers": {},
            "started": self.now().isoformat(),
        }
        await self._save_flow(turn, flow)
        script = self._script(name, turn.lang)
        intro = script.intro(employee=emp.name)
        question = self._question_reply(turn, flow)
        question.text = f"{intro}\n\n{question.text}"
        return [question]

    def _question_reply(self, turn: Turn, flow: dict[str, Any]) -> Reply:
        script = self._script(flow["name"], turn.lang)
        text, choices = script.ask(
            int(flow["step"]), self.t(turn.lang, "skip_label"), employee=flow["employee"]
        )
        return Reply(text, choices=choices, flow=flow["name"])

    async def _scripted_answer(self, turn: Turn, text: str) -> list[Reply]:
        flow = turn.flow or {}
        script = self._script(flow["name"], turn.lang)
        result = script.answer(flow, text, self.today())
        if not result.ok:
            again = self._question_reply(turn, flow)
            again.text = f"{result.problem}\n\n{again.text}"
            return [again]
        if not script.done(flow):
            await self._save_flow(turn, flow)
            return [self._question_reply(turn, flow)]
        await self._save_flow(turn, flow)  # the answers survive a failure while finishing
        if flow["name"] == "prep":
            replies = await self._finish_prep(turn, flow)
        else:
            replies = await self._finish_reflect(turn, flow)
        await self._save_flow(turn, None)
        return replies

    async def _tips(
        self, queries: list[str], lang: str, limit: int = 3
    ) -> list[composer.Sentence]:
        tips: list[composer.Sentence] = []
        used_docs: set[str] = set()
        for query in queries:
            result = await self._search(query, lang, k=4)
            if not result.confident:
                continue
            hits = [h for h in result.hits if h.doc_id not in used_docs]
            picked = [
                p
                for p in composer.pick_sentences(query, hits, lang, limit=4)
                if not composer.is_question(p.text)
            ]
            if picked:
                # a tip should tell the manager what to do: prefer an instruction if one is
                # nearly as relevant as the best sentence
                advice = [p for p in picked if composer.is_advice(p.text)]
                best = (
                    advice[0]
                    if advice and advice[0].score >= 0.7 * picked[0].score
                    else (picked[0])
                )
                tips.append(best)
                used_docs.add(best.hit.doc_id)
            if len(tips) >= limit:
                break
        return tips

    async def _finish_prep(self, turn: Turn, flow: dict[str, Any]) -> list[Reply]:
        lang, name, emp_id = turn.lang, flow["employee"], int(flow["employee_id"])
        manager_id = turn.manager.id
        answers: dict[str, Any] = dict(flow.get("answers", {}))
        planned = date.fromisoformat(answers["date"]) if answers.get("date") else None
        # what the manager says about the person weighs more than what they say about the team
        weight = {"strengths": 1.5, "ambitions": 1.5, "barriers": 2.0, "support": 1.2}
        keys = [k for k, v in answers.items() if k != "date" and v]
        said = [str(answers[k]) for k in keys]
        card_prompt = self.prompt("card", lang)
        bank = self.bank(lang)

        retrieved: list[str] = []
        if said:
            result = await self._search(shorten(" ".join(said), 900), lang, k=5)
            if result.confident:
                retrieved = [h.text for h in result.hits]
        situations = bank.detect(
            said, retrieved, limit=4, weights=[weight.get(k, 1.0) for k in keys]
        )
        previous = await self._run(
            self.store.latest_one_on_one, manager_id=manager_id, employee_id=emp_id
        )
        avoid = (previous.preparation_answers or {}).get("question_ids", []) if previous else []
        questions = bank.select(situations, avoid=avoid)
        queries = [bank.situations[s].query for s in situations]
        queries += [str(q) for q in card_prompt.meta.get("tip_queries", [])]
        tips = await self._tips(queries, lang, limit=3)

        items = await self._run(
            self.store.list_action_items, manager_id=manager_id, employee_id=emp_id
        )
        notes = await self._run(
            self.store.list_notes, manager_id=manager_id, employee_id=emp_id, limit=20
        )
        last_note = next((n for n in notes if n.kind != "prep"), None)
        employee = await self._run(
            self.store.get_employee, manager_id=manager_id, employee_id=emp_id
        )

        agenda = self._agenda(card_prompt, answers, situations, len(items), bank, name)
        card = composer.tidy(
            card_prompt.render(
                employee=name,
                date=self._date(lang, planned),
                agenda=composer.numbered(agenda),
                questions=composer.numbered(q.text for q in questions),
                tips="\n".join(
                    card_prompt.text(
                        "tip", text=tip.text, source=composer.source_of(tip.hit).label()
                    )
                    for tip in tips
                )
                or card_prompt.text("no_tips"),
                agreements=(
                    "\n".join(self._agreement_line(lang, None, i, {emp_id: name}) for i in items)
                    or card_prompt.text("no_agreements")
                ),
                last_note=(
                    card_prompt.text(
                        "last_note",
                        date=self._date(lang, last_note.created_at.astimezone(self.tz).date()),
                        body=shorten(_one_line(last_note.body), 500),
                    )
                    if last_note
                    else card_prompt.text("no_last_note")
                ),
                known=self._known_line(card_prompt, employee),
            )
        )
        talk = await self._run(
            self.store.start_one_on_one,
            manager_id=manager_id,
            employee_id=emp_id,
            planned_for=planned,
        )
        reminder_id = None
        if planned is not None:
            reminder = await self._run(
                self.store.schedule_reminder,
                manager_id=manager_id,
                kind="reflect",
                due_at=self._at_reminder_hour(planned + timedelta(days=1)),
                payload={
                    "employee_id": emp_id,
                    "employee": name,
                    "lang": lang,
                    "one_on_one_id": talk.id,
                },
            )
            reminder_id = reminder.id
        stored_answers = {
            **answers,
            "situations": situations,
            "question_ids": [q.id for q in questions],
            "tip_sources": [composer.source_of(t.hit).as_dict() for t in tips],
            "prompt": card_prompt.ref,
            "reminder_id": reminder_id,
        }
        await self._run(
            self.store.save_preparation,
            manager_id=manager_id,
            one_on_one_id=talk.id,
            card=card,
            answers=stored_answers,
            planned_for=planned,
        )
        await self._run(
            self.store.add_note, manager_id=manager_id, employee_id=emp_id, body=card, kind="prep"
        )
        saved = self.t(lang, "card_saved", employee=name)
        if planned is not None:
            saved += " " + self.t(
                lang,
                "card_reminder",
                date=self._date(lang, planned + timedelta(days=1)),
                employee=name,
            )
        sources = composer.unique_sources([t.hit for t in tips])
        return [
            Reply(card, sources=sources, lang=lang),
            Reply(
                saved, choices=[Choice(self.t(lang, "choice_practice"), f"/practice {name}"[:60])]
            ),
        ]

    def _agenda(
        self,
        card_prompt: Prompt,
        answers: dict[str, Any],
        situations: list[str],
        open_items: int,
        bank: QuestionBank,
        name: str,
    ) -> list[str]:
        agenda: list[str] = []
        for item in card_prompt.meta["agenda"]:
            when = item.get("when", "always")
            if when == "agreements" and not open_items:
                continue
            if when == "situations" and not situations:
                continue
            if when.startswith("answer:") and not answers.get(when.split(":", 1)[1]):
                continue
            agenda.append(
                str(item["text"]).format(
                    employee=name,
                    count=open_items,
                    goal=shorten(str(answers.get("goal") or ""), 90),
                    situations=", ".join(bank.situations[s].label.lower() for s in situations),
                )
            )
        return agenda

    def _known_line(self, card_prompt: Prompt, employee: Any) -> str:
        parts = []
        if employee.skills:
            parts.append(card_prompt.text("known_skills", skills=", ".join(employee.skills[:8])))
        if employee.ambitions:
            parts.append(
                card_prompt.text("known_ambitions", ambitions=", ".join(employee.ambitions[:6]))
            )
        return "\n".join(parts)

    async def _remember_tags(
        self, turn: Turn, employee: Any, skills: str | None, ambitions: str | None
    ) -> None:
        new_skills = _tags(skills)
        new_ambitions = _tags(ambitions)
        if not new_skills and not new_ambitions:
            return
        await self._run(
            self.store.update_employee,
            manager_id=turn.manager.id,
            employee_id=employee.id,
            skills=_merge(employee.skills, new_skills)[:20] if new_skills else None,
            ambitions=_merge(employee.ambitions, new_ambitions)[:12] if new_ambitions else None,
        )

    def _at_reminder_hour(self, day: date) -> datetime:
        return datetime.combine(day, time(self.settings.reminder_hour), tzinfo=self.tz)

    async def _finish_reflect(self, turn: Turn, flow: dict[str, Any]) -> list[Reply]:
        lang, name, emp_id = turn.lang, flow["employee"], int(flow["employee_id"])
        manager_id = turn.manager.id
        answers: dict[str, Any] = dict(flow.get("answers", {}))
        talk: Any = None
        for status in ("prepared", "held", "preparing"):
            talk = await self._run(
                self.store.latest_one_on_one,
                manager_id=manager_id,
                employee_id=emp_id,
                status=status,
            )
            if talk is not None:
                break
        if talk is None:
            talk = await self._run(
                self.store.start_one_on_one,
                manager_id=manager_id,
                employee_id=emp_id,
                planned_for=self.today(),
            )
        agreements = parse_agreements(
            answers.get("agreements") or "", employee=name, today=self.today()
        )
        template = self.prompt("reflection_summary", lang)
        dash = template.text("skipped")
        agreement_lines = [
            template.text(
                "agreement",
                owner=name if a.owner == "employee" else self.t(lang, "owner_manager"),
                text=a.text,
                due=self.t(lang, "due_on", date=self._date(lang, a.due)) if a.due else "",
            ).rstrip()
            for a in agreements
        ]
        summary = composer.tidy(
            template.render(
                employee=name,
                date=self._date(lang, talk.planned_for or self.today(), relative=False),
                how=answers.get("how") or dash,
                skills=answers.get("skills") or dash,
                ambitions=answers.get("ambitions") or dash,
                agreements="\n".join(agreement_lines) or template.text("no_agreements"),
                did=answers.get("did") or dash,
                felt=answers.get("felt") or dash,
                better=answers.get("better") or dash,
            )
        )
        await self._run(
            self.store.save_reflection,
            manager_id=manager_id,
            one_on_one_id=talk.id,
            reflection=summary,
        )
        await self._run(
            self.store.add_note,
            manager_id=manager_id,
            employee_id=emp_id,
            body=summary,
            kind="reflection",
        )
        old_reminder = (talk.preparation_answers or {}).get("reminder_id")
        if old_reminder:  # reflected already: the "how did it go?" reminder is moot
            await self._run(self.store.mark_reminder_sent, reminder_id=int(old_reminder))
        reminders = 0
        for agreement in agreements:
            item = await self._run(
                self.store.add_action_item,
                manager_id=manager_id,
                employee_id=emp_id,
                text=agreement.text,
                owner=agreement.owner,
                due=agreement.due,
                one_on_one_id=talk.id,
            )
            if agreement.due and agreement.due >= self.today():
                await self._run(
                    self.store.schedule_reminder,
                    manager_id=manager_id,
                    kind="agreement",
                    due_at=self._at_reminder_hour(agreement.due),
                    payload={
                        "employee_id": emp_id,
                        "employee": name,
                        "lang": lang,
                        "item_id": item.id,
                        "text": agreement.text,
                        "due": agreement.due.isoformat(),
                    },
                )
                reminders += 1
        employee = await self._run(
            self.store.get_employee, manager_id=manager_id, employee_id=emp_id
        )
        await self._remember_tags(turn, employee, answers.get("skills"), answers.get("ambitions"))

        tip_query = " ".join(
            [
                template.text("tip_query"),
                str(answers.get("better") or ""),
                str(answers.get("did") or ""),
            ]
        )
        tips = await self._tips([shorten(tip_query, 600)], lang, limit=1)
        closing = self.t(
            lang, "reflect_saved", employee=name, count=len(agreements), reminders=reminders
        )
        sources: list[Source] = []
        if tips:
            source = composer.source_of(tips[0].hit)
            closing += "\n\n" + template.text("tip", text=tips[0].text, source=source.label())
            sources.append(source)
        return [Reply(summary, lang=lang), Reply(closing, sources=sources, lang=lang)]

    # --- practice ---------------------------------------------------------------------------

    async def _cmd_practice(self, turn: Turn, arg: str) -> list[Reply]:
        if not arg:
            return await self._needs_name(turn, "practice")
        found = await self._resolve(turn, arg, command="practice", create=True)
        if isinstance(found, list):
            return found
        return await self._start_for(turn, "practice", found, "")

    def _situation_choices(self, lang: str) -> list[Choice]:
        bank = self.bank(lang)
        picks = self.prompt("messages", lang).meta["practice_situations"]
        return [
            Choice(bank.situations[tag].label, bank.situations[tag].label[:60]) for tag in picks
        ]

    async def _start_practice(self, turn: Turn, emp: Any) -> list[Reply]:
        flow = {
            "name": "practice",
            "lang": turn.lang,
            "employee_id": emp.id,
            "employee": emp.name,
            "stage": "situation",
            "history": [],
            "mode": "llm" if self.llm is not None else "offline",
        }
        await self._save_flow(turn, flow)
        key = "practice_intro_llm" if self.llm is not None else "practice_intro_offline"
        head = self.t(turn.lang, key, employee=emp.name)
        question = self._practice_prompt(turn, flow)
        question.text = f"{head}\n\n{question.text}"
        return [question]

    def _practice_prompt(self, turn: Turn, flow: dict[str, Any]) -> Reply:
        if flow.get("stage") == "situation":
            return Reply(
                self.t(turn.lang, "practice_situation", employee=flow["employee"]),
                choices=self._situation_choices(turn.lang),
                flow="practice",
            )
        return Reply(
            self.t(turn.lang, "practice_go_on", employee=flow["employee"]), flow="practice"
        )

    async def _practice_answer(self, turn: Turn, text: str) -> list[Reply]:
        flow = turn.flow or {}
        if flow.get("stage") == "situation":
            bank = self.bank(turn.lang)
            tag = next(
                (t for t, s in bank.situations.items() if s.label.lower() == text.lower()), None
            )
            if tag is None:
                found = bank.detect([text], limit=1)
                tag = found[0] if found else None
            flow["situation_tag"] = tag
            flow["situation"] = shorten(text, 400)
            flow["stage"] = "talk"
            await self._save_flow(turn, flow)
            if flow["mode"] == "llm":
                return [
                    Reply(
                        self.t(turn.lang, "practice_llm_go", employee=flow["employee"]),
                        flow="practice",
                    )
                ]
            return [self._offline_practice_card(turn, flow)]
        if len(flow.get("history", [])) >= MAX_PRACTICE_TURNS * 2:
            return [Reply(self.t(turn.lang, "practice_long"), flow="practice")]
        previous = next(
            (h["text"] for h in reversed(flow.get("history", [])) if h["role"] == "employee"),
            None,
        )
        flow.setdefault("history", []).append({"role": "manager", "text": shorten(text, 800)})
        if flow["mode"] == "llm":
            try:
                reply = await self._roleplay_turn(turn, flow)
            except LLMError as exc:
                flow["mode"] = "offline"
                await self._save_flow(turn, flow)
                notice = self.t(turn.lang, f"llm_failed_{exc.kind}")
                card = self._offline_practice_card(turn, flow)
                card.text = f"{notice}\n\n{card.text}"
                return [card]
            flow["history"].append({"role": "employee", "text": reply})
            await self._save_flow(turn, flow)
            return [Reply(f"{flow['employee']}: {reply}", flow="practice")]
        # offline: say what kind of question it was and how the employee might react
        await self._save_flow(turn, flow)
        return [self._offline_feedback_line(turn, flow, text, previous)]

    def _offline_practice_card(self, turn: Turn, flow: dict[str, Any]) -> Reply:
        lang = turn.lang
        bank = self.bank(lang)
        tag = flow.get("situation_tag")
        reactions = bank.reactions(tag) if tag else []
        if not reactions:
            reactions = [r for s in list(bank.situations)[:2] for r in bank.reactions(s)][:2]
        questions = bank.select([tag] if tag else [], limit=8)
        specific = [q for q in questions if tag and tag in q.tags][:3] or questions[3:6]
        text = self.t(
            lang,
            "practice_offline_card",
            employee=flow["employee"],
            reactions=composer.bullets(f"“{r}”" for r in reactions),
            questions=composer.bullets(q.text for q in specific),
        )
        return Reply(text, flow="practice")

    def _offline_feedback_line(
        self, turn: Turn, flow: dict[str, Any], text: str, previous: str | None
    ) -> Reply:
        lang = turn.lang
        kind = question_kind(text)
        bank = self.bank(lang)
        tag = flow.get("situation_tag")
        reactions = bank.reactions(tag) if tag else []
        asked = sum(1 for h in flow.get("history", []) if h["role"] == "manager")
        line = self.t(lang, f"practice_kind_{kind}")
        if kind != "open":
            fitting = [q for q in bank.questions if tag and tag in q.tags]
            options = fitting or bank.select([], limit=8)
            suggestion = options[(asked - 1) % len(options)].text if options else ""
            line += " " + self.t(lang, "practice_try_instead", question=suggestion)
        if reactions:
            reaction = reactions[(asked - 1) % len(reactions)]
            flow["history"].append({"role": "employee", "text": reaction})
            line += "\n\n" + self.t(
                lang, "practice_maybe", employee=flow["employee"], reaction=reaction
            )
        return Reply(line, flow="practice")

    async def _roleplay_turn(self, turn: Turn, flow: dict[str, Any]) -> str:
        prompt = self.prompt("llm_roleplay", turn.lang)
        context = ""
        if self.settings.llm_may_see_notes:
            last = await self._run(
                self.store.latest_one_on_one,
                manager_id=turn.manager.id,
                employee_id=int(flow["employee_id"]),
            )
            if last is not None and last.preparation_answers:
                known = {
                    k: v
                    for k, v in last.preparation_answers.items()
                    if k in ("strengths", "ambitions", "support", "barriers") and v
                }
                if known:
                    context = prompt.text("context_block", context=shorten(str(known), 800))
        system = prompt.render(
            employee=flow["employee"], situation=flow.get("situation") or "-", context=context
        )
        messages: list[Message] = [{"role": "system", "content": system}]
        for h in flow["history"][-20:]:
            role = "user" if h["role"] == "manager" else "assistant"
            messages.append({"role": role, "content": h["text"]})  # type: ignore[typeddict-item]
        reply = await self._complete(messages, turn.stream)
        return shorten(reply.strip().removeprefix(f"{flow['employee']}:").strip(), 1200)

    async def _practice_stop(self, turn: Turn) -> list[Reply]:
        flow = turn.flow or {}
        await self._save_flow(turn, None)
        history = flow.get("history", [])
        stats = PracticeStats.of(history)
        lang = turn.lang
        if stats.turns == 0:
            return [Reply(self.t(lang, "practice_stopped_empty"))]
        summary = self.t(
            lang,
            "practice_stats",
            turns=stats.turns,
            open=stats.open,
            closed=stats.closed,
            statements=stats.statements,
        )
        if flow.get("mode") == "llm":  # with canned reactions listening cannot be judged
            summary += " " + self.t(
                lang, "practice_listening", listening=stats.listening, employee=flow["employee"]
            )
        if stats.closed >= stats.open:
            summary += "\n" + self.t(lang, "practice_tip_closed")
        elif stats.listening == 0 and flow.get("mode") == "llm":
            summary += "\n" + self.t(lang, "practice_tip_listen")
        else:
            summary += "\n" + self.t(lang, "practice_tip_good")
        if flow.get("mode") == "llm" and self.llm is not None:
            prompt = self.prompt("llm_feedback", lang)
            you = self.t(lang, "you")
            transcript = "\n".join(
                f"{you if h['role'] == 'manager' else flow['employee']}: {h['text']}"
                for h in history
            )
            messages: list[Message] = [
                {"role": "system", "content": prompt.render()},
                {
                    "role": "user",
                    "content": prompt.text("user", transcript=transcript, stats=summary),
                },
            ]
            try:
                feedback = await self._complete(messages, turn.stream)
                summary = f"{summary}\n\n{feedback}"
            except LLMError as exc:
                summary = f"{self.t(lang, f'llm_failed_{exc.kind}')}\n\n{summary}"
        return [Reply(self.t(lang, "practice_feedback_header") + "\n" + summary)]


# --- module helpers ---------------------------------------------------------------------------


_CITE = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")


def check_citations(text: str, available: int) -> tuple[str, list[int], list[int]]:
    """Keep [n] citations of retrieved sources, remove the others; (text, kept, dropped).

    >>> check_citations("Doe dit [1]. En dat [3].", 2)
    ('Doe dit [1]. En dat.', [1], [3])
    """
    kept: list[int] = []
    dropped: list[int] = []

    def fix(m: re.Match[str]) -> str:
        numbers = [int(n) for n in re.split(r"\s*,\s*", m.group(1))]
        good = [n for n in numbers if 1 <= n <= available]
        for n in numbers:
            target = kept if n in good else dropped
            if n not in target:
                target.append(n)
        return f"[{', '.join(str(n) for n in good)}]" if good else ""

    cleaned = _CITE.sub(fix, text)
    cleaned = re.sub(r"\s+([.,;:!?])", r"\1", cleaned)
    cleaned = re.sub(r"[ \t]{2,}", " ", cleaned)
    return cleaned.strip(), sorted(kept), sorted(dropped)


def _parse_command(text: str) -> tuple[str, str]:
    head, _, rest = text.strip().partition(" ")
    name = head[1:].split("@", 1)[0].lower()  # "/prep@SkillsBot" in Telegram groups
    if "\n" in head:
        name, _, more = name.partition("\n")
        rest = f"{more}\n{rest}".strip()
    return ALIASES.get(name, name), rest.strip()


def _clean_name(raw: str) -> str:
    name = " ".join(raw.replace("\n", " ").split()).strip(" \"'“”‘’:,.;!?")
    return name[:1].upper() + name[1:] if name else ""


def _closest(name: str, names: list[str]) -> list[str]:
    low = name.lower()
    by_low = {n.lower(): n for n in names}
    close = difflib.get_close_matches(low, list(by_low), n=3, cutoff=0.6)
    firsts = [n for n in names if n.lower().split()[0] == low or n.lower().startswith(low + " ")]
    return list(dict.fromkeys([*firsts, *(by_low[c] for c in close)]))[:3]


def _split_name(arg: str, known: list[str]) -> tuple[str, str]:
    """("Anna de Vries", "text") from "Anna de Vries text", preferring known names."""
    low = arg.lower()
    for name in sorted(known, key=len, reverse=True):
        n = name.lower()
        if low == n or (low.startswith(n) and len(arg) > len(n) and arg[len(n)] in " :,"):
            return arg[: len(name)], arg[len(name) :].lstrip(" :,")
    head, _, rest = arg.partition(" ")
    return head.rstrip(":,"), rest.strip()


def _one_line(text: str) -> str:
    """A multi-line note as one line, its lines joined by a middle dot."""
    return " · ".join(line.strip() for line in text.splitlines() if line.strip())


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "medewerker"


def _tags(text: str | None) -> list[str]:
    """Short phrases from an answer ("plannen, presenteren en Excel") as skill/ambition tags."""
    if not text:
        return []
    text = _LEAD_IN.sub("", text.strip())
    parts = re.split(r"[,;\n]|\s+(?:en|and|&)\s+", text)
    tags = []
    for part in parts:
        clean = part.strip(" .!-•*").strip()
        if clean and 1 <= len(clean.split()) <= 5 and len(clean) <= 60 and terms(clean):
            tags.append(clean)
    return tags[:8]


_LEAD_IN = re.compile(
    r"^(?:(?:ze|hij|zij|die|he|she|they)\s+)?(?:noemde|noemt|zei|zegt|vertelde|vertelt|gaf aan|"
    r"wil graag|wil|mentioned|said|told me|named|wants to|would like to)\s+(?:dat\s+|that\s+)?",
    re.I,
)


def _merge(old: list[str], new: list[str]) -> list[str]:
    seen = {o.lower() for o in old}
    return [*old, *(n for n in new if n.lower() not in seen)]
