"""`skillscoach kb ...`: add, list, remove, search and rebuild guidance documents."""

from __future__ import annotations

import argparse
import functools
import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from bot.coach.language import locale_language
from bot.settings import Settings

if TYPE_CHECKING:  # the service imports chromadb: only load it when a command runs
    from knowledge.service import KnowledgeBase

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `kb` command and its subcommands."""
    kb = subparsers.add_parser("kb", help="manage and search the guidance documents")
    sub = kb.add_subparsers(dest="kb_command", metavar="ACTION", required=True)

    add = sub.add_parser("add", help="add documents (PDF, DOCX, Markdown, text, HTML)")
    add.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    add.add_argument("--id", dest="doc_id", help="document id (default: from the file)")
    add.add_argument("--title", help="document title (default: from the file)")
    add.add_argument(
        "--yes",
        action="store_true",
        help="make the file current even when it looks like an older version",
    )
    add.set_defaults(func=cmd_add)

    restore = sub.add_parser("restore", help="make a kept earlier version current again")
    restore.add_argument("doc_id", metavar="ID")
    restore.add_argument("version", type=int, metavar="VERSION")
    restore.set_defaults(func=cmd_restore)

    rename = sub.add_parser("rename", help="give a document another title")
    rename.add_argument("doc_id", metavar="ID")
    rename.add_argument("title", metavar="TITLE")
    rename.set_defaults(func=cmd_rename)

    gaps = sub.add_parser(
        "gaps", help="topics three or more managers asked that the guidance does not cover"
    )
    gaps.add_argument("--days", type=int, default=28, help="look back this many days (28)")
    gaps.set_defaults(func=cmd_gaps)

    lst = sub.add_parser("list", help="list documents and their versions")
    lst.add_argument("--json", action="store_true", help="print JSON")
    lst.set_defaults(func=cmd_list)

    rm = sub.add_parser("remove", help="remove a document")
    rm.add_argument("doc_id", metavar="ID")
    rm.set_defaults(func=cmd_remove)

    search = sub.add_parser("search", help="search the guidance")
    search.add_argument("query", metavar="QUESTION")
    search.add_argument("-k", type=int, default=5, help="number of passages (default 5)")
    search.add_argument("--lang", choices=["nl", "en"], help="answer language (default: detected)")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.set_defaults(func=cmd_search)

    rebuild = sub.add_parser("rebuild", help="re-create the search indexes")
    rebuild.set_defaults(func=cmd_rebuild)


def _err(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


@contextmanager
def _progress(label: str) -> Iterator[Progress]:
    """A rich progress bar on a terminal (stderr); silent otherwise."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TimeRemainingColumn
    from rich.progress import Progress as RichProgress

    console = Console(stderr=True)
    if not console.is_terminal:
        yield lambda done, total: None
        return
    with RichProgress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


@contextmanager
def _open(settings: Settings) -> Iterator[KnowledgeBase]:
    from knowledge.service import KnowledgeBase

    with _progress("indexing the shipped guidance") as progress:
        kb = KnowledgeBase.open(settings, progress=progress)
    try:
        yield kb
    finally:
        kb.close()


def _guard(func: Callable[[argparse.Namespace, Settings], int]) -> Callable[..., int]:
    """Turn known failures into one clear line and exit code 1, never a traceback."""

    @functools.wraps(func)
    def wrapper(args: argparse.Namespace, settings: Settings) -> int:
        from knowledge.embeddings import EmbeddingError
        from knowledge.index import VectorStoreError
        from knowledge.types import IngestError

        try:
            return func(args, settings)
        except (IngestError, EmbeddingError, VectorStoreError) as exc:
            return _err(str(exc))
        except OSError as exc:
            log.info("kb command failed", exc_info=True)
            return _err(f"{exc.strerror or exc} ({exc.filename or settings.data_dir})")
        except Exception as exc:  # noqa: BLE001 - the command line shows one line, not a trace
            log.info("kb command failed", exc_info=True)
            return _err(f"unexpected failure: {type(exc).__name__}: {exc} (run with -v)")

    return wrapper


@_guard
def cmd_add(args: argparse.Namespace, settings: Settings) -> int:
    """kb add PATH...: add each file; a bad file is reported and the others still go in."""
    from knowledge.types import IngestError

    if args.doc_id and len(args.paths) > 1:
        return _err("--id can only be used with a single file.")
    failed = 0
    with _open(settings) as kb:
        for path in args.paths:
            try:
                with _progress(f"embedding {path.name}") as progress:
                    result = kb.add(
                        path,
                        doc_id=args.doc_id,
                        title=args.title,
                        progress=progress,
                        confirm=args.yes,
                    )
            except IngestError as exc:
                print(f"error: {exc}", file=sys.stderr)
                failed += 1
                continue
            if result.resembles is not None:
                # an older version again: answers would silently roll back, so ask first
                how = (
                    f"`skillscoach kb restore {result.doc_id} {result.resembles}`"
                    if result.identical
                    else f"`skillscoach kb restore {result.doc_id} {result.pending}`"
                )
                print(
                    f"{path.name} looks like version {result.resembles} of {result.doc_id} "
                    f'("{result.title}"); version {result.version} stays current. To use it '
                    f"anyway, add it again with --yes, or run {how}.",
                    file=sys.stderr,
                )
                failed += 1
            elif result.unchanged:
                print(f"{result.doc_id}: unchanged (version {result.version})")
            elif result.replaced_version:
                print(
                    f"{result.doc_id}: version {result.version} (replaces version "
                    f'{result.replaced_version}) of "{result.title}" ({result.chunks} passages)'
                )
            else:
                print(
                    f"{result.doc_id}: added, version {result.version} ({result.chunks} passages)"
                )
    return 1 if failed else 0


