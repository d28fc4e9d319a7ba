"""Telegram handlers: parse the update, call the coaching engine, render its replies.

Handlers stay thin. Coaching logic, flow state and texts live in the engine; this module only
knows about access, Telegram's limits, keyboards and uploads. Every message and button goes to
the engine, which reads the manager's flow from the database: no handler keeps a flow of its
own, so any worker can serve any update.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import tempfile
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

from telegram import Message, Update
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.coach.types import Actor, Reply
from bot.telegram.access import INVITE_TTL_DAYS, external_id, looks_like_code
from bot.telegram.chats import ChatState
from bot.telegram.commands import set_hr_menu
from bot.telegram.context import BotContext
from bot.telegram.keyboards import button_label, choices_keyboard
from bot.telegram.render import MESSAGE_LIMIT, escape, render_reply, utf16_len
from bot.telegram.texts import pick_lang, t
from bot.telegram.uploads import Progress, human_size, safe_filename, size_problem, type_problem

log = logging.getLogger(__name__)

_TYPING_AFTER = 0.5  # a reply faster than this needs no "typing…"
_TYPING_EVERY = 4.5  # Telegram shows "typing…" for about five seconds per chat action
_COMMAND = re.compile(r"^/(\w+)@\w+")
CAPTION_LIMIT = 1024  # Telegram's limit for a photo caption, after entity parsing


# --- the gate (group -1): private chats, rate limit, access ------------------------------------
async def gate(update: object, context: BotContext) -> None:
    """Admit known users in private chats; answer everyone else once and stop the update."""
    if not isinstance(update, Update):
        return
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None or user.is_bot:
        raise ApplicationHandlerStop
    if chat.type != ChatType.PRIVATE:
        await _tell_group_once(update, context)
        raise ApplicationHandlerStop
    if update.message is None and update.callback_query is None:
        raise ApplicationHandlerStop  # edits, the user blocking the bot, ...: nothing to answer
    settings = context.settings
    hint = pick_lang(None, user.language_code, default=settings.default_language)
    context.lang = hint
    data = context.bot_data
    verdict = await data.limiter.check(user.id)
    if verdict != "ok":
        if update.callback_query is not None:
            with contextlib.suppress(TelegramError):
                await update.callback_query.answer()
        if verdict == "warn":
            await _say(context, chat.id, t("slow_down", hint))
        raise ApplicationHandlerStop
    member = await context.access.member(user.id)
    if member is None:
        await _admit_or_refuse(update, context, hint)
        raise ApplicationHandlerStop
    context.lang = pick_lang(
        member.language, user.language_code, default=settings.default_language
    )
    context.actor = _actor(user.id, member.role, user.language_code)
    if member.role == "hr" and user.id not in data.hr_menus:
        # At start Telegram refuses the HR menu for admins who never wrote to the bot; now
        # they have, so try once more (in the background: the menu is not this update's job).
        data.hr_menus.add(user.id)
        context.application.create_task(set_hr_menu(context.bot, user.id), update=update)


def _actor(user_id: int, role: str, language_code: str | None) -> Actor:
    language = pick_lang(None, language_code) if language_code else None
    return Actor(external_id=external_id(user_id), role=role, language=language)  # type: ignore[arg-type]


async def _tell_group_once(update: Update, context: BotContext) -> None:
    chat = update.effective_chat
    assert chat is not None
    if update.callback_query is not None:
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer()
    told = context.bot_data.groups_told
    if chat.id in told or chat.type == ChatType.CHANNEL:
        return
    # Only react to being addressed or added; ordinary group chatter is not our business.
    if update.message is None and update.my_chat_member is None:
        return
    if update.my_chat_member is not None and update.my_chat_member.new_chat_member.status in (
        "left",
        "kicked",
    ):
        return
    told.add(chat.id)
    user = update.effective_user
    default = context.settings.default_language
    lang = pick_lang(None, user.language_code if user else None, default=default)
    await _say(context, chat.id, t("group", lang, bot=escape(context.bot.username or "")))


async def _admit_or_refuse(update: Update, context: BotContext, lang: str) -> None:
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    if update.callback_query is not None:
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer()
    text = update.message.text if update.message is not None and update.message.text else ""
    command, _, rest = normalize_command(text).partition(" ")
    code = rest.strip()
    if command not in ("/start", "/join") or not code:
        key = "join_usage" if command == "/join" else "refusal"
        await _say(context, chat.id, t(key, lang))
        return
    if not looks_like_code(code) or not await context.access.redeem(user.id, code):
        await _say(context, chat.id, t("bad_code", lang))
        return
    log.info("invite redeemed by a new manager")
    context.actor = _actor(user.id, "manager", user.language_code)
    async with context.turn(chat.id):
        await _converse(context, chat.id, "/start")


# --- talking to the engine ----------------------------------------------------------------
def normalize_command(text: str) -> str:
    """Strip the @botname Telegram adds to commands in some clients.

    >>> normalize_command("/prep@skillscoach_bot Anna")
    '/prep Anna'
    >>> normalize_command("hello @someone")
    'hello @someone'
    """
    return _COMMAND.sub(r"/\1", text.strip(), count=1)


@contextlib.asynccontextmanager
async def typing(context: BotContext, chat_id: int) -> AsyncIterator[None]:
    """Show "typing…" in the chat while the block runs, once it has taken over half a second.

    Quick replies send no chat action at all: each one would count against the Bot API's rate
    limit and could queue a reply behind it. The action runs in its own task and never holds
    up the block.
    """

    async def _keep_typing() -> None:
        await asyncio.sleep(_TYPING_AFTER)
        while True:
            try:
                await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
            except TelegramError:
                log.debug("chat action failed", exc_info=True)
            await asyncio.sleep(_TYPING_EVERY)

    task = asyncio.create_task(_keep_typing(), name="skillscoach:typing")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _converse(
    context: BotContext, chat_id: int, text: str, state: ChatState | None = None
) -> list[Reply]:
    """Send text to the engine as the current user and deliver its replies.

    Call with the chat's turn held. `state` is the chat's keyboard state when the caller read
    it already (a button press); it is stored, once, when this turn changed it.
    """
    actor = context.require_actor()
    draft = StreamDraft(context, chat_id)
    replies: list[Reply] = []
    keyboard: int | None = None
    try:
        async with typing(context, chat_id):
            replies = await context.coach.handle(actor, text, stream=draft)
        keyboard = await send_replies(context, chat_id, replies, draft=draft.message)
    finally:
        # Also when answering failed: the press is on record, so a retry counts as a repeat.
        # Once a flow is over and nothing new was asked, the answer buttons still on screen
        # belong to it, and pressing one would send its label as a coaching question.
        ended = bool(replies) and replies[-1].flow is None
        await _remember_keyboard(context, chat_id, state, keyboard, ended=ended)
    return replies


async def _remember_keyboard(
    context: BotContext,
    chat_id: int,
    state: ChatState | None,
    keyboard: int | None,
    *,
    ended: bool = False,
) -> None:
    """Store the chat's newest answer keyboard: `keyboard`, or none once a flow `ended`.

    Writes only when something changed, so a question or /notes turn never writes.
    """
    if keyboard is None and not ended and state is None:
        return
    if state is None:
        state = await context.chats.get(chat_id)
    if keyboard is not None:
        state.keyboard = keyboard
    elif ended and state.keyboard is not None:
        state.keyboard = 0
    if state.dirty:
        await context.chats.put(chat_id, state)


class StreamDraft:
    """Shows a language model's answer while it streams, by editing one draft message.

    Edits are throttled (Telegram limits them) and failures ignored: the draft is a preview,
    and the engine's final, checked reply replaces it.
    """

    def __init__(self, context: BotContext, chat_id: int, interval: float = 1.5) -> None:
        self._context = context
        self._chat_id = chat_id
        self._interval = interval
        self._text = ""
        self._shown = 0.0
        self.message: Message | None = None

    async def __call__(self, piece: str) -> None:
        """Take one streamed piece; show the draft when the throttle allows."""
        self._text += piece
        now = asyncio.get_running_loop().time()
        if not self._text.strip() or now - self._shown < self._interval:
            return
        self._shown = now
        draft = escape(self._text[: MESSAGE_LIMIT - 100]) + " …"
        try:
            if self.message is None:
                self.message = await self._context.bot.send_message(
                    self._chat_id, draft, parse_mode=ParseMode.HTML, disable_web_page_preview=True
                )
            else:
                await self.message.edit_text(
                    draft, parse_mode=ParseMode.HTML, disable_web_page_preview=True
                )
        except TelegramError:
            log.debug("draft update failed", exc_info=True)


async def send_replies(
    context: BotContext, chat_id: int, replies: Sequence[Reply], *, draft: Message | None = None
) -> int | None:
    """Deliver the engine's replies: text split to fit, choices as buttons, files attached.

    A streamed draft, if any, becomes the first message of the first reply. Returns the id of
    the last message sent with buttons (None when there were none).
    """
    keyboard: int | None = None
    for reply in replies:
        keyboard = await send_reply(context, chat_id, reply, into=draft) or keyboard
        draft = None
    return keyboard


async def send_reply(
    context: BotContext, chat_id: int, reply: Reply, *, into: Message | None = None
) -> int | None:
    """Deliver one Reply (its first message may replace an existing one, `into`).

    Returns the id of the message that carries its buttons, if any.
    """
    if reply.picture is not None:
        reply = await _send_picture(context, chat_id, reply)
        if not (reply.text or reply.choices or reply.attachment):
            return None
    with_buttons: int | None = None
    chunks = render_reply(reply)
    keyboard = choices_keyboard(reply.choices)
    if keyboard is not None and not chunks:
        chunks = [t("choose", reply.lang)]
    if into is not None and not chunks:
        with contextlib.suppress(TelegramError):
            await into.delete()
    for index, chunk in enumerate(chunks):
        markup = keyboard if index == len(chunks) - 1 else None
        sent: Message | None = None
        if index == 0 and into is not None:
            try:
                edited = await into.edit_text(
                    chunk,
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup,
                    disable_web_page_preview=True,
                )
                sent = edited if isinstance(edited, Message) else into
            except BadRequest:
                log.debug("could not turn the draft into the reply", exc_info=True)
        if sent is None:
            sent = await context.bot.send_message(
                chat_id,
                chunk,
                parse_mode=ParseMode.HTML,
                reply_markup=markup,
                disable_web_page_preview=True,
            )
        if markup is not None:
            with_buttons = sent.message_id
    if reply.attachment is not None:
        filename, content = reply.attachment
        await context.bot.send_document(chat_id, document=content, filename=filename)
    return with_buttons


async def _send_picture(context: BotContext, chat_id: int, reply: Reply) -> Reply:
    """Send a reply's picture with its text as the caption; what did not fit is left over."""
    assert reply.picture is not None
    name, content = reply.picture
    caption = escape(reply.text) if reply.text else None
    fits = caption is not None and utf16_len(caption) <= CAPTION_LIMIT
    await context.bot.send_photo(
        chat_id,
        photo=content,
        filename=name,
        caption=caption if fits else None,
        parse_mode=ParseMode.HTML if fits else None,
    )
    return Reply(
        text="" if fits else reply.text,
        choices=reply.choices,
        sources=reply.sources,
        flow=reply.flow,
        attachment=reply.attachment,
        lang=reply.lang,
    )


