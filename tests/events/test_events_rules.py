"""PLOVER's rules for parties, reported speech, modality and negation, on the typical errors of
issue 17: topics, documents and places are no parties; a claim is the claimant's ACCUSE; a
refusal is REJECT; an event needs a source; one event per dyad and act. Hand-made sentences,
the real model."""
from __future__ import annotations

import pytest

from dragoman.actors.mentions import load_gazetteer
from dragoman.annotate import ActorsStep, AnnotateStage, EventsStep, StatementsStep
from dragoman.events.unique import unique_events
from dragoman.model import Article, Event, EventMention

pytestmark = pytest.mark.model


@pytest.fixture
def run(events_of):
    return lambda text, published="2017-12-06": events_of(text, published)[0]


def _typed(events, kind):
    return [e for e in events if e.type == kind]


@pytest.mark.parametrize("text, trigger", [
    ("Russia and Turkey agreed on a shaky ceasefire in Syria.", "agreed"),
    ("The opposition accused the regime of violating international law.", "violating"),
    ("The government did not reject the political process.", "reject"),
])
def test_topics_and_documents_are_no_targets(run, text, trigger):
    events = [e for e in run(text) if e.trigger == trigger]
    assert events, text
    # no target, or (two parties agreeing) the other party: never the topic
    assert all(e.target is None or e.target_actor_id for e in events)
    assert not any("ceasefire" in (e.target or "") or "law" in (e.target or "")
                   or "process" in (e.target or "") for e in events)


def test_an_event_that_needs_a_party_is_dropped_when_its_target_is_a_document(run):
    assert not _typed(run("The United States supported UN Security Council resolution 2254."),
                      "SUPPORT")


def test_a_place_is_no_party_and_an_act_without_a_source_is_not_emitted(run):
    assert run("Russian soldiers killed in Ukraine were buried on Monday.") == []
    attacked = _typed(run("Russian troops attacked Ukraine on Monday."), "ASSAULT")
    assert [(e.source_country, e.target_country) for e in attacked] == [("RUS", "UKR")]


def test_the_victims_of_a_headline_passive_are_no_source(run):
    assert run("Four civilians killed and 20 wounded in a bombing in Kabul.") == []


def test_a_place_taken_from_someone_is_where_and_they_are_the_target(run):
    events = _typed(run("Government forces are retaking Aleppo from the rebels."), "ASSAULT")
    assert len(events) == 1
    assert events[0].source == "Government forces"
    assert (events[0].target, events[0].target_sector) == ("the rebels", "REB")


def test_a_claimed_act_is_the_claimants_accusation(run):
    events = run("The US claimed ISIL had attacked Iraq.")
    accuse = _typed(events, "ACCUSE")
    assert len(accuse) == 1
    assert (accuse[0].source_country, accuse[0].target, accuse[0].mode) == ("USA", "ISIL",
                                                                           "allege")
    assert accuse[0].statement_id is not None
    # the alleged act is kept only as the claim's content, never as a fact
    assert all(e.quoted_in == accuse[0].statement_id for e in _typed(events, "ASSAULT"))


def test_a_said_act_is_no_accusation(run):
    assert not _typed(run("The United States said ISIL had attacked Iraq."), "ACCUSE")


def test_a_conditional_announced_suspension_is_a_threat(run):
    events = run("The European Union will suspend aid to Syria if the attacks continue.")
    assert [(e.type, e.hypothetical) for e in events] == [("THREATEN", False)]


def test_an_announced_refusal_to_help_is_a_rejection(run):
    events = run("Germany said it would not provide support to the Syrian government.")
    assert [(e.type, e.mode, e.negated, e.hypothetical) for e in events] == [
        ("REJECT", "assist", False, False)]
    assert events[0].target_country == "SYR"


def test_a_negated_past_act_keeps_its_type_flagged(run):
    events = _typed(run("Russian troops did not attack Ukraine."), "ASSAULT")
    assert events and all(e.negated for e in events)


def test_a_requested_act_is_the_request_and_a_planned_one_hypothetical(run):
    events = run("The UN asked Russia to halt the bombing of Aleppo.")
    assert [(e.type, e.target_country) for e in events] == [("REQUEST", "RUS")]
    events = run("Turkey plans to attack Kurdish fighters in Syria.")
    assert [(e.type, e.hypothetical, e.location) for e in events] == [
        ("ASSAULT", True, "Syria")]
    assert events[0].target.startswith("Kurdish fighters")  # not Syria: a place is where


