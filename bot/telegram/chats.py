"""Each chat's buttons state, kept in the database so any worker can judge a button press.

Two facts per chat: the message carrying the current answer keyboard (older answer buttons are
stale) and the message whose button was pressed last (a second press on it is a double tap).
They are read and written only while the chat's turn lock is held, so a read-check-write here
is atomic across workers too.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Protocol

# The key is the chat id, which for private chats is the user id, so erasing a manager's
# account removes the row with the rest of their Telegram state.
NAMESPACE = "telegram.keyboards"


class KeyValueStore(Protocol):
    """The part of storage.Store this module needs."""

    def kv_put(self, *, namespace: str, key: str, value: object | None) -> None: ...
    def kv_get(self, *, namespace: str, key: str) -> object | None: ...


@dataclass
class ChatState:
    """The newest answer keyboard (0: none is current; None: never had one) and the last press."""

    keyboard: int | None = None
    pressed: int | None = None
    # what the database holds, so an unchanged state is not written again
    saved: tuple[int | None, int | None] | None = field(default=None, compare=False, repr=False)

    @property
    def dirty(self) -> bool:
        """True when the state differs from what is stored."""
        return self.saved != (self.keyboard, self.pressed)

    @classmethod
    def decode(cls, value: object) -> ChatState:
        """From the stored JSON (an int from before presses were stored counts as the keyboard).

        >>> ChatState.decode({"keyboard": 5, "pressed": 4}), ChatState.decode(7)
        (ChatState(keyboard=5, pressed=4), ChatState(keyboard=7, pressed=None))
        >>> ChatState.decode("junk")
        ChatState(keyboard=None, pressed=None)
        """
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(keyboard=value)
        if not isinstance(value, dict):
            return cls()
        keyboard, pressed = value.get("keyboard"), value.get("pressed")
        return cls(
            keyboard=keyboard if isinstance(keyboard, int) else None,
            pressed=pressed if isinstance(pressed, int) else None,
        )

    def encode(self) -> dict[str, int | None]:
        """The JSON to store."""
        return {"keyboard": self.keyboard, "pressed": self.pressed}


class ChatStates:
    """Reads and writes ChatState rows (call only under the chat's turn lock)."""

    def __init__(self, store: KeyValueStore) -> None:
        self._store = store

    async def get(self, chat_id: int) -> ChatState:
        """The chat's state (empty when nothing was stored)."""
        value = await asyncio.to_thread(self._store.kv_get, namespace=NAMESPACE, key=str(chat_id))
        state = ChatState.decode(value)
        state.saved = (state.keyboard, state.pressed)  # an empty state needs no row either
        return state

    async def put(self, chat_id: int, state: ChatState) -> None:
        """Store the chat's state."""
        await asyncio.to_thread(
            self._store.kv_put, namespace=NAMESPACE, key=str(chat_id), value=state.encode()
        )
        state.saved = (state.keyboard, state.pressed)
