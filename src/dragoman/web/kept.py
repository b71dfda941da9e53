"""The reads the explorer keeps until the record changes (``web/memo.py``), shared by the
pages and the JSON API so both answer from the same kept result: an actor's page, a list's
facets for one filter, a dyad, a search. Filters are frozen dataclasses, so they are keys."""
from __future__ import annotations

from dragoman.store import Store, reads
from dragoman.store.reads import EventFilter, StatementFilter
from dragoman.web import records
from dragoman.web.memo import Memo


def actor(memo: Memo, store: Store, actor_id: str) -> dict:
    return memo.get(("actor", actor_id), lambda: records.actor(store, actor_id))


def facets(memo: Memo, store: Store, filters: EventFilter | StatementFilter) -> dict:
    read = reads.event_facets if isinstance(filters, EventFilter) else reads.statement_facets
    return memo.get(("facets", filters), lambda: read(store, filters))


def dyad(memo: Memo, store: Store, a: str, b: str, filters: EventFilter) -> dict:
    return memo.get(("dyad", a, b, filters), lambda: reads.dyad(store, a, b, filters))


def search(memo: Memo, store: Store, q: str, kind: str, limit: int, offset: int,
           statement_filter: StatementFilter | None, event_filter: EventFilter | None) -> dict:
    return memo.get(("search", q, kind, limit, offset, statement_filter, event_filter),
                    lambda: reads.search(store, q, kind, limit, offset, statement_filter,
                                         event_filter))
