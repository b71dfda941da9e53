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
from dragoman.actors.names import actor_id
from dragoman.actors.places import Places, load_places
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
                                         merged=known.merged + actor.merged,
                                         evidence=known.evidence + tuple(
                                             e for e in actor.evidence
                                             if e not in known.evidence))
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


def geocode_events(batch: Batch, places: Places) -> Batch:
    """The batch's events with a ``location`` given coordinates and admin area: those of the
    batch's location actor of that name (geocoded in its article's context,
    :mod:`dragoman.actors.located`), else of the GeoNames city of that name in the event's
    ``location_country`` (or, without one, the city the name alone settles). A place in
    another country than ``location_country`` gives nothing."""
    located = {a.actor_id: a for a in batch.actors if a.type == "location" and a.lat is not None}
    events = []
    for event in batch.events:
        if not event.location or event.lat is not None:
            events.append(event)
            continue
        actor = located.get(actor_id("location", event.location))
        if actor is not None and event.location_country in (None, actor.country):
            lat, lon, admin, country = actor.lat, actor.lon, actor.admin, actor.country
        else:
            place = places.lookup(event.location, [event.location_country]
                                  if event.location_country else [])
            if place is None or event.location_country not in (None, place.country):
                events.append(event)
                continue
            lat, lon, admin, country = place.lat, place.lon, place.admin, place.country
        events.append(replace(event, lat=lat, lon=lon, location_admin=admin,
                              location_country=event.location_country or country))
    return replace(batch, events=tuple(events))


class ResolveActorsStage:
    """Corpus stage: the batch's per-article actors merged into one record per actor, and the
    events' places put on the map (:func:`geocode_events`).

    ``store`` (optional) lets variants join actors stored by earlier batches and applies the
    user's merges; without it, merging happens within the batch."""

    name = "resolve"
    kind = "corpus"
    requires = frozenset({"actors", "mentions"})
    produces = frozenset({"actors"})

    def __init__(self, store=None, places: Places | None = None) -> None:
        self.store = store
        self.places = places or load_places()

    def run(self, batch: Batch) -> Batch:
        actors = merge_actors(batch.actors)
        known, user, splits = self._from_store(actors)
        found = [m for m in find_merges(actors, known)
                 if frozenset((m.alias_id, m.actor_id)) not in splits]
        merges = _user_first(user, found, actors)
        merged = apply_merges(replace(batch, actors=tuple(actors)), merges, known)
        placed = place_events(merged, record_places([*known, *batch.actors, *merged.actors]))
        return geocode_events(placed, self.places)

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
