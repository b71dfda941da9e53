"""Noun triggers (events/nominal.py): events reported by an event noun — "the withdrawal of
troops", "an attack on the convoy", "talks between X and Y" — with the real model. Every
sentence is written by hand for these tests."""
from __future__ import annotations

import pytest

from dragoman.events.lexicon import parse_event_nouns


def _one(events, kind):
    found = [e for e in events if e.type == kind]
    assert len(found) == 1, [(e.type, e.trigger, e.source, e.target) for e in events]
    return found[0]


def test_noun_table_reads_and_checks_its_rows():
    rows = parse_event_nouns("lemma\tplover\tcameo\tmode\tof\n# note\n"
                             "withdrawal\tRETREAT\t08\twithdraw\tsource\n"
                             "air strike\tASSAULT\t19\taerial\t\n")
    assert rows["withdrawal"].of == "source" and rows["withdrawal"].mode == "withdraw"
    assert rows["air strike"].plover == "ASSAULT" and rows["air strike"].of == ""
    with pytest.raises(ValueError):
        parse_event_nouns("pillage\tLOOT\t18\t\t\n")
    with pytest.raises(ValueError):
        parse_event_nouns("attack\tASSAULT\t18\t\tvictim\n")


@pytest.mark.model
def test_support_verb_object_with_of_target(events_of):
    events, _ = events_of("Russian warplanes carried out the bombing of Aleppo.")
    event = _one(events, "ASSAULT")
    assert event.source_country == "RUS"
    assert (event.target, event.location) == (None, "Aleppo")  # a place is where, not whom


@pytest.mark.model
def test_of_phrase_is_the_doer_of_a_withdrawal_and_the_date_comes_from_the_verb(events_of):
    events, _ = events_of("The withdrawal of Turkish troops from Iraq began on Monday.")
    event = _one(events, "RETREAT")
    assert event.source_country == "TUR" and event.mode == "withdraw"
    assert (event.date, event.date_text) == ("2017-12-04", "Monday")


@pytest.mark.model
def test_talks_between_two_countries_is_consult(events_of):
    events, _ = events_of("Talks between Iran and Iraq ended in Vienna on Friday.")
    event = _one(events, "CONSULT")
    assert {event.source_country, event.target_country} == {"IRN", "IRQ"}
    assert event.date == "2017-12-01"


@pytest.mark.model
def test_possessive_and_by_agent_are_the_source(events_of):
    events, _ = events_of("Portugal's withdrawal of its soldiers was completed on Tuesday.")
    assert _one(events, "RETREAT").source_country == "PRT"
    events, _ = events_of("The bombing of the bridge by Serbian aircraft began at dawn.")
    assert _one(events, "ASSAULT").source_country == "SRB"


@pytest.mark.model
def test_governing_subject_with_on_target_and_mode_from_the_noun(events_of):
    events, _ = events_of("The Chinese navy launched air strikes on a Vietnamese convoy.")
    event = _one(events, "ASSAULT")
    assert (event.source_country, event.target_country) == ("CHN", "VNM")
    assert event.mode == "aerial" and event.trigger == "launched"


@pytest.mark.model
def test_flags_come_from_the_governing_verb(events_of):
    events, _ = events_of("Brazil did not launch an attack on Peru.")
    assert _one(events, "ASSAULT").negated
    events, _ = events_of("Germany threatened to launch an attack on Denmark.")
    assert not [e for e in events if e.type == "ASSAULT"]  # the THREATEN is the one event
    assert _one(events, "THREATEN").source_country == "DEU"
    events, _ = events_of("Canada will hold a summit with Mexico next week.")
    assert _one(events, "AGREE").target_country == "MEX"  # a future meeting is a promise
    assert not [e for e in events if e.type == "CONSULT"]


@pytest.mark.model
def test_aid_given_as_an_amount(events_of):
    events, _ = events_of("Kenya gave Somalia two million dollars of aid on Monday.")
    event = _one(events, "AID")
    assert (event.source_country, event.target_country) == ("KEN", "SOM")


@pytest.mark.model
def test_a_noun_under_an_event_verb_is_not_a_second_event(events_of):
    events, _ = events_of("Norway held talks with Chile in Oslo on Monday.")
    assert [e.type for e in events] == ["CONSULT"]
    events, _ = events_of("Egypt condemned the bombing of Gaza by Israeli jets.")
    assert [e.type for e in events] == ["ACCUSE"]
    events, _ = events_of("Norway imposed sanctions on Iran.")
    assert [(e.type, e.target_country) for e in events] == [("SANCTION", "IRN")]


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "The talks were long, the delegates said.",         # no party
    "The mayor survived an attack by gunmen.",           # not an act the sentence reports
    "Officials feared a possible attack on the embassy.",  # hedged
    "The police foiled an attack on the embassy.",       # prevented
    "Moscow holds a veto in the council.",               # a power, not a rejection
    "Clashes between opposition groups continued.",      # the sides are not named
])
def test_no_event_without_a_reported_act_by_a_party(events_of, text):
    events, _ = events_of(text)
    assert [(e.type, e.trigger) for e in events] == []


@pytest.mark.model
def test_fighting_between_named_sides(events_of):
    events, _ = events_of("Fighting broke out between Sudanese troops and Ethiopian militias "
                          "on Sunday.")
    pairs = {(e.source_country, e.target_country) for e in events if e.type == "ASSAULT"}
    assert pairs == {("SDN", "ETH"), ("ETH", "SDN")}  # a clash goes both ways (evrecall)
    events, _ = events_of("A truce between Sudanese troops and Ethiopian militias broke down.")
    assert [e for e in events if e.type in ("CONCEDE", "RETREAT")] == []


@pytest.mark.model
def test_an_act_inside_a_refusal_or_an_accusation_is_not_an_event(events_of):
    events, _ = events_of("Rebels blamed Russian warplanes for carrying out the attack.")
    assert [e.type for e in events] == ["ACCUSE"]
    events, _ = events_of("Syria refused to hold a summit with Turkey.")
    assert [e.type for e in events] == ["REJECT"]


@pytest.mark.model
def test_placed_under_arrest_targets_the_one_placed(events_of):
    events, _ = events_of("An American journalist was placed under arrest by Turkish police.")
    event = _one(events, "COERCE")
    assert (event.source_country, event.target_country) == ("TUR", "USA")
    assert event.mode == "arrest"


@pytest.mark.model
def test_voiced_verbal_acts(events_of):
    events, _ = events_of("France expressed support for the Lebanese government on Monday.")
    event = _one(events, "SUPPORT")
    assert (event.source_country, event.target_country) == ("FRA", "LBN")
    events, _ = events_of("The opposition reiterated its demand that Chile raise wages.")
    assert _one(events, "REQUEST").target_country == "CHL"
    events, _ = events_of("His support for the plan was well known.")
    assert events == []
