"""What the coach keeps for a manager: notes, employees, agreements, export, forget, settings."""

from __future__ import annotations

import re
from typing import Any

from bot.coach import composer
from bot.coach.agreements import due_key, stored_colleague, without_owner_name
from bot.coach.answering import LAST_QUESTION
from bot.coach.glossary import ExportGlossary
from bot.coach.kit import LANGS, YES, Kit, Turn
from bot.coach.names import ensure_employee, longer_name, needs_name, resolve, slug, split_name
from bot.coach.text import is_thin, one_line, shorten, small_talk_key
from bot.coach.types import Choice, Reply

NO_VALUE = {"nl": "nee", "en": "no"}
NEWEST_CHARS = 3500  # the newest note is shown whole: a card fits one Telegram message


def agreement_line(
    kit: Kit,
    lang: str,
    n: int | None,
    item: Any,
    names: dict[int, str],
) -> str:
    """One agreement as listed (numbered) or on a card (``n`` None); one typed with the day it
    happens on ("op", "on") says so, not as a deadline."""
    due = ""
    if item.due:
        key = "due_at" if item.on_day else due_key(item.text)
        key = "due_overdue" if item.due < kit.today() else key
        due = kit.t(lang, key, date=kit.format_date(lang, item.due, inline=True))
    employee = names.get(item.employee_id, "?")
    own = item.owner == "employee"
    colleague, text = _shown(item, employee)
    owner = colleague or (employee if own else kit.t(lang, f"owner_{item.owner}"))
    if own:
        key = "agreement_line_own" if n is not None else "agreement_line_plain"
    else:
        key = "agreement_line" if n is not None else "agreement_line_plain"
    return kit.t(
        lang,
        key,
        n=n or "",
        employee=employee,
        owner=owner,
        text=text,
        due=due,
    ).rstrip()


def _shown(item: Any, employee: str) -> tuple[str | None, str]:
    """A stored agreement's colleague, if one owns it, and its text as shown beside its owner.

    "Fatima · medewerker: Fatima zoekt ..." says the name twice: "Fatima: Zoekt ..."; a
    colleague's task is stored as the manager's to follow up ("you: Anna from HR sends him
    ..."), shown as theirs, as the reflection summary shows it ("Anna (HR): Sends him ...").
    """
    if item.owner == "employee":
        return None, without_owner_name(item.text, employee)
    if item.owner == "manager" and (colleague := stored_colleague(item.text, employee)):
        return colleague
    return None, item.text


# a question about what this app keeps of the manager's notes ("who can see my notes?",
# "hoe lang bewaar je mijn notities?"); not a question about privacy law ("under the GDPR")
_MINE = (
    r"(?:my|mijn)\s+(?:notes?|data|gegevens|notities|kaarten|cards|reflections?|reflecties|"
    r"afspraken|agreements)|what i (?:write|type) here|wat ik hier (?:schrijf|typ)"
)
_DONE_WITH = (
    r"keep|kept|store[sd]?|see|read|delete|erase|private|safe|secure|encrypt\w*|shared?|sent|"
    r"send|bewaar\w*|opgeslagen|zien|lezen|wissen|verwijder\w*|veilig|privé|versleutel\w*|"
    r"gedeeld|delen|gestuurd|doorgestuurd"
)
_MY_DATA = re.compile(
    rf"\b(?:{_MINE})\b.*\b(?:{_DONE_WITH})\b|\b(?:{_DONE_WITH})\b.*\b(?:{_MINE})\b", re.I
)
_LAW = re.compile(r"\b(?:gdpr|avg|law|wet\w*|legal|juridisch\w*)\b", re.I)
# asked of the app, or who can see: "how do I keep my notes short?" is a coaching question
_OF_THE_APP = re.compile(
    r"\b(?:you|je|jij|u|skillscoach|this app|the app|the bot|deze app|de app|de bot|who|wie|"
    r"anyone|iemand anders|hr|safe|veilig|where|waar|boss|baas|manager|leidinggevende|openai|"
    r"chatgpt|cloud|encrypted|versleuteld|can i|kan ik)\b",
    re.I,
)


