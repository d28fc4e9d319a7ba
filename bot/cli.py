"""The `skillscoach` command: one entry point, subcommands registered by each package."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
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


# Domain errors whose message is written for the person at the keyboard: shown as one line.
KNOWN_ERRORS = (
    "storage.crypto:KeyProblem",
    "storage.db:SchemaProblem",
    "storage.service:NotFound",
    "knowledge.types:IngestError",
    "knowledge.embeddings:EmbeddingError",
    "knowledge.index:VectorStoreError",
)


def _known_errors() -> tuple[type[BaseException], ...]:
    found = []
    for ref in KNOWN_ERRORS:
        module, name = ref.split(":")
        try:
            found.append(getattr(importlib.import_module(module), name))
        except (ImportError, AttributeError):  # a package being built must not break the rest
            continue
    return tuple(found)


def _fail(message: str, code: int = 1) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def _settings() -> Settings | str:
    """The settings, or one line saying which setting is wrong."""
    from pydantic import ValidationError

    try:
        return Settings()
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            field = Settings.model_fields.get(str(error["loc"][0])) if error["loc"] else None
            alias = getattr(field, "validation_alias", None) if field else None
            name = alias.choices[0] if alias is not None else ".".join(map(str, error["loc"]))
            problems.append(f"{name}: {error['msg']}")
        return "bad configuration: " + "; ".join(problems)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line, build the settings once and run the chosen subcommand.

    A known failure (wrong key, bad configuration, an unreadable document) ends with one line
    on stderr and a non-zero exit code; the traceback is logged only with -v.
    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    settings = _settings()
    if isinstance(settings, str):
        return _fail(settings, 2)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        args = parser.parse_args([*args_list, *_default_command(settings)])
    logging.basicConfig(
        level=logging.INFO if args.verbose else settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if not args.verbose:
        # a damaged PDF gets our own one-line message; pypdf's warnings about it are noise
        logging.getLogger("pypdf").setLevel(logging.ERROR)
    func: Handler = args.func
    try:
        return func(args, settings)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # "kb search ... | head": the reader stopped listening
        # what is still buffered goes nowhere, not into a second error at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except _known_errors() as exc:
        logging.getLogger(__name__).info("command failed", exc_info=True)
        return _fail(str(exc))
    except OSError as exc:
        logging.getLogger(__name__).info("command failed", exc_info=True)
        return _fail(f"{exc.strerror or exc} ({exc.filename or settings.data_dir})")
    except Exception as exc:  # noqa: BLE001 - a user sees one line; -v logs the traceback
        logging.getLogger(__name__).info("command failed", exc_info=True)
        return _fail(f"unexpected failure: {type(exc).__name__}: {exc} (run with -v for details)")


if __name__ == "__main__":
    raise SystemExit(main())
