"""A small, dependency-free Dutch/English detector based on function words."""

from __future__ import annotations

import re
from typing import Literal

Lang = Literal["nl", "en"]

# Function words only: they carry the language but not the topic, so a Dutch question full of
# English jargon ("skills", "feedback", "one-on-one") is still seen as Dutch.
_NL_WORDS = """
    de het een en van in op te dat die dit deze is zijn was waren wordt worden werd niet geen
    ook met voor aan bij als maar om of dan toch nog wel al naar uit over tot door heb hebt
    heeft hebben had kan kun kunt kunnen zou zouden moet moeten mag mogen wil wilt willen
    ik jij je u hij zij ze wij we jullie mijn jouw zijn haar ons onze hun hen mij me mijzelf
    wat wie waar wanneer waarom hoe welke welk hoeveel er hier daar nu zo zeer erg heel veel
    meer minder iets niets iemand niemand alles elke elk ieder andere zelf omdat want dus
    terwijl zonder tussen tegen na sinds hoe ga gaat gaan doe doet doen krijg krijgt krijgen
    mijn medewerker medewerkers leidinggevende team gesprek eigenlijk even graag goed
    """
_EN_WORDS = """
    the a an and of in on to that this these those is are was were be been being not no
    also with for at by as but or than then yet still already from out about into over
    through have has had having can could would should must may might will shall do does
    did doing i you he she it we they my your his her its our their me him us them myself
    what who where when why how which whose there here now so very much many more less
    something nothing someone nobody everything each every other own because if while
    without between against after since get gets got give make makes want wants need needs
    employee employees manager team conversation really just well good please
    """
_NL = frozenset(_NL_WORDS.split())
_EN = frozenset(_EN_WORDS.split())
_WORD = re.compile(r"[a-zà-ÿ']+")
# Letter patterns that are frequent in one language and rare in the other break ties on text
# without function words (a heading, a list of keywords).
_NL_HINTS = re.compile(r"ij|oe|aa|ee[^rd]|uu|sch|cht|gesprek|ontwikkel|\bvan\b")
_EN_HINTS = re.compile(r"th|wh|ing\b|tion\b|ould\b|\bof\b")


def detect_language(text: str, default: str = "nl") -> Lang:
    """Return "nl" or "en" for `text`; `default` when the text gives no evidence either way."""
    words = _WORD.findall(text.lower())
    nl = sum(1 for w in words if w in _NL)
    en = sum(1 for w in words if w in _EN)
    if nl == en:
        lowered = text.lower()
        nl += len(_NL_HINTS.findall(lowered))
        en += len(_EN_HINTS.findall(lowered))
    if nl > en:
        return "nl"
    if en > nl:
        return "en"
    return "en" if default == "en" else "nl"
