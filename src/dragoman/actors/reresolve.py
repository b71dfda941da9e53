"""Re-resolve the stored record: what a later batch, a user's edit or a new gazetteer knows,
applied to every stored mention, statement and event (``dragoman actor reresolve``).

Ingest resolves each batch against the store, but stored rows only change by a user's
``actor merge``/``split``. This pass, run whenever wanted (it is idempotent):

1. applies standing merges whose alias is still an actor of its own (a merge recorded while
   its alias stayed stored, e.g. a merges file written into the table by hand);
2. applies the gazetteer as it is now: a stored name that is now a gazetteer alias ("Emirates"
   once stored as an organisation, now United Arab Emirates) joins the gazetteer's actor, and an
   actor that is a gazetteer entry takes its country and sector;
3. runs automatic identity resolution (:func:`dragoman.actors.identity.find_merges`) over all
   stored actors, never re-merging a pair the user split;
4. fills an event's missing source/target country and sector from its actor's record (the
   cross-document evidence: an actor placed in one article places it in all).

Every merge is recorded with its evidence (origin ``auto``), so ``actor show`` explains it
and ``actor split`` can undo it.
"""
from __future__ import annotations

from dataclasses import dataclass

from dragoman.actors.mentions import Gazetteer, actor_id
from dragoman.actors.identity import find_merges, preferred
from dragoman.actors.overrides import move_actor
from dragoman.store import Store, reads

_GAZETTEER_KINDS = frozenset({"name", "acronym", "demonym"})


@dataclass
class Reresolved:
    """What one pass changed."""

    pending: int = 0  # standing merges applied to stored rows
    gazetteer_merges: int = 0  # stored names joined to their gazetteer actor
    gazetteer_updates: int = 0  # actors whose country/sector the gazetteer changed
    merges: int = 0  # automatic merges among stored actors
    events_placed: int = 0  # event sides given a country from their actor's record


def reresolve(store: Store, gazetteer: Gazetteer) -> Reresolved:
    """Re-run resolution over the stored record (see the module doc); one transaction."""
    con, done = store.con, Reresolved()
    con.execute("BEGIN TRANSACTION")
    try:
        done.pending = _apply_pending(store)
        done.gazetteer_merges, done.gazetteer_updates = _apply_gazetteer(store, gazetteer)
        done.merges = _apply_identity(store)
        done.events_placed = _place_events(store)
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    return done


def _row(store: Store, actor_id_: str) -> dict | None:
    return reads.find_actor(store, actor_id_) if actor_id_ else None


def _move(store: Store, alias_id: str, target_id: str, evidence: str, origin: str) -> bool:
    source, target = _row(store, alias_id), _row(store, target_id)
    if source is None or target is None or source["actor_id"] != alias_id \
            or target["actor_id"] == alias_id:
        return False
    move_actor(store.con, source, target, evidence, origin)
    return True


def _apply_pending(store: Store) -> int:
    """Standing merges applied; the full name stays canonical ("Colm Brophy", not "Brophy")."""
    actors = {a.actor_id: a for a in reads.stored_actors(store)}
    done = 0
    for merge in reads.pending_merges(store):
        alias, target = actors.get(merge["alias_id"]), actors.get(merge["actor_id"])
        if alias is None or target is None:
            continue
        alias, target = preferred(alias, target)
        done += _move(store, alias.actor_id, target.actor_id, merge["evidence"], merge["origin"])
    store.con.execute("DELETE FROM actor_merges WHERE alias_id = actor_id")
    return done


def _apply_gazetteer(store: Store, gazetteer: Gazetteer) -> tuple[int, int]:
    merged = updated = 0
    splits = reads.user_splits(store)
    for actor in reads.stored_actors(store):
        entry = gazetteer.lookup(actor.name)
        if entry is None or actor.type in ("person", "location") or entry.kind == "city" \
                or (entry.kind not in _GAZETTEER_KINDS and actor.type != entry.type):
            continue
        target_id = actor_id(entry.type, entry.name)
        if target_id == actor.actor_id:
            if (actor.country, actor.sector) != (entry.country, entry.sector):
                store.con.execute("UPDATE actors SET country = ?, sector = ? WHERE actor_id = ?",
                                  [entry.country, entry.sector, actor.actor_id])
                updated += 1
            continue
        if frozenset((actor.actor_id, target_id)) in splits:
            continue
        store.con.execute(
            "INSERT INTO actors (actor_id, name, type, country, sector, aliases, mentions) "
            "VALUES (?, ?, ?, ?, ?, ?, 0) ON CONFLICT (actor_id) DO NOTHING",
            [target_id, entry.name, entry.type, entry.country, entry.sector, [entry.name]])
        merged += _move(store, actor.actor_id, target_id,
                        f"gazetteer {gazetteer.version}: {actor.name!r} is an alias of "
                        f"{entry.name!r} ({entry.country or '-'} {entry.sector or '-'})", "auto")
    return merged, updated


def _apply_identity(store: Store) -> int:
    splits = reads.user_splits(store)
    merges = [m for m in find_merges(reads.stored_actors(store))
              if frozenset((m.alias_id, m.actor_id)) not in splits]
    return sum(_move(store, m.alias_id, m.actor_id, m.evidence, "auto") for m in merges)


def _place_events(store: Store) -> int:
    placed = 0
    for role in ("source", "target"):
        placed += store.con.execute(
            f"UPDATE events SET {role}_country = a.country, "
            f"{role}_sector = coalesce(events.{role}_sector, a.sector) FROM actors a "
            f"WHERE events.{role}_actor_id = a.actor_id AND events.{role}_country IS NULL "
            "AND a.country IS NOT NULL").fetchall()[0][0]
    return placed


__all__ = ["Reresolved", "reresolve"]
