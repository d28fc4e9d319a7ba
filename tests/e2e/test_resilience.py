"""When things go wrong the user hears so politely and the log has the traceback but no
content; long replies fit Telegram; webhooks demand the secret token."""

from __future__ import annotations

import logging
import re
import socket

import httpx
import pytest

from tests.e2e.conftest import ANNA_MANAGER, HR, BotUnderTest, eventually, text_of
from tests.e2e.fakebotapi import FakeBotApi

pytestmark = pytest.mark.e2e

SECRET_QUESTION = "Mijn medewerker Karel de Vries heeft een burn-out, wat nu?"


async def test_an_engine_failure_is_logged_without_content_and_the_user_is_reassured(
    bot: BotUnderTest, monkeypatch, caplog
):
    await bot.join(ANNA_MANAGER)

    async def broken(actor, text, **kwargs):
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(bot.core.coach, "handle", broken)
    with caplog.at_level(logging.INFO):
        replies = await bot.say(ANNA_MANAGER, SECRET_QUESTION)
    assert "Er ging iets mis" in text_of(replies)
    assert "niets verloren" in text_of(replies)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors and errors[0].exc_info is not None, "logged with the traceback"
    for record in caplog.records:
        assert "Karel" not in record.getMessage()
        assert "burn-out" not in record.getMessage()


async def test_a_failing_telegram_call_is_survived(bot: BotUnderTest, bot_api: FakeBotApi):
    await bot.join(ANNA_MANAGER)
    bot_api.fail_next["sendMessage"] = 1
    replies = await bot.say(ANNA_MANAGER, "/help")
    assert "Er ging iets mis" in text_of(replies)
    assert "/prep" in text_of(await bot.say(ANNA_MANAGER, "/help")), "the bot still works"


async def test_typing_shows_only_when_an_answer_takes_a_while(
    bot: BotUnderTest, bot_api: FakeBotApi, monkeypatch
):
    import bot.telegram.handlers as handlers

    await bot.join(ANNA_MANAGER)
    # A reply within the threshold sends no chat action (it would count against the rate limit)
    monkeypatch.setattr(handlers, "_TYPING_AFTER", 3600.0)
    await bot.say(ANNA_MANAGER, "Hoe geef ik ruimte aan een medewerker die wil groeien?")
    assert bot_api.calls_to("sendChatAction") == []
    # ... a slower one shows "typing…" (here: an answer that waits until it was shown)
    monkeypatch.setattr(handlers, "_TYPING_AFTER", 0.0)
    coach = bot.core.coach
    answer = coach.handle

    async def slow(*args, **kwargs):
        await bot_api.wait_for(lambda: bot_api.calls_to("sendChatAction"))
        return await answer(*args, **kwargs)

    monkeypatch.setattr(coach, "handle", slow)
    await bot.say(ANNA_MANAGER, "Hoe geef ik ruimte aan een medewerker die wil groeien?")
    actions = [c.params for c in bot_api.calls_to("sendChatAction")]
    assert {"chat_id": ANNA_MANAGER.id, "action": "typing"} in [
        {k: a[k] for k in ("chat_id", "action")} for a in actions
    ]


async def test_a_long_reply_is_split_into_valid_messages_that_add_up_to_the_text(
    bot: BotUnderTest, bot_api: FakeBotApi
):
    from bot.coach.types import Choice, Reply, Source
    from bot.telegram.context import BotContext
    from bot.telegram.handlers import send_reply

    paragraph = "Vraag door: <wat> & <waarom>? 👩‍👩‍👧 Kijk naar skills, niet naar functies. " * 12
    text = "\n\n".join(f"{i}. {paragraph}" for i in range(14))
    assert len(text) > 3 * 4096
    reply = Reply(
        text=text,
        choices=[Choice("Verder", "verder")],
        sources=[Source("gids", "Gids <richting> & ruimte", 2, "Kader")],
    )
    before = len(bot_api.sent)
    await send_reply(BotContext(bot.application), ANNA_MANAGER.id, reply)
    sent = bot_api.sent[before:]
    assert len(sent) >= 4
    assert all(len((m.text or "").encode("utf-16-le")) // 2 <= 4096 for m in sent)
    assert [bool(m.buttons) for m in sent] == [False] * (len(sent) - 1) + [True]
    seen = "".join("".join(m.text or "" for m in sent).split())
    assert "".join(text.split()) in seen, "nothing lost or mangled between the chunks"
    assert "Gids <richting> & ruimte" in (sent[-1].text or "")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_webhook_mode_accepts_only_calls_with_the_secret_token(
    bot_api: FakeBotApi, bot_settings, core_factory
):
    from pydantic import SecretStr

    from bot.telegram.cli import webhook_options

    port = _free_port()
    settings = bot_settings.model_copy(
        update={
            "telegram_webhook_url": "https://bot.example.org/telegram/hook",
            "telegram_webhook_secret": SecretStr("s3cret-token"),
            "telegram_webhook_port": port,
        }
    )
    options = webhook_options(settings)
    assert options.path == "telegram/hook"
    runner = BotUnderTest(bot_api, settings, core_factory)
    await runner.start(webhook=options)
    try:
        assert bot_api.webhook is not None
        assert bot_api.webhook["url"] == "https://bot.example.org/telegram/hook"
        assert bot_api.webhook["secret_token"] == "s3cret-token"
        update = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": HR.id, "type": "private"},
                "from": HR.as_dict(),
                "text": "/help",
                "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
            },
        }
        url = f"http://127.0.0.1:{port}/telegram/hook"
        async with httpx.AsyncClient() as client:
            forged = await client.post(url, json=update)
            wrong = await client.post(
                url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "guess"}
            )
            good = await client.post(
                url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"}
            )
        assert forged.status_code == 403 and wrong.status_code == 403
        assert good.status_code == 200
        await eventually(lambda: bot_api.messages_to(HR.id))
        await runner.settle()
        assert "/prep" in text_of(bot_api.messages_to(HR.id))
        async with httpx.AsyncClient() as client:
            health = await client.get(f"http://127.0.0.1:{port}/healthz")
            ready = await client.get(f"http://127.0.0.1:{port}/readyz")
        assert health.status_code == 200, health.text
        assert health.json() == {"database": True, "vector_store": True, "knowledge": True}
        assert ready.status_code == 200
    finally:
        await runner.stop()


