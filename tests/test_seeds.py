"""End to end on the five real seed articles in ../shared/seeds (skipped without ../shared)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dragoman.cli import cli

pytestmark = [pytest.mark.model, pytest.mark.shared]


@pytest.fixture
def seeded(seeds, db, shared_model) -> str:
    result = CliRunner().invoke(cli, ["ingest", str(seeds), "--db", db], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return db


def export(db: str, table: str) -> list[dict]:
    result = CliRunner().invoke(cli, ["export", table, "--format", "jsonl", "--db", db])
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_every_seed_is_an_article_and_a_second_ingest_adds_nothing(seeds, seeded):
    articles = export(seeded, "articles")
    assert len(articles) == 5 and all(a["duplicate_of"] is None for a in articles)
    result = CliRunner().invoke(cli, ["ingest", str(seeds), "--db", seeded])
    assert result.stdout.startswith("Read 5 records: 0 new, 5 already in the record.")
    assert len(export(seeded, "articles")) == 5


def test_statements_have_the_fields_and_exact_offsets(seeded):
    texts = {a["article_id"]: a["text"] for a in export(seeded, "articles")}
    statements = export(seeded, "statements")
    assert len(statements) >= 15
    for st in statements:
        assert texts[st["article_id"]][st["start"]:st["end"]] == st["text"]
        assert st["kind"] in {"direct", "block", "mixed", "indirect"}
    speakers = {st["speaker"] for st in statements}
    assert {"Alexandre Georgini", "Heather Nauert"} <= speakers


def test_events_point_at_their_sentence(seeded):
    texts = {a["article_id"]: a["text"] for a in export(seeded, "articles")}
    events = export(seeded, "events")
    assert {"ACCUSE", "REQUEST"} <= {e["type"] for e in events}
    for ev in events:
        assert texts[ev["article_id"]][ev["start"]:ev["end"]] == ev["text"]


def test_surname_mentions_join_the_full_name(seeded):
    actors = {a["name"]: a for a in export(seeded, "actors")}
    assert "Vassily Nebenzia" in actors
    assert "Nebenzia" in actors["Vassily Nebenzia"]["aliases"]
    assert actors["Russia"]["country"] == "RUS"


def test_canonical_actors_on_the_seeds(seeded):
    actors = {a["name"]: a for a in export(seeded, "actors")}
    russia = actors["Russia"]
    assert {"Moscow", "Russians"} <= set(russia["aliases"]) and russia["sector"] == "GOV"
    assert actors["Syria"]["country"] == "SYR" and "Damascus" in actors["Syria"]["aliases"]
    assert actors["United Nations"]["country"] == "IGO"
    jaafari = actors["Bashar al-Ja’afari"]
    assert {"Ja’afari", "Jaafari"} <= set(jaafari["aliases"])
    assert (jaafari["country"], jaafari["sector"]) == ("SYR", "GOV")
    spokesman = actors["Alexandre Georgini"]
    assert "Alexandre Giorgini" in spokesman["aliases"] and spokesman["country"] == "FRA"
    assert "HNC" in actors["High Negotiations Committee"]["aliases"]
    assert actors["Jaish al-Islam"]["type"] == "organisation"
    assert "Alexandre Giorgini" not in actors and "Jaafari" not in actors
