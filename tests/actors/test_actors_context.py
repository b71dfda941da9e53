"""People placed by their context (actors/context.py) with the real spaCy model, on
hand-made sentences; and the places it must not guess."""
from __future__ import annotations

from dataclasses import replace

import pytest

from dragoman.actors.mentions import link_document, load_gazetteer

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def full_gazetteer():
    return load_gazetteer()


@pytest.fixture(scope="module")
def gazetteer(full_gazetteer):
    """Without the gazetteer's people, so that the names below are placed (or not) by their
    context alone: the rules are what these tests check."""
    return replace(full_gazetteer, people={})


def _people(nlp, gazetteer, text):
    linked = link_document("t1", nlp(text).ents, gazetteer)
    return {a.name: a for a in linked.actors.values() if a.type == "person"}


def test_with_minister_saying_belongs_to_the_clause_subject(nlp, gazetteer):
    people = _people(nlp, gazetteer, "Meanwhile, Russia threw up another barrier, with Foreign "
                                     "Minister Sergei Lavrov saying that the group could not "
                                     "take part.")
    assert (people["Sergei Lavrov"].country, people["Sergei Lavrov"].sector) == ("RUS", "GOV")


def test_since_the_arrival_of_the_president(nlp, gazetteer):
    people = _people(nlp, gazetteer, "France has sought a more pragmatic approach to the "
                                     "conflict since the arrival of President Emmanuel Macron.")
    assert people["Emmanuel Macron"].country == "FRA"


def test_a_party_the_subject_deals_with_gets_no_country(nlp, gazetteer):
    people = _people(nlp, gazetteer, "Russia criticised the plan after talks with President "
                                     "Recep Erdogan on Monday.")
    assert people["Recep Erdogan"].country is None


def test_the_spokeswoman_introduced_unnamed_earlier(nlp, gazetteer):
    people = _people(nlp, gazetteer,
                     "In a statement, a spokeswoman for the State Department said the talks "
                     "must go on. \"There is no other way,\" spokeswoman Heather Nauert said.")
    nauert = people["Heather Nauert"]
    assert (nauert.country, nauert.sector) == ("USA", "GOV")


def test_an_unnamed_president_earlier_places_nobody(nlp, gazetteer):
    people = _people(nlp, gazetteer, "The Russian president spoke on Monday. President Bashar "
                                     "al-Assad did not answer.")
    assert people["Bashar al-Assad"].country is None


def test_a_possessive_shared_by_two_titled_names(nlp, gazetteer):
    people = _people(nlp, gazetteer, "The team may include Russia's Deputy Foreign Minister Ivan "
                                     "Petrov and Middle East director Oleg Sokolov.")
    assert people["Oleg Sokolov"].country == "RUS"


def test_the_articles_one_opposition_body(nlp, gazetteer):
    people = _people(nlp, gazetteer, "The HNC said it would attend. After the meeting, the head "
                                     "of the opposition delegation Nasr al-Hariri said he had "
                                     "submitted two documents.")
    assert (people["Nasr al-Hariri"].country, people["Nasr al-Hariri"].sector) == ("SYR", "OPP")


def test_a_possessive_without_its_apostrophe_before_a_title(nlp, gazetteer):
    people = _people(nlp, gazetteer, "\"They do not look for a compromise,\" Frances Ambassador "
                                     "to the US Gerard Araud said on Twitter.")
    assert people["Gerard Araud"].country == "FRA"


def test_a_gazetteer_person_is_not_placed_by_context(nlp, full_gazetteer):
    """A person the gazetteer knows keeps its country; the context rules only fill the others."""
    people = _people(nlp, full_gazetteer, "Russia criticised the plan after talks with President "
                                          "Recep Erdogan.")
    assert people["Recep Tayyip Erdogan"].country == "TUR"
    people = _people(nlp, full_gazetteer, "The Russian president spoke on Monday. President "
                                          "Bashar al-Assad said nothing.")
    assert people["Bashar al-Assad"].country == "SYR"
