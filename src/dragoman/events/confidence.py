"""A calibrated confidence on every event: the probability that its type, source and target are
right, from a small logistic model over what the record says about itself.

The features (:func:`features`) are read off the emitted :class:`~dragoman.model.Event`, the
actors of its article and the other events of its sentence: the type and mode; for each side
whether it is an actor, a country or only a sector, the actor's kind (person, organisation,
country, …), how it was resolved (``source_how`` / ``target_how``), whether it is written in
lower case (a description, not a name) and whether it is longer than :data:`LONG_PARTY` words;
an empty target, also per type; whether the act is inside someone's quoted words, a verbal act
linked to a statement, negated, hypothetical or historical; whether its date is more than
:data:`FAR_DAYS` from publication; the sentence's length, how many events it gave and whether
it ends as a sentence does (run-on text without its full stops is parsed badly); the
trigger's kind (:func:`trigger_kind`: verb, event noun under a support verb, verbal act that
is also a statement).

The weights are learned from the hand-made news gold (``scripts/train_event_confidence.py``,
labels from ``bench/gold/score.py``: an event is right when it matches a gold (type, source,
target)) and shipped as JSON (``data/event_confidence.json``: feature name → weight; no pickle).
A feature the weights do not name weighs nothing, so a new ``*_how`` value is harmless until
the model is retrained. :data:`DEFAULT_THRESHOLD` is the cut chosen for precision on the dev
gold's cross-validation (docs/benchmarks.md).
"""
from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from importlib.resources import files
from pathlib import Path

from dragoman.events.nominal import SUPPORT_VERBS
from dragoman.events.parties import NEEDS_RECIPIENT
from dragoman.learned import logistic
from dragoman.model import Actor, Article, Event

WEIGHTS = files("dragoman") / "data" / "event_confidence.json"
DEFAULT_THRESHOLD = 0.5
LONG_PARTY = 4  # words: a party phrase longer than this is a clause or a list, not a name
FAR_DAYS = 365  # an act dated further than this from publication is background
PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i", "you", "its", "their", "his", "her",
                      "them", "him", "us", "who", "which", "this", "that", "these", "those"})


GATED = 0.05  # the most a gated event may score: below any default threshold


def gate(event: Event) -> str | None:
    """Why the default record leaves an event out whatever the model says, else None — the
    precision gates of issue 17: a source that is no actor and names no country ("the
    military", "a suicide bomber", "Ministers": who did it cannot be cited), and a type PLOVER
    codes only with a recipient (:data:`~dragoman.events.parties.NEEDS_RECIPIENT`: AID,
    COOPERATE, SANCTION) without one that is an actor, a country or a sector."""
    if not (event.source_actor_id or event.source_country):
        return "source unidentified"
    if event.type in NEEDS_RECIPIENT and not (
            event.target_actor_id or event.target_country or event.target_sector):
        return "recipient required"
    return None


def gated(probability: float, event: Event) -> float:
    """The model's probability, capped at :data:`GATED` when :func:`gate` stops the event."""
    return min(probability, GATED) if gate(event) else probability


def _date(text: str | None) -> date | None:
    if not text or len(text) < 10:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _side(event: Event, side: str, kinds: Mapping[str, str]) -> dict[str, float]:
    text = getattr(event, side) or ""
    actor_id = getattr(event, f"{side}_actor_id")
    out = {}
    if not (text or actor_id or getattr(event, f"{side}_country")):
        out[f"{side}:empty"] = 1.0
        return out
    if actor_id:
        out[f"{side}:actor"] = 1.0
        out[f"{side}:kind={kinds.get(actor_id, 'unknown')}"] = 1.0
    elif getattr(event, f"{side}_country"):
        out[f"{side}:country_only"] = 1.0
    elif getattr(event, f"{side}_sector"):
        out[f"{side}:sector_only"] = 1.0
    else:
        out[f"{side}:phrase_only"] = 1.0
    if getattr(event, f"{side}_how"):
        out[f"{side}:how={getattr(event, f'{side}_how')}"] = 1.0
    if text[:1].islower():
        out[f"{side}:lowercase"] = 1.0
    if text.lower() in PRONOUNS:
        out[f"{side}:pronoun"] = 1.0
    if text[:1].isdigit() or text.lower().startswith(("at least", "more than", "some ")):
        out[f"{side}:counted"] = 1.0  # "30 people", "at least 18 civilians": victims, not actors
    if len(text.split()) > LONG_PARTY:
        out[f"{side}:long"] = 1.0  # a clause or a list, not a name
    return out


