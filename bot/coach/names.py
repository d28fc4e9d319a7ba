"""Employees by name: cleaning what was typed, near misses, and asking which one is meant."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from bot.coach.kit import Kit, Turn
from bot.coach.types import Choice, Reply

NAME_RE = re.compile(r"^[\w][\w .'’-]{0,59}$")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class NewEmployee:
    """A name the manager used that is not stored yet: it is added once something is saved.

    So "/prep Piet" followed by /cancel leaves no Piet behind in /privacy.
    """

    name: str
    id: None = None
    skills: list[str] = field(default_factory=list)
    ambitions: list[str] = field(default_factory=list)


CHOICE_BYTES = 60  # a choice's value travels as Telegram callback data (64 bytes at most)


def command_for(command: str, name: str) -> str:
    """``/command name`` as a choice's value, or ``/command`` alone (which asks who) when the
    name would not fit: a name cut short would be another employee.

    >>> command_for("prep", "Anna")
    '/prep Anna'
    >>> command_for("prep", "Zoë " * 20)
    '/prep'
    """
    bare = f"/{command.lstrip('/')}"
    return whole_or(f"{bare} {name.strip()}", bare)


def whole_or(value: str, short: str) -> str:
    """``value`` as a choice's value when it fits, else ``short`` (never ``value`` cut)."""
    return value if len(value.encode()) <= CHOICE_BYTES else short


def name_problem(kit: Kit, lang: str, name: str, command: str) -> str | None:
    """Why a typed name cannot be an employee's name, or None when it can."""
    if not name or not NAME_RE.match(name):
        return kit.t(lang, "bad_name", command=command)
    if not _LETTER.search(name):  # "12345" or "--" is a slip, not a person
        return kit.t(lang, "not_a_name", name=name, command=command)
    return None


async def ensure_employee(kit: Kit, turn: Turn, flow: dict[str, Any]) -> int:
    """The id of the flow's employee, adding a new one now that something is saved."""
    if flow.get("employee_id") is not None:
        return int(flow["employee_id"])
    emp = await kit.run(kit.store.add_employee, manager_id=turn.manager.id, name=flow["employee"])
    flow["employee_id"] = emp.id
    flow["employee"] = emp.name
    flow["added"] = True
    return int(emp.id)


def clean_name(raw: str) -> str:
    """A typed name without quotes and punctuation around it, capitalised."""
    name = " ".join(raw.replace("\n", " ").split()).strip(" \"'“”‘’:,.;!?")
    return name[:1].upper() + name[1:] if name else ""


# how alike a typed name must be to a known one: the whole name, or first name to first name
CLOSE_FULL = 0.6
CLOSE_FIRST = 0.7
# the small words inside Dutch and other surnames ("van den Berg", "El Amrani", "bin Said")
PARTICLES = {
    "van", "de", "den", "der", "het", "ter", "ten", "te", "op", "in", "'t", "von", "zu", "du",
    "da", "di", "del", "della", "dos", "das", "do", "le", "la", "el", "al", "bin", "ibn", "ben",
}  # fmt: skip


def closest(name: str, names: list[str]) -> list[str]:
    """Up to three known names the typed one probably means, best first.

    Full names are compared, and first names with first names, so "Ana" finds "Anna" and
    "Fatima-Zahra van den Berg" finds "Fatima-Zahra".
    """
    low = " ".join(name.lower().split())
    if not low:
        return []
    first = low.split()[0]

    def ratio(a: str, b: str) -> float:
        return difflib.SequenceMatcher(None, a, b).ratio()

    scored: list[tuple[float, str]] = []
    for known in names:
        k = " ".join(known.lower().split())
        k_first = k.split()[0]
        if k_first == low or k.startswith(low + " ") or k == first:
            score = 1.0  # "Anna" for "Anna de Vries", or the other way round
        else:
            full = ratio(low, k)
            firsts = max(ratio(first, k_first), ratio(first, k))
            score = max(
                full if full >= CLOSE_FULL else 0.0, firsts if firsts >= CLOSE_FIRST else 0.0
            )
        if score:
            scored.append((score, known))
    scored.sort(key=lambda item: -item[0])
    return list(dict.fromkeys(known for _, known in scored))[:3]


def split_name(arg: str, known: list[str]) -> tuple[str, str]:
    """("Anna de Vries", "text") from "Anna de Vries text": the longest known name first.

    A quoted name is taken whole (/note "Fatima van Dijk" text); an unknown name is the first
    word, and the caller says which name it used.
    """
    quoted = re.match(
        r"^[\"“”'‘’](?P<name>[^\"“”'‘’]{1,60})[\"“”'‘’]\s*[:,]?\s*(?P<rest>.*)$", arg, re.S
    )
    if quoted:
        return quoted.group("name").strip(), quoted.group("rest").strip()
    low = arg.lower()
    for name in sorted(known, key=len, reverse=True):
        n = name.lower()
        if low == n or (low.startswith(n) and len(arg) > len(n) and arg[len(n)] in " :,\n"):
            return arg[: len(name)], arg[len(name) :].lstrip(" :,\n")
    head, _, rest = arg.partition(" ")
    return head.rstrip(":,"), rest.strip()


