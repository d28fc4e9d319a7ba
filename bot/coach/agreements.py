"""Agreements typed as "wie doet wat wanneer": one per line, owner and due date when stated."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from bot.coach.dates import (
    MONTHS,
    RELATIVE,
    WEEKDAYS,
    find_date,
    passed_dates,
    rhythm_of,
    working_day_on_or_before,
)

# fmt: off
MANAGER_WORDS = {
    "ik", "ikzelf", "mij", "ik zelf", "manager", "leidinggevende", "i", "me", "myself",
}
JOINT_WORDS = {"wij", "we", "samen", "us", "together", "both", "beiden", "allebei", "we samen"}
# the person the conversation was with, named by a pronoun ("she asks the QA lead...")
EMPLOYEE_WORDS = {"ze", "zij", "hij", "she", "he", "medewerker", "employee"}
# fmt: on
# agreements are split by line or ";", and before ", I ask ..." / ", ik vraag ...": a task of
# the manager's own after a comma is another agreement ("we book the e-learning, I ask HR");
# so is one after ", and" or "and" that someone else will do ("..., Lisa will pair with him",
# "... and we'll evaluate together", "... en we evalueren samen")
_SPLIT = re.compile(
    r"\n|;|\s+\|\s+|,\s+(?=(?:i|ik)\s+(?!(?:think|denk|hope|hoop|guess|gok|believe|geloof|"
    r"mean|bedoel|suppose|reckon|weet|know)\b)[a-z]{2,}\b)"
    r"|(?:,\s*(?:and\s+|en\s+)?|\s+(?:and|en)\s+)(?="
    r"(?:i|we|she|he|they)(?:['’]ll|\s+will|\s+shall)\b|ik\s+(?:ga|zal)\b|"
    r"we\s+(?:gaan|zullen|\w+en)\b|"
    # ", samen evalueren we ...", "and together we ...": a joint one (not "samen met Piet")
    r"(?:samen|together|gezamenlijk)\s+(?!(?:met|with)\b)\w+|"
    # ", ze loopt in januari mee": the employee's (not ", ze is blij", ", he said")
    r"(?:ze|zij|hij|she|he)\s+(?!(?:is|was|zegt|zei|says|said|vindt|vond|thinks|thought|"
    r"denkt|dacht|wil|wilde|wants|wanted|heeft|has|had|kan|can|could|kon|weet|knows|voelt|"
    r"feels|felt|ziet|zag|sees|saw|snapt|gets|got|likes|hates|seems|lijkt|leek)\b)[a-z]{2,}\b"
    r"|(?-i:[A-Z][\w-]+)(?:\s+\([^)]*\)|\s+(?:from|van)\s+\w+)?\s+(?:will|zal|gaat)\b"
    r"|(?-i:[A-Z][\w-]+)['’]ll\b)"
    # a new sentence ("... na de zomer. hij gaat volgende week meekijken"), not after an
    # abbreviation ("bijv. Excel")
    r"|(?<=\w\w[.!?])(?<!\bbijv\.)(?<!\bbv\.)(?<!\betc\.)(?<!\bca\.)(?<!\bnr\.)"
    r"(?<!\bvs\.)(?<!\bSt\.)(?<!\bdhr\.)(?<!\bmw\.)\s+(?=[^\W\d_])",
    re.I,
)
# what opens a piece but says nothing of the task: "o en ik regel ...", "oh and I'll ..."
_FILLER = re.compile(r"^(?:(?:o|oh|oja|o ja|ow|also|ook|plus|en|and)\b[,\s]+)+", re.I)
MIN_SPLIT_WORDS = 3  # "Tom and I will meet" is one agreement, not "Tom" and "I will meet"


def _pieces(text: str) -> list[str]:
    """The agreements in what the manager typed, one per piece (see ``_SPLIT``); a piece too
    short to be an agreement stays with the one before it.

    >>> _pieces("Tom takes the pipeline, Lisa (senior dev) will pair with him, I'll look into "
    ...         "a course and we'll evaluate together end of January")
    ['Tom takes the pipeline', 'Lisa (senior dev) will pair with him', \
"I'll look into a course", "we'll evaluate together end of January"]
    >>> _pieces("Tom and I will meet weekly"), _pieces("Ruud loopt mee met Sanne en we evalueren samen")
    (['Tom and I will meet weekly'], ['Ruud loopt mee met Sanne', 'we evalueren samen'])
    >>> _pieces("Jan zoekt een cursus, ik vraag budget aan, samen evalueren we na de zomer")
    ['Jan zoekt een cursus', 'ik vraag budget aan', 'samen evalueren we na de zomer']
    >>> _pieces("Jan zoekt een cursus, samen met Piet"), _pieces("I'll ask HR and he'll book it")
    (['Jan zoekt een cursus, samen met Piet'], ["I'll ask HR", "he'll book it"])
    >>> _pieces("samen evalueren we na de zomer. hij gaat woensdag meekijken. o en ik regel "
    ...         "bijv. het rooster")
    ... # doctest: +NORMALIZE_WHITESPACE
    ['samen evalueren we na de zomer.', 'hij gaat woensdag meekijken.',
     'ik regel bijv. het rooster']
    >>> _pieces("ik vraag budget aan, ze loopt mee met Ilse, ze is er blij mee")
    ['ik vraag budget aan', 'ze loopt mee met Ilse, ze is er blij mee']
    >>> _pieces("she picks a course from the budget, no deadline. ok?")
    ['she picks a course from the budget, no deadline. ok?']
    """
    pieces: list[str] = []
    start = 0
    joined = False  # whether the last piece was split off by a comma or "and"
    for m in [*_SPLIT.finditer(text), None]:
        piece = text[start : m.start() if m else len(text)]
        # a piece too short on either side stays one agreement ("Tom and I will meet",
        # "..., no deadline. ok?")
        shortest = min(len(pieces[-1].split()), len(piece.split())) if pieces else 0
        if pieces and joined and shortest < MIN_SPLIT_WORDS:
            pieces[-1] += glue + piece
        else:
            bare = _FILLER.sub("", piece)
            pieces.append(bare if len(bare.split()) >= MIN_SPLIT_WORDS else piece)
        if m is not None:
            glue, start = m.group(0), m.end()
            joined = not re.search(r"[\n;|]", glue)
    return pieces
# a subject that only says who ("he", "we"): the owner beside the text says it already
_PRONOUNS = {"employee": frozenset({"ze", "zij", "hij", "she", "he"}), "joint": frozenset({"we"})}
# and the word that says it is to come: "we will book him" is "book him"
_MODAL = re.compile(r"^(?:will|shall|are going to|is going to|gaat|zal)\s+(?=\w)", re.I)


def _without_pronoun(body: str, owner: str) -> str:
    """The task without a subject that only says who: "he books the course" beside "Dave:"
    reads "books the course". A Dutch "we" stays: "we kijken terug" has no form without it.

    >>> _without_pronoun("we look at a project", "joint")
    'look at a project'
    >>> _without_pronoun("she will ask HR", "employee")
    'ask HR'
    >>> _without_pronoun("we kijken terug", "joint")
    'we kijken terug'
    >>> _without_pronoun("we'll evaluate together", "joint")
    'evaluate together'
    """
    # "we'll evaluate together": "we will evaluate together"
    body = re.sub(r"^(we|he|she)['’]ll\b", r"\1 will", body, flags=re.I)
    words = body.split(None, 2)
    if len(words) < 3 or words[0].lower() not in _PRONOUNS.get(owner, ()):
        return body
    if words[0].lower() == "we" and words[1].lower().endswith("en"):
        return body
    rest = f"{words[1]} {words[2]}"
    # "we will book him on the e-learning": "book him on the e-learning"
    return _MODAL.sub("", rest, count=1) or rest


_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s*")
_TOGETHER = re.compile(r"\b(?:samen|together|gezamenlijk|jointly)\b(?!\s+(?:met|with)\b)", re.I)
# "terugkijken eind februari", "evaluate in March": a look back with no one named is a joint one
_LOOK_BACK = re.compile(
    r"^(?:(?:we\s+)?(?:terugkijken|evalueren|nabespreken|look back|evaluate|check in|catch up|"
    r"(?<=we )(?:kijken|blikken) terug|"
    r"meet again|review(?=\s+(?:it|how|progress|together)\b|\s*$))"
    r"|(?:een\s+)?(?:evaluatie|terugblik|vervolggesprek|evaluatiegesprek)"
    r"|(?:a\s+)?follow-up (?:meeting|conversation|chat))\b",
    re.I,
)
_I_WILL = re.compile(
    r"^(?:ik(?:\s+(?:ga|zal))?|i(?:['’]ll|\s+will|\s+am going to|\s+shall)?)\s+", re.I
)
# the employee and the manager named together: "Daan en ik: ...", "me and Sam: ..."
_BOTH = re.compile(
    r"^(?:(?P<name>[^\s:,]+)\s+(?:en|and|&)\s+(?:ik|i|me)|(?:ik|i|me)\s+(?:en|and|&)\s+"
    r"(?P<name2>[^\s:,]+))(?:\s*[:,]\s*|\s+(?!(?:agreed|afgesproken|hebben|have|had|think|"
    r"thought|denk\w*|decided|besloten|spraken|said|zeiden|zijn|are|were)\b))(?P<rest>.+)$",
    re.I,
)
# what already happened is no agreement: "gisteren besproken met HR"; a line that says it
# was agreed or looks ahead is one ("gisteren afgesproken dat ze ...", "she'll finish ...")
_AGREED_OR_AHEAD = re.compile(
    r"\b(?:afgesproken|afspraak|agreed|agreement|beloofd|promised|zegt toe|decided|besloten|"
    r"will|shall|gaat|zal|from now on|vanaf nu|voortaan|keep)\b|['’]ll\b",
    re.I,
)
_JOINT_LEAD = re.compile(r"^(?:samen|together|gezamenlijk|jointly)\b\s*", re.I)
_INVERTED_WE = re.compile(r"^(\w+en)\s+(?:we|wij)\b\s*", re.I)
_JOINT_TAIL = re.compile(r"\s+(?:together|jointly)$", re.I)  # Dutch "samen" stays in the verb
# two tasks in one agreement: "... before xmas and ask Karen ... next tues"
_AND = re.compile(r",?\s+(?:and|en|&)\s+(?=\w)", re.I)
_LEAD = re.compile(r"^(?P<who>[^\s:,]+(?:\s+[^\s:,]+){0,2})\s*[:,]\s*(?P<rest>.+)$")
# a colleague with their team before a colon: "Ingrid van HR:", "Lisa (senior dev):"
_WITH_TEAM = re.compile(
    r"(?P<name>[A-Z][^\W\d_]+)(?:\s+(?:van|from|of)\s+(?:de\s+|the\s+)?[^\W\d_]{2,}"
    r"|\s*\([^()]{2,30}\))"
)


@dataclass(frozen=True)
class Agreement:
    """One parsed agreement."""

    text: str
    owner: str  # "manager" | "employee" | "joint"
    due: date | None
    # a colleague's task ("Els legt Henk ParnasSys uit"): stored as the manager's to follow
    # up (the store knows no other owner), shown with the colleague's name ("Els", "Anna
    # (HR)") beside the task without it ("Legt Henk ParnasSys uit")
    by: str = ""
    task: str = ""
    # the day was typed as the day it happens ("on 10 January", "op vrijdag"), not a deadline
    on_day: bool = False


def _owner_of(who: str, employee: str) -> str | None:
    low = who.lower().strip()
    names = {employee.lower(), employee.lower().split()[0]} if employee.strip() else set()
    if low in names or low in EMPLOYEE_WORDS:
        return "employee"
    if low in MANAGER_WORDS:
        return "manager"
    if low in JOINT_WORDS:
        return "joint"
    return None


def _someone_else(who: str, rest: str, employee: str) -> str | None:
    """The colleague an agreement is led by: a capitalised name before the colon, of someone
    other than the employee, in an agreement that names the employee ("Joyce: fatima laten
    meelopen"); None for a label ("Budget: navragen").

    >>> _someone_else("Joyce", "fatima laten meelopen bij team Noord", "Fatima")
    'Joyce'
    >>> _someone_else("Budget", "navragen bij HR", "Fatima") is None
    True
    >>> _someone_else("Joyce", "show him the robot cell next tues", "Kees")
    'Joyce'
    """
    first = employee.strip().split()[0].lower() if employee.strip() else ""
    if (team := _WITH_TEAM.fullmatch(who)) and team["name"].lower() != first:
        return who  # a team or role says it is a person: "Ingrid van HR: uitzoeken ..."
    if not (who.isalpha() and who[:1].isupper() and first) or who.lower() == first:
        return None
    if re.search(rf"\b{re.escape(first)}\b", rest.lower()):
        return who
    # spoken of ("show him the robot cell", "feedback na haar dienst"), by a name and not a
    # label ("Cursus: haar inschrijven")
    spoken_of = re.search(r"\b(?:him|her|hem|haar)\b", rest.lower())
    return who if spoken_of and who.lower() not in _LABELS else None


def _colleague_subject(line: str, employee: str) -> tuple[str, str] | None:
    """The colleague who is the subject of an agreement without a colon, and the words that
    name them: a capitalised name (with a team: "from HR", "van ICT"), then a verb, in an
    agreement that speaks of the employee or names the team. None for a task led by its verb
    ("Bellen met haar"), a label, a day, or the employee, the manager or "we" themselves.

    >>> _colleague_subject("Els legt Henk parnassys uit voor de kerstvakantie", "Henk")
    ('Els', 'Els')
    >>> _colleague_subject("Anna from HR sends him the course list tomorrow", "Marek")
    ('Anna (HR)', 'Anna from HR')
    >>> [_colleague_subject(t, "Henk") for t in ("Henk legt het uit", "Bellen met hem",
    ...  "Sort out a course for him", "Vrijdag belt Els hem", "Rooster wordt aangepast voor hem",
    ...  "Els geeft de starters les")]
    [None, None, None, None, None, None]
    """
    m = _SUBJECT.match(line)
    if m is None:
        return None
    name, team, verb = m["name"], m["team"] or m["role"], m["verb"]
    first = name.split()[0].lower()
    if (
        not name[:1].isupper()  # a name as typed; "bellen met hem" is a task
        or first in _NOT_A_NAME
        or first in _LABELS
        or _owner_of(first, employee)
        or _owner_of(name, employee)
        or verb.lower() in _NOT_A_VERB
        or _reads_as_verb(first)
        or (m["team"] and not _is_team(m["link"], m["team"]))
        # the word after the name is a colleague's verb from a closed list: "Regel budget
        # voor hem", "Secure budget for him" are tasks led by their verb, no "Regel"
        or verb.lower() not in _SUBJECT_VERBS
        or any(w.lower() in _OPENING_WORDS for w in name.split())
        # "Straks belt Els hem": a word before the verb and a name after it is Dutch
        # word order after an adverb ("Misschien belt Els hem"), not the colleague "Straks"
        or (_INVERTED.match(m["rest"]) and not _owner_of(m["rest"].split()[0], employee))
    ):
        return None
    said = re.escape(employee.split()[0]) if employee.strip() else "him"
    speaks_of = re.search(rf"\b(?:him|her|hem|haar|{said})\b", m["rest"], re.I)
    if not (speaks_of or team):
        return None
    return (f"{name} ({team})" if team else name), line[: m.end("who")]


def _is_team(link: str, team: str) -> bool:
    """Whether the word after "van", "from", "of" names a colleague's team: "ICT", "HR", "de
    keuken" (a common noun), not a surname ("Els van Dijk") nor a word that only goes on the
    sentence ("navragen of er budget is": Dutch "of" is "whether").

    >>> [_is_team(*p) for p in (("van", "ICT"), ("van", "keuken"), ("from", "finance"),
    ...  ("van", "Dijk"), ("of", "er"), ("of", "the"), ("of", "Finance"))]
    [True, True, True, False, False, False, True]
    """
    if team.isupper():  # "IT", "HR": a team's letters, whatever word they also spell
        return True
    if team.lower() in _NOT_A_TEAM:
        return False
    if link.lower() == "of":  # Dutch "of" (whether, or) leads a clause: only "of Finance"
        return team[:1].isupper()
    # "van" and "bij" also lead a surname, which has its capital: "van de keuken" is a team
    return team[:1].islower() or link.lower() not in ("van", "bij")


# words after "of", "van", "from" that go on the sentence, no team: "of er", "of het"
_NOT_A_TEAM = frozenset(
    {"er", "het", "de", "een", "dat", "die", "dit", "ze", "zij", "hij", "je", "we", "wij",
     "niet", "wel", "nog", "ook", "the", "a", "an", "it", "this", "that", "there", "them",
     "his", "her", "him", "course", "all", "us", "me", "mij", "haar", "hem"}
)  # fmt: skip


def _reads_as_verb(word: str) -> bool:
    """Whether the first word of an agreement is a verb, not a colleague's name: the store
    keeps a task with a capital ("Navragen of er budget is", "Check courses for her"), so the
    capital cannot tell a name; a Dutch infinitive with a verb prefix or a common task verb
    can ("Jeroen", "Karen" end in "-en" too, hence the prefix).

    >>> [_reads_as_verb(w) for w in ("navragen", "inplannen", "opzoeken", "bespreken",
    ...  "check", "ask", "regelen", "els", "jeroen", "karen", "joost", "maarten")]
    [True, True, True, True, True, True, True, False, False, False, False, False]
    """
    low = word.lower()
    if low in _TASK_VERBS:
        return True
    return low.endswith("en") and len(low) >= 7 and low.startswith(_VERB_PREFIXES)


_VERB_PREFIXES = (
    "na", "in", "op", "aan", "af", "uit", "mee", "door", "terug", "be", "ver", "ont", "her",
    "over", "onder", "samen", "voor", "weg", "rond", "toe", "vast", "bij", "ge", "los",
)  # fmt: skip
# verbs a task opens with ("Regelen dat ...", "Ask HR ...", "Book courses for her")
_TASK_VERBS = frozenset(
    {"ask", "check", "book", "find", "plan", "set", "look", "sort", "call", "email", "mail",
     "send", "arrange", "organise", "organize", "schedule", "discuss", "talk", "see", "make",
     "get", "give", "share", "follow", "review", "write", "read", "contact", "request",
     "regelen", "vragen", "bellen", "mailen", "zoeken", "plannen", "maken", "sturen",
     "kijken", "checken", "delen", "geven", "schrijven", "lezen", "praten", "organiseren",
     "bespreken", "nagaan", "uitzoeken", "doen", "gaan", "zien", "laten", "helpen"}
)  # fmt: skip


# a name as typed, with its capital ("Els", "Anna Jansen"), maybe a team ("from HR"), then a
# verb as the subject's ("legt", "sends", "will"): "Els legt Henk ParnasSys uit"
_SUBJECT = re.compile(
    r"^(?P<who>(?P<name>[^\W\d_][^\W\d_'’-]*(?:\s+[A-Z][^\W\d_'’-]+)?)"
    r"(?:\s+(?P<link>from|of|at|van|bij)\s+(?:the\s+|de\s+|het\s+)?(?P<team>[^\W\d_&]{2,}))?"
    r"(?:\s+\((?P<role>[^()]{2,30})\))?)"  # "Lisa (senior dev) will pair with him"
    r"\s+(?P<verb>[a-z]+(?:s|t|d)|will|can|shall|kan|zal|wil|mag|moet|is)"
    r"\s+(?P<rest>.+)$"
)
# words that open a line without naming anyone ("Dan belt hij", "The course starts")
_NOT_A_NAME = frozenset(
    {"the", "de", "het", "een", "a", "an", "this", "that", "dit", "dat", "deze", "die", "it",
     "er", "there", "everyone", "iedereen", "niemand", "nobody", "team", "they", "zij", "you",
     "jij", "je", "u", "dan", "then", "daarna", "also", "ook", "eerst", "first", "after", "na",
     "voor", "before", "vanaf", "from", "tot", "until", "elke", "every", "each", "iedere",
     "next", "volgende", "agreed", "afgesproken", "yesterday", "gisteren", "alles",
     *WEEKDAYS, *MONTHS, *RELATIVE}
)  # fmt: skip
# the verbs a colleague's task goes on with after their name ("Els legt", "Anna sends"):
# a closed list, so a task led by its own verb ("Regel budget", "Claim budget") names no one
_SUBJECT_VERBS = frozenset(
    {"legt", "stuurt", "belt", "mailt", "appt", "regelt", "plant", "zoekt", "neemt", "geeft",
     "laat", "maakt", "vraagt", "checkt", "boekt", "organiseert", "begeleidt", "leert",
     "toont", "doet", "komt", "gaat", "werkt", "schrijft", "bespreekt", "helpt", "traint",
     "coacht", "overlegt", "informeert", "kijkt", "bekijkt", "loopt", "zorgt", "houdt",
     "stelt", "zet", "brengt", "deelt", "introduceert", "koppelt", "leidt", "meldt", "pakt",
     "praat", "spreekt", "volgt", "wijst", "vertelt", "nodigt", "roostert", "reserveert",
     "bestelt", "controleert", "evalueert", "ondersteunt", "levert", "test",
     "instrueert", "demonstreert", "kan", "zal", "wil", "mag", "moet",
     "sends", "calls", "emails", "mails", "books", "checks", "arranges", "organises",
     "organizes", "plans", "shows", "explains", "trains", "finds", "sets", "asks", "meets",
     "takes", "gives", "helps", "writes", "teaches", "coaches", "mentors", "walks",
     "introduces", "pairs", "schedules", "sorts", "looks", "reviews", "shares", "contacts",
     "talks", "discusses", "follows", "gets", "makes", "runs", "leads", "brings", "invites",
     "reserves", "registers", "signs", "enrols", "enrolls", "tells", "lets", "handles",
     "prepares", "updates", "guides", "supervises", "onboards", "phones", "texts",
     "messages", "forwards", "demonstrates", "buddies", "will", "can", "shall"}
)  # fmt: skip
# adverbs and other words that open a sentence before a name ("Misschien belt Els hem",
# "Maybe Anna calls him"): never a colleague, nor part of their name
_OPENING_WORDS = frozenset(
    {"misschien", "binnenkort", "later", "bovendien", "eventueel", "hopelijk",
     "waarschijnlijk", "straks", "mogelijk", "vermoedelijk", "ook", "verder", "daarnaast",
     "intussen", "ondertussen", "alsnog", "meteen", "direct", "snel", "zo", "nu", "vandaag",
     "morgen", "overmorgen", "volgens", "wellicht", "liefst", "graag", "zeker", "natuurlijk",
     "maybe", "perhaps", "probably", "possibly", "hopefully", "soon", "tomorrow", "today",
     "tonight", "also", "additionally", "meanwhile", "ideally", "definitely", "certainly",
     "likely", "now", "please", "eventually", "anyway", "besides", "otherwise", "still"}
)  # fmt: skip
# a capitalised name right after the verb ("... belt Els hem"): the verb came first
_INVERTED = re.compile(r"^[A-Z][a-z\u00c0-\u024f]+\b")
# words after a verb-led task that end like a verb but are none ("Sort out", "Kijken wat")
_NOT_A_VERB = frozenset(
    {"out", "about", "at", "that", "what", "it", "but", "not", "just", "first", "next", "last",
     "best", "most", "get", "set", "put", "let", "met", "uit", "niet", "dat", "wat", "het",
     "tot", "and", "end", "eind", "round", "around", "behind", "ahead", "his", "its", "this",
     "as", "us", "plus", "was", "towards", "always", "less", "unless", "across", "minst",
     "meest", "goed", "want", "dus"}
)  # fmt: skip


# words that lead an agreement as a label, not as the colleague who does it
_LABELS = frozenset(
    {"budget", "cursus", "course", "training", "opleiding", "planning", "actie", "action",
     "taak", "task", "doel", "goal", "afspraak", "agreement", "todo", "next", "volgende",
     "rooster", "rota", "follow-up", "opvolging", "feedback", "evaluatie", "review"}
)  # fmt: skip


def _named_as_typed(text: str, employee: str) -> str:
    """The employee's name written with its capital where it was typed without ("fatima")."""
    name = employee.strip()
    if not name:
        return text
    return re.sub(rf"\b{re.escape(name.lower())}\b", name, text)


def without_owner_name(text: str, employee: str, *, capitalise: bool = True) -> str:
    """An agreement shown beside its owner's name, without that name again (also what a
    manager typed about someone, read for skills: ``capitalise=False``).

    >>> without_owner_name("Fatima zoekt een cursus uit", "Fatima")
    'Zoekt een cursus uit'
    >>> without_owner_name("Ahmed lost storingen op", "Ahmed", capitalise=False)
    'lost storingen op'
    """
    low = text.lower()
    names = [employee.strip(), *employee.strip().split()[:1]] if employee.strip() else []
    for name in dict.fromkeys(names):
        n = name.lower()
        rest = text[len(n) :].strip()
        if low.startswith(n + " ") and len(rest.split()) >= 2:
            return rest[:1].upper() + rest[1:] if capitalise else rest
    return text


def parse_agreements(text: str, *, employee: str, today: date) -> list[Agreement]:
    """Split free text into agreements; "Anna: cursus zoeken voor 15 december" -> employee.

    >>> [a.owner for a in parse_agreements(
    ...     "she asks the QA lead; samen: terugkijken; I check with HR", employee="Priya",
    ...     today=date(2026, 12, 1))]
    ['employee', 'joint', 'manager']
    >>> for a in parse_agreements(
    ...     "ik regel met HR het budget; volgende maand samen terugkijken; Bram doet het samen "
    ...     "met Anna; I'll book the course", employee="Anna", today=date(2026, 12, 2)):
    ...     print(a.owner, a.text)
    manager Regel met HR het budget
    joint Samen terugkijken
    manager Bram doet het samen met Anna
    manager Book the course
    >>> [a.owner for a in parse_agreements("samen: cursus kiezen; terugkijken eind februari",
    ...                                   employee="Fatima", today=date(2026, 12, 2))]
    ['joint', 'joint']
    >>> for a in parse_agreements("we'll check in every other Friday; elke maandag even bellen",
    ...                           employee="Sam", today=date(2026, 12, 2)):
    ...     print(a.owner, a.text, a.due)
    joint Check in every other Friday None
    manager Elke maandag even bellen None
    >>> for a in parse_agreements("Anna loopt vanaf januari 2 uur per week mee met de POH; "
    ...                           "per 1 maart de cursus gestart", employee="Anna",
    ...                           today=date(2026, 12, 2)):
    ...     print(a.owner, a.text, a.due)
    employee Anna loopt vanaf januari 2 uur per week mee met de POH 2027-01-04
    manager De cursus gestart 2027-03-01
    >>> for a in parse_agreements("Joyce: fatima laten meelopen bij team Noord voor 18 dec",
    ...                           employee="Fatima", today=date(2026, 12, 3)):
    ...     print(a.owner, a.text, a.due)
    manager Fatima laten meelopen bij team Noord (Joyce) 2026-12-18
    >>> for a in parse_agreements("ik: rooster aanpassen zodat ze vanaf januari 4 uur per week "
    ...                           "meeloopt; Anna: vanaf maart de cursus", employee="Anna",
    ...                           today=date(2026, 12, 4)):
    ...     print(a.owner, a.text, a.due)
    manager Rooster aanpassen zodat ze vanaf januari 4 uur per week meeloopt 2026-12-31
    employee Vanaf maart de cursus 2027-03-01
    >>> for a in parse_agreements("samen: over 3 weken kijken of ze 1 uur per week kan "
    ...                           "vrijroosteren; Anna: 2 uur per week meelopen op dinsdag",
    ...                           employee="Anna", today=date(2026, 12, 4)):
    ...     print(a.owner, a.text, a.due)
    joint Kijken of ze 1 uur per week kan vrijroosteren 2026-12-28
    employee 2 uur per week meelopen op dinsdag None
    >>> [a.text for a in parse_agreements("I: pair her with the two new nurses starting next "
    ...                                   "month", employee="Priya", today=date(2026, 12, 2))]
    ['Pair her with the two new nurses starting next month']
    >>> for a in parse_agreements("Marek and I review in 4 weeks; gisteren besproken met HR",
    ...                           employee="Marek", today=date(2026, 12, 4)):
    ...     print(a.owner, a.text, a.due)
    joint Review 2027-01-04
    >>> [a.text for a in parse_agreements("Marek en ik kijken over 4 weken terug",
    ...                                   employee="Marek", today=date(2026, 12, 4))]
    ['Terugkijken']
    >>> for a in parse_agreements("Anna and I agreed she'll book the course; yesterday we "
    ...                           "decided she leads the stand-up from now on", employee="Anna",
    ...                           today=date(2026, 12, 4)):
    ...     print(a.owner, a.text)
    employee Anna and I agreed she'll book the course
    manager Yesterday we decided she leads the stand-up from now on
    """
    items: list[Agreement] = []
    for raw in _pieces(text):
        line = _BULLET.sub("", raw).strip().rstrip(".")
        if len(line) < 2 or line in {"-", "geen", "none", "nee", "no"}:
            continue
        line = _date_to_the_end(line, today, employee)
        past = find_date(line, today, past=True)
        if (
            past is not None
            and past[1][0] == 0
            and not _AGREED_OR_AHEAD.search(line)
            and find_date(line, today) is None
        ):
            continue  # opens with a day behind us, none ahead: what was done, not what will be
        owner = "manager"
        body = line
        by: tuple[str, str, str] | None = None  # the colleague, and how the text names them
        lead = _LEAD.match(line)
        found = _owner_of(lead.group("who"), employee) if lead else None
        if lead and found:
            owner, body = found, lead.group("rest").strip()
        elif lead and (other := _someone_else(lead.group("who"), lead.group("rest"), employee)):
            # "Joyce: fatima laten meelopen bij de praktijkopleider": a colleague does it, you
            # follow it up; the colleague stays named
            body = f"{lead.group('rest').strip()} ({other})"
            by = (other, "", f" ({other})")
        elif colleague := _colleague_subject(line, employee):
            # "Els legt Henk ParnasSys uit": as after "Joyce:", but named as the subject,
            # which the text keeps ("jij: Legt Henk ParnasSys uit" would say it is yours)
            by = (colleague[0], colleague[1], "")
        elif (mine := _I_WILL.match(line)) and len(line[mine.end() :].split()) >= 2:
            # "ik regel met HR het budget", "I'll book the course": yours, shown beside it once
            owner, body = "manager", line[mine.end() :]
        else:
            # "we'll check in ...": the owner is the word before the contraction
            first = re.split(r"['’]", line.split()[0].strip(",:").lower())[0]
            first_owner = _owner_of(first, employee)
            if first_owner:
                owner = first_owner
            elif _TOGETHER.search(line) or _LOOK_BACK.match(line):
                # "volgende maand samen terugkijken"; looking back is done together
                owner = "joint"
        both = _BOTH.match(line)
        if both and _owner_of(both["name"] or both["name2"], employee) == "employee":
            owner, body = "joint", both.group("rest").strip()  # "Daan en ik: ..."
        body = _MODAL.sub("", body, count=1) or body  # "Tom and I will meet": "meet"
        if owner == "joint":  # "samen: samen evalueren" says "samen" once
            body = _JOINT_LEAD.sub("", body) or body
            # "samen evalueren we na de zomer": "evalueren", the "we" after its verb said
            body = _INVERTED_WE.sub(r"\1 ", body).strip() or body
        body = _without_pronoun(body, owner)
        for part in _dated_parts(body, today):
            item = _agreement(part, owner, employee, today)
            if owner == "joint":  # "together: Evaluate together" says it twice
                item = replace(item, text=_JOINT_TAIL.sub("", item.text) or item.text)
            if by is not None:
                item = _by_colleague(item, *by)
            items.append(item)
    return items


# what may come before a day that leads an agreement ("Op vrijdag", "Uiterlijk 15 januari")
_BEFORE_A_DAY = re.compile(
    r"(?:(?:op|on|uiterlijk|by|voor|before|vanaf|from|per|rond|around|na|after)\s+)?", re.I
)
# English writes a day's or a month's name with a capital wherever it stands
_ENGLISH_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december".split()
)
# who does it, named after the verb when a day leads a Dutch sentence ("Morgen belt Els hem")
_SUBJECTS = frozenset({*MANAGER_WORDS, *JOINT_WORDS, *EMPLOYEE_WORDS, "jij", "je", "u"})


