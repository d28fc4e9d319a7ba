"""Read guidance documents (Markdown, text, PDF, DOCX, HTML) into clean, sectioned text.

The type is taken from the content, never from the file name: a PNG renamed to .pdf is
refused with a message that says what it really is.
"""

from __future__ import annotations

import io
import itertools
import logging
import math
import os
import re
import stat
import statistics
import time
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from knowledge.chunking import markdown_blocks
from knowledge.headings import Line, outline, plain_lines
from knowledge.language import detect_language
from knowledge.naming import looks_like_title, readable_name
from knowledge.types import Block, IngestError, Limits, LoadedDocument

if TYPE_CHECKING:  # python-docx is imported when a Word document comes in
    from docx.text.paragraph import Paragraph

log = logging.getLogger(__name__)

SUPPORTED = "Supported are PDF, Word (.docx), Markdown, plain text (UTF-8) and HTML."

# Word documents are XML compressed a few times over; images barely compress. Anything that
# inflates far beyond that is an attack rather than a document. The total it may unpack to is
# a budget (Limits.unpacked_bytes).
ZIP_MAX_RATIO = 100
ZIP_MAX_ENTRIES = 10_000

# Front matter is data: a few short fields, no YAML anchors, aliases or tags.
FRONT_MATTER_MAX_BYTES = 16 * 1024
FRONT_MATTER_MAX_ITEMS = 50
FRONT_MATTER_MAX_CHARS = 500
MAX_VERSION = 1_000_000

_BUDGET_SETTING = {
    "unpacked_bytes": "SKILLSCOACH_MAX_UNPACKED_MB",
    "text_chars": "SKILLSCOACH_MAX_TEXT_CHARS",
    "passages": "SKILLSCOACH_MAX_PASSAGES",
    "pages": "SKILLSCOACH_MAX_PAGES",
    "parse_seconds": "SKILLSCOACH_MAX_PARSE_SECONDS",
}


# Terminal control sequences and control characters (tab, newline and form feed stay): text in
# the guidance is shown in terminals (`kb search`, the chat) and must not drive them.
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?"
    r"|[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]"
)


def _without_controls(doc: LoadedDocument) -> LoadedDocument:
    if not any(_CONTROL.search(block.text) for block in doc.blocks) and not _CONTROL.search(
        doc.title
    ):
        return doc
    blocks = [
        replace(
            block,
            text=_CONTROL.sub("", block.text),
            section=_CONTROL.sub("", block.section) if block.section else block.section,
        )
        for block in doc.blocks
    ]
    return replace(doc, title=_CONTROL.sub("", doc.title), blocks=blocks)


def over_budget(name: str, what: str, budget: str) -> IngestError:
    """The refusal of a document that exceeds a budget, naming the budget's setting."""
    setting = _BUDGET_SETTING[budget]
    return IngestError(
        f"{name} {what}; that is over the budget for one document ({setting}), so it was "
        "refused. Split it into smaller documents.",
        "over_budget",
        budget=setting,
    )