async def _say(context: BotContext, chat_id: int, html: str) -> Message | None:
    """Send one of the front end's own (already escaped) messages."""
    try:
        return await context.bot.send_message(
            chat_id, html, parse_mode=ParseMode.HTML, disable_web_page_preview=True
        )
    except Forbidden:
        return None  # the user blocked the bot; nothing to tell them


async def _incoming_text(
    update: Update, context: BotContext
) -> tuple[str | None, ChatState | None]:
    """The user's input (message text, or the value of the pressed button) and, for a press,
    the chat's keyboard state. Call with the chat's turn held: the checks read the database.
    """
    query = update.callback_query
    if query is None:
        if update.message is None or not update.message.text:
            return None, None
        return normalize_command(update.message.text), None
    message = query.message
    if not query.data or not isinstance(message, Message):
        with contextlib.suppress(TelegramError):
            await query.answer()
        return None, None
    state = await context.chats.get(message.chat_id)
    if state.pressed == message.message_id:
        # A double tap (or a press the client sent twice): the first one was answered and would
        # otherwise answer the next question too. Turns of a chat run one at a time (across
        # workers), so of two presses exactly one gets through.
        with contextlib.suppress(TelegramError):
            await query.answer()
        return None, None
    if _is_stale(state, message, query.data):
        # An answer to an earlier question would land in whatever step the flow is at now.
        with contextlib.suppress(TelegramError):
            await query.answer(t("stale_choice", context.lang))
        with contextlib.suppress(TelegramError):
            await query.edit_message_reply_markup(reply_markup=None)
        return None, None
    state.pressed = message.message_id
    with contextlib.suppress(TelegramError):
        await query.answer()
    await _close_keyboard(message, query.data)
    return query.data, state


