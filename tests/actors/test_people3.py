"""People placed by their own apposition or relative clause (actors/context.py), and the
world office holders of the gazetteer (scripts/extract_world_office_holders.py →
data/sources/world_office_holders.tsv → actors_people.tsv)."""
from __future__ import annotations

import csv
from dataclasses import replace
from importlib.resources import files

import pytest

from dragoman.actors.mentions import link_document, load_gazetteer


@pytest.fixture(scope="module")
def full_gazetteer():
    return load_gazetteer()


@pytest.fixture(scope="module")
def gazetteer(full_gazetteer):
    """Without the gazetteer's people: the context rules alone place (or not) the names."""
    return replace(full_gazetteer, people={})


def _country(nlp, gazetteer, text, name):
    linked = link_document("t1", nlp(text).ents, gazetteer)
    people = {a.name: a for a in linked.actors.values() if a.type == "person"}
    return people[name].country


@pytest.mark.model
@pytest.mark.parametrize(("text", "name", "country"), [
    ("\"It is problematic,\" Metin Gurcan, a security analyst and former adviser to the "
     "Turkish military, said.", "Metin Gurcan", "TUR"),
    ("\"It works,\" says Mohammed Benhammou, an adviser to the Moroccan government on how to "
     "fight terrorism.", "Mohammed Benhammou", "MAR"),
    ("After arriving in Scotland in 2012, Munir Emkideh, who is from the Syrian city of Deraa, "
     "received his refugee status.", "Munir Emkideh", "SYR"),
    ("What happened is no surprise to General Marco Ferreira, who was in charge of "
     "Venezuela's immigration office in 2002.", "Marco Ferreira", "VEN"),
    ("It took Zabihullah Karimi two months to make it from his native Afghanistan to "
     "Germany.", "Zabihullah Karimi", "AFG"),
])
def test_own_clause_places_the_person(nlp, gazetteer, text, name, country):
    assert _country(nlp, gazetteer, text, name) == country


@pytest.mark.model
@pytest.mark.parametrize(("text", "name"), [
    # the clause is about her grandparents, not her
    ("Fatma Kaya, whose grandparents migrated from Turkey to the Netherlands, will vote for "
     "the first time.", "Fatma Kaya"),
    # "native" with two people in the sentence: whose home is it?
    ("Ali Hassan told Omar Farouk about the war in his native Syria.", "Ali Hassan"),
])
def test_clauses_about_someone_else_place_nobody(nlp, gazetteer, text, name):
    assert _country(nlp, gazetteer, text, name) is None


def _office_rows():
    text = (files("dragoman.data") / "sources" / "world_office_holders.tsv").read_text(
        encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# ") and "CC0" in lines[0] and "every-politician-scrapers" \
        in lines[0], "the header names the source, its commits and the licence"
    return list(csv.DictReader(lines[1:], delimiter="\t"))


def test_world_office_holders_have_one_country_each():
    rows = _office_rows()
    by_id: dict[str, set] = {}
    for row in rows:
        by_id.setdefault(row["wikidata"], set()).add(row["country"])
        assert len(row["country"]) == 3 and row["country"].isupper()
    assert all(len(countries) == 1 for countries in by_id.values())
    assert {"Fayez al-Sarraj", "Michael D. Higgins", "Mahmoud Abbas"} <= {r["name"] for r in rows}


def test_world_office_holders_are_placed_by_the_gazetteer(full_gazetteer):
    for name, country in (("Fayez Sarraj", "LBY"), ("Michael D Higgins", "IRL"),
                          ("Mahmoud Abbas", "PSE"), ("Steve Bannon", "USA")):
        entry = full_gazetteer.lookup_person(name, "PERSON")
        assert entry is not None and entry.country == country, name


def test_phoenix_surnames_survive_the_world_office_holders(full_gazetteer):
    """A Turkish minister named "Erdoğan Şahinoğlu" must not take "Erdogan" from the
    president, nor a monarch of fifteen realms take a country."""
    assert full_gazetteer.lookup_person("Erdogan", "PERSON").country == "TUR"
    assert full_gazetteer.lookup_person("Khamenei", "PERSON").country == "IRN"
    assert full_gazetteer.lookup_person("Elizabeth II", "PERSON").country == "GBR"


def _links(nlp, gazetteer, text):
    linked = link_document("t1", nlp(text).ents, gazetteer)
    return {m.text: linked.actors[m.actor_id] for m in linked.mentions}


@pytest.mark.model
def test_rebels_in_a_place_are_that_places(nlp, full_gazetteer):
    links = _links(nlp, full_gazetteer,
                   "British Foreign Secretary Jack Straw said that the Sudanese government and "
                   "the rebels in Darfur must reach an agreement. British aid follows.")
    assert links["the rebels"].country == "SDN"  # not the article's most named country
    assert links["Darfur"].country == "SDN" and links["Darfur"].type == "location"


@pytest.mark.model
def test_rebels_in_a_place_of_no_known_country_stay_unresolved(nlp, full_gazetteer):
    links = _links(nlp, full_gazetteer, "Syria said the rebels in Narnia attacked. Syria and "
                                        "Syria agreed.")
    assert "the rebels" not in links


@pytest.mark.model
def test_ethnic_groups_live_where_their_sentence_puts_them(nlp, full_gazetteer):
    links = _links(nlp, full_gazetteer, "Serb forces killed three ethnic Albanians in a "
                                        "gunbattle in southeastern Serbia Friday.")
    group = links["Albanians"]
    assert (group.name, group.type, group.country) == ("ethnic Albanians", "group", "SRB")
    assert any("ethnic group" in line for line in group.evidence)
    links = _links(nlp, full_gazetteer, "Up to 1,000 ethnic Turks began a hunger strike to "
                                        "protest against Sweden's decision to send them back "
                                        "to Bulgaria.")
    assert links["Turks"].country is None  # two other countries: no guess, and not Turkey


@pytest.mark.model
def test_a_wikidata_office_holder_says_where_the_country_came_from(nlp, full_gazetteer):
    linked = link_document("t1", nlp("Fayez al-Sarraj met the envoy in Tripoli.").ents,
                           full_gazetteer)
    sarraj = next(a for a in linked.actors.values() if a.type == "person")
    assert sarraj.country == "LBY"
    assert any(line.startswith("country\tLBY\tgazetteer (office holders, Wikidata")
               for line in sarraj.evidence)
