"""Fixtures for the knowledge tests: a tiny bilingual corpus, document factories, a fake KB."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

FEEDBACK_NL = """---
id: feedback-geven
title: Feedback geven
language: nl
version: 1
topics: [feedback, gesprek]
sources:
  - "Voorbeeld (2024)"
---
# Feedback geven

## Concreet en op tijd
Geef feedback zo snel mogelijk na het moment zelf. Beschrijf wat je zag gebeuren en welk effect
het had, in plaats van een oordeel over de persoon te geven.

## Vragen stellen
Vraag eerst hoe de medewerker zelf terugkijkt op de situatie. Luister en vat samen voordat je je
eigen kijk geeft.
"""

FEEDBACK_EN = """---
id: feedback-geven
title: Giving feedback
language: en
version: 1
topics: [feedback, conversation]
---
# Giving feedback

## Specific and timely
Give feedback as soon as possible after the moment itself. Describe what you saw happen and
what effect it had, instead of judging the person.

## Asking questions
First ask how the employee looks back on the situation. Listen and summarise before you give
your own view.
"""

PLANNING_NL = """---
id: teamplanning
title: Vaardigheden plannen voor je team
language: nl
version: 1
topics: [planning, skillsmatrix]
---
# Vaardigheden plannen voor je team

## Een skillsmatrix maken
Zet per teamlid in een overzicht welke vaardigheden er nu zijn en welke het team over twee jaar
nodig heeft. Kleur de gaten in en bespreek ze in het teamoverleg.
"""


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A small shipped corpus: one bilingual document and one Dutch-only document."""
    path = tmp_path / "corpus"
    path.mkdir()
    (path / "feedback-geven.nl.md").write_text(FEEDBACK_NL, encoding="utf-8")
    (path / "feedback-geven.en.md").write_text(FEEDBACK_EN, encoding="utf-8")
    (path / "teamplanning.nl.md").write_text(PLANNING_NL, encoding="utf-8")
    return path


def make_pdf(
    path: Path,
    pages: list[str],
    *,
    title: str | None = None,
    password: str | None = None,
    sections: list[str] | None = None,
) -> Path:
    """A PDF with one page per text (fpdf2), optional bookmarks per page and encryption."""
    from fpdf import FPDF

    pdf = FPDF()
    if title:
        pdf.set_title(title)
    if password:
        pdf.set_encryption(owner_password="owner-" + password, user_password=password)
    for n, text in enumerate(pages):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        if sections:
            pdf.start_section(sections[n])
        pdf.multi_cell(0, 6, text)
    pdf.output(str(path))
    return path


LEERBUDGET = {
    "Hoogte van het leerbudget": "Iedere medewerker heeft recht op een persoonlijk leerbudget "
    "van 1.500 euro per jaar.",
    "Doel": "Met het leerbudget investeer je in je eigen ontwikkeling, in je huidige functie of "
    "voor een volgende stap.",
    "Meenemen naar volgend jaar": "Niet gebruikt leerbudget vervalt op 31 december.",
}


def make_policy_pdf(
    path: Path,
    title: str,
    sections: dict[str, str],
    *,
    styled: bool = True,
    metadata_title: str | None = None,
) -> Path:
    """A one-page policy without bookmarks: a title line, then heading lines over body text.

    `styled` sets the title and headings bold and larger, as Word does; otherwise every line
    is in the same font and only the layout tells a heading from a sentence.
    """
    from fpdf import FPDF

    pdf = FPDF()
    if metadata_title:
        pdf.set_title(metadata_title)
    pdf.add_page()

    def line(text: str, size: int, bold: bool) -> None:
        pdf.set_font("Helvetica", "B" if bold and styled else "", size if styled else 11)
        pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")

    line(title, 16, True)
    for heading, body in sections.items():
        pdf.ln(4)
        line(heading, 13, True)
        line(body, 11, False)
    pdf.output(str(path))
    return path


def make_docx(path: Path, title: str, sections: dict[str, list[str]]) -> Path:
    """A DOCX with a Title paragraph and one Heading 1 per section (python-docx)."""
    import docx

    document = docx.Document()
    document.add_heading(title, 0)
    for heading, paragraphs in sections.items():
        document.add_heading(heading, 1)
        for text in paragraphs:
            document.add_paragraph(text)
    document.save(str(path))
    return path


def make_zip_bomb(path: Path, inflated_mb: int = 30) -> Path:
    """A .docx-shaped zip whose document.xml inflates to `inflated_mb` megabytes of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            block = b"0" * (1024 * 1024)
            for _ in range(inflated_mb):
                member.write(block)
    path.write_bytes(buffer.getvalue())
    return path
