"""Reading a manager's free text: which situations it signals, and the numbers it carries.

Rules, tuned on the development part of ``bench/data/signals_*.txt`` and measured on the
held-out part by ``bench/signals.py``. A cue counts unless a negation stands just before it in
the same clause ("niet onzeker", "not her assessor", "geen dubbele rol") or the clause waves it
away afterwards ("werkdruk valt mee", "the double role doesn't apply"). Money and trust have a
polarity: "geen budget" is no budget, "750 euro budget" is budget available; "weinig
vertrouwen" is a trust problem, "veel vertrouwen" is not. Typos one letter off a cue word
("zelfvertouwen", "workoad") are read as the cue word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# the person comes first on a card and in the confirm step, the team after
PERSON_SIGNALS = (
    "low_confidence",
    "personal_circumstances",
    "promotion_unavailable",
    "horizontal",
    "stay",
    "no_development_wish",
    "hidden_talent",
    "trust",
    "double_role",
)
TEAM_SIGNALS = ("budget_available", "no_budget", "workload", "large_team", "changing_work")
SIGNALS = PERSON_SIGNALS + TEAM_SIGNALS
# signals that cannot both hold; the later one in a text wins
OPPOSITES = {"budget_available": "no_budget", "no_budget": "budget_available"}
LARGE_TEAM = 15  # people; from this many a one-on-one per person gets scarce

_NEGATORS = {
    "niet", "geen", "nooit", "zonder", "nergens", "not", "no", "never", "without", "isn't",
    "isnt", "doesn't", "doesnt", "don't", "dont", "aren't", "wasn't", "won't", "hardly", "nor",
    "nothing", "niks", "niets",
}  # fmt: skip
# words that can stand between a negation and its cue ("niet echt onzeker", "not at all shy")
_WINDOW = 3
# a clause ends at punctuation or a turn in the sentence
_CLAUSE = re.compile(r"[,;.!?:()\n]+|\s(?:maar|but|dus|terwijl|although|though|whereas)\s")
# said after a cue, these wave it away
_WAVED_AWAY = re.compile(
    r"\b(?:valt (?:\w+ ){0,3}mee|speelt (?:hier )?niet|niet van toepassing|niet aan de orde|"
    r"geen (?:probleem|issue)|gaat (?:alles |het )?(?:goed|prima)|(?:is|are|seems) (?:fine|ok)|"
    r"fine (?:at|for now|right now)|everything fine|doesn'?t apply|not an issue|no problem|"
    r"n/?a)\b"
)
# the assessing is done by someone else: no double role for this manager
_ASSESSED_BY_OTHERS = re.compile(
    r"\b(?:hr|p&o|niet ik|not me|teamleider doet|doet de teamleider|done by|by hr|"
    r"loopt via|via (?:mijn|my) (?:manager|leidinggevende))\b"
)

_WORD = r"[a-zà-ÿ0-9'’-]*"
# cue patterns per signal, Dutch and English together (answers are often mixed)
_CUES: dict[str, list[str]] = {
    "low_confidence": [
        r"onzeker", r"twijfel\w*(?! of)", r"onderschat\w*", r"bescheiden", r"faalangst",
        r"verlegen", r"durft (?:het )?niet\b(?! te zeggen)", r"niet goed genoeg",
        r"maakt zichzelf klein", r"(?:weinig|laag|gebrek aan) zelfvertrouwen",
        r"zelfvertrouwen is (?:laag|klein|weg)", r"insecure", r"unsure", r"doubts?\b",
        r"doubting", r"underestimat\w*", r"modest", r"afraid to fail", r"shy\b",
        r"lacks? (?:self-)?confidence", r"low (?:self-)?confidence",
        r"confidence is (?:low|gone)", r"confidence issues", r"(?:not|isn'?t) good enough",
        r"downplay\w*", r"never speaks up", r"doesn'?t dare", r"does not dare",
        r"fear of failure", r"afraid to speak", r"sells? (?:her|him)self short", r"imposter",
        r"(?:scared|afraid|bang) (?:that )?(?:she|he|ze|hij) (?:won'?t|will not|het niet|niet)",
    ],
    "double_role": [
        r"beoordel\w*\b(?! van de (?:klant|machine|leverancier))", r"beoordee(?:lt|ld)\b",
        r"dubbele rol", r"functioneringsgesprek\w*", r"afreken\w*",
        r"coach (?:én|en) beoordelaar", r"apprais\w*", (
            r"assess\w*\b(?! of (?:the )?(?:new )?(?:machine|system|tool|risk))"
        ),
        r"double role",
        r"dual role", r"two hats", r"performance review", r"rate (?:her|him|them)\b",
        r"rating",
    ],
    "promotion_unavailable": [
        r"doorgroei\w*", r"hogerop", r"volgende stap", r"carri[eè]re",
        r"senior\w*\b(?! (?:collega|colleague|buddy|mentor))",
        r"teamleider (?:worden|te worden|willen)", r"zwaardere (?:rol|functie)",
        r"heavier role",
        r"(?:wil|graag|ambieert) (?:\w+ )?teamleider", r"leidinggeven\b",
        r"leidinggevende (?:functie|rol)",
        r"projectleider", r"verder groeien", r"wil verder\b", r"promotie\b",
        r"promotion\b(?! campaign)",
        r"promot(?:ed|e|eren)\b", r"move up",
        r"moving up", r"step up", r"next (?:step|level)", r"career",
        r"(?:be|become|becoming|as) (?:a )?team ?lead\w*",
        r"manage people", r"project lead", r"grow further", r"wants to grow",
        r"higher position",
    ],
    "stay": [
        r"verdiep(?:en|t|ing in)\b", r"specialist", r"beter worden in", r"heel goed doen",
        r"(?:get|gets|getting) better at", r"best \w+ (?:here|in the)", r"loves? (?:her|his) job",
        r"doesn'?t want anything else", r"specialis\w*", r"expert", r"wil (?:gewoon )?blijven",
        r"blijven (?:wat|waar)", r"op (?:haar|zijn|mijn|je) plek", r"zit goed",
        r"vakmanschap", r"goed blijven in", r"in (?:haar|zijn) vak", r"prima zo",
        r"tevreden zo", r"wants? to stay", r"stay in (?:her|his|the) role", r"deepen\w*",
        r"stay good at", r"craft",
        r"happy (?:as is|as it is|where (?:she|he) is|in (?:his|her) role)",
        r"in the right place", r"stay put",
    ],
    "horizontal": [
        r"breder", r"verbred\w*", r"afwisseling", r"andere taken", r"ander team",
        r"iets anders", r"wat anders", r"rotatie", r"meedraaien", r"nieuwe uitdaging",
        r"horizonta\w*", r"broad\w*", r"variety", r"other tasks", r"(?:an)?other team",
        r"something (?:different|else)", r"new challenge", r"lateral", r"rotation",
        r"andere afdeling", r"another (?:dept|department)", r"other department",
        r"would love to (?:do|help)", r"hier ook (?:wel )?(?:willen )?doen",
    ],
    "workload": [
        r"werkdruk", r"tijdsdruk", r"\bdruk\b", r"drukte", r"overuren", r"overbelast\w*",
        r"geen tijd", r"deadlines?", r"stress\w*", r"waan van de dag", r"op (?:z'n|zijn) tenen",
        r"krap", r"onderbezet", r"te veel werk", r"te weinig handen", r"workload", r"busy",
        r"swamped", r"overtime", r"stretched", r"understaffed", r"no time", r"daily grind",
        r"too much work", r"time is tight", r"too few hands", r"overloaded",
    ],
    "large_team": [
        r"groot team", r"team is groot", r"veel medewerkers", r"span of control",
        r"weinig tijd per", r"large team", r"big team", r"team is (?:big|large)",
        r"many (?:people|reports)", r"little time per", r"(?:te|too|way too) (?:groot|big)",
    ],
    "changing_work": [
        r"automatiser\w*", r"geautomatiseerd", r"(?:ge)?digitali\w*", r"\bai\b", r"agile",
        r"nieuwe (?:rollen|werkwijze|manier van werken)", r"new (?:roles|way of working)",
        r"(?<!sinds de )(?<!since the )reorgani\w*",
        r"\breorg\b(?<!since the reorg)", r"veranderingen", r"verandert", r"robot\w*", r"erp\b",
        r"automat\w*",
        r"digital\w*", r"changing", r"changes", r"(?:meer|more) (?:met |with )?data",
        r"data en automatisering",
        r"(?:nieuw|nieuwe|new) (?:[a-z0-9-]+ )?(?:[a-z0-9-]*systeem|[a-z0-9-]*systemen|"
        r"systems?|software|tools?|crm)",
    ],
    "personal_circumstances": [
        r"mantelzorg\w*", r"zorg voor (?:haar|zijn|de)", r"\bziek\w*", r"scheiding",
        r"kinderen", r"overleden", r"rouw\w*", r"zwanger\w*", r"verlof", r"burn-?out",
        r"gezondheid", r"thuis is het", r"privé", r"prive\b", r"caring for", r"carer",
        r"divorce", r"\bill\b", r"kids", r"children", r"\bsick", r"illness", r"passed away",
        r"grief", r"pregnan\w*", r"on leave", r"health\b", r"tough at home", r"at home",
        r"surgery", r"operatie", r"ziekenhuis", r"hospital",
    ],
    "hidden_talent": [
        r"vrije tijd", r"naast (?:het|dit|haar|zijn) werk", r"vrijwillig\w*", r"hobby\w*",
        r"verborgen", r"wist (?:bijna )?niemand", r"ontdekte", r"valt me op",
        r"niks mee", r"onbenut", r"niet (?:haar|zijn) taak", r"sportclub", r"voetbalclub",
        r"eigen bedrijf\w*", r"spare time", r"outside work", r"on the side", r"volunteer\w*",
        r"hidden", r"hardly anyone knows", r"turns out", r"i noticed", r"nothing with it",
        r"untapped", r"not (?:her|his) job", r"for (?:his|her) (?:band|club)",
        r"side (?:business|hustle|job)", r"\w+ club on", r"in het weekend",
        r"on (?:saturdays|sundays)",
    ],
    "trust": [
        r"wantrouw\w*", r"gesloten", r"afstandelijk", r"terughoudend", r"spanning",
        r"(?<!resolving )(?<!solving )conflict\w*(?! (?:op|oplos\w*|resolution))",
        r"durft niet te zeggen", r"zegt weinig", r"houdt \w+ voor zich",
        r"distrust\w*", r"guarded", r"distant", r"reserved", r"tension", r"afraid to say",
        r"says (?:very )?little", r"keeps \w+ to (?:him|her)self",
    ],
    "no_development_wish": [
        r"geen zin", r"niet ontwikkelen", r"wil (?:niks|niets)(?! weg)", r"hoeft niet",
        r"weiger\w*", r"refus\w*", r"onzin", r"too old for", r"te oud voor", r"not up for",
        r"(?:wil|wants to) (?:gewoon |just )?(?:haar|zijn|her|his) (?:werk|job) doen",
        r"just wants to do (?:her|his) job", r"(?:not that|niet dat) (?:she|he|ze|hij)\W?\w* \w*",
        r"geen behoefte", r"weerstand", r"ongemotiveerd", r"uren maken", r"niets mee",
        r"not interested", r"no need", r"doesn'?t want (?:to learn|to develop|anything(?! else))",
        r"resist\w*", r"unmotivated", r"puts in (?:his|her) hours", r"nothing to do with",
    ],
}  # fmt: skip
# the money words whose polarity decides between no budget and budget available
_MONEY = re.compile(
    r"\b(?:[a-z]*budget\w*|geld|money|funding|kosten|costs?|bezuinig\w*|cuts|spending|cent|"
    r"uitgaven)\b|€|\beur\b"
)
_MONEY_NONE = re.compile(
    r"\b(?:(?:budget|geld) is op|is er niet|er niet in|isn't there|bevroren|frozen|stil|"
    r"on hold|off the table|zitten? er niet in|kunnen niet|te weinig|too little|gebrek aan|"
    r"lack of|"
    r"probleem|issue|cuts?|got cut|bezuinig\w*|te duur|too expensive|not possible|zero|nul|gone|"
    r"geen cent|not a cent)\b"
)
_MONEY_SOME = re.compile(
    r"\b(?:er is|is er|there is|there's|er staat|staat nog|beschikbaar|available|we have|"
    r"heeft nog|has|"
    r"still has|left|vrijmaken|free up|ruimte in|room in|betaalt|pays|can spend|aangevraagd|"
    r"ask)\b"
)
# "geen behoefte aan cursussen of andere taken": the need denied covers the whole clause
_NO_NEED = re.compile(
    r"(?:geen behoefte aan|no need for|niet geïnteresseerd in|not interested in) "
)
_TRUST_WORD = re.compile(r"\b(?:vertrouw\w*|trust\w*)\b")
_TRUST_LOW = re.compile(
    r"\b(?:weinig|laag|geen|niet|little|low|no|not|lack\w*|doesn'?t|broken|kwijt)\b"
)
_BARE = 4  # an answer of at most this many words that names a topic raises it
_BARE_TOPICS: dict[str, re.Pattern[str]] = {
    "low_confidence": re.compile(r"\b(?:zelfvertrouwen|self-?confidence|confidence)\b"),
    # "vertrouwen om te experimenteren" is support to give, not a problem of trust
    "trust": re.compile(r"^(?:vertrouwen|trust)(?: tussen ons| between us)?$"),
    "workload": re.compile(r"\b(?:werkdruk|workload)\b"),
}
_AMOUNT = re.compile(
    r"(?:€\s?(?P<a>\d[\d.,]*)(?P<ak>k)?|(?P<b>\d[\d.,]*)(?P<bk>k)?\s?(?:euro'?s?|eur\b|€))"
    r"|(?P<c>\d[\d.,]*)(?P<ck>k)\s+(?:\w+\s+)?budget"
)
_PEOPLE = (
    r"(?:mensen|medewerkers|man|fte|teamleden|collega'?s|people|ppl|reports|employees|staff|"
    r"direct reports)"
)
_WORD_NUMBERS = {
    "vier": 4, "vijf": 5, "zes": 6, "tien": 10, "twaalf": 12, "vijftien": 15, "twintig": 20,
    "dertig": 30, "veertig": 40, "four": 4, "five": 5, "six": 6, "ten": 10, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "two": 2, "twee": 2, "drie": 3,
    "three": 3, "een": 1, "one": 1, "acht": 8, "eight": 8,
}  # fmt: skip
_NUM = r"(?P<n>\d{1,4}|" + "|".join(_WORD_NUMBERS) + r")"
_TEAM_SIZE = [
    re.compile(r"\b" + _NUM + r"\s+" + _PEOPLE + r"\b"),
    re.compile(r"\bteam (?:van|of) (?:ruim |about |around )?" + _NUM + r"\b"),
    re.compile(r"\bthere are " + _NUM + r" of us\b"),
    re.compile(r"\bmet (?:z'n|zijn) " + _NUM + r"\b"),
    re.compile(r"\bwe zijn met " + _NUM + r"\b"),
]
_HOURS = re.compile(
    r"\b" + _NUM + r"\s*(?:uur|uren|hours?|hrs?|u)\b(?:\s*(?:per|a|in de|p/?w|/)\s*(?:week|wk))?"
)


@dataclass
class Reading:
    """What one or more answers signal: tags in reading order, tags said not to hold, facts."""

    signals: list[str] = field(default_factory=list)
    negated: list[str] = field(default_factory=list)
    facts: dict[str, int] = field(default_factory=dict)

    def add(self, other: Reading) -> None:
        """Take in the reading of a later answer."""
        for tag in other.signals:
            if OPPOSITES.get(tag) in self.signals:
                self.signals.remove(OPPOSITES[tag])
            if tag not in self.signals:
                self.signals.append(tag)
        self.negated.extend(t for t in other.negated if t not in self.negated)
        self.negated = [t for t in self.negated if t not in self.signals]
        for key, value in other.facts.items():
            self.facts.setdefault(key, value)


def normalise(text: str) -> str:
    """Lower case, one kind of apostrophe, single spaces, cue-word typos corrected."""
    text = unicodedata.normalize("NFC", text).lower().replace("’", "'").replace("`", "'")
    text = " ".join(text.split())
    return re.sub(r"[a-zà-ÿ]{6,}", lambda m: _correct(m.group(0)), text)


def _vocabulary() -> set[str]:
    found: set[str] = set()
    for patterns in _CUES.values():
        for pattern in patterns:
            found.update(w for w in re.findall(r"[a-zà-ÿ]{6,}", pattern))
    return found | {"zelfvertrouwen", "confidence", "vertrouwen", "opleidingsbudget"}


_VOCABULARY = frozenset(_vocabulary())


# real words one letter away from a cue word: never "corrected" into it
_NOT_TYPOS = frozenset({"verleden", "geleden", "bewegen", "overleden", "training", "trainen"})


def _correct(word: str) -> str:
    if word in _VOCABULARY or word in _NOT_TYPOS or any(word.startswith(v) for v in _VOCABULARY):
        return word
    for known in _VOCABULARY:
        if abs(len(known) - len(word)) <= 1 and _one_edit(word, known):
            return known
    return word


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one insertion, deletion, substitution or swap."""
    if a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i, j = diff[0], diff[-1]
        return len(diff) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


