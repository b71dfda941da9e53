"""The learned attribution-cue detector (statements/detector.py): its model file, its features
on hand-written sentences (real spaCy model), and the statements it adds."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from dragoman.model import Statement
from dragoman.statements.confidence import cue_source
from dragoman.statements.cues import LEARNED_EXCLUDED, material_verbs, parse_ratios
from dragoman.statements.detector import cue_features, load_cue_model


def _verb(doc, lemma: str):
    return next(t for t in doc if t.lemma_.lower() == lemma)


def test_shipped_detector_loads_with_a_threshold_chosen_on_train(cues):
    model = load_cue_model()
    assert 0.0 < model.threshold < 1.0 and len(model.weights) > 100
    assert cues.detector is not None and cues.detector.threshold == model.threshold
    assert cues.ratios["say"] > 0.5 > cues.ratios["make"]  # every row of statement_cues.tsv


def test_detector_probability_follows_the_weights():
    model = load_cue_model(json.dumps({"weights": {"lemma_regret": 3.0, "subj_none": -4.0},
                                       "bias": -1.0, "threshold": 0.5}))
    assert model.probability({"lemma_regret": 1.0}) > 0.85
    assert model.probability({"lemma_regret": 1.0, "subj_none": 1.0}) < 0.2


def test_ratio_and_material_verb_tables():
    table = "# comment\nlemma\tcue_count\tverb_count\tratio\nfire\t9\t10\t0.900\nmake\t2\t200\t0.010\n"
    assert parse_ratios(table) == {"fire": 0.9, "make": 0.01}  # LEARNED_EXCLUDED kept here
    verbs = "# c\nshell\tASSAULT\t19\theavy-weapons\naccuse\tACCUSE\t11\t\nair strike\tASSAULT\t19\t\n"
    assert material_verbs(verbs) == frozenset({"shell"})


def test_features_read_the_parse(nlp, cues):
    doc = nlp("The governor regretted that the plan had failed.")
    feats = cue_features(_verb(doc, "regret"), cues)
    assert feats["lemma_regret"] == 1.0 and feats["clause_that"] == 1.0
    assert feats["child_ccomp"] == 1.0 and feats["subj_agent"] == 1.0 and feats["tag_VBD"] == 1.0
    assert "under_speech" not in cue_features(_verb(doc, "fail"), cues)  # regret: no lexicon cue
    doc = nlp("The minister said that the plan had failed.")
    assert cue_features(_verb(doc, "fail"), cues)["under_speech"] == 1.0  # said, not saying
    doc = nlp("She met the envoy and refused to comment.")
    feats = cue_features(_verb(doc, "refuse"), cues)
    assert feats["xcomp_to"] == 1.0 and feats["subj_pron_she"] == 1.0  # the conjunct's subject


def test_action_verbs_are_never_judged(nlp, cues):
    assert {"fire", "unveil"} <= LEARNED_EXCLUDED and {"pound", "shell"} <= cues.actions
    doc = nlp("The army pounded the town, and the rebels attacked the base.")
    assert not cues.detectable(_verb(doc, "pound"))  # a material event verb
    assert not cues.detectable(_verb(doc, "attack"))  # an act in cues.tsv
    doc = nlp("The minister said that taxes would rise.")
    assert not cues.detectable(_verb(doc, "say"))  # the lexicon's own cue


@pytest.fixture
def detect(nlp, cues):
    """``detect(text, weights)``: statements with a hand-made detector (threshold 0.5)."""
    from dragoman.actors.mentions import link_document
    from dragoman.model import Article
    from dragoman.statements.extract import extract_statements

    def _run(text: str, weights: dict):
        model = load_cue_model(json.dumps({"weights": weights, "bias": -2.0, "threshold": 0.5}))
        article = Article(article_id="a1", origin="t", text=text, content_hash="h",
                          source_hash="h")
        doc = nlp(text)
        return extract_statements(doc, article, link_document("a1", doc.ents),
                                  replace(cues, detector=model))
    return _run


def test_a_detected_verb_gives_an_indirect_statement(detect):
    text = "The governor regretted that the plan had failed in the state senate."
    assert all(s.cue != "regret" for s in detect(text, {}))
    [statement] = [s for s in detect(text, {"lemma_regret": 5.0}) if s.cue == "regret"]
    assert statement.kind == "indirect" and statement.cue_class == "speech"
    assert statement.text == "the plan had failed in the state senate"
    assert statement.speaker_mention == "The governor" and statement.confidence is not None


def test_a_detected_verb_needs_a_subject_that_can_speak(detect):
    text = "The storm regretted that the plan had failed in the state senate."
    assert not [s for s in detect(text, {"lemma_regret": 5.0}) if s.cue == "regret"]


def test_detected_statements_have_their_own_confidence_source(cues):
    statement = Statement(statement_id="s", article_id="a", kind="indirect", text="x", start=0,
                          end=1, sentence="x", cue="regret")
    assert cue_source(cues, statement) == "detected"
    assert cue_source(cues, replace(statement, cue="say")) == "lexicon"
    assert cue_source(cues, replace(statement, cue="in poll")) == "other"
