"""Parse helpers shared by the domains: a verb's subject and object, a readable noun phrase,
a token's sentence clipped to its line, a name next to a verb.

They read a spaCy parse and know nothing of actors, cues or events: statements
(:mod:`dragoman.statements`) and events (:mod:`dragoman.events`) build on them. A line break
always ends a sentence here (the parser sometimes runs a headline into the next paragraph)."""
from __future__ import annotations

from dragoman.text.doctext import doc_ents, doc_text
from dragoman.text.spans import OPENING, QUOTE_MARK, paragraph_bounds, strip_bounds

_PHRASE_RIGHT_DEPS = frozenset({
    "compound", "flat", "nummod", "amod", "poss", "prep", "appos", "cc", "conj", "nmod", "case",
})
_MAX_PHRASE_TOKENS = 12
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_TARGET_PREPS = ("on", "upon", "with", "to", "against", "at")
# a verb after these prepositions is done by the subject, not the object, of the verb above
_TIME_PREPS = frozenset({"before", "after", "while", "since", "until", "upon", "without"})
_MODIFIER_DEPS = frozenset({"amod", "compound"})
_RELATIVE_TAGS = frozenset({"WDT", "WP"})
# verbs whose object does what their infinitive says ("urged Oslo to act": Oslo acts)
OBJECT_CONTROL = frozenset({
    "ask", "urge", "call", "tell", "press", "persuade", "force", "allow", "encourage", "invite",
    "order", "pressure", "push", "want", "expect", "warn", "advise", "appeal",
})
_TIME_ENTS = frozenset({"DATE", "TIME"})


def is_clause_verb(token) -> bool:
    """A verb heading a clause, not one used as a modifier ("UN-led", "peace talks")."""
    return token.pos_ == "VERB" and token.dep_ not in _MODIFIER_DEPS


def clipped_sentence(token) -> tuple[int, int]:
    """Char bounds of the token's sentence, cut at line breaks and stripped of whitespace.

    The parser sometimes runs a headline into the next paragraph; a line break always ends a
    sentence here.
    """
    text = doc_text(token.doc)
    para_start, para_end = paragraph_bounds(text, token.idx)
    start = max(token.sent.start_char, para_start)
    end = min(token.sent.end_char, para_end)
    return strip_bounds(text, start, end)


def same_line(a, b) -> bool:
    text = doc_text(a.doc)
    return paragraph_bounds(text, a.idx) == paragraph_bounds(text, b.idx)


def subject_of(verb, depth: int = 4):
    """The verb's ``nsubj`` in its paragraph, inherited from a governing verb when it has none.

    ``conj``/``advcl`` verbs take their head's subject ("France ..., saying ..."); an ``xcomp``
    of an object-control verb takes its head's object ("urged Oslo to act": Oslo
    acts); a relative "which"/"who" stands for the noun the clause hangs on.
    """
    token = verb
    for _ in range(depth):
        subject = _own_subject(token, verb)
        if subject is not None:
            return subject
        if is_complement(token) and token.head.lemma_.lower() in OBJECT_CONTROL:
            controller = object_of(token.head)
            if controller is not None:
                return controller
        if token.dep_ == "pcomp":
            return _pcomp_controller(token, depth - 1)
        if token.dep_ not in ("conj", "advcl", "xcomp") or token.head.i == token.i:
            return None
        token = token.head
    return None


def is_complement(verb) -> bool:
    """An infinitive complement: ``xcomp``, or the ``advcl`` with "to" the small model often
    gives instead ("press the regime to return": *return* hangs on *press* as advcl)."""
    return verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and verb.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))


def _pcomp_controller(verb, depth: int):
    """Who does a verb after a preposition: "blamed the army for shelling" (the army),
    "the army for shelling" (the army), "left after meeting X" (the one who left)."""
    owner = verb.head.head if verb.head.dep_ == "prep" else None
    if owner is None or depth <= 0:
        return None
    if owner.pos_ in ("NOUN", "PROPN"):
        return owner
    if verb.head.lower_ in _TIME_PREPS:  # "meets the opposition before hosting the government"
        return subject_of(owner, depth)
    obj = next((c for c in owner.children if c.dep_ == "dobj"), None)
    return obj if obj is not None else subject_of(owner, depth)