async def test_a_slow_answer_for_one_manager_does_not_hold_up_another(
    bot: BotUnderTest, bot_api: FakeBotApi, monkeypatch
):
    import asyncio

    await bot.join(ANNA_MANAGER)
    release = asyncio.Event()
    original = bot.core.coach.handle

    async def slow_for_anna(actor, text, **kwargs):
        if actor.external_id == f"tg:{ANNA_MANAGER.id}":
            await release.wait()  # a slow language model, say
        return await original(actor, text, **kwargs)

    monkeypatch.setattr(bot.core.coach, "handle", slow_for_anna)
    before = len(bot_api.messages_to(ANNA_MANAGER.id))
    bot_api.send_text(ANNA_MANAGER, "Hoe geef ik feedback op ambities?")
    bot_api.send_text(HR, "/help")
    await bot_api.wait_for(lambda: bot_api.messages_to(HR.id), 60)
    assert len(bot_api.messages_to(ANNA_MANAGER.id)) == before, "Anna is still waiting"
    release.set()
    await bot.settle()
    assert len(bot_api.messages_to(ANNA_MANAGER.id)) > before


async def test_quick_successive_answers_are_handled_in_order(
    bot: BotUnderTest, bot_api: FakeBotApi
):
    await bot.join(ANNA_MANAGER)
    await bot.say(ANNA_MANAGER, "/prep Anna")
    before = len(bot_api.messages_to(ANNA_MANAGER.id))
    for answer in ("morgen", "Zicht op haar ambities", "Ze plant goed"):
        bot_api.send_text(ANNA_MANAGER, answer)
    await bot.settle()
    questions = [m.text or "" for m in bot_api.messages_to(ANNA_MANAGER.id)[before:]]
    steps = [int(s) for q in questions for s in re.findall(r"\((\d)/\d+\)", q)[:1]]
    assert steps == sorted(steps) and len(steps) == 3, questions


async def test_a_language_model_answer_streams_into_a_draft_that_the_final_answer_replaces(
    bot_api: FakeBotApi, bot_settings, monkeypatch
):
    from pydantic import SecretStr

    from bot.app import build_app
    from tests.llm_server import LLMServer

    with LLMServer() as llm:
        llm.reply = lambda request: (
            "Geef je medewerker ruimte om te groeien: vraag wat ze wil leren en spreek samen "
            "een eerste stap af [1]."
        )
        settings = bot_settings.model_copy(
            update={"llm_base_url": llm.url, "llm_api_key": SecretStr("test-key")}
        )
        runner = BotUnderTest(bot_api, settings, lambda: build_app(settings))
        await runner.start()
        try:
            await runner.join(ANNA_MANAGER)
            replies = await runner.say(
                ANNA_MANAGER, "Hoe geef ik ruimte aan een medewerker die wil groeien?"
            )
        finally:
            await runner.stop()
        assert any(r.get("stream") for r in llm.requests), "the answer was streamed"
    answer = replies[0]
    assert (answer.original or "").endswith(" …"), "a draft was shown while streaming"
    assert answer.edits, "the draft was edited into the final answer"
    assert "eerste stap" in (answer.text or "")
    assert not (answer.text or "").endswith(" …")
    assert not any((m.text or "").endswith(" …") for m in replies)
