"""The weekly digest on the JobQueue: on each manager's chosen weekday, from the reminder hour.

Whether a manager's digest of a day went out is a claim in the database
(``Store.claim_digest``), taken before sending: with several workers exactly one sends it, and
a restart on the same day does not send it again.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.telegram.access import telegram_user_id
from bot.telegram.context import BotContext
from bot.telegram.render import escape, split_text

if TYPE_CHECKING:
    from telegram.ext import JobQueue

log = logging.getLogger(__name__)

DIGEST_JOB = "skillscoach:digest"
DIGEST_INTERVAL = 600.0  # seconds between looks; the digest goes out within ten minutes


def schedule_digest(job_queue: JobQueue[BotContext], *, interval: float = DIGEST_INTERVAL) -> None:
    """Look for digests to send every ``interval`` seconds."""
    job_queue.run_repeating(send_digests, interval=interval, first=5.0, name=DIGEST_JOB)


async def send_digests(context: BotContext, now: datetime | None = None) -> int:
    """Send today's digests whose hour has come; the number sent."""
    settings, store, coach = context.settings, context.store, context.coach
    local = (now or datetime.now(ZoneInfo(settings.timezone))).astimezone(
        ZoneInfo(settings.timezone)
    )
    if local.hour < settings.reminder_hour:
        return 0
    day = local.date()
    managers = await asyncio.to_thread(store.digest_due, weekday=day.weekday(), day=day)
    sent = 0
    for manager in managers:
        chat_id = telegram_user_id(manager.external_id)
        if chat_id is None:
            continue  # a terminal user: nothing can be pushed to them
        if not await asyncio.to_thread(store.claim_digest, manager_id=manager.id, day=day):
            continue  # another worker has it
        try:
            text = await coach.digest_text(manager)
            for chunk in split_text(text):
                await context.bot.send_message(
                    chat_id, escape(chunk), parse_mode=ParseMode.HTML,
                    disable_web_page_preview=True,
                )  # fmt: skip
        except TelegramError:
            log.warning("the weekly digest of manager %s was not delivered", manager.id)
            continue
        sent += 1
    if sent:
        log.info("sent %s weekly digests", sent)
    return sent
