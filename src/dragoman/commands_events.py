"""``dragoman event-clusters``: the same event reported by several articles, counted once."""
from __future__ import annotations

import sys

import click

from dragoman import api, exports
from dragoman.store import queries


@click.command("event-clusters")
@click.option("--type", "type_", metavar="PLOVER", help="Event type, e.g. REJECT.")
@click.option("--window", default=2, show_default=True,
              help="Days between reports of one event.")
@click.option("--min-reports", default=2, show_default=True,
              help="Only events reported by at least this many articles.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)
@click.option("--db", envvar="DRAGOMAN_DB", default="dragoman.duckdb", show_default=True,
              help="The record (DuckDB file).")
def event_clusters(type_, window, min_reports, fmt, db) -> None:
    """Events merged across reports: same type, source, target and flags, dates within a
    window; with the number of reports and of independent sources.

    Example: dragoman event-clusters --type ACCUSE --min-reports 2
    """
    with api.open_store(db, read_only=True) as store:
        rows = queries.event_clusters(store, window_days=window, min_reports=min_reports,
                                      type=type_)
    if fmt == "jsonl":
        exports.write_jsonl(rows, sys.stdout)
    else:
        exports.write_csv(rows, rows[0].keys() if rows else [], sys.stdout)
