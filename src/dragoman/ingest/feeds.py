"""RSS/Atom feeds, sitemaps and URLs: one record per item, fetched through a ``Fetcher``.

- A feed file (``.rss``, ``.atom``, or ``.xml`` whose root is ``<rss>``, ``<feed>`` or
  ``<rdf:RDF>``) is read with feedparser. An item that carries its article (``content:encoded``,
  Atom ``<content>``, or a description of at least ``FULL_TEXT_CHARS`` characters of text)
  becomes a ``RawDoc`` at once, origin ``FEED#ITEM-ID``; HTML content gets ``fmt="html"`` so
  the clean stage extracts it like a page. An item with only a teaser and a link is read by
  fetching the link (origin: the link). Either way the item's title, link, publication date and
  author are kept as metadata.
- A sitemap (``<urlset>``) yields one fetched page per ``<loc>``, with the Google News
  ``<news:title>``/``<news:publication_date>`` when present; a sitemap index
  (``<sitemapindex>``) is followed to its sitemaps (``MAX_SITEMAP_DEPTH`` levels).
- A URL given on the command line is fetched once: a feed or sitemap is read as above, any
  other HTML answer is one page.

Every failure (malformed feed, HTTP error, robots.txt disallow, timeout) is a ``Reject`` with
the file or URL as origin, and the run goes on.
"""
from __future__ import annotations

import html as htmllib
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from xml.etree import ElementTree

import feedparser

from dragoman.ingest.fetch import Fetcher, Response, fetch_or_reject
from dragoman.ingest.html import html_rawdoc, looks_like_html
from dragoman.errors import TooLargeError
from dragoman.ingest.limits import GZIP_ERRORS, gunzip_at_most, read_whole
from dragoman.names import safe_name
from dragoman.ingest.registry import Record, Source, register, register_url
from dragoman.model import RawDoc, Reject, bytes_hash
from dragoman.settings import Settings

FULL_TEXT_CHARS = 500  # a description this long (as text) is the article, not a teaser
MAX_SITEMAP_DEPTH = 3
_ROOT = re.compile(rb"<(?:[\w.-]+:)?(rss|feed|RDF|urlset|sitemapindex)[\s>/]")
_TAG = re.compile(r"<[^>]+>")
_HTML_TYPES = ("text/html", "application/xhtml")


@dataclass(frozen=True)
class ItemMeta:
    """What a feed item or sitemap entry says about its article."""

    title: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None


@register(".rss", ".atom", ".xml")
def read_feed_file(source: Source, settings: Settings) -> Iterator[Record]:
    """A feed or sitemap file: one record per item (see the module docstring)."""
    data = read_whole(source, settings.max_record_bytes)
    if isinstance(data, Reject):
        yield data
        return
    yield from feed_records(source.origin, data, settings, source.fetcher)


@register_url
def read_url(url: str, settings: Settings, fetcher: Fetcher) -> Iterator[Record]:
    """A URL: a feed or sitemap gives its items, an HTML page is one record."""
    answer = fetch_or_reject(fetcher, url, settings.max_record_bytes)
    if isinstance(answer, Reject):
        yield answer
        return
    if feed_kind(answer.body) is not None or answer.body[:2] == b"\x1f\x8b":
        yield from feed_records(url, answer.body, settings, fetcher, base=answer.url or url)
    else:
        yield page_record(url, answer)


def feed_records(origin: str, data: bytes, settings: Settings, fetcher: Fetcher | None,
                 base: str | None = None, depth: int = 0) -> Iterator[Record]:
    """The records of one feed or sitemap document (``data``, as bytes)."""
    data = _gunzipped(data, settings.max_record_bytes)
    if isinstance(data, Reject):
        yield replace(data, origin=origin)
        return
    kind = feed_kind(data)
    if kind in ("urlset", "sitemapindex"):
        yield from _sitemap_records(origin, data, settings, fetcher, depth)
    elif kind is not None:
        yield from _feed_items(origin, data, settings, fetcher, base)
    else:
        yield Reject(origin, "not-a-feed", "no <rss>, <feed>, <rdf:RDF>, <urlset> or "
                     "<sitemapindex> root element: not a feed or sitemap; give an RSS/Atom feed, "
                     "a sitemap, or the pages themselves", bytes_hash(data))


