"""The two indexes: dense vectors in Chroma, and BM25 (bm25s + PyStemmer) per language."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
import shutil
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ParamSpec, TypeVar
from urllib.parse import urlparse

import numpy as np

from knowledge.types import Chunk

log = logging.getLogger(__name__)

CHROMA_BATCH = 1000
P = ParamSpec("P")
R = TypeVar("R")


class VectorStoreError(RuntimeError):
    """The vector store is unreachable or broken; the message is user-facing."""


def _translated(method: Callable[P, R]) -> Callable[P, R]:
    """Turn chromadb's many exception types into VectorStoreError with a clear message."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except VectorStoreError:
            raise
        except Exception as exc:  # noqa: BLE001 - server gone, disk full, corrupt segment...
            log.debug("vector store call %s failed", method.__name__, exc_info=True)
            raise VectorStoreError(
                f"The vector store failed ({type(exc).__name__}: {exc}). If it persists, run "
                "`skillscoach kb rebuild`."
            ) from exc

    return wrapper


def collection_name(model_id: str) -> str:
    """One collection per embedding model: vectors of two models never mix."""
    slug = re.sub(r"[^a-zA-Z0-9._-]+", "-", model_id).strip("-._")
    return f"skillscoach-{slug}"[:200]


class DenseIndex:
    """Chroma collection (cosine space) fed with precomputed vectors only."""

    def __init__(self, *, data_dir: Path, chroma_url: str | None, model_id: str) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        self._path = data_dir / "chroma"
        self._chroma_url = chroma_url
        self._retired: object | None = None
        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        try:
            if chroma_url:
                url = urlparse(chroma_url)
                self._client = chromadb.HttpClient(
                    host=url.hostname or "localhost",
                    port=url.port or (443 if url.scheme == "https" else 8000),
                    ssl=url.scheme == "https",
                    settings=chroma_settings,
                )
            else:
                self._path.mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(
                    path=str(self._path), settings=chroma_settings
                )
        except Exception as exc:  # noqa: BLE001 - chromadb raises many types when unreachable
            where = chroma_url or str(self._path)
            raise VectorStoreError(f"The vector store at {where} cannot be opened: {exc}") from exc
        self.name = collection_name(model_id)
        self.model_id = model_id
        self._collection = self._open()

    @_translated
    def reload(self) -> None:
        """See what another process wrote: reopen the embedded store from disk.

        An embedded Chroma keeps its vector index in memory, per process: vectors that `kb add`
        wrote in another process stay invisible to the bot (and asking for them by id fails)
        until the store is opened anew. chromadb shares one instance per path within a
        process, so the fresh one is opened under a path alias no live instance uses.
        """
        if self._chroma_url:
            return  # a server sees every client's writes
        import chromadb
        from chromadb.api.shared_system_client import SharedSystemClient
        from chromadb.config import Settings as ChromaSettings

        live = SharedSystemClient._identifier_to_system
        alias = str(self._path)
        while alias in live:
            alias += "/."
        fresh = chromadb.PersistentClient(
            path=alias, settings=ChromaSettings(anonymized_telemetry=False)
        )
        # The previous client may still serve a search in another thread: it is closed at the
        # next reload, not now.
        retired, self._retired = self._retired, self._client
        self._client = fresh
        self._collection = self._open()
        close = getattr(retired, "close", None)
        if close is not None:
            try:
                close()
            except Exception:  # noqa: BLE001 - releasing an old instance must not fail a search
                log.debug("closing a retired vector store client failed", exc_info=True)

    def _open(self):  # noqa: ANN202 - chromadb's Collection type is not worth importing here
        # embedding_function=None: Chroma's default function downloads a model (fails offline),
        # and a collection bound to a named function cannot be reopened in a fresh process.
        return self._client.get_or_create_collection(
            self.name,
            embedding_function=None,
            configuration={"hnsw": {"space": "cosine"}},
            metadata={"model_id": self.model_id},
        )

    @_translated
    def count(self) -> int:
        """Number of vectors stored."""
        return int(self._collection.count())

    @_translated
    def ids(self) -> set[str]:
        """Ids of all stored vectors."""
        found: set[str] = set()
        offset = 0
        while True:
            batch = self._collection.get(include=[], limit=5000, offset=offset)["ids"]
            found.update(batch)
            if len(batch) < 5000:
                return found
            offset += len(batch)

    @_translated
    def add(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        """Upsert chunks with their vectors (idempotent: ids are version-specific)."""
        for start in range(0, len(chunks), CHROMA_BATCH):
            part = chunks[start : start + CHROMA_BATCH]
            self._collection.upsert(
                ids=[c.chunk_id for c in part],
                embeddings=np.asarray(vectors[start : start + len(part)], dtype=np.float32),
                documents=[c.text for c in part],
                metadatas=[
                    {
                        "doc_id": c.doc_id,
                        "version": c.version,
                        "doc_key": f"{c.doc_id}@{c.version}",
                        "language": c.language,
                        "section": c.section or "",
                        "page": c.page if c.page is not None else -1,
                        "title": c.title,
                    }
                    for c in part
                ],
            )

    @_translated
    def delete(self, ids: Sequence[str]) -> None:
        """Delete vectors by id (unknown ids are ignored)."""
        for start in range(0, len(ids), CHROMA_BATCH):
            self._collection.delete(ids=list(ids[start : start + CHROMA_BATCH]))

    @_translated
    def query(
        self, vector: np.ndarray, n: int, allowed_keys: Sequence[str] | None = None
    ) -> list[tuple[str, float]]:
        """Nearest chunks as (chunk_id, cosine similarity), best first."""
        if n <= 0:
            return []
        where = {"doc_key": {"$in": list(allowed_keys)}} if allowed_keys else None
        # Chroma 1.x returns what it has when n exceeds the collection: no count() round trip.
        result = self._collection.query(
            query_embeddings=[np.asarray(vector, dtype=np.float32)],
            n_results=n,
            where=where,
            include=["distances"],
        )
        ids = result["ids"][0]
        distances = result["distances"][0] if result["distances"] else [1.0] * len(ids)
        return [(cid, 1.0 - float(d)) for cid, d in zip(ids, distances, strict=True)]

    @_translated
    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored vectors for these ids."""
        if not ids:
            return {}
        got = self._collection.get(ids=list(ids), include=["embeddings"])
        return {
            cid: np.asarray(vec, dtype=np.float32)
            for cid, vec in zip(got["ids"], got["embeddings"], strict=True)
        }

    @_translated
    def reset(self) -> None:
        """Drop and recreate the collection."""
        try:
            self._client.delete_collection(self.name)
        except Exception:  # noqa: BLE001 - absent already
            log.debug("collection %s did not exist", self.name)
        self._collection = self._open()


# --- BM25 ----------------------------------------------------------------------------------

_STEMMERS = {"nl": "dutch", "en": "english"}
_TOKEN = re.compile(r"\w\w+")
TOKENIZER_VERSION = "1"


def _fold(text: str) -> str:
    # "coördinatie" and "coordinatie", "één" and "een" should meet.
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class Analyzer:
    """Lower-case, accent-fold, drop stopwords, stem (Snowball Dutch or English)."""

    def __init__(self, lang: str) -> None:
        import Stemmer
        from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN

        self.lang = lang
        self._stemmer = Stemmer.Stemmer(_STEMMERS[lang])
        words = STOPWORDS_DUTCH if lang == "nl" else STOPWORDS_EN
        self._stop = {_fold(w) for w in words}

    def __call__(self, text: str) -> list[str]:
        """Index terms of `text`."""
        words = [w for w in _TOKEN.findall(_fold(text)) if w not in self._stop]
        return self._stemmer.stemWords(words)


def _bm25s():  # noqa: ANN202
    import bm25s

    # bm25s sets its own logger to DEBUG on import; keep it at the application's level.
    logging.getLogger("bm25s").setLevel(logging.NOTSET)
    return bm25s


class LexicalIndex:
    """BM25 over the chunks of one language, saved to disk so opening is cheap."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.analyze = Analyzer(lang)
        self.chunk_ids: list[str] = []
        self._bm25: object | None = None

    @staticmethod
    def fingerprint(chunk_ids: Sequence[str]) -> str:
        """Identity of the indexed set (chunk ids are content-versioned)."""
        digest = hashlib.sha256(TOKENIZER_VERSION.encode())
        for cid in chunk_ids:
            digest.update(cid.encode() + b"\0")
        return digest.hexdigest()[:24]

    def build(self, chunk_ids: Sequence[str], texts: Sequence[str]) -> None:
        """Index `texts` (aligned with `chunk_ids`)."""
        bm25s = _bm25s()
        self.chunk_ids = list(chunk_ids)
        if not texts:
            self._bm25 = None
            return
        bm25 = bm25s.BM25()
        bm25.index([self.analyze(t) for t in texts], show_progress=False)
        self._bm25 = bm25

    def save(self, directory: Path) -> None:
        """Write the index to `directory` (replacing what was there)."""
        if directory.exists():
            shutil.rmtree(directory)
        directory.mkdir(parents=True)
        (directory / "chunk_ids.json").write_text(json.dumps(self.chunk_ids), encoding="utf-8")
        if self._bm25 is not None:
            self._bm25.save(str(directory / "bm25"))  # type: ignore[attr-defined]

    def load(self, directory: Path) -> bool:
        """Read an index written by `save`; False when missing or unreadable."""
        bm25s = _bm25s()
        try:
            self.chunk_ids = json.loads((directory / "chunk_ids.json").read_text("utf-8"))
            self._bm25 = (
                bm25s.BM25.load(str(directory / "bm25"), mmap=False) if self.chunk_ids else None
            )
        except (OSError, ValueError, KeyError) as exc:
            log.info("BM25 index at %s unusable (%s); rebuilding", directory, exc)
            self.chunk_ids, self._bm25 = [], None
            return False
        return True

    def search(self, tokens: Sequence[str], n: int) -> list[tuple[int, float]]:
        """(position in chunk_ids, BM25 score) of the best `n` matches for analysed `tokens`."""
        if self._bm25 is None or not tokens:
            return []
        ids = self._bm25.get_tokens_ids(list(tokens))  # type: ignore[attr-defined]
        if not ids:
            return []
        scores = self._bm25.get_scores_from_ids(ids)  # type: ignore[attr-defined]
        n = min(n, len(scores))
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top])]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]