def _is_stale(state: ChatState, message: Message, data: str) -> bool:
    """True for an answer button under an older message than the chat's newest keyboard.

    Command buttons (/prep, /reflect Anna) mean the same wherever they are and stay valid.
    The newest keyboard is stored, so this holds across restarts and workers too.
    """
    if data.startswith("/"):
        return False
    return state.keyboard is not None and message.message_id != state.keyboard


async def _close_keyboard(message: object, data: str) -> None:
    # Remove the buttons once one is pressed (so an old keyboard can't be pressed twice) and
    # show the choice under the question, as if the user had typed it.
    if not isinstance(message, Message):
        return
    label = button_label(message.reply_markup, data)
    try:
        html = message.text_html if message.text else None
        if html is not None and label is not None:
            edited = f"{html}\n\n» {escape(label)}"
            if utf16_len(edited) <= MESSAGE_LIMIT:
                await message.edit_text(
                    edited, parse_mode=ParseMode.HTML, disable_web_page_preview=True
                )
                return
        await message.edit_reply_markup(reply_markup=None)
    except BadRequest:
        log.debug("could not close keyboard", exc_info=True)


# --- the handlers -----------------------------------------------------------------------------
async def on_text(update: Update, context: BotContext) -> None:
    """Any text, command or button press: the engine answers, in or outside a flow."""
    chat = update.effective_chat
    if chat is None:
        return
    async with context.turn(chat.id):
        text, state = await _incoming_text(update, context)
        if text is None:
            return
        replies = await _converse(context, chat.id, text, state)
        if text.split()[:1] == ["/help"]:
            await _hr_help(context, chat.id, replies)


