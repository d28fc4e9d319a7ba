"""Who gets in: invites, allow-list, HR admins; strangers and groups get one polite answer and
leave no trace; floods are slowed down; the command menu exists in both languages."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.settings import Settings
from tests.e2e.conftest import (
    ANNA_MANAGER,
    BERT_MANAGER,
    HR,
    STRANGER,
    BotUnderTest,
    text_of,
)
from tests.e2e.fakebotapi import FakeBotApi, FakeUser

pytestmark = pytest.mark.e2e


def database_mentions(settings: Settings, needle: str) -> list[str]:
    """Every table.column in the SQLite database whose value contains `needle`."""
    path = Path(settings.db_url.removeprefix("sqlite:///"))
    hits = []
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("select name from sqlite_master where type='table'")]
        for table in tables:
            cursor = db.execute(f'select * from "{table}"')
            columns = [d[0] for d in cursor.description]
            for row in cursor:
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, bytes):
                        value = value.decode("latin-1")
                    if value is not None and needle in str(value):
                        hits.append(f"{table}.{column}")
    return hits


async def test_unknown_user_is_refused_politely_and_nothing_is_stored(bot: BotUnderTest):
    replies = await bot.say(STRANGER, "Hoe bereid ik een gesprek voor met Anna?")
    assert len(replies) == 1
    assert "/join CODE" in text_of(replies)
    assert "Nothing about you has been stored" in text_of(replies)  # English client
    await bot.say(STRANGER, "/start")
    await bot.say(STRANGER, "/prep Anna")
    replies = await bot.say(STRANGER, "/join not-a-real-code")
    assert "does not work" in text_of(replies)
    assert database_mentions(bot.settings, str(STRANGER.id)) == []
    assert bot.core.store.get_manager(external_id=f"tg:{STRANGER.id}") is None


async def test_a_group_gets_one_answer_pointing_to_private_chat_and_nothing_is_stored(
    bot: BotUnderTest, bot_api: FakeBotApi
):
    member = FakeUser(555001, "Groepslid", "nl")
    bot_api.add_to_group(member, chat_id=-100555)
    for text in ("/start", "/prep Anna", "/help"):
        bot_api.send_group_text(member, text, chat_id=-100555)
    await bot.settle()
    answers = bot_api.messages_to(-100555)
    assert len(answers) == 1
    assert "privégesprek" in (answers[0].text or "")
    assert bot_api.messages_to(member.id) == []
    assert database_mentions(bot.settings, "555001") == []
    assert database_mentions(bot.settings, "100555") == []


async def test_hr_invites_a_manager_who_joins_with_the_code(bot: BotUnderTest):
    replies = await bot.say(ANNA_MANAGER, "/help")
    assert "/join CODE" in text_of(replies)
    welcome = await bot.join(ANNA_MANAGER)
    assert welcome, "no welcome after joining"
    assert "/join" not in text_of(welcome)
    manager = bot.core.store.get_manager(external_id=f"tg:{ANNA_MANAGER.id}")
    assert manager is not None and manager.role == "manager"
    again = await bot.say(ANNA_MANAGER, "/join whatever")
    assert "al toegang" in text_of(again)


async def test_an_invite_code_works_once(bot: BotUnderTest):
    (invite,) = await bot.say(HR, "/invite")
    code = next(
        (invite.text or "")[e["offset"] : e["offset"] + e["length"]]
        for e in invite.entities
        if e["type"] == "code"
    )
    assert f"?start={code}" in (invite.text or "")
    await bot.say(ANNA_MANAGER, f"/start {code}")  # the t.me deep link form
    replies = await bot.say(BERT_MANAGER, f"/join {code}")
    assert "does not work" in text_of(replies)
    assert bot.core.store.get_manager(external_id=f"tg:{BERT_MANAGER.id}") is None


async def test_managers_cannot_create_invites(bot: BotUnderTest):
    await bot.join(ANNA_MANAGER)
    replies = await bot.say(ANNA_MANAGER, "/invite")
    assert "Dit kan alleen HR" in text_of(replies)


async def test_invite_code_from_the_command_line_lets_a_manager_in(
    bot: BotUnderTest, monkeypatch, capsys
):
    from bot.cli import main

    monkeypatch.setenv("SKILLSCOACH_DATA_DIR", str(bot.settings.data_dir))
    assert main(["invite", "--days", "3"]) == 0
    code = capsys.readouterr().out.strip()
    replies = await bot.say(BERT_MANAGER, f"/join {code}")
    assert "does not work" not in text_of(replies)
    assert bot.core.store.get_manager(external_id=f"tg:{BERT_MANAGER.id}") is not None


async def test_allow_listed_users_get_in_without_an_invite(
    bot_api: FakeBotApi, bot_settings: Settings, core_factory
):
    settings = bot_settings.model_copy(update={"allowed_user_ids": [BERT_MANAGER.id]})
    runner = BotUnderTest(bot_api, settings, core_factory)
    await runner.start()
    try:
        replies = await runner.say(BERT_MANAGER, "/start")
        assert replies and "/join CODE" not in text_of(replies)
        refused = await runner.say(ANNA_MANAGER, "/start")
        assert "/join CODE" in text_of(refused)
    finally:
        await runner.stop()


async def test_start_explains_in_three_lines_what_the_bot_does_stores_and_deletes(
    bot: BotUnderTest,
):
    await bot.join(ANNA_MANAGER)
    replies = await bot.say(ANNA_MANAGER, "/start")
    text = text_of(replies)
    assert "/forget" in text or "/privacy" in text
    first = replies[0].text or ""
    assert len([line for line in first.splitlines() if line.strip()]) >= 3


async def test_a_flood_is_slowed_down_with_a_single_warning(
    bot_api: FakeBotApi, bot_settings: Settings, core_factory
):
    settings = bot_settings.model_copy(update={"rate_limit_per_minute": 3})
    runner = BotUnderTest(bot_api, settings, core_factory)
    await runner.start()
    try:
        for _ in range(8):
            bot_api.send_text(HR, "/help")
        await runner.settle()
        texts = [m.text or "" for m in bot_api.messages_to(HR.id)]
        warnings = [t for t in texts if "rustig aan" in t]
        assert len(warnings) == 1
        assert len(texts) - len(warnings) >= 3
    finally:
        await runner.stop()


async def test_the_command_menu_is_registered_in_dutch_and_english(
    bot: BotUnderTest, bot_api: FakeBotApi
):
    dutch = bot_api.commands["default::nl"]
    english = bot_api.commands["default::en"]
    assert {c["command"] for c in dutch} == {c["command"] for c in english}
    assert {"prep", "reflect", "practice", "forget", "cancel", "start"} <= {
        c["command"] for c in dutch
    }
    assert any("voorbereiden" in c["description"] for c in dutch)
    assert any("Prepare" in c["description"] for c in english)


async def test_an_hr_admin_gets_the_hr_menu_once_they_have_written_to_the_bot(
    bot_api: FakeBotApi, bot_settings: Settings, core_factory
):
    # Telegram (and the fake) refuse a chat-scoped menu until the admin has written once.
    runner = BotUnderTest(bot_api, bot_settings, core_factory)
    await runner.start()
    try:
        assert f"chat:{HR.id}:nl" not in bot_api.commands
        await runner.say(HR, "/start")
        await bot_api.wait_for(lambda: f"chat:{HR.id}:nl" in bot_api.commands)
        menu = {c["command"] for c in bot_api.commands[f"chat:{HR.id}:nl"]}
        assert {"invite", "docs", "removedoc", "prep"} <= menu
        assert f"chat:{HR.id}:en" in bot_api.commands
    finally:
        await runner.stop()


async def test_help_tells_hr_how_to_invite_and_add_guidance_and_managers_not(bot: BotUnderTest):
    hr_help = text_of(await bot.say(HR, "/help"))
    assert "/invite" in hr_help and "/docs" in hr_help and "stuur me het document" in hr_help
    welcome = text_of(await bot.say(HR, "/start"))
    assert "/invite" in welcome
    await bot.join(ANNA_MANAGER)
    manager_help = text_of(await bot.say(ANNA_MANAGER, "/help"))
    assert "/prep" in manager_help and "/invite" not in manager_help
