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

from dragoman.text.doctext import doc_ents, doc_text

_CLAUSE_DEPS = ("ccomp",)
_RIGHT_DEPS = frozenset({"dobj", "xcomp", "oprd", "attr", "prep", "acomp", "pcomp"})
# prepositions that carry what is said ("accused Y of Z", "called for Z", "warned about Z");
# others ("with a speech", "after the vote") are the circumstances
_CONTENT_PREPS = frozenset({"of", "for", "about", "on", "upon", "against", "to", "that", "as",
                            "into", "over", "toward", "towards"})
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


def content_bounds(verb, address: bool = False, reads: str = "clause",
                   stop=None) -> tuple[int, int] | None:
    """Character bounds of what ``verb`` reports, or None when it governs nothing that can be.

    ``address``: the verb's object is its hearer ("told Reuters"), not what was said.
    ``reads``: ``object`` — a stance verb's object may be one word ("backed Trump");
    ``about`` — only what follows about/of/on is what was said ("talked about jobs").
    ``stop(token)``: a coordinated verb for which it is true ends the span ("said that … and
    noted that …": the second cue reports a statement of its own).
    """
    text = doc_text(verb.doc)
    line = line_bounds(text, verb.idx)
    if reads == "about":
        return about_bounds(verb)
    clauses = [c for c in verb.children if c.dep_ in _CLAUSE_DEPS and not (
        c.i < verb.i and any(t.text in (":", ";") for t in verb.doc[c.i:verb.i]))]
    # "X ripped Y because it pays off: He said ..." — the clause before the colon is not
    # what he said; a clause after the verb may still be
    clause = clauses[0] if clauses else None
    if clause is None and verb.dep_ == "conj":
        found = inverted_bounds(verb)
        if found is not None:
            return found
    if clause is None and verb.dep_ == "parataxis":
        return parenthetical_bounds(verb)
    if clause is None and verb.dep_ == "advcl":
        found = as_clause_bounds(verb)
        if found is not None:
            return found
    if clause is not None:
        if not line[0] <= clause.idx < line[1]:
            return None  # the parser ran a headline into the next paragraph
        return _bounds(verb, clause.left_edge.i, _own_end(clause, stop))
    parts = [c for c in verb.rights if (c.dep_ in _RIGHT_DEPS or _for_clause(c)) and not _is_scene(c)
             and line[0] <= c.idx < line[1] and not _is_hearer_prep(c)
             and (c.dep_ != "prep" or c.lower_ in _CONTENT_PREPS)]
    if address:
        parts = [c for c in parts if c.dep_ != "dobj"]
    if not parts:
        return None
    one_word = reads == "object" and parts[0].dep_ == "dobj"
    last = _object_complement(verb, parts[0], parts[-1]) if parts[0].dep_ == "dobj" else parts[-1]
    return _bounds(verb, parts[0].left_edge.i, _own_end(last, stop),
                   1 if one_word else _MIN_WORDS)


_OBJECT_COMPLEMENT_DEPS = frozenset({"prep", "advmod", "npadvmod", "oprd", "xcomp", "acomp"})


def _object_complement(verb, obj, last):
    """The last word of what an object's verb says about it: "the poll shows Sanders
    within two points of Clinton", "showed Cruz 16 points ahead" (up to a comma, a
    conjunction or a time or place phrase)."""
    for child in verb.rights:
        if child.i <= obj.i:
            continue
        if child.dep_ not in _OBJECT_COMPLEMENT_DEPS or _is_scene(child) or _is_hearer_prep(child):
            break
        last = child if child.i > last.i else last
    return last


_ABOUT_PREPS = frozenset({"about", "of", "on"})
_ADJECTIVE_PREPS = frozenset({"about", "of", "on", "over", "that", "toward", "towards", "at",
                              "with", "in"})


def _for_clause(token) -> bool:
    """"called for her to quit": a for-to clause the parser hangs on the verb as ``advcl``."""
    return token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" and c.i < token.i
                                         for c in token.children)


def adjective_bounds(adj) -> tuple[int, int] | None:
    """"were hopeful that Murdoch would …", "was critical of Obama's stance": the adjective's
    clause, or what follows its preposition."""
    line = line_bounds(doc_text(adj.doc), adj.idx)
    for child in adj.rights:
        if not line[0] <= child.idx < line[1]:
            continue
        if child.dep_ == "ccomp":
            return _bounds(adj, child.left_edge.i, _own_end(child))
        if child.dep_ == "prep" and child.lower_ in _ADJECTIVE_PREPS:
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return _bounds(adj, obj.left_edge.i, _own_end(obj), 1)
    return None


def fronted_bounds(phrase) -> tuple[int, int] | None:
    """The clause a phrase hangs on, without the phrase: "In a new poll, 40 percent back X"
    and "X leads, according to Y" (the phrase opens or closes the clause)."""
    if phrase.head.i == phrase.i:
        return None
    return _clause_around(phrase, phrase.head)


