"""The document stage's steps: what each reads and adds to one document's annotations.

A ``DocStep`` runs on one parsed document (``doc``, the spaCy ``Doc`` of ``article.text``) and
returns the ``DocAnnotations`` it was given with the fields it ``produces`` filled in. A list of
steps is checked once, when the stage is made, by the pipeline's own order rule: a step that
needs a field no earlier step produces is refused with a ``PipelineError``.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any, Protocol, runtime_checkable

from dragoman.model import Actor, Article, Event, EventMention, Mention, Statement
from dragoman.pipeline.order import Declared, check_order


@dataclass(frozen=True)
class DocAnnotations:
    """What the document stage found in one article; named like the ``Batch`` fields they
    join. This record (not a ``Doc``) is what worker processes send back."""

    mentions: tuple[Mention, ...] = ()
    actors: tuple[Actor, ...] = ()
    statements: tuple[Statement, ...] = ()
    events: tuple[Event, ...] = ()
    event_mentions: tuple[EventMention, ...] = ()  # later reports of the events' acts


DOC_FIELDS = frozenset(f.name for f in fields(DocAnnotations))


@runtime_checkable
class DocStep(Protocol):
    name: str
    requires: frozenset[str]
    produces: frozenset[str]

    def run(self, doc: Any, article: Article, found: DocAnnotations) -> DocAnnotations: ...


STEPS = Declared("step", DocStep, "name, requires, produces and run(doc, article, found)",
                 "DocAnnotations", DOC_FIELDS)


def check_steps(steps: Sequence[Any]) -> None:
    """Raise ``PipelineError`` at the first step that is not a step or needs what no earlier
    step produces."""
    check_order(steps, frozenset(), STEPS)


def annotate_doc(doc: Any, article: Article, steps: Sequence[DocStep]) -> DocAnnotations:
    """The annotations of one parsed article: each step in order, from nothing."""
    found = DocAnnotations()
    for step in steps:
        found = step.run(doc, article, found)
    return found
