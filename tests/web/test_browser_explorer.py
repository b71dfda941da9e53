"""An analyst's tasks in real headless Chromium: switches, facets, sorting, the dyad page, search
with the match in context, layer toggles, the map, a 390-pixel screen and keyboard focus — on
the hand-made record (no model) — and, on the seed articles (model), "every statement by a
speaker about the ceasefire" and "what did the busiest pair do to each other". Screenshots go
to $DRAGOMAN_SCREENSHOTS (or a temporary folder)."""
from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from dragoman.store import Store
from tests.web import test_browser
from tests.web.test_browser import Watched, serving
from tests.web.test_explorer import NOR, SOU, analyst_batch

browser = test_browser.browser  # the fixture: one Chromium for the module


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("DRAGOMAN_SCREENSHOTS") or tmp_path_factory.mktemp("shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    batch = analyst_batch()
    events = tuple(dataclasses.replace(e, location="Aleppo", location_admin="Aleppo Governorate",
                                       lat=36.2, lon=37.16) if e.event_id == "ev1" else e
                   for e in batch.events)
    path = str(tmp_path_factory.mktemp("browser-explorer") / "analyst.duckdb")
    with Store(path) as store:
        store.write_batch(dataclasses.replace(batch, events=events))
    with serving(path) as base:
        yield base


@pytest.fixture
def tab(browser, site):
    watched = Watched(browser, site)
    yield watched
    watched.page.close()


def rows(page) -> int:
    return page.locator("table.list tbody tr:not(:has(td.none))").count()


def test_switches_facets_and_sorting(tab, shots):
    page = tab.visit("/events")
    assert rows(page) == 3
    page.get_by_role("link", name="show historical events too").click()
    page.wait_for_url("**historical=any*")
    page.get_by_role("link", name="show low-confidence records too").click()
    page.wait_for_url("**min_confidence=0*")
    assert rows(page) == 5 and page.locator("text=0.05").count() == 1
    page.screenshot(path=str(shots / "explorer-events-everything.png"), full_page=True)
    page.locator("details.facets a", has_text="ASSAULT").click()
    page.wait_for_url("**type=ASSAULT*")
    assert rows(page) == 1 and "1950-05-01" in page.inner_text("table.list")
    page = tab.visit("/events")
    page.locator("th a", has_text="confidence").click()
    page.wait_for_url("**sort=-confidence*")
    assert page.locator("th[aria-sort=descending]").count() == 1
    tab.clean()


def test_from_the_events_table_to_the_pair_and_its_sources(tab, shots):
    page = tab.visit("/events")
    page.locator("a.pair").first.click()
    page.wait_for_url("**/dyad?*")
    assert page.locator("h1").inner_text() == "Southia ↔ Norland"  # the newest event's pair
    assert page.locator("svg.bars rect").count() >= 2
    page.screenshot(path=str(shots / "explorer-dyad.png"), full_page=True)
    event = tab.api(f"/api/dyad?a={SOU}&b={NOR}")["events"][0]
    page.locator("a.src").first.click()
    page.wait_for_url(f"**#s-{event['start']}-{event['end']}")
    assert tab.focused_text() == event["text"]
    tab.clean()


def test_search_shows_the_match_and_layers_toggle(tab, shots):
    page = tab.visit("/search")
    page.fill("input[name=q]", "blocked talks")
    page.select_option("select[name=scope]", "events")
    page.click("form.filters button")
    page.wait_for_url("**/search?*")
    assert page.locator("ol.results mark").first.inner_text() == "blocking"
    page.screenshot(path=str(shots / "explorer-search.png"), full_page=True)
    page = tab.visit(f"/articles/{'a1' * 8}")
    event = page.locator("#text .seg.k-event").first
    shadow = "el => getComputedStyle(el).boxShadow"
    assert event.evaluate(shadow) != "none"
    page.uncheck("input[data-layer=event]")
    assert event.evaluate(shadow) == "none"
    tab.clean()


def test_map_and_outlets(tab, shots):
    page = tab.visit("/map")
    assert page.locator("svg.map circle.dot").count() == 1
    page.screenshot(path=str(shots / "explorer-map.png"), full_page=True)
    page.locator("svg.map a").first.click()
    page.wait_for_url("**/events?place=Aleppo")
    assert rows(page) == 1
    page = tab.visit("/outlets")
    assert page.locator("table.list").first.locator("tbody tr").count() == 2
    page.screenshot(path=str(shots / "explorer-outlets.png"), full_page=True)
    tab.clean()


def test_a_phone_screen_scrolls_tables_not_pages_and_focus_is_visible(browser, site, shots):
    tab = Watched(browser, site)
    tab.page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/", "/events", "/statements", f"/dyad?a={NOR}&b={SOU}", "/search?q=talks",
                 "/outlets", "/map", f"/actors/{NOR}", "/actors", "/articles", "/stories",
                 "/stories/story1", "/network", "/duplicates", f"/articles/{'a1' * 8}",
                 "/events/ev1", "/statements/st1"):
        page = tab.visit(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
    page.screenshot(path=str(shots / "explorer-phone-actor.png"), full_page=True)
    page = tab.visit("/events")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), outline
    tab.clean()
    tab.page.close()


@pytest.mark.model
@pytest.mark.shared
def test_every_statement_by_a_speaker_about_the_ceasefire(browser, seeds_db, shots):
    """The seeds' Lavrov says nothing about the ceasefire: the task is asked of the first
    speaker who does (on the full demo corpus: Lavrov)."""
    with serving(seeds_db) as base:
        tab = Watched(browser, base)
        anyone = tab.api("/api/search?q=ceasefire&scope=statements&limit=100")["items"]
        speaker = next(s["speaker"] for s in anyone if s["speaker"]).split()[-1]
        page = tab.visit(f"/search?q=cease-fire&scope=statements&speaker={speaker}")
        found = tab.api(f"/api/search?q=ceasefire&scope=statements&speaker={speaker}&limit=100")
        assert found["total"] >= 1 and page.locator("ol.results > li").count() == found["total"]
        assert all(m.lower().replace("-", "").startswith("ceasefire")
                   for m in page.locator("ol.results mark").all_inner_texts())
        page.screenshot(path=str(shots / "task-speaker-ceasefire.png"), full_page=True)
        page.locator("ol.results a.src").first.click()
        page.wait_for_url("**#s-*")
        assert tab.focused_text() == found["items"][0]["text"]
        pair = tab.api("/api/dyads?limit=1")["items"][0]
        page = tab.visit(f"/dyad?a={pair['source_actor_id']}&b={pair['target_actor_id']}")
        shown = page.locator("a.src").count()
        data = tab.api(f"/api/dyad?a={pair['source_actor_id']}&b={pair['target_actor_id']}")
        assert shown == len(data["events"]) + len(data["statements"]) >= pair["events"]
        page.screenshot(path=str(shots / "task-dyad.png"), full_page=True)
        tab.clean()
        tab.page.close()
