"""Language of a message: the knowledge package's detector, with a tiny fallback."""

from __future__ import annotations

import os
import re
from collections.abc import Callable

from bot.coach.dates import DAY_NAMES, NEAR_DAYS

# fmt: off
_NL = {
    "de", "het", "een", "en", "ik", "je", "jij", "mijn", "niet", "wat", "hoe", "van", "voor",
    "met", "is", "zijn", "wil", "kan", "moet", "die", "dat", "er", "ook", "naar", "op", "bij",
    "medewerker", "gesprek", "waarom", "welke", "hij", "zij", "geen", "maar", "om", "te",
}
# fmt: on
# fmt: off
_EN = {
    "the", "a", "an", "and", "i", "you", "my", "not", "what", "how", "of", "for", "with", "is",
    "are", "want", "can", "should", "that", "this", "there", "also", "to", "on", "at",
    "employee", "conversation", "why", "which", "he", "she", "no", "but", "do", "does", "it",
}
# fmt: on
# a short answer made only of date words still shows its language ("next Tuesday", "morgen")
# a short day name says the language where the other one has no such word ("wed", "tues";
# "ma", "do" and "zo" are Dutch words too, so they may also be Dutch ones)
_SHORT_DAYS = {
    "nl": {"di", "wo", "vr", "za"},
    "en": {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"},
}
_DAYS = {lang: {*DAY_NAMES[lang], *NEAR_DAYS[lang], *_SHORT_DAYS[lang]} for lang in DAY_NAMES}
# what a day is said with: "in ten days", "over twee weken", "tmrw 7am before shift"
_SPANS = {
    "nl": {"dagen", "weken", "morgenochtend", "morgenmiddag"},
    "en": {"days", "weeks", "fortnight", "tmrw", "tmr", "tonight"},
}
_DATE_WORDS = {
    "nl": _DAYS["nl"] | _SPANS["nl"] | {
        "volgende", "komende", "deze", "week", "over", "om", "uur", "u", "voor", "na", "dienst",
        "school", "werk", "lunch", "ochtend", "middag", "avond", "een", "twee", "drie", "vier",
        "vijf", "zes", "tien", "e", "ste", "de",
    },
    "en": _DAYS["en"] | _SPANS["en"] | {
        "next", "this", "coming", "week", "in", "on", "at", "am", "pm", "before", "after",
        "shift", "school", "work", "lunch", "morning", "afternoon", "evening", "a", "one",
        "two", "three", "four", "five", "six", "ten", "th", "st", "nd", "rd",
    },
}  # fmt: skip
_WORD = re.compile(r"[a-zà-ÿ']+")
# a message shorter than this may say its language by a day word alone
SHORT_WORDS = 6
_DAYS_SAID = {
    "nl": _DAYS["nl"] - {"ma", "do", "zo"},
    "en": _DAYS["en"] | {"tmrw", "tmr", "tonight"},
}
# characters: a shorter message ("ok", "Anna", "morgen") says too little to switch languages on
SWITCH_AFTER = 15


def _fallback(text: str, default: str = "nl") -> str:
    words = _WORD.findall(text.lower())
    nl = sum(w in _NL for w in words)
    en = sum(w in _EN for w in words)
    if nl == en or max(nl, en) < 2:
        return default
    return "nl" if nl > en else "en"


def _pick() -> Callable[..., str]:
    try:  # the knowledge package owns detection; the fallback only bridges its absence
        from knowledge.language import detect_language as real
    except ImportError:
        return _fallback
    return real


# a question word says the language of even a short question ("hoeveel studieverlofdagen?")
_ASKING = {
    "nl": {"hoeveel", "hoe", "wat", "waarom", "wanneer", "welke", "welk", "wie", "waar"},
    "en": {"how", "what", "why", "when", "which", "who", "where"},
}


# the words of a message of one or two that only one of the languages has
_OWN_WORDS = {
    "nl": (_NL - _EN) | _DAYS_SAID["nl"] | {"gesprek", "morgen", "vraag", "hulp", "graag"},
    "en": (_EN - _NL) | _DAYS_SAID["en"] | {"tomorrow", "meeting", "question", "any", "please"},
}


def detect_language(text: str, default: str = "nl") -> str:
    """``nl`` or ``en`` for a message; ``default`` when the text says too little.

    >>> detect_language("hoeveel studieverlofdagen?", default="en")
    'nl'
    >>> detect_language("conversation tomorrow"), detect_language("gesprek morgen", "en")
    ('en', 'nl')
    >>> detect_language("tips", "en"), detect_language("tips", "nl")
    ('en', 'nl')
    >>> detect_language("meeting tomorrow, help"), detect_language("big chat tmrw, help")
    ('en', 'en')
    """
    words = _WORD.findall(text.lower())
    if len(words) < 3:
        asking = [lang for lang, said in _ASKING.items() if said & set(words)]
        if len(asking) == 1:
            return asking[0]
        # "conversation tomorrow": a word only one language has, and nothing of the other
        own = [lang for lang, vocab in _OWN_WORDS.items() if vocab & set(words)]
        return own[0] if len(own) == 1 else default
    found = _pick()(text, default=default)
    if found == default and len(words) < SHORT_WORDS:
        # "meeting tomorrow, help": a day word says the language where nothing else does
        dated = [lang for lang, days in _DAYS_SAID.items() if days & set(words)]
        if len(dated) == 1:
            return dated[0]
    return found


def switched_language(text: str, current: str) -> str | None:
    """The other language when a message is clearly written in it, else None.

    Stricter than ``detect_language``: Dutch managers type English jargon ("sterk in Excel
    dashboards and reporting"), so a switch needs two function words of the other language
    and none of ``current``'s.

    >>> switched_language("I want to find out where she wants to go next", "nl")
    'en'
    >>> switched_language("Sterk in Excel dashboards and reporting", "nl") is None
    True
    """
    words = _WORD.findall(text.lower())
    own = {"nl": _NL - _EN, "en": _EN - _NL}
    other = "en" if current == "nl" else "nl"
    if sum(w in own[current] for w in words) or sum(w in own[other] for w in words) < 2:
        return None
    return other


def date_language(text: str) -> str | None:
    """The language of an answer made only of date words and numbers, else None.

    >>> date_language("next Tuesday"), date_language("volgende week dinsdag")
    ('en', 'nl')
    >>> date_language("next tues 2pm"), date_language("wed 9:00"), date_language("vr om 10u")
    ('en', 'en', 'nl')
    >>> date_language("ok") is None and date_language("3 december") is None
    True
    >>> date_language("tmrw 7am before shift"), date_language("in ten days")
    ('en', 'en')
    >>> date_language("fri 11th 3.30 after school"), date_language("over twee weken")
    ('en', 'nl')
    """
    words = _WORD.findall(text.lower())
    for lang, vocab in _DATE_WORDS.items():
        said = _DAYS[lang] | _SPANS[lang]
        if words and all(w in vocab for w in words) and any(w in said for w in words):
            return lang
    return None


def locale_language() -> str | None:
    """The language of the terminal's locale ("en_GB.UTF-8" is English), a hint until the
    manager writes or chooses one; "C" and "POSIX" say nothing."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            code = value.split("_", 1)[0].split(".", 1)[0].lower()
            return code if code.isalpha() and len(code) == 2 else None
    return None
