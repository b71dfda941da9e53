"""The annotate stage: one spaCy pass per batch, then mentions, statements and events."""
from __future__ import annotations

from dataclasses import replace

from dragoman.model import Article
from dragoman.actors.mentions import Gazetteer, link_document, load_gazetteer
from dragoman.events.extract import EventTools, extract_events, make_tools
from dragoman.statements.extract import Cues, extract_statements, load_cues
from dragoman.actors.titles import with_title_mentions
from dragoman.pipeline import Batch

# languages the English pipeline is run on; None = not identified (treated as English).
# The clean stage records why any other article is skipped in ``Article.nlp_skipped``.
ANNOTATED_LANGUAGES = frozenset({"en", None})


class AnnotateStage:
    """Document stage: ``nlp.pipe`` over the batch's unique English articles."""

    name = "annotate"
    requires = frozenset({"articles"})
    produces = frozenset({"mentions", "actors", "statements", "events"})

    def __init__(self, nlp, cues: Cues | None = None, n_process: int = 1,
                 pipe_batch_size: int = 32, gazetteer: Gazetteer | None = None,
                 event_tools: EventTools | None = None) -> None:
        self.nlp = nlp
        self.cues = cues or load_cues()
        self.gazetteer = gazetteer or load_gazetteer()
        self.event_tools = event_tools or make_tools(self.cues, self.gazetteer)
        self.n_process = n_process
        self.pipe_batch_size = pipe_batch_size
        self._pool = None  # worker processes (n_process > 1), started on first use

    def run(self, batch: Batch) -> Batch:
        todo = annotatable(batch)
        per_article = self._in_workers(todo) if self.n_process > 1 and len(todo) > 1 \
            else self.annotate(todo)
        return with_annotations(batch, per_article)

    def annotate(self, articles: list[Article]) -> list[tuple[list, list, list, list]]:
        """``annotate_doc`` of each article, in this process: what a worker (a pool process or
        a Ray actor) computes for its share of a batch."""
        docs = self.nlp.pipe((a.text for a in articles), batch_size=self.pipe_batch_size)
        return [annotate_doc(doc, article, self.cues, self.gazetteer, self.event_tools)
                for article, doc in zip(articles, docs)]

    def _in_workers(self, articles: list[Article]) -> list[tuple[list, list, list, list]]:
        """Parse and extract in ``n_process`` processes that live as long as the stage; only
        the compact records come back (see runners/pool.py)."""
        if self._pool is None:
            from dragoman.runners.pool import DocumentPool  # runners import this module

            self._pool = DocumentPool(self.annotate, self.n_process,
                                      max_chunk=self.pipe_batch_size)
        return self._pool.map(articles)

    def close(self) -> None:
        """Stop the worker processes, if any (a later ``run`` starts new ones)."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None


def with_annotations(batch: Batch, per_article: list[tuple[list, list, list, list]]) -> Batch:
    """The batch with the records of its annotated articles, in article order."""
    mentions, actors, statements, events = [], [], [], []
    for records in per_article:
        mentions += records[0]
        actors += records[1]
        statements += records[2]
        events += records[3]
    return replace(batch, mentions=tuple(mentions), actors=tuple(actors),
                   statements=tuple(statements), events=tuple(events))


def annotatable(batch: Batch) -> list[Article]:
    """The batch's articles the stage annotates: unique, not skipped, in English."""
    return [a for a in batch.unique_articles()
            if a.nlp_skipped is None and a.language in ANNOTATED_LANGUAGES]


def annotate_doc(doc, article: Article, cues: Cues, gazetteer: Gazetteer | None = None,
                 event_tools: EventTools | None = None) -> tuple[list, list, list, list]:
    """Mentions, actors, statements and events of one parsed article (pass ``event_tools``
    made once by :func:`~dragoman.events.extract.make_tools`; without them they are made here)."""
    doc_actors = link_document(article.article_id, doc.ents, gazetteer)
    doc_actors = with_title_mentions(doc, article.article_id, doc_actors)
    statements = extract_statements(doc, article, doc_actors, cues)
    events = extract_events(doc, article, doc_actors, statements,
                            event_tools or make_tools(cues, gazetteer or load_gazetteer()))
    return doc_actors.mentions, list(doc_actors.actors.values()), statements, events
