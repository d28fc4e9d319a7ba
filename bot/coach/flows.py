"""Scripted flows (prepare, reflect): one question at a time, from the flow scripts in prompts/.

A flow's progress is a plain dict (persisted by the service through ``Store.save_state``), so a
restart in the middle of a flow resumes at the same question.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from bot.coach.dates import find_date, parse_date, time_of_day
from bot.coach.text import asks_example, shorten
from bot.coach.types import Choice
from prompts import Prompt

# fmt: off
SKIP_WORDS = {
    "-", "–", "overslaan", "sla over", "skip", "pass", "volgende", "next", "n.v.t.", "nvt",
    "n/a",
}
# fmt: on
MAX_ANSWER_CHARS = 1500


@dataclass(frozen=True)
class Step:
    """One question of a flow script."""

    id: str
    kind: str  # "text" | "date" | "agreements"
    question: str
    hint: str
    choices: tuple[tuple[str, str], ...]
    invalid: str
    past: str
    month: str = ""  # a month named where a day is asked ("eind januari")
    explain: str = ""  # what the question means, when the manager asks ("wat bedoel je?")


@dataclass
class StepResult:
    """What happened to one answer."""

    ok: bool
    problem: str | None = None  # a message to show before asking again


# a message that asks the coach something back instead of answering: "?", "wat bedoel je met
# richting?", "hmm what would you suggest here?", "kun je een voorbeeld geven?"; one sentence
# that ends in its question mark (an answer that guesses, "maybe wants to be shift lead?", or
# goes on, "What should I say? She's doing great", is an answer)
_ASKS_THE_COACH = re.compile(
    r"(?:(?:hmm+|uhm*|eh+|euh+|ok(?:ay|e)?|sorry|nou|well|so|dus)\b[\s,.!]*)*(?:"
    r"wat (?:bedoel je|wordt (?:hier )?bedoeld|moet ik hier|vul ik hier|stel je voor|zou jij"
    r"|raad je)|hoe bedoel je|(?:heb|kun|kan) je (?:een |me een )?voorbeeld|"
    r"what do you mean|what does (?:\w+ ){1,3}mean|what(?:'s| is) meant|"
    r"what should i (?:put|write|say|answer)|what (?:would|do) you (?:suggest|recommend|mean)|"
    r"any suggestions|such as what)\b",
    re.I,
)
_SENTENCE_BREAK = re.compile(r"[.!?:;]\s+\S")


def asks_the_coach(text: str) -> bool:
    """Whether an answer in a flow is a question to the coach rather than an answer.

    >>> [asks_the_coach(t) for t in ("?", "??", "wat bedoel je met richting?", "hmm what would "
    ...     "you suggest here?", "maybe wants to be shift lead?", "wat ze wil weet ik niet",
    ...     "zoals wat ze nu doet", "What should I say? She's doing great", "?" * 500 + "a")]
    [True, True, True, True, False, False, False, False, False]
    """
    said = text.strip()
    if said and not said.strip("?!. "):  # "?", "??", "?!"
        return "?" in said
    if not said.endswith("?") or len(said.split()) > 12 or _SENTENCE_BREAK.search(said):
        return False
    # "zoals wat?", "can you give me an example?": an example asked for, as after an answer
    return asks_example(said) or bool(_ASKS_THE_COACH.match(said))


class FlowScript:
    """The steps of one flow in one language, read from ``prompts/<lang>/flow_<name>.md``."""

    def __init__(self, prompt: Prompt) -> None:
        self.prompt = prompt
        self.name = prompt.name.removeprefix("flow_")
        self.steps = [
            Step(
                id=str(raw["id"]),
                kind=str(raw.get("kind", "text")),
                question=str(raw["question"]),
                hint=str(raw.get("hint", "")),
                choices=tuple(_choice(c) for c in raw.get("choices", [])),
                invalid=str(raw.get("invalid", "")),
                past=str(raw.get("past", "")),
                month=str(raw.get("month", "")),
                explain=str(raw.get("explain", "")),
            )
            for raw in prompt.meta["steps"]
        ]

    def __len__(self) -> int:
        return len(self.steps)

    def intro(self, **values: Any) -> str:
        """The line that opens the flow."""
        return self.prompt.text("intro", count=len(self.steps), **values)

    def ask(self, index: int, skip_label: str, **values: Any) -> tuple[str, list[Choice]]:
        """The question at ``index`` with its progress marker and quick choices."""
        step = self.steps[index]
        text = f"({index + 1}/{len(self.steps)}) " + step.question.format(**values)
        if step.hint:
            text += "\n" + step.hint.format(**values)
        choices = [
            Choice(label=label.format(**values), value=value.format(**values))
            for label, value in step.choices
        ]
        choices.append(Choice(label=skip_label, value="-"))
        return text, choices

    def answer(
        self,
        flow: dict[str, Any],
        text: str,
        today: date,
        say: Callable[[date], str] = date.isoformat,
    ) -> StepResult:
        """Record an answer to the current step in ``flow``; advance on success. ``say`` names
        a day in the flow's language ("14 december") where a problem message names one."""
        step = self.steps[flow["step"]]
        value: str | None = text.strip()
        if value is not None and value.lower().rstrip(".!") in SKIP_WORDS:
            value = None
        elif step.kind == "date":
            parsed = parse_date(text, today)
            if parsed is None:
                roughly = find_date(text, today)  # "eind januari": a month, no day yet
                if roughly is not None and step.month:
                    return StepResult(False, step.month.format(example=say(roughly[0])))
                return StepResult(False, step.invalid.format(**date_examples(today, say)))
            if parsed < today:
                return StepResult(False, step.past.format(date=say(parsed)))
            value = parsed.isoformat()
            # "donderdag om 10u": the time goes on the card beside the day
            said = time_of_day(text)
            if said:
                flow["time"] = said
            else:
                flow.pop("time", None)
        elif value is not None:
            value = (
                shorten(value, MAX_ANSWER_CHARS) if "\n" not in value else value[:MAX_ANSWER_CHARS]
            )
        flow.setdefault("answers", {})[step.id] = value
        flow["step"] += 1
        return StepResult(True)

    def done(self, flow: dict[str, Any]) -> bool:
        """Whether every step has been answered or skipped."""
        return int(flow["step"]) >= len(self.steps)


def date_examples(today: date, say: Callable[[date], str]) -> dict[str, str]:
    """A day to give as an example of a date, in words and as ISO: ten days ahead, so that it
    is never one already behind us.

    >>> date_examples(date(2026, 12, 4), date.isoformat)
    {'example': '2026-12-14', 'example_iso': '2026-12-14'}
    """
    day = today + timedelta(days=10)
    return {"example": say(day), "example_iso": day.isoformat()}


def _choice(raw: Any) -> tuple[str, str]:
    if isinstance(raw, dict):
        return str(raw["label"]), str(raw.get("value", raw["label"]))
    return str(raw), str(raw)