_COMPILED = {
    tag: [re.compile(r"(?<![a-zà-ÿ0-9])" + p) for p in patterns] for tag, patterns in _CUES.items()
}


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in _CLAUSE.split(text) if c and c.strip()]


def _negated_before(clause: str, start: int) -> bool:
    before = re.findall(r"[a-zà-ÿ']+", clause[:start])[-_WINDOW:]
    return any(w in _NEGATORS for w in before) and not re.search(
        r"\b(?:niet alleen|not only|no longer|niet meer)\s*$", clause[:start]
    )


# "was onzeker vorig jaar, nu prima": a state in the past, said to be over
_PAST = re.compile(
    r"\b(?:was|had|vorig jaar|last year|lang geleden|long ago|years ago|vroeger|used to)\b"
)
_OVER = re.compile(
    r"\b(?:verleden tijd|helemaal over|is (?:echt )?over|(?:totally |all )?fine now|"
    r"nu (?:weer )?(?:prima|goed)|no longer|not anymore|niet meer)\b"
)
# "zijn collega wil promotie": the wish of someone else
_OTHER_PERSON = re.compile(r"\b(?:collega|colleague|coworker)s?\b")
_WISHES = {"promotion_unavailable", "horizontal", "stay", "no_development_wish"}


_SENTENCE_END = re.compile(r"[.!?\n]")


