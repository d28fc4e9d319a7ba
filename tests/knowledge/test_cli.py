"""`skillscoach kb ...` through the real entry point (fake embedder, small corpus)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from knowledge import service

from .conftest import make_docx


@pytest.fixture
def run(
    data_dir: Path,
    corpus_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
):  # noqa: ANN201
    """Run `skillscoach ARGS...`; returns (exit code, stdout, stderr)."""
    monkeypatch.chdir(data_dir)
    monkeypatch.setenv("SKILLSCOACH_DATA_DIR", str(data_dir))
    monkeypatch.setenv("SKILLSCOACH_EMBEDDER", "fake")
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.setattr(service, "CORPUS_DIR", corpus_dir)

    def invoke(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    return invoke


def test_add_list_search_remove(run, tmp_path: Path) -> None:  # noqa: ANN001
    doc = make_docx(
        tmp_path / "verlof.docx",
        "Verlofbeleid",
        {"Aanvragen": ["Vraag verlof minstens twee weken vooraf aan."]},
    )
    code, out, _ = run("kb", "add", str(doc), "--title", "Verlof")
    assert code == 0 and "verlof: added, version 1" in out

    code, out, _ = run("kb", "list", "--json")
    docs = {d["doc_id"]: d for d in json.loads(out)}
    assert docs["verlof"]["title"] == "Verlof" and docs["verlof"]["version"] == 1

    # a second version: the list names the first as kept, so HR knows it can go back
    doc2 = make_docx(
        tmp_path / "verlof-2.docx",
        "Verlofbeleid",
        {"Aanvragen": ["Vraag verlof minstens drie weken vooraf aan."]},
    )
    code, out, _ = run("kb", "add", str(doc2), "--id", "verlof", "--title", "Verlof")
    assert code == 0 and "version 2" in out, out
    code, out, _ = run("kb", "list")
    assert "verlof  v2  nl" in out and "(kept: v1)" in out
    listed = {d["doc_id"]: d for d in json.loads(run("kb", "list", "--json")[1])}
    assert listed["verlof"]["kept_versions"] == [1]

    code, out, _ = run("kb", "search", "wanneer moet ik verlof aanvragen", "-k", "2", "--json")
    payload = json.loads(out)
    hit = payload["hits"][0]
    assert set(hit) >= {
        "text",
        "title",
        "doc_id",
        "version",
        "section",
        "page",
        "language",
        "score",
    }
    assert (hit["doc_id"], hit["section"]) == ("verlof", "Aanvragen")

    code, out, _ = run("kb", "search", "wanneer moet ik verlof aanvragen")
    assert code == 0 and "Verlof › Aanvragen [verlof v2, nl]" in out

    code, out, _ = run("kb", "remove", "verlof")
    assert code == 0 and "removed verlof" in out
    code, out, _ = run("kb", "list")
    assert "verlof" not in out and "feedback-geven  v1  en+nl" in out


def test_add_names_the_version_a_renamed_file_replaces(run, tmp_path: Path) -> None:  # noqa: ANN001
    sections = {"Budget": ["Iedere medewerker heeft 1.500 euro per jaar voor opleidingen."]}
    old = make_docx(tmp_path / "Leerbudget beleid 2025.docx", "Regeling leerbudget", sections)
    code, out, _ = run("kb", "add", str(old))
    assert code == 0 and "leerbudget-beleid-2025: added, version 1" in out
    sections = {"Budget": ["Iedere medewerker heeft 2.000 euro per jaar voor opleidingen."]}
    new = make_docx(tmp_path / "Leerbudget beleid 2025 v2.docx", "Regeling leerbudget", sections)
    code, out, _ = run("kb", "add", str(new))
    assert code == 0
    assert 'leerbudget-beleid-2025: version 2 (replaces version 1) of "Regeling leerbudget"' in out
    code, out, _ = run("kb", "list")
    assert out.count("Regeling leerbudget") == 1 and "leerbudget-beleid-2025  v2" in out


def test_bad_input_exits_1_with_a_clear_message(run, tmp_path: Path) -> None:  # noqa: ANN001
    png = tmp_path / "beleid.pdf"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    code, _, err = run("kb", "add", str(png))
    assert code == 1
    assert err.startswith("error: beleid.pdf is named like a PDF but contains a PNG image")
    assert "Traceback" not in err

    code, _, err = run("kb", "add", str(tmp_path / "missing.md"))
    assert code == 1 and "file not found" in err

    code, _, err = run("kb", "remove", "no-such-doc")
    assert code == 1 and "no document with id 'no-such-doc'" in err

    code, _, err = run("kb", "search", "  ")
    assert code == 1 and "empty" in err


def test_one_bad_file_does_not_stop_the_others(run, tmp_path: Path) -> None:  # noqa: ANN001
    good = tmp_path / "goed.md"
    good.write_text("# Goed\n\nEen bruikbare tekst over leren op het werk.\n", "utf-8")
    empty = tmp_path / "leeg.md"
    empty.write_text("", "utf-8")
    code, out, err = run("kb", "add", str(empty), str(good))
    assert code == 1
    assert "leeg.md is empty" in err
    assert "goed: added" in out


def test_rebuild(run) -> None:  # noqa: ANN001
    code, out, _ = run("kb", "rebuild")
    assert code == 0 and "rebuilt the index" in out


def test_an_older_version_needs_yes_and_restore_undoes(run, tmp_path: Path) -> None:  # noqa: ANN001
    from .test_versions import TITLE, V1, V2

    sections = {k: [v] for k, v in V1.items()}
    newer = {k: [v] for k, v in V2.items()}
    assert run("kb", "add", str(make_docx(tmp_path / "regeling-v1.docx", TITLE, sections)))[0] == 0
    assert run("kb", "add", str(make_docx(tmp_path / "regeling-v2.docx", TITLE, newer)))[0] == 0
    old = make_docx(tmp_path / "regeling-oud.docx", TITLE, sections)
    code, _, err = run("kb", "add", str(old))
    assert code == 1 and "looks like version 1 of regeling" in err and "--yes" in err
    code, out, _ = run("kb", "add", str(old), "--yes")
    assert code == 0 and "version 3 (replaces version 2)" in out
    code, out, _ = run("kb", "restore", "regeling", "2")
    assert code == 0 and "version 4 (restored from version 2, replaces version 3)" in out
    # found in a user test: restoring it again made a fifth version of the same text
    code, out, _ = run("kb", "restore", "regeling", "2")
    assert code == 0 and "version 4 is already current" in out
    code, _, err = run("kb", "restore", "regeling", "9")
    assert code == 1 and "not kept" in err


def test_rename_keeps_the_version(run, tmp_path: Path) -> None:  # noqa: ANN001
    doc = make_docx(tmp_path / "verlof.docx", "Verlof", {"Aanvragen": ["Vraag verlof aan."]})
    assert run("kb", "add", str(doc))[0] == 0
    code, out, _ = run("kb", "rename", "verlof", "Verlofregeling 2025")
    assert code == 0 and 'renamed to "Verlofregeling 2025" (still version 1)' in out
    assert "Verlofregeling 2025" in run("kb", "list")[1]
    assert run("kb", "rename", "nope", "X")[0] == 1


def test_gaps_shows_topics_of_three_managers_only(run, data_dir: Path, corpus_dir: Path) -> None:  # noqa: ANN001
    from datetime import UTC, datetime, timedelta

    from bot.settings import Settings

    assert "no topic asked by three or more managers" in run("kb", "gaps")[1]
    kb = service.KnowledgeBase.open(
        Settings(data_dir=data_dir, embedder="fake", _env_file=None), corpus_dir=corpus_dir
    )
    now = datetime.now(UTC)
    try:
        for n, question in enumerate(["Hoe zit het met de leaseauto?"] * 3):
            kb.record_gap(question, "nl", manager=f"tg:{n}", names=[], when=now)
        kb.record_gap("How about the lease car?", "en", manager="tg:9", names=[], when=now)
        old = now - timedelta(days=60)
        for n in range(3):
            kb.record_gap("Wat is de bijtelling?", "nl", manager=f"tg:{n}", names=[], when=old)
    finally:
        kb.close()
    code, out, _ = run("kb", "gaps")
    assert code == 0 and "leaseauto (nl)  3 managers" in out
    assert "lease car" not in out and "bijtel" not in out  # one manager; older than 28 days
    assert "bijtel (nl)  3 managers" in run("kb", "gaps", "--days", "90")[1]


def test_the_list_names_each_document_in_the_terminals_language(run, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    english = run("kb", "list")[1]
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    dutch = run("kb", "list")[1]
    feedback = [line for line in english.splitlines() if line.startswith("feedback-geven")]
    assert feedback and "Giving feedback" in feedback[0], english
    assert "Feedback geven" in dutch
    # a document only in Dutch keeps its Dutch title
    assert "teamplanning" in english
