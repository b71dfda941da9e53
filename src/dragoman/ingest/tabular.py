"""Many-record files: JSON Lines and CSV/TSV, one article per record (``path#N``)."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import BinaryIO, TextIO
from urllib.parse import urlparse

from dragoman.ingest.decode import sniff_encoding
from dragoman.ingest.registry import Record, Source, register
from dragoman.model import RawDoc, Reject, bytes_hash, short_hash
from dragoman.settings import Settings

# field name → the names dumps commonly use for it (first match wins)
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "maintext", "full_text"),
    "title": ("title", "headline"),
    "url": ("url", "link", "source_url", "article_source_link", "article_url"),
    "published": ("published", "publish_date", "published_at", "date", "pubdate",
                  "date_publish", "publication_date"),
    "outlet": ("outlet", "source", "publisher", "site", "domain", "site_name"),
    "author": ("author", "authors", "byline"),
}
_MAX_BAD_ROWS_IN_A_ROW = 100


def record_to_rawdoc(origin: str, record: Mapping[str, object], source_hash: str,
                     fmt: str) -> Record:
    """A parsed record → RawDoc, or a Reject naming what is missing."""
    fields = {key.strip().lower(): value for key, value in record.items() if isinstance(key, str)}
    picked = {name: _pick(fields, aliases) for name, aliases in FIELD_ALIASES.items()}
    text = picked.pop("text")
    if not text:
        present = ", ".join(sorted(fields)) or "none"
        return Reject(origin, "missing-text",
                      f"no text in this record (fields: {present}); put the article body in a "
                      "'text' field", source_hash)
    if not picked["outlet"] and picked["url"]:
        picked["outlet"] = urlparse(picked["url"]).netloc.removeprefix("www.") or None
    return RawDoc(origin=origin, text=text, source_hash=source_hash, fmt=fmt, **picked)


def _pick(fields: Mapping[str, object], aliases: tuple[str, ...]) -> str | None:
    """The first non-empty field named by an alias, else by an alias with a prefix or suffix
    word ("article_content", "news_title", "date_published")."""
    for name in (*aliases, *_affixed(fields, aliases)):
        value = fields.get(name)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        if value not in (None, ""):
            return str(value)
    return None


def _affixed(fields: Iterable[str], aliases: tuple[str, ...]) -> list[str]:
    found = []
    for alias in aliases:
        for name in fields:
            parts = name.replace("-", "_").split("_")
            if name not in aliases and len(parts) > 1 and alias in (parts[0], parts[-1]):
                found.append(name)
    return found


@register(".jsonl", ".ndjson", ".jsonlines")
def read_jsonl(source: Source, settings: Settings) -> Iterator[Record]:
    """One JSON object per line; a bad line is rejected and the rest still read; a file with
    no line but blank ones is one ``empty`` reject."""
    read = 0
    with source.open() as stream:
        for number, line in enumerate(lines_at_most(stream, settings.max_record_bytes), start=1):
            if line.strip():
                read += 1
                yield _jsonl_record(f"{source.origin}#{number}", line, settings)
    if not read:
        yield Reject(source.origin, "empty", "the file holds no records (only blank lines, or "
                     "nothing); put one JSON object per line", bytes_hash(source.origin.encode()))


def lines_at_most(stream: BinaryIO, limit: int) -> Iterator[bytes]:
    """The lines of ``stream``; a line over ``limit`` bytes comes as its first ``limit + 1``
    bytes only, the rest skipped unread into memory (a file without newlines cannot fill it)."""
    while line := stream.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
        yield line


def _jsonl_record(origin: str, line: bytes, settings: Settings) -> Record:
    source_hash = bytes_hash(line.strip())
    if len(line) > settings.max_record_bytes:
        return Reject(origin, "too-large", f"record of more than {settings.max_record_bytes} "
                      "bytes is over the limit; raise DRAGOMAN_MAX_RECORD_BYTES", source_hash)
    try:
        record = json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        return Reject(origin, "undecodable", f"line is not UTF-8 ({err.reason} at byte "
                      f"{err.start}); JSON Lines must be UTF-8", source_hash)
    except json.JSONDecodeError as err:
        return Reject(origin, "malformed-json", f"{err.msg} at column {err.colno}", source_hash)
    except RecursionError:
        return Reject(origin, "malformed-json", "nested too deep to read (thousands of levels of "
                      "brackets); an article is one flat JSON object", source_hash)
    if not isinstance(record, dict):
        return Reject(origin, "malformed-json",
                      f"expected a JSON object per line, got {type(record).__name__}", source_hash)
    return record_to_rawdoc(origin, record, source_hash, "jsonl")


@register(".csv", ".tsv")
def read_csv(source: Source, settings: Settings) -> Iterator[Record]:
    """A header row, then one article per row; the text column may use a common alias."""
    csv.field_size_limit(max(settings.max_record_bytes, 131072))
    with source.open() as raw:
        buffered = io.BufferedReader(raw) if not hasattr(raw, "peek") else raw
        encoding = sniff_encoding(buffered.peek(1 << 20)[: 1 << 20])
        stream = io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline="")
        delimiter = "\t" if source.origin.lower().endswith(".tsv") else ","
        lines = BoundedLines(stream, settings.max_record_bytes)
        yield from _csv_rows(source.origin, csv.DictReader(lines, delimiter=delimiter))


class BoundedLines:
    """The lines of a text stream, for ``csv.reader``, each read up to ``limit`` characters:
    a longer line (a file without newlines) raises ``csv.Error`` — its row becomes a reject
    — after the rest of it is skipped unread into memory, and the next line is read next
    (the csv module reads a whole line before its field limit applies)."""

    def __init__(self, stream: TextIO, limit: int) -> None:
        self.stream, self.limit = stream, limit

    def __iter__(self) -> "BoundedLines":
        return self

    def __next__(self) -> str:
        line = self.stream.readline(self.limit + 1)
        if not line:
            raise StopIteration
        if len(line) > self.limit and not line.endswith(("\n", "\r")):
            while (rest := self.stream.readline(1 << 20)) and not rest.endswith(("\n", "\r")):
                pass
            raise csv.Error(f"a line of more than {self.limit} characters is over the limit; "
                            "raise DRAGOMAN_MAX_RECORD_BYTES or split the row")
        return line


def _csv_rows(origin: str, reader: csv.DictReader) -> Iterator[Record]:
    try:
        header = reader.fieldnames
    except csv.Error as err:
        yield Reject(origin, "malformed-csv", f"cannot read the header row: {err}")
        return
    if not header:
        yield Reject(origin, "empty", "the file has no header row and no records")
        return
    lowered = {h.strip().lower() for h in header if h}
    if not lowered & set(FIELD_ALIASES["text"]) and not _affixed(lowered, FIELD_ALIASES["text"]):
        yield Reject(origin, "missing-text-column",
                     f"no text column (columns: {', '.join(header)}); name the article body "
                     f"column one of: {', '.join(FIELD_ALIASES['text'])}")
        return
    yield from _csv_records(origin, reader)


def _csv_records(origin: str, reader: csv.DictReader) -> Iterator[Record]:
    number, bad_in_a_row = 0, 0
    while bad_in_a_row < _MAX_BAD_ROWS_IN_A_ROW:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            if number == 1:
                yield Reject(origin, "empty", "the file has a header row and no records")
            return
        except csv.Error as err:
            bad_in_a_row += 1
            yield Reject(f"{origin}#{number}", "malformed-csv", str(err))
            continue
        bad_in_a_row = 0
        row.pop(None, None)  # surplus cells beyond the header
        row_hash = short_hash(*(str(v) for v in row.values()))
        yield record_to_rawdoc(f"{origin}#{number}", row, row_hash, "csv")
    yield Reject(f"{origin}#{number}+", "malformed-csv",
                 f"{_MAX_BAD_ROWS_IN_A_ROW} bad rows in a row; stopped reading this file")