def longer_name(first: str, rest: str) -> str | None:
    """The full name a note's text seems to start with ("van den Berg ..."), else None.

    >>> longer_name("Fatima", "van den Berg-Oosterhuis wil meer presenteren")
    'Fatima van den Berg-Oosterhuis'
    >>> longer_name("Piet", "wil meer presenteren") is None
    True
    """
    taken: list[str] = []
    for word in rest.split()[:5]:
        if word.lower() in PARTICLES:
            taken.append(word)
        elif taken and word[:1].isupper():
            taken.append(word)
            break
        else:
            break
    if not taken or not taken[-1][:1].isupper():
        return None
    return " ".join([first, *taken])


def slug(name: str) -> str:
    """A name as a file-name part."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "medewerker"


async def resolve(
    kit: Kit, turn: Turn, raw: str, *, command: str, create: bool, rest: str = ""
) -> Any:
    """The employee a command names, or replies that ask which one is meant.

    Without a name, the replies ask for one. With ``create``, a name nobody resembles gives a
    ``NewEmployee``: the caller adds it to the store only when it saves something about them.
    """
    if not raw:
        return await needs_name(kit, turn, command)
    name = clean_name(raw)
    lang = turn.lang
    problem = name_problem(kit, lang, name, command)
    if problem:
        return [Reply(problem)]
    found = await kit.run(kit.store.find_employee, manager_id=turn.manager.id, name=name)
    if found is not None:
        return found
    employees = await kit.run(kit.store.list_employees, manager_id=turn.manager.id)
    close = closest(name, [e.name for e in employees])
    if create and not close:
        return NewEmployee(name)
    if create:
        flow = {
            "name": "pick",
            "lang": lang,
            "command": command,
            "rest": rest,
            "typed": name,
            "options": close,
        }
        await kit.save_flow(turn, flow)
        return [pick_question(kit, turn, flow)]
    if close:
        return [
            Reply(
                kit.t(lang, "unknown_employee_close", name=name, options=", ".join(close)),
                choices=[Choice(c, command_for(command, c)) for c in close],
            )
        ]
    known = ", ".join(e.name for e in employees) or kit.t(lang, "nobody_yet")
    return [Reply(kit.t(lang, "unknown_employee", name=name, known=known))]


def pick_question(kit: Kit, turn: Turn, flow: dict[str, Any]) -> Reply:
    """Ask whether a typed name is a known employee or a new one."""
    lang = turn.lang
    choices = [Choice(c, c[:60]) for c in flow["options"]]
    # "+" alone stands for the typed name when that does not fit
    new = whole_or(f"+{flow['typed']}", "+")
    choices.append(Choice(kit.t(lang, "pick_new", name=flow["typed"]), new))
    choices.append(Choice(kit.t(lang, "cancel_label"), "/cancel"))
    return Reply(
        kit.t(lang, "pick_which", name=flow["typed"], options=", ".join(flow["options"])),
        choices=choices,
        flow="pick",
    )


# a command that asked "who?" takes the next message as the name when it looks like one
AWAITING_NAME = "awaiting_name"
_MAX_NAME_WORDS = 4


async def needs_name(kit: Kit, turn: Turn, command: str) -> list[Reply]:
    """A command typed without a name: ask for one, offering the known employees.

    The answer to "Met wie heb je een gesprek?" is usually just the name; the session keeps
    which command asked, for the next message only (see ``awaited_command``).
    """
    turn.session[AWAITING_NAME] = command
    employees = await kit.run(kit.store.list_employees, manager_id=turn.manager.id)
    return [
        Reply(
            kit.t(turn.lang, f"{command}_who"),
            choices=[Choice(e.name, command_for(command, e.name)) for e in employees[:8]],
        )
    ]


def awaited_command(turn: Turn, text: str) -> str | None:
    """The command that asked for a name, if ``text`` answers it; the question is forgotten
    either way, so only the message right after it counts as the name.

    >>> from types import SimpleNamespace
    >>> turn = SimpleNamespace(session={AWAITING_NAME: "prep"})
    >>> awaited_command(turn, "Sanne de Vries")
    'prep'
    >>> awaited_command(SimpleNamespace(session={AWAITING_NAME: "prep"}), "hoe begin ik?")
    """
    command = turn.session.pop(AWAITING_NAME, None)
    words = text.split()
    if (
        command is None
        or not words
        or len(words) > _MAX_NAME_WORDS
        or "?" in text
        or text.startswith("/")
    ):
        return None
    return str(command)
