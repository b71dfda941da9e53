"""The pipeline refuses stage orders in which a stage would run before what it needs."""
from __future__ import annotations

import pytest

from dragoman.errors import PipelineError
from dragoman.pipeline import Batch, Pipeline


class FakeStage:
    def __init__(self, name, requires, produces):
        self.name, self.requires, self.produces = name, frozenset(requires), frozenset(produces)
        self.calls = 0

    def run(self, batch: Batch) -> Batch:
        self.calls += 1
        return batch


def test_a_valid_order_runs_every_stage_once():
    stages = [FakeStage("clean", {"raw"}, {"articles"}), FakeStage("annotate", {"articles"}, {"events"}),
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
