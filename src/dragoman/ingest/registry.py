"""The reader registry and the walk over the inputs a user names."""
from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from dragoman.errors import InputError, NotAFileError
from dragoman.ingest.fetch import Fetcher, LazyFetcher, is_url, make_fetcher
from dragoman.names import safe_name, storable_fields
from dragoman.ingest.walk import not_a_file, open_regular, unreadable, walk
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
    pointless: the user mistyped). Every other input ends as records: unreadable or unsupported
    files, FIFOs, broken links and URLs that cannot be fetched become ``Reject`` records (see
    ``dragoman.ingest.walk``), and so does an exception a reader raises. Text fields that
    cannot be stored as UTF-8 (a file name that is not UTF-8) are escaped (``storable``).
    ``fetcher`` (default: the polite urllib one, built
    on first use) fetches URLs and the links of feeds.
    """
    paths = list(inputs)
    for name in paths:
        if name != "-" and not is_url(name) and not Path(name).exists():
            raise InputError(f"{name}: no such file or directory",
                             "check the path; use '-' to read from standard input")
    fetcher = fetcher or LazyFetcher(lambda: make_fetcher(settings))
    for name in paths:
        for record in _read_one(name, settings, stdin, stdin_format, fetcher):
            yield storable_fields(record)


def _read_one(name: str, settings: Settings, stdin: BinaryIO | None, stdin_format: str,
              fetcher: Fetcher) -> Iterator[Record]:
    if name == "-":
        yield from _read_stdin(stdin or sys.stdin.buffer, settings, stdin_format)
    elif is_url(name):
        yield from guarded(name, _read_url(name, settings, fetcher))
    else:
        yield from _read_path(name, settings, fetcher)


def _read_url(url: str, settings: Settings, fetcher: Fetcher) -> Iterator[Record]:
    if not _URL_READERS:
        raise InputError(f"{url}: no reader for URLs is registered",
                         "import dragoman.ingest (it registers the feed/URL reader)")
    yield from _URL_READERS[0](url, settings, fetcher)


def _read_path(name: str, settings: Settings, fetcher: Fetcher | None = None) -> Iterator[Record]:
    if Path(name).is_dir():
        yield from walk(Path(name), lambda child: _read_file(child, settings, fetcher))
    else:
        yield from _read_file(name, settings, fetcher)


def _read_file(name: str, settings: Settings, fetcher: Fetcher | None = None) -> Iterator[Record]:
    reader = reader_for(name)
    if reader is None:
        yield Reject(name, "unsupported-type",
                     f"no reader for this file type; supported: {', '.join(supported_suffixes())}")
        return
    try:
        stream, size = open_regular(name)
    except NotAFileError as err:
        yield not_a_file(name, err.mode)
        return
    except OSError as err:
        yield unreadable(name, err)
        return
    stream.close()
    source = Source(name, lambda: open_regular(name)[0], size, fetcher)
    yield from guarded(name, reader(source, settings))


def guarded(origin: str, records: Iterator[Record]) -> Iterator[Record]:
    """``records``, and a Reject instead of any exception a reader raises: the records read
    before it are kept and the run goes on with the next input."""
    try:
        yield from records
    except OSError as err:
        yield Reject(origin, "unreadable", f"reading stopped: {err.strerror or err}; check the "
                     "file (a disk or network error?) and run the same command again")
    except Exception as err:  # noqa: BLE001 (a reader's bug must not stop the run)
        problem = safe_name(" ".join(f"{type(err).__name__}: {err}".split()))[:300]
        yield Reject(origin, "reader-failed", f"the reader failed ({problem}); records before it "
                     "were kept; please report this input as a bug")


def _read_stdin(stream: BinaryIO, settings: Settings, fmt: str) -> Iterator[Record]:
    """Standard input, streamed like a file of unknown size (never read whole: a text is
    read up to the record limit, JSON Lines and CSV line by line); ``auto`` looks at its
    first bytes: ``{`` is JSON Lines, anything else one text."""
    buffered = stream if hasattr(stream, "peek") else io.BufferedReader(stream)
    if fmt == "auto":
        fmt = "jsonl" if buffered.peek(1 << 16)[: 1 << 16].lstrip()[:1] == b"{" else "text"
    reader = reader_for("-." + fmt)
    if reader is None:
        raise InputError(f"unknown standard-input format {fmt!r}",
                         f"use one of: auto, {', '.join(s.lstrip('.') for s in supported_suffixes())}")
    source = Source("-", lambda: nullcontext(buffered), None)
    yield from guarded("-", reader(source, settings))