def asks_about_my_data(text: str) -> bool:
    """Whether a message asks what the app keeps of the manager's notes, and who sees them.

    >>> asks_about_my_data("how long do you keep my notes?")
    True
    >>> asks_about_my_data("wie kan mijn notities zien?")
    True
    >>> asks_about_my_data("how long must I keep my notes under the GDPR?")
    False
    >>> asks_about_my_data("how do I keep my notes short after a talk?")
    False
    >>> [asks_about_my_data(q) for q in ("do you share my notes with HR?", "can my boss read "
    ...  "what I write here?", "waar worden mijn gegevens opgeslagen?", "is my data sent to "
    ...  "OpenAI?", "zijn mijn notities versleuteld?", "can I delete my notes?")]
    [True, True, True, True, True, True]
    """
    return bool(_MY_DATA.search(text) and _OF_THE_APP.search(text)) and not _LAW.search(text)


# a question about how to use this app, not about coaching ("how does a development
# conversation work?" is one)
_THE_APP = (
    r"(?:this(?: app| bot| thing)?|you|the (?:app|bot)|dit|jij|je|deze (?:app|bot)|de (?:app|bot)"
    r"|skillscoach)"
)
_HOW_IT_WORKS = re.compile(
    rf"\b(?:how (?:does|do) {_THE_APP} work|how (?:do|can) i use {_THE_APP}|what can {_THE_APP} do"
    rf"|hoe werkt {_THE_APP}|hoe gebruik ik {_THE_APP}|wat (?:kan|kun|kunt) {_THE_APP}"
    rf"(?: allemaal)? (?:doen|voor mij)|wat kan ik (?:hier|met {_THE_APP}))\b",
    re.I,
)


def asks_how_it_works(text: str) -> bool:
    """Whether a message asks how to use the app; the command list answers it.

    >>> [asks_how_it_works(q) for q in ("hi, I am a new manager, how does this work?",
    ...  "hoe werkt deze app eigenlijk?", "wat kun je allemaal doen?", "what can you do?")]
    [True, True, True, True]
    >>> asks_how_it_works("how does a good development conversation work?")
    False
    """
    return bool(_HOW_IT_WORKS.search(text))


def about_the_app(text: str) -> str | None:
    """The command whose reply answers a question about this app itself: /privacy for what it
    keeps and who sees it, /help for how to use it; None for a coaching question."""
    if asks_about_my_data(text):
        return "privacy"
    if asks_how_it_works(text):
        return "help"
    return None


