"""A `kb add` in its own process for the race test: reads paths on stdin, answers in JSON.

Run as `python -m tests.hostile.race_worker CORPUS_DIR` with SKILLSCOACH_DATA_DIR and
SKILLSCOACH_EMBEDDER=fake set. Embedding is slowed by a random few milliseconds so the two
writers overlap in every order, as the real embedder (0.3 s per passage) makes them.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path
from typing import Any

from bot.settings import Settings
from knowledge.service import KnowledgeBase
from knowledge.types import IngestError


def main() -> int:
    """Open the knowledge base once, then add one file per line of input."""
    settings = Settings(_env_file=None)
    kb = KnowledgeBase.open(settings, corpus_dir=Path(sys.argv[1]))
    embed = kb.embedder.embed_passages

    def slow_embed(texts: Any, progress: Any = None) -> Any:
        time.sleep(random.uniform(0, 0.08))
        return embed(texts, progress)

    kb.embedder.embed_passages = slow_embed  # type: ignore[method-assign]
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        path, doc_id = line.rstrip("\n").split("\t")
        time.sleep(random.uniform(0, 0.03))
        try:
            result = kb.add(Path(path), doc_id=doc_id, confirm=True)  # as `kb add --yes`
            answer = {"ok": True, "version": result.version, "path": path}
        except IngestError as exc:
            answer = {"ok": False, "code": exc.code, "path": path}
        print(json.dumps(answer), flush=True)
    kb.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
