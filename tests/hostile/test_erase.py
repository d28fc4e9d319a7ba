"""Erase really erases: exports go with the data, and ciphertext leaves the SQLite file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from bot.settings import Settings
from storage.exports import account_folder, name_part, save_export
from storage.service import Store

COMMAND = Path(sys.executable).with_name("skillscoach")


def _run(args: list[str], data_dir: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SKILLSCOACH_", "TELEGRAM_"))}
    env.update(SKILLSCOACH_DATA_DIR=str(data_dir), SKILLSCOACH_EMBEDDER="fake")
    return subprocess.run(
        [str(COMMAND), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=data_dir,
        timeout=120,
        check=False,
    )


def test_notes_erase_deletes_the_terminal_exports_that_hold_the_employee(
    seeded_dir: Path,
) -> None:
    data_dir = seeded_dir
    script = "\n".join(
        [
            "/note Fatima Wil leren presenteren",
            "/note Anna Wil een cursus plannen",
            "/export Fatima",
            "/export Anna",
            "/export",
            "/quit",
        ]
    )
    chat = _run(["chat"], data_dir, script)
    assert chat.returncode == 0, chat.stderr
    exports = sorted(p.name.split("-")[1] for p in (data_dir / "exports").rglob("*.md"))
    assert exports == ["alles", "anna", "fatima"]

    erase = _run(["notes", "erase", "--employee", "Fatima", "--yes"], data_dir)
    assert erase.returncode == 0, erase.stderr
    left = [p.name for p in (data_dir / "exports").rglob("*") if p.is_file()]
    assert len(left) == 1 and left[0].startswith("skillscoach-anna-")  # the one without her
    for path in data_dir.rglob("*"):
        if path.is_file() and path.suffix == ".md":
            assert "presenteren" not in path.read_text(encoding="utf-8")


def test_forgetting_an_employee_deletes_their_exports_and_erasing_the_account_all(
    settings: Settings,
) -> None:
    with Store.open(settings) as store:
        manager = store.ensure_manager(external_id="local:tester")
        fatima = store.add_employee(manager_id=manager.id, name="Fatima")
        store.add_employee(manager_id=manager.id, name="Anna")
        for part in ("fatima", "anna", "all"):
            save_export(
                settings.data_dir, "local:tester", f"skillscoach-{part}-2026-11-30.md", b"x"
            )
        # another account's export of someone with the same name is not theirs to delete
        save_export(settings.data_dir, "tg:42", "skillscoach-fatima-2026-11-30.md", b"x")
        folder = account_folder(settings.data_dir, "local:tester")
        assert oct(folder.stat().st_mode & 0o777) == "0o700"

        store.erase_employee(manager_id=manager.id, employee_id=fatima.id)
        assert [p.name for p in folder.iterdir()] == ["skillscoach-anna-2026-11-30.md"]
        assert (
            account_folder(settings.data_dir, "tg:42") / "skillscoach-fatima-2026-11-30.md"
        ).exists()

        store.erase_manager(manager_id=manager.id)
        assert not folder.exists()


def test_the_export_file_name_part_matches_the_engine() -> None:
    from bot.coach.names import slug

    for name in ("Fatima", "Jan-Willem de Vries", "Zoë", "  ", "O'Brien"):
        assert name_part(name) == slug(name)


def test_erased_ciphertext_leaves_the_main_file_while_another_connection_is_open(
    settings: Settings,
) -> None:
    with Store.open(settings) as store:
        manager = store.ensure_manager(external_id="local:tester")
        fatima = store.add_employee(manager_id=manager.id, name="Fatima")
        store.add_note(
            manager_id=manager.id, employee_id=fatima.id, body="Geheim: zij solliciteert"
        )
        path = settings.data_dir / "skillscoach.db"
        other = sqlite3.connect(path)  # the bot holds the database open like this
        try:
            (ciphertext,) = other.execute("SELECT body_enc FROM note").fetchone()
            other.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the note is in the main file now
            assert ciphertext in path.read_bytes()

            store.erase_employee(manager_id=manager.id, employee_id=fatima.id)

            assert other.execute("SELECT COUNT(*) FROM note").fetchone() == (0,)
            assert ciphertext not in path.read_bytes()
            wal = path.with_name(path.name + "-wal")
            assert not wal.exists() or ciphertext not in wal.read_bytes()
        finally:
            other.close()
