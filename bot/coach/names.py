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


def closest(name: str, names: list[str]) -> list[str]:
    """Up to three known names the typed one probably means ("Ana" -> "Anna")."""
    low = name.lower()
    by_low = {n.lower(): n for n in names}
    close = difflib.get_close_matches(low, list(by_low), n=3, cutoff=0.6)
    firsts = [n for n in names if n.lower().split()[0] == low or n.lower().startswith(low + " ")]
    return list(dict.fromkeys([*firsts, *(by_low[c] for c in close)]))[:3]


def split_name(arg: str, known: list[str]) -> tuple[str, str]:
    """("Anna de Vries", "text") from "Anna de Vries text", preferring known names."""
    low = arg.lower()
    for name in sorted(known, key=len, reverse=True):
        n = name.lower()
        if low == n or (low.startswith(n) and len(arg) > len(n) and arg[len(n)] in " :,"):
            return arg[: len(name)], arg[len(name) :].lstrip(" :,")
    head, _, rest = arg.partition(" ")
    return head.rstrip(":,"), rest.strip()


def slug(name: str) -> str:
    """A name as a file-name part."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "medewerker"


async def resolve(
    kit: Kit, turn: Turn, raw: str, *, command: str, create: bool, rest: str = ""
) -> Any:
    """The employee a command names, or replies that ask which one is meant.

    With ``create``, a name nobody resembles gives a ``NewEmployee``: the caller adds it to the
    store only when it saves something about that person.
    """
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
                choices=[Choice(c, f"/{command} {c}"[:60]) for c in close],
            )
        ]
    known = ", ".join(e.name for e in employees) or kit.t(lang, "nobody_yet")
    return [Reply(kit.t(lang, "unknown_employee", name=name, known=known))]


def pick_question(kit: Kit, turn: Turn, flow: dict[str, Any]) -> Reply:
    """Ask whether a typed name is a known employee or a new one."""
    lang = turn.lang
    choices = [Choice(c, c[:60]) for c in flow["options"]]
    choices.append(Choice(kit.t(lang, "pick_new", name=flow["typed"]), f"+{flow['typed']}"[:60]))
    choices.append(Choice(kit.t(lang, "cancel_label"), "/cancel"))
    return Reply(
        kit.t(lang, "pick_which", name=flow["typed"], options=", ".join(flow["options"])),
        choices=choices,
        flow="pick",
    )


async def needs_name(kit: Kit, turn: Turn, command: str) -> list[Reply]:
    """A command typed without a name: ask for one, offering the known employees."""
    employees = await kit.run(kit.store.list_employees, manager_id=turn.manager.id)
    return [
        Reply(
            kit.t(turn.lang, f"{command}_who"),
            choices=[Choice(e.name, f"/{command} {e.name}"[:60]) for e in employees[:8]],
        )
    ]
