"""Bytes → text, or a reason why not.

Order: a byte-order mark (strictly: a BOM followed by broken data is rejected, not guessed);
strict UTF-8; UTF-8 with a few damaged bytes (more well-formed multi-byte characters than bad
bytes: the bad bytes become U+FFFD, the text is not re-read in a legacy charset, which turned
every curly quote into mojibake); a confident charset guess; else the bytes are not text.
"""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from dragoman.errors import UndecodableError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_REPLACEMENT = "\ufffd"


def decode_bytes(data: bytes) -> tuple[str, str]:
    """``(text, encoding)``; see the module docstring for the order. Raises
    ``UndecodableError`` with what to do."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _with_bom(data, encoding), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        first_error = err
    if b"\x00" in data:
        raise UndecodableError("binary data (NUL bytes), not text")
    if mostly_utf8(data):
        return data.decode("utf-8", errors="replace"), "utf-8"
    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        raise UndecodableError(
            f"not UTF-8 (bad byte 0x{data[first_error.start]:02x} at offset {first_error.start})"
            " and no other encoding fits; re-save the file as UTF-8")
    return str(best), best.encoding


def _with_bom(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise UndecodableError(
            f"starts with a {encoding.upper()} byte-order mark but is not {encoding.upper()} "
            f"from byte {err.start} ({err.reason}): cut off or not text; re-save the file as "
            "UTF-8") from None
    if "\x00" in text:
        raise UndecodableError(f"binary data (NUL characters after a {encoding.upper()} "
                               "byte-order mark), not text")
    return text


def mostly_utf8(data: bytes) -> bool:
    """True when ``data`` is UTF-8 with a few damaged bytes: it has well-formed multi-byte
    characters, and no more bad bytes than those (text in a legacy single-byte charset has
    no well-formed multi-byte characters, random bytes far more bad ones)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count(_REPLACEMENT) - data.count(_REPLACEMENT.encode("utf-8"))
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - bad
    return multibyte > 0 and bad <= multibyte


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
    if mostly_utf8(sample):
        return "utf-8"
    best = from_bytes(sample).best()
    return best.encoding if best is not None else "utf-8"