def _asked(low: str, at: int) -> bool:
    """Whether the sentence holding position ``at`` is a question ("zou ze promotie willen?")."""
    end = _SENTENCE_END.search(low, at)
    return end is not None and end.group(0) == "?"


def _someone_else(clause: str, cue: re.Match[str], tag: str) -> bool:
    return tag in _WISHES and bool(_OTHER_PERSON.search(clause[: cue.start()]))


def _number(raw: str) -> int | None:
    if raw in _WORD_NUMBERS:
        return _WORD_NUMBERS[raw]
    digits = re.sub(r"[.,](?=\d{3}\b)", "", raw).split(",")[0].split(".")[0]
    return int(digits) if digits.isdigit() else None


def facts_of(text: str) -> dict[str, int]:
    """Team size, budget in euros and hours per week, when the text states them."""
    low = normalise(text)
    facts: dict[str, int] = {}
    for m in _AMOUNT.finditer(low):
        raw = m.group("a") or m.group("b") or m.group("c")
        amount = _number(raw) if raw else None
        if amount is not None:
            if m.group("ak") or m.group("bk") or m.group("ck"):
                amount *= 1000
            facts.setdefault("budget", amount)
    for pattern in _TEAM_SIZE:
        said = pattern.search(low)
        if said:
            size = _number(said.group("n"))
            if size and size > 1:
                facts.setdefault("team_size", size)
    hours = _HOURS.search(low)
    if hours:
        value = _number(hours.group("n"))
        if value and value <= 60:
            facts["hours"] = value
    return facts


