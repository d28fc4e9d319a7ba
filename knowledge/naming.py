"""Names of documents: ids and titles from file names, and which metadata titles count."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

_SEP = r"[\s_.\-–—]"
# What people and tools append to a file name for another version of the same document.
# Only whole words at the end of the name: "Definities" or "Versie-informatie" stay.
_VERSION_MARK = re.compile(
    rf"""(
        {_SEP}*\(\d{{1,3}}\)                                  # "beleid (1)": a second download
      | {_SEP}+(v|versie|version|rev|revisie|revision)
            {_SEP}?\d{{1,3}}([._]\d{{1,3}})*                   # v2, _v3, versie 2, v1.2
      | {_SEP}+(final|finaal|def|definitief|definitive|kopie|copy)
      | {_SEP}+\d{{4}}[-_.]?\d{{2}}[-_.]?\d{{2}}                # 2025-03-01, 20250301
      | {_SEP}+\d{{1,2}}[-_.]\d{{1,2}}[-_.]\d{{4}}              # 01-03-2025
    ){_SEP}*$""",
    re.IGNORECASE | re.VERBOSE,
)


def slugify(text: str) -> str:
    """A document id from a name: lower case, ascii letters, digits and dashes."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9._]+", "-", text).strip("-._")[:100]


def base_name(file_name: str) -> str:
    """A file name without extension, language suffix and version markers, for comparing.

    >>> base_name("Leerbudget beleid 2025 v2.pdf")
    'leerbudget beleid 2025'
    >>> base_name("Leerbudget_beleid_2025 (1) final 2025-03-01.docx")
    'leerbudget beleid 2025'
    """
    stem = re.sub(r"\.(nl|en)$", "", Path(file_name).stem, flags=re.IGNORECASE)
    stem = unicodedata.normalize("NFKC", stem).casefold().strip()
    stem = re.sub(r"^(kopie van|copy of)\s+(?=\S)", "", stem)  # Google Drive, OneDrive copies
    while True:
        shorter = _VERSION_MARK.sub("", stem, count=1)
        if shorter == stem or not re.search(r"[^\W_]", shorter):
            break  # nothing more to strip, or nothing would be left of the name
        stem = shorter
    return " ".join(re.split(rf"{_SEP}+", stem)).strip()


# Titles that tools put in a document's metadata when the author gave none.
_PLACEHOLDER = re.compile(
    r"""^(
        \(?\s*(anonymous|anoniem|untitled|naamloos|zonder\s+titel|no\s+title|none|null|title|titel)
            \s*\)?
      | (document|doc|documento|presentation|presentatie|presentation\s*\d*|book|workbook)\s*\d*
      | (microsoft\s+(word|powerpoint|excel)|libreoffice|openoffice)\b.*
      | untitled\s*[-_ ]?\s*\d*
      | slide\s*\d*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_FILE_NAME = re.compile(r"^\S+\.(pdf|docx?|odt|rtf|txt|md|html?|pptx?|xlsx?|dotx?|tmp)$", re.I)
MAX_TITLE_CHARS = 200


def looks_like_title(title: str | None, file_name: str | None = None) -> bool:
    """True when a metadata title reads as the document's name, not a tool's placeholder.

    >>> looks_like_title("(anonymous)"), looks_like_title("Document1")
    (False, False)
    >>> looks_like_title("Microsoft Word - beleid.docx"), looks_like_title("2024-03")
    (False, False)
    >>> looks_like_title("regeling-ontwikkeltijd-v2", "regeling-ontwikkeltijd-v2.pdf")
    False
    >>> looks_like_title("Regeling ontwikkeltijd")
    True
    """
    text = " ".join((title or "").split())
    if not text or len(text) > MAX_TITLE_CHARS or not re.search(r"[^\W\d_]", text):
        return False
    if _PLACEHOLDER.match(text) or _FILE_NAME.match(text):
        return False
    if file_name:
        stem = re.sub(r"\.(nl|en)$", "", Path(file_name).stem, flags=re.IGNORECASE)
        bare = {file_name.casefold(), stem.casefold(), Path(file_name).name.casefold()}
        slug_like = " " not in text and re.search(r"[-_.]", text)
        if text.casefold() in bare or (slug_like and base_name(text) == base_name(file_name)):
            return False
    return True


def readable_name(file_name: str) -> str:
    """A title made from a file name, without version markers.

    >>> readable_name("regeling-ontwikkeltijd-v2.pdf")
    'Regeling ontwikkeltijd'
    """
    words = base_name(file_name)
    return (words[:1].upper() + words[1:]) if words else "Untitled"
