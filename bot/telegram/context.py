"""The typed callback context: handlers reach the engine through it, never through raw dicts."""

from __future__ import annotations

import os
import secrets
import socket
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.telegram.access import Access, RateLimiter, SharedRateLimiter
from bot.telegram.chats import ChatStates

if TYPE_CHECKING:
    from bot.app import App
    from bot.coach.service import Coach
    from bot.coach.types import Actor
    from bot.settings import Settings
    from storage.service import Store


class BotData:
    """Long-lived state of one running bot process; facts shared by workers live in the store."""

    def __init__(self) -> None:
        self.core: App | None = None
        self.access: Access | None = None
        self.chats: ChatStates | None = None
        self.limiter: RateLimiter | SharedRateLimiter = RateLimiter(per_minute=0)
        # Groups already told that the bot works in private chats only (memory, not stored).
        self.groups_told: set[int] = set()
        # HR admins whose own command menu is registered (Telegram refuses it until they wrote).
        self.hr_menus: set[int] = set()
        # This process among the workers, for reminder claims: host, pid and a random part.
        self.worker = f"{socket.gethostname()[:32]}:{os.getpid()}:{secrets.token_hex(4)}"


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

    @property
    def chats(self) -> ChatStates:
        """Each chat's keyboard state (read and written under the chat's turn lock)."""
        chats = self.bot_data.chats
        if chats is None:
            raise RuntimeError("chat states were not attached")
        return chats

    def turn(self, chat_id: int) -> AbstractAsyncContextManager[None]:
        """Hold the chat's turn: one update of a user at a time, in order, across workers."""
        return self.store.turn_locks.hold(f"tg:{chat_id}")

    def require_actor(self) -> Actor:
        """The admitted user's Actor (the gate guarantees one for every handler in group 0)."""
        if self.actor is None:
            raise RuntimeError("handler reached without passing the access gate")
        return self.actor


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=BotData)
