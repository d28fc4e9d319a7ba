"""The terminal chat (`skillscoach chat`) and one-shot questions (`skillscoach ask`).

Both run the same engine as the Telegram bot, as the local user ``local:<login>``. The chat
reads one message per line, so a whole session can be piped in; on a terminal it shows quick
choices as a numbered list (typing the number picks it) and streams LLM answers as they come.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import io
import json
import logging
import os
import re
import signal
import sys
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from bot.coach.language import locale_language
from bot.coach.types import Actor, Choice, Reply, Table
from bot.settings import Settings

log = logging.getLogger(__name__)

QUIT = {"/quit", "/exit", "/q", "quit", "exit", "afsluiten", "/afsluiten"}
_NUMBER_AND_MORE = re.compile(
    r"^(\d{1,2})\s*(?:,|\+|&|\band\b|\ben\b|\bplus\b|\bwith\b|\bmet\b)\s*(\S.*)$", re.I
)
_NUMBERS = re.compile(r"^\d{1,3}(?:(?:[\s,;]+|\s+(?:en|and|&)\s+)\d{1,3})*$", re.I)

# Terminal control: CSI and OSC sequences, other escapes, C0 controls but tab and newline, DEL
# and C1. A note or document holding them must not move the cursor or retitle the terminal.
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[@-_]?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)


def strip_controls(text: str) -> str:
    """Text without terminal escape sequences and control characters (newlines and tabs stay).

    >>> strip_controls("a\\x1b[31mred\\x1b[0m\\x07 b")
    'ared b'
    """
    return _CONTROL.sub("", text)


def clean_input(text: str) -> str:
    """A line as typed, with undecodable bytes (surrogate escapes) as U+FFFD and no controls."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return strip_controls(text)


class LineReader:
    """Lines from stdin read by the event loop itself, so Ctrl-C ends the chat at once.

    A thread blocked in readline() cannot be interrupted and keeps the process alive until
    Enter; reading the file descriptor when it is ready has no such thread. Bytes are decoded
    as UTF-8 with replacement characters: "café" typed in Latin-1 arrives as "caf�".
    """

    def __init__(self, stream: BinaryIO | TextIO) -> None:
        self._fd = stream.fileno()
        self._buffer = b""
        self._eof = False

    async def _fill(self) -> None:
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[None] = loop.create_future()

        def wake() -> None:
            if not ready.done():
                ready.set_result(None)

        try:
            loop.add_reader(self._fd, wake)
        except (OSError, ValueError):
            pass  # a regular file (`chat < script.txt`) is always ready: read it directly
        else:
            try:
                await ready
            finally:
                loop.remove_reader(self._fd)
        chunk = os.read(self._fd, 65536)
        if chunk:
            self._buffer += chunk
        else:
            self._eof = True

    async def readline(self) -> str | None:
        """The next line without its newline, or None at the end of input."""
        while b"\n" not in self._buffer and not self._eof:
            await self._fill()
        if b"\n" in self._buffer:
            line, _, self._buffer = self._buffer.partition(b"\n")
        elif self._buffer:
            line, self._buffer = self._buffer, b""
        else:
            return None
        return clean_input(line.decode("utf-8", "replace").rstrip("\r"))


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `chat` and `ask` to the `skillscoach` command."""
    chat = subparsers.add_parser(
        "chat",
        help="terminal chat with the coach (offline; pipe one message per line to script it)",
    )
    chat.set_defaults(func=run_chat)
    ask = subparsers.add_parser("ask", help="answer one coaching question and exit")
    ask.add_argument("question", help="the question, in Dutch or English")
    ask.add_argument("--lang", choices=["nl", "en"], help="answer language (default: detected)")
    ask.add_argument("--json", action="store_true", help="print JSON with answer and sources")
    ask.set_defaults(func=run_ask)


def local_actor() -> Actor:
    """The person at this terminal."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        user = os.environ.get("USER", "user")
    return Actor(external_id=f"local:{user}", role="manager", language=locale_language())


