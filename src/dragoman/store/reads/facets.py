"""Facet counts of a list: for the records a filter selects, how many there are in all and
per value of a few columns (type, country, actor, outlet, flags, confidence band), each value
with the query parameter that narrows the list to it. Datasette's facets, over the read API's
filters, so the CLI, the JSON API and the pages count the same records."""
from __future__ import annotations

from dragoman.store.reads.events import event_where
from dragoman.store.reads.filters import EventFilter, StatementFilter
from dragoman.store.reads.sql import OUTLET_OF, Where, scalar
from dragoman.store.reads.statements import statement_where
from dragoman.store.store import Store

FACET_VALUES = 10  # the most frequent values shown per facet
# confidence bands: (label, lowest confidence in it); a click keeps records at or above it
CONFIDENCE_BANDS = (("0.9–1", 0.9), ("0.7–0.9", 0.7), ("0.5–0.7", 0.5), ("below 0.5", 0.0))
_BAND = ("CASE WHEN t.confidence IS NULL THEN 'not scored' "
         + " ".join(f"WHEN t.confidence >= {low} THEN '{label}'"
                    for label, low in CONFIDENCE_BANDS) + " END")
_BAND_PARAM = {label: low for label, low in CONFIDENCE_BANDS} | {"not scored": None}

_EVENTS = "FROM events t JOIN articles a USING (article_id)"
_STATEMENTS = "FROM statements t JOIN articles a USING (article_id)"
# facet: (SQL giving (value, label) per record (or a list of them: unnested), the parameter)
_EVENT_FACETS = {
    "type": ("t.type", None, "type"),
    "country": ("unnest(list_distinct(list_filter([t.source_country, t.target_country], "
                "lambda c: c IS NOT NULL)))", None, "country"),
    "actor": ("unnest(list_distinct(list_filter([t.source_actor_id, t.target_actor_id], "
              "lambda c: c IS NOT NULL)))", "actor", "actor_id"),
    "outlet": (OUTLET_OF.format(a="a"), None, "outlet"),
    "confidence": (_BAND, None, "min_confidence"),
}
_STATEMENT_FACETS = {
    "speaker": ("t.speaker_actor_id", "actor", "speaker_id"),
    "kind": ("t.kind", None, "kind"),
    "cue class": ("coalesce(t.cue_class, 'speech')", None, "cue_class"),
    "outlet": (OUTLET_OF.format(a="a"), None, "outlet"),
    "confidence": (_BAND, None, "min_confidence"),
}
_EVENT_FLAG_COUNTS = {"negated": "coalesce(t.negated, false)",
                      "hypothetical": "coalesce(t.hypothetical, false)",
                      "historical": "coalesce(t.historical, false)",
                      "claims": "t.quoted_in IS NOT NULL"}


def event_facets(store: Store, f: EventFilter = EventFilter(), n: int = FACET_VALUES) -> dict:
    """``{"total", "facets": {name: [{"value", "label", "count", "param", "arg"}]}}`` of the
    events ``f`` selects; ``flags`` counts the negated, hypothetical, historical and claimed
    ones among them."""
    where = event_where(f)
    result = _facets(store, _EVENTS, where, _EVENT_FACETS, n)
    flags = ", ".join(f"count(*) FILTER (WHERE {sql})" for sql in _EVENT_FLAG_COUNTS.values())
    counts = store.con.execute(f"SELECT {flags} {_EVENTS}{where.sql()}", where.params).fetchone()
    result["facets"]["flags"] = [
        {"value": name, "label": name, "count": count, "param": name, "arg": "true"}
        for name, count in zip(_EVENT_FLAG_COUNTS, counts) if count]
    return result


def statement_facets(store: Store, f: StatementFilter = StatementFilter(),
                     n: int = FACET_VALUES) -> dict:
    """``{"total", "facets": {name: [{"value", "label", "count", "param", "arg"}]}}`` of the
    statements ``f`` selects."""
    return _facets(store, _STATEMENTS, statement_where(f), _STATEMENT_FACETS, n)


def _facets(store: Store, source: str, where: Where, facets: dict, n: int) -> dict:
    total = scalar(store, f"SELECT count(*) {source}{where.sql()}", where.params)
    out = {}
    for name, (value_sql, label, param) in facets.items():
        rows = store.con.execute(
            f"WITH v AS (SELECT {value_sql} AS value {source}{where.sql()}) "
            "SELECT v.value, " + ("x.name" if label == "actor" else "v.value")
            + " AS label, count(*) AS n FROM v "
            + ("LEFT JOIN actors x ON x.actor_id = v.value " if label == "actor" else "")
            + "WHERE v.value IS NOT NULL GROUP BY ALL ORDER BY n DESC, label LIMIT ?",
            [*where.params, n]).fetchall()
        out[name] = [{"value": value, "label": text or value, "count": count, "param": param,
                      "arg": _BAND_PARAM.get(value) if name == "confidence" else value}
                     for value, text, count in rows]
    return {"total": total, "facets": out}
