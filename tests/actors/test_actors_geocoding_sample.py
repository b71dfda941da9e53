"""The hand-checked geocoding sample and its scorer (bench/actors.py): the file is well formed
and the scorer takes a mention's geocoded actor, else the GeoNames lookup in the article's
countries."""
from __future__ import annotations

from bench.actors import GEOCODING, km, predicted_point, read_geocoding_sample
from dragoman.actors.doc import DocActors
from dragoman.actors.places import Places
from dragoman.model import Actor, Mention


def test_the_sample_has_at_least_100_checked_rows_with_plausible_coordinates():
    rows = read_geocoding_sample(GEOCODING)
    assert len(rows) >= 100
    assert all(-90 <= r["lat"] <= 90 and -180 <= r["lon"] <= 180 and r["how_checked"]
               for r in rows)
    assert len({r["sentence_id"] for r in rows}) == len(rows)
    assert not any("heldout" in r["source"] for r in rows)


def test_distance_is_great_circle_kilometres():
    assert km(33.51, 36.29, 33.51, 36.29) == 0
    assert 300 < km(33.51, 36.29, 36.20, 37.16) < 320  # Damascus – Aleppo, about 310 km


def test_the_mentions_geocoded_actor_first_then_the_lookup_in_the_articles_countries():
    cities = {1: {"name": "Tripoli", "asciiname": "Tripoli", "countrycode": "LB",
                  "latitude": "34.43", "longitude": "35.84", "population": 230000},
              2: {"name": "Tripoli", "asciiname": "Tripoli", "countrycode": "LY",
                  "latitude": "32.88", "longitude": "13.19", "population": 1150000}}
    places = Places(cities, {"LB": {"iso3": "LBN"}, "LY": {"iso3": "LBY"}})
    lebanon = Actor("act_lb", "Lebanon", "country", "LBN", "GOV", ("Lebanon",), 1)
    town = Actor("act_t", "Tripoli", "location", "LBN", None, ("Tripoli",), 1, lat=1.0, lon=2.0)
    row = {"start": 10, "place": "Tripoli"}
    linked = DocActors([Mention("a", 10, 17, "Tripoli", "GPE", "act_t", "name")],
                       {"act_t": town})
    assert predicted_point(linked, row, places) == (1.0, 2.0)
    linked = DocActors([Mention("a", 0, 7, "Lebanon", "GPE", "act_lb", "name")],
                       {"act_lb": lebanon})
    assert predicted_point(linked, row, places) == (34.43, 35.84)
