"""A calibrated confidence on every event: the probability that its type, source and target are
right, from precision gates and two small logistic models over what the record says about
itself and how sure the typer was.

**Gates** (:func:`gate`): an event whose source cannot be cited (no actor and no country, only
a nationality on a private person — "the military", "a suicide bomber", "A Syrian man" —, or
a country carried over from another phrase to a description no actor was found for),
of a type PLOVER codes only with a recipient (AID, COOPERATE, SANCTION) without one, or
negated (an act said not to have happened; a refusal is REJECT, not negated) or hypothetical
(wished, intended, conditional; a promise or threat made is AGREE or THREATEN), gets
at most :data:`GATED`, below any default threshold: it stays in the record (``--min-confidence
0`` shows it) but out of the default view, whatever the model says.

**The models** (:class:`EventScorer`). The *parties model* (:func:`features`, read off the
emitted :class:`~dragoman.model.Event` and the other events of its sentence): the type; for
each side whether it is empty, an actor, only a country, only a sector or only a phrase,
whether it was resolved through a pronoun, a description or a country adjective
(``source_how`` / ``target_how``), whether it is a pronoun as written and whether it is longer
than :data:`LONG_PARTY` words; a missing target for a type usually reported with one; whether
the act is inside someone's quoted words, negated, hypothetical or historical; whether its
sentence ends as a sentence does (run-on text without its full stops is parsed badly) and
gave more than :data:`CROWDED` events. The *type model* (:func:`type_features`): whether the
event typer was unsure of the type (``Event.type_margin``, kept in memory by the events layer,
under :data:`UNSURE_MARGIN`), trained on the (type, sentence) labels — on the dev gold and
the PLOVER GSR's dev half about half the unsure types are right and more than eight in ten
of the others. The confidence is their product through a Platt calibration fitted on
out-of-fold scores.

The weights are learned from the hand-made news gold (``scripts/train_event_confidence.py``,
labels from ``bench/gold/score.py``: an event is right when it matches a gold (type, source,
target); gated events are not trained on) and shipped as JSON (``data/event_confidence.json``:
feature name → weight for each model, the calibration; no pickle). A feature the weights do
not name weighs nothing. The shipped ``threshold`` is the cut chosen for precision on the dev
gold's cross-validation (docs/benchmarks.md); :data:`DEFAULT_THRESHOLD` only stands in when a
weights file has none.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from importlib.resources import files
from pathlib import Path

from dragoman.events.parties import NEEDS_RECIPIENT
from dragoman.learned import logistic, sigmoid
from dragoman.model import Actor, Article, Event

WEIGHTS = files("dragoman") / "data" / "event_confidence.json"
DEFAULT_THRESHOLD = 0.5
LONG_PARTY = 4  # words: a party phrase longer than this is a clause or a list, not a name
PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i", "you", "its", "their", "his", "her",
                      "them", "him", "us", "who", "which", "this", "that", "these", "those"})


GATED = 0.05  # the most a gated event may score: below any default threshold
# a person or group named only by a nationality and a civilian noun ("A Syrian man", "Russian
# tourists", "the number of Iranians") is no actor an analyst can cite as a source
PRIVATE_SECTORS = frozenset({None, "CVL", "REF"})


def gate(event: Event) -> str | None:
    """Why the default record leaves an event out whatever the model says, else None — the
    precision gates of issue 17: a source that is no actor and names no country ("the
    military", "a suicide bomber", "Ministers": who did it cannot be cited) or only a country
    on a private person or group (:data:`PRIVATE_SECTORS`: "A Syrian man", "Russian
    tourists"), or whose country the events layer only carried over from another phrase of
    the article (``source_how`` ``description`` without an actor: "police" in a list of
    attacks in several countries) — the actors layer (``actors/descriptions.py``) resolves the
    descriptions it can place safely to an actor —, and a type PLOVER codes only with a recipient
    (:data:`~dragoman.events.parties.NEEDS_RECIPIENT`: AID, COOPERATE, SANCTION) without one
    that is an actor, a country or a sector; and an act said not to have happened ("has not
    agreed a final settlement", ``negated``: a refusal is coded REJECT, not negated) or only
    wished, intended or conditional ("would like to establish relations", "if he is to …",
    ``hypothetical``: a promise or a threat that was made is AGREE or THREATEN, not
    hypothetical; on the dev gold 1 in 5 hypothetical events was right)."""
    if event.negated:
        return "not done"
    if event.hypothetical:
        return "not done (hypothetical)"
    if not (event.source_actor_id or (event.source_country
                                      and event.source_sector not in PRIVATE_SECTORS)):
        return "source unidentified"
    if not event.source_actor_id and event.source_how == "description":
        return "source country guessed"
    if event.type in NEEDS_RECIPIENT and not (
            event.target_actor_id or event.target_country or event.target_sector):
        return "recipient required"
    return None


def gated(probability: float, event: Event) -> float:
    """The model's probability, capped at :data:`GATED` when :func:`gate` stops the event."""
    return min(probability, GATED) if gate(event) else probability


def _side(event: Event, side: str) -> dict[str, float]:
    """How one side was resolved: empty, an actor, only a country, only a sector or only a
    phrase; resolved through a pronoun, a description or a country adjective; a pronoun as
    written; a phrase longer than :data:`LONG_PARTY` words (a clause or a list, not a name)."""
    text = getattr(event, side) or ""
    if not (text or getattr(event, f"{side}_actor_id") or getattr(event, f"{side}_country")):
        return {f"{side}:empty": 1.0}
    if getattr(event, f"{side}_actor_id"):
        out = {f"{side}:actor": 1.0}
    elif getattr(event, f"{side}_country"):
        out = {f"{side}:country": 1.0}
    elif getattr(event, f"{side}_sector"):
        out = {f"{side}:sector": 1.0}
    else:
        out = {f"{side}:phrase": 1.0}
    how = getattr(event, f"{side}_how")
    if how in INDIRECT_HOW:
        out[f"{side}:how={how}"] = 1.0
    if text.lower() in PRONOUNS:
        out[f"{side}:pronoun"] = 1.0
    if len(text.split()) > LONG_PARTY:
        out[f"{side}:long"] = 1.0
    return out


# resolutions that go through something other than a name: weaker evidence of who it is
INDIRECT_HOW = frozenset({"pronoun", "description", "country-adjective"})
# types usually reported with their recipient: without one the act is often half-read
WANTS_TARGET = frozenset({"REQUEST", "ACCUSE", "THREATEN", "SUPPORT", "CONSULT", "AID",
                          "SANCTION", "COERCE", "ASSAULT", "COOPERATE"})
CROWDED = 2  # a sentence that gave more events than this is a list or a run-on


def features(event: Event, in_sentence: int) -> dict[str, float]:
    """The model's features of one event (name → value); ``in_sentence``: how many events
    its sentence gave (itself included)."""
    out = {"bias": 1.0, f"type={event.type}": 1.0}
    out.update(_side(event, "source"))
    out.update(_side(event, "target"))
    if "target:empty" in out and event.type in WANTS_TARGET:
        out["target:missing"] = 1.0
    flags = {"quoted": bool(event.quoted_in), "hypothetical": event.hypothetical,
             "negated": event.negated, "historical": event.historical,
             "sentence:unended": not event.text.rstrip().endswith(SENTENCE_ENDS),
             "sentence:crowded": in_sentence > CROWDED}
    out.update({name: 1.0 for name, on in flags.items() if on})
    return out


UNSURE_MARGIN = 1.0  # typer margins below this: about half the types are right (dev gold, GSR dev)


def type_features(event: Event) -> dict[str, float]:
    """The type model's features: how sure the event typer was of the type
    (``Event.type_margin``: its best root score minus the second, the lexicon's bonus
    included; below :data:`UNSURE_MARGIN` it is unsure); none when no typer ran (the
    record read back from the store, a lexicon-only run): the type model then stays out."""
    if event.type_margin is None:
        return {}
    return {"bias": 1.0, "type:unsure": float(event.type_margin < UNSURE_MARGIN)}


SENTENCE_ENDS = (".", "!", "?", '"', "'", "”", "’", ")")


def article_features(events: Iterable[Event]) -> list[dict[str, float]]:
    """:func:`features` of each of an article's events, in order."""
    events = list(events)
    per_sentence = Counter((e.start, e.end) for e in events)
    return [features(e, per_sentence[(e.start, e.end)]) for e in events]


@dataclass(frozen=True)
class EventScorer:
    """Two logistic models and a calibration, read once with :meth:`load` and passed to the
    events step: ``weights`` (feature name → weight, ``bias`` included) give the probability
    that the event's parties and type are right from :func:`features`; ``type_weights``, over
    :func:`type_features`, the probability that its type is right from the typer's margin
    (trained on type-and-sentence labels, so that a mistyped event scores low even where its
    parties look clean); their product goes through ``calibration`` (Platt: ``scale`` ×
    logit + ``shift``, fitted on out-of-fold scores; the identity by default)."""

    weights: Mapping[str, float]
    threshold: float = DEFAULT_THRESHOLD
    type_weights: Mapping[str, float] = field(default_factory=dict)
    calibration: tuple[float, float] = (1.0, 0.0)

    @classmethod
    def load(cls, path: str | Path | None = None) -> EventScorer:
        """The weights shipped with dragoman, or those at ``path`` (as written by
        ``scripts/train_event_confidence.py``)."""
        raw = json.loads((Path(path) if path else WEIGHTS).read_text(encoding="utf-8"))
        platt = raw.get("calibration") or {}
        return cls(dict(raw["weights"]), float(raw.get("threshold", DEFAULT_THRESHOLD)),
                   dict(raw.get("type_weights") or {}),
                   (float(platt.get("scale", 1.0)), float(platt.get("shift", 0.0))))

    def raw(self, feats: Mapping[str, float],
            type_feats: Mapping[str, float] | None = None) -> float:
        """The models' product before calibration (the type model only when ``type_feats``
        and its weights are there)."""
        p = logistic(self.weights, feats)
        if type_feats and self.type_weights:
            p *= logistic(self.type_weights, type_feats)
        return p

    def probability(self, feats: Mapping[str, float],
                    type_feats: Mapping[str, float] | None = None) -> float:
        return calibrated(self.raw(feats, type_feats), *self.calibration)

    def scored(self, events: Iterable[Event], article: Article | None = None,
               actors: Iterable[Actor] | None = None) -> list[Event]:
        """The events of one article with ``confidence`` set (rounded to 3 places), in the same
        order. The present features read only the events: ``article`` and ``actors`` (the
        events step passes them) are not needed."""
        events = list(events)
        feats = article_features(events)
        return [replace(e, confidence=round(gated(self.probability(f, type_features(e)), e), 3))
                for e, f in zip(events, feats)]


def calibrated(p: float, scale: float = 1.0, shift: float = 0.0) -> float:
    """Platt's calibration of a probability: ``sigmoid(scale × logit(p) + shift)``."""
    p = min(max(p, 1e-9), 1 - 1e-9)
    return sigmoid(scale * math.log(p / (1 - p)) + shift)


__all__ = ["DEFAULT_THRESHOLD", "GATED", "UNSURE_MARGIN", "EventScorer", "article_features",
           "calibrated", "features", "gate", "gated", "type_features"]
