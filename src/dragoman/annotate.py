"""The annotate stage: one spaCy pass per batch, then its declared steps on each document.

The default steps are actors (gazetteer links, then people named by their title) →
statements → events; each says what it ``requires`` and ``produces`` (``DocAnnotations``
fields), and the list is checked once, when the stage is made. The heavy objects the steps read
(cue lexicon, gazetteer, event tools) are made once and passed in.
"""
from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from dragoman.actors.mentions import DocActors, Gazetteer, link_document, load_gazetteer
from dragoman.actors.titles import with_title_mentions
from dragoman.events.confidence import EventScorer
from dragoman.events.extract import EventTools, events_with_mentions, make_tools
from dragoman.model import Article
from dragoman.pipeline import Batch
from dragoman.pipeline.document import (DOC_FIELDS, DocAnnotations, DocStep, annotate_doc,
                                        check_steps)
from dragoman.pipeline.heap import keep_loaded
from dragoman.pipeline.pool import DocumentPool
from dragoman.statements.extract import Cues, extract_statements, load_cues
from dragoman.text import load_nlp
from dragoman.text.doctext import keep_text

# languages the English pipeline is run on; None = not identified (treated as English).
# The clean stage records why any other article is skipped in ``Article.nlp_skipped``.
ANNOTATED_LANGUAGES = frozenset({"en", None})


def actor_index(found: DocAnnotations) -> DocActors:
    """The document's mentions and actors, looked up by character span."""
    return DocActors(list(found.mentions), {actor.actor_id: actor for actor in found.actors})


@dataclass(frozen=True)
class ActorsStep:
    """Mentions linked to actors through the gazetteer, plus people named only by a title."""

    gazetteer: Gazetteer
    name: ClassVar[str] = "actors"
    requires: ClassVar[frozenset[str]] = frozenset()
    produces: ClassVar[frozenset[str]] = frozenset({"mentions", "actors"})

    def run(self, doc, article: Article, found: DocAnnotations) -> DocAnnotations:
        actors = link_document(article.article_id, doc.ents, self.gazetteer)
        actors = with_title_mentions(doc, article.article_id, actors)
        return replace(found, mentions=tuple(actors.mentions),
                       actors=tuple(actors.actors.values()))


@dataclass(frozen=True)
class StatementsStep:
    """Direct, mixed, block and indirect statements, each with its speaker."""

    cues: Cues
    name: ClassVar[str] = "statements"
    requires: ClassVar[frozenset[str]] = frozenset({"mentions", "actors"})
    produces: ClassVar[frozenset[str]] = frozenset({"statements"})

    def run(self, doc, article: Article, found: DocAnnotations) -> DocAnnotations:
        statements = extract_statements(doc, article, actor_index(found), self.cues)
        return replace(found, statements=tuple(statements))


@dataclass(frozen=True)
class EventsStep:
    """Events with their type, parties and date, linked to the statements that report them,
    each with its calibrated ``confidence`` (``scorer``; none set when it is None), and the
    later sentences that report the same acts (``event_mentions``)."""

    tools: EventTools
    scorer: EventScorer | None = None
    name: ClassVar[str] = "events"
    requires: ClassVar[frozenset[str]] = frozenset({"mentions", "actors", "statements"})
    produces: ClassVar[frozenset[str]] = frozenset({"events", "event_mentions"})

    def run(self, doc, article: Article, found: DocAnnotations) -> DocAnnotations:
        events, mentions = events_with_mentions(doc, article, actor_index(found),
                                                list(found.statements), self.tools)
        if self.scorer is not None:
            events = self.scorer.scored(events, article, found.actors)
        return replace(found, events=tuple(events), event_mentions=tuple(mentions))


def default_steps(cues: Cues | None = None, gazetteer: Gazetteer | None = None,
                  event_tools: EventTools | None = None,
                  scorer: EventScorer | None = None) -> list[DocStep]:
    """actors → statements → events, over the objects given (the packaged ones where None;
    event tools made from the cues and gazetteer: the sparse classifier; the packaged event
    confidence model)."""
    cues = cues or load_cues()
    gazetteer = gazetteer or load_gazetteer()
    tools = event_tools or make_tools(cues, gazetteer)
    return [ActorsStep(gazetteer), StatementsStep(cues),
            EventsStep(tools, scorer or EventScorer.load())]


