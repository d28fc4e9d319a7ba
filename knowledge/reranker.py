"""Which section does a manager's question ask for? A classifier learned from the corpus asks.

Every shipped section lists the managers' questions it answers (its asks): thousands of
labelled examples, written for the corpus and not for any benchmark. Nearest-ask matching
uses only the closest few; a multinomial logistic regression over all asks learns what tells
sections apart, so a question worded unlike any single ask still lands on its section. It
reads two things of a question:

- its e5 vector, for the directions of the embedding space that separate sections ("follow
  up on agreements" against "look back on the past period");
- the hashed terms of its text (stemmed words without stopwords, word pairs, character 3-5
  grams of the words, in the question's language), so the telling word that the vector
  blurs ("stilte", "pensioen", "koelcel", "afspraken opvolgen") carries weight of its own,
  and a compound still shares grams with its parts. They cost no extra embedding.

The nl and en versions of a section are one class: e5 is multilingual, so each language's
asks teach the other through the vector, and each language's words count for the class.

The model is trained by ``python -m knowledge.precompute`` from the shipped ask vectors and
texts and shipped as ``corpus/reranker.npz`` with the embedder's model id and a digest of
each class's asks. A class whose asks changed since (or a corpus document HR replaced) is
not used, and another embedder uses none of it. The ranking adds a share of
``log p(section | question)`` (``knowledge.sections.SectionIndex.CLASSIFIER_WEIGHT``); that
weight, the weight of the hashed terms and the training settings were chosen by 5-fold
cross-validation on the tuning questions of ``bench/answers.py`` (``bench/rerank.py``).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from knowledge.index import Analyzer

if TYPE_CHECKING:
    from knowledge.sections import Section

log = logging.getLogger(__name__)

RERANKER = Path(__file__).parent / "corpus" / "reranker.npz"
# training: vectors are scaled so that a few steps separate the compressed e5 cosines; the
# L2 penalty keeps the model from memorising single asks
SCALE = 10.0
L2 = 1e-3
STEPS = 300
LEARNING_RATE = 0.05
# the hashed terms next to the vector: buckets (the asks have a few thousand distinct terms
# and grams, so collisions are rare enough) and the weight of that block against the vector
HASH_DIM = 2048
HASH_SCALE = 5.0
_ANALYZED = {"nl", "en"}  # a question in another language is read with English stemming


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


@cache
def _analyzer(lang: str) -> Analyzer:
    return Analyzer(lang if lang in _ANALYZED else "en")


def _bucket(feature: str, dim: int) -> int:
    digest = hashlib.blake2b(feature.encode(), digest_size=4).digest()
    return int.from_bytes(digest, "little") % dim


def hashed_terms(text: str, lang: str, dim: int = HASH_DIM) -> np.ndarray:
    """L2-normalised hashed counts of a text's terms, term pairs and their character grams.

    Terms are the BM25 index's (accents folded, stopwords dropped, Snowball-stemmed in
    ``lang``), so "afspraken opvolgen" and "afspraak opvolgt" share their features.
    """
    return hashed_tokens(_analyzer(lang)(text), dim)


def hashed_tokens(tokens: Sequence[str], dim: int) -> np.ndarray:
    """L2-normalised hashed counts of tokens, token pairs and their character 3-5-grams
    (typos and compounds still share features; the signal model reads answers with it too)."""
    features = [f"w:{t}" for t in tokens]
    features += [f"b:{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]
    for token in tokens:
        padded = f"<{token}>"
        for n in (3, 4, 5):
            features += [f"c:{padded[i : i + n]}" for i in range(max(1, len(padded) - n + 1))]
    vector = np.zeros(dim, dtype=np.float32)
    for feature in features:
        vector[_bucket(feature, dim)] += 1.0
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def features(
    vector: np.ndarray, text: str | None, lang: str, hash_dim: int, hash_scale: float
) -> np.ndarray:
    """One feature row: the scaled vector, then the weighted hashed terms (zero without text)."""
    terms: np.ndarray = np.zeros(hash_dim, dtype=np.float32)
    if hash_dim and text:
        terms = hashed_terms(text, lang, hash_dim) * hash_scale
    return np.concatenate([vector.astype(np.float32) * SCALE, terms])


@dataclass(frozen=True)
class AskClassifier:
    """Softmax weights over section classes for one embedder's question vectors and words."""

    model_id: str
    classes: tuple[str, ...]
    digests: tuple[str, ...]  # asks_digest of each class when the model was trained
    weights: np.ndarray  # (dim + hash_dim + 1, classes): the last row is the bias
    hash_dim: int = 0  # 0: the vector only
    hash_scale: float = 0.0

    def log_probs(self, qvec: np.ndarray, text: str | None = None, lang: str = "en") -> np.ndarray:
        """log p(class | question) for every class; without ``text`` only the vector speaks."""
        row = features(qvec, text, lang, self.hash_dim, self.hash_scale)
        logits = self.weights[:-1].T @ row + self.weights[-1]
        logits = logits - logits.max()
        return logits - np.log(np.exp(logits).sum())

    def positions(self, digests: Mapping[str, str]) -> dict[str, int]:
        """class -> column, for the classes whose asks are still those it was trained on."""
        return {
            name: i
            for i, (name, trained) in enumerate(zip(self.classes, self.digests, strict=True))
            if digests.get(name) == trained
        }

    def columns(self, sections: Sequence[Section]) -> np.ndarray:
        """Per section, its column (-1: an upload, no asks, or asks changed since training)."""
        asks: dict[str, dict[str, tuple[str, ...]]] = {}
        for s in sections:
            if s.asks and not s.uploaded:
                asks.setdefault(class_name(s.doc_id, s.section_no), {})[s.language] = s.asks
        known = self.positions({name: asks_digest(a) for name, a in asks.items()})
        columns = np.full(len(sections), -1, dtype=np.int64)
        for i, s in enumerate(sections):
            if s.asks and not s.uploaded:
                columns[i] = known.get(class_name(s.doc_id, s.section_no), -1)
        return columns

    def save(self, path: Path) -> None:
        """Write the model (npz, no pickles) next to the shipped embeddings."""
        tmp = path.with_suffix(".tmp.npz")
        np.savez_compressed(
            tmp,
            model_id=np.array(self.model_id),
            classes=np.array(self.classes),
            digests=np.array(self.digests),
            weights=self.weights.astype(np.float32),
            hash_dim=np.array(self.hash_dim),
            hash_scale=np.array(self.hash_scale),
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
                    hash_dim=int(data["hash_dim"]) if "hash_dim" in data else 0,
                    hash_scale=float(data["hash_scale"]) if "hash_scale" in data else 0.0,
                )
        except (OSError, KeyError, ValueError) as exc:
            log.warning("ignoring unreadable reranker %s: %s", path, exc)
            return None


