"""Inline keyboards: the engine's quick choices as buttons; callback data is the choice value."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Protocol

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

log = logging.getLogger(__name__)

CALLBACK_DATA_LIMIT = 64  # bytes, Telegram's limit for callback_data
_SHORT_LABEL = 16  # labels up to this length share a row
_PER_ROW = 2


class _ChoiceLike(Protocol):
    @property
    def label(self) -> str: ...
    @property
    def value(self) -> str: ...


def choices_keyboard(choices: Sequence[_ChoiceLike]) -> InlineKeyboardMarkup | None:
    """Buttons for the choices (short labels two to a row), or None when there are none."""
    rows: list[list[InlineKeyboardButton]] = []
    pending: list[InlineKeyboardButton] = []
    for choice in choices:
        if not 1 <= len(choice.value.encode()) <= CALLBACK_DATA_LIMIT:
            # The engine promises <= 60 bytes; a longer value would make Telegram reject the
            # whole message, so drop the button rather than the reply.
            log.warning("choice value of %s bytes dropped", len(choice.value.encode()))
            continue
        button = InlineKeyboardButton(choice.label[:64], callback_data=choice.value)
        if len(choice.label) <= _SHORT_LABEL:
            pending.append(button)
            if len(pending) == _PER_ROW:
                rows.append(pending)
                pending = []
        else:
            if pending:
                rows.append(pending)
                pending = []
            rows.append([button])
    if pending:
        rows.append(pending)
    return InlineKeyboardMarkup(rows) if rows else None


def button_label(markup: InlineKeyboardMarkup | None, data: str) -> str | None:
    """The label of the button carrying `data` in a keyboard, if any."""
    if markup is None:
        return None
    for row in markup.inline_keyboard:
        for button in row:
            if button.callback_data == data:
                return button.text
    return None
