"""One event per act: PLOVER's dyadic coding gives one event per (type, source, target), and an
act is coded once however often it is reported.

- **One clause, one event per dyad.** Two verbs of one clause (coordinated verbs are one
  clause) that give the same type, source and target ("shelled and bombed the army";
  coordinated verbs share their object, :func:`dragoman.events.parties.participants`) are one
  event: the first is kept. Another clause of the sentence is another act ("walked out of the
  talks, rejecting any mention of elections": two REJECTs).
- **One article, one event per act.** The same act reported twice in an article (same type,
  same resolved source and target, same date and flags) is one event: the first mention is
  kept. Later mentions are not recorded yet (no field for them; docs/events.md, future work).
"""
from __future__ import annotations

from dragoman.model import Event


def unique_events(events: list[Event], clauses: list[int]) -> list[Event]:
    """The events without repeats (see module doc), in their order; ``clauses[i]`` names the
    clause of ``events[i]`` (:func:`clause_of` its verb)."""
    seen: set = set()
    kept = []
    for event, clause in zip(events, clauses):
        keys = [(clause, _dyad(event))]
        if _resolved(event):
            keys.append(("article", _dyad(event), event.date, event.negated,
                         event.hypothetical, event.quoted_in is None))
        if any(k in seen for k in keys):
            continue
        seen.update(keys)
        kept.append(event)
    return kept


def clause_of(verb) -> int:
    """The index of the verb that heads the clause: the first of coordinated verbs."""
    for _ in range(6):
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            break
        verb = verb.head
    return verb.i


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


__all__ = ["clause_of", "unique_events"]
