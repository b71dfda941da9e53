"""The local runner: batches, idempotency and resuming an interrupted run (no model needed)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from dragoman.clean import CleanStage
from dragoman.dedupe import ExactDedupeStage
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


def test_a_record_that_raises_in_any_stage_is_rejected_and_its_batch_stored():
    settings = Settings(batch_size=4)
    docs = records(6)
    poison = RawDoc("poison.txt", "Article with a poison word that breaks a stage.", "hpoison")
    with Store() as store:
        pipeline = Pipeline([CleanStage(settings), FailsOn("poison")])
        report = LocalRunner(store, pipeline, settings).run([*docs[:2], poison, *docs[2:]])
        counts = reads.counts(store)
        assert counts["inputs"] == len(docs) + 1
        rejects = {r["origin"]: r for r in reads.rejects(store, limit=50)}
        assert rejects["poison.txt"]["reason"] == "failed-pipeline"
        assert "cannot handle 'poison'" in rejects["poison.txt"]["detail"]
        assert counts["articles"] == 7 and report.articles == 7  # 6 articles and a copy
        # the same input again adds nothing and does not crash
        again = LocalRunner(store, pipeline, settings).run([*docs[:2], poison, *docs[2:]])
        assert again.new_records == 0 and reads.counts(store)["inputs"] == len(docs) + 1
