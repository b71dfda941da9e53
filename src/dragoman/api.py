"""The public Python API: what the CLI and the web UI call."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, BinaryIO

from dragoman.ingest import read_inputs
from dragoman.model import RawDoc, Reject
from dragoman.settings import Settings
from dragoman.store import Store
from dragoman.store.reading import open_for_reading

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
    # lazy: the runners pull in spaCy and scikit-learn (3 s), which reading the record never needs
    from dragoman.runners import default_pipeline, make_runner

    nlp = nlp if nlp is not None else load_model(settings.model)
    with Store(settings.db) as store:
        build = partial(default_pipeline, store, nlp, settings)
        runner = make_runner(store, build(), settings, on_batch, rebuild=build)
        return runner.run(records)


def open_store(db: str | None = None, read_only: bool = True) -> Store:
    """The record at ``db`` (default: ``DRAGOMAN_DB`` or ``dragoman.duckdb``), to read with
    ``dragoman.reads``. Read-only while an ingest writes the file, it is the file's read copy:
    the record as of the ingest's last stored batch (``store/snapshot.py``)."""
    db = db or Settings.from_env().db
    return open_for_reading(db) if read_only else Store(db)


def load_model(model: str | None = None):
    """The spaCy pipeline ``model`` (default: the settings' model), ready for ``ingest``."""
    # lazy: the loader imports spaCy (2 s), which reading the record never needs
    from dragoman.text import load_nlp

    return load_nlp(model or Settings.from_env().model)


def _stories():
    """``stories.edit`` and ``stories.tell``, imported on first use."""
    # lazy: the stories package pulls in scikit-learn and scipy (1 s), which reading never needs
    from dragoman.stories import edit, tell

    return edit, tell


def split_story(story: str, articles: list[str], db: str | None = None) -> dict:
    """Move ``articles`` (ids or file names) out of ``story`` into a new story; recorded with
    reason ``user``. Returns ``{"story", "new_story", "article_ids", "score", "reason"}``."""
    with open_store(db, read_only=False) as store:
        return _stories()[0].split_story(store, story, list(articles))


def merge_stories(story: str, other: str, db: str | None = None) -> dict:
    """Merge two stories (the older keeps its id); recorded with reason ``user``. Returns
    ``{"absorbed", "into_story", "score", "reason"}``."""
    with open_store(db, read_only=False) as store:
        return _stories()[0].merge_stories(store, story, other)


def recluster(db: str | None = None, on_batch: Callable[[int, int], None] | None = None) -> dict:
    """Cluster every stored article into stories again, in order of publication; recorded
    merges and splits are replaced. Returns ``{"articles", "stories"}``."""
    with open_store(db, read_only=False) as store:
        return _stories()[0].recluster(store, Settings.from_env(db=db), on_batch=on_batch)


def story_timeline(store: Store, story_id: str | None = None, actor: str | None = None,
                   query: str | None = None, dates: int = 10, per_date: int = 2) -> dict:
    """A dated, cited timeline of a story, an actor or a query (``stories.tell``)."""
    return _stories()[1].story_timeline(store, story_id=story_id, actor=actor, query=query,
                                          dates=dates, per_date=per_date)


def story_summary(store: Store, story_id: str, sentences: int = 5) -> dict:
    """A short cited summary of a story (``stories.tell``)."""
    return _stories()[1].story_summary(store, story_id, sentences=sentences)


def reresolve(db: str | None = None):
    """Re-run actor resolution over the whole stored record (``actors.reresolve``)."""
    # lazy: actor resolution pulls in spaCy (2 s), which reading the record never needs
    from dragoman.actors import load_gazetteer, reresolve as records

    with open_store(db, read_only=False) as store:
        return records.reresolve(store, load_gazetteer())
