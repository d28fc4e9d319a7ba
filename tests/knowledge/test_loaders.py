"""Loaders: type from content, clean text, sections and pages, and every refusal."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from knowledge import loaders
from knowledge.loaders import clean_pdf_pages, load_document
from knowledge.types import IngestError

from .conftest import FEEDBACK_NL, make_docx, make_pdf, make_zip_bomb

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


def test_pdf_cleaning_drops_running_headers_and_page_numbers() -> None:
    pages = [
        f"Acme handboek\nRegel {n} van de tekst loopt door op de\nvolgende regel.\n{n}"
        for n in range(1, 5)
    ]
    cleaned = clean_pdf_pages(pages)
    assert all("Acme handboek" not in page for page in cleaned)
    assert cleaned[0] == "Regel 1 van de tekst loopt door op de volgende regel."


def test_word_hyphenated_across_a_page_break_is_joined() -> None:
    cleaned = clean_pdf_pages(["Dit gaat over ontwik-", "keling van mensen."])
    assert cleaned == ["Dit gaat over", "ontwikkeling van mensen."]


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


def test_png_named_pdf_is_refused_with_what_it_really_is(tmp_path: Path) -> None:
    path = tmp_path / "beleid.pdf"
    path.write_bytes(PNG)
    error = refused(path, "unsupported_type")
    assert "named like a PDF" in str(error)
    assert "PNG image" in str(error)


def test_other_office_zip_is_not_taken_for_word(tmp_path: Path) -> None:
    path = tmp_path / "sheet.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert "Excel" in str(refused(path, "unsupported_type"))


def test_binary_garbage_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.md"
    path.write_bytes(bytes(range(256)) * 4)
    refused(path, "unsupported_type")


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


def test_docx_with_too_large_total_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loaders, "ZIP_MAX_TOTAL", 10_000)
    path = make_docx(tmp_path / "gewoon.docx", "Titel", {"Kop": ["Tekst " * 200]})
    refused(path, "zip_bomb")


def test_damaged_docx_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "kapot.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<not really word")
    refused(path, "corrupt")


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    refused(tmp_path / "bestaat-niet.pdf", "not_found")
