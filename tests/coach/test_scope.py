"""The scope decision: its classifiers, and what it decides on real vectors.

The real-vector tests use questions that are not in ``bot/coach/data/scope.json``: the model
must decide questions worded unlike any of its examples.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bot.coach.scope import (
    Logistic,
    ScopeModel,
    asks,
    clauses,
    load_examples,
    nearest,
    topic_of,
    without_topic_terms,
)
from knowledge.embeddings import FakeEmbedder


def test_a_logistic_regression_is_not_drowned_by_the_larger_class():
    rng = np.random.default_rng(0)
    many = rng.normal(-1.0, 0.5, size=(2000, 3))
    few = rng.normal(1.0, 0.5, size=(20, 3))
    features = np.vstack([many, few])
    labels = np.r_[np.zeros(len(many)), np.ones(len(few))]
    model = Logistic.fit(features, labels, np.ones(len(labels)), l2=0.1)
    assert (model.score(few) > 0).mean() > 0.9
    assert (model.score(many) < 0).mean() > 0.9


def test_weights_within_a_class_pull_the_boundary_towards_the_weighted_examples():
    # two in-class points near the out class; weighting them keeps them in
    features = np.array([[-2.0], [-1.5], [0.4], [0.5], [1.0], [1.5], [2.0]])
    labels = np.array([0, 0, 0, 0, 1, 1, 1])
    plain = Logistic.fit(features, labels, np.ones(7), l2=0.01)
    weighted = Logistic.fit(features, labels, np.array([1, 1, 10, 10, 1, 1, 1]), l2=0.01)
    assert weighted.score(np.array([[0.5]]))[0] < plain.score(np.array([[0.5]]))[0]


def test_nearest_can_leave_an_example_out_of_its_own_neighbours():
    matrix = np.eye(4, dtype=np.float32)
    assert nearest(matrix, matrix).tolist() == pytest.approx([1 / 3] * 4)
    assert nearest(matrix, matrix, skip_self=True).tolist() == pytest.approx([0.0] * 4)


def test_a_clause_that_sets_the_scene_is_not_a_question():
    parts = clauses("Ze zit in haar proeftijd en wil een cursus. Mag ik haar ontslaan?")
    assert [asks(p) for p in parts] == [False, True]
    assert asks("and can I make her pay it back")
    assert not asks("My employee is often ill")


def test_a_one_clause_question_splits_off_what_it_says_of_the_person():
    assert clauses("Can I fire someone who won't develop?") == [
        "Can I fire someone",
        "won't develop?",
    ]
    assert clauses("Mag ik iemand ontslaan die elke cursus weigert?")[1] == "elke cursus weigert?"
    # a subordinate clause without a content word, or naming the topic, is no part
    assert clauses("Can I fire someone who is on sick leave?") == [
        "Can I fire someone who is on sick leave?"
    ]
    assert clauses("Can I fire him because of that?") == ["Can I fire him because of that?"]
    # a condition about the person is such a part too; English "want" is no Dutch "because"
    assert clauses("mag ik iemand ontslaan als ze zich niet wil ontwikkelen?") == [
        "mag ik iemand ontslaan",
        "ze zich niet wil ontwikkelen?",
    ]
    assert clauses("can I fire someone if she does not want to develop?") == [
        "can I fire someone",
        "she does not want to develop?",
    ]
    assert clauses("ik wil haar ontslaan want ze wil niet leren")[1] == "ze wil niet leren"
    # what someone is disciplined for; a thing paid for is no such part
    assert clauses("can i give someone a disciplinary for refusing the scanners")[1] == (
        "refusing the scanners"
    )
    assert len(clauses("Is a laptop for studying at home taxable?")) == 1


def test_general_examples_are_a_class_of_their_own(tmp_path: Path):
    path = tmp_path / "scope.json"
    path.write_text(
        json.dumps(
            {
                "out_of_scope": [
                    {"lang": "nl", "text": "Mag ik haar ontslaan?"},
                    {"lang": "en", "text": "Tell me a joke", "general": True},
                    {"lang": "en", "text": "  "},
                ],
                "vague": [{"lang": "nl", "text": "help"}],
            }
        ),
        encoding="utf-8",
    )
    assert load_examples(path) == {
        "out_of_scope": ["Mag ik haar ontslaan?"],
        "general": ["Tell me a joke"],
        "vague": ["help"],
    }


@pytest.fixture(scope="module")
def model(kb_real_embedder: Any) -> tuple[ScopeModel, Any]:
    kb = kb_real_embedder
    built = ScopeModel.build(asks=kb.asks(), vectors=kb.question_vectors, kind=kb.embedder_kind)
    return built, kb.query_vector


def test_the_fitted_classifiers_are_reused_by_the_next_model():
    embedder = FakeEmbedder()
    data = {
        "out_of_scope": ["Mag ik haar ontslaan?", "Hoeveel verlof heeft hij?"],
        "vague": ["help", "hallo"],
    }
    asks = ["Hoe bereid ik een ontwikkelgesprek voor?", "Hoe geef ik feedback?"]
    first = ScopeModel.build(asks=asks, vectors=embedder.embed_queries, data=data, kind="fake")
    again = ScopeModel.build(asks=asks, vectors=embedder.embed_queries, data=data, kind="fake")
    assert again.out is first.out and again.vague is first.vague
    other = ScopeModel.build(asks=asks[:1], vectors=embedder.embed_queries, data=data)
    assert other.out is not first.out


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "label"),
    [
        # rules, rights and amounts, worded unlike any example
        ("Hoeveel snipperdagen mag ze meenemen naar volgend jaar?", "out"),
        ("Is he entitled to paid time off for his own wedding?", "out"),
        ("Wat zegt de wet over het bewaren van beoordelingsformulieren?", "out"),
        ("Can I lower someone's hourly rate when he moves to a lighter job?", "out"),
        ("Hoe hoog is de reiskostenvergoeding per kilometer bij ons?", "out"),
        ("Moet ik de ondernemingsraad inlichten als ik de roosters verander?", "out"),
        # user tests: extra pay named whom to ask wrongly, a disciplinary hid its in-scope part
        ("moet ik haar extra betalen als ze aandachtsvelder dementie wordt?", "out"),
        ("can i give someone a disciplinary for refusing to use the new scanners", "out"),
        # development questions that mention the same subjects
        ("How do I help her keep growing while she works reduced hours after her illness?", "in"),
        ("Hij krijgt geen vast contract; hoe houd ik hem toch gemotiveerd om te leren?", "in"),
        ("Hoe bespreek ik met een oudere collega wat hij nog wil leren voor zijn pensioen?", "in"),
        ("What do I say when a pay rise is the only thing she wants to talk about?", "in"),
        # user tests: a workplace named beside the question, walking out of a talk
        (
            "Moet ik die functieomschrijvingen eigenlijk loslaten en per persoon kijken welke "
            "taken passen? Ik leid een team bij de gemeente.",
            "in",
        ),
        ("what if he gets angry and walks out of the meeting", "in"),
        ("my band 5 might leave for the trust down the road if she doesnt get band 6", "in"),
        # a blind dev question: "fire up" named a dismissal
        ("How do I fire up someone who is good at her job but has lost the spark?", "in"),
        # too vague to answer
        ("zo meteen gesprek met Joost", "vague"),
        ("can you help me out with something", "vague"),
    ],
)
def test_domain_adjacent_questions_get_the_right_decision(
    model: tuple[ScopeModel, Any], question: str, label: str
):
    built, vector = model
    assert built.decide(question, vector(question), vector).label == label


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["Welke kaas past bij een rode wijn?", "Who wrote the Harry Potter books?"]
)
def test_a_general_question_is_not_taken_for_a_vague_one(
    model: tuple[ScopeModel, Any], question: str
):
    built, vector = model
    assert built.decide(question, vector(question), vector).label != "vague"


@pytest.mark.slow
def test_a_partly_out_of_scope_question_keeps_its_in_scope_part(model: tuple[ScopeModel, Any]):
    built, vector = model
    question = "Mag ik zijn contract laten aflopen, en hoe bespreek ik wat hij nog wil leren?"
    decision = built.decide(question, vector(question), vector)
    assert decision.label == "out" and decision.topic == "employment_law"
    assert decision.part == "en hoe bespreek ik wat hij nog wil leren?"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "part"),
    [
        # user test, round 9: "how much should i give her" was answered with advice alone
        (
            "my employee wants a raise now she finished her certificate. how much should i "
            "give her and how do i talk about her next step?",
            "how do i talk about her next step?",
        ),
        (
            "ze wil loonsverhoging. hoeveel moet ik haar geven, en hoe bespreek ik haar ambities?",
            "en hoe bespreek ik haar ambities?",
        ),
    ],
)
def test_how_much_after_a_topic_named_asks_about_that_topic(
    model: tuple[ScopeModel, Any], question: str, part: str
):
    built, vector = model
    decision = built.decide(question, vector(question), vector)
    assert (decision.label, decision.topic, decision.part) == ("out", "pay", part)


@pytest.mark.slow
def test_a_question_out_of_scope_as_a_whole_embeds_only_what_it_still_needs(
    model: tuple[ScopeModel, Any],
):
    """Its out-of-scope clause needs no verdict of its own: only the in-scope clause and the
    question without its out-of-scope words are encoded (each encoded text costs time)."""
    built, vector = model
    question = (
        "Kan ik iemand ontslaan die weigert zich te ontwikkelen? En hoe begin ik dat gesprek?"
    )
    batches: list[list[str]] = []
    decision = built.decide(question, vector(question), vector, lambda t: batches.append([*t]))
    assert decision.label == "out" and decision.part == "En hoe begin ik dat gesprek?"
    assert batches == [["En hoe begin ik dat gesprek?", without_topic_terms(question)]]


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        # user tests: both were sent to "HR or a legal adviser"
        ("mw is vaak kort ziek, mag ik dat bij de arbo melden?", "leave"),
        ("mw heeft zich ziekgemeld ivm rugklachten, mag ik vragen wat er is?", "leave"),
        ("moet ik haar extra betalen als ze aandachtsvelder dementie wordt?", "pay"),
        ("should i pay him extra if he becomes the dementia lead?", "pay"),
        ("I pay extra attention to her wellbeing", None),
    ],
)
def test_the_topic_named_says_whom_to_ask(question: str, topic: str | None):
    assert topic_of(question) == topic
