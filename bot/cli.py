"""The `skillscoach` command: one entry point, subcommands registered by each package."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence

from bot.settings import Settings

# Each module exposes `register(subparsers)`; a subcommand sets `func(args, settings) -> int`.
COMMAND_MODULES = (
    "knowledge.cli",  # kb add|list|remove|search|rebuild
    "storage.cli",  # notes export|erase, db upgrade, keys rotate, retention apply
    "bot.console",  # chat, ask
    "bot.telegram.cli",  # run, invite
)

Handler = Callable[[argparse.Namespace, Settings], int]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every package's subcommands."""
    parser = argparse.ArgumentParser(
        prog="skillscoach",
        description="Coach for skills-oriented development conversations. Without a "
        "subcommand: the Telegram bot when TELEGRAM_BOT_TOKEN is set, else the terminal chat.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log at INFO level")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a package still being built must not break the rest
            if exc.name != name:
                raise
            continue
        module.register(sub)
    return parser


def _default_command(settings: Settings) -> list[str]:
    if settings.telegram_bot_token is not None:
        return ["run"]
    return ["chat"]


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line, build the settings once and run the chosen subcommand."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    settings = Settings()
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        args = parser.parse_args([*args_list, *_default_command(settings)])
    logging.basicConfig(
        level=logging.INFO if args.verbose else settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    func: Handler = args.func
    try:
        return func(args, settings)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
