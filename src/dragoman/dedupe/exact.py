"""Exact duplicates: the same normalised text (case and spacing ignored) as an earlier article."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from dragoman.model import Article
from dragoman.pipeline import Batch

# content hashes → article_id of the stored original, for those already stored
LookupOriginals = Callable[[Iterable[str]], dict[str, str]]


class ExactDedupeStage:
    """Corpus stage: mark ``duplicate_of`` the earliest article with the same content hash."""

    name = "dedupe"
    kind = "corpus"
    requires = frozenset({"articles"})
    produces = frozenset({"articles"})

    def __init__(self, lookup_originals: LookupOriginals) -> None:
        self.lookup_originals = lookup_originals

    def run(self, batch: Batch) -> Batch:
        known = self.lookup_originals({a.content_hash for a in batch.articles})
        return replace(batch, articles=tuple(mark_duplicates(batch.articles, known)))


def mark_duplicates(articles: Iterable[Article], known: dict[str, str]) -> list[Article]:
    """Articles in order, each copy pointing at the first (stored or earlier in the batch)."""
    originals = dict(known)
    marked = []
    for article in articles:
        original = originals.setdefault(article.content_hash, article.article_id)
        if original != article.article_id:
            article = replace(article, duplicate_of=original)
        marked.append(article)
    return marked
