"""One story per unique article: its title, a lead summary and a timeline of its events."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from dragoman.model import Article, Event, Story
from dragoman.pipeline import Batch

_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“A-Z0-9])")


def lead(text: str, sentences: int = 2, max_chars: int = 400) -> str:
    """The first sentences of the first paragraph with enough text in it."""
    paragraph = next((p for p in text.split("\n") if len(p.split()) >= 8), text)
    parts = _SENTENCE_END.split(paragraph.strip())
    summary = " ".join(parts[:sentences])
    return summary if len(summary) <= max_chars else summary[: max_chars - 1].rstrip() + "…"


def timeline_entry(event: Event) -> str:
    """``DATE TYPE: source → target`` for one event."""
    parties = " → ".join(p for p in (event.source, event.target) if p)
    return f"{event.date or 'undated'} {event.type}: {parties}".rstrip(": ")


def story_for(article: Article, events: list[Event]) -> Story:
    ordered = sorted(events, key=lambda e: (e.date or "", e.start))
    return Story(
        story_id="s_" + article.article_id,
        title=article.title or lead(article.text, sentences=1, max_chars=120),
        article_ids=(article.article_id,),
        start_date=article.published,
        end_date=article.published,
        summary=lead(article.text),
        timeline=tuple(timeline_entry(e) for e in ordered),
    )


class SingleArticleStoriesStage:
    """Corpus stage (trivial for now): each unique article starts its own story."""

    name = "stories"
    requires = frozenset({"articles", "events"})
    produces = frozenset({"stories"})

    def run(self, batch: Batch) -> Batch:
        events_of: dict[str, list[Event]] = defaultdict(list)
        for event in batch.events:
            events_of[event.article_id].append(event)
        stories = [story_for(a, events_of[a.article_id]) for a in batch.unique_articles()]
        return replace(batch, stories=tuple(stories))