def _date_to_the_end(line: str, today: date, employee: str) -> str:
    """An agreement that opens with its day, with the day put last and, in Dutch, the subject
    before its verb again, so that who does it leads as in any other agreement: a day that
    leads a Dutch sentence puts its verb before its subject ("Morgen belt Els hem").

    >>> [_date_to_the_end(t, date(2026, 12, 4), "Henk") for t in (
    ...  "Morgen belt Els hem over de cursus", "Volgende week, bel ik HR over budget",
    ...  "vrijdag stuurt henk de offerte", "Tomorrow Anna calls him",
    ...  "Vrijdag de offerte sturen", "Els belt hem morgen",
    ...  "Uiterlijk vrijdag stuurt Henk de offerte")]  # doctest: +NORMALIZE_WHITESPACE
    ['Els belt hem over de cursus morgen', 'ik bel HR over budget volgende week',
     'henk stuurt de offerte vrijdag', 'Anna calls him tomorrow',
     'Vrijdag de offerte sturen', 'Els belt hem morgen',
     'Henk stuurt de offerte uiterlijk vrijdag']
    """
    found = find_date(line, today)
    if found is None or not _BEFORE_A_DAY.fullmatch(line[: found[1][0]]):
        return line
    end = found[1][1]
    phrase, words = line[:end].strip(" ,"), line[end:].strip(" ,").split()
    if len(words) < 3:
        return line
    if phrase.split()[0].lower() not in _ENGLISH_NAMES:  # "Friday" keeps its capital
        phrase = phrase[:1].lower() + phrase[1:]
    if words[0][:1].islower() and (
        words[1].lower() in _SUBJECTS
        or _owner_of(words[1], employee) == "employee"
        or (words[1][:1].isupper() and words[1].isalpha())
    ):
        return " ".join([words[1], words[0], *words[2:], phrase])  # "belt Els" → "Els belt"
    if words[0].lower() in _SUBJECTS or words[0][:1].isupper():
        return " ".join([*words, phrase])  # "Tomorrow Anna calls him"
    return line  # "Vrijdag de offerte sturen": a task led by its day stays as typed


