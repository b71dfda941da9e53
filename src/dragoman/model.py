"""Plain frozen records that cross stage boundaries.

Every record that reaches the store points back to its article (``article_id``) and, where it
comes from text, to the exact character span (``start``/``end``) in ``Article.text``.

A stored record's fields are its table's columns: ``dragoman.store.tables`` derives the table,
its SQL types and its export fields from them. A field says how it is stored with ``stored()``
where the type of its annotation is not enough (a key, a DATE kept as an ISO string, a column
that may not be NULL, a field left out of the export or out of the table).
"""
from __future__ import annotations

import hashlib
from dataclasses import MISSING, dataclass, field
from typing import Any


def stored(default: Any = MISSING, *, sql: str | None = None, key: bool = False,
           not_null: bool = False, export: bool = True, column: bool = True,
           default_factory: Any = MISSING) -> Any:
    """A record field with how the store keeps it (read by ``dragoman.store.tables``):
    ``sql`` its column type when the annotation's is not it, ``key`` part of the primary key,
    ``not_null`` NOT NULL, ``export=False`` a column the export leaves out, ``column=False``
    no column at all (kept elsewhere, or not kept)."""
    metadata = {"sql": sql, "key": key, "not_null": not_null, "export": export,
                "column": column}
    return field(default=default, default_factory=default_factory, metadata=metadata)


def short_hash(*parts: str, size: int = 16) -> str:
    """A stable hex id from text parts (sha1, truncated)."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:size]


def bytes_hash(data: bytes, size: int = 16) -> str:
    """A stable hex id of raw bytes (sha1, truncated)."""
    return hashlib.sha1(data).hexdigest()[:size]


# the allowed values of ``Event.type``: PLOVER's 16 event types, each with its main CAMEO root
# (the crosswalk in plover_ontology.json, read backwards)
CAMEO_ROOT = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07",
    "CONCEDE": "08", "RETREAT": "08", "ACCUSE": "11", "REQUEST": "10", "REJECT": "12",
    "THREATEN": "13", "PROTEST": "14", "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17",
    "ASSAULT": "18",
}
PLOVER_TYPES = tuple(CAMEO_ROOT)

# the type of ``Reuse.passages``: one struct per shared passage
PASSAGES_SQL = ("STRUCT(a_start INTEGER, a_end INTEGER, b_start INTEGER, b_end INTEGER, "
                "words INTEGER, text VARCHAR)[]")


@dataclass(frozen=True, slots=True)
class RawDoc:
    """One input record as a reader found it, before cleaning."""

    origin: str  # the path or URL as given; ``path#N`` for the Nth record of a file
    text: str
    source_hash: str  # hash of the record as read: with origin, the idempotency key
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    author: str | None = None
    fmt: str = "text"  # which reader made it


@dataclass(frozen=True, slots=True)
class Reject:
    """An input record that could not become an article, and why."""

    origin: str = stored(key=True)
    reason: str = stored(not_null=True)  # short machine-readable code, e.g. ``undecodable``
    detail: str  # a sentence for the user: what was wrong and what to do
    source_hash: str = stored("", key=True, export=False)


@dataclass(frozen=True, slots=True)
class Article:
    article_id: str = stored(key=True)
    origin: str = stored(not_null=True)
    text: str = stored(not_null=True)
    # hash of the normalised text: exact duplicates share it
    content_hash: str = stored(not_null=True, export=False)
    source_hash: str = stored(not_null=True, export=False)
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = stored(None, sql="DATE")  # ISO date
    published_source: str | None = None  # where the date was found, e.g. ``metadata``
    language: str | None = None
    duplicate_of: str | None = None
    removed: tuple[str, ...] = ()  # what cleaning took out, each as "reason: text"
    nlp_skipped: str | None = None  # why the NLP stages did not read it (e.g. its language)


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention; ``actor_id`` is filled by actor resolution."""

    article_id: str = stored(key=True)
    start: int = stored(key=True)
    end: int = stored(key=True)
    text: str
    label: str  # spaCy entity label
    actor_id: str | None = None
    how: str | None = None  # how actor_id was found: name | alias | surname | description | title …


@dataclass(frozen=True, slots=True)
class Actor:
    actor_id: str = stored(key=True)
    name: str = stored(not_null=True)
    type: str  # person | organisation | country | location | group
    country: str | None = None  # ISO-3166 alpha-3
    sector: str | None = None  # PLOVER sector code (GOV, MIL, REB, ...)
    aliases: tuple[str, ...] = ()
    mentions: int = 0
    role: str | None = None  # e.g. "Foreign Minister", from titles and appositions
    # merges that joined other actor ids into this one: "alias_id\talias name\tevidence"
    merged: tuple[str, ...] = stored((), column=False)   # kept in the actor_merges table
    lat: float | None = None  # a place's coordinates (WGS84), from the gazetteer
    lon: float | None = None
    admin: str | None = None  # a place's first-order administrative area
    evidence: tuple[str, ...] = ()  # why its type, country, sector, role: "field\tvalue\tsource"


