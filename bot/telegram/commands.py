"""The command menus (Dutch and English, plus HR's own) registered with setMyCommands."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from telegram import BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import TelegramError

if TYPE_CHECKING:
    from telegram import Bot

    from bot.settings import Settings

log = logging.getLogger(__name__)

_COMMANDS: dict[str, list[tuple[str, str]]] = {
    "nl": [
        ("prep", "Gesprek voorbereiden: /prep NAAM"),
        ("reflect", "Terugkijken na het gesprek: /reflect NAAM"),
        ("ask", "Coachingsvraag stellen"),
        ("practice", "Gesprek oefenen: /practice NAAM"),
        ("note", "Notitie: /note NAAM tekst"),
        ("notes", "Notities van een medewerker: /notes NAAM"),
        ("employees", "Je medewerkers"),
        ("team", "Je team: skillsmatrix, wie toe is aan een gesprek"),
        ("skills", "Skillspaspoort: /skills NAAM (+ of - skill)"),
        ("agreements", "Open afspraken"),
        ("done", "Afspraak afvinken: /done N"),
        ("export", "Je gegevens downloaden"),
        ("forget", "Alles over een medewerker wissen: /forget NAAM"),
        ("privacy", "Wat er over wie is opgeslagen"),
        ("reminders", "Herinneringen aan/uit; weekoverzicht: /reminders digest"),
        ("lang", "Taal: /lang nl of /lang en"),
        ("cancel", "Stoppen met wat je aan het doen bent"),
        ("help", "Wat ik kan"),
        ("start", "Wat deze bot doet en opslaat"),
    ],
    "en": [
        ("prep", "Prepare a one-on-one: /prep NAME"),
        ("reflect", "Reflect after it: /reflect NAME"),
        ("ask", "Ask a coaching question"),
        ("practice", "Practise the conversation: /practice NAME"),
        ("note", "Note: /note NAME text"),
        ("notes", "An employee's notes: /notes NAME"),
        ("employees", "Your team members"),
        ("team", "Your team: skills matrix, who is due a conversation"),
        ("skills", "Skills passport: /skills NAME (+ or - skill)"),
        ("agreements", "Open agreements"),
        ("done", "Tick off an agreement: /done N"),
        ("export", "Download your data"),
        ("forget", "Erase everything about someone: /forget NAME"),
        ("privacy", "What is stored about whom"),
        ("reminders", "Reminders on/off; weekly digest: /reminders digest"),
        ("lang", "Language: /lang nl or /lang en"),
        ("cancel", "Stop what you are doing"),
        ("help", "What I can do"),
        ("start", "What this bot does and stores"),
    ],
}
_HR_COMMANDS: dict[str, list[tuple[str, str]]] = {
    "nl": [
        ("docs", "Richtlijnen in de kennisbank"),
        ("removedoc", "Richtlijn verwijderen: /removedoc ID"),
        ("restoredoc", "Eerdere versie terugzetten: /restoredoc ID VERSIE"),
        ("renamedoc", "Andere titel: /renamedoc ID Titel"),
        ("gaps", "Wat de richtlijnen niet dekken"),
        ("invite", "Uitnodigingscode voor een leidinggevende"),
    ],
    "en": [
        ("docs", "Guidance documents in the knowledge base"),
        ("removedoc", "Remove a document: /removedoc ID"),
        ("restoredoc", "Bring back an earlier version: /restoredoc ID VERSION"),
        ("renamedoc", "Another title: /renamedoc ID Title"),
        ("gaps", "What the guidance does not cover"),
        ("invite", "Invite code for a manager"),
    ],
}


async def set_commands(bot: Bot, settings: Settings) -> set[int]:
    """Register the command menus in Dutch and English; return the HR admins whose menu is set."""
    for lang, commands in _COMMANDS.items():
        menu = [BotCommand(name, text) for name, text in commands]
        await bot.set_my_commands(menu, scope=BotCommandScopeDefault(), language_code=lang)
        if lang == settings.default_language:
            await bot.set_my_commands(menu, scope=BotCommandScopeDefault())
    return {hr_id for hr_id in settings.hr_admin_ids if await set_hr_menu(bot, hr_id)}


async def set_hr_menu(bot: Bot, hr_id: int) -> bool:
    """Give one HR admin the menu with the HR commands; False when Telegram refuses (yet)."""
    try:
        for lang, commands in _COMMANDS.items():
            menu = [BotCommand(n, d) for n, d in [*_HR_COMMANDS[lang], *commands]]
            await bot.set_my_commands(menu, scope=BotCommandScopeChat(hr_id), language_code=lang)
    except TelegramError:
        # Telegram refuses a chat scope until the admin has written to the bot once; the gate
        # tries again when they do.
        log.info("HR command menu not set for one admin yet")
        return False
    return True
