"""``dragoman event-clusters`` (the same event reported by several articles, counted once) and
``dragoman events-export`` (events in an interoperable layout)."""
from __future__ import annotations

from dataclasses import replace

import csv
import sys

import click

from dragoman import exports
from dragoman.cli.options import db_option, open_record
from dragoman.events.interop import GDELT_COLUMNS, gdelt_rows, polecat_records
from dragoman.store import reads
from dragoman.store.reads import EventFilter

ALL_EVENTS = 10**9


def _write_polecat(rows: list[dict], clusters: dict[str, dict], stream) -> None:
    exports.write_jsonl(polecat_records(rows), stream)


def _write_gdelt(rows: list[dict], clusters: dict[str, dict], stream) -> None:
    writer = csv.DictWriter(stream, GDELT_COLUMNS, delimiter="\t")
    writer.writeheader()
    writer.writerows(gdelt_rows(rows, clusters))


LAYOUTS = {"gdelt": _write_gdelt, "polecat": _write_polecat}


@click.command("event-clusters")
@click.option("--type", "type_", metavar="PLOVER", help="Event type, e.g. REJECT.")
@click.option("--window", default=2, show_default=True,
              help="Days between reports of one event.")
@click.option("--min-reports", default=2, show_default=True,
              help="Only events reported by at least this many articles.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)
@db_option
def event_clusters(type_, window, min_reports, fmt, db) -> None:
    """Events merged across reports: same type, source, target and flags, dates within a
    window; with the number of reports and of independent sources.

    Example: dragoman event-clusters --type ACCUSE --min-reports 2
    """
    with open_record(db) as store:
        rows = reads.event_clusters(store, window_days=window, min_reports=min_reports,
                                    type=type_)
    if fmt == "jsonl":
        exports.write_jsonl(rows, sys.stdout)
    else:
        exports.write_csv(rows, rows[0].keys() if rows else [], sys.stdout)


@click.command("events-export")
@click.option("--layout", type=click.Choice(LAYOUTS), required=True,
              help="gdelt: a GDELT-2.0-like table (tab-separated, with a header); "
                   "polecat: POLECAT/PLOVER-like JSON Lines.")
@click.option("--no-flagged", is_flag=True,
              help="Leave out negated, hypothetical and historical events.")
@click.option("--all", "everything", is_flag=True,
              help="Every event: historical ones and those below the default confidence too.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File (default: stdout).")
@db_option
def events_export(layout, no_flagged, everything, output, db) -> None:
    """Events in an interoperable layout (crosswalk: docs/events.md): the events the lists
    show by default (docs/confidence.md), or every one with --all.

    Example: dragoman events-export --layout gdelt --no-flagged -o events.gdelt.tsv
    """
    chosen = EventFilter(historical=None, min_confidence=0) if everything else EventFilter()
    flagged = replace(chosen, negated=False, hypothetical=False, historical=False)
    with open_record(db) as store:
        rows = reads.events(store, flagged if no_flagged else chosen, ALL_EVENTS)
        clusters = reads.event_clusters(store) if layout == "gdelt" else []
    of = {eid: c for c in clusters for eid in c["event_ids"]}
    stream = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        LAYOUTS[layout](rows, of, stream)
    finally:
        if output:
            stream.close()


COMMANDS = (event_clusters, events_export)