class Screen:
    """Writes replies: rich formatting on a terminal, plain text otherwise."""

    def __init__(self, out: TextIO, *, tty: bool) -> None:
        self.out = out
        self.tty = tty
        self._rich = None
        if tty:
            from rich.console import Console

            self._rich = Console(file=out, highlight=False, soft_wrap=False)

    def line(self, text: str = "", *, style: str | None = None) -> None:
        """One block of plain text (never with terminal control sequences in it)."""
        text = strip_controls(text)
        if self._rich is not None:
            from rich.text import Text

            self._rich.print(Text(text, style=style or ""))
        else:
            print(text, file=self.out, flush=True)

    def echo(self, text: str) -> None:
        """Show what was read from a pipe, so a scripted transcript reads like a chat."""
        self.line(f"› {text}")

    def reply(self, reply: Reply) -> None:
        """A reply with its numbered quick choices (a table instead of lines when it has one)."""
        if reply.table is not None:
            self.table(reply.table)
            rest = reply.text.split("\n\n", 1)[1:]  # what follows the lines (suggestions)
            if rest:
                self.line(rest[0], style=None)
        else:
            self.line(reply.text, style=None)
        if reply.choices:
            self.choices(reply.choices)
        self.line()

    def table(self, table: Table) -> None:
        """A table (rich on a terminal; plain, without colour, in a pipe)."""
        from rich.console import Console
        from rich.table import Table as RichTable

        shown = RichTable(show_lines=False, header_style="bold")
        for title in table.header:
            shown.add_column(strip_controls(title))
        for n, row in enumerate(table.rows):
            style = "bold red" if n in table.marked else None
            shown.add_row(*(strip_controls(cell) for cell in row), style=style)
        console = self._rich or Console(
            file=self.out, color_system=None, width=120, highlight=False, emoji=False
        )
        console.print(shown)

    def choices(self, choices: list[Choice]) -> None:
        """Quick choices as a numbered list."""
        for i, choice in enumerate(choices, 1):
            if self._rich is not None:
                from rich.text import Text

                label = strip_controls(choice.label)
                self._rich.print(Text.assemble(("  " + str(i), "bold cyan"), f"  {label}"))
            else:
                label = strip_controls(choice.label)
                print(f"  [{i}] {label}", file=self.out, flush=True)

    def prompt(self, prompt: str) -> None:
        """Show the input prompt (on a terminal only: a piped transcript echoes instead)."""
        if self._rich is not None:
            self._rich.print(f"[bold green]{prompt}[/] ", end="")


def _save_attachment(settings: Settings, actor: Actor, name: str, content: bytes) -> Path:
    """Write an export owner-only to the account's export folder (emptied by an erase)."""
    from storage.exports import save_export

    return save_export(settings.ensure_data_dir(), actor.external_id, name, content)


async def chat_loop(
    app: object,
    settings: Settings,
    screen: Screen,
    actor: Actor,
    reader: LineReader | None = None,
) -> int:
    """Greet, then answer line after line until end of input or /quit."""
    coach = app.coach  # type: ignore[attr-defined]
    reader = reader or LineReader(sys.stdin)
    last_choices: list[Choice] = []
    lang: str = settings.default_language

    async def current_lang() -> str:
        """The manager's language now (it changes with /lang), else the last one known."""
        nonlocal lang
        try:
            lang = await coach.language(actor)
        except Exception:  # the store failing is reported elsewhere; say goodbye anyway
            log.exception("could not read the manager's language")
        return lang

    async def show(replies: list[Reply]) -> None:
        nonlocal last_choices
        for reply in replies:
            screen.reply(reply)
            for attached in (reply.attachment, reply.picture):
                if attached:
                    name, content = attached
                    path = _save_attachment(settings, actor, name, content)
                    screen.line(coach.message(reply.lang, "console_saved_file", path=str(path)))
                    screen.line()
        last_choices = next((r.choices for r in reversed(replies) if r.choices), [])

    worker = f"console:{os.getpid()}"

    async def due() -> list[Reply]:
        """The reminders due now: the terminal has no scheduler, so they show when the chat
        starts and with every answer (a failing store must not end the chat)."""
        try:
            return await coach.due_reminders(actor, worker=worker)  # type: ignore[no-any-return]
        except Exception:
            log.exception("could not read the due reminders")
            return []

    greeting = await coach.handle(actor, "/start")
    lang = greeting[-1].lang
    hints = []
    if settings.telegram_bot_token is None:
        hints.append(coach.message(lang, "console_telegram"))
    if screen.tty:
        hints.append(coach.message(lang, "console_hint"))
    if hints and greeting[-1].flow:
        # a flow resumed after a restart: its question must stay right above its choices
        screen.line("\n".join(hints))
        screen.line()
    elif hints:
        greeting[-1].text += "\n\n" + "\n".join(hints)
    # a flow resumed after a restart keeps its question last, right above its choices
    reminders = await due()
    await show([*reminders, *greeting] if greeting[-1].flow else [*greeting, *reminders])

    while True:
        screen.prompt("›")
        line = await reader.readline()
        if line is None:
            break
        text = line.strip()
        if text.lower() in QUIT:
            if not screen.tty:
                screen.echo(text)
            break
        # "11" taps the eleventh choice; "2 5" or "2, 5" taps several, in order, on the
        # choices shown (switching items off in the confirm step)
        numbers = [int(n) for n in re.findall(r"\d+", text)] if _NUMBERS.match(text) else []
        picks = [last_choices[n - 1] for n in numbers if 1 <= n <= len(last_choices)]
        if len(picks) != len(numbers):
            picks = []
        lead = _NUMBER_AND_MORE.match(text) if not numbers else None
        if lead and 1 <= int(lead[1]) <= len(last_choices):
            # "2 and a sponsor in the guild, maybe Joris": the choice, with what was added
            chosen = last_choices[int(lead[1]) - 1]
            if not chosen.value.startswith(("#", "/")):
                text = f"{chosen.value}, {lead[2]}"
        if not numbers:  # a choice's label typed out ("I'll type my question") taps it too
            typed = text.lower().rstrip(" .!")
            picks = [c for c in last_choices if c.label.lstrip("✓✗ ").lower() == typed][:1]
        labels = ", ".join(p.label.lstrip("✓✗ ") for p in picks)
        if not screen.tty:
            screen.echo(f"{text} → {labels}" if picks else text)
        elif picks:
            screen.line(f"  → {labels}", style="dim")
        # buttons that switch something ("#...") are tapped one by one; quick answers to one
        # question ("3 4" for two obstacles) are one answer
        if len(picks) > 1 and not all(p.value.startswith("#") for p in picks):
            picks = [Choice(labels, ", ".join(p.value for p in picks))]
        try:
            for pick in picks[:-1]:
                await _handle(coach, actor, pick.value, screen)
            replies = await _handle(coach, actor, picks[-1].value if picks else text, screen)
        except Exception:  # one bad message must not end the session; the log has details
            log.exception("the coach failed on a message")
            screen.line(coach.message(await current_lang(), "console_error"))
            continue
        # reminders due meanwhile come before the answer, so the question asked stays last
        await show([*await due(), *replies])
    screen.line(coach.message(await current_lang(), "console_bye"))
    return 0


