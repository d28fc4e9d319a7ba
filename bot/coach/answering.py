"""Coaching questions: retrieve guidance, then compose offline or let the language model write.

Every answer rests on retrieved passages and names them; a question the guidance does not
cover gets an honest "not covered" with the topics that are.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import lru_cache, partial
from typing import Any

from bot.coach import composer, gaps
from bot.coach.dates import DAY_NAMES, RELATIVE, find_date
from bot.coach.kit import Kit, Turn
from bot.coach.language import SWITCH_AFTER, detect_language
from bot.coach.names import command_for
from bot.coach.scope import (
    NO_PART,
    OWN_REPLY,
    ScopeDecision,
    ScopeModel,
    part_query,
    topics_of,
    without_topic_terms,
)
from bot.coach.signals import OPPOSITES, denies_a_wish, facts_of, money_said
from bot.coach.signals import read as read_signals
from bot.coach.text import (
    asks_example,
    asks_questions,
    asks_sentence,
    is_thin,
    plain_text,
    shorten,
    small_talk_key,
    terms,
)
from bot.coach.types import Answer, Choice, Reply
from bot.llm import LLMError, Message
from knowledge.sections import NOT_AN_END, advises, paragraphs
from knowledge.spelling import SHORTHAND, load_word_lists

# the session key of the last question answered, for a follow-up such as "En als ze boos wordt?"
LAST_QUESTION = "last_question"
FOLLOW_UP_WINDOW = timedelta(minutes=10)
MAX_SHOWN = 6  # sections given within the follow-up window, remembered
FOLLOW_UP_WORDS = 12  # a longer message tells a situation of its own
SHORT_QUESTION = 8  # words: "what do I say first?" asks more of the answer just given
# About what fits on a phone screen before the sources; a complete list may take a bit more.
ANSWER_WORDS = 180
# the in-scope part of an out-of-scope question follows the honest paragraph, so it is shorter
PART_WORDS = 110
LIST_WORDS = 230
# Measured with bench/answers.py on the tuning questions (see the README):
# an upload's passage within this cosine of the best guidance passage answers first;
UPLOAD_SLACK = 0.01
# ... and within this when the upload is in the other language than the question
FOREIGN_SLACK = 0.03
# an uploaded regulation this close to the best guidance adds its one fitting sentence to an
# answer from the guidance: related questions came within 0.04 of it ("wants a course, but I
# have no budget" beside a policy's personal budget), unrelated ones ("how do I give
# feedback?", "wants a promotion that isn't there") 0.05 or more behind
POLICY_LINE_GAP = 0.045
NOT_COVERED_TITLES = 12  # documents offered when the guidance does not cover a question
# a second section of the same upload is quoted too when its passage is this close to the first
UPLOAD_SECOND_GAP = 0.02
UPLOAD_WORDS = 120  # of an uploaded rule quoted
MAX_POINTS = 3  # of a list in an uploaded rule: its first and the ones that answer best
# an uploaded rule that holds every content word of a question the best guidance holds fewer
# of ("does unused budget carry over to next year?") answers when its passage comes this close
UPLOAD_COVER_SLACK = 0.03
# a second section adds a line when its score is within this of the best section's;
SECOND_GAP = 0.015
# a follow-up's words alone: a section this close behind their best one is also what they ask
# about ("niks wil veranderen" is resistance to a change and not wanting to develop, 0.03 apart)
OWN_GAP = 0.05
OWN_WORDS = 3  # content words a follow-up needs to name a situation of its own
# a short message that points back ("wat als ze dan nee zegt?") is a follow-up up to this many
# words; 9 lifted dev9's follow-ups a little (0.49 / 0.64 to 0.50 / 0.66) but made "Mag ik haar
# ontslaan omdat ze niet wil leren?" a follow-up to the question before it, whatever that was
POINTING_WORDS = 7
# a second problem joined to the first ("he's rude to users, and now he wants to become team
# lead", "ze is onzeker en daarnaast is er geen budget"): its own section, when its asks answer
# it (each part needs this many words: "ze is onzeker")
OTHER_PROBLEM_WORDS = 3
_OTHER_PROBLEM = re.compile(
    r"(?:[,.;:]\s*(?:(?:and|en)\s+)?|\s+(?:and|en)\s+)(?:also|plus|besides that|bovendien|"
    r"daarnaast|ook nog|on top of that|another thing)\b[,:]?\s*|"
    r"\s+(?:and now|and also|en ook)\b\s*|"
    r"\s+en nu (?=(?:wil|is|heeft|zegt|vraagt|gaat|krijgt)\b)|"
    # "..., en het opleidingsbudget is ook op", "..., and the budget's gone too"
    r",\s+(?:en|and)\s+(?=(?:[\w'’-]+\s+){1,5}(?:ook|too|as well)\b)",
    re.I,
)
# a difference asked for ("hoe verschilt meedoen van betrekken?"): the section of the other side,
# this close behind the best one, adds its line
# (two things compared: "what should I do differently?", "my team is very different from other
# teams", "het verschilt per medewerker" and "wat maakt het verschil" compare nothing)
_DIFFERENCE = re.compile(
    r"\b(?:(?:the )?differences? between|verschil(?:len)? tussen|hoe verschilt|"
    r"how (?:is|are|does|do) (?:that|this|it|they|\w+(?: \w+)?) (?:different|differ)|"
    r"different from what|vs\.?|versus)\b",
    re.I,
)
MAX_PARTS = 4  # of a question, each looked up on its own: a long story is no list of problems
DIFFERENCE_GAP = 0.15  # 'letting people take part' and 'involving employees': 0.12 apart
# a second section's line shorter than this says too little on its own
SECOND_LINE_WORDS = 6
# an HR paragraph is followed by a line of general guidance when a section's asks are this close
PARTIAL_ASK = 0.9
# a question this close to a section's asks is covered, even when its passages match loosely
# (in-scope tuning questions score 0.866 and up; recipes and sport up to 0.866)
ASK_COVERED = 0.875
# a follow-up leans on the question before it: a connective up front, or a short message
# with a word that points back ("En als ze dan boos wordt?", "what if he says no?")
_CONNECTIVE = re.compile(
    r"^(?:en|maar|of|dus|en als|wat als|en wat als|stel dat|en dan|and|but|or|so|what if|"
    r"and if|what about|how about|and then|en hoe|and how)\b",
    re.I,
)
# a question for advice ("how do I spend the budget sensibly?") rather than for a rule; an
# uploaded rule then adds its line to the guidance's advice instead of replacing it
_ASKS_ADVICE = re.compile(
    r"\b(?:how (?:do|can|should|could|would) (?:i|we)|what now|now what|what do i do|"
    r"hoe (?:kan|moet|ga|pak|zorg|krijg|voer|begin|breng|help|bespreek|motiveer|reageer|geef|"
    r"houd|hou|stimuleer|maak|kijk) (?:ik|we)|wat nu|en nu|wat doe ik|"
    r"what (?:should|can|could) (?:i|we) do|wat (?:moet|kan) ik (?:doen|ermee))\b"
    r"(?!.*\b(?:apply|aanvra|request|approv|goedkeur|claim|declar|sign off|fill in|invullen))",
    re.I,
)
# approving said in other words than a heading's ("wie keurt ... goed?" for "4. Goedkeuring",
# "who signs off" for "Approval")
_APPROVAL = re.compile(
    r"goedkeur|\bkeur(?:t|en)\b|akkoord|toestemming|beslis|approv|sign(?:s|ed)?[ -]?off|"
    r"permission|decides?\b",
    re.I,
)
_POINTS_BACK = re.compile(
    r"\b(?:ze|zij|hij|hem|haar|die|dat|dit|het|dan|daar|daarover|she|he|her|him|they|them|"
    r"it|that|this|then|there|"
    # "what else can I do?", "wat kan ik nog meer doen?": more of what was just answered
    r"else|instead|another|anders|nog meer|in plaats daarvan)\b",
    re.I,
)
_CITE = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")


def check_citations(text: str, available: int) -> tuple[str, list[int], list[int]]:
    """Keep [n] citations of retrieved sources, remove the others; (text, kept, dropped).

    A sentence that cites only sources that were not retrieved rests on nothing: it goes too.

    >>> check_citations("Doe dit [1]. En dat [3].", 2)
    ('Doe dit [1].', [1], [3])
    >>> check_citations("Doe dit [1, 3]. En dat.", 2)
    ('Doe dit [1]. En dat.', [1], [3])
    """
    kept: list[int] = []
    dropped: list[int] = []

    def note(numbers: list[int]) -> None:
        for n in numbers:
            target = kept if 1 <= n <= available else dropped
            if n not in target:
                target.append(n)

    def fix(m: re.Match[str]) -> str:
        good = [n for n in _numbers(m.group(1)) if 1 <= n <= available]
        return f"[{', '.join(str(n) for n in good)}]" if good else ""

    out: list[str] = []
    for sentence in _sentences(text):
        numbers = [n for group in _CITE.findall(sentence) for n in _numbers(group)]
        note(numbers)
        if numbers and not any(1 <= n <= available for n in numbers):
            continue  # its only support was invented
        out.append(_CITE.sub(fix, sentence))
    cleaned = "".join(out)
    cleaned = re.sub(r"\s+([.,;:!?])", r"\1", cleaned)
    cleaned = re.sub(r"[ \t]{2,}", " ", cleaned)
    cleaned = re.sub(r"[ \t]+\n", "\n", cleaned)
    return cleaned.strip(), sorted(kept), sorted(dropped)


def _opening_line(section: Any, main: Any) -> str | None:
    """A section's opening advice as one line beside ``main``'s answer, if it adds: a whole
    instruction that stands alone, is not a list's lead-in and is not said in ``main``."""
    advice = composer.read_section(section.text).advice
    if not advice or advice[0].startswith("• "):
        return None
    line = composer.first_sentence(advice[0])
    if composer.leans_on_previous(line) or not composer.tells_what_to_do(line):
        return None
    if len(line.split()) < SECOND_LINE_WORDS:  # "Keep it small and human." says too little
        return None
    if composer.overlaps(line, main.section.text):
        return None
    return line