class _Budget:
    """Counts the work spent on one document; raises IngestError once a budget runs out."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.name = name
        self.limits = limits
        self._deadline = time.monotonic() + limits.parse_seconds
        self._chars = 0

    def tick(self) -> None:
        """Called between units of work (a page, a paragraph): stop when time is up."""
        if time.monotonic() > self._deadline:
            limit = self.limits.parse_seconds
            raise over_budget(self.name, f"takes longer than {limit:g} s to read", "parse_seconds")

    def text(self, chars: int) -> None:
        """Count `chars` more characters of text."""
        self._chars += chars
        if self._chars > self.limits.text_chars:
            raise over_budget(
                self.name,
                f"holds more than {self.limits.text_chars:,} characters of text",
                "text_chars",
            )


_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word/Office file (.doc/.xls); save it as .docx"),
    (b"{\\rtf", "an RTF document; save it as .docx or PDF"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
]
_ZIP_KINDS = [
    ("xl/workbook.xml", "an Excel workbook"),
    ("ppt/presentation.xml", "a PowerPoint presentation"),
    ("mimetype", "an OpenDocument file; save it as .docx"),
]
# what reads as a file extension: "policy.xlsx", not the "1" of "regeling v2.1"
_EXTENSION = re.compile(r"^\.[a-z]{2,5}$")
# the kind a binary format's name promises; a text kind under such a name is refused
_BINARY_KIND = {".pdf": "pdf", ".docx": "docx"}
_KIND_SAID = {
    "pdf": "a PDF",
    "docx": "a Word document",
    "html": "an HTML page",
    "markdown": "plain text",
    "text": "plain text",
}
_EXPECTED_BY_SUFFIX = {
    ".pdf": "PDF",
    ".docx": "Word document",
    ".md": "Markdown file",
    ".markdown": "Markdown file",
    ".txt": "text file",
    ".html": "HTML page",
    ".htm": "HTML page",
}


def load_document(
    path: Path, *, max_bytes: int, name: str | None = None, limits: Limits | None = None
) -> LoadedDocument:
    """Read and parse the file at `path`; raise IngestError with a clear message if unusable.

    Only a regular file is read: a symbolic link, device, FIFO or directory is refused (a link
    to /etc/passwd must not end up in the guidance).
    """
    name = name or path.name
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise IngestError(f"{name}: file not found.", "not_found") from None
    except OSError as exc:
        raise IngestError(f"{name}: cannot be read ({exc.strerror}).", "unreadable") from None
    if stat.S_ISLNK(info.st_mode):
        raise IngestError(
            f"{name} is a symbolic link; give the document itself, not a link to it.",
            "not_regular",
        )
    if not stat.S_ISREG(info.st_mode):
        raise IngestError(f"{name}: not a regular file.", "not_regular")
    try:
        # O_NOFOLLOW and O_NONBLOCK: a file swapped for a link or a FIFO after the check above
        # fails here instead of being followed or blocking
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        raise IngestError(f"{name}: cannot be read ({exc.strerror}).", "unreadable") from None
    with os.fdopen(fd, "rb") as handle:
        opened = os.fstat(handle.fileno())
        if not stat.S_ISREG(opened.st_mode):
            raise IngestError(f"{name}: not a regular file.", "not_regular")
        size = opened.st_size
        if size > max_bytes:
            raise IngestError(
                f"{name} is {size / 1048576:.1f} MB; the limit is {max_bytes / 1048576:.1f} MB.",
                "too_large",
            )
        if size == 0:
            raise IngestError(f"{name} is empty.", "empty")
        try:
            data = handle.read(max_bytes + 1)  # a file still growing cannot exceed the limit
        except OSError as exc:
            raise IngestError(f"{name}: cannot be read ({exc.strerror}).", "unreadable") from None
    return load_bytes(data, name=name, max_bytes=max_bytes, limits=limits)


def load_bytes(
    data: bytes, *, name: str, max_bytes: int, limits: Limits | None = None
) -> LoadedDocument:
    """Parse a document held in memory (see `load_document`)."""
    limits = limits or Limits(max_bytes=max_bytes)
    if len(data) > max_bytes:
        raise IngestError(
            f"{name} is {len(data) / 1048576:.1f} MB; the limit is {max_bytes / 1048576:.1f} MB.",
            "too_large",
        )
    if not data.strip():
        raise IngestError(f"{name} is empty.", "empty")
    suffix = Path(name).suffix.lower()
    if _EXTENSION.match(suffix) and suffix not in _EXPECTED_BY_SUFFIX:
        # "policy.xlsx" or "notes.csv" holding text is still no guidance document
        raise IngestError(
            f"{name}: files ending in {suffix} are not supported. {SUPPORTED}", "unsupported_type"
        )
    budget = _Budget(name, limits)
    kind, text = sniff(data, name)
    if _BINARY_KIND.get(suffix, kind) != kind:
        # "policy.docx" holding five letters of text is a damaged or misnamed file, not a
        # document of one passage
        raise _unsupported(name, _KIND_SAID[kind])
    if text is not None:
        budget.text(len(text))  # before any parsing: a 16 MB text is refused at once
        text = _CONTROL.sub("", text)
    if kind == "pdf":
        doc = _load_pdf(data, name, budget)
    elif kind == "docx":
        doc = _load_docx(data, name, budget)
    elif kind == "html":
        doc = _load_html(text or "", name)
    else:
        doc = _load_markdown(text or "", name, kind)
    budget.tick()
    doc = _without_controls(doc)
    if not any(block.text.strip() for block in doc.blocks):
        hint = " (a scanned PDF without a text layer? run OCR first)" if kind == "pdf" else ""
        raise IngestError(f"{name} contains no text{hint}.", "empty")
    return doc


# --- type detection ------------------------------------------------------------------------


def sniff(data: bytes, name: str) -> tuple[str, str | None]:
    """Return (kind, decoded text or None) from the bytes; IngestError for anything else."""
    if b"%PDF-" in data[:1024]:
        return "pdf", None
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data, name), None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise _unsupported(name, what)
    text = _decode_text(data)
    expected = _EXPECTED_BY_SUFFIX.get(Path(name).suffix.lower())
    if text is None and expected in ("PDF", "Word document"):
        # random bytes behind a ".pdf": a damaged file, as the manager will see it
        raise IngestError(
            f"{name} is named like a {expected} but is damaged or no {expected} at all.",
            "corrupt",
        )
    if text is None:
        raise _unsupported(name, "binary data (not UTF-8 text)")
    head = text.lstrip()[:512].lower()
    if head.startswith(("<!doctype html", "<html")) or re.search(r"<(head|body)[\s>]", head):
        return "html", text
    if head.startswith("<?xml") or head.startswith("<svg"):
        raise _unsupported(name, "an XML file")
    is_markdown = text.startswith("---") or Path(name).suffix.lower() in (".md", ".markdown")
    return ("markdown" if is_markdown or re.search(r"(?m)^#{1,4} \S", text) else "text"), text


def _sniff_zip(data: bytes, name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise IngestError(
            f"{name} looks like a Word document but the file is damaged.", "corrupt"
        ) from None
    if "word/document.xml" in names:
        return "docx"
    for entry, what in _ZIP_KINDS:
        if entry in names:
            raise _unsupported(name, what)
    raise _unsupported(name, "a ZIP archive")


def _decode_text(data: bytes) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if "\x00" in text or controls > 8:
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _unsupported(name: str, what: str) -> IngestError:
    expected = _EXPECTED_BY_SUFFIX.get(Path(name).suffix.lower())
    if expected:
        message = f"{name} is named like a {expected} but contains {what}. {SUPPORTED}"
    else:
        message = f"{name} is {what}, not a supported document. {SUPPORTED}"
    return IngestError(message, "unsupported_type")


def _title_from_name(name: str) -> str:
    return readable_name(name)


def _first_short_line(blocks: list[Block]) -> str | None:
    """The document's first line when it is short and not a sentence: a title by position."""
    for block in blocks[:1]:
        first = next((line.strip() for line in block.text.split("\n") if line.strip()), "")
        if 3 <= len(first) <= 80 and not re.search(r"[.,;:]$", first) and looks_like_title(first):
            return first.lstrip("-• ").strip() or None
    return None


