"""Export files on disk: where the terminal chat keeps them, and deleting them on erase.

The Telegram bot sends an export as a document and keeps no file. The terminal chat writes
it owner-only to ``<data_dir>/exports/<account>/``; erasing an employee deletes every export
there that can hold them (theirs and the "everything" exports), erasing an account deletes
the account's folder. An export never outlives the data it was made from.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

log = logging.getLogger(__name__)

FOLDER = "exports"
# The file name the engine gives an export: skillscoach-<employee or alles/all>-<date>.<ext>;
# the team's matrix picture (skillscoach-team-<date>.png) shows everyone, like "all"
_ALL_PARTS = ("alles", "all", "team")


def name_part(name: str) -> str:
    """An employee's name as it appears in an export's file name (as bot.coach.names.slug)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "medewerker"


def account_folder(data_dir: Path, external_id: str) -> Path:
    """The folder holding one account's exports."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", external_id).strip("-.") or "account"
    return data_dir / FOLDER / safe


def save_export(data_dir: Path, external_id: str, filename: str, content: bytes) -> Path:
    """Write an export owner-only into the account's folder; returns its path."""
    folder = account_folder(data_dir, external_id)
    folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.mkdir(mode=0o700, exist_ok=True)
    path = folder / Path(filename).name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
    return path


def purge_exports(data_dir: Path, external_id: str, employee_name: str | None = None) -> int:
    """Delete the account's exports that hold this employee (all of them when None)."""
    folders = [account_folder(data_dir, external_id)]
    if external_id.startswith("local:"):
        folders.append(data_dir / FOLDER)  # where earlier versions wrote terminal exports
    parts = None if employee_name is None else {name_part(employee_name), *_ALL_PARTS}
    removed = 0
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if not path.is_file() or path.is_symlink():
                continue
            match = re.fullmatch(r"skillscoach-(.+)-\d{4}-\d{2}-\d{2}(-\d+)?\.\w+", path.name)
            if match is None or (parts is not None and match.group(1) not in parts):
                continue
            path.unlink(missing_ok=True)
            removed += 1
    if employee_name is None:
        folder = account_folder(data_dir, external_id)
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    if removed:
        log.info("deleted %s export files of an erased record", removed)
    return removed