def _clause_around(part, head) -> tuple[int, int] | None:
    """The bounds of ``head``'s clause without ``part``, which must open or close it."""
    left, right = part.left_edge.i, part.right_edge.i
    first, last = head.left_edge.i, head.right_edge.i
    while last > right and _filler(part.doc[last]):
        last -= 1
    if left <= first:
        first = right + 1
    elif right >= last:
        last = left - 1
    else:
        return None
    return _bounds(part, first, last)


def about_bounds(verb) -> tuple[int, int] | None:
    """"talked about jobs", "spoke of reform": what follows the preposition."""
    line = line_bounds(doc_text(verb.doc), verb.idx)
    for child in verb.rights:
        if child.dep_ == "prep" and child.lower_ in _ABOUT_PREPS and line[0] <= child.idx < \
                line[1] and not _is_scene(child):  # "spoke on Thursday" names no topic
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return _bounds(verb, obj.left_edge.i, _own_end(obj), 1)
    return None


def inverted_bounds(verb) -> tuple[int, int] | None:
    """"The plant is hanging on, but it is under pressure, said the chief executive": the
    parser makes the cue a ``conj`` of the clause before it; with its subject after it and
    a comma before it, that clause is what was said."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != "," or verb.head.i >= verb.i:
        return None
    if not any(c.dep_ == "nsubj" and c.i > verb.i for c in verb.children):
        return None
    if any(c.dep_ in ("dobj", "xcomp", "prep") and c.i > verb.i for c in verb.children):
        return None
    return _bounds(verb, verb.head.left_edge.i, verb.i - 2)


def _new_clause(conj) -> bool:
    """A coordinated clause with a named or nominal subject of its own and no "that": the
    narrative goes on ("..., and the newspaper wrote ..."), while "and that he has ..." or
    "and he has ..." is still what was said."""
    if any(c.dep_ == "mark" for c in conj.children):
        return False
    subjects = [c for c in conj.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(c.pos_ != "PRON" for c in subjects)


def _own_end(head, stop=None) -> int:
    """The last token of ``head``'s phrase, stopping before a coordinated clause with a
    subject of its own ("X will decide, and the newspaper wrote ..." ends at "decide") and
    before a participle clause set off by a comma ("he would release it on Friday, calling
    them ...": the reporter's narrative, often a statement of its own)."""
    doc, last = head.doc, head.right_edge.i
    for child in head.rights:
        if child.dep_ == "conj" and (_new_clause(child) or stop is not None and stop(child)):
            last = child.left_edge.i - 1
            break
    for child in head.rights:
        if child.dep_ == "advcl" and child.tag_ == "VBG" and child.i <= last \
                and doc[child.left_edge.i - 1].text == ",":
            last = min(last, child.left_edge.i - 1)  # "..., calling them ...": narrative
            break
    if stop is not None:  # deeper down: "… would do the same, saying that …" is a new cue
        for token in doc[head.i + 1:last + 1]:
            if token.dep_ in ("advcl", "conj") and token.tag_ == "VBG" and stop(token) \
                    and doc[token.left_edge.i - 1].text == "," and token.left_edge.i > head.i:
                last = token.left_edge.i - 1
                break
    while last > head.i and (doc[last].dep_ == "cc" or _filler(doc[last])):
        last -= 1
    return last


def _is_hearer_prep(token) -> bool:
    return token.dep_ == "prep" and token.lower_ == "to" and any(
        c.dep_ == "pobj" and (c.ent_type_ in ("PERSON", "ORG") or c.lower_ in (
            "reporters", "journalists", "supporters", "voters", "crowd", "audience"))
        for c in token.children)


def _is_scene(token) -> bool:
    """A time or place phrase ("on Monday", "in Geneva", "in a statement")."""
    if token.dep_ == "npadvmod" or token.ent_type_ in ("DATE", "TIME"):
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
    while last > right and _filler(token.doc[last]):
        last -= 1
    if left <= first:  # "According to X, Y"
        first = right + 1
    elif right >= last:  # "Y, according to X"
        last = left - 1
    first, last = _within_brackets(token, first, last)
    bounds = _bounds(token, first, last)
    return (source, bounds) if bounds is not None else None


def _within_brackets(token, first: int, last: int) -> tuple[int, int]:
    """Clamp ``first..last`` to the parentheses around ``token``, if it is inside a pair:
    "… (the actual number is closer to 15 percent, according to Factcheck.org)"."""
    doc = token.doc
    opening = next((i for i in range(token.i - 1, max(first, 0) - 1, -1)
                    if doc[i].text in "()"), None)
    closing = next((i for i in range(token.i + 1, min(last + 1, len(doc)))
                    if doc[i].text in "()"), None)
    if opening is not None and doc[opening].text == "(":
        first = max(first, opening + 1)
        if closing is not None and doc[closing].text == ")":
            last = min(last, closing - 1)
    return first, last


def _bounds(verb, first: int, last: int, min_words: int = _MIN_WORDS) -> tuple[int, int] | None:
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
    return (start, end) if len(words) >= min_words and start < end else None


def _filler(token) -> bool:
    return (token.is_punct and token.text not in "“”\"") or token.is_space


def parenthetical_bounds(verb) -> tuple[int, int] | None:
    """"This campaign, he says, is different": a cue set inside what it reports (``parataxis``)
    reports the whole clause around it."""
    if verb.dep_ != "parataxis" or verb.head.i == verb.i:
        return None
    if any(c.dep_ in _CLAUSE_DEPS or c.dep_ in ("dobj", "xcomp") for c in verb.children):
        return None
    doc, left, right = verb.doc, verb.left_edge.i, verb.right_edge.i
    edges = [doc[i].text for i in (left - 1, left, right, right + 1) if 0 <= i < len(doc)]
    if "," not in edges:
        return None  # "…: He said he's raised …" is no aside
    head = verb.head
    return _bounds(verb, head.left_edge.i, _own_end(head))


def as_clause_bounds(verb) -> tuple[int, int] | None:
    """"As the newspaper noted, Clinton raised …": the clause an as-clause cue hangs on."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as"
                                       for c in verb.children):
        return None
    if any(c.dep_ in _CLAUSE_DEPS or c.dep_ == "dobj" for c in verb.children):
        return None
    return _clause_around(verb, verb.head)


def _named_elsewhere(lead) -> bool:
    """"Sanders: Clinton Email Story Has Moved" — a capitalised lead word that is part of a
    person's or organisation's name elsewhere in the article."""
    words = {t.lower_ for t in lead if t.is_alpha}
    if not words or not all(t.text[:1].isupper() for t in lead if t.is_alpha):
        return False
    return any(ent.label_ in _LEAD_ENTS and ent.start != lead.start and words <= {
        t.lower_ for t in ent} for ent in doc_ents(lead.doc))


_LEAD_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "PART", "PUNCT", "ADP", "CCONJ"})
_LEAD_ENTS = frozenset({"PERSON", "ORG"})  # "Syria: ..." is a topic, not a speaker
_MAX_LEAD = 6


def colon_lead(colon, sources=frozenset()) -> tuple[object, tuple[int, int]] | None:
    """``(speaker span, content bounds)`` for a line that opens with a name and a colon
    ("Trump: I'm the worst thing that ever happened to the establishment"), else None.
    A headline's name the tagger misses counts when the article names a person or
    organisation with that word elsewhere; ``sources`` are nouns that lead a finding
    ("Poll: …")."""
    doc = colon.doc
    text = doc_text(doc)
    if colon.text != ":":
        return None
    line_start, line_end = line_bounds(text, colon.idx)
    first = colon.i
    while first > 0 and doc[first - 1].idx >= line_start and not doc[first - 1].is_space:
        first -= 1
    lead = doc[first:colon.i]
    if not 0 < len(lead) <= _MAX_LEAD or any(t.pos_ not in _LEAD_POS for t in lead):
        return None
    if lead[-1].ent_type_ not in _LEAD_ENTS and (lead[-1].pos_ != "PROPN"
                                                  or lead[-1].ent_type_) \
            and not _named_elsewhere(lead) and not (len(lead) == 1
                                                    and lead[0].lemma_.lower() in sources):
        return None
    if any(t.ent_type_ in ("DATE", "TIME") for t in lead):
        return None
    last = colon.i + 1
    while last < len(doc) and doc[last].idx < line_end:
        last += 1
    bounds = _bounds(colon, colon.i + 1, last - 1) if last - 1 > colon.i else None
    return (lead, bounds) if bounds is not None else None


# nouns of saying that carry their speaker and what was said: "Russia's call for a ceasefire",
# "his claim that the vote was rigged", "criticism of the plan by the opposition"
SPEECH_NOUNS = frozenset("""
claim call criticism assertion suggestion promise comment remark allegation accusation warning
pledge demand appeal request statement announcement complaint argument vow denial insistence
admission charge threat proposal condemnation praise insinuation prediction
""".split())
_NOUN_CONTENT_PREPS = frozenset({"for", "of", "about", "on", "against", "to"})


def noun_cue(noun, extra=frozenset()) -> tuple[object, tuple[int, int]] | None:
    """``(speaker token, content bounds)`` for a noun of saying with its owner and content:
    "Russia's call for a ceasefire", "the minister's claim that ...", "a warning by X that";
    ``extra``: more nouns (of thought or stance: "his support for X", "her attacks on Y")."""
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or lemma not in SPEECH_NOUNS and lemma not in extra:
        return None
    speaker = next((c for c in noun.children if c.dep_ == "poss"), None)
    if speaker is None:
        by = next((c for c in noun.children if c.dep_ in ("prep", "agent")
                   and c.lower_ in ("by", "from")), None)
        speaker = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
    if speaker is None:
        return None
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and any(
        m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is not None:
        bounds = _bounds(noun, clause.left_edge.i, _own_end(clause))
    else:
        prep = next((c for c in noun.rights if c.dep_ == "prep"
                     and c.lower_ in _NOUN_CONTENT_PREPS and c.lower_ != "by"), None)
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep \
            else None
        least = 1 if lemma in extra else _MIN_WORDS  # "her attacks on Sanders"
        bounds = _bounds(noun, obj.left_edge.i, _own_end(obj), least) if obj is not None \
            else None
    return (speaker, bounds) if bounds is not None else None
