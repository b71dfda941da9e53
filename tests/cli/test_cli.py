"""The CLI in-process on hand-made inputs, with exact output checks (real model)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dragoman.cli import cli

pytestmark = pytest.mark.model


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_ingest_then_reingest_adds_nothing(corpus: Path, db: str, shared_model):
    first = run("ingest", str(corpus), "--db", db)
    assert first.exit_code == 0
    assert first.stdout == (
        "Read 5 records: 5 new, 0 already in the record.\n"
        f"Articles 4, duplicates 1, rejected 0; statements {_count(db, 'statements')}, "
        f"events {_count(db, 'events')}.\n"
        f"Database: {db}\n")
    again = run("ingest", str(corpus), "--db", db)
    assert again.stdout.splitlines()[0] == "Read 5 records: 0 new, 5 already in the record."
    assert again.stdout.splitlines()[1] == "Articles 0, duplicates 0, rejected 0; statements 0, events 0."


def test_status_counts_exactly(corpus: Path, db: str, shared_model):
    run("ingest", str(corpus), "--db", db)
    result = run("status", "--db", db)
    lines = result.stdout.splitlines()
    assert lines[:4] == ["inputs             5", "articles           4",
                         "duplicates         1", "rejects            0"]
    assert lines[-2:] == ["published   2020-03-04 … 2021-05-06", f"database    {db}"]


def test_bad_file_is_rejected_named_and_the_rest_ingested(corpus: Path, db: str, shared_model):
    (corpus / "broken.txt").write_bytes(b"\x00\xff\xfe\x00\x01binary")
    result = run("ingest", str(corpus), "--db", db)
    assert result.exit_code == 0
    assert "Articles 4, duplicates 1, rejected 1;" in result.stdout
    assert ("warning: 1 input record(s) rejected:\n  undecodable (1): binary data (NUL bytes), not text\n"
            f"    {corpus}/broken.txt\n") \
        in result.stderr
    rejects = run("export", "rejects", "--format", "jsonl", "--db", db)
    assert json.loads(rejects.stdout) == {"origin": f"{corpus}/broken.txt", "reason": "undecodable",
                                          "detail": "binary data (NUL bytes), not text"}


def test_nothing_readable_exits_non_zero(tmp_path: Path, db: str, shared_model):
    (tmp_path / "a.txt").write_bytes(b"\x00\x00\x00")
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "a.txt"), "--db", db])
    assert result.exit_code == 1
    assert "nothing could be read from the input" in result.stderr


def test_missing_path_is_a_clear_error(db: str):
    result = CliRunner().invoke(cli, ["ingest", "/no/such/dir", "--db", db])
    assert result.exit_code == 1
    assert result.stderr == ("Error: /no/such/dir: no such file or directory\n"
                             "  → check the path; use '-' to read from standard input\n")


def test_stdin_jsonl(db: str, shared_model):
    data = b'{"text": "The mayor of Oslo said that the bridge would reopen next week."}\n'
    result = run("ingest", "-", "--db", db, input=data)
    assert result.stdout.startswith("Read 1 records: 1 new")


def test_export_statements_fields_and_offsets(corpus: Path, db: str, shared_model):
    run("ingest", str(corpus), "--db", db)
    articles = {r["article_id"]: r for r in map(json.loads, run(
        "export", "articles", "--db", db).stdout.splitlines())}
    statements = [json.loads(line) for line in run("export", "statements", "--format", "jsonl",
                                                   "--db", db).stdout.splitlines()]
    assert statements, "the hand-made corpus has a direct quote"
    for st in statements:
        assert list(st) == ["statement_id", "article_id", "origin", "kind", "speaker",
                            "speaker_actor_id", "speaker_mention", "cue", "addressee", "text",
                            "start", "end", "sentence", "speaker_kind", "about",
                            "speaker_start", "speaker_end", "cue_class", "confidence"]
        assert articles[st["article_id"]]["text"][st["start"]:st["end"]] == st["text"]
    lund = [s for s in statements if s["speaker"] == "Maria Lund"]
    assert lund and lund[0]["text"] == "We will not accept any delay"


def test_export_csv_and_parquet(corpus: Path, db: str, tmp_path: Path, shared_model):
    run("ingest", str(corpus), "--db", db)
    result = run("export", "actors", "--format", "csv", "--db", db)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["actor_id", "name", "type", "country", "sector", "aliases", "mentions",
                             "role", "lat", "lon", "admin", "evidence"]
    assert all(isinstance(json.loads(r["aliases"]), list) for r in rows)
    target = tmp_path / "events.parquet"
    result = run("export", "events", "--format", "parquet", "-o", str(target), "--db", db)
    import pyarrow.parquet as pq

    assert pq.read_table(target).num_rows == _count(db, "events")
    assert result.stderr == f"Wrote {_count(db, 'events')} events rows to {target}\n"
    bad = CliRunner().invoke(cli, ["export", "events", "--format", "parquet", "--db", db])
    assert bad.exit_code == 1 and "give a file with -o" in bad.stderr


def test_list_commands_filter_and_format(corpus: Path, db: str, shared_model):
    run("ingest", str(corpus), "--db", db)
    result = run("statements", "--speaker", "lund", "--format", "jsonl", "--db", db)
    assert {json.loads(line)["speaker"] for line in result.stdout.splitlines()} == {"Maria Lund"}
    assert run("statements", "--speaker", "nobody", "--db", db).stdout == "No statements match.\n"
    events = run("events", "--type", "ACCUSE", "--format", "jsonl", "--db", db).stdout.splitlines()
    assert [(e["source"], e["target"]) for e in map(json.loads, events)] == [("Chile", "Norway")]
    table = run("actors", "--type", "person", "--db", db).stdout
    assert table.splitlines()[0].split() == ["name", "type", "country", "mentions", "aliases"]
    assert "Maria Lund" in table
    assert "Ministers meet in Vienna" in run("stories", "--db", db).stdout


def test_query_commands_without_a_database_say_what_to_do(tmp_path: Path):
    result = CliRunner().invoke(cli, ["status", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "no database at" in result.stderr and "dragoman ingest" in result.stderr


def _count(db: str, table: str) -> int:
    import duckdb

    with duckdb.connect(db, read_only=True) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]


def test_file_names_with_terminal_escapes_are_printed_escaped(tmp_path):
    """A file name can hold escape sequences: ingest warnings and `dragoman rejects` show them
    escaped, never raw (they would rewrite the user's terminal)."""
    evil = "evil\x1b[2J\x1b]0;owned\x07.txt"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / evil).write_text("")  # empty: rejected, so its name is printed
    db = str(tmp_path / "r.duckdb")
    run = CliRunner().invoke(cli, ["ingest", str(tmp_path / "in"), "--db", db, "--no-progress"])
    shown = CliRunner().invoke(cli, ["rejects", "--db", db])
    for result in (run, shown):
        assert "\x1b" not in result.output and "\x07" not in result.output
    assert "evil\\x1b[2J" in shown.output


@pytest.mark.parametrize("args", [["events", "--limit", "-1"], ["statements", "--offset", "-5"],
                                  ["actors", "--limit", "0"], ["timeline", "--dates", "0"]])
def test_out_of_range_paging_is_a_usage_error_not_a_traceback(tmp_path, args):
    result = CliRunner().invoke(cli, [*args, "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "Invalid value" in result.output
    assert isinstance(result.exception, SystemExit)  # click's usage error, no traceback
