"""The calibrated confidence on every event (events/confidence.py) and its hook in the
annotate stage."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from dragoman.actors.mentions import load_gazetteer
from dragoman.annotate import ActorsStep, AnnotateStage, EventsStep, StatementsStep
from dragoman.events.confidence import (
    GATED,
    EventScorer,
    article_features,
    features,
    gate,
)
from dragoman.model import Actor, Article, Event

ARTICLE = Article(article_id="a1", origin="t", text="x", content_hash="h", source_hash="h",
                  published="2017-02-07")
ACTORS = [Actor("lavrov", "Sergei Lavrov", "person", "RUS", "GOV"),
          Actor("kerry", "John Kerry", "person", "USA", "GOV")]
SENTENCE = "Lavrov met Kerry in Geneva on Friday."


def good() -> Event:
    """A meeting between two named people, both resolved to actors."""
    return Event("e1", "a1", "CONSULT", SENTENCE, 0, len(SENTENCE), trigger="met",
                 source="Lavrov", source_actor_id="lavrov", source_country="RUS",
                 source_sector="GOV", target="Kerry", target_actor_id="kerry",
                 target_country="USA", target_sector="GOV", date="2017-02-03",
                 date_source="text", location="Geneva")


def junk() -> Event:
    """An assault whose parties are phrases (a topic as source, a place as target), inside a
    quote, with two other events in its sentence."""
    text = ('"What we heard as statements is promising regarding the priority of fighting '
            'terrorists in the region and the city of Raqqa," he said on a long day.')
    return Event("e2", "a1", "ASSAULT", text, 100, 100 + len(text), trigger="fighting",
                 source="the priority", target="the city of Raqqa and the surrounding towns",
                 quoted_in="s1", hypothetical=True, date="1990-01-01", date_source="text")


def test_features_say_what_the_record_says_about_itself():
    feats = features(junk(), in_sentence=3)
    assert feats["type=ASSAULT"] == feats["source:phrase"] == 1.0
    assert feats["target:long"] == 1.0  # a list of places, not a name
    assert feats["quoted"] == feats["hypothetical"] == feats["sentence:crowded"] == 1.0
    mine = article_features([good()])[0]
    assert mine["source:actor"] == mine["target:actor"] == 1.0
    assert not {"quoted", "hypothetical", "sentence:crowded", "target:missing"} & set(mine)


def test_the_shipped_model_scores_every_event_in_0_1_and_a_good_event_above_junk():
    scorer = EventScorer.load()
    scored = scorer.scored([good(), junk()], ARTICLE, ACTORS)
    assert [e.event_id for e in scored] == ["e1", "e2"]
    assert all(0.0 <= e.confidence <= 1.0 for e in scored)
    assert scored[0].confidence > scored[1].confidence
    assert 0.0 < scorer.threshold < 1.0


def test_weights_read_from_json_unknown_features_weigh_nothing(tmp_path):
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"threshold": 0.7, "weights": {"bias": 0.0, "negated": -2.0}}))
    scorer = EventScorer.load(path)
    assert scorer.threshold == 0.7
    assert scorer.probability({"bias": 1.0, "never_seen": 5.0}) == pytest.approx(0.5)
    assert scorer.probability({"bias": 1.0, "negated": 1.0}) == pytest.approx(0.1192, abs=1e-3)


def test_the_events_step_sets_a_confidence_on_every_event(nlp, cues, event_tools):
    gazetteer = load_gazetteer()
    scorer = EventScorer.load()
    steps = [ActorsStep(gazetteer), StatementsStep(cues), EventsStep(event_tools, scorer)]
    stage = AnnotateStage(nlp, steps=steps)
    text = ("Russian Foreign Minister Sergei Lavrov met US Secretary of State John Kerry in "
            "Geneva on Friday. Turkey accused Syria of shelling its border towns.")
    article = Article(article_id="a9", origin="t", text=text, content_hash="h9",
                      source_hash="h9", published="2016-09-10")
    events = stage.annotate([article])[0].events
    assert events, "the hand-made text gives events"
    assert all(e.confidence is not None and 0.0 <= e.confidence <= 1.0 for e in events)
    without = AnnotateStage(nlp, steps=[ActorsStep(gazetteer), StatementsStep(cues),
                                        EventsStep(event_tools)]).annotate([article])[0].events
    assert [e.event_id for e in without] == [e.event_id for e in events]
    assert all(e.confidence is None for e in without)


def test_a_run_on_sentence_and_a_missing_target_are_features():
    assert "sentence:unended" not in features(good(), 1)
    run_on = replace(good(), text="Tags Syria Raqqa airstrikes A coalition airstrike killed 18")
    feats = features(replace(run_on, target=None, target_actor_id=None, target_country=None),
                     1)
    assert feats["sentence:unended"] == feats["target:empty"] == feats["target:missing"] == 1.0
    retreat = replace(good(), type="RETREAT", target=None, target_actor_id=None,
                      target_country=None)
    assert "target:missing" not in features(retreat, 1)  # a withdrawal needs no recipient


def unidentified(**changes) -> Event:
    """``good()`` with its source replaced."""
    return replace(good(), **{"source_actor_id": None, "source_country": None,
                              "source_sector": None, **changes})


@pytest.mark.parametrize("event,reason", [
    (unidentified(source="the military", source_sector="MIL"), "source unidentified"),
    (unidentified(source="A Syrian man", source_country="SYR"), "source unidentified"),
    (unidentified(source="Russian tourists", source_country="RUS", source_sector="CVL"),
     "source unidentified"),
    (replace(good(), type="AID", target="£349m.", target_actor_id=None, target_country=None,
             target_sector=None), "recipient required"),
    (replace(good(), negated=True), "not done"),  # "has not agreed a final settlement"
])
def test_the_gates_keep_unciteable_events_out_of_the_default_record(event, reason):
    """No identifiable source, or no recipient where PLOVER requires one: whatever the model
    says, the confidence stays at GATED, under the default threshold."""
    assert gate(event) == reason
    scorer = EventScorer({"bias": 10.0}, threshold=0.3)  # a model sure of everything
    assert scorer.scored([event])[0].confidence <= GATED < scorer.threshold
    assert scorer.scored([good()])[0].confidence > 0.99


def test_a_named_source_or_a_countrys_body_passes_the_gates():
    assert gate(good()) is None
    body = unidentified(source="Russian warplanes", source_country="RUS", source_sector="MIL")
    assert gate(body) is None
    assert gate(replace(good(), type="COOPERATE", target="Islamist rebels",
                        target_actor_id=None, target_country=None, target_sector="REL")) is None
