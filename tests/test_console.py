"""The terminal chat and `ask` as a user runs them: the installed command, piped stdin."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
COMMAND = Path(sys.executable).with_name("skillscoach")


def run(
    args: list[str], data_dir: Path, stdin: str = "", **extra: str
) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SKILLSCOACH_", "TELEGRAM_"))
    }
    env.update(SKILLSCOACH_DATA_DIR=str(data_dir), SKILLSCOACH_EMBEDDER="fake", **extra)
    return subprocess.run(
        [str(COMMAND), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=data_dir,
        timeout=240,
        check=False,
    )


@pytest.fixture
def data(seeded_dir: Path) -> Path:
    """A data dir with the guidance already indexed, as after a first start."""
    return seeded_dir


def test_a_piped_session_prepares_a_card_and_keeps_notes(data: Path):
    script = "\n".join(
        [
            "/prep Anna",
            "2",  # the second quick choice: Morgen
            "1",
            "Sterk in plannen, onzeker over presenteren",
            "-",
            "-",
            "-",
            "-",
            "Werkdruk",
            "1",  # the confirm step: switch "weinig zelfvertrouwen" off
            "5",  # and go on to the card (after the skill heard: "kan: plannen")
            "/note Anna Wil meer presenteren",
            "/notes Anna",
            "",
            "/export Anna",
            "/quit",
        ]
    )
    result = run(["chat"], data, script)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Ik ben Skillscoach" in out
    assert "TELEGRAM_BOT_TOKEN" in out  # one line on how to connect Telegram
    assert "  [2] Morgen" in out
    assert "Datum: morgen (" in out and "Doel van het gesprek: zicht op ontwikkeling" in out
    assert "Ik hoor: weinig zelfvertrouwen, hoge werkdruk. Klopt dat?" in out
    assert "  [1] ✗ Weinig zelfvertrouwen" in out and "  [5] Klopt, maak de kaart" in out
    assert "  [3] ✓ kan: plannen" in out
    assert "Vragen om te stellen" in out and "Aandacht voor: hoge werkdruk\n" in out
    assert "Wil meer presenteren" in out
    assert "leeg bericht" in out
    saved = next((data / "exports").rglob("skillscoach-anna-*.md"))
    assert oct(saved.stat().st_mode & 0o777) == "0o600"
    assert "Tot de volgende keer" in out
    assert "Traceback" not in result.stderr


def test_several_numbers_tap_several_choices(data: Path):
    steps = ["/prep Anna", "morgen", "1", "Sterk in plannen, onzeker over presenteren"]
    script = "\n".join([*steps, "-", "-", "-", "-", "Werkdruk", "1, 2", "/quit"])
    out = run(["chat"], data, script).stdout
    assert "1, 2 → Weinig zelfvertrouwen, Hoge werkdruk" in out
    assert "  [1] ✗ Weinig zelfvertrouwen\n  [2] ✗ Hoge werkdruk" in out


def test_several_numbers_for_one_question_are_one_answer(data: Path):
    steps = ["/prep Anna", "morgen", "1", "Sterk in plannen", "-", "-", "-", "-"]
    out = run(["chat"], data, "\n".join([*steps, "3 en 4", "/quit"])).stdout
    # the obstacles step: "Zelfvertrouwen" and "Werkdruk" together, then the confirm step
    assert "3 en 4 → Zelfvertrouwen, Werkdruk" in out
    assert "Ik hoor: weinig zelfvertrouwen, hoge werkdruk. Klopt dat?" in out


def test_a_number_with_words_after_it_is_the_choice_and_the_words(data: Path):
    # user test, round 9: "1 en mentor juf Annemiek" went on the card as typed
    steps = ["/prep Anna", "morgen", "1", "Sterk in plannen", "-", "-", "-"]
    out = run(["chat"], data, "\n".join([*steps, "1 en mentor juf Annemiek", "-", "/quit"]))
    assert "› Meer feedback, mentor juf Annemiek" in out.stdout, out.stdout[-1500:]


def test_a_flow_survives_a_restart_of_the_chat(data: Path):
    run(["chat"], data, "/prep Anna\nmorgen\n")
    second = run(["chat"], data, "/help\n")
    assert "vraag 2 van 8" in second.stdout


def test_a_resumed_question_keeps_its_choices_right_below_it(data: Path):
    run(["chat"], data, "/prep Anna\nmorgen\n")
    out = run(["chat"], data, "").stdout
    assert out.index("TELEGRAM_BOT_TOKEN") < out.index("(2/8) Wat wil je")
    assert "Kies er een of beschrijf het in je eigen woorden.\n  [1] Zicht op ontwikkeling" in out


def test_a_reminder_that_came_due_shows_when_the_chat_starts(data: Path):
    # the terminal has no scheduler: "I'll remind you ..." holds when the chat is opened
    prep = ["/prep Anna", "2", "1", "-", "-", "-", "-", "-", "-", "Klopt, maak de kaart"]
    card = run(["chat"], data, "\n".join(prep)).stdout
    assert "Ik herinner je" in card and "/reflect Anna" in card
    with sqlite3.connect(data / "skillscoach.db") as db:  # the day to look back has come
        db.execute("UPDATE reminder SET due_at = '2020-01-01 08:00:00.000000'")
    out = run(["chat"], data, "1\n").stdout
    assert "Hoe ging je gesprek met Anna? Neem vijf minuten" in out
    assert "  [1] Terugkijken op het gesprek met Anna" in out
    assert "(1/7) Hoe ging het gesprek?" in out  # its choice starts the reflection
    again = run(["chat"], data, "/cancel\n").stdout
    assert "Hoe ging je gesprek met Anna?" not in again  # shown once


def test_the_first_words_follow_the_terminal_locale(data: Path):
    # an English terminal is greeted in English before the manager has written a word
    english = run(["chat"], data, "/help\n", LANG="en_GB.UTF-8").stdout
    assert "Hi! I'm Skillscoach." in english
    assert "Hoi" not in english.split("› /help")[0]
    # "C" says nothing: the configured default (Dutch)
    other = data / "other"
    other.mkdir()
    assert "Hoi! Ik ben Skillscoach." in run(["chat"], other, "", LANG="C.UTF-8").stdout


def test_ask_prints_json_with_sources(data: Path):
    result = run(["ask", "Hoe voer ik een goed ontwikkelgesprek?", "--json"], data)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert set(payload) == {"answer", "sources", "grounded", "lang", "scope"}
    assert payload["lang"] == "nl"
    for source in payload["sources"]:
        assert set(source) == {"doc_id", "title", "version", "section"}
    if payload["grounded"]:
        assert payload["sources"]


def test_ask_answers_in_the_requested_language(data: Path):
    result = run(["ask", "Hoe voer ik een goed ontwikkelgesprek?", "--lang", "en"], data)
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith(("Sources: ", "Feel free to rephrase")), result.stdout


def test_every_console_line_follows_the_language_switch(data: Path):
    script = "/lang en\n/note Sanne Goed gesprek gehad\n/export Sanne\n/quit\n"
    result = run(["chat"], data, script)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Here is everything I keep about Sanne." in out
    assert "Saved as " in out and "See you next time!" in out
    assert "Opgeslagen als" not in out and "Tot de volgende keer" not in out
    assert next((data / "exports").rglob("skillscoach-sanne-*.md"))