def _not_against(hits: Sequence[Any], text: str) -> list[Any]:
    """The hits whose heading does not name the opposite of a situation ``text`` reads as
    ("Er is opleidingsbudget" for "geen budget, wat nu?"); the situations with an opposite
    are about money, so a text that cannot speak of it is not read."""
    if not money_said(text):
        return list(hits)
    against = {OPPOSITES[t] for t in _situations(text) if t in OPPOSITES}
    return [h for h in hits if not against & _situations(h.section.heading or "")]


def _told_in_prose(hit: Any) -> bool:
    """Whether most of a section's advice is prose, which a short answer can give without
    its list."""
    advice = composer.read_section(hit.section.text).advice
    return 2 * composer.word_count(composer.prose(advice)) >= composer.word_count(advice)


@lru_cache(maxsize=1024)
def _situations(text: str) -> frozenset[str]:
    """The situations a heading or a question names (headings repeat, and one answer asks
    this of its question more than once: each is read once)."""
    return frozenset(read_signals(text).signals)


# one answer asks this of its question twice
_denies_a_wish = lru_cache(maxsize=256)(denies_a_wish)


def _section_id(hit: Any) -> list[str]:
    """How the session names a section (its document and heading: kept across versions), as
    an answer's sources cite it."""
    return [hit.section.doc_id, composer.cited_heading(hit.section) or ""]


def _words_of(hit: Any) -> set[str]:
    """The content words of a found section, its heading included, a hyphenated one also by
    its parts ("sign-off" holds the "sign" of "can I sign off a course?")."""
    text = _rule_text(hit.section)
    return set(terms(text)) | set(terms(text.replace("-", " ")))


def is_covered(found: Any) -> bool:
    """Whether the guidance covers a question: retrieval is confident, or one of the sections
    found has an ask this close (which section ranks first does not change whether it does)."""
    return bool(
        found.confident or max((h.ask for h in found.sections), default=0.0) >= ASK_COVERED
    )


def _advice_asked(found: Any, question: str) -> bool:
    """Whether a question asks for advice the shipped guidance gives ("how do I spend the
    budget sensibly?"): an uploaded rule then adds a line to it rather than answering."""
    asks = (h.ask for h in found.sections if not h.section.uploaded)
    return max(asks, default=0.0) >= ASK_COVERED and bool(_ASKS_ADVICE.search(question))


# a rule that pays for something: "volledig vergoed uit het opleidingsfonds", "is funded"
_FUNDED = re.compile(
    r"\b(?:vergoed\w*|fonds|\w*budget van|reimburs\w*|funded|funding|paid for by|pays for|"
    r"covered|covers|\w*budget of|betaald door de (?:werkgever|organisatie|gemeente)|"
    r"paid by the (?:employer|organisation|organization|company|trust|hospital))\b",
    re.I,
)
# what a rule that pays must pay for to answer a lack of money for learning
_LEARNING = re.compile(
    r"\b(?:opleiding|cursus|training|scholing|studie|leer|examen|course|learning|develop|"
    r"ontwikkel|exam|qualification)\w*",
    re.I,
)
# a rule on paying back is no money on offer
_REPAY = re.compile(
    r"\b(?:terugbetal\w*|betaalt? \w* ?(?:\w+ )?terug|repay\w*|pay (?:it )?back)", re.I
)


# words every rule and every question of a team holds: no sign that a rule bears on one
_EVERYONE = frozenset(
    terms(
        "staff medewerker medewerkers employee employees team teams people mensen collega "
        "collega's colleague colleagues werknemer werknemers personeel"
    )
)


# a threshold a rule holds for: "costing more than £1,000", "boven € 500"
_THRESHOLD = re.compile(
    r"\b(?:more than|above|over|exceeding|boven|meer dan|hoger dan)\s*(?:€|£|\$|eur\b|euro\b)?"
    r"\s*(\d{1,3}(?:[.,]\d{3})+|\d+)",
    re.I,
)


def _above(rule: str, amount: int) -> bool:
    """Whether a rule holds only above an amount larger than ``amount``.

    >>> _above("If a colleague leaves within 12 months after a course costing more than "
    ...        "£1,000, they repay the cost pro rata.", 600)
    True
    >>> _above("Boven € 500 beslist de regiomanager.", 800)
    False
    """
    found = _THRESHOLD.search(rule)
    return found is not None and int(re.sub(r"[.,]", "", found.group(1))) > amount


def _rule_text(section: Any) -> str:
    """A section of an uploaded rule as read for what it is about: heading and text."""
    return f"{section.heading or ''} {section.text}"


def _no_money(question: str) -> bool:
    """Whether a question assumes there is no money ("geen opleidingsgeld meer")."""
    return "no_budget" in _situations(question)


def _settles_the_money(question: str, rule: str) -> bool:
    """Whether HR's rule answers a question that assumes there is no money with money.

    >>> _settles_the_money("er is bijna geen opleidingsbudget, wat kan ik doen",
    ...     "Een helpende krijgt de kosten volledig vergoed uit het centrale opleidingsfonds.")
    True
    >>> _settles_the_money("hoe kies ik een goede cursus", "De kosten worden vergoed.")
    False
    """
    return _no_money(question) and _funds(rule) and not _no_money(rule)


def _funds(rule: str) -> bool:
    """Whether a rule offers money ("volledig vergoed", "a budget of £450"), not asks it back.

    >>> _funds("Wie binnen een jaar vertrekt, betaalt de kosten naar rato terug.")
    False
    """
    return bool(_FUNDED.search(rule)) and not _REPAY.search(rule)


def _best_general(found: Any) -> float:
    """How well the best passage of the shipped guidance matches: what an upload is held to."""
    return max((h.passage for h in found.sections if not h.section.uploaded), default=0.0)


def _questions_of(hit: Any) -> list[str]:
    """A section's questions for the employee."""
    return composer.read_section(hit.section.text).questions


def is_follow_up(text: str) -> bool:
    """Whether a message reads as a follow-up to the previous question.

    >>> is_follow_up("En als ze dan boos wordt?"), is_follow_up("Hoe geef ik feedback?")
    (True, False)
    >>> is_follow_up("can you give an example?"), is_follow_up("heb je een voorbeeld?")
    (True, True)
    """
    words = text.split()
    if not words or len(words) > FOLLOW_UP_WORDS:
        return False
    if _CONNECTIVE.match(text.strip()) or asks_example(text) or asks_questions(text):
        return True
    return len(words) <= POINTING_WORDS and bool(_POINTS_BACK.search(text))


def _numbers(group: str) -> list[int]:
    return [int(n) for n in re.split(r"\s*,\s*", group)]


# A sentence ends in punctuation before a space or the end ("10.000" goes on), with the
# citations right after it.
_SENTENCE_END = re.compile(
    r"[.!?…]+" + NOT_AN_END + r"[\"'”’)]*(?:\s*\[\d+(?:\s*,\s*\d+)*\])*(?=\s|$)[ \t]*|\n+"
)


def _with_named(picked: list[str], advice: str, focus: str) -> list[str]:
    """The sentences picked for a follow-up, with the one that names its subject when the
    vectors missed it ("en als hij zegt dat het door de planning komt?" and the sentence on
    the planning), in reading order."""
    wanted = set(terms(focus))
    every = [s.strip() for s in _sentences(advice) if advises(s)]
    named = [s for s in every if wanted & set(terms(s))]
    chosen = [s.strip() for s in picked]
    if not named or any(s in chosen for s in named):
        return picked
    kept = {named[0], *chosen[: max(len(chosen) - 1, 1)]}
    return [s for s in every if s in kept]


def _sentences(text: str) -> list[str]:
    """The text cut after each sentence end (with its citations) and line break, losslessly."""
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        parts.append(text[start : match.end()])
        start = match.end()
    if start < len(text):
        parts.append(text[start:])
    return parts


def cap_answer(text: str, limit: int) -> str:
    """The answer cut after the last whole sentence within `limit` characters.

    >>> cap_answer("Een. Twee zinnen. Drie.", 18)
    'Een. Twee zinnen.'
    """
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in _sentences(text):
        if len(kept) + len(sentence.rstrip()) > limit:
            break
        kept += sentence
    if kept.strip():
        return kept.rstrip()
    cut = text[:limit].rsplit(" ", 1)[0]  # one endless sentence: cut at a word
    return cut.rstrip(" ,;:") + "…"


_SOURCE_HEADER = re.compile(r"<<<|>>>|\[(\s*\d+(?:\s*,\s*\d+)*\s*)\]")


def quote_source(text: str) -> str:
    """A passage made safe to quote as a source: nothing in it looks like a source marker.

    >>> quote_source("[2] Officieel HR-beleid <<<SOURCE [3]>>>")
    '(2) Officieel HR-beleid SOURCE (3)'
    """
    return _SOURCE_HEADER.sub(lambda m: f"({m.group(1).strip()})" if m.group(1) else "", text)


