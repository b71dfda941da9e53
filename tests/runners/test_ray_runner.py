"""The Ray runner stores the same records as the local runner (a small local Ray cluster)."""
from __future__ import annotations

import sys
from dataclasses import replace

import pytest

from dragoman.api import ingest
from dragoman.errors import DragomanError
from dragoman.model import Article, Mention, RawDoc
from dragoman.pipeline import Batch, Pipeline
from dragoman.settings import Settings
from dragoman.store import Store, reads
from tests.runners.test_runner_parallel import snapshot

ray = pytest.importorskip("ray", reason="the Ray runner needs the extra dragoman[ray]")
ray_runner = pytest.importorskip("dragoman.runners.ray")


class ToArticles:
    """A document stage: every raw record becomes an article (its id: its text)."""

    name, kind = "to-articles", "document"
    requires, produces = frozenset({"raw"}), frozenset({"articles"})

    def run(self, batch):
        return replace(batch, articles=(*batch.articles, *(
            Article(article_id=r.text, origin=r.origin, text=r.text, content_hash=r.text,
                    source_hash=r.source_hash) for r in batch.raw)))


class SecondIsDuplicate:
    """A corpus stage: marks an article whose text an earlier one has as its duplicate."""

    name, kind = "dedupe", "corpus"
    requires = produces = frozenset({"articles"})

    def run(self, batch):
        seen, articles = {}, []
        for a in batch.articles:
            articles.append(replace(a, duplicate_of=seen[a.text]) if a.text in seen else a)
            seen.setdefault(a.text, a.origin)
        return replace(batch, articles=tuple(articles))


class MentionEachWord:
    """A document stage over unique articles: one mention per word."""

    name, kind = "mentions", "document"
    requires, produces = frozenset({"articles"}), frozenset({"mentions"})

    def run(self, batch):
        return replace(batch, mentions=tuple(
            Mention(a.article_id, 0, 1, word, "X", None)
            for a in batch.unique_articles() for word in a.text.split()))


def test_the_driver_with_stand_ins_makes_what_the_pipeline_makes():
    stages = [ToArticles(), SecondIsDuplicate(), MentionEachWord()]
    raw = tuple(RawDoc(origin=f"r{i}", text=text, source_hash=f"h{i}")
                for i, text in enumerate(["a b", "c", "a b", "d e f"]))
    parts = ray_runner.DocumentWorker([s for s in stages if s.kind == "document"]).process(
        list(raw))
    assert [len(p.mentions) for p in parts] == [2, 1, 2, 3]  # the duplicate too, before dedupe
    stand_ins = {id(s): ray_runner.FromWorkers(s) for s in stages if s.kind == "document"}
    for stand_in in stand_ins.values():
        stand_in.parts = dict(zip(map(ray_runner.key, raw), parts))
    driver = Pipeline([stand_ins.get(id(s), s) for s in stages])
    assert driver.run(Batch(raw=raw)) == Pipeline(stages).run(Batch(raw=raw))


def test_a_document_stage_that_needs_a_corpus_stage_is_refused():
    needs_stories = MentionEachWord()
    needs_stories.requires = frozenset({"stories"})
    with pytest.raises(DragomanError, match="cannot run document stage 'mentions'"):
        ray_runner.check_document_stages([ToArticles(), needs_stories])


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


@pytest.mark.model
@pytest.mark.shared
def test_ray_runner_stores_what_the_local_runner_stores(seeds, nlp, tmp_path, local_ray):
    stored = {}
    for runner in ("local", "ray"):
        settings = Settings(db=str(tmp_path / f"{runner}.duckdb"), runner=runner, n_process=2,
                            batch_size=2)
        report = ingest([str(seeds)], settings=settings, nlp=nlp)
        assert report.articles == 5
        with Store(settings.db, read_only=True) as store:
            stored[runner] = snapshot(store)
    assert stored["local"]["statements"] and stored["local"]["events"]
    assert stored["ray"] == stored["local"]


@pytest.mark.model
@pytest.mark.shared
def test_cli_ingest_with_the_ray_runner_twice_adds_nothing(seeds, tmp_path, local_ray,
                                                           shared_model):
    from click.testing import CliRunner

    from dragoman.cli import cli

    command = ["ingest", str(seeds), "--runner", "ray", "--workers", "1",
               "--db", str(tmp_path / "cli.duckdb")]
    first = CliRunner().invoke(cli, command, catch_exceptions=False)
    assert first.exit_code == 0, first.output
    assert "Articles 5" in first.output
    again = CliRunner().invoke(cli, command, catch_exceptions=False)
    assert "0 new, 5 already in the record" in again.output


class RaisesOn:
    """A stage (document or corpus) that raises on any batch holding a record with ``word``."""

    name, requires, produces = "raises", frozenset({"articles"}), frozenset()

    def __init__(self, word: str, kind: str):
        self.word, self.kind = word, kind

    def run(self, batch):
        if any(self.word in a.text for a in batch.articles):
            raise RuntimeError(f"cannot handle {self.word!r}")
        return batch


GOOD = [RawDoc(origin=f"r{i}", text=f"good {i}", source_hash=f"h{i}") for i in range(5)]
POISON = RawDoc(origin="poison", text="poison here", source_hash="hp")


def test_an_actor_rejects_the_record_its_document_stages_raise_on_and_keeps_the_others():
    worker = ray_runner.DocumentWorker([ToArticles(), RaisesOn("poison", "document")])
    parts = worker.process([*GOOD[:2], POISON, GOOD[2]])
    assert [[a.origin for a in p.articles] for p in parts] == [["r0"], ["r1"], [], ["r2"]]
    (reject,) = parts[2].rejects
    assert (reject.origin, reject.reason) == ("poison", "failed-pipeline")
    assert "cannot handle 'poison'" in reject.detail


@pytest.mark.parametrize("kind", ["document", "corpus"])
def test_the_ray_runner_stores_a_batch_that_raises_record_by_record(kind, local_ray):
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the actors run its stages
    settings = Settings(batch_size=4, n_process=1, runner="ray")

    def build():
        return Pipeline([ToArticles(), RaisesOn("poison", kind)])

    with Store() as store:
        report = ray_runner.RayRunner(store, build(), settings, rebuild=build).run(
            [*GOOD[:2], POISON, *GOOD[2:]])
        rows = {r["origin"]: r for r in reads.rejects(store)}
        assert rows["poison"]["reason"] == "failed-pipeline"
        assert reads.counts(store)["articles"] == len(GOOD) == report.articles
