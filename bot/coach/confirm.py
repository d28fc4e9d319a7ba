"""The confirm step: what the engine read from the answers, checked by the manager before use.

Each item has a kind ("signal", "fact", or a kind of skill: "seen", "wanted", "needed") and a
key, and is on or off. Situations and facts are said in one sentence ("Ik hoor: ..."), skills
as a list per kind under it. The manager switches an item with one tap (a button in Telegram,
a number in the terminal), adds a situation from a list, and goes on. The state is a plain
dict inside the flow, so it lives in the database with the rest of the flow and a restart
resumes at the same step.

The numbers the manager sees keep their meaning for the whole step: the items read come
first, then "+ Add" and the go-on button, and an item the manager adds comes after those (an
item added above them would move "+ Add" to the number that now switches the new item).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

from bot.coach.signals import OPPOSITES
from bot.coach.types import Choice

OK = "#ok"
ADD = "#add"
BACK = "#back"
_TOGGLE = "#"  # "#kind:key" switches an item
ON_MARK, OFF_MARK = "✓", "✗"


@dataclass
class Item:
    """One thing read from the answers that the manager can switch on or off."""

    kind: str
    key: str
    on: bool = True
    detail: str = ""  # a number it carries, for its label ("750" euros, "24" people)

    @property
    def value(self) -> str:
        """The choice value that switches this item."""
        return f"{_TOGGLE}{self.kind}:{self.key}"[:60]


def start(items: list[Item], **extra: Any) -> dict[str, Any]:
    """A fresh confirm state for a flow.

    ``situations=False`` leaves out the sentence about situations (a flow that reads only
    skills); ``ok`` and ``hint`` name other texts for the go-on button and the hint.
    """
    # ``shown``: how many items are listed above the fixed buttons; those added come below
    return {"items": [asdict(i) for i in items], "adding": False, "shown": len(items), **extra}


def items_of(state: dict[str, Any]) -> list[Item]:
    """The items of a confirm state."""
    return [Item(**raw) for raw in state.get("items", [])]


def on_items(state: dict[str, Any], kind: str) -> list[Item]:
    """The items of one kind the manager kept on."""
    return [i for i in items_of(state) if i.kind == kind and i.on]


def off_keys(state: dict[str, Any], kind: str) -> list[str]:
    """Keys of one kind the manager switched off."""
    return [i.key for i in items_of(state) if i.kind == kind and not i.on]


class ConfirmStep:
    """Shows a confirm state as text and choices, and applies the manager's answer to it.

    ``label`` names an item in a language; ``addable`` lists the items that may be added (in
    a state that reads situations: one of a flow that reads only skills adds none);
    items of the ``listed`` kinds are shown as lists (``confirm_list_<kind>``), not in the
    sentence.
    """

    def __init__(
        self,
        label: Callable[[Item], str],
        addable: Callable[[list[Item]], list[Item]],
        texts: Callable[..., str],
        listed: tuple[str, ...] = (),
        go_on: frozenset[str] = frozenset(),
        names: Callable[[Item], Iterable[str]] | None = None,
    ) -> None:
        self.label = label
        # what an item may be called when typed: its label in every language ("personal
        # circumstances" typed while the chat is in Dutch)
        self.names = names or (lambda item: (label(item),))
        self.addable = addable
        self.texts = texts
        self.listed = listed
        # the go-on buttons' labels in every language, lower-cased: "Right, make the card"
        # typed while the chat is in Dutch still goes on
        self.go_on = frozenset(_plain(g) for g in go_on)

    def _addable(self, state: dict[str, Any], items: list[Item]) -> list[Item]:
        return self.addable(items) if state.get("situations", True) else []

    def heard_nothing(self, state: dict[str, Any]) -> bool:
        """Whether the step asks "would you like to add one?": no situation is on."""
        return state.get("situations", True) and not any(
            i.on and i.kind not in self.listed for i in items_of(state)
        )

    def show(self, state: dict[str, Any]) -> tuple[str, list[Choice]]:
        """The message and choices for the state."""
        items = items_of(state)
        if state.get("adding"):
            extra = self._addable(state, items)
            choices = [Choice(self.label(i), i.value) for i in extra]
            choices.append(Choice(self.texts("confirm_back"), BACK))
            return self.texts("confirm_add_which"), choices
        kept = [_lower_first(self.label(i)) for i in items if i.on and i.kind not in self.listed]
        lines = []
        if state.get("situations", True):
            lines.append(
                self.texts("confirm_heard", heard=", ".join(kept))
                if kept
                else self.texts("confirm_heard_nothing")
            )
        lists = [
            self.texts(f"confirm_list_{kind}", items=", ".join(i.detail for i in on))
            for kind in self.listed
            if (on := [i for i in items if i.kind == kind and i.on])
        ]
        if lists:
            lines += [self.texts("confirm_lists"), *lists]
        lines.append(self.texts(state.get("hint", "confirm_hint")))
        toggles = [
            Choice(f"{ON_MARK if i.on else OFF_MARK} {self.label(i)}", i.value) for i in items
        ]
        # a state saved before ``shown`` was kept lists every item above the buttons
        shown = state.get("shown", len(items))
        choices = toggles[:shown]
        # "+ Add" stays while situations are read, also with none left to add (its list still
        # says how to type a skill): the go-on button below it keeps its number
        if state.get("situations", True):
            choices.append(Choice(self.texts("confirm_add"), ADD))
        choices.append(Choice(self.ok_label(state), OK))
        return "\n".join(lines), choices + toggles[shown:]

    def ok_label(self, state: dict[str, Any]) -> str:
        """The label of the button that goes on ("Klopt, maak de kaart", "Klopt, sla op")."""
        return self.texts(state.get("ok", "confirm_ok"))

    def apply(self, state: dict[str, Any], text: str, yes: set[str]) -> bool | None:
        """Apply an answer: True when the manager goes on, False when the state changed.

        None when the answer is not understood (the step is shown again).
        """
        answer = text.strip()
        low = answer.lower().rstrip(".!")
        # a button's label typed out (or pasted) counts as the tap, its commas or not: "klopt
        # maak de kaart", "right save it"
        plain = _plain(answer)
        said = {_plain(y) for y in yes} | self.go_on | {_plain(self.ok_label(state))}
        if answer == OK or plain in said:
            state["adding"] = False
            return True
        if answer == ADD or low.lstrip("+ ") == self.texts("confirm_add").lower().lstrip("+ "):
            state["adding"] = True
            return False
        if answer == BACK or low == self.texts("confirm_back").lower():
            state["adding"] = False
            return False
        items = items_of(state)
        # a situation to add named without opening "+ Add" first is added as well
        pool = items + self._addable(state, items)
        typed = _plain(low.lstrip(f"{ON_MARK}{OFF_MARK} "))
        picked = next(
            (
                i
                for i in pool
                if answer == i.value
                or any(typed in {_plain(n), _plain(n.split(" (")[0])} for n in self.names(i))
            ),
            None,
        )
        if picked is None:
            return None
        known = next((i for i in items if (i.kind, i.key) == (picked.kind, picked.key)), None)
        if known is None:
            picked.on = True
            items.append(picked)
        else:
            known.on = not known.on or bool(state.get("adding"))
        now_on = picked if known is None else known
        if now_on.on and now_on.kind == "signal":
            # "Er is budget" added where "Geen budget" was read: the correction replaces it
            for other in items:
                if other.kind == "signal" and other.key == OPPOSITES.get(now_on.key):
                    other.on = False
        state["items"] = [asdict(i) for i in items]
        state["adding"] = False
        return False


def _plain(text: str) -> str:
    """Typed words as compared with a button: lower case, without commas or stops.

    >>> _plain("Right, save it!"), _plain("klopt  maak de kaart")
    ('right save it', 'klopt maak de kaart')
    """
    return " ".join(_PUNCTUATION.sub(" ", text.lower()).split())


_PUNCTUATION = re.compile(r"[,;:.!?]")


def _lower_first(text: str) -> str:
    # "Geen budget" reads "geen budget" inside a sentence; "ERP" stays as it is
    return text[:1].lower() + text[1:] if text[1:2].islower() else text
