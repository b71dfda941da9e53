"""The public Python API: what the CLI and the web UI call."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, BinaryIO

from dragoman.ingest import read_inputs
from dragoman.model import RawDoc, Reject
from dragoman.settings import Settings
from dragoman.store import Store

if TYPE_CHECKING:  # the runner pulls in spaCy: imported only when ingesting
    from dragoman.runners import IngestReport


def ingest(paths: Iterable[str], db: str | None = None, settings: Settings | None = None,
           nlp=None, stdin: BinaryIO | None = None,
           on_batch: Callable[[int, "IngestReport"], None] | None = None,
           published: str | None = None) -> "IngestReport":
    """Read files, directories or ``-`` (stdin) into the record at ``db``.

    ``published`` (YYYY-MM-DD) dates the records whose own date is not found (plain text).

    >>> report = ingest(["../shared/seeds"], db="seeds.duckdb")  # doctest: +SKIP
    """
    settings = settings or Settings.from_env(db=db)
    if published is not None:
        settings = replace(settings, published=published)
    records = read_inputs(paths, settings, stdin=stdin)
    return ingest_records(records, settings, nlp=nlp, on_batch=on_batch)


def ingest_records(records: Iterable[RawDoc | Reject], settings: Settings, nlp=None,
                   on_batch: Callable[[int, "IngestReport"], None] | None = None) -> "IngestReport":
    """Ingest records from any source (a reader, a generator of your own) into ``settings.db``."""
    # lazily: the runners and the model loader pull in spaCy, which reading never needs
    from dragoman.text import load_nlp
    from dragoman.runners import default_pipeline, make_runner

    nlp = nlp if nlp is not None else load_nlp(settings.model)
    with Store(settings.db) as store:
        runner = make_runner(store, default_pipeline(store, nlp, settings), settings, on_batch)
        return runner.run(records)


def open_store(db: str | None = None, read_only: bool = True) -> Store:
    """The record at ``db`` (default: ``DRAGOMAN_DB`` or ``dragoman.duckdb``), to read with
    ``dragoman.reads``."""
    return Store(db or Settings.from_env().db, read_only=read_only)


def split_story(story: str, articles: list[str], db: str | None = None) -> dict:
    """Move ``articles`` (ids or file names) out of ``story`` into a new story; recorded with
    reason ``user``. Returns ``{"story", "new_story", "article_ids", "score", "reason"}``."""
    # lazily: the stories stage pulls in scikit-learn and scipy (1 s), which reading never needs
    from dragoman.stories.edit import split_story as split

    with open_store(db, read_only=False) as store:
        return split(store, story, list(articles))


def merge_stories(story: str, other: str, db: str | None = None) -> dict:
    """Merge two stories (the older keeps its id); recorded with reason ``user``. Returns
    ``{"absorbed", "into_story", "score", "reason"}``."""
    # lazily: the stories stage pulls in scikit-learn and scipy (1 s), which reading never needs
    from dragoman.stories.edit import merge_stories as merge

    with open_store(db, read_only=False) as store:
        return merge(store, story, other)