def whole_title(title: str | None) -> str | None:
    """A title cut at a line break inside brackets loses the open bracket's part.

    >>> whole_title("Learning and progression policy (version")
    'Learning and progression policy'
    >>> whole_title("Beleid (versie 2)")
    'Beleid (versie 2)'
    """
    if title and title.count("(") > title.count(")"):
        title = title[: title.rfind("(")].rstrip(" -–:") or None
    return title


def _with_detected_language(
    title: str | None, kind: str, blocks: list[Block], name: str
) -> LoadedDocument:
    # The first 20,000 characters say enough about the language of a whole document.
    sample = "\n".join(block.text for block in blocks)[:20000]
    title = whole_title(title)
    if not looks_like_title(title, name):
        title = whole_title(_first_short_line(blocks))
    return LoadedDocument(
        title=title or _title_from_name(name),
        language=detect_language(sample),
        kind=kind,
        blocks=blocks,
        title_from_name=not title,
    )


def _language(declared: object, text: str) -> str:
    if isinstance(declared, str) and declared.lower()[:2] in ("nl", "en"):
        return declared.lower()[:2]
    return detect_language(text)


# --- Markdown and plain text ---------------------------------------------------------------


def _front_matter(text: str, name: str) -> tuple[dict[str, object], str]:
    match = re.match(r"---\n(.*?)\n---[ \t]*\n?", text[: FRONT_MATTER_MAX_BYTES + 16], re.DOTALL)
    if not match:
        if text.startswith("---\n") and re.search(r"\n---[ \t]*(\n|$)", text):
            raise IngestError(
                f"{name}: the front matter (between the --- lines) is longer than "
                f"{FRONT_MATTER_MAX_BYTES // 1024} KB; it should hold a few short fields.",
                "invalid_front_matter",
            )
        return {}, text
    source = match.group(1)
    try:
        # Scan first (linear): anchors and aliases are how a few bytes of YAML expand to
        # gigabytes, and tags construct objects. Front matter needs neither.
        for token in yaml.scan(source, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                raise IngestError(
                    f"{name}: the front matter uses YAML anchors or aliases (&name, *name); "
                    "write each value out instead.",
                    "invalid_front_matter",
                )
            if isinstance(token, yaml.TagToken):
                raise IngestError(
                    f"{name}: the front matter uses YAML tags (!name); write plain values.",
                    "invalid_front_matter",
                )
        meta = yaml.safe_load(source) or {}
    except yaml.YAMLError as exc:
        message = f"{name}: the front matter is not valid YAML ({exc})."
        raise IngestError(message, "corrupt") from None
    if not isinstance(meta, dict):
        raise IngestError(f"{name}: the front matter is not a mapping of fields.", "corrupt")
    _check_front_matter(meta, name)
    return meta, text[match.end() :]


def _check_front_matter(meta: dict[object, object], name: str) -> None:
    """Every field small: strings, numbers or flat lists of them; a version a small integer."""

    def refuse(field: object, why: str) -> IngestError:
        return IngestError(
            f"{name}: front matter field {str(field)[:40]!r} {why}.", "invalid_front_matter"
        )

    if len(meta) > FRONT_MATTER_MAX_ITEMS:
        raise refuse("(all)", f"has more than {FRONT_MATTER_MAX_ITEMS} fields")
    for key, value in meta.items():
        if not isinstance(key, str) or len(key) > 100:
            raise refuse(key, "is not a short field name")
        items = value if isinstance(value, list) else [value]
        if len(items) > FRONT_MATTER_MAX_ITEMS:
            raise refuse(key, f"is a list of more than {FRONT_MATTER_MAX_ITEMS} items")
        for item in items:
            if isinstance(item, list | dict):
                raise refuse(key, "nests lists or fields; use a flat list of words")
            if isinstance(item, str) and len(item) > FRONT_MATTER_MAX_CHARS:
                raise refuse(key, f"is longer than {FRONT_MATTER_MAX_CHARS} characters")
            if isinstance(item, int) and not isinstance(item, bool) and abs(item) > 10**15:
                raise refuse(key, "is an absurdly large number")
    version = meta.get("version")
    if version is not None and (
        not isinstance(version, int)
        or isinstance(version, bool)
        or not 1 <= version <= MAX_VERSION
    ):
        raise IngestError(
            f"{name}: version in the front matter must be a whole number from 1 to "
            f"{MAX_VERSION:,}.",
            "invalid_front_matter",
        )


def _str_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list):
        return [str(item).strip() for item in value if str(item).strip()]
    return [str(value)]


