"""Cheap access to a Doc's text: spaCy rebuilds ``doc.text`` from its tokens on every access,
which made sentence and line lookups quadratic in the article's length."""
from __future__ import annotations

_KEY = "dragoman_text"


def doc_text(doc) -> str:
    """``doc.text``, built once per Doc and kept in ``doc.user_data``."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
