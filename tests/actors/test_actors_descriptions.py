"""Descriptions resolved in context (actors/descriptions.py), places typed and geocoded
(actors/located.py, actors/places.py), junk spans split and Mention.how, with the real spaCy
model on hand-made sentences; and the descriptions that must stay unresolved."""
from __future__ import annotations

import pytest

from dragoman.actors.mentions import link_document, load_gazetteer

pytestmark = pytest.mark.model

SYRIA = ("The Syrian government said on Monday that Syria would attend the talks in Syria. ")


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def _linked(nlp, gazetteer, text):
    return link_document("t1", nlp(text).ents, gazetteer)


def _described(nlp, gazetteer, text) -> dict[str, tuple]:
    linked = _linked(nlp, gazetteer, text)
    return {m.text: (linked.actors[m.actor_id].name, linked.actors[m.actor_id].country,
                     linked.actors[m.actor_id].sector)
            for m in linked.mentions if m.how == "description"}


def test_the_regime_is_the_articles_government(nlp, gazetteer):
    found = _described(nlp, gazetteer, SYRIA + "The regime denied the report.")
    assert found["The regime"] == ("Syria", "SYR", "GOV")
    assert found["The Syrian government"] == ("Syria", "SYR", "GOV")


def test_government_forces_are_the_states_military(nlp, gazetteer):
    found = _described(nlp, gazetteer, SYRIA + "Government forces shelled the town.")
    assert found["Government forces"] == ("Syrian armed forces", "SYR", "MIL")


def test_the_regimes_delegation_is_the_government(nlp, gazetteer):
    found = _described(nlp, gazetteer, SYRIA + "The regime's delegation arrived late.")
    assert found["The regime's delegation"] == ("Syria", "SYR", "GOV")


def test_named_modifier_gives_the_country(nlp, gazetteer):
    found = _described(nlp, gazetteer, SYRIA + "Russian troops moved north. The troops "
                                               "withdrew on Friday.")
    assert found["Russian troops"] == ("Russian armed forces", "RUS", "MIL")
    assert found["The troops"] == ("Russian armed forces", "RUS", "MIL")  # the last named


def test_opposition_delegation_is_the_one_opposition_body(nlp, gazetteer):
    found = _described(nlp, gazetteer, SYRIA + "The High Negotiations Committee said the "
                                               "opposition delegation would attend.")
    assert found["the opposition delegation"][0] == "High Negotiations Committee"


def test_patrons_and_other_modifiers_stay_unresolved(nlp, gazetteer):
    found = _described(nlp, gazetteer, SYRIA + "Pro-government forces and Turkish-backed "
                                               "rebels clashed; its delegation left.")
    assert not any("rebels" in text or "forces" in text or "delegation" in text
                   for text in found)


def test_no_clear_country_resolves_nothing(nlp, gazetteer):
    found = _described(nlp, gazetteer, "Russia and Turkey met in Syria. The government "
                                       "denied it.")
    assert "The government" not in found


def test_the_description_is_the_events_and_speakers_actor(nlp, gazetteer):
    """The DESC mention covers the phrase's head, so DocActors.at (used by events and
    statements) finds it."""
    text = SYRIA + "The regime denied the report."
    linked = _linked(nlp, gazetteer, text)
    start = text.index("regime")
    assert linked.at(start, start + len("regime")).name == "Syria"


def test_city_typed_person_is_a_located_place(nlp, gazetteer):
    linked = _linked(nlp, gazetteer, SYRIA + "The army advanced towards Palmyra, the general "
                                             "said, and shelled Hama and Raqqa.")
    places = {a.name: a for a in linked.actors.values() if a.type == "location"}
    assert places["Palmyra"].country == "SYR" and round(places["Palmyra"].lat) == 35
    assert places["Hama"].admin == "SY.10" and places["Raqqa"].country == "SYR"
    assert any(e.startswith("coordinates\t") for e in places["Hama"].evidence)


def test_a_surname_is_not_a_place(nlp, gazetteer):
    """"Obama" is a Japanese town, but not in an article that names no Japan."""
    linked = _linked(nlp, gazetteer, SYRIA + "President Barack Obama spoke. Obama said so.")
    assert all(a.type != "location" for a in linked.actors.values() if "Obama" in a.name)


def test_junk_spans_are_split_or_cleaned(nlp, gazetteer):
    linked = _linked(nlp, gazetteer, "Talks on Ayatollah Khamenei - Donald Trump ties. "
                                     "Sergei Lavrov Among others spoke. Donald] Trump said.")
    names = {a.name for a in linked.actors.values()}
    assert "Donald Trump" in names and "Sergey Lavrov" in names
    assert not any("-" in n and "Trump" in n or "Among" in n or "]" in n for n in names)


def test_every_mention_says_how(nlp, gazetteer):
    linked = _linked(nlp, gazetteer, "Russian Foreign Minister Sergei Lavrov met Vladimir "
                                     "Putin in Moscow. " + SYRIA + "The regime agreed.")
    how = {m.text: m.how for m in linked.mentions}
    assert how["Russian"] == "alias" and how["The regime"] == "description"
    assert how["Vladimir Putin"] == "name" and how["Sergei Lavrov"] == "alias"
    assert all(m.how for m in linked.mentions)


def test_a_persons_evidence_says_where_country_and_role_came_from(nlp, gazetteer):
    linked = _linked(nlp, gazetteer, "Russian Foreign Minister Sergei Lavrov spoke on Monday.")
    lavrov = next(a for a in linked.actors.values() if a.name == "Sergey Lavrov")
    fields = {line.split("\t")[0] for line in lavrov.evidence}
    assert {"country", "role"} <= fields
    assert any(line.startswith("country\tRUS\t") for line in lavrov.evidence)


def test_jets_and_police_are_the_states_forces(nlp, gazetteer):
    found = _described(nlp, gazetteer, "Israeli jets struck a base. German police arrested a "
                                       "man. The police said he was 20. UN forces arrived.")
    assert found["Israeli jets"] == ("Israeli armed forces", "ISR", "MIL")
    assert found["The police"] == ("German police", "DEU", "COP")
    assert "UN forces" not in found  # an international body's forces: not named so


def test_a_new_administration_is_still_the_government(nlp, gazetteer):
    """ "new"/"current" say which government, not whose: "the new US administration" is the US
    government (branch evgate); "the interim government" stays unresolved (above)."""
    found = _described(nlp, gazetteer, "The US administration and Iran clashed on Monday. "
                                       "The new US administration imposed sanctions.")
    assert found["The new US administration"][1:] == ("USA", "GOV")


def test_a_description_before_its_kind_is_placed_takes_the_one_country_they_all_name(
        nlp, gazetteer):
    """Seed 000: "The regime's delegation left …" comes before "the Damascus regime", and the
    article names Russia as often as Syria (no article country): every placed regime says
    Syria, so the delegation is Syria's (branch evgate)."""
    text = ("France and the US called on Russia to press the Assad regime to return to talks "
            "on the Syrian war. The regime's delegation left the talks. Russia accused the "
            "Damascus regime of obstruction.")
    found = _described(nlp, gazetteer, text)
    assert found["The regime's delegation"] == ("Syria", "SYR", "GOV")
    assert found["the Damascus regime"] == ("Syria", "SYR", "GOV")


def test_descriptions_that_name_two_countries_place_no_earlier_one(nlp, gazetteer):
    found = _described(nlp, gazetteer, "The regime fell. The Syrian regime and the Iraqi "
                                       "regime met.")
    assert "The regime" not in found
