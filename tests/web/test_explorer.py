"""The analyst's explorer on a small hand-made record: confidence shown and switchable, newest
first, the dyad page and read, facets, sorting, totals and the exact JSON of what a page shows.
No model needed."""
from __future__ import annotations

import dataclasses
import re

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from dragoman.cli import cli
from dragoman.events.interop import QUAD_CLASS
from dragoman.model import Event
from dragoman.store import Store, reads
from dragoman.store.reads import EventFilter
from dragoman.store.reads.dyads import COOPERATION
from dragoman.web import create_app
from tests.web.test_web import LOCAL, OTHER, TEXT, hostile_batch, span

NOR, SOU = "act_000000000001", "act_000000000002"


def analyst_batch():
    """The hostile record plus a low-confidence event, a historical one (1950) and an actor
    with coordinates and evidence."""
    batch = hostile_batch()
    low = span(TEXT, "Southia asked Norland to return to the table.")
    old = span(OTHER, "Nothing else happened.")
    extra = (
        Event("ev-low", "a1" * 8, "CONSULT", TEXT[low[0]:low[1]], *low, source="Norland",
              source_actor_id=NOR, target="Southia", target_actor_id=SOU, date="2017-02-20",
              confidence=0.05),
        Event("ev-old", "a3" * 8, "ASSAULT", OTHER[old[0]:old[1]], *old, source="Norland",
              source_actor_id=NOR, target="Southia", target_actor_id=SOU, date="1950-05-01",
              historical=True, confidence=0.9),
    )
    events = tuple(dataclasses.replace(e, confidence=0.83) if e.event_id == "ev1" else e
                   for e in batch.events) + extra
    actors = tuple(dataclasses.replace(a, lat=59.9, lon=10.7, admin="Oslo",
                                       evidence=("country\tNOR\tgazetteer",))
                   if a.actor_id == NOR else a for a in batch.actors)
    return dataclasses.replace(batch, events=events, actors=actors)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("explorer") / "analyst.duckdb")
    with Store(path) as store:
        store.write_batch(analyst_batch())
    return path


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db), base_url=LOCAL) as test_client:
        yield test_client


def event_ids(html: str) -> list[str]:
    return list(dict.fromkeys(re.findall(r'href="/events/(ev[\w-]*)"', html)))


def test_lists_show_confidence_and_switch_hidden_records_on(client):
    page = client.get("/events").text
    assert event_ids(page) == ["ev2", "ev1", "ev3"]  # newest first; low and historical hidden
    assert ">0.83<" in page and "show historical events too" in page
    assert "show low-confidence records too" in page
    everything = client.get("/events?historical=any&min_confidence=0").text
    assert event_ids(everything) == ["ev-low", "ev2", "ev1", "ev-old", "ev3"]
    assert "hide historical events" in everything and ">0.05<" in everything
    statements = client.get("/statements").text
    assert "show thought, evidence, stance too" in statements
    assert 'href="?cue_class=any"' in statements


def test_actor_page_shows_written_names_coordinates_evidence_and_pairs(client):
    page = client.get(f"/actors/{NOR}").text
    assert "Norland <span class=\"sub\">(3)</span>" in page
    assert "59.9000, 10.7000" in page and "Oslo" in page
    assert "<td>country</td><td>NOR</td><td class=\"sub\">gazetteer</td>" in page
    assert f"/dyad?a={NOR}&amp;b={SOU}" in page
    assert "ev-low" not in page and "ev-old" not in page  # only default records
    data = client.get(f"/api/actors/{NOR}").json()
    assert data["aliases"][0] == {"alias": "Norland", "mentions": 3}
    assert data["evidence"] == [{"field": "country", "value": "NOR", "source": "gazetteer"}]


def test_dyad_read_gives_both_directions_by_type_and_class(db):
    with Store(db, read_only=True) as store:
        pair = reads.dyad(store, "Norland", "Southia")
        assert pair["a"]["value"] == NOR and pair["b"]["value"] == SOU
        assert [(e["event_id"], e["direction"]) for e in pair["events"]] == [
            ("ev2", "b→a"), ("ev1", "a→b"), ("ev3", "a→b")]
        assert {t["type"]: (t["a→b"], t["b→a"], t["class"]) for t in pair["types"]} == {
            "ACCUSE": (2, 0, "conflict"), "REQUEST": (0, 1, "cooperation")}
        assert pair["totals"]["a→b"]["events"] == 2
        february = reads.dyad(store, NOR, SOU, EventFilter(since="2017-02-07",
                                                          until="2017-02-28", min_confidence=0))
        assert [e["event_id"] for e in february["events"]] == ["ev-low", "ev2"]
        countries = reads.dyad(store, "NOR", "SOU")
        assert countries["a"] == {"kind": "country", "value": "NOR", "name": "NOR", "ref": "NOR"}
        assert pair["a"]["ref"] == "Norland"  # its name finds it again: the form shows it
        assert len(countries["events"]) == 3


def test_cooperation_types_are_the_gdelt_quad_classes():
    assert COOPERATION == {t for t, q in QUAD_CLASS.items() if q <= 2}


