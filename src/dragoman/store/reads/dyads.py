"""A dyad: two sides (two actors, or two countries) and what each did and said to the other —
the events between them in both directions, the statements either made naming the other,
their counts by type and over time, cooperation against conflict. One read for the CLI's
``dragoman dyad`` and the explorer's ``/dyad`` page."""
from __future__ import annotations

import re
from dataclasses import replace

from dragoman.errors import NotFound
from dragoman.model import PLOVER_TYPES
from dragoman.store.reads.actors import find_actor
from dragoman.store.reads.events import event_where, events
from dragoman.store.reads.filters import EventFilter, StatementFilter
from dragoman.store.reads.sql import Where, dicts
from dragoman.store.reads.statements import statement_where, statements
from dragoman.store.store import Store

DYAD_ROWS = 200  # records of each kind listed (counts cover all of them)
# PLOVER types that are cooperation (GDELT quad classes 1 and 2, as ``events.interop``'s
# QUAD_CLASS, which a test keeps equal); every other PLOVER type is conflict
COOPERATION = frozenset({"AGREE", "CONSULT", "SUPPORT", "REQUEST", "COOPERATE", "AID",
                         "CONCEDE", "RETREAT"})
_COUNTRY = re.compile(r"^[A-Za-z]{3}$")
# what a side is, per kind: the events' source and target columns, a statement's speaker
_SPEAKER = {"actor": "t.speaker_actor_id",
            "country": "(SELECT x.country FROM actors x WHERE x.actor_id = t.speaker_actor_id)"}
_MENTIONS = ("t.statement_id IN (SELECT s.statement_id FROM statements s JOIN mentions m "
             "ON m.article_id = s.article_id AND m.start >= s.start AND m.end <= s.end "
             "{join} WHERE {column} = ?)")
_MENTION_COLUMN = {"actor": ("", "m.actor_id"),
                   "country": ("JOIN actors x ON x.actor_id = m.actor_id", "x.country")}


def dyad_side(store: Store, ref: str) -> dict:
    """A side named by ``ref``: an actor id, an actor's name or alias, or an ISO3 country code
    (three letters that events use as a country and no actor is called exactly):
    ``{"kind": "actor"|"country", "value", "name", "ref"}``; ``ref`` names it again in a
    form: its name when that finds it, else its id."""
    code = ref.strip().upper()
    if _COUNTRY.match(code) and store.con.execute(
            "SELECT 1 FROM events WHERE source_country = ? OR target_country = ? LIMIT 1",
            [code, code]).fetchone() and not store.con.execute(
            "SELECT 1 FROM actors WHERE actor_id = ? OR lower(name) = lower(?) LIMIT 1",
            [ref, ref]).fetchone():
        return {"kind": "country", "value": code, "name": code, "ref": code}
    actor = find_actor(store, ref)
    if actor is None:
        raise NotFound(f"no actor or country {ref!r}",
                       "give an actor's id or name (dragoman actors --name ...) or an ISO3 "
                       "country code such as RUS")
    named = find_actor(store, actor["name"])
    return {"kind": "actor", "value": actor["actor_id"], "name": actor["name"],
            "ref": actor["name"] if named and named["actor_id"] == actor["actor_id"]
            else actor["actor_id"]}


