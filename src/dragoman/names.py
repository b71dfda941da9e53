"""Names shown to a person or stored: a file name can hold anything but ``/`` and NUL, terminal
escape sequences, bidirectional overrides and bytes that are not UTF-8 included, so it is
escaped before it is printed (``safe_name``) or stored (``storable``)."""
from __future__ import annotations

import unicodedata
from dataclasses import fields, replace
from typing import TypeVar

T = TypeVar("T")

# Unicode categories that are invisible or move the cursor/text: controls (C0, DEL, C1),
# format characters (bidi overrides, zero-width marks), line/paragraph separators, surrogates
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def safe_name(name: str) -> str:
    """``name`` with every control or invisible character written as an escape
    (``\\x1b``, ``\\u202e``, ``\\n``): safe to print on a terminal, one line, still readable."""
    if name.isprintable():
        return name
    return "".join(_escaped(ch) for ch in name)


def _escaped(ch: str) -> str:
    if ch == " " or unicodedata.category(ch) not in _UNSAFE_CATEGORIES:
        return ch
    if ch in _SHORT:
        return _SHORT[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 \
        else f"\\U{code:08x}"


def storable(text: str) -> str:
    """``text`` as it can be stored as UTF-8: lone surrogates (a file name that is not UTF-8,
    a JSON ``\\ud800``) written as escapes (``\\udce9``); every other text unchanged."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def storable_fields(record: T) -> T:
    """The record (a frozen dataclass: RawDoc, Reject, …) with every text field ``storable``."""
    changed = {f.name: storable(value) for f in fields(record)
               if isinstance(value := getattr(record, f.name), str) and storable(value) != value}
    return replace(record, **changed) if changed else record
