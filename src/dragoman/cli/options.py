"""Options shared by the commands, declared once: the record (``--db``), paging and output
(``--limit``, ``--offset``, ``--format``), dates, and the filters of each record kind, which
build the read API's filter objects (``store.reads.filters``) the commands pass on."""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable

import click

from dragoman import api
from dragoman.errors import DragomanError
from dragoman.model import PLOVER_TYPES
from dragoman.settings import help_for
from dragoman.store import Store
from dragoman.store.reads import (
    ACTOR_TYPES, CUE_CLASSES, EVENT_FLAGS, EVENT_MIN_CONFIDENCE, STATEMENT_KINDS,
    STATEMENT_MIN_CONFIDENCE, ActorFilter, ArticleFilter, EventFilter, StatementFilter)

LIST_FORMATS = ("table", "json", "jsonl", "csv")
TEXT_FORMATS = ("text", "jsonl")


class Group(click.Group):
    """Turns library errors into one clear message and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DragomanError as err:
            raise click.ClickException(str(err)) from err


def open_record(db: str) -> Store:
    """The record at ``db``, read-only."""
    return api.open_store(db, read_only=True)


def db_option(func: Callable) -> Callable:
    return click.option("--db", envvar="DRAGOMAN_DB", default="dragoman.duckdb",
                        show_default=True, help=help_for("db"))(func)


def list_options(func: Callable) -> Callable:
    """``--limit``, ``--offset``, ``--format`` (table, json, jsonl, csv) and ``--db``."""
    func = click.option("--format", "fmt", type=click.Choice(LIST_FORMATS), default="table",
                        show_default=True,
                        help="table for reading; json/jsonl/csv for other programs")(func)
    func = click.option("--offset", type=click.IntRange(min=0), default=0,
                        help="Skip this many rows (paging).")(func)
    func = click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
                        help="Show at most this many rows.")(func)
    return db_option(func)


def check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A YYYY-MM-DD date, as ISO text."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date; give it as YYYY-MM-DD, e.g. 2017-12-06") from None


def check_country(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An ISO3 country code (three letters), upper-cased."""
    if value is None:
        return None
    if not (len(value.strip()) == 3 and value.strip().isalpha()):
        raise click.BadParameter(
            f"{value!r} is not an ISO3 country code; give three letters, e.g. SYR, RUS, TUR "
            "(`dragoman event-facets` lists the countries in the record)")
    return value.strip().upper()


def _dates(what: str) -> Callable[[Callable], Callable]:
    def add(func: Callable) -> Callable:
        func = click.option("--until", metavar="YYYY-MM-DD", callback=check_date,
                            help=f"{what} on or before this date.")(func)
        return click.option("--since", metavar="YYYY-MM-DD", callback=check_date,
                            help=f"{what} on or after this date.")(func)
    return add


def _filter(build: Callable[..., object], names: tuple[str, ...],
            options: tuple[Callable, ...]) -> Callable[[Callable], Callable]:
    """Add ``options`` to a command and pass it ``filters=build(**their values)`` instead."""
    def add(func: Callable) -> Callable:
        @functools.wraps(func)  # keeps the options already added (``__click_params__``)
        def command(**kwargs):
            values = {name: kwargs.pop(name) for name in names}
            return func(filters=build(**values), **kwargs)
        for option in reversed(options):
            command = option(command)
        return command
    return add


def _min_confidence(default: float) -> Callable:
    return click.option(
        "--min-confidence", type=click.FloatRange(0, 1), default=default, show_default=True,
        help="Only records whose calibrated confidence is at least this; 0 shows every one "
             "(docs/confidence.md).")


def _statement_filter(text_, speaker, about, mentions, kind, cue_class, article, since,
                      until, min_confidence) -> StatementFilter:
    return StatementFilter(text=text_, speaker=speaker, about=about, mentions=mentions,
                           kind=kind, cue_class=None if cue_class == "any" else cue_class,
                           article=article, since=since, until=until,
                           min_confidence=min_confidence)


