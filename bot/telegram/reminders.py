"""Reminders and housekeeping on the JobQueue.

Reminders live in the database (store.schedule_reminder), so a restart loses none: the job
polls every minute and sends whatever is due, including anything that fell due while the bot
was down. With several workers each one polls: a worker first claims due reminders with a lease
(one atomic statement, so each reminder goes to one worker), sends them, then marks them sent;
an agreement kept in a rhythm is scheduled again in the same transaction as that mark.
A worker that dies between claim and mark loses nothing: once its lease runs out, another
worker takes the claim over.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from telegram import InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.coach.types import Choice
from bot.telegram.access import telegram_user_id
from bot.telegram.context import BotContext
from bot.telegram.digest import schedule_digest
from bot.telegram.keyboards import choices_keyboard
from bot.telegram.render import escape
from bot.telegram.texts import t

if TYPE_CHECKING:
    from telegram.ext import Job, JobQueue

    from storage.views import ReminderView

log = logging.getLogger(__name__)

REMINDER_JOB = "skillscoach:reminders"
RETENTION_JOB = "skillscoach:retention"
RATES_JOB = "skillscoach:rates"


def schedule_jobs(
    job_queue: JobQueue[BotContext],
    *,
    reminder_interval: float = 60.0,
    first: float = 1.0,
    prune_rates: bool = False,
) -> Job[BotContext]:
    """Poll due reminders every `reminder_interval` seconds, apply note retention daily and
    send the weekly digests.

    With `prune_rates`, finished rate-limit windows are deleted from the database every few
    minutes (workers sharing PostgreSQL count there).
    """
    job_queue.run_repeating(
        apply_retention, interval=timedelta(days=1), first=timedelta(minutes=1), name=RETENTION_JOB
    )
    schedule_digest(job_queue)
    if prune_rates:
        job_queue.run_repeating(
            prune_rate_counts, interval=timedelta(minutes=5), first=60, name=RATES_JOB
        )
    return job_queue.run_repeating(
        send_due_reminders, interval=reminder_interval, first=first, name=REMINDER_JOB
    )


async def send_due_reminders(context: BotContext) -> None:
    """Claim the reminders that are due, send each to its manager and mark it sent."""
    store, coach = context.store, context.coach
    worker = context.bot_data.worker
    lease = timedelta(seconds=context.settings.reminder_lease_seconds)
    due = await asyncio.to_thread(
        store.claim_due_reminders, now=datetime.now(UTC), worker=worker, lease=lease
    )
    for reminder in due:
        chat_id = telegram_user_id(reminder.external_id)
        if chat_id is None:
            # a manager of another front end (the terminal chat): not ours to send
            await asyncio.to_thread(store.release_reminder, reminder_id=reminder.id, worker=worker)
            continue
        try:
            text = coach.reminder_text(reminder)
            await context.bot.send_message(
                chat_id,
                escape(text),
                parse_mode=ParseMode.HTML,
                disable_web_page_preview=True,
                reply_markup=_reminder_keyboard(reminder),
            )
        except (Forbidden, BadRequest):
            # Blocked the bot or the chat is gone: retrying every minute would never succeed.
            log.warning("reminder %s could not be delivered; dropped", reminder.id)
            await asyncio.to_thread(store.mark_reminder_sent, reminder_id=reminder.id)
        except TelegramError:
            log.warning("reminder %s not sent yet; will retry", reminder.id, exc_info=True)
            await asyncio.to_thread(store.release_reminder, reminder_id=reminder.id, worker=worker)
        else:
            log.info("reminder %s sent", reminder.id)
            # an agreement kept in a rhythm comes round again, until it is ticked off
            await asyncio.to_thread(
                store.mark_reminder_sent,
                reminder_id=reminder.id,
                repeat_at=coach.repeat_of(reminder),
                item_id=(reminder.payload or {}).get("item_id"),
            )


def _reminder_keyboard(reminder: ReminderView) -> InlineKeyboardMarkup | None:
    # Telegram makes a bare "/reflect" tappable, not "/reflect Anna"; a button does the latter.
    payload = reminder.payload or {}
    employee = payload.get("employee")
    if reminder.kind != "reflect" or not isinstance(employee, str) or not employee:
        return None
    lang = str(payload.get("lang")) if payload.get("lang") in ("nl", "en") else "nl"
    choice = Choice(label=t("reflect_now", lang), value=f"/reflect {employee}")
    return choices_keyboard([choice])


async def apply_retention(context: BotContext) -> None:
    """Delete notes past the retention period (a no-op unless the setting is set)."""
    if context.settings.note_retention_days is None:
        return
    removed = await asyncio.to_thread(context.store.apply_retention)
    log.info("retention removed %s notes", removed)


async def prune_rate_counts(context: BotContext) -> None:
    """Delete rate-limit counts of windows that are over."""
    await asyncio.to_thread(
        context.store.prune_hits, now=datetime.now(UTC), window=timedelta(minutes=1)
    )