@dataclass(frozen=True, slots=True)
class Statement:
    statement_id: str = stored(key=True)
    article_id: str = stored(not_null=True)
    kind: str  # direct | block | mixed | indirect
    text: str  # what was said, exactly as in the article: ``Article.text[start:end]``
    start: int
    end: int
    sentence: str
    cue: str | None = None
    speaker_mention: str | None = None
    speaker: str | None = None  # canonical actor name
    speaker_actor_id: str | None = None
    addressee: str | None = None
    speaker_kind: str | None = None  # named | pronoun | nominal | unnamed
    speaker_start: int | None = None  # the speaker mention's span in ``Article.text``
    speaker_end: int | None = None
    about: str | None = None  # the target of an accusation or appeal, when stated
    cue_class: str | None = None  # speech | thought | evidence | stance (docs/statements.md)
    confidence: float | None = None  # calibrated probability that the record is right (0–1)


@dataclass(frozen=True, slots=True)
class Event:
    event_id: str = stored(key=True)
    article_id: str = stored(not_null=True)
    type: str  # PLOVER event type
    text: str  # the source sentence: ``Article.text[start:end]``
    start: int
    end: int
    trigger: str = ""
    mode: str | None = None
    cameo: str | None = None
    source: str | None = None
    source_actor_id: str | None = None
    source_country: str | None = None
    source_sector: str | None = None
    target: str | None = None
    target_actor_id: str | None = None
    target_country: str | None = None
    target_sector: str | None = None
    date: str | None = stored(None, sql="DATE")  # ISO date
    date_precision: str | None = None  # day | week | month | year
    date_text: str | None = None
    date_source: str | None = None  # text | published
    location: str | None = None
    negated: bool = False
    hypothetical: bool = False
    statement_id: str | None = None
    location_country: str | None = None  # ISO-3166 alpha-3 of ``location``
    historical: bool = False  # background: dated well before publication
    quoted_in: str | None = None  # the statement whose words report this act (a claim, not a fact)
    confidence: float | None = None  # calibrated probability that the record is right (0–1)
    lat: float | None = None  # coordinates of ``location`` (WGS84), from the gazetteer
    lon: float | None = None
    location_admin: str | None = None  # first-order administrative area of ``location``
    source_how: str | None = None  # how the source was resolved: name | alias | description …
    target_how: str | None = None
    # the event typer's margin (best root score minus the second): read by the confidence model
    # in the events step, kept in memory only (no column, no migration)
    type_margin: float | None = stored(None, column=False)


@dataclass(frozen=True, slots=True)
class EventMention:
    """A later report of an event's act in its article (docs/events.md, "One event per (type,
    source, target, clause)"): the event's own ``text``/``start``/``end`` are its first
    mention, each later sentence that reports the same act is one of these."""

    event_id: str = stored(key=True)
    article_id: str = stored(not_null=True)
    start: int = stored(key=True)  # the sentence's span in ``Article.text``
    end: int = stored(key=True)
    text: str  # the sentence: ``Article.text[start:end]``
    trigger: str = ""


@dataclass(frozen=True, slots=True)
class Story:
    story_id: str = stored(key=True)
    title: str | None
    article_ids: tuple[str, ...]
    start_date: str | None = stored(None, sql="DATE")
    end_date: str | None = stored(None, sql="DATE")
    summary: str | None = None
    timeline: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Reuse:
    """Two articles that share text: ``article_a`` was stored first.

    ``kind`` is ``near-duplicate`` (``article_b`` is marked ``duplicate_of`` ``article_a``;
    ``similarity`` is the estimated Jaccard of their shingles) or ``passage`` (shared
    passages, both articles kept; ``similarity`` is the share of the shorter article's words
    inside them). Each passage gives its span in both texts: ``a_start``/``a_end`` in
    ``article_a``'s text, ``b_start``/``b_end`` in ``article_b``'s, ``words`` and ``text``.
    """

    article_a: str = stored(key=True)
    article_b: str = stored(key=True)
    kind: str = stored(key=True)
    similarity: float
    passages: tuple[dict, ...] = stored((), sql=PASSAGES_SQL)


@dataclass(frozen=True, slots=True)
class Signature:
    """What the dedupe stages keep of an original to compare later articles with, without
    reading or hashing its text again: its MinHash and its passage fingerprints."""

    article_id: str = stored(key=True)
    # order of arrival among originals: the earliest match wins
    seq: int = stored(sql="BIGINT", not_null=True)
    minhash: bytes = stored(not_null=True)
    # its winnowed passage fingerprints, stored in the fingerprints table
    fingerprints: tuple[int, ...] = stored((), column=False)
    # its MinHash-LSH band keys (int64), stored in lsh_bands
    bands: tuple[int, ...] = stored((), column=False)