def _load_markdown(text: str, name: str, kind: str) -> LoadedDocument:
    meta, body = _front_matter(text, name)
    heading, blocks = markdown_blocks(body) if kind == "markdown" else text_blocks(body)
    declared = meta.get("version")
    version = declared if isinstance(declared, int) else None  # checked: 1..MAX_VERSION
    doc_id = meta.get("id")
    title = str(meta.get("title") or heading or "").strip()
    return LoadedDocument(
        title=title or _title_from_name(name),
        language=_language(meta.get("language"), body),
        kind=kind,
        blocks=blocks,
        doc_id=str(doc_id).strip() if doc_id else None,
        version=version,
        topics=_str_list(meta.get("topics")),
        sources=_str_list(meta.get("sources")),
        title_from_name=not title,
    )


def text_blocks(text: str) -> tuple[str | None, list[Block]]:
    """Split plain text on heading-like lines: (title line at the top if any, blocks)."""
    structure = outline(plain_lines(text))
    blocks = []
    for section, lines in structure.runs():
        parts = [
            ("\n\n" if line.break_before and n else "\n" if n else "") + line.text
            for n, line in enumerate(lines)
        ]
        blocks.append(Block(text="".join(parts), section=section))
    return structure.title, blocks


# --- PDF -----------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^(page|pagina|blz\.?|p\.)?\s*[-–]?\s*\d{1,4}\s*([/–-]|of|van)?\s*\d{0,4}\s*[-–]?$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^([•◦▪●\-–*]|\d{1,2}[.)]|[a-z][.)])\s")


@contextmanager
def _pdf_stream_cap(cap: int) -> Iterator[None]:
    """Lower pypdf's own caps on what one stream may inflate to, to the budget."""
    import pypdf

    apply = getattr(pypdf, "apply_configuration", None)
    if apply is None:  # pypdf < 7: module-wide limits
        import pypdf.filters

        for attr in ("ZLIB_MAX_OUTPUT_LENGTH", "LZW_MAX_OUTPUT_LENGTH"):
            if hasattr(pypdf.filters, attr):
                setattr(pypdf.filters, attr, min(getattr(pypdf.filters, attr), cap))
        yield
        return
    fields = (
        "zlib_maximum_output_length",
        "lzw_maximum_output_length",
        "run_length_maximum_output_length",
        "brotli_maximum_output_length",
        "array_based_stream_maximum_output_length",
        "maximum_declared_stream_length",
    )
    current = pypdf.get_configuration()
    overwrites = {f: min(getattr(current, f), cap) for f in fields if hasattr(current, f)}
    with apply(**overwrites):  # a context variable: other threads keep their own
        yield


