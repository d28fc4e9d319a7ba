"""The document registry: which documents exist, which version of each answers, their chunks.

SQLite is the source of truth; Chroma and the BM25 files are derived from it and can be
rebuilt. A new version's chunks are written while the registry still points at the old
version; one UPDATE then flips `documents.version`. Searches only see chunks of the version
the registry names, so a process killed half-way leaves the old version answering.

Writers in different processes (the bot, `kb add`) are serialised by a file lock next to the
database (`Registry.writing`): version numbers come from one counter, and only the newest
version is ever published, so a slower writer never removes a newer version's passages.
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from knowledge.types import Chunk, DocumentInfo

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    version INTEGER NOT NULL,
    language TEXT NOT NULL,
    languages TEXT NOT NULL,
    source_name TEXT NOT NULL,
    origin TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    chunks INTEGER NOT NULL,
    added_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source_name);
CREATE TABLE IF NOT EXISTS versions (
    doc_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    started_at REAL NOT NULL,
    PRIMARY KEY (doc_id, version)
);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    language TEXT NOT NULL,
    ord INTEGER NOT NULL,
    title TEXT NOT NULL,
    section TEXT,
    section_no INTEGER NOT NULL,
    page INTEGER,
    text TEXT NOT NULL,
    topics TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id, version);
CREATE TABLE IF NOT EXISTS removed_shipped (doc_id TEXT PRIMARY KEY, removed_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS gaps (
    week TEXT NOT NULL,
    lang TEXT NOT NULL,
    term TEXT NOT NULL,
    manager TEXT NOT NULL,
    PRIMARY KEY (week, lang, term, manager)
);
CREATE TABLE IF NOT EXISTS renamed (doc_id TEXT PRIMARY KEY, title TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS history (
    doc_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    language TEXT NOT NULL,
    languages TEXT NOT NULL,
    source_name TEXT NOT NULL,
    origin TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    chunks INTEGER NOT NULL,
    added_at TEXT NOT NULL,
    passages TEXT NOT NULL,
    PRIMARY KEY (doc_id, version)
);
"""

# A version that never became current is only garbage-collected after this long: another
# process (the bot, a second `kb add`) may still be writing it.
ABANDONED_AFTER_S = 3600.0


@dataclass(frozen=True)
class DocumentRow:
    """A registry row, with the fields DocumentInfo leaves out."""

    info: DocumentInfo
    origin: str  # shipped | upload


