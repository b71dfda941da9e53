"""Character spans of plain text: the paragraph (line) around an offset, bounds stripped of
whitespace or marks, and the double-quote marks news text uses."""
from __future__ import annotations

import re

OPENING = '"“'
CLOSING = '"”'
QUOTE_MARK = re.compile(r'["“”]')


def paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    """The line (paragraph) of ``text`` that holds ``offset``, as ``(start, end)``."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def strip_bounds(text: str, start: int, end: int, chars: str | None = None) -> tuple[int, int]:
    """``(start, end)`` moved inwards past whitespace (or past ``chars``)."""
    while start < end and (text[start].isspace() if chars is None else text[start] in chars):
        start += 1
    while end > start and (text[end - 1].isspace() if chars is None else text[end - 1] in chars):
        end -= 1
    return start, end
