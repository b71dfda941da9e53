"""One filter, the same rows on every surface: a table of filters runs through the Python
library (``store.reads``), the CLI (``--format json``), the JSON API, the HTML page and the
JSONL export of one small hand-made record, and every surface must give the same ids in the
same order. The cases include the divergences of issue 16 (an actor by its canonical name,
``--about``, ``%`` and ``_`` matched literally)."""
from __future__ import annotations

import json
import re
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from dragoman.cli import cli
from dragoman.model import Actor, Article, Event, Statement
from dragoman.pipeline import Batch
from dragoman.store import Store, reads
from dragoman.store.reads import ActorFilter, ArticleFilter, EventFilter, StatementFilter
from dragoman.web import create_app, params

T1 = "Lavrov said: we support the ceasefire. Moscow accused Syria of delay."
T2 = "Damascus rejected Russia. It is 100%_sure, an official said, a 100% chance. Lavrov could ask."
T4 = "In 1990 Syria attacked Lebanon. Someone told a tale. Russia perhaps met Syria."


def _article(aid: str, text: str, published: str, **kw) -> Article:
    return Article(article_id=aid, origin=f"{aid}.txt", text=text, content_hash="c-" + aid,
                   source_hash="s-" + aid, published=published, **kw)


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _statement(sid: str, aid: str, text: str, part: str, kind: str, **kw) -> Statement:
    start, end = _span(text, part)
    return Statement(sid, aid, kind, part, start, end, part, **kw)


def _event(eid: str, aid: str, text: str, part: str, type_: str, **kw) -> Event:
    start, end = _span(text, part)
    return Event(eid, aid, type_, part, start, end, **kw)


def _batch() -> Batch:
    return Batch(
        articles=(_article("art-1", T1, "2017-02-01", title="Ceasefire talks"),
                  _article("art-2", T2, "2017-03-01", title="Rejected"),
                  _article("art-3", T1, "2017-02-02", title="Ceasefire talks (copy)",
                           duplicate_of="art-1"),
                  _article("art-4", T4, "2017-01-10", title="Background")),
        actors=(Actor("act-ru", "Russia", "country", "RUS", aliases=("Russian Federation", "Moscow"),
                      mentions=3),
                Actor("act-sy", "Syria", "country", "SYR", aliases=("Damascus",), mentions=2),
                Actor("act-l", "Sergei Lavrov", "person", "RUS", aliases=("Lavrov",), mentions=1)),
        statements=(
            _statement("st-1", "art-1", T1, "we support the ceasefire", "direct", cue="say",
                       speaker="Sergei Lavrov", speaker_actor_id="act-l", speaker_mention="Lavrov",
                       cue_class="speech"),
            _statement("st-2", "art-2", T2, "It is 100%_sure", "indirect", cue="think",
                       speaker="Syria", speaker_actor_id="act-sy", speaker_mention="Damascus",
                       about="Russia", cue_class="thought"),
            _statement("st-3", "art-2", T2, "a 100% chance", "indirect", cue="say",
                       speaker_mention="an official", cue_class="speech", confidence=0.8),
            _statement("st-4", "art-4", T4, "a tale", "indirect", cue="tell",
                       speaker_mention="Someone", cue_class="speech", confidence=0.1)),
        events=(
            _event("ev-1", "art-1", T1, "Moscow accused Syria of delay.", "ACCUSE", source="Moscow",
                   source_actor_id="act-ru", source_country="RUS", target="Syria",
                   target_actor_id="act-sy", target_country="SYR", date="2017-02-01"),
            _event("ev-2", "art-2", T2, "Damascus rejected Russia.", "REJECT", source="Damascus",
                   source_actor_id="act-sy", target="Russia", target_actor_id="act-ru",
                   negated=True, date="2017-03-01"),
            _event("ev-3", "art-2", T2, "Lavrov could ask.", "REQUEST", source="Lavrov",
                   source_actor_id="act-l", hypothetical=True, quoted_in="st-1", confidence=0.7),
            _event("ev-4", "art-4", T4, "In 1990 Syria attacked Lebanon.", "ASSAULT", source="Syria",
                   source_actor_id="act-sy", target="Lebanon", historical=True, date="1990-01-01",
                   confidence=0.9),
            _event("ev-5", "art-4", T4, "Russia perhaps met Syria.", "CONSULT", source="Russia",
                   source_actor_id="act-ru", target="Syria", target_actor_id="act-sy",
                   confidence=0.05)),
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("surfaces") / "record.duckdb")
    with Store(path) as store:
        store.write_batch(_batch())
    return path


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db), base_url="http://127.0.0.1") as c:
        yield c