def test_dyad_page_cites_every_record_and_is_linked_from_the_events_table(client):
    events = client.get("/events").text
    assert f'href="/dyad?a={NOR}&amp;b={SOU}"' in events
    page = client.get(f"/dyad?a={NOR}&b=Southia").text
    assert "Norland ↔ Southia" in page and 'name="a" value="Norland"' in page
    assert page.count('class="src"') == 3  # every event, each with its source span
    assert "conflict" in page and "cooperation" in page
    assert client.get("/dyad?a=nobody-at-all&b=Southia").status_code == 404
    hostile = client.get("/dyad?a=<script>&b=Southia").text  # names the hostile speaker
    assert "<script>alert" not in hostile and "&lt;script&gt;alert" in hostile


def test_facets_count_what_the_list_selects(client, db):
    with Store(db, read_only=True) as store:
        facets = reads.event_facets(store)
    assert facets["total"] == 3
    assert facets["facets"]["type"][0] == {"value": "ACCUSE", "label": "ACCUSE", "count": 2,
                                           "param": "type", "arg": "ACCUSE"}
    assert {f["value"]: f["count"] for f in facets["facets"]["flags"]} == {"negated": 1}
    page = client.get("/events").text
    assert "<strong>3</strong> events match" in page
    assert 'href="?type=ACCUSE"' in page
    narrowed = client.get("/events?type=ACCUSE").text
    assert "<strong>2</strong> events match" in narrowed


def test_sorting_by_column_and_the_json_of_what_is_shown(client):
    page = client.get("/events?sort=confidence").text
    assert 'href="?sort=-confidence"' in page  # the header toggles the direction
    shown = event_ids(page)
    data = client.get("/api/events?sort=confidence").json()
    assert [e["event_id"] for e in data["items"]] == shown
    assert 'href="/api/events?sort=confidence"' in page
    assert client.get("/events?sort=nonsense").status_code == 422
    assert "use one of" in client.get("/api/events?sort=nonsense").text


def test_charts_default_to_the_corpus_period(client, db):
    with Store(db, read_only=True) as store:
        period = reads.corpus_period(store)
        chart = reads.events_over_time(store, EventFilter(historical=None), window=period)
    assert period == ("2017-01-07", "2017-03-01")
    assert chart["from"] >= period[0] and chart["outside"] == 1  # the 1950 event


@pytest.mark.parametrize("word, stem", [("ceasefire", "ceasefir"), ("cease-fire", "ceasefir"),
                                        ("Ceasefires", "ceasefir"), ("assaulted", "assault"),
                                        ("Aleppo", "aleppo"), ("talks", "talk")])
def test_stems_join_spellings(word, stem):
    assert reads.stem(word) == stem


def test_search_matches_any_ending_and_hyphenation_with_the_match_in_context(tmp_path):
    batch = analyst_batch()
    text = "Talks on the cease-fire resumed. The ceasefires hold in Aleppo; rebels assaulted it."
    article = dataclasses.replace(batch.articles[2], article_id="a4" * 8, origin="/in/four.txt",
                                  text=text, content_hash="h4", source_hash="s4")
    path = str(tmp_path / "search.duckdb")
    with Store(path) as store:
        store.write_batch(dataclasses.replace(batch, articles=(*batch.articles, article)))
    with Store(path, read_only=True) as store:
        found = reads.search(store, "ceasefire", "articles")
        assert [r["article_id"] for r in found["items"]] == ["a4" * 8]
        snippet = found["items"][0]["snippet"]
        assert snippet["hit"] == "cease-fire" and snippet["left"] == "Talks on the "
        assert reads.search(store, "ceasefire aleppo assaults", "articles")["total"] == 1
        assert reads.search(store, "ceasefire geneva", "articles")["total"] == 0  # all words
        assert reads.search(store, "accusing", "events")["total"] == 2  # default events only
        assert reads.search(store, "accusing", "events",
                            events=EventFilter(min_confidence=0, historical=None))["total"] == 2
        assert reads.search(store, "", "articles")["total"] == 0
        with pytest.raises(ValueError, match="use one of articles, statements, events"):
            reads.search(store, "x", "stories")
    with TestClient(create_app(path), base_url=LOCAL) as client:
        page = client.get("/search?q=cease-fires").text
        assert "<mark>cease-fire</mark>" in page and "articles <span class=\"sub\">(1)</span>" in page
        statements = client.get("/search?q=refusing&scope=statements").text
        assert "&lt;script&gt;alert(1)&lt;/script&gt; We <mark>refuse</mark>" in statements
        assert client.get("/api/search?q=ceasefire").json()["total"] == 1
        assert client.get("/search?q=x&scope=stories").status_code == 422


