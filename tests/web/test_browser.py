"""The explorer in real headless Chromium (Debian's package, driven by Playwright): every page
loads with nothing fetched from elsewhere, the story → event → source-span path highlights
exactly the event's sentence, search and charts work, and a hostile article runs no script.
Screenshots go to $DRAGOMAN_SCREENSHOTS (or a temporary folder)."""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from dragoman.web import create_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip("chromium is not installed and these tests do not install it: `make install` "
                "gets Debian's chromium package (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the dev extra")
uvicorn = pytest.importorskip("uvicorn")

# flags for a closed network: no background fetches to Google's hosts
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextmanager
def serving(db: str):
    """The explorer on ``db`` in a uvicorn thread on a free loopback port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the explorer did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("DRAGOMAN_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Watched:
    """A page that records console errors, dialogs and requests to other hosts."""

    def __init__(self, browser, base: str, **options) -> None:
        self.base = base
        self.page = browser.new_page(viewport={"width": 1280, "height": 900}, **options)
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.elsewhere: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("request", lambda r: r.url.startswith((base, "data:")) or self.elsewhere.append(r.url))

    def visit(self, path: str):
        response = self.page.goto(self.base + path)
        assert response is not None and response.ok, (path, response and response.status)
        return self.page

    def api(self, path: str) -> dict:
        return self.page.request.get(self.base + path).json()

    def focused_text(self, start: int | None = None) -> str:
        """The highlighted text; with ``start``, once the highlight begins there (a click on
        another record's link moves it in a hashchange handler: wait for it, do not race it)."""
        self.page.wait_for_selector("#text .focus")
        if start is not None:
            self.page.wait_for_function(
                "s => { const f = document.querySelector('#text .focus');"
                " return f && f.getAttribute('data-s') === String(s); }", arg=start)
        return self.page.eval_on_selector_all("#text .focus", "els => els.map(e => e.textContent).join('')")

    def clean(self) -> None:
        assert not self.errors, self.errors
        assert not self.dialogs, self.dialogs
        assert not self.elsewhere, self.elsewhere


@pytest.fixture(scope="module")
def seeds_site(seeds_db):
    with serving(seeds_db) as base:
        yield base


@pytest.fixture
def tab(browser, seeds_site):
    watched = Watched(browser, seeds_site)
    yield watched
    watched.page.close()


pytestmark = [pytest.mark.model, pytest.mark.shared]


def test_every_page_loads_with_nothing_from_elsewhere(tab, shots):
    page = tab.visit("/")
    links = page.eval_on_selector_all("header nav a", "els => els.map(e => e.getAttribute('href'))")
    assert len(links) >= 8
    story = tab.api("/api/stories?order=biggest&limit=1")["items"][0]["story_id"]
    actor = tab.api("/api/speakers?limit=1")["items"][0]["actor_id"]
    event = tab.api("/api/events?type=ACCUSE&limit=1")["items"][0]
    extra = [f"/stories/{story}", f"/actors/{actor}", f"/events/{event['event_id']}",
             f"/articles/{event['article_id']}", "/statements?speaker=Georgini"]
    for number, path in enumerate(links + extra):
        page = tab.visit(path)
        assert page.locator("main h1").count() == 1, path
        name = path.strip("/").replace("/", "_").replace("?", "_").replace("=", "-") or "overview"
        page.screenshot(path=str(shots / f"{number:02d}-{name}.png"), full_page=True)
    tab.clean()


def test_story_to_event_to_highlighted_source_span(tab, shots):
    page = tab.visit("/stories")
    page.get_by_role("link", name="US Urges Negotiations", exact=False).first.click()
    page.wait_for_url("**/stories/**")
    first_event = page.locator("h2:has-text('Events, in date order') + ol.timeline a.type").first
    event_id = first_event.get_attribute("href").rsplit("/", 1)[1]
    first_event.click()
    page.wait_for_url(f"**/events/{event_id}")
    event = tab.api(f"/api/events/{event_id}")["event"]
    page.locator("a.src").first.click()
    page.wait_for_url(f"**/articles/{event['article_id']}#s-{event['start']}-{event['end']}")
    assert tab.focused_text() == event["text"]
    box = page.locator("#text .focus").first.bounding_box()
    assert box and 0 <= box["y"] <= 900, box  # scrolled into view
    page.screenshot(path=str(shots / "path-event-span.png"))
    # another record's link on the same page moves the highlight
    statement = tab.api(f"/api/statements?article={event['article_id']}&limit=1")["items"][0]
    page.locator(f"aside a[href='#s-{statement['start']}-{statement['end']}']").first.click()
    assert tab.focused_text(statement["start"]) == statement["text"]
    tab.clean()


def test_statement_search_then_source(tab):
    page = tab.visit("/statements")
    page.fill("input[name=speaker]", "Georgini")
    page.click("form.filters button")
    page.wait_for_url("**/statements?*speaker=Georgini*")
    speakers = page.locator("table.list tbody tr td:first-child a").all_inner_texts()
    assert speakers and set(speakers) == {"Alexandre Georgini"}
    expected = tab.api("/api/statements?speaker=Georgini&limit=1")["items"][0]
    page.locator("table.list a.src").first.click()
    page.wait_for_url("**#s-*")
    assert tab.focused_text() == expected["text"]
    tab.clean()


def test_charts_are_inline_svg_and_link_to_filtered_lists(tab):
    page = tab.visit("/")
    assert page.locator("svg.bars rect").count() > 0
    page.locator("svg.bars a").first.click()
    page.wait_for_url("**/events?type=*")
    assert page.locator("table.list tbody tr").count() >= 1
    page = tab.visit("/network?type=ACCUSE&type=REQUEST&type=CONSULT&type=REJECT")
    assert page.locator("svg.network path.edge").count() > 0
    assert page.locator("svg.network circle.node").count() > 1
    tab.clean()


def test_exports_download(tab):
    page = tab.visit("/events?type=ACCUSE")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("event_id,") and len(lines) - 1 >= page.locator("table.list tbody tr").count()
    tab.clean()


def test_hostile_article_runs_no_script(browser, tmp_path, shots):
    from test_web import build_hostile_db

    with serving(build_hostile_db(tmp_path / "hostile.duckdb")) as base:
        tab = Watched(browser, base)
        for path in ("/", "/stories/story1", "/statements", "/events", "/actors",
                     f"/articles/{'a1' * 8}", "/statements/st1"):
            tab.visit(path)
        page = tab.visit(f"/articles/{'a1' * 8}#s-0-57")
        assert "<script>alert(1)</script>" in page.inner_text("#text")
        assert page.title().startswith('<script>alert("title")</script>')
        assert tab.focused_text() == "Ministers of Norland and Southia met in Geneva on Monday."
        page.screenshot(path=str(shots / "hostile-article.png"))
        tab.clean()
        tab.page.close()
