"""The explorer (dragoman.web) on a small hand-made record, hostile text included: pages and
JSON endpoints, span highlighting, pagination, exports, validation, escaping, read-only-ness.
No model and no ../shared needed."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dragoman.errors import DragomanError
from dragoman.model import Actor, Article, Event, EventMention, Mention, Reuse, Statement, Story
from dragoman.pipeline import Batch
from dragoman.store import Store, reads
from dragoman.store.reads import EventFilter
from dragoman.web import charts, citations, create_app, highlight

HOSTILE_TITLE = '<script>alert("title")</script> Talks & "quotes"'
TEXT = ('Ministers of Norland and Southia met in Geneva on Monday.\n\n'
        '"<script>alert(1)</script> We refuse every delay," said <img src=x onerror=alert(2)>, '
        'the envoy.\n\nNorland accused Southia of <b onmouseover=alert(3)>blocking</b> the talks. '
        'Southia asked Norland to return to the table.\n')
OTHER = ('A wire story. Norland accused Southia of <b onmouseover=alert(3)>blocking</b> the talks. '
         'Nothing else happened.\n')
SPEAKER = "<script>alert('speaker')</script>"
LOCAL = "http://127.0.0.1"  # the explorer answers loopback Host names only


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def actor(actor_id: str, name: str, **kw) -> Actor:
    return Actor(actor_id, name, kw.pop("type", "country"), aliases=(name,), mentions=2, **kw)


def hostile_batch() -> Batch:
    """Three articles (one a copy, one sharing a passage), actors with merges, a statement
    whose speaker is a script tag, two events, a story."""
    a1, a2, a3 = "a1" * 8, "a2" * 8, "a3" * 8
    articles = (
        Article(a1, "/in/one.txt", TEXT, "h1", "s1", title=HOSTILE_TITLE, published="2017-02-07",
                outlet="Example <i>Wire</i>", url="javascript:alert(5)", language="en"),
        Article(a2, "/in/copy.txt", TEXT, "h1", "s2", title="A copy", published="2017-02-08",
                duplicate_of=a1, language="en"),
        Article(a3, "/in/three.txt", OTHER, "h3", "s3", title="Wire", published="2017-03-01",
                language="en"),
    )
    q_start, q_end = span(TEXT, "<script>alert(1)</script> We refuse every delay,")
    e1 = span(TEXT, "Norland accused Southia of <b onmouseover=alert(3)>blocking</b> the talks.")
    e2 = span(TEXT, "Southia asked Norland to return to the table.")
    e3 = span(OTHER, "Norland accused Southia of <b onmouseover=alert(3)>blocking</b> the talks.")
    nor, sou, evil = "act_000000000001", "act_000000000002", "act_000000000003"
    mentions = tuple(Mention(a1, s, s + len(w), w, "GPE", nor if w == "Norland" else sou)
                     for w in ("Norland", "Southia") for s in _all(TEXT, w))
    event = dict(source="Norland", source_actor_id=nor, source_country="NOR", target="Southia",
                 target_actor_id=sou, target_country="SOU", date="2017-02-06")
    events = (
        Event("ev1", a1, "ACCUSE", TEXT[e1[0]:e1[1]], *e1, trigger="accused", **event),
        Event("ev2", a1, "REQUEST", TEXT[e2[0]:e2[1]], *e2, trigger="asked", negated=True,
              **{**event, "source": "Southia", "source_actor_id": sou, "target": "Norland",
                 "target_actor_id": nor, "date": "2017-02-07"}),
        Event("ev3", a3, "ACCUSE", OTHER[e3[0]:e3[1]], *e3, trigger="accused",
              **{**event, "date": None}),
    )
    m1 = span(TEXT, '"<script>alert(1)</script> We refuse every delay," said '
                    '<img src=x onerror=alert(2)>, the envoy.')
    event_mentions = (EventMention("ev1", a1, *m1, TEXT[m1[0]:m1[1]], "<i>refuse</i>"),)
    statements = (Statement("st1", a1, "direct", TEXT[q_start:q_end], q_start, q_end,
                            TEXT[q_start - 1:TEXT.index("envoy.") + 6], cue="say",
                            speaker_mention=SPEAKER, speaker=SPEAKER, speaker_actor_id=evil),)
    passage = {"a_start": e1[0], "a_end": e1[1], "b_start": e3[0], "b_end": e3[1], "words": 9,
               "text": TEXT[e1[0]:e1[1]]}
    return Batch(
        articles=articles, mentions=mentions, statements=statements, events=events,
        event_mentions=event_mentions,
        actors=(actor(nor, "Norland", merged=("act_00000000000a\tNorlandia\tsame name",)),
                actor(sou, "Southia"), actor(evil, SPEAKER, type="person")),
        stories=(Story("story1", HOSTILE_TITLE, (a1, a3), "2017-02-07", "2017-03-01",
                       "Ministers of Norland and Southia met in Geneva on Monday. An unsourced "
                       "sentence here.", ("2017-02-06 ACCUSE: Norland → Southia",)),),
        reuse=(Reuse(a1, a2, "near-duplicate", 0.97), Reuse(a1, a3, "passage", 0.4, (passage,))),
    )


def _all(text: str, word: str) -> list[int]:
    found, start = [], text.find(word)
    while start >= 0:
        found.append(start)
        start = text.find(word, start + 1)
    return found


def build_hostile_db(path: Path) -> str:
    with Store(str(path)) as store:
        store.write_batch(hostile_batch())
    return str(path)


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> str:
    return build_hostile_db(tmp_path_factory.mktemp("web") / "hostile.duckdb")


@pytest.fixture(scope="module")
def client(hostile_db):
    with TestClient(create_app(hostile_db), base_url=LOCAL) as test_client:
        yield test_client


PAGES = ["/", "/stories", "/stories/story1", "/actors", "/actors/act_000000000001",
         "/actors/act_000000000003", "/statements", "/statements/st1", "/events", "/events/ev1",
         "/events?source_id=act_000000000001&target_id=act_000000000002", "/articles",
         f"/articles/{'a1' * 8}", f"/articles/{'a2' * 8}", f"/articles/{'a3' * 8}",
         "/duplicates", "/network", "/network?type=ACCUSE&type=REQUEST", "/apidocs",
         "/search?q=script+alert", "/search?q=script&scope=statements", "/search?q=block&scope=events",
         "/dyad?a=act_000000000001&b=act_000000000002", "/dyad?a=act_000000000003&b=Norland",
         "/events?historical=any&min_confidence=0&sort=-confidence", "/statements?cue_class=any"]
API = ["/api/overview", "/api/stories", "/api/stories/story1", "/api/actors",
       "/api/actors/act_000000000001", "/api/statements", "/api/statements/st1", "/api/events",
       "/api/events/ev1", "/api/events/over-time", "/api/articles", f"/api/articles/{'a1' * 8}",
       "/api/duplicates", "/api/dyads", "/api/speakers", "/api/network", "/api/openapi.json",
       "/api/search?q=talks", "/api/dyad?a=Norland&b=Southia", "/api/events/facets",
       "/api/statements/facets?cue_class=any"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_and_escapes_article_text(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    body = response.text
    for raw in ("<script>alert", "<img src=x", "<b onmouseover", "<i>Wire</i>",
                'href="javascript:'):
        assert raw not in body, f"{raw!r} unescaped on {path}"
    assert "default-src 'none'" in response.headers["content-security-policy"]
    # the only scripts are our own file
    assert body.count("<script") == body.count('<script src="/static/explorer.js" defer>')


def test_hostile_text_is_shown_as_text(client):
    article = client.get(f"/articles/{'a1' * 8}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=alert(2)&gt;" in article
    statement = client.get("/statements?speaker=script").text
    assert "&lt;script&gt;alert(&#39;speaker&#39;)&lt;/script&gt;" in statement
    story = client.get("/stories/story1").text
    assert "<title>&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; Talks &amp; &#34;quotes&#34;" in story


@pytest.mark.parametrize("path", API)
def test_every_endpoint_answers_json(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"] == "application/json"
    assert response.json()


def test_article_spans_are_exact_and_linkable(client):
    data = client.get(f"/api/articles/{'a1' * 8}").json()
    text = data["article"]["text"]
    assert {s["statement_id"] for s in data["statements"]} == {"st1"}
    assert {e["event_id"] for e in data["events"]} == {"ev1", "ev2"}
    for record in data["statements"] + data["events"] + data["mentions"]:
        assert text[record["start"]:record["end"]] == record["text"]
    page = client.get(f"/articles/{'a1' * 8}").text
    event = data["events"][0]
    assert f'id="s-{event["start"]}-{event["end"]}"' in page
    assert [c["article_id"] for c in data["copies"]] == ["a2" * 8]
    assert [r["article_id"] for r in data["reuse"]] == ["a2" * 8, "a3" * 8]
    shared = data["reuse"][1]["passages"][0]
    assert f'/articles/{"a3" * 8}#s-{shared["there_start"]}-{shared["there_end"]}' in page


def test_every_record_links_to_its_source_span(client):
    for path in ("/events", "/statements", "/stories/story1", "/actors/act_000000000001"):
        page = client.get(path).text
        assert f"/articles/{'a1' * 8}#s-" in page, path
    event = client.get("/api/events/ev1").json()["event"]
    assert f'href="/articles/{"a1" * 8}#s-{event["start"]}-{event["end"]}"' in client.get("/events/ev1").text


def test_an_event_page_lists_the_later_sentences_that_report_it(client):
    data = client.get("/api/events/ev1").json()
    [mention] = data["mentions"]
    start, end = mention["start"], mention["end"]
    assert mention["text"] == TEXT[start:end] and mention["type"] == "ACCUSE"
    assert client.get("/api/events/ev2").json()["mentions"] == []
    page = client.get("/events/ev1").text
    assert "2 sentence(s) of its article report it" in page
    assert f'href="/articles/{"a1" * 8}#s-{start}-{end}"' in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page and "&lt;i&gt;refuse&lt;/i&gt;" in page
    assert f'id="s-{start}-{end}"' in client.get(f"/articles/{'a1' * 8}").text


def test_story_summary_cites_the_spans_it_comes_from(client):
    story = client.get("/api/stories/story1").json()
    texts = {a: client.get(f"/api/articles/{a}").json()["article"]["text"] for a in ("a1" * 8, "a3" * 8)}
    lead = "Ministers of Norland and Southia met in Geneva on Monday."
    assert story["summary"][0]["text"] == lead
    assert story["summary"][0]["cites"][0] == {"article_id": "a1" * 8, "start": 0, "end": len(lead),
                                               "n": 1}
    for sentence in story["summary"]:
        for cite in sentence["cites"]:
            if cite["start"] is not None:
                assert texts[cite["article_id"]][cite["start"]:cite["end"]] == sentence["text"].rstrip("…")
    assert [e["event_id"] for e in story["timeline"]] == ["ev1", "ev2", "ev3"]
    page = client.get("/stories/story1").text
    assert f'href="/articles/{"a1" * 8}#s-0-{len(lead)}"' in page


def test_actor_page_has_statements_events_merges_and_charts(client):
    data = client.get("/api/actors/act_000000000001").json()
    assert [m["alias"] for m in data["merges"]] == ["Norlandia"]
    assert [e["event_id"] for e in data["events_as_source"]] == ["ev1", "ev3"]
    assert [e["event_id"] for e in data["events_as_target"]] == ["ev2"]
    page = client.get("/actors/act_000000000001").text
    assert page.count('<svg class="bars"') == 1 and '<svg class="network"' in page
    redirect = client.get("/actors/act_00000000000a", follow_redirects=False)
    assert redirect.status_code == 307 and redirect.headers["location"] == "/actors/act_000000000001"


def test_filters(client):
    ids = lambda path: [r.get("event_id") or r.get("statement_id")  # noqa: E731
                        for r in client.get(path).json()["items"]]
    assert ids("/api/events?type=accuse") == ["ev1", "ev3"]
    assert ids("/api/events?negated=true") == ["ev2"]
    assert ids("/api/events?negated=false&since=2017-02-06&until=2017-02-06") == ["ev1"]
    assert ids("/api/events?source_id=act_000000000002&target_id=act_000000000001") == ["ev2"]
    assert ids("/api/events?country=sou&article=" + "a3" * 8) == ["ev3"]
    assert ids("/api/events?story=story1&type=REQUEST") == ["ev2"]
    assert ids("/api/statements?about=Norland") == []
    assert ids("/api/statements?speaker_id=act_000000000003&kind=direct") == ["st1"]
    assert ids("/api/statements?text=refuse&since=2017-02-01&until=2017-02-28") == ["st1"]
    assert ids("/api/statements?until=2017-01-01") == []
    originals = client.get("/api/articles?duplicates=false").json()["items"]
    assert [a["article_id"] for a in originals] == ["a3" * 8, "a1" * 8]


def test_strings_never_become_sql(client):
    for value in ("' OR 1=1 --", "%", "\\", '"; DROP TABLE events; --'):
        assert client.get("/api/events", params={"actor": value}).json()["items"] == []
        assert client.get("/api/statements", params={"speaker": value}).json()["items"] == []
    assert len(client.get("/api/events").json()["items"]) == 3


def test_pagination(client):
    first = client.get("/api/events?limit=2").json()
    assert len(first["items"]) == 2 and first["next_offset"] == 2
    last = client.get("/api/events?limit=2&offset=2").json()
    assert [e["event_id"] for e in last["items"]] == ["ev3"] and last["next_offset"] is None
    page = client.get("/events?limit=2").text
    assert 'rel="next" href="?limit=2&amp;offset=2"' in page
    for bad in ("limit=0", "limit=501", "offset=-1", "since=2017-13-45", "negated=maybe",
                "type=ACC%20USE", "country=RUSSIA"):
        assert client.get(f"/api/events?{bad}").status_code == 422, bad
        assert client.get(f"/events?{bad}").status_code == 422, bad


def test_exports_stream_every_matching_row(client, monkeypatch):
    from dragoman.web import export

    monkeypatch.setattr(export, "CHUNK", 2)  # several pages
    api = client.get("/api/events?limit=500").json()["items"]
    response = client.get("/api/events/export?format=csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="events.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["event_id"] for r in rows] == [e["event_id"] for e in api]
    assert rows[0]["text"] == api[0]["text"]
    lines = client.get("/api/statements/export?format=jsonl&speaker=script").text.splitlines()
    assert [json.loads(line)["speaker"] for line in lines] == [SPEAKER]
    assert client.get("/api/events/export?format=csv&type=AGREE").text == ""
    assert client.get("/api/events/export?format=xml").status_code == 422
    for name in ("actors", "stories", "articles", "duplicates", "dyads", "speakers"):
        assert client.get(f"/api/{name}/export?format=jsonl").status_code == 200, name


def test_path_parameters_are_validated(client):
    assert client.get("/api/events/nope").status_code == 404
    assert client.get("/api/events/nope").json()["hint"]
    assert client.get("/events/nope").status_code == 404
    for bad in ("a%20b", "%3Cscript%3E", "x" * 101, "a'b"):
        assert client.get(f"/api/articles/{bad}").status_code == 422, bad
        assert client.get(f"/articles/{bad}").status_code == 422, bad


def test_no_writing_without_the_flag_and_a_token(hostile_db, client):
    assert client.post("/api/ingest", json={"articles": [{"text": "x"}]}).status_code == 404
    assert "/api/ingest" not in client.get("/api/openapi.json").json()["paths"]
    with pytest.raises(DragomanError, match="token"):
        create_app(hostile_db, allow_writes=True)
    with client.app.state.pool.borrow() as store, pytest.raises(Exception, match="read-only"):
        store.con.execute("DELETE FROM events")


def test_writing_needs_the_token(tmp_path):
    db = build_hostile_db(tmp_path / "w.duckdb")

    class Refuse:  # the model must not be loaded when the token is wrong
        def __getattr__(self, name):
            raise AssertionError("model used")

    with TestClient(create_app(db, allow_writes=True, token="s3cret", nlp=Refuse()),
                    base_url=LOCAL) as c:
        body = {"articles": [{"text": "Norland accused Southia of lying."}]}
        assert c.post("/api/ingest", json=body).status_code == 401
        assert c.post("/api/ingest", json=body, headers={"Authorization": "Bearer nope"}).status_code == 401
        assert c.post("/api/ingest", json={"articles": []},
                      headers={"Authorization": "Bearer s3cret"}).status_code == 422
        assert "/api/ingest" in c.get("/api/openapi.json").json()["paths"]


def test_only_loopback_host_names_are_answered(client):
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"host": "testserver"}).status_code == 400
    assert client.get("/", headers={"host": "127.0.0.1:8000"}).status_code == 200


def test_no_nlp_model_is_loaded_to_read(hostile_db):
    code = ("import sys; from fastapi.testclient import TestClient; "
            "from dragoman.web import create_app; "
            "c = TestClient(create_app(sys.argv[1]), base_url='http://127.0.0.1'); "
            "assert c.get('/').status_code == c.get('/api/events').status_code == 200; "
            "loaded = [m for m in ('spacy', 'torch', 'sentence_transformers') if m in sys.modules]; "
            "assert not loaded, loaded")
    result = subprocess.run([sys.executable, "-c", code, hostile_db], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]


def test_missing_database_says_what_to_do(tmp_path):
    with pytest.raises(DragomanError, match="dragoman ingest"):
        create_app(tmp_path / "none.duckdb")


# --- the pieces ---------------------------------------------------------------------------

def test_segments_cover_the_text_and_nest_overlapping_spans():
    text = "abcdefghij"
    spans = [highlight.Span(1, 6, "statement", "s"), highlight.Span(4, 9, "event", "e"),
             highlight.Span(2, 3, "mention", "m"), highlight.Span(8, 40, "reuse", "clipped")]
    segments = highlight.segments(text, spans)
    assert "".join(s.text for s in segments) == text
    assert [(s.start, s.end, s.kinds) for s in segments] == [
        (0, 1, []), (1, 2, ["statement"]), (2, 3, ["mention", "statement"]), (3, 4, ["statement"]),
        (4, 6, ["event", "statement"]), (6, 8, ["event"]), (8, 9, ["event", "reuse"]),
        (9, 10, ["reuse"])]
    assert [s.anchors for s in segments if s.anchors] == [["s-1-6"], ["s-2-3"], ["s-4-9"], ["s-8-10"]]
    inside = "".join(s.text for s in segments if s.start >= 4 and s.end <= 9)
    assert inside == text[4:9]


def test_bar_chart_fills_gaps_and_stacks_types():
    over_time = {"period": "month", "undated": 2, "rows": [
        {"period": "2017-01", "type": "ACCUSE", "events": 3},
        {"period": "2017-01", "type": "REQUEST", "events": 1},
        {"period": "2017-03", "type": "ACCUSE", "events": 2}]}
    chart = charts.stacked_bars(over_time, "/events?")
    assert [label.text for label in chart.xlabels] == ["2017-01", "2017-02", "2017-03"]
    assert len(chart.rects) == 3 and chart.undated == 2
    assert chart.legend[0] == ("ACCUSE", charts.colour("ACCUSE"), 5)
    assert {r.href for r in chart.rects} == {"/events?type=ACCUSE", "/events?type=REQUEST"}
    january = [r for r in chart.rects if r.title.startswith("2017-01")]
    assert january[0].y + january[0].h == pytest.approx(january[1].y + january[1].h + january[0].h, abs=0.2)
    assert charts.periods("week", ["2016-W52", "2017-W02"]) == ["2016-W52", "2017-W01", "2017-W02"]
    assert charts.stacked_bars({"period": "day", "rows": [], "undated": 0}).empty


def test_network_draws_both_directions_apart():
    rows = [{"source_actor_id": "a", "source": "A", "target_actor_id": "b", "target": "B",
             "type": "ACCUSE", "events": 2},
            {"source_actor_id": "b", "source": "B", "target_actor_id": "a", "target": "A",
             "type": "ACCUSE", "events": 1}]
    net = charts.network(rows)
    assert {n.name for n in net.nodes} == {"A", "B"}
    forward, back = net.edges
    assert forward.path != back.path and forward.width > back.width
    assert "source_id=a&target_id=b&type=ACCUSE" in forward.href


def test_network_labels_the_busiest_actors_and_never_overlaps_two_labels():
    hub = "The Office of the United Nations Special Envoy for Syria"
    rows = [{"source_actor_id": "hub", "source": hub, "target_actor_id": f"a{i}",
             "target": f"Actor number {i} with a long name", "type": "ACCUSE", "events": 60 - i}
            for i in range(60)]
    net = charts.network(rows, height=600)
    named = [n for n in net.nodes if n.label]
    assert net.nodes[0].label == "The Office of the…"  # whole words only
    assert charts.short_label("Supercalifragilisticexpialidocious") == ""
    assert 5 <= len(named) < len(net.nodes) and len(named) <= charts.LABELS_AT_MOST
    boxes = [charts.label_box(n, n.label) for n in named]
    assert not any(charts.overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    # busiest first: an unlabelled actor never has more events than every labelled one
    assert max(n.events for n in net.nodes if not n.label) <= max(n.events for n in named)


def test_citations_from_a_stored_summary_and_timeline():
    texts = {"x": "One sentence here [sic]. Another one, longer than twenty characters.",
             "y": "Intro. Another one, longer than twenty characters. More."}
    stored = "Another one, longer than twenty characters. [x, y] Not there at all [sic]. [y]"
    assert citations.parse(stored, set(texts)) == [
        ("Another one, longer than twenty characters.", ["x", "y"]),
        ("Not there at all [sic].", ["y"])]
    first, second = citations.summary(stored, texts)
    assert first["cites"] == [{"article_id": "x", "start": 25, "end": 68},
                              {"article_id": "y", "start": 7, "end": 50}]
    assert second["cites"] == [{"article_id": "y", "start": None, "end": None}]
    uncited = citations.summary("Another one, longer than twenty characters. Nowhere else.", texts)
    assert [len(s["cites"]) for s in uncited] == [2, 0]
    dated = citations.timeline(["2017-02-06: Another one, longer than twenty characters. [y]",
                                "2017-02-06: Not there at all. [x]", "not a dated line"], texts)
    assert [d["date"] for d in dated] == ["2017-02-06"]
    assert [(s["article_id"], s["start"]) for s in dated[0]["sentences"]] == [("y", 7), ("x", None)]
    assert citations.summary(None, texts) == [] and citations.timeline(None, texts) == []


def test_story_live_summary_and_timeline(client):
    live = client.get("/api/stories/story1?live=true").json()
    assert live["summary"] and all(c["article_id"] for s in live["summary"] for c in s["cites"])
    assert client.get("/stories/story1?live=true").status_code == 200


def test_web_queries(hostile_db):
    with Store(hostile_db, read_only=True) as store:
        assert reads.canonical_actor(store, "act_00000000000a") == "act_000000000001"
        assert reads.canonical_actor(store, "act_unknown") is None
        over = reads.events_over_time(store, EventFilter(actor_id="act_000000000001"))
        assert over["period"] == "day" and over["undated"] == 1
        assert [(r["period"], r["type"]) for r in over["rows"]] == [("2017-02-06", "ACCUSE"),
                                                                  ("2017-02-07", "REQUEST")]
        assert reads.events_over_time(store, period="year")["rows"][0]["period"] == "2017"
        wide = reads.events_over_time(store, EventFilter(since="2017-01-01"))
        assert (wide["from"], wide["to"], wide["outside"]) == ("2017-02-06", "2017-02-07", 0)
        with pytest.raises(ValueError):
            reads.events_over_time(store, period="decade")
        assert [(d["source"], d["target"], d["events"]) for d in reads.dyads(store)] == [
            ("Norland", "Southia", 2), ("Southia", "Norland", 1)]
        assert reads.dyads(store, types=["REQUEST"])[0]["source"] == "Southia"
        assert [r["type"] for r in reads.actor_network(store, ["ACCUSE"])] == ["ACCUSE"]
        assert reads.outlets(store) == [{"outlet": "Example <i>Wire</i>", "articles": 1},
                                          {"outlet": "unknown", "articles": 1}]
        assert [s["story_id"] for s in reads.stories(store, "biggest")] == ["story1"]
        assert len(reads.articles_in_story(store, "story1")) == 3
        assert reads.get_story(store, "nope") is None


def test_latency_bench_runs_on_a_small_record(hostile_db, capsys):
    from bench import web

    assert web.main(["--db", hostile_db, "--requests", "2", "--clients", "2", "--rounds", "1",
                     "--no-write"]) == 0
    printed = capsys.readouterr().out
    assert "| `/articles/{id}` |" in printed and "Mixed load, 2 clients" in printed
    assert web.percentile([1, 2, 3, 4, 100], 0.95) == 100


def test_serve_command_refuses_what_cannot_work(hostile_db, tmp_path):
    import socket

    from click.testing import CliRunner

    from dragoman.cli import cli

    run = lambda *args: CliRunner().invoke(cli, ["serve", *args])  # noqa: E731
    result = run("--db", hostile_db, "--allow-writes")
    assert result.exit_code == 2 and "--allow-writes needs --token" in result.output
    result = run("--db", hostile_db, "--token", "x")
    assert result.exit_code == 2 and "only used with --allow-writes" in result.output
    result = run("--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 1 and "dragoman ingest" in result.output
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("--db", hostile_db, "--port", str(port))
    assert result.exit_code == 1 and f"--port {port + 1}" in result.output


def test_optional_columns_of_later_stages(tmp_path):
    """A database written before events had ``historical`` (and before schema versions): it
    is migrated on opening, and the filter answers."""
    import duckdb

    db = build_hostile_db(tmp_path / "old.duckdb")
    with duckdb.connect(db) as con:
        con.execute("ALTER TABLE events DROP COLUMN historical")
        con.execute("DROP TABLE schema_version")
    with TestClient(create_app(db), base_url=LOCAL) as c:
        assert len(c.get("/api/events?historical=false").json()["items"]) == 3
        assert c.get("/api/events?historical=true").json()["items"] == []
        assert c.get("/events?historical=true").status_code == 200
