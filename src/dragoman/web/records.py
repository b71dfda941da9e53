"""The explorer's composite reads: one record with everything its page or endpoint shows,
each piece from ``store/queries.py``. Pages and the JSON API both call these."""
from __future__ import annotations

from dragoman.errors import StoreError
from dragoman.store import Store, queries
from dragoman.web import citations

SECTION_ROWS = 20


class NotFound(StoreError):
    """No record with this id."""


def _need(row: dict | None, what: str, record_id: str) -> dict:
    if row is None:
        plural = "stories" if what == "story" else what + "s"
        raise NotFound(f"no {what} {record_id!r}", f"take an id from /api/{plural}")
    return row


def overview(store: Store) -> dict:
    low, high = queries.date_range(store)
    return {"counts": queries.counts(store), "published": {"from": low, "to": high},
            "outlets": queries.outlets(store, 10),
            "latest_stories": queries.stories_page(store, "latest", 8),
            "top_dyads": queries.dyads(store, 10), "top_speakers": queries.speakers(store, 10),
            "event_types": [{"type": t, "events": n} for t, n in queries.event_types(store)]}


def story(store: Store, story_id: str) -> dict:
    row = _need(queries.get_story(store, story_id), "story", story_id)
    articles = queries.story_articles(store, story_id)
    texts = {a["article_id"]: (queries.get_article(store, a["article_id"]) or {}).get("text", "")
             for a in articles if a["duplicate_of"] is None}
    summary = row.get("summary_citations") or citations.cite(row.get("summary"), texts)
    return {"story": row, "summary": summary, "articles": articles,
            "actors": queries.story_actors(store, story_id),
            "timeline": queries.story_events(store, story_id, limit=500)}


def actor(store: Store, actor_id: str, rows: int = SECTION_ROWS) -> dict:
    row = _need(queries.get_actor(store, actor_id), "actor", actor_id)
    return {"actor": row, "merges": queries.actor_merges(store, actor_id),
            "activity": queries.actor_activity(store, actor_id),
            "statements_by": queries.search_statements(store, rows, speaker_id=actor_id),
            "statements_about": queries.search_statements(store, rows, about_id=actor_id),
            "events_as_source": queries.search_events(store, rows, source_id=actor_id),
            "events_as_target": queries.search_events(store, rows, target_id=actor_id),
            "over_time": queries.events_over_time(store, actor_id=actor_id),
            "network": queries.actor_network(store, actor_id=actor_id, limit=30)}


def event(store: Store, event_id: str) -> dict:
    row = _need(queries.get_event(store, event_id), "event", event_id)
    return {"event": row, "sources": queries.independent_sources(store, event_id=event_id)}


def statement(store: Store, statement_id: str) -> dict:
    row = _need(queries.get_statement(store, statement_id), "statement", statement_id)
    return {"statement": row,
            "sources": queries.independent_sources(store, statement_id=statement_id)}


def article(store: Store, article_id: str) -> dict:
    row = _need(queries.get_article(store, article_id), "article", article_id)
    everything = 100_000
    original = queries.get_article(store, row["duplicate_of"]) if row["duplicate_of"] else None
    return {"article": row, "mentions": queries.article_mentions(store, article_id),
            "statements": queries.search_statements(store, everything, article=article_id),
            "events": queries.search_events(store, everything, article=article_id),
            "duplicate_of": original and {k: original[k] for k in ("article_id", "origin", "title")},
            "copies": queries.article_copies(store, article_id),
            "reuse": queries.reuse_for(store, article_id)}
