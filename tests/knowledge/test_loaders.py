"""Loaders: type from content, clean text, sections and pages, and every refusal."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from knowledge import loaders
from knowledge.headings import Line
from knowledge.loaders import load_document, pdf_blocks
from knowledge.types import Block, IngestError, Limits

from .conftest import (
    FEEDBACK_NL,
    LEERBUDGET,
    make_docx,
    make_pdf,
    make_policy_pdf,
    make_zip_bomb,
)

LIMIT = 5 * 1024 * 1024
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64


def refused(path: Path, code: str, **kwargs: object) -> IngestError:
    with pytest.raises(IngestError) as info:
        load_document(path, max_bytes=kwargs.pop("max_bytes", LIMIT), **kwargs)  # type: ignore[arg-type]
    assert info.value.code == code, str(info.value)
    return info.value


def test_markdown_front_matter_and_sections(tmp_path: Path) -> None:
    path = tmp_path / "feedback-geven.nl.md"
    path.write_text(FEEDBACK_NL, encoding="utf-8")
    doc = load_document(path, max_bytes=LIMIT)
    assert doc.doc_id == "feedback-geven"
    assert doc.title == "Feedback geven"
    assert doc.language == "nl"
    assert doc.version == 1
    assert doc.topics == ["feedback", "gesprek"]
    assert doc.sources == ["Voorbeeld (2024)"]
    assert [b.section for b in doc.blocks] == ["Concreet en op tijd", "Vragen stellen"]
    assert "**" not in doc.text


def test_plain_text_gets_a_title_from_the_file_name_and_a_detected_language(
    tmp_path: Path,
) -> None:
    path = tmp_path / "verlof_beleid.txt"
    path.write_text("Medewerkers kunnen verlof aanvragen bij hun leidinggevende.\n", "utf-8")
    doc = load_document(path, max_bytes=LIMIT)
    assert doc.kind == "text"
    assert doc.title == "Verlof beleid"
    assert doc.language == "nl"


def test_pdf_keeps_page_numbers_and_bookmarks_and_repairs_hyphenation(tmp_path: Path) -> None:
    pages = [
        "Wij investeren in de ontwik-\nkeling van iedere medewerker. Elk jaar is er budget.",
        "Het tweede hoofdstuk gaat over opleidingen en over het leerbudget per persoon.",
        "In het laatste hoofdstuk staat hoe je een aanvraag indient bij HR.",
    ]
    path = make_pdf(
        tmp_path / "beleid.pdf",
        pages,
        title="Ontwikkelbeleid",
        sections=["Inleiding", "Opleidingen", "Aanvragen"],
    )
    doc = load_document(path, max_bytes=LIMIT)
    assert doc.kind == "pdf"
    assert doc.title == "Ontwikkelbeleid"
    assert [b.page for b in doc.blocks] == [1, 2, 3]
    assert [b.section for b in doc.blocks] == ["Inleiding", "Opleidingen", "Aanvragen"]
    assert "ontwikkeling van iedere medewerker" in doc.blocks[0].text
    assert "\n" not in doc.blocks[1].text


def pdf_text(*pages: str) -> tuple[str | None, list[Block]]:
    """pdf_blocks over pages of text as pypdf extracts it (one font, so no style hints)."""
    return pdf_blocks([[Line(line) for line in page.split("\n")] for page in pages])


def test_pdf_cleaning_drops_running_headers_and_page_numbers() -> None:
    _, blocks = pdf_text(
        *(
            f"Acme handboek\nRegel {n} van de tekst loopt door op de\nvolgende regel.\n{n}"
            for n in range(1, 5)
        )
    )
    assert all("Acme handboek" not in block.text for block in blocks)
    assert blocks[0] == Block("Regel 1 van de tekst loopt door op de volgende regel.", None, 1)


def test_word_hyphenated_across_a_page_break_is_joined() -> None:
    # the sentence carried over is one passage, cited by the page it starts on
    _, blocks = pdf_text("Dit gaat over ontwik-", "keling van mensen.")
    assert [(b.text, b.page) for b in blocks] == [("Dit gaat over ontwikkeling van mensen.", 1)]


def test_a_paragraph_carried_over_to_the_next_page_stays_whole() -> None:
    # found in a user test: the contact's e-mail address, on page 2, was cut from the answer
    first = "Vragen over het budget: Marieke de Vries, HR-adviseur"
    _, blocks = pdf_text(first, "Leren & Ontwikkelen (opleidingen@example.nl, toestel 2417).")
    assert [b.text for b in blocks] == [
        f"{first} Leren & Ontwikkelen (opleidingen@example.nl, toestel 2417)."
    ]
    # a sentence carried over page after page is one passage too, joined once
    pages = [
        f"deel {n} van een lange zin die doorloopt op de volgende bladzijde en" for n in range(300)
    ]
    _, blocks = pdf_text(*pages)
    assert len(blocks) == 1 and blocks[0].page == 1 and "deel 299 van" in blocks[0].text
    # a paragraph that ends on the page is not carried over
    _, blocks = pdf_text("Het budget is 1200 euro.", "Aanvragen gaan via HR.")
    assert [(b.text, b.page) for b in blocks] == [
        ("Het budget is 1200 euro.", 1),
        ("Aanvragen gaan via HR.", 2),
    ]


@pytest.mark.parametrize("styled", [True, False], ids=["bold-larger-headings", "same-font"])
def test_pdf_heading_lines_become_sections_not_the_start_of_a_sentence(
    tmp_path: Path, styled: bool
) -> None:
    path = make_policy_pdf(
        tmp_path / "Leerbudget beleid 2025.pdf", "Regeling leerbudget", LEERBUDGET, styled=styled
    )
    doc = load_document(path, max_bytes=LIMIT)
    assert doc.title == "Regeling leerbudget"  # the title line, not the file name
    assert [(b.section, b.text) for b in doc.blocks] == list(LEERBUDGET.items())
    assert all(b.page == 1 for b in doc.blocks)


def test_pdf_metadata_title_wins_and_the_title_line_is_no_section(tmp_path: Path) -> None:
    path = make_policy_pdf(
        tmp_path / "x.pdf", "Regeling leerbudget", LEERBUDGET, metadata_title="Leerbudget 2025"
    )
    doc = load_document(path, max_bytes=LIMIT)
    assert doc.title == "Leerbudget 2025"
    assert [b.section for b in doc.blocks] == list(LEERBUDGET)


def test_larger_headings_nest_smaller_ones() -> None:
    def line(text: str, size: float, bold: bool = False) -> Line:
        return Line(text, size=size, bold=bold)

    _, blocks = pdf_blocks(
        [
            [
                line("Personeelsgids", 20, True),
                line("Ontwikkeling", 14, True),
                line("Opleidingen", 11, True),
                line("Vraag een opleiding aan via het portaal.", 11),
                line("Coaching", 11, True),
                line("Een coach vraag je aan bij HR.", 11),
                line("Verlof", 14, True),
                line("Verlof vraag je twee weken vooraf aan.", 11),
            ]
        ]
    )
    assert [b.section for b in blocks] == [
        "Ontwikkeling > Opleidingen",
        "Ontwikkeling > Coaching",
        "Verlof",
    ]


def test_hyphenation_and_wrapped_lines_are_repaired_under_a_heading() -> None:
    title, blocks = pdf_text(
        "Opleidingsbeleid\n"
        "Ontwikkeling\n"
        "Wij investeren in de ontwik-\n"
        "keling van iedere medewerker en in de groei van het hele team, elk jaar\n"
        "opnieuw.\n"
        "Wat als ik uit dienst ga?\n"
        "Dan betaal je een deel van de kosten terug, naar rato van de maanden."
    )
    assert title == "Opleidingsbeleid"
    assert [(b.section, b.text) for b in blocks] == [
        (
            "Ontwikkeling",
            "Wij investeren in de ontwikkeling van iedere medewerker en in de groei van het "
            "hele team, elk jaar opnieuw.",
        ),
        (
            "Wat als ik uit dienst ga?",
            "Dan betaal je een deel van de kosten terug, naar rato van de maanden.",
        ),
    ]


def test_a_run_of_short_lines_is_a_list_not_a_row_of_headings() -> None:
    _, blocks = pdf_text(
        "Het leerbudget is bedoeld voor je ontwikkeling in je werk.\n"
        "Cursussen\n"
        "Trainingen\n"
        "Boeken\n"
        "De aanvraag loopt via HR."
    )
    assert all(b.section is None for b in blocks)
    text = " ".join(b.text for b in blocks)
    assert all(word in text for word in ("Cursussen", "Trainingen", "Boeken"))


def test_a_numbered_list_of_questions_is_not_a_row_of_headings() -> None:
    _, blocks = pdf_text(
        "Na een drukke week met veel overleg loop je met het team een paar korte vragen langs,\n"
        "zodat iedereen weet waar de planning nu staat:\n"
        "1. Welke klus is af?\n"
        "2. Waar loop je op vast?\n"
        "3. Welke hulp heb je van collega's nodig?\n"
        "Noteer de antwoorden in het gedeelde overzicht zodat de hele afdeling ze maandag kan\n"
        "lezen.\n"
        "Wie zit het overleg voor?\n"
        "Om de beurt neemt een ander teamlid die rol, ook wanneer de leidinggevende aanwezig is."
    )
    assert [b.section for b in blocks] == [None, "Wie zit het overleg voor?"]
    assert "3. Welke hulp heb je van collega's nodig?" in blocks[0].text


def test_the_wrapped_end_of_a_long_list_item_is_no_heading() -> None:
    _, blocks = pdf_text(
        "Een kort punt vooraf over deze reflectie en waarom die ertoe doet voor je team.\n"
        "- Sprak ik vanuit de overtuiging dat deze persoon kan groeien (groeimindset, Dweck,\n"
        "2018), of had ik al een oordeel klaar?\n"
        "Schrijf je antwoord op voordat je verder gaat."
    )
    assert [b.section for b in blocks] == [None]


def test_short_lines_inside_a_paragraph_are_not_headings() -> None:
    _, blocks = pdf_text(
        "Iedere medewerker heeft recht op een persoonlijk leerbudget van 1.500 euro per jaar.\n"
        "Je vraagt het aan bij je leidinggevende\n"
        "en HR beslist binnen tien werkdagen over de aanvraag. Daarna plan je de opleiding\n"
        "Samen met je team\n"
        "en je leidinggevende."
    )
    assert [b.section for b in blocks] == [None]
    assert "Je vraagt het aan bij je leidinggevende en HR beslist" in blocks[0].text


def test_a_bookmarked_pdf_keeps_its_bookmarks_and_nests_other_headings() -> None:
    pages = [
        [Line("Budget"), Line("Iedereen heeft een leerbudget."), Line("Sparen")],
        [Line("Sparen kan tot drie jaar.")],
        [Line("Aanvragen via HR.")],
    ]
    _, blocks = pdf_blocks(pages, bookmarks={1: "Budget", 3: "Aanvragen"})
    assert [(b.section, b.page) for b in blocks] == [
        ("Budget", 1),
        ("Budget > Sparen", 2),
        ("Aanvragen", 3),
    ]


@pytest.mark.parametrize("styling", ["bold", "larger", "plain"])
def test_docx_headings_typed_as_normal_paragraphs_become_sections(
    tmp_path: Path, styling: str
) -> None:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    run = document.add_paragraph().add_run("Regeling leerbudget")
    run.bold, run.font.size = styling != "plain", Pt(18) if styling != "plain" else None
    for heading, body in LEERBUDGET.items():
        run = document.add_paragraph().add_run(heading)
        run.bold = styling == "bold"
        run.font.size = Pt(14) if styling == "larger" else None
        document.add_paragraph(body)
    path = tmp_path / "leerbudget.docx"
    document.save(str(path))
    doc = load_document(path, max_bytes=LIMIT)
    assert doc.title == "Regeling leerbudget"
    assert [(b.section, b.text) for b in doc.blocks] == list(LEERBUDGET.items())


def test_plain_text_heading_lines_become_sections(tmp_path: Path) -> None:
    path = tmp_path / "leerbudget.txt"
    path.write_text(
        "Regeling leerbudget\n\n"
        + "\n\n".join(f"{heading}\n{body}" for heading, body in LEERBUDGET.items())
        + "\n",
        "utf-8",
    )
    doc = load_document(path, max_bytes=LIMIT)
    assert (doc.kind, doc.title) == ("text", "Regeling leerbudget")
    assert [(b.section, b.text) for b in doc.blocks] == list(LEERBUDGET.items())


def test_docx_headings_become_sections(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "beleid.docx",
        "Opleidingsbeleid",
        {"Budget": ["Iedereen heeft een leerbudget."], "Aanvragen": ["Vraag het aan bij HR."]},
    )
    doc = load_document(path, max_bytes=LIMIT)
    assert doc.kind == "docx"
    assert doc.title == "Opleidingsbeleid"
    assert [(b.section, b.text) for b in doc.blocks] == [
        ("Budget", "Iedereen heeft een leerbudget."),
        ("Aanvragen", "Vraag het aan bij HR."),
    ]


def test_html_headings_become_sections_and_scripts_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<!doctype html><html><head><title>Gids</title><script>var x = 1;</script></head>"
        "<body><h2>Start</h2><p>Begin met een open vraag.</p><ul><li>Luister</li></ul>"
        "<h2>Afsluiten</h2><p>Maak een afspraak.</p></body></html>",
        encoding="utf-8",
    )
    doc = load_document(path, max_bytes=LIMIT)
    assert doc.kind == "html"
    assert doc.title == "Gids"
    assert [b.section for b in doc.blocks] == ["Start", "Afsluiten"]
    assert "var x" not in doc.text
    assert "- Luister" in doc.blocks[0].text


def test_type_comes_from_content_not_the_extension(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "x.pdf", ["Een korte tekst over leren op het werk."])
    renamed = tmp_path / "notes.txt"
    renamed.write_bytes(pdf.read_bytes())
    assert load_document(renamed, max_bytes=LIMIT).kind == "pdf"


@pytest.mark.parametrize("name", ["policy.xlsx", "notes.csv", "study-leave.exe", "beleid.doc"])
def test_a_file_type_that_is_no_guidance_document_is_refused_even_if_it_holds_text(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    path.write_text("Medewerkers krijgen vijf studiedagen per jaar.", encoding="utf-8")
    error = refused(path, "unsupported_type")
    assert Path(name).suffix in str(error) and "Supported are PDF" in str(error)


def test_a_dot_in_a_name_without_an_extension_is_no_file_type(tmp_path: Path) -> None:
    path = tmp_path / "Regeling v2.1"
    path.write_text("# Regeling\n\nMedewerkers krijgen vijf studiedagen.", encoding="utf-8")
    assert load_document(path, max_bytes=LIMIT).kind == "markdown"


def test_png_named_pdf_is_refused_with_what_it_really_is(tmp_path: Path) -> None:
    path = tmp_path / "beleid.pdf"
    path.write_bytes(PNG)
    error = refused(path, "unsupported_type")
    assert "named like a PDF" in str(error)
    assert "PNG image" in str(error)


def test_text_named_docx_or_pdf_is_refused_not_stored_as_one_passage(tmp_path: Path) -> None:
    # found in a user test: "policy.docx" holding "hello" was added as version 1
    for name, said in (("policy.docx", "Word document"), ("policy.pdf", "PDF")):
        path = tmp_path / name
        path.write_text("hello", encoding="utf-8")
        error = refused(path, "unsupported_type")
        assert f"named like a {said} but contains plain text" in str(error)
    # an HTML page saved as .docx says so
    page = tmp_path / "page.docx"
    page.write_text("<html><body><p>Beleid</p></body></html>", encoding="utf-8")
    assert "contains an HTML page" in str(refused(page, "unsupported_type"))


def test_other_office_zip_is_not_taken_for_word(tmp_path: Path) -> None:
    path = tmp_path / "sheet.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert "Excel" in str(refused(path, "unsupported_type"))


def test_binary_garbage_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.md"
    path.write_bytes(bytes(range(256)) * 4)
    refused(path, "unsupported_type")
    # random bytes named as a PDF or Word file read as a damaged one (a user test)
    for name, said in (("policy.pdf", "PDF"), ("policy.docx", "Word document")):
        path = tmp_path / name
        path.write_bytes(bytes(range(256)) * 4)
        assert f"named like a {said} but is damaged" in str(refused(path, "corrupt"))


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "leeg.md"
    path.write_bytes(b"")
    refused(path, "empty")


def test_whitespace_only_and_headings_only_are_empty(tmp_path: Path) -> None:
    path = tmp_path / "leeg.md"
    path.write_text("   \n\n", encoding="utf-8")
    refused(path, "empty")
    path.write_text("# Titel\n\n## Kop\n", encoding="utf-8")
    refused(path, "empty")


def test_pdf_without_text_is_empty(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "scan.pdf", [""])
    assert "OCR" in str(refused(path, "empty"))


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "groot.txt"
    path.write_text("woord " * 1000, encoding="utf-8")
    error = refused(path, "too_large", max_bytes=1000)
    assert "limit" in str(error)


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "geheim.pdf", ["Vertrouwelijk."], password="s3cret")
    assert "password" in str(refused(path, "encrypted_pdf"))


def test_corrupt_pdf_is_refused(tmp_path: Path) -> None:
    good = make_pdf(tmp_path / "good.pdf", ["Een tekst over leren."]).read_bytes()
    path = tmp_path / "kapot.pdf"
    path.write_bytes(good[:40] + b"\x00garbage" * 20)
    refused(path, "corrupt")
    path.write_bytes(b"%PDF-1.7\nnonsense without any objects\n")
    refused(path, "corrupt")


def test_docx_zip_bomb_is_refused_before_python_docx_parses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docx

    def must_not_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("python-docx was called on a zip bomb")

    monkeypatch.setattr(docx, "Document", must_not_parse)
    path = make_zip_bomb(tmp_path / "bom.docx")
    assert "refused" in str(refused(path, "zip_bomb"))


def test_docx_with_too_large_total_is_refused_naming_the_budget(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "gewoon.docx", "Titel", {"Kop": ["Tekst " * 200]})
    error = refused(path, "over_budget", limits=Limits(unpacked_bytes=10_000))
    assert "SKILLSCOACH_MAX_UNPACKED_MB" in str(error)


def test_damaged_docx_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "kapot.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<not really word")
    refused(path, "corrupt")


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    refused(tmp_path / "bestaat-niet.pdf", "not_found")


def test_pdf_font_size_counts_the_text_matrix_as_word_exports_do() -> None:
    # Word writes "/F1 1 Tf" and scales the text matrix to 16 for a 16 pt heading.
    identity = [1, 0, 0, 1, 0, 0]
    assert loaders._effective_size(1, identity, [16, 0, 0, 16, 72, 700]) == 16.0
    assert loaders._effective_size(11, [2, 0, 0, 2, 0, 0], identity) == 22.0
    assert loaders._effective_size(None, identity, identity) is None


def test_a_title_cut_inside_brackets_loses_the_open_bracket():
    # a user test: a PDF title wrapped after "(version" was cited "... policy (version"
    from knowledge.loaders import whole_title

    assert whole_title("Learning and progression policy (version") == (
        "Learning and progression policy"
    )
    assert whole_title("Beleid (versie 2)") == "Beleid (versie 2)"
