"""Quoted passages: double quotes (straight ``"`` or curly ``“ ”``, and the newswire's
``''…''``) paired line by line; a quote left open runs to the end of its paragraph, and on
into the next when that one opens with a quote mark."""
from __future__ import annotations

import re
from dataclasses import dataclass

from dragoman.text.spans import OPENING, QUOTE_MARK, strip_bounds

_DOUBLED_APOSTROPHE = '"\x00'  # what find_quotes reads '' as


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted passage: ``start``/``end`` bound the words, ``outer_*`` include the marks."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    closed: bool = True


def find_quotes(text: str) -> list[Quote]:
    """Double-quoted passages, line by line; an unclosed quote runs to the end of its line,
    and on into the next paragraph when that one opens with a quote mark (the news
    convention for a quotation over several paragraphs). A doubled apostrophe (''…'', the
    newswire form of “…”) is a quote mark too."""
    text = text.replace("''", _DOUBLED_APOSTROPHE)  # same length: offsets stay true
    quotes: list[Quote] = []
    for line in re.finditer(r"[^\n]+", text):
        quotes.extend(_line_quotes(text, line.start(), line.end()))
    return _join_paragraphs(text, quotes)


def _join_paragraphs(text: str, quotes: list[Quote]) -> list[Quote]:
    joined: list[Quote] = []
    for quote in quotes:
        last = joined[-1] if joined else None
        if (last is not None and not last.closed and _opens_paragraph(text, quote)
                and not text[last.outer_end:quote.outer_start].strip(" \t\n\r\u00a0")):
            joined[-1] = Quote(last.start, quote.end, last.outer_start, quote.outer_end,
                               quote.closed)
        else:
            joined.append(quote)
    return joined


def _opens_paragraph(text: str, quote: Quote) -> bool:
    line_start = text.rfind("\n", 0, quote.outer_start) + 1
    return not text[line_start:quote.outer_start].strip() and text[quote.outer_start] in OPENING


def _line_quotes(text: str, line_start: int, line_end: int) -> list[Quote]:
    """Pair the marks of one line: an opening mark while a quote is open ends that quote
    unclosed ("...lifted... \"It gives..."), a closing mark with nothing open is ignored."""
    quotes, opened = [], None
    for mark in QUOTE_MARK.finditer(text, line_start, line_end):
        pos = mark.start()
        opening = _is_opening(text, pos, line_start, line_end)
        if opened is None:
            opened = pos if opening or mark.group() == '"' else None
        elif opening:
            quotes.append(_make_quote(text, opened, pos, pos))
            opened = pos
        else:
            quotes.append(_make_quote(text, opened, pos, pos + 1))
            opened = None
    if opened is not None:
        quotes.append(_make_quote(text, opened, line_end, line_end, closed=False))
    return [q for q in quotes if q is not None]


def _is_opening(text: str, pos: int, line_start: int, line_end: int) -> bool:
    """“ opens and ” closes; a straight mark opens when it follows a space (or starts the line)
    and is followed by a word."""
    char = text[pos]
    if char != '"':
        return char in OPENING
    before = text[pos - 1] if pos > line_start else " "
    after = text[pos + 1] if pos + 1 < line_end else " "
    return (before.isspace() or before in "([—–-") and not after.isspace()


def _make_quote(text: str, mark: int, close: int, outer_end: int,
                closed: bool = True) -> Quote | None:
    start, end = strip_bounds(text, mark + 1, close)
    start, end = strip_bounds(text, start, end, chars=" \t," + _DOUBLED_APOSTROPHE[1])
    if not any(c.isalnum() for c in text[start:end]):
        return None
    return Quote(start, end, mark, outer_end, closed)
