"""Value types shared by the knowledge base and its callers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Hit:
    """One retrieved passage with the document version it came from."""

    text: str
    doc_id: str
    title: str
    version: int
    section: str | None
    page: int | None
    language: str
    score: float
    chunk_id: str


@dataclass(frozen=True)
class SearchResult:
    """Hits for a question; `confident` is False when the guidance does not cover it."""

    hits: list[Hit]
    confident: bool
    lang: str


@dataclass(frozen=True)
class DocumentInfo:
    """A document in the registry, at its current version."""

    doc_id: str
    title: str
    version: int
    language: str
    source_name: str
    chunks: int
    added_at: datetime
    content_hash: str
    languages: list[str]


@dataclass(frozen=True)
class AddResult:
    """What `KnowledgeBase.add` did."""

    doc_id: str
    title: str
    version: int
    chunks: int
    replaced_version: int | None
    unchanged: bool
    # the upload resembles this older version: it was not made current (see `add(confirm=)`)
    resembles: int | None = None
    identical: bool = False  # ... and is identical to it: confirming means restoring it
    pending: int | None = None  # the version the upload is kept under, to restore it
    restored_from: int | None = None  # `restore`: the kept version this one copies


@dataclass(frozen=True)
class Limits:
    """The work one document may cost; each budget is a setting (see `from_settings`)."""

    max_bytes: int = 20 * 1024 * 1024
    unpacked_bytes: int = 50 * 1024 * 1024  # a DOCX unpacked, a PDF stream inflated
    text_chars: int = 2_000_000
    passages: int = 2_000
    pages: int = 1_000
    parse_seconds: float = 60.0

    @classmethod
    def from_settings(cls, settings: Any) -> Limits:
        """The budgets configured in `bot.settings.Settings`."""
        return cls(
            max_bytes=settings.max_upload_bytes,
            unpacked_bytes=int(settings.max_unpacked_mb * 1024 * 1024),
            text_chars=settings.max_text_chars,
            passages=settings.max_passages,
            pages=settings.max_pages,
            parse_seconds=settings.max_parse_seconds,
        )


class IngestError(Exception):
    """A document that cannot be ingested; str(exc) is a user-facing message in English."""

    def __init__(self, message: str, code: str, *, budget: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.budget = budget  # the setting of the budget a refused document exceeds


@dataclass(frozen=True)
class Block:
    """A run of clean text under one heading (and, for PDF, from one page: a paragraph
    carried over to the next page stays in the block of the page it starts on)."""

    text: str
    section: str | None = None
    page: int | None = None
    # the managers' questions this section answers (``<!-- asks: ... -->`` in the corpus)
    asks: tuple[str, ...] = ()


@dataclass(frozen=True)
class LoadedDocument:
    """A parsed document before chunking."""

    title: str
    language: str
    kind: str  # markdown | text | pdf | docx | html
    blocks: list[Block]
    doc_id: str | None = None  # from front matter
    version: int | None = None  # from front matter
    topics: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    title_from_name: bool = False  # the file holds no title: it is made from the file name

    @property
    def text(self) -> str:
        """All text of the document, blocks separated by blank lines."""
        return "\n\n".join(block.text for block in self.blocks)


@dataclass(frozen=True)
class Chunk:
    """A passage as stored in the index; `section_no` aligns language versions of a document."""

    chunk_id: str
    doc_id: str
    version: int
    title: str
    language: str
    text: str
    section: str | None
    section_no: int
    page: int | None
    ord: int
    topics: tuple[str, ...] = ()

    @property
    def lexical_text(self) -> str:
        """The text BM25 indexes: the context text plus the document's topics (its keywords)."""
        if not self.topics:
            return self.context_text
        return f"{self.context_text}\n{', '.join(self.topics)}"

    @property
    def context_text(self) -> str:
        """The text that is embedded and indexed: title and section give the passage context."""
        head = self.title if not self.section else f"{self.title} — {self.section}"
        return f"{head}\n{self.text}"