def passed_due(text: str, *, employee: str, today: date) -> tuple[str, date, date] | None:
    """A day typed in full that an agreement would be due on though it is behind us, with
    its phrase, that day and the next time its day and month come round (earliest first, as
    ``dates.ambiguous_date`` gives two days): a flow asks which is meant rather than keep an
    agreement that is overdue at once. A day behind us that is no agreement's due date is
    left alone ("het verslag van 20-11-2026").

    >>> passed_due("samen: de module bekijken op 2026-01-10", employee="Grace",
    ...            today=date(2026, 12, 4))
    ('2026-01-10', datetime.date(2026, 1, 10), datetime.date(2027, 1, 10))
    >>> passed_due("ik: het verslag van 20-11-2026 doorsturen voor vrijdag", employee="Grace",
    ...            today=date(2026, 12, 4)) is None
    True
    """
    dues = {a.due for a in parse_agreements(text, employee=employee, today=today)}
    return next((p for p in passed_dates(text, today) if p[1] in dues), None)


def _by_colleague(item: Agreement, name: str, lead: str, tail: str) -> Agreement:
    """An agreement a colleague does, with the task as shown beside their name: without
    the words that lead it ("Anna from HR") or close it ("(Joyce)")."""
    task = item.text
    if lead and task.lower().startswith(lead.lower() + " "):
        task = task[len(lead) :].strip()
    if tail and task.endswith(tail):
        task = task[: -len(tail)].strip()
    task = _MODAL.sub("", task, count=1) or task  # "Lisa will pair with him": "Pair with him"
    return replace(item, by=name, task=task[:1].upper() + task[1:])