def feed_kind(data: bytes) -> str | None:
    """The root element's name (``rss``, ``feed``, ``RDF``, ``urlset``, ``sitemapindex``)."""
    match = _ROOT.search(data[:4096])
    return match.group(1).decode() if match else None


def _gunzipped(data: bytes, limit: int) -> bytes | Reject:
    """``data`` decompressed if gzipped (stopped at ``limit`` bytes), or a Reject."""
    if data[:2] != b"\x1f\x8b":
        return data
    try:
        return gunzip_at_most(data, limit)
    except TooLargeError as err:
        return Reject("", "too-large", str(err), bytes_hash(data))
    except GZIP_ERRORS as err:
        return Reject("", "corrupt-gzip", f"cannot decompress ({err}); re-download it",
                      bytes_hash(data))


def _feed_items(origin: str, data: bytes, settings: Settings, fetcher: Fetcher | None,
                base: str | None) -> Iterator[Record]:
    """Every item of an RSS/Atom document; a feed with none is one reject."""
    headers = {"content-location": base} if base else None
    parsed = feedparser.parse(data, response_headers=headers)
    for index, entry in enumerate(parsed.entries, start=1):
        yield _item_record(origin, index, entry, settings, fetcher)
    if _is_broken(parsed):
        yield _malformed(origin, data, parsed)
    elif not parsed.entries:
        yield Reject(origin, "empty-feed",
                     f"{safe_name(origin)} is a feed with no items; nothing to read",
                     bytes_hash(data))


def _is_broken(parsed) -> bool:
    """True when the XML itself is broken (not for a mere charset mismatch warning)."""
    harmless = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    return bool(parsed.get("bozo")) and not isinstance(parsed.get("bozo_exception"), harmless)


def _malformed(origin: str, data: bytes, parsed) -> Reject:
    """One reject for a broken feed; the items feedparser recovered were kept."""
    problem = safe_name(" ".join(str(parsed.get("bozo_exception", "")).split())[:200])
    kept = (f"the {len(parsed.entries)} item(s) read before the error were kept, later ones "
            "may be missing; " if parsed.entries else "")
    return Reject(origin, "malformed-feed", f"{safe_name(origin)} is not a well-formed RSS/Atom "
                  f"feed ({problem}); {kept}check that the file is complete (re-download it)",
                  bytes_hash(data))


def _item_record(origin: str, index: int, entry, settings: Settings,
                 fetcher: Fetcher | None) -> Record:
    """One feed item → RawDoc from its content, the fetched page of its link, or a Reject."""
    meta = ItemMeta(title=_clean(entry.get("title")), url=entry.get("link"),
                    published=_iso(entry.get("published_parsed")), author=entry.get("author"))
    body, mime, full = _item_body(entry)
    item_origin = f"{origin}#{entry.get('id') or meta.url or index}"
    if meta.url and not full:
        return fetched_page(meta.url, settings, fetcher, meta)
    if not body.strip():
        return Reject(item_origin, "empty-item", "the feed item has neither content nor a link",
                      bytes_hash(item_origin.encode()))
    published = meta.published or _iso(entry.get("updated_parsed"))
    return _content_doc(item_origin, body, mime, replace(meta, published=published))


def _item_body(entry) -> tuple[str, str, bool]:
    """``(body, MIME type, is_full_article)`` of an item.

    ``content:encoded`` or Atom ``<content>`` (the longest, if several) is the article; a
    description is the article only when it has ``FULL_TEXT_CHARS`` of text, else a teaser.
    """
    contents = [(c.get("value") or "", c.get("type") or "text/html")
                for c in entry.get("content") or [] if _text_of(c.get("value") or "")]
    if contents:
        body, mime = max(contents, key=lambda pair: len(_text_of(pair[0])))
        return body, mime, True
    summary = entry.get("summary") or ""
    mime = (entry.get("summary_detail") or {}).get("type") or "text/html"
    return summary, mime, len(_text_of(summary)) >= FULL_TEXT_CHARS


def _content_doc(origin: str, body: str, mime: str, meta: ItemMeta) -> RawDoc:
    """An item's own content as a RawDoc: HTML wrapped as a page for the clean stage."""
    is_html = "html" in mime
    text = (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><article>{body}"
            "</article></body></html>") if is_html else body
    return RawDoc(origin=origin, text=text, source_hash=bytes_hash(body.encode("utf-8")),
                  title=meta.title, url=meta.url, published=meta.published,
                  author=meta.author, fmt="html" if is_html else "feed")


