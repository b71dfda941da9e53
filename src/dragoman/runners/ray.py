"""The Ray runner: document stages on a Ray cluster, corpus stages and writes on the driver.

The only module that imports ray (the optional extra ``dragoman[ray]``). It runs the pipeline
that the local runner runs, stage objects included, and chooses where each runs by its kind:

- the **document stages** (``kind == "document"``: clean and annotate in the default pipeline)
  are copied (``portable``, without a loaded model) to a pool of Ray Data actors
  (``map_batches`` with ``ActorPoolStrategy``); each actor runs them in pipeline order on each
  raw record alone (``run_each``: one spaCy pass over its share) and sends back one small
  ``Batch`` per record;
- the **corpus stages** (dedupe, resolve, stories and any other) run on the driver, batch by
  batch in input order, exactly as in the local runner; there each document stage is replaced by
  a stand-in (``FromWorkers``) that adds what the actors made for the documents still in the
  batch; each batch is written with ``Store.write_batch``.

Document stages run before duplicates are known (they are decided on the driver, against the
store), so an article that turns out to be a duplicate was parsed for nothing: its records are
dropped, and the stored record is the same as the local runner's.

Input is cut into windows (``WINDOW_BATCHES`` batches); each window is one Ray Data pipeline,
streaming, in order, so the driver works on batch *k* while the actors clean and parse the next.

One record never takes others with it, as in the local runner: an actor whose document stages
raise on a group of records runs each record alone, and a record that still raises comes back
as its reject (``failed-pipeline``); a batch whose corpus stages or write raise on the driver
is run again record by record by a pipeline made anew from the store (``rebuild``).
"""
from __future__ import annotations

import pickle
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from dragoman.clean.failures import failure_reject
from dragoman.errors import DragomanError
from dragoman.model import RawDoc, Reject
from dragoman.pipeline import Batch, Pipeline
from dragoman.runners.local import IngestReport, LocalRunner, Record, batched
from dragoman.settings import Settings
from dragoman.store import Store

try:  # this module is itself imported lazily (runners/__init__.py): ray is an optional extra
    import pyarrow as pa
    import ray
    import ray.data
except ImportError as err:  # pragma: no cover - the message is the point
    raise DragomanError(
        "the Ray runner needs the optional extra `ray`",
        "install it with `pip install 'dragoman[ray]'` (or `make install`), or use the "
        "default local runner (`--runner local`)") from err

WINDOW_BATCHES = 50  # batches per Ray Data pipeline (the actors load the model once per window)
ROWS_PER_TASK = 8    # records per map_batches call: small, so the actors stay evenly busy

Key = tuple[str, str]  # a raw record's (origin, source_hash)


def key(record: RawDoc | Reject) -> Key:
    return record.origin, record.source_hash


def run_each(stage: Any, batches: list[Batch]) -> list[Batch]:
    """``stage.run`` of each one-document batch; through the stage's own ``run_each`` (one
    model pass over all of them) where it has one."""
    each = getattr(stage, "run_each", None)
    return each(batches) if callable(each) else [stage.run(batch) for batch in batches]


def portable(stage: Any, model: str) -> Any:
    """The copy of a document stage to send to an actor (the stage itself if it holds nothing
    that cannot travel)."""
    make = getattr(stage, "portable", None)
    return make(model) if callable(make) else stage


class DocumentWorker:
    """A Ray Data actor: the pipeline's document stages, on each raw record alone."""

    def __init__(self, stages: Sequence[Any]) -> None:
        self.stages = list(stages)

    def __call__(self, rows: pa.Table) -> pa.Table:
        records = [pickle.loads(blob) for blob in rows.column("record").to_pylist()]
        results = [pickle.dumps(result) for result in self.process(records)]
        return pa.table({"result": pa.array(results, pa.large_binary())})

    def process(self, raw: list[RawDoc]) -> list[Batch]:
        """One batch per raw record: what the document stages made of that record alone.
        If they raise on the group, each record is run alone, and one that still raises
        comes back as its reject."""
        try:
            return self._run(raw)
        except Exception:  # noqa: BLE001 (found out below, record by record)
            if len(raw) == 1:
                raise
            return [self._alone(record) for record in raw]

    def _run(self, raw: list[RawDoc]) -> list[Batch]:
        batches = [Batch(raw=(record,)) for record in raw]
        for stage in self.stages:
            batches = run_each(stage, batches)
        return [replace(batch, raw=()) for batch in batches]

    def _alone(self, record: RawDoc) -> Batch:
        try:
            return self._run([record])[0]
        except Exception as err:  # noqa: BLE001 (one record's failure is its reject)
            return Batch(rejects=(failure_reject(record.origin, record.source_hash, "pipeline",
                                                 err),))


class FromWorkers:
    """Driver stand-in for a document stage: adds the fields the stage produces from what the
    actors made of each document still in the batch (every raw record, for a stage that reads
    them; else every unique article). A stand-in that reads raw records also adds the rejects
    of records the actors could not process (``DocumentWorker.process``), once."""

    def __init__(self, stage: Any) -> None:
        self.name, self.kind = stage.name, stage.kind
        self.requires, self.produces = stage.requires, stage.produces
        self.parts: dict[Key, Batch] = {}

    def run(self, batch: Batch) -> Batch:
        names = set(self.produces)
        if "raw" in self.requires:
            parts = [self.parts[key(record)] for record in batch.raw]
            names.add("rejects")
        else:
            by_article = {a.article_id: part for part in self.parts.values()
                          for a in part.articles}
            parts = [by_article[a.article_id] for a in batch.unique_articles()]
        added = {name: (*getattr(batch, name),
                        *(item for part in parts for item in getattr(part, name)))
                 for name in names}
        if "rejects" in added:
            added["rejects"] = tuple(dict.fromkeys(added["rejects"]))
        return replace(batch, **added)


