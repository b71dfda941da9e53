"""The local runner: stream records in batches, one pipeline pass and one transaction each."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from dragoman.actors import ResolveActorsStage
from dragoman.actors.mentions import Gazetteer, load_gazetteer
from dragoman.annotate import AnnotateStage
from dragoman.clean import CleanStage
from dragoman.clean.failures import failure_reject
from dragoman.dedupe import (ExactDedupeStage, NearDedupeStage, NearDuplicateIndex,
                             PassageReuseStage)
from dragoman.events.extract import EventTools, make_tools
from dragoman.events.types import EventTyper
from dragoman.model import RawDoc, Reject
from dragoman.pipeline import Batch, Pipeline
from dragoman.pipeline.heap import loading
from dragoman.settings import Settings
from dragoman.statements.extract import Cues, load_cues
from dragoman.store import Store
from dragoman.stories import stories_stage

Record = RawDoc | Reject


def event_tools(settings: Settings, cues: Cues | None = None,
                gazetteer: Gazetteer | None = None) -> EventTools | None:
    """The event tools ``settings.event_model`` asks for, over ``cues`` and ``gazetteer`` (the
    packaged ones where None); None (the stage's default, the sparse SVM) unless it is 'tuned'
    (settings.py allows no other value)."""
    if settings.event_model != "tuned":
        return None
    return make_tools(cues or load_cues(), gazetteer or load_gazetteer(), EventTyper(tuned=True))


def default_pipeline(store: Store, nlp, settings: Settings) -> Pipeline:
    """clean → dedupe (exact, near, passage reuse) → annotate → resolve → stories, as DESIGN.md
    draws it. The near-duplicate index reads the LSH band keys stored with earlier batches."""
    with loading():  # the stages' lexicons and indexes live for the run (pipeline/heap.py)
        return _stages(store, nlp, settings)


def _stages(store: Store, nlp, settings: Settings) -> Pipeline:
    cues, gazetteer = load_cues(), load_gazetteer()  # read once, shared by the annotate steps
    return Pipeline([
        CleanStage(settings),
        ExactDedupeStage(store.originals_for),
        NearDedupeStage(NearDuplicateIndex.from_store(store), store.texts_for),
        PassageReuseStage(store.reuse_candidates, store.texts_for),
        AnnotateStage(nlp, cues=cues, gazetteer=gazetteer, n_process=settings.n_process,
                      event_tools=event_tools(settings, cues, gazetteer)),
        ResolveActorsStage(store),
        stories_stage(store, settings),
    ])


@dataclass
class IngestReport:
    """What one ingest run did. ``skipped`` records were already in the store."""

    records: int = 0
    skipped: int = 0
    articles: int = 0
    duplicates: int = 0
    rejects: list[Reject] = field(default_factory=list)
    statements: int = 0
    events: int = 0
    batches: int = 0
    seconds: float = 0.0
    driver_cpu_seconds: float = 0.0  # Ray runner: the driver's CPU time in corpus stages + writes

    @property
    def new_records(self) -> int:
        return self.articles + self.duplicates + len(self.rejects)

    @property
    def articles_per_second(self) -> float:
        return (self.articles + self.duplicates) / self.seconds if self.seconds else 0.0

    def add(self, batch: Batch) -> None:
        self.batches += 1
        self.duplicates += sum(a.duplicate_of is not None for a in batch.articles)
        self.articles += sum(a.duplicate_of is None for a in batch.articles)
        self.rejects.extend(batch.rejects)
        self.statements += len(batch.statements)
        self.events += len(batch.events)


def close_stages(pipeline: Pipeline) -> None:
    """Let stages that hold worker processes (annotate with ``n_process`` > 1) stop them."""
    for stage in pipeline.stages:
        close = getattr(stage, "close", None)
        if callable(close):
            close()


def batched(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    iterator = iter(records)
    while chunk := list(islice(iterator, size)):
        yield chunk


class LocalRunner:
    """Runs a pipeline over records in this process and writes each batch to the store.

    ``rebuild`` makes the same pipeline anew from the store. With it, a batch that raises is
    run again record by record (see ``_stored``); without it, the error stops the run. A fresh
    pipeline is needed because corpus stages keep state in memory (the near-duplicate index,
    the story index) that a failed batch has already changed and the store has not."""

    def __init__(self, store: Store, pipeline: Pipeline, settings: Settings,
                 on_batch: Callable[[int, IngestReport], None] | None = None,
                 rebuild: Callable[[], Pipeline] | None = None) -> None:
        self.store = store
        self.pipeline = pipeline
        self.settings = settings
        self.on_batch = on_batch
        self.rebuild = rebuild

    def run(self, records: Iterable[Record]) -> IngestReport:
        """Ingest every record not already stored; safe to interrupt and run again."""
        try:
            return self._run(records)
        finally:
            close_stages(self.pipeline)

    def _run(self, records: Iterable[Record]) -> IngestReport:
        report, started = IngestReport(), time.perf_counter()
        in_this_run: set[tuple[str, str]] = set()
        for chunk in batched(records, self.settings.batch_size):
            fresh = self._fresh(chunk, in_this_run)
            report.records += len(chunk)
            report.skipped += len(chunk) - len(fresh)
            if fresh:
                for batch in self._stored(fresh):
                    report.add(batch)
            report.seconds = time.perf_counter() - started
            if self.on_batch:
                self.on_batch(len(chunk), report)
        report.seconds = time.perf_counter() - started
        return report

    def _stored(self, records: list[Record]) -> list[Batch]:
        """Run the pipeline on ``records`` and write the result in one transaction. If that
        raises (and the runner can ``rebuild``), each record is run and written alone by a
        pipeline made anew, and a record that still raises is stored as its reject
        (``failed-pipeline``): one record never takes its batch down."""
        try:
            return [self._run_and_write(records)]
        except Exception as err:
            if self.rebuild is None:
                raise
            self._renew()
            if len(records) == 1:
                return [self._rejected(records[0], err)]
            return [batch for record in records for batch in self._stored([record])]

    def _renew(self) -> None:
        """Replace the pipeline by one made anew from the store (what the store holds is all
        that is true after a failed batch: its transaction was rolled back)."""
        close_stages(self.pipeline)
        self.pipeline = self.rebuild()

    def _run_and_write(self, records: list[Record]) -> Batch:
        batch = self.pipeline.run(Batch(
            raw=tuple(r for r in records if isinstance(r, RawDoc)),
            rejects=tuple(r for r in records if isinstance(r, Reject))))
        self.store.write_batch(batch)
        return batch

    def _rejected(self, record: Record, err: Exception) -> Batch:
        """Store ``record`` as rejected by the stage that raised ``err``."""
        batch = Batch(rejects=(failure_reject(record.origin, record.source_hash, "pipeline", err),))
        self.store.write_batch(batch)
        return batch

    def _fresh(self, chunk: list[Record], in_this_run: set[tuple[str, str]]) -> list[Record]:
        """Records of the chunk that neither the store nor this run has seen."""
        keys = [(r.origin, r.source_hash) for r in chunk]
        stored = self.store.seen(keys)
        fresh = []
        for record, key in zip(chunk, keys):
            if key not in stored and key not in in_this_run:
                in_this_run.add(key)
                fresh.append(record)
        return fresh