def stored_colleague(text: str, employee: str) -> tuple[str, str] | None:
    """The colleague a stored agreement of the manager's is done by, and its task as shown
    beside their name: the store keeps the manager as its owner (it knows no other), and the
    colleague in its text ("Anna from HR sends him ...", "... meelopen (Joyce)").

    >>> stored_colleague("Anna from HR sends him the course list", "Marek")
    ('Anna (HR)', 'Sends him the course list')
    >>> stored_colleague("Fatima laten meelopen bij team Noord (Joyce)", "Fatima")
    ('Joyce', 'Fatima laten meelopen bij team Noord')
    >>> [stored_colleague(t, "Grace") for t in ("Budget navragen bij HR",
    ...  "Look at the wound care module", "Ask HR if the budget covers her course")]
    [None, None, None]
    """
    if (tail := _NAMED_AFTER.match(text)) and _someone_else(tail["name"], tail["task"], employee):
        return tail["name"], tail["task"]
    found = _colleague_subject(text, employee)
    # the store's text starts with a capital whoever leads it: "Look at the wound care
    # module" is a task, not "Look" of team "the"
    if found is None or re.search(r"\((?:the|de|het|a|an|een)\)$", found[0], re.I):
        return None
    task = _by_colleague(Agreement(text, "manager", None), found[0], found[1], "")
    return task.by, task.task


