"""The Telegram Application: one place that builds the bot and registers every handler."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

from telegram import Update
from telegram.ext import AIORateLimiter, Application, PersistenceInput
from telegram.warnings import PTBUserWarning

from bot.telegram.access import Access, RateLimiter
from bot.telegram.commands import set_commands
from bot.telegram.context import CONTEXT_TYPES, BotContext, BotData
from bot.telegram.handlers import build_handlers, on_error
from bot.telegram.persistence import StorePersistence
from bot.telegram.reminders import schedule_jobs

if TYPE_CHECKING:
    from bot.app import App
    from bot.settings import Settings

SkillscoachApplication = Application[Any, BotContext, dict[Any, Any], dict[Any, Any], BotData, Any]

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
    settings: Settings, core: App, *, reminder_interval: float = 60.0
) -> SkillscoachApplication:
    """The bot for this App (engine, store, knowledge base), ready for polling or a webhook.

    The caller owns `core` and closes it after the Application stopped.
    """
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    # Only conversation states are persisted: user/chat data would create a row for every
    # Telegram id that ever wrote to the bot, including refused strangers.
    persistence = StorePersistence(
        core.store,
        store_data=PersistenceInput(
            bot_data=False, chat_data=False, user_data=False, callback_data=False
        ),
    )

    async def post_init(application: SkillscoachApplication) -> None:
        await application.bot_data.load_keyboards()
        application.bot_data.hr_menus |= await set_commands(application.bot, settings)
        if application.job_queue is not None:
            schedule_jobs(application.job_queue, reminder_interval=reminder_interval)

    application: SkillscoachApplication = (
        Application.builder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_api_base_url)
        .base_file_url(file_base_url(settings.telegram_api_base_url))
        .context_types(CONTEXT_TYPES)
        .persistence(persistence)
        .rate_limiter(AIORateLimiter(max_retries=2))
        .post_init(post_init)
        .build()
    )
    data = application.bot_data
    data.core = core
    data.access = Access(settings, core.store)
    data.limiter = RateLimiter(settings.rate_limit_per_minute)
    with warnings.catch_warnings():
        # Buttons are routed per chat on purpose (the engine tracks which question they answer),
        # so PTB's hint about per_message tracking of CallbackQueryHandlers does not apply.
        warnings.filterwarnings("ignore", message=".*per_message.*", category=PTBUserWarning)
        for group, handlers in build_handlers(data).items():
            application.add_handlers(handlers, group=group)
    application.add_error_handler(on_error)
    return application
