"""Stages, the batch they pass along, and the pipeline that checks their order.

A stage declares its ``kind``, what it ``requires`` and what it ``produces`` (names of
``Batch`` fields, like spaCy's ``requires``/``assigns``); ``Pipeline`` refuses an order in which
a stage would run before something it needs exists.

Kinds tell a runner what it may run where:

- a **document** stage treats every document alone: its ``run`` on a batch gives what its
  ``run`` on each one-document batch gives, put together in order. A runner may run it in other
  processes or on other machines (the Ray runner does). Such a stage may also give
  ``run_each(batches)`` (the same over many one-document batches at once, so that it can batch
  its model) and ``portable(model)`` (a copy that can be sent to another process, which loads
  the spaCy package ``model`` there).
- a **corpus** stage reads the whole batch, and may read the store (passed in when it is
  made); runners run it in order, in the process that writes the store.

The annotate stage is itself a list of declared steps over one document (``document.py``),
checked by the same rule (``order.py``).
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Literal, Protocol, runtime_checkable

from dragoman.errors import PipelineError
from dragoman.model import (Actor, Article, Event, EventMention, Mention, RawDoc, Reject, Reuse,
                            Signature, Statement, Story)
from dragoman.pipeline.order import Declared, check_order

StageKind = Literal["document", "corpus"]
STAGE_KINDS: tuple[str, ...] = ("document", "corpus")


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
    event_mentions: tuple[EventMention, ...] = ()  # later reports of the events' acts
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
    kind: StageKind
    requires: frozenset[str]
    produces: frozenset[str]

    def run(self, batch: Batch) -> Batch: ...


STAGES = Declared("stage", Stage, "name, kind, requires, produces and run(batch)", "batch",
                  BATCH_FIELDS)


class Pipeline:
    """An ordered list of stages, checked when made."""

    def __init__(self, stages: list[Any], given: frozenset[str] = frozenset({"raw"})) -> None:
        self.stages = list(stages)
        check_stages(self.stages, given)

    def run(self, batch: Batch) -> Batch:
        for stage in self.stages:
            batch = stage.run(batch)
        return batch

    @property
    def names(self) -> list[str]:
        return [stage.name for stage in self.stages]

    def of_kind(self, kind: StageKind) -> list[Any]:
        """The stages of one kind, in pipeline order."""
        return [stage for stage in self.stages if stage.kind == kind]


def check_stages(stages: list[Any], given: frozenset[str]) -> None:
    """Raise ``PipelineError`` naming the first stage that is not a stage, has no valid kind,
    or needs what is not yet produced."""
    check_order(stages, given, STAGES)
    for stage in stages:
        if stage.kind not in STAGE_KINDS:
            raise PipelineError(
                f"stage {stage.name!r} has kind {stage.kind!r}",
                "set kind to 'document' (each document alone, so any process may run it) or "
                "'corpus' (the whole batch, or the store)")
