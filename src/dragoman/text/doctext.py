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
