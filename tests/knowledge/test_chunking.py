"""Chunking: headings and sentences respected, metadata on every chunk."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from knowledge.chunking import (
    CHUNK_SIZE,
    MAX_ASKS,
    chunk_document,
    markdown_blocks,
    section_asks,
)
from knowledge.corpus import CORPUS_DIR
from knowledge.loaders import load_document
from knowledge.types import Block, LoadedDocument

from .conftest import LEERBUDGET, make_policy_pdf


def test_markdown_blocks_use_the_h1_as_title_and_deeper_headings_as_section() -> None:
    title, blocks = markdown_blocks(
        "# Titel\n\n## Deel een\nTekst een.\n\n### Detail\nTekst twee.\n\n## Deel twee\nDrie."
    )
    assert title == "Titel"
    assert [(b.section, b.text) for b in blocks] == [
        ("Deel een", "Tekst een."),
        ("Deel een > Detail", "Tekst twee."),
        ("Deel twee", "Drie."),
    ]


def test_long_sections_split_on_sentences_with_metadata() -> None:
    sentence = "Een medewerker leert het meest van werk dat net iets te moeilijk is. "
    doc = LoadedDocument(
        title="Leren",
        language="nl",
        kind="pdf",
        blocks=[Block(text=sentence * 40, section="Groei", page=3), Block(text="Kort.", page=4)],
        topics=["leren"],
    )
    chunks = chunk_document(doc, doc_id="leren", version=2)
    assert len(chunks) > 2
    assert all(len(c.text) <= CHUNK_SIZE for c in chunks)
    assert all(c.text.endswith(".") for c in chunks)  # cut at sentence ends, not mid-word
    first = chunks[0]
    assert (first.doc_id, first.version, first.title, first.language) == (
        "leren",
        2,
        "Leren",
        "nl",
    )
    assert (first.section, first.page, first.topics) == ("Groei", 3, ("leren",))
    assert first.chunk_id == "leren@2:nl:0000"
    assert chunks[-1].page == 4 and chunks[-1].section is None
    assert len({c.chunk_id for c in chunks}) == len(chunks)


def test_section_numbers_line_up_across_translations() -> None:
    nl = LoadedDocument("T", "nl", "markdown", [Block("a", "Een"), Block("b", "Twee")])
    en = LoadedDocument("T", "en", "markdown", [Block("a", "One"), Block("b", "Two")])
    assert [c.section_no for c in chunk_document(nl, doc_id="d", version=1)] == [0, 1]
    assert [c.section_no for c in chunk_document(en, doc_id="d", version=1)] == [0, 1]


@pytest.mark.parametrize("styled", [True, False], ids=["bold-larger-headings", "same-font"])
def test_every_sentence_of_a_short_policy_lands_in_a_chunk_under_its_heading(
    tmp_path: Path, styled: bool
) -> None:
    path = make_policy_pdf(tmp_path / "p.pdf", "Regeling leerbudget", LEERBUDGET, styled=styled)
    doc = load_document(path, max_bytes=10**6)
    chunks = chunk_document(doc, doc_id="leerbudget", version=1)
    for heading, body in LEERBUDGET.items():
        for sentence in re.findall(r"[^.]+\.", body):
            holders = [c for c in chunks if sentence.strip() in c.text]
            assert holders, sentence
            assert all(c.section == heading for c in holders)
    assert not any(c.text.startswith(tuple(LEERBUDGET)) for c in chunks)
    assert chunks[0].context_text.startswith("Regeling leerbudget — Hoogte van het leerbudget\n")


def test_every_ask_of_every_shipped_section_is_read() -> None:
    """An ask written under a heading but cut by the budget would silently do nothing."""
    for path in sorted(CORPUS_DIR.glob("*.md")):
        for part in re.split(r"^## ", path.read_text(encoding="utf-8"), flags=re.M)[1:]:
            comment = re.search(r"<!--\s*asks:(.*?)-->", part, re.S)
            written = (
                {" ".join(line.strip()[2:].split()) for line in comment.group(1).splitlines()}
                - {""}
                if comment
                else set()
            )
            assert set(section_asks(part)) == written, (path.name, part.splitlines()[0])


def test_an_enormous_asks_comment_is_cut_at_the_budget() -> None:
    comment = "<!-- asks:\n" + "".join(f"- vraag {i}?\n" for i in range(200_000)) + "-->"
    asks = section_asks(comment)
    assert len(asks) == MAX_ASKS and asks[0] == "vraag 0?"