def start_choices(kit: Kit, lang: str) -> list[Choice]:
    """The quick choices under a greeting."""
    return [
        Choice(kit.t(lang, "choice_prep"), "/prep"),
        Choice(kit.t(lang, "choice_reflect"), "/reflect"),
        Choice(kit.t(lang, "choice_help"), "/help"),
    ]


# a question that asks to prepare or look back on a conversation is offered the flow for it
_CONVERSATION = re.compile(
    r"\b(?:gesprek\w*|1[:-]1|1-op-1|één-op-één|een-op-een|one[- ]on[- ]one|talk|conversation|"
    r"review|chat|check-in|meeting|praten|spreken)\b",
    re.I,
)
_OFFERS = (
    (
        re.compile(
            r"\b(?:voor te bereiden|voorbereid\w*|bereid\w*\s+(?:\w+\s+){0,6}voor|prep|"
            r"prepare|preparing|get ready|"
            # a talk still to come: "need to talk to Sarah tomorrow"
            r"morgen|tomorrow|tmrw|vanmiddag|this afternoon|overmorgen)\b",
            re.I,
        ),
        "choice_prep",
        "/prep",
    ),
    (
        re.compile(
            r"\b(?:terugkijk\w*|terugblik\w*|terug te (?:kijken|blikken)|"
            r"(?:kijk|blik)\w*\s+(?:\w+\s+){0,2}terug|reflecte\w*|"
            r"reflect|look back)\b",
            re.I,
        ),
        "choice_reflect",
        "/reflect",
    ),
)


# "gesprek met Anna", "1:1 with Jamal": a capitalised word after "met"/"with" names someone
# (a surname after it, also with "de", "van der"...)
_NAME_WORD = r"[A-Z][^\W\d_]+(?:-[^\W\d_]+)*"
_WITH_NAME = re.compile(
    rf"(?:\b(?i:met|with|to)|(?<!\w)(?i:w/))\s+({_NAME_WORD}"
    rf"(?:(?:\s+(?:van|de|der|den|ter|ten|te|in\s+'t|van\s+de[rn]?))?\s+{_NAME_WORD})?)"
)
# capitalised words after "met"/"with" that are no one's name: pronouns, a department, a day
# fmt: off
_NOT_A_NAME = frozenset({
    "hr", "ik", "i", "my", "mijn", "haar", "hem", "her", "him", "the", "de", "het", "een", "a",
    "an", "ze", "hij", "zij", "she", "he", "them", "jou", "you", "elkaar", "each", "someone",
    "iemand", "team", *(day for names in DAY_NAMES.values() for day in names),
})
# fmt: on


# a short message may name someone in lower case; not a role, a group or a pronoun
SHORT_WITH_NAME = 8
_WITH_LOWER = re.compile(
    r"(?:\b(?:met|with|(?:talk|speak|chat)\w*\s+to)|(?<!\w)w/)\s+([a-z][a-z]{2,14})(?![\w'’/-])"
)
# fmt: off
_NO_ONE = frozenset({
    "team", "teams", "collega", "collega's", "colleague", "colleagues", "iemand", "medewerker",
    "medewerkers", "employee", "employees", "staff", "boss", "baas", "manager", "leidinggevende",
    "your", "jouw", "hen", "die", "deze", "dat", "this", "that", "these", "those", "everyone",
    "iedereen", "all", "alle", "klant", "klanten", "client", "clients", "customer", "customers",
    "ouders", "parents", "student", "students", "leerling", "leerlingen", "stagiair", "intern",
    "nieuwe", "new", "spoed", "elkaar", "one", "two", "drie", "twee", "een", "our", "ons", "onze",
    "his", "zijn", "their", "hun", "mensen", "people", "somebody", "anyone", "niemand", "nobody",
    "directeur", "director", "hr", "ict", "planner", "coach", "mentor", "buddy", "trainer",
    "tl", "supervisor", "lead", "teamleider", "teamlead", "leader", "him", "her",
})
# fmt: on


def named_in(text: str, known: list[str]) -> str | None:
    """The employee a question names: a known one (any case, longest name first), else a
    capitalised word after "met"/"with" that is not a pronoun or a department.

    >>> named_in("hoe bereid ik mijn gesprek met Anna voor?", [])
    'Anna'
    >>> named_in("prep my 1:1 with jamal de vries", ["Jamal de Vries", "Jamal"])
    'Jamal de Vries'
    >>> named_in("quick prep for a 1:1 with my shift lead", [])
    >>> named_in("Ik wil een gesprek met HR voorbereiden", [])
    >>> named_in("talk tmrw w/ Sarah, help!!", []), named_in("I have to talk to Pieter", [])
    ('Sarah', 'Pieter')
    >>> named_in("morgen gesprek met ilse, help", []), named_in("talk w/ jay tmrw", [])
    ('Ilse', 'Jay')
    >>> named_in("gesprek met mijn team morgen", []), named_in("talk to my boss tmrw", [])
    (None, None)
    >>> named_in("mark is always late to dept meetings", [])
    """
    low = text.lower()
    for name in sorted(known, key=len, reverse=True):
        if re.search(rf"(?<!\w){re.escape(name.lower())}(?!\w)", low):
            return name
    found = _WITH_NAME.search(text)
    if found is None and len(text.split()) <= SHORT_WITH_NAME and _CONVERSATION.search(text):
        # "morgen gesprek met ilse, help", "talk w/ jay tmrw": typed in lower case on a phone
        lower = _WITH_LOWER.search(text)
        word = lower.group(1) if lower else ""
        if word and not {word} & (_NOT_A_NAME | _NO_ONE | RELATIVE.keys() | SHORTHAND.keys()):
            return word.capitalize()
    if found is None:
        return None
    words = found.group(1).split()
    if words[0].lower() in _NOT_A_NAME or words[0].isupper():  # "met HR", "with IT"
        return None
    if words[-1].lower() in _NOT_A_NAME:  # "with Jamal Monday"
        words = words[:1]
    return " ".join(words)


_LOOK_UP = object()  # Answerer.answer: the caller did not look up the employee named
THANKS_WORDS = 8  # "super, bedankt, hier kan ik mee verder": longer is a message of its own


def is_thanks(text: str, phrases: Sequence[str]) -> bool:
    """Whether a short message thanks ("thanks, that helps"), rather than asks something.

    >>> is_thanks("Thanks, that helps!", ["thanks"]), is_thanks("top, dank je wel", ["dank je"])
    (True, True)
    >>> is_thanks("thanks, but what if she says no?", ["thanks"])
    False
    """
    words = small_talk_key(text).split()
    if "?" in text or not words or len(words) > THANKS_WORDS:
        return False
    padded = f" {' '.join(words)} "
    return any(f" {p.lower()} " in padded for p in phrases)


def flow_choice(kit: Kit, lang: str, key: str, command: str, name: str | None) -> Choice:
    """The /prep or /reflect choice, with the employee's name when one was given."""
    if name is None:
        return Choice(kit.t(lang, key), command)
    return Choice(kit.t(lang, f"{key}_with", name=name), command_for(command, name))


# a manager who says they are stuck: heard before the choices
_STUCK = re.compile(
    r"\b(?:weet (?:het|'t) (?:even |echt |gewoon )?niet meer|zit (?:er ?mee|vast)|loop vast|"
    r"ben de weg kwijt|zie het niet meer zitten|"
    r"(?:i'?m|i am) (?:stuck|lost|overwhelmed|at a loss)|"
    r"don'?t know what to do(?: anymore)?|at my wits'? end)\b",
    re.I,
)
# a message about a conversation that took place: looking back is the likelier wish
_PAST = re.compile(
    r"\b(?:gehad|gevoerd|gisteren|ging|verliep|had|went|yesterday|was|were|did)\b", re.I
)


def clarify_choices(kit: Kit, lang: str, name: str | None = None, text: str = "") -> list[Choice]:
    """The choices under "what do you need?": prepare, reflect, or type the question; with the
    name when the message gave one ("ik moet morgen met Pieter praten"), looking back first
    when it is about a conversation that took place ("gesprek met Fatima gehad")."""
    flows = [
        flow_choice(kit, lang, "choice_prep", "/prep", name),
        flow_choice(kit, lang, "choice_reflect", "/reflect", name),
    ]
    if _PAST.search(text):
        flows.reverse()
    return [*flows, Choice(kit.t(lang, "choice_type_question"), "/ask")]


async def tips(
    kit: Kit, queries: list[str], lang: str, limit: int = 3, *, each: int = 1
) -> list[composer.Sentence]:
    """One instruction per query (each from another document), for cards and summaries;
    ``each`` more than one gives a query's next instructions too, in order of fit (for a
    caller that may have to pass over one).

    A tip tells the manager what to do: a query whose best sentences only describe the
    situation ("Dezelfde leidinggevende ... beoordeelt ook.") gives no tip. Every query holds
    the guidance's own words (a situation's or a template's), so the search is not asked
    whether the guidance covers it: that check is for a user's question, and it turned away
    "I jumped in with solutions too fast ... pitfalls in the conversation".
    """
    found: list[composer.Sentence] = []
    used_docs: set[str] = set()
    for query in queries:
        result = await kit.search(query, lang, k=4)
        hits = [h for h in result.hits if h.doc_id not in used_docs]
        picked = composer.pick_sentences(query, hits, lang, limit=8)
        told = [p for p in picked if composer.tells_what_to_do(p.text)][:each]
        for best in told:
            found.append(replace(best, text=composer.as_instruction(best.text)))
            used_docs.add(best.hit.doc_id)
        if len(found) >= limit:
            break
    return found


