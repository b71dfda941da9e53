"""Query and path parameters: declared once, validated by FastAPI, shared by the JSON API,
the pages and the exports. Empty form fields count as absent."""
from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Path, Query
from fastapi.exceptions import RequestValidationError

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
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]


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


def _present(**values: object) -> dict:
    return {k: v for k, v in values.items() if v not in (None, "")}


def statement_filters(speaker: Text = None, speaker_id: OptId = None, about: Text = None,
                      about_id: OptId = None, text: Text = None, kind: Word = None,
                      since: Day = None, until: Day = None, article: OptId = None) -> dict:
    """Statements: speaker name or id, an actor mentioned inside the quote, words, kind, dates."""
    return _present(speaker=speaker, speaker_id=speaker_id, about=about, about_id=about_id,
                    text=text, kind=kind, since=_day("since", since), until=_day("until", until),
                    article=article)


def event_filters(type: Word = None, actor: Text = None, actor_id: OptId = None,
                  source_id: OptId = None, target_id: OptId = None,
                  country: Annotated[str | None, Query(pattern=r"^([A-Za-z]{2,3})?$")] = None,
                  since: Day = None, until: Day = None, negated: Flag = None,
                  hypothetical: Flag = None, historical: Flag = None, article: OptId = None,
                  story: OptId = None) -> dict:
    """Events: PLOVER type, actor words or ids (a dyad: source_id and target_id), country,
    dates, negated/hypothetical/historical, article, story."""
    return _present(type=type, actor=actor, actor_id=actor_id, source_id=source_id,
                    target_id=target_id, country=country, since=_day("since", since),
                    until=_day("until", until), negated=_flag(negated),
                    hypothetical=_flag(hypothetical), historical=_flag(historical),
                    article=article, story=story)


def actor_filters(name: Text = None, type: Word = None,
                  country: Annotated[str | None, Query(pattern=r"^([A-Za-z]{2,3})?$")] = None) -> dict:
    """Actors: name or alias, type (person, organisation, country, …), country code."""
    return _present(name=name, type=type, country=country)


def article_filters(q: Text = None, outlet: Text = None, since: Day = None, until: Day = None,
                    duplicates: Flag = None) -> dict:
    """Articles: words in the title or text, outlet, publication dates, copies or not."""
    return _present(q=q, outlet=outlet, since=_day("since", since), until=_day("until", until),
                    duplicates=_flag(duplicates))


def story_filters(order: Annotated[str, Query(pattern=r"^(latest|biggest)$")] = "latest") -> dict:
    """Stories: ``latest`` (last dated first) or ``biggest``."""
    return {"order": order}


TYPES_PATTERN = r"^([A-Za-z_]{1,20}(,[A-Za-z_]{1,20})*)?$"


def dyad_filters(types: Annotated[str | None, Query(pattern=TYPES_PATTERN,
                                                    description="comma-separated PLOVER types")] = None
                 ) -> dict:
    """Actor pairs, over all event types or the ones given."""
    return _present(types=types.split(",") if types else None)


def no_filters() -> dict:
    return {}
