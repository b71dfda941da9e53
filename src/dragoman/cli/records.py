"""Looking at the record: ``status``, ``statements``, ``events``, ``actors``, ``articles``,
``rejects``, ``duplicates``, ``reuse`` and ``export``. Each is one call into the read API
(``store.reads``) with the filter object its options build, and a rendering of the rows."""
from __future__ import annotations

import sys

import click

from dragoman import exports
from dragoman.names import safe_name
from dragoman.cli.options import (
    TEXT_FORMATS, actor_filter, article_filter, db_option, event_filter, list_options,
    open_record, statement_filter)
from dragoman.cli.render import cell, show
from dragoman.store import reads


@click.command()
@db_option
def status(db: str) -> None:
    """Counts of everything in the record."""
    with open_record(db) as store:
        counts = reads.counts(store)
        low, high = reads.date_range(store)
    width = max(len(k) for k in counts)
    for name, value in counts.items():
        click.echo(f"{name:<{width}}  {value:>8}")
    click.echo(f"{'published':<{width}}  {low or '-'} … {high or '-'}")
    click.echo(f"{'database':<{width}}  {db}")


@click.command()
@statement_filter
@list_options
def statements(filters, limit, offset, fmt, db) -> None:
    """Who said what: quotes and reported speech, with speaker and source span.

    Example: dragoman statements --speaker Russia --about ceasefire --since 2017-02-01
    """
    with open_record(db) as store:
        rows = reads.statements(store, filters, limit, offset)
    show(rows, [("speaker", "speaker", 20), ("speaker_mention", "as named", 16),
                ("cue", "cue", 8), ("kind", "kind", 8), ("addressee", "to", 10),
                ("about", "about", 14), ("text", "text", 50),
                ("origin", "origin", 12)], fmt, "statements")


@click.command()
@event_filter
@list_options
def events(filters, limit, offset, fmt, db) -> None:
    """Who did what to whom: PLOVER-coded events with their source sentence.

    Example: dragoman events --type REJECT --country SYR --since 2017-12-01 --no-hypothetical
    """
    with open_record(db) as store:
        rows = reads.events(store, filters, limit, offset)
    show(rows, [("date", "date", 10), ("type", "type", 9), ("source", "source", 24),
                ("target", "target", 24), ("negated", "neg", 5), ("text", "sentence", 60)],
         fmt, "events")


@click.command()
@actor_filter
@list_options
def actors(filters, limit, offset, fmt, db) -> None:
    """Actors (people, organisations, countries…), most mentioned first."""
    with open_record(db) as store:
        rows = reads.actors(store, filters, limit, offset)
    show(rows, [("name", "name", 30), ("type", "type", 12), ("country", "country", 7),
                ("mentions", "mentions", 8), ("aliases", "aliases", 40)], fmt, "actors")


@click.command()
@article_filter
@list_options
def articles(filters, limit, offset, fmt, db) -> None:
    """Articles (without their text), newest first."""
    with open_record(db) as store:
        rows = reads.articles(store, filters, limit, offset)
    show(rows, [("published", "published", 10), ("outlet", "outlet", 16),
                ("title", "title", 50), ("origin", "origin", 24)], fmt, "articles")


@click.command()
@list_options
def rejects(limit, offset, fmt, db) -> None:
    """Input records that could not become articles, and why."""
    with open_record(db) as store:
        rows = reads.rejects(store, limit, offset)
    show(rows, [("origin", "origin", 40), ("reason", "reason", 20), ("detail", "detail", 70)],
         fmt, "rejects")


@click.command()
@list_options
def duplicates(limit, offset, fmt, db) -> None:
    """Articles that have copies (exact or near duplicates), most copies first."""
    with open_record(db) as store:
        rows = reads.duplicate_groups(store, limit, offset)
    for row in rows:
        row["copies_found"] = [f"{cell(d['origin'], 'origin')} ({d['kind']}, "
                               f"{d['similarity']:.2f})" for d in row["duplicates"]]
    show(rows, [("origin", "original", 24), ("copies", "copies", 6), ("title", "title", 30),
                ("copies_found", "copies (how found, similarity)", 60)], fmt, "duplicates")


@click.command()
@click.argument("article")
@click.option("--format", "fmt", type=click.Choice(TEXT_FORMATS), default="text",
              show_default=True, help="text for reading; jsonl for other programs")
@db_option
def reuse(article: str, fmt: str, db: str) -> None:
    """Passages ARTICLE (an article_id or origin) shares with other articles, with the
    character spans in both."""
    with open_record(db) as store:
        found = reads.find_article(store, article)
        rows = reads.reuse_for(store, found["article_id"])
    if fmt == "jsonl":
        exports.write_jsonl(rows, sys.stdout)
        return
    click.echo(f"{safe_name(found['origin'])} ({found['article_id']})")
    if not rows:
        click.echo("No passages shared with other articles.")
    for row in rows:
        click.echo(f"\n{row['kind']} with {safe_name(row['origin'])} ({row['article_id']}), "
                   f"similarity {row['similarity']:.2f}")
        for p in row["passages"]:
            click.echo(f"  here {p['here_start']}–{p['here_end']}, there {p['there_start']}–"
                       f"{p['there_end']}, {p['words']} words: {p['text']!r}")


@click.command()
@click.argument("table", type=click.Choice(reads.export_tables()))
@click.option("--format", "fmt", type=click.Choice(exports.FORMATS), default="jsonl",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write to this file (required for parquet); default: standard output.")
@click.option("--all", "everything", is_flag=True,
              help="Statements and events: every record, with thought, evidence and stance "
                   "statements, historical events and those below the default confidence.")
@db_option
def export(table: str, fmt: str, output: str | None, everything: bool, db: str) -> None:
    """Write a table (articles, statements, events, …) as JSON Lines, CSV or Parquet.

    Statements and events are what the lists show by default (speech; not historical; at or
    above the default confidence, docs/confidence.md); --all writes every one, each with its
    confidence.
    """
    with open_record(db) as store:
        count = exports.export_table(store, table, fmt, stream=sys.stdout, path=output,
                                     everything=everything)
    if output:
        click.echo(f"Wrote {count} {table} rows to {output}", err=True)


COMMANDS = (status, statements, events, actors, articles, rejects, duplicates, reuse, export)