def test_one_clause_gives_one_event_per_dyad(run):
    events = run("Syrian government forces shelled and bombed rebel positions in Idlib.")
    assert len(_typed(events, "ASSAULT")) == 1
    events = run("The rebels attacked the army and attacked the police.")
    assert sorted(e.target for e in events) == ["the army", "the police"]


def test_how_each_party_was_found(run):
    events = run("Russian warplanes bombed Aleppo. Sergei Lavrov arrived in Geneva. He "
                 "criticized Ukraine.")
    bombed = _typed(events, "ASSAULT")[0]
    assert bombed.source_how == "description"  # "Russian warplanes": the Russian armed forces
    criticized = [e for e in events if e.trigger == "criticized"][0]
    assert (criticized.source_how, criticized.target_how) == ("pronoun", "name")


def test_two_clauses_of_a_sentence_are_two_acts(run):
    events = run("The delegation of Syria walked out of the talks last Friday, rejecting any "
                 "mention of elections.")
    assert {e.trigger for e in _typed(events, "REJECT")} == {"walked", "rejecting"}


def _event(n: int, start: int, target: str | None, **kw) -> Event:
    return Event(event_id=str(n), article_id="a", type="ASSAULT", text="t", start=start,
                 end=start + 10, source="Russia", source_actor_id="act_rus",
                 source_country="RUS", target=target, date="2017-12-06",
                 target_actor_id=f"act_{target}" if target else None, **kw)


def test_the_same_act_reported_twice_in_an_article_is_one_event():
    first, again, other = _event(1, 0, "syr"), _event(2, 50, "syr"), _event(3, 90, "tur")
    assert unique_events([first, again, other], [0, 9, 17]) == (
        [first, other], [EventMention("1", "a", 50, 60, "t", "")])
    later = _event(4, 120, "syr", hypothetical=True)  # a different claim about the act
    assert unique_events([first, later], [0, 20]) == ([first, later], [])
    # one clause, or the same sentence: one event, no mention
    assert unique_events([first, _event(5, 0, "syr")], [0, 0]) == ([first], [])
    assert unique_events([first, _event(6, 0, "syr")], [0, 4]) == ([first], [])


def test_a_repeat_is_a_mention_of_the_event_it_repeats_once_per_sentence():
    first, other = _event(1, 0, "syr"), _event(2, 20, "tur")
    repeats = [_event(3, 50, "tur", trigger="hit"), _event(4, 50, "tur"), _event(5, 80, "syr")]
    kept, mentions = unique_events([first, other, *repeats], [0, 1, 2, 3, 4])
    assert kept == [first, other]
    assert [(m.event_id, m.start, m.trigger) for m in mentions] == [("2", 50, "hit"),
                                                                     ("1", 80, "")]


def test_the_events_step_records_a_repeated_act_as_a_mention_of_its_event(nlp, cues,
                                                                           event_tools):
    first = "Turkey accused Syria of shelling its border towns."
    again = "Turkey also accused Syria of shelling its border towns."
    text = f"{first} The talks in Geneva went on.\n\n{again}"
    article = Article(article_id="a9", origin="t", text=text, content_hash="h9",
                      source_hash="h9", published="2016-09-10")
    steps = [ActorsStep(load_gazetteer()), StatementsStep(cues), EventsStep(event_tools)]
    found = AnnotateStage(nlp, steps=steps).annotate([article])[0]
    (accuse,) = _typed(found.events, "ACCUSE")
    assert accuse.text == first
    (mention,) = found.event_mentions
    assert (mention.event_id, mention.text, mention.trigger) == (accuse.event_id, again,
                                                                 "accused")
    assert text[mention.start:mention.end] == again


@pytest.mark.parametrize("text", [
    "Regime forces shelled the towns of Arbin and Kafarbatna with heavy artillery.",
    "Syrian warplanes bombed the city of Raqqa on Sunday.",
    "ISIL has demolished more monuments in the ancient site.",
])
def test_a_place_named_by_a_common_noun_is_no_target(run, text):
    assaults = _typed(run(text), "ASSAULT")
    assert all(e.target is None for e in assaults), [(e.source, e.target) for e in assaults]


def test_a_place_held_by_a_party_keeps_its_holder(run):
    assaults = _typed(run("Syrian warplanes bombed rebel positions near Idlib."), "ASSAULT")
    assert [e.target for e in assaults if e.target] != []