class Registry:
    """SQLite-backed registry of documents, versions and chunks."""

    _BEGIN = "BEGIN IMMEDIATE"
    shared = False  # one machine's file; SharedRegistry (PostgreSQL) is shared by workers

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._conn = sqlite3.connect(
            path, check_same_thread=False, timeout=30, isolation_level=None
        )
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(SCHEMA)
        self._lock = threading.RLock()
        self._lock_path = path.with_name(path.name + ".lock")
        self._writer = threading.RLock()
        self._depth = 0
        self._lock_fd: int | None = None

    def close(self) -> None:
        """Close the database."""
        self._conn.close()

    @contextmanager
    def writing(self, *, wait: bool = True) -> Iterator[bool]:
        """Hold the knowledge base's write lock (across processes); yields False when busy.

        Re-entrant within a process. With `wait=False` it does not queue behind another
        writer: maintenance that can wait for the next start (garbage, healing) skips instead.
        """
        if not self._writer.acquire(blocking=wait):
            yield False
            return
        try:
            if self._depth == 0 and not self._lock_writers(wait):
                yield False
                return
            self._depth += 1
            try:
                yield True
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._unlock_writers()
        finally:
            self._writer.release()

    def _lock_writers(self, wait: bool) -> bool:
        """Take the cross-process write lock (a file lock); False when busy and not waiting."""
        fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            os.close(fd)
            return False
        except BaseException:
            os.close(fd)
            raise
        self._lock_fd = fd
        return True

    def _unlock_writers(self) -> None:
        # closing the descriptor releases the flock (also when the process dies)
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        # BEGIN IMMEDIATE takes the write lock up front: version numbers stay unique even when
        # the bot and a `kb add` in another process write at the same time.
        with self._lock:
            self._conn.execute(self._BEGIN)
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    # --- reading -----------------------------------------------------------------------------

    def generation(self) -> int:
        """A counter bumped by every change of what searches see (cheap to poll)."""
        with self._lock:
            row = self._conn.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        return int(row[0]) if row else 0

    def documents(self) -> list[DocumentRow]:
        """All documents at their current version, by id."""
        with self._lock:
            rows = self._conn.execute("SELECT * FROM documents ORDER BY doc_id").fetchall()
        return [_row(r) for r in rows]

    def get(self, doc_id: str) -> DocumentRow | None:
        """The document with this id, or None."""
        with self._lock:
            row = self._conn.execute(
                "SELECT * FROM documents WHERE doc_id=?", (doc_id,)
            ).fetchone()
        return _row(row) if row else None

    def find_by_source(self, source_name: str) -> DocumentRow | None:
        """The uploaded document that came from a file with this name, or None."""
        with self._lock:
            row = self._conn.execute(
                "SELECT * FROM documents WHERE source_name=? AND origin='upload' "
                "ORDER BY added_at DESC LIMIT 1",
                (source_name,),
            ).fetchone()
        return _row(row) if row else None

    def is_removed_shipped(self, doc_id: str) -> bool:
        """True when HR removed this shipped document (it must not come back on the next start)."""
        with self._lock:
            row = self._conn.execute(
                "SELECT 1 FROM removed_shipped WHERE doc_id=?", (doc_id,)
            ).fetchone()
        return row is not None

    def current_chunks(self) -> list[Chunk]:
        """Every chunk of every document's current version, in a stable order."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT c.* FROM chunks c JOIN documents d "
                "ON c.doc_id = d.doc_id AND c.version = d.version "
                "ORDER BY c.doc_id, c.language, c.ord"
            ).fetchall()
        return [_chunk(r) for r in rows]

    def chunk_ids(self) -> set[str]:
        """Ids of all stored chunks, current or not."""
        with self._lock:
            return {r[0] for r in self._conn.execute("SELECT chunk_id FROM chunks")}

    def chunks_of(self, doc_id: str, version: int) -> list[Chunk]:
        """The chunks of one version of one document."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT * FROM chunks WHERE doc_id=? AND version=? ORDER BY language, ord",
                (doc_id, version),
            ).fetchall()
        return [_chunk(r) for r in rows]

    # --- writing -----------------------------------------------------------------------------

    def allocate_version(self, doc_id: str, at_least: int = 1) -> int:
        """Reserve the next version number of `doc_id` (never reused, even after removal)."""
        with self._tx() as conn:
            row = conn.execute(
                "SELECT MAX(version) FROM versions WHERE doc_id=?", (doc_id,)
            ).fetchone()
            current = conn.execute(
                "SELECT version FROM documents WHERE doc_id=?", (doc_id,)
            ).fetchone()
            last = max(row[0] or 0, current[0] if current else 0)
            version = max(last + 1, at_least)
            conn.execute(
                "INSERT INTO versions (doc_id, version, started_at) VALUES (?, ?, ?)",
                (doc_id, version, time.time()),
            )
        return version

    def store_chunks(self, chunks: Iterable[Chunk]) -> None:
        """Write chunks of a version that is not current yet (invisible to searches)."""
        rows = [
            (
                c.chunk_id,
                c.doc_id,
                c.version,
                c.language,
                c.ord,
                c.title,
                c.section,
                c.section_no,
                c.page,
                c.text,
                json.dumps(list(c.topics)),
            )
            for c in chunks
        ]
        with self._tx() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO chunks (chunk_id, doc_id, version, language, ord, title, "
                "section, section_no, page, text, topics) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )

    def newest_version(self, doc_id: str) -> int:
        """The highest version number handed out for `doc_id` (0 when none)."""
        with self._lock:
            row = self._conn.execute(
                "SELECT MAX(version) FROM versions WHERE doc_id=?", (doc_id,)
            ).fetchone()
            current = self._conn.execute(
                "SELECT version FROM documents WHERE doc_id=?", (doc_id,)
            ).fetchone()
        return max(row[0] or 0, current[0] if current else 0)

    def publish(self, info: DocumentInfo, origin: str) -> tuple[bool, int | None]:
        """Make `info.version` the answering version of its document.

        Returns (published, the version it replaced). A version older than the current one is
        not published (a slower concurrent writer lost) and nothing is replaced.
        """
        with self._tx() as conn:
            row = conn.execute(
                "SELECT version FROM documents WHERE doc_id=?", (info.doc_id,)
            ).fetchone()
            previous = row[0] if row else None
            if previous is not None and previous > info.version:
                return False, None
            conn.execute(
                "INSERT OR REPLACE INTO documents (doc_id, title, version, language, languages, "
                "source_name, origin, content_hash, chunks, added_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    info.doc_id,
                    info.title,
                    info.version,
                    info.language,
                    json.dumps(info.languages),
                    info.source_name,
                    origin,
                    info.content_hash,
                    info.chunks,
                    info.added_at.isoformat(),
                ),
            )
            conn.execute("DELETE FROM removed_shipped WHERE doc_id=?", (info.doc_id,))
            _bump(conn)
        return True, previous

    def unpublish(self, doc_id: str) -> DocumentRow | None:
        """Remove a document from what searches see; returns its row (None when unknown)."""
        with self._tx() as conn:
            row = conn.execute("SELECT * FROM documents WHERE doc_id=?", (doc_id,)).fetchone()
            if row is None:
                return None
            conn.execute("DELETE FROM documents WHERE doc_id=?", (doc_id,))
            if row["origin"] == "shipped":
                conn.execute(
                    "INSERT OR REPLACE INTO removed_shipped (doc_id, removed_at) VALUES (?, ?)",
                    (doc_id, datetime.now(UTC).isoformat()),
                )
            _bump(conn)
        return _row(row)

    def delete_chunks(self, doc_id: str, version: int) -> list[str]:
        """Delete the chunks of one version; returns their ids (to delete from the index too)."""
        with self._tx() as conn:
            ids = [
                r[0]
                for r in conn.execute(
                    "SELECT chunk_id FROM chunks WHERE doc_id=? AND version=?", (doc_id, version)
                )
            ]
            conn.execute("DELETE FROM chunks WHERE doc_id=? AND version=?", (doc_id, version))
        return ids

    def garbage(self, now: float | None = None) -> list[tuple[str, int]]:
        """(doc_id, version) pairs with chunks that no search can see and no writer still needs."""
        now = time.time() if now is None else now
        with self._lock:
            rows = self._conn.execute(
                "SELECT DISTINCT c.doc_id, c.version, d.version AS current, v.started_at "
                "FROM chunks c LEFT JOIN documents d ON c.doc_id = d.doc_id "
                "LEFT JOIN versions v ON c.doc_id = v.doc_id AND c.version = v.version "
                "WHERE d.version IS NULL OR c.version != d.version"
            ).fetchall()
        out = []
        for row in rows:
            superseded = row["current"] is not None and row["version"] < row["current"]
            abandoned = (row["started_at"] or 0) < now - ABANDONED_AFTER_S
            if superseded or abandoned:
                out.append((row["doc_id"], row["version"]))
        return out

    def keep(self, row: DocumentRow, chunks: Sequence[Chunk], *, keep: int) -> None:
        """Keep a version that no longer (or not yet) answers, for `restore`; the newest `keep`."""
        info = row.info
        passages = json.dumps([_chunk_dict(c) for c in chunks], ensure_ascii=False)
        with self._tx() as conn:
            if keep > 0:
                conn.execute(
                    "INSERT OR REPLACE INTO history (doc_id, version, title, language, languages, "
                    "source_name, origin, content_hash, chunks, added_at, passages) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        info.doc_id,
                        info.version,
                        info.title,
                        info.language,
                        json.dumps(info.languages),
                        info.source_name,
                        row.origin,
                        info.content_hash,
                        info.chunks,
                        info.added_at.isoformat(),
                        passages,
                    ),
                )
            conn.execute(
                "DELETE FROM history WHERE doc_id=? AND version NOT IN "
                "(SELECT version FROM history WHERE doc_id=? ORDER BY version DESC LIMIT ?)",
                (info.doc_id, info.doc_id, keep),
            )

    def history(self, doc_id: str) -> list[DocumentRow]:
        """The kept versions of a document that do not answer now, newest first."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT * FROM history WHERE doc_id=? ORDER BY version DESC", (doc_id,)
            ).fetchall()
            current = self._conn.execute(
                "SELECT version FROM documents WHERE doc_id=?", (doc_id,)
            ).fetchone()
        now = current[0] if current else None
        return [_row(r) for r in rows if r["version"] != now]

    def kept_chunks(self, doc_id: str, version: int) -> list[Chunk]:
        """The passages of a kept version (empty when it is not kept)."""
        with self._lock:
            row = self._conn.execute(
                "SELECT passages FROM history WHERE doc_id=? AND version=?", (doc_id, version)
            ).fetchone()
        if row is None:
            return []
        return [Chunk(**{**c, "topics": tuple(c["topics"])}) for c in json.loads(row[0])]

    def forget_history(self, doc_id: str) -> None:
        """Drop every kept version and the rename of a document (it was removed)."""
        with self._tx() as conn:
            conn.execute("DELETE FROM history WHERE doc_id=?", (doc_id,))
            conn.execute("DELETE FROM renamed WHERE doc_id=?", (doc_id,))

    def rename(self, doc_id: str, title: str) -> bool:
        """Give a document HR's title (its current passages too); False when it is unknown."""
        with self._tx() as conn:
            row = conn.execute(
                "SELECT version FROM documents WHERE doc_id=?", (doc_id,)
            ).fetchone()
            if row is None:
                return False
            conn.execute("UPDATE documents SET title=? WHERE doc_id=?", (title, doc_id))
            conn.execute(
                "UPDATE chunks SET title=? WHERE doc_id=? AND version=?", (title, doc_id, row[0])
            )
            conn.execute(
                "INSERT OR REPLACE INTO renamed (doc_id, title) VALUES (?, ?)", (doc_id, title)
            )
            _bump(conn)
        return True

    def renamed_title(self, doc_id: str) -> str | None:
        """The title HR gave this document, which later versions keep; None when not renamed."""
        with self._lock:
            row = self._conn.execute(
                "SELECT title FROM renamed WHERE doc_id=?", (doc_id,)
            ).fetchone()
        return row[0] if row else None

    def count_gap(self, week: str, lang: str, terms: Iterable[str], manager: str) -> None:
        """Note that a manager (a salted hash) asked about these terms this week."""
        rows = [(week, lang, term, manager) for term in terms]
        with self._tx() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO gaps (week, lang, term, manager) VALUES (?, ?, ?, ?)", rows
            )

    def gap_rows(self) -> list[tuple[str, str, str, str]]:
        """Every (week, lang, term, manager key) noted."""
        with self._lock:
            rows = self._conn.execute("SELECT week, lang, term, manager FROM gaps").fetchall()
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    def stamp(self, key: str, value: str | None = None) -> str | None:
        """Read (value None) or write a small piece of index state (e.g. the BM25 fingerprint)."""
        with self._lock:
            if value is None:
                row = self._conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
                return row[0] if row else None
        with self._tx() as conn:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
        return value