def _own_subject(token, verb):
    if token.dep_ == "acl" and token.tag_ == "VBG":
        return token.head  # "warplanes supporting the offensive"
    for child in token.children:
        if child.dep_ == "nsubj" and same_line(child, verb):
            if child.tag_ in _RELATIVE_TAGS and token.dep_ == "relcl":
                return token.head
            return child
    return None


def object_of(verb, part_of_cue: str = ""):
    """The verb's object: ``dobj``, a dative, or the ``pobj`` of on/with/to/against/at (no
    dates). A ``dobj`` whose lemma is ``part_of_cue`` ("laid the blame on X") is skipped."""
    for deps in (("dobj",), ("dative",)):
        for child in verb.children:
            if child.lemma_.lower() == part_of_cue:
                continue
            if child.dep_ in deps and same_line(child, verb):
                return pobj_of(child) if child.pos_ == "ADP" else child
    for child in verb.children:
        if child.dep_ in ("prep", "prt") and child.lower_ in _TARGET_PREPS:
            pobj = pobj_of(child)
            if pobj is not None and pobj.ent_type_ not in _TIME_ENTS and same_line(pobj, verb):
                return pobj
    return None


def pobj_of(prep):
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def noun_phrase(head):
    """A readable span for a noun: its left words and name/prep/apposition parts, not clauses."""
    span = _clip_to_line(head, head.left_edge.i, _phrase_end(head))
    if len(span) > _MAX_PHRASE_TOKENS:
        span = _clip_to_line(head, max(head.left_edge.i, head.i - 5), head.i)
    return _balance_quotes(_whole_names(_trim_punct(span)))


def _phrase_end(head, depth: int = 0) -> int:
    """Index of the last token of the noun's phrase; conjuncts and appositions are cut the same
    way ("Peru and Chile, which sent troops" ends at Chile)."""
    end = head.i
    for child in head.rights:
        if child.dep_ == "prep" and any(c.dep_ == "pcomp" for c in child.children):
            break  # "the army | for shelling the town"
        if child.dep_ in ("conj", "appos") and depth < 4:
            end = _phrase_end(child, depth + 1)
        elif child.dep_ in _PHRASE_RIGHT_DEPS:
            end = child.right_edge.i
        elif child.dep_ != "punct":
            break
    return end


def _clip_to_line(head, first: int, last: int):
    doc = head.doc
    line_start, line_end = paragraph_bounds(doc_text(doc), head.idx)
    while first < head.i and doc[first].idx < line_start:
        first += 1
    while last > head.i and doc[last].idx >= line_end:
        last -= 1
    return doc[first:last + 1]


def _trim_punct(span):
    first, last = span.start, span.end
    while first < last - 1 and span.doc[first].is_punct and span.doc[first].text not in OPENING:
        first += 1
    while last - 1 > first and span.doc[last - 1].is_punct:
        last -= 1
    return span.doc[first:last]


def _whole_names(span):
    """Widen a span that cuts a named entity so the whole name is in it."""
    doc, first, last = span.doc, span.start, span.end
    while first > 0 and doc[first].ent_iob_ == "I" and same_line(doc[first - 1], doc[first]):
        first -= 1
    while last < len(doc) and doc[last].ent_iob_ == "I" and same_line(doc[last], doc[first]):
        last += 1
    return doc[first:last]


def _balance_quotes(span):
    marks = sum(1 for t in span if QUOTE_MARK.fullmatch(t.text))
    doc = span.doc
    if marks % 2 and span.end < len(doc) and QUOTE_MARK.fullmatch(doc[span.end].text):
        return doc[span.start:span.end + 1]
    return span


def adjacent_name(verb):
    """A named entity right before or right after the verb ("Haddad said"), when no subject."""
    for ent in doc_ents(verb.doc):
        if ent.label_ in NAME_LABELS and (ent.end == verb.i or ent.start == verb.i + 1):
            if same_line(ent[0], verb):
                return ent
    return None