def read(text: str) -> Reading:
    """The signals and facts of one answer."""
    low = normalise(text)
    reading = Reading(facts=facts_of(text))
    found: list[tuple[int, str]] = []
    negated: set[str] = set()
    offset = 0
    for clause in _clauses(low):
        offset = low.find(clause, offset)
        waved = _WAVED_AWAY.search(clause)
        scoped = _NO_NEED.match(clause)
        aside = _PAST.search(clause) and _OVER.search(low)
        for tag, patterns in _COMPILED.items():
            for pattern in patterns:
                for m in pattern.finditer(clause):
                    if aside or _asked(low, offset + m.start()) or _someone_else(clause, m, tag):
                        continue  # a past state, a question to oneself, a colleague's wish
                    # the cue of a denied need is itself the signal, not negated by it
                    denied = scoped and tag != "no_development_wish"
                    if _negated_before(clause, m.start()) or waved or denied:
                        negated.add(tag)
                        continue
                    found.append((offset + m.start(), tag))
        money = _MONEY.search(clause)
        if money:
            if _negated_before(clause, money.start()) or _MONEY_NONE.search(clause):
                found.append((offset + money.start(), "no_budget"))
            elif _MONEY_SOME.search(clause) or _AMOUNT.search(clause):
                found.append((offset + money.start(), "budget_available"))
        trust = _TRUST_WORD.search(clause)
        if trust and _TRUST_LOW.search(clause) and "zelfvertrouwen" not in clause:
            found.append((offset + trust.start(), "trust"))
    if len(low.split()) <= _BARE:
        for tag, topic in _BARE_TOPICS.items():
            named = topic.search(low)
            if named and not _negated_before(low, named.start()) and not _WAVED_AWAY.search(low):
                found.append((named.start(), tag))
    if "budget" in reading.facts and not any(t == "no_budget" for _, t in found):
        found.append((len(low), "budget_available"))
    if reading.facts.get("team_size", 0) >= LARGE_TEAM:
        found.append((len(low), "large_team"))
    if re.search(r"\b(?:twintig|dertig|veertig|twenty|thirty|forty)\b", low) and re.search(
        _PEOPLE, low
    ):
        found.append((len(low), "large_team"))
    if "double_role" in {t for _, t in found} and _ASSESSED_BY_OTHERS.search(low):
        found = [(p, t) for p, t in found if t != "double_role"]
        negated.add("double_role")
    for _, tag in sorted(found):
        if OPPOSITES.get(tag) in reading.signals:
            reading.signals.remove(OPPOSITES[tag])
        if tag not in reading.signals:
            reading.signals.append(tag)
    reading.negated = [t for t in SIGNALS if t in negated and t not in reading.signals]
    return reading


