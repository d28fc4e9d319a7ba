"""How the coach names what it read from a manager's answers: a situation, a fact, a skill,
a budget. The confirm step, the card and the export say them the same way."""

from __future__ import annotations

from typing import Any

from bot.coach.confirm import Item
from bot.coach.skills import KINDS as SKILL_KINDS

SHARED = " team"  # the mark a shared budget's detail ends with


def item_label(kit: Any, lang: str, item: Item) -> str:
    """An item of the confirm step as the manager reads it: "kan: plannen", "Er is budget
    (€750)", "Tijd om te leren: 4 uur per week"."""
    if item.kind in SKILL_KINDS:
        return f"{kit.t(lang, f'skill_kind_{item.kind}')}: {item.detail}"
    if item.kind == "fact":
        return fact_label(kit, lang, item.key, item.detail)
    situation = kit.bank(lang).situations.get(item.key)
    name = situation.label if situation is not None else item.key
    if item.key == "budget_available" and item.detail:
        return f"{name} ({budget_label(kit, lang, item.detail)})"
    return f"{name} ({item.detail})" if item.detail else name


def fact_label(kit: Any, lang: str, key: str, value: object, *, inline: bool = False) -> str:
    """A fact as the card says it ("Time to learn: 1 hour a week", not "1 hours"); ``inline``
    in a list after a colon of its own ("Om mee te werken: 4 uur per week om te leren")."""
    singular = str(value) == "1" and key == "learn_hours"
    form = "inline" if inline else "label"
    return kit.t(lang, f"{key}_one_{form}" if singular else f"{key}_{form}", value=value)


def budget_label(kit: Any, lang: str, detail: str) -> str:
    """A budget as the card says it: "€750", or "€1500 voor het hele team"."""
    if detail.endswith(SHARED):
        return kit.t(lang, "budget_shared", amount=money(detail.removesuffix(SHARED)))
    return money(detail)


def money(detail: str) -> str:
    """An amount read with its currency ("£500"); one kept without (before pounds were read)
    is in euros.

    >>> money("£500"), money("750")
    ('£500', '€750')
    """
    return detail if detail[:1] in "€£$" else f"€{detail}"
