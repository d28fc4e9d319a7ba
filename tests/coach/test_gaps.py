"""What the guidance does not cover, for HR: counted by topic, shown only from three managers."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.coach.types import Actor
from bot.settings import Settings
from tests.coach.conftest import NOW, make_coach

HR = Actor(external_id="tg:900", role="hr")
QUESTIONS = {
    "nl": "Mag ik Anna de Vries ontslaan omdat ze de leaseauto weigert?",
    "en": "Can I dismiss Anna de Vries because she refuses the lease car?",
}


@pytest.fixture
def kb(settings: Settings, tmp_path: Path) -> Iterator[Any]:
    """A fresh knowledge base (fake embedder, a one-document corpus): its own gap counts."""
    from knowledge.service import KnowledgeBase

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "feedback.nl.md").write_text(
        "---\nid: feedback\ntitle: Feedback geven\nlanguage: nl\nversion: 1\n---\n"
        "# Feedback geven\n\n## Op tijd\nGeef feedback kort na het moment zelf.\n",
        encoding="utf-8",
    )
    base = KnowledgeBase.open(settings.model_copy(update={"embedder": "fake"}), corpus_dir=corpus)
    yield base
    base.close()


async def ask_as(coach: Any, store: Any, n: int, lang: str) -> None:
    """Manager n (with an employee called Anna de Vries) asks the uncovered question."""
    actor = Actor(external_id=f"tg:{n}", language=lang)
    await coach.handle(actor, "/help")  # registers the manager
    manager = store.get_manager(external_id=actor.external_id)
    store.add_employee(manager_id=manager.id, name="Anna de Vries")
    answer = await coach.ask(actor, QUESTIONS[lang], lang)
    assert answer.scope in ("out", "none")


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_a_topic_shows_only_once_three_managers_asked_it(
    settings: Settings, store: Any, kb: Any, lang: str
) -> None:
    coach = make_coach(settings, store, kb)
    await ask_as(coach, store, 1, lang)
    await ask_as(coach, store, 2, lang)
    await ask_as(coach, store, 2, lang)  # the same manager twice is still two managers
    hidden = (await coach.handle(HR, "/gaps"))[0].text
    assert "Geen onderwerpen" in hidden or "No topics" in hidden
    await ask_as(coach, store, 3, lang)
    shown = (await coach.handle(HR, "/gaps"))[0].text
    week = f"{NOW.isocalendar()[0]}-W{NOW.isocalendar()[1]:02d}"
    term = {"nl": "leaseauto", "en": "leas"}[lang]
    assert f"• {term}" in shown and f"{week}: 3" in shown, shown
    refused = (await coach.handle(Actor(external_id="tg:1"), "/gaps"))[0].text
    assert "HR" in refused

    stored = sqlite3.connect(kb.registry.path).execute("SELECT * FROM gaps").fetchall()
    assert stored and all(len(row) == 4 for row in stored)
    dump = repr(stored).lower()
    assert "anna" not in dump and "vries" not in dump, "no employee name reaches the database"
    assert QUESTIONS[lang].lower() not in dump and "tg:1" not in dump


async def test_privacy_tells_managers_what_the_count_holds(
    settings: Settings, store: Any, kb: Any
) -> None:
    coach = make_coach(settings, store, kb)
    text = (await coach.handle(Actor(external_id="tg:1"), "/privacy"))[0].text
    assert "minstens drie leidinggevenden" in text and "zonder de vraag zelf" in text
