"""A fake Telegram Bot API on loopback: enough of the real protocol for python-telegram-bot.

The server speaks the Bot API the way python-telegram-bot calls it (form-encoded or multipart
POSTs to ``<base>/bot<token>/<method>``, non-string values JSON-encoded), records every call,
and lets a test inject updates (messages, commands, callback queries, documents) that the bot
then fetches with ``getUpdates``. Long polls are capped at about a second so shutdown is quick.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

TOKEN = "123456:TEST-token-for-the-fake-bot-api"
BOT_ID = 123456
BOT_USERNAME = "skillscoach_test_bot"

# Parameters python-telegram-bot sends as plain strings; every other value arrives JSON-encoded.
_STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "language_code",
        "action",
        "callback_query_id",
        "file_id",
        "url",
        "secret_token",
        "inline_message_id",
        "description",
        "short_description",
        "name",
        "emoji",
    }
)
_LONG_POLL_CAP = 1.0


@dataclass
class Call:
    """One recorded Bot API call."""

    method: str
    params: dict[str, Any]
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)


@dataclass
class SentMessage:
    """A message the bot sent (or edited), as the fake keeps it."""

    message_id: int
    chat_id: int
    text: str | None  # what the user sees (markup parsed away)
    html: str | None = None  # what the bot sent, when it used parse_mode HTML
    entities: list[dict[str, Any]] = field(default_factory=list)
    parse_mode: str | None = None
    reply_markup: dict[str, Any] | None = None
    document: tuple[str, bytes] | None = None
    photo: tuple[str, bytes] | None = None
    edits: list[str] = field(default_factory=list)  # the texts it was edited to, in order

    @property
    def original(self) -> str | None:
        """The text as first sent (before any edit)."""
        return self._original if self.edits else self.text

    def __post_init__(self) -> None:
        self._original = self.text

    @property
    def buttons(self) -> list[tuple[str, str]]:
        """(label, callback_data) of every inline button, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [(b["text"], b.get("callback_data", "")) for row in rows for b in row]