@_guard
def cmd_restore(args: argparse.Namespace, settings: Settings) -> int:
    """kb restore ID VERSION: a kept version answers again (as a new version)."""
    with _open(settings) as kb:
        try:
            with _progress(f"restoring {args.doc_id}") as progress:
                result = kb.restore(args.doc_id, args.version, progress=progress)
        except KeyError:
            return _err(f"no document with id {args.doc_id!r} (see `skillscoach kb list`).")
    if result.unchanged:
        print(f"{result.doc_id}: version {result.version} is already current")
    else:
        print(
            f"{result.doc_id}: version {result.version} (restored from version "
            f'{result.restored_from}, replaces version {result.replaced_version}) of "'
            f'{result.title}" ({result.chunks} passages)'
        )
    return 0


@_guard
def cmd_rename(args: argparse.Namespace, settings: Settings) -> int:
    """kb rename ID TITLE: the title HR chose (not a new version)."""
    with _open(settings) as kb:
        try:
            info = kb.rename(args.doc_id, args.title)
        except KeyError:
            return _err(f"no document with id {args.doc_id!r} (see `skillscoach kb list`).")
    print(f'{info.doc_id}: renamed to "{info.title}" (still version {info.version})')
    return 0


@_guard
def cmd_gaps(args: argparse.Namespace, settings: Settings) -> int:
    """kb gaps [--days N]: k-anonymous topics the guidance does not cover, per week."""
    from datetime import UTC, datetime

    if not 1 <= args.days <= 3660:
        return _err("--days must be between 1 and 3660.")
    with _open(settings) as kb:
        found = kb.gaps(days=args.days, now=datetime.now(UTC))
    if not found:
        print(f"no topic asked by three or more managers in the last {args.days} days")
        return 0
    for gap in found:
        weeks = ", ".join(f"{week}: {n}" for week, n in gap.weeks.items())
        print(f"{gap.term} ({gap.lang})  {gap.managers} managers  [{weeks}]")
    return 0


@_guard
def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    """kb list: one line per document."""
    with _open(settings) as kb:
        docs = kb.list_documents()
        kept = {d.doc_id: [v.version for v in kb.versions(d.doc_id)] for d in docs}
        # each title in the terminal's language where the document has it
        titles = kb.titles(locale_language() or "nl")
    if args.json:
        rows = [
            {**asdict(d), "added_at": d.added_at.isoformat(), "kept_versions": kept[d.doc_id]}
            for d in docs
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not docs:
        print("no documents")
        return 0
    for d in docs:
        langs = "+".join(d.languages)
        # earlier versions kept for `kb restore` are named, so HR knows they can go back
        earlier = (
            f"  (kept: {', '.join(f'v{v}' for v in kept[d.doc_id])})" if kept[d.doc_id] else ""
        )
        title = titles.get(d.doc_id, d.title)
        print(f"{d.doc_id}  v{d.version}  {langs}  {d.chunks} passages  {title}{earlier}")
    return 0


@_guard
def cmd_remove(args: argparse.Namespace, settings: Settings) -> int:
    """kb remove ID."""
    with _open(settings) as kb:
        try:
            info = kb.remove(args.doc_id)
        except KeyError:
            return _err(f"no document with id {args.doc_id!r} (see `skillscoach kb list`).")
    print(f"removed {info.doc_id} (version {info.version}, {info.title})")
    return 0


@_guard
def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    """kb search QUESTION: the best passages with their document, version and section."""
    if not args.query.strip():
        return _err("the question is empty.")
    if args.k < 1 or args.k > 50:
        return _err("-k must be between 1 and 50.")
    with _open(settings) as kb:
        result = kb.search(args.query, k=args.k, lang=args.lang)
    if args.json:
        payload = {
            "confident": result.confident,
            "lang": result.lang,
            "hits": [asdict(hit) for hit in result.hits],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if not result.confident:
        print("(the guidance does not seem to cover this question; closest passages:)\n")
    for n, hit in enumerate(result.hits, 1):
        where = f" › {hit.section}" if hit.section else ""
        page = f", p. {hit.page}" if hit.page else ""
        print(
            f"{n}. {hit.title}{where} [{hit.doc_id} v{hit.version}, {hit.language}{page}] "
            f"score {hit.score:.3f}"
        )
        print(f"   {hit.text}\n")
    return 0


@_guard
def cmd_rebuild(args: argparse.Namespace, settings: Settings) -> int:
    """kb rebuild: re-create Chroma and BM25 from the registry."""
    with _open(settings) as kb, _progress("re-indexing") as progress:
        count = kb.rebuild(progress=progress)
    print(f"rebuilt the index: {count} passages")
    return 0