def features(event: Event, published: date | None, kinds: Mapping[str, str],
             in_sentence: int) -> dict[str, float]:
    """The model's features of one event (name → value). ``kinds``: actor id → actor type;
    ``in_sentence``: how many events its sentence gave (itself included)."""
    out = {f"type={event.type}": 1.0, "bias": 1.0}
    out.update(_side(event, "source", kinds))
    out.update(_side(event, "target", kinds))
    flags = {"mode": bool(event.mode), "quoted": bool(event.quoted_in),
             "verbal": bool(event.statement_id), "negated": event.negated,
             "hypothetical": event.hypothetical, "historical": event.historical,
             "located": bool(event.location),
             "same_party": bool(event.source and event.target
                                and event.source.lower() == event.target.lower())}
    out.update({name: 1.0 for name, on in flags.items() if on})
    if event.source_actor_id and (event.target_actor_id or not event.target):
        out["both_actors"] = 1.0  # every party PLOVER asks for is an actor
    when = _date(event.date)
    if event.date_source == "text" and when is not None and published is not None:
        if abs((when - published).days) > FAR_DAYS:
            out["date:far"] = 1.0
    elif event.date_source != "text":
        out["date:from_published"] = 1.0
    out["sentence:words"] = math.log1p(len(event.text.split())) / 4
    out["sentence:events"] = math.log(max(in_sentence, 1))
    out[f"trigger={trigger_kind(event)}"] = 1.0
    if not event.text.rstrip().endswith(SENTENCE_ENDS):
        out["sentence:unended"] = 1.0  # run-on text without its full stops: a weak parse
    if "target:empty" in out:
        out[f"type={event.type}+target:empty"] = 1.0
    return out


SENTENCE_ENDS = (".", "!", "?", '"', "'", "”", "’", ")")
# past forms of the support verbs that do not start with their stem
_IRREGULAR_SUPPORT = frozenset({"held", "made", "began", "begun", "led", "paid", "undertook",
                                "undertaken", "issued", "began"})


def trigger_kind(event: Event) -> str:
    """What the event was read from: ``statement`` (a verbal act that also introduces a
    statement), ``noun`` (an event noun under a support verb: "carried out raids", "held
    talks"; read off the trigger word) or ``verb``."""
    if event.statement_id:
        return "statement"
    word = event.trigger.lower()
    if word in _IRREGULAR_SUPPORT or any(
            word.startswith(verb[:-1] if verb.endswith(("e", "y")) else verb)
            for verb in SUPPORT_VERBS):
        return "noun"
    return "verb"


def article_features(events: Iterable[Event], article: Article,
                     actors: Iterable[Actor]) -> list[dict[str, float]]:
    """:func:`features` of each of an article's events, in order."""
    events = list(events)
    kinds = {a.actor_id: a.type for a in actors}
    per_sentence = Counter((e.start, e.end) for e in events)
    published = _date(article.published)
    return [features(e, published, kinds, per_sentence[(e.start, e.end)]) for e in events]


@dataclass(frozen=True)
class EventScorer:
    """The logistic model: ``weights`` (feature name → weight, ``bias`` included), read once
    with :meth:`load` and passed to the events step."""

    weights: Mapping[str, float]
    threshold: float = DEFAULT_THRESHOLD

    @classmethod
    def load(cls, path: str | Path | None = None) -> EventScorer:
        """The weights shipped with dragoman, or those at ``path`` (as written by
        ``scripts/train_event_confidence.py``)."""
        raw = json.loads((Path(path) if path else WEIGHTS).read_text(encoding="utf-8"))
        return cls(dict(raw["weights"]), float(raw.get("threshold", DEFAULT_THRESHOLD)))

    def probability(self, feats: Mapping[str, float]) -> float:
        return logistic(self.weights, feats)

    def scored(self, events: Iterable[Event], article: Article,
               actors: Iterable[Actor]) -> list[Event]:
        """The events with ``confidence`` set (rounded to 3 places), in the same order."""
        events = list(events)
        feats = article_features(events, article, actors)
        return [replace(e, confidence=round(gated(self.probability(f), e), 3))
                for e, f in zip(events, feats)]


__all__ = ["DEFAULT_THRESHOLD", "GATED", "EventScorer", "article_features", "features", "gate",
           "gated"]
