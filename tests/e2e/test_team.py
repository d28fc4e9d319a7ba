"""/team in Telegram: the skills matrix arrives as a photo with its caption; the weekly digest."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.coach.test_team import png_size
from tests.e2e.conftest import ANNA_MANAGER, BotUnderTest, text_of
from tests.e2e.fakebotapi import FakeBotApi

pytestmark = pytest.mark.e2e


async def test_team_sends_the_matrix_as_a_photo_with_a_caption(
    bot: BotUnderTest, bot_api: FakeBotApi
):
    await bot.join(ANNA_MANAGER)
    await bot.say(ANNA_MANAGER, "/note Fatima Kent het team goed")
    await bot.say(ANNA_MANAGER, "/note Joost Nieuw in het team")
    await bot.say(ANNA_MANAGER, "/skills Fatima + plannen, Excel")
    await bot.say(ANNA_MANAGER, "/skills Joost + team: nieuw ERP-systeem")
    messages = await bot.say(ANNA_MANAGER, "/team")

    [call] = bot_api.calls_to("sendPhoto")
    assert call.params["chat_id"] == ANNA_MANAGER.id and call.params["parse_mode"] == "HTML"
    name, content = call.files["photo"]
    assert name.startswith("skillscoach-team-") and name.endswith(".png")
    width, height = png_size(content)
    assert width > 500 and height > 400
    photo = messages[0]
    assert photo.photo is not None
    assert photo.text.startswith("Je team: 2 medewerkers, 3 skills.")
    assert "Toe aan een gesprek (12 weken of langer geleden, of nog nooit): Fatima, Joost." in (
        photo.text
    )
    assert "Nodig, maar nog niemand kan het: nieuw ERP-systeem." in photo.text
    lines = text_of(messages[1:])
    assert "• Fatima: laatste gesprek – (nog nooit)" in lines and "toe aan een gesprek" in lines


async def test_the_weekly_digest_goes_out_once_on_the_chosen_day(
    bot: BotUnderTest, bot_api: FakeBotApi
):
    from bot.telegram.context import BotContext
    from bot.telegram.digest import send_digests

    await bot.join(ANNA_MANAGER)
    await bot.say(ANNA_MANAGER, "/note Fatima Kent het team goed")
    on = text_of(await bot.say(ANNA_MANAGER, "/reminders digest on vrijdag"))
    assert "elke vrijdag" in on
    context = BotContext(bot.application)
    friday = datetime(2026, 12, 4, 10, 0, tzinfo=ZoneInfo(bot.settings.timezone))
    before = len(bot_api.sent)
    assert await send_digests(context, now=friday.replace(hour=7)) == 0  # before the hour
    assert await send_digests(context, now=friday.replace(day=3)) == 0  # not the day
    assert await send_digests(context, now=friday) == 1
    assert await send_digests(context, now=friday) == 0  # claimed: never twice
    digest = text_of([m for m in bot_api.sent[before:] if m.chat_id == ANNA_MANAGER.id])
    assert digest.startswith("Je weekoverzicht")
    assert "Toe aan een gesprek (12 weken of langer geleden, of nog nooit): Fatima." in digest
