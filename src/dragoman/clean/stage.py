"""The clean stage: RawDoc → Article or Reject.

HTML records are extracted first (trafilatura, htmldate); then every text, whatever reader
made it, goes the same way: mojibake repair, boilerplate lines out (kept with their reason),
title without its site name, publication date (metadata, else the top of the text, else the
URL), language.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from dragoman.clean.boilerplate import clean_title, remove_boilerplate
from dragoman.clean.dates import date_from_text, date_from_url, parse_date
from dragoman.clean.encoding import repair_lost_quotes
from dragoman.clean.extract import extract_html, outlet_from_url
from dragoman.clean.failures import isolated
from dragoman.clean.language import LanguageGuesser
from dragoman.clean.text import content_key, normalise_text
from dragoman.errors import ExtractionError
from dragoman.names import storable_fields
from dragoman.model import Article, RawDoc, Reject, short_hash
from dragoman.pipeline import Batch
from dragoman.settings import Settings

# languages the English NLP stages read; other articles are kept with ``nlp_skipped`` set
NLP_LANGUAGES = frozenset({"en"})
# spaCy's own limit (``nlp.max_length``, error E088): a longer text is kept and searchable but
# not annotated, with ``nlp_skipped`` saying why (docs/ingestion.md)
MAX_NLP_CHARS = 1_000_000


@dataclass(frozen=True)
class Fields:
    """What is known about a record before its text is cleaned."""

    text: str
    title: str | None
    url: str | None
    outlet: str | None
    author: str | None
    published: str | None
    published_source: str | None


def fields_of(raw: RawDoc) -> Fields | Reject:
    """The record's text and metadata; for HTML, what the extractor found in the page."""
    published = parse_date(raw.published)
    given = Fields(raw.text, raw.title, raw.url, raw.outlet or outlet_from_url(raw.url),
                   raw.author, published, "metadata" if published else None)
    if raw.fmt != "html":
        return given
    try:
        page = extract_html(raw.text, raw.url)
    except ExtractionError as err:
        return Reject(raw.origin, "unparsable-html", f"{err}; check that the file is a web page",
                      raw.source_hash)
    if page is None:
        return Reject(raw.origin, "no-main-text", "no article text found in the page (an index, "
                      "a form or a page that needs JavaScript?); save the article page itself",
                      raw.source_hash)
    date = given.published or parse_date(page.published)
    return Fields(page.text, given.title or page.title, page.url, given.outlet or page.outlet,
                  given.author or page.author, date,
                  given.published_source or (page.published_source if date else None))


def clean_record(raw: RawDoc, settings: Settings, languages: LanguageGuesser) -> Article | Reject:
    """One RawDoc → Article, or Reject when no usable text is left. Text fields are made
    storable first (a lone surrogate in a title or an origin cannot be written as UTF-8)."""
    raw = storable_fields(raw)
    found = fields_of(raw)
    if isinstance(found, Reject):
        return found
    text, _ = repair_lost_quotes(normalise_text(found.text))
    title, title_removed = clean_title(_clean_title_text(found.title), found.outlet)
    published, published_source = _date(found, text, settings.published)
    text, removed = remove_boilerplate(text, title)
    if len(text) < settings.min_chars:
        return Reject(raw.origin, "empty",
                      f"{len(text)} characters of text after cleaning (minimum "
                      f"{settings.min_chars})", raw.source_hash)
    language = languages.guess(text)
    return Article(
        article_id=short_hash(raw.origin, raw.source_hash), origin=raw.origin, text=text,
        content_hash=short_hash(content_key(text)), source_hash=raw.source_hash,
        title=title, url=found.url, outlet=found.outlet,
        author=found.author or _byline_author(removed), published=published,
        published_source=published_source, language=language,
        removed=tuple(f"{reason}: {line}" for reason, line in (*title_removed, *removed)),
        nlp_skipped=nlp_skip_reason(language) or length_skip_reason(len(text)),
    )


def _clean_title_text(title: str | None) -> str | None:
    return repair_lost_quotes(normalise_text(title))[0] or None if title else None


def _date(found: Fields, text: str, fallback: str = "") -> tuple[str | None, str | None]:
    """The publication date and where it was found: metadata/htmldate, text, URL, else the
    date the user gave for records without one (``--published``)."""
    if found.published:
        return found.published, found.published_source
    in_text = date_from_text(text)
    if in_text:
        return in_text[0], "text"
    in_url = date_from_url(found.url)
    if in_url:
        return in_url, "url"
    given = parse_date(fallback)
    return (given, "user") if given else (None, None)


def _byline_author(removed: list[tuple[str, str]]) -> str | None:
    for reason, line in removed:
        if reason == "byline":
            return line.split(None, 1)[1].strip()
    return None


def nlp_skip_reason(language: str | None) -> str | None:
    """Why the English NLP stages do not read an article in ``language`` (None: they do)."""
    if language is None or language in NLP_LANGUAGES:
        return None
    return (f"language {language!r}: the annotate stage reads English only; the article is "
            "kept and can be searched, but has no statements or events")


def length_skip_reason(length: int, limit: int = MAX_NLP_CHARS) -> str | None:
    """Why the NLP stages do not read a text of ``length`` characters (None: they do)."""
    if length <= limit:
        return None
    return (f"text of {length:,} characters is longer than the {limit:,} the annotate stage "
            "reads: the article is kept and can be searched, but has no statements or events; "
            "split the input into smaller articles to annotate it")


class CleanStage:
    """Document stage: extract and clean every raw record; empty texts become rejects, and so
    does a record on which cleaning raises (``failed-clean``): the rest of the batch goes on."""

    name = "clean"
    kind = "document"
    requires = frozenset({"raw"})
    produces = frozenset({"articles", "rejects"})

    def __init__(self, settings: Settings, languages: LanguageGuesser | None = None) -> None:
        self.settings = settings
        self.languages = languages or LanguageGuesser()

    def run(self, batch: Batch) -> Batch:
        articles, rejects = list(batch.articles), list(batch.rejects)
        for raw in batch.raw:
            result = isolated(lambda: clean_record(raw, self.settings, self.languages),
                              raw.origin, raw.source_hash, self.name)
            (articles if isinstance(result, Article) else rejects).append(result)
        return replace(batch, articles=tuple(articles), rejects=tuple(rejects))