async def on_start(update: Update, context: BotContext) -> None:
    """/start for a known user (an invite code in it is ignored: they already have access)."""
    chat = update.effective_chat
    if chat is not None:
        async with context.turn(chat.id):
            await _hr_help(context, chat.id, await _converse(context, chat.id, "/start"))


async def _hr_help(context: BotContext, chat_id: int, replies: Sequence[Reply]) -> None:
    # The engine's help is the managers'; what HR can do on top (invites, documents) is
    # handled by this front end, so it says so itself. Not in the middle of a flow, where
    # /help repeats the current question.
    if context.require_actor().role == "hr" and replies and replies[-1].flow is None:
        await _say(context, chat_id, t("hr_help", context.lang))


async def _hr_only(context: BotContext, chat_id: int, refusal: str = "hr_only") -> bool:
    """True for an HR admin; anyone else is told the command is HR's and gets False."""
    if context.require_actor().role == "hr":
        return True
    await _say(context, chat_id, t(refusal, context.lang))
    return False


async def on_join(update: Update, context: BotContext) -> None:
    """/join from a known user: they already have access."""
    chat = update.effective_chat
    if chat is not None:
        await _say(context, chat.id, t("already_member", context.lang))


async def on_invite(update: Update, context: BotContext) -> None:
    """/invite (HR): create a single-use invite code for a manager."""
    chat = update.effective_chat
    if chat is None or not await _hr_only(context, chat.id):
        return
    user = update.effective_user
    assert user is not None
    code = await context.access.create_invite(user.id)  # the store audits the creation
    link = f"https://t.me/{context.bot.username}?start={code}"
    await _say(
        context,
        chat.id,
        t("invite", context.lang, code=escape(code), days=INVITE_TTL_DAYS, link=escape(link)),
    )


async def on_docs(update: Update, context: BotContext) -> None:
    """/docs: the guidance documents in the knowledge base."""
    chat, actor = update.effective_chat, context.require_actor()
    if chat is None:
        return
    async with context.turn(chat.id):
        reply = await context.coach.list_documents(actor)
        await _remember_keyboard(context, chat.id, None, await send_reply(context, chat.id, reply))


async def on_removedoc(update: Update, context: BotContext) -> None:
    """/removedoc ID (HR): remove a guidance document."""
    chat, actor = update.effective_chat, context.require_actor()
    if chat is None or not await _hr_only(context, chat.id):
        return
    if not context.args:
        await _say(context, chat.id, t("removedoc_usage", context.lang))
        return
    async with context.turn(chat.id):
        reply = await context.coach.remove_document(actor, context.args[0])
        await _remember_keyboard(context, chat.id, None, await send_reply(context, chat.id, reply))


