"""``dragoman actor show|merge|split|load|reresolve``: one actor, and the user's overrides."""
from __future__ import annotations

import click

from dragoman import api
from dragoman.names import safe_name
from dragoman.actors.overrides import load_merges_file, merge_in_store, split_in_store
from dragoman.cli.options import Group, db_option, open_record
from dragoman.cli.render import cell
from dragoman.store import reads


@click.group(cls=Group)
def actor() -> None:
    """One actor: show it with its merges and evidence, merge two or split one (user overrides)."""


@actor.command("show")
@click.argument("name_or_id")
@db_option
def actor_show(name_or_id: str, db: str) -> None:
    """An actor's record: type, country, sector, role, aliases, merges and activity."""
    with open_record(db) as store:
        row = reads.find_actor(store, name_or_id)
        if row is None:
            raise click.ClickException(f"no actor named {name_or_id!r}; try "
                                       "`dragoman actors --name WORD`")
        merges = reads.actor_merges(store, row["actor_id"])
        activity = reads.actor_activity(store, row["actor_id"])
    for key in ("name", "actor_id", "type", "country", "sector", "role", "mentions"):
        click.echo(f"{key:<9} {cell(row[key])}")
    click.echo(f"{'aliases':<9} {cell(row['aliases'])}")
    click.echo("activity  " + ", ".join(f"{k} {v}" for k, v in activity.items()))
    for merge in merges:
        label = "split" if merge["origin"] == "split" else "merged"
        click.echo(f"{label:<9} {merge['alias']} ({merge['alias_id']}, {safe_name(merge['origin'])}): "
                   f"{merge['evidence']}")


@actor.command("merge")
@click.argument("alias")
@click.argument("into")
@click.option("--note", default="", help="Why (kept as the merge's evidence).")
@db_option
def actor_merge(alias: str, into: str, note: str, db: str) -> None:
    """Merge actor ALIAS into actor INTO (names, aliases or ids) in the stored record."""
    with api.open_store(db, read_only=False) as store:
        source, target = merge_in_store(store, alias, into, note)
    click.echo(f"Merged {source['name']} ({source['actor_id']}) into {target['name']} "
               f"({target['actor_id']}).")


@actor.command("split")
@click.argument("alias")
@click.option("--note", default="", help="Why (kept with the split).")
@db_option
def actor_split(alias: str, note: str, db: str) -> None:
    """Undo a merge: ALIAS (a merged name or its old id) becomes its own actor again, and later
    ingests keep the two apart."""
    with api.open_store(db, read_only=False) as store:
        new, old = split_in_store(store, alias, note)
    click.echo(f"Split {new['name']} ({new['actor_id']}, {new['mentions']} mentions) from "
               f"{old['name']} ({old['actor_id']}).")


@actor.command("load")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@db_option
def actor_load(path: str, db: str) -> None:
    """Apply a CSV of merges (header `alias,actor,note`) to the stored record."""
    with api.open_store(db, read_only=False) as store:
        done = load_merges_file(store, path)
    for alias, target in done:
        click.echo(f"Merged {alias} into {target}.")


@actor.command("reresolve")
@db_option
def actor_reresolve(db: str) -> None:
    """Re-run actor resolution over the whole stored record (after merges, splits, later
    batches or a new gazetteer): merges, gazetteer countries, event countries."""
    done = api.reresolve(db)
    click.echo(f"Applied {done.pending} standing merges, {done.gazetteer_merges} gazetteer "
               f"merges, {done.merges} new merges; {done.gazetteer_updates} actors updated from "
               f"the gazetteer; {done.events_placed} event sides given a country.")


COMMANDS = (actor,)
