"""People placed with evidence (gazetteer 2024.4): US office holders, names with initials, heads
of state named by title and surname, non-actors dropped, places and outlets told apart from
people — on hand-made inputs."""
from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from dragoman.model import Actor
from dragoman.actors import find_merges
from dragoman.actors.mentions import actor_id, link_document, load_gazetteer

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop(name, None)
    return module


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.fixture(scope="module")
def build():
    return _script("build_gazetteer")


def test_office_holders_are_people_of_the_us_with_their_open_role(gazetteer):
    cruz = gazetteer.lookup_person("Ted Cruz", "PERSON")
    assert (cruz.country, cruz.sector, cruz.kind) == ("USA", "LEG", "office")
    pompeo = gazetteer.lookup_person("Mike Pompeo", "PERSON")
    assert (pompeo.country, pompeo.sector) == ("USA", None)  # his House seat ended in 2017
    assert gazetteer.lookup_person("Chuck Schumer", "PERSON").name == \
        gazetteer.lookup_person("Charles E. Schumer", "PERSON").name
    fdr = gazetteer.lookup_person("Franklin D. Roosevelt", "PERSON")
    assert fdr is not None and gazetteer.lookup_person("Franklin D Roosevelt", "PERSON") == fdr
    # the president and the Louisiana senator: the shared name is nobody's
    assert gazetteer.lookup_person("John Kennedy", "PERSON") is None


def test_non_actors_and_outlets(gazetteer):
    assert {"vx", "brexit", "schengen"} <= gazetteer.not_actors
    assert gazetteer.lookup("VX") is None
    dogan = gazetteer.lookup("Dogan")
    assert (dogan.name, dogan.type, dogan.country, dogan.sector) == \
        ("Dogan News Agency", "organisation", "TUR", "JRN")
    assert gazetteer.lookup("Izvestia").country == "RUS"


def test_last_names_are_kept_only_for_one_person(gazetteer):
    assert gazetteer.last_names["kagame"].name == "Paul Kagame"
    assert gazetteer.last_names["bush"] is None  # two presidents Bush
    assert gazetteer.last_names.get("roosevelt") is None


def test_initials_and_usable_names(build):
    assert build.initial_forms("Franklin D. Roosevelt") == ["Franklin D. Roosevelt",
                                                            "Franklin D Roosevelt"]
    assert build.initial_forms("Ted Cruz") == ["Ted Cruz"]
    assert build.usable_name(["franklin", "d.", "roosevelt"])
    assert not build.usable_name(["d.", "roosevelt"])  # an initial is no name of its own
    assert not build.usable_name(["united", "states", "2"])


def test_office_holders_join_the_phoenix_person_they_are(build, tmp_path):
    source = tmp_path / "office.tsv"
    source.write_text(
        "# test\nbioguide\tname\taliases\tcountry\trole\tstart\tend\n"
        "O1\tBarack Obama\tBarack H. Obama|Barack Obama\tUSA\tpresident\t2013-01-20\t2017-01-20\n"
        "C1\tTed Cruz\tTed Cruz\tUSA\tsenator\t2025-01-03\t2031-01-03\n"
        "P1\tMike Pompeo\tMike Pompeo\tUSA\trepresentative\t2017-01-03\t2019-01-03\n",
        encoding="utf-8")
    phoenix = [build.Person("Barack Obama", ("President Obama",), "USA", "GOV", 99991231)]
    people, stats = build.office_holder_entries(source, phoenix)
    by_name = {p.name: p for p in people}
    assert by_name["Barack Obama"].sector == "GOV" and "Barack H. Obama" in \
        by_name["Barack Obama"].synonyms  # Phoenix's name and sector, the new spelling added
    assert (by_name["Ted Cruz"].sector, by_name["Ted Cruz"].prominent) == ("LEG", True)
    assert (by_name["Mike Pompeo"].sector, by_name["Mike Pompeo"].prominent) == ("", False)
    assert stats["office holders already in Phoenix (names added)"] == 1
    # a senator's common first name and surname are kept; a representative's are not
    census = ({"ted", "mike"}, {"cruz", "pompeo"})
    assert build._full_aliases(by_name["Ted Cruz"], set(), set(), census, Counter()) == \
        ["Ted Cruz"]
    assert build._full_aliases(by_name["Mike Pompeo"], set(), set(), census, Counter()) == []


def test_extracted_names_and_shared_names_left_out():
    pytest.importorskip("yaml")
    extract = _script("extract_office_holders")
    entry = {"id": {"wikipedia": "Chuck Schumer"},
             "name": {"first": "Charles", "middle": "Ellis", "last": "Schumer",
                      "official_full": "Charles E. Schumer"}}
    display, aliases = extract.names_of(entry)
    assert display == "Chuck Schumer"
    assert {"Charles E. Schumer", "Charles Schumer", "Charles Ellis Schumer"} <= set(aliases)
    found = {"A": {"name": "John F. Kennedy", "aliases": {"John F. Kennedy", "John Kennedy"}},
             "B": {"name": "John Kennedy", "aliases": {"John Kennedy", "John N. Kennedy"}}}
    kept, dropped = extract.unambiguous(found)
    assert kept["A"]["aliases"] == {"John F. Kennedy"} and dropped == 2


