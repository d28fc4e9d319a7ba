"""`skillscoach run` as a real process: it polls the Bot API, answers, stops cleanly on
SIGTERM and never writes the bot token to its log."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import STRANGER, TURN_TIMEOUT, text_of
from tests.e2e.fakebotapi import TOKEN, FakeBotApi

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]


def test_run_without_a_token_explains_how_to_connect_telegram(settings, monkeypatch, capsys):
    from bot.cli import main

    monkeypatch.setenv("SKILLSCOACH_DATA_DIR", str(settings.data_dir))
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert "TELEGRAM_BOT_TOKEN" in err and "@BotFather" in err


async def test_skillscoach_run_serves_users_and_stops_cleanly(
    bot_api: FakeBotApi, data_dir: Path, tmp_path: Path
):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SKILLSCOACH_", "TELEGRAM_"))},
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": bot_api.base_url,
        "SKILLSCOACH_DATA_DIR": str(data_dir),
        "SKILLSCOACH_EMBEDDER": "fake",
        "SKILLSCOACH_HR_ADMIN_IDS": "900001",
        "PYTHONPATH": str(REPO),
    }
    log_path = tmp_path / "bot.log"
    with log_path.open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "-v", "run",
            cwd=data_dir, env=env, stdout=log, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
        try:
            bot_api.send_text(STRANGER, "Hallo?")
            await bot_api.wait_for(lambda: bot_api.messages_to(STRANGER.id), TURN_TIMEOUT)
            assert "/join CODE" in text_of(bot_api.messages_to(STRANGER.id))
            assert bot_api.calls_to("setMyCommands")
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
            returncode = await asyncio.wait_for(process.wait(), TURN_TIMEOUT)
    output = log_path.read_text(encoding="utf-8", errors="replace")
    assert returncode == 0, output
    assert TOKEN not in output and TOKEN.split(":")[1] not in output
    assert "Traceback" not in output
    assert "Hallo?" not in output