def fetched_page(url: str, settings: Settings, fetcher: Fetcher | None,
                 meta: ItemMeta | None = None) -> Record:
    """The page at ``url`` as a RawDoc (with the item's metadata), or a Reject."""
    if fetcher is None:
        return Reject(url, "not-fetched", "the item has only a link and no fetcher was given; "
                      "read the feed with read_inputs (it fetches) or pass fetcher=",
                      bytes_hash(url.encode()))
    answer = fetch_or_reject(fetcher, url, settings.max_record_bytes)
    if isinstance(answer, Reject):
        return answer
    record = page_record(url, answer)
    if meta is None or isinstance(record, Reject):
        return record
    return replace(record, title=meta.title or record.title,
                   published=meta.published or record.published,
                   author=meta.author or record.author)


def page_record(origin: str, answer: Response) -> Record:
    """A fetched answer that should be a web page → RawDoc (``fmt="html"``) or ``not-html``."""
    content_type = answer.content_type
    if not _is_html(content_type, answer.body):
        return Reject(origin, "not-html", f"{safe_name(answer.url or origin)} is "
                      f"{content_type or 'of unknown type'}, not an HTML page, feed or sitemap; "
                      "only web pages become articles", bytes_hash(answer.body))
    return html_rawdoc(origin, answer.body, url=answer.url or origin,
                       content_type=content_type or None)


def _sitemap_records(origin: str, data: bytes, settings: Settings, fetcher: Fetcher | None,
                     depth: int) -> Iterator[Record]:
    """One fetched page per ``<url>``; a sitemap index is followed to its sitemaps."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as err:
        yield Reject(origin, "malformed-sitemap", f"{safe_name(origin)} cannot be read as a "
                     f"sitemap ({err}); check that the file is complete (re-download it)",
                     bytes_hash(data))
        return
    entries = [e for e in root if _local(e.tag) in ("url", "sitemap")]
    if not entries:
        yield Reject(origin, "empty-feed", f"{safe_name(origin)} is a sitemap with no entries",
                     bytes_hash(data))
    for entry in entries:
        loc = (entry.findtext("{*}loc") or "").strip()
        if _local(entry.tag) == "sitemap":
            yield from _child_sitemap(loc, settings, fetcher, depth + 1)
        elif loc:
            yield fetched_page(loc, settings, fetcher, _news_meta(entry, loc))


def _child_sitemap(url: str, settings: Settings, fetcher: Fetcher | None,
                   depth: int) -> Iterator[Record]:
    if depth > MAX_SITEMAP_DEPTH or fetcher is None:
        why = (f"sitemap indexes nested over {MAX_SITEMAP_DEPTH} deep; give the sitemap's URL "
               "itself" if fetcher is not None else "no fetcher was given; pass fetcher=")
        yield Reject(url, "sitemap-not-read", why, bytes_hash(url.encode()))
        return
    answer = fetch_or_reject(fetcher, url, settings.max_record_bytes)
    if isinstance(answer, Reject):
        yield answer
        return
    yield from feed_records(url, answer.body, settings, fetcher, base=answer.url, depth=depth)


def _news_meta(entry: ElementTree.Element, loc: str) -> ItemMeta:
    """Title and publication date of a Google News sitemap entry (``<news:news>``)."""
    return ItemMeta(title=_clean(entry.findtext("{*}news/{*}title")), url=loc,
                    published=_clean(entry.findtext("{*}news/{*}publication_date")))


def _is_html(content_type: str, data: bytes) -> bool:
    if content_type and any(kind in content_type.lower() for kind in _HTML_TYPES):
        return True
    if content_type and "octet-stream" not in content_type.lower():
        return False
    return looks_like_html(data[:2048].decode("latin-1"))


def _text_of(markup: str) -> str:
    """Plain text of an HTML fragment, spaces collapsed (for length checks only)."""
    return " ".join(htmllib.unescape(_TAG.sub(" ", markup)).split())


def _clean(value: str | None) -> str | None:
    """``value`` with its whitespace collapsed; None when empty."""
    return (" ".join(value.split()) or None) if value else None


def _iso(parsed: time.struct_time | None) -> str | None:
    """feedparser's UTC time tuple as ISO 8601."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed) if parsed else None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
