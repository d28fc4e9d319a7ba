"""Find section headings in text without heading markup (PDF, plain text, Word without styles).

A heading is a short line without final punctuation, on its own line, followed by body text.
When the format tells font sizes and weights (PDF, DOCX), a line set larger or bolder than the
body text is a heading and a line in the body font is not. Without that evidence the shape of
the lines decides, cautiously: a run of short lines is a list, not a row of headings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

Role = Literal["title", "heading", "body"]

# Beyond this a line is a sentence, not a heading.
MAX_CHARS = 80
MAX_WORDS = 12
MAX_TITLE_CHARS = 160  # a document title wrapped over two lines of its large font
# A larger font counts as a heading font from 15% above the body size (11 pt -> 12.65 pt).
LARGER = 1.15

_STARTS_UPPER = re.compile(r"^[\"'“‘(]?[A-ZÀ-ÖØ-Þ0-9]")
_STARTS_BODY = re.compile(r"^[\"'“‘(]?[A-ZÀ-ÖØ-Þ0-9•◦▪●\-–*]")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# Headings may ask a question ("Wat als ik uit dienst ga?"); set in bold they may exclaim.
_CLAUSE_END = re.compile(r"[.,;:!…\-–][\"'”’)\]]*$")
_STATEMENT_END = re.compile(r"[.,;:…\-–][\"'”’)\]]*$")
_SYMBOL_BULLET = re.compile(r"^([•◦▪●\-–*]|[a-z][.)])\s")
_NOT_PROSE = re.compile(r"@|https?://|www\.|\s\|\s")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Line:
    """One line of text with what the format tells about it."""

    text: str
    size: float | None = None  # font size in points, when known
    bold: bool = False
    page: int | None = None
    break_before: bool = False  # a blank line or a new paragraph precedes it
    body: bool = False  # known body text (a list item, a table row): never a heading


@dataclass(frozen=True)
class Outline:
    """The lines (wrapped headings joined), their roles and sections, and the title if found."""

    title: str | None
    lines: list[Line]
    roles: list[Role]
    sections: list[str | None]

    def runs(self) -> list[tuple[str | None, list[Line]]]:
        """Consecutive body lines under one section (and on one page): (section, lines)."""
        out: list[tuple[str | None, list[Line]]] = []
        key: tuple[str | None, int | None] | None = None
        for line, role, section in zip(self.lines, self.roles, self.sections, strict=True):
            if role != "body":
                key = None
                continue
            if key != (section, line.page):
                key = (section, line.page)
                out.append((section, []))
            out[-1][1].append(line)
        return out


def plain_lines(text: str) -> list[Line]:
    """Lines of plain text; a blank line marks the start of a new paragraph."""
    lines: list[Line] = []
    gap = False
    for raw in text.split("\n"):
        stripped = raw.strip()
        if not stripped:
            gap = True
            continue
        lines.append(Line(stripped, break_before=gap or not lines))
        gap = False
    return lines


def outline(lines: Sequence[Line]) -> Outline:
    """Decide which lines are headings and which one, at the top, is the document's title."""
    merged = _merge_wrapped_headings(list(lines))
    body_style = _body_style(merged)
    evidence = [_styled(line, body_style) for line in merged]
    styled = any(
        e and _shaped(line, styled=True) for line, e in zip(merged, evidence, strict=True)
    )
    roles = _styled_roles(merged, evidence) if styled else _plain_roles(merged)
    title = _title(merged, roles, styled)
    if title is not None:
        roles[title] = "title"
    return Outline(
        title=merged[title].text if title is not None else None,
        lines=merged,
        roles=roles,
        sections=_sections(merged, roles, hierarchical=styled),
    )


def _rank(line: Line) -> tuple[float, bool]:
    return (round(line.size or 0.0, 1), line.bold)


def _body_style(lines: Sequence[Line]) -> tuple[float | None, bool]:
    """The size and weight most of the text is set in."""
    weights: Counter[tuple[float | None, bool]] = Counter()
    for line in lines:
        size = round(line.size, 1) if line.size else None
        weights[(size, line.bold)] += len(line.text)
    if not weights:
        return None, False
    return weights.most_common(1)[0][0]


def _styled(line: Line, body: tuple[float | None, bool]) -> bool:
    """True when the font sets this line apart from the body text (larger, or bold)."""
    if line.body:
        return False
    body_size, body_bold = body
    if line.size and body_size:
        if line.size >= LARGER * body_size:
            return True
        if line.size < 0.95 * body_size:
            return False  # bold small print (footnotes, captions) is no heading
    return line.bold and not body_bold


def _shaped(line: Line, *, styled: bool) -> bool:
    """A short line that starts like a title and does not end like a sentence or clause."""
    text = line.text
    # A heading set apart by its font may run longer than one only its shape gives away.
    chars, words = (MAX_CHARS + 40, MAX_WORDS + 6) if styled else (MAX_CHARS, MAX_WORDS)
    if line.body or not text or len(text) > chars or len(text.split()) > words:
        return False
    if not _STARTS_UPPER.match(text) or _SYMBOL_BULLET.match(text) or _NOT_PROSE.search(text):
        return False
    if not _LETTER.search(text):
        return False  # "2025", "€ 1.500"
    end = _STATEMENT_END if styled else _CLAUSE_END
    return not end.search(text)