# a colleague named after the task, as "Joyce: ..." is stored: "... meelopen (Joyce)"
_NAMED_AFTER = re.compile(
    r"^(?P<task>.+?)\s+\((?P<name>[^\W\d_]+(?:\s+(?:van|from|of)\s+(?:de\s+|the\s+)?"
    r"[^\W\d_]{2,}|\s*\([^()]{2,30}\))?)\)$"
)


def shown_text(item: Agreement, employee: str) -> str:
    """An agreement's text as shown beside who does it (the employee's or a colleague's
    name, or the manager's word), without that name again.

    >>> [shown_text(a, "Henk") for a in parse_agreements(
    ...     "Els legt Henk parnassys uit; Henk: nadenken over mentorschap; Joyce: bel hem",
    ...     employee="Henk", today=date(2026, 12, 4))]
    ['Legt Henk parnassys uit', 'Nadenken over mentorschap', 'Bel hem']
    >>> [shown_text(a, "Jan") for a in parse_agreements(
    ...     "Jan gaat uitzoeken welke cursus; Jan gaat naar de open dag", employee="Jan",
    ...     today=date(2026, 12, 4))]
    ['Uitzoeken welke cursus', 'Gaat naar de open dag']
    """
    if item.by:
        return item.task or item.text
    if item.owner != "employee":
        return item.text
    shown = without_owner_name(item.text, employee)
    if shown != item.text and _GOING_TO.match(shown):
        # "Jan gaat uitzoeken ...": beside "Jan:", what he will do ("Uitzoeken ...")
        rest = _MODAL.sub("", shown, count=1)
        return rest[:1].upper() + rest[1:]
    return shown