def _load_pdf(data: bytes, name: str, budget: _Budget) -> LoadedDocument:
    with _pdf_stream_cap(budget.limits.unpacked_bytes):
        return _read_pdf(data, name, budget)


def _read_pdf(data: bytes, name: str, budget: _Budget) -> LoadedDocument:
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Restrictions-only PDFs (an owner password, empty user password) open fine;
            # a PDF that needs a password to be read is refused.
            try:
                opened = bool(reader.decrypt(""))
            except Exception:  # noqa: BLE001 - pypdf raises several types for unknown ciphers
                opened = False
            if not opened:
                raise IngestError(
                    f"{name} is a password-protected PDF. Remove the password and upload it "
                    "again.",
                    "encrypted_pdf",
                )
        count = len(reader.pages)
        if count > budget.limits.pages:
            raise over_budget(
                name, f"has {count:,} pages (at most {budget.limits.pages:,})", "pages"
            )
        pages = []
        for page in reader.pages:
            budget.tick()
            lines = _pdf_page_lines(page)
            budget.text(sum(len(line.text) + 1 for line in lines))
            pages.append(lines)
        budget.tick()
        bookmarks = _pdf_outline(reader)
        title = _pdf_title(reader)
    except IngestError:
        raise
    except LimitReachedError:
        raise over_budget(
            name,
            f"has a stream that inflates beyond {budget.limits.unpacked_bytes / 1048576:.0f} MB",
            "unpacked_bytes",
        ) from None
    except Exception as exc:  # noqa: BLE001 - a broken PDF fails in many ways (PdfReadError...)
        log.info("PDF %s could not be parsed: %s", name, type(exc).__name__)
        raise IngestError(f"{name} is a damaged PDF that cannot be read.", "corrupt") from None
    if not pages:
        raise IngestError(f"{name} is a damaged PDF without pages.", "corrupt")
    first_heading, blocks = pdf_blocks(pages, bookmarks=bookmarks)
    if not looks_like_title(title, name):
        title = None
    return _with_detected_language(title or first_heading, "pdf", blocks, name)


def _pdf_page_lines(page: object) -> list[Line]:
    """The text lines of a page, each with the font size and weight most of it is set in."""
    pieces: list[tuple[str, float | None, bool]] = []

    def visit(text: str, cm: object, tm: object, font: object, size: object) -> None:
        if text:
            pieces.append((text, _effective_size(size, cm, tm), _is_bold(font)))

    text = page.extract_text(visitor_text=visit) or ""  # type: ignore[attr-defined]
    styles: dict[str, tuple[float | None, bool]] = {}
    weights: Counter[tuple[float | None, bool]] = Counter()
    current: list[str] = []
    for piece, size, bold in pieces + [("\n", None, False)]:
        for n, part in enumerate(piece.split("\n")):
            if n:  # a line ends: it takes the style most of its letters are set in
                key = "".join(current).strip()
                if key and weights:
                    styles.setdefault(key, weights.most_common(1)[0][0])
                current.clear()
                weights.clear()
            current.append(part)
            letters = len(part.strip())
            if letters:
                weights[(size, bold)] += letters
    # Lines are taken from pypdf's own text; the visitor only lends them their style.
    lines = []
    for raw in text.split("\n"):
        size, bold = styles.get(raw.strip(), (None, False))
        lines.append(Line(raw, size=size, bold=bold))
    return lines


def _effective_size(size: object, cm: object, tm: object) -> float | None:
    """The font size as printed: the nominal size scaled by the text and graphics matrices."""
    try:
        _, _, c1, d1 = (float(v) for v in list(tm)[:4])  # type: ignore[call-overload]
        a2, b2, c2, d2 = (float(v) for v in list(cm)[:4])  # type: ignore[call-overload]
        # The vertical scale of text matrix x CTM: what 1 unit of font size measures on paper.
        scale = math.hypot(c1 * a2 + d1 * c2, c1 * b2 + d1 * d2)
        printed = float(size) * scale  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return round(printed, 1) if printed > 0 else None


