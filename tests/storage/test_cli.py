"""`skillscoach notes|db|keys|retention`: export, erase, upgrade, rotate, retention."""

from __future__ import annotations

import argparse
import json
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from bot.settings import Settings
from storage import cli, keys
from storage.db import head_revision
from storage.models import Note
from storage.service import Store
from tests.storage.factories import AGREEMENT_TEXT, EMPLOYEE_NAME, NOTE_TEXT, populate


def run(settings: Settings, *argv: str) -> int:
    """Parse argv with only the storage commands registered and run the chosen one."""
    parser = argparse.ArgumentParser(prog="skillscoach")
    cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args, settings)


@pytest.fixture
def local_user(monkeypatch: pytest.MonkeyPatch) -> str:
    """Pretend the terminal user is "alice"."""
    monkeypatch.setattr(cli.getpass, "getuser", lambda: "alice")
    return "local:alice"


def test_export_defaults_to_the_terminal_user(
    store_settings: Settings, local_user: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(store_settings) as store:
        populate(store, external_id=local_user)
    assert run(store_settings, "notes", "export") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["manager"]["external_id"] == "local:alice"
    assert data["employees"][0]["notes"][0]["body"] == NOTE_TEXT


def test_export_one_employee_as_markdown_to_a_private_file(
    store_settings: Settings, local_user: str, tmp_path: Path
) -> None:
    with Store.open(store_settings) as store:
        world = populate(store, external_id="tg:55")
    out = tmp_path / "export.md"
    code = run(
        store_settings,
        "notes",
        "export",
        "--employee",
        EMPLOYEE_NAME.lower(),
        "--format",
        "md",
        "--manager",
        "tg:55",
        "-o",
        str(out),
    )
    assert code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    content = out.read_text()
    assert NOTE_TEXT in content and AGREEMENT_TEXT in content
    with Store.open(store_settings) as store:
        [event] = store.list_audit(limit=1)
    assert (event.actor, event.action, event.target) == (
        "local:alice",
        "export.md",
        f"employee:{world.employee.id}",
    )


def test_export_unknown_manager_or_employee_fails_clearly(
    store_settings: Settings, local_user: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(store_settings, "notes", "export") == 1
    assert "no data stored for local:alice" in capsys.readouterr().err
    with Store.open(store_settings) as store:
        populate(store, external_id=local_user)
    assert run(store_settings, "notes", "export", "--employee", "Nobody") == 1
    assert "no employee called 'Nobody'" in capsys.readouterr().err


def test_erase_refuses_without_yes(
    store_settings: Settings, local_user: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(store_settings) as store:
        world = populate(store, external_id=local_user)
    assert run(store_settings, "notes", "erase", "--employee", EMPLOYEE_NAME) == 2
    assert "--yes" in capsys.readouterr().err
    with Store.open(store_settings) as store:
        assert store.list_employees(manager_id=world.manager.id) == [world.employee]


def test_erase_employee_with_yes(
    store_settings: Settings, local_user: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(store_settings) as store:
        world = populate(store, external_id=local_user)
    assert run(store_settings, "notes", "erase", "--employee", EMPLOYEE_NAME, "--yes") == 0
    assert "1 notes, 1 one-on-ones, 1 agreements and 1 reminders" in capsys.readouterr().out
    with Store.open(store_settings) as store:
        assert store.list_employees(manager_id=world.manager.id) == []
        assert store.list_audit(limit=1)[0].action == "employee.erase"


def test_erase_whole_account(store_settings: Settings, local_user: str) -> None:
    with Store.open(store_settings) as store:
        populate(store, external_id="tg:9")
    assert run(store_settings, "notes", "erase", "--all", "--manager", "tg:9") == 2
    assert run(store_settings, "notes", "erase", "--all", "--manager", "tg:9", "--yes") == 0
    with Store.open(store_settings) as store:
        assert store.get_manager(external_id="tg:9") is None


def test_db_upgrade_reports_the_schema(
    store_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(store_settings, "db", "upgrade") == 0
    head = head_revision()
    assert f"migrated from schema none to {head}" in capsys.readouterr().out
    assert run(store_settings, "db", "upgrade") == 0
    out = capsys.readouterr().out
    assert f"up to date (schema {head})" in out
    assert "skillscoach:skillscoach@" not in out  # password masked


def test_keys_rotate_needs_yes_and_explains(
    store_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(store_settings) as store:
        populate(store)
        old = store.key_id
    assert run(store_settings, "keys", "rotate") == 2
    assert "Stop the bot" in capsys.readouterr().err
    assert run(store_settings, "keys", "rotate", "--yes") == 0
    out = capsys.readouterr().out
    assert f"key {old} -> " in out and "Back up the new key" in out
    assert str(keys.key_file(store_settings)) in out
    with Store.open(store_settings) as store:
        assert store.key_id != old


def test_wrong_key_gives_one_clear_line(
    store_settings: Settings, local_user: str, capsys: pytest.CaptureFixture[str]
) -> None:
    Store.open(store_settings).close()
    keys.key_file(store_settings).unlink()
    assert run(store_settings, "notes", "export") == 1
    err = capsys.readouterr().err
    assert err.startswith("error: The database") and "missing" in err


def test_retention_apply_counts_then_deletes(
    store_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(store_settings, "retention", "apply") == 0
    assert "No retention period" in capsys.readouterr().out
    settings = store_settings.model_copy(update={"note_retention_days": 7})
    with Store.open(settings) as store:
        world = populate(store)
        with store.engine.begin() as conn:
            conn.execute(update(Note).values(created_at=datetime.now(UTC) - timedelta(days=8)))
    assert run(settings, "retention", "apply") == 0
    assert "1 records are older than 7 days" in capsys.readouterr().out
    assert run(settings, "retention", "apply", "--yes") == 0
    assert "Deleted 1 records" in capsys.readouterr().out
    with Store.open(settings) as store:
        assert store.list_notes(manager_id=world.manager.id, employee_id=world.employee.id) == []


def test_commands_are_registered_in_the_main_parser() -> None:
    from bot.cli import build_parser

    parser = build_parser()
    for argv in (
        ["notes", "export"],
        ["notes", "erase", "--employee", "x"],
        ["db", "upgrade"],
        ["keys", "rotate"],
        ["retention", "apply"],
    ):
        assert callable(parser.parse_args(argv).func)
