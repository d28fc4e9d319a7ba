"""Who may use the bot: HR admins from settings, invited or allow-listed managers; floods."""

from __future__ import annotations

import asyncio
import re
import time
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from bot.settings import Settings

Role = Literal["manager", "hr"]
PREFIX = "tg:"
INVITE_TTL_DAYS = 14
_CODE = re.compile(r"^[A-Za-z0-9_-]{4,64}$")


class _Manager(Protocol):
    # Read-only, so the storage layer's frozen views match.
    @property
    def role(self) -> str: ...
    @property
    def language(self) -> str | None: ...


class AccessStore(Protocol):
    """The part of storage.Store access control needs."""

    def get_manager(self, *, external_id: str) -> _Manager | None: ...
    def redeem_invite(self, *, code: str, external_id: str) -> _Manager | None: ...
    def create_invite(
        self, *, created_by: str, role: str = "manager", ttl_days: int = 14
    ) -> str: ...


def external_id(user_id: int) -> str:
    """The engine's id for a Telegram user.

    >>> external_id(42)
    'tg:42'
    """
    return f"{PREFIX}{user_id}"


def telegram_user_id(external: str) -> int | None:
    """The Telegram user id behind an engine id, or None for other front ends.

    >>> telegram_user_id("tg:42"), telegram_user_id("local:ann")
    (42, None)
    """
    if not external.startswith(PREFIX):
        return None
    try:
        return int(external.removeprefix(PREFIX))
    except ValueError:
        return None


def looks_like_code(text: str) -> bool:
    """True when text could be an invite code (so junk never reaches the database).

    >>> looks_like_code("a1B2-c3D4"), looks_like_code("hi there")
    (True, False)
    """
    return bool(_CODE.match(text))


@dataclass(frozen=True)
class Member:
    """A user who may use the bot."""

    role: Role
    language: str | None  # stored preference, when the engine has one


class Access:
    """Decides who is known. Reads only: nothing is written about users who are not admitted."""

    def __init__(self, settings: Settings, store: AccessStore) -> None:
        self._hr = frozenset(settings.hr_admin_ids)
        self._allowed = frozenset(settings.allowed_user_ids)
        self._store = store

    async def member(self, user_id: int) -> Member | None:
        """The user's role if they may use the bot, else None."""
        manager = await asyncio.to_thread(
            self._store.get_manager, external_id=external_id(user_id)
        )
        language = manager.language if manager is not None else None
        if user_id in self._hr:
            return Member("hr", language)
        # A stored "hr" role without a settings entry counts as manager: HR rights are
        # granted (and revoked) in settings only.
        if manager is not None or user_id in self._allowed:
            return Member("manager", language)
        return None

    async def redeem(self, user_id: int, code: str) -> bool:
        """Redeem an invite code for this user; False when it is unknown, used or expired."""
        if not looks_like_code(code):
            return False
        manager = await asyncio.to_thread(
            self._store.redeem_invite, code=code, external_id=external_id(user_id)
        )
        return manager is not None

    async def create_invite(self, user_id: int) -> str:
        """A new single-use manager invite code, created by this HR admin."""
        return await asyncio.to_thread(
            self._store.create_invite,
            created_by=external_id(user_id),
            role="manager",
            ttl_days=INVITE_TTL_DAYS,
        )


Verdict = Literal["ok", "warn", "quiet"]


class RateLimiter:
    """Per-user sliding window: at most `per_minute` updates in any 60 seconds.

    Kept in memory only, so it stores nothing about anyone: right for one process (SQLite).
    """

    def __init__(self, per_minute: int, window: float = 60.0) -> None:
        self.per_minute = per_minute
        self.window = window
        self._hits: dict[int, deque[float]] = {}
        self._warned: dict[int, float] = {}

    def allow(self, user_id: int, now: float | None = None) -> bool:
        """Count one update; False when the user is over the limit."""
        if self.per_minute <= 0:
            return True
        now = time.monotonic() if now is None else now
        hits = self._hits.setdefault(user_id, deque())
        while hits and now - hits[0] >= self.window:
            hits.popleft()
        if len(hits) >= self.per_minute:
            return False
        hits.append(now)
        self._prune(now)
        return True

    async def check(self, user_id: int) -> Verdict:
        """Count one update: "ok" to go on, else "warn" (once per window) or "quiet"."""
        if self.allow(user_id):
            return "ok"
        return "warn" if self.should_warn(user_id) else "quiet"

    def should_warn(self, user_id: int, now: float | None = None) -> bool:
        """True at most once per window per user, so a flood gets one warning, not many."""
        now = time.monotonic() if now is None else now
        last = self._warned.get(user_id)
        if last is not None and now - last < self.window:
            return False
        self._warned[user_id] = now
        return True

    def _prune(self, now: float) -> None:
        # Forget idle users so memory stays bounded by the active ones.
        if len(self._hits) < 1024:
            return
        for user_id in [u for u, h in self._hits.items() if not h or now - h[-1] >= self.window]:
            del self._hits[user_id]
            self._warned.pop(user_id, None)


class HitCounter(Protocol):
    """The part of storage.Store the shared limiter needs."""

    def count_hit(self, *, user: str, now: datetime, window: timedelta) -> int: ...


class SharedRateLimiter:
    """Per-user fixed window counted in the database, so the limit holds across workers.

    The store keeps only a keyed hash of the user per window and deletes finished windows.
    """

    def __init__(self, per_minute: int, store: HitCounter, window: float = 60.0) -> None:
        self.per_minute = per_minute
        self.window = timedelta(seconds=window)
        self._store = store

    async def check(self, user_id: int) -> Verdict:
        """Count one update: "ok" to go on, "warn" for the first one over the limit, "quiet"."""
        if self.per_minute <= 0:
            return "ok"
        hits = await asyncio.to_thread(
            self._store.count_hit,
            user=external_id(user_id),
            now=datetime.now(UTC),
            window=self.window,
        )
        if hits <= self.per_minute:
            return "ok"
        return "warn" if hits == self.per_minute + 1 else "quiet"
