"""Cheap access to a Doc's text: spaCy rebuilds ``doc.text`` from its tokens on every access,
which made sentence and line lookups quadratic in the article's length."""
from __future__ import annotations

from bisect import bisect_left

_KEY = "dragoman_text"


def doc_text(doc) -> str:
    """``doc.text``, built once per Doc and kept in ``doc.user_data``."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def keep_text(doc, text: str):
    """``doc``, with :func:`doc_text` set to return ``text``, the string it was parsed from
    (spaCy's tokenizer loses no character, so ``doc.text`` would rebuild exactly it) instead
    of building it; a ``text`` of another length, or a stand-in without ``user_data``, is
    left alone."""
    data = getattr(doc, "user_data", None)
    if data is not None and len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(text):
        data.setdefault(_KEY, text)
    return doc


_ENTS = "dragoman_ents"


def _entities(doc) -> tuple[list, list[int]]:
    """The Doc's entities and their start tokens, built once and kept in ``doc.user_data``."""
    cached = doc.user_data.get(_ENTS)
    if cached is None:
        ents = list(doc.ents)
        cached = doc.user_data[_ENTS] = (ents, [ent.start for ent in ents])
    return cached


def doc_ents(doc) -> list:
    """``doc.ents``, built once per Doc (spaCy makes a new Span for every entity of the
    document on each access). The entities must not change after."""
    return _entities(doc)[0]


def span_ents(span) -> list:
    """``span.ents`` (the entities that fall completely within the span, as spaCy finds them:
    from the first starting inside it, up to the first that ends after it), from the cached
    entities of :func:`doc_ents`."""
    ents, starts = _entities(span.doc)
    found = []
    for ent in ents[bisect_left(starts, span.start):]:
        if ent.end > span.end:
            break
        found.append(ent)
    return found


QUOTE_TOKENS = frozenset({'"', "“", "”", "''", "``"})
_QUOTES = "dragoman_quotes"


def quote_tokens(doc, start: int = 0, end: int | None = None) -> list[int]:
    """Indices of the Doc's quote-mark tokens (:data:`QUOTE_TOKENS`) in ``[start, end)``; the
    Doc's list is built once and kept in ``doc.user_data``."""
    marks = doc.user_data.get(_QUOTES)
    if marks is None:
        marks = doc.user_data[_QUOTES] = [t.i for t in doc if t.text in QUOTE_TOKENS]
    return marks[bisect_left(marks, start):bisect_left(marks, len(doc) if end is None else end)]
