"""The GeoNames index (actors/places.py), the dominant surname bearer (actors/identity.py) and
events geocoded at the resolve stage, on hand-made inputs."""
from __future__ import annotations

from dragoman.model import Actor, Event
from dragoman.pipeline import Batch
from dragoman.actors.identity import dominant_bearer, find_merges
from dragoman.actors.mentions import actor_id
from dragoman.actors.places import Places, load_places
from dragoman.actors.stage import geocode_events

COUNTRIES = {"SY": {"iso3": "SYR"}, "BR": {"iso3": "BRA"}, "LY": {"iso3": "LBY"},
             "LB": {"iso3": "LBN"}}


def _city(name, cc, pop, alt=(), lat=1.0):
    return {"name": name, "countrycode": cc, "population": pop, "latitude": lat,
            "longitude": 2.0, "admin1code": "01", "alternatenames": list(alt)}


PLACES = Places({"1": _city("Tadmur", "SY", 51015, ["Palmyra"]),
                 "2": _city("Santos Dumont", "BR", 42406, ["Palmyra"]),
                 "3": _city("Tripoli", "LY", 1_300_000), "4": _city("Tripoli", "LB", 229_398),
                 "5": _city("Al Qāmishlī", "SY", 184_231)}, COUNTRIES)


def test_context_decides_between_namesakes():
    assert PLACES.lookup("Palmyra", ["SYR"]).name == "Tadmur"
    assert PLACES.lookup("Tripoli", ["LBN"]).country == "LBN"


def test_without_context_only_a_dominant_own_name_counts():
    assert PLACES.lookup("Palmyra") is None  # two alternate names
    assert PLACES.lookup("Tripoli").country == "LBY"  # 5 times the other's population
    assert PLACES.lookup("Qamishli").name == "Al Qāmishlī"  # particle and accents ignored
    assert PLACES.lookup("al-Qamishli").admin == "SY.01"


def test_the_packaged_index_knows_syrian_cities():
    places = load_places()
    assert places.lookup("Raqqa", ["SYR"]).country == "SYR"
    assert places.lookup("Africa") is None and places.lookup("Maryland") is None
    assert places.is_place("Obama", ["SYR"]) is None


def _person(name, mentions, country=None):
    return Actor(actor_id("person", name), name, "person", country, mentions=mentions)


def test_a_surname_goes_to_its_dominant_bearer():
    donald, ivanka, bare = (_person("Donald Trump", 400, "USA"), _person("Ivanka Trump", 12),
                            _person("Trump", 150))
    assert dominant_bearer([donald, ivanka]) == (donald, "400 of 412")
    merges = {m.alias_id: m.actor_id for m in find_merges([donald, ivanka, bare])}
    assert merges[bare.actor_id] == donald.actor_id


def test_no_dominant_bearer_merges_nothing():
    saad, nasr, bare = (_person("Saad Hariri", 40), _person("Nasr Hariri", 30),
                        _person("Hariri", 20))
    assert dominant_bearer([saad, nasr]) == (None, "")
    assert bare.actor_id not in {m.alias_id for m in find_merges([saad, nasr, bare])}


def _event(location, country=None):
    return Event("e" + location, "a1", "ASSAULT", "shelled", 0, 8, location=location,
                 location_country=country)


def test_events_get_their_places_coordinates():
    hama = Actor(actor_id("location", "Hama"), "Hama", "location", "SYR", lat=35.1, lon=36.7,
                 admin="SY.10")
    batch = Batch(actors=(hama,), events=(_event("Hama"), _event("Tripoli", "LBN"),
                                          _event("Palmyra", "LBY")))
    hama_event, tripoli, palmyra = geocode_events(batch, PLACES).events
    assert (hama_event.lat, hama_event.location_admin) == (35.1, "SY.10")
    assert tripoli.lat is not None and tripoli.location_country == "LBN"
    assert palmyra.lat is None  # no Palmyra in Libya
