"""`skillscoach run` (the Telegram bot) and `skillscoach invite` (a manager invite code)."""

from __future__ import annotations

import argparse
import getpass
import logging
import secrets
import sys
from typing import Any
from urllib.parse import urlparse

from bot.settings import Settings
from bot.telegram.webhook import WebhookOptions

log = logging.getLogger(__name__)


def register(subparsers: Any) -> None:
    """Add the `run` and `invite` subcommands."""
    run = subparsers.add_parser(
        "run",
        help="run the Telegram bot",
        description="Run the Telegram bot: long polling, or a webhook worker when "
        "TELEGRAM_WEBHOOK_URL is set or --webhook is given. Needs TELEGRAM_BOT_TOKEN.",
    )
    run.add_argument(
        "--webhook",
        action="store_true",
        help="run as one of several webhook workers behind a load balancer (needs "
        "TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET, the same for every worker)",
    )
    run.set_defaults(func=run_bot)
    invite = subparsers.add_parser(
        "invite",
        help="create an invite code for a manager",
        description="Create a single-use invite code; the manager sends /join CODE to the bot.",
    )
    invite.add_argument("--days", type=int, default=14, help="days the code stays valid")
    invite.set_defaults(func=create_invite)


def run_bot(args: argparse.Namespace, settings: Settings) -> int:
    """Start the bot and block until it is stopped (Ctrl+C or SIGTERM)."""
    if settings.telegram_bot_token is None:
        print(
            "TELEGRAM_BOT_TOKEN is not set. Create a bot with @BotFather, then\n"
            "  export TELEGRAM_BOT_TOKEN=123456:ABC...\n"
            "and run `skillscoach run` again. Without a token, `skillscoach chat` works offline.",
            file=sys.stderr,
        )
        return 2
    webhook = bool(getattr(args, "webhook", False)) or bool(settings.telegram_webhook_url)
    if webhook and not settings.telegram_webhook_url:
        print("--webhook needs TELEGRAM_WEBHOOK_URL (the public https:// URL).", file=sys.stderr)
        return 2
    if getattr(args, "webhook", False) and settings.telegram_webhook_secret is None:
        print(
            "--webhook needs TELEGRAM_WEBHOOK_SECRET: every worker must check the same secret.",
            file=sys.stderr,
        )
        return 2
    import asyncio

    from bot.app import build_app
    from bot.telegram.app import ALLOWED_UPDATES, build_application
    from bot.telegram.webhook import serve

    # httpx logs every request URL at INFO, and Bot API URLs contain the bot token; the
    # scheduler would log every minute's reminder poll.
    for noisy in ("httpx", "apscheduler.executors"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLogger().level))
    core = build_app(settings)
    try:
        application = build_application(settings, core)
        if webhook:
            options = webhook_options(settings)
            log.info("starting webhook worker on %s:%s", options.listen, options.port)
            asyncio.run(serve(application, core, options, allowed=ALLOWED_UPDATES))
        else:
            log.info("starting long polling")
            application.run_polling(allowed_updates=ALLOWED_UPDATES)
    finally:
        core.close()
    return 0


def webhook_options(settings: Settings) -> WebhookOptions:
    """Where the worker listens, the public URL and path, and the secret."""
    url = settings.telegram_webhook_url
    if not url:
        raise ValueError("TELEGRAM_WEBHOOK_URL is not set")
    if not url.startswith("https://"):
        log.warning("Telegram only delivers webhooks to https:// URLs")
    secret = (
        settings.telegram_webhook_secret.get_secret_value()
        if settings.telegram_webhook_secret is not None
        # One process, one webhook: a random secret handed over with setWebhook is enough.
        else secrets.token_urlsafe(32)
    )
    return WebhookOptions(
        listen=settings.telegram_webhook_listen,
        port=settings.telegram_webhook_port,
        path=urlparse(url).path.lstrip("/"),
        url=url,
        secret=secret,
    )


def create_invite(args: argparse.Namespace, settings: Settings) -> int:
    """Print a new single-use manager invite code."""
    from storage.service import Store

    store = Store.open(settings)
    try:
        created_by = f"cli:{getpass.getuser()}"
        code = store.create_invite(created_by=created_by, role="manager", ttl_days=args.days)
    finally:
        store.close()
    print(code)
    print(
        f"The manager sends the bot: /join {code}  (valid {args.days} days, single use)",
        file=sys.stderr,
    )
    return 0
