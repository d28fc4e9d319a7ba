"""HR's guidance documents through the engine: refusals in the admin's language, index failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.coach.service import Coach
from bot.coach.types import Actor
from bot.settings import Settings
from knowledge.embeddings import EmbeddingError
from knowledge.index import VectorStoreError
from knowledge.types import IngestError
from tests.coach.conftest import make_coach
from tests.coach.fakes import FakeKnowledgeBase, FakeStore

HR_NL = Actor(external_id="tg:7", role="hr", language="nl")
HR_EN = Actor(external_id="tg:8", role="hr", language="en")
ENGLISH_WORDS = ("damaged", "cannot be read", "is empty", "password", "the limit is")


class RefusingKnowledgeBase(FakeKnowledgeBase):
    """A knowledge base whose ``add`` raises what it is told to."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def add(self, path: Path, **kwargs: object) -> None:
        raise self.error


def coach_raising(settings: Settings, error: Exception) -> Coach:
    return make_coach(settings, FakeStore(), RefusingKnowledgeBase(error))


@pytest.mark.parametrize(
    ("code", "english", "dutch"),
    [
        ("corrupt", "kapot.pdf is a damaged PDF that cannot be read.", "is beschadigd"),
        ("empty", "kapot.pdf is empty.", "bevat geen tekst. Is het een gescande PDF"),
        ("encrypted_pdf", "kapot.pdf is a password-protected PDF.", "wachtwoord"),
        ("unsupported_type", "kapot.pdf is a ZIP archive, not a supported document.", "PDF"),
        ("too_large", "kapot.pdf is 9.0 MB; the limit is 5.0 MB.", "de grens is"),
        ("zip_bomb", "kapot.pdf inflates to 900 MB when unpacked.", "uitpakken"),
        ("something_new", "kapot.pdf: a problem nobody foresaw.", "kan ik niet verwerken"),
    ],
)
async def test_a_refused_upload_is_explained_in_dutch_only(
    settings: Settings, tmp_path: Path, code: str, english: str, dutch: str
):
    coach = coach_raising(settings, IngestError(english, code))
    reply = await coach.add_document(HR_NL, tmp_path / "x", filename="kapot.pdf")
    assert reply.text.startswith("Dit document kan ik niet toevoegen: ")
    assert dutch in reply.text and "kapot.pdf" in reply.text
    assert not any(word in reply.text for word in ENGLISH_WORDS), reply.text


async def test_a_refused_upload_is_explained_in_english_for_an_english_admin(
    settings: Settings, tmp_path: Path
):
    error = IngestError("kapot.pdf is a damaged PDF that cannot be read.", "corrupt")
    reply = await coach_raising(settings, error).add_document(
        HR_EN, tmp_path / "x", filename="kapot.pdf"
    )
    assert reply.text.startswith("I can't add this document: kapot.pdf is damaged")
    limit = IngestError("big.pdf is 9.0 MB; the limit is 5.0 MB.", "too_large")
    small = settings.model_copy(update={"max_upload_mb": 5.0})
    reply = await coach_raising(small, limit).add_document(
        HR_EN, tmp_path / "x", filename="big.pdf"
    )
    assert "big.pdf is too large; the limit is 5.0 MB." in reply.text


@pytest.mark.parametrize(
    "error", [EmbeddingError("endpoint down"), VectorStoreError("The vector store failed")]
)
async def test_an_index_failure_says_nothing_changed(
    settings: Settings, tmp_path: Path, error: Exception
):
    reply = await coach_raising(settings, error).add_document(
        HR_NL, tmp_path / "x", filename="beleid.pdf"
    )
    assert "beleid.pdf" in reply.text and "Er is niets veranderd" in reply.text
    assert "endpoint" not in reply.text and "vector store" not in reply.text


async def test_a_corrupt_pdf_in_the_real_knowledge_base_is_refused_in_dutch(
    settings: Settings, store, tmp_path: Path
):
    from knowledge.service import KnowledgeBase

    kb = KnowledgeBase.open(settings.model_copy(update={"embedder": "fake"}))
    try:
        coach = make_coach(settings, store, kb)
        broken = tmp_path / "kapot.pdf"
        broken.write_bytes(b"%PDF-1.7\n1 0 obj garbage\n%%EOF")
        reply = await coach.add_document(HR_NL, broken, filename="kapot.pdf")
        assert reply.text.startswith("Dit document kan ik niet toevoegen: kapot.pdf is beschadigd")
        unknown = await coach.remove_document(HR_NL, "bestaat-niet")
        assert "/docs" in unknown.text
    finally:
        kb.close()


async def test_an_empty_text_file_is_not_called_a_scanned_pdf(settings: Settings, tmp_path: Path):
    coach = coach_raising(settings, IngestError("leeg.txt is empty.", "empty"))
    reply = await coach.add_document(HR_NL, tmp_path / "x", filename="leeg.txt")
    assert reply.text == "Dit document kan ik niet toevoegen: leeg.txt bevat geen tekst."
