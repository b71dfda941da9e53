"""The JSON API under ``/api``: one endpoint per list (paged, filtered, exportable) and one per
record. Its OpenAPI schema is at ``/api/openapi.json``."""

import datetime as dt
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field

from dragoman.store import Store, reads
from dragoman.web import export, kept, records
from dragoman.web.deps import get_store, pool_of
from dragoman.web.lists import LISTS, ListSpec, page
from dragoman.store.reads import EventFilter, StatementFilter
from dragoman.web.params import (
    DyadSide, Id, Limit, Live, Offset, OptId, SearchKind, SearchQuery, Sort, event_filters,
    statement_filters)

StoreDep = Annotated[Store, Depends(get_store)]


def _plain(value: object) -> object:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


class Json(JSONResponse):
    """A record as JSON, written directly (dates as ISO text): no per-value conversion pass,
    which on an actor with 100 rows of statements and events costs more than the queries."""

    def render(self, content: object) -> bytes:
        return json.dumps(content, ensure_ascii=False, default=_plain).encode("utf-8")


class Page(BaseModel):
    """One page of a list; ``next_offset`` is where the next page starts (null: no more)."""

    items: list[dict[str, Any]]
    limit: int
    offset: int
    next_offset: int | None


class OverTime(BaseModel):
    """Event counts per period and type between ``from`` and ``to``; ``undated`` events and
    the ``outside`` ones dated beyond the window are not in ``rows``."""

    model_config = {"populate_by_name": True}
    period: str
    from_: str | None = Field(None, alias="from")
    to: str | None
    rows: list[dict[str, Any]]
    undated: int
    outside: int


def _list_endpoint(spec: ListSpec):
    def endpoint(store: StoreDep, filters: Annotated[object, Depends(spec.filters)],
                 limit: Limit = 50, offset: Offset = 0, sort: Sort = None) -> Page:
        return Page(**page(store, spec, filters, limit, offset, sort))
    return endpoint


def _export_endpoint(spec: ListSpec):
    def endpoint(request: Request, filters: Annotated[object, Depends(spec.filters)],
                 format: Annotated[str, Query(pattern=r"^(csv|jsonl)$")] = "csv",
                 sort: Sort = None) -> StreamingResponse:
        body = export.stream(pool_of(request), spec, filters, format, spec.sort(sort))
        name = f"{spec.name}.{format}"
        return StreamingResponse(body, media_type=export.MEDIA_TYPES[format],
                                 headers={"Content-Disposition": f'attachment; filename="{name}"'})
    return endpoint


def router() -> APIRouter:
    api = APIRouter(prefix="/api")
    api.add_api_route("/overview", overview, methods=["GET"], tags=["overview"])
    api.add_api_route("/events/over-time", events_over_time, methods=["GET"], tags=["events"],
                      response_model=OverTime)
    api.add_api_route("/network", network, methods=["GET"], tags=["actors"])
    api.add_api_route("/search", search, methods=["GET"], tags=["search"])
    api.add_api_route("/dyad", dyad, methods=["GET"], tags=["events"],
                      responses={404: {"description": "no actor or country by that name"}})
    api.add_api_route("/events/facets", event_facets, methods=["GET"], tags=["events"])
    api.add_api_route("/statements/facets", statement_facets, methods=["GET"],
                      tags=["statements"])
    for spec in LISTS.values():
        api.add_api_route(f"/{spec.name}/export", _export_endpoint(spec), methods=["GET"],
                          tags=[spec.name], summary=f"{spec.summary}: all of it, as CSV or JSONL",
                          response_class=StreamingResponse,
                          responses={200: {"content": {"text/csv": {}, "application/x-ndjson": {}}}},
                          operation_id=f"export_{spec.name}")
        api.add_api_route(f"/{spec.name}", _list_endpoint(spec), methods=["GET"], tags=[spec.name],
                          summary=spec.summary, response_model=Page,
                          operation_id=f"list_{spec.name}")
    for path, endpoint, tag in (("/stories/{story_id}", story, "stories"),
                                ("/actors/{actor_id}", actor, "actors"),
                                ("/events/{event_id}", event, "events"),
                                ("/statements/{statement_id}", statement, "statements"),
                                ("/articles/{article_id}", article, "articles")):
        api.add_api_route(path, endpoint, methods=["GET"], tags=[tag],
                          responses={404: {"description": "no record with this id"}})
    return api


