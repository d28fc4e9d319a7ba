"""The baseline for bench/load.py: a bare python-telegram-bot echo bot as a webhook worker.

    TELEGRAM_BOT_TOKEN=... TELEGRAM_API_BASE_URL=... python bench/echo_bot.py PORT SECRET

Same library, same loopback Bot API, same webhook path as `skillscoach run --webhook`; it
answers every text with the text. Whatever Skillscoach costs beyond this is its own.
"""

from __future__ import annotations

import os
import sys

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the text back."""
    if update.effective_chat is not None and update.message is not None:
        await context.bot.send_message(update.effective_chat.id, update.message.text or "")


def main() -> None:
    """Run the echo bot's webhook until SIGTERM."""
    port, secret = int(sys.argv[1]), sys.argv[2]
    base = os.environ["TELEGRAM_API_BASE_URL"]
    application = (
        Application.builder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(base)
        .base_file_url(base.removesuffix("/bot") + "/file/bot")
        .build()
    )
    application.add_handler(MessageHandler(filters.TEXT, echo, block=False))
    application.run_webhook(
        listen="127.0.0.1",
        port=port,
        url_path="hook",
        webhook_url="https://bot.example.org/hook",
        secret_token=secret,
        allowed_updates=[Update.MESSAGE],
    )


if __name__ == "__main__":
    main()
