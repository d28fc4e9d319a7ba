"""KnowledgeBase with the fake embedder: registry, versions, safety of updates, refusals."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bot.settings import Settings
from knowledge import registry as registry_module
from knowledge.chunking import chunk_document
from knowledge.index import LexicalIndex
from knowledge.loaders import load_document
from knowledge.service import KnowledgeBase, base_name
from knowledge.types import IngestError

from .conftest import LEERBUDGET, make_policy_pdf

POLICY_V1 = """# Opleidingsbeleid

## Leerbudget
Iedere medewerker krijgt een persoonlijk leerbudget van vijfhonderd euro per jaar voor cursussen.
"""
POLICY_V2 = """# Opleidingsbeleid

## Leerbudget
Iedere medewerker krijgt een persoonlijk leerbudget van achthonderd euro per jaar voor cursussen.
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def texts(kb: KnowledgeBase, query: str, k: int = 5) -> list[str]:
    return [hit.text for hit in kb.search(query, k=k).hits]


def test_first_open_indexes_the_shipped_corpus(kb: KnowledgeBase) -> None:
    docs = {d.doc_id: d for d in kb.list_documents()}
    assert set(docs) == {"feedback-geven", "teamplanning"}
    assert docs["feedback-geven"].languages == ["en", "nl"]
    assert docs["feedback-geven"].version == 1
    assert docs["feedback-geven"].title == "Feedback geven"  # the default language's title
    assert docs["teamplanning"].languages == ["nl"]


def test_hits_carry_document_version_section_and_language(kb: KnowledgeBase) -> None:
    result = kb.search("hoe maak ik een skillsmatrix voor mijn team", k=1)
    hit = result.hits[0]
    assert (hit.doc_id, hit.version, hit.section, hit.language) == (
        "teamplanning",
        1,
        "Een skillsmatrix maken",
        "nl",
    )
    assert hit.title == "Vaardigheden plannen voor je team"
    assert hit.chunk_id.startswith("teamplanning@1:nl:")
    assert result.lang == "nl"


def test_results_prefer_the_users_language_and_never_repeat_a_passage(kb: KnowledgeBase) -> None:
    english = kb.search("how do I give feedback to the employee", k=5)
    assert english.lang == "en"
    feedback = [h for h in english.hits if h.doc_id == "feedback-geven"]
    assert feedback and all(h.language == "en" for h in feedback)
    dutch_user = kb.search("how do I give feedback to the employee", k=5, lang="nl")
    assert dutch_user.lang == "nl"
    assert all(h.language == "nl" for h in dutch_user.hits)
    keys = [(h.doc_id, h.section) for h in dutch_user.hits]
    assert len(keys) == len(set(keys))


def test_off_topic_question_is_not_confident(kb: KnowledgeBase) -> None:
    assert kb.search("hoe geef ik feedback aan een medewerker, concreet en op tijd").confident
    assert not kb.search("what is the capital of France").confident
    assert not kb.search("hoe bak ik een taart").confident


def test_min_relevance_setting_can_only_make_confidence_stricter(
    fake_settings: Settings, corpus_dir: Path
) -> None:
    strict = fake_settings.model_copy(update={"min_relevance": 0.99})
    kb = KnowledgeBase.open(strict, corpus_dir=corpus_dir)
    try:
        assert not kb.search(
            "hoe geef ik feedback aan een medewerker, concreet en op tijd"
        ).confident
    finally:
        kb.close()


