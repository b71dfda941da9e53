"""Stages, the batch they pass along, and the pipeline that checks their order.

A stage declares what it ``requires`` and ``produces`` (names of ``Batch`` fields, like spaCy's
``requires``/``assigns``); ``Pipeline`` refuses an order in which a stage would run before
something it needs exists. Document stages are pure functions of a batch; corpus stages also
read the store (passed in when they are made).
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Protocol, runtime_checkable

from dragoman.errors import PipelineError
from dragoman.model import (Actor, Article, Event, Mention, RawDoc, Reject, Reuse, Signature,
                            Statement, Story)


@dataclass(frozen=True)
class Batch:
    """Everything one batch of input becomes; each stage returns a new Batch."""

    raw: tuple[RawDoc, ...] = ()
    articles: tuple[Article, ...] = ()
    rejects: tuple[Reject, ...] = ()
    mentions: tuple[Mention, ...] = ()
    actors: tuple[Actor, ...] = ()
    statements: tuple[Statement, ...] = ()
    events: tuple[Event, ...] = ()
    stories: tuple[Story, ...] = ()
    signatures: tuple[Signature, ...] = ()
    reuse: tuple[Reuse, ...] = ()
    # what the stories stage keeps between batches (stories/stage.py StoryUpdate)
    story_updates: tuple = ()

    def unique_articles(self) -> list[Article]:
        """Articles that are not duplicates: the ones the NLP stages read."""
        return [a for a in self.articles if a.duplicate_of is None]


BATCH_FIELDS = frozenset(f.name for f in fields(Batch))


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: frozenset[str]
    produces: frozenset[str]

    def run(self, batch: Batch) -> Batch: ...


class Pipeline:
    """An ordered list of stages, checked when made."""

    def __init__(self, stages: list[Any], given: frozenset[str] = frozenset({"raw"})) -> None:
        self.stages = list(stages)
        check_order(self.stages, given)

    def run(self, batch: Batch) -> Batch:
        for stage in self.stages:
            batch = stage.run(batch)
        return batch

    @property
    def names(self) -> list[str]:
        return [stage.name for stage in self.stages]


def check_order(stages: list[Any], given: frozenset[str]) -> None:
    """Raise ``PipelineError`` naming the first stage whose needs are not yet produced."""
    available = set(given)
    for position, stage in enumerate(stages):
        if not isinstance(stage, Stage):
            raise PipelineError(f"{stage!r} is not a stage",
                                "give it name, requires, produces and run(batch)")
        unknown = (stage.requires | stage.produces) - BATCH_FIELDS
        if unknown:
            raise PipelineError(f"stage {stage.name!r} names unknown batch fields {sorted(unknown)}",
                                f"use names from: {', '.join(sorted(BATCH_FIELDS))}")
        missing = stage.requires - available
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} (position {position + 1}) needs {sorted(missing)}, "
                "which no earlier stage produces",
                "put a stage that produces it earlier in the pipeline")
        available |= stage.produces
