"""End-to-end fixtures: the real bot (python-telegram-bot, engine, store, knowledge base) against
the fake Bot API on loopback, driven inside the test's event loop.

Waiting is by condition, never by sleeping: a turn is over when the bot has confirmed every
injected update, its update queue is drained and no non-blocking handler task is left.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from bot.settings import Settings
from bot.telegram.webhook import WebhookOptions
from tests.e2e.fakebotapi import TOKEN, FakeBotApi, FakeUser, SentMessage

HR = FakeUser(900001, "Hanna", "nl", "hr_hanna")
ANNA_MANAGER = FakeUser(100001, "Mark", "nl")
BERT_MANAGER = FakeUser(100002, "Bert", "en")
STRANGER = FakeUser(666666, "Eve", "en")
TURN_TIMEOUT = 120.0  # generous: the machine is shared; a hang still fails, a slow run does not


class BotUnderTest:
    """One running Application (with its App) plus helpers to talk to it as users."""

    def __init__(self, api: FakeBotApi, settings: Settings, core_factory: Callable[[], Any]):
        self.api = api
        self.settings = settings
        self._core_factory = core_factory
        self.core: Any = None
        self.application: Any = None
        self.server: Any = None
        self.polling = True

    async def start(
        self, *, reminder_interval: float = 60.0, webhook: WebhookOptions | None = None
    ) -> None:
        """Build App and Application and start them the way `skillscoach run` does."""
        from bot.telegram.app import ALLOWED_UPDATES, build_application
        from bot.telegram.webhook import start_worker

        self.core = await asyncio.to_thread(self._core_factory)
        app = build_application(self.settings, self.core, reminder_interval=reminder_interval)
        self.application = app
        self.polling = webhook is None
        if webhook is not None:
            self.server = await start_worker(app, self.core, webhook, allowed=ALLOWED_UPDATES)
            return
        await app.initialize()
        if app.post_init is not None:
            await app.post_init(app)
        assert app.updater is not None
        await app.updater.start_polling(timeout=1, allowed_updates=ALLOWED_UPDATES)
        await app.start()

    async def stop(self) -> None:
        """Stop polling (or the webhook server) and the Application, then close the App."""
        from bot.telegram.webhook import stop_worker

        app = self.application
        if app is None:
            return
        self.application = None
        try:
            if self.server is not None:
                server, self.server = self.server, None
                await stop_worker(server)
                return
            if app.updater is not None and app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
            await app.shutdown()
        finally:
            await asyncio.to_thread(self.core.close)

    async def settle(self, timeout: float = TURN_TIMEOUT) -> None:
        """Wait until every injected update has been handled completely."""

        async def _idle() -> None:
            while True:
                if self.polling:
                    await self.api.wait_for(lambda: self.api.all_acknowledged, timeout)
                await self.application.update_queue.join()
                busy = [
                    task
                    for task in asyncio.all_tasks()
                    if "non_blocking" in task.get_name() and not task.done()
                ]
                if busy:
                    await asyncio.wait(busy)
                    continue
                acknowledged = self.api.all_acknowledged or not self.polling
                if acknowledged and self.application.update_queue.empty():
                    return

        await asyncio.wait_for(_idle(), timeout)

    async def say(self, user: FakeUser, text: str) -> list[SentMessage]:
        """Send text as the user; return the bot's new messages to them."""
        before = len(self.api.sent)
        self.api.send_text(user, text)
        await self.settle()
        return [m for m in self.api.sent[before:] if m.chat_id == user.id]

    async def press(self, user: FakeUser, message: SentMessage, value: str) -> list[SentMessage]:
        """Press the button carrying `value` under `message`; return the bot's new messages."""
        assert value in [data for _, data in message.buttons], (value, message.buttons)
        before = len(self.api.sent)
        self.api.press(user, message, value)
        await self.settle()
        return [m for m in self.api.sent[before:] if m.chat_id == user.id]

    async def upload(self, user: FakeUser, filename: str, content: bytes, **kw: Any) -> list:
        """Send a document as the user; return the bot's new messages."""
        before = len(self.api.sent)
        self.api.send_document(user, filename, content, **kw)
        await self.settle()
        return [m for m in self.api.sent[before:] if m.chat_id == user.id]

    async def active_flow(self, user: FakeUser) -> str | None:
        """The flow the engine has the user in, as stored in the database (any worker's view)."""
        from bot.coach.kit import FLOW_KEY

        store = self.core.store
        manager = await asyncio.to_thread(store.get_manager, external_id=f"tg:{user.id}")
        if manager is None:
            return None
        flow = await asyncio.to_thread(store.load_state, manager_id=manager.id, key=FLOW_KEY)
        return flow.get("name") if flow else None

    async def finish_flow(
        self,
        user: FakeUser,
        messages: list[SentMessage],
        answers: list[str],
        *,
        max_steps: int = 25,
    ) -> list[SentMessage]:
        """Answer the current flow step by step until it ends; return every bot message.

        A step with buttons is answered by pressing its first real choice (not skip/cancel;
        "go on" in a confirm step);
        a step without buttons with the next of `answers` (the last one repeats).
        """
        seen = list(messages)
        flow = await self.active_flow(user)
        assert flow is not None, "no flow active: " + text_of(messages)
        pending = list(answers)
        for _ in range(max_steps):
            if await self.active_flow(user) != flow:
                return seen
            last = seen[-1]
            real = [value for _, value in last.buttons if value not in ("-", "/cancel")]
            # the confirm step's first buttons switch items; its "go on" ends the step
            real = [v for v in real if v == "#ok"] or real
            if real:
                seen += await self.press(user, last, real[0])
            else:
                answer = pending.pop(0) if len(pending) > 1 else pending[0]
                seen += await self.say(user, answer)
        raise AssertionError(f"flow {flow} did not end within {max_steps} steps")

    async def join(self, user: FakeUser) -> list[SentMessage]:
        """HR creates an invite through the bot and `user` redeems it."""
        (invite,) = await self.say(HR, "/invite")
        code = _invite_code(invite)
        return await self.say(user, f"/join {code}")


