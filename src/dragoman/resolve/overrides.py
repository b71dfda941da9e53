"""User overrides: merge one actor into another in the stored record, and re-point every
mention, statement and event; the merge is kept (``actor_merges``, origin ``user``) so later
ingests apply it too when the resolve stage is given the store."""
from __future__ import annotations

import csv
from pathlib import Path

from dragoman.errors import StoreError
from dragoman.store import Store, queries

_HINT = "look the actor up with `dragoman actors --name WORD` and use its name or actor_id"


def merge_in_store(store: Store, alias: str, into: str, note: str = "") -> tuple[dict, dict]:
    """Merge actor ``alias`` into actor ``into`` (names, aliases or ids); returns both rows."""
    source, target = _actor(store, alias), _actor(store, into)
    if source["actor_id"] == target["actor_id"]:
        raise StoreError(f"{alias!r} and {into!r} are already one actor ({target['name']})",
                         "nothing to merge")
    con, old, new = store.con, source["actor_id"], target["actor_id"]
    con.execute("BEGIN TRANSACTION")
    try:
        for table, column in (("mentions", "actor_id"), ("statements", "speaker_actor_id"),
                              ("events", "source_actor_id"), ("events", "target_actor_id"),
                              ("actor_merges", "actor_id")):
            con.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", [new, old])
        con.execute("UPDATE statements SET speaker = ? WHERE speaker_actor_id = ?",
                    [target["name"], new])
        con.execute(
            "UPDATE actors SET mentions = mentions + ?, aliases = list_distinct(list_concat("
            "aliases, ?)), country = coalesce(country, ?), sector = coalesce(sector, ?), "
            "role = coalesce(role, ?) WHERE actor_id = ?",
            [source["mentions"], source["aliases"], source["country"], source["sector"],
             source["role"], new])
        con.execute("DELETE FROM actors WHERE actor_id = ?", [old])
        con.execute("INSERT OR REPLACE INTO actor_merges (alias_id, actor_id, alias, evidence, "
                    "origin) VALUES (?, ?, ?, ?, 'user')",
                    [old, new, source["name"], note or "merged by the user"])
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    return source, target


def load_merges_file(store: Store, path: str | Path) -> list[tuple[str, str]]:
    """Apply a CSV of merges (columns ``alias,actor`` and optional ``note``), one per row."""
    done = []
    with Path(path).open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            if not row.get("alias") or not row.get("actor"):
                raise StoreError(f"{path} line {number}: needs the columns alias and actor",
                                 "write a header line `alias,actor,note` and one merge a line")
            source, target = merge_in_store(store, row["alias"], row["actor"], row.get("note") or "")
            done.append((source["name"], target["name"]))
    return done


def _actor(store: Store, name_or_id: str) -> dict:
    found = queries.find_actor(store, name_or_id)
    if found is None:
        raise StoreError(f"no actor named {name_or_id!r}", _HINT)
    return found
