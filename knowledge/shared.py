"""The document registry in PostgreSQL, shared by every worker (with a Chroma server).

Same tables and statements as the SQLite registry (knowledge/registry.py), in a schema of
their own (`<schema>_kb`, next to the storage tables), reached through a thin adapter that
speaks SQLite's dialect to psycopg: `?` placeholders, INSERT OR REPLACE / OR IGNORE. Writers on
different machines are serialised by a session-level advisory lock instead of a file lock; it
is released when its connection ends, so a dead writer frees it too. The generation counter
in `meta` is what every worker polls to notice a new version.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Sequence
from typing import Any

from sqlalchemy import make_url

from knowledge.registry import SCHEMA, Registry

# Primary keys, for turning SQLite's INSERT OR REPLACE into ON CONFLICT ... DO UPDATE.
_KEYS = {
    "documents": ("doc_id",),
    "chunks": ("chunk_id",),
    "removed_shipped": ("doc_id",),
    "history": ("doc_id", "version"),
    "renamed": ("doc_id",),
    "meta": ("key",),
}
_REPLACE = re.compile(r"^INSERT OR REPLACE INTO (\w+) \(([^)]*)\)", re.S)
_IGNORE = re.compile(r"^INSERT OR IGNORE INTO ", re.S)
WRITE_LOCK = 0x5C0AC5  # any constant: the knowledge base's writers, across machines
SCHEMA_LOCK = 0x5C0AC6  # creating the schema (two workers may start at once)


def translate(sql: str) -> str:
    """One registry statement in PostgreSQL's dialect.

    >>> translate("INSERT OR REPLACE INTO renamed (doc_id, title) VALUES (?, ?)")
    'INSERT INTO renamed (doc_id, title) VALUES (%s, %s) ON CONFLICT (doc_id) DO UPDATE SET title = EXCLUDED.title'
    >>> translate("INSERT OR IGNORE INTO gaps (week) VALUES (?)")
    'INSERT INTO gaps (week) VALUES (%s) ON CONFLICT DO NOTHING'
    """  # noqa: E501
    sql = sql.replace("?", "%s").replace("BEGIN IMMEDIATE", "BEGIN")
    sql = sql.replace(" REAL ", " DOUBLE PRECISION ")
    sql = sql.replace(
        "SET value = CAST(value AS INTEGER)", "SET value = CAST(meta.value AS INTEGER)"
    )
    replace = _REPLACE.match(sql)
    if replace is not None:
        table, columns = replace.group(1), [c.strip() for c in replace.group(2).split(",")]
        keys = _KEYS[table]
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns if c not in keys)
        sql = sql.replace("INSERT OR REPLACE INTO", "INSERT INTO", 1)
        sql += f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}"
    elif _IGNORE.match(sql):
        sql = sql.replace("INSERT OR IGNORE INTO", "INSERT INTO", 1) + " ON CONFLICT DO NOTHING"
    return sql


class _Row(tuple):  # type: ignore[type-arg]
    """A result row readable by position and by column name, like sqlite3.Row."""

    names: dict[str, int]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return super().__getitem__(self.names[key])
        return super().__getitem__(key)

    def keys(self) -> list[str]:
        """The column names."""
        return list(self.names)


def _row_factory(cursor: Any) -> Any:
    names = {column.name: i for i, column in enumerate(cursor.description or [])}

    def make(values: Sequence[Any]) -> _Row:
        row = _Row(values)
        row.names = names
        return row

    return make


class _Connection:
    """The sqlite3.Connection methods the registry uses, on one psycopg connection."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(translate(sql), tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._conn.cursor() as cursor:
            cursor.executemany(translate(sql), [tuple(r) for r in rows])

    def executescript(self, script: str) -> None:
        for statement in script.split(";"):
            if statement.strip():
                self._conn.execute(translate(statement.strip()))

    def close(self) -> None:
        self._conn.close()


def kb_schema(database_url: str) -> str:
    """The schema for the registry: next to the storage tables' schema, suffixed `_kb`.

    >>> kb_schema("postgresql+psycopg://u:p@h/db")
    'skillscoach_kb'
    >>> kb_schema("postgresql+psycopg://u:p@h/db?options=-csearch_path%3Dtest_1")
    'test_1_kb'
    """
    options = make_url(database_url).query.get("options", "")
    found = re.search(r"search_path=([\w]+)", options if isinstance(options, str) else "")
    return f"{found.group(1)}_kb" if found else "skillscoach_kb"


def conninfo(database_url: str) -> str:
    """A libpq connection string for a SQLAlchemy PostgreSQL URL (psycopg takes it as is)."""
    url = make_url(database_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


class SharedRegistry(Registry):
    """The registry in PostgreSQL: one source of truth for documents and active versions."""

    _BEGIN = "BEGIN"
    shared = True

    def __init__(self, database_url: str) -> None:  # noqa: D107 - no super().__init__ on purpose
        import psycopg

        self.path = None  # type: ignore[assignment]  # no file: tests and tools check for it
        self.schema = kb_schema(database_url)
        raw = psycopg.connect(conninfo(database_url), autocommit=True, row_factory=_row_factory)
        self._conn = _Connection(raw)  # type: ignore[assignment]
        self._lock = threading.RLock()
        self._writer = threading.RLock()
        self._depth = 0
        self._lock_fd = None
        with self._lock:
            raw.execute("BEGIN")
            raw.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
            raw.execute(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"')
            raw.execute(f'SET search_path TO "{self.schema}"')
            self._conn.executescript(SCHEMA)
            raw.execute("COMMIT")
        self._raw = raw

    def _lock_writers(self, wait: bool) -> bool:
        # Try-locks, polled: a blocking wait would hold the connection (and every reader of
        # this process) for as long as another worker's upload runs.
        while True:
            with self._lock:
                row = self._raw.execute(
                    "SELECT pg_try_advisory_lock(%s)", (WRITE_LOCK,)
                ).fetchone()
            locked = bool(row and row[0])
            if locked or not wait:
                return locked
            time.sleep(0.05)

    def _unlock_writers(self) -> None:
        with self._lock:
            self._raw.execute("SELECT pg_advisory_unlock(%s)", (WRITE_LOCK,))

    def drop(self) -> None:
        """Delete the registry's schema (tests)."""
        with self._lock:
            self._raw.execute(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE')
