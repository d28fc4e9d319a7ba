"""The typed callback context: handlers reach the engine through it, never through raw dicts."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.telegram.access import Access, RateLimiter

if TYPE_CHECKING:
    from bot.app import App
    from bot.coach.service import Coach
    from bot.coach.types import Actor
    from bot.settings import Settings
    from storage.service import Store


# The key is the chat id, which for private chats is the user id, so erasing a manager's
# account removes the row with the rest of their Telegram state.
KEYBOARDS_NAMESPACE = "telegram.keyboards"


class BotData:
    """Long-lived state of one running bot; in memory, except each chat's current keyboard."""

    def __init__(self) -> None:
        self.core: App | None = None
        self.access: Access | None = None
        self.limiter = RateLimiter(per_minute=0)
        self.locks: dict[int, asyncio.Lock] = {}
        # Groups already told that the bot works in private chats only (memory, not stored).
        self.groups_told: set[int] = set()
        # The flow each chat's last engine reply left it in (Reply.flow), for routing.
        self.engine_flows: dict[int, str | None] = {}
        # The newest message with answer buttons per chat: older answer buttons are stale.
        # 0 once a flow has ended without a new keyboard: then no answer button is current.
        self.keyboards: dict[int, int] = {}
        # HR admins whose own command menu is registered (Telegram refuses it until they wrote).
        self.hr_menus: set[int] = set()
        # The message whose button each chat pressed last, so a double tap counts once.
        self.pressed: dict[int, int] = {}

    async def set_keyboard(self, chat_id: int, message_id: int) -> None:
        """Record the chat's current answer keyboard (0: none), in memory and in the database.

        Stored so that after a restart an answer button under an earlier question is still
        recognised as stale instead of answering whatever question the flow is at.
        """
        if self.keyboards.get(chat_id) == message_id:
            return
        self.keyboards[chat_id] = message_id
        if self.core is not None:
            await asyncio.to_thread(
                self.core.store.kv_put,
                namespace=KEYBOARDS_NAMESPACE,
                key=str(chat_id),
                value=message_id,
            )

    async def load_keyboards(self) -> None:
        """Restore the chats' current answer keyboards after a restart."""
        if self.core is None:
            return
        stored = await asyncio.to_thread(self.core.store.kv_all, namespace=KEYBOARDS_NAMESPACE)
        for key, value in stored.items():
            if key.lstrip("-").isdigit() and isinstance(value, int):
                self.keyboards.setdefault(int(key), value)

    def lock_for(self, user_id: int) -> asyncio.Lock:
        """One lock per user, so a user's messages are answered one at a time and in order."""
        lock = self.locks.get(user_id)
        if lock is None:
            lock = self.locks[user_id] = asyncio.Lock()
        return lock


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """CallbackContext with typed access to the engine and the current user's Actor."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        # Set by the access gate (group -1) for admitted users; the same context object is
        # passed to every handler of one update.
        self.actor: Actor | None = None
        self.lang: str = "nl"

    @property
    def core(self) -> App:
        """The composition root (engine, store, knowledge base)."""
        core = self.bot_data.core
        if core is None:
            raise RuntimeError("the bot's App was not attached")
        return core

    @property
    def coach(self) -> Coach:
        """The coaching engine."""
        return self.core.coach

    @property
    def store(self) -> Store:
        """The storage layer."""
        return self.core.store

    @property
    def settings(self) -> Settings:
        """The settings in force."""
        return self.core.settings

    @property
    def access(self) -> Access:
        """Access control."""
        access = self.bot_data.access
        if access is None:
            raise RuntimeError("access control was not attached")
        return access

    def require_actor(self) -> Actor:
        """The admitted user's Actor (the gate guarantees one for every handler in group 0)."""
        if self.actor is None:
            raise RuntimeError("handler reached without passing the access gate")
        return self.actor


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=BotData)