# a modal before an infinitive ("gaat uitzoeken", "will pair"), not "gaat naar de open dag"
_GOING_TO = re.compile(r"^(?:(?:gaat|zal)\s+\w+en\b|(?:will|is going to)\s+\w)", re.I)


def _dated_parts(body: str, today: date) -> list[str]:
    """One agreement's text, or two tasks joined by "and" each with its own date ("arrange
    shadowing before xmas and ask Karen about the vacancy next tues").

    >>> _dated_parts("shadowing before xmas and ask Karen next tues", date(2026, 12, 3))
    ['shadowing before xmas', 'ask Karen next tues']
    >>> _dated_parts("cursus zoeken en inschrijven voor 15 januari", date(2026, 12, 3))
    ['cursus zoeken en inschrijven voor 15 januari']
    """
    parts = [p for p in _AND.split(body) if p.strip()]
    if len(parts) == 2 and all(len(p.split()) >= 2 and find_date(p, today) for p in parts):
        return parts
    return [body]


def _agreement(body: str, owner: str, employee: str, today: date) -> Agreement:
    """An agreement of an owner, its date read from the text (and taken out of it)."""
    # "every other Friday", "elke week": a rhythm, not a deadline; the text stays whole
    # ("4 uur per week vrij geroosterd, voor 15 januari": a deadline word still makes one)
    due = find_date(body, today)
    before = body[: due[1][0]] if due is not None else ""
    # "lead the huddle from 14 dec", "vanaf januari" (the month's words hold the "vanaf")
    starts = due is not None and bool(
        _FROM.search(before) or _FROM_AT.match(body[due[1][0] : due[1][1]])
    )
    # "over 3 weken kijken of ze 1 uur per week kan vrijroosteren": time given in a rhythm
    # does not make the date one ("2 uur per week, op dinsdag" does: the rhythm's day)
    rhythm = _RECURRING.search(body) and not (
        due is not None
        and rhythm_of(body) is None
        and not _BARE_WEEKDAY.match(body[due[1][0] : due[1][1]])
    )
    if due is not None and rhythm and not _DEADLINE_WORD.search(before):
        due = None
    if due is not None and starts and _ENABLES.search(before):
        # "rooster aanpassen zodat ze vanaf januari 4 uur per week meeloopt": what makes
        # something possible from a later day is due the working day before
        if (due[0] - today).days > ARRANGE_DAYS:
            due = (working_day_on_or_before(due[0] - timedelta(days=1)), due[1])
    # "pair her with the new nurses starting next month": the date says when they start,
    # so it stays in the text (and is still the day to have it done by); so does "lead
    # the huddle from 14 dec": the day it starts
    # "look at the module on 10 January": the day it is done on, said so ("on", not "by")
    on_at = _ON_DAY_AT.match(body[due[1][0] : due[1][1]]) if due is not None else None
    on_day = due is not None and bool(_ON_DAY.search(before) or on_at)
    # "uiterlijk op 15 januari", "no later than on Friday": a deadline word before "on"
    # makes it the day to have it done by
    if on_day and _BY_ON.search(before + (on_at.group(0) if on_at else "")):
        on_day = False
    if due is not None and not (_DESCRIBED.search(before) or starts):
        body = without_due_phrase(body, due[1]) or body
    body = _named_as_typed(body, employee)
    # "Marek en ik kijken over 4 weken terug" without its date: "terugkijken", not "kijken terug"
    body = _SPLIT_VERB.sub(lambda m: m[2].lower() + m[1].lower(), body)
    return Agreement(
        text=body[:1].upper() + body[1:],
        owner=owner,
        due=due[0] if due else None,
        on_day=on_day,
    )


