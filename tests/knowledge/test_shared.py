"""The shared knowledge base: two workers (data dirs) on one PostgreSQL and one Chroma server.

An upload through one is answered from by the other once its watcher noticed the new
generation; until then the other keeps answering from its old index.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.settings import Settings
from knowledge.service import KnowledgeBase
from knowledge.shared import SharedRegistry

pytestmark = pytest.mark.postgres

POLICY = """# Thuiswerkbeleid

## Thuiswerkvergoeding
Iedere medewerker krijgt een thuiswerkvergoeding van twee euro per thuiswerkdag.
"""


@pytest.fixture
def two_workers(
    tmp_path: Path,
    fake_settings: Settings,
    corpus_dir: Path,
    chroma_url: str,
    pg_schema_url: str,
) -> Iterator[tuple[KnowledgeBase, KnowledgeBase]]:
    """Two knowledge bases as two workers would open them: own data dirs, shared servers."""
    opened = []
    for name in ("one", "two"):
        data = tmp_path / name
        data.mkdir()
        settings = fake_settings.model_copy(
            update={"data_dir": data, "database_url": pg_schema_url, "chroma_url": chroma_url}
        )
        opened.append(KnowledgeBase.open(settings, corpus_dir=corpus_dir))
    try:
        yield opened[0], opened[1]
    finally:
        for kb in opened:
            kb.close()


def test_the_shared_modules_doctests_pass() -> None:
    import doctest

    import knowledge.shared
    import storage.locks

    assert doctest.testmod(knowledge.shared).failed == 0
    assert doctest.testmod(storage.locks).failed == 0


def test_an_upload_through_one_worker_is_answered_from_by_the_other(
    two_workers: tuple[KnowledgeBase, KnowledgeBase], tmp_path: Path
) -> None:
    one, two = two_workers
    assert isinstance(one.registry, SharedRegistry) and one.registry.shared
    assert {d.doc_id for d in one.list_documents()} == {d.doc_id for d in two.list_documents()}
    old = two.search("thuiswerkvergoeding per thuiswerkdag", k=1)
    two.watch(interval=0.05)
    generation = two._generation
    path = tmp_path / "thuiswerken.md"
    path.write_text(POLICY, encoding="utf-8")
    one.add(path)

    async def noticed() -> None:
        while two._generation == generation:
            # the old index answers meanwhile (never an error, never a wait for the rebuild)
            two.search("thuiswerkvergoeding per thuiswerkdag", k=1)
            await asyncio.sleep(0.02)

    asyncio.run(asyncio.wait_for(noticed(), 30))
    hit = two.search("thuiswerkvergoeding per thuiswerkdag", k=1).hits[0]
    assert hit.doc_id == "thuiswerken" and "twee euro" in hit.text
    assert not old.hits or old.hits[0].doc_id != "thuiswerken"
    assert "thuiswerken" in {d.doc_id for d in two.list_documents()}
