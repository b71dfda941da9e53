"""Lexicon entries for acts the dev news gold told with verbs the lexicon did not know (issue
17, ninth session, evlexicon): agreements reached, come to or joined, talks had, forces joined,
buildings torched, claims disputed, people taken into custody. Every sentence
is written by hand for these tests; each asserts the type and the parties an analyst would
cite, and the risky entries have a sentence that must stay without one (a town "liberated" is
no event: its object is a place, never a party)."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _of_type(events, kind):
    found = [e for e in events if e.type == kind]
    assert len(found) == 1, [(e.type, e.trigger, e.source, e.target) for e in events]
    return found[0]


def test_reached_an_accord_is_an_agreement(events_of):
    events, _ = events_of("Turkey reached an accord with Russia on Tuesday over the border "
                          "crossings.")
    event = _of_type(events, "AGREE")
    assert event.source_country == "TUR" and event.target_country == "RUS"


def test_came_to_an_understanding_is_an_agreement(events_of):
    events, _ = events_of("Iran came to an understanding with Turkey on Monday about the "
                          "border.")
    event = _of_type(events, "AGREE")
    assert event.source_country == "IRN" and event.target_country == "TUR"


def test_joined_the_agreement_is_an_agreement(events_of):
    events, _ = events_of("The Free Syrian Army joined the agreement on Friday.")
    event = _of_type(events, "AGREE")
    assert event.source_country == "SYR"


def test_had_talks_is_a_consultation(events_of):
    events, _ = events_of("Germany had talks with France in Berlin on Monday.")
    event = _of_type(events, "CONSULT")
    assert event.source_country == "DEU" and event.target_country == "FRA"


def test_joined_forces_is_cooperation(events_of):
    events, _ = events_of("Turkey joined forces with Qatar against the blockade on Monday.")
    event = _of_type(events, "COOPERATE")
    assert event.source_country == "TUR" and event.target_country == "QAT"


def test_disputed_the_claim_is_a_rejection(events_of):
    events, _ = events_of("Russia disputed the claim by the United States on Monday.")
    event = _of_type(events, "REJECT")
    assert event.source_country == "RUS"


def test_taken_into_custody_is_an_arrest(events_of):
    events, _ = events_of("French police took the suspect into custody in Paris on Monday.")
    event = _of_type(events, "COERCE")
    assert event.source_country == "FRA" and event.mode == "arrest"


def test_torched_an_embassy_is_an_assault(events_of):
    events, _ = events_of("Iranian protesters torched the Saudi embassy in Tehran on Sunday.")
    event = _of_type(events, "ASSAULT")
    assert event.mode == "destroy" and event.source_country == "IRN"


def test_according_to_is_no_accord_reached(event_tools, nlp):
    doc = nlp("According to the reports, the minister reached out to the envoy on Monday.")
    verb = next(t for t in doc if t.lemma_ == "reach")
    assert event_tools.lexicon.lookup(verb) is None


def test_broke_off_talks_now_reads_the_particle_and_its_object(event_tools, nlp):
    doc = nlp("Iran broke off talks with Saudi Arabia on Monday.")
    verb = next(t for t in doc if t.lemma_ == "break")
    entry = event_tools.lexicon.lookup(verb)
    assert entry is not None and entry.plover == "SANCTION"


def test_risky_entries_stay_quiet_outside_their_sense(events_of):
    for text in ("The disputed territory has been claimed by Russia since 1945.",
                 "The company reached a settlement with its workers on Monday.",
                 "Germany came to the aid of the flood victims on Monday.",
                 "The Syrian army liberated the town of Deir Hafer on Sunday.",
                 "A car bomb detonated near a Kurdish checkpoint in Qamishli on Sunday."):
        events, _ = events_of(text)
        assert not [e for e in events if e.type in ("REJECT", "ASSAULT")], \
            (text, [(e.type, e.trigger) for e in events])
