"""HR document uploads: checks on the Document object before download, and a progress message."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

log = logging.getLogger(__name__)

# Extension -> MIME types a Telegram client may report for it. The extension decides; a
# reported MIME type only has to not contradict it.
ACCEPTED: dict[str, frozenset[str]] = {
    ".pdf": frozenset({"application/pdf", "application/x-pdf"}),
    ".docx": frozenset(
        {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
    ),
    ".md": frozenset({"text/markdown", "text/x-markdown", "text/plain"}),
    ".markdown": frozenset({"text/markdown", "text/x-markdown", "text/plain"}),
    ".txt": frozenset({"text/plain"}),
    ".html": frozenset({"text/html", "application/xhtml+xml"}),
    ".htm": frozenset({"text/html", "application/xhtml+xml"}),
}
_NEUTRAL_MIME = frozenset({"application/octet-stream", "binary/octet-stream", ""})
# The hosted Bot API lets bots download files up to 20 MB; a local Bot API server has no limit.
CLOUD_DOWNLOAD_LIMIT = 20 * 1024 * 1024


def type_problem(file_name: str | None, mime_type: str | None) -> str | None:
    """None when the file looks acceptable, else a short description of what it is.

    >>> type_problem("gids.pdf", "application/pdf") is None
    True
    >>> type_problem("photo.jpg", "image/jpeg")
    '.jpg'
    >>> type_problem("gids.pdf", "image/png")
    'image/png'
    """
    suffix = Path(file_name or "").suffix.lower()
    if suffix not in ACCEPTED:
        return suffix or (mime_type or "?")
    if mime_type and mime_type.lower() not in ACCEPTED[suffix] | _NEUTRAL_MIME:
        return mime_type
    return None


def size_problem(file_size: int | None, limit: int, *, cloud_api: bool) -> str | None:
    """None when the size is acceptable, else the text key of the refusal."""
    if file_size is None:
        return None  # unknown: checked again after download
    if file_size > limit:
        return "too_large"
    if cloud_api and file_size > CLOUD_DOWNLOAD_LIMIT:
        return "too_large_cloud"
    return None


def human_size(size: int, lang: str = "en") -> str:
    """Bytes for people, with the decimal separator of their language.

    >>> human_size(1536), human_size(25 * 1024 * 1024), human_size(1536, "nl")
    ('1.5 KB', '25.0 MB', '1,5 KB')
    """
    if size < 1024:
        text = f"{size} B"
    elif size < 1024 * 1024:
        text = f"{size / 1024:.1f} KB"
    else:
        text = f"{size / (1024 * 1024):.1f} MB"
    return text.replace(".", ",") if lang == "nl" else text


def safe_filename(name: str | None, fallback: str = "document") -> str:
    """A file name that is safe to create in a temp dir (no paths, no odd characters).

    >>> safe_filename("../../etc/pass wd.pdf")
    'pass wd.pdf'
    >>> safe_filename(None)
    'document'
    """
    base = Path((name or "").replace("\\", "/")).name
    base = re.sub(r"[^\w.\- ()]+", "_", base).strip(" .")[:120]
    return base or fallback


class Progress:
    """A progress callback for ingestion that edits one message, at most every `interval` s.

    Ingestion calls it from a worker thread, so edits are handed to the event loop.
    """

    def __init__(
        self,
        edit: Callable[[int, int], Awaitable[None]],
        loop: asyncio.AbstractEventLoop,
        interval: float = 2.0,
    ) -> None:
        self._edit = edit
        self._loop = loop
        self._interval = interval
        self._last = 0.0
        self._last_percent = -1
        self._pending: set[asyncio.Future[None]] = set()

    def __call__(self, done: int, total: int) -> None:
        """Report progress (thread-safe); most calls are dropped by the throttle."""
        if total <= 0:
            return
        percent = min(100, int(done * 100 / total))
        now = time.monotonic()
        if percent == self._last_percent or (now - self._last < self._interval and percent < 100):
            return
        self._last, self._last_percent = now, percent
        future = asyncio.run_coroutine_threadsafe(self._safe_edit(done, total), self._loop)
        self._pending.add(future)  # type: ignore[arg-type]
        future.add_done_callback(self._pending.discard)  # type: ignore[arg-type]

    async def _safe_edit(self, done: int, total: int) -> None:
        try:
            await self._edit(done, total)
        except Exception:  # a failed progress edit must never fail the upload
            log.debug("progress edit failed", exc_info=True)

    async def settle(self) -> None:
        """Wait for edits already handed to the loop, so the final message is edited last."""
        for future in list(self._pending):
            await asyncio.wrap_future(future)  # type: ignore[arg-type]
