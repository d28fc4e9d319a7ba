"""Keyboards, access helpers, rate limiting, upload checks and the chats' keyboard state."""

from __future__ import annotations

import doctest
from dataclasses import dataclass
from typing import Any

import pytest

import bot.telegram.access
import bot.telegram.chats
import bot.telegram.keyboards
import bot.telegram.render
import bot.telegram.texts
import bot.telegram.uploads
from bot.telegram.access import RateLimiter, SharedRateLimiter
from bot.telegram.chats import ChatState, ChatStates
from bot.telegram.keyboards import button_label, choices_keyboard
from bot.telegram.uploads import size_problem, type_problem


@pytest.mark.parametrize(
    "module",
    [
        bot.telegram.access,
        bot.telegram.keyboards,
        bot.telegram.chats,
        bot.telegram.render,
        bot.telegram.texts,
        bot.telegram.uploads,
    ],
)
def test_doctests_pass(module):
    assert doctest.testmod(module).failed == 0


@dataclass(frozen=True)
class _Choice:
    label: str
    value: str


def test_keyboard_puts_short_labels_two_to_a_row_and_long_ones_alone():
    markup = choices_keyboard(
        [_Choice("Ja", "yes"), _Choice("Nee", "no"), _Choice("Een veel langer label hier", "x")]
    )
    assert markup is not None
    rows = [[b.callback_data for b in row] for row in markup.inline_keyboard]
    assert rows == [["yes", "no"], ["x"]]
    assert button_label(markup, "no") == "Nee"
    assert choices_keyboard([]) is None


def test_keyboard_drops_values_telegram_would_reject():
    markup = choices_keyboard([_Choice("ok", "a"), _Choice("too long", "é" * 40)])
    assert markup is not None
    assert [b.callback_data for row in markup.inline_keyboard for b in row] == ["a"]


async def test_shared_rate_limiter_warns_once_per_window_from_the_shared_count():
    class Counter:
        hits = 0

        def count_hit(self, *, user, now, window):
            assert user == "tg:1"
            self.hits += 1
            return self.hits

    limiter = SharedRateLimiter(2, Counter())
    assert [await limiter.check(1) for _ in range(5)] == ["ok", "ok", "warn", "quiet", "quiet"]
    assert await SharedRateLimiter(0, Counter()).check(1) == "ok"


def test_rate_limiter_allows_the_limit_then_refuses_until_the_window_passes():
    limiter = RateLimiter(per_minute=3)
    assert [limiter.allow(1, now=t) for t in (0, 1, 2, 3)] == [True, True, True, False]
    assert limiter.allow(2, now=3)  # other users are not affected
    assert limiter.should_warn(1, now=3) and not limiter.should_warn(1, now=4)
    assert limiter.allow(1, now=60.5)


def test_upload_checks_use_extension_mime_and_size():
    assert type_problem("guide.PDF", None) is None
    assert type_problem("guide.docx", "application/octet-stream") is None
    assert type_problem("virus.exe", "application/pdf") == ".exe"
    assert type_problem("noext", None) == "?"
    assert size_problem(10, 100, cloud_api=False) is None
    assert size_problem(101, 100, cloud_api=False) == "too_large"
    assert size_problem(21 * 2**20, 50 * 2**20, cloud_api=True) == "too_large_cloud"
    assert size_problem(None, 100, cloud_api=True) is None


class _DictKV:
    def __init__(self) -> None:
        self.data: dict[str, dict[str, Any]] = {}
        self.writes = 0

    def kv_put(self, *, namespace: str, key: str, value: object | None) -> None:
        self.writes += 1
        if value is None:
            self.data.get(namespace, {}).pop(key, None)
        else:
            self.data.setdefault(namespace, {})[key] = value

    def kv_get(self, *, namespace: str, key: str) -> object | None:
        return self.data.get(namespace, {}).get(key)

    def kv_all(self, *, namespace: str) -> dict[str, object]:
        return dict(self.data.get(namespace, {}))


async def test_chat_states_round_trip_and_an_unchanged_state_is_not_written_again():
    kv = _DictKV()
    chats = ChatStates(kv)
    state = await chats.get(42)
    assert state == ChatState() and not state.dirty, "an empty chat needs no row"
    state.keyboard, state.pressed = 7, 6
    assert state.dirty
    await chats.put(42, state)
    again = await chats.get(42)
    assert again == ChatState(keyboard=7, pressed=6) and not again.dirty
    assert kv.writes == 1


async def test_chat_states_over_the_real_store_are_erased_with_the_manager(settings):
    from storage.service import Store

    store = Store.open(settings)
    try:
        manager = store.ensure_manager(external_id="tg:42")
        await ChatStates(store).put(42, ChatState(keyboard=5))
        await ChatStates(store).put(43, ChatState(keyboard=9))
        store.erase_manager(manager_id=manager.id)
        assert await ChatStates(store).get(42) == ChatState()
        assert await ChatStates(store).get(43) == ChatState(keyboard=9)
    finally:
        store.close()
