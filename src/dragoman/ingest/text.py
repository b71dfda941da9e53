"""Plain-text files (.txt, .md): one article per file."""
from __future__ import annotations

from collections.abc import Iterator

from dragoman.errors import UndecodableError
from dragoman.ingest.decode import decode_bytes
from dragoman.ingest.limits import read_whole
from dragoman.ingest.registry import Record, Source, register
from dragoman.model import RawDoc, Reject, bytes_hash
from dragoman.settings import Settings


@register(".txt", ".md", ".text")
def read_text(source: Source, settings: Settings) -> Iterator[Record]:
    """The whole file is one article; its first line is the title when it looks like one."""
    data = read_whole(source, settings.max_record_bytes)
    if isinstance(data, Reject):
        yield data
        return
    source_hash = bytes_hash(data)
    try:
        text, _ = decode_bytes(data)
    except UndecodableError as err:
        yield Reject(source.origin, "undecodable", str(err), source_hash)
        return
    title, body = split_title(text)
    yield RawDoc(origin=source.origin, text=body, source_hash=source_hash, title=title, fmt="text")


def split_title(text: str) -> tuple[str | None, str]:
    """``(title, body)``: a short first line without a full stop, followed by more text."""
    stripped = text.lstrip("\ufeff \t\r\n")
    first, _, rest = stripped.partition("\n")
    line = first.strip().lstrip("#").strip()
    looks_like_title = 0 < len(line) <= 200 and not line.endswith((".", ":", ",")) and rest.strip()
    if looks_like_title:
        return line, rest
    return None, text