@dataclass(frozen=True)
class FakeUser:
    """A Telegram user as the fake injects it; the private chat id equals the user id."""

    id: int
    first_name: str = "Test"
    language_code: str = "nl"
    username: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The User object of the Bot API."""
        data: dict[str, Any] = {
            "id": self.id,
            "is_bot": False,
            "first_name": self.first_name,
            "language_code": self.language_code,
        }
        if self.username:
            data["username"] = self.username
        return data


class FakeBotApi:
    """The fake server: start it, point the bot at base_url/base_file_url, inject updates."""

    def __init__(self, *, token: str = TOKEN) -> None:
        self.token = token
        self.calls: list[Call] = []
        self.sent: list[SentMessage] = []
        self.deleted: list[SentMessage] = []
        self.webhook: dict[str, Any] | None = None
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._file_ids = itertools.count(1)
        self._files: dict[str, tuple[str, bytes]] = {}  # file_id -> (file_path, content)
        self._acknowledged = 0  # highest update_id the bot confirmed with a later offset
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.fail_next: dict[str, int] = {}  # method -> how many calls to fail with a 500
        # Users who wrote to the bot: like Telegram, a chat-scoped menu for anyone else fails.
        self.users_seen: set[int] = set()
        # Webhook mode: injected updates are handed to this (which POSTs them to a worker)
        # instead of waiting for getUpdates.
        self.deliver: Callable[[dict[str, Any]], Awaitable[None]] | None = None
        self.deliveries: list[asyncio.Task[None]] = []
        # sendMessage calls whose params match this hang (unanswered) until `released` is set,
        # then fail unrecorded: a worker caught in the middle of sending, whose message never
        # reached Telegram because it was killed meanwhile.
        self.hold: Callable[[dict[str, Any]], bool] | None = None
        self.released = asyncio.Event()
        self.held = 0

    # --- lifecycle --------------------------------------------------------------------------
    async def start(self) -> None:
        """Listen on 127.0.0.1 on a free port."""
        app = web.Application(client_max_size=200 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def base_url(self) -> str:
        """The value for TELEGRAM_API_BASE_URL (ends in /bot)."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """Where files are downloaded from (ends in /file/bot)."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    # --- injecting updates ------------------------------------------------------------------
    def _push(self, payload: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        for kind in ("message", "callback_query"):
            sender = (payload.get(kind) or {}).get("from")
            if sender:
                self.users_seen.add(sender["id"])
        update = {"update_id": update_id, **payload}
        if self.deliver is not None:
            task = asyncio.get_running_loop().create_task(self.deliver(update))
            self.deliveries.append(task)
            return update_id
        self._updates.append(update)
        self._notify()
        return update_id

    def _notify(self) -> None:
        async def _wake() -> None:
            async with self._changed:
                self._changed.notify_all()

        asyncio.get_running_loop().create_task(_wake())

    def _message(self, user: FakeUser, chat: dict[str, Any] | None, **extra: Any) -> dict:
        chat = chat or {"id": user.id, "type": "private", "first_name": user.first_name}
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": user.as_dict(),
            **extra,
        }

    def send_text(self, user: FakeUser, text: str, *, chat: dict[str, Any] | None = None) -> int:
        """Inject a text message (a command gets its bot_command entity, as Telegram does)."""
        extra: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split()[0]
            length = len(command.encode("utf-16-le")) // 2
            extra["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return self._push({"message": self._message(user, chat, **extra)})

    def send_group_text(self, user: FakeUser, text: str, *, chat_id: int = -100777) -> int:
        """Inject a message in a group chat."""
        chat = {"id": chat_id, "type": "group", "title": "Team"}
        return self.send_text(user, text, chat=chat)

    def add_to_group(self, user: FakeUser, *, chat_id: int = -100777) -> int:
        """Inject the my_chat_member update Telegram sends when `user` adds the bot to a group."""
        member = {
            "chat": {"id": chat_id, "type": "group", "title": "Team"},
            "from": user.as_dict(),
            "date": int(time.time()),
            "old_chat_member": {"status": "left", "user": self.bot_user},
            "new_chat_member": {"status": "member", "user": self.bot_user},
        }
        return self._push({"my_chat_member": member})

    def press(self, user: FakeUser, message: SentMessage, data: str) -> int:
        """Inject a callback query: the user pressed the button `data` under `message`."""
        query = {
            "id": str(next(self._update_ids) * 7919),
            "from": user.as_dict(),
            "chat_instance": f"ci{message.chat_id}",
            "data": data,
            "message": {
                "message_id": message.message_id,
                "date": int(time.time()),
                "chat": {"id": message.chat_id, "type": "private"},
                "from": self.bot_user,
                "text": message.text or "",
                "entities": message.entities,
                **({"reply_markup": message.reply_markup} if message.reply_markup else {}),
            },
        }
        return self._push({"callback_query": query})

    def send_document(
        self,
        user: FakeUser,
        filename: str,
        content: bytes,
        *,
        mime_type: str | None = None,
        file_size: int | None = None,
        caption: str | None = None,
    ) -> int:
        """Inject a document message; the file is downloadable through getFile."""
        file_id = self.add_file(content, filename)
        document: dict[str, Any] = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": filename,
            "file_size": len(content) if file_size is None else file_size,
        }
        if mime_type:
            document["mime_type"] = mime_type
        extra: dict[str, Any] = {"document": document}
        if caption:
            extra["caption"] = caption
        return self._push({"message": self._message(user, None, **extra)})

    def add_file(self, content: bytes, filename: str) -> str:
        """Store a file; return its file_id."""
        number = next(self._file_ids)
        file_id = f"file{number}"
        self._files[file_id] = (f"documents/file_{number}_{filename}", content)
        return file_id

    @property
    def bot_user(self) -> dict[str, Any]:
        """The bot's own User object."""
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Skillscoach",
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    # --- observing ---------------------------------------------------------------------------
    @property
    def last_injected(self) -> int:
        """The update_id of the last injected update (0 when none)."""
        return self._updates[-1]["update_id"] if self._updates else self._acknowledged

    @property
    def all_acknowledged(self) -> bool:
        """True once the bot has confirmed (by a later offset) every injected update."""
        return self._acknowledged >= self.last_injected

    async def wait_acknowledged(self, timeout: float = 20.0) -> None:
        """Wait until the bot fetched and confirmed every injected update."""
        await self.wait_for(lambda: self.all_acknowledged, timeout=timeout)

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 20.0) -> Any:
        """Wait (bounded) until predicate() is truthy; return its value."""

        async def _loop() -> Any:
            async with self._changed:
                while not (result := predicate()):
                    await self._changed.wait()
                return result

        return await asyncio.wait_for(_loop(), timeout)

    def messages_to(self, chat_id: int) -> list[SentMessage]:
        """Every message the bot sent to one chat, oldest first."""
        return [m for m in self.sent if m.chat_id == chat_id]

    def calls_to(self, method: str) -> list[Call]:
        """Every recorded call of one method."""
        return [c for c in self.calls if c.method == method]

    # --- the HTTP side ------------------------------------------------------------------------
    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params, files = await _read_params(request)
        call = Call(method=method, params=params, files=files)
        self.calls.append(call)
        if self.fail_next.get(method):
            self.fail_next[method] -= 1
            return _error(500, "Internal Server Error: injected failure")
        if method == "sendMessage" and self.hold is not None and self.hold(params):
            self.held += 1
            self._notify()
            await self.released.wait()
            return _error(500, "Internal Server Error: the sender is gone")
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return _error(404, "Not Found: method not found")
        try:
            result = await handler(params, files)
        except _ApiError as exc:
            return _error(exc.code, exc.description)
        finally:
            if method != "getUpdates":
                self._notify()
        return web.json_response({"ok": True, "result": result})

    async def _download(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        path = request.match_info["path"]
        for file_path, content in self._files.values():
            if file_path == path:
                return web.Response(body=content, content_type="application/octet-stream")
        return web.Response(status=404)

    # --- methods ------------------------------------------------------------------------------
    async def _m_getMe(self, params: dict, files: dict) -> Any:
        return self.bot_user

    async def _m_deleteWebhook(self, params: dict, files: dict) -> Any:
        self.webhook = None
        return True

    async def _m_setWebhook(self, params: dict, files: dict) -> Any:
        self.webhook = params
        return True

    async def _m_getWebhookInfo(self, params: dict, files: dict) -> Any:
        return {"url": (self.webhook or {}).get("url", ""), "pending_update_count": 0}

    async def _m_setMyCommands(self, params: dict, files: dict) -> Any:
        scope = params.get("scope") or {"type": "default"}
        if scope.get("type") == "chat" and scope.get("chat_id") not in self.users_seen:
            raise _ApiError(400, "Bad Request: chat not found")
        key = f"{scope.get('type')}:{scope.get('chat_id', '')}:{params.get('language_code', '')}"
        self.commands[key] = params.get("commands", [])
        return True

    async def _m_deleteMyCommands(self, params: dict, files: dict) -> Any:
        return True

    async def _m_close(self, params: dict, files: dict) -> Any:
        return True

    async def _m_logOut(self, params: dict, files: dict) -> Any:
        return True

    async def _m_getUpdates(self, params: dict, files: dict) -> Any:
        offset = int(params.get("offset") or 0)
        if offset:
            self._acknowledged = max(self._acknowledged, offset - 1)
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            self._notify()
        timeout = min(float(params.get("timeout") or 0), _LONG_POLL_CAP)
        if not self._updates and timeout > 0:
            deadline = asyncio.get_running_loop().time() + timeout
            async with self._changed:
                while not self._updates:
                    remaining = deadline - asyncio.get_running_loop().time()
                    if remaining <= 0:
                        break
                    try:
                        await asyncio.wait_for(self._changed.wait(), remaining)
                    except TimeoutError:
                        break
        limit = int(params.get("limit") or 100)
        return self._updates[:limit]

    def _chat_id(self, params: dict) -> int:
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, int):
            raise _ApiError(400, "Bad Request: chat not found")
        return chat_id

    async def _m_sendMessage(self, params: dict, files: dict) -> Any:
        chat_id = self._chat_id(params)
        plain, entities = _parse_text(params)
        message = SentMessage(
            message_id=next(self._message_ids),
            chat_id=chat_id,
            text=plain,
            html=params["text"] if params.get("parse_mode") == "HTML" else None,
            entities=entities,
            parse_mode=params.get("parse_mode"),
            reply_markup=params.get("reply_markup"),
        )
        _check_keyboard(message.reply_markup)
        self.sent.append(message)
        return self._message_json(message)

    async def _m_sendDocument(self, params: dict, files: dict) -> Any:
        chat_id = self._chat_id(params)
        if "document" not in files:
            raise _ApiError(400, "Bad Request: there is no document in the request")
        name, content = files["document"]
        file_id = self.add_file(content, name)
        message = SentMessage(
            message_id=next(self._message_ids),
            chat_id=chat_id,
            text=params.get("caption"),
            parse_mode=params.get("parse_mode"),
            document=(name, content),
        )
        self.sent.append(message)
        data = self._message_json(message)
        data["document"] = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": name,
            "file_size": len(content),
        }
        return data

    async def _m_sendPhoto(self, params: dict, files: dict) -> Any:
        chat_id = self._chat_id(params)
        if "photo" not in files:
            raise _ApiError(400, "Bad Request: there is no photo in the request")
        name, content = files["photo"]
        if not content.startswith(b"\x89PNG\r\n\x1a\n") and not content.startswith(b"\xff\xd8"):
            raise _ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED")
        plain, entities = None, []
        if params.get("caption"):
            plain, entities = _parse_text({**params, "text": params["caption"]})
            if _utf16(plain) > 1024:
                raise _ApiError(400, "Bad Request: message caption is too long")
        message = SentMessage(
            message_id=next(self._message_ids),
            chat_id=chat_id,
            text=plain,
            html=params.get("caption") if params.get("parse_mode") == "HTML" else None,
            entities=entities,
            parse_mode=params.get("parse_mode"),
            reply_markup=params.get("reply_markup"),
            photo=(name, content),
        )
        self.sent.append(message)
        data = self._message_json(message)
        file_id = self.add_file(content, name)
        data["photo"] = [
            {"file_id": file_id, "file_unique_id": f"u{file_id}", "width": 1, "height": 1}
        ]
        if plain is not None:
            data.pop("text", None)
            data.pop("entities", None)
            data["caption"] = plain
            if entities:
                data["caption_entities"] = entities
        return data

    async def _m_editMessageText(self, params: dict, files: dict) -> Any:
        message = self._find(params)
        plain, entities = _parse_text(params)
        if plain == message.text and params.get("reply_markup") == message.reply_markup:
            raise _ApiError(400, "Bad Request: message is not modified")
        message.edits.append(plain)
        message.text = plain
        message.entities = entities
        message.html = params["text"] if params.get("parse_mode") == "HTML" else None
        message.parse_mode = params.get("parse_mode")
        message.reply_markup = params.get("reply_markup")
        return self._message_json(message)

    async def _m_editMessageReplyMarkup(self, params: dict, files: dict) -> Any:
        message = self._find(params)
        message.reply_markup = params.get("reply_markup")
        return self._message_json(message)

    async def _m_deleteMessage(self, params: dict, files: dict) -> Any:
        message = self._find(params)
        self.sent.remove(message)
        self.deleted.append(message)
        return True

    async def _m_answerCallbackQuery(self, params: dict, files: dict) -> Any:
        return True

    async def _m_sendChatAction(self, params: dict, files: dict) -> Any:
        self._chat_id(params)
        return True

    async def _m_getFile(self, params: dict, files: dict) -> Any:
        file_id = params.get("file_id")
        if file_id not in self._files:
            raise _ApiError(400, "Bad Request: invalid file_id")
        file_path, content = self._files[file_id]
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": len(content),
            "file_path": file_path,
        }

    def _find(self, params: dict) -> SentMessage:
        chat_id = self._chat_id(params)
        message_id = params.get("message_id")
        for message in self.sent:
            if message.chat_id == chat_id and message.message_id == message_id:
                return message
        # Messages the user sent can't be edited by the bot; anything else is unknown.
        raise _ApiError(400, "Bad Request: message to edit not found")

    def _message_json(self, message: SentMessage) -> dict[str, Any]:
        data: dict[str, Any] = {
            "message_id": message.message_id,
            "date": int(time.time()),
            "chat": {"id": message.chat_id, "type": "private" if message.chat_id > 0 else "group"},
            "from": self.bot_user,
        }
        if message.text is not None:
            data["text"] = message.text
            if message.entities:
                data["entities"] = message.entities
        if message.reply_markup:
            data["reply_markup"] = message.reply_markup
        return data


