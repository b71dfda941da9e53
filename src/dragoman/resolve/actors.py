"""Actors across articles: one record per actor id, aliases and mention counts added up.

Actor ids come from normalised names, so the same name in any article is the same actor; the
store adds a batch's counts and aliases to what it already holds (an upsert), so adding articles
never recomputes old ones. The actors issue brings evidence-based merging of variants.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from dragoman.model import Actor
from dragoman.pipeline import Batch


def merge_actors(actors: Iterable[Actor]) -> list[Actor]:
    """One actor per id: mentions summed, aliases in first-seen order."""
    merged: dict[str, Actor] = {}
    for actor in actors:
        known = merged.get(actor.actor_id)
        if known is None:
            merged[actor.actor_id] = actor
            continue
        aliases = known.aliases + tuple(a for a in actor.aliases if a not in known.aliases)
        merged[actor.actor_id] = replace(known, aliases=aliases,
                                         mentions=known.mentions + actor.mentions,
                                         country=known.country or actor.country,
                                         sector=known.sector or actor.sector)
    return list(merged.values())


class ResolveActorsStage:
    """Corpus stage: the batch's per-article actors merged into one record per actor."""

    name = "resolve"
    requires = frozenset({"actors", "mentions"})
    produces = frozenset({"actors"})

    def run(self, batch: Batch) -> Batch:
        return replace(batch, actors=tuple(merge_actors(batch.actors)))
