"""Titles and ids of uploaded documents: placeholders are not titles, ids carry no versions."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.loaders import load_document
from knowledge.naming import looks_like_title, readable_name
from knowledge.service import KnowledgeBase

from .conftest import LEERBUDGET, make_pdf, make_policy_pdf

LIMIT = 5 * 1024 * 1024
PLACEHOLDERS = [
    "(anonymous)",
    "untitled",
    "Untitled",
    "Document1",
    "Microsoft Word - regeling.docx",
    "Presentation",
    "regeling-ontwikkeltijd-v2.pdf",
    "2025-03-01",
    "---",
]


@pytest.mark.parametrize("placeholder", PLACEHOLDERS)
def test_a_placeholder_metadata_title_gives_way_to_the_first_heading(
    tmp_path: Path, placeholder: str
) -> None:
    path = make_policy_pdf(
        tmp_path / "regeling-ontwikkeltijd-v2.pdf",
        "Regeling leerbudget",
        LEERBUDGET,
        metadata_title=placeholder,
    )
    assert load_document(path, max_bytes=LIMIT).title == "Regeling leerbudget"


@pytest.mark.parametrize("placeholder", ["(anonymous)", "Document1", "untitled"])
def test_without_a_heading_the_file_name_is_made_readable(
    tmp_path: Path, placeholder: str
) -> None:
    body = "Iedere medewerker heeft recht op tien dagen per jaar voor ontwikkeling en scholing."
    path = make_pdf(tmp_path / "regeling-ontwikkeltijd-v2.pdf", [body], title=placeholder)
    doc = load_document(path, max_bytes=LIMIT)
    assert doc.title == "Regeling ontwikkeltijd"
    assert doc.title_from_name


def test_a_word_file_without_a_title_takes_its_first_short_line(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = ""
    document.add_paragraph("Regeling ontwikkeltijd")
    document.add_paragraph(
        "Iedere medewerker heeft recht op tien dagen per jaar voor ontwikkeling en scholing."
    )
    path = tmp_path / "Document1.docx"
    document.save(str(path))
    assert load_document(path, max_bytes=LIMIT).title == "Regeling ontwikkeltijd"


def test_a_word_file_without_any_title_or_heading_is_named_after_the_file(
    tmp_path: Path,
) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph(
        "Iedere medewerker heeft recht op tien dagen per jaar voor ontwikkeling en scholing."
    )
    path = tmp_path / "regeling_ontwikkeltijd (1).docx"
    document.save(str(path))
    assert load_document(path, max_bytes=LIMIT).title == "Regeling ontwikkeltijd"


def test_a_real_metadata_title_is_kept() -> None:
    assert looks_like_title("Regeling ontwikkeltijd 2025", "regeling.pdf")
    assert not looks_like_title("regeling-ontwikkeltijd", "regeling-ontwikkeltijd.pdf")
    assert readable_name("Kopie van beleid_v3.docx") == "Beleid"


def test_an_id_has_no_version_marker_and_stays_across_versions(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    body = "Iedere medewerker heeft recht op {} dagen per jaar voor ontwikkeling en scholing."
    first = kb.add(make_pdf(tmp_path / "regeling-ontwikkeltijd-v1.pdf", [body.format("tien")]))
    second = kb.add(make_pdf(tmp_path / "regeling-ontwikkeltijd-v2.pdf", [body.format("vijf")]))
    assert first.doc_id == second.doc_id == "regeling-ontwikkeltijd"
    assert second.version == 2
    assert [d.title for d in kb.list_documents() if d.doc_id == first.doc_id] == [
        "Regeling ontwikkeltijd"
    ]


@pytest.mark.parametrize("styled", [True, False])
def test_a_long_title_is_the_title_whether_it_wraps_or_not(tmp_path: Path, styled: bool) -> None:
    # found in a user test: a title wrapped at a capital ("... van Zorggroep" | "De Linde,
    # versie 2027") named the document after its file and put its second line above every
    # section; in one font only, a long title swallowed the first heading
    title = (
        "Opleidings- en ontwikkelbeleid voor alle medewerkers van Zorggroep De Linde, versie 2027"
        if styled
        else "Learning and development policy for all staff of Riverside Care Group, 2027 edition"
    )
    sections = {
        "1. Persoonlijk leerbudget": "Iedere medewerker heeft een leerbudget van EUR 1.200.",
        "2. Studieverlof": "Voor een opleiding krijg je maximaal 5 dagen studieverlof per jaar.",
    }
    path = make_policy_pdf(tmp_path / "beleid.pdf", title, sections, styled=styled)
    doc = load_document(path, max_bytes=LIMIT)
    assert doc.title == title
    assert [b.section for b in doc.blocks] == list(sections)
