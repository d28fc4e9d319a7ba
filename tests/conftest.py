"""Shared fixtures: every test gets its own data dir; nothing touches the user's real one."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bot.settings import Settings

if TYPE_CHECKING:
    from knowledge.service import KnowledgeBase

# A Chroma server and PostgreSQL schemas, for the tests of several workers.
pytest_plugins = ["tests.servers"]

# the terminal chat takes its first language from the locale: the tests (and the commands they
# start) speak the configured default unless a test sets one
for _name in ("LC_ALL", "LC_MESSAGES", "LANG"):
    os.environ.pop(_name, None)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh, empty data directory."""
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def settings(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings isolated from the environment: temp data dir, no LLM, no Telegram token."""
    for name in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(data_dir)  # no stray .env is read
    return Settings(data_dir=data_dir, _env_file=None)


@pytest.fixture
def fake_settings(settings: Settings) -> Settings:
    """Settings with the hashing embedder (no model, no network)."""
    return settings.model_copy(update={"embedder": "fake"})


@pytest.fixture
def kb(fake_settings: Settings, corpus_dir: Path) -> Iterator[KnowledgeBase]:
    """A knowledge base over the folder's small `corpus_dir`, fake embedder, embedded Chroma."""
    from knowledge.service import KnowledgeBase

    base = KnowledgeBase.open(fake_settings, corpus_dir=corpus_dir)
    yield base
    base.close()


@pytest.fixture(scope="session")
def seeded_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir in which the shipped guidance is already indexed (fake embedder), built once.

    Indexing the corpus takes seconds; every bot under test starts from a copy of this one
    instead, which is what a restart of the bot on its own data dir does too.
    """
    from bot.app import build_app

    path = tmp_path_factory.mktemp("seeded")
    app = build_app(Settings(data_dir=path, embedder="fake", _env_file=None))
    app.close()
    return path


@pytest.fixture
def seeded_dir(data_dir: Path, seeded_data: Path) -> Path:
    """The test's data dir, starting as a copy of ``seeded_data`` (guidance already indexed)."""
    shutil.copytree(seeded_data, data_dir, dirs_exist_ok=True)
    return data_dir
