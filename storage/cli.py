"""`skillscoach notes|db|keys|retention ...`: export and erase, migrations, key rotation."""

from __future__ import annotations

import argparse
import functools
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bot.coach.language import locale_language
from bot.settings import Settings

if TYPE_CHECKING:
    from storage.service import Store

Command = Callable[[argparse.Namespace, Settings], int]


def local_manager_id() -> str:
    """The external id of whoever runs the terminal: "local:<login name>"."""
    return f"local:{getpass.getuser()}"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `notes`, `db`, `keys` and `retention` commands."""
    notes = subparsers.add_parser("notes", help="export or erase private notes")
    notes_sub = notes.add_subparsers(dest="notes_command", metavar="ACTION", required=True)

    export = notes_sub.add_parser(
        "export", help="export one employee or everything of a manager (JSON or Markdown)"
    )
    export.add_argument("--employee", metavar="NAME", help="only this employee")
    export.add_argument("--format", choices=["json", "md"], default="json", dest="fmt")
    _manager_option(export)
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE")
    export.set_defaults(func=cmd_export)

    erase = notes_sub.add_parser(
        "erase", help="permanently delete an employee's data (or --all: the whole account)"
    )
    what = erase.add_mutually_exclusive_group(required=True)
    what.add_argument("--employee", metavar="NAME", help="the employee to erase")
    what.add_argument("--all", action="store_true", help="erase the manager's whole account")
    _manager_option(erase)
    erase.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    erase.set_defaults(func=cmd_erase)

    db = subparsers.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = db_sub.add_parser("upgrade", help="migrate the database to the newest schema")
    upgrade.set_defaults(func=cmd_db_upgrade)

    keys = subparsers.add_parser("keys", help="encryption key management")
    keys_sub = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    rotate = keys_sub.add_parser(
        "rotate", help="re-encrypt all stored data under a new key (stop the bot first)"
    )
    rotate.add_argument("--yes", action="store_true", help="confirm the rotation")
    rotate.set_defaults(func=cmd_keys_rotate)

    retention = subparsers.add_parser("retention", help="data retention")
    retention_sub = retention.add_subparsers(
        dest="retention_command", metavar="ACTION", required=True
    )
    apply = retention_sub.add_parser(
        "apply", help="delete notes older than SKILLSCOACH_NOTE_RETENTION_DAYS"
    )
    apply.add_argument("--yes", action="store_true", help="delete (without it: only count)")
    apply.set_defaults(func=cmd_retention_apply)


def _manager_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--manager",
        metavar="EXTERNAL_ID",
        help='account, e.g. "tg:123456" (default: you in this terminal, "local:<user>")',
    )


def _err(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


def _handles_storage_errors(func: Command) -> Command:
    # Turn the storage layer's domain errors into one clear line and a non-zero exit code.
    @functools.wraps(func)
    def wrapper(args: argparse.Namespace, settings: Settings) -> int:
        from storage.crypto import KeyProblem
        from storage.db import SchemaProblem
        from storage.service import NotFound

        try:
            return func(args, settings)
        except (KeyProblem, SchemaProblem, NotFound) as exc:
            return _err(str(exc))

    return wrapper


def _open(settings: Settings) -> Store:
    from storage.service import Store

    return Store.open(settings)


@_handles_storage_errors
def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    """Export notes, one-on-ones and agreements."""
    external_id = args.manager or local_manager_id()
    with _open(settings) as store:
        manager = store.get_manager(external_id=external_id)
        if manager is None:
            return _err(f"no data stored for {external_id}")
        employee_id = None
        if args.employee:
            employee = store.find_employee(manager_id=manager.id, name=args.employee)
            if employee is None:
                return _err(f"{external_id} has no employee called {args.employee!r}")
            employee_id = employee.id
        content = store.export(
            manager_id=manager.id,
            employee_id=employee_id,
            fmt=args.fmt,
            actor=local_manager_id(),
            language=locale_language(),
        )
    if args.output is None:
        sys.stdout.write(content)
        return 0
    # Exports are personal data: owner-only, like the database itself.
    fd = os.open(args.output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(content)
    print(f"Wrote the export to {args.output} (readable only by you).", file=sys.stderr)
    return 0


@_handles_storage_errors
def cmd_erase(args: argparse.Namespace, settings: Settings) -> int:
    """Erase one employee, or a whole account with --all."""
    external_id = args.manager or local_manager_id()
    what = f"employee {args.employee!r}" if args.employee else f"the whole account {external_id}"
    if not args.yes:
        print(
            f"Refusing to erase {what} without --yes: this permanently deletes the data "
            "and cannot be undone. Export it first if you need a copy.",
            file=sys.stderr,
        )
        return 2
    with _open(settings) as store:
        manager = store.get_manager(external_id=external_id)
        if manager is None:
            return _err(f"no data stored for {external_id}")
        if args.all:
            store.erase_manager(manager_id=manager.id, actor=local_manager_id())
            print(f"Erased {what}: every employee, note, one-on-one, agreement and reminder.")
            return 0
        employee = store.find_employee(manager_id=manager.id, name=args.employee)
        if employee is None:
            return _err(f"{external_id} has no employee called {args.employee!r}")
        summary = store.privacy_summary(manager_id=manager.id)
        counts = next(e for e in summary["employees"] if e["id"] == employee.id)
        store.erase_employee(
            manager_id=manager.id, employee_id=employee.id, actor=local_manager_id()
        )
    print(
        f"Erased {what}: {counts['notes']} notes, {counts['one_on_ones']} one-on-ones, "
        f"{counts['action_items']} agreements and {counts['reminders']} reminders."
    )
    return 0


@_handles_storage_errors
def cmd_db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    """Migrate the database schema to the newest version."""
    from storage import db

    settings.ensure_data_dir()
    engine = db.make_engine(settings.db_url)
    try:
        before = db.current_revision(engine)
        after = db.migrate(engine)
    finally:
        engine.dispose()
    where = db.safe_url(settings.db_url)
    if before == after:
        print(f"Database {where} is up to date (schema {after}).")
    else:
        print(f"Database {where} migrated from schema {before or 'none'} to {after}.")
    return 0


@_handles_storage_errors
def cmd_keys_rotate(args: argparse.Namespace, settings: Settings) -> int:
    """Re-encrypt everything under a new key."""
    if not args.yes:
        print(
            "Refusing to rotate the encryption key without --yes. Stop the bot first: a "
            "running bot keeps writing with the old key. Rotation re-encrypts every stored "
            "value in one transaction and then replaces the key.",
            file=sys.stderr,
        )
        return 2
    with _open(settings) as store:
        result = store.rotate_key()
    print(f"Re-encrypted {result.values} values: key {result.old_key_id} -> {result.new_key_id}.")
    if result.key_file:
        print(
            f"The new key is in {result.key_file} (mode 0600). The old key was kept as a backup "
            "until the database commit succeeded and has now been deleted."
        )
    else:
        print(
            f"The key came from SKILLSCOACH_ENCRYPTION_KEY, which cannot be changed from here. "
            f"The new key is in {result.pending_key_file}: put its content in "
            "SKILLSCOACH_ENCRYPTION_KEY now, then delete that file. Until then Skillscoach "
            "refuses to start with the old key."
        )
    print(
        "Back up the new key now: without it the data cannot be read. Database backups made "
        "before this rotation need the old key."
    )
    return 0


@_handles_storage_errors
def cmd_retention_apply(args: argparse.Namespace, settings: Settings) -> int:
    """Delete records older than the retention period."""
    days = settings.note_retention_days
    if days is None:
        print(
            "No retention period is set (SKILLSCOACH_NOTE_RETENTION_DAYS), so notes are kept "
            "until erased. Nothing deleted."
        )
        return 0
    with _open(settings) as store:
        if not args.yes:
            count = store.apply_retention(dry_run=True)
            print(
                f"{count} records are older than {days} days (notes, one-on-ones, completed "
                "agreements, sent reminders). Run again with --yes to delete them."
            )
            return 0
        count = store.apply_retention()
    print(f"Deleted {count} records older than {days} days.")
    return 0