def _linked(nlp, gazetteer, text: str, spans: list[tuple[str, str]]):
    """``link_document`` over hand-set entity spans (text, label): the rules, not the model's
    labels, are what these tests check."""
    doc = nlp(text)
    ents = []
    for words, label in spans:
        start = text.index(words)
        span = doc.char_span(start, start + len(words), label=label)
        ents.append(span)
    doc.ents = ents
    return link_document("t1", list(doc.ents), gazetteer)


def _by_name(linked):
    return {a.name: a for a in linked.actors.values()}


@pytest.mark.model
def test_head_of_state_title_and_surname(nlp, gazetteer):
    linked = _linked(nlp, gazetteer, "Rebels said President Kagame must agree to changes.",
                     [("Kagame", "PERSON")])
    kagame = _by_name(linked)["Paul Kagame"]
    assert kagame.country == "RWA"
    assert any("President Kagame" in e for e in kagame.evidence)
    bush = _linked(nlp, gazetteer, "Critics said President Bush must resign.",
                   [("Bush", "PERSON")])
    assert _by_name(bush)["Bush"].country is None  # two presidents of that name


@pytest.mark.model
def test_one_word_nationality_and_family_name_first(nlp, gazetteer):
    linked = _linked(nlp, gazetteer, "Moustafa is a 30-year-old Egyptian who lives in Greece.",
                     [("Moustafa", "PERSON")])
    moustafa = _by_name(linked)["Moustafa"]
    assert moustafa.country == "EGY" and any("Egyptian" in e for e in moustafa.evidence)
    text = "China's President Xi Jinping met the king. Xi said the visit mattered."
    linked = _linked(nlp, gazetteer, text, [("Xi Jinping", "PERSON"), ("Xi said", "PERSON")])
    assert {m.actor_id for m in linked.mentions} == {_by_name(linked)["Xi Jinping"].actor_id}


@pytest.mark.model
def test_places_outlets_and_non_actors_are_not_people(nlp, gazetteer):
    text = ("Jets struck the village of Zarqa Jdeida on Thursday. Lebanese TV station "
            "al-Mayadeen said VX was used. Mosques were hit, and two mosques burned.")
    linked = _linked(nlp, gazetteer, text, [("Zarqa Jdeida", "PERSON"),
                                            ("al-Mayadeen", "PERSON"), ("VX", "PERSON"),
                                            ("Mosques", "PERSON")])
    actors = _by_name(linked)
    assert actors["Zarqa Jdeida"].type == "location"
    assert "context: village of Zarqa Jdeida" in actors["Zarqa Jdeida"].evidence[0]
    assert (actors["al-Mayadeen"].type, actors["al-Mayadeen"].sector) == ("organisation", "JRN")
    assert "VX" not in actors and "Mosques" not in actors


def test_a_person_typed_a_place_elsewhere_joins_the_place():
    place = Actor(actor_id("location", "Jobar"), "Jobar", "location", mentions=5,
                  evidence=("type\tlocation\tcontext: Jobar district",))
    person = Actor(actor_id("person", "Jobar"), "Jobar", "person", mentions=9)
    channel = Actor(actor_id("organisation", "Jobar"), "Jobar", "organisation", sector="JRN",
                    mentions=2)
    merges = {m.alias_id: m for m in find_merges([place, person, channel])}
    assert merges[person.actor_id].actor_id == place.actor_id
    assert "Jobar district" in merges[person.actor_id].evidence
    assert merges.get(channel.actor_id) is None or \
        "typed a place" not in merges[channel.actor_id].evidence


@pytest.mark.model
def test_us_party_and_state_tag_places_a_lawmaker(nlp, gazetteer):
    linked = _linked(nlp, gazetteer, "Rep. Dale Kessler (R-Wis.) defended the ban on Tuesday.",
                     [("Dale Kessler", "PERSON")])
    kessler = _by_name(linked)["Dale Kessler"]
    assert (kessler.country, kessler.sector) == ("USA", "LEG")
    assert any("(R-Wis.)" in e for e in kessler.evidence)
    plain = _linked(nlp, gazetteer, "Dale Kessler (R-2) defended the ban on Tuesday.",
                    [("Dale Kessler", "PERSON")])
    assert _by_name(plain)["Dale Kessler"].country is None


def test_a_first_name_is_no_last_name(gazetteer):
    assert "donald" not in gazetteer.last_names  # "President Donald" is Trump cut short
