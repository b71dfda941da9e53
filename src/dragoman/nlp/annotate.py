"""The annotate stage: one spaCy pass per batch, then mentions, statements and events."""
from __future__ import annotations

from dataclasses import replace

from dragoman.model import Article
from dragoman.nlp.actors import Gazetteer, link_document, load_gazetteer
from dragoman.nlp.events import extract_events
from dragoman.nlp.statements import Cues, extract_statements, load_cues
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
                 pipe_batch_size: int = 32, gazetteer: Gazetteer | None = None) -> None:
        self.nlp = nlp
        self.cues = cues or load_cues()
        self.gazetteer = gazetteer or load_gazetteer()
        self.n_process = n_process
        self.pipe_batch_size = pipe_batch_size

    def run(self, batch: Batch) -> Batch:
        todo = [a for a in batch.unique_articles()
                if a.nlp_skipped is None and a.language in ANNOTATED_LANGUAGES]
        docs = self.nlp.pipe((a.text for a in todo), batch_size=self.pipe_batch_size,
                             n_process=self.n_process if len(todo) > 1 else 1)
        mentions, actors, statements, events = [], [], [], []
        for article, doc in zip(todo, docs):
            records = annotate_doc(doc, article, self.cues, self.gazetteer)
            mentions += records[0]
            actors += records[1]
            statements += records[2]
            events += records[3]
        return replace(batch, mentions=tuple(mentions), actors=tuple(actors),
                       statements=tuple(statements), events=tuple(events))


def annotate_doc(doc, article: Article, cues: Cues,
                 gazetteer: Gazetteer | None = None) -> tuple[list, list, list, list]:
    """Mentions, actors, statements and events of one parsed article."""
    doc_actors = link_document(article.article_id, doc.ents, gazetteer)
    statements = extract_statements(doc, article, doc_actors, cues)
    events = extract_events(doc, article, doc_actors, statements, cues)
    return doc_actors.mentions, list(doc_actors.actors.values()), statements, events