def _is_bold(font: object) -> bool:
    """True for a bold font: by its name (Arial-BoldMT, Calibri,Bold) or its declared weight."""
    try:
        name = str(font.get("/BaseFont", ""))  # type: ignore[attr-defined]
        if re.search(r"bold|black|heavy|semibold|demi", name, re.IGNORECASE):
            return True
        descriptor = font.get("/FontDescriptor")  # type: ignore[attr-defined]
        if descriptor is None and font.get("/DescendantFonts"):  # type: ignore[attr-defined]
            descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")  # type: ignore[index]
        weight = descriptor.get_object().get("/FontWeight") if descriptor is not None else None
        return weight is not None and float(weight) >= 600
    except Exception:  # noqa: BLE001 - odd font dictionaries only cost the bold hint
        return False


def _pdf_title(reader: object) -> str | None:
    meta = getattr(reader, "metadata", None)
    title = (getattr(meta, "title", None) or "").strip() if meta else ""
    # Word's PDF export leaves "Microsoft Word - file.docx", PDF libraries "(anonymous)"
    return title if looks_like_title(title) else None


def _pdf_outline(reader: object) -> dict[int, str]:
    """Map page number -> bookmark title starting on that page (the PDF's own headings)."""
    found: dict[int, str] = {}

    def walk(items: object) -> None:
        for item in items or []:  # type: ignore[attr-defined]
            if isinstance(item, list):
                walk(item)
                continue
            try:
                page = reader.get_destination_page_number(item) + 1  # type: ignore[attr-defined]
            except Exception:  # noqa: BLE001 - broken bookmarks must not stop the import
                continue
            title = str(getattr(item, "title", "") or "").strip()
            if title:
                found.setdefault(page, title)

    try:
        walk(reader.outline)  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001
        return {}
    return found


def pdf_blocks(
    pages: list[list[Line]], *, bookmarks: dict[int, str] | None = None
) -> tuple[str | None, list[Block]]:
    """Clean PDF lines into sectioned blocks: (title line at the top if any, blocks).

    Repairs ligatures, running headers/footers, page numbers, hyphens and line breaks; a
    heading line becomes the section of the text under it instead of the start of a sentence.
    """
    texts = [
        [unicodedata.normalize("NFKC", line.text).replace("\u00ad", "").strip() for line in page]
        for page in pages
    ]
    repeated = _running_lines(texts)
    kept: list[list[Line]] = []
    for number, (page, page_texts) in enumerate(zip(pages, texts, strict=True), start=1):
        kept.append(
            [
                replace(line, text=text, page=number)
                for line, text in zip(page, page_texts, strict=True)
                if text and text not in repeated and not _PAGE_NUMBER.match(text)
            ]
        )
    # A word hyphenated across a page break: move its first half to the next page.
    for page, following in itertools.pairwise(kept):
        if not page or not following:
            continue
        match = re.search(r"(\w+)-$", page[-1].text)
        if match and re.match(r"[a-zà-ÿ]", following[0].text):
            following[0] = replace(following[0], text=match.group(1) + following[0].text)
            page[-1] = replace(page[-1], text=page[-1].text[: match.start()].rstrip())
            if not page[-1].text:
                page.pop()
    widths = {
        n: statistics.median(len(line.text) for line in page)
        for n, page in enumerate(kept, start=1)
        if page
    }
    structure = outline([line for page in kept for line in page])
    bookmarks = bookmarks or {}
    titles = {" ".join(t.split()).casefold() for t in bookmarks.values()}
    # (section, page, texts): a block's texts are joined once at the end, so a paragraph
    # carried over page after page costs no copy per page
    runs: list[tuple[str | None, int | None, list[str]]] = []
    seen: tuple[str | None, str | None] | None = None  # (detected section, bookmark it began in)
    for section, lines in structure.runs():
        page_no = lines[0].page or 0
        mark = next((bookmarks[p] for p in range(page_no, 0, -1) if p in bookmarks), None)
        if seen is None or section != seen[0]:
            seen = (section, mark)
        elif mark != seen[1]:
            section = None  # a heading under an earlier bookmark does not reach into this one
        if mark and section and section.casefold() != mark.casefold():
            # A heading that is itself a bookmark names its place exactly; any other heading
            # is a subsection of the page's bookmark.
            last = section.rsplit(" > ", 1)[-1].casefold()
            section = section if last in titles else f"{mark} > {section}"
        text = _join_lines([line.text for line in lines], widths.get(page_no, 0))
        if not text:
            continue
        named = section or mark
        if runs and runs[-1][0] == named and _RUNS_ON.search(runs[-1][2][-1]):
            # a paragraph carried over to the next page ("... aanvraag: Marieke de Vries,
            # HR-adviseur" | "Leren & Ontwikkelen (opleidingen@..., toestel 2417)") stays one
            runs[-1][2].append(text)
        else:
            runs.append((named, lines[0].page, [text]))
    blocks = [Block(text=" ".join(texts), section=named, page=page) for named, page, texts in runs]
    title = structure.title
    if title and " ".join(title.split()).casefold() in titles:
        title = None  # the first chapter's bookmark, not the document's name
    return title, blocks


