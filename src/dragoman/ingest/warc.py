"""Web archives (``.warc``, ``.warc.gz``, ``.arc``, ``.arc.gz``) read with warcio.

Each ``response`` or ``resource`` record that holds an HTML page becomes one ``RawDoc`` whose
origin is ``path#OFFSET``: the byte offset of the record in the file as stored (compressed
offset for ``.gz``), so ``warcio extract PATH OFFSET`` shows the very record. Records that are
not documents (``warcinfo``, ``request``, ``metadata``, ``conversion``) are skipped: they are
not input records. A ``revisit`` record (no payload of its own) and a response that is not HTML
are rejected with the reason. A file that breaks off or is corrupt keeps every record read
before the break, and the break itself is one reject saying where it happened.
"""
from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BUFF_SIZE, ChunkedDataException, DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed

from dragoman.ingest.html import html_rawdoc, looks_like_html
from dragoman.names import safe_name
from dragoman.ingest.registry import Record, Source, register
from dragoman.model import Reject, bytes_hash
from dragoman.settings import Settings

DOCUMENT_TYPES = frozenset({"response", "resource"})
# what warcio raises on a broken archive; the last three come from its header parsing when a
# record breaks off inside its headers
_READ_ERRORS = (ArchiveLoadFailed, ChunkedDataException, EOFError, OSError, ValueError,
                zlib.error, AttributeError, KeyError, IndexError)
_HTML_TYPES = ("text/html", "application/xhtml")
HEADER_LINE_BYTES = 256 << 10  # one header line (WARC or HTTP) at most
HEADER_BLOCK_BYTES = 1 << 20   # the header lines of one record at most


class HeadersTooLarge(ValueError):
    """A record's header line, or all its header lines, are over the limits."""


class BoundedReader(DecompressingBufferedReader):
    """warcio's reader, with the header lines it reads bounded: warcio reads each header line
    with ``readline()`` and no length, so a line without a newline would be read whole, and
    a record of endless short header lines would fill memory. A line is cut at
    ``HEADER_LINE_BYTES`` and the lines read between two payload reads are counted; past
    either limit ``HeadersTooLarge`` is raised (the archive is broken from that record on)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.line_bytes = 0

    def readline(self, length=None):
        if length == 0:
            return b""
        line = super().readline(min(length or HEADER_LINE_BYTES + 1, HEADER_LINE_BYTES + 1))
        self.line_bytes += len(line)
        if len(line) > HEADER_LINE_BYTES:
            raise HeadersTooLarge(f"a header line is over {HEADER_LINE_BYTES} bytes")
        if self.line_bytes > HEADER_BLOCK_BYTES:
            raise HeadersTooLarge(f"a record's header lines are over {HEADER_BLOCK_BYTES} bytes")
        return line

    def read(self, length=None):
        self.line_bytes = 0
        return super().read(length)


@register(".warc", ".warc.gz", ".arc", ".arc.gz")
def read_warc(source: Source, settings: Settings) -> Iterator[Record]:
    """Every HTML page in the archive; see the module docstring for what becomes what."""
    seen: Counter[str] = Counter()
    with source.open() as stream:
        problem = _not_an_archive(stream.read(512))
        if problem:
            yield Reject(source.origin, "not-an-archive", problem,
                         bytes_hash(source.origin.encode()))
            return
        stream.seek(0)
        records = ArchiveIterator(stream, arc2warc=True)
        records.reader = BoundedReader(records.fh, block_size=BUFF_SIZE)
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except _READ_ERRORS as err:  # records.offset: where the unreadable record starts
                seen["unreadable"] += 1
                yield _broken(source.origin, max(records.offset, 0), err)
                break
            result = _record(f"{source.origin}#{records.offset}", record, settings)
            seen["page" if result is not None else record.rec_type] += 1
            if result is not None:
                yield result
    if not seen["page"] and not seen["unreadable"]:
        kinds = ", ".join(f"{n} {kind}" for kind, n in seen.most_common()) or "no records"
        yield Reject(source.origin, "no-pages", f"the archive holds {kinds} and no response or "
                     "resource record: nothing to read as an article", bytes_hash(
                         source.origin.encode()))


def _not_an_archive(head: bytes) -> str | None:
    """Why the first bytes are not a WARC or ARC file, or None if they look like one."""
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head)
        except zlib.error as err:
            return f"the gzip data is corrupt ({err}); re-download the archive"
    start = head.lstrip(b"\r\n")
    if start.startswith((b"WARC/", b"filedesc://")) or b"://" in start.split(b"\n", 1)[0]:
        return None
    return ("does not start with a WARC record ('WARC/1.x') or an ARC header ('filedesc://'); "
            "check that the file is a web archive")


def _broken(origin: str, offset: int, err: Exception) -> Reject:
    message = safe_name(" ".join(str(err).split()))
    hint = ("recompress it with `warcio recompress IN OUT`" if "non-chunked" in message
            else "the archive is truncated or corrupt after this point; re-download it")
    reason = "too-large" if isinstance(err, HeadersTooLarge) else "corrupt-archive"
    return Reject(f"{origin}#{offset}", reason,
                  f"cannot read the archive from byte {offset}: {message[:300]}; records before "
                  f"it were kept; {hint}", bytes_hash(f"{origin}#{offset}".encode()))


def _record(origin: str, record, settings: Settings) -> Record | None:
    """One archive record → RawDoc, Reject, or None for records that are not documents."""
    kind = record.rec_type
    url = record.rec_headers.get_header("WARC-Target-URI")
    shown = safe_name(url or "?")
    if kind == "revisit":
        digest = record.rec_headers.get_header("WARC-Payload-Digest") or "?"
        return Reject(origin, "warc-revisit",
                      f"revisit record for {shown} holds no page of its own (payload {digest}); "
                      "the page is kept where it was first captured", bytes_hash(origin.encode()))
    if kind not in DOCUMENT_TYPES:
        return None
    content_type = _content_type(record)
    try:
        data = record.content_stream().read(settings.max_record_bytes + 1)
    except _READ_ERRORS as err:
        return Reject(origin, "corrupt-record", f"cannot read the payload of {shown}: {err}; "
                      "the record is damaged", bytes_hash(origin.encode()))
    if len(data) > settings.max_record_bytes:
        return Reject(origin, "too-large", f"payload of {shown} is over the "
                      f"{settings.max_record_bytes}-byte limit; raise DRAGOMAN_MAX_RECORD_BYTES",
                      bytes_hash(data[:65536]))
    if not _is_html(content_type, data):
        return Reject(origin, "not-html", f"{shown} is {content_type or 'of unknown type'}, not an "
                      "HTML page; only web pages become articles", bytes_hash(data))
    return html_rawdoc(origin, data, url=url, content_type=content_type)


def _content_type(record) -> str | None:
    headers = record.http_headers if record.http_headers is not None else record.rec_headers
    value = headers.get_header("Content-Type")
    return value.strip() if value else None


def _is_html(content_type: str | None, data: bytes) -> bool:
    if content_type and any(kind in content_type.lower() for kind in _HTML_TYPES):
        return True
    if content_type and "octet-stream" not in content_type.lower():
        return False
    return looks_like_html(data[:2048].decode("latin-1"))