KINDS = {  # list name: (reads function, id field)
    "statements": (reads.statements, "statement_id"),
    "events": (reads.events, "event_id"),
    "actors": (reads.actors, "actor_id"),
    "articles": (reads.articles, "article_id"),
}

# (filter, CLI options, web query parameters, the ids expected)
CASES = [
    (StatementFilter(about="ceasefire"), ["--about", "ceasefire"], {"about": "ceasefire"},
     ["st-1"]),
    (StatementFilter(text="100%_", cue_class=None), ["--text", "100%_", "--cue-class", "any"],
     {"text": "100%_", "cue_class": "any"}, ["st-2"]),
    (StatementFilter(text="_", cue_class=None), ["--text", "_", "--cue-class", "any"],
     {"text": "_", "cue_class": "any"}, ["st-2"]),
    (StatementFilter(text="100%", cue_class=None), ["--text", "100%", "--cue-class", "any"],
     {"text": "100%", "cue_class": "any"}, ["st-2", "st-3"]),
    (StatementFilter(text="100%"), ["--text", "100%"], {"text": "100%"}, ["st-3"]),
    (StatementFilter(), [], {}, ["st-3", "st-1"]),  # newest first
    (StatementFilter(cue_class=None, min_confidence=0), ["--cue-class", "any",
                                                         "--min-confidence", "0"],
     {"cue_class": "any", "min_confidence": "0"}, ["st-2", "st-3", "st-1", "st-4"]),
    (StatementFilter(min_confidence=0.9), ["--min-confidence", "0.9"], {"min_confidence": "0.9"},
     ["st-1"]),
    (StatementFilter(speaker="Lavrov"), ["--speaker", "Lavrov"], {"speaker": "Lavrov"}, ["st-1"]),
    (StatementFilter(speaker="damascus", cue_class="thought"),
     ["--speaker", "damascus", "--cue-class", "thought"],
     {"speaker": "damascus", "cue_class": "thought"}, ["st-2"]),
    (StatementFilter(since="2017-02-15"), ["--since", "2017-02-15"], {"since": "2017-02-15"},
     ["st-3"]),
    (EventFilter(), [], {}, ["ev-2", "ev-1", "ev-3"]),  # newest first, undated last
    (EventFilter(historical=None, min_confidence=0), ["--historical", "--min-confidence", "0"],
     {"historical": "any", "min_confidence": "0"}, ["ev-2", "ev-1", "ev-4", "ev-3", "ev-5"]),
    (EventFilter(historical=True), ["--only", "historical"], {"historical": "true"}, ["ev-4"]),
    (EventFilter(min_confidence=0.8), ["--min-confidence", "0.8"], {"min_confidence": "0.8"},
     ["ev-2", "ev-1"]),
    (StatementFilter(kind="indirect", cue_class="speech"),
     ["--kind", "indirect", "--cue-class", "speech"], {"kind": "indirect", "cue_class": "speech"},
     ["st-3"]),
    (EventFilter(actor="Russia"), ["--actor", "Russia"], {"actor": "Russia"}, ["ev-2", "ev-1"]),
    (EventFilter(source="Russian Federation"), ["--source", "Russian Federation"],
     {"source": "Russian Federation"}, ["ev-1"]),
    (EventFilter(target="russia"), ["--target", "russia"], {"target": "russia"}, ["ev-2"]),
    (EventFilter(actor="%"), ["--actor", "%"], {"actor": "%"}, []),
    (EventFilter(negated=False), ["--no-negated"], {"negated": "false"}, ["ev-1", "ev-3"]),
    (EventFilter(negated=True), ["--only", "negated"], {"negated": "true"}, ["ev-2"]),
    (EventFilter(claims=False), ["--no-claims"], {"claims": "false"}, ["ev-2", "ev-1"]),
    (EventFilter(hypothetical=False, type="reject"), ["--no-hypothetical", "--type", "reject"],
     {"hypothetical": "false", "type": "reject"}, ["ev-2"]),
    (EventFilter(since="2017-02-15"), ["--since", "2017-02-15"], {"since": "2017-02-15"},
     ["ev-2"]),
    (EventFilter(country="rus"), ["--country", "rus"], {"country": "rus"}, ["ev-1"]),
    (ActorFilter(name="Moscow"), ["--name", "Moscow"], {"name": "Moscow"}, ["act-ru"]),
    (ActorFilter(name="lav"), ["--name", "lav"], {"name": "lav"}, ["act-l"]),
    (ActorFilter(name="_"), ["--name", "_"], {"name": "_"}, []),
    (ActorFilter(type="country"), ["--type", "country"], {"type": "country"},
     ["act-ru", "act-sy"]),
    (ArticleFilter(text="ceasefire"), ["--text", "ceasefire"], {"q": "ceasefire"},
     ["art-3", "art-1"]),
    (ArticleFilter(text="ceasefire", duplicates=False), ["--text", "ceasefire", "--no-duplicates"],
     {"q": "ceasefire", "duplicates": "false"}, ["art-1"]),
    (ArticleFilter(text="%_"), ["--text", "%_"], {"q": "%_"}, ["art-2"]),
    (ArticleFilter(until="2017-02-01"), ["--until", "2017-02-01"], {"until": "2017-02-01"},
     ["art-1", "art-4"]),
]
KIND_OF = {StatementFilter: "statements", EventFilter: "events", ActorFilter: "actors",
           ArticleFilter: "articles"}


