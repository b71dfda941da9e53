"""Facet counts of a list: for the records a filter selects, how many there are in all and
per value of a few columns (type, country, actor, outlet, flags, confidence band), each value
with the query parameter that narrows the list to it. Datasette's facets, over the read API's
filters, so the CLI, the JSON API and the pages count the same records."""
from __future__ import annotations

from dragoman.store.reads.events import event_where
from dragoman.store.reads.filters import EventFilter, StatementFilter
from dragoman.store.reads.sql import OUTLET_OF, Where
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
# facet: (SQL of its value per record — a list is counted once per distinct member —,
# whether values are actor ids to name, the query parameter that narrows to a value)
_EVENT_FACETS = {
    "type": ("t.type", False, "type"),
    "country": ("list_distinct(list_filter([t.source_country, t.target_country], "
                "lambda c: c IS NOT NULL))", False, "country"),
    "actor": ("list_distinct(list_filter([t.source_actor_id, t.target_actor_id], "
              "lambda c: c IS NOT NULL))", True, "actor_id"),
    "outlet": (OUTLET_OF.format(a="a"), False, "outlet"),
    "confidence": (_BAND, False, "min_confidence"),
}
_STATEMENT_FACETS = {
    "speaker": ("t.speaker_actor_id", True, "speaker_id"),
    "kind": ("t.kind", False, "kind"),
    "cue class": ("coalesce(t.cue_class, 'speech')", False, "cue_class"),
    "outlet": (OUTLET_OF.format(a="a"), False, "outlet"),
    "confidence": (_BAND, False, "min_confidence"),
}
_LISTS = {"country", "actor"}  # facets whose value is a list
_EVENT_FLAG_COUNTS = {"negated": "coalesce(t.negated, false)",
                      "hypothetical": "coalesce(t.hypothetical, false)",
                      "historical": "coalesce(t.historical, false)",
                      "claims": "t.quoted_in IS NOT NULL"}


def event_facets(store: Store, f: EventFilter = EventFilter(), n: int = FACET_VALUES) -> dict:
    """``{"total", "facets": {name: [{"value", "label", "count", "param", "arg"}]}}`` of the
    events ``f`` selects; ``flags`` counts the negated, hypothetical, historical and claimed
    ones among them."""
    result = _facets(store, _EVENTS, event_where(f), _EVENT_FACETS, n, _EVENT_FLAG_COUNTS)
    return result


def statement_facets(store: Store, f: StatementFilter = StatementFilter(),
                     n: int = FACET_VALUES) -> dict:
    """``{"total", "facets": {name: [{"value", "label", "count", "param", "arg"}]}}`` of the
    statements ``f`` selects."""
    return _facets(store, _STATEMENTS, statement_where(f), _STATEMENT_FACETS, n, {})


def _facets(store: Store, source: str, where: Where, facets: dict, n: int,
            flags: dict[str, str]) -> dict:
    """Every facet's counts in one query: the matching records are read once (a
    materialized CTE) and grouped per facet."""
    columns = [f"{sql} AS f{i}" for i, (sql, _, _) in enumerate(facets.values())]
    columns += [f"{sql} AS g{i}" for i, sql in enumerate(flags.values())]
    parts = ["SELECT -1 AS facet, NULL AS value, count(*) AS n FROM m"]
    for i, name in enumerate(facets):
        value = f"unnest(f{i})" if name in _LISTS else f"f{i}"
        parts.append(f"SELECT {i}, v, count(*) FROM (SELECT {value} AS v FROM m) "
                     "WHERE v IS NOT NULL GROUP BY v")
    parts += [f"SELECT {len(facets) + i}, NULL, count(*) FILTER (WHERE g{i}) FROM m"
              for i in range(len(flags))]
    rows = store.con.execute(
        f"WITH m AS MATERIALIZED (SELECT {', '.join(columns)} {source}{where.sql()}) "
        + " UNION ALL ".join(parts), where.params).fetchall()
    counted: dict[int, list[tuple]] = {}
    for facet, value, count in rows:
        counted.setdefault(facet, []).append((value, count))
    names = _actor_names(store, [v for i, (_, actor, _) in enumerate(facets.values()) if actor
                                 for v, _ in _top(counted.get(i, []), n)])
    out = {}
    for i, (name, (_, actor, param)) in enumerate(facets.items()):
        out[name] = [{"value": value, "label": names.get(value, value) if actor else value,
                      "count": count, "param": param,
                      "arg": _BAND_PARAM.get(value) if name == "confidence" else value}
                     for value, count in _top(counted.get(i, []), n)]
    if flags:
        out["flags"] = [{"value": flag, "label": flag, "count": counted[len(facets) + i][0][1],
                         "param": flag, "arg": "true"}
                        for i, flag in enumerate(flags) if counted[len(facets) + i][0][1]]
    return {"total": counted[-1][0][1], "facets": out}


def _top(values: list[tuple], n: int) -> list[tuple]:
    return sorted(values, key=lambda vc: (-vc[1], str(vc[0])))[:n]


def _actor_names(store: Store, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    return dict(store.con.execute("SELECT actor_id, name FROM actors WHERE list_contains(?, "
                                  "actor_id)", [ids]).fetchall())
