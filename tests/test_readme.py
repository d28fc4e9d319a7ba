"""The README stays true: both commands at the top, every setting documented, CI runs the tests."""

import re
from pathlib import Path

from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _code_blocks() -> list[str]:
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", README, re.S)]


def test_readme_opens_with_the_install_and_test_commands():
    start, test = _code_blocks()[:2]
    assert start.endswith(".venv/bin/skillscoach")
    assert test.endswith(".venv/bin/python -m pytest")


def test_ci_runs_exactly_the_readme_test_command():
    test_command = _code_blocks()[1]
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_environment_variable_is_documented():
    for field in Settings.model_fields.values():
        assert field.validation_alias is not None
        primary = field.validation_alias.choices[0]
        assert f"`{primary}`" in README, primary
