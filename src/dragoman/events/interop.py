"""Events in two layouts other tools read: a GDELT-2.0-like table and POLECAT/PLOVER-like JSON.

Crosswalk (also in docs/events.md):

| ours | GDELT 2.0 events | POLECAT (PLOVER) |
|---|---|---|
| event_id | GLOBALEVENTID | event_id |
| date (YYYY-MM-DD) | SQLDATE (YYYYMMDD), MonthYear, Year | event_date |
| source_name (else source), source_country, source_sector | Actor1Name, Actor1CountryCode, Actor1Type1Code | actor (+ actor_text: source as written), actor_country, actor_sector |
| target_name (else target), target_country, target_sector | Actor2Name, Actor2CountryCode, Actor2Type1Code | recipient (+ recipient_text), recipient_country, recipient_sector |
| cameo (root) | EventCode, EventBaseCode, EventRootCode | – |
| type, mode | – | event_type, event_mode |
| type → quad class | QuadClass (1 verbal coop … 4 material conflict) | quad_code |
| location, location_country | ActionGeo_FullName, ActionGeo_CountryCode | placename, country |
| cluster reports / articles | NumMentions, NumArticles | – |
| negated, hypothetical, historical | – (GDELT has none: filter before exporting) | negated, hypothetical, historical |
| article http(s) URL (else origin), text | SOURCEURL, – | source, source_text |

GDELT codes countries with CAMEO/FIPS three-letter codes; ours are ISO-3166 alpha-3 (the same
for most countries). GoldsteinScale and AvgTone are left empty: we do not compute them.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

QUAD_CLASS = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "REQUEST": 1,
    "COOPERATE": 2, "AID": 2, "CONCEDE": 2, "RETREAT": 2,
    "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "Actor1Name", "Actor1CountryCode",
    "Actor1Type1Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "IsRootEvent",
    "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone", "ActionGeo_FullName",
    "ActionGeo_CountryCode", "SOURCEURL",
)


def gdelt_rows(events: Iterable[dict], reports: dict[str, dict] | None = None) -> Iterator[dict]:
    """GDELT-like rows; ``reports`` maps event_id → its cluster (see ``reads.event_clusters``)."""
    reports = reports or {}
    for e in events:
        day = str(e.get("date") or "")[:10]
        cluster = reports.get(e["event_id"], {})
        cameo = (e.get("cameo") or "")[:2]
        yield dict(zip(GDELT_COLUMNS, (
            e["event_id"], day.replace("-", ""), day[:7].replace("-", ""), day[:4],
            _name(e, "source"), e.get("source_country"), e.get("source_sector"),
            _name(e, "target"), e.get("target_country"), e.get("target_sector"), 1,
            e.get("cameo"), cameo, cameo, QUAD_CLASS.get(e["type"]), None,
            cluster.get("reports", 1), cluster.get("independent", 1), cluster.get("articles", 1),
            None, e.get("location"), e.get("location_country"),
            source_url(e),
        )))


def source_url(event: dict) -> str | None:
    """Where an event was read: its article's http(s) URL, else the article's origin."""
    url = event.get("article_url") or ""
    return url if url.lower().startswith(("http://", "https://")) else event.get("origin")


def polecat_records(events: Iterable[dict]) -> Iterator[dict]:
    """POLECAT/PLOVER-like records (one JSON object per event)."""
    for e in events:
        yield {
            "event_id": e["event_id"], "event_date": _iso(e.get("date")),
            "event_type": e["type"], "event_mode": e.get("mode"),
            "quad_code": QUAD_CLASS.get(e["type"]),
            "actor": _name(e, "source"), "actor_text": e.get("source"),
            "actor_country": e.get("source_country"), "actor_sector": e.get("source_sector"),
            "recipient": _name(e, "target"), "recipient_text": e.get("target"),
            "recipient_country": e.get("target_country"),
            "recipient_sector": e.get("target_sector"),
            "placename": e.get("location"), "country": e.get("location_country"),
            "negated": bool(e.get("negated")), "hypothetical": bool(e.get("hypothetical")),
            "historical": bool(e.get("historical")),
            "date_precision": e.get("date_precision"), "date_text": e.get("date_text"),
            "source": source_url(e), "source_text": e.get("text"),
            "article_id": e.get("article_id"), "statement_id": e.get("statement_id"),
        }


def _name(event: dict, role: str) -> str | None:
    """The party's canonical actor name, else the party as written."""
    return event.get(f"{role}_name") or event.get(role)


def _iso(value) -> str | None:
    return str(value)[:10] if value else None
