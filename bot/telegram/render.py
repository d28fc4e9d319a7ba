"""Turning the engine's plain-text replies into Telegram messages: escaping and safe splitting."""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Callable, Sequence
from typing import Protocol

# Telegram's limit is 4096 characters after entity parsing, counted in UTF-16 code units.
MESSAGE_LIMIT = 4096
PARSE_MODE = "HTML"

_SOURCES_HEADER = {"nl": "Bronnen", "en": "Sources"}
_VERSION = {"nl": "versie", "en": "version"}


# Read-only protocols, so the engine's frozen dataclasses match them.
class _SourceLike(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def section(self) -> str | None: ...


class _ReplyLike(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def sources(self) -> Sequence[_SourceLike]: ...
    @property
    def lang(self) -> str: ...


def escape(text: str) -> str:
    """Escape text for Telegram's HTML parse mode (only <, > and & are special)."""
    return html.escape(text, quote=False)


def bold(text: str) -> str:
    """Bold, escaped."""
    return f"<b>{escape(text)}</b>"


def italic(text: str) -> str:
    """Italic, escaped."""
    return f"<i>{escape(text)}</i>"


def code(text: str) -> str:
    """Monospace, escaped (tap to copy in Telegram)."""
    return f"<code>{escape(text)}</code>"


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def escaped_len(text: str) -> int:
    """Length of the escaped text as Telegram counts it (an entity counts as one character).

    Escaping can only make a string longer, so measuring the escaped form keeps us safe.
    """
    return utf16_len(escape(text))


def split_text(
    text: str, limit: int = MESSAGE_LIMIT, measure: Callable[[str], int] = utf16_len
) -> list[str]:
    """Split text into chunks of at most `limit` (by `measure`), at the nicest boundary.

    Prefers paragraph breaks, then line breaks, then sentence ends, then spaces; never cuts
    inside a grapheme (a base character and its combining marks, or a ZWJ emoji sequence).

    >>> split_text("aaa bbb", limit=4)
    ['aaa', 'bbb']
    >>> split_text("short")
    ['short']
    """
    text = text.strip()
    chunks: list[str] = []
    while text and measure(text) > limit:
        cut = _largest_prefix(text, limit, measure)
        cut = _nice_cut(text, cut)
        head, text = text[:cut].rstrip(), text[cut:].lstrip()
        if head:
            chunks.append(head)
    if text:
        chunks.append(text)
    return chunks


def _largest_prefix(text: str, limit: int, measure: Callable[[str], int]) -> int:
    # Binary search: measure is monotonic in the prefix length.
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(text[:middle]) <= limit:
            low = middle
        else:
            high = middle - 1
    return low


def _nice_cut(text: str, cut: int) -> int:
    window = text[:cut]
    floor = cut // 2  # a boundary in the first half would make a tiny chunk; cut harder instead
    for separator in ("\n\n", "\n"):
        position = window.rfind(separator)
        if position > floor:
            return position + len(separator)
    for separator in (". ", "! ", "? ", "; "):
        position = window.rfind(separator)
        if position > floor:
            return position + len(separator)
    position = window.rfind(" ")
    if position > floor:
        return position + 1
    return _grapheme_safe(text, cut)


def _grapheme_safe(text: str, cut: int) -> int:
    # Step back while the cut would separate a combining mark, variation selector or ZWJ
    # sequence from its base character.
    while 1 < cut < len(text) and (
        unicodedata.combining(text[cut])
        or text[cut] in "\u200d\ufe0e\ufe0f"
        or text[cut - 1] == "\u200d"
        or 0x1F3FB <= ord(text[cut]) <= 0x1F3FF  # skin tone modifiers
    ):
        cut -= 1
    return cut


def sources_html(reply: _ReplyLike) -> str:
    """The sources as an HTML block; '' when there are none or the text already names them."""
    sources = list(reply.sources)
    if not sources or all(source.title in reply.text for source in sources):
        return ""
    lang = reply.lang if reply.lang in _SOURCES_HEADER else "en"
    lines = [bold(_SOURCES_HEADER[lang])]
    for source in sources:
        detail = f"{_VERSION[lang]} {source.version}"
        if source.section:
            detail += f", {source.section}"
        lines.append(f"• {italic(source.title)} ({escape(detail)})")
    return "\n".join(lines)


def render_reply(reply: _ReplyLike, limit: int = MESSAGE_LIMIT) -> list[str]:
    """The reply as HTML message texts, each within Telegram's limit (empty list for no text)."""
    chunks = [escape(chunk) for chunk in split_text(reply.text, limit, escaped_len)]
    block = sources_html(reply)
    if block:
        if chunks and _html_len(chunks[-1]) + 2 + _html_len(block) <= limit:
            chunks[-1] = f"{chunks[-1]}\n\n{block}"
        else:
            chunks.extend(_split_html_lines(block, limit))
    return chunks


def _html_len(text: str) -> int:
    # Conservative: count the markup too, although Telegram does not.
    return utf16_len(text)


def _split_html_lines(block: str, limit: int) -> list[str]:
    # Each line of a sources block is self-contained HTML, so line boundaries are safe cuts.
    out: list[str] = []
    current = ""
    for line in block.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if _html_len(candidate) <= limit:
            current = candidate
            continue
        if current:
            out.append(current)
        current = line if _html_len(line) <= limit else line[: limit // 2]
    if current:
        out.append(current)
    return out
