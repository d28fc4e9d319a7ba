"""Keyboards, access helpers, rate limiting, upload checks and the persistence class."""

from __future__ import annotations

import doctest
from dataclasses import dataclass
from typing import Any

import pytest

import bot.telegram.access
import bot.telegram.keyboards
import bot.telegram.persistence
import bot.telegram.render
import bot.telegram.texts
import bot.telegram.uploads
from bot.telegram.access import RateLimiter
from bot.telegram.keyboards import button_label, choices_keyboard
from bot.telegram.persistence import StorePersistence
from bot.telegram.uploads import size_problem, type_problem


@pytest.mark.parametrize(
    "module",
    [
        bot.telegram.access,
        bot.telegram.keyboards,
        bot.telegram.persistence,
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


async def test_persistence_round_trips_conversations_and_data():
    kv = _DictKV()
    first = StorePersistence(kv)
    await first.update_conversation("prep", (42, 42), "PREP")
    await first.update_conversation("prep", (7, 7), "PREP")
    await first.update_conversation("prep", (7, 7), None)
    await first.update_conversation("prep", (8, 8), "PREP")
    await first.update_conversation("prep", (8, 8), -1)  # ConversationHandler.END
    await first.update_user_data(42, {"seen": 1})
    await first.update_bot_data({"x": [1, 2]})
    second = StorePersistence(kv)
    assert await second.get_conversations("prep") == {(42, 42): "PREP"}
    assert await second.get_conversations("reflect") == {}
    assert await second.get_user_data() == {42: {"seen": 1}}
    assert await second.get_bot_data() == {"x": [1, 2]}
    await second.drop_user_data(42)
    assert await StorePersistence(kv).get_user_data() == {}


async def test_persistence_over_the_real_store_survives_reopening_and_erasure(settings):
    from storage.service import Store

    store = Store.open(settings)
    try:
        manager = store.ensure_manager(external_id="tg:42")
        await StorePersistence(store).update_conversation("prep", (42, 42), "PREP")
        await StorePersistence(store).update_conversation("prep", (43, 43), "PREP")
    finally:
        store.close()
    store = Store.open(settings)
    try:
        assert await StorePersistence(store).get_conversations("prep") == {
            (42, 42): "PREP",
            (43, 43): "PREP",
        }
        store.erase_manager(manager_id=manager.id)
        assert await StorePersistence(store).get_conversations("prep") == {(43, 43): "PREP"}
    finally:
        store.close()
