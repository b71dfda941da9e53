"""Saved web pages (``.html``, ``.htm``, gzipped too): one article per file.

The reader only turns bytes into the page's text (with its real charset); extracting the
article from the markup is the clean stage's job (``dragoman.clean.extract``), so that the
costly part runs where document stages run (in-process or as parallel workers).
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from charset_normalizer import from_bytes

from dragoman.ingest.decode import mostly_utf8
from dragoman.errors import TooLargeError
from dragoman.ingest.limits import GZIP_ERRORS, gunzip_at_most, read_whole
from dragoman.ingest.registry import Record, Source, register
from dragoman.model import RawDoc, Reject, bytes_hash
from dragoman.settings import Settings

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
# charsets pages declare that are really a superset used by browsers (WHATWG encoding spec)
_BROWSER_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                    "us-ascii": "cp1252", "ascii": "cp1252", "iso-8859-9": "cp1254",
                    "gb2312": "gb18030", "gbk": "gb18030", "x-sjis": "shift_jis"}


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The charset the HTTP header or the page's ``<meta>`` declares, if a known codec."""
    found = None
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        found = match.group(1) if match else None
    if found is None:
        match = _META_CHARSET.search(data[:4096])
        found = match.group(1).decode("ascii", "replace") if match else None
    if not found:
        return None
    name = _BROWSER_ALIASES.get(found.lower(), found.lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """``(text, encoding)`` of an HTML page whose declared charset may be wrong.

    Order: a BOM; strict UTF-8 (bytes that decode as UTF-8 are UTF-8 whatever the page says);
    the declared charset if the bytes fit it; UTF-8 with a few damaged bytes replaced
    (``mostly_utf8``); a charset guess; cp1252 with replacement.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data, content_type)
    if declared and declared not in ("utf-8", "utf_8"):
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass
    if mostly_utf8(data):
        return data.decode("utf-8", errors="replace"), "utf-8"
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace"), best.encoding
    return data.decode("cp1252", errors="replace"), "cp1252"


def looks_like_html(text: str) -> bool:
    """True when the start of ``text`` is markup (a doctype, ``<html>``, ``<body>``, …)."""
    head = text[:2048].lstrip("\ufeff \t\r\n").lower()
    return head.startswith("<") and any(tag in head for tag in
                                        ("<html", "<!doctype html", "<head", "<body", "<div", "<p"))


def html_rawdoc(origin: str, data: bytes, url: str | None = None,
                content_type: str | None = None) -> Record:
    """Bytes of one page → a ``RawDoc`` holding its HTML (``fmt="html"``), or a Reject."""
    source_hash = bytes_hash(data)
    if not data.strip():
        return Reject(origin, "empty", "the page has no content; check the file or the capture",
                      source_hash)
    text, _ = decode_html(data, content_type)
    if "\x00" in text[:4096]:
        return Reject(origin, "binary", "binary data (NUL bytes), not an HTML page", source_hash)
    return RawDoc(origin=origin, text=text, source_hash=source_hash, url=url, fmt="html")


@register(".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
def read_html(source: Source, settings: Settings) -> Iterator[Record]:
    """The whole file is one page; ``.gz`` files are decompressed first, and stopped at the
    size limit (which holds on the uncompressed page)."""
    data = read_whole(source, settings.max_record_bytes)
    if isinstance(data, Reject):
        yield data
        return
    try:
        if source.origin.lower().endswith(".gz"):
            data = gunzip_at_most(data, settings.max_record_bytes)
    except TooLargeError as err:
        yield Reject(source.origin, "too-large", str(err), bytes_hash(source.origin.encode()))
        return
    except GZIP_ERRORS as err:
        yield Reject(source.origin, "corrupt-gzip",
                     f"cannot decompress ({err}); re-download or gunzip the file",
                     bytes_hash(data))
        return
    yield html_rawdoc(source.origin, data)
