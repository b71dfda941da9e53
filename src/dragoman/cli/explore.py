"""The analyst's read commands beyond the plain lists: ``dragoman dyad`` (what two actors or
two countries did and said to each other), ``dragoman search`` (stemmed full text, with the
match in context) and ``dragoman event-facets`` / ``statement-facets`` (counts by value). Each is
one call into the read API (``store.reads``), the same call the explorer's pages make."""
from __future__ import annotations

import json

import click

from dragoman import exports
from dragoman.cli.options import (
    check_date, db_option, event_filter, list_options, open_record, statement_filter)
from dragoman.cli.render import cell, show
from dragoman.model import PLOVER_TYPES
from dragoman.store import reads
from dragoman.store.reads import EVENT_MIN_CONFIDENCE, EventFilter, StatementFilter

DYAD_FORMATS = ("table", "json")


@click.command()
@click.argument("first")
@click.argument("second")
@click.option("--since", metavar="YYYY-MM-DD", callback=check_date,
              help="Events on or after this date (statements: published on or after).")
@click.option("--until", metavar="YYYY-MM-DD", callback=check_date,
              help="Events on or before this date (statements: published on or before).")
@click.option("--type", "type_", type=click.Choice(PLOVER_TYPES, case_sensitive=False),
              help="Only events of this PLOVER type.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=EVENT_MIN_CONFIDENCE,
              show_default=True, help="Only records at least this confident; 0 shows all.")
@click.option("--historical", is_flag=True, help="Include background (historical) events.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="Events and statements listed each way (the counts cover all).")
@click.option("--format", "fmt", type=click.Choice(DYAD_FORMATS), default="table",
              show_default=True, help="table for reading; json: everything, for programs")
@db_option
def dyad(first, second, since, until, type_, min_confidence, historical, limit, fmt,
         db) -> None:
    """What FIRST and SECOND did and said to each other: both directions, by type,
    cooperation v. conflict, per month, every record with its source. Each side is an actor
    (id, name or alias) or an ISO3 country code.

    Example: dragoman dyad Russia Turkey --since 2017-02-01 --until 2017-02-28
    """
    filters = EventFilter(since=since, until=until, type=type_, min_confidence=min_confidence,
                          historical=None if historical else False)
    with open_record(db) as store:
        pair = reads.dyad(store, first, second, filters, limit)
    if fmt == "json":
        click.echo(json.dumps(pair, ensure_ascii=False, default=exports.json_default, indent=1))
        return
    a, b = pair["a"]["name"], pair["b"]["name"]
    for direction, (x, y) in (("a→b", (a, b)), ("b→a", (b, a))):
        totals = pair["totals"][direction]
        click.echo(f"{x} → {y}: {totals['events']} event(s), {totals['statements']} "
                   "statement(s)")
    show(pair["types"], [("type", "type", 10), ("class", "class", 12), ("a→b", f"{a} → {b}", 14),
                         ("b→a", f"{b} → {a}", 14)], "table", "events")
    click.echo("")
    show(pair["events"], [("date", "date", 10), ("direction", "way", 4), ("type", "type", 9),
                          ("source", "source", 18), ("target", "target", 18),
                          ("confidence", "conf", 5), ("text", "sentence", 50),
                          ("origin", "origin", 14)], "table", "events")
    click.echo("")
    show(pair["statements"], [("published", "published", 10), ("direction", "way", 4),
                              ("speaker", "speaker", 18), ("text", "text", 60),
                              ("origin", "origin", 14)], "table", "statements")


@click.command()
@click.argument("query")
@click.option("--kind", type=click.Choice(reads.SEARCH_KINDS), default="articles",
              show_default=True, help="What to search.")
@click.option("--speaker", help="Statements: only by this speaker (as `dragoman statements`).")
@click.option("--actor", help="Events: only with this actor on either side.")
@click.option("--since", metavar="YYYY-MM-DD", callback=check_date,
              help="Statements: published on or after; events: dated on or after.")
@click.option("--until", metavar="YYYY-MM-DD", callback=check_date,
              help="Statements: published on or before; events: dated on or before.")
@list_options
def search(query, kind, speaker, actor, since, until, limit, offset, fmt, db) -> None:
    """Articles, statements or events whose text has every word of QUERY, any ending, with
    or without hyphens ("ceasefire" finds "cease-fire" and "ceasefires"), newest first, each
    with the match in context.

    Example: dragoman search ceasefire --kind statements --speaker Lavrov
    """
    with open_record(db) as store:
        found = reads.search(store, query, kind, limit, offset,
                             StatementFilter(speaker=speaker, since=since, until=until),
                             EventFilter(actor=actor, since=since, until=until))
    rows = [dict(r, context=_context(r.get("snippet"))) for r in found["items"]]
    if fmt == "table" and rows:
        click.echo(f"{found['total']} {kind} match (stems: {', '.join(found['stems'])})")
    show(rows, [("published", "published", 10), (_TITLE[kind], _TITLE[kind], 24),
                ("context", "in context", 80), ("origin", "origin", 14)], fmt, kind)


_TITLE = {"articles": "title", "statements": "speaker", "events": "type"}


def _context(snippet: dict | None) -> str:
    if not snippet or not snippet.get("hit"):
        return ""
    return f"{snippet['left']}[{snippet['hit']}]{snippet['right']}".replace("\n", " ")


@click.command("event-facets")
@event_filter
@db_option
def event_facets(filters, db) -> None:
    """How many events match, and how many per type, country, actor, outlet, flag and
    confidence band (the explorer's facet panel).

    Example: dragoman event-facets --actor Russia --since 2017-02-01
    """
    with open_record(db) as store:
        _print_facets(reads.event_facets(store, filters), "events")


@click.command("statement-facets")
@statement_filter
@db_option
def statement_facets(filters, db) -> None:
    """How many statements match, and how many per speaker, kind, cue class, outlet and
    confidence band.

    Example: dragoman statement-facets --about ceasefire
    """
    with open_record(db) as store:
        _print_facets(reads.statement_facets(store, filters), "statements")


def _print_facets(facets: dict, noun: str) -> None:
    click.echo(f"{facets['total']} {noun} match")
    for name, values in facets["facets"].items():
        if values:
            click.echo(f"\n{name}:")
            for v in values:
                click.echo(f"  {v['count']:>7}  {cell(v['label'])}")


COMMANDS = (dyad, search, event_facets, statement_facets)
