"""``dragoman dyad``, ``event-facets``, ``statement-facets`` and the answers to invalid values,
on the explorer's hand-made record (no model needed)."""
from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from dragoman.cli import cli
from dragoman.cli.ingest import default_workers
from dragoman.store import Store, reads
from tests.web.test_web import build_hostile_db


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return build_hostile_db(tmp_path_factory.mktemp("cli-explore") / "record.duckdb")


def run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_dyad_gives_what_the_read_gives(db):
    result = run("dyad", "Norland", "Southia", "--db", db, "--format", "json")
    assert result.exit_code == 0, result.output
    pair = json.loads(result.output)
    with Store(db, read_only=True) as store:
        expected = reads.dyad(store, "Norland", "Southia")
    assert [e["event_id"] for e in pair["events"]] == [e["event_id"] for e in expected["events"]]
    assert pair["totals"] == expected["totals"]
    table = run("dyad", "Norland", "Southia", "--db", db, "--since", "2017-02-07").output
    assert "Norland → Southia: 0 event(s)" in table and "Southia → Norland: 1 event(s)" in table


def test_dyad_names_what_it_cannot_find(db):
    result = CliRunner().invoke(cli, ["dyad", "Norland", "Atlantis", "--db", db])
    assert result.exit_code == 1 and "no actor or country 'Atlantis'" in result.output
    assert "ISO3 country code" in result.output


def test_facets_count_the_matching_records(db):
    result = run("event-facets", "--db", db, "--type", "ACCUSE")
    assert result.exit_code == 0
    assert result.output.startswith("2 events match")
    assert "&lt;" not in result.output and "Example <i>Wire</i>" in result.output


@pytest.mark.parametrize("args, valid", [
    (["events", "--type", "ACUSE"], "'accuse'"),
    (["events", "--country", "Syria"], "three letters, e.g. SYR"),
    (["events", "--limit", "-1"], "x>=1"),
    (["actors", "--country", "Norland"], "three letters"),
])
def test_invalid_values_are_answered_with_the_valid_ones(db, args, valid):
    result = CliRunner().invoke(cli, [*args, "--db", db])
    assert result.exit_code == 2, result.output
    assert valid in result.output and "Traceback" not in result.output


def test_workers_default_to_the_cores_unless_the_setting_says(monkeypatch):
    monkeypatch.delenv("DRAGOMAN_N_PROCESS", raising=False)
    assert default_workers(None) == (os.cpu_count() or 1)
    assert default_workers(3) == 3
    monkeypatch.setenv("DRAGOMAN_N_PROCESS", "2")
    assert default_workers(None) is None  # Settings reads it


def test_search_shows_the_match_in_context(db):
    result = run("search", "blocked", "--kind", "events", "--db", db)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 events match (stems: block)")
    assert "[blocking]" in result.output
    by = run("search", "refusing", "--kind", "statements", "--speaker", "nobody", "--db", db)
    assert "No statements match." in by.output
