"""python-telegram-bot persistence over the storage layer's encrypted key-value table.

Conversation states (and, when enabled, user/chat/bot data) live in the same database as
everything else instead of a pickle file, so a restart resumes flows and several workers
can later share one database. Values must be JSON-serialisable.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import MutableMapping
from typing import Any, Protocol

from telegram.ext import BasePersistence, ConversationHandler, PersistenceInput

log = logging.getLogger(__name__)

NAMESPACE = "telegram"

# The shapes python-telegram-bot uses (its own aliases live in a private module).
ConversationKey = tuple[int | str, ...]
ConversationDict = MutableMapping[ConversationKey, object]
CDCData = tuple[list[tuple[str, float, dict[str, Any]]], dict[str, str]]


class KeyValueStore(Protocol):
    """The part of storage.Store this module needs."""

    def kv_put(self, *, namespace: str, key: str, value: object | None) -> None: ...
    def kv_get(self, *, namespace: str, key: str) -> object | None: ...
    def kv_all(self, *, namespace: str) -> dict[str, object]: ...


def conversation_namespace(name: str) -> str:
    """The kv namespace holding one ConversationHandler's states."""
    return f"{NAMESPACE}.conversation.{name}"


def encode_key(key: ConversationKey) -> str:
    """A conversation key (tuple of ints/strs) as a kv key.

    >>> encode_key((42, 42))
    '[42, 42]'
    """
    return json.dumps(list(key))


def decode_key(raw: str) -> ConversationKey:
    """The inverse of encode_key.

    >>> decode_key('[42, 42]')
    (42, 42)
    """
    return tuple(json.loads(raw))


class StorePersistence(BasePersistence[dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """BasePersistence whose every write goes straight to the storage layer (nothing to flush)."""

    def __init__(
        self,
        store: KeyValueStore,
        *,
        store_data: PersistenceInput | None = None,
        update_interval: float = 5,
    ) -> None:
        super().__init__(store_data=store_data, update_interval=update_interval)
        self._store = store

    # --- helpers ------------------------------------------------------------------------------
    # No write-skipping cache: the storage layer deletes a user's rows itself when their
    # account is erased, and a cache would then wrongly believe a re-written state is stored.
    # PTB already hands over only conversations whose state was set since the last run.
    async def _put(self, namespace: str, key: str, value: object | None) -> None:
        await asyncio.to_thread(self._store.kv_put, namespace=namespace, key=key, value=value)

    async def _all(self, namespace: str) -> dict[str, object]:
        return await asyncio.to_thread(self._store.kv_all, namespace=namespace)

    async def _id_keyed(self, namespace: str) -> dict[int, dict[Any, Any]]:
        out: dict[int, dict[Any, Any]] = {}
        for key, value in (await self._all(namespace)).items():
            try:
                out[int(key)] = dict(value)  # type: ignore[call-overload]
            except (TypeError, ValueError):
                log.warning("skipping malformed %s entry", namespace)
        return out

    # --- user/chat/bot data -------------------------------------------------------------------
    async def get_user_data(self) -> dict[int, dict[Any, Any]]:
        """All stored user_data."""
        return await self._id_keyed(f"{NAMESPACE}.user_data")

    async def get_chat_data(self) -> dict[int, dict[Any, Any]]:
        """All stored chat_data."""
        return await self._id_keyed(f"{NAMESPACE}.chat_data")

    async def get_bot_data(self) -> dict[Any, Any]:
        """The stored bot_data (empty dict when none)."""
        value = await asyncio.to_thread(
            self._store.kv_get, namespace=f"{NAMESPACE}.bot_data", key="bot_data"
        )
        return dict(value) if isinstance(value, dict) else {}

    async def update_user_data(self, user_id: int, data: dict[Any, Any]) -> None:
        """Store one user's user_data."""
        await self._put(f"{NAMESPACE}.user_data", str(user_id), data)

    async def update_chat_data(self, chat_id: int, data: dict[Any, Any]) -> None:
        """Store one chat's chat_data."""
        await self._put(f"{NAMESPACE}.chat_data", str(chat_id), data)

    async def update_bot_data(self, data: dict[Any, Any]) -> None:
        """Store bot_data."""
        await self._put(f"{NAMESPACE}.bot_data", "bot_data", data)

    async def drop_user_data(self, user_id: int) -> None:
        """Delete one user's user_data."""
        await self._put(f"{NAMESPACE}.user_data", str(user_id), None)

    async def drop_chat_data(self, chat_id: int) -> None:
        """Delete one chat's chat_data."""
        await self._put(f"{NAMESPACE}.chat_data", str(chat_id), None)

    # The in-memory copy is authoritative within one process; nothing to refresh from the
    # database on every update (that would cost a read per message).
    async def refresh_user_data(self, user_id: int, user_data: dict[Any, Any]) -> None:
        """No-op: memory is authoritative in this process."""

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[Any, Any]) -> None:
        """No-op: memory is authoritative in this process."""

    async def refresh_bot_data(self, bot_data: dict[Any, Any]) -> None:
        """No-op: memory is authoritative in this process."""

    # --- callback data ------------------------------------------------------------------------
    async def get_callback_data(self) -> CDCData | None:
        """Stored arbitrary-callback-data cache, if any."""
        value = await asyncio.to_thread(
            self._store.kv_get, namespace=f"{NAMESPACE}.callback_data", key="callback_data"
        )
        if not isinstance(value, list) or len(value) != 2:
            return None
        buttons, mapping = value
        return [tuple(entry) for entry in buttons], dict(mapping)  # type: ignore[misc]

    async def update_callback_data(self, data: CDCData) -> None:
        """Store the arbitrary-callback-data cache."""
        buttons, mapping = data
        await self._put(
            f"{NAMESPACE}.callback_data", "callback_data", [[list(b) for b in buttons], mapping]
        )

    # --- conversations -------------------------------------------------------------------------
    async def get_conversations(self, name: str) -> ConversationDict:
        """All stored states of the named ConversationHandler."""
        out: dict[ConversationKey, object] = {}
        for key, state in (await self._all(conversation_namespace(name))).items():
            try:
                out[decode_key(key)] = state
            except (TypeError, ValueError):
                log.warning("skipping malformed conversation key in %s", name)
        return out

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        """Store one conversation's state; an ended conversation (None or END) is deleted."""
        # A non-blocking step that ended the conversation reaches us as END rather than None;
        # either way nothing needs to be kept.
        if new_state == ConversationHandler.END:
            new_state = None
        await self._put(conversation_namespace(name), encode_key(key), new_state)

    async def flush(self) -> None:
        """Nothing is buffered: every update was written when it happened."""