def test_the_in_memory_dense_pass_finds_what_chroma_finds(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    kb.add(write(tmp_path / "opleidingsbeleid.md", POLICY_V1))
    view = kb.retriever.view
    assert view.vectors is not None and len(view.vectors) == len(view.chunks)
    for question in ("leerbudget per jaar voor cursussen", "how do I give feedback"):
        qvec = kb.query_vector(question)
        held = view.nearest(qvec, 6)
        stored = [hit for hit in kb.dense.query(qvec, 50) if hit[0] in view.by_id][:6]
        assert [cid for cid, _ in held] == [cid for cid, _ in stored]
        assert [round(cos, 4) for _, cos in held] == [round(cos, 4) for _, cos in stored]


def test_add_update_and_identical_readd(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = write(tmp_path / "opleidingsbeleid.md", POLICY_V1)
    first = kb.add(path)
    assert (first.doc_id, first.version, first.replaced_version, first.unchanged) == (
        "opleidingsbeleid",
        1,
        None,
        False,
    )
    assert kb.add(path).unchanged  # identical content: nothing happens

    write(path, POLICY_V2)
    second = kb.add(path)  # same file name: a new version of the same document
    assert (second.doc_id, second.version, second.replaced_version) == ("opleidingsbeleid", 2, 1)
    found = texts(kb, "leerbudget per jaar voor cursussen")
    assert any("achthonderd" in t for t in found)
    assert not any("vijfhonderd" in t for t in found)
    assert kb.registry.chunks_of("opleidingsbeleid", 1) == []  # old chunks are gone
    info = next(d for d in kb.list_documents() if d.doc_id == "opleidingsbeleid")
    assert (info.version, info.source_name, info.languages) == (2, "opleidingsbeleid.md", ["nl"])


def test_same_id_from_another_file_is_a_new_version(kb: KnowledgeBase, tmp_path: Path) -> None:
    kb.add(write(tmp_path / "a.md", POLICY_V1), doc_id="beleid", title="Beleid")
    result = kb.add(write(tmp_path / "b.md", POLICY_V2), doc_id="beleid")
    assert (result.version, result.replaced_version) == (2, 1)


def policy(title: str, amount: str) -> str:
    return f"# {title}\n\n## Leerbudget\nIedere medewerker krijgt {amount} euro per jaar.\n"


def uploads(kb: KnowledgeBase) -> dict[str, tuple[str, int]]:
    shipped = {"feedback-geven", "teamplanning"}
    return {d.doc_id: (d.title, d.version) for d in kb.list_documents() if d.doc_id not in shipped}


def test_a_renamed_new_version_with_the_same_title_replaces_the_old_one(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    # What HR did: the same policy again under a new file name, the same title inside.
    old = make_policy_pdf(
        tmp_path / "Leerbudget beleid 2025.pdf", "Regeling leerbudget", LEERBUDGET, styled=False
    )
    first = kb.add(old)
    changed = {**LEERBUDGET, "Hoogte van het leerbudget": "Iedereen krijgt 2.000 euro per jaar."}
    new = make_policy_pdf(
        tmp_path / "Leerbudget beleid 2025 v2.pdf", "Regeling leerbudget", changed, styled=False
    )
    second = kb.add(new)
    assert (second.doc_id, second.version, second.replaced_version) == (first.doc_id, 2, 1)
    assert uploads(kb) == {first.doc_id: ("Regeling leerbudget", 2)}
    hits = kb.search("hoeveel leerbudget per jaar", k=5).hits
    budget = [h for h in hits if h.doc_id == first.doc_id]
    assert budget and all(h.version == 2 for h in budget)
    assert not any("1.500" in h.text for h in hits)


@pytest.mark.parametrize(
    "renamed",
    [
        "Leerbudget beleid 2025 v2.md",
        "Leerbudget_beleid_2025_v3.md",
        "Leerbudget beleid 2025 (1).md",
        "Leerbudget beleid 2025 versie 2.md",
        "Leerbudget beleid 2025 final.md",
        "Leerbudget beleid 2025 def.md",
        "Leerbudget beleid 2025 2025-03-01.md",
        "leerbudget-beleid-2025.txt",
        "Kopie van Leerbudget beleid 2025.md",
    ],
)
def test_a_file_name_with_a_version_marker_is_a_new_version(
    kb: KnowledgeBase, tmp_path: Path, renamed: str
) -> None:
    first = kb.add(write(tmp_path / "Leerbudget beleid 2025.md", policy("Leerbudget", "500")))
    # Another title inside, so only the file name can tie the two together.
    second = kb.add(write(tmp_path / renamed, policy("Leerbudget herzien", "800")))
    assert (second.doc_id, second.version, second.replaced_version) == (first.doc_id, 2, 1)
    assert uploads(kb) == {first.doc_id: ("Leerbudget herzien", 2)}


@pytest.mark.parametrize(
    ("name", "other"),
    [
        ("Verlof deel 1.md", "Verlof deel 2.md"),
        ("Regeling 2024.md", "Regeling 2025.md"),
        ("Definities.md", "Definities en begrippen.md"),
        ("Verlof.md", "Verlof v2 uitzonderingen.md"),
    ],
)
def test_meaningful_words_and_numbers_in_a_file_name_are_kept(
    kb: KnowledgeBase, tmp_path: Path, name: str, other: str
) -> None:
    kb.add(write(tmp_path / name, policy("Eerste regeling", "500")))
    second = kb.add(write(tmp_path / other, policy("Tweede regeling", "800")))
    assert (second.version, second.replaced_version) == (1, None)
    assert len(uploads(kb)) == 2


def test_the_same_title_under_another_file_name_is_a_new_version(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    first = kb.add(write(tmp_path / "leerbudget.md", policy("Regeling leerbudget", "500")))
    second = kb.add(write(tmp_path / "HR-regels.md", policy("REGELING  Leerbudget", "800")))
    assert (second.doc_id, second.version, second.replaced_version) == (first.doc_id, 2, 1)
    third = kb.add(
        write(tmp_path / "x.md", policy("Iets anders", "900")), title="regeling leerbudget"
    )
    assert (third.doc_id, third.version, third.replaced_version) == (first.doc_id, 3, 2)


def test_the_title_of_a_shipped_document_makes_an_upload_its_new_version(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    result = kb.add(write(tmp_path / "eigen.md", policy("Feedback geven", "500")))
    assert (result.doc_id, result.version, result.replaced_version) == ("feedback-geven", 2, 1)


def test_different_documents_with_different_titles_stay_separate(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    budget = kb.add(write(tmp_path / "leerbudget.md", policy("Regeling leerbudget", "500")))
    leave = kb.add(write(tmp_path / "verlof.md", policy("Regeling verlof", "0")))
    assert budget.doc_id != leave.doc_id
    assert leave.replaced_version is None
    assert uploads(kb) == {
        budget.doc_id: ("Regeling leerbudget", 1),
        leave.doc_id: ("Regeling verlof", 1),
    }


def test_a_title_made_from_the_file_name_does_not_match_other_titles(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    kb.add(write(tmp_path / "beleid.md", policy("Notities", "500")))
    # No title inside: "Notities" comes from the file name and says nothing about the content.
    loose = kb.add(write(tmp_path / "notities.txt", "Losse aantekeningen over het budget.\n"))
    assert (loose.doc_id, loose.version, loose.replaced_version) == ("notities", 1, None)


def test_base_name_strips_only_version_markers() -> None:
    assert base_name("Leerbudget beleid 2025 v2.pdf") == "leerbudget beleid 2025"
    assert base_name("Beleid v1.2 final (2).docx") == "beleid"
    assert base_name("Beleid – definitief 01-03-2025.pdf") == "beleid"
    assert base_name("Versie-informatie.pdf") == "versie informatie"
    assert base_name("Final.pdf") == "final"  # nothing would be left
    assert base_name("Opleidingsbeleid vdef.pdf") == "opleidingsbeleid vdef"


def test_a_refused_document_changes_nothing(kb: KnowledgeBase, tmp_path: Path) -> None:
    before = kb.list_documents()
    generation = kb.registry.generation()
    png = tmp_path / "beleid.pdf"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    with pytest.raises(IngestError):
        kb.add(png)
    with pytest.raises(IngestError):
        kb.add(write(tmp_path / "ok.md", POLICY_V1), doc_id="Not A Valid Id!")
    assert kb.list_documents() == before
    assert kb.registry.generation() == generation


def test_too_large_uses_the_configured_limit(
    fake_settings: Settings, corpus_dir: Path, tmp_path: Path
) -> None:
    small = fake_settings.model_copy(update={"max_upload_mb": 0.0001})
    kb = KnowledgeBase.open(small, corpus_dir=corpus_dir)
    try:
        with pytest.raises(IngestError) as info:
            kb.add(write(tmp_path / "groot.md", POLICY_V1 * 10))
        assert info.value.code == "too_large"
    finally:
        kb.close()


def test_a_crash_while_indexing_v2_leaves_v1_answering(
    kb: KnowledgeBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "opleidingsbeleid.md", POLICY_V1)
    kb.add(path)
    write(path, POLICY_V2)
    real_add = kb.dense.add

    def half_then_die(chunks, vectors):  # noqa: ANN001, ANN202
        real_add(chunks[:1], vectors[:1])
        raise KeyboardInterrupt  # the process is killed half-way through the vectors

    monkeypatch.setattr(kb.dense, "add", half_then_die)
    with pytest.raises(KeyboardInterrupt):
        kb.add(path)
    monkeypatch.undo()

    found = texts(kb, "leerbudget per jaar voor cursussen")
    assert any("vijfhonderd" in t for t in found)
    assert not any("achthonderd" in t for t in found)
    assert next(d for d in kb.list_documents() if d.doc_id == "opleidingsbeleid").version == 1
    # The half-written version is garbage once no writer can still be busy with it.
    assert kb.registry.garbage() == []
    assert kb.registry.garbage(now=time.time() + 2 * 3600) == [("opleidingsbeleid", 2)]


def test_reopen_collects_an_abandoned_version_and_the_next_add_skips_its_number(
    fake_settings: Settings, corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = KnowledgeBase.open(fake_settings, corpus_dir=corpus_dir)
    path = write(tmp_path / "opleidingsbeleid.md", POLICY_V1)
    kb.add(path)
    doc = load_document(write(tmp_path / "v2.md", POLICY_V2), max_bytes=10**6)
    version = kb.registry.allocate_version("opleidingsbeleid")
    chunks = chunk_document(doc, doc_id="opleidingsbeleid", version=version)
    kb.registry.store_chunks(chunks)  # written, never published: a killed writer
    kb.dense.add(chunks, kb.embedder.embed_passages([c.context_text for c in chunks]))
    kb.close()

    monkeypatch.setattr(registry_module, "ABANDONED_AFTER_S", -1.0)
    kb = KnowledgeBase.open(fake_settings, corpus_dir=corpus_dir)
    try:
        assert kb.registry.chunks_of("opleidingsbeleid", version) == []
        assert chunks[0].chunk_id not in kb.dense.ids()
        assert kb.add(write(path, POLICY_V2)).version == version + 1
    finally:
        kb.close()


def test_remove(kb: KnowledgeBase, tmp_path: Path) -> None:
    kb.add(write(tmp_path / "opleidingsbeleid.md", POLICY_V1))
    info = kb.remove("opleidingsbeleid")
    assert info.doc_id == "opleidingsbeleid"
    assert all(d.doc_id != "opleidingsbeleid" for d in kb.list_documents())
    assert not any("vijfhonderd" in t for t in texts(kb, "leerbudget per jaar voor cursussen"))
    assert not any(cid.startswith("opleidingsbeleid@") for cid in kb.dense.ids())
    with pytest.raises(KeyError):
        kb.remove("opleidingsbeleid")


def test_a_removed_shipped_document_stays_removed(
    fake_settings: Settings, corpus_dir: Path
) -> None:
    kb = KnowledgeBase.open(fake_settings, corpus_dir=corpus_dir)
    kb.remove("teamplanning")
    kb.close()
    (corpus_dir / "teamplanning.nl.md").write_text(
        (corpus_dir / "teamplanning.nl.md").read_text("utf-8") + "\nNieuwe zin.\n", "utf-8"
    )
    kb = KnowledgeBase.open(fake_settings, corpus_dir=corpus_dir)
    try:
        assert [d.doc_id for d in kb.list_documents()] == ["feedback-geven"]
    finally:
        kb.close()


def test_a_changed_shipped_document_gets_a_new_version_on_the_next_start(
    fake_settings: Settings, corpus_dir: Path
) -> None:
    KnowledgeBase.open(fake_settings, corpus_dir=corpus_dir).close()
    path = corpus_dir / "teamplanning.nl.md"
    path.write_text(path.read_text("utf-8").replace("twee jaar", "drie jaar"), "utf-8")
    kb = KnowledgeBase.open(fake_settings, corpus_dir=corpus_dir)
    try:
        info = next(d for d in kb.list_documents() if d.doc_id == "teamplanning")
        assert info.version == 2
        assert any("drie jaar" in t for t in texts(kb, "skillsmatrix vaardigheden team"))
    finally:
        kb.close()


def test_an_hr_upload_under_a_shipped_id_wins_over_the_corpus(
    fake_settings: Settings, corpus_dir: Path, tmp_path: Path
) -> None:
    kb = KnowledgeBase.open(fake_settings, corpus_dir=corpus_dir)
    kb.add(write(tmp_path / "eigen.md", POLICY_V1), doc_id="teamplanning")
    kb.close()
    path = corpus_dir / "teamplanning.nl.md"
    path.write_text(path.read_text("utf-8") + "\nExtra.\n", "utf-8")
    kb = KnowledgeBase.open(fake_settings, corpus_dir=corpus_dir)
    try:
        info = next(d for d in kb.list_documents() if d.doc_id == "teamplanning")
        assert (info.version, info.source_name) == (2, "eigen.md")
    finally:
        kb.close()


def test_another_process_adding_a_document_is_seen_without_reopening(
    fake_settings: Settings, corpus_dir: Path, tmp_path: Path
) -> None:
    bot = KnowledgeBase.open(fake_settings, corpus_dir=corpus_dir)
    cli = KnowledgeBase.open(fake_settings, corpus_dir=corpus_dir)
    try:
        bot.search("feedback")
        cli.add(write(tmp_path / "opleidingsbeleid.md", POLICY_V1))
        assert any("vijfhonderd" in t for t in texts(bot, "leerbudget per jaar voor cursussen"))
    finally:
        cli.close()
        bot.close()


def test_reopening_loads_bm25_from_disk(
    fake_settings: Settings, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    KnowledgeBase.open(fake_settings, corpus_dir=corpus_dir).close()

    def no_rebuild(*args: object) -> None:
        raise AssertionError("BM25 was rebuilt although nothing changed")

    monkeypatch.setattr(LexicalIndex, "build", no_rebuild)
    kb = KnowledgeBase.open(fake_settings, corpus_dir=corpus_dir)
    try:
        assert kb.search("skillsmatrix").hits
    finally:
        kb.close()


def test_vectors_missing_from_chroma_are_restored_on_open(
    fake_settings: Settings, corpus_dir: Path
) -> None:
    kb = KnowledgeBase.open(fake_settings, corpus_dir=corpus_dir)
    kb.dense.reset()  # e.g. a new, empty Chroma server
    kb.close()
    kb = KnowledgeBase.open(fake_settings, corpus_dir=corpus_dir)
    try:
        assert kb.dense.count() == len(kb.registry.current_chunks()) > 0
    finally:
        kb.close()


def test_rebuild_recreates_the_indexes(kb: KnowledgeBase, tmp_path: Path) -> None:
    kb.add(write(tmp_path / "opleidingsbeleid.md", POLICY_V1))
    count = kb.rebuild()
    assert count == len(kb.registry.current_chunks()) == kb.dense.count()
    assert any("vijfhonderd" in t for t in texts(kb, "leerbudget per jaar voor cursussen"))


def test_empty_question_gives_no_hits(kb: KnowledgeBase) -> None:
    result = kb.search("   ")
    assert result.hits == [] and not result.confident


def test_passages_are_only_matched_across_languages_when_the_headings_line_up(
    kb: KnowledgeBase,
) -> None:
    from knowledge.retriever import CorpusView
    from knowledge.types import Chunk

    def chunk(lang: str, section_no: int) -> Chunk:
        return Chunk(
            f"d@1:{lang}:{section_no}",
            "d",
            1,
            "T",
            lang,
            "x",
            f"s{section_no}",
            section_no,
            None,
            section_no,
        )

    parallel = CorpusView([chunk("nl", 0), chunk("nl", 1), chunk("en", 0), chunk("en", 1)], {})
    assert parallel.aligned(chunk("en", 1), "nl") == chunk("nl", 1)
    uneven = CorpusView([chunk("nl", 0), chunk("en", 0), chunk("en", 1)], {})
    assert uneven.aligned(chunk("en", 0), "nl") is None
