"""One event per act: PLOVER's dyadic coding gives one event per (type, source, target), and an
act is coded once however often it is reported.

- **One clause, one event per dyad.** Two verbs of one sentence that give the same type, source
  and target ("shelled and bombed the army") are one event: the first is kept. An event with no
  target is dropped when another of the same type and source in the sentence has one ("shelled
  and bombed rebel positions").
- **One article, one event per act.** The same act reported twice in an article (same type,
  same resolved source and target, same date and flags) is one event: the first mention is
  kept. Later mentions are not recorded yet (no field for them; docs/events.md, future work).
"""
from __future__ import annotations

from dragoman.model import Event


def unique_events(events: list[Event]) -> list[Event]:
    """The events without repeats (see module doc), in their order."""
    with_target = {(e.start, e.type, _key(e, "source")) for e in events if e.target is not None}
    seen: set = set()
    kept = []
    for event in events:
        if event.target is None and (event.start, event.type, _key(event, "source")) in with_target:
            continue
        keys = [(event.start, _dyad(event))]
        if _resolved(event):
            keys.append(("article", _dyad(event), event.date, event.negated,
                         event.hypothetical, event.quoted_in is None))
        if any(k in seen for k in keys):
            continue
        seen.update(keys)
        kept.append(event)
    return kept


def _dyad(event: Event) -> tuple:
    return event.type, _key(event, "source"), _key(event, "target")


def _key(event: Event, role: str):
    """What a party is: its actor, else its country and sector, else its words."""
    actor = getattr(event, f"{role}_actor_id")
    if actor:
        return actor
    country, sector = getattr(event, f"{role}_country"), getattr(event, f"{role}_sector")
    if country:
        return country, sector
    text = getattr(event, role)
    return text.lower() if text else None


def _resolved(event: Event) -> bool:
    return bool((event.source_actor_id or event.source_country)
                and (event.target_actor_id or event.target_country))


__all__ = ["unique_events"]
