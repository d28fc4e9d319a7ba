"""The skills passport as stored: one JSON list per kind, and the key that makes items one.

A skill is written many ways: "Plannen", "planning", "plannen." or "ERP-systeem" and "ERP
systeem". ``skill_key`` folds case, accents, punctuation and simple Dutch and English word
endings (Snowball stemmers), so each of those is one item. Words that only carry grammar ("de",
"het", "een", "the") do not count. Nearer likeness ("data-analyse" and "data analysis") is a
suggestion the manager decides on, never folded here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date
from functools import lru_cache
from typing import Any

import Stemmer

from storage.views import SkillView

MAX_LABEL = 60  # characters; a skill is a phrase, not a paragraph
_WORD = re.compile(r"[^\W_]+")
_FILLER = frozenset(
    {"de", "het", "een", "der", "des", "van", "voor", "met", "en", "of", "in", "op", "te"}
    | {"the", "a", "an", "for", "with", "and", "to", "on"}
)


@lru_cache(maxsize=1)
def _stemmers() -> tuple[Any, Any]:
    return Stemmer.Stemmer("dutch"), Stemmer.Stemmer("english")


def _fold(text: str) -> str:
    # "collega's" and "collegas" are one word
    decomposed = unicodedata.normalize("NFKD", re.sub(r"['’`]", "", text.casefold()))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def skill_key(label: str) -> str:
    """The normalised form of a skill: same key, same item.

    >>> skill_key("Plannen") == skill_key("planning") == skill_key("plannen.")
    True
    >>> skill_key("Excel") == skill_key("excel")
    True
    >>> skill_key("nieuw ERP-systeem") == skill_key("Nieuw ERP systeem")
    True
    """
    dutch, english = _stemmers()
    words = [w for w in _WORD.findall(_fold(label)) if w not in _FILLER]
    stems = [english.stemWord(dutch.stemWord(w)) for w in words]
    return " ".join(stems) or _fold(label).strip()


def clean_label(label: str) -> str:
    """A label as stored: single spaces, no trailing punctuation, at most MAX_LABEL characters."""
    text = " ".join(str(label).split()).strip(" .,;:!?-–•*\"'")
    return text[:MAX_LABEL].rstrip()


def item_view(kind: str, raw: Mapping[str, Any]) -> SkillView | None:
    """A stored item as a view (items from before this format carry only a label)."""
    label = clean_label(str(raw.get("label") or ""))
    if not label:
        return None
    added = raw.get("added")
    return SkillView(
        kind=kind,
        label=label,
        key=skill_key(label) if not raw.get("key") else str(raw["key"]),
        source=raw.get("source"),
        added=date.fromisoformat(added) if isinstance(added, str) else None,
        code=raw.get("code") or None,
    )


def item_json(item: SkillView) -> dict[str, Any]:
    """A view as stored."""
    return {
        "label": item.label,
        "key": item.key,
        "source": item.source,
        "added": item.added.isoformat() if item.added else None,
        "code": item.code,
    }


def unique(items: Iterable[SkillView]) -> list[SkillView]:
    """The items with the first of each key kept, in order."""
    seen: set[str] = set()
    kept = []
    for item in items:
        if item.key not in seen:
            seen.add(item.key)
            kept.append(item)
    return kept