# "on" or "op" right before a day ("op vrijdag 29 januari": with its weekday), or opening it
_ON_WORDS = (
    r"\b(?:on|op)\s+(?:(?:"
    + "|".join(sorted(WEEKDAYS, key=len, reverse=True))
    + r")\.?,?\s+)?(?:the\s+|de\s+)?"
)
_ON_DAY = re.compile(_ON_WORDS + "$", re.I)
_ON_DAY_AT = re.compile(_ON_WORDS, re.I)
# a deadline word before that "on": "uiterlijk op", "op zijn laatst op", "vóór of op"
_BY_WORDS = (
    r"(?:op\s+zijn\s+laatst|uiterlijk|(?:no|not)\s+later\s+than|at\s+the\s+latest|"
    r"v(?:oo|óó|ó)r\s+of|before\s+or|deadline|due|by|tegen)"
)
_BY_ON = re.compile(r"\b" + _BY_WORDS + r"\s*,?\s*" + _ON_WORDS + "$", re.I)


# a Dutch separable verb left split once the words between went with the date
_SPLIT_VERB = re.compile(r"^(\w+en)\s+(terug|na|door|af|op|mee|uit|aan|bij|rond|samen)$", re.I)
# a date that says when something else happens: "the nurses starting next month", "de
# collega's die in januari beginnen"
_DESCRIBED = re.compile(
    r"\b(?:starting|beginning|arriving|joining|who (?:start|begin|arrive|join)s?|"
    r"die(?:\s+(?:in|per|vanaf|op))?)\s*$",
    re.I,
)
# a date something starts on: "from 14 dec", "vanaf maandag", "as of January"
_FROM_WORDS = r"\b(?:from|vanaf|as of|starting(?: from| on)?|met ingang van)\s+(?:the\s+|de\s+)?"
_FROM = re.compile(_FROM_WORDS + "$", re.I)  # before the date parsed
_FROM_AT = re.compile(_FROM_WORDS, re.I)  # or opening it: "vanaf januari" is one date
ARRANGE_DAYS = 6  # something starting within a week is due on its first day
# what an agreement makes possible: "zodat ze vanaf januari ...", "so she can start in March"
_ENABLES = re.compile(r"\b(?:zodat|so that|so (?:she|he|they) can|om (?:haar|hem) )", re.I)
_RECURRING = re.compile(
    r"\b(?:every|each|elke|iedere|ieder)\s+(?:other\s+|second\s+|twee\w*\s+|andere\s+)?"
    r"(?:\w+day|\w+dag|week|weeks|weken|month|maand|maanden|morning|ochtend|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|ma|di|wo|do|vr|za|zo)\b|"
    r"\bom de (?:week|twee weken|maand|\w+ weken)\b|\b(?:weekly|monthly|wekelijks|maandelijks|"
    r"tweewekelijks|fortnightly|biweekly)\b|"
    # "2 uur per week", "one day a month": time given in a rhythm
    r"\bper\s+(?:dag|week|maand|day|month)\b|"
    r"\b(?:once|twice|\w+ times|hours?|uur|days?|dagen|dag|keer)\s+(?:a|in de)\s+"
    r"(?:week|month|maand)\b",
    re.I,
)
_BARE_WEEKDAY = re.compile(
    r"^\W*(?:(?:op|on|de|the)\s+)?(?:"
    + "|".join(sorted(WEEKDAYS, key=len, reverse=True))
    + r")s?\.?\W*$",
    re.I,
)
_DEADLINE_WORD = re.compile(
    r"\b(?:voor|vóór|uiterlijk|deadline|before|by|no later than|due|eerste keer|"
    r"first (?:time|session|one))\s*$",
    re.I,
)
# the words that tie a due date to an agreement ("voor", "uiterlijk", "by") go with it, and
# "eerste keer" / "first time": the first time is then due by that date
_DUE_LEAD = re.compile(
    r"(?:^|,\s*|\s+)(?:(?:de\s+)?eerste\s+keer|(?:the\s+)?first\s+(?:time|one|session)|"
    r"(?:starting|start)\s+)?\s*(?:(?:op zijn laatst|v(?:oo|óó|ó)r of|before or|uiterlijk|voor|"
    r"vóór|op|om|tegen|per|deadline|by|before|on|due|no later than|vanaf)\s+)*(?:in\s+)?"
    # "op vrijdag 29 januari": the weekday before the date belongs to it
    r"(?:(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?,?\s*)?$",
    re.I,
)


