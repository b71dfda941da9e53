"""Accessibility: axe-core (npm, installed by `make install` into .cache/axe/) runs in headless
Chromium on every page of the explorer — on the hand-made record (no model) and on the seed
articles (model) — and finds no violation of impact "serious" or "critical". Each page's
screenshot and the whole axe report (every impact) go to $DRAGOMAN_SCREENSHOTS (or a
temporary folder)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.web import test_browser, test_browser_explorer
from tests.web.test_browser import Watched, serving
from tests.web.test_explorer import NOR, SOU

AXE = Path(__file__).resolve().parents[2] / ".cache/axe/node_modules/axe-core/axe.min.js"
if not AXE.exists():
    pytest.skip(f"axe-core is not installed ({AXE} is missing): `make install` (its `browser` "
                "target) installs it with npm", allow_module_level=True)

browser = test_browser.browser  # the fixtures: one Chromium, the hand-made record's site
site = test_browser_explorer.site
BLOCKING = ("serious", "critical")
# every rule of WCAG 2.0/2.1/2.2 A and AA plus axe's best practices
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
RUN = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("DRAGOMAN_SCREENSHOTS") or tmp_path_factory.mktemp("a11y"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def hand_made_pages() -> list[str]:
    """Every page the explorer has, on the hand-made record."""
    return ["/", "/stories", "/stories/story1", "/actors", f"/actors/{NOR}", "/statements",
            "/statements?cue_class=any&min_confidence=0", "/statements/st1", "/events",
            "/events?historical=any&min_confidence=0&sort=-confidence", "/events/ev1",
            "/articles", f"/articles/{'a1' * 8}", "/duplicates", "/network",
            f"/dyad?a={NOR}&b={SOU}", "/outlets", f"/outlets?actor_id={NOR}", "/map",
            "/search", "/search?q=talks", "/search?q=blocked&scope=events",
            "/search?q=talks&scope=statements", "/apidocs"]


def audit(tab: Watched, path: str, shots: Path, prefix: str) -> list[dict]:
    """axe's violations on ``path`` (every impact), after a full-page screenshot."""
    page = tab.visit(path)
    name = path.strip("/").replace("/", "_").replace("?", "_").replace("&", "_") or "overview"
    page.screenshot(path=str(shots / f"{prefix}-{name[:80]}.png"), full_page=True)
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return [{"page": path, "rule": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [{"target": n["target"], "html": n["html"][:300],
                        "why": n.get("failureSummary")} for n in v["nodes"]][:10]}
            for v in page.evaluate(RUN, TAGS)["violations"]]


def check(browser, base: str, paths: list[str], shots: Path, prefix: str) -> None:
    tab = Watched(browser, base, bypass_csp=True)  # axe is injected as an inline script
    found = [v for path in paths for v in audit(tab, path, shots, prefix)]
    (shots / f"{prefix}-axe.json").write_text(json.dumps(found, indent=1), encoding="utf-8")
    blocking = [v for v in found if v["impact"] in BLOCKING]
    assert not blocking, json.dumps(blocking, indent=1)
    tab.clean()
    tab.page.close()


def test_every_page_of_the_hand_made_record_passes_axe(browser, site, shots):
    check(browser, site, hand_made_pages(), shots, "axe")


@pytest.mark.model
@pytest.mark.shared
def test_every_page_of_the_seed_articles_passes_axe(browser, seeds_db, shots):
    with serving(seeds_db) as base:
        probe = Watched(browser, base)
        story = probe.api("/api/stories?order=biggest&limit=1")["items"][0]["story_id"]
        actor = probe.api("/api/speakers?limit=1")["items"][0]["actor_id"]
        event = probe.api("/api/events?type=ACCUSE&limit=1")["items"][0]
        statement = probe.api("/api/statements?kind=direct&limit=1")["items"][0]["statement_id"]
        pair = probe.api("/api/dyads?limit=1")["items"][0]
        probe.page.close()
        paths = ["/", "/stories", f"/stories/{story}", "/actors", f"/actors/{actor}",
                 "/statements", f"/statements/{statement}", "/events",
                 f"/events/{event['event_id']}", "/articles", f"/articles/{event['article_id']}",
                 "/duplicates", "/network", "/network?type=ACCUSE&type=REQUEST&type=REJECT",
                 f"/dyad?a={pair['source_actor_id']}&b={pair['target_actor_id']}", "/outlets",
                 "/map", "/search?q=ceasefire", "/search?q=talks&scope=events"]
        check(browser, base, paths, shots, "axe-seeds")