async def _handle(coach: object, actor: Actor, text: str, screen: Screen) -> list[Reply]:
    """Let the engine answer; on a terminal, show LLM text live while it streams."""
    if not screen.tty or getattr(coach, "llm", None) is None:
        return await coach.handle(actor, text)  # type: ignore[attr-defined,no-any-return]
    from rich.live import Live
    from rich.text import Text

    shown: list[str] = []
    live = Live(Text(""), console=screen._rich, transient=True, refresh_per_second=12)
    started = False

    def on_piece(piece: str) -> None:
        nonlocal started
        if not started:
            live.start()
            started = True
        shown.append(piece)
        live.update(Text("".join(shown), style="dim"))

    try:
        return await coach.handle(actor, text, stream=on_piece)  # type: ignore[attr-defined,no-any-return]
    finally:
        if started:
            live.stop()  # the final, checked answer replaces the streamed draft


def run_chat(args: argparse.Namespace, settings: Settings) -> int:
    """`skillscoach chat`: the coach in this terminal."""
    from bot.app import build_app

    tty = sys.stdin.isatty() and sys.stdout.isatty()
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="replace")  # odd text never ends the chat with a trace
    screen = Screen(sys.stdout, tty=tty)
    if tty:
        from rich.console import Console

        with Console().status("Skillscoach start…"):
            app = build_app(settings)
    else:
        app = build_app(settings)
    try:
        code = asyncio.run(_until_interrupted(chat_loop(app, settings, screen, local_actor())))
    except KeyboardInterrupt:  # Ctrl-C: everything confirmed so far is already committed
        code = 130
    finally:
        app.close()
    if code == 130:
        screen.line()
    return code


async def _until_interrupted(chat: Coroutine[Any, Any, int]) -> int:
    """Run the chat; Ctrl-C ends it with 130, also when it lands together with the end of
    input (a pipe closed at the same moment) and the chat would otherwise say goodbye."""
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    interrupted = False

    def on_interrupt() -> None:
        nonlocal interrupted
        interrupted = True
        if task is not None:
            task.cancel()

    try:
        loop.add_signal_handler(signal.SIGINT, on_interrupt)
    except (NotImplementedError, RuntimeError, ValueError):
        return await chat  # no signal handlers here: the default KeyboardInterrupt applies
    try:
        code = await chat
        await asyncio.sleep(0)  # a Ctrl-C that arrived with the last line is handled first
    except asyncio.CancelledError:
        if not interrupted:
            raise
        return 130
    finally:
        loop.remove_signal_handler(signal.SIGINT)
    return 130 if interrupted else code


def run_ask(args: argparse.Namespace, settings: Settings) -> int:
    """`skillscoach ask "QUESTION"`: one answer with its sources."""
    from bot.app import build_app

    question = clean_input(args.question)
    app = build_app(settings)
    try:
        answer = asyncio.run(app.coach.ask(local_actor(), question, lang=args.lang, alone=True))
    finally:
        app.close()
    if args.json:
        print(json.dumps(answer.as_json(), ensure_ascii=False, indent=2))
    else:
        print(strip_controls(answer.text))
    return 0
