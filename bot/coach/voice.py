"""Turning what a manager wrote about someone into words the manager can say to them.

A card's questions are read out to the employee, so "Ze plant goed" from the manager's answer
becomes "Je plant goed" and "She plans well and trains new staff" becomes "You plan well and
train new staff". Only an answer that starts with "ze/zij/hij" or "she/he" is turned; anything
else (a list of skills, a fragment) is left to the caller's own phrasing, because guessing the
grammar of a fragment reads worse than quoting it.
"""

from __future__ import annotations

import re

_NL_START = re.compile(r"^(?:ze|zij|hij)\s+(\S+)", re.I)
_EN_START = re.compile(
    r"^(?:she|he)(?:\s+((?:(?:always|often|really|also|still|never|sometimes|usually|just|"
    r"actually|even|clearly)\s+)*)(\S+)|(['’]s)\b)",
    re.I,
)
# Dutch: the verb form after "je" differs from the one after "ze/hij" for these only
_NL_VERBS = {"is": "bent", "heeft": "hebt", "kan": "kunt", "wil": "wilt", "zal": "zult"}
_NL_LATER_SUBJECT = re.compile(r"\b(?:en|maar|want|omdat|dus|als)\s+(?:ze|zij|hij)\s+(\S+)", re.I)
_NL_WORDS = {"haar": "je", "zichzelf": "jezelf", "hem": "je", "zijn": "je"}
_EN_VERBS = {
    "is": "are", "has": "have", "does": "do", "goes": "go", "was": "were", "isn't": "aren't",
    "hasn't": "haven't", "doesn't": "don't", "wasn't": "weren't",
}  # fmt: skip
_EN_WORDS = {"him": "you", "his": "your", "herself": "yourself", "himself": "yourself"}
# after "her" these words say it is an object ("asks her for help"), not a possessive
_EN_AFTER_OBJECT = {
    "for", "to", "with", "about", "and", "or", "when", "if", "as", "at", "in", "on", "because",
    "out", "up", "a", "an", "the", "so", "but",
}  # fmt: skip
# plural nouns that follow "and" often enough to be mistaken for a verb
_EN_NOUNS = {"colleagues", "customers", "clients", "others", "people", "things", "patients"}
_EN_LATER_VERB = re.compile(r"\b(and|but|or)\s+([a-z]+s)\b")
# "..., and he built a spreadsheet": a later clause about the same person
_EN_LATER_SUBJECT = re.compile(
    r"\b(and|but|or|because|so|as|when|while|if|since)\s+(?:she|he)(?:\s+(\S+)|(['’]s)\b)", re.I
)


def second_person(text: str, lang: str) -> str | None:
    """The answer addressed to the person it is about, or None when it does not start with them.

    >>> second_person("Ze plant goed en ze is geduldig met nieuwe collega's", "nl")
    "Je plant goed en je bent geduldig met nieuwe collega's"
    >>> second_person("She plans well and trains new colleagues", "en")
    'You plan well and train new colleagues'
    >>> second_person("She's great with customers and explains the new system", "en")
    "You're great with customers and explain the new system"
    >>> second_person("He's our best driver, and he built a tracker - nobody asked him to", "en")
    "You're our best driver, and you built a tracker - nobody asked you to"
    >>> second_person("plannen en Excel", "nl") is None
    True
    """
    text = " ".join(text.split()).rstrip(" .!?")
    if lang == "nl":
        return _dutch(text)
    return _english(text)


def _dutch(text: str) -> str | None:
    start = _NL_START.match(text)
    if not start:
        return None
    verb = start.group(1)
    rest = text[start.end() :]
    body = f"je {_NL_VERBS.get(verb.lower(), verb)}{rest}"
    body = _NL_LATER_SUBJECT.sub(
        lambda m: f"{m.group(0).split()[0]} je {_NL_VERBS.get(m.group(1).lower(), m.group(1))}",
        body,
    )
    # "... en kan ..." goes on with the same subject: "en kunt"
    body = re.sub(
        r"\b(en|maar|of)\s+(is|heeft|kan|wil|zal)\b",
        lambda m: f"{m.group(1)} {_NL_VERBS[m.group(2).lower()]}",
        body,
    )
    body = re.sub(
        r"\b(haar|zichzelf|hem|zijn)\b(?=\s+\w)|\b(zichzelf|hem)\b",
        lambda m: _NL_WORDS[(m.group(1) or m.group(2)).lower()],
        body,
    )
    return body[:1].upper() + body[1:]


def _english(text: str) -> str | None:
    start = _EN_START.match(text)
    if not start:
        return None
    if start.group(3):  # "she's"
        body = "you're" + text[start.end() :]
        later = True
    else:
        adverbs, verb = start.group(1) or "", start.group(2)
        body = f"you {adverbs}{_base(verb)}{text[start.end() :]}"
        later = verb.lower() in _EN_VERBS or _base(verb) != verb
    if later:  # "... and explains" goes on with the same subject: "and explain"
        body = _EN_LATER_VERB.sub(
            lambda m: (
                m.group(0) if m.group(2) in _EN_NOUNS else f"{m.group(1)} {_base(m.group(2))}"
            ),
            body,
        )
    body = _EN_LATER_SUBJECT.sub(_later_subject, body)
    words = body.split(" ")
    for i, word in enumerate(words):
        low = word.lower()
        if low in _EN_WORDS:
            words[i] = _EN_WORDS[low]
        elif low == "her":
            after = words[i + 1].lower() if i + 1 < len(words) else ""
            words[i] = "you" if not after or after in _EN_AFTER_OBJECT else "your"
    body = " ".join(words)
    return body[:1].upper() + body[1:]


def _later_subject(found: re.Match[str]) -> str:
    """ "and he built" -> "and you built", "because she's" -> "because you're"."""
    if found.group(3):
        return f"{found.group(1)} you're"
    return f"{found.group(1)} you {_base(found.group(2))}"


def _base(verb: str) -> str:
    """The verb form after "you" for one after "she/he": "plans" -> "plan"."""
    low = verb.lower()
    if low in _EN_VERBS:
        return _EN_VERBS[low]
    if len(low) > 4 and low.endswith("ies"):
        return verb[:-3] + "y"
    if re.search(r"(?:ss|sh|ch|x|z|o)es$", low):
        return verb[:-2]
    if low.endswith("s") and not low.endswith("ss") and len(low) > 2:
        return verb[:-1]
    return verb
