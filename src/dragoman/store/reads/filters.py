"""One filter object per record kind, used unchanged by every surface: the CLI builds it from
its options, the web from its query parameters (``web/params.py``), the Python API takes it as
it is. Words mean one thing everywhere:

- ``text`` — the record's own words contain this (the web's article box sends it as ``q``);
- ``speaker``, ``source``, ``target``, ``actor``, ``mentions`` — name an actor: the name as
  written, or the resolved actor's canonical name or one of its aliases, contains the words;
- ``about`` (statements) — what the statement is about: its target (who is accused, appealed
  to) or its words contain this;
- ``*_id`` — an exact actor id; ``since``/``until`` — ISO dates, inclusive;
- ``outlet`` — the article's outlet (else its URL's host), exactly;
- flags (``negated``, ``hypothetical``, ``historical``, ``claims``) — ``None``: any,
  ``True``: only those, ``False``: leave them out;
- ``min_confidence`` — only records whose calibrated confidence is at least this (a record
  without one, written before confidences existed, passes); ``0`` shows every record.

What a filter shows unless told otherwise is chosen for precision (docs/confidence.md): events
at or above ``EVENT_MIN_CONFIDENCE`` and not historical; statements that are speech
(``cue_class="speech"``; ``None`` brings thought, evidence and stance back) at or above
``STATEMENT_MIN_CONFIDENCE``. Every list, count and export of every surface starts from these
defaults.

Every match is literal and case-insensitive: ``%``, ``_`` and ``\\`` are plain characters.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from importlib.resources import files

# allowed values of the fields (the CLI's choices and the web's forms read them from here)
STATEMENT_KINDS = ("direct", "block", "mixed", "indirect")
CUE_CLASSES = ("speech", "thought", "evidence", "stance")
ACTOR_TYPES = ("person", "organisation", "country", "location", "group")
EVENT_FLAGS = ("negated", "hypothetical", "historical", "claims")
STORY_ORDERS = ("latest", "biggest")


def model_threshold(resource: str) -> float:
    """The default threshold a shipped confidence model was trained with (its ``threshold``,
    chosen by its training script for precision; docs/confidence.md)."""
    return float(json.loads((files("dragoman.data") / resource).read_text("utf-8"))["threshold"])


# a record below these is kept but not shown by default: the thresholds the confidence models
# were trained with (scripts/train_*_confidence.py), read once, never a hand-kept copy
EVENT_MIN_CONFIDENCE = model_threshold("event_confidence.json")
STATEMENT_MIN_CONFIDENCE = model_threshold("statement_confidence.json")


@dataclass(frozen=True)
class StatementFilter:
    """Which statements: see the module docstring for what each word means. ``mentions``
    (``mentions_id``): an actor named inside the quoted span, other than the speaker for an id;
    ``since``/``until``: the article's publication date."""

    text: str | None = None
    speaker: str | None = None
    speaker_id: str | None = None
    about: str | None = None
    mentions: str | None = None
    mentions_id: str | None = None
    kind: str | None = None
    cue_class: str | None = "speech"
    article: str | None = None
    since: str | None = None
    until: str | None = None
    min_confidence: float | None = STATEMENT_MIN_CONFIDENCE
    outlet: str | None = None


@dataclass(frozen=True)
class EventFilter:
    """Which events: PLOVER ``type``; ``actor`` (either side), ``source``, ``target`` name
    actors, ``*_id`` are exact actor ids (``source_id`` and ``target_id``: a dyad); ``country``
    (ISO3, either side), ``source_country``, ``target_country`` (ISO3, that side);
    ``since``/``until``: the event's date; the flags; ``claims``: events
    reported inside someone's quoted or reported words; ``article``, ``story``; ``place``:
    the event's location or its first-order administrative area contains this."""

    type: str | None = None
    text: str | None = None
    actor: str | None = None
    actor_id: str | None = None
    source: str | None = None
    source_id: str | None = None
    target: str | None = None
    target_id: str | None = None
    country: str | None = None
    source_country: str | None = None
    target_country: str | None = None
    since: str | None = None
    until: str | None = None
    negated: bool | None = None
    hypothetical: bool | None = None
    historical: bool | None = False
    claims: bool | None = None
    article: str | None = None
    story: str | None = None
    min_confidence: float | None = EVENT_MIN_CONFIDENCE
    outlet: str | None = None
    place: str | None = None


@dataclass(frozen=True)
class ActorFilter:
    """Which actors: ``name`` names the actor (canonical name or an alias contains it),
    ``type`` (one of ``ACTOR_TYPES``), ``country`` (ISO3)."""

    name: str | None = None
    type: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles: ``text`` in the title or text, ``outlet``, publication dates;
    ``duplicates=False`` leaves copies out."""

    text: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    duplicates: bool = True


def present(conditions: object) -> dict:
    """The fields of a filter that are set (not ``None`` or empty): for links and forms."""
    defaults = asdict(type(conditions)())
    return {k: v for k, v in asdict(conditions).items() if v not in (None, "") and v != defaults[k]}