class AnnotateStage:
    """Document stage: ``nlp.pipe`` over the batch's unique English articles, then the steps
    on each parsed article (``steps``; by default :func:`default_steps` over ``cues``,
    ``gazetteer`` and ``event_tools``). A ``PipelineError`` when the steps are out of order."""

    name = "annotate"
    kind = "document"
    requires = frozenset({"articles"})

    def __init__(self, nlp, cues: Cues | None = None, n_process: int = 1,
                 pipe_batch_size: int = 32, gazetteer: Gazetteer | None = None,
                 event_tools: EventTools | None = None,
                 steps: Sequence[DocStep] | None = None) -> None:
        self.nlp = nlp
        self.model: str | None = None  # set by portable(): the package to load where it runs
        self.steps = list(steps) if steps is not None else default_steps(cues, gazetteer,
                                                                         event_tools)
        check_steps(self.steps)
        self.produces = frozenset().union(*(step.produces for step in self.steps))
        self.n_process = n_process
        self.pipe_batch_size = pipe_batch_size
        self._pool: DocumentPool | None = None  # worker processes (n_process > 1), on first use
        keep_loaded()  # the model and the steps' lexicons live as long as the stage

    def run(self, batch: Batch) -> Batch:
        return with_annotations(batch, self.found_in(annotatable(batch)))

    def run_each(self, batches: Sequence[Batch]) -> list[Batch]:
        """``run`` of each (one-document) batch, with one spaCy pass over all of them."""
        todo = [annotatable(batch) for batch in batches]
        found = iter(self.found_in([article for articles in todo for article in articles]))
        return [with_annotations(batch, [next(found) for _ in articles])
                for batch, articles in zip(batches, todo)]

    def found_in(self, articles: list[Article]) -> list[DocAnnotations]:
        """The annotations of each article: in worker processes when ``n_process`` > 1."""
        if self.n_process > 1 and len(articles) > 1:
            return self._in_workers(articles)
        return self.annotate(articles)

    def annotate(self, articles: list[Article]) -> list[DocAnnotations]:
        """The steps on each article, parsed in this process: what a worker (a pool process
        or a Ray actor) computes for its share of a batch."""
        if self.nlp is None:
            self.nlp = load_nlp(self.model)
            keep_loaded()
        docs = self.nlp.pipe((a.text for a in articles), batch_size=self.pipe_batch_size)
        return [annotate_doc(keep_text(doc, article.text), article, self.steps)
                for article, doc in zip(articles, docs)]

    def _in_workers(self, articles: list[Article]) -> list[DocAnnotations]:
        """Parse and annotate in ``n_process`` processes that live as long as the stage; only
        the compact records come back (see pipeline/pool.py)."""
        if self._pool is None:
            self._pool = DocumentPool(self.annotate, self.n_process,
                                      max_chunk=self.pipe_batch_size)
        return self._pool.map(articles)

    def portable(self, model: str) -> AnnotateStage:
        """A copy to send to another process: no model (that process loads the spaCy package
        ``model`` on first use) and no worker processes of its own."""
        twin = copy.copy(self)
        twin.nlp, twin.model, twin.n_process, twin._pool = None, model, 1, None
        return twin

    def close(self) -> None:
        """Stop the worker processes, if any (a later ``run`` starts new ones)."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None


def with_annotations(batch: Batch, found: Sequence[DocAnnotations]) -> Batch:
    """The batch with the annotations of its annotated articles, in article order."""
    return replace(batch, **{name: tuple(record for one in found for record in getattr(one, name))
                             for name in DOC_FIELDS})


def annotatable(batch: Batch) -> list[Article]:
    """The batch's articles the stage annotates: unique, not skipped, in English."""
    return [a for a in batch.unique_articles()
            if a.nlp_skipped is None and a.language in ANNOTATED_LANGUAGES]