statement_filter = _filter(_statement_filter, (
    "text_", "speaker", "about", "mentions", "kind", "cue_class", "article", "since", "until",
    "min_confidence"), (
    click.option("--speaker", help="Names the speaker: as written, or its actor's name or an "
                                   "alias contains this (case-insensitive)."),
    click.option("--text", "text_", metavar="WORDS", help="Statement text contains this."),
    click.option("--kind", type=click.Choice(STATEMENT_KINDS)),
    click.option("--cue-class", type=click.Choice((*CUE_CLASSES, "any")), default="speech",
                 show_default=True,
                 help="Statements of this class: speech (what was said or written), thought, "
                      "evidence, stance, or any."),
    click.option("--article", help="Only statements from this article_id."),
    click.option("--about", metavar="WORDS",
                 help="Its target (who is accused, appealed to) or its text contains this."),
    click.option("--mentions", metavar="NAME",
                 help="An actor named inside the quote: as written, or its name or an alias."),
    _dates("Articles published"),
    _min_confidence(STATEMENT_MIN_CONFIDENCE),
))


def _event_filter(type_, text_, actor, source, target, country, since, until, no_negated,
                  no_hypothetical, historical, no_claims, only, min_confidence) -> EventFilter:
    flags = {flag: False for flag, off in (("negated", no_negated),
                                           ("hypothetical", no_hypothetical),
                                           ("claims", no_claims)) if off}
    flags["historical"] = None if historical else False
    if only:
        flags[only] = True
    return EventFilter(type=type_, text=text_, actor=actor, source=source, target=target,
                       country=country, since=since, until=until,
                       min_confidence=min_confidence, **flags)


event_filter = _filter(_event_filter, (
    "type_", "text_", "actor", "source", "target", "country", "since", "until", "no_negated",
    "no_hypothetical", "historical", "no_claims", "only", "min_confidence"), (
    click.option("--type", "type_", type=click.Choice(PLOVER_TYPES, case_sensitive=False),
                 help="PLOVER event type, e.g. ACCUSE or REQUEST."),
    click.option("--text", "text_", metavar="WORDS", help="The event's sentence contains this."),
    click.option("--actor", help="Names the source or the target: as written, or its actor's "
                                 "name or an alias contains this."),
    click.option("--source", help="Names the source (as --actor, for the source only)."),
    click.option("--target", help="Names the target (as --actor, for the target only)."),
    click.option("--country", metavar="ISO3", callback=check_country,
                 help="Source or target country, e.g. RUS."),
    _dates("Events"),
    click.option("--no-negated", is_flag=True, help="Leave out negated events."),
    click.option("--no-hypothetical", is_flag=True,
                 help="Leave out hypothetical, conditional and future events."),
    click.option("--historical", is_flag=True,
                 help="Include background (historical) events, left out by default."),
    click.option("--no-claims", is_flag=True,
                 help="Leave out events reported inside someone's quoted or reported words."),
    click.option("--only", type=click.Choice(EVENT_FLAGS), help="Only events with this flag."),
    _min_confidence(EVENT_MIN_CONFIDENCE),
))


def _actor_filter(name, type_, country) -> ActorFilter:
    return ActorFilter(name=name, type=type_, country=country)


actor_filter = _filter(_actor_filter, ("name", "type_", "country"), (
    click.option("--name", help="Its name or an alias contains this (case-insensitive)."),
    click.option("--type", "type_", type=click.Choice(ACTOR_TYPES)),
    click.option("--country", metavar="ISO3", callback=check_country,
                 help="Actor country, e.g. SYR."),
))


def _article_filter(text_, outlet, since, until, no_duplicates) -> ArticleFilter:
    return ArticleFilter(text=text_, outlet=outlet, since=since, until=until,
                         duplicates=not no_duplicates)


article_filter = _filter(_article_filter, ("text_", "outlet", "since", "until", "no_duplicates"), (
    click.option("--text", "text_", metavar="WORDS", help="Title or text contains this."),
    click.option("--outlet", help="Only articles from this outlet."),
    _dates("Articles published"),
    click.option("--no-duplicates", is_flag=True, help="Leave out copies of other articles."),
))