def _running_lines(page_lines: list[list[str]]) -> set[str]:
    """Lines at the top or bottom of most pages: running headers and footers."""
    if len(page_lines) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in page_lines:
        edge = [line for line in lines if line][:2] + [line for line in lines if line][-2:]
        counts.update(set(edge))
    threshold = max(3, 0.6 * len(page_lines))
    # A line that runs long, ends in a hyphen or starts in lower case (a sentence carried
    # over) is body text that happens to repeat.
    return {
        line
        for line, n in counts.items()
        if n >= threshold and len(line) <= 100 and not line.endswith("-") and not line[0].islower()
    }


_SOFT_HYPHEN_END = re.compile(r"[a-zà-ÿ]-$")
_LOWER_START = re.compile(r"[a-zà-ÿ]")
_PARAGRAPH_END = re.compile(r"[.!?:]$")
_RUNS_ON = re.compile(r"[,;a-zà-ÿ]$")


def _join_lines(lines: list[str], width: float) -> str:
    """Join lines into paragraphs, undoing hyphenation; `width` is the page's typical line.

    Linear in the total length: each decision looks only at the previous line, never at the
    paragraph built so far (20,000 lines on one page once took minutes).
    """
    if not lines:
        return ""
    paragraphs: list[list[str]] = [[lines[0]]]
    length = len(lines[0])  # of the paragraph so far, as it will be joined
    for line in lines[1:]:
        parts = paragraphs[-1]
        prev = parts[-1]  # its last line: the paragraph's end, all the checks below look at
        short = length < 0.7 * width
        if _SOFT_HYPHEN_END.search(prev) and _LOWER_START.match(line):
            parts[-1] = prev[:-1] + line  # ontwik-|keling -> ontwikkeling
            length += len(line) - 1
        elif _BULLET.match(line) or (short and _PARAGRAPH_END.search(prev)):
            paragraphs.append([line])  # a new paragraph or list item
            length = len(line)
        elif short and not _RUNS_ON.search(prev):
            paragraphs.append([line])  # a heading-like short line
            length = len(line)
        else:
            parts.append(line)
            length += 1 + len(line)
    return "\n\n".join(re.sub(r"[ \t]{2,}", " ", " ".join(parts)) for parts in paragraphs)


# --- DOCX ----------------------------------------------------------------------------------


def _check_zip_bomb(data: bytes, name: str, limits: Limits | None = None) -> None:
    limits = limits or Limits()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    if len(infos) > ZIP_MAX_ENTRIES:
        log.warning("refused %s: %s entries", name, len(infos))
        raise IngestError(
            f"{name} holds {len(infos):,} files inside (a Word document has a few dozen; at "
            f"most {ZIP_MAX_ENTRIES:,} are accepted), so it was refused.",
            "zip_bomb",
        )
    total = sum(info.file_size for info in infos)
    if total > ZIP_MAX_RATIO * max(len(data), 1):
        log.warning("refused %s: %s entries inflating to %s bytes", name, len(infos), total)
        raise IngestError(
            f"{name} inflates to {total / 1048576:.1f} MB when unpacked, over {ZIP_MAX_RATIO} "
            "times its own size; that is not a normal Word document, so it was refused.",
            "zip_bomb",
        )
    if total > limits.unpacked_bytes:
        log.warning("refused %s: inflates to %s bytes", name, total)
        raise over_budget(
            name,
            f"unpacks to {total / 1048576:.1f} MB (at most "
            f"{limits.unpacked_bytes / 1048576:.0f} MB)",
            "unpacked_bytes",
        )