def train(rows: np.ndarray, labels: np.ndarray, n_classes: int, *, l2: float = L2) -> np.ndarray:
    """Weights of a multinomial logistic regression (full-batch Adam, deterministic).

    ``rows`` are feature rows (``features``), ``labels`` their class numbers; returns a
    (features + 1, n_classes) matrix whose last row is the bias. float32: the hashed block
    makes the rows wide, and the ranking needs no more precision.
    """
    n, dim = rows.shape
    x = np.hstack([rows.astype(np.float32), np.ones((n, 1), np.float32)])
    target = np.zeros((n, n_classes), np.float32)
    target[np.arange(n), labels] = 1.0
    weights = np.zeros((dim + 1, n_classes), np.float32)
    first = np.zeros_like(weights)
    second = np.zeros_like(weights)
    penalty = np.ones((dim + 1, 1), np.float32)
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
    hash_dim: int = HASH_DIM,
    hash_scale: float = HASH_SCALE,
) -> AskClassifier:
    """Train on every class's asks (class -> language -> asks; ``vectors``: ask -> vector)."""
    if not hash_scale:
        hash_dim = 0
    classes = sorted(asks)
    rows: list[np.ndarray] = []
    labels: list[int] = []
    for number, name in enumerate(classes):
        for lang in sorted(asks[name]):
            for ask in asks[name][lang]:
                rows.append(features(vectors[ask], ask, lang, hash_dim, hash_scale))
                labels.append(number)
    weights = train(np.stack(rows), np.array(labels), len(classes), l2=l2)
    return AskClassifier(
        model_id=model_id,
        classes=tuple(classes),
        digests=tuple(asks_digest(asks[name]) for name in classes),
        weights=weights,
        hash_dim=hash_dim,
        hash_scale=hash_scale,
    )
