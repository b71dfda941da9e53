"""The Ray runner: document stages on a Ray cluster, corpus stages and writes on the driver.

The only module that imports ray (the optional extra ``dragoman[ray]``). It runs the pipeline
that the local runner runs, stage objects included:

- the **document stages** (``CleanStage``, ``AnnotateStage``) are copied to a pool of Ray Data
  actors (``map_batches`` with ``ActorPoolStrategy``); each actor loads the spaCy model once and
  cleans and annotates its share of the input;
- the **corpus stages** (dedupe, resolve, stories and anything else in the list) run on the
  driver, batch by batch in input order, exactly as in the local runner, on the articles and
  records the actors produced; each batch is written with ``Store.write_batch``.

Annotation runs before duplicates are known (they are decided on the driver, against the
store), so an article that turns out to be a duplicate was parsed for nothing: its records are
dropped, and the stored record is the same as the local runner's.

Input is cut into windows (``WINDOW_BATCHES`` batches); each window is one Ray Data pipeline,
streaming, in order, so the driver works on batch *k* while the actors clean and parse the next.
"""
from __future__ import annotations

import copy
import pickle
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from dragoman.clean import CleanStage
from dragoman.errors import DragomanError
from dragoman.model import Article, RawDoc, Reject
from dragoman.annotate import AnnotateStage, annotatable, with_annotations
from dragoman.pipeline import Batch, Pipeline
from dragoman.runners.local import IngestReport, LocalRunner, Record, batched
from dragoman.settings import Settings
from dragoman.store import Store

try:
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


class DocumentWorker:
    """A Ray Data actor: the pipeline's document stages, the model loaded once per actor."""

    def __init__(self, clean: CleanStage, annotate: AnnotateStage | None, model: str) -> None:
        from dragoman.text import load_nlp

        self.clean, self.annotate = clean, annotate
        if annotate is not None:
            annotate.nlp = load_nlp(model)

    def __call__(self, rows: "pa.Table") -> "pa.Table":
        records = [pickle.loads(blob) for blob in rows.column("record").to_pylist()]
        results = [pickle.dumps(result) for result in self.process(records)]
        return pa.table({"result": pa.array(results, pa.large_binary())})

    def process(self, raw: list[RawDoc]) -> list[tuple]:
        """One result per raw record: ``("reject", Reject)`` or ``("article", Article,
        records)``, where ``records`` is what ``annotate_doc`` gave (None: not annotated)."""
        cleaned = self.clean.run(Batch(raw=tuple(raw)))
        todo = annotatable(cleaned) if self.annotate is not None else []
        annotations = dict(zip((a.article_id for a in todo), self.annotate.annotate(todo))) \
            if todo else {}
        done: dict[tuple[str, str], Article | Reject] = {
            (item.origin, item.source_hash): item for item in (*cleaned.articles, *cleaned.rejects)}
        results = []
        for record in raw:
            item = done[(record.origin, record.source_hash)]
            results.append(("article", item, annotations.get(item.article_id))
                           if isinstance(item, Article) else ("reject", item))
        return results


class Cleaned:
    """Driver stand-in for the clean stage: the articles and rejects the actors made."""

    name, requires, produces = CleanStage.name, CleanStage.requires, CleanStage.produces

    def __init__(self) -> None:
        self.results: list[tuple] = []

    def run(self, batch: Batch) -> Batch:
        articles = tuple(r[1] for r in self.results if r[0] == "article")
        rejects = tuple(r[1] for r in self.results if r[0] == "reject")
        return replace(batch, articles=(*batch.articles, *articles),
                       rejects=(*batch.rejects, *rejects))


class Annotated:
    """Driver stand-in for the annotate stage: the records the actors made for the articles
    that are still unique once the corpus stages have run."""

    name, requires, produces = AnnotateStage.name, AnnotateStage.requires, AnnotateStage.produces

    def __init__(self) -> None:
        self.results: list[tuple] = []

    def run(self, batch: Batch) -> Batch:
        found = {r[1].article_id: r[2] for r in self.results if r[0] == "article"}
        return with_annotations(batch, [found[a.article_id] for a in annotatable(batch)])


class RayRunner(LocalRunner):
    """Runs the pipeline's document stages on Ray actors, the rest on this driver."""

    def __init__(self, store: Store, pipeline: Pipeline, settings: Settings,
                 on_batch: Callable[[int, IngestReport], None] | None = None,
                 window_batches: int = WINDOW_BATCHES) -> None:
        super().__init__(store, pipeline, settings, on_batch)
        self.window_batches = window_batches
        self.cleaned, self.annotated = Cleaned(), Annotated()
        self.clean = _only(pipeline, CleanStage)
        self.annotate = _only(pipeline, AnnotateStage)
        self.driver = Pipeline([self._stand_in(stage) for stage in pipeline.stages])

    def _stand_in(self, stage):
        return {id(self.clean): self.cleaned,
                id(self.annotate): self.annotated}.get(id(stage), stage)

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
                    done = [next(results) for _ in raw]
                    driver_started = time.thread_time()
                    batch = self._corpus_stages(fresh, done)
                    self.store.write_batch(batch)
                    report.driver_cpu_seconds += time.thread_time() - driver_started
                    report.add(batch)
                report.seconds = time.perf_counter() - started
                if self.on_batch:
                    self.on_batch(size, report)
        report.seconds = time.perf_counter() - started
        return report

    def _corpus_stages(self, fresh: list[Record], results: list[tuple]) -> Batch:
        self.cleaned.results = self.annotated.results = results
        return self.driver.run(Batch(raw=tuple(r for r in fresh if isinstance(r, RawDoc)),
                                     rejects=tuple(r for r in fresh if isinstance(r, Reject))))

    def _document_results(self, records: list[RawDoc]) -> Iterator[tuple]:
        """The actors' result for each raw record, in input order, as they stream in."""
        if not records:
            return iter(())
        annotate = copy.copy(self.annotate)
        annotate.nlp, annotate.n_process, annotate._pool = None, 1, None  # loaded by each actor
        data = ray.data.from_items([{"record": pickle.dumps(r)} for r in records])
        data = data.map_batches(
            DocumentWorker, batch_size=ROWS_PER_TASK, batch_format="pyarrow",
            fn_constructor_args=(self.clean, annotate, self.settings.model),
            compute=ray.data.ActorPoolStrategy(size=self.settings.n_process), num_cpus=1)
        return (pickle.loads(row["result"]) for row in data.iter_rows())


def _only(pipeline: Pipeline, kind: type):
    stages = [stage for stage in pipeline.stages if isinstance(stage, kind)]
    if len(stages) != 1:
        raise DragomanError(f"the Ray runner expects one {kind.__name__} in the pipeline, "
                            f"found {len(stages)}",
                            "use default_pipeline(), or run it with the local runner")
    return stages[0]


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
