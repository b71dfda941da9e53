"""One event per act: PLOVER's dyadic coding gives one event per (type, source, target), and an
act is coded once however often it is reported.

- **One clause, one event per dyad.** Two verbs of one clause (coordinated verbs are one
  clause) that give the same type, source and target ("shelled and bombed the army";
  coordinated verbs share their object, :func:`dragoman.events.parties.participants`) are one
  event: the first is kept. Another clause of the sentence is another act ("walked out of the
  talks, rejecting any mention of elections": two REJECTs).
- **One article, one event per act.** The same act reported twice in an article (same type,
  same resolved source and target, same date and flags) is one event: the first mention is
  kept; each later sentence that reports it is one of its mentions (``EventMention``).
"""
from __future__ import annotations

from dragoman.model import Event, EventMention


def unique_events(events: list[Event], clauses: list[int]
                  ) -> tuple[list[Event], list[EventMention]]:
    """The events without repeats (see module doc), in their order, and the later mentions of
    the kept ones: a repeat in another sentence than its event's (and than its other
    mentions) is a mention of it, one in the same sentence says nothing more. ``clauses[i]``
    names the clause of ``events[i]`` (:func:`clause_of` its verb)."""
    kept_by_key: dict[tuple, Event] = {}
    kept: list[Event] = []
    spans: dict[str, set[tuple[int, int]]] = {}
    mentions: list[EventMention] = []
    for event, clause in zip(events, clauses):
        keys = [(clause, _dyad(event))]
        if _resolved(event):
            keys.append(("article", _dyad(event), event.date, event.negated,
                         event.hypothetical, event.quoted_in is None))
        first = next((kept_by_key[k] for k in keys if k in kept_by_key), None)
        if first is None:
            kept_by_key.update(dict.fromkeys(keys, event))
            kept.append(event)
            spans[event.event_id] = {(event.start, event.end)}
        elif (event.start, event.end) not in spans[first.event_id]:
            spans[first.event_id].add((event.start, event.end))
            mentions.append(EventMention(first.event_id, event.article_id, event.start,
                                         event.end, event.text, event.trigger))
    return kept, mentions


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
