"""Every list the explorer shows: its filters and the query that fetches one page of it. The
JSON API, the pages and the CSV/JSONL exports are all made from this one table."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dragoman.store import Store, queries
from dragoman.web import params


@dataclass(frozen=True)
class ListSpec:
    name: str
    summary: str
    filters: Callable[..., dict]  # a FastAPI dependency returning the query's keyword arguments
    fetch: Callable[[Store, dict, int, int], list[dict]]


def _actors(store: Store, f: dict, limit: int, offset: int) -> list[dict]:
    return queries.list_actors(store, limit=limit, offset=offset, **f)


def _stories(store: Store, f: dict, limit: int, offset: int) -> list[dict]:
    return queries.stories_page(store, limit=limit, offset=offset, **f)


def _duplicates(store: Store, f: dict, limit: int, offset: int) -> list[dict]:
    return queries.duplicate_groups(store, limit=limit, offset=offset)


def _speakers(store: Store, f: dict, limit: int, offset: int) -> list[dict]:
    return queries.speakers(store, limit=limit, offset=offset)


LISTS: dict[str, ListSpec] = {spec.name: spec for spec in (
    ListSpec("statements", "Statements: who said what, with the source span",
             params.statement_filters,
             lambda s, f, limit, offset: queries.search_statements(s, limit, offset, **f)),
    ListSpec("events", "Events: who did what to whom, with the source span",
             params.event_filters,
             lambda s, f, limit, offset: queries.search_events(s, limit, offset, **f)),
    ListSpec("actors", "Actors, most mentioned first", params.actor_filters, _actors),
    ListSpec("stories", "Stories", params.story_filters, _stories),
    ListSpec("articles", "Articles (without their text), newest first", params.article_filters,
             lambda s, f, limit, offset: queries.list_articles(s, limit=limit, offset=offset, **f)),
    ListSpec("duplicates", "Articles that have copies, most copies first", params.no_filters,
             _duplicates),
    ListSpec("dyads", "Actor pairs in events (source → target), most frequent first",
             params.dyad_filters,
             lambda s, f, limit, offset: queries.dyads(s, limit, offset, **f)),
    ListSpec("speakers", "The most quoted speakers", params.no_filters, _speakers),
)}


def page(store: Store, spec: ListSpec, filters: dict, limit: int, offset: int) -> dict:
    """One page and where the next one starts (``None`` at the end)."""
    rows = spec.fetch(store, filters, limit + 1, offset)
    return {"items": rows[:limit], "limit": limit, "offset": offset,
            "next_offset": offset + limit if len(rows) > limit else None}
