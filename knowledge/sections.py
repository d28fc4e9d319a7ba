"""Parent-section retrieval: small passages find the answer, whole sections give it.

A section is everything under one heading of one language version of a document. The shipped
corpus writes every section as a standalone answer and lists the managers' questions it
answers (``<!-- asks: ... -->``); those questions are matched against the user's question
too. An uploaded document has no such questions: its sections are found by their passages,
and the paragraph to quote is picked by how well its sentences match the question (sentence
vectors are computed when the document is added).
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from knowledge.index import LexicalIndex
from knowledge.reranker import AskClassifier
from knowledge.types import Chunk

SectionKey = tuple[str, str, int]  # (doc_id, language, section_no)
# a full stop that ends an abbreviation ends no sentence: "Sanders et al. (2013)", "bijv. een"
NOT_AN_END = (
    r"(?<!\bet al\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bbijv\.)(?<!\bo\.a\.)(?<!\bd\.w\.z\.)"
    r"(?<!\bca\.)(?<!\bvs\.)(?<!\bnr\.)"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])" + NOT_AN_END + r"\s+(?=[\"'“(A-ZÀ-Ý0-9])")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
MAX_SENTENCES = 400  # per section: an enormous section is not scanned sentence by sentence
MAX_OVERLAP = 600  # characters: the chunk overlap (120) with room for a long sentence


@dataclass(frozen=True)
class Section:
    """The whole text under one heading, in one language, at the document's current version."""

    doc_id: str
    version: int
    title: str
    language: str
    heading: str | None
    section_no: int
    text: str
    page: int | None
    asks: tuple[str, ...] = ()
    uploaded: bool = False

    @property
    def key(self) -> SectionKey:
        """Identifies the section within the current corpus."""
        return (self.doc_id, self.language, self.section_no)


@dataclass(frozen=True)
class Evidence:
    """Per section, what ranks it for one question (arrays in section order)."""

    ask: np.ndarray  # the closest ask's cosine (0: the section has no asks)
    asks: np.ndarray  # the mean cosine of its three closest asks
    passage: np.ndarray  # the closest passage's cosine
    lexical: np.ndarray  # BM25 over heading, asks and text, relative to the best section
    heading: np.ndarray  # the share of the heading's terms the question uses
    classes: np.ndarray | None  # log p(section | question) of the classifier, if any
    eligible: np.ndarray  # whether the section competes in the question's language


@dataclass(frozen=True)
class SectionHit:
    """A section with how well it answers a question."""

    section: Section
    score: float  # the ranking score (see SectionIndex.rank)
    ask: float  # best cosine between the question and the section's asks (0 without asks)
    passage: float  # best cosine between the question and the section's passages


def join_passages(texts: Sequence[str]) -> str:
    """The text of consecutive chunks with their overlaps removed.

    >>> join_passages(["Een twee drie. Vier vijf.", "Vier vijf. Zes zeven."])
    'Een twee drie. Vier vijf. Zes zeven.'
    """
    if not texts:
        return ""
    # a chunk overlaps only the end of the one before it (at most the splitter's overlap and
    # a sentence): only that tail is searched, so joining stays linear in the text
    parts = [texts[0]]
    for nxt in texts[1:]:
        prev = parts[-1]
        start = max(0, len(prev) - MAX_OVERLAP)
        probe = nxt[:8]
        pos = prev.find(probe, start) if probe else -1
        while pos != -1 and not nxt.startswith(prev[pos:]):
            pos = prev.find(probe, pos + 1)
        if pos != -1:
            parts[-1] = prev[:pos]
            parts.append(nxt)
        else:
            parts.append("\n" + nxt)
    return "".join(parts)


def sentences(text: str) -> list[str]:
    """Sentences and list items of a section, in reading order (at most MAX_SENTENCES)."""
    found: list[str] = []
    for line in text.splitlines():
        line = _BULLET.sub("", line).strip()
        if not line:
            continue
        found.extend(s.strip() for s in _SENTENCE_END.split(line) if s.strip())
        if len(found) >= MAX_SENTENCES:
            break
    return found[:MAX_SENTENCES]


def advises(sentence: str) -> bool:
    """Whether a sentence is advice: no lead-in ending in ":" and no question, unless the
    question is what the advice says to ask ("vraag er dan open naar: wat zoekt ze elders?").
    """
    end = sentence.rstrip()
    return not end.endswith(":") and (not end.endswith("?") or ": " in end)


