"""Buttons the way thumbs press them: twice in a row, or long after the question was over."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import ANNA_MANAGER, BotUnderTest, text_of, with_buttons
from tests.e2e.fakebotapi import FakeBotApi

pytestmark = pytest.mark.e2e


async def test_a_double_tap_on_a_choice_answers_only_one_question(
    bot: BotUnderTest, bot_api: FakeBotApi
):
    await bot.join(ANNA_MANAGER)
    await bot.say(ANNA_MANAGER, "/prep Anna")
    question = with_buttons(await bot.say(ANNA_MANAGER, "morgen"))  # (2/8) with choices
    value = [v for _, v in question.buttons if v != "-"][0]

    before = len(bot_api.sent)
    bot_api.press(ANNA_MANAGER, question, value)
    bot_api.press(ANNA_MANAGER, question, value)  # the second tap arrives before any answer
    await bot.settle()

    new = text_of([m for m in bot_api.sent[before:] if m.chat_id == ANNA_MANAGER.id])
    assert "(3/8)" in new
    assert "(4/8)" not in new, "the second tap answered the next question too"
    assert len(bot_api.calls_to("answerCallbackQuery")) == 2, "both taps are acknowledged"
    # The third question still takes the manager's own answer.
    typed = await bot.say(ANNA_MANAGER, "Ze plant als de beste en helpt collega's met Excel")
    assert "(4/8)" in text_of(typed)


async def test_an_answer_button_pressed_after_its_flow_ended_is_not_taken_as_a_question(
    bot: BotUnderTest, bot_api: FakeBotApi
):
    await bot.join(ANNA_MANAGER)
    first = with_buttons(await bot.say(ANNA_MANAGER, "/reflect Anna"))
    stale = [v for _, v in first.buttons if v not in ("-", "/cancel")][0]
    buttons = first.reply_markup
    await bot.say(ANNA_MANAGER, "/cancel")
    assert await bot.active_flow(ANNA_MANAGER) is None

    first.reply_markup = buttons  # a client that has not redrawn the chat still shows them
    assert await bot.press(ANNA_MANAGER, first, stale) == [], "nothing is answered"
    toast = bot_api.calls_to("answerCallbackQuery")[-1].params
    assert "eerdere vraag" in toast.get("text", "")
    assert await bot.active_flow(ANNA_MANAGER) is None


async def test_after_a_finished_flow_a_new_flows_buttons_work(bot: BotUnderTest):
    await bot.join(ANNA_MANAGER)
    await bot.say(ANNA_MANAGER, "/reflect Anna")
    await bot.say(ANNA_MANAGER, "/cancel")
    question = with_buttons(await bot.say(ANNA_MANAGER, "/reflect Anna"))
    value = [v for _, v in question.buttons if v not in ("-", "/cancel")][0]
    moved_on = await bot.press(ANNA_MANAGER, question, value)
    assert "(2/" in text_of(moved_on)


async def test_after_a_restart_an_answer_button_under_an_answered_question_is_still_stale(
    bot: BotUnderTest, bot_api: FakeBotApi
):
    await bot.join(ANNA_MANAGER)
    first = with_buttons(await bot.say(ANNA_MANAGER, "/prep Anna"))  # (1/8) when?
    current = with_buttons(await bot.say(ANNA_MANAGER, "morgen"))  # typed; now (2/8)
    await bot.stop()
    await bot.start()

    old = [v for _, v in first.buttons if v != "-"][0]
    assert await bot.press(ANNA_MANAGER, first, old) == [], "the old answer is not taken"
    assert "eerdere vraag" in bot_api.calls_to("answerCallbackQuery")[-1].params.get("text", "")
    value = [v for _, v in current.buttons if v != "-"][0]
    moved_on = await bot.press(ANNA_MANAGER, current, value)
    assert "(3/8)" in text_of(moved_on), "the current question still takes its buttons"
    card = await bot.finish_flow(ANNA_MANAGER, moved_on, ["Ze plant goed"])
    assert f"Doel van het gesprek: {value[:1].lower()}{value[1:]}" in text_of(card), "the goal"


async def test_a_double_tap_on_done_ticks_off_one_agreement_not_two(
    bot: BotUnderTest, bot_api: FakeBotApi
):
    await bot.join(ANNA_MANAGER)
    await bot.say(ANNA_MANAGER, "/reflect Anna")
    for answer in ["Goed", "-", "-", "Anna: cursus zoeken voor vrijdag; ik: budget navragen"]:
        last = await bot.say(ANNA_MANAGER, answer)
    await bot.finish_flow(ANNA_MANAGER, last, ["-"])
    listing = with_buttons(await bot.say(ANNA_MANAGER, "/done"))
    assert ("1", "/done 1") in listing.buttons

    before = len(bot_api.sent)
    bot_api.press(ANNA_MANAGER, listing, "/done 1")
    bot_api.press(ANNA_MANAGER, listing, "/done 1")  # renumbered: would tick off the other one
    await bot.settle()

    ticked = [m for m in bot_api.sent[before:] if m.chat_id == ANNA_MANAGER.id]
    assert len(ticked) == 1, text_of(ticked)
    still_open = text_of(await bot.say(ANNA_MANAGER, "/agreements"))
    assert "1." in still_open and "geen open afspraken" not in still_open.lower()


async def test_the_confirm_step_switches_a_signal_off_with_a_button(
    bot: BotUnderTest, bot_api: FakeBotApi
):
    await bot.join(ANNA_MANAGER)
    await bot.say(ANNA_MANAGER, "/prep Anna")
    answers = ["volgende week dinsdag", "-", "Ze plant goed", "-", "-"]
    answers += ["er is 750 euro opleidingsbudget", "-", "Ze twijfelt aan zichzelf"]
    for answer in answers:
        last = await bot.say(ANNA_MANAGER, answer)
    heard = with_buttons(last)
    assert "Ik hoor: weinig zelfvertrouwen, er is budget (€750). Klopt dat?" in heard.text
    switched = with_buttons(await bot.press(ANNA_MANAGER, heard, "#signal:low_confidence"))
    assert ("✗ Weinig zelfvertrouwen", "#signal:low_confidence") in switched.buttons
    card = text_of(await bot.press(ANNA_MANAGER, switched, "#ok"))
    assert "Om mee te werken: er is budget (€750)" in card
    assert "weinig zelfvertrouwen" not in card.lower()
    assert await bot.active_flow(ANNA_MANAGER) is None