def _load_docx(data: bytes, name: str, budget: _Budget) -> LoadedDocument:
    # python-docx unpacks entries in full: check before parsing
    _check_zip_bomb(data, name, budget.limits)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - damaged XML/zip fails in many ways
        log.info("DOCX %s could not be parsed: %s", name, type(exc).__name__)
        raise IngestError(
            f"{name} is a damaged Word document that cannot be read.", "corrupt"
        ) from None
    title = (document.core_properties.title or "").strip() or None
    if not looks_like_title(title, name):
        title = None
    default_size = _docx_default_size(document)
    lines: list[Line] = []
    styles: list[str] = []  # "Title" / "Heading n" for headings the author marked, else ""
    budget.tick()
    for item in document.iter_inner_content():
        budget.tick()
        if isinstance(item, Paragraph):
            text = item.text.strip()
            budget.text(len(text) + 1)
            if not text:
                continue
            style = (item.style.name if item.style is not None else "") or ""
            if style == "Title" or style.startswith("Heading"):
                lines.append(Line(text))
                styles.append(style)
                continue
            styles.append("")
            if "List" in style:
                lines.append(Line(f"- {text}", break_before=True, body=True))
            else:
                size, bold = _docx_font(item, default_size)
                lines.append(Line(text, size=size, bold=bold, break_before=True))
        elif isinstance(item, Table):
            for row in item.rows:
                budget.tick()
                cells = [cell.text.strip() for cell in row.cells]
                budget.text(sum(len(cell) + 1 for cell in cells))
                # merged cells repeat their text once per grid column
                unique = [c for i, c in enumerate(cells) if c and (i == 0 or c != cells[i - 1])]
                if unique:
                    lines.append(Line(" | ".join(unique), break_before=True, body=True))
                    styles.append("")
    if any(styles):
        # The author marked the headings with Word's styles: those are the structure.
        blocks: list[Block] = []
        section: str | None = None
        body: list[str] = []
        for line, style in zip(lines, styles, strict=True):
            if not style:
                body.append(line.text)
                continue
            if style in ("Title", "Heading 1") and title is None:
                title = line.text
                continue
            if body:
                blocks.append(Block(text="\n".join(body), section=section))
                body = []
            section = line.text
        if body:
            blocks.append(Block(text="\n".join(body), section=section))
    else:
        # Headings typed as bold or larger Normal paragraphs (common in HR documents).
        structure = outline(lines)
        title = title or structure.title
        blocks = [
            Block(text="\n".join(line.text for line in run), section=section)
            for section, run in structure.runs()
        ]
    return _with_detected_language(title, "docx", blocks, name)


def _docx_default_size(document: object) -> float | None:
    """The document's default font size in points (w:docDefaults), or None."""
    try:
        found = document.styles.element.xpath(  # type: ignore[attr-defined]
            "./w:docDefaults/w:rPrDefault/w:rPr/w:sz/@w:val"
        )
        return int(found[0]) / 2 if found else None
    except (AttributeError, IndexError, ValueError):
        return None


def _docx_font(paragraph: Paragraph, default_size: float | None) -> tuple[float | None, bool]:
    """Size and boldness of a paragraph's text, from its runs, else its style's inheritance."""

    def inherited(attr: str) -> Any:
        style = paragraph.style
        while style is not None:
            value = getattr(style.font, attr, None)
            if value is not None:
                return value
            style = style.base_style
        return None

    runs = [run for run in paragraph.runs if run.text.strip()]
    if not runs:
        return default_size, False
    style_bold = bool(inherited("bold"))
    bold = all(run.bold if run.bold is not None else style_bold for run in runs)
    longest = max(runs, key=lambda run: len(run.text))
    size = longest.font.size or inherited("size")
    return (size.pt if size is not None else default_size), bold


# --- HTML ----------------------------------------------------------------------------------


class _HtmlText(HTMLParser):
    _SKIP = {"script", "style", "nav", "header", "footer", "noscript", "template", "svg"}
    _BREAK = {"p", "div", "li", "br", "tr", "section", "article", "blockquote", "ul", "ol"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: str | None = None
        self.blocks: list[Block] = []
        self._section: str | None = None
        self._buffer: list[str] = []
        self._heading: list[str] | None = None
        self._heading_tag = ""
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif re.fullmatch(r"h[1-6]", tag):
            self._heading, self._heading_tag = [], tag
        elif tag in self._BREAK:
            self._buffer.append("\n- " if tag == "li" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        elif tag == self._heading_tag and self._heading is not None:
            text = " ".join("".join(self._heading).split())
            self._heading = None
            if tag == "h1" and not self.title:
                self.title = text
            elif text:
                self._flush()
                self._section = text
        elif tag in self._BREAK:
            self._buffer.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self.title = self.title or data.strip() or None
        elif self._heading is not None:
            self._heading.append(data)
        else:
            self._buffer.append(data)

    def _flush(self) -> None:
        raw = "".join(self._buffer)
        self._buffer.clear()
        lines = [" ".join(line.split()) for line in raw.split("\n")]
        text = "\n".join(line for line in lines if line and line != "-")
        if text:
            self.blocks.append(Block(text=text, section=self._section))

    def close(self) -> None:
        super().close()
        self._flush()


def _load_html(text: str, name: str) -> LoadedDocument:
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    return _with_detected_language(parser.title, "html", parser.blocks, name)
