"""The Telegram Application: one place that builds the bot and registers every handler."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from telegram import Update
from telegram.ext import AIORateLimiter, Application

from bot.telegram.access import Access, RateLimiter, SharedRateLimiter
from bot.telegram.chats import ChatStates
from bot.telegram.commands import set_commands
from bot.telegram.context import CONTEXT_TYPES, BotContext, BotData
from bot.telegram.handlers import build_handlers, on_error
from bot.telegram.reminders import schedule_jobs

if TYPE_CHECKING:
    from bot.app import App
    from bot.settings import Settings

SkillscoachApplication = Application[Any, BotContext, dict[Any, Any], dict[Any, Any], BotData, Any]

WORKER_THREADS = 32
# Only what the bot reacts to; everything else is never even fetched.
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.MY_CHAT_MEMBER]


def file_base_url(api_base_url: str) -> str:
    """The file download URL that belongs to a Bot API base URL.

    >>> file_base_url("https://api.telegram.org/bot")
    'https://api.telegram.org/file/bot'
    >>> file_base_url("http://127.0.0.1:8081/bot")
    'http://127.0.0.1:8081/file/bot'
    """
    base = api_base_url.rstrip("/")
    if base.endswith("/bot"):
        return base.removesuffix("/bot") + "/file/bot"
    if base.endswith("/bot{token}"):
        return base.removesuffix("/bot{token}") + "/file/bot{token}"
    return base + "/file/bot"


def build_application(
    settings: Settings, core: App, *, reminder_interval: float | None = None
) -> SkillscoachApplication:
    """The bot for this App (engine, store, knowledge base), ready for polling or a webhook.

    The caller owns `core` and closes it after the Application stopped.
    """
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")

    # No PTB persistence: the engine keeps each manager's flow in the database, and the chats'
    # keyboard state is stored there too (ChatStates), so nothing lives only in one process.
    async def post_init(application: SkillscoachApplication) -> None:
        # Store and knowledge-base calls run in threads and mostly wait on the database: more
        # threads than asyncio's default (CPU count + 4) keep many chats' turns moving.
        asyncio.get_running_loop().set_default_executor(
            ThreadPoolExecutor(max_workers=WORKER_THREADS, thread_name_prefix="skillscoach")
        )
        await core.coach.warm()
        if core.kb.registry.shared:
            core.kb.watch()  # other workers' uploads answer here within seconds
        application.bot_data.hr_menus |= await set_commands(application.bot, settings)
        if application.job_queue is not None:
            schedule_jobs(
                application.job_queue,
                reminder_interval=reminder_interval or settings.reminder_poll_seconds,
                prune_rates=shared,
            )

    application: SkillscoachApplication = (
        Application.builder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_api_base_url)
        .base_file_url(file_base_url(settings.telegram_api_base_url))
        .context_types(CONTEXT_TYPES)
        .rate_limiter(AIORateLimiter(max_retries=2))
        .post_init(post_init)
        .build()
    )
    data = application.bot_data
    data.core = core
    data.access = Access(settings, core.store)
    data.chats = ChatStates(core.store)
    # One process on SQLite counts in memory (no write per update); workers sharing
    # PostgreSQL count in the database, so the limit holds whichever worker gets the update.
    shared = core.store.engine.dialect.name == "postgresql"
    data.limiter = (
        SharedRateLimiter(settings.rate_limit_per_minute, core.store)
        if shared
        else RateLimiter(settings.rate_limit_per_minute)
    )
    for group, handlers in build_handlers().items():
        application.add_handlers(handlers, group=group)
    application.add_error_handler(on_error)
    return application