def check_document_stages(stages: list[Any], given: frozenset[str] = frozenset({"raw"})) -> None:
    """The actors run the document stages before any corpus stage, each output once: refuse a
    document stage that needs what only a corpus stage makes, or remakes what another made."""
    available = set(given)
    for stage in stages:
        if not stage.requires <= available or stage.produces & (available - given):
            raise DragomanError(
                f"the Ray runner cannot run document stage {stage.name!r} before the corpus "
                "stages: it needs or remakes what another stage makes",
                "make it a corpus stage, or run the pipeline with the local runner")
        available |= stage.produces


class RayRunner(LocalRunner):
    """Runs the pipeline's document stages on Ray actors, the rest on this driver."""

    def __init__(self, store: Store, pipeline: Pipeline, settings: Settings,
                 on_batch: Callable[[int, IngestReport], None] | None = None,
                 window_batches: int = WINDOW_BATCHES,
                 rebuild: Callable[[], Pipeline] | None = None) -> None:
        super().__init__(store, pipeline, settings, on_batch, rebuild)
        self.window_batches = window_batches
        self._make_driver(pipeline)

    def _make_driver(self, pipeline: Pipeline) -> None:
        """The driver's pipeline: ``pipeline`` with its document stages stood in for."""
        self.document = pipeline.of_kind("document")
        check_document_stages(self.document)
        self.stand_ins = {id(stage): FromWorkers(stage) for stage in self.document}
        self.driver = Pipeline([self.stand_ins.get(id(stage), stage) for stage in pipeline.stages])

    def _renew(self) -> None:
        super()._renew()
        self._make_driver(self.pipeline)

    def _run(self, records: Iterable[Record]) -> IngestReport:
        started_ray = connect(self.settings)
        try:
            return self._run_windows(records)
        finally:
            if started_ray:
                ray.shutdown()

    def _run_windows(self, records: Iterable[Record]) -> IngestReport:
        report, started = IngestReport(), time.perf_counter()
        in_this_run: set[tuple[str, str]] = set()
        window_size = self.settings.batch_size * self.window_batches
        for window in batched(records, window_size):
            chunks = [(len(chunk), self._fresh(chunk, in_this_run))
                      for chunk in batched(window, self.settings.batch_size)]
            results = self._document_results([r for _, fresh in chunks for r in fresh
                                              if isinstance(r, RawDoc)])
            for size, fresh in chunks:
                report.records += size
                report.skipped += size - len(fresh)
                if fresh:
                    raw = [r for r in fresh if isinstance(r, RawDoc)]
                    done = dict(zip(map(key, raw), (next(results) for _ in raw)))
                    driver_started = time.thread_time()
                    for batch in self._stored_on_driver(fresh, done):
                        report.add(batch)
                    report.driver_cpu_seconds += time.thread_time() - driver_started
                report.seconds = time.perf_counter() - started
                if self.on_batch:
                    self.on_batch(size, report)
        report.seconds = time.perf_counter() - started
        return report

    def _stored_on_driver(self, fresh: list[Record], done: dict[Key, Batch]) -> list[Batch]:
        """The corpus stages and the write of ``fresh`` (``done``: the actors' results); if
        they raise (and the runner can ``rebuild``), each record alone, by a pipeline made
        anew, and a record that still raises is stored as its reject."""
        try:
            batch = self._corpus_stages(fresh, done)
            self.store.write_batch(batch)
            return [batch]
        except Exception as err:
            if self.rebuild is None:
                raise
            self._renew()
            if len(fresh) == 1:
                return [self._rejected(fresh[0], err)]
            return [b for record in fresh for b in self._stored_on_driver([record], done)]

    def _corpus_stages(self, fresh: list[Record], parts: dict[Key, Batch]) -> Batch:
        raw = tuple(r for r in fresh if isinstance(r, RawDoc))
        for stand_in in self.stand_ins.values():
            stand_in.parts = parts
        return self.driver.run(Batch(raw=raw,
                                     rejects=tuple(r for r in fresh if isinstance(r, Reject))))

    def _document_results(self, records: list[RawDoc]) -> Iterator[Batch]:
        """The actors' batch for each raw record, in input order, as they stream in."""
        if not records:
            return iter(())
        stages = [portable(stage, self.settings.model) for stage in self.document]
        data = ray.data.from_items([{"record": pickle.dumps(r)} for r in records])
        data = data.map_batches(
            DocumentWorker, batch_size=ROWS_PER_TASK, batch_format="pyarrow",
            fn_constructor_args=(stages,),
            compute=ray.data.ActorPoolStrategy(size=self.settings.n_process), num_cpus=1)
        return (pickle.loads(row["result"]) for row in data.iter_rows())


def connect(settings: Settings) -> bool:
    """Join the cluster at ``settings.ray_address`` (or start a local one); True if this call
    started Ray (and so should stop it)."""
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    if ray.is_initialized():
        return False
    try:
        ray.init(address=settings.ray_address or None, include_dashboard=False,
                 log_to_driver=False, configure_logging=False)
    except (ConnectionError, RuntimeError) as err:
        raise DragomanError(f"cannot reach a Ray cluster at {settings.ray_address!r}: {err}",
                            "start one with `ray start --head` and pass its address "
                            "(--address HOST:6379), or leave --address out to start a local "
                            "Ray on this machine") from err
    return True
