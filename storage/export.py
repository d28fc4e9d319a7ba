"""Rendering an export (data gathered by Store.export) as JSON or readable Markdown."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, tzinfo
from typing import Any, Protocol

from storage.models import utcnow


class Glossary(Protocol):
    """What the app's own names mean, in the reader's language: the bot knows its signals,
    questions and flows, this module only how to lay an export out."""

    def field(self, key: str, value: Any) -> tuple[str, str] | None:
        """A value kept beside a preparation's answers as (what it is, what it says), or None
        for one the glossary does not know."""

    def state(self, key: str, value: Any) -> list[str] | None:
        """A conversation in progress (or the session) as Markdown list lines, or None."""


FORMAT_NAME = "skillscoach-export"
FORMAT_VERSION = 1

LABELS: dict[str, dict[str, Any]] = {
    "en": {
        "title": "Skillscoach export",
        "account": "Account",
        "exported": "Exported",
        "language": "Language",
        "role": "Role",
        "reminders": "Reminders",
        "on": "on",
        "off": "off",
        "consent": "Consent",
        "employee": "Employee",
        "added": "Added",
        "passport": "Skills passport",
        "passport_head": "| Skill | Kind | Since | From |",
        "taxonomy_head": " Taxonomy code |",
        "skill_kinds": {"seen": "strength", "wanted": "wants to learn", "needed": "team needs"},
        "skill_sources": {"prep": "preparation", "reflect": "reflection", "manual": "added"},
        "notes": "Notes",
        "one_on_ones": "One-on-ones",
        "planned": "date of the talk",
        "status": "status",
        "preparation": "Preparation",
        "answers": "Answers",
        "reflection": "Reflection",
        "agreements": "Agreements",
        "owner": "who",
        "due": "due",
        "done": "done",
        "scheduled": "Reminders",
        "flows": "Conversations in progress and your session",
        "none": "(none)",
        "no_employees": "No employees recorded.",
        "kinds": {"free": "note", "prep": "preparation", "reflection": "reflection"},
        "roles": {"manager": "manager", "hr": "HR admin"},
        "account_kinds": {"tg": "Telegram user", "local": "terminal user"},
        "statuses": {
            "preparing": "being prepared",
            "prepared": "prepared",
            "held": "held",
            "reflected": "looked back on",
        },
        "owners": {"employee": "employee", "manager": "you", "joint": "together"},
        "reminder_kinds": {"reflect": "look back", "agreement": "agreement"},
        "sent": "handled",
        "automatic": "automatic (follows what you write)",
        "technical": "Also kept, for the app",
        "same_as_note": "the same text as the note of",
        "answer_labels": {
            "date": "date planned when preparing",
            "goal": "goal",
            "strengths": "what goes well",
            "ambitions": "wishes and ambitions",
            "direction": "what the team needs (direction)",
            "room": "room you can offer",
            "support": "support",
            "barriers": "what may get in the way",
            # a reflection in progress
            "how": "how the talk went",
            "skills": "skills the employee named",
            "agreements": "agreements",
            "did": "what you did",
            "felt": "how that felt",
            "better": "what you will do better",
        },
    },
    "nl": {
        "title": "Skillscoach-export",
        "account": "Account",
        "exported": "Geëxporteerd",
        "language": "Taal",
        "role": "Rol",
        "reminders": "Herinneringen",
        "on": "aan",
        "off": "uit",
        "consent": "Toestemming",
        "employee": "Medewerker",
        "added": "Toegevoegd",
        "passport": "Skillspaspoort",
        "passport_head": "| Skill | Soort | Sinds | Uit |",
        "taxonomy_head": " Taxonomiecode |",
        "skill_kinds": {"seen": "kan", "wanted": "wil leren", "needed": "team heeft nodig"},
        "skill_sources": {"prep": "voorbereiding", "reflect": "reflectie", "manual": "toegevoegd"},
        "notes": "Notities",
        "one_on_ones": "Ontwikkelgesprekken",
        "planned": "datum gesprek",
        "status": "status",
        "preparation": "Voorbereiding",
        "answers": "Antwoorden",
        "reflection": "Reflectie",
        "agreements": "Afspraken",
        "owner": "wie",
        "due": "uiterlijk",
        "done": "klaar",
        "scheduled": "Herinneringen",
        "flows": "Lopende gesprekken en je sessie",
        "none": "(geen)",
        "no_employees": "Geen medewerkers vastgelegd.",
        "kinds": {"free": "notitie", "prep": "voorbereiding", "reflection": "reflectie"},
        "roles": {"manager": "leidinggevende", "hr": "HR-beheerder"},
        "account_kinds": {"tg": "Telegram-gebruiker", "local": "terminalgebruiker"},
        "statuses": {
            "preparing": "in voorbereiding",
            "prepared": "voorbereid",
            "held": "gevoerd",
            "reflected": "nabesproken",
        },
        "owners": {"employee": "medewerker", "manager": "jij", "joint": "samen"},
        "reminder_kinds": {"reflect": "terugkijken", "agreement": "afspraak"},
        "sent": "afgehandeld",
        "automatic": "automatisch (volgt wat je schrijft)",
        "technical": "Ook bewaard, voor de app",
        "same_as_note": "dezelfde tekst als de notitie van",
        "answer_labels": {
            "date": "datum gepland bij de voorbereiding",
            "goal": "doel",
            "strengths": "wat gaat goed",
            "ambitions": "wensen en ambities",
            "direction": "wat het team nodig heeft (richting)",
            "room": "ruimte die je kunt bieden",
            "support": "steun",
            "barriers": "wat in de weg kan zitten",
            # een reflectie die nog loopt
            "how": "hoe het gesprek ging",
            "skills": "skills die de medewerker noemde",
            "agreements": "afspraken",
            "did": "wat je deed",
            "felt": "hoe dat voelde",
            "better": "wat je volgende keer beter doet",
        },
    },
}


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def to_json(data: dict[str, Any]) -> str:
    """The export as pretty JSON (UTF-8 text, ISO 8601 times in UTC)."""
    document = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "exported_at": utcnow()}
    document |= data
    return json.dumps(_plain(document), ensure_ascii=False, indent=2) + "\n"


def _when(value: datetime | date | None, tz: tzinfo = UTC) -> str:
    """A day as ISO, a moment in ``tz`` with its zone ("2026-12-02 17:34 CET")."""
    if value is None:
        return "-"
    if isinstance(value, datetime):
        return value.astimezone(tz).strftime("%Y-%m-%d %H:%M %Z")
    return value.isoformat()


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines() or [""])


def _account(external_id: str, t: dict[str, Any]) -> str:
    kind, _, ident = external_id.partition(":")
    label = t["account_kinds"].get(kind)
    return f"{label} {ident}" if label and ident else external_id


def _consent(consent: dict[str, Any], t: dict[str, Any]) -> str:
    if not consent:
        return t["none"]
    return ", ".join(f"{key}: {value}" for key, value in sorted(consent.items()))


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "/")


def passport_markdown(items: list[Any], t: dict[str, Any], tz: tzinfo = UTC) -> list[str]:
    """The skills passport as a Markdown table (lines), or "(none)"."""
    out = [f"### {t['passport']}", ""]
    if not items:
        return [*out, t["none"], ""]
    # the taxonomy column only when a skill has a code (an empty column reads as missing data)
    coded = any(item.code for item in items)
    head = t["passport_head"] + (t["taxonomy_head"] if coded else "")
    out += [head, "|---" * head.count(" |") + "|"]
    for item in items:
        kind = t["skill_kinds"].get(item.kind, item.kind)
        source = t["skill_sources"].get(item.source, "-") if item.source else "-"
        code = f" {_cell(item.code or '-')} |" if coded else ""
        out.append(f"| {_cell(item.label)} | {kind} | {_when(item.added, tz)} | {source} |{code}")
    return [*out, ""]


def _answers(answers: dict[str, Any], t: dict[str, Any], glossary: Glossary | None) -> list[str]:
    """A preparation's answers: the typed ones under their question, then, listed apart under
    "Also kept, for the app", what the bot kept beside them (the signals confirmed, the
    questions asked...), each said the way the glossary says it."""
    labels = t["answer_labels"]
    typed = [f"- {labels[k]}: {answers[k]}" for k in labels if answers.get(k)]
    states = (t["on"], t["off"])
    kept = []
    for key, value in answers.items():
        if key in labels or value is None or value == []:
            continue  # nothing kept under that name
        named = glossary.field(key, value) if glossary is not None else None
        what, said = named or (key, readable(_plain(value), states))
        kept.append(f"  - {what}: {said}")
    return typed + ([f"- {t['technical']}:", *kept] if kept else [])


def _item(item: dict[str, Any]) -> str:
    """A confirmed item: a signal or fact by its name and detail ("budget_available 600"), a
    skill by its label."""
    if item.get("kind") in ("signal", "fact"):
        return f"{item.get('key')} {item.get('detail') or ''}".strip()
    return str(item.get("detail") or item.get("key"))


def readable(value: Any, states: tuple[str, str] = ("on", "off")) -> str:
    """A kept value as a reader takes it in, for values no glossary names: text as it is, a
    list comma-separated, a source by its title, section and version, a confirmed item by what
    it says and whether it was on, a mapping as its names and values; nothing as "-".

    >>> readable(["q_open_1", "bridge"])
    'q_open_1, bridge'
    >>> readable([{"doc_id": "d", "title": "Gids", "section": "Open vragen", "version": 2}])
    'Gids, Open vragen (v2)'
    >>> readable({"items": [{"kind": "seen", "key": "0", "detail": "plannen", "on": False}]})
    'seen: plannen (off)'
    >>> readable({"q": "en als ze boos wordt?", "shown": ["a#b"], "at": None})
    'q: en als ze boos wordt?; shown: a#b; at: -'
    """
    if value is None:
        return "-"
    if isinstance(value, str | int | float):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, dict) and "title" in v for v in value):
        return "; ".join(
            f"{v['title']}, {v.get('section') or '-'} (v{v.get('version', '?')})" for v in value
        )
    if isinstance(value, dict) and isinstance(value.get("items"), list):
        items = [i for i in value["items"] if isinstance(i, dict)]
        said = [f"{i.get('kind')}: {_item(i)}" for i in items]
        on = [states[0] if i.get("on") else states[1] for i in items]
        return "; ".join(f"{x} ({y})" for x, y in zip(said, on, strict=True)) or "-"
    if isinstance(value, list):
        return ", ".join(readable(v, states) for v in value) or "-"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {readable(v, states)}" for k, v in value.items()) or "-"
    return str(value)


def _reminder(reminder: Any, t: dict[str, Any], tz: tzinfo) -> str:
    kind = t["reminder_kinds"].get(reminder.kind, reminder.kind)
    # sent, or no longer needed (looked back on before the reminder was due)
    sent = f" ({t['sent']} {_when(reminder.sent_at, tz)})" if reminder.sent_at else ""
    # an agreement's reminder says which agreement ("afspraak: Rooster bekijken")
    text = reminder.payload.get("text") if reminder.kind == "agreement" else None
    what = f"{kind}: {text}" if isinstance(text, str) and text else kind
    return f"- {_when(reminder.due_at, tz)}: {what}{sent}"


def _by_date(reminders: list[Any]) -> list[Any]:
    """Reminders in the order they come due (kept in the order they were made)."""
    return sorted(reminders, key=lambda r: (r.due_at, r.id))


def _kept_text(label: str, text: str, noted: dict[str, str], t: dict[str, Any]) -> list[str]:
    """A card or reflection under its one-on-one, or where it is already quoted as a note."""
    if text in noted:
        return [f"{label}: {t['same_as_note']} {noted[text]}.", ""]
    return [f"{label}:", "", _quote(text), ""]


def to_markdown(
    data: dict[str, Any],
    *,
    language: str = "en",
    tz: tzinfo = UTC,
    glossary: Glossary | None = None,
) -> str:
    """The export as a readable Markdown document, its times in ``tz``; the ``glossary`` says
    what the app's own names mean (without one they are shown as they are)."""
    t = LABELS.get(language, LABELS["en"])
    manager = data["manager"]
    out = [f"# {t['title']}", ""]
    out += [
        f"- {t['account']}: {_account(manager.external_id, t)}",
        f"- {t['role']}: {t['roles'].get(manager.role, manager.role)}",
        f"- {t['language']}: {manager.language or t['automatic']}",
        f"- {t['reminders']}: {t['on'] if manager.reminders_enabled else t['off']}",
        f"- {t['consent']}: {_consent(manager.consent, t)}",
        f"- {t['exported']}: {_when(utcnow(), tz)}",
        "",
    ]
    if not data["employees"]:
        out += [t["no_employees"], ""]
    for entry in data["employees"]:
        person = entry["employee"]
        out += [f"## {t['employee']}: {person.name}", ""]
        out += [f"- {t['added']}: {_when(person.created_at, tz)}", ""]
        out += passport_markdown(person.passport, t, tz)
        out += [f"### {t['notes']}", ""]
        if not entry["notes"]:
            out += [t["none"], ""]
        # a card or reflection is kept as a note too: quoted once, pointed to the second time
        noted = {note.body: _when(note.created_at, tz) for note in entry["notes"]}
        for note in entry["notes"]:
            kind = t["kinds"].get(note.kind, note.kind)
            out += [f"**{_when(note.created_at, tz)}** ({kind})", "", _quote(note.body), ""]
        out += [f"### {t['one_on_ones']}", ""]
        if not entry["one_on_ones"]:
            out += [t["none"], ""]
        for talk in entry["one_on_ones"]:
            status = t["statuses"].get(talk.status, talk.status)
            out += [
                f"#### {_when(talk.created_at, tz)} — {t['planned']} {_when(talk.planned_for)}, "
                f"{t['status']} {status}",
                "",
            ]
            if talk.preparation:
                out += _kept_text(t["preparation"], talk.preparation, noted, t)
            if talk.preparation_answers:
                answers = _answers(talk.preparation_answers, t, glossary)
                out += [f"{t['answers']}:", "", *answers, ""]
            if talk.reflection:
                out += _kept_text(t["reflection"], talk.reflection, noted, t)
        out += [f"### {t['agreements']}", ""]
        if not entry["action_items"]:
            out += [t["none"], ""]
        for item in entry["action_items"]:
            box = "x" if item.done else " "
            # "Tom" reads better than "employee" in a list about Tom
            owner = t["owners"].get(item.owner, item.owner)
            if item.owner == "employee":
                owner = person.name
            details = f"{t['owner']}: {owner}, {t['due']}: {_when(item.due, tz)}"
            out.append(f"- [{box}] {item.text} ({details})")
        out.append("")
        if entry["reminders"]:
            out += [f"### {t['scheduled']}", ""]
            out += [_reminder(r, t, tz) for r in _by_date(entry["reminders"])] + [""]
    if data.get("reminders"):
        out += [f"## {t['scheduled']}", ""]
        out += [_reminder(r, t, tz) for r in _by_date(data["reminders"])] + [""]
    if data.get("flow_states"):
        out += [f"## {t['flows']}", ""]
        for key, value in data["flow_states"].items():
            lines = glossary.state(key, value) if glossary is not None else None
            out += lines or [f"- {key}: {readable(_plain(value), (t['on'], t['off']))}"]
        out.append("")
    return "\n".join(out).rstrip() + "\n"