class _ApiError(Exception):
    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description


def _error(code: int, description: str) -> web.Response:
    return web.json_response(
        {"ok": False, "error_code": code, "description": description}, status=code
    )


async def _read_params(request: web.Request) -> tuple[dict[str, Any], dict[str, Any]]:
    params: dict[str, Any] = {}
    files: dict[str, tuple[str, bytes]] = {}
    if request.content_type == "application/json":
        raw = await request.json()
        return dict(raw), files
    form = await request.post()
    for key, value in form.items():
        if isinstance(value, web.FileField):
            files[key] = (value.filename or key, value.file.read())
        elif key in _STRING_PARAMS:
            params[key] = value
        else:
            try:
                params[key] = json.loads(value)
            except (TypeError, ValueError):
                params[key] = value
    # A file sent as attach://name is referenced from a parameter; resolve it for convenience.
    for key, value in list(params.items()):
        if isinstance(value, str) and value.startswith("attach://"):
            name = value.removeprefix("attach://")
            if name in files:
                files[key] = files.pop(name)
    return params, files


def _parse_text(params: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    """Validate a message text like Telegram: markup parsed, then at most 4096 characters."""
    text = params.get("text")
    if not isinstance(text, str) or not text.strip():
        raise _ApiError(400, "Bad Request: message text is empty")
    if params.get("parse_mode") == "HTML":
        _check_markup(text, "HTML")
        plain, entities = _html_to_entities(text)
    elif params.get("parse_mode"):
        raise _ApiError(400, "Bad Request: the fake only speaks HTML")
    else:
        plain, entities = text, []
    if not plain.strip():
        raise _ApiError(400, "Bad Request: message text is empty")
    if _utf16(plain) > 4096:
        raise _ApiError(400, "Bad Request: message is too long")
    return plain, entities


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "code": "code",
    "pre": "pre",
    "a": "text_link",
    "blockquote": "blockquote",
    "tg-spoiler": "spoiler",
}


