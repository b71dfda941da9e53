"""User overrides: merge one actor into another in the stored record, and re-point every
mention, statement and event; the merge is kept (``actor_merges``, origin ``user``) so later
ingests apply it too when the resolve stage is given the store."""
from __future__ import annotations

import csv
from pathlib import Path

from dragoman.errors import StoreError
from dragoman.actors.mentions import actor_id, name_key
from dragoman.store import Store, reads

_HINT = "look the actor up with `dragoman actors --name WORD` and use its name or actor_id"


def merge_in_store(store: Store, alias: str, into: str, note: str = "") -> tuple[dict, dict]:
    """Merge actor ``alias`` into actor ``into`` (names, aliases or ids); returns both rows."""
    source, target = _actor(store, alias), _actor(store, into)
    if source["actor_id"] == target["actor_id"]:
        raise StoreError(f"{alias!r} and {into!r} are already one actor ({target['name']})",
                         "nothing to merge")
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        move_actor(con, source, target, note or "merged by the user", "user")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    return source, target


def move_actor(con, source: dict, target: dict, evidence: str, origin: str) -> None:
    """Inside the caller's transaction: every stored mention, statement and event of actor
    row ``source`` re-pointed to actor row ``target``, the rows joined, the merge recorded."""
    old, new = source["actor_id"], target["actor_id"]
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
        [source["mentions"] or 0, source["aliases"] or [], source["country"], source["sector"],
         source["role"], new])
    con.execute("DELETE FROM actors WHERE actor_id = ?", [old])
    con.execute("INSERT OR REPLACE INTO actor_merges (alias_id, actor_id, alias, evidence, "
                "origin) VALUES (?, ?, ?, ?, ?)", [old, new, source["name"], evidence, origin])


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
    found = reads.find_actor(store, name_or_id)
    if found is None:
        raise StoreError(f"no actor named {name_or_id!r}", _HINT)
    return found


def split_in_store(store: Store, alias: str, note: str = "") -> tuple[dict, dict]:
    """Undo the merge of ``alias`` (its name, or its old actor id): it becomes its own actor
    again, with the mentions, statements and events of the articles that named it only so, and
    the split is kept (``actor_merges``, origin ``split``) so later ingests never merge the two
    again. Returns (the new actor row, the actor it was split from)."""
    merge = reads.merge_of(store, alias)
    if merge is None:
        raise StoreError(f"no merge of {alias!r} to undo",
                         "`dragoman actor show NAME` lists an actor's merges; split one of those "
                         "aliases (its name or id)")
    old_id, new_id = merge["actor_id"], merge["alias_id"]
    target = reads.find_actor(store, old_id)
    if target is None:
        raise StoreError(f"the actor {alias!r} was merged into ({old_id}) is gone", _HINT)
    key = name_key(merge["alias"])
    moved = _articles_naming_only(store, old_id, key)
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        count = 0
        for article_id in moved:
            count += con.execute("UPDATE mentions SET actor_id = ? WHERE actor_id = ? AND "
                                 "article_id = ?", [new_id, old_id, article_id]).fetchall()[0][0]
            con.execute("UPDATE statements SET speaker_actor_id = ?, speaker = ? WHERE "
                        "speaker_actor_id = ? AND article_id = ?",
                        [new_id, merge["alias"], old_id, article_id])
            for role in ("source", "target"):
                con.execute(f"UPDATE events SET {role}_actor_id = ? WHERE {role}_actor_id = ? "
                            "AND article_id = ?", [new_id, old_id, article_id])
        aliases = [a for a in target["aliases"] or [] if name_key(a) != key]
        con.execute("UPDATE actors SET mentions = greatest(mentions - ?, 0), aliases = ? "
                    "WHERE actor_id = ?", [count, aliases, old_id])
        con.execute("INSERT OR REPLACE INTO actors (actor_id, name, type, aliases, mentions) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [new_id, merge["alias"], _type_of(new_id, merge["alias"], target["type"]),
                     [merge["alias"]], count])
        con.execute("INSERT OR REPLACE INTO actor_merges (alias_id, actor_id, alias, evidence, "
                    "origin) VALUES (?, ?, ?, ?, 'split')",
                    [new_id, old_id, merge["alias"], note or "split by the user"])
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    return reads.find_actor(store, new_id), target


def _articles_naming_only(store: Store, actor_id: str, key: str) -> list[str]:
    """Articles whose every mention of ``actor_id`` is the name ``key``: there the name came in
    by the merge; where the full name is used too, the article itself linked them."""
    keys: dict[str, set[str]] = {}
    for article_id, text in store.con.execute(
            "SELECT article_id, text FROM mentions WHERE actor_id = ?", [actor_id]).fetchall():
        keys.setdefault(article_id, set()).add(name_key(text or ""))
    return sorted(a for a, found in keys.items() if found == {key})


def _type_of(alias_id: str, name: str, fallback: str) -> str:
    types = ("person", "organisation", "country", "location", "group")
    return next((t for t in types if actor_id(t, name) == alias_id), fallback)
