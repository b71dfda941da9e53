"""Bytes → text, or a reason why not."""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from dragoman.errors import UndecodableError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """``(text, encoding)``. UTF-8 first; then a BOM; then a confident charset guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        first_error = err
    if b"\x00" in data:
        raise UndecodableError("binary data (NUL bytes), not text")
    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        raise UndecodableError(
            f"not UTF-8 (bad byte 0x{data[first_error.start]:02x} at offset {first_error.start})"
            " and no other encoding fits; re-save the file as UTF-8")
    return str(best), best.encoding


def sniff_encoding(sample: bytes) -> str:
    """The encoding to stream a large file with, judged from its first bytes."""
    for bom, encoding in _BOMS:
        if sample.startswith(bom):
            return encoding
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as err:
        if err.start >= len(sample) - 3:  # a character cut by the sample's end
            return "utf-8"
    best = from_bytes(sample).best()
    return best.encoding if best is not None else "utf-8"