def advice_sentences(text: str) -> list[str]:
    """The sentences of advice text that an answer may quote on their own (``advises``)."""
    return [s for s in sentences(text) if advises(s)]


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a section: a run of list items stays together with the line before it."""
    out: list[str] = []
    for line in (ln.strip() for ln in text.splitlines()):
        if not line:
            continue
        if out and _BULLET.match(line):
            out[-1] = f"{out[-1]}\n{line}"
        else:
            out.append(line)
    return out


def heading_weights(
    headings: Sequence[tuple[int, Sequence[str]]],
) -> list[tuple[int, dict[str, float]]]:
    """Per heading, its terms weighted by how rare they are among the headings (a smoothed
    inverse document frequency), so "ontwikkelgesprek", in many headings, says little about
    which one is meant and "vertrouwen" much."""
    count: dict[str, int] = {}
    for _, terms in headings:
        for term in set(terms):
            count[term] = count.get(term, 0) + 1
    n = len(headings)
    return [
        (i, {t: math.log((n + 1) / (count[t] + 0.5)) for t in set(terms)}) for i, terms in headings
    ]


def build_sections(
    chunks: Iterable[Chunk],
    *,
    asks: Mapping[SectionKey, tuple[str, ...]],
    uploaded: set[str],
) -> list[Section]:
    """Group current chunks into sections, in document order."""
    grouped: dict[SectionKey, list[Chunk]] = {}
    for chunk in sorted(chunks, key=lambda c: (c.doc_id, c.language, c.ord)):
        grouped.setdefault((chunk.doc_id, chunk.language, chunk.section_no), []).append(chunk)
    sections = []
    for key, parts in grouped.items():
        first = parts[0]
        sections.append(
            Section(
                doc_id=first.doc_id,
                version=first.version,
                title=first.title,
                language=first.language,
                heading=first.section,
                section_no=first.section_no,
                text=join_passages([c.text for c in parts]),
                page=first.page,
                asks=asks.get(key, ()),
                uploaded=first.doc_id in uploaded,
            )
        )
    return sections


def _grid(ask_sections: np.ndarray, sections: int) -> np.ndarray:
    """Per section, a row of the places of its asks in ``ask_sections``, padded with -1 to
    the longest row: a section's best asks are then found for all sections at once."""
    width = int(np.bincount(ask_sections, minlength=sections).max()) if len(ask_sections) else 0
    grid = np.full((sections, width), -1, dtype=np.int64)
    filled = np.zeros(sections, dtype=np.int64)
    for place, section in enumerate(ask_sections.tolist()):
        grid[section, filled[section]] = place
        filled[section] += 1
    return grid


