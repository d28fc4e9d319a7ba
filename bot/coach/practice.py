"""Practising a conversation: how open the manager's questions are and whether they listen."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.coach.text import terms

# fmt: off
OPEN_STARTS = (
    "wat", "hoe", "welke", "welk", "waar", "waarom", "wanneer", "wie", "waardoor", "waarmee",
    "waaraan", "waarover", "waarvoor", "vertel", "beschrijf", "wat vind", "in hoeverre",
    "what", "how", "which", "where", "why", "when", "who", "tell", "describe", "in what way",
)
# fmt: on
# fmt: off
CLOSED_STARTS = (
    "ben", "bent", "heb", "hebt", "heeft", "is", "was", "kan", "kun", "kunt", "wil", "wilt",
    "zou", "zal", "mag", "moet", "doe", "doet", "vind", "ga", "gaat", "denk", "weet", "zijn",
    "wordt", "klopt", "snap", "begrijp", "herken", "lukt", "voel", "do", "does", "did", "are",
    "am", "were", "can", "could", "will", "would", "should", "have", "has", "had", "may",
    "shall", "is", "was", "isn't", "don't", "won't", "aren't",
)
# fmt: on
# fmt: off
LISTENING_PHRASES = (
    "als ik je goed begrijp", "dus je", "dus jij", "je zegt", "jij zegt", "wat ik hoor",
    "je bedoelt", "klinkt alsof", "je geeft aan", "if i understand", "so you", "you said",
    "what i hear", "you mean", "sounds like", "you're saying", "you are saying",
)
# fmt: on
_FILLER = re.compile(
    r"^(?:en|oké|oke|ok|okay|nou|goed|dus|maar|and|so|well|right|alright)[,\s]+", re.I
)


def question_kind(text: str) -> str:
    """``open``, ``closed`` or ``statement`` for one line the manager said."""
    low = _FILLER.sub("", text.strip().lower())
    low = _FILLER.sub("", low)
    if low.startswith(OPEN_STARTS) and _word_start(low, OPEN_STARTS):
        return "open"
    if low.startswith(CLOSED_STARTS) and _word_start(low, CLOSED_STARTS):
        return "closed"
    if "?" in text:
        # "Je wilt dus verder?" is a closed question in statement form
        return "closed"
    return "statement"


def _word_start(low: str, starts: tuple[str, ...]) -> bool:
    first = low.split()[0].strip("?,.!") if low.split() else ""
    return any(first == s or low.startswith(s + " ") for s in starts)


def listens(manager_line: str, previous_employee_line: str | None) -> bool:
    """Whether the manager builds on what the employee just said (summary or their words)."""
    low = manager_line.lower()
    if any(p in low for p in LISTENING_PHRASES):
        return True
    if not previous_employee_line:
        return False
    shared = set(terms(manager_line)) & set(terms(previous_employee_line))
    return len(shared) >= 2


@dataclass
class PracticeStats:
    """Counts over the manager's turns in a practice conversation."""

    turns: int = 0
    open: int = 0
    closed: int = 0
    statements: int = 0
    listening: int = 0

    @classmethod
    def of(cls, history: list[dict[str, str]]) -> PracticeStats:
        """Stats of a role-play history (``role`` is ``manager`` or ``employee``)."""
        stats = cls()
        previous: str | None = None
        for turn in history:
            if turn["role"] == "employee":
                previous = turn["text"]
                continue
            stats.turns += 1
            kind = question_kind(turn["text"])
            if kind == "open":
                stats.open += 1
            elif kind == "closed":
                stats.closed += 1
            else:
                stats.statements += 1
            if listens(turn["text"], previous):
                stats.listening += 1
        return stats
