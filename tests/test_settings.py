from pathlib import Path

import pytest

from bot.settings import Settings


def test_data_dir_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("SKILLSCOACH_DATA_DIR", str(tmp_path / "x"))
    settings = Settings(_env_file=None)
    assert settings.data_dir == tmp_path / "x"
    assert settings.db_url == f"sqlite:///{tmp_path / 'x' / 'skillscoach.db'}"


def test_id_lists_accept_comma_separated_values(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SKILLSCOACH_HR_ADMIN_IDS", "1, 2")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    settings = Settings(_env_file=None)
    assert settings.hr_admin_ids == [1, 2]
    assert settings.telegram_bot_token is not None