def dyad(store: Store, a: str, b: str, f: EventFilter = EventFilter(),
         limit: int = DYAD_ROWS) -> dict:
    """What side ``a`` and side ``b`` (``dyad_side``) did and said to each other, within
    ``f`` (its dates, confidence, flags; its actor fields are replaced by the two sides):
    ``{"a", "b", "events", "statements", "types", "over_time", "totals"}``. Every event and
    statement row has ``direction`` (``"a→b"`` or ``"b→a"``) and its source span; each type
    its ``class``: ``cooperation`` (``COOPERATION``) or ``conflict``; ``over_time`` counts
    both per month and direction."""
    sides = dyad_side(store, a), dyad_side(store, b)
    f = replace(f, actor=None, actor_id=None, source=None, source_id=None, target=None,
                target_id=None)
    rows = [dict(r, direction=d) for d, (x, y) in (("a→b", sides), ("b→a", sides[::-1]))
            for r in events(store, _between(f, x, y), limit)]
    rows.sort(key=lambda r: (str(r["date"] or ""), r["event_id"]), reverse=True)
    said = [dict(r, direction=d) for d, (x, y) in (("a→b", sides), ("b→a", sides[::-1]))
            for r in _said(store, f, x, y, limit)]
    said.sort(key=lambda r: (str(r["published"] or ""), r["statement_id"]), reverse=True)
    counts = _counts(store, f, sides)
    types: dict[str, dict] = {}
    for c in counts:
        row = types.setdefault(c["type"], {"type": c["type"], "a→b": 0, "b→a": 0,
                                           "class": _class(c["type"])})
        row[c["direction"]] += c["events"]
    over_time: dict[tuple, dict] = {}
    for c in counts:
        key = (c["month"], c["direction"])
        row = over_time.setdefault(key, {"month": c["month"], "direction": c["direction"],
                                         "cooperation": 0, "conflict": 0, "other": 0})
        row[_class(c["type"]) or "other"] += c["events"]
    totals = {d: {"events": sum(c["events"] for c in counts if c["direction"] == d),
                  "statements": sum(1 for s in said if s["direction"] == d)}
              for d in ("a→b", "b→a")}
    return {"a": sides[0], "b": sides[1], "events": rows, "statements": said,
            "types": sorted(types.values(), key=lambda t: -(t["a→b"] + t["b→a"])),
            "over_time": [over_time[k] for k in sorted(over_time, key=lambda k: (str(k[0]), k[1]))],
            "totals": totals}


def _class(event_type: str | None) -> str | None:
    if event_type not in PLOVER_TYPES:
        return None
    return "cooperation" if event_type in COOPERATION else "conflict"


def _between(f: EventFilter, source: dict, target: dict) -> EventFilter:
    """``f`` for events from ``source`` to ``target`` (actor ids or country codes)."""
    return replace(f, source_id=source["value"] if source["kind"] == "actor" else None,
                   target_id=target["value"] if target["kind"] == "actor" else None,
                   source_country=source["value"] if source["kind"] == "country" else None,
                   target_country=target["value"] if target["kind"] == "country" else None)


def _said(store: Store, f: EventFilter, speaker: dict, other: dict, limit: int) -> list[dict]:
    """Statements by ``speaker`` that name ``other`` inside the quote (default statement
    filter, the dates of ``f`` as publication dates)."""
    sf = StatementFilter(since=f.since, until=f.until,
                         min_confidence=None if f.min_confidence == 0 else StatementFilter().min_confidence,
                         speaker_id=speaker["value"] if speaker["kind"] == "actor" else None,
                         mentions_id=other["value"] if other["kind"] == "actor" else None)
    if speaker["kind"] == "actor" and other["kind"] == "actor":
        return statements(store, sf, limit, sort="-published")
    where = statement_where(sf)
    if speaker["kind"] == "country":
        where.add(f"{_SPEAKER['country']} = ?", speaker["value"])
    if other["kind"] == "country":
        join, column = _MENTION_COLUMN["country"]
        where.add(_MENTIONS.format(join=join, column=column), other["value"])
        where.add(f"coalesce({_SPEAKER['country']}, '') <> ?", other["value"])
    return _statements_where(store, where, limit)


def _statements_where(store: Store, where: Where, limit: int) -> list[dict]:
    where.order = "a.published DESC NULLS LAST, t.statement_id"
    return dicts(store.con.execute(
        "SELECT t.*, a.origin, a.title AS article_title, a.published FROM statements t "
        f"JOIN articles a USING (article_id){where.sql()} LIMIT ?", [*where.params, limit]))


def _counts(store: Store, f: EventFilter, sides: tuple[dict, dict]) -> list[dict]:
    """Events per month, type and direction between the two sides."""
    out = []
    for direction, (x, y) in (("a→b", sides), ("b→a", sides[::-1])):
        where = event_where(_between(f, x, y))
        out += [dict(r, direction=direction) for r in dicts(store.con.execute(
            "SELECT strftime(t.date, '%Y-%m') AS month, t.type, count(*) AS events "
            f"FROM events t JOIN articles a USING (article_id){where.sql()} GROUP BY ALL",
            where.params))]
    return out
