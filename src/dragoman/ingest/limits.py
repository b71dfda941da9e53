"""Reading at most so many bytes, compressed input included: a size limit holds on what a
reader keeps in memory, not on what the file says it holds."""
from __future__ import annotations

import gzip
import io
import zlib
from typing import BinaryIO

from dragoman.errors import TooLargeError
from dragoman.ingest.registry import Source
from dragoman.model import Reject, bytes_hash

GZIP_ERRORS = (OSError, EOFError, zlib.error)


def read_at_most(stream: BinaryIO, limit: int, what: str = "the record") -> bytes:
    """All of ``stream``, or ``TooLargeError`` after reading ``limit + 1`` bytes of it."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise TooLargeError(limit, what)
    return data


def gunzip_at_most(data: bytes, limit: int) -> bytes:
    """``data`` decompressed, streamed and stopped once it passes ``limit`` bytes (a gzip bomb
    of a few kilobytes can expand to gigabytes). Raises ``TooLargeError`` or one of
    ``GZIP_ERRORS`` for corrupt data."""
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
        return read_at_most(stream, limit, "uncompressed, the data")


def read_whole(source: Source, limit: int) -> bytes | Reject:
    """All the bytes of a one-record ``source``, or its ``too-large`` Reject: by the size the
    file states, else (standard input, a file that grew) once reading passes ``limit``."""
    if source.size is not None and source.size > limit:
        return Reject(source.origin, "too-large", f"{source.size} bytes is over the {limit}-byte "
                      "limit; split the input or raise DRAGOMAN_MAX_RECORD_BYTES",
                      bytes_hash(source.origin.encode()))
    try:
        with source.open() as stream:
            return read_at_most(stream, limit, "the file")
    except TooLargeError as err:
        return Reject(source.origin, "too-large", str(err), bytes_hash(source.origin.encode()))
