"""Events: the one listing every surface shows, one event, their types, actor pairs, counts
over time and the network of who does what to whom."""
from __future__ import annotations

import datetime as dt

from dragoman.store.reads.filters import EventFilter
from dragoman.store.reads.sql import (
    LIKE_LITERAL, OUTLET_OF, Where, contains, dicts, fetch, names_actor, one, order_by)
from dragoman.store.reads.statements import ARTICLE_REF
from dragoman.store.store import Store

_FROM = "FROM events t JOIN articles a USING (article_id)"
_SELECT = (f"SELECT t.*, {ARTICLE_REF}, sn.name AS source_name, tn.name AS target_name {_FROM} "
           "LEFT JOIN actors sn ON sn.actor_id = t.source_actor_id "
           "LEFT JOIN actors tn ON tn.actor_id = t.target_actor_id")
_PERIODS = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m", "year": "%Y"}
_SIDES = {"source": (("t.source",), ("t.source_actor_id",)),
          "target": (("t.target",), ("t.target_actor_id",)),
          "actor": (("t.source", "t.target"), ("t.source_actor_id", "t.target_actor_id"))}
_FLAGS = {"negated": "coalesce(t.negated, false)", "hypothetical": "coalesce(t.hypothetical, false)",
          "historical": "coalesce(t.historical, false)", "claims": "t.quoted_in IS NOT NULL"}


def event_where(f: EventFilter) -> Where:
    """The conditions of ``f`` on ``events t JOIN articles a``."""
    where = Where()
    if f.type:
        where.add("t.type = ?", f.type.upper())
    if f.text:
        where.add(f"t.text {LIKE_LITERAL}", contains(f.text))
    for side, (written, ids) in _SIDES.items():
        if getattr(f, side):
            condition, params = names_actor(written, ids, getattr(f, side))
            where.add(condition, *params)
    if f.actor_id:
        where.add("(t.source_actor_id = ? OR t.target_actor_id = ?)", f.actor_id, f.actor_id)
    if f.source_id:
        where.add("t.source_actor_id = ?", f.source_id)
    if f.target_id:
        where.add("t.target_actor_id = ?", f.target_id)
    if f.country:
        where.add("(t.source_country = ? OR t.target_country = ?)", f.country.upper(),
                  f.country.upper())
    if f.place:
        where.add(f"(t.location {LIKE_LITERAL} OR t.location_admin {LIKE_LITERAL})",
                  contains(f.place), contains(f.place))
    if f.source_country:
        where.add("t.source_country = ?", f.source_country.upper())
    if f.target_country:
        where.add("t.target_country = ?", f.target_country.upper())
    if f.since:
        where.add("t.date >= CAST(? AS DATE)", f.since)
    if f.until:
        where.add("t.date <= CAST(? AS DATE)", f.until)
    for flag, condition in _FLAGS.items():
        if getattr(f, flag) is not None:
            where.add(f"({condition}) = ?", getattr(f, flag))
    if f.article:
        where.add("t.article_id = ?", f.article)
    if f.story:
        where.add("t.article_id IN (SELECT unnest(article_ids) FROM stories WHERE story_id = ?)",
                  f.story)
    if f.min_confidence:
        where.add("coalesce(t.confidence, 1.0) >= ?", f.min_confidence)
    if f.outlet:
        where.add(f"{OUTLET_OF.format(a='a')} = ?", f.outlet)
    return where


# the columns an event list can be sorted by (``sort="-date"``: newest first)
EVENT_SORTS = {"date": "t.date", "start": "t.start", "type": "t.type",
               "confidence": "t.confidence",
               "source": "coalesce(sn.name, t.source)", "target": "coalesce(tn.name, t.target)",
               "published": "a.published", "article": "a.title"}


def events(store: Store, f: EventFilter = EventFilter(), limit: int = 50,
           offset: int = 0, sort: str | None = None) -> list[dict]:
    """The events ``f`` selects, newest first (undated last) unless ``sort`` names a column of
    ``EVENT_SORTS`` (``-`` in front: descending), each with its article's origin, title and
    date and its parties' canonical names (``source_name``, ``target_name``)."""
    where = event_where(f)
    where.order = order_by(sort, EVENT_SORTS, "t.date DESC NULLS LAST",
                           "a.origin, t.start, t.event_id")
    return fetch(store, _SELECT, where, limit, offset)


def get_event(store: Store, event_id: str) -> dict | None:
    return one(store, f"{_SELECT} WHERE t.event_id = ?", [event_id])


def event_mentions(store: Store, event_id: str | None = None,
                   article_id: str | None = None) -> list[dict]:
    """The later reports of an event's act in its article (the event's own ``text`` is the
    first), or those of every event of an article, in text order: each with its span, its
    sentence and trigger, and its event's ``type``, ``source`` and ``target``."""
    where = Where()
    if event_id is not None:
        where.add("m.event_id = ?", event_id)
    if article_id is not None:
        where.add("m.article_id = ?", article_id)
    where.order = "m.start, m.event_id"
    return fetch(store, "SELECT m.*, e.type, e.source, e.target FROM event_mentions m "
                 "JOIN events e USING (event_id)", where, 100_000, 0)


