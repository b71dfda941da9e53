"""The clean stage: RawDoc → Article or Reject."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from dragoman.clean.text import content_key, guess_language, normalise_text
from dragoman.model import Article, RawDoc, Reject, short_hash
from dragoman.pipeline import Batch
from dragoman.settings import Settings

_ISO_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}")
_QUICK_FORMATS = ("%Y/%m/%d", "%Y.%m.%d", "%d.%m.%Y", "%m/%d/%Y", "%Y%m%d")


@lru_cache(maxsize=4096)
def parse_date(value: str | None) -> str | None:
    """An ISO date (``YYYY-MM-DD``) from a metadata date string, or None if it is not one."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if _ISO_PREFIX.match(value):
        try:
            return dt.date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None
    for fmt in _QUICK_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return _parse_with_dateparser(value)


def _parse_with_dateparser(value: str) -> str | None:
    import dateparser  # slow to import: only when the quick formats fail

    parsed = dateparser.parse(value, settings={"STRICT_PARSING": True,
                                               "PREFER_DAY_OF_MONTH": "first"})
    return parsed.date().isoformat() if parsed else None


def clean_record(raw: RawDoc, settings: Settings) -> Article | Reject:
    """One RawDoc → Article, or Reject when no usable text is left."""
    text = normalise_text(raw.text)
    if len(text) < settings.min_chars:
        return Reject(raw.origin, "empty",
                      f"{len(text)} characters of text after cleaning (minimum "
                      f"{settings.min_chars})", raw.source_hash)
    published = parse_date(raw.published)
    return Article(
        article_id=short_hash(raw.origin, raw.source_hash),
        origin=raw.origin,
        text=text,
        content_hash=short_hash(content_key(text)),
        source_hash=raw.source_hash,
        title=normalise_text(raw.title) if raw.title else None,
        url=raw.url,
        outlet=raw.outlet,
        author=raw.author,
        published=published,
        published_source="metadata" if published else None,
        language=guess_language(text),
    )


class CleanStage:
    """Document stage: normalise every raw record; too-short texts become rejects."""

    name = "clean"
    requires = frozenset({"raw"})
    produces = frozenset({"articles", "rejects"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def run(self, batch: Batch) -> Batch:
        articles, rejects = list(batch.articles), list(batch.rejects)
        for raw in batch.raw:
            result = clean_record(raw, self.settings)
            (articles if isinstance(result, Article) else rejects).append(result)
        return replace(batch, articles=tuple(articles), rejects=tuple(rejects))
