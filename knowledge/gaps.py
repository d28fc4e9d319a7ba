"""What managers ask that the guidance does not cover, counted so that no one is exposed.

A question that gets the honest "not covered" reply is reduced to its topic terms: the content
words, without stop words and without the names of that manager's employees, stemmed in the
question's language. Only those terms are stored, with the week and a salted hash of the
manager (to count different managers). The question text is never stored. A term is shown to
HR only once at least `K_ANONYMITY` different managers asked about it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from knowledge.index import Analyzer

K_ANONYMITY = 3
MAX_TERMS = 8  # per question: a long message should not flood the counts
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Gap:
    """A topic term that enough managers asked about, with how many per week."""

    term: str
    lang: str
    managers: int
    weeks: dict[str, int] = field(default_factory=dict)  # ISO week -> managers that week


def week_of(when: datetime) -> str:
    """The ISO week, e.g. '2026-W48'."""
    year, week, _ = when.isocalendar()
    return f"{year}-W{week:02d}"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def topic_terms(question: str, lang: str, names: Iterable[str] = ()) -> list[str]:
    """The stemmed content words of a question, without stop words and employee names.

    >>> topic_terms("Hoe regel ik thuiswerken voor Anna de Vries?", "nl", ["Anna de Vries"])
    ['regel', 'thuiswerk']
    """
    banned = {_fold(part) for name in names for part in _WORD.findall(name)}
    words = [w for w in _WORD.findall(question) if _fold(w) not in banned and len(w) > 2]
    analyze = Analyzer("en" if lang == "en" else "nl")
    terms = [t for t in analyze(" ".join(words)) if len(t) > 2]
    return list(dict.fromkeys(terms))[:MAX_TERMS]


def manager_key(salt: str, manager: str) -> str:
    """A salted hash that tells managers apart without naming them."""
    return hashlib.sha256(f"{salt}:{manager}".encode()).hexdigest()[:32]


def visible(rows: Iterable[tuple[str, str, str, str]], since: datetime, k: int) -> list[Gap]:
    """Terms asked by at least `k` different managers since `since`, most asked first.

    `rows` are (week, lang, term, manager key).
    """
    first = week_of(since)
    managers: dict[tuple[str, str], set[str]] = {}
    weeks: dict[tuple[str, str], dict[str, set[str]]] = {}
    for week, lang, term, manager in rows:
        if week < first:
            continue
        managers.setdefault((term, lang), set()).add(manager)
        weeks.setdefault((term, lang), {}).setdefault(week, set()).add(manager)
    gaps = [
        Gap(
            term=term,
            lang=lang,
            managers=len(who),
            weeks={w: len(m) for w, m in sorted(weeks[(term, lang)].items())},
        )
        for (term, lang), who in managers.items()
        if len(who) >= k
    ]
    return sorted(gaps, key=lambda g: (-g.managers, g.lang, g.term))


def since(now: datetime, days: int) -> datetime:
    """The start of a window of `days` days ending `now`."""
    return now - timedelta(days=max(days, 1))