class Records:
    """Commands over stored records and the manager's settings, plus the note and forget flows."""

    def __init__(self, kit: Kit) -> None:
        self.kit = kit

    # --- notes ------------------------------------------------------------------------------

    async def note(self, turn: Turn, arg: str) -> list[Reply]:
        """/note NAME [TEXT]: store a note now, or ask for its text."""
        kit = self.kit
        if not arg:
            return await needs_name(kit, turn, "note")
        employees = await kit.run(kit.store.list_employees, manager_id=turn.manager.id)
        name, rest = split_name(arg, [e.name for e in employees])
        found = await resolve(kit, turn, name, command="note", create=True, rest=rest)
        if isinstance(found, list):
            return found
        return await self.start_note(turn, found, rest)

    async def start_note(self, turn: Turn, emp: Any, rest: str) -> list[Reply]:
        """Store ``rest`` as a note about ``emp``, or ask what to note when it is empty."""
        flow = {"name": "note", "lang": turn.lang, "employee_id": emp.id, "employee": emp.name}
        if rest and not self._not_a_note(turn, rest):
            replies = await self._store_note(turn, flow, rest)
            # an unknown name is the first word: if the text seems to go on with the name
            # ("van den Berg ..."), say how to keep a longer name together
            fuller = longer_name(emp.name, rest) if flow.get("added") else None
            if fuller:
                replies[0].text += " " + self.kit.t(turn.lang, "note_longer_name", name=fuller)
            return replies
        await self.kit.save_flow(turn, flow)
        if emp.id is None:
            turn.notices.append(self.kit.t(turn.lang, "employee_new", name=emp.name))
        if rest:
            return [self._too_thin(turn, flow, rest)]
        return [self.note_question(turn, flow)]

    def note_question(self, turn: Turn, flow: dict[str, Any]) -> Reply:
        """Ask for the text of a note."""
        return Reply(self.kit.t(turn.lang, "note_ask", employee=flow["employee"]), flow="note")

    def _not_a_note(self, turn: Turn, text: str) -> bool:
        """ "👍", "x" or "ok": an acknowledgement typed at the note prompt, not a note."""
        small = self.kit.prompt("messages", turn.lang).meta.get("small_talk", {})
        acks = {str(w).lower() for key in ("ack", "thanks") for w in small.get(key, [])}
        return is_thin(text) or small_talk_key(text) in acks

    def _too_thin(self, turn: Turn, flow: dict[str, Any], text: str) -> Reply:
        """Ask again: "👍" or "x" is not worth keeping as a note."""
        message = self.kit.t(
            turn.lang, "note_too_thin", text=text.strip()[:20], employee=flow["employee"]
        )
        return Reply(message, flow="note")

    async def note_answer(self, turn: Turn, text: str) -> list[Reply]:
        """The text of the note that was asked for."""
        flow = turn.flow or {}
        if self._not_a_note(turn, text):
            return [self._too_thin(turn, flow, text)]
        await self.kit.save_flow(turn, None)
        return await self._store_note(turn, flow, text)

    async def _store_note(self, turn: Turn, flow: dict[str, Any], text: str) -> list[Reply]:
        employee_id = await ensure_employee(self.kit, turn, flow)
        await self.kit.run(
            self.kit.store.add_note,
            manager_id=turn.manager.id,
            employee_id=employee_id,
            body=text,
            kind="free",
        )
        key = "note_saved_new" if flow.get("added") else "note_saved"
        return [Reply(self.kit.t(turn.lang, key, employee=flow["employee"]))]

    async def notes(self, turn: Turn, arg: str) -> list[Reply]:
        """/notes NAME: the latest notes, cards and reflections about someone."""
        kit = self.kit
        found = await resolve(kit, turn, arg, command="notes", create=False)
        if isinstance(found, list):
            return found
        notes = await kit.run(
            kit.store.list_notes, manager_id=turn.manager.id, employee_id=found.id, limit=10
        )
        if not notes:
            return [Reply(kit.t(turn.lang, "notes_none", employee=found.name))]
        lines = []
        for i, note in enumerate(notes):
            # cards and reflections are long: one line each, except the newest, whole and in
            # its lines (the card for tomorrow's talk)
            if note.kind == "free":
                body = shorten(note.body, 600)
            elif i == 0 and len(note.body) <= NEWEST_CHARS:
                body = note.body
            else:
                body = shorten(one_line(note.body), 300)
            lines.append(
                kit.t(
                    turn.lang,
                    "note_line",
                    date=kit.format_date(turn.lang, note.created_at.astimezone(kit.tz).date()),
                    kind=kit.t(turn.lang, f"note_kind_{note.kind}"),
                    body=body,
                )
            )
        text = kit.t(turn.lang, "notes_header", employee=found.name) + "\n\n" + "\n\n".join(lines)
        return [Reply(text)]

    # --- employees and agreements -----------------------------------------------------------

    async def employees(self, turn: Turn, arg: str) -> list[Reply]:
        """/employees: everyone with their open agreements and last conversation."""
        kit = self.kit
        employees = await kit.run(kit.store.list_employees, manager_id=turn.manager.id)
        if not employees:
            return [Reply(kit.t(turn.lang, "no_employees"))]
        items = await kit.run(kit.store.list_action_items, manager_id=turn.manager.id)
        open_count: dict[int, int] = {}
        for item in items:
            open_count[item.employee_id] = open_count.get(item.employee_id, 0) + 1
        lines = []
        for emp in employees:
            last = await kit.run(
                kit.store.latest_one_on_one, manager_id=turn.manager.id, employee_id=emp.id
            )
            when = ""
            if last is not None:
                day = last.planned_for or last.created_at.date()
                # a talk prepared for next week is the next one, not the last
                when = kit.t(
                    turn.lang,
                    "employee_next_talk" if day > kit.today() else "employee_last_talk",
                    date=kit.format_date(turn.lang, day, inline=True),
                    status=kit.t(turn.lang, f"status_{last.status}"),
                )
            lines.append(
                kit.t(
                    turn.lang,
                    "employee_line",
                    name=emp.name,
                    open=open_count.get(emp.id, 0),
                    last=when,
                ).rstrip()
            )
        text = kit.t(turn.lang, "employees_header") + "\n" + "\n".join(lines)
        return [Reply(text)]

    async def _open_items(self, turn: Turn) -> list[Any]:
        items = await self.kit.run(self.kit.store.list_action_items, manager_id=turn.manager.id)
        return list(items)

    async def _employee_names(self, turn: Turn) -> dict[int, str]:
        employees = await self.kit.run(self.kit.store.list_employees, manager_id=turn.manager.id)
        return {e.id: e.name for e in employees}

    async def agreements(self, turn: Turn, arg: str) -> list[Reply]:
        """/agreements: the open agreements, numbered for /done."""
        kit = self.kit
        items = await self._open_items(turn)
        if not items:
            return [Reply(kit.t(turn.lang, "no_agreements"))]
        names = await self._employee_names(turn)
        lines = [agreement_line(kit, turn.lang, i, item, names) for i, item in enumerate(items, 1)]
        text = kit.t(turn.lang, "agreements_header") + "\n" + "\n".join(lines)
        text += "\n\n" + kit.t(turn.lang, "agreements_footer")
        return [Reply(text)]

    async def done(self, turn: Turn, arg: str) -> list[Reply]:
        """/done N: tick off agreements (and drop their reminders)."""
        kit = self.kit
        items = await self._open_items(turn)
        if not items:
            return [Reply(kit.t(turn.lang, "no_agreements"))]
        numbers = [int(n) for n in re.findall(r"\d+", arg)]
        if not numbers:
            names = await self._employee_names(turn)
            lines = [agreement_line(kit, turn.lang, i, it, names) for i, it in enumerate(items, 1)]
            return [
                Reply(
                    kit.t(turn.lang, "done_which") + "\n" + "\n".join(lines),
                    choices=[
                        Choice(str(i), f"/done {i}") for i in range(1, min(len(items), 8) + 1)
                    ],
                )
            ]
        bad = [n for n in numbers if not 1 <= n <= len(items)]
        if bad:
            return [Reply(kit.t(turn.lang, "done_bad_number", n=bad[0], count=len(items)))]
        done = []
        pending = await kit.run(kit.store.pending_reminders, manager_id=turn.manager.id)
        for n in sorted(set(numbers)):
            item = items[n - 1]
            await kit.run(
                kit.store.complete_action_item, manager_id=turn.manager.id, item_id=item.id
            )
            for reminder in pending:  # an agreement already done needs no reminder
                if reminder.payload.get("item_id") == item.id:
                    await kit.run(kit.store.mark_reminder_sent, reminder_id=reminder.id)
            done.append(item.text)
        return [Reply(kit.t(turn.lang, "done_ok", items=composer.bullets(done)))]

    # --- privacy: what is kept, export, forget ----------------------------------------------

    async def privacy(self, turn: Turn, arg: str) -> list[Reply]:
        """/privacy: what is stored per employee, for how long, and what the LLM sees."""
        kit = self.kit
        summary = await kit.run(kit.store.privacy_summary, manager_id=turn.manager.id)
        lang = turn.lang
        lines = [
            kit.t(
                lang,
                "privacy_employee",
                name=e["name"],
                notes=e.get("notes", 0),
                talks=e.get("one_on_ones", 0),
                items=e.get("action_items", 0),
                reminders=e.get("reminders", 0),
                skills=e.get("skills", 0),
            )
            for e in summary.get("employees", [])
        ]
        retention = summary.get("retention_days")
        text = kit.prompt("privacy", lang).render(
            employees="\n".join(lines) or kit.t(lang, "privacy_nobody"),
            retention=(
                kit.t(lang, "privacy_retention_days", days=retention)
                if retention
                else kit.t(lang, "privacy_retention_none")
            ),
            llm=self._llm_privacy_line(lang),
        )
        extra = "\n\n".join([kit.t(lang, "privacy_skills"), kit.t(lang, "privacy_gaps")])
        return [Reply(f"{text}\n\n{extra}")]

    def _llm_privacy_line(self, lang: str) -> str:
        if self.kit.llm is None:
            return self.kit.t(lang, "privacy_llm_none")
        if self.kit.settings.llm_may_see_notes:
            return self.kit.t(lang, "privacy_llm_notes")
        return self.kit.t(lang, "privacy_llm_no_notes")

    async def export(self, turn: Turn, arg: str) -> list[Reply]:
        """/export [NAME]: everything kept (about one employee) as a Markdown attachment."""
        kit = self.kit
        employee = None
        if arg:
            found = await resolve(kit, turn, arg, command="export", create=False)
            if isinstance(found, list):
                return found
            employee = found
        content = await kit.run(
            kit.store.export,
            manager_id=turn.manager.id,
            employee_id=employee.id if employee else None,
            fmt="md",
            actor=turn.actor.external_id,
            language=turn.lang,
            glossary=ExportGlossary(kit, turn.lang),
        )
        part = slug(employee.name) if employee else "alles" if turn.lang == "nl" else "all"
        filename = f"skillscoach-{part}-{kit.today().isoformat()}.md"
        key = "export_one" if employee else "export_all"
        return [
            Reply(
                kit.t(turn.lang, key, employee=employee.name if employee else ""),
                attachment=(filename, content.encode("utf-8")),
            )
        ]

    async def forget(self, turn: Turn, arg: str) -> list[Reply]:
        """/forget NAME: ask, then erase everything about someone."""
        kit = self.kit
        found = await resolve(kit, turn, arg, command="forget", create=False)
        if isinstance(found, list):
            return found
        flow = {
            "name": "forget",
            "lang": turn.lang,
            "employee_id": found.id,
            "employee": found.name,
        }
        await kit.save_flow(turn, flow)
        return [self.forget_question(turn, flow)]

    def forget_question(self, turn: Turn, flow: dict[str, Any]) -> Reply:
        """The "are you sure?" of /forget."""
        kit, lang = self.kit, turn.lang
        yes = kit.t(lang, "forget_yes", employee=flow["employee"])[:60]
        return Reply(
            kit.t(lang, "forget_confirm", employee=flow["employee"]),
            choices=[Choice(yes, yes), Choice(kit.t(lang, "forget_no"), NO_VALUE[lang])],
            flow="forget",
        )

    async def forget_answer(self, turn: Turn, text: str) -> list[Reply]:
        """Erase on a clear yes; anything else keeps the data."""
        kit, lang = self.kit, turn.lang
        flow = turn.flow or {}
        yes = {kit.t(lg, "forget_yes", employee=flow["employee"])[:60].lower() for lg in LANGS}
        if text.strip().lower() not in (YES | yes):
            await kit.save_flow(turn, None)
            return [Reply(kit.t(lang, "forget_kept", employee=flow["employee"]))]
        await kit.save_flow(turn, None)
        await kit.run(
            kit.store.erase_employee,
            manager_id=turn.manager.id,
            employee_id=int(flow["employee_id"]),
            actor=turn.actor.external_id,
        )
        # the question kept for a follow-up may name them ("grace is an hca so ..."): it goes
        # too (saved with the session at the end of the turn)
        turn.session.pop(LAST_QUESTION, None)
        return [Reply(kit.t(lang, "forget_done", employee=flow["employee"]))]

    # --- settings: language and reminders ---------------------------------------------------

    async def lang(self, turn: Turn, arg: str) -> list[Reply]:
        """/lang nl|en: the language the coach speaks from now on."""
        kit = self.kit
        choice = arg.lower()[:2]
        if choice not in LANGS:
            return [
                Reply(
                    kit.t(turn.lang, "lang_which"),
                    choices=[Choice("Nederlands", "/lang nl"), Choice("English", "/lang en")],
                )
            ]
        turn.manager = await kit.run(
            kit.store.update_manager, manager_id=turn.manager.id, language=choice
        )
        turn.lang = choice
        return [Reply(kit.t(choice, "lang_set"), lang=choice)]

    async def reminders(self, turn: Turn, arg: str) -> list[Reply]:
        """/reminders on|off, or the current state with a switch."""
        kit = self.kit
        value = arg.lower()
        if value in ("on", "aan"):
            enabled = True
        elif value in ("off", "uit"):
            enabled = False
        else:
            state = "on" if turn.manager.reminders_enabled else "off"
            return [
                Reply(
                    kit.t(turn.lang, f"reminders_status_{state}"),
                    choices=[
                        Choice(kit.t(turn.lang, "reminders_choice_on"), "/reminders on"),
                        Choice(kit.t(turn.lang, "reminders_choice_off"), "/reminders off"),
                    ],
                )
            ]
        await kit.run(
            kit.store.update_manager, manager_id=turn.manager.id, reminders_enabled=enabled
        )
        return [Reply(kit.t(turn.lang, "reminders_on" if enabled else "reminders_off"))]