def due_key(text: str) -> str:
    """How an agreement's date is said: a look back happens on its day ("op", "on"), a task is
    done by it ("uiterlijk", "by").

    >>> due_key("Terugkijken"), due_key("Cursus zoeken"), due_key("Review")
    ('due_at', 'due_on', 'due_at')
    >>> due_key("Review the course options"), due_key("Vervolggesprek")
    ('due_on', 'due_at')
    >>> due_key("Lead the monday huddle from 14 dec"), due_key("Vanaf maandag de planning doen")
    ('due_at', 'due_at')
    >>> due_key("Takes ownership of the pipeline starting next monday")
    'due_at'
    """
    started = _FROM_DATE.search(text)
    return "due_at" if _LOOK_BACK.match(text.strip()) or started else "due_on"


# the date an agreement starts on, kept in its text ("... from 14 dec")
_FROM_DATE = re.compile(
    _FROM_WORDS
    + r"(?:(?:next|this|coming|volgende|komende|aanstaande|deze)\s+)?(?:\d|"
    + "|".join(sorted([*WEEKDAYS, *MONTHS], key=len, reverse=True))
    + ")",
    re.I,
)


def without_due_phrase(text: str, span: tuple[int, int]) -> str:
    """An agreement without the date phrase that was parsed from it.

    >>> without_due_phrase("cursus zoeken, uiterlijk vrijdag", (25, 32))
    'cursus zoeken'
    >>> without_due_phrase("ask about budget by 15 December please", (20, 31))
    'ask about budget please'
    >>> without_due_phrase("check in on friday", (12, 18))
    'check in'
    >>> without_due_phrase("bellen in maart", (10, 15))
    'bellen'
    """
    head = _DUE_LEAD.sub("", text[: span[0]])
    tail = text[span[1] :].strip(" ,.;")
    return " ".join(part for part in (head.strip(" ,"), tail) if part).strip()
