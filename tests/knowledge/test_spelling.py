"""Typos corrected before a question is looked up (knowledge.spelling), real word lists."""

from __future__ import annotations

import doctest

import pytest

from knowledge import spelling
from knowledge.spelling import Speller

GUIDANCE = Speller.of_texts(
    [
        "Geef feedback die specifiek is. Een beoordelaar en coach tegelijk: de dubbele rol.",
        "How do I give feedback? Skillsgericht leidinggeven: what are the skills?",
    ]
)


def test_the_examples_in_the_module_hold():
    assert doctest.testmod(spelling).failed == 0


@pytest.mark.parametrize(
    ("lang", "typed", "meant"),
    [
        ("en", "hwo do i give feedbak?", "how do i give feedback?"),
        ("en", "what are the skils?", "what are the skills?"),
        ("nl", "een beoordelar is ook coach", "een beoordelaar is ook coach"),
        ("nl", "ik ben ook haar beoordeelaar", "ik ben ook haar beoordelaar"),
        ("nl", "wat is skilsgericht leidinggeven?", "wat is skillsgericht leidinggeven?"),
    ],
)
def test_a_typo_becomes_the_word_the_guidance_uses(lang: str, typed: str, meant: str):
    assert GUIDANCE.correct(typed) == meant


@pytest.mark.parametrize(
    ("lang", "typed"),
    [
        ("en", "always late from the brake"),  # real words, whatever was meant
        ("nl", "de ecd-training en de bhv"),  # short words one letter off another word
        ("en", "Priya never speaks up, ask Jan"),  # names as typed
        ("nl", "kassacoördinatie en ontwikkelgesprek"),  # words no list has: kept
    ],
)
def test_known_words_names_and_short_words_are_left_alone(lang: str, typed: str):
    assert GUIDANCE.correct(typed) == typed


def test_a_name_typed_in_lower_case_is_kept_when_it_is_named():
    assert GUIDANCE.correct("priya zegt nooit wat", keep=["Priya"]) == "priya zegt nooit wat"
