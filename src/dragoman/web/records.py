"""The explorer's composite reads: one record with everything its page or endpoint shows,
each piece from ``store/queries.py``. Pages and the JSON API both call these."""
from __future__ import annotations

from dragoman.errors import StoreError
from dragoman.store import Store, queries
from dragoman.web import citations

SECTION_ROWS = 20
TIMELINE_EVENTS = 100  # on the story page; all of them: /events?story=ID


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
    articles = queries.articles_in_story(store, story_id)
    return {"story": row, "summary": _summary(store, row, articles), "articles": articles,
            "dated": _dated(store, story_id), "actors": queries.actors_in_story(store, story_id),
            "timeline": queries.events_in_story(store, story_id, limit=TIMELINE_EVENTS)}


def _summary(store: Store, row: dict, articles: list[dict]) -> list[dict]:
    """The story's summary as sentences, each citing the spans it comes from: the stories
    stage's cited summary (``queries.story_summary``) where the record has one, else the
    stored summary's sentences found verbatim in the story's articles."""
    if hasattr(queries, "story_summary"):
        cited = queries.story_summary(store, row["story_id"])["sentences"]
        if cited:
            return [{"text": s["text"], "cites": _cites(s)} for s in cited]
    texts = {a["article_id"]: (queries.get_article(store, a["article_id"]) or {}).get("text", "")
             for a in articles if a["duplicate_of"] is None}
    return citations.cite(row.get("summary"), texts)


def _cites(sentence: dict) -> list[dict]:
    """The sentence's own span, then the other articles it also occurs in (no span)."""
    others = [a for a in sentence.get("citations") or [] if a != sentence["article_id"]]
    return [{"article_id": sentence["article_id"], "start": sentence["start"],
             "end": sentence["end"]}] + [{"article_id": a, "start": None, "end": None}
                                         for a in others]


def _dated(store: Store, story_id: str) -> list[dict]:
    """The stories stage's dated timeline (``queries.story_timeline``), when there is one:
    ``[{"date", "support", "articles", "sentences": [{"text", "article_id", "start", "end",
    "citations"}]}]``."""
    if not hasattr(queries, "story_timeline"):
        return []
    return queries.story_timeline(store, story_id=story_id)["dates"]


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