def read_all(answers: list[str]) -> Reading:
    """The signals and facts of several answers together (the first fact stated wins)."""
    total = Reading()
    for answer in answers:
        total.add(read(answer))
    return total


def ranked(tags: list[str]) -> list[str]:
    """Signals about the person before signals about the team, in reading order otherwise."""
    return sorted(tags, key=lambda t: (t not in PERSON_SIGNALS, tags.index(t)))


_WORRY = re.compile(
    r"\b(?:teleurgesteld\w*|teleurstell\w*|baalt?|balen|zorgen|bezorgd|bang|ongerust|"
    r"gefrustreerd|frustratie|jammer|boos|onzeker over|disappointed|disappointment|worr\w*|"
    r"concerned|afraid|upset|frustrat\w*|gutted|anxious|unhappy|ontevreden)\b"
)


def worry(text: str) -> str | None:
    """The clause in which a disappointment or worry is voiced, or None.

    >>> worry("Ze wil teamleider worden, maar baalt dat die plek er nu niet is.")
    'baalt dat die plek er nu niet is'
    """
    for clause in _CLAUSES_KEEP.split(text):
        piece = " ".join(clause.split()).strip(" .,;")
        m = _WORRY.search(normalise(piece))
        if m and not _negated_before(normalise(piece), m.start()):
            return piece
    return None


# a worry is quoted by its clause; "maar" and "but" start one
_CLAUSES_KEEP = re.compile(r"[;.!?\n]+|,\s*(?:maar|but)\s+|\s(?:maar|but)\s+")