def overview(request: Request, store: StoreDep) -> dict:
    """Counts, publication dates, outlets, latest stories, top actor pairs and speakers."""
    return Json(request.app.state.memo.get("overview", lambda: records.overview(store)))


Period = Annotated[str | None, Query(pattern=r"^(day|week|month|year)?$")]
Types = Annotated[str, Query(pattern=r"^[A-Za-z_]{1,20}(,[A-Za-z_]{1,20})*$",
                             description="comma-separated PLOVER types")]


def events_over_time(store: StoreDep, filters: Annotated[EventFilter, Depends(event_filters)],
                     period: Period = None) -> OverTime:
    """Matching events counted per day/week/month/year and type (the period is chosen from
    the dates' span when not given)."""
    return OverTime(**reads.events_over_time(store, filters, period or None))


def network(store: StoreDep,
            types: Types = "ACCUSE,REQUEST,CONSULT", actor_id: OptId = None,
            limit: Annotated[int, Query(ge=1, le=200)] = 40) -> list[dict]:
    """Who accuses, requests, consults (or any PLOVER types) whom: one row per
    (source, target, type) with its count."""
    return reads.actor_network(store, types.split(","), limit, actor_id or None)


def search(request: Request, store: StoreDep, q: SearchQuery = "", scope: SearchKind = "articles",
           statement_filter: Annotated[StatementFilter, Depends(statement_filters)] = None,
           event_filter: Annotated[EventFilter, Depends(event_filters)] = None,
           limit: Limit = 20, offset: Offset = 0) -> dict:
    """Articles, statements or events (``scope``) whose text has every word of ``q`` (any ending, with
    or without hyphens), newest first, each with a keyword-in-context ``snippet``;
    statements and events within their filters (the defaults unless given)."""
    return Json(kept.search(request.app.state.memo, store, q, scope, limit, offset,
                            statement_filter, event_filter))


def dyad(request: Request, store: StoreDep, a: DyadSide, b: DyadSide,
         filters: Annotated[EventFilter, Depends(event_filters)]) -> dict:
    """What side ``a`` and side ``b`` (actor ids or names, or ISO3 country codes) did and
    said to each other: both directions, by type, cooperation v. conflict, per month."""
    return Json(kept.dyad(request.app.state.memo, store, a, b, filters))


def event_facets(request: Request, store: StoreDep,
                 filters: Annotated[EventFilter, Depends(event_filters)]) -> dict:
    """How many events match, and per type, country, actor, outlet, flag, confidence band."""
    return Json(kept.facets(request.app.state.memo, store, filters))


def statement_facets(request: Request, store: StoreDep,
                     filters: Annotated[StatementFilter, Depends(statement_filters)]) -> dict:
    """How many statements match, and per speaker, kind, cue class, outlet, confidence band."""
    return Json(kept.facets(request.app.state.memo, store, filters))


def story(story_id: Id, store: StoreDep, live: Live = False) -> dict:
    """A story: its record, summary sentences with the spans they cite, dated timeline
    (``dated``), articles, actors, and its articles' events in date order (``timeline``)."""
    return Json(records.story(store, story_id, live))


def actor(request: Request, actor_id: Id, store: StoreDep) -> dict:
    """An actor: record, merges with evidence, activity, first statements by and about it,
    events as source and target, events over time."""
    return Json(kept.actor(request.app.state.memo, store, actor_id))


def event(event_id: Id, store: StoreDep) -> dict:
    """An event with its source span and how many independent sources report it."""
    return Json(records.event(store, event_id))


def statement(statement_id: Id, store: StoreDep) -> dict:
    """A statement with its source span and how many independent sources report it."""
    return Json(records.statement(store, statement_id))


def article(article_id: Id, store: StoreDep) -> dict:
    """An article with its text and every record extracted from it (character spans into
    ``article.text``), its copies and the passages it shares with other articles."""
    return Json(records.article(store, article_id))
