"""Actors: the one actor listing, one actor by id, name or alias, its merges and activity, and
the rows actor resolution (``actors/``) reads back."""
from __future__ import annotations

import pyarrow as pa

from dragoman.model import Actor
from dragoman.store.reads.events import event_where
from dragoman.store.reads.filters import ActorFilter, EventFilter, StatementFilter
from dragoman.store.reads.sql import Where, actors_named, contains, dicts, fetch, one
from dragoman.store.reads.statements import statement_where
from dragoman.store.reads.tables import table_select
from dragoman.store.store import Store

_ACTOR_FIELDS = ("actor_id", "name", "type", "country", "sector", "aliases", "mentions", "role")


def find_actor(store: Store, name_or_id: str) -> dict | None:
    """One actor by id, exact name, or alias (case-insensitive); the most mentioned wins."""
    cursor = store.con.execute(
        f"SELECT {', '.join(_ACTOR_FIELDS)} FROM actors WHERE actor_id = ? OR lower(name) = lower(?) "
        "OR list_contains(list_transform(aliases, lambda x: lower(x)), lower(?)) "
        "ORDER BY actor_id = ? DESC, lower(name) = lower(?) DESC, mentions DESC LIMIT 1",
        [name_or_id] * 5)
    row = next(iter(cursor.fetchall()), None) or _actor_like(store, name_or_id)
    if row is None:
        merged = store.con.execute("SELECT actor_id FROM actor_merges WHERE alias_id = ? "
                                   "AND origin <> 'split'",
                                   [name_or_id]).fetchone()
        return find_actor(store, merged[0]) if merged else None
    return dict(zip(_ACTOR_FIELDS, row))


def _actor_like(store: Store, text: str):
    """The most mentioned actor a name or alias of which contains ``text`` (apostrophes and
    case ignored)."""
    norm = "regexp_replace(lower({}), '[’'']', '', 'g')"
    needle = contains(text.lower().replace("’", "").replace("'", ""))
    return (store.con.execute(
        f"SELECT {', '.join(_ACTOR_FIELDS)} FROM actors WHERE {norm.format('name')} LIKE ? ESCAPE '\\' "
        f"OR len(list_filter(aliases, lambda x: {norm.format('x')} LIKE ? ESCAPE '\\')) > 0 "
        "ORDER BY mentions DESC LIMIT 1", [needle, needle]).fetchall()[:1] or [None])[0]


def get_actor(store: Store, actor_id: str) -> dict | None:
    """One actor by its exact id (a merged alias id gives ``None``: see ``canonical_actor``)."""
    return one(store, "SELECT t.* FROM actors t WHERE t.actor_id = ?", [actor_id])


def actor_aliases(store: Store, actor_id: str) -> list[dict]:
    """The names the actor is written as in the articles, each with how many mentions use it
    (most used first); its stored aliases never seen in a mention follow with ``0``."""
    rows = dicts(store.con.execute(
        "SELECT m.text AS alias, count(*) AS mentions FROM mentions m WHERE m.actor_id = ? "
        "GROUP BY 1 ORDER BY mentions DESC, alias", [actor_id]))
    seen = {r["alias"] for r in rows}
    actor = get_actor(store, actor_id) or {}
    return rows + [{"alias": a, "mentions": 0} for a in actor.get("aliases") or () if a not in seen]


def actor_evidence(actor: dict) -> list[dict]:
    """The actor's evidence strings (``field\tvalue\tsource``) as rows: why it has its type,
    country, sector, role, coordinates."""
    rows = []
    for line in actor.get("evidence") or ():
        field, value, source = (str(line).split("\t", 2) + ["", ""])[:3]
        rows.append({"field": field, "value": value, "source": source})
    return rows


def canonical_actor(store: Store, alias_id: str) -> str | None:
    """The actor id an alias id was merged into (following chains), if any."""
    seen = {alias_id}
    row = store.con.execute("SELECT actor_id FROM actor_merges WHERE alias_id = ? AND "
                            "origin <> 'split'", [alias_id]).fetchone()
    while row and row[0] not in seen:
        seen.add(row[0])
        if get_actor(store, row[0]) is not None:
            return row[0]
        row = store.con.execute("SELECT actor_id FROM actor_merges WHERE alias_id = ? AND "
                                "origin <> 'split'", [row[0]]).fetchone()
    return None


def actor_merges(store: Store, actor_id: str) -> list[dict]:
    """The merges that joined other ids into this actor, with their evidence."""
    cursor = store.con.execute(
        "SELECT alias_id, alias, evidence, origin FROM actor_merges WHERE actor_id = ? "
        "ORDER BY origin, alias", [actor_id])
    return [dict(zip(("alias_id", "alias", "evidence", "origin"), r)) for r in cursor.fetchall()]


