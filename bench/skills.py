"""Skills reading benchmark: the passport items read from a manager's answer, against labels.

    .venv/bin/python bench/skills.py [--errors]

The labelled answers live in ``bench/data/skills_labelled.jsonl``: per line the language, the
/prep step the answer is for (strengths, ambitions, direction), the text as a manager types
it, and the items a careful reader would store (what the person can, wants, or the team
needs). They were written by a writer who never saw the reading rules, with hard cases among
them: weaknesses and fears, refusals, private life, the past or someone else, what goes away,
tenure, intensifiers ("door en door").

The split is the one of ``bench/signals.py``, fixed before any tuning: an answer is held out
when the first eight hex digits of the SHA-256 of its lower-cased, stripped text leave a
remainder below 3 modulo 10. ``--errors`` lists misread answers of the tuning part only.

An item read matches a label when their normalised keys (``storage.passport.skill_key``:
case, accents and Dutch/English word endings folded) are equal, one's words hold the other's,
or they share at least half of their words; each label is matched at most once. Printed per
part, step and language: precision (items read that match a label), recall (labels read),
and the share of answers without any label that get no item. The baseline, measured in the
same run, cuts the answer at commas, semicolons, full stops and "en"/"and" and keeps every
piece of one to five words (what a plain splitter stores).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.signals import held_out  # noqa: E402
from bot.coach.skills import ANSWER_KINDS, phrases_of  # noqa: E402
from storage.passport import skill_key  # noqa: E402

DATA = ROOT / "bench" / "data" / "skills_labelled.jsonl"
STEPS = ("strengths", "ambitions", "direction")
KIND = ANSWER_KINDS["prep"]  # the /prep step an answer is for -> the kind of item it gives
_PIECES = re.compile(r"[,;.!?\n]+|\s(?:en|and)\s", re.I)


@dataclass(frozen=True)
class Labelled:
    """One answer and the items it should give."""

    id: str
    lang: str
    step: str
    text: str
    expected: tuple[str, ...]

    @property
    def held_out(self) -> bool:
        return held_out(self.text)


def load(path: Path = DATA) -> list[Labelled]:
    """Every labelled answer."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [Labelled(r["id"], r["lang"], r["step"], r["text"], tuple(r["expected"])) for r in rows]


def baseline(text: str) -> list[str]:
    """Every piece of one to five words between commas, full stops and "en"/"and"."""
    pieces = [" ".join(p.split()) for p in _PIECES.split(text)]
    return [p for p in pieces if 1 <= len(p.split()) <= 5]


def same(read: str, label: str) -> bool:
    """Whether an item read is the labelled item (see the module docstring)."""
    a, b = skill_key(read).split(), skill_key(label).split()
    if not a or not b:
        return False
    sa, sb = set(a), set(b)
    return sa == sb or sa <= sb or sb <= sa or len(sa & sb) >= max(len(sa), len(sb)) / 2


def matched(read: Sequence[str], labels: Sequence[str]) -> int:
    """How many items read match a label, each label at most once."""
    free = list(labels)
    hits = 0
    for item in read:
        for label in free:
            if same(item, label):
                free.remove(label)
                hits += 1
                break
    return hits


@dataclass
class Tally:
    """Counts for precision, recall and the empty answers."""

    read: int = 0
    labels: int = 0
    hits: int = 0
    empty: int = 0
    empty_right: int = 0

    def add(self, read: Sequence[str], labels: Sequence[str]) -> None:
        hits = matched(read, labels)
        self.read += len(read)
        self.labels += len(labels)
        self.hits += hits
        if not labels:
            self.empty += 1
            self.empty_right += not read

    def row(self) -> str:
        precision = self.hits / self.read if self.read else 1.0
        recall = self.hits / self.labels if self.labels else 1.0
        empty = f"{self.empty_right / self.empty:.2f}" if self.empty else "–"
        return f"{precision:.2f} | {recall:.2f} | {empty}"


def ours(item: Labelled) -> list[str]:
    """What the bot reads from the answer, as /prep reads it for that step."""
    return phrases_of(KIND[item.step], item.text)


def score(items: list[Labelled], reader: Callable[[Labelled], list[str]]) -> dict[str, Tally]:
    """Tallies per step and language, and over all."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for item in items:
        read = reader(item)
        for key in ("all", item.step, item.lang):
            tallies[key].add(read, item.expected)
    return tallies


def main(argv: list[str] | None = None) -> int:
    """Print the table for the tuning and the held-out part."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="misread tuning answers")
    args = parser.parse_args(argv)
    items = load()
    parts = {
        "tuning": [i for i in items if not i.held_out],
        "held out": [i for i in items if i.held_out],
    }
    print(f"{len(items)} answers, {len(parts['held out'])} held out")
    print("| part | group | n | precision | recall | no item where none | baseline P | R | none |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, part in parts.items():
        read = score(part, ours)
        plain = score(part, lambda i: baseline(i.text))
        for key in ("all", *STEPS, "nl", "en"):
            n = sum(1 for i in part if key in ("all", i.step, i.lang))
            print(f"| {name} | {key} | {n} | {read[key].row()} | {plain[key].row()} |")
    if args.errors:
        print("\nmisread tuning answers (read / labelled):")
        for item in parts["tuning"]:
            got = ours(item)
            if matched(got, item.expected) != len(got) or len(got) != len(item.expected):
                print(f"- [{item.id}] {item.text}\n    read {got}  labelled {list(item.expected)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
