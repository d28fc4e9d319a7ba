"""HR uploads v1, v2, then a Word copy of v1: the bot asks before the answers roll back, and
/restoredoc brings v2 back. A PDF library's placeholder title never becomes the title."""

from __future__ import annotations

import io

import pytest

from tests.e2e.conftest import (
    ANNA_MANAGER,
    HR,
    BotUnderTest,
    text_of,
    with_buttons,
    write_sections,
)
from tests.e2e.fakebotapi import FakeBotApi

pytestmark = pytest.mark.e2e

TITLE = "Regeling ontwikkeltijd"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
QUESTION = "Hoeveel dagen ontwikkeltijd per jaar krijgt een medewerker?"


def policy(days: int, weeks: int) -> list[tuple[str, str]]:
    """The regulation, with the numbers that differ between versions."""
    return [
        (
            "Ontwikkeltijd",
            f"Iedere medewerker krijgt {days} dagen ontwikkeltijd per jaar voor cursussen, "
            "opleidingen en coaching die passen bij de eigen ontwikkeling.",
        ),
        (
            "Aanvragen",
            f"De medewerker vraagt ontwikkeltijd minstens {weeks} weken vooraf aan bij de eigen "
            "leidinggevende, die de aanvraag in het ontwikkelgesprek bespreekt.",
        ),
    ]


def pdf(sections: list[tuple[str, str]]) -> bytes:
    """A PDF whose metadata title is the library placeholder "(anonymous)"."""
    from fpdf import FPDF

    doc = FPDF()
    doc.set_title("(anonymous)")
    doc.add_page()
    doc.set_font("Helvetica", "B", 18)
    doc.multi_cell(0, 10, TITLE, new_x="LMARGIN", new_y="NEXT")
    write_sections(doc, sections)
    return bytes(doc.output())


def docx(sections: list[tuple[str, str]]) -> bytes:
    """The same regulation saved from Word, without a title in its properties."""
    import docx as python_docx

    document = python_docx.Document()
    document.add_heading(TITLE, 0)
    for heading, body in sections:
        document.add_heading(heading, 1)
        document.add_paragraph(body)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


async def test_an_older_version_asks_first_and_restoredoc_undoes(
    bot: BotUnderTest, bot_api: FakeBotApi
) -> None:
    first = await bot.upload(
        HR, "regeling-ontwikkeltijd-v1.pdf", pdf(policy(10, 2)), mime_type="application/pdf"
    )
    assert f"Toegevoegd: {TITLE} (versie 1" in text_of(first)
    assert "regeling-ontwikkeltijd" in text_of(first) and "-v1" not in text_of(first)
    # what the bot understood, so HR catches a bad parse at once
    assert "2 secties, in het Nederlands. Kopjes: Ontwikkeltijd, Aanvragen" in text_of(first)
    assert "• Wat geldt er voor aanvragen?\n  → De medewerker vraagt" in text_of(first)
    second = await bot.upload(
        HR, "regeling-ontwikkeltijd-v2.pdf", pdf(policy(15, 3)), mime_type="application/pdf"
    )
    assert "versie 2 (was versie 1" in text_of(second)
    await bot.join(ANNA_MANAGER)
    answer = text_of(await bot.say(ANNA_MANAGER, QUESTION))
    assert "15 dagen" in answer and "(anonymous)" not in answer and TITLE in answer

    copy = await bot.upload(HR, "Regeling ontwikkeltijd.docx", docx(policy(10, 2)), mime_type=DOCX)
    question = with_buttons(copy)
    assert "lijkt op versie 1" in (question.text or "")
    assert "15 dagen" in text_of(await bot.say(ANNA_MANAGER, QUESTION)), "no silent rollback"

    (use_anyway, _), (keep, keep_value) = question.buttons
    assert "nieuwste" in use_anyway and "versie 2" in keep
    confirmed = text_of(await bot.press(HR, question, question.buttons[0][1]))
    assert "versie 3" in confirmed
    assert "10 dagen" in text_of(await bot.say(ANNA_MANAGER, QUESTION))

    restored = text_of(await bot.say(HR, "/restoredoc regeling-ontwikkeltijd 2"))
    assert "versie 4" in restored and "versie 2" in restored
    assert "15 dagen" in text_of(await bot.say(ANNA_MANAGER, QUESTION))
    refused = text_of(await bot.say(ANNA_MANAGER, "/restoredoc regeling-ontwikkeltijd 1"))
    assert "alleen HR" in refused.lower() or "Alleen HR" in refused


async def test_keeping_the_current_version_changes_nothing(
    bot: BotUnderTest, bot_api: FakeBotApi
) -> None:
    await bot.upload(HR, "regeling-v1.pdf", pdf(policy(10, 2)), mime_type="application/pdf")
    await bot.upload(HR, "regeling-v2.pdf", pdf(policy(15, 3)), mime_type="application/pdf")
    again = with_buttons(
        await bot.upload(HR, "regeling-v1.pdf", pdf(policy(10, 2)), mime_type="application/pdf")
    )
    kept = text_of(await bot.press(HR, again, again.buttons[1][1]))
    assert "versie 2" in kept and TITLE in kept
    assert "v2," in text_of(await bot.say(HR, "/docs"))
    renamed = text_of(await bot.say(HR, "/renamedoc regeling Ontwikkeltijd Zeeland"))
    assert "Ontwikkeltijd Zeeland" in renamed and "versie 2" in renamed
    assert "Ontwikkeltijd Zeeland (v2" in text_of(await bot.say(HR, "/docs"))
