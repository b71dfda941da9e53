"""The reader registry and the walk over the inputs a user names."""
from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from dragoman.errors import InputError
from dragoman.ingest.fetch import Fetcher, LazyFetcher, is_url, make_fetcher
from dragoman.model import RawDoc, Reject
from dragoman.settings import Settings

Record = RawDoc | Reject
Reader = Callable[["Source", Settings], Iterator[Record]]
UrlReader = Callable[[str, Settings, Fetcher], Iterator[Record]]
_READERS: dict[str, Reader] = {}
_URL_READERS: list[UrlReader] = []


@dataclass(frozen=True)
class Source:
    """One input file or stream: where it came from and how to open it as bytes.

    ``fetcher`` is for readers whose records point elsewhere (a feed's item links).
    """

    origin: str
    opener: Callable[[], BinaryIO]
    size: int | None = None
    fetcher: Fetcher | None = None

    def open(self) -> BinaryIO:
        return self.opener()


def register(*suffixes: str) -> Callable[[Reader], Reader]:
    """Decorator: use this reader for files ending in any of ``suffixes`` (e.g. ``".txt"``)."""

    def wrap(reader: Reader) -> Reader:
        for suffix in suffixes:
            _READERS[suffix.lower()] = reader
        return reader

    return wrap


def register_url(reader: UrlReader) -> UrlReader:
    """Decorator: read ``http(s)://`` inputs with ``reader(url, settings, fetcher)``."""
    _URL_READERS[:] = [reader]
    return reader


def supported_suffixes() -> list[str]:
    return sorted(_READERS)


def reader_for(name: str) -> Reader | None:
    """The reader registered for the longest matching suffix of ``name``."""
    lowered = name.lower()
    matches = [s for s in _READERS if lowered.endswith(s)]
    return _READERS[max(matches, key=len)] if matches else None


def read_inputs(inputs: Iterable[str], settings: Settings, stdin: BinaryIO | None = None,
                stdin_format: str = "auto", fetcher: Fetcher | None = None) -> Iterator[Record]:
    """Every record of every input, in order. ``-`` is standard input; ``http(s)://`` a URL.

    Raises ``InputError`` for a path that does not exist (before reading anything else is
    pointless: the user mistyped). Unreadable or unsupported files become ``Reject`` records,
    and so do URLs that cannot be fetched. ``fetcher`` (default: the polite urllib one, built
    on first use) fetches URLs and the links of feeds.
    """
    paths = list(inputs)
    for name in paths:
        if name != "-" and not is_url(name) and not Path(name).exists():
            raise InputError(f"{name}: no such file or directory",
                             "check the path; use '-' to read from standard input")
    fetcher = fetcher or LazyFetcher(lambda: make_fetcher(settings))
    for name in paths:
        if name == "-":
            yield from _read_stdin(stdin or sys.stdin.buffer, settings, stdin_format)
        elif is_url(name):
            yield from _read_url(name, settings, fetcher)
        else:
            yield from _read_path(name, settings, fetcher)


def _read_url(url: str, settings: Settings, fetcher: Fetcher) -> Iterator[Record]:
    if not _URL_READERS:
        raise InputError(f"{url}: no reader for URLs is registered",
                         "import dragoman.ingest (it registers the feed/URL reader)")
    yield from _URL_READERS[0](url, settings, fetcher)


def _read_path(name: str, settings: Settings, fetcher: Fetcher | None = None) -> Iterator[Record]:
    path = Path(name)
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            relative = child.relative_to(path).parts
            if child.is_file() and not any(part.startswith(".") for part in relative):
                yield from _read_file(str(path / Path(*relative)), settings, fetcher)
    else:
        yield from _read_file(name, settings, fetcher)


def _read_file(name: str, settings: Settings, fetcher: Fetcher | None = None) -> Iterator[Record]:
    reader = reader_for(name)
    if reader is None:
        yield Reject(name, "unsupported-type",
                     f"no reader for this file type; supported: {', '.join(supported_suffixes())}")
        return
    try:
        size = Path(name).stat().st_size
    except OSError as err:
        yield Reject(name, "unreadable", f"cannot read the file: {err.strerror or err}")
        return
    yield from reader(Source(name, lambda: open(name, "rb"), size, fetcher), settings)


def _read_stdin(stream: BinaryIO, settings: Settings, fmt: str) -> Iterator[Record]:
    data = stream.read()
    if fmt == "auto":
        fmt = "jsonl" if data.lstrip()[:1] == b"{" else "text"
    reader = reader_for("-." + fmt)
    if reader is None:
        raise InputError(f"unknown standard-input format {fmt!r}",
                         f"use one of: auto, {', '.join(s.lstrip('.') for s in supported_suffixes())}")
    yield from reader(Source("-", lambda: io.BytesIO(data), len(data)), settings)
