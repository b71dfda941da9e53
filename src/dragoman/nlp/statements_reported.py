"""Reported speech: what a cue verb says, read from the dependency parse.

- ``X said (that) ...``, ``X told reporters ...``: the verb's clausal complement (``ccomp``),
  before or after the verb ("The talks failed, he said").
- Without a clause, the words the verb governs on its right: ``X accused Y of Z`` → "Y of Z",
  ``X called for a ceasefire`` → "a ceasefire", ``X wants to leave`` → "to leave". Time and
  place phrases ("on Monday", "in Geneva") and the hearer ("told reporters", "said to X") are
  left out.
- ``according to X, ...``: the clause the phrase hangs on, without the phrase.

Spans never cross a line break (a paragraph), never include a leading "that" or the
punctuation at their edges, and need at least two words.
"""
from __future__ import annotations

from dragoman.nlp.doctext import doc_text

_CLAUSE_DEPS = ("ccomp",)
_RIGHT_DEPS = frozenset({"dobj", "xcomp", "oprd", "attr", "prep", "acomp", "advcl", "pcomp"})
_HEARER_DEPS = frozenset({"dative"})
_SCENE_ENTS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "EVENT"})
_SCENE_WORDS = frozenset({"statement", "interview", "speech", "letter", "tweet", "post",
                          "email", "conference", "briefing", "rally", "appearance", "address",
                          "release", "video", "hearing", "debate", "meeting", "event",
                          "week", "day", "month", "year", "morning", "evening", "night",
                          "weekend", "time"})
_SCENE_PREPS = frozenset({"in", "at", "during", "from", "since", "after", "before", "near",
                          "outside", "inside", "via", "through", "throughout"})
_MIN_WORDS = 2


def line_bounds(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def content_bounds(verb, address: bool = False) -> tuple[int, int] | None:
    """Character bounds of what ``verb`` reports, or None when it governs nothing that can be.

    ``address``: the verb's object is its hearer ("told Reuters"), not what was said.
    """
    text = doc_text(verb.doc)
    line = line_bounds(text, verb.idx)
    clause = next((c for c in verb.children if c.dep_ in _CLAUSE_DEPS), None)
    if clause is not None:
        if not line[0] <= clause.idx < line[1]:
            return None  # the parser ran a headline into the next paragraph
        return _bounds(verb, clause.left_edge.i, _own_end(clause))
    parts = [c for c in verb.rights if c.dep_ in _RIGHT_DEPS and not _is_scene(c)
             and line[0] <= c.idx < line[1] and not _is_hearer_prep(c)]
    if address:
        parts = [c for c in parts if c.dep_ != "dobj"]
    if not parts:
        return None
    return _bounds(verb, parts[0].left_edge.i, _own_end(parts[-1]))


def _own_end(head) -> int:
    """The last token of ``head``'s phrase, stopping before a coordinated clause with a
    subject of its own ("X will decide, and the newspaper wrote ..." ends at "decide")."""
    for child in head.rights:
        if child.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
            last = child.left_edge.i - 1
            while last > head.i and (head.doc[last].dep_ == "cc" or _filler(head.doc[last])):
                last -= 1
            return last
    return head.right_edge.i


def _is_hearer_prep(token) -> bool:
    return token.dep_ == "prep" and token.lower_ == "to" and any(
        c.dep_ == "pobj" and (c.ent_type_ in ("PERSON", "ORG") or c.lower_ in (
            "reporters", "journalists", "supporters", "voters", "crowd", "audience"))
        for c in token.children)


def _is_scene(token) -> bool:
    """A time or place phrase ("on Monday", "in Geneva", "in a statement")."""
    if token.dep_ == "npadvmod" or token.ent_type_ in _SCENE_ENTS:
        return True
    if token.dep_ != "prep":
        return False
    obj = next((c for c in token.children if c.dep_ == "pobj"), None)
    if obj is None:
        return False
    if obj.ent_type_ in ("DATE", "TIME"):
        return True
    return token.lower_ in _SCENE_PREPS and (obj.ent_type_ in _SCENE_ENTS
                                            or obj.lemma_.lower() in _SCENE_WORDS)


def according_to(token) -> tuple[object, tuple[int, int]] | None:
    """``(source noun, content bounds)`` when ``token`` is "according" of "according to X"."""
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to" and c.dep_ == "prep"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if source is None:
        return None
    head = token.head if token.head.i != token.i else None
    if head is None:
        return None
    left, right = token.left_edge.i, token.right_edge.i
    first, last = head.left_edge.i, head.right_edge.i
    if left <= first:  # "According to X, Y"
        first = right + 1
    elif right >= last:  # "Y, according to X"
        last = left - 1
    bounds = _bounds(token, first, last)
    return (source, bounds) if bounds is not None else None


def _bounds(verb, first: int, last: int) -> tuple[int, int] | None:
    doc = verb.doc
    text = doc_text(doc)
    while first < last and (doc[first].dep_ == "mark" and doc[first].lower_ in ("that", "whether",
                                                                             "if")
                            or _filler(doc[first])):
        first += 1
    while last > first and _filler(doc[last]):
        last -= 1
    if first > last:
        return None
    line_start, line_end = line_bounds(text, verb.idx)
    start = max(doc[first].idx, line_start)
    end = min(doc[last].idx + len(doc[last]), line_end)
    words = [t for t in doc[first:last + 1] if t.is_alpha and start <= t.idx < end]
    return (start, end) if len(words) >= _MIN_WORDS and start < end else None


def _filler(token) -> bool:
    return (token.is_punct and token.text not in "“”\"") or token.is_space
