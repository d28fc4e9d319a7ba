"""No silent rollback: an older version uploaded again asks first; kept versions restore."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Settings
from knowledge.registry import Registry
from knowledge.service import KnowledgeBase
from knowledge.types import IngestError

from .conftest import make_docx, make_policy_pdf

V1 = {
    "Hoeveel tijd": "Iedere medewerker krijgt tien dagen per jaar voor ontwikkeling en scholing.",
    "Aanvragen": "Je vraagt ontwikkeltijd aan bij je leidinggevende, minstens twee weken vooraf.",
    "Meenemen": "Niet gebruikte ontwikkeldagen vervallen aan het einde van het jaar.",
}
V2 = {
    "Hoeveel tijd": "Iedere medewerker krijgt vijftien dagen per jaar voor ontwikkeling en "
    "scholing, ook in deeltijd naar rato.",
    "Aanvragen": "Je vraagt ontwikkeltijd aan in het HR-portaal; de leidinggevende beslist "
    "binnen vijf werkdagen.",
    "Meenemen": "Niet gebruikte ontwikkeldagen mag je een jaar lang meenemen.",
}
TITLE = "Regeling ontwikkeltijd"


def upload_v1_v2(kb: KnowledgeBase, tmp_path: Path) -> None:
    kb.add(make_policy_pdf(tmp_path / "regeling-ontwikkeltijd-v1.pdf", TITLE, V1))
    kb.add(make_policy_pdf(tmp_path / "regeling-ontwikkeltijd-v2.pdf", TITLE, V2))


def current_text(kb: KnowledgeBase) -> str:
    chunks = kb.registry.current_chunks()
    return " ".join(c.text for c in chunks if c.doc_id == "regeling-ontwikkeltijd")


def test_a_word_copy_of_an_older_version_is_held_back_until_confirmed(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    upload_v1_v2(kb, tmp_path)
    copy = make_docx(
        tmp_path / "Regeling ontwikkeltijd.docx", TITLE, {k: [v] for k, v in V1.items()}
    )
    held = kb.add(copy)
    assert (held.doc_id, held.resembles, held.identical) == ("regeling-ontwikkeltijd", 1, False)
    assert held.version == 2 and held.pending == 3
    assert "vijftien dagen" in current_text(kb)  # still version 2
    restored = kb.restore(held.doc_id, 3)  # "make it current anyway"
    assert (restored.version, restored.replaced_version) == (3, 2)
    assert "tien dagen" in current_text(kb) and "vijftien" not in current_text(kb)
    assert kb.search("hoeveel dagen ontwikkeltijd", k=1).hits[0].version == 3


def test_confirm_makes_an_older_looking_upload_current_at_once(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    upload_v1_v2(kb, tmp_path)
    copy = make_docx(
        tmp_path / "regeling-ontwikkeltijd.docx", TITLE, {k: [v] for k, v in V1.items()}
    )
    result = kb.add(copy, confirm=True)
    assert (result.version, result.replaced_version, result.resembles) == (3, 2, None)


def test_an_identical_older_version_asks_and_restores_without_a_new_upload(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    upload_v1_v2(kb, tmp_path)
    again = kb.add(make_policy_pdf(tmp_path / "regeling-ontwikkeltijd-v1.pdf", TITLE, V1))
    assert (again.resembles, again.identical, again.pending, again.version) == (1, True, None, 2)
    unchanged = kb.add(make_policy_pdf(tmp_path / "regeling-ontwikkeltijd-v2.pdf", TITLE, V2))
    assert unchanged.unchanged and unchanged.resembles is None
    restored = kb.restore("regeling-ontwikkeltijd", 1)
    assert (restored.version, restored.restored_from, restored.replaced_version) == (3, 1, 2)
    assert "tien dagen" in current_text(kb)
    back = kb.restore("regeling-ontwikkeltijd", 2)  # undo the undo
    assert back.version == 4 and "vijftien dagen" in current_text(kb)


def test_a_genuinely_new_version_is_not_held_back(kb: KnowledgeBase, tmp_path: Path) -> None:
    upload_v1_v2(kb, tmp_path)
    v3 = {k: v.replace("medewerker", "collega") for k, v in V2.items()}
    v3["Thuiswerken"] = "Ontwikkeltijd mag je ook thuis besteden aan online cursussen."
    result = kb.add(make_policy_pdf(tmp_path / "regeling-ontwikkeltijd-v3.pdf", TITLE, v3))
    assert (result.version, result.resembles) == (3, None)


def test_only_the_configured_number_of_versions_is_kept(
    fake_settings: Settings, corpus_dir: Path, tmp_path: Path
) -> None:
    kb = KnowledgeBase.open(
        fake_settings.model_copy(update={"kept_versions": 2}), corpus_dir=corpus_dir
    )
    try:
        for n in range(1, 5):
            text = {k: f"{v} Regel {n}, wijziging {'x' * n}." for k, v in V2.items()}
            kb.add(
                make_policy_pdf(tmp_path / f"regeling-ontwikkeltijd-v{n}.pdf", TITLE, text),
                confirm=True,
            )
        assert [i.version for i in kb.versions("regeling-ontwikkeltijd")] == [3, 2]
        with pytest.raises(IngestError, match=r"kept: 3, 2") as refused:
            kb.restore("regeling-ontwikkeltijd", 1)
        assert refused.value.code == "not_kept"
        with pytest.raises(KeyError):
            kb.restore("no-such-document", 1)
    finally:
        kb.close()


def test_history_is_added_to_an_existing_registry(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "registry.sqlite3"
    with sqlite3.connect(path) as conn:  # a registry from before kept versions
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("INSERT INTO meta VALUES ('generation', '7')")
    registry = Registry(path)
    try:
        assert registry.generation() == 7
        assert registry.history("x") == []
    finally:
        registry.close()


def test_a_rename_is_no_new_version_and_later_versions_keep_it(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    kb.add(make_policy_pdf(tmp_path / "regeling-ontwikkeltijd-v1.pdf", TITLE, V1))
    info = kb.rename("regeling-ontwikkeltijd", "  Ontwikkeltijd  2025 ")
    assert (info.title, info.version) == ("Ontwikkeltijd 2025", 1)
    assert kb.search("hoeveel dagen ontwikkeltijd", k=1).hits[0].title == "Ontwikkeltijd 2025"
    same = kb.add(make_policy_pdf(tmp_path / "regeling-ontwikkeltijd-v1.pdf", TITLE, V1))
    assert same.unchanged
    newer = kb.add(make_policy_pdf(tmp_path / "regeling-ontwikkeltijd-v2.pdf", TITLE, V2))
    assert (newer.version, newer.title) == (2, "Ontwikkeltijd 2025")
    with pytest.raises(KeyError):
        kb.rename("no-such-document", "Titel")
    with pytest.raises(IngestError):
        kb.rename("regeling-ontwikkeltijd", "   ")
