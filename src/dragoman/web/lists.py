"""Every list the explorer shows: its filters and the read that fetches one page of it. The
JSON API, the pages and the CSV/JSONL exports are all made from this one table; the record
lists call the read API (``store.reads``) with the filter object their parameters build."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from fastapi.exceptions import RequestValidationError

from dragoman.store import Store, reads
from dragoman.web import params


@dataclass(frozen=True)
class ListSpec:
    name: str
    summary: str
    filters: Callable[..., object]  # a FastAPI dependency: a reads filter object, or a dict
    fetch: Callable[..., list[dict]]  # (store, filters, limit, offset[, sort])
    sorts: dict[str, str] = field(default_factory=dict)  # the columns it sorts by (reads)

    def rows(self, store: Store, filters: object, limit: int, offset: int,
             sort: str | None = None) -> list[dict]:
        """Rows of the list, sorted by ``sort`` (or the default) where the list sorts."""
        if not self.sorts:
            return self.fetch(store, filters, limit, offset)
        return self.fetch(store, filters, limit, offset, self.sort(sort))

    def sort(self, sort: str | None) -> str | None:
        """``sort`` if the list sorts by it, else a 422 naming the columns it sorts by."""
        if sort and sort.lstrip("-") not in self.sorts:
            raise RequestValidationError([{
                "loc": ("query", "sort"), "input": sort, "type": "value_error",
                "msg": f"cannot sort {self.name} by {sort!r}; use one of "
                       f"{', '.join(sorted(self.sorts))} (a leading - sorts descending)"}])
        return sort


def _stories(store: Store, f: dict, limit: int, offset: int) -> list[dict]:
    return reads.stories(store, f["order"], limit, offset)


def _duplicates(store: Store, f: dict, limit: int, offset: int) -> list[dict]:
    return reads.duplicate_groups(store, limit, offset)


def _dyads(store: Store, f: dict, limit: int, offset: int) -> list[dict]:
    return reads.dyads(store, limit, offset, f.get("types"))


def _speakers(store: Store, f: dict, limit: int, offset: int) -> list[dict]:
    return reads.speakers(store, limit, offset)


LISTS: dict[str, ListSpec] = {spec.name: spec for spec in (
    ListSpec("statements", "Statements: who said what, with the source span, newest first",
             params.statement_filters, reads.statements, reads.STATEMENT_SORTS),
    ListSpec("events", "Events: who did what to whom, with the source span, newest first",
             params.event_filters, reads.events, reads.EVENT_SORTS),
    ListSpec("actors", "Actors, most mentioned first", params.actor_filters, reads.actors),
    ListSpec("stories", "Stories", params.story_filters, _stories),
    ListSpec("articles", "Articles (without their text), newest first", params.article_filters,
             reads.articles),
    ListSpec("duplicates", "Articles that have copies, most copies first", params.no_filters,
             _duplicates),
    ListSpec("dyads", "Actor pairs in events (source → target), most frequent first",
             params.dyad_filters, _dyads),
    ListSpec("speakers", "The most quoted speakers", params.no_filters, _speakers),
)}


def page(store: Store, spec: ListSpec, filters: object, limit: int, offset: int,
         sort: str | None = None) -> dict:
    """One page and where the next one starts (``None`` at the end)."""
    rows = spec.rows(store, filters, limit + 1, offset, sort)
    return {"items": rows[:limit], "limit": limit, "offset": offset,
            "next_offset": offset + limit if len(rows) > limit else None}


def form_values(filters: object) -> dict:
    """The filters that are set, by their query parameter names (for forms and links)."""
    if isinstance(filters, dict):
        return filters
    values = reads.present(filters)
    if isinstance(filters, reads.ArticleFilter):  # the article words box is ``q``
        values = {"q" if k == "text" else k: v for k, v in values.items()}
        if not filters.duplicates:
            values["duplicates"] = "false"
    return values
