"""Actors across articles: one record per actor, variants merged with evidence.

Actor ids come from normalised names, so the same name in any article is the same actor; the
store adds a batch's counts and aliases to what it already holds (an upsert), so adding articles
never recomputes old ones. Spelling variants, surname-only mentions and type disagreements are
merged by :mod:`dragoman.actors.identity`, each merge with its evidence; given the store, the
stage also merges into actors stored earlier, applies the user's merges (``dragoman actor
merge``) and never re-merges a pair the user split (``dragoman actor split``).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from dragoman.model import Actor
from dragoman.pipeline import Batch
from dragoman.actors.identity import Merge, apply_merges, find_merges
from dragoman.actors.stored import resolution_candidates, user_merges
from dragoman.store import reads


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
                                         sector=known.sector or actor.sector,
                                         role=known.role or actor.role,
                                         merged=known.merged + actor.merged)
    return list(merged.values())


def record_places(actors: Iterable[Actor]) -> dict[str, tuple[str, str | None]]:
    """Actor id → (country, sector) where every article (or stored record) that placed the
    actor agrees on the country: the cross-document evidence for an article that named the
    actor without one ("Sergei Lavrov" alone, after "Russian Foreign Minister Sergei Lavrov"
    in another article). Ids placed in two countries give nothing."""
    countries: dict[str, set[str]] = {}
    sectors: dict[str, set[str]] = {}
    for actor in actors:
        if actor.country:
            countries.setdefault(actor.actor_id, set()).add(actor.country)
            if actor.sector:
                sectors.setdefault(actor.actor_id, set()).add(actor.sector)
    return {i: (next(iter(c)), next(iter(sectors[i])) if len(sectors.get(i, ())) == 1 else None)
            for i, c in countries.items() if len(c) == 1}


def place_events(batch: Batch, places: dict[str, tuple[str, str | None]]) -> Batch:
    """The batch's events with a missing source/target country (and sector) taken from the
    actor's record (:func:`record_places`)."""
    events = []
    for event in batch.events:
        changes = {}
        for role in ("source", "target"):
            place = places.get(getattr(event, f"{role}_actor_id") or "")
            if place is not None and not getattr(event, f"{role}_country"):
                changes[f"{role}_country"] = place[0]
                if not getattr(event, f"{role}_sector") and place[1]:
                    changes[f"{role}_sector"] = place[1]
        events.append(replace(event, **changes) if changes else event)
    return replace(batch, events=tuple(events))


class ResolveActorsStage:
    """Corpus stage: the batch's per-article actors merged into one record per actor.

    ``store`` (optional) lets variants join actors stored by earlier batches and applies the
    user's merges; without it, merging happens within the batch."""

    name = "resolve"
    kind = "corpus"
    requires = frozenset({"actors", "mentions"})
    produces = frozenset({"actors"})

    def __init__(self, store=None) -> None:
        self.store = store

    def run(self, batch: Batch) -> Batch:
        actors = merge_actors(batch.actors)
        known, user, splits = self._from_store(actors)
        found = [m for m in find_merges(actors, known)
                 if frozenset((m.alias_id, m.actor_id)) not in splits]
        merges = _user_first(user, found, actors)
        merged = apply_merges(replace(batch, actors=tuple(actors)), merges, known)
        return place_events(merged, record_places([*known, *batch.actors, *merged.actors]))

    def _from_store(self, actors: list[Actor]) -> tuple[list[Actor], list[Merge], set]:
        """Stored candidates, the user's merges, and the pairs the user split apart."""
        if self.store is None:
            return [], [], set()
        return (resolution_candidates(self.store, actors), user_merges(self.store),
                reads.user_splits(self.store))


def _user_first(user: list[Merge], found: list[Merge], actors: list[Actor]) -> list[Merge]:
    """The user's merges win over automatic ones for the same actor id."""
    ids = {a.actor_id for a in actors}
    chosen = {m.alias_id: m for m in user if m.alias_id in ids}
    return list(chosen.values()) + [m for m in found if m.alias_id not in chosen]
