"""Writes notes from several threads until killed, printing "ack" after each commit.

Run by test_durability.py as a subprocess: `python -m tests.storage.burst_writer`. The settings
come from the environment (SKILLSCOACH_DATA_DIR, SKILLSCOACH_DATABASE_URL).
"""

from __future__ import annotations

import sys
import threading

from bot.settings import Settings
from storage.service import Store

THREADS = 3


def main() -> None:
    """Open the store and write until the parent kills this process."""
    store = Store.open(Settings(_env_file=None))
    manager = store.ensure_manager(external_id="tg:burst")
    employee = store.add_employee(manager_id=manager.id, name="Burst")
    lock = threading.Lock()

    def write(worker: int) -> None:
        i = 0
        while True:
            body = f"burst {worker}-{i}"
            note = store.add_note(manager_id=manager.id, employee_id=employee.id, body=body)
            # Only after add_note returned (= committed) does the "user" get a confirmation.
            with lock:
                sys.stdout.write(f"ack {note.id} {body}\n")
                sys.stdout.flush()
            i += 1

    for worker in range(THREADS):
        threading.Thread(target=write, args=(worker,), daemon=True).start()
    with lock:
        sys.stdout.write("ready\n")
        sys.stdout.flush()
    threading.Event().wait()


if __name__ == "__main__":
    main()