@pytest.fixture(scope="module")
def placed(tmp_path_factory):
    """The analyst record with ev1 placed in Aleppo."""
    batch = analyst_batch()
    events = tuple(dataclasses.replace(e, location="Aleppo", location_admin="Aleppo Governorate",
                                       lat=36.2, lon=37.16) if e.event_id == "ev1" else e
                   for e in batch.events)
    path = str(tmp_path_factory.mktemp("placed") / "placed.duckdb")
    with Store(path) as store:
        store.write_batch(dataclasses.replace(batch, events=events))
    with TestClient(create_app(path), base_url=LOCAL) as test_client:
        yield path, test_client


def test_map_draws_placed_events_and_says_when_none_are(placed, client):
    path, placed_client = placed
    with Store(path, read_only=True) as store:
        places = reads.event_places(store, EventFilter(place="aleppo governorate"))
    assert [(p["location"], p["events"]) for p in places["places"]] == [("Aleppo", 1)]
    assert places["unplaced"] == 0
    page = placed_client.get("/map").text
    assert '<circle class="dot"' in page and 'href="/events?place=Aleppo"' in page
    assert "2 matching event(s) have no coordinates" in page
    assert event_ids(placed_client.get("/events?place=Aleppo").text) == ["ev1"]
    empty = client.get("/map").text  # the record without coordinates
    assert "No matching event has coordinates yet (3 event(s)" in empty
    assert '<circle class="dot"' not in empty


def test_outlets_page_counts_articles_events_and_statements_per_outlet(client, db):
    with Store(db, read_only=True) as store:
        coverage = reads.outlet_coverage(store)
        naming = reads.outlet_coverage(store, actor_id=NOR)
    by_outlet = {o["outlet"]: o for o in coverage["outlets"]}
    assert by_outlet["Example <i>Wire</i>"]["articles"] == 1  # the copy is left out
    assert by_outlet["Example <i>Wire</i>"]["events"] == 2
    assert by_outlet["Example <i>Wire</i>"]["statements"] == 1
    assert {o["outlet"] for o in naming["outlets"]} == {"Example <i>Wire</i>"}
    assert {r["month"] for r in coverage["over_time"]} == {"2017-02", "2017-03"}
    page = client.get("/outlets").text
    assert "Example &lt;i&gt;Wire&lt;/i&gt;" in page and "<i>Wire</i>" not in page
    assert f'href="/outlets?actor_id={NOR}"' in client.get(f"/actors/{NOR}").text


def test_network_takes_dates_story_and_country(client):
    everything = client.get("/network?type=ACCUSE&type=REQUEST").text
    assert everything.count('both ways') == 2
    february_7 = client.get("/network?type=ACCUSE&type=REQUEST&since=2017-02-07").text
    assert february_7.count('both ways') == 1 and "REQUEST" in february_7
    assert client.get("/network?country=XXX").text.count("both ways") == 0


def test_story_citations_are_numbered_per_source_without_raw_ids(tmp_path):
    batch = analyst_batch()
    a1, a3 = "a1" * 8, "a3" * 8
    summary = (f"Ministers of Norland and Southia met in Geneva on Monday. [{a1}] "
               f"A wire story. [{a3}] Southia asked Norland to return to the table. [{a1}]")
    story = dataclasses.replace(batch.stories[0], summary=summary)
    path = str(tmp_path / "cited.duckdb")
    with Store(path) as store:
        store.write_batch(dataclasses.replace(batch, stories=(story,)))
    with TestClient(create_app(path), base_url=LOCAL) as client:
        page = client.get("/stories/story1").text
        data = client.get("/api/stories/story1").json()
    assert [[c["n"] for c in s["cites"]] for s in data["summary"]] == [[1], [2], [1]]
    assert [(s["n"], s["article_id"]) for s in data["sources"]] == [(1, a1), (2, a3)]
    assert ">[2]</a>" in page and '<li value="2"><a href="/articles/' + a3 in page
    prose = re.sub(r"<[^>]+>", " ", page.split("<h2>Summary</h2>")[1].split("<h2>")[0])
    assert a1 not in prose and "story1" not in page.split("<h1>")[1].split("</p>")[0]


def test_gdelt_layout_points_at_the_article_url(tmp_path):
    batch = analyst_batch()
    articles = tuple(dataclasses.replace(a, url="https://news.example/wire/1")
                     if a.article_id == "a3" * 8 else a for a in batch.articles)
    path = str(tmp_path / "urls.duckdb")
    with Store(path) as store:
        store.write_batch(dataclasses.replace(batch, articles=articles))
    result = CliRunner().invoke(cli, ["events-export", "--layout", "gdelt", "--db", path])
    rows = [line.split("\t") for line in result.output.splitlines()]
    url = rows[0].index("SOURCEURL")
    by_event = {r[0]: r[url] for r in rows[1:]}
    assert by_event["ev3"] == "https://news.example/wire/1"
    assert by_event["ev2"] == "/in/one.txt"  # an article without an http(s) URL: its origin


def test_article_page_has_layer_toggles_and_shows_the_url_not_a_cache_path(client):
    page = client.get(f"/articles/{'a3' * 8}").text
    for layer in ("mention", "statement", "speaker", "event", "reuse"):
        assert f'data-layer="{layer}" checked' in page
    assert '<span title="/in/three.txt">three.txt</span>' in page