class Answerer:
    """Answers coaching questions from the guidance, offline or with the language model."""

    def __init__(self, kit: Kit) -> None:
        self.kit = kit
        self._scope_model: ScopeModel | None = None
        self._scope_asks = -1
        self._scope_lock = threading.Lock()  # questions are looked up in several threads

    async def free_text(self, turn: Turn, text: str) -> list[Reply]:
        """A message outside any flow: small talk or a coaching question."""
        kit = self.kit
        low = small_talk_key(text)
        small = kit.prompt("messages", turn.lang).meta.get("small_talk", {})
        for key, words in small.items():
            if low in {str(w).lower() for w in words}:
                return [Reply(kit.t(turn.lang, key), choices=start_choices(kit, turn.lang))]
        if is_thanks(text, [str(w) for w in small.get("thanks", [])]):
            lang = detect_language(text, default=turn.lang)  # "bedankt, dit helpt"
            return [Reply(kit.t(lang, "thanks"), choices=start_choices(kit, lang), lang=lang)]
        if is_thin(text):  # "👍" or "k": an acknowledgement, not a question to look up
            return [Reply(kit.t(turn.lang, "ack"), choices=start_choices(kit, turn.lang))]
        lang = detect_language(text, default=turn.lang)
        if (
            not turn.manager.language
            and lang != turn.session.get("lang")
            and len(text) > SWITCH_AFTER
        ):
            turn.session["lang"] = lang  # no explicit choice yet: follow the user's language
        # the employee the message names, looked up once for the answer and its buttons
        name = named_in(text, await self._employee_names(turn))
        answer = await self.answer(turn, text, lang, name=name)
        turn.lang = lang  # this turn is answered in the question's language
        # "quick prep for a 1:1 with my shift lead": the advice, and the flow that does it
        offer = self._offer(text, lang, name)
        if answer.scope == "vague":
            upcoming = await self._upcoming(turn, name)
            if upcoming is not None:  # "morgen gesprek, help" the day before a prepared talk
                return [self._clarify_upcoming(lang, *upcoming)]
            # all three, with the name the message gave; the flow it asked for first ("help me
            # een gesprek met Joris voor te bereiden", "talk tmrw w/ Sarah")
            choices = clarify_choices(kit, lang, name, text)
            if offer:
                asked = offer[0].value.split()[0]
                choices.sort(key=lambda c: not c.value.startswith(asked))
            return [Reply(answer.text, choices=choices, lang=lang)]
        return [Reply(answer.text, sources=answer.sources, choices=offer, lang=lang)]

    async def _upcoming(
        self, turn: Turn, name: str | None = None
    ) -> tuple[list[str], date] | None:
        """The employees and day of the first prepared one-on-ones today or tomorrow (all of
        that day, earliest first); with ``name``, that employee's next prepared one on any day
        to come ("moet morgen met Youssef praten" while his card is for next Tuesday)."""
        kit = self.kit
        today = kit.today()
        talks = await kit.run(kit.store.list_one_on_ones, manager_id=turn.manager.id)
        ahead = 366 if name is not None else 1
        soon = [
            t
            for t in talks
            if t.status == "prepared"
            and t.planned_for
            and 0 <= (t.planned_for - today).days <= ahead
        ]
        if not soon:
            return None
        employees = await kit.run(kit.store.list_employees, manager_id=turn.manager.id)
        names = {e.id: e.name for e in employees}
        if name is not None:
            soon = [t for t in soon if names.get(t.employee_id) == name]
        if not soon:
            return None
        day = min(t.planned_for or today for t in soon)
        who = [
            names[t.employee_id] for t in soon if t.planned_for == day and t.employee_id in names
        ]
        return (list(dict.fromkeys(who)), day) if who else None

    def _clarify_upcoming(self, lang: str, names: list[str], day: date) -> Reply:
        """The talk that is coming up, and what can be done for it: look at the card again,
        practise it, or prepare it again; or type a question. Several talks that day: the card
        of each, or a question."""
        kit = self.kit
        when = kit.format_date(lang, day)
        if len(names) > 1:
            together = kit.t(lang, "and_names").join([", ".join(names[:-1]), names[-1]])
            text = kit.t(lang, "clarify_upcoming_several", names=together, day=when)
            choices = [
                Choice(kit.t(lang, "choice_card", name=n), command_for("notes", n)) for n in names
            ]
            choices.append(Choice(kit.t(lang, "choice_type_question"), "/ask"))
            return Reply(text, choices=choices, lang=lang)
        name = names[0]
        soon = (day - kit.today()).days <= 1
        key = "clarify_upcoming" if soon else "clarify_upcoming_later"
        text = kit.t(lang, key, name=name, day=when)
        choices = [
            Choice(kit.t(lang, "choice_card", name=name), command_for("notes", name)),
            Choice(kit.t(lang, "choice_practice"), command_for("practice", name)),
            flow_choice(kit, lang, "choice_prep", "/prep", name),
            Choice(kit.t(lang, "choice_type_question"), "/ask"),
        ]
        return Reply(text, choices=choices, lang=lang)

    def _offer(self, text: str, lang: str, name: str | None) -> list[Choice]:
        """The /prep or /reflect button for a question that asks to prepare or look back on a
        conversation, with the employee's name when the question gives it ("mijn gesprek met
        Anna voorbereiden" offers /prep Anna)."""
        for pattern, key, command in _OFFERS:
            if pattern.search(text) and _CONVERSATION.search(text):
                return [flow_choice(self.kit, lang, key, command, name)]
        return []

    async def _employee_names(self, turn: Turn) -> list[str]:
        """The names of the manager's employees (to find one in a message)."""
        kit = self.kit
        employees = await kit.run(kit.store.list_employees, manager_id=turn.manager.id)
        return [e.name for e in employees]

    async def answer(
        self, turn: Turn, question: str, lang: str, *, name: str | None | object = _LOOK_UP
    ) -> Answer:
        """The answer to one question in ``lang``; offline when the LLM is absent or fails.

        A short follow-up soon after an answer is looked up together with the question before
        it. The scope decides first: a question the guidance does not cover (employment law,
        pay, leave...) gets an honest reply, unless an uploaded HR document answers it.
        ``name`` is the employee the question names, when the caller looked it up already.
        """
        kit = self.kit
        # a name says who, not what about: "had a tough chat with Jamal" is as vague as "with him"
        if name is _LOOK_UP:
            name = named_in(question, await self._employee_names(turn))
        assert name is None or isinstance(name, str)
        # looked up with its typos corrected ("feedbak"), the name left as typed; the session
        # keeps the question as typed (the corrected text is never stored)
        typed = question
        question = await kit.run(kit.kb.spelled, question, [name] if name else [], lang)
        previous, alone = await self._previous(turn, question, name)
        kept = f"{previous} {typed}" if previous else typed
        if previous:  # kept as typed: corrected to be looked up with
            previous = await kit.run(kit.kb.spelled, previous, [name] if name else [], lang)
        query = f"{previous} {question}" if previous else question
        # the sections given within the follow-up window: "what else?" gets none of them again,
        # also when a question out of scope came between
        shown = self._shown(turn)
        found, decision, upload, asked = await kit.run(
            self._look_up, question, query, lang, previous, name, shown, alone
        )
        if decision.label == "vague":
            return self._clarify(lang, name, typed)
        if decision.label == "out" and upload is None:
            # kept as the thread's question: "en als hij boos wordt?" after "mag ik zijn
            # vakantie weigeren?" is about that, not about the question before it
            given = (self._recent(turn) or {}).get("section") if previous else None
            self._remember(turn, kept, None, shown)
            out = await self._out_of_scope(query, found, decision, lang, previous, given)
            return await gaps.noted(kit, turn, question, out)  # counted for HR, k-anonymously
        if previous is not None and (asks_example(question) or asks_questions(question)):
            # "can you give an example?", "zoals?": an example of what was just answered,
            # not the section on setting a good example; "welke vragen kan ik haar stellen?":
            # the questions for this situation, not the section on questions in general
            found, on = self._on_the_thread(turn, found)
            if not on:
                found, on = self._on_the_thread(
                    turn, await kit.run(kit.kb.sections, previous, lang, 6)
                )
        covered = is_covered(found) and not decision.general
        if not covered and upload is None and previous is not None and not decision.general:
            # a follow-up the guidance does not cover on its own ("and he moans in them" after
            # lateness) is answered from the section of the thread it follows, when found
            found, covered = self._on_the_thread(turn, found)
            if not covered:  # not among them: the sections of the question before
                before = await kit.run(kit.kb.sections, previous, lang, 6)
                found, covered = self._on_the_thread(turn, before)
        if not found.sections or (not covered and upload is None):
            return await gaps.noted(kit, turn, question, await self._not_covered(lang, found))
        # a short question soon after an answer that lands on the section just given gets what
        # in it answers the question, not the same text again ("and what if she says no?"); a
        # new situation told in full ("older lady says she's too old to learn, what do i say")
        # gets it too, said to hold for this situation as well, with the section's questions
        same = self._answered_before(turn, found, question)
        again = same and (is_follow_up(question) or len(question.split()) <= SHORT_QUESTION)
        restated = same and not again
        self._remember(turn, kept, found, shown)
        notice = None
        if kit.llm is not None:
            try:
                return await self._llm_answer(turn, query, found, upload, lang)
            except LLMError as exc:
                notice = self._failure_notice(lang, exc)
        # composed in a worker thread: reading sections and stemming cost milliseconds of CPU
        # that would otherwise hold up every other chat's update
        answer = await kit.run(
            partial(
                self._compose_offline,
                asked,
                found,
                upload,
                lang,
                focus=question if same else None,
                restated=restated,
            )
        )
        self._answered_with(turn, [[s.doc_id, s.section or ""] for s in answer.sources])
        if notice:
            answer.notice = notice
            answer.text = f"{notice}\n\n{answer.text}"
        return answer

    def _failure_notice(self, lang: str, exc: LLMError) -> str:
        """One line on why the model did not answer, with the wait it asked for if any."""
        if exc.kind == "rate_limit" and exc.retry_after:
            seconds = max(1, round(exc.retry_after))
            return self.kit.t(lang, "llm_failed_rate_limit_wait", seconds=seconds)
        return self.kit.t(lang, f"llm_failed_{exc.kind}")

    # --- context and scope ----------------------------------------------------------------

    async def _previous(
        self, turn: Turn, question: str, name: str | None
    ) -> tuple[str | None, ScopeDecision | None]:
        """The previous question, when this one is a short follow-up to it asked soon after,
        and, when the message does not point back to it (it is only short), the scope
        decision on the message alone that let it continue (None when it points back).

        Beside a message that points back ("en als ze dan boos wordt?"), any other short one
        continues an answered question when it reads in scope on its own ("what interview
        questions should I ask?" after hiring a cook): its own words still weigh most in the
        ranking (``KnowledgeBase.sections``), so a new short question finds its own section.
        "help" or "gesprek morgen" still gets the choices, a question out of scope its honest
        reply, a list or fact question ("which organisations were interviewed?") is asked for
        itself, and so is the next question after an uploaded rule ("who approves a training
        request?" after the study-leave days)."""
        previous = self._recent(turn)
        text = previous.get("q") if previous is not None else None
        if previous is None or not isinstance(text, str) or not text:
            return None, None
        if is_follow_up(question):
            return text, None
        section = previous.get("section")
        if (
            not isinstance(section, list)
            or self.kit.kb.uploaded(section[0])  # an HR rule looked up: the next one is another
            or len(question.split()) > FOLLOW_UP_WORDS
            or composer.asks_for_list(question)
        ):
            return None, None
        alone = await self.kit.run(self._scope, question, name)
        return (text, alone) if alone.label == "in" and not alone.general else (None, None)

    def _recent(self, turn: Turn) -> dict[str, Any] | None:
        """The question answered last, with its section, when it was asked within the
        follow-up window."""
        previous = turn.session.get(LAST_QUESTION)
        if not isinstance(previous, dict):
            return None
        try:
            asked = datetime.fromisoformat(str(previous.get("at")))
            age = self.kit.now() - asked
        except (ValueError, TypeError):  # not a time, or one without a time zone
            return None
        return previous if timedelta(0) <= age <= FOLLOW_UP_WINDOW else None

    def _remember(self, turn: Turn, query: str, found: Any, shown: list[list[str]]) -> None:
        """Keep the question and the section that answered it in the session (encrypted,
        never logged) for a follow-up, with the sections given earlier within the window
        (``shown``); ``found`` is None for a question no section answered."""
        # after a few follow-ups the newest words matter most: keep the end
        kept = query if len(query) <= 400 else query[-400:].split(" ", 1)[-1]
        top = _section_id(found.sections[0]) if found is not None and found.sections else None
        turn.session[LAST_QUESTION] = {
            "q": kept,
            "at": self.kit.now().isoformat(),
            "section": top,
            "shown": [*[s for s in shown if s != top], top][-MAX_SHOWN:] if top else shown,
        }

    def _answered_with(self, turn: Turn, sections: list[list[str]]) -> None:
        """Keep the sections an answer quoted as the ones it gave: the first is the thread's
        (an HR rule quoted before the guidance is what answered, not a guidance section
        found but never shown), and "wat nog meer?" does not open with the others again. The
        section that answered stays the last."""
        last = turn.session.get(LAST_QUESTION)
        if not sections or not isinstance(last, dict) or not last.get("section"):
            return
        top, *others = sections
        earlier = [
            s for s in last.get("shown") or [] if s != last["section"] and s not in sections
        ]
        last["section"] = top
        last["shown"] = [*earlier, *others, top][-MAX_SHOWN:]

    def _shown(self, turn: Turn) -> list[list[str]]:
        """The sections given within the follow-up window, oldest first."""
        previous = self._recent(turn) or {}
        shown = previous.get("shown") or [previous.get("section")]
        return [list(s) for s in shown if isinstance(s, list) and len(s) == 2]

    def _on_the_thread(self, turn: Turn, found: Any) -> tuple[Any, bool]:
        """The sections with the one that answered the question before first, and whether it
        was among them."""
        last = (self._recent(turn) or {}).get("section")
        hit = next((h for h in found.sections if _section_id(h) == last), None)
        if hit is None:
            return found, False
        return replace(found, sections=[hit, *(h for h in found.sections if h is not hit)]), True

    def _answered_before(self, turn: Turn, found: Any, question: str) -> bool:
        """Whether the best section is the one that answered the question just before (a
        follow-up, or a new question such as "what do I say first?" that lands there). The
        same question asked again (in a new chat, say) is answered whole again."""
        previous = self._recent(turn)
        if not found.sections or previous is None:
            return False
        if terms(str(previous.get("q", ""))) == terms(question):
            return False
        return bool(previous.get("section") == _section_id(found.sections[0]))

    def _look_up(
        self,
        question: str,
        query: str,
        lang: str,
        previous: str | None,
        name: str | None = None,
        shown: Sequence[list[str]] = (),
        alone: ScopeDecision | None = None,
    ) -> tuple[Any, ScopeDecision, Any | None, str]:
        """The sections, the scope decision, an answering upload and the words the answer is
        composed for: one trip to a worker thread for everything a question needs to be
        looked up. A follow-up that is only short (``alone`` is its own scope decision: "hoe
        geef ik goede feedback?" after a question about budget) asks an uploaded rule, and has
        its answer composed, for itself: the ranking of the sections and the scope hear the
        question before."""
        # a follow-up's own words rank its sections beside both questions together; one that
        # says nothing of its own ("what else can I do?") is looked up as the two together,
        # and gets the best section of another document than the last answer's, not given
        # yet within the window, when the guidance covers it: a sibling section is another
        # situation ("there is a budget" after "there is none"), not more for this one
        own = [t for t in terms(question) if not _POINTS_BACK.fullmatch(t)]
        if previous is not None and not own:
            found = self.kit.kb.sections(query, lang, 6)
            last = shown[-1][0] if shown else None
            fresh = [
                h
                for h in found.sections
                if _section_id(h) not in shown and h.section.doc_id != last
            ]
            if fresh and fresh[0].ask >= ASK_COVERED:
                found = replace(found, sections=fresh)
        else:
            found = self.kit.kb.sections(self._searched(question, lang), lang, 6, context=previous)
        decision = self._scope(query, name)
        # what an uploaded rule must answer, and what the answer is composed for
        asked = query if alone is None else question
        if previous is not None and decision.label != "vague":
            # a short message after an answer reads as a follow-up; "what's the weather
            # tomorrow?" is not one, whatever the question before it was; and "en als hij
            # boos wordt?" after a question out of scope asks what the guidance covers, and
            # is answered for its own words (not for "WMS" before it, in a repayment rule)
            alone = alone or self._scope(question, name)  # (decided already when only short)
            if alone.general if decision.label == "in" else alone.label == "in":
                decision, asked = alone, question
            elif decision.label == "in" and alone.label == "out" and alone.topic:
                # "shld she get paid extra for it?" after how to show appreciation: pay
                decision, asked = alone, question
            elif decision.label == "out" and alone.label == "vague":
                # "het loopt gewoon niet lekker" after a pay-scale question says nothing more
                # about pay: what is it about?
                decision, asked = alone, question
        if decision.label == "vague":
            return found, decision, None, asked
        return found, decision, self._answering_upload(asked, found, decision, name), asked

    def _searched(self, question: str, lang: str) -> str:
        """What the sections are searched with: a denied wish ("she does not want to become a
        manager at all") says what the person does want, so the advice on that wish is not
        found for it."""
        if _denies_a_wish(question):
            return f"{question} {self.kit.t(lang, 'denied_wish_means')}"
        return question

    def _scope(self, query: str, name: str | None = None) -> ScopeDecision:
        """In or out of scope, or too vague (runs in a worker thread)."""
        kb = self.kit.kb
        asks = kb.asks()
        with self._scope_lock:
            if self._scope_model is None or self._scope_asks != len(asks):
                # rebuilt when HR replaced or removed a shipped document (its asks went with it)
                self._scope_model = ScopeModel.build(
                    asks=asks, vectors=kb.question_vectors, kind=kb.embedder_kind
                )
                self._scope_asks = len(asks)
            model = self._scope_model
        return model.decide(
            query,
            kb.query_vector(query),
            kb.query_vector,
            kb.text_vectors,
            ignore=terms(name) if name else (),
        )

    def _answering_upload(
        self, query: str, found: Any, decision: ScopeDecision, name: str | None = None
    ) -> Any | None:
        """An uploaded HR section that answers the question at least as well as the guidance.

        HR's own regulation (days, amounts, whom to ask) comes before general guidance. e5
        cosines are compressed, so closeness alone would let any upload answer anything: the
        section must also share a content word with the question (or, in the other language,
        match better than all guidance), and for an out-of-scope question it must be about
        that very topic ("terugbetalen" for a repayment question): a word of the question
        beside the topic's own, or the topic in its heading, so that "met behoud van salaris"
        in a study-leave rule does not answer "hoe hoog is het salaris van een verzorgende?".
        The employee's ``name`` is no word a rule could share.
        """
        best_general = _best_general(found)
        out = decision.label == "out"
        if not out and _advice_asked(found, query):
            return None
        unanswered = out or not is_covered(found) or decision.general
        named = set(topics_of(query))
        # for an out-of-scope question, the words beside those that name its topic
        wanted = set(terms(without_topic_terms(query) if out else query))
        wanted -= set(terms(name)) if name else set()
        general = [h for h in found.sections if not h.section.uploaded][:1]
        general_holds = max((len(wanted & _words_of(h)) for h in general), default=0)
        asks_amount = bool(facts_of(query).get("budget"))
        asks_approval = bool(_APPROVAL.search(query))
        candidates = []
        for hit in [*found.uploads, *(h for h in found.sections if h.section.uploaded)]:
            section = hit.section
            same_language = section.language == found.lang
            # a question and a passage in two languages score lower for the same match
            slack = UPLOAD_SLACK if same_language else FOREIGN_SLACK
            holds = len(wanted & _words_of(hit))
            # a rule whose heading names what is asked ("Who approves training spend" for "can
            # I approve a course myself?")
            titled = any(
                min(len(w), len(h)) >= 4 and (h.startswith(w) or w.startswith(h))
                for w in wanted
                for h in terms(section.heading or "")
            )
            # who approves, asked in other words than the heading's ("wie keurt ... goed?"
            # for "4. Aanvraag en goedkeuring"): that rule is what is asked
            approves = asks_approval and bool(_APPROVAL.search(section.heading or ""))
            titled |= approves
            holds += asks_approval and bool(_APPROVAL.search(section.text))
            # an amount in both counts as a word shared ("a £180 course" and "up to £200")
            amount = asks_amount and bool(facts_of(section.text).get("budget"))
            if (
                same_language
                and wanted
                and (
                    holds == len(wanted) > general_holds
                    or (titled and holds + amount >= 2)
                    or (approves and holds)
                )
            ):
                slack = UPLOAD_COVER_SLACK
            if hit.passage < best_general - slack:
                continue
            # out of scope by the question's own words ("leave days"): the section must be
            # about that too; a topic only guessed from the nearest examples asks no more than
            # the closeness and a shared word below ("bij wie kan ik terecht met vragen over
            # de opleidingsregeling?")
            if out and named and not named & set(topics_of(_rule_text(section))):
                continue
            shares = bool(holds or amount)
            shares |= out and bool(named & set(topics_of(section.heading or "")))
            # in the other language no word is shared: the passage must match better than all
            # guidance, or, where the guidance does not answer and the question names no
            # topic, about as well ("who approves a training request?" for a Dutch policy)
            foreign = not same_language and (
                hit.passage >= best_general or (unanswered and not named)
            )
            if not (shares or foreign):
                continue
            # a question out of scope that names no topic ("mag ik haar verplichten om een
            # cursus in haar eigen tijd te doen?") shares a word with any training rule: in its
            # own language the rule must match it at least as well as all guidance, or nearly
            # as well when its heading names what is asked ("3. Approval of training
            # requests" for "who has to approve that?")
            floor = best_general - (UPLOAD_SLACK if titled else 0.0)
            if out and not named and same_language and hit.passage < floor:
                continue
            candidates.append((approves, hit))
        if not candidates:
            return None
        # no asks to go by: the passage that matches the question best decides, among the
        # rules on approval first when approval is asked
        return max(candidates, key=lambda c: (c[0], c[1].passage))[1]

    def _policy_line(self, found: Any, question: str, template: Any) -> tuple[str, Any] | None:
        """The sentence of an uploaded regulation that bears on a question the guidance
        answers ("my employee wants a course but I have no budget" beside a policy's personal
        budget of EUR 1,200), when its passage comes within POLICY_LINE_GAP of the best
        guidance; the line cites the regulation as HR's own."""
        best_general = _best_general(found)
        # "how do i find time for 1:1s w 34 staff" shares only "staff" with a study-leave rule
        wanted = set(terms(question)) - _EVERYONE
        money = money_said(question)
        # in its own language the rule also shares a word with the question ("Fatima wil
        # planner worden" is nothing to a contact paragraph that happens to come close)
        near = [
            h
            for h in found.uploads
            if h.passage >= best_general - POLICY_LINE_GAP
            and (
                # "geen geld" and a rule on the budget share no word, but speak of one thing
                wanted & set(terms(_rule_text(h.section)))
                or (money and money_said(_rule_text(h.section)))
                if h.section.language == template.lang
                else h.passage >= best_general - FOREIGN_SLACK
            )
        ]
        amount = facts_of(question).get("budget")

        # a question about money: a rule that pays or sets a budget before one on applying
        def rank(h: Any) -> tuple[bool, float]:
            return (money and _funds(_rule_text(h.section)), h.passage)

        ordered = [h.section for h in sorted(near, key=rank, reverse=True)]
        if _no_money(question) and not any(_funds(_rule_text(s)) for s in ordered):
            # "geen opleidingsgeld meer": HR's rule that pays answers it first, also when its
            # passage was not among those found (it shares no word with a lack of money)
            funding = [
                s
                for s in self.kit.kb.section_index.sections
                if s.uploaded
                and s.language == template.lang
                and _funds(_rule_text(s))
                and _LEARNING.search(_rule_text(s))  # not a rule on travel costs
            ]
            ordered = [*funding, *ordered]
        for section in ordered:
            # a regulation's paragraph opens with its rule ("Iedere medewerker heeft ... EUR
            # 1.200"); the sentence nearest the question was often an exception to it
            paragraph = self.kit.kb.best_paragraph(section, question)
            first = composer.first_sentence(" ".join(composer.read_section(paragraph).advice[:1]))
            if not first or composer.leans_on_previous(first):
                continue
            # "a course costing more than £1,000" is no rule for a £600 course
            if amount is None or not _above(first, amount):
                break
        else:
            return None
        names = self.kit.prompt("messages", template.lang).meta["language_names"]
        line = template.text(
            "policy" if section.language == template.lang else "policy_foreign",
            title=composer.bare_title(section.title, section.version),
            version=section.version,
            section=section.heading or section.title,
            language=names.get(section.language, section.language),
            line=first,
        )
        return line, section

    def _quoted_rule(self, text: str, question: str, words: int, lang: str) -> list[str]:
        """An uploaded rule's paragraphs as quoted, at most ``words`` long. A long list is
        kept to its first point and the ones that answer the question ("Conferences abroad
        need prior approval" is the fifth of six points on the budget), and says how many
        points were left out."""
        lines = composer.read_section(text).advice
        points = [i for i, line in enumerate(lines) if line.startswith("• ")]
        if len(points) <= MAX_POINTS + 1:  # leaving out one point saves a line, not a screen
            return composer.quoted(composer.fit_words(lines, words))
        best = self.kit.kb.best_of([lines[i] for i in points], question, MAX_POINTS - 1)
        keep = {points[0], *(points[i] for i in best)}
        kept = [line for i, line in enumerate(lines) if i not in points or i in keep]
        more = self.kit.t(lang, "upload_more_points", n=len(points) - len(keep))
        return [*composer.quoted(composer.fit_words(kept, words)), more]

    def _clarify(self, lang: str, name: str | None = None, message: str = "") -> Answer:
        """The choices for a message too vague to answer: a talk said to be coming up soon
        ("gesprek morgen, help") is offered its preparation first, in words; a manager who
        says they are stuck ("ik weet het even niet meer met mijn team") is heard first."""
        kit = self.kit
        who = name or "Anna"  # the name given, if any
        text = kit.t(lang, "clarify", name=who)
        ahead = find_date(message, kit.today(), days_only=True) if message else None
        if ahead is not None and not _PAST.search(message):
            text = kit.t(lang, "clarify_soon", name=who, day=kit.format_date(lang, ahead[0]))
        elif _STUCK.search(message):
            text = f"{kit.t(lang, 'clarify_stuck')} {text}"
        return Answer(text=text, body=text, sources=[], grounded=False, lang=lang, scope="vague")

    async def _out_of_scope(
        self,
        query: str,
        found: Any,
        decision: ScopeDecision,
        lang: str,
        previous: str | None,
        given: list[str] | None = None,
    ) -> Answer:
        """One honest paragraph, plus what the guidance does say about the part in scope; when
        that is the section just ``given`` (a follow-up: "and if he says it's not in his
        contract?"), only its sentences that fit, not the same text again."""
        kit = self.kit
        named = decision.topic or "other"
        # a question about two such topics ("in welke schaal, en hoeveel verlofdagen?") names
        # both; the first says whom to ask
        also = [t for t in topics_of(query) if t != named][:1] if decision.topic else []
        topic = kit.t(lang, "and_about").join(
            kit.t(lang, f"scope_topic_{t}") for t in [named, *also]
        )  # "this subject"
        # no topic named: a rule, or planning and tools ("track flex hours in excel"), said so
        key = f"out_of_scope_{named}" if named in (*OWN_REPLY, "other") else "out_of_scope"
        parts = [kit.t(lang, key, topic=topic, who=kit.t(lang, f"scope_who_{named}"))]
        sources = []
        best = None
        if decision.part and named not in NO_PART:
            # without the words of a conflict the rest of the question still tells of it: only
            # a clause of its own ("hoe voer ik het ontwikkelgesprek met hem?") is looked up
            rest = decision.part if named in OWN_REPLY else part_query(query, decision.part)
            part = await kit.run(partial(kit.kb.sections, rest, lang, 2))
            # a section that is mostly a list says too little without it ("Pick one or two
            # questions per step" of the five steps): the one behind it may answer
            best = next(
                (
                    h
                    for h in part.sections
                    if h.ask >= ASK_COVERED and h.section.language == lang and _told_in_prose(h)
                ),
                None,
            )
        if best is not None and not best.section.uploaded:
            advice = composer.read_section(best.section.text).advice
            # without its list, a sentence that leads into it ("Three steps:") is left out too
            lead = composer.fit_words(composer.prose(advice), PART_WORDS)
            if given is not None and _section_id(best) == given:
                told = composer.read_section(best.section.text).advice_text
                picked = kit.kb.best_sentences(told, decision.part or query, 2)
                lead = [s for s in picked if not composer.leans_on_previous(s)] or lead
            if lead:
                parts.append(kit.t(lang, "out_of_scope_partial") + "\n" + " ".join(lead))
                sources = [composer.source_of_section(best.section)]
        body = "\n\n".join(parts)
        text = body
        if sources:
            label = kit.prompt("answer", lang).text("sources_label")
            text = f"{body}\n\n{composer.sources_line(label, sources)}"
        return Answer(
            text=text, body=body, sources=sources, grounded=False, lang=lang, scope="out"
        )

    # --- composing ----------------------------------------------------------------------------

    def _compose_offline(
        self,
        question: str,
        found: Any,
        upload: Any | None,
        lang: str,
        focus: str | None = None,
        *,
        restated: bool = False,
    ) -> Answer:
        """The best section's advice whole, one line from another document, its questions.

        With ``focus`` (a follow-up to the answer this section gave) only the few sentences of
        it that best answer the follow-up, said to come from the answer before; ``restated``:
        the follow-up is a new situation told in full, for which that answer holds too, so
        the section's questions for the employee come with it."""
        kit = self.kit
        template = kit.prompt("answer", lang)
        ranked = list(found.sections)
        if not composer.asks_about_sources(question):
            # a list of cited works answers "where does this come from?", not a coaching question
            plain = [h for h in ranked if not composer.is_reference_list(h.section.text)]
            ranked = plain or ranked
        general = [h for h in ranked if not h.section.uploaded]
        used: list[Any] = []
        lead: list[str] = []
        intro = ""
        questions_given = False  # the list asked for holds the questions to ask
        counted = composer.asked_count(question)  # "geef me twee vragen"
        budget = LIST_WORDS if composer.asks_for_list(question) else ANSWER_WORDS
        if upload is not None:
            section = upload.section
            # the paragraph that matches best, after the section's opening one, which holds its
            # rule: "a course of EUR 1,200" needs the budget as much as the eligible courses
            best = kit.kb.best_paragraph(section, question)
            opening = paragraphs(section.text)[:1]
            quote = "\n\n".join(dict.fromkeys([*opening, best]))
            lead = self._quoted_rule(quote, question, UPLOAD_WORDS, lang)
            names = kit.prompt("messages", lang).meta["language_names"]
            intro = template.text(
                "upload_intro" if section.language == lang else "upload_intro_foreign",
                title=composer.bare_title(section.title, section.version),
                version=section.version,
                section=section.heading or section.title,
                language=names.get(section.language, section.language),
            )
            used.append(section)
            # a policy question often spans two paragraphs ("how much, and how to apply"):
            # a close second section of the same upload is quoted too
            nearby = next(
                (
                    h
                    for h in ranked
                    if h.section.doc_id == section.doc_id
                    and h.section.key != section.key
                    and h.passage >= upload.passage - UPLOAD_SECOND_GAP
                ),
                None,
            )
            if nearby is not None:
                more = kit.kb.best_paragraph(nearby.section, question)
                heading = nearby.section.heading or nearby.section.title
                lead += ["", f"{heading}:", *self._quoted_rule(more, question, 60, lang)]
                used.append(nearby.section)
            # the guidance beside the rule: not advice for the opposite situation ("no budget"
            # beside a personal budget of EUR 1,000)
            # (read in the rule's opening sentence: "Niet gebruikt budget vervalt" after "een
            # budget van € 750" reads as no budget)
            fits = _not_against(general, composer.first_sentence(quote) or quote)
            main = fits[0] if fits else None
        elif (
            focus is not None
            and asks_questions(focus)
            and (asked_for := _questions_of(ranked[0]))
        ):
            # "welke vragen kan ik haar dan stellen?": the section's questions for this
            # situation, all of them
            main = ranked[0]
            intro = template.text("thread_questions")
            lead = composer.bullets(asked_for).splitlines()
            questions_given = True
            used.append(main.section)
        elif focus is not None and asks_example(focus):
            # "geef eens een voorbeeld": the examples the section just given holds (the
            # sections behind it were found for the words "an example", not for the thread);
            # none is said honestly, not stitched from loose sentences
            main = ranked[0]
            lead = composer.examples(composer.read_section(main.section.text).advice)
            if asks_sentence(focus) and not any(map(composer.is_example_line, lead)):
                # "give me an opening line i can say": a sentence written as one, not an
                # aside with "such as"; the section the request's own words find may hold one
                own = self.kit.kb.sections(focus, lang, 3).sections
                if own and own[0].section.language == lang and own[0].ask >= ASK_COVERED:
                    said = composer.read_section(own[0].section.text).advice
                    if any(map(composer.is_example_line, said)):
                        main = own[0]  # one that holds none leaves the thread's
                said = composer.read_section(main.section.text).advice
                lead = [line for line in said if composer.is_example_line(line)]
                # none written as one: a sentence the advice quotes as what to say
                lead = lead or composer.quoted_lines(said)
            # "Een voorbeeld uit de richtlijnen:" says what "Bijvoorbeeld:" would say again
            lead = [composer.without_example_lead(line) for line in lead]
            intro = template.text("example" if lead else "no_example")
            used.append(main.section)
        elif focus is not None:
            main = ranked[0]
            intro = template.text("restated" if restated else "again")
            # a sentence that leans on the one before it ("Daarom ...") is not quoted alone
            advice = composer.read_section(main.section.text).advice_text
            picked = _with_named(kit.kb.best_sentences(advice, focus, 3), advice, focus)
            alone = [s for s in picked if not composer.leans_on_previous(s)]
            lead = [" ".join(alone)] if alone else advice.splitlines()
            used.append(main.section)
        else:
            # "geen budget, wel 4 uur per week: wat kan ik daarmee?" is not answered by "there
            # is a training budget", however close the asks
            pool = general if general and _advice_asked(found, question) else ranked
            main = (_not_against(pool, question) or pool)[0]
            lead = composer.read_section(main.section.text).advice
            # "give me three good questions": three of the list, and no more questions after it
            if counted is not None:
                lead, trimmed = composer.first_items(lead, counted)
                questions_given = trimmed
            used.append(main.section)
        foreign = ""
        if used[0].language != lang and upload is None:
            names = kit.prompt("messages", lang).meta["language_names"]
            foreign = template.text(
                "foreign_intro", language=names[used[0].language], titles=used[0].title
            )
        lead = composer.fit_words(lead, budget)
        second = ""
        questions: list[str] = []
        other = None  # a second problem's line, or the other side of a difference
        if upload is None and main is not None:
            if focus is None:
                # a rule that offers what the employee turns down ("funding towards a teaching
                # qualification" beside "she doesn't want to teach at all") is no help
                declined = _denies_a_wish(question) or "no_development_wish" in _situations(
                    main.section.heading or ""
                )
                extra = None if declined else self._policy_line(found, question, template)
                other = None if extra else self._other_problem(main, ranked, question, lang)
                if other is not None:
                    # the second problem matters more than the first one's last sentences
                    lead = composer.fit_words(lead, budget - len(other[0].split()))
                extra = extra or other or self._second_line(main, ranked, lang)
            else:
                # a follow-up: a section close behind the one just given may be the situation
                # it names ("en als ze zegt dat ze niks wil veranderen?" after resistance to a
                # change), of any document
                # (an example asked for is one of the section just given: nothing beside it)
                extra = None
                if not asks_example(focus):
                    extra = self._second_line(main, ranked, lang, same_document=True)
                    extra = extra or self._own_line(main, focus, lang)
            if extra is not None and extra[1].uploaded:
                # HR's own rule matters more than the advice's last sentences
                lead = composer.fit_words(lead, budget - len(extra[0].split()))
            if extra is not None and composer.word_count(lead) + len(extra[0].split()) <= budget:
                second = extra[0] if extra[1].uploaded else template.text("also", line=extra[0])
                if extra is other and _DIFFERENCE.search(question):
                    # the other side, named: "“Involving employees” is about this: Ask ..."
                    heading = composer.cited_heading(extra[1])
                    second = template.text("other_side", heading=heading, line=extra[0])
                used.append(extra[1])
                if extra[1].uploaded and not intro and _settles_the_money(question, extra[0]):
                    # "er is bijna geen budget" where HR's rule pays for it: the rule first,
                    # the advice for a lack of money after it
                    intro, second = f"{second}\n\n{template.text('beyond_rule')}", ""
                if focus is not None and not restated and not questions_given:
                    # the guidance says more than before
                    intro = template.text("again_more")
            if (
                composer.about_conversation(question)
                and (focus is None or restated)
                and not questions_given
            ):
                questions = composer.read_section(main.section.text).questions
                if not questions:
                    bank = kit.bank(lang)
                    situations = bank.detect([question])
                    questions = [q.text for q in bank.for_query(question, situations, k=2)]
        elif main is not None and main.section.language == lang:
            # an HR paragraph comes first; one line of general guidance may follow
            line = composer.first_sentence(
                " ".join(composer.read_section(main.section.text).advice[:1])
            )
            if (
                line
                and advises(line)  # not a list's lead-in ("... in vijf stappen:")
                and not composer.leans_on_previous(line)
                and main.ask >= PARTIAL_ASK
            ):
                second = template.text("guidance", line=line)
                used.append(main.section)
        room = budget - composer.word_count([*lead, second])
        example = [line for line in lead if composer.is_example_line(line)]
        if (
            example
            and len(composer.fit_questions(questions, room)) < len(questions[:4])
            and not asks_sentence(question)  # "een openingszin?": the example is the answer
        ):
            # the section's own questions matter more than its example, which "give me an
            # example" still finds
            lead = [line for line in lead if line not in example]
            room = budget - composer.word_count([*lead, second])
        questions = composer.fit_questions(questions, room)[: counted or None]
        body = composer.tidy(
            template.render(
                foreign=foreign,
                intro=intro,
                lead="\n".join(lead),
                second=second,
                questions=(
                    template.text("questions_intro") + "\n" + composer.bullets(questions)
                    if questions
                    else ""
                ),
            )
        )
        sources = list(dict.fromkeys(composer.source_of_section(s) for s in used))
        line = composer.sources_line(template.text("sources_label"), sources)
        return Answer(
            text=f"{body}\n\n{line}",
            body=body,
            sources=sources,
            grounded=True,
            lang=lang,
            prompt=template.ref,
            via="offline",
        )

    def _second_line(
        self, main: Any, ranked: list[Any], lang: str, *, same_document: bool = False
    ) -> tuple[str, Any] | None:
        """The opening advice of a close second section from another document (or, with
        ``same_document``, from any other section), if it adds."""
        for hit in ranked[1:]:
            section = hit.section
            if section.uploaded or hit.section.key == main.section.key:
                continue
            if section.doc_id == main.section.doc_id and not same_document:
                continue
            if hit.score < main.score - SECOND_GAP or section.language != lang:
                return None
            # its own asks must answer the question too: a close passage alone brought "diploma
            # inclusiveness" to a question about daring new tasks (a user test)
            if hit.ask < ASK_COVERED:
                return None
            line = _opening_line(section, main)
            return (line, section) if line else None
        return None

    def _other_problem(
        self, main: Any, ranked: list[Any], question: str, lang: str
    ) -> tuple[str, Any] | None:
        """The opening advice for a second problem joined to the first ("he's rude to users,
        and now he wants to become team lead"), from the section that part alone is clearly
        answered by, when that is not ``main``'s; or, for a difference asked for, the other
        side's."""
        if _DIFFERENCE.search(question):
            for hit in ranked[1:4]:
                section = hit.section
                if section.key == main.section.key or section.uploaded or section.language != lang:
                    continue
                if composer.cited_heading(section) is None:
                    continue  # a document's overview ("the seven competencies") is no side
                if hit.score < main.score - DIFFERENCE_GAP:
                    return None
                if hit.ask < ASK_COVERED:
                    continue
                line = _opening_line(section, main)
                return (line, section) if line else None
            return None
        parts = [
            p.strip(" :,;")
            for p in _OTHER_PROBLEM.split(question)
            if len(p.split()) >= OTHER_PROBLEM_WORDS
        ]
        if len(parts) < 2:
            return None
        for part in parts[:MAX_PARTS]:
            own = self.kit.kb.sections(part, lang, 3).sections
            if not own or own[0].ask < ASK_COVERED:
                continue
            section = own[0].section
            close = [h for h in own if h.score >= own[0].score - OWN_GAP]
            if any(h.section.key == main.section.key for h in close):
                continue  # this part is what main answers
            if section.uploaded or section.language != lang:
                continue
            line = _opening_line(section, main)
            if line:
                return line, section
        return None

    def _own_line(self, main: Any, follow_up: str, lang: str) -> tuple[str, Any] | None:
        """The opening advice of the section a follow-up's own words are answered by, when
        that is another section and clearly one ("en als ze zegt dat ze niks wil
        veranderen?" after resistance to a change: the section on not wanting to develop)."""
        if len(terms(follow_up)) < OWN_WORDS:  # "and what if she says no?" names no situation
            return None
        own = self.kit.kb.sections(follow_up, lang, 3).sections
        for hit in own[:2]:  # the best, or the one right behind it when that is main's own
            section = hit.section
            if section.key == main.section.key or section.uploaded or section.language != lang:
                continue
            if hit.ask < ASK_COVERED or hit.score < own[0].score - OWN_GAP:
                return None
            line = _opening_line(section, main)
            return (line, section) if line else None
        return None

    async def _not_covered(self, lang: str, found: Any) -> Answer:
        """What the guidance does cover: the documents nearest the question first (the list
        was alphabetical and cut, so "Zeven competenties" was never offered)."""
        titles = await self._titles(lang, [h.section.doc_id for h in found.sections])
        covered = composer.bullets(titles[:NOT_COVERED_TITLES])
        text = self.kit.t(lang, "not_covered", covered=covered)
        return Answer(text=text, body=text, sources=[], grounded=False, lang=lang, scope="none")

    async def _titles(self, lang: str, nearest: Sequence[str] = ()) -> list[str]:
        """Document titles in the user's language where the document has that language: those
        of the ``nearest`` documents first, in their order, then the rest alphabetically."""
        docs = await self.kit.run(self.kit.kb.list_documents)
        # the registry names a document in its first language; its passages in the user's
        # language carry the translated title (kept in memory with the index)
        translated = await self.kit.run(self.kit.kb.titles, lang)
        title = {doc.doc_id: translated.get(doc.doc_id, doc.title).strip('"') for doc in docs}
        first = [title[d] for d in dict.fromkeys(nearest) if d in title]
        rest = sorted(set(title.values()) - set(first), key=str.lower)
        return list(dict.fromkeys([*first, *rest]))

    async def warm(self) -> None:
        """Build what the first question would otherwise wait for (the scope model)."""
        await self.kit.run(self._scope, "warm up")
        await self.kit.run(load_word_lists)  # for the typos of the first question

    async def _llm_answer(
        self, turn: Turn, question: str, found: Any, upload: Any | None, lang: str
    ) -> Answer:
        kit = self.kit
        prompt = kit.prompt("llm_ask", lang)
        # the same whole sections the offline answer draws on are the numbered sources, an
        # HR policy that answers first
        first = [upload.section] if upload is not None else []
        hits = list(dict.fromkeys([*first, *(h.section for h in found.sections)]))[:6]
        numbered = [composer.source_of_section(s) for s in hits]
        blocks = "\n\n".join(
            # a source is quoted material: nothing inside it may pose as another source
            prompt.text(
                "source_block",
                n=i,
                label=quote_source(s.label()),
                text=quote_source(shorten(h.text, 1600)),
            )
            for i, (s, h) in enumerate(zip(numbered, hits, strict=True), 1)
        )
        context = await self._notes_context(turn, question, lang)
        messages: list[Message] = [
            {"role": "system", "content": prompt.render()},
            {
                "role": "user",
                "content": prompt.text(
                    "user",
                    sources=blocks,
                    question=question,
                    context=context,
                    language_note=self._language_note(prompt, hits, lang),
                ),
            },
        ]
        # Reply.text is plain: a model that writes Markdown anyway must not show its asterisks
        raw = plain_text(await kit.complete(messages, turn.stream))
        body, cited, dropped = check_citations(raw, len(numbered))
        if len(body) > kit.settings.llm_max_answer_chars:
            body, cited, _ = check_citations(
                cap_answer(body, kit.settings.llm_max_answer_chars), len(numbered)
            )
        if not cited:
            raise LLMError("empty", "no citation of a retrieved source")
        sources = [numbered[n - 1] for n in cited]
        template = kit.prompt("answer", lang)
        parts = [body]
        notice = None
        if dropped:
            notice = kit.t(lang, "citations_dropped", numbers=", ".join(f"[{n}]" for n in dropped))
            parts.append(notice)
        parts.append(composer.sources_line(template.text("sources_label"), sources, numbers=cited))
        return Answer(
            text="\n\n".join(parts),
            body=body,
            sources=sources,
            grounded=True,
            lang=lang,
            notice=notice,
            prompt=prompt.ref,
            via="llm",
        )

    def _language_note(self, prompt: Any, hits: list[Any], lang: str) -> str:
        """Tell the model which sources are in the other language, and to answer in ``lang``."""
        foreign = [i for i, h in enumerate(hits, 1) if h.language != lang]
        if not foreign:
            return ""
        other = hits[foreign[0] - 1].language
        names = self.kit.prompt("messages", lang).meta["language_names"]
        note = prompt.text(
            "language_note",
            count=len(foreign),
            numbers=", ".join(f"[{n}]" for n in foreign),
            language=names.get(other, other),
        )
        return f"\n\n{note}"

    async def _notes_context(self, turn: Turn, question: str, lang: str) -> str:
        """Stored notes for the LLM, only when settings allow and the question names someone."""
        kit = self.kit
        if not kit.settings.llm_may_see_notes:
            return ""
        employees = await kit.run(kit.store.list_employees, manager_id=turn.manager.id)
        low = question.lower()
        named = [e for e in employees if re.search(rf"\b{re.escape(e.name.lower())}\b", low)]
        parts = []
        for emp in named[:2]:
            notes = await kit.run(
                kit.store.list_notes, manager_id=turn.manager.id, employee_id=emp.id, limit=3
            )
            for note in notes:
                parts.append(f"- {emp.name}: {shorten(note.body, 400)}")
        if not parts:
            return ""
        return kit.prompt("llm_ask", lang).text("notes_block", notes="\n".join(parts))