def event_types(store: Store) -> list[tuple[str, int]]:
    """Every event type the default filter shows, with its count, most frequent first."""
    where = event_where(EventFilter())
    return store.con.execute(
        f"SELECT t.type, count(*) AS n FROM events t{where.sql()} GROUP BY t.type "
        "ORDER BY n DESC, t.type", where.params).fetchall()


def dyads(store: Store, limit: int = 10, offset: int = 0,
          types: list[str] | None = None) -> list[dict]:
    """The most frequent (source, target) pairs of resolved actors, with their ids (events
    the default filter shows)."""
    where = event_where(EventFilter())
    where.add("s.actor_id <> g.actor_id")
    if types:
        where.add("list_contains(?, t.type)", [x.upper() for x in types])
    return dicts(store.con.execute(
        "SELECT s.actor_id AS source_actor_id, s.name AS source, g.actor_id AS target_actor_id, "
        "g.name AS target, count(*) AS events FROM events t "
        "JOIN actors s ON s.actor_id = t.source_actor_id "
        f"JOIN actors g ON g.actor_id = t.target_actor_id{where.sql()} "
        "GROUP BY ALL ORDER BY events DESC, source, target LIMIT ? OFFSET ?",
        [*where.params, limit, offset]))


def events_over_time(store: Store, f: EventFilter = EventFilter(),
                     period: str | None = None,
                     window: tuple[str | None, str | None] | None = None) -> dict:
    """Counts of the events ``f`` selects per period and type: ``{"period", "from", "to",
    "rows": [{"period", "type", "events"}], "undated", "outside"}``. Without ``since``/``until``
    the window is the middle 96% of the dates (2nd to 98th percentile), so that a few events
    dated to 1800 or 2050 do not stretch the chart over centuries; ``outside`` counts the
    dated events left out. ``window`` (``(since, until)``, e.g. ``corpus_period``) is the
    window instead when ``f`` names no dates and it holds any of them. The period (day, week,
    month, year) is chosen from the window's span when not given."""
    where = event_where(f)
    trim = 0.0 if f.since or f.until else 0.02
    low, high, undated = store.con.execute(
        "SELECT quantile_disc(t.date, ?), quantile_disc(t.date, ?), "
        f"count(*) FILTER (WHERE t.date IS NULL) {_FROM}{where.sql()}",
        [trim, 1 - trim, *where.params]).fetchone()
    if window and window[0] and not (f.since or f.until) and low is not None:
        since, until = (dt.date.fromisoformat(d) for d in window)
        if low <= until and high >= since:
            low, high = max(low, since), min(high, until)
    period = period or _period_for(low, high)
    if period not in _PERIODS:
        raise ValueError(f"period must be one of {sorted(_PERIODS)}")
    dated = " AND ".join([*where.where, "t.date IS NOT NULL"])
    rows = dicts(store.con.execute(
        f"SELECT strftime(t.date, ?) AS period, t.type, count(*) FILTER (WHERE t.date BETWEEN ? "
        f"AND ?) AS events, count(*) FILTER (WHERE t.date NOT BETWEEN ? AND ?) AS outside "
        f"{_FROM} WHERE {dated} GROUP BY ALL ORDER BY period, t.type",
        [_PERIODS[period], low, high, low, high, *where.params]))
    return {"period": period, "from": str(low) if low else None, "to": str(high) if high else None,
            "rows": [{k: r[k] for k in ("period", "type", "events")} for r in rows if r["events"]],
            "undated": undated or 0, "outside": sum(r["outside"] for r in rows)}


def _period_for(low, high) -> str:
    if low is None or high is None:
        return "month"
    days = (high - low).days
    return "day" if days <= 31 else "week" if days <= 366 else "month" if days <= 3660 else "year"


def actor_network(store: Store, types: list[str] | None = None, limit: int = 40,
                  actor_id: str | None = None, f: EventFilter = EventFilter()) -> list[dict]:
    """Who does what to whom among resolved actors: one row per (source, target, type) with its
    count, the busiest ``limit`` first (only those involving ``actor_id`` when given; events
    ``f`` selects: its dates, story, country…; by default the events the default filter
    shows)."""
    where = event_where(f)
    where.add("t.source_actor_id <> t.target_actor_id")
    where.add("list_contains(?, t.type)",
              [x.upper() for x in (types or ("ACCUSE", "REQUEST", "CONSULT"))])
    if actor_id:
        where.add("(t.source_actor_id = ? OR t.target_actor_id = ?)", actor_id, actor_id)
    return dicts(store.con.execute(
        "SELECT t.source_actor_id, s.name AS source, t.target_actor_id, g.name AS target, "
        "t.type, count(*) AS events FROM events t JOIN articles a USING (article_id) "
        "JOIN actors s ON s.actor_id = t.source_actor_id "
        f"JOIN actors g ON g.actor_id = t.target_actor_id{where.sql()} GROUP BY ALL "
        "ORDER BY events DESC, source, target, t.type LIMIT ?", [*where.params, limit]))