async def on_document(update: Update, context: BotContext) -> None:
    """A document: HR adds guidance (checked before download, progress while ingesting)."""
    message, actor = update.message, context.require_actor()
    if message is None or message.document is None:
        return
    chat_id, lang, document = message.chat_id, context.lang, message.document
    if not await _hr_only(context, chat_id, refusal="hr_only_upload"):
        return
    problem = type_problem(document.file_name, document.mime_type)
    if problem is not None:
        await _say(context, chat_id, t("bad_type", lang, kind=escape(problem)))
        return
    settings = context.settings
    limit = settings.max_upload_bytes
    cloud = context.bot.base_url.startswith("https://api.telegram.org/")
    size_key = size_problem(document.file_size, limit, cloud_api=cloud)
    if size_key is not None:
        size = human_size(document.file_size or 0, lang)
        await _say(context, chat_id, t(size_key, lang, size=size, limit=human_size(limit, lang)))
        return
    name = safe_filename(document.file_name)
    async with context.turn(chat_id):
        status = await _say(context, chat_id, t("receiving", lang, name=escape(name)))
        with tempfile.TemporaryDirectory(prefix="skillscoach-upload-") as tmp:
            path = Path(tmp) / name
            try:
                telegram_file = await document.get_file()
                await telegram_file.download_to_drive(path)
            except TelegramError:
                log.warning("document download failed", exc_info=True)
                await _say(context, chat_id, t("download_failed", lang))
                return
            if path.stat().st_size > limit:  # the size was unknown or wrong before download
                size = human_size(path.stat().st_size, lang)
                limit_text = human_size(limit, lang)
                await _say(context, chat_id, t("too_large", lang, size=size, limit=limit_text))
                return
            reply = await _ingest(context, actor, chat_id, path, name, status, lang)
        await _finish_status(context, chat_id, status, reply)


async def _finish_status(
    context: BotContext, chat_id: int, status: Message | None, reply: Reply
) -> None:
    # The progress message becomes the result (added, replaced, unchanged or refused), so the
    # chat shows one message per upload.
    chunks = render_reply(reply)
    if status is not None and len(chunks) == 1 and not reply.choices:
        try:
            await status.edit_text(
                chunks[0], parse_mode=ParseMode.HTML, disable_web_page_preview=True
            )
            return
        except BadRequest:
            log.debug("could not edit the progress message", exc_info=True)
    await _remember_keyboard(context, chat_id, None, await send_reply(context, chat_id, reply))


async def _ingest(
    context: BotContext,
    actor: Actor,
    chat_id: int,
    path: Path,
    name: str,
    status: Message | None,
    lang: str,
) -> Reply:
    from knowledge.types import IngestError

    async def edit(done: int, total: int) -> None:
        if status is not None:
            percent = min(100, int(done * 100 / total))
            await status.edit_text(
                t("progress", lang, name=escape(name), percent=percent), parse_mode=ParseMode.HTML
            )

    progress = Progress(edit, asyncio.get_running_loop())
    try:
        async with typing(context, chat_id):
            reply = await context.coach.add_document(actor, path, filename=name, progress=progress)
    except IngestError as exc:
        # The knowledge base words these for users (wrong type, corrupt, encrypted, ...).
        log.info("document refused: %s", getattr(exc, "code", "ingest_error"))
        await progress.settle()
        return Reply(text=t("ingest_error", lang, reason=str(exc)), lang=lang)
    await progress.settle()
    return reply


async def on_other(update: Update, context: BotContext) -> None:
    """Photos, voice notes, stickers, ...: the bot reads text only."""
    chat = update.effective_chat
    if chat is not None:
        await _say(context, chat.id, t("text_only", context.lang))


# --- errors -------------------------------------------------------------------------------
async def on_error(update: object, context: BotContext) -> None:
    """Log the failure with its traceback (never message content) and reassure the user."""
    update_id = update.update_id if isinstance(update, Update) else None
    log.error(
        "error while handling update %s: %s",
        update_id,
        type(context.error).__name__,
        exc_info=context.error,
    )
    if not isinstance(update, Update):
        return
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None or chat.type != ChatType.PRIVATE:
        return
    # PTB gives the error handler a fresh context (no actor), so check access again: only
    # admitted users hear about errors.
    try:
        member = await context.access.member(user.id)
        if member is None:
            return
        default = context.settings.default_language
        lang = pick_lang(member.language, user.language_code, default=default)
        await _say(context, chat.id, t("error", lang))
    except Exception:  # the error path itself must never raise
        log.warning("could not tell the user about an error", exc_info=True)


def build_handlers() -> dict[int, list[BaseHandler[Update, BotContext, object]]]:
    """Every handler, by group: the gate first, then front-end commands, then the engine."""
    from telegram.ext import TypeHandler

    group0: list[BaseHandler[Update, BotContext, object]] = [
        CommandHandler("start", on_start, block=False),
        CommandHandler("join", on_join),
        CommandHandler("invite", on_invite),
        CommandHandler("docs", on_docs, block=False),
        CommandHandler("removedoc", on_removedoc, block=False),
        MessageHandler(filters.Document.ALL, on_document, block=False),
        MessageHandler(filters.TEXT, on_text, block=False),
        CallbackQueryHandler(on_text, block=False),
        MessageHandler(~filters.TEXT & ~filters.StatusUpdate.ALL, on_other),
    ]
    return {-1: [TypeHandler(Update, gate)], 0: group0}
