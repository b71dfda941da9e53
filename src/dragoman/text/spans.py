"""Character spans of plain text: the paragraph (line) around an offset, bounds stripped of
whitespace or marks, the double-quote marks news text uses, and whether an offset falls in a
list of spans (:class:`Covered`)."""
from __future__ import annotations

import re
from bisect import bisect_right

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


class Covered:
    """``offset in covered``: whether ``offset`` falls in any of ``spans`` (half-open
    ``(start, end)``), by bisection over the spans merged instead of a scan of all of them.
    ``spans`` is the caller's list, read again whenever it has grown (``extend``)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self._size = -1
        self._starts: list[int] = []
        self._ends: list[int] = []

    def _merge(self) -> None:
        starts, ends = [], []
        for start, end in sorted(span for span in self.spans if span[0] < span[1]):
            if ends and start <= ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        self._starts, self._ends, self._size = starts, ends, len(self.spans)

    def __contains__(self, offset: int) -> bool:
        if len(self.spans) != self._size:
            self._merge()
        k = bisect_right(self._starts, offset) - 1
        return k >= 0 and offset < self._ends[k]
