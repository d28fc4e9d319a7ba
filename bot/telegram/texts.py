"""What the Telegram front end itself says (access, uploads, errors), in Dutch and English.

Coaching content comes from the engine; these are only the front end's own messages.
Placeholders are filled with already-escaped HTML.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["nl", "en"]

_TEXTS: dict[str, dict[str, str]] = {
    "refusal": {
        "nl": "Hallo! Skillscoach helpt leidinggevenden hun ontwikkelgesprekken voor te bereiden "
        "en erop terug te kijken. De bot is alleen voor uitgenodigde gebruikers.\n\n"
        "Heb je een uitnodigingscode van HR? Stuur dan <code>/join CODE</code> "
        "(of <code>/start CODE</code>). Er is niets over je opgeslagen.",
        "en": "Hello! Skillscoach helps managers prepare and reflect on development "
        "conversations. It is only open to invited users.\n\n"
        "Got an invite code from HR? Send <code>/join CODE</code> "
        "(or <code>/start CODE</code>). Nothing about you has been stored.",
    },
    "bad_code": {
        "nl": "Deze uitnodigingscode werkt niet (onbekend, al gebruikt of verlopen). "
        "Vraag HR om een nieuwe en stuur dan <code>/join CODE</code>.",
        "en": "This invite code does not work (unknown, already used or expired). "
        "Ask HR for a new one and send <code>/join CODE</code>.",
    },
    "join_usage": {
        "nl": "Stuur je code zo: <code>/join CODE</code>",
        "en": "Send your code like this: <code>/join CODE</code>",
    },
    "already_member": {
        "nl": "Je hebt al toegang. Typ /help om te zien wat ik kan.",
        "en": "You already have access. Type /help to see what I can do.",
    },
    "group": {
        "nl": "Ik werk alleen in een privégesprek, want het gaat over je medewerkers. "
        "Stuur me een persoonlijk bericht: @{bot}",
        "en": "I only work in a private chat, because it is about your team members. "
        "Send me a direct message: @{bot}",
    },
    "slow_down": {
        "nl": "Even rustig aan: je stuurt veel berichten tegelijk. Probeer het over een "
        "minuutje weer.",
        "en": "Easy does it: you are sending a lot of messages. Please try again in a minute.",
    },
    "error": {
        "nl": "Er ging iets mis aan mijn kant. Er is niets verloren gegaan: probeer het "
        "nog eens, of /cancel om opnieuw te beginnen.",
        "en": "Something went wrong on my side. Nothing was lost: please try again, "
        "or /cancel to start over.",
    },
    "text_only": {
        "nl": "Ik lees alleen tekst. Typ je vraag, of /help.",
        "en": "I can only read text. Type your question, or /help.",
    },
    "choose": {"nl": "Kies:", "en": "Choose:"},
    "reflect_now": {"nl": "Nu terugkijken", "en": "Reflect now"},
    "stale_choice": {
        "nl": "Die keuze hoort bij een eerdere vraag.",
        "en": "That choice belongs to an earlier question.",
    },
    "hr_only_upload": {
        "nl": "Alleen HR kan richtlijnen toevoegen. Stuur het document naar je HR-adviseur; "
        "ik heb het niet opgeslagen.",
        "en": "Only HR can add guidance. Please send the document to your HR adviser; "
        "I have not stored it.",
    },
    "hr_help": {
        "nl": "Als HR-beheerder kun je ook:\n"
        "/invite – een uitnodigingscode voor een leidinggevende maken\n"
        "/docs – de richtlijnen in de kennisbank\n"
        "/removedoc ID – een richtlijn verwijderen\n"
        "/restoredoc ID VERSIE – een eerdere versie terugzetten\n"
        "/renamedoc ID Titel – een richtlijn een andere titel geven\n"
        "/gaps – onderwerpen die de richtlijnen niet dekken (vanaf drie leidinggevenden)\n"
        "Een richtlijn toevoegen of bijwerken: stuur me het document (PDF, Word, Markdown, "
        "tekst of HTML).",
        "en": "As an HR admin you can also:\n"
        "/invite – create an invite code for a manager\n"
        "/docs – the guidance documents in the knowledge base\n"
        "/removedoc ID – remove a document\n"
        "/restoredoc ID VERSION – bring back an earlier version\n"
        "/renamedoc ID Title – give a document another title\n"
        "/gaps – topics the guidance does not cover (from three managers on)\n"
        "To add or update guidance, send me the document (PDF, Word, Markdown, text or HTML).",
    },
    "hr_only": {
        "nl": "Dit kan alleen HR.",
        "en": "Only HR can do this.",
    },
    "bad_type": {
        "nl": "Dit bestandstype ({kind}) kan ik niet lezen. Stuur een PDF, Word-bestand "
        "(.docx), Markdown (.md), tekstbestand (.txt) of HTML.",
        "en": "I can't read this type of file ({kind}). Send a PDF, Word file (.docx), "
        "Markdown (.md), text file (.txt) or HTML.",
    },
    "too_large": {
        "nl": "Dit bestand is te groot ({size}); de grens is {limit}.",
        "en": "This file is too large ({size}); the limit is {limit}.",
    },
    "too_large_cloud": {
        "nl": "Dit bestand ({size}) is groter dan de 20 MB die bots via Telegram kunnen "
        "ophalen. Voeg het op de server toe met <code>skillscoach kb add</code>.",
        "en": "This file ({size}) is larger than the 20 MB bots can fetch through Telegram. "
        "Add it on the server with <code>skillscoach kb add</code>.",
    },
    "receiving": {
        "nl": "📄 {name} ontvangen, bezig met verwerken…",
        "en": "📄 Received {name}, processing…",
    },
    "progress": {
        "nl": "📄 {name}: {percent}% verwerkt…",
        "en": "📄 {name}: {percent}% processed…",
    },
    "ingest_error": {
        "nl": "Ik kon dit document niet toevoegen: {reason}",
        "en": "I could not add this document: {reason}",
    },
    "download_failed": {
        "nl": "Ik kon het bestand niet ophalen bij Telegram. Probeer het nog eens.",
        "en": "I could not fetch the file from Telegram. Please try again.",
    },
    "removedoc_usage": {
        "nl": "Gebruik: <code>/removedoc ID</code> (zie /docs voor de ID's).",
        "en": "Usage: <code>/removedoc ID</code> (see /docs for the ids).",
    },
    "invite": {
        "nl": "Uitnodigingscode voor een leidinggevende (eenmalig, {days} dagen geldig):\n\n"
        "<code>{code}</code>\n\nDe leidinggevende stuurt mij <code>/join {code}</code>, "
        "of opent {link}",
        "en": "Invite code for a manager (single use, valid for {days} days):\n\n"
        "<code>{code}</code>\n\nThe manager sends me <code>/join {code}</code>, "
        "or opens {link}",
    },
}


def t(key: str, lang: str, **values: object) -> str:
    """The front end's message `key` in `lang` (English for anything but Dutch)."""
    variants = _TEXTS[key]
    text = variants["nl"] if lang == "nl" else variants["en"]
    return text.format(**values) if values else text


def pick_lang(*candidates: str | None, default: str = "nl") -> Lang:
    """The first usable language among stored preference, Telegram's language_code, default.

    >>> pick_lang(None, "nl-BE")
    'nl'
    >>> pick_lang(None, "de")
    'en'
    >>> pick_lang(None, None, default="nl")
    'nl'
    """
    for candidate in candidates:
        if candidate:
            return "nl" if candidate.lower().startswith("nl") else "en"
    return "nl" if default == "nl" else "en"
