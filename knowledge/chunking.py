"""Split documents into passages that respect headings and sentences."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from langchain_text_splitters import MarkdownHeaderTextSplitter, RecursiveCharacterTextSplitter

from knowledge.types import Block, Chunk, LoadedDocument

# About 130-160 words: long enough to carry one idea with its example, short enough that
# multilingual-e5-small (512 tokens, ~0.3 s per passage on 2 cores) sees all of it.
CHUNK_SIZE = 900
CHUNK_OVERLAP = 120
# Paragraphs first, then lines (list items), then sentence ends; words only as a last resort.
SEPARATORS = ["\n\n", "\n", ". ", "? ", "! ", "; ", ": ", ", ", " ", ""]

_HEADERS = [("#", "h1"), ("##", "h2"), ("###", "h3"), ("####", "h4")]
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_CODE = re.compile(r"`([^`]*)`")
# "<!-- asks:\n- question\n- question\n-->" under a heading: the questions that section answers
_ASKS = re.compile(r"<!--\s*asks:(.*?)-->", re.DOTALL | re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
MAX_ASKS = 64  # a budget against an enormous comment; shipped sections list 14 to 43
MAX_ASK_CHARS = 300


def section_asks(text: str) -> tuple[str, ...]:
    """The questions listed in a section's ``asks`` comment, at most ``MAX_ASKS`` and each
    once (a set, not a search of the list so far, so a long comment is read in linear time).

    >>> section_asks("<!-- asks:\\n- Wat nu?\\n- Hoe dan?\\n- Wat nu?\\n-->\\nTekst")
    ('Wat nu?', 'Hoe dan?')
    """
    found: dict[str, None] = {}
    for match in _ASKS.finditer(text):
        for line in match.group(1).splitlines():
            ask = " ".join(line.strip().lstrip("-*• ").split())
            if ask and len(ask) <= MAX_ASK_CHARS:
                found[ask] = None
                if len(found) == MAX_ASKS:
                    return tuple(found)
    return tuple(found)


def _clean_markdown(text: str) -> str:
    text = _COMMENT.sub("", text)  # comments are notes for the index, never shown
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _CODE.sub(r"\1", text)
    return text.replace("  \n", "\n").strip()


def markdown_blocks(body: str) -> tuple[str | None, list[Block]]:
    """Split a Markdown body on its headings: (first level-1 heading, blocks with sections)."""
    splitter = MarkdownHeaderTextSplitter(_HEADERS, strip_headers=True)
    title: str | None = None
    blocks: list[Block] = []
    for part in splitter.split_text(body):
        meta = part.metadata
        title = title or meta.get("h1")
        # The level-1 heading is the document title; the section is the deepest heading below it.
        path = [meta[key] for key in ("h2", "h3", "h4") if meta.get(key)]
        section = " > ".join(path) if path else None
        text = _clean_markdown(part.page_content)
        if text:
            blocks.append(Block(text=text, section=section, asks=section_asks(part.page_content)))
    return title, blocks


def _splitter() -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(
        chunk_size=CHUNK_SIZE,
        chunk_overlap=CHUNK_OVERLAP,
        separators=SEPARATORS,
        keep_separator="end",
        strip_whitespace=True,
    )


def numbered_blocks(blocks: Iterable[Block]) -> Iterator[tuple[int, Block]]:
    """Blocks with their section number: a new number for every change of heading.

    The nl and en files of one document are translated heading by heading, so equal numbers
    match their passages (and sections) across languages.
    """
    section_no = -1
    current: object = object()
    for block in blocks:
        if block.section != current:
            section_no += 1
            current = block.section
        yield section_no, block


def section_asks_of(doc: LoadedDocument) -> dict[int, tuple[str, ...]]:
    """The asks of each numbered section of a document (sections without asks left out)."""
    found: dict[int, tuple[str, ...]] = {}
    for section_no, block in numbered_blocks(doc.blocks):
        if block.asks:
            found[section_no] = tuple(dict.fromkeys(found.get(section_no, ()) + block.asks))
    return found


def chunk_document(doc: LoadedDocument, *, doc_id: str, version: int) -> list[Chunk]:
    """Cut a loaded document into chunks with id, version, title, section, page and language."""
    splitter = _splitter()
    chunks: list[Chunk] = []
    for section_no, block in numbered_blocks(doc.blocks):
        for piece in splitter.split_text(block.text):
            piece = piece.strip()
            if not piece:
                continue
            ord_ = len(chunks)
            chunks.append(
                Chunk(
                    chunk_id=f"{doc_id}@{version}:{doc.language}:{ord_:04d}",
                    doc_id=doc_id,
                    version=version,
                    title=doc.title,
                    language=doc.language,
                    text=piece,
                    section=block.section,
                    section_no=section_no,
                    page=block.page,
                    ord=ord_,
                    topics=tuple(doc.topics),
                )
            )
    return chunks