def _bump(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('generation', '1') "
        "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
    )


def _chunk_dict(chunk: Chunk) -> dict[str, object]:
    return {
        "chunk_id": chunk.chunk_id,
        "doc_id": chunk.doc_id,
        "version": chunk.version,
        "title": chunk.title,
        "language": chunk.language,
        "text": chunk.text,
        "section": chunk.section,
        "section_no": chunk.section_no,
        "page": chunk.page,
        "ord": chunk.ord,
        "topics": list(chunk.topics),
    }


def _row(row: sqlite3.Row) -> DocumentRow:
    info = DocumentInfo(
        doc_id=row["doc_id"],
        title=row["title"],
        version=row["version"],
        language=row["language"],
        source_name=row["source_name"],
        chunks=row["chunks"],
        added_at=datetime.fromisoformat(row["added_at"]),
        content_hash=row["content_hash"],
        languages=json.loads(row["languages"]),
    )
    return DocumentRow(info=info, origin=row["origin"])


def _chunk(row: sqlite3.Row) -> Chunk:
    return Chunk(
        chunk_id=row["chunk_id"],
        doc_id=row["doc_id"],
        version=row["version"],
        title=row["title"],
        language=row["language"],
        text=row["text"],
        section=row["section"],
        section_no=row["section_no"],
        page=row["page"],
        ord=row["ord"],
        topics=tuple(json.loads(row["topics"])),
    )
