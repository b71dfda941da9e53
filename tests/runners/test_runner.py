"""The local runner: batches, idempotency and resuming an interrupted run (no model needed)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from dragoman.clean import CleanStage
from dragoman.dedupe import ExactDedupeStage, NearDedupeStage, NearDuplicateIndex
from dragoman.model import RawDoc, Reject
from dragoman.pipeline import Batch, Pipeline
from dragoman.runners import LocalRunner
from dragoman.settings import Settings
from dragoman.store import Store, reads


class Interrupt:
    """A stage that stops the run (as Ctrl-C would) when it sees a given batch number."""

    name, kind = "interrupt", "corpus"
    requires, produces = frozenset({"articles"}), frozenset({"articles"})

    def __init__(self, at_batch: int | None):
        self.at_batch, self.seen = at_batch, 0

    def run(self, batch: Batch) -> Batch:
        self.seen += 1
        if self.seen == self.at_batch:
            raise KeyboardInterrupt
        return replace(batch)


def records(n: int) -> list:
    docs = [RawDoc(f"doc{i}.txt", f"Article number {i} says something about the talks.", f"h{i}")
            for i in range(n)]
    return [*docs, Reject("bad.bin", "undecodable", "binary", "hb"),
            RawDoc("copy.txt", docs[0].text, "hcopy")]


def runner(store: Store, interrupt_at: int | None = None) -> LocalRunner:
    settings = Settings(batch_size=4)
    pipeline = Pipeline([CleanStage(settings), ExactDedupeStage(store.originals_for),
                         Interrupt(interrupt_at)])
    return LocalRunner(store, pipeline, settings)


def test_every_record_ends_as_exactly_one_outcome():
    with Store() as store:
        report = runner(store).run(records(10))
        assert (report.articles, report.duplicates, len(report.rejects)) == (10, 1, 1)
        counts = reads.counts(store)
        assert counts["inputs"] == 12 == counts["articles"] + counts["duplicates"] + counts["rejects"]


def test_an_interrupted_run_resumes_without_loss_or_repeats():
    with Store() as store:
        with pytest.raises(KeyboardInterrupt):
            runner(store, interrupt_at=2).run(records(10))
        assert reads.counts(store)["inputs"] == 4  # the first batch of 4 was committed
        report = runner(store).run(records(10))
        assert (report.skipped, report.new_records) == (4, 8)
        counts = reads.counts(store)
        assert (counts["inputs"], counts["articles"], counts["duplicates"]) == (12, 10, 1)


def test_the_same_record_twice_in_one_run_is_kept_once():
    with Store() as store:
        doubled = records(3)[:3] * 2
        report = runner(store).run(doubled)
        assert (report.records, report.skipped, report.articles) == (6, 3, 3)


class FailsOn:
    """A stage that raises on any batch holding an article with ``word`` in its text."""

    name, kind = "fails-on", "corpus"
    requires, produces = frozenset({"articles"}), frozenset({"articles"})

    def __init__(self, word: str):
        self.word = word

    def run(self, batch: Batch) -> Batch:
        if any(self.word in a.text for a in batch.articles):
            raise RuntimeError(f"cannot handle {self.word!r}")
        return batch


POISON = RawDoc("poison.txt", "Article with a poison word that breaks a stage.", "hpoison")


def test_a_record_that_raises_in_any_stage_is_rejected_and_its_batch_stored():
    settings = Settings(batch_size=4)
    docs, poison = records(6), POISON
    with Store() as store:
        def build():
            return Pipeline([CleanStage(settings), FailsOn("poison")])

        pipeline = build()
        report = LocalRunner(store, pipeline, settings, rebuild=build).run(
            [*docs[:2], poison, *docs[2:]])
        counts = reads.counts(store)
        assert counts["inputs"] == len(docs) + 1
        rejects = {r["origin"]: r for r in reads.rejects(store, limit=50)}
        assert rejects["poison.txt"]["reason"] == "failed-pipeline"
        assert "cannot handle 'poison'" in rejects["poison.txt"]["detail"]
        assert counts["articles"] == 7 and report.articles == 7  # 6 articles and a copy
        # the same input again adds nothing and does not crash
        again = LocalRunner(store, build(), settings, rebuild=build).run(
            [*docs[:2], poison, *docs[2:]])
        assert again.new_records == 0 and reads.counts(store)["inputs"] == len(docs) + 1


def test_the_retry_starts_from_the_store_not_from_the_failed_batch():
    """The near-duplicate index remembers the articles of a batch that then failed: retried
    with that index, every record failed (KeyError). The runner rebuilds the pipeline from
    the store, so each good record is an article and only the bad one a reject."""
    settings = Settings(batch_size=10)
    docs = [RawDoc(f"d{i}.txt", f"Article {i}: " + " ".join(f"w{i}x{j}" for j in range(80)),
                   f"h{i}") for i in range(5)]
    with Store() as store:
        def build():
            return Pipeline([CleanStage(settings), ExactDedupeStage(store.originals_for),
                             NearDedupeStage(NearDuplicateIndex.from_store(store),
                                             store.texts_for), FailsOn("poison")])

        LocalRunner(store, build(), settings, rebuild=build).run([*docs, POISON])
        counts = reads.counts(store)
        assert (counts["articles"], counts["duplicates"], counts["rejects"]) == (5, 0, 1)
        assert [r["reason"] for r in reads.rejects(store)] == ["failed-pipeline"]


def test_without_a_way_to_rebuild_the_pipeline_an_error_stops_the_run():
    settings = Settings(batch_size=4)
    with Store() as store:
        pipeline = Pipeline([CleanStage(settings), FailsOn("poison")])
        with pytest.raises(RuntimeError, match="poison"):
            LocalRunner(store, pipeline, settings).run([*records(2), POISON])
        assert reads.counts(store)["inputs"] == 4  # the first batch; not the one that raised


class Seen:
    """A stage that notes the origins of each batch it is given."""

    name, kind = "seen", "corpus"
    requires, produces = frozenset({"articles"}), frozenset({"articles"})

    def __init__(self, batches: list):
        self.batches = batches

    def run(self, batch: Batch) -> Batch:
        self.batches.append([a.origin for a in batch.articles])
        return batch


def test_a_resumed_run_forms_the_batches_a_clean_run_forms():
    """Batches are cut at input positions (record index // batch size): a run resumed after
    an interruption skips the stored batches whole and groups the rest as a clean run does,
    so corpus stages (stories) see the same batches (issue 20, kill -9 and resume)."""
    def run(store, batches, interrupt_at=None):
        settings = Settings(batch_size=4)
        LocalRunner(store, Pipeline([CleanStage(settings), Interrupt(interrupt_at),
                                     Seen(batches)]), settings).run(records(10))

    clean: list = []
    with Store() as store:
        run(store, clean)
    resumed: list = []
    with Store() as store:
        with pytest.raises(KeyboardInterrupt):
            run(store, resumed, interrupt_at=2)
        run(store, resumed)
    assert clean == [[f"doc{i}.txt" for i in range(4)], [f"doc{i}.txt" for i in range(4, 8)],
                     ["doc8.txt", "doc9.txt", "copy.txt"]]
    assert resumed == clean   # the first batch before the interruption, the rest after it
