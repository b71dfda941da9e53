"""Names shown to a person: a file name can hold anything but ``/`` and NUL, terminal escape
sequences and bidirectional overrides included, so it is escaped before it is printed."""
from __future__ import annotations

import unicodedata

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
