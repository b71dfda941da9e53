"""The small logistic models of the statements layer (no spaCy model needed)."""
from __future__ import annotations

import json

from dragoman.statements.confidence import load_confidence_model
from dragoman.statements.pronouns import load_pronoun_model


def test_shipped_models_load_with_a_threshold():
    pronouns, confidence = load_pronoun_model(), load_confidence_model()
    assert 0.0 <= pronouns.threshold < 1.0 and pronouns.genders["mary"] == "f"
    assert 0.5 <= confidence.threshold < 1.0


def test_probability_follows_the_weights():
    model = load_pronoun_model(json.dumps({"weights": {"nearest": 2.0, "gender_clash": -3.0},
                                           "bias": 0.0, "threshold": 0.5}))
    assert model.probability({}) == 0.5
    assert model.probability({"nearest": 1.0}) > 0.85
    assert model.probability({"nearest": 1.0, "gender_clash": 1.0}) < 0.5


def test_confidence_model_from_text():
    model = load_confidence_model(json.dumps({"weights": {"speaker_none": -4.0}, "bias": 2.0,
                                              "threshold": 0.8}))
    assert model.probability({"speaker_none": 1.0}) < 0.2 < 0.8 < model.probability({})


def test_shipped_resolver_scores_many_candidates_at_once():
    model = load_pronoun_model()
    near = {"nearest": 1.0, "sent0": 1.0, "role_subj": 1.0, "parallel": 1.0, "log_count": 1.0}
    clash = {**near, "gender_clash": 1.0}
    probabilities = model.probabilities([near, clash])
    assert len(probabilities) == 2 and all(0.0 <= p <= 1.0 for p in probabilities)
    assert probabilities[1] < probabilities[0]  # a name of the other gender is less likely
    assert model.probability(near) == probabilities[0]
