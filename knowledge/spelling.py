"""Typos in a question, corrected before it is looked up.

A manager types on a phone: "hwo do i give feedbak". The vectors and the word index both read
"feedbak" as a word they have never seen, and a question the guidance answers comes back as not
covered. A word is left alone when the guidance itself uses it, when a Dutch or English
dictionary knows it (the word lists of ``pyspellchecker``, shipped inside the package: nothing
is downloaded), or when it is capitalised (a name, an acronym). Any other word becomes the word
one edit away (a letter missing, extra, wrong or two letters swapped) that the guidance uses
most; a word the guidance never uses is left as typed, as it could only move the vectors, not
match a word of the guidance (a first version that also took the dictionaries' likeliest word
scored the same on the tuning and dev questions, and changed words such as "stilleren"). A
word of three letters is only read with two letters swapped ("hwo"): one letter off, too many
short words are another real word ("ecd" is not "end").

The corrected text is only looked up with; it is never shown, stored or logged (a follow-up
keeps the question as typed, and corrects it again).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Collection, Iterable
from functools import cache
from typing import Protocol

log = logging.getLogger(__name__)

DICTIONARIES = ("nl", "en")
# shorthand managers type, written out before a question is looked up ("late to dept
# meetings", "hoe spreek ik mn mw aan"); lower case only, a word on its own ("yr11" stays)
SHORTHAND = {
    "dept": "department", "depts": "departments", "mgr": "manager", "mgmt": "management",
    "mtg": "meeting", "mtgs": "meetings", "convo": "conversation", "convos": "conversations",
    "ppl": "people", "yr": "year", "yrs": "years", "hrs": "hours",
    "wk": "week", "wks": "weeks", "abt": "about", "bc": "because", "cuz": "because",
    "tmrw": "tomorrow", "tmw": "tomorrow", "devt": "development", "colleage": "colleague",
    "mw": "medewerker", "mdw": "medewerker", "mws": "medewerkers", "lg": "leidinggevende",
    "bijv": "bijvoorbeeld", "evt": "eventueel", "ipv": "in plaats van", "ivm": "in verband met",
    "ff": "even", "wrs": "waarschijnlijk", "mn": "mijn", "gespr": "gesprek",
}  # fmt: skip
# a one-on-one as typed ("1:1s", "1-op-1", "1-on-1"), written out in the question's language
_ONE_ON_ONE = re.compile(
    r"(?<![\w:./-])(?:1\s?[:-]\s?1|1-(?:on|op|to)-1)(?P<s>s|'s|tjes?|\b)(?![\w:./-])", re.I
)
ONE_ON_ONE = {
    "en": ("one-on-one", "one-on-ones"),
    "nl": ("één-op-één gesprek", "één-op-één gesprekken"),
}
_SHORTHAND = re.compile(r"\b(?:" + "|".join(sorted(SHORTHAND, key=len, reverse=True)) + r")\b")


def written_out(text: str) -> str:
    """Managers' shorthand written out; lower case only, a word on its own ("yr11" stays).

    >>> written_out("always late to dept mtgs, teaches yr11, Mw Jansen")
    'always late to department meetings, teaches yr11, Mw Jansen'
    """
    return _SHORTHAND.sub(lambda m: SHORTHAND[m.group(0)], text)


MIN_EDIT_LENGTH = 4  # shorter words are only read with two letters swapped
MAX_WORD = 30  # longer "words" are pasted codes or links: left alone
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_LETTERS = "abcdefghijklmnopqrstuvwxyzàáäèéëïíóöúüç"


class Lexicon(Protocol):
    """What a dictionary answers: whether it knows a word."""

    def __contains__(self, word: str) -> bool: ...


@cache
def dictionary(lang: str) -> Lexicon | None:
    """The word list of ``lang``, loaded once (about half a second)."""
    if lang not in DICTIONARIES:
        return None
    try:
        from spellchecker import SpellChecker
    except ImportError:  # pragma: no cover - a dependency; without it the guidance's words only
        log.warning("pyspellchecker is not installed: typos are read against the guidance only")
        return None
    return SpellChecker(language=lang, distance=1)


def load_word_lists() -> None:
    """Load the dictionaries now, not on a user's first question with a typo."""
    for lang in DICTIONARIES:
        dictionary(lang)


def swaps(word: str) -> set[str]:
    """The word with two neighbouring letters swapped.

    >>> sorted(swaps("hwo"))
    ['how', 'who']
    """
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}


def edits(word: str) -> set[str]:
    """Every string one edit away: a letter deleted, swapped, replaced or inserted.

    >>> "feedback" in edits("feedbak") and "how" in edits("hwo")
    True
    """
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deleted = {a + b[1:] for a, b in splits if b}
    replaced = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserted = {a + c + b for a, b in splits for c in _LETTERS}
    return deleted | swaps(word) | replaced | inserted


class Speller:
    """Corrects the typos of a question against the guidance's own words and two dictionaries."""

    def __init__(self, words: Iterable[str]) -> None:
        self.counts = Counter(w.lower() for w in words)

    @classmethod
    def of_texts(cls, texts: Iterable[str]) -> Speller:
        """A speller that knows every word of ``texts`` (the sections, their asks)."""
        return cls(w for text in texts for w in _WORD.findall(text))

    def known(self, word: str) -> bool:
        """Whether the guidance or a dictionary knows ``word`` (lower case)."""
        if word in self.counts:
            return True
        return any(word in d for d in map(dictionary, DICTIONARIES) if d is not None)

    def correct(self, text: str, keep: Collection[str] = (), lang: str | None = None) -> str:
        """``text`` with each unknown lower-case word replaced by its likeliest correction
        (a word either language knows is known: managers mix them), and a one-on-one typed
        in figures written out in ``lang``.

        >>> Speller(["feedback", "give"]).correct("how do i give feedbak?")
        'how do i give feedback?'
        >>> Speller(["feedback"]).correct("Feedbak from Priya")
        'Feedbak from Priya'
        >>> Speller([]).correct("always late to dept mtgs, teaches yr11")
        'always late to department meetings, teaches yr11'
        >>> Speller([]).correct("how often should i do these 1:1s", lang="en")
        'how often should i do these one-on-ones'
        >>> Speller([]).correct("hoe bereid ik een 1-op-1 voor, om 10:15", lang="nl")
        'hoe bereid ik een één-op-één gesprek voor, om 10:15'
        """
        kept = {k.lower() for k in keep}
        text = written_out(text)
        if lang in ONE_ON_ONE:
            one, several = ONE_ON_ONE[lang]
            text = _ONE_ON_ONE.sub(lambda m: several if m["s"] else one, text)

        def fix(m: re.Match[str]) -> str:
            word = m.group(0)
            if not word.islower() or len(word) > MAX_WORD or word in kept:
                return word
            if self.known(word):
                return word
            return self._best(word) or word

        return _WORD.sub(fix, text)

    def _best(self, word: str) -> str | None:
        near = swaps(word) if len(word) < MIN_EDIT_LENGTH else edits(word)
        ours = [w for w in near if w in self.counts]
        return max(ours, key=lambda w: (self.counts[w], w)) if ours else None
