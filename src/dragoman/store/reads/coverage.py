"""Who covers what, and where: outlets (articles per outlet, over time, for an actor, a story
or words) and the places of events (``Event.lat``/``lon`` from the gazetteer) for the
explorer's ``/outlets`` and ``/map`` pages and the CLI's ``dragoman outlets``."""
from __future__ import annotations

from dragoman.store.reads.events import event_where
from dragoman.store.reads.filters import EventFilter
from dragoman.store.reads.sql import LIKE_LITERAL, OUTLET_OF, Where, contains, dicts

TOP_OUTLETS = 8  # outlets drawn over time


def _article_where(actor_id: str | None, story: str | None, text: str | None) -> Where:
    """Original articles (no copies) that name the actor, belong to the story, contain the
    words."""
    where = Where()
    where.add("a.duplicate_of IS NULL")
    if actor_id:
        where.add("a.article_id IN (SELECT m.article_id FROM mentions m WHERE m.actor_id = ?)",
                  actor_id)
    if story:
        where.add("a.article_id IN (SELECT unnest(article_ids) FROM stories WHERE story_id = ?)",
                  story)
    if text:
        where.add(f"(a.title {LIKE_LITERAL} OR a.text {LIKE_LITERAL})", contains(text),
                  contains(text))
    return where


def outlet_coverage(store, actor_id: str | None = None, story: str | None = None,
                    text: str | None = None, limit: int = 50) -> dict:
    """The outlets of the articles that name ``actor_id``, belong to ``story`` or contain
    ``text`` (all original articles when none is given): ``{"outlets": [{"outlet",
    "articles", "events", "statements", "first", "last"}], "over_time": [{"outlet", "month",
    "articles"}]}`` (events and statements: those the default filters show; over time: the
    ``TOP_OUTLETS`` biggest)."""
    where = _article_where(actor_id, story, text)
    outlet = OUTLET_OF.format(a="a")
    shown_events = event_where(EventFilter())
    rows = dicts(store.con.execute(
        f"WITH picked AS (SELECT a.article_id, {outlet} AS outlet, a.published FROM articles a"
        f"{where.sql()}), ev AS (SELECT t.article_id, count(*) AS n FROM events t"
        f"{shown_events.sql()} GROUP BY 1), st AS (SELECT article_id, count(*) AS n FROM "
        "statements GROUP BY 1) SELECT p.outlet, count(*) AS articles, "
        "coalesce(sum(ev.n), 0)::BIGINT AS events, coalesce(sum(st.n), 0)::BIGINT AS statements, "
        "min(p.published) AS first, max(p.published) AS last FROM picked p "
        "LEFT JOIN ev USING (article_id) LEFT JOIN st USING (article_id) GROUP BY 1 "
        "ORDER BY articles DESC, p.outlet LIMIT ?",
        [*where.params, *shown_events.params, limit]))
    top = [r["outlet"] for r in rows[:TOP_OUTLETS]]
    over_time = dicts(store.con.execute(
        f"SELECT {outlet} AS outlet, strftime(a.published, '%Y-%m') AS month, count(*) AS "
        f"articles FROM articles a{where.sql()} AND a.published IS NOT NULL AND "
        f"list_contains(?, {outlet}) GROUP BY ALL ORDER BY month, outlet",
        [*where.params, top])) if top else []
    return {"outlets": rows, "over_time": over_time}


def event_places(store, f: EventFilter = EventFilter(), limit: int = 500) -> dict:
    """Where the events ``f`` selects happened: one row per place with coordinates
    (``location``, ``location_admin``, ``lat``, ``lon``, ``events``, ``types``), the most
    reported first, and how many of the events have no coordinates (``unplaced``)."""
    where = event_where(f)
    placed = Where(list(where.where) + ["t.lat IS NOT NULL", "t.lon IS NOT NULL"],
                   list(where.params))
    rows = dicts(store.con.execute(
        "SELECT any_value(t.location) AS location, any_value(t.location_admin) AS "
        "location_admin, round(t.lat, 3) AS lat, round(t.lon, 3) AS lon, count(*) AS events, "
        "list_distinct(list(t.type ORDER BY t.type)) AS types "
        f"FROM events t JOIN articles a USING (article_id){placed.sql()} GROUP BY 3, 4 "
        "ORDER BY events DESC, location LIMIT ?", [*placed.params, limit]))
    unplaced = store.con.execute(
        f"SELECT count(*) FILTER (WHERE t.lat IS NULL OR t.lon IS NULL) FROM events t "
        f"JOIN articles a USING (article_id){where.sql()}", where.params).fetchone()[0]
    return {"places": rows, "unplaced": unplaced}
