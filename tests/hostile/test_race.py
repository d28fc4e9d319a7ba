"""Two `kb add` processes on one document id at once: the newest version answers, whole."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

from bot.settings import Settings
from knowledge.registry import Registry
from knowledge.retriever import CorpusView
from knowledge.service import KnowledgeBase
from knowledge.types import Chunk

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 20


def _document(tag: str, sections: int) -> str:
    parts = [f"# Verlofregeling {tag}\n"]
    for n in range(sections):
        parts.append(
            f"## Deel {n}\nDeze regel {tag} geldt voor iedereen in deel {n}. " * 1
            + "Vraag verlof ruim van tevoren aan bij je leidinggevende. " * 12
            + "\n"
        )
    return "\n".join(parts)


def _start(data_dir: Path, corpus_dir: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "SKILLSCOACH_DATA_DIR": str(data_dir),
        "SKILLSCOACH_EMBEDDER": "fake",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("TELEGRAM_BOT_TOKEN", None)
    return subprocess.Popen(
        [sys.executable, "-m", "tests.hostile.race_worker", str(corpus_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=data_dir,
    )


def _answer(stream: IO[str] | None) -> dict[str, Any]:
    assert stream is not None
    line = stream.readline()
    assert line, "the worker died"
    return json.loads(line)  # type: ignore[no-any-return]


def _lexical_hits(registry: Registry, query: str) -> list[Chunk]:
    """What BM25 finds now among the registry's current passages (no vector store involved)."""
    view = CorpusView.load(registry.current_chunks(), None)
    index = view.lexical["nl"]
    found = index.search(index.analyze(query), 10)
    return [view.by_id[index.chunk_ids[pos]] for pos, _ in found]


def _kb_json(settings: Settings, corpus_dir: Path, *commands: list[str]) -> list[Any]:
    """`skillscoach kb ... --json` for each command, in one fresh process (its own Chroma)."""
    code = (
        "import sys, json; from knowledge import service; from pathlib import Path; "
        f"service.CORPUS_DIR = Path({str(corpus_dir)!r}); "
        "from bot.cli import main; "
        f"codes = [main(['kb', *c, '--json']) for c in {list(map(list, commands))!r}]; "
        "raise SystemExit(max(codes))"
    )
    env = {
        **os.environ,
        "SKILLSCOACH_DATA_DIR": str(settings.data_dir),
        "SKILLSCOACH_EMBEDDER": "fake",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("TELEGRAM_BOT_TOKEN", None)
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.data_dir,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    decoder = json.JSONDecoder()
    out, results, pos = done.stdout, [], 0
    while pos < len(out.rstrip()):
        value, end = decoder.raw_decode(out, pos)
        results.append(value)
        pos = end + 1
    return results


def test_two_processes_adding_one_id_at_once_leave_the_newest_version_whole(
    fake_settings: Settings, corpus_dir: Path, tmp_path: Path
) -> None:
    # Two `kb add` processes, and this process as the running bot that searches meanwhile. All
    # three open the fresh data dir at once: the shipped corpus is indexed by one of them.
    workers = [_start(fake_settings.data_dir, corpus_dir) for _ in range(2)]
    bot: KnowledgeBase | None = None
    winners = []
    try:
        bot = KnowledgeBase.open(fake_settings, corpus_dir=corpus_dir)
        assert bot.search("feedback geven").hits
        registry = bot.registry
        for worker in workers:
            assert _answer(worker.stdout) == {"ready": True}
        for r in range(ROUNDS):
            # one big and one small version, in alternating order, as `kb add big & kb add small`
            tags = [f"kenmerk{r}groot", f"kenmerk{r}klein"]
            paths = []
            for tag, sections in zip(tags, (5, 1) if r % 2 else (1, 5), strict=True):
                path = tmp_path / f"{tag}.md"
                path.write_text(_document(tag, sections), encoding="utf-8")
                paths.append(path)
            for worker, path in zip(workers, paths, strict=True):
                assert worker.stdin is not None
                worker.stdin.write(f"{path}\tverlof\n")
                worker.stdin.flush()
            answers = [_answer(worker.stdout) for worker in workers]
            published = [a for a in answers if a["ok"]]
            assert published, answers
            assert all(a["ok"] or a["code"] == "superseded" for a in answers), answers
            newest = max(published, key=lambda a: a["version"])
            winner = Path(newest["path"]).stem
            loser = next(t for t in tags if t != winner)

            row = registry.get("verlof")
            assert row is not None
            # the newest version number ever handed out is the one answering
            assert row.info.version == newest["version"] == registry.newest_version("verlof")
            chunks = registry.chunks_of("verlof", row.info.version)
            assert len(chunks) == row.info.chunks > 0, (r, answers)
            assert all(winner in c.text and loser not in c.text for c in chunks)
            # nothing of another version is left: `kb list` matches the index
            assert {c.chunk_id for c in registry.current_chunks() if c.doc_id == "verlof"} == {
                c.chunk_id for c in chunks
            }
            assert {cid for cid in registry.chunk_ids() if cid.startswith("verlof@")} == {
                c.chunk_id for c in chunks
            }
            query = f"welke regel geldt voor verlof: {winner} of {loser}?"
            lexical = _lexical_hits(registry, query)
            assert lexical and winner in lexical[0].text
            assert not any(loser in h.text for h in lexical)
            # and the running bot answers with it (its vector store sees the other processes)
            hits = bot.search(query, k=5).hits
            assert hits[0].doc_id == "verlof" and winner in hits[0].text, (r, hits[0])
            assert all(h.version == row.info.version for h in hits if h.doc_id == "verlof")
            assert not any(loser in h.text for h in hits)
            winners.append(winner)
        for worker in workers:
            assert worker.stdin is not None
            worker.stdin.close()
            assert worker.wait(timeout=30) == 0
        stored_vectors = bot.dense.ids()
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
        if bot is not None:
            bot.close()
    assert len(set(winners)) == ROUNDS
    # A fresh process, as `kb list` and `kb search` run: list, registry and vectors agree.
    listed, found = _kb_json(
        fake_settings,
        corpus_dir,
        ["list"],
        ["search", f"regel {winners[-1]} verlof", "-k", "3"],
    )
    row = next(d for d in listed if d["doc_id"] == "verlof")
    assert found["hits"][0]["doc_id"] == "verlof"
    assert found["hits"][0]["version"] == row["version"]
    assert winners[-1] in found["hits"][0]["text"]
    registry = Registry(fake_settings.data_dir / "knowledge" / "registry.sqlite3")
    try:
        current = {c.chunk_id for c in registry.current_chunks()}
        assert sum(1 for c in current if c.startswith("verlof@")) == row["chunks"]
        assert registry.chunk_ids() == current  # superseded versions were deleted
        assert stored_vectors == current
    finally:
        registry.close()
