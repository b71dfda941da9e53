"""The HTML pages: server-rendered Jinja2 templates (autoescaped) over the same reads as the
JSON API (``records``, ``lists``, ``store.reads``)."""
import dataclasses
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from dragoman.store import Store, reads
from dragoman.store.reads import (
    CUE_CLASSES, EVENT_FLAGS, EVENT_MIN_CONFIDENCE, STATEMENT_KINDS, STATEMENT_MIN_CONFIDENCE,
    EventFilter, StatementFilter)
from dragoman.web import charts, highlight, kept, records
from dragoman.web.deps import get_store
from dragoman.web.lists import LISTS, form_values, page
from dragoman.web.params import (
    DyadSide, Id, Limit, Live, Offset, OptId, SearchKind, SearchQuery, Sort, Text,
    event_filters,
    statement_filters)

StoreDep = Annotated[Store, Depends(get_store)]
NETWORK_TYPES = ("ACCUSE", "REQUEST", "CONSULT")


def router(templates: Jinja2Templates) -> APIRouter:
    pages = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    def render(request: Request, name: str, status_code: int = 200, **context) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=status_code)

    def listing(request: Request, store: Store, name: str, filters: object, limit: int,
                offset: int, sort: str | None = None, **extra) -> HTMLResponse:
        spec = LISTS[name]
        result = page(store, spec, filters, limit, offset, sort)
        return render(request, f"{name}.html", page=result, filters=form_values(filters),
                      sort=spec.sort(sort), **extra)

    def whole(request: Request, filters: object, make, what: str):
        """``make()`` for these ``filters`` (a frozen filter object), kept until the record
        changes: a list's chart is the same for every visitor who asks for the same
        records, whatever page, size or order they look at."""
        return request.app.state.memo.get((what, filters), make)

    def event_types(request: Request, store: Store) -> list[str]:
        return request.app.state.memo.get("event-types", lambda: [
            t for t, _ in reads.event_types(store) if t])

    @pages.get("/")
    def overview(request: Request, store: StoreDep):
        memo = request.app.state.memo
        data = memo.get("overview", lambda: records.overview(store))
        period = memo.get("period", lambda: reads.corpus_period(store))
        bars = memo.get("overview-bars", lambda: charts.stacked_bars(
            reads.events_over_time(store, window=period), "/events?"))
        net = memo.get("overview-network", lambda: charts.network(
            reads.actor_network(store, list(NETWORK_TYPES), 30)))
        return render(request, "overview.html", data=data, bars=bars, net=net)

    def plain_list(name: str):
        """The page of a list that shows just its rows (its template does the rest)."""
        def endpoint(request: Request, store: StoreDep,
                     filters: Annotated[object, Depends(LISTS[name].filters)], limit: Limit = 50,
                     offset: Offset = 0):
            return listing(request, store, name, filters, limit, offset)
        return endpoint

    for name in ("stories", "actors", "articles", "duplicates"):
        pages.add_api_route(f"/{name}", plain_list(name), methods=["GET"])

    @pages.get("/stories/{story_id}")
    def story(request: Request, story_id: Id, store: StoreDep, live: Live = False):
        return render(request, "story.html", live=live, **records.story(store, story_id, live))

    @pages.get("/actors/{actor_id}")
    def actor(request: Request, actor_id: Id, store: StoreDep):
        if reads.get_actor(store, actor_id) is None:
            canonical = reads.canonical_actor(store, actor_id)
            if canonical:
                return RedirectResponse(f"/actors/{canonical}", status_code=307)
        data = kept.actor(request.app.state.memo, store, actor_id)
        link = "/events?" + urlencode({"actor_id": actor_id}) + "&"
        drawn = request.app.state.memo.get(("actor-charts", actor_id), lambda: (
            charts.stacked_bars(data["over_time"], link),
            charts.network(data["network"], height=440)))
        return render(request, "actor.html", **data, bars=drawn[0], net=drawn[1])

    @pages.get("/statements")
    def statements(request: Request, store: StoreDep,
                   filters: Annotated[StatementFilter, Depends(statement_filters)],
                   limit: Limit = 50, offset: Offset = 0, sort: Sort = None):
        query = request.query_params
        shown = {"cue_class": query.get("cue_class") == "any",
                 "min_confidence": (filters.min_confidence or 0) < STATEMENT_MIN_CONFIDENCE}
        return listing(request, store, "statements", filters, limit, offset, sort,
                       kinds=STATEMENT_KINDS, cue_classes=CUE_CLASSES, shown=shown,
                       facets=kept.facets(request.app.state.memo, store, filters),
                       threshold=STATEMENT_MIN_CONFIDENCE)

    @pages.get("/statements/{statement_id}")
    def statement(request: Request, statement_id: Id, store: StoreDep):
        return render(request, "statement.html", **records.statement(store, statement_id))

    @pages.get("/events")
    def events(request: Request, store: StoreDep,
               filters: Annotated[EventFilter, Depends(event_filters)], limit: Limit = 50,
               offset: Offset = 0, sort: Sort = None):
        period = request.app.state.memo.get("period", lambda: reads.corpus_period(store))
        query = request.query_params
        shown = {"historical": query.get("historical") in ("any", "true"),
                 "min_confidence": (filters.min_confidence or 0) < EVENT_MIN_CONFIDENCE}
        over_time = whole(request, filters, lambda: reads.events_over_time(
            store, filters, window=period), "over-time")
        link = "/events?" + urlencode({k: v for k, v in request.query_params.items()
                                       if k not in ("type", "offset")}) + "&"
        dyad = [reads.get_actor(store, actor_id) if actor_id else None
                for actor_id in (filters.source_id, filters.target_id)]
        return listing(request, store, "events", filters, limit, offset, sort,
                       bars=charts.stacked_bars(over_time, link), dyad=dyad, flags=EVENT_FLAGS,
                       types=event_types(request, store), shown=shown,
                       facets=kept.facets(request.app.state.memo, store, filters),
                       threshold=EVENT_MIN_CONFIDENCE,
                       period=period)

    @pages.get("/dyad")
    def dyad(request: Request, store: StoreDep, a: DyadSide, b: DyadSide,
             filters: Annotated[EventFilter, Depends(event_filters)]):
        data = kept.dyad(request.app.state.memo, store, a, b, filters)
        return render(request, "dyad.html", **data, filters=form_values(filters),
                      bars=charts.dyad_bars(data["over_time"]))

    @pages.get("/events/{event_id}")
    def event(request: Request, event_id: Id, store: StoreDep):
        return render(request, "event.html", **records.event(store, event_id))

    @pages.get("/articles/{article_id}")
    def article(request: Request, article_id: Id, store: StoreDep):
        data = records.article(store, article_id)
        spans = highlight.article_spans(data["mentions"], data["statements"],
                                        [*data["events"], *data["event_mentions"]], data["reuse"])
        return render(request, "article.html", **data,
                      segments=highlight.segments(data["article"]["text"], spans))

    @pages.get("/network")
    def network(request: Request, store: StoreDep,
                filters: Annotated[EventFilter, Depends(event_filters)],
                type: Annotated[list[str] | None, Query(max_length=20)] = None,
                limit: Annotated[int, Query(ge=1, le=200)] = 40):
        chosen = [t.upper() for t in (type or NETWORK_TYPES) if t.isalpha() and len(t) <= 20]
        rows = reads.actor_network(store, chosen or list(NETWORK_TYPES), limit,
                                   f=dataclasses.replace(filters, type=None))
        return render(request, "network.html", rows=rows, chosen=chosen, limit=limit,
                      net=charts.network(rows, height=600), filters=form_values(filters),
                      stories=reads.stories(store, "biggest", 50),
                      types=event_types(request, store))

    @pages.get("/outlets")
    def outlets(request: Request, store: StoreDep, actor_id: OptId = None, story: OptId = None,
                q: Text = None):
        data = reads.outlet_coverage(store, actor_id, story, q)
        actor = reads.get_actor(store, actor_id) if actor_id else None
        return render(request, "outlets.html", **data, actor=actor, story=story, q=q or "",
                      stories=reads.stories(store, "biggest", 50),
                      table=charts.outlet_months(data["over_time"]))

    @pages.get("/map")
    def event_map(request: Request, store: StoreDep,
                  filters: Annotated[EventFilter, Depends(event_filters)]):
        data = reads.event_places(store, filters)
        kept = urlencode({k: v for k, v in request.query_params.items() if k != "place"})
        link = "/events?" + (kept + "&" if kept else "")
        return render(request, "map.html", **data, filters=form_values(filters),
                      chart=charts.event_map(data["places"], link),
                      types=event_types(request, store))

    @pages.get("/search")
    def search(request: Request, store: StoreDep, q: SearchQuery = "", scope: SearchKind = "articles",
               statement_filter: Annotated[StatementFilter, Depends(statement_filters)] = None,
               event_filter: Annotated[EventFilter, Depends(event_filters)] = None,
               limit: Limit = 20, offset: Offset = 0):
        found = {k: kept.search(request.app.state.memo, store, q, k,
                                limit if k == scope else 0, offset if k == scope else 0,
                                statement_filter, event_filter)
                 for k in reads.SEARCH_KINDS}
        return render(request, "search.html", q=q, kind=scope, kinds=reads.SEARCH_KINDS,
                      stems=found[scope]["stems"], items=found[scope]["items"], limit=limit,
                      offset=offset, totals={k: v["total"] for k, v in found.items()})

    @pages.get("/apidocs")
    def apidocs(request: Request):
        return render(request, "apidocs.html", schema=request.app.openapi())

    return pages
