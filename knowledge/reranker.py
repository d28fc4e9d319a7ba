"""Which section does a manager's question ask for? A classifier learned from the corpus asks.

Every shipped section lists the managers' questions it answers (its asks): thousands of
labelled examples, written for the corpus and not for any benchmark. Nearest-ask matching
uses only the closest few; a multinomial logistic regression over all ask vectors learns
which directions of the embedding space tell sections apart ("follow up on agreements"
against "look back on the past period"), so a question worded unlike any single ask still
lands on its section. The nl and en versions of a section are one class: e5 is
multilingual, so each language's asks teach the other.

The model is trained by ``python -m knowledge.precompute`` from the shipped ask vectors and
shipped as ``corpus/reranker.npz`` with the embedder's model id and a digest of each class's
asks. A class whose asks changed since (or a corpus document HR replaced) is not used, and
another embedder uses none of it. The ranking adds a share of ``log p(section | question)``
(``knowledge.sections.SectionIndex.CLASSIFIER_WEIGHT``); that weight and the training
settings were chosen by 5-fold cross-validation on the tuning questions of
``bench/answers.py`` (``bench/rerank.py``).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

RERANKER = Path(__file__).parent / "corpus" / "reranker.npz"
# training: vectors are scaled so that a few steps separate the compressed e5 cosines; the
# L2 penalty keeps the model from memorising single asks
SCALE = 10.0
L2 = 1e-3
STEPS = 300
LEARNING_RATE = 0.05


def class_name(doc_id: str, section_no: int) -> str:
    """The class of a section: the same for its nl and en versions."""
    return f"{doc_id}#{section_no}"


def asks_digest(asks_by_language: Mapping[str, Sequence[str]]) -> str:
    """A digest of one class's asks in every language (a changed ask retires the class)."""
    digest = hashlib.sha256()
    for lang in sorted(asks_by_language):
        digest.update(f"{lang}\0".encode())
        for ask in asks_by_language[lang]:
            digest.update(f"{ask}\0".encode())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class AskClassifier:
    """Softmax weights over section classes for one embedder's question vectors."""

    model_id: str
    classes: tuple[str, ...]
    digests: tuple[str, ...]  # asks_digest of each class when the model was trained
    weights: np.ndarray  # (dim + 1, classes): the last row is the bias

    def log_probs(self, qvec: np.ndarray) -> np.ndarray:
        """log p(class | question) for every class."""
        logits = self.weights[:-1].T @ (qvec * SCALE) + self.weights[-1]
        logits = logits - logits.max()
        return logits - np.log(np.exp(logits).sum())

    def positions(self, digests: Mapping[str, str]) -> dict[str, int]:
        """class -> column, for the classes whose asks are still those it was trained on."""
        return {
            name: i
            for i, (name, trained) in enumerate(zip(self.classes, self.digests, strict=True))
            if digests.get(name) == trained
        }

    def save(self, path: Path) -> None:
        """Write the model (npz, no pickles) next to the shipped embeddings."""
        tmp = path.with_suffix(".tmp.npz")
        np.savez_compressed(
            tmp,
            model_id=np.array(self.model_id),
            classes=np.array(self.classes),
            digests=np.array(self.digests),
            weights=self.weights.astype(np.float32),
        )
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path = RERANKER, *, model_id: str) -> AskClassifier | None:
        """The shipped model, or None when absent, unreadable or made for another embedder."""
        if not path.exists():
            return None
        try:
            with np.load(path, allow_pickle=False) as data:
                if str(data["model_id"]) != model_id:
                    return None
                return cls(
                    model_id=model_id,
                    classes=tuple(str(c) for c in data["classes"]),
                    digests=tuple(str(d) for d in data["digests"]),
                    weights=data["weights"].astype(np.float32),
                )
        except (OSError, KeyError, ValueError) as exc:
            log.warning("ignoring unreadable reranker %s: %s", path, exc)
            return None


def train(
    vectors: np.ndarray, labels: np.ndarray, n_classes: int, *, l2: float = L2
) -> np.ndarray:
    """Weights of a multinomial logistic regression (full-batch Adam, deterministic).

    ``vectors`` are normalised question vectors, ``labels`` their class numbers; returns a
    (dim + 1, n_classes) matrix whose last row is the bias.
    """
    n, dim = vectors.shape
    x = np.hstack([vectors.astype(np.float64) * SCALE, np.ones((n, 1))])
    target = np.zeros((n, n_classes))
    target[np.arange(n), labels] = 1.0
    weights = np.zeros((dim + 1, n_classes))
    first = np.zeros_like(weights)
    second = np.zeros_like(weights)
    penalty = np.ones((dim + 1, 1))
    penalty[-1] = 0.0  # the bias is not shrunk
    for step in range(1, STEPS + 1):
        logits = x @ weights
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        grad = x.T @ (probs - target) / n + l2 * penalty * weights
        first = 0.9 * first + 0.1 * grad
        second = 0.999 * second + 0.001 * grad * grad
        step_size = LEARNING_RATE * np.sqrt(1 - 0.999**step) / (1 - 0.9**step)
        weights -= step_size * first / (np.sqrt(second) + 1e-8)
    return weights


def fit(
    asks: Mapping[str, Mapping[str, Sequence[str]]],
    vectors: Mapping[str, np.ndarray],
    model_id: str,
    *,
    l2: float = L2,
) -> AskClassifier:
    """Train on every class's asks (class -> language -> asks; ``vectors``: ask -> vector)."""
    classes = sorted(asks)
    rows: list[np.ndarray] = []
    labels: list[int] = []
    for number, name in enumerate(classes):
        for lang in sorted(asks[name]):
            for ask in asks[name][lang]:
                rows.append(vectors[ask])
                labels.append(number)
    weights = train(np.stack(rows), np.array(labels), len(classes), l2=l2)
    return AskClassifier(
        model_id=model_id,
        classes=tuple(classes),
        digests=tuple(asks_digest(asks[name]) for name in classes),
        weights=weights.astype(np.float32),
    )
