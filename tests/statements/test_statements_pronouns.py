"""The pronoun resolver: its JSON trees walked in plain Python, the shipped model, and the
discourse features on hand-written passages (real spaCy model)."""
from __future__ import annotations

import json
import math
import re

import pytest

from dragoman.statements.pronouns import (
    Candidate,
    candidate_features,
    load_pronoun_model,
    resolve,
    tree_value,
)

# "nearest" ≤ 0.5 → node 1 (gender_clash ≤ 0.5 → leaf 3, else leaf 4); else leaf 2
TREE = [["nearest", 0.5, 1, 2], ["gender_clash", 0.5, 3, 4], [1.5], [-0.5], [-3.0]]


def test_a_tree_is_walked_by_its_thresholds_and_absent_features_count_zero():
    assert tree_value(TREE, {"nearest": 1.0}) == 1.5
    assert tree_value(TREE, {}) == -0.5
    assert tree_value(TREE, {"gender_clash": 1.0}) == -3.0
    assert tree_value(TREE, {"nearest": 0.5}) == -0.5  # ≤ goes left, as in scikit-learn


def test_trees_add_their_leaves_to_the_bias_and_replace_the_weights():
    model = load_pronoun_model(json.dumps({"bias": -1.0, "threshold": 0.3, "trees": [TREE, TREE],
                                           "weights": {"nearest": -50.0}}))
    near, far = model.probabilities([{"nearest": 1.0}, {}])
    assert near == pytest.approx(1 / (1 + math.exp(-(-1.0 + 3.0))))
    assert far == pytest.approx(1 / (1 + math.exp(-(-1.0 - 1.0))))


def test_shipped_model_is_trees_with_census_first_names():
    model = load_pronoun_model()
    assert model.trees and all(len(node) in (1, 4) for tree in model.trees for node in tree)
    assert model.genders["jennifer"] == "f" and model.genders["michael"] == "m"
    assert "jordan" not in model.genders  # borne by both sexes: no gender


def _passage(nlp, text: str, names: tuple):
    """The parsed text and a candidate for every name in it (a full name also gives its
    surname's later mentions: "Tom Hale" … "Hale" are one person, keyed "Hale"), in text
    order."""
    doc = nlp(text)
    people = []
    for name in names:
        surname = name.split()[-1]
        for m in re.finditer(rf"\b({name}|{surname})\b", text):
            if not any(c.start <= m.start() < c.end for c in people):
                people.append(Candidate(m.start(), m.end(), surname))
    return doc, sorted(people, key=lambda c: c.start)


@pytest.mark.model
def test_discourse_features_of_a_passage(nlp):
    doc, people = _passage(nlp, "Anna Berg met Tom Hale (and Paul Roth) in Oslo. Hale thanked "
                                "Berg. Later she wrote a letter.",
                           ("Anna Berg", "Tom Hale", "Paul Roth"))
    she = next(t for t in doc if t.lower_ == "she")
    feats = {doc.text[m.start:m.end]: f for m, f in candidate_features(
        doc, she, people, [], frozenset(), {"anna": "f", "tom": "m"})}
    assert feats["Anna Berg"]["main_subj"] == 1.0 and feats["Anna Berg"]["sent_initial"] == 1.0
    assert feats["Berg"]["main_subj"] == 0.0 and feats["Tom Hale"]["main_subj"] == 0.0
    assert feats["Paul Roth"]["in_parens"] == 1.0 and feats["Tom Hale"]["in_parens"] == 0.0
    assert feats["Hale"]["prev_main_subj"] == 1.0 and feats["Hale"]["log_total"] == math.log1p(2)
    assert feats["Hale"]["gender_clash"] == 1.0 and "gender_clash" not in feats["Paul Roth"]
    assert feats["Berg"]["rank0"] == 1.0 and feats["Hale"]["rank1"] == 1.0


@pytest.mark.model
def test_a_pronoun_chain_points_to_the_person_before_the_previous_pronoun(nlp):
    doc, people = _passage(nlp, "Maria Lopez hired Ruth Kane. She paid Carl Berg well, and "
                                "her firm grew.",
                           ("Maria Lopez", "Ruth Kane", "Carl Berg"))
    her = [t for t in doc if t.lower_ == "her"][-1]
    feats = {m.key: f for m, f in candidate_features(doc, her, people, [], frozenset(),
                                                        {"carl": "m"})}
    assert feats["Kane"]["chain"] == 1.0  # the woman nearest before "She"
    assert feats["Lopez"]["chain"] == 0.0 and feats["Berg"]["chain"] == 0.0


@pytest.mark.model
def test_shipped_model_resolves_a_plain_speaker_pronoun(nlp):
    doc, people = _passage(nlp, "Mark Taylor opened the session on Monday. He said the budget "
                                "was balanced.", ("Mark Taylor",))
    he = next(t for t in doc if t.lower_ == "he")
    found = resolve(load_pronoun_model(), doc, he, people, speaker=True)
    assert found is not None and found[0] == "Taylor"


@pytest.mark.model
def test_one_person_left_for_a_speaker_pronoun_is_the_speaker(nlp):
    text = ("Russia's envoy to NATO Alexander Grushko spoke on Thursday. \"Dialogue is useful,\" "
            "he said, and Sergei Lavrov agreed.")
    doc, people = _passage(nlp, text, ("Alexander Grushko", "Sergei Lavrov"))
    he = next(t for t in doc if t.lower_ == "he")
    found = resolve(load_pronoun_model(), doc, he, people, speaker=True)
    assert found is not None and found[0] == "Grushko"  # Lavrov, named after "he", is barred
