"""What was confirmed is committed: SIGKILL in the middle of a burst of writes loses nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from bot.settings import Settings
from storage.service import Store

ROOT = Path(__file__).resolve().parents[2]
ACKS_BEFORE_KILL = 150


def test_sigkill_mid_burst_loses_no_acknowledged_note(store_settings: Settings) -> None:
    env = dict(os.environ)
    env.update(
        SKILLSCOACH_DATA_DIR=str(store_settings.data_dir),
        SKILLSCOACH_DATABASE_URL=store_settings.db_url,
        PYTHONPATH=str(ROOT),
    )
    env.pop("SKILLSCOACH_ENCRYPTION_KEY", None)
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.storage.burst_writer"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    acked: dict[int, str] = {}
    try:
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith("ack "):
                _, note_id, body = line.rstrip("\n").split(" ", 2)
                acked[int(note_id)] = body
                if len(acked) >= ACKS_BEFORE_KILL:
                    os.kill(child.pid, signal.SIGKILL)  # writers are mid-transaction right now
                    break
        # Lines already written before the kill were acknowledged too.
        rest, errors = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL, errors
    for line in rest.splitlines():
        if line.startswith("ack "):
            _, note_id, body = line.split(" ", 2)
            acked[int(note_id)] = body
    assert len(acked) >= ACKS_BEFORE_KILL

    if store_settings.db_url.startswith("sqlite"):
        database = Path(store_settings.data_dir) / "skillscoach.db"
        with sqlite3.connect(database) as conn:  # also replays the WAL left by the dead process
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []

    with Store.open(store_settings) as store:
        manager = store.get_manager(external_id="tg:burst")
        assert manager is not None
        employee = store.find_employee(manager_id=manager.id, name="Burst")
        assert employee is not None
        stored = {
            n.id: n.body for n in store.list_notes(manager_id=manager.id, employee_id=employee.id)
        }
    missing = {i: body for i, body in acked.items() if stored.get(i) != body}
    assert missing == {}
