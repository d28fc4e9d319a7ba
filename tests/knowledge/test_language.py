"""The stopword-based language detector."""

from __future__ import annotations

import pytest

from knowledge.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hoe geef ik feedback aan een medewerker die niet wil leren?", "nl"),
        ("hoe bak ik een taart", "nl"),
        ("What is the capital of France?", "en"),
        ("How do I prepare a one-on-one about someone's development?", "en"),
        ("wat is een skillsmatrix en heb ik die nodig", "nl"),
        ("my employees cant really describe their own skills", "en"),
        ("Mijn team heeft geen idee van de skills die we straks nodig hebben", "nl"),
    ],
)
def test_detects_dutch_and_english(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_falls_back_to_the_default_without_evidence() -> None:
    assert detect_language("", default="en") == "en"
    assert detect_language("12345", default="nl") == "nl"


def test_english_jargon_in_a_dutch_sentence_stays_dutch() -> None:
    assert detect_language("Hoe plan ik een one-on-one over skills en feedback?") == "nl"
