"""No traceback reaches a user: wrong keys, bad settings, odd bytes, escapes and Ctrl-C."""

from __future__ import annotations

import base64
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import Settings
from storage.service import Store

COMMAND = Path(sys.executable).with_name("skillscoach")


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SKILLSCOACH_", "TELEGRAM_"))}
    env.update(SKILLSCOACH_DATA_DIR=str(data_dir), SKILLSCOACH_EMBEDDER="fake", **extra)
    return env


def _run(
    args: list[str], data_dir: Path, stdin: bytes = b"", **extra: str
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(COMMAND), *args],
        input=stdin,
        capture_output=True,
        env=_env(data_dir, **extra),
        cwd=data_dir,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("args", [["chat"], ["ask", "Hoe geef ik feedback?"], []])
def test_a_wrong_key_gives_one_clear_line_and_a_non_zero_exit(
    settings: Settings, args: list[str]
) -> None:
    Store.open(settings).close()  # a database made with the generated key
    wrong = base64.b64encode(os.urandom(32)).decode()
    result = _run(args, settings.data_dir, SKILLSCOACH_ENCRYPTION_KEY=wrong)
    err = result.stderr.decode()
    assert result.returncode == 1
    assert "Traceback" not in err and "Traceback" not in result.stdout.decode()
    assert err.startswith("error: ") and err.count("\n") == 1
    assert "does not match" in err


def test_a_bad_setting_names_the_variable_in_one_line(data_dir: Path) -> None:
    result = _run(["kb", "list"], data_dir, SKILLSCOACH_LLM_TIMEOUT="dertig")
    err = result.stderr.decode()
    assert result.returncode == 2
    assert err.startswith("error: bad configuration: SKILLSCOACH_LLM_TIMEOUT")
    assert "Traceback" not in err and err.count("\n") == 1


def test_latin1_input_is_saved_as_it_says_and_escapes_never_reach_the_output(
    seeded_dir: Path,
) -> None:
    data_dir = seeded_dir
    script = b"\n".join(
        [
            b"/note Anna wil caf\xe9 bestellen",  # Latin-1, not UTF-8
            b"/note Anna \x1b]0;gehackt\x07titel en \x1b[31mrood\x1b[0m en \x1b[2Jweg",
            b"/notes Anna",
            b"/quit",
        ]
    )
    result = _run(["chat"], data_dir, script)
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr.decode()
    assert "wil caf\ufffd bestellen" in out  # saved, and shown back from the store
    assert "titel en rood en weg" in out
    assert "\x1b" not in out and "\x07" not in out


def test_ctrl_c_at_the_prompt_exits_at_once(seeded_dir: Path) -> None:
    data_dir = seeded_dir
    child = subprocess.Popen(
        [str(COMMAND), "chat"],
        stdin=subprocess.PIPE,  # kept open: the chat waits at its prompt
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(data_dir),
        cwd=data_dir,
    )
    try:
        assert child.stdout is not None
        while b"Skillscoach" not in child.stdout.readline():  # the greeting: now it waits
            pass
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=15)  # before the fix: hung until Enter
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 130
    assert b"Traceback" not in err
