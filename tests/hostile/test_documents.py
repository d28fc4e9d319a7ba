"""Hostile documents are refused quickly, with the reason named, and change nothing."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from bot.settings import Settings
from knowledge.headings import Line
from knowledge.loaders import load_document, pdf_blocks
from knowledge.service import KnowledgeBase
from knowledge.types import IngestError, Limits

from .conftest import POLICY
from .generators import (
    docx_with_entries,
    docx_with_xml,
    front_matter,
    many_lines_page,
    tiny_yaml_bomb,
    yaml_alias_bomb,
)

LIMIT = 5 * 1024 * 1024


def refused(path: Path, code: str, limits: Limits | None = None) -> IngestError:
    started = time.perf_counter()
    with pytest.raises(IngestError) as info:
        load_document(path, max_bytes=LIMIT, limits=limits)
    # generous: the point is seconds, not the minutes and gigabytes these inputs used to cost
    assert time.perf_counter() - started < 10
    assert info.value.code == code, str(info.value)
    return info.value


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text", [yaml_alias_bomb(), tiny_yaml_bomb()], ids=["7kb", "400b"])
def test_a_yaml_bomb_in_front_matter_is_refused_before_it_expands(
    tmp_path: Path, text: str
) -> None:
    error = refused(write(tmp_path / "bom.md", text), "invalid_front_matter")
    assert "aliases" in str(error)


def test_a_yaml_bomb_leaves_the_registry_small_and_the_old_version_answering(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    kb.add(write(tmp_path / "opleidingsbeleid.md", POLICY))
    before = (kb.registry.path.stat().st_size, kb.list_documents())
    bomb = yaml_alias_bomb().replace("---\n", "---\nid: opleidingsbeleid\n", 1)
    with pytest.raises(IngestError):
        kb.add(write(tmp_path / "opleidingsbeleid-v2.md", bomb))
    assert (kb.registry.path.stat().st_size, kb.list_documents()) == before
    assert any("vijfhonderd" in h.text for h in kb.search("leerbudget per jaar").hits)


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ("version: 100000000000000000000000", "version"),
        ("version: true", "version"),
        ("version: 0", "version"),
        ("topics: [" + ", ".join(f"t{n}" for n in range(51)) + "]", "more than 50 items"),
        ("title: " + "x" * 501, "longer than 500"),
        ("topics: [[a, b], [c]]", "nests"),
        ("title: !!python/object:os.system ls", "tags"),
        ("tag: !custom value", "tags"),
    ],
)
def test_front_matter_fields_are_small_plain_data(tmp_path: Path, fields: str, words: str) -> None:
    error = refused(write(tmp_path / "kop.md", front_matter(fields)), "invalid_front_matter")
    assert words in str(error)


def test_reasonable_front_matter_is_still_read(tmp_path: Path) -> None:
    text = front_matter("id: beleid\nversion: 7\ntopics: [verlof, budget]\ntitle: Beleid")
    doc = load_document(write(tmp_path / "ok.md", text), max_bytes=LIMIT)
    assert (doc.doc_id, doc.version, doc.topics, doc.title) == (
        "beleid",
        7,
        ["verlof", "budget"],
        "Beleid",
    )


def test_a_docx_that_unpacks_beyond_the_budget_is_refused_naming_it(tmp_path: Path) -> None:
    path = docx_with_xml(tmp_path / "groot.docx", 20_000)  # ~1.8 MB of XML, ratio ~10
    error = refused(path, "over_budget", Limits(unpacked_bytes=1024 * 1024))
    assert "SKILLSCOACH_MAX_UNPACKED_MB" in str(error) and "MB" in str(error)


def test_a_docx_with_ten_thousand_entries_says_so(tmp_path: Path) -> None:
    error = refused(docx_with_entries(tmp_path / "veel.docx", 10_004), "zip_bomb")
    assert "10,004 files" in str(error) and "0 MB" not in str(error)


def test_a_docx_over_the_text_budget_is_refused(tmp_path: Path) -> None:
    path = docx_with_xml(tmp_path / "tekst.docx", 300)
    error = refused(path, "over_budget", Limits(text_chars=5_000))
    assert "SKILLSCOACH_MAX_TEXT_CHARS" in str(error)


def test_a_huge_markdown_file_is_refused_before_it_is_split(tmp_path: Path) -> None:
    text = "# Groot\n\n" + "Een zin over verlof en budget. " * 70_000  # 2.2 million characters
    error = refused(write(tmp_path / "groot.md", text), "over_budget")
    assert "SKILLSCOACH_MAX_TEXT_CHARS" in str(error)


def test_a_pdf_over_the_page_budget_is_refused(tmp_path: Path) -> None:
    from tests.knowledge.conftest import make_pdf

    path = make_pdf(tmp_path / "lang.pdf", [f"Pagina {n} over verlof." for n in range(4)])
    error = refused(path, "over_budget", Limits(pages=3))
    assert "4 pages" in str(error) and "SKILLSCOACH_MAX_PAGES" in str(error)


def test_parsing_stops_when_the_time_budget_runs_out(tmp_path: Path) -> None:
    path = docx_with_xml(tmp_path / "traag.docx", 2_000)
    error = refused(path, "over_budget", Limits(parse_seconds=1e-9))
    assert "SKILLSCOACH_MAX_PARSE_SECONDS" in str(error)


def test_twenty_thousand_lines_on_one_page_are_joined(tmp_path: Path) -> None:
    # Linear time is measured in bench/pdf_lines.py; here only that the result is right.
    lines = many_lines_page(20_000)
    _, blocks = pdf_blocks([[Line(text) for text in lines]])
    joined = " ".join(block.text for block in blocks)
    assert joined.count("regel ") == 20_000
    assert "regel 19999 van" in joined


def test_too_many_passages_are_refused_and_the_old_version_keeps_answering(
    fake_settings: Settings, corpus_dir: Path, tmp_path: Path
) -> None:
    settings = fake_settings.model_copy(update={"max_passages": 5})
    kb = KnowledgeBase.open(settings, corpus_dir=corpus_dir)
    try:
        kb.add(write(tmp_path / "opleidingsbeleid.md", POLICY))
        sections = "".join(
            f"## Deel {n}\n" + "Een zin over opleiding. " * 30 + "\n" for n in range(10)
        )
        big = POLICY.replace("## Leerbudget", sections + "## Leerbudget")
        with pytest.raises(IngestError) as info:
            kb.add(write(tmp_path / "opleidingsbeleid-2.md", big), doc_id="opleidingsbeleid")
        assert info.value.code == "over_budget"
        assert "SKILLSCOACH_MAX_PASSAGES" in str(info.value)
        (doc,) = [d for d in kb.list_documents() if d.doc_id == "opleidingsbeleid"]
        assert doc.version == 1
        assert any("vijfhonderd" in h.text for h in kb.search("leerbudget per jaar").hits)
    finally:
        kb.close()


# --- only regular files ---------------------------------------------------------------------


def test_a_symlink_to_etc_passwd_is_refused_and_not_indexed(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    link = tmp_path / "beleid.md"
    link.symlink_to("/etc/passwd")
    with pytest.raises(IngestError) as info:
        kb.add(link)
    assert info.value.code == "not_regular" and "symbolic link" in str(info.value)
    assert not any("root" in h.text for h in kb.search("root bash", k=10).hits)
    assert all(d.source_name != "beleid.md" for d in kb.list_documents())


def test_a_symlink_to_a_good_document_is_refused_too(tmp_path: Path) -> None:
    target = write(tmp_path / "echt.md", POLICY)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    refused(link, "not_regular")


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pijp.md"
    os.mkfifo(fifo)
    refused(fifo, "not_regular")


@pytest.mark.parametrize("path", ["/dev/null", "/dev/zero"])
def test_a_device_is_refused(path: str) -> None:
    refused(Path(path), "not_regular")


def test_a_directory_is_refused(tmp_path: Path) -> None:
    refused(tmp_path, "not_regular")


def test_terminal_escape_sequences_in_a_document_are_not_stored(tmp_path: Path) -> None:
    text = (
        "# Beleid \x1b[2J\n\n## Deel\n"
        "Verlof \x1b]0;gehackt\x07aanvragen \x1b[31mruim\x1b[0m op tijd.\x07\n"
    )
    doc = load_document(write(tmp_path / "esc.md", text), max_bytes=LIMIT)
    assert doc.title == "Beleid"
    assert doc.blocks[0].text == "Verlof aanvragen ruim op tijd."
