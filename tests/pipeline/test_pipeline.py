"""The pipeline refuses stage orders in which a stage would run before what it needs, and
stages without a valid kind."""
from __future__ import annotations

import pytest

from dragoman.errors import PipelineError
from dragoman.pipeline import Batch, Pipeline


class FakeStage:
    def __init__(self, name, requires, produces, kind="corpus"):
        self.name, self.requires, self.produces = name, frozenset(requires), frozenset(produces)
        self.kind = kind
        self.calls = 0

    def run(self, batch: Batch) -> Batch:
        self.calls += 1
        return batch


def test_a_valid_order_runs_every_stage_once():
    stages = [FakeStage("clean", {"raw"}, {"articles"}, "document"),
              FakeStage("annotate", {"articles"}, {"events"}, "document"),
              FakeStage("stories", {"articles", "events"}, {"stories"})]
    Pipeline(stages).run(Batch())
    assert [s.calls for s in stages] == [1, 1, 1]


def test_a_stage_before_its_inputs_is_refused_with_its_name():
    stages = [FakeStage("stories", {"events"}, {"stories"}), FakeStage("annotate", {"raw"}, {"events"})]
    with pytest.raises(PipelineError, match=r"stage 'stories' \(position 1\) needs \['events'\]"):
        Pipeline(stages)


def test_unknown_field_names_are_refused():
    with pytest.raises(PipelineError, match="unknown batch fields"):
        Pipeline([FakeStage("x", {"raw"}, {"sentiment"})])


def test_non_stage_is_refused():
    with pytest.raises(PipelineError, match="is not a stage"):
        Pipeline([object()])


def test_a_stage_without_a_valid_kind_is_refused():
    with pytest.raises(PipelineError, match="stage 'x' has kind 'batch'") as err:
        Pipeline([FakeStage("x", {"raw"}, {"articles"}, kind="batch")])
    assert "'document'" in err.value.hint and "'corpus'" in err.value.hint


def test_the_pipeline_lists_its_stages_by_kind():
    clean, dedupe = FakeStage("clean", {"raw"}, {"articles"}, "document"), \
        FakeStage("dedupe", {"articles"}, {"articles"})
    pipeline = Pipeline([clean, dedupe])
    assert pipeline.of_kind("document") == [clean] and pipeline.of_kind("corpus") == [dedupe]


def test_every_stage_of_the_default_pipeline_has_a_kind():
    from dragoman.runners import default_pipeline
    from dragoman.settings import Settings
    from dragoman.store import Store

    with Store() as store:
        stages = default_pipeline(store, object(), Settings()).stages
    assert {s.name: s.kind for s in stages} == {
        "clean": "document", "dedupe": "corpus", "near-dedupe": "corpus", "reuse": "corpus",
        "annotate": "document", "resolve": "corpus", "stories": "corpus"}