def actor_activity(store: Store, actor_id: str) -> dict[str, int]:
    """How often the actor is mentioned, speaks, and is a source or target of events."""
    def count(sql: str, where: Where | None = None) -> int:
        extra = " AND " + " AND ".join(where.where) if where and where.where else ""
        params = [actor_id, *(where.params if where else ())]
        return store.con.execute(sql + extra, params).fetchone()[0]

    shown_statements, shown_events = statement_where(StatementFilter()), event_where(EventFilter())
    return {
        "articles": count("SELECT count(DISTINCT article_id) FROM mentions WHERE actor_id = ?"),
        "statements": count("SELECT count(*) FROM statements t WHERE t.speaker_actor_id = ?",
                            shown_statements),
        "events as source": count("SELECT count(*) FROM events t WHERE t.source_actor_id = ?",
                                  shown_events),
        "events as target": count("SELECT count(*) FROM events t WHERE t.target_actor_id = ?",
                                  shown_events),
    }


def merge_of(store: Store, alias: str) -> dict | None:
    """The standing merge of an alias (its old actor id, or its name, case-insensitive)."""
    row = store.con.execute(
        "SELECT alias_id, actor_id, alias, origin FROM actor_merges WHERE origin <> 'split' AND "
        "(alias_id = ? OR lower(alias) = lower(?)) ORDER BY alias_id = ? DESC LIMIT 1",
        [alias, alias, alias]).fetchall()
    return dict(zip(("alias_id", "actor_id", "alias", "origin"), row[0])) if row else None


def user_splits(store: Store) -> set[frozenset]:
    """Pairs of actor ids the user split (``dragoman actor split``): never merged again."""
    rows = store.con.execute("SELECT alias_id, actor_id FROM actor_merges "
                             "WHERE origin = 'split'").fetchall()
    return {frozenset(row) for row in rows}


def stored_actors(store: Store) -> list:
    """Every stored actor as an ``Actor`` (no aliases), for re-running automatic resolution."""
    rows = store.con.execute("SELECT actor_id, name, type, country, sector, mentions, role "
                             "FROM actors ORDER BY actor_id").fetchall()
    return [Actor(r[0], r[1], r[2], r[3], r[4], mentions=r[5] or 0, role=r[6]) for r in rows]


def pending_merges(store: Store) -> list[dict]:
    """Standing merges (automatic or the user's) whose alias is still a stored actor of its
    own: a later batch merged a stored name into a new one, and only the batch was re-pointed."""
    rows = store.con.execute(
        "SELECT m.alias_id, m.actor_id, m.evidence, m.origin FROM actor_merges m "
        "JOIN actors a ON a.actor_id = m.alias_id JOIN actors t ON t.actor_id = m.actor_id "
        "WHERE m.origin <> 'split' ORDER BY m.alias_id").fetchall()
    return [dict(zip(("alias_id", "actor_id", "evidence", "origin"), r)) for r in rows]


def actors(store: Store, f: ActorFilter = ActorFilter(), limit: int = 50,
           offset: int = 0) -> list[dict]:
    """The actors ``f`` selects, most mentioned first."""
    where = Where()
    if f.name:
        subquery, params = actors_named(f.name)
        where.add(f"t.actor_id IN {subquery}", *params)
    if f.type:
        where.add("t.type = ?", f.type)
    if f.country:
        where.add("t.country = ?", f.country.upper())
    where.order = "t.mentions DESC, t.name, t.actor_id"
    return fetch(store, table_select("actors"), where, limit, offset)


def actors_with_last_word(store: Store, lasts: list[str]) -> list[Actor]:
    """Stored people and unplaced names whose name ends with one of ``lasts`` (lower case)."""
    if not lasts:
        return []
    store.con.register("_lasts", pa.table({"last": pa.array(lasts, pa.string())}))
    rows = store.con.execute(
        "SELECT DISTINCT a.actor_id, a.name, a.type, a.country, a.sector, a.mentions, a.role "
        "FROM actors a JOIN _lasts l ON lower(a.name) LIKE '%' || l.last "
        "WHERE a.type = 'person' OR a.country IS NULL").fetchall()
    store.con.unregister("_lasts")
    return [Actor(r[0], r[1], r[2], r[3], r[4], mentions=r[5], role=r[6]) for r in rows]


def user_merge_rows(store: Store) -> list[tuple[str, str, str, str]]:
    """(alias_id, actor_id, alias, evidence) of the merges a user made (``dragoman actor
    merge``): they win over automatic ones."""
    return store.con.execute("SELECT alias_id, actor_id, alias, evidence FROM actor_merges "
                             "WHERE origin = 'user' ORDER BY alias_id").fetchall()
