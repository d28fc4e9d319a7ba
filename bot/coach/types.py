"""Plain data exchanged between the engine and its front ends (no telegram, no SQL)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Actor:
    """Who is talking to the engine, as the front end knows them."""

    external_id: str  # "tg:123456" or "local:<user>"
    role: Literal["manager", "hr"] = "manager"
    language: str | None = None  # a hint from the front end (Telegram language_code)


@dataclass(frozen=True)
class Choice:
    """A quick choice; its value comes back as the user's next message."""

    label: str
    value: str  # <= 60 bytes UTF-8 (Telegram callback data limit)

    def __post_init__(self) -> None:
        if len(self.value.encode("utf-8")) > 60:
            raise ValueError("choice value longer than 60 bytes")


@dataclass(frozen=True)
class Source:
    """A guidance passage an answer or card rests on."""

    doc_id: str
    title: str
    version: int
    section: str | None

    def label(self) -> str:
        """``Title (v1), Section`` as shown under an answer."""
        text = f"{self.title} (v{self.version})"
        return f"{text}, {self.section}" if self.section else text

    def as_dict(self) -> dict[str, object]:
        """JSON-friendly form."""
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "version": self.version,
            "section": self.section,
        }


@dataclass(frozen=True)
class Table:
    """Rows under a header, for a front end that can show a table (the terminal chat)."""

    header: list[str]
    rows: list[list[str]]
    marked: list[int] = field(default_factory=list)  # rows to highlight (e.g. due a talk)


@dataclass
class Reply:
    """One message from the engine to the user."""

    text: str  # plain text (no markup); the front end escapes/splits it
    choices: list[Choice] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    flow: str | None = None  # flow still active after this reply ("prep", "reflect", ...)
    attachment: tuple[str, bytes] | None = None  # (filename, content), e.g. an export
    lang: str = "nl"
    picture: tuple[str, bytes] | None = None  # (filename, PNG); the text is its caption
    table: Table | None = None  # the same content as the text, as a table


@dataclass
class Answer:
    """The answer to one coaching question."""

    text: str  # the full answer as shown in a chat, sources line included
    body: str  # the advice without the sources line and notice
    sources: list[Source]
    grounded: bool  # False: the guidance does not cover the question
    lang: str
    notice: str | None = None  # e.g. "the language model did not answer; composed offline"
    prompt: str | None = None  # prompt@version the answer was made with
    via: Literal["offline", "llm"] = "offline"
    # in: answered from the guidance; out: outside what it covers; vague: asked what is meant;
    # none: in scope, but nothing in the guidance answers it
    scope: Literal["in", "out", "vague", "none"] = "in"

    def as_json(self) -> dict[str, object]:
        """The shape printed by `skillscoach ask --json`."""
        return {
            "answer": self.body,
            "sources": [s.as_dict() for s in self.sources],
            "grounded": self.grounded,
            "lang": self.lang,
            "scope": self.scope,
        }