def _html_to_entities(text: str) -> tuple[str, list[dict[str, Any]]]:
    from html.parser import HTMLParser

    plain: list[str] = []
    entities: list[dict[str, Any]] = []
    open_tags: list[tuple[str, int, dict[str, Any]]] = []

    class _Parser(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            open_tags.append((tag, _utf16("".join(plain)), dict(attrs)))

        def handle_endtag(self, tag: str) -> None:
            name, start, attrs = open_tags.pop()
            length = _utf16("".join(plain)) - start
            if length and name in _ENTITY_TYPES:
                entity: dict[str, Any] = {
                    "type": _ENTITY_TYPES[name],
                    "offset": start,
                    "length": length,
                }
                if name == "a":
                    entity["url"] = attrs.get("href", "")
                entities.append(entity)

        def handle_data(self, data: str) -> None:
            plain.append(data)

    parser = _Parser(convert_charrefs=True)
    parser.feed(text)
    parser.close()
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(plain), entities


def _check_markup(text: str, parse_mode: str | None) -> None:
    """Reject HTML the way Telegram does: unknown tags, unbalanced tags, stray '<' or '&'."""
    if parse_mode != "HTML":
        return
    import re

    allowed = {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-spoiler",
        "span",
    }
    stack: list[str] = []
    position = 0
    for match in re.finditer(r"<(/?)([a-z-]+)([^>]*)>|&(#\d+|[a-z]+);|[<&]", text):
        position = match.start()
        token = match.group(0)
        if token in ("<", "&"):
            raise _ApiError(400, f"Bad Request: can't parse entities at byte offset {position}")
        if match.group(4) is not None:
            if not match.group(4).startswith("#") and match.group(4) not in {
                "lt",
                "gt",
                "amp",
                "quot",
            }:
                raise _ApiError(400, "Bad Request: can't parse entities: unknown entity")
            continue
        closing, tag = match.group(1), match.group(2)
        if tag not in allowed:
            raise _ApiError(400, f"Bad Request: can't parse entities: unsupported tag {tag}")
        if closing:
            if not stack or stack.pop() != tag:
                raise _ApiError(400, "Bad Request: can't parse entities: unmatched end tag")
        else:
            stack.append(tag)
    if stack:
        raise _ApiError(400, "Bad Request: can't parse entities: unclosed start tag")


def _check_keyboard(markup: dict[str, Any] | None) -> None:
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= 64:
                raise _ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