class SectionIndex:
    """Sections of the current corpus with the vectors that rank them for a question.

    ``passage_vectors`` holds one row per chunk (the vectors the dense index holds);
    ``ask_vectors`` one row per ask. Both are normalised, so a dot product is a cosine.
    ``classifier`` (knowledge.reranker) adds how likely each shipped section is to be the
    one asked for, learned from all the asks together.
    """

    # Weights of the ranking score, chosen on the tuning questions of bench/answers.py by their
    # expected sections (the grid point whose neighbours score best, not the single best). An
    # ask is a manager's question, as is the user's, so close asks are strong evidence;
    # passages decide where a section has no asks; BM25 over heading, asks and text catches
    # the telling word ("boos", "weigert") that embeddings blur.
    ASK_WEIGHT = 0.4  # the closest ask
    ASKS_WEIGHT = 0.3  # the mean of the three closest asks: one lucky phrasing is not enough
    LEXICAL_WEIGHT = 0.12
    # times the share of a heading's words the question uses ("afspraken opvolgen"), each word
    # weighted by its rarity among the headings: a heading names what the section is about,
    # where BM25 over the whole text weighs every mention alike
    HEADING_WEIGHT = 0.06
    # how much of the hybrid search's lift a section with asks keeps (those rank on their asks)
    ASKED_LIFT_SHARE = 0.5
    # times log p(section | question) of the classifier (cosines are ~0.8-0.9, a log-probability
    # runs from about -12 to 0); chosen by 5-fold cross-validation in bench/rerank.py
    CLASSIFIER_WEIGHT = 0.03

    def __init__(
        self,
        sections: Sequence[Section],
        *,
        chunk_sections: Sequence[int],
        passage_vectors: np.ndarray,
        ask_sections: Sequence[int],
        ask_vectors: np.ndarray,
        classifier: AskClassifier | None = None,
    ) -> None:
        self.sections = list(sections)
        self.by_key = {s.key: i for i, s in enumerate(self.sections)}
        self._chunk_sections = np.asarray(chunk_sections, dtype=np.int64)
        self._passages = passage_vectors
        self._ask_sections = np.asarray(ask_sections, dtype=np.int64)
        self._asks = ask_vectors
        self._ask_grid = _grid(self._ask_sections, len(self.sections))
        self.languages: dict[str, set[str]] = {}
        for s in self.sections:
            self.languages.setdefault(s.doc_id, set()).add(s.language)
        self._lexical: dict[str, LexicalIndex] = {}
        self._headings: dict[str, list[tuple[int, dict[str, float]]]] = {}
        self._lexical_lock = threading.Lock()
        self._classifier: AskClassifier | None = None
        self._classes = np.full(len(self.sections), -1, dtype=np.int64)
        self.use_classifier(classifier)

    def use_classifier(self, classifier: AskClassifier | None) -> None:
        """Rank with this classifier from now on."""
        self._classes = (
            np.full(len(self.sections), -1, dtype=np.int64)
            if classifier is None
            else classifier.columns(self.sections)
        )
        self._classifier = classifier

    def _lexical_index(self, lang: str) -> LexicalIndex:
        """BM25 over the sections of one language, built on first use (opening stays cheap)."""
        with self._lexical_lock:
            index = self._lexical.get(lang)
            if index is None:
                ids = [str(i) for i, s in enumerate(self.sections) if s.language == lang]
                index = LexicalIndex(lang)
                index.build(ids, [self._lexical_text(self.sections[int(i)]) for i in ids])
                self._lexical[lang] = index
                self._headings[lang] = heading_weights(
                    [(int(i), index.analyze(self.sections[int(i)].heading or "")) for i in ids]
                )
            return index

    def _heading_overlap(self, lang: str, terms: set[str]) -> np.ndarray:
        """Per section, the weighted share of its heading's index terms that occur in
        ``terms``."""
        overlap = np.zeros(len(self.sections), dtype=np.float32)
        for i, weights in self._headings.get(lang, ()):
            total = sum(weights.values())
            if total > 0:
                overlap[i] = sum(w for t, w in weights.items() if t in terms) / total
        return overlap

    @staticmethod
    def _lexical_text(section: Section) -> str:
        return "\n".join([section.heading or "", *section.asks, section.text])

    @classmethod
    def build(
        cls,
        chunks: Sequence[Chunk],
        *,
        asks: Mapping[SectionKey, tuple[str, ...]],
        uploaded: set[str],
        passage_vectors: Callable[[Sequence[Chunk]], np.ndarray],
        question_vectors: Callable[[Sequence[str]], np.ndarray],
        classifier: AskClassifier | None = None,
    ) -> SectionIndex:
        """Build the index; the vector functions are expected to be cached (no new embedding)."""
        sections = build_sections(chunks, asks=asks, uploaded=uploaded)
        position = {s.key: i for i, s in enumerate(sections)}
        ordered = sorted(chunks, key=lambda c: (c.doc_id, c.language, c.ord))
        chunk_sections = [position[(c.doc_id, c.language, c.section_no)] for c in ordered]
        passages = passage_vectors(ordered) if ordered else np.zeros((0, 0), np.float32)
        ask_sections: list[int] = []
        ask_texts: list[str] = []
        for i, section in enumerate(sections):
            for ask in section.asks:
                ask_sections.append(i)
                ask_texts.append(ask)
        ask_vectors = question_vectors(ask_texts) if ask_texts else np.zeros((0, 0), np.float32)
        return cls(
            sections,
            chunk_sections=chunk_sections,
            passage_vectors=passages,
            ask_sections=ask_sections,
            ask_vectors=ask_vectors,
            classifier=classifier,
        )

    def evidence(self, qvec: np.ndarray, query: str, lang: str) -> Evidence:
        """What the ranking weighs, per section, for one question (``scores`` combines it)."""
        n = len(self.sections)
        passage = np.full(n, -1.0, dtype=np.float32)
        if self._passages.size:
            np.maximum.at(passage, self._chunk_sections, self._passages @ qvec)
        ask = np.zeros(n, dtype=np.float32)
        asks = np.zeros(n, dtype=np.float32)
        if self._asks.size:
            similarity = self._asks @ qvec
            np.maximum.at(ask, self._ask_sections, similarity)
            asks = self._top_mean(similarity, 3)
        lexical = np.zeros(n, dtype=np.float32)
        index = self._lexical_index(lang)
        heading = np.zeros(n, dtype=np.float32)
        if index.chunk_ids:
            tokens = index.analyze(query)
            found = index.search(tokens, n)
            top = found[0][1] if found else 0.0
            for pos, value in found:
                lexical[int(index.chunk_ids[pos])] = value / top
            heading = self._heading_overlap(lang, set(tokens))
        classes = self.class_log_probs(qvec, query, lang) if self._classifier is not None else None
        eligible = np.array(
            [
                s.language == lang or lang not in self.languages.get(s.doc_id, set())
                for s in self.sections
            ],
            dtype=bool,
        )
        return Evidence(ask, asks, passage, lexical, heading, classes, eligible)

    def combine(
        self, evidence: Evidence, lift: Mapping[SectionKey, float] | None = None
    ) -> np.ndarray:
        """The ranking score of every section from its evidence (-inf: not eligible)."""
        ask = evidence.ask
        by_asks = self.ASK_WEIGHT * ask + self.ASKS_WEIGHT * evidence.asks
        rest = 1 - self.ASK_WEIGHT - self.ASKS_WEIGHT
        score = np.where(ask > 0, by_asks + rest * evidence.passage, evidence.passage)
        score = score + self.LEXICAL_WEIGHT * evidence.lexical
        score = score + self.HEADING_WEIGHT * evidence.heading
        if evidence.classes is not None:
            score = score + self.CLASSIFIER_WEIGHT * evidence.classes
        for key, extra in (lift or {}).items():
            i = self.by_key.get(key)
            if i is not None:
                score[i] += extra * (self.ASKED_LIFT_SHARE if ask[i] > 0 else 1.0)
        return np.where(evidence.eligible, score, -np.inf)

    def scores(
        self,
        qvec: np.ndarray,
        query: str,
        lang: str,
        lift: Mapping[SectionKey, float] | None = None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(score, best ask cosine, best passage cosine) of every section for one question.

        Sections of a document that has a ``lang`` version count only in ``lang``; a document
        without one (an HR upload in the other language) competes with its own sections.
        """
        evidence = self.evidence(qvec, query, lang)
        return self.combine(evidence, lift), evidence.ask, evidence.passage

    def class_log_probs(
        self, qvec: np.ndarray, query: str | None = None, lang: str = "en"
    ) -> np.ndarray:
        """Per section, log p(section | question) from its vector and words; a section outside
        the classifier (an upload, a changed section) gets the uniform value: no evidence
        either way."""
        assert self._classifier is not None
        log_probs = self._classifier.log_probs(qvec, query, lang)
        uniform = -np.log(len(log_probs))
        return np.where(self._classes >= 0, log_probs[self._classes], uniform)

    def _top_mean(self, similarity: np.ndarray, k: int) -> np.ndarray:
        """Per section, the mean of its ``k`` highest ask similarities (fewer: all it has)."""
        grid = self._ask_grid
        k = min(k, grid.shape[1])
        if k == 0:
            return np.zeros(len(self.sections), dtype=np.float32)
        padded = np.where(grid >= 0, similarity[grid], -np.inf)
        top = np.partition(padded, -k, axis=1)[:, -k:]
        real = np.isfinite(top)
        total = np.where(real, top, 0.0).sum(axis=1, dtype=np.float32)
        count = real.sum(axis=1).astype(np.float32)
        return np.divide(total, count, out=np.zeros_like(total), where=count > 0)

    def top(self, scored: tuple[np.ndarray, np.ndarray, np.ndarray], k: int) -> list[SectionHit]:
        """The ``k`` best sections of a scoring, best first."""
        score, ask, passage = scored
        order = np.argsort(-score)[:k]
        return [
            SectionHit(
                section=self.sections[i],
                score=float(score[i]),
                ask=float(ask[i]),
                passage=float(passage[i]),
            )
            for i in order
            if np.isfinite(score[i])
        ]

    def top_uploaded(
        self, scored: tuple[np.ndarray, np.ndarray, np.ndarray], k: int
    ) -> list[SectionHit]:
        """The ``k`` best sections of uploaded documents, wherever they rank among the rest."""
        if not any(s.uploaded for s in self.sections):
            return []
        score, ask, passage = scored
        mask = np.array([s.uploaded for s in self.sections], dtype=bool)
        return self.top((np.where(mask, score, -np.inf), ask, passage), k)

    def get(self, key: SectionKey) -> Section | None:
        """The section with this key, if it is current."""
        i = self.by_key.get(key)
        return None if i is None else self.sections[i]