async def eventually(condition: Callable[[], Any], timeout: float = TURN_TIMEOUT) -> Any:
    """Poll (bounded) until condition() is truthy, for state outside the fake's view."""

    async def _poll() -> Any:
        while not (result := condition()):
            await asyncio.sleep(0.05)
        return result

    return await asyncio.wait_for(_poll(), timeout)


def _invite_code(message: SentMessage) -> str:
    for entity in message.entities:
        if entity["type"] == "code":
            text = message.text or ""
            return text[entity["offset"] : entity["offset"] + entity["length"]]
    raise AssertionError(f"no code in {message.text!r}")


def text_of(messages: list[SentMessage]) -> str:
    """Everything the user saw in these messages, as one string."""
    return "\n".join(m.text or "" for m in messages)


def with_buttons(messages: list[SentMessage]) -> SentMessage:
    """The last of these messages that carries buttons."""
    for message in reversed(messages):
        if message.buttons:
            return message
    raise AssertionError("no message with buttons in " + repr([m.text for m in messages]))


@pytest.fixture
async def bot_api() -> AsyncIterator[FakeBotApi]:
    """The fake Bot API, listening on loopback."""
    api = FakeBotApi()
    await api.start()
    try:
        yield api
    finally:
        await api.stop()


@pytest.fixture
def bot_settings(
    settings: Settings, bot_api: FakeBotApi, seeded_data: Path, monkeypatch
) -> Settings:
    """Settings for the bot under test: token, fake Bot API, one HR admin, fake embedder."""
    monkeypatch.setenv("SKILLSCOACH_EMBEDDER", "fake")
    if settings.database_url is None and settings.chroma_url is None:
        shutil.copytree(seeded_data, settings.data_dir, dirs_exist_ok=True)
    return settings.model_copy(
        update={
            "telegram_bot_token": SecretStr(TOKEN),
            "telegram_api_base_url": bot_api.base_url,
            "hr_admin_ids": [HR.id],
            "allowed_user_ids": [],
            "embedder": "fake",
            "rate_limit_per_minute": 1000,
            "max_upload_mb": 1.0,
        }
    )


@pytest.fixture
def core_factory(bot_settings: Settings) -> Callable[[], Any]:
    """Builds the real App (engine, store, knowledge base) on the test's data dir."""
    from bot.app import build_app

    return lambda: build_app(bot_settings)


@pytest.fixture
async def bot(
    bot_api: FakeBotApi, bot_settings: Settings, core_factory: Callable[[], Any]
) -> AsyncIterator[BotUnderTest]:
    """The running bot."""
    runner = BotUnderTest(bot_api, bot_settings, core_factory)
    await runner.start()
    try:
        yield runner
    finally:
        await runner.stop()


def fixture_path(name: str) -> Path:
    """A file next to the tests."""
    return Path(__file__).parent / name


def write_sections(pdf: Any, sections: list[tuple[str, str]]) -> None:
    """Append headed sections to an fpdf2 FPDF document (bold heading, then body text)."""
    for heading, body in sections:
        pdf.ln(4)
        pdf.set_font("Helvetica", "B", 14)
        pdf.multi_cell(0, 8, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(0, 6, body, new_x="LMARGIN", new_y="NEXT")
