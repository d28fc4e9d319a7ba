"""Engines and schema migrations: SQLite (WAL, foreign keys, busy timeout) or PostgreSQL."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import StaticPool

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 30_000
# Any constant: serializes concurrent migrators on one PostgreSQL database.
PG_MIGRATION_LOCK = 0x5C0AC4


class SchemaProblem(Exception):
    """The database schema cannot be brought to the version this code needs."""


def safe_url(url: str | URL) -> str:
    """The URL with its password masked, for messages and logs."""
    return make_url(url).render_as_string(hide_password=True)


def is_memory_sqlite(url: URL) -> bool:
    """True for an in-memory SQLite URL (sqlite:// or sqlite:///:memory:)."""
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def make_engine(url_text: str) -> Engine:
    """An engine for the URL, tuned for many short sessions from concurrent handlers."""
    url = make_url(url_text)
    if url.get_backend_name() != "sqlite":
        # hide_parameters: bound values never reach logs or exception messages.
        return create_engine(
            url, pool_pre_ping=True, pool_size=5, max_overflow=10, hide_parameters=True
        )
    connect_args = {"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}
    if is_memory_sqlite(url):
        engine = create_engine(
            url, connect_args=connect_args, poolclass=StaticPool, hide_parameters=True
        )
    else:
        _prepare_sqlite_file(Path(url.database or ""))
        engine = create_engine(
            url,
            connect_args=connect_args,
            pool_size=5,
            max_overflow=10,
            pool_timeout=BUSY_TIMEOUT_MS / 1000,
            hide_parameters=True,
        )
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def _prepare_sqlite_file(path: Path) -> None:
    # Create the file owner-only before SQLite does, so notes never sit in a world-readable file.
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        with suppress(FileExistsError):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _on_sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own handling defers it and
    # cannot take the write lock up front); see _on_sqlite_begin.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit the bot has acknowledged survives power loss too, not just a crash.
        cursor.execute("PRAGMA synchronous = FULL")
        # Erased rows are overwritten in the file, not just unlinked.
        cursor.execute("PRAGMA secure_delete = ON")
    finally:
        cursor.close()


def _on_sqlite_begin(conn: Any) -> None:
    # Writers take the lock at BEGIN (IMMEDIATE) so they queue on busy_timeout instead of
    # failing with "database is locked" when a read transaction tries to upgrade.
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def writer(engine: Engine) -> Engine:
    """The engine variant for write transactions (BEGIN IMMEDIATE on SQLite)."""
    if engine.dialect.name == "sqlite":
        return engine.execution_options(sqlite_begin="IMMEDIATE")
    return engine


def alembic_config() -> Config:
    """Alembic configuration built in code, so migrations work from an installed wheel too."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest migration this code ships."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at (None for an empty database)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@contextmanager
def _migration_connection(engine: Engine) -> Iterator[Any]:
    with writer(engine).begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_MIGRATION_LOCK})
        yield conn


def migrate(engine: Engine, revision: str = "head") -> str:
    """Upgrade the schema (in one transaction) and return the revision now in force."""
    config = alembic_config()
    try:
        with _migration_connection(engine) as conn:
            config.attributes["connection"] = conn
            before = MigrationContext.configure(conn).get_current_revision()
            command.upgrade(config, revision)
            after = MigrationContext.configure(conn).get_current_revision()
    except CommandError as exc:
        raise SchemaProblem(
            f"The database at {safe_url(engine.url)} has schema version {_peek(engine)!s}, "
            f"which this version of Skillscoach does not know (newest known: "
            f"{head_revision()}). Upgrade Skillscoach; your data was not changed. ({exc})"
        ) from exc
    if before != after:
        log.info("database schema migrated from %s to %s", before, after)
    return after or ""


def _peek(engine: Engine) -> str | None:
    try:
        return current_revision(engine)
    except Exception:  # only used to enrich an error message
        return None
