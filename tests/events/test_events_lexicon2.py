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


@pytest.mark.parametrize(("text", "kind", "expected"), [
    # reached an accord, came to an understanding, joined the agreement: AGREE
    ("Turkey reached an accord with Russia on Tuesday over the border crossings.", "AGREE",
     {"source_country": "TUR", "target_country": "RUS"}),
    ("Iran came to an understanding with Turkey on Monday about the border.", "AGREE",
     {"source_country": "IRN", "target_country": "TUR"}),
    ("The Free Syrian Army joined the agreement on Friday.", "AGREE", {"source_country": "SYR"}),
    # had talks: CONSULT; joined forces: COOPERATE; disputed the claim: REJECT
    ("Germany had talks with France in Berlin on Monday.", "CONSULT",
     {"source_country": "DEU", "target_country": "FRA"}),
    ("Turkey joined forces with Qatar against the blockade on Monday.", "COOPERATE",
     {"source_country": "TUR", "target_country": "QAT"}),
    ("Russia disputed the claim by the United States on Monday.", "REJECT",
     {"source_country": "RUS"}),
    # taken into custody: COERCE (arrest); torched an embassy: ASSAULT (destroy)
    ("French police took the suspect into custody in Paris on Monday.", "COERCE",
     {"source_country": "FRA", "mode": "arrest"}),
    ("Iranian protesters torched the Saudi embassy in Tehran on Sunday.", "ASSAULT",
     {"mode": "destroy", "source_country": "IRN"}),
])
def test_new_entries_give_their_type_and_parties(events_of, text, kind, expected):
    events, _ = events_of(text)
    event = _of_type(events, kind)
    assert {name: getattr(event, name) for name in expected} == expected


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
