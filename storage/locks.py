"""One turn at a time per manager: in this process always, across processes on PostgreSQL.

Within a process an asyncio lock per key queues a manager's updates in arrival order. On
PostgreSQL each turn also holds a transaction-level advisory lock on the key, so two workers
behind a load balancer never interleave one manager's turns; if a worker dies, PostgreSQL ends
its transaction and the lock is free again. SQLite is one process by design: the asyncio lock
is enough there.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, text

# Turns of different managers that hold a lock (and so a PostgreSQL connection) at once, per
# worker. More updates wait in memory, in order; this keeps a worker at about 45 connections
# with its main pool (README: PostgreSQL's max_connections per worker).
TURNS_AT_ONCE = 30
# Poll interval while another worker holds the lock. Polling with try-locks keeps waiting
# turns off the thread pool (a blocking wait there could starve the holder of threads).
_RETRY_S = 0.01


def lock_key(key: str) -> int:
    """A stable signed 64-bit advisory-lock key for a string.

    >>> lock_key("tg:42") == lock_key("tg:42"), lock_key("tg:42") == lock_key("tg:43")
    (True, False)
    """
    digest = hashlib.blake2b(f"skillscoach:turn:{key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class TurnLocks:
    """`async with locks.hold(key)`: the turn of `key` runs alone."""

    def __init__(self, engine: Engine) -> None:
        self._shared = engine.dialect.name == "postgresql"
        # Lock holders get a pool of their own: a turn holding a lock must never wait for a
        # connection that other lock holders (waiting for that turn) have taken.
        self._engine = (
            create_engine(
                engine.url,
                pool_size=10,
                max_overflow=TURNS_AT_ONCE - 10,
                hide_parameters=True,
            )
            if self._shared
            else engine
        )
        self._slots = asyncio.Semaphore(TURNS_AT_ONCE)
        self._local: dict[str, asyncio.Lock] = {}
        self._waiting: dict[str, int] = {}

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        """Hold the lock of `key` for the block (queued behind earlier turns of the same key)."""
        lock = self._local.get(key)
        if lock is None:
            lock = self._local[key] = asyncio.Lock()
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                if not self._shared:
                    yield
                else:
                    # a slot only once it is this key's turn here: a manager's queued updates
                    # never take slots from other managers
                    async with self._slots:
                        conn = await self._acquire(key)
                        try:
                            yield
                        finally:
                            await asyncio.to_thread(_release, conn)
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:  # nobody queued: forget the lock, memory stays bounded
                del self._waiting[key]
                self._local.pop(key, None)

    def close(self) -> None:
        """Release the lock pool's connections."""
        if self._shared:
            self._engine.dispose()

    async def _acquire(self, key: str) -> Any:
        conn, held = await asyncio.to_thread(self._connect_and_try, lock_key(key))
        try:
            while not held:
                await asyncio.sleep(_RETRY_S)
                held = await asyncio.to_thread(_try_lock, conn, lock_key(key))
        except BaseException:
            await asyncio.to_thread(_release, conn)
            raise
        return conn

    def _connect_and_try(self, key: int) -> tuple[Any, bool]:
        # one trip to a worker thread for the usual case: the lock is free
        conn = self._engine.connect()
        try:
            return conn, _try_lock(conn, key)
        except BaseException:
            _release(conn)
            raise


def _try_lock(conn: Any, key: int) -> bool:
    # A failed try leaves the transaction open and clean, so the next try reuses it.
    if not conn.in_transaction():
        conn.begin()
    return bool(conn.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": key}).scalar())


def _release(conn: Any) -> None:
    # Ending the transaction releases the advisory lock; the connection goes back to the pool.
    try:
        if conn.in_transaction():
            conn.rollback()
    finally:
        conn.close()