def _merge_wrapped_headings(lines: list[Line]) -> list[Line]:
    """Join a heading set in a large font that wraps onto a second line of the same font."""
    if not any(line.size for line in lines):
        return lines
    body = _body_style(lines)
    largest = max(line.size or 0.0 for line in lines)
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        joined = f"{prev.text} {line.text}" if prev is not None else ""
        if (
            prev is not None
            and _styled(prev, body)
            and _rank(prev) == _rank(line)
            and prev.page == line.page
            and (
                (
                    re.match(r"[a-zà-ÿ]", line.text)
                    and _shaped(replace(prev, text=joined), styled=True)
                )
                # the document's title in its largest font, wrapped at a capital ("...
                # Zorggroep" | "De Linde, versie 2027")
                or (
                    len(out) == 1
                    and prev.size == largest
                    and not _SENTENCE_END.search(prev.text)
                    and len(joined) <= MAX_TITLE_CHARS
                )
            )
        ):
            out[-1] = replace(prev, text=joined)
        else:
            out.append(line)
    return out


def _styled_roles(lines: Sequence[Line], evidence: Sequence[bool]) -> list[Role]:
    roles: list[Role] = ["body"] * len(lines)
    # A heading needs body text after it somewhere; a bold last line is a signature or a note.
    last_body = max((i for i, e in enumerate(evidence) if not e), default=-1)
    for i, line in enumerate(lines):
        if evidence[i] and i < last_body and _shaped(line, styled=True):
            roles[i] = "heading"
    return roles


def _short_limit(lines: Sequence[Line]) -> float:
    """How long a line may be and still be short: well under the width of wrapped body text."""
    lengths = sorted(len(line.text) for line in lines)
    full = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
    return min(MAX_CHARS, max(40.0, 0.75 * full))


def _plain_roles(lines: Sequence[Line]) -> list[Role]:
    n = len(lines)
    limit = _short_limit(lines)
    shaped = [_shaped(line, styled=False) and len(line.text) <= limit for line in lines]

    def starts_body(j: int) -> bool:
        return j < n and not shaped[j] and bool(_STARTS_BODY.match(lines[j].text))

    # a long title over the first heading ("Learning and development policy for all staff of
    # Riverside Care Group, 2027 edition" over "1. Personal budget") is a title all the same
    if n > 2 and not shaped[0] and shaped[1] and _shaped(lines[0], styled=True) and starts_body(2):
        shaped[0] = True
    roles: list[Role] = ["body"] * n
    # A shaped line that stands on its own (after a sentence, a heading, a paragraph break) but
    # is followed by another short line starts a list; what follows it is the list going on.
    listing = False
    for i, line in enumerate(lines):
        if not shaped[i]:
            listing = False
            continue
        if i == 0 and n > 2 and shaped[1] and starts_body(2):
            roles[i] = "heading"  # a title line over the first heading
            continue
        prev = lines[i - 1].text if i else ""
        alone = (
            i == 0
            or roles[i - 1] == "heading"
            or line.break_before
            or bool(_SENTENCE_END.search(prev))
            # a list item that did not wrap; a long one may continue on this line
            or bool(_SYMBOL_BULLET.match(prev) and len(prev) <= limit)
        )
        if alone and not listing and starts_body(i + 1):
            roles[i] = "heading"
        listing = roles[i] != "heading" and (alone or listing)
    return roles


def _title(lines: Sequence[Line], roles: Sequence[Role], styled: bool) -> int | None:
    """The heading at the very top that stands above every other heading, if any."""
    first = next((i for i, role in enumerate(roles) if role == "heading"), None)
    if first is None:
        return None
    others = [i for i, role in enumerate(roles) if role == "heading" and i != first]
    if styled:
        # A line or two (a date, a department) may sit above the title on the first page.
        if first > 2 or lines[first].page != lines[0].page:
            return None
        if all(_rank(lines[first]) > _rank(lines[i]) for i in others):
            return first
        return None
    if first != 0:
        return None
    if not others or others[0] == 1:
        return first
    return None


def _sections(
    lines: Sequence[Line], roles: Sequence[Role], *, hierarchical: bool
) -> list[str | None]:
    """The section path each line falls under; a larger heading is the parent of a smaller one."""
    stack: list[tuple[tuple[float, bool], str]] = []
    out: list[str | None] = []
    for line, role in zip(lines, roles, strict=True):
        if role == "heading":
            rank = _rank(line) if hierarchical else (0.0, False)
            while stack and stack[-1][0] <= rank:
                stack.pop()
            stack.append((rank, " ".join(line.text.split())))
        out.append(" > ".join(text for _, text in stack) if stack else None)
    return out