def _library(db, name, conditions):
    fetch, key = KINDS[name]
    with Store(db, read_only=True) as store:
        return [row[key] for row in fetch(store, conditions, 500)]


def _cli(db, name, options):
    result = CliRunner().invoke(cli, [name, *options, "--format", "json", "--limit", "500",
                                      "--db", db], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return [row[KINDS[name][1]] for row in json.loads(result.output)]


def _api(client, name, query):
    response = client.get(f"/api/{name}?" + urlencode({**query, "limit": 500}))
    assert response.status_code == 200, response.text
    return [row[KINDS[name][1]] for row in response.json()["items"]]


def _export(client, name, query):
    response = client.get(f"/api/{name}/export?" + urlencode({**query, "format": "jsonl"}))
    assert response.status_code == 200, response.text
    return [json.loads(line)[KINDS[name][1]] for line in response.text.splitlines()]


def _page(client, name, query):
    response = client.get(f"/{name}?" + urlencode({**query, "limit": 500}))
    assert response.status_code == 200, response.text
    prefix = {"statements": "st", "events": "ev", "actors": "act", "articles": "art"}[name]
    found = re.findall(rf'href="/{name}/({prefix}-[^"#?/]+)', response.text)
    return list(dict.fromkeys(found))


@pytest.mark.parametrize("conditions, options, query, expected", CASES,
                         ids=[repr(case[0]) for case in CASES])
def test_every_surface_gives_the_same_ids(db, client, conditions, options, query, expected):
    name = KIND_OF[type(conditions)]
    assert _library(db, name, conditions) == expected
    assert _cli(db, name, options) == expected
    assert _api(client, name, query) == expected
    assert _export(client, name, query) == expected
    assert _page(client, name, query) == expected


def test_the_web_parameters_build_the_filter_objects():
    """The web's dependencies return the read API's filters, not dicts of their own."""
    assert params.event_filters(actor="Russia", negated="false") == EventFilter(
        actor="Russia", negated=False)
    assert params.article_filters(q="x", duplicates="false") == ArticleFilter(
        text="x", duplicates=False)
    assert params.statement_filters(about="ceasefire") == StatementFilter(about="ceasefire")


def test_invalid_choices_are_answered_with_the_valid_ones(db):
    result = CliRunner().invoke(cli, ["statements", "--kind", "nope", "--db", db])
    assert result.exit_code == 2
    assert all(kind in result.output for kind in reads.STATEMENT_KINDS)
