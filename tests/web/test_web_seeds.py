"""The explorer on the five seed articles (real model): every page and endpoint answers for
every record, and every record's span is exactly the text it claims."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from dragoman.web import create_app

pytestmark = [pytest.mark.model, pytest.mark.shared]
LOCAL = "http://127.0.0.1"  # the explorer answers loopback Host names only


@pytest.fixture(scope="module")
def client(seeds_db):
    with TestClient(create_app(seeds_db), base_url=LOCAL) as test_client:
        yield test_client


def items(client, path: str) -> list[dict]:
    return client.get(path + ("&" if "?" in path else "?") + "limit=500").json()["items"]


def test_every_record_page_renders(client):
    ids = {"stories": "story_id", "actors": "actor_id", "events": "event_id",
           "statements": "statement_id", "articles": "article_id"}
    for name, key in ids.items():
        rows = items(client, f"/api/{name}")
        assert rows, name
        for row in rows:
            for path in (f"/{name}/{row[key]}", f"/api/{name}/{row[key]}"):
                response = client.get(path)
                assert response.status_code == 200, (path, response.text[:300])


def test_every_span_is_the_text_it_claims(client):
    texts = {a["article_id"]: client.get(f"/api/articles/{a['article_id']}").json()["article"]["text"]
             for a in items(client, "/api/articles")}
    records = items(client, "/api/events") + items(client, "/api/statements")
    assert len(records) > 50
    for record in records:
        assert texts[record["article_id"]][record["start"]:record["end"]] == record["text"]


def test_story_to_event_to_source_span(client):
    story = next(s for s in items(client, "/api/stories") if s["title"].startswith("US Urges"))
    page = client.get(f"/stories/{story['story_id']}").text
    timeline = client.get(f"/api/stories/{story['story_id']}").json()["timeline"]
    event = next(e for e in timeline if e["type"] == "ACCUSE")
    assert f'href="/events/{event["event_id"]}"' in page
    event_page = client.get(f"/events/{event['event_id']}").text
    link = f'/articles/{event["article_id"]}#s-{event["start"]}-{event["end"]}'
    assert f'href="{link}"' in event_page
    article = client.get(f"/articles/{event['article_id']}").text
    assert f'id="s-{event["start"]}-{event["end"]}"' in article


def test_speaker_search_and_actor_page(client):
    said = items(client, "/api/statements?speaker=Georgini")
    assert said and {s["speaker"] for s in said} == {"Alexandre Georgini"}
    actor_id = said[0]["speaker_actor_id"]
    actor = client.get(f"/api/actors/{actor_id}").json()
    assert "Giorgini" in " ".join(m["alias"] for m in actor["merges"])
    assert {s["statement_id"] for s in actor["statements_by"]} <= {s["statement_id"] for s in said}
    assert "Alexandre Georgini" in client.get(f"/actors/{actor_id}").text


def test_reused_passage_links_both_articles(client):
    wire = next(a for a in items(client, "/api/articles") if a["origin"].endswith("004_4b1836719a93a9a3.txt"))
    reuse = client.get(f"/api/articles/{wire['article_id']}").json()["reuse"]
    other = next(r for r in reuse if r["origin"].endswith("003_e1f709a579772180.txt"))
    page = client.get(f"/articles/{wire['article_id']}").text
    passage = other["passages"][0]
    assert f'/articles/{other["article_id"]}#s-{passage["there_start"]}-{passage["there_end"]}' in page
    assert "Alloush" in " ".join(p["text"] for p in other["passages"])


def test_overview_and_charts(client):
    data = client.get("/api/overview").json()
    assert data["counts"]["articles"] == 5 and data["counts"]["events"] > 0
    page = client.get("/").text
    assert '<svg class="bars"' in page
    over = client.get("/api/events/over-time").json()
    counted = sum(r["events"] for r in over["rows"]) + over["undated"] + over["outside"]
    shown = client.get("/api/events?limit=500").json()["items"]  # the default record
    assert counted == len(shown) <= data["counts"]["events"]


def test_demo_ends_with_the_explorer_when_asked(tmp_path, monkeypatch, shared_model):
    import csv

    from click.testing import CliRunner

    import dragoman.cli.ingest
    from dragoman.demo import CSV_NAME

    cache = tmp_path / "cache"
    cache.mkdir()
    with open(cache / CSV_NAME, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["article_id", "publish_date", "title", "text"])
        writer.writerow(["1", "2017/2/7", "Syria talks", "France accused Russia of blocking the "
                         "resolution on Syria, the French envoy said on Tuesday."])
    monkeypatch.setenv("DRAGOMAN_CACHE_DIR", str(cache))
    served = []
    monkeypatch.setattr(dragoman.cli.ingest, "run_explorer", lambda db, **kw: served.append((db, kw)))
    db = str(tmp_path / "demo.duckdb")
    result = CliRunner().invoke(dragoman.cli.cli, ["demo", "--db", db, "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert served == []  # not a terminal: the summary only
    result = CliRunner().invoke(dragoman.cli.cli, ["demo", "--db", db, "--serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert served == [(db, {"port": 8123})]


def test_ingest_endpoint_with_the_token(tmp_path, nlp):
    from test_web import build_hostile_db

    db = build_hostile_db(tmp_path / "writable.duckdb")
    app = create_app(db, allow_writes=True, token="s3cret", nlp=nlp)
    article = {"title": "Talks resume", "published": "2017-03-02",
               "text": "France accused Russia of blocking the resolution, the French envoy said."}
    with TestClient(app, base_url=LOCAL) as c:
        before = c.get("/api/overview").json()["counts"]["articles"]
        answer = c.post("/api/ingest", json={"articles": [article]},
                        headers={"Authorization": "Bearer s3cret"})
        assert answer.status_code == 200, answer.text
        assert answer.json()["articles"] == 1 and answer.json()["events"] >= 1
        assert c.get("/api/overview").json()["counts"]["articles"] == before + 1
        found = items(c, "/api/articles?q=blocking%20the%20resolution")
        assert [a["title"] for a in found] == ["Talks resume"]
        again = c.post("/api/ingest", json={"articles": [article]},
                       headers={"Authorization": "Bearer s3cret"}).json()
        assert again["new_records"] == 0  # idempotent, like `dragoman ingest`


def test_overview_follows_ingests_through_the_api(tmp_path, nlp):
    from test_web import build_hostile_db

    app = create_app(build_hostile_db(tmp_path / "w.duckdb"), allow_writes=True, token="t", nlp=nlp)
    with TestClient(app, base_url=LOCAL) as c:
        before = c.get("/api/overview").json()["counts"]["articles"]
        assert c.get("/").status_code == 200
        c.post("/api/ingest", headers={"Authorization": "Bearer t"}, json={"articles": [
            {"text": "Norland accused Southia of shelling the border town, officials said."}]})
        assert c.get("/api/overview").json()["counts"]["articles"] == before + 1


def test_a_statement_page_lists_every_report_and_their_source_groups(client):
    """003 and 004 carry the same Reuters quote of Alloush: one statement reported twice, one
    independent source; its page lists both reports, each linked to its span."""
    shared = []
    for row in items(client, "/api/statements"):
        data = client.get(f"/api/statements/{row['statement_id']}").json()
        if len(data["reports"]) > 1:
            shared.append(data)
    assert shared, "no statement of the seeds is reported by two articles"
    data = next((d for d in shared if "Alloush" in (d["statement"]["speaker"] or "")), shared[0])
    assert {r["article_id"] for r in data["reports"]} == {a for g in data["sources"]["groups"]
                                                          for a in g}
    assert data["sources"]["independent"] == 1
    page = client.get(f"/statements/{data['statement']['statement_id']}").text
    assert "Reports of this statement (2)" in page
    for report in data["reports"]:
        assert f"/articles/{report['article_id']}#" in page


def test_an_event_from_a_quote_links_the_statement_that_claims_it(client):
    claimed = [e for e in items(client, "/api/events") if e.get("quoted_in")]
    assert claimed
    page = client.get(f"/events/{claimed[0]['event_id']}").text
    assert f'href="/statements/{claimed[0]["quoted_in"]}"' in page
    assert client.get(f"/statements/{claimed[0]['quoted_in']}").status_code == 200
