"""Query and path parameters: declared once, validated by FastAPI, shared by the JSON API,
the pages and the exports. The record lists' dependencies return the read API's filter objects
(``store.reads.filters``), so a parameter means what the same word means on the CLI. Empty
form fields count as absent."""
from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Path, Query
from fastapi.exceptions import RequestValidationError

from dragoman.store.reads import (
    EVENT_MIN_CONFIDENCE, STATEMENT_MIN_CONFIDENCE, STORY_ORDERS, ActorFilter, ArticleFilter,
    EventFilter, StatementFilter)

ID_PATTERN = r"^[A-Za-z0-9_.:\-]{1,100}$"
DATE_PATTERN = r"^(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))?$"
FLAG_PATTERN = r"^(|any|true|false)$"
MAX_OFFSET = 10_000_000

Id = Annotated[str, Path(pattern=ID_PATTERN, description="a record id, as the API gives it")]
Text = Annotated[str | None, Query(max_length=200)]
OptId = Annotated[str | None, Query(pattern=r"^([A-Za-z0-9_.:\-]{1,100})?$")]
Day = Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY-MM-DD")]
Flag = Annotated[str | None, Query(pattern=FLAG_PATTERN, description="true, false, or any")]
Word = Annotated[str | None, Query(pattern=r"^([A-Za-z_\-]{1,40})?$")]
Limit = Annotated[int, Query(ge=1, le=500, description="rows per page")]
Confidence = Annotated[float | None, Query(ge=0, le=1, description=(
    "only records whose calibrated confidence is at least this (default: the precision "
    "threshold; 0: every record)"))]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]


Sort = Annotated[str | None, Query(pattern=r"^(-?[a-z_]{1,20})?$", description=(
    "the column to sort by; a leading - sorts descending (events: -date, newest first, "
    "by default; statements: -published)"))]
SearchQuery = Annotated[str, Query(max_length=200, description=(
    "words, each matched with any ending and with or without hyphens (all must match)"))]
SearchKind = Annotated[str, Query(pattern=r"^(articles|statements|events)$")]
DyadSide = Annotated[str, Query(min_length=1, max_length=200, description=(
    "one side of the pair: an actor id or name, or an ISO3 country code"))]
Live = Annotated[bool, Query(description="make the summary and timeline now from all the "
                                        "story's articles instead of showing the stored ones")]


def _day(name: str, value: str | None) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as err:
        raise RequestValidationError([{"loc": ("query", name), "input": value, "type": "value_error",
                                       "msg": f"{value!r} is not a date; use YYYY-MM-DD"}]) from err


def _flag(value: str | None) -> bool | None:
    return {"true": True, "false": False}.get(value or "")


def _text(value: str | None) -> str | None:
    return value or None


def _shown_flag(value: str | None) -> bool | None:
    """A flag whose records are hidden by default: absent is ``False``, ``any`` shows all."""
    return None if value == "any" else _flag(value) or False


def _cue_class(value: str | None) -> str | None:
    """Speech by default; ``any`` brings thought, evidence and stance back."""
    return None if value == "any" else value or "speech"


Country = Annotated[str | None, Query(pattern=r"^([A-Za-z]{2,3})?$")]


def statement_filters(speaker: Text = None, speaker_id: OptId = None, about: Text = None,
                      mentions: Text = None, mentions_id: OptId = None, text: Text = None,
                      kind: Word = None, cue_class: Word = None, since: Day = None,
                      until: Day = None, article: OptId = None,
                      min_confidence: Confidence = None, outlet: Text = None) -> StatementFilter:
    """Statements: speaker name or id, what it is about (its target or its words), an actor
    named inside the quote (name or id), words, kind, cue class (speech unless ``any`` or
    another class is asked for), publication dates, the lowest confidence shown, outlet."""
    return StatementFilter(
        text=_text(text), speaker=_text(speaker), speaker_id=_text(speaker_id),
        about=_text(about), mentions=_text(mentions), mentions_id=_text(mentions_id),
        kind=_text(kind), cue_class=_cue_class(cue_class), article=_text(article),
        since=_day("since", since), until=_day("until", until),
        min_confidence=STATEMENT_MIN_CONFIDENCE if min_confidence is None else min_confidence,
        outlet=_text(outlet))


def event_filters(type: Word = None, text: Text = None, actor: Text = None,
                  actor_id: OptId = None, source: Text = None, source_id: OptId = None,
                  target: Text = None, target_id: OptId = None, country: Country = None,
                  since: Day = None, until: Day = None, negated: Flag = None,
                  hypothetical: Flag = None, historical: Flag = None, claims: Flag = None,
                  article: OptId = None, story: OptId = None,
                  min_confidence: Confidence = None, source_country: Country = None,
                  target_country: Country = None, outlet: Text = None,
                  place: Text = None) -> EventFilter:
    """Events: PLOVER type, words, actor names or ids (either side, source, target: a dyad),
    country (either side, source, target), dates, negated/hypothetical/historical/claims
    (historical ones are left out unless ``any`` or ``true``), article, story, the lowest
    confidence shown, outlet, place (location or its province)."""
    return EventFilter(
        type=_text(type), text=_text(text), actor=_text(actor), actor_id=_text(actor_id),
        source=_text(source), source_id=_text(source_id), target=_text(target),
        target_id=_text(target_id), country=_text(country), since=_day("since", since),
        until=_day("until", until), negated=_flag(negated), hypothetical=_flag(hypothetical),
        historical=_shown_flag(historical), claims=_flag(claims), article=_text(article),
        story=_text(story), source_country=_text(source_country),
        target_country=_text(target_country), outlet=_text(outlet), place=_text(place),
        min_confidence=EVENT_MIN_CONFIDENCE if min_confidence is None else min_confidence)


def actor_filters(name: Text = None, type: Word = None, country: Country = None) -> ActorFilter:
    """Actors: a name or alias, type (person, organisation, country, …), country code."""
    return ActorFilter(name=_text(name), type=_text(type), country=_text(country))


def article_filters(q: Text = None, outlet: Text = None, since: Day = None, until: Day = None,
                    duplicates: Flag = None) -> ArticleFilter:
    """Articles: words in the title or text (``q``: the filter's ``text``), outlet,
    publication dates, copies or not."""
    return ArticleFilter(text=_text(q), outlet=_text(outlet), since=_day("since", since),
                         until=_day("until", until), duplicates=_flag(duplicates) is not False)


ORDER_PATTERN = "^(" + "|".join(STORY_ORDERS) + ")$"


def story_filters(order: Annotated[str, Query(pattern=ORDER_PATTERN)] = "latest") -> dict:
    """Stories: ``latest`` (last dated first) or ``biggest``."""
    return {"order": order}


TYPES_PATTERN = r"^([A-Za-z_]{1,20}(,[A-Za-z_]{1,20})*)?$"


def dyad_filters(types: Annotated[str | None, Query(pattern=TYPES_PATTERN,
                                                    description="comma-separated PLOVER types")] = None
                 ) -> dict:
    """Actor pairs, over all event types or the ones given."""
    return {"types": types.split(",")} if types else {}


def no_filters() -> dict:
    return {}
