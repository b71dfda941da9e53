"""Statements: who said what, with the exact span of what was said (first version).

One pass over a parsed article finds four kinds of statement:

- **direct** / **mixed**: text between double quotes (straight ``"`` or curly ``“ ”``), given to
  the nearest speech cue verb outside any quote in the same or an adjacent sentence of the same
  paragraph. "direct" when the quote is the sentence apart from the attribution (``“...,” X
  said``; ``X said: “...”``) or runs over several sentences; "mixed" when a fragment sits inside
  reported speech (``called the plan a “historic mistake”``). A quote left open runs to the end of
  its paragraph. Short quotes (up to three words) count only when they hang under the cue verb's
  complement, so scare quotes ("the “road map”") are not statements.
- **block**: the paragraph after one that ends with ``X said`` or ``X said:``.
- **indirect**: a speech cue verb with a subject and a clausal complement (``ccomp``) that holds
  no quote: ``X said (that) ...``, ``X warned that ...``.

Also "according to X", "X: ..." line leads, passives with a "by" speaker, nouns ("Russia's call
for"), adjectives ("was hopeful that") and poll phrases (:mod:`dragoman.statements.reported`
finds what each of them says).

This module is the orchestration: it finds the quotes (:mod:`~dragoman.statements.quotes`),
gives each to its cue verb (:mod:`~dragoman.statements.cues`), and records every statement
once; who speaks is decided in :mod:`~dragoman.statements.speakers`
(:func:`~dragoman.statements.speakers.speaker_phrase` and
:func:`~dragoman.statements.speakers.speaker_fields`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from dragoman.model import Article, Statement, short_hash
from dragoman.actors.doc import DocActors
from dragoman.actors.nominal import is_agent
from dragoman.statements.confidence import with_confidence
from dragoman.statements.cues import Cues, is_address, is_lexicon_speech, load_cues
from dragoman.statements.quotes import Quote, find_quotes
from dragoman.statements.reported import (
    SPEECH_NOUNS,
    according_to,
    adjective_bounds,
    colon_lead,
    content_bounds,
    fronted_bounds,
    noun_cue,
)
from dragoman.statements.speakers import (
    about_of,
    addressee_of,
    can_speak,
    speaker_fields,
    speaker_phrase,
)
from dragoman.text.parse import clipped_sentence, is_clause_verb, noun_phrase, pobj_of, same_line
from dragoman.text.spans import (
    CLOSING,
    OPENING,
    QUOTE_MARK,
    Covered,
    paragraph_bounds,
    strip_bounds,
)
# Cues and load_cues are re-exported: annotate.py and the runners import them from here
__all__ = ["Cues", "extract_statements", "load_cues"]

_SENTENCE_BREAK = re.compile(r"[.?!…]['’\"”]?\s+\S")
_NEXT_LINE = re.compile(r"[^\n]*\S[^\n]*")
_SHORT_QUOTE_WORDS = 3
_ISSUED_TEXTS = SPEECH_NOUNS | {"message", "tweet", "post", "letter", "note", "text"}
_BLOCK_LEAD_CHARS = 60  # "X released the following statement:" — words between cue and colon
_COMPLEMENT_DEPS = frozenset({"ccomp", "dobj", "xcomp", "oprd", "attr"})
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "oprd", "attr"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its", "our", "my"})
_NOTHING_WORDS = 2
# a quotation's signature: a dash, then a name up to the end of the line ("” ― Sonya Herridge")
_SIGNATURE = re.compile(r"[\s\u00a0]*([―—–])[\s\u00a0]*([A-Z][^\n]*?)[\s\u00a0.]*$", re.M)
_MAX_SIGNATURE = 6


# --- extraction --------------------------------------------------------------------------------


@dataclass
class _Context:
    doc: object
    article: Article
    actors: DocActors
    cues: Cues
    quoted: list[tuple[int, int]]  # quote and block spans, marks included
    spoken: list[tuple[int, int]]  # the same without short (scare) quotes
    quotes: list = field(default_factory=list)
    used: set = field(default_factory=set)  # cue verbs (token index) of quotes and blocks
    taken: list[tuple[int, int]] = field(default_factory=list)  # spans of those statements

    def __post_init__(self) -> None:
        self._in_quoted, self._in_spoken = Covered(self.quoted), Covered(self.spoken)

    def inside_quote(self, offset: int) -> bool:
        return offset in self._in_quoted

    def inside_speech(self, offset: int) -> bool:
        return offset in self._in_spoken


def extract_statements(doc, article: Article, actors: DocActors, cues: Cues) -> list[Statement]:
    """Direct, mixed, block and indirect statements of one article, in text order, each
    with its calibrated ``confidence`` (:mod:`~dragoman.statements.confidence`).

    ``doc`` is the spaCy ``Doc`` of exactly ``article.text``; every statement's ``text`` is
    ``article.text[start:end]``.
    """
    if not article.text.strip() or len(doc) == 0:
        return []
    quotes = find_quotes(article.text)
    ctx = _context(doc, article, actors, cues, quotes)
    found = _quote_statements(ctx, quotes)
    blocks = _find_blocks(ctx, [s for s, _ in found])
    ctx.quoted.extend((start, end) for _, start, end in blocks)
    ctx.spoken.extend((start, end) for _, start, end in blocks)
    found += [(_block_statement(ctx, verb, start, end), verb) for verb, start, end in blocks]
    found += _continued_quotes(ctx, quotes, found)
    ctx.used.update(verb.i for _, verb in found)
    ctx.taken.extend((s.start, s.end) for s, _ in found)
    for token in doc:
        found.append(_indirect_statement(ctx, token) or _according_statement(ctx, token)
                     or _colon_statement(ctx, token) or _passive_statement(ctx, token)
                     or _noun_statement(ctx, token) or _adjective_statement(ctx, token)
                     or _prep_statement(ctx, token))
    return with_confidence(_outermost([f for f in found if f is not None]), doc, cues, cues.confidence)


def _continued_quotes(ctx: _Context, quotes: list[Quote], found) -> list:
    """A paragraph that is one quotation with no cue of its own, right after a paragraph whose
    last statement is a quotation: the same speaker goes on (“...,” he said. ⏎ “And ...”)."""
    text = ctx.article.text
    taken = [(s.start, s.end) for s, _ in found]
    by_line = {}
    for statement, verb in found:
        if statement.kind in ("direct", "block"):
            line = paragraph_bounds(text, statement.start)
            if line not in by_line or by_line[line][0].start < statement.start:
                by_line[line] = (statement, verb)
    extra = []
    for quote in quotes:
        line = paragraph_bounds(text, quote.start)
        if _overlaps(taken, quote.start, quote.end) or text[line[0]:line[1]].strip() != \
                text[quote.outer_start:quote.outer_end].strip():
            continue
        previous = by_line.get(_previous_line(text, line[0]))
        if previous is None:
            continue
        statement, verb = previous
        extra.append((replace(statement, kind="direct", text=text[quote.start:quote.end],
                              start=quote.start, end=quote.end,
                              statement_id=short_hash(ctx.article.article_id, "stmt",
                                                      str(quote.start), str(quote.end))),
                      verb))
        by_line[line] = extra[-1]
    return extra


def _previous_line(text: str, line_start: int) -> tuple[int, int] | None:
    """The bounds of the last non-empty line before ``line_start``, else None."""
    stripped = text[:max(0, line_start - 1)].rstrip()
    return paragraph_bounds(text, len(stripped) - 1) if stripped else None


def _outermost(found: list[tuple[Statement, object]]) -> list[Statement]:
    """One statement per span, in text order; a reported statement whose cue lies inside
    what another statement says ("he said the minister believed ...") is dropped."""
    unique = {(s.start, s.end): (s, verb) for s, verb in reversed(found)}
    kept = []
    for statement, verb in unique.values():
        inside = any(other.start <= verb.idx < other.end and other is not statement
                     for other, _ in unique.values())
        if statement.kind not in ("direct", "block") and inside:
            continue
        if any(other_verb.i == verb.i and other is not statement and other.start <= statement.start
               and statement.end <= other.end for other, other_verb in unique.values()):
            continue  # two quotes of one clause widened to the same reported part
        kept.append(statement)
    return sorted(kept, key=lambda s: (s.start, s.end))


def _context(doc, article: Article, actors: DocActors, cues: Cues, quotes) -> _Context:
    text = article.text
    spans = [(q.outer_start, q.outer_end) for q in quotes]
    spoken = [(q.outer_start, q.outer_end) for q in quotes
              if _word_count(text[q.start:q.end]) > _SHORT_QUOTE_WORDS]
    return _Context(doc, article, actors, cues, spans, spoken, list(quotes))


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _quote_statements(ctx: _Context, quotes: list[Quote]) -> list:
    """``(statement, cue verb)`` of the attributed quotes, in text order; a quote right after
    an attributed one (only spaces between) is passed that one's cue (see :func:`_quote_cue`)."""
    found, previous = [], None
    for quote in quotes:
        carried = previous[1] if previous is not None and not ctx.article.text[
            previous[0].outer_end:quote.outer_start].strip() else None
        made = _quote_statement(ctx, quote, carried)
        previous = (quote, made[1]) if made is not None else None
        if made is not None:
            found.append(made)
    return found


def _quote_statement(ctx: _Context, quote: Quote, carried=None):
    """``(statement, cue verb)`` for an attributed quote, else None. A quote inside reported
    speech ("called the plan a “historic mistake”") gives a *mixed* statement whose text is
    the whole reported part, quote included."""
    verb = _quote_cue(ctx, quote, carried)
    if verb is None:
        return _signed_quote(ctx, quote)
    phrase, subject = speaker_phrase(ctx.cues, verb, ctx.inside_speech)
    if phrase is not None and _overlap(phrase, quote):
        return None  # the quote is part of the speaker's name: a “senior aide” said
    if not _attached_to_cue(ctx, quote, verb):
        return None
    if ctx.cues.needs_agent(ctx.cues.speech(verb)) and not can_speak(ctx.cues, verb, subject):
        return None
    if _is_direct(ctx, quote, verb):
        return _record(ctx, "direct", quote.start, quote.end, verb, phrase, subject), verb
    start, end = quote.start, quote.end
    bounds = content_bounds(verb, is_address(ctx.cues, verb),
                            stop=lambda t: is_lexicon_speech(ctx.cues, t))
    if bounds is not None and bounds[0] < quote.end and quote.start < bounds[1]:
        start, end = min(bounds[0], quote.start), max(bounds[1], quote.end)
        start = quote.outer_start if start == quote.start else start
        end = quote.outer_end if end == quote.end and quote.closed else end
    return _record(ctx, "mixed", start, end, verb, phrase, subject), verb


def _signed_quote(ctx: _Context, quote: Quote):
    """``(statement, dash)`` for a quotation that opens its line and is signed after a dash
    with a name that ends the line (“…” ― Sonya Herridge), else None."""
    text = ctx.article.text
    line_start, line_end = paragraph_bounds(text, quote.start)
    sign = _SIGNATURE.match(text, quote.outer_end, line_end)
    if sign is None or text[line_start:quote.outer_start].strip():
        return None
    name = ctx.doc.char_span(sign.start(2), sign.end(2), alignment_mode="expand")
    dash = _token_at(ctx.doc, sign.start(1))
    if name is None or dash is None or not 0 < len(name) <= _MAX_SIGNATURE or not all(
            t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") or t.is_punct for t in name):
        return None
    return _record(ctx, "direct", quote.start, quote.end, dash, name, name.root, cue="―"), dash


def _overlap(phrase, quote: Quote) -> bool:
    return phrase.start_char < quote.outer_end and quote.outer_start < phrase.end_char


def _quote_cue(ctx: _Context, quote: Quote, carried=None):
    """The speech verb outside quotes nearest to the quote, in its or an adjacent sentence.
    A quote that goes on from an attributed one (``carried``: that one's cue) keeps it rather
    than take a verb after it that reports a clause of its own (“…,” he said. “A.” “B.”
    A spokesman said the office agreed …: B is still his)."""
    first, last = _token_at(ctx.doc, quote.start), _token_at(ctx.doc, quote.end - 1)
    if first is None or last is None:
        return None
    core = range(first.sent.start, last.sent.end)
    lo = ctx.doc[first.sent.start - 1].sent.start if first.sent.start > 0 else 0
    hi = ctx.doc[last.sent.end].sent.end if last.sent.end < len(ctx.doc) else len(ctx.doc)
    line = (paragraph_bounds(ctx.article.text, quote.start)[0],
            paragraph_bounds(ctx.article.text, max(quote.start, quote.end - 1))[1])
    if _after_colon_lead(ctx, quote, first):
        lo, hi = core.start, core.stop  # From Bush's Facebook post: “…” — its own source
    inner = _token_at(ctx.doc, quote.start + (quote.end - quote.start) // 2)
    fragment = _is_fragment(ctx, quote, first, last)
    candidates = [
        t for t in ctx.doc[lo:hi]
        if line[0] <= t.idx < line[1] and not ctx.inside_quote(t.idx) and ctx.cues.speech(t)
        and not (fragment and t.i not in core and _says_its_own(t, inner))
    ]
    candidates.sort(key=lambda t: (t.i not in core, not _governs(t, inner),
                                   _distance(t.idx, quote)))
    if carried is not None and candidates and candidates[0].i not in core \
            and candidates[0].idx > quote.end and _says_its_own(candidates[0], inner):
        return carried
    return _governing_cue(ctx, candidates[0], candidates) if candidates else None


def _is_fragment(ctx: _Context, quote: Quote, first, last) -> bool:
    """A quote with words of its own sentence outside it ("plans to ''build on the
    progress''"), not a quoted sentence."""
    text = ctx.article.text
    start, _ = clipped_sentence(first)
    _, end = clipped_sentence(last)
    return any(c.isalnum() for c in text[start:quote.outer_start] + text[quote.outer_end:end])


def _says_its_own(verb, inner) -> bool:
    """A cue whose clausal complement is in its own sentence and does not hold ``inner``:
    "X has said that it sees no reason …" reports that clause, not a fragment quoted in the
    next sentence."""
    return any(c.dep_ == "ccomp" for c in verb.children) and not _governs(verb, inner)


def _after_colon_lead(ctx: _Context, quote: Quote, first) -> bool:
    """A quote set after a colon that ends words of its own sentence ("From Bush's
    Facebook post: “…”"): a cue in the sentence before does not reach it."""
    sent_start = max(first.sent.start_char, paragraph_bounds(ctx.article.text, quote.start)[0])
    lead = ctx.article.text[sent_start:quote.outer_start].rstrip()
    return lead.endswith(":") and any(c.isalnum() for c in lead)


def _governs(verb, token) -> bool:
    """Whether ``token`` (a word of the quote) is in the verb's subtree: "declaring it
    “another super Tuesday” and said ..." belongs to "declaring", though "said" is nearer."""
    return token is not None and any(a.i == verb.i for a in token.ancestors)


def _governing_cue(ctx: _Context, verb, candidates):
    """A learned cue inside what a lexicon cue reports gives way to it: in "X told Smith he
    would consider it but “loves what he does”", X speaks, not "he"."""
    if verb.lemma_.lower() in ctx.cues.entries:
        return verb  # a lexicon cue stays
    allowed = {t.i for t in candidates}
    for ancestor in verb.ancestors:
        if ancestor.i in allowed and ancestor.lemma_.lower() in ctx.cues.entries:
            return ancestor
    return verb


def _distance(offset: int, quote: Quote) -> int:
    return quote.start - offset if offset < quote.start else offset - quote.end


def _token_at(doc, offset: int):
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _attached_to_cue(ctx: _Context, quote: Quote, verb) -> bool:
    """Whether the quote may belong to the verb: never as its subject; short ones must hang
    under its complement, and one-word ones directly under the verb."""
    span = ctx.doc.char_span(quote.start, quote.end, alignment_mode="expand") or []
    tokens = [t for t in span if not t.is_punct and not t.is_space]
    words = [t for t in tokens if t.is_alpha or t.like_num]
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    links = [_link_to(root, verb) for root in roots]
    if any(link in _SUBJECT_DEPS for link in links):
        return False
    if len(words) > _SHORT_QUOTE_WORDS or len(words) > 1 and _quoted_sentence(ctx, quote):
        return True
    if len(words) == 1:
        return any(root.head.i == verb.i for root in roots)
    if quote.outer_end <= verb.idx and "prep" in links:
        return False  # a title in a fronted phrase: In his podcast “The Axe Files”, X said
    return any(link is not None for link in links)


def _quoted_sentence(ctx: _Context, quote: Quote) -> bool:
    """A short quote that is a sentence of its own: “Not now,” he said. / “Nobody did.”"""
    text = ctx.article.text
    first = _token_at(ctx.doc, quote.start)
    if first is None or not text[quote.start].isupper():
        return False
    if quote.outer_start > clipped_sentence(first)[0]:
        return False
    closing = text[quote.end:quote.outer_end + 1]
    return text[quote.end - 1] in ".?!…" or "," in closing


def _link_to(token, verb) -> str | None:
    """The dependency by which the path from ``token`` up to ``verb`` enters the verb."""
    while token.head.i != token.i:
        if token.head.i == verb.i:
            return token.dep_
        token = token.head
    return None


def _is_direct(ctx: _Context, quote: Quote, verb) -> bool:
    """A quote that is its sentence apart from the attribution, or that spans sentences."""
    text = ctx.article.text
    if _SENTENCE_BREAK.search(text, quote.start, quote.end):
        return True
    first, last = _token_at(ctx.doc, quote.start), _token_at(ctx.doc, quote.end - 1)
    sent_start, _ = clipped_sentence(first)
    if quote.outer_start <= sent_start:
        closing = text[quote.end:quote.outer_end + 1]
        rest = text[quote.outer_end:quote.outer_end + 3].lstrip(" ”\"")
        # “We came,” he said / “We came” Saleh said — not “Road map” talks resumed, he said
        return any(c in closing for c in ",.?!…:;") or not rest[:1].islower()
    _, sent_end = clipped_sentence(last)
    before = text[sent_start:quote.outer_start].rstrip()
    after = text[quote.outer_end:max(sent_end, quote.outer_end)]
    if not before.endswith((",", ":")):
        return False
    if any(c.isalnum() for c in after) and not _opens_sentence(ctx, quote, verb):
        return False
    return verb.idx < quote.start and not _complement_between(ctx, verb, quote.outer_start)


def _opens_sentence(ctx: _Context, quote: Quote, verb) -> bool:
    """``X said, “We’ve never seen this,” while Y ...``: a capitalised quote of several words
    right after "said," is a sentence of its own, whatever follows it."""
    text = ctx.article.text
    between = text[verb.idx + len(verb.text):quote.outer_start]
    return (text[quote.start].isupper() and _word_count(text[quote.start:quote.end])
            > _SHORT_QUOTE_WORDS and not any(c.isalnum() for c in between))


def _complement_between(ctx: _Context, verb, offset: int) -> bool:
    """Whether words between the verb and ``offset`` are what the verb says (a clause of its
    own), as in "wrote that the aim was ..., “...”" (an object may be the hearer)."""
    between = ctx.doc.char_span(verb.idx + len(verb), offset, alignment_mode="contract")
    if between is None:
        return False
    return any(_link_to(t, verb) in _CLAUSE_DEPS for t in between if t.is_alpha)


def _find_blocks(ctx: _Context, quoted: list[Statement]) -> list[tuple[object, int, int]]:
    """``(verb, start, end)`` for paragraphs introduced by a line ending in ``X said(:)``;
    a paragraph already holding an attributed quote is not a block."""
    blocks = []
    for verb in ctx.doc:
        if ctx.inside_quote(verb.idx):
            continue
        if ctx.cues.speech(verb) is None and not _issues_words(verb):
            continue
        span = _block_after(ctx.article.text, verb, colon_only=ctx.cues.speech(verb) is None)
        if span is None or any(span[0] < s.end and s.start < span[1] for s in quoted):
            continue
        if speaker_phrase(ctx.cues, verb, ctx.inside_speech)[0] is not None:
            blocks.append((verb, *span))
    return blocks


def _issues_words(verb) -> bool:
    """"released the following statement:", "posted a message:" — a verb whose object is a
    text of the subject's."""
    return is_clause_verb(verb) and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _ISSUED_TEXTS for c in verb.children)


def _block_after(text: str, verb, colon_only: bool = False) -> tuple[int, int] | None:
    """The next non-empty line, when the verb ends its line and says nothing on it."""
    line_start, line_end = paragraph_bounds(text, verb.idx)
    rest = text[verb.idx + len(verb.text):line_end].strip()
    colon_after_words = rest.endswith(":") and 0 < len(rest) <= _BLOCK_LEAD_CHARS \
        and not QUOTE_MARK.search(rest)  # "released the following statement:"
    if colon_after_words:
        return _next_paragraph(text, line_end)
    if colon_only:
        return None
    if rest not in ("", ":") or (not rest and not _introduces_block(text, verb, line_start)):
        return None
    if any(c.dep_ in _COMPLEMENT_DEPS and same_line(c, verb) for c in verb.children):
        return None  # "... is not what the minister said"
    return _next_paragraph(text, line_end)


def _next_paragraph(text: str, line_end: int) -> tuple[int, int] | None:
    match = _NEXT_LINE.search(text, line_end)
    if match is None:
        return None
    start, end = strip_bounds(text, match.start(), match.end())
    start, end = strip_bounds(text, start, end, chars=OPENING + CLOSING + " ")
    return (start, end) if start < end else None


def _introduces_block(text: str, verb, line_start: int) -> bool:
    """Without a colon, only a past-tense "X said" with its own subject, not in the title line
    (headlines such as "Protect whistleblowers, TUC says" end in a verb too)."""
    if verb.tag_ != "VBD" or not text[:line_start].strip():
        return False
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return False
    return any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children)


def _block_statement(ctx: _Context, verb, start: int, end: int) -> Statement:
    phrase, subject = speaker_phrase(ctx.cues, verb, ctx.inside_speech)
    return _record(ctx, "block", start, end, verb, phrase, subject)


def _indirect_statement(ctx: _Context, verb):
    """``X said (that) ...``, ``X accused Y of ...``: a speech verb with a subject and a
    complement (see :mod:`dragoman.statements.reported`); "mixed" when the complement
    holds a quotation. A verb the lexicon does not know counts when the learned cue detector
    (:mod:`dragoman.statements.detector`) finds it and its subject can speak."""
    if verb.i in ctx.used or ctx.inside_quote(verb.idx):
        return None
    cue, detected = ctx.cues.speech(verb), None
    if cue is None:
        cue = detected = ctx.cues.detected(verb)
    if cue is None or verb.lower_ == "according":
        return None  # "according to X": see _according_statement
    if verb.tag_ == "VB" and paragraph_bounds(ctx.article.text, verb.idx)[0] == verb.idx:
        return None  # an imperative opening a line: "See Syria Daily: ..."
    if _asked(verb):
        return None
    bounds = content_bounds(verb, is_address(ctx.cues, verb), cue.reads,
                            stop=lambda t: is_lexicon_speech(ctx.cues, t))
    if bounds is None or _overlaps(ctx.taken, *bounds) or _overlaps(ctx.spoken, *bounds):
        return None
    if cue.cue_class == "speech" and cue.reads == "clause" and _says_nothing(ctx.doc, *bounds):
        return None  # "talked about jobs" (reads "about") names its topic on purpose
    phrase, subject = speaker_phrase(ctx.cues, verb, ctx.inside_speech)
    if subject is None:
        return None
    if (detected is not None or ctx.cues.needs_agent(cue)) and \
            not can_speak(ctx.cues, verb, subject):
        return None  # "Discussions focus on ...": a learned cue needs someone to speak
    if phrase is not None and phrase.start_char < bounds[1] and bounds[0] < phrase.end_char \
            and verb.dep_ != "parataxis":
        return None  # a misparse that makes the speaker part of what is said
    kind = "mixed" if QUOTE_MARK.search(ctx.article.text, *bounds) else "indirect"
    if detected is not None:
        return _record(ctx, kind, *bounds, verb, phrase, subject, cue=detected.lemma,
                       cue_class=detected.cue_class), verb
    return _record(ctx, kind, *bounds, verb, phrase, subject), verb


def _asked(verb) -> bool:
    """"Asked about the report, she …": a participle without a subject of its own, whose
    implied subject was spoken to, not the one who spoke."""
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children)


def _says_nothing(doc, start: int, end: int) -> bool:
    """A speech verb's object that reports nothing: a bare noun phrase of up to
    :data:`_NOTHING_WORDS` words ("did not confirm the date", "spoke on Monday") — on
    PolNeAR train such statements are wrong more often than right."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    words = [t for t in span if t.is_alpha]
    return len(words) <= _NOTHING_WORDS and not any(t.pos_ in ("VERB", "AUX") for t in span)


def _according_statement(ctx: _Context, token):
    """``According to X, ...``: X is the speaker, the clause the phrase hangs on is said."""
    found = according_to(token)
    if found is None or ctx.inside_quote(token.idx):
        return None
    source, bounds = found
    if _overlaps(ctx.taken, *bounds):
        return None
    kind = "mixed" if QUOTE_MARK.search(ctx.article.text, *bounds) else "indirect"
    return _record(ctx, kind, *bounds, token, noun_phrase(source), source,
                   cue="according to"), token


def _passive_statement(ctx: _Context, verb):
    """``The plan was criticised by Russia``: the ``by`` agent speaks, the subject is what it
    said something about (and the statement's text)."""
    cue = ctx.cues.speech(verb)
    if verb.i in ctx.used or ctx.inside_quote(verb.idx) or cue is None or ctx.cues.needs_agent(cue):
        return None
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    speaker = pobj_of(agent) if agent is not None else None
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if speaker is None or subject is None or not is_agent(speaker, ctx.cues.agents):
        return None
    bounds = strip_bounds(ctx.article.text, subject.left_edge.idx,
                          subject.right_edge.idx + len(subject.right_edge))
    if subject.pos_ == "PRON" or not same_line(subject, verb) or _overlaps(ctx.taken, *bounds):
        return None
    kind = "mixed" if QUOTE_MARK.search(ctx.article.text, *bounds) else "indirect"
    return _record(ctx, kind, *bounds, verb, noun_phrase(speaker), speaker), verb


def _noun_statement(ctx: _Context, noun):
    """"Russia's call for a ceasefire", "his claim that the vote was rigged": a noun of saying
    with its owner (the speaker) and what was said."""
    found = noun_cue(noun, ctx.cues.nouns)
    if found is None or ctx.inside_quote(noun.idx):
        return None
    speaker, bounds = found
    if _overlaps(ctx.taken, *bounds) or not is_agent(speaker, ctx.cues.agents) and \
            speaker.lower_ not in _POSSESSIVE_PRONOUNS:
        return None
    kind = "mixed" if QUOTE_MARK.search(ctx.article.text, *bounds) else "indirect"
    phrase = noun_phrase(speaker) if speaker.pos_ != "PRON" else ctx.doc[speaker.i:speaker.i + 1]
    if len(phrase) > 1 and phrase[-1].dep_ == "case":
        phrase = phrase[:-1]  # "Russia's" → "Russia"
    return _record(ctx, kind, *bounds, noun, phrase, speaker,
                   cue=noun.lemma_.lower()), noun


def _adjective_statement(ctx: _Context, adj):
    """"Activists were hopeful that …", "Cruz was critical of …": an adjective of thought or
    stance after "be" (``statement_cue_classes.tsv``), with someone as the subject."""
    cue = ctx.cues.adjectives.get(adj.lemma_.lower()) if adj.dep_ == "acomp" else None
    if cue is None or adj.pos_ != "ADJ" or ctx.inside_quote(adj.idx):
        return None
    bounds = adjective_bounds(adj)
    if bounds is None or _overlaps(ctx.taken, *bounds) or _overlaps(ctx.spoken, *bounds):
        return None
    phrase, subject = speaker_phrase(ctx.cues, adj.head, ctx.inside_speech)
    if subject is None or not is_agent(subject, ctx.cues.agents):
        return None
    kind = "mixed" if QUOTE_MARK.search(ctx.article.text, *bounds) else "indirect"
    return _record(ctx, kind, *bounds, adj, phrase, subject, cue=cue.lemma,
                   cue_class=cue.cue_class), adj


def _prep_statement(ctx: _Context, prep):
    """"In the latest CNN poll, he fell to 10 percent": a poll or study named in a phrase
    opening (or closing) a clause whose verb is no cue of its own; the poll is the source."""
    if prep.dep_ != "prep" or prep.lower_ not in ("in", "from") or ctx.inside_quote(prep.idx):
        return None
    source = pobj_of(prep)
    cue = ctx.cues.preps.get(source.lemma_.lower()) if source is not None else None
    head = prep.head
    if cue is None or head.pos_ not in ("VERB", "AUX") or ctx.cues.speech(head) is not None:
        return None
    bounds = fronted_bounds(prep)
    if bounds is None or _overlaps(ctx.taken, *bounds) or _overlaps(ctx.spoken, *bounds):
        return None
    kind = "mixed" if QUOTE_MARK.search(ctx.article.text, *bounds) else "indirect"
    return _record(ctx, kind, *bounds, prep, noun_phrase(source), source,
                   cue=f"{prep.lower_} {cue.lemma}", cue_class=cue.cue_class), prep


def _colon_statement(ctx: _Context, token):
    """``Trump: ...`` at the start of a line: the name speaks, the rest of the line is said."""
    found = colon_lead(token, ctx.cues.preps) if token.text == ":" else None
    if found is None:
        return None
    lead, bounds = found
    turn = _transcript_turn(ctx.article.text, lead)
    if ctx.inside_quote(token.idx) and not turn or _overlaps(ctx.taken, *bounds):
        return None
    start, end = bounds
    kind = "indirect"
    if turn or ctx.article.text[start] in OPENING and any(q.outer_start == start
                                                          for q in ctx.quotes):
        kind = "direct"
    elif QUOTE_MARK.search(ctx.article.text, start, end):
        kind = "mixed"
    cue_class = ctx.cues.preps[lead.root.lemma_.lower()].cue_class \
        if lead.root.lemma_.lower() in ctx.cues.preps else "speech"  # "Poll: …"
    return _record(ctx, kind, start, end, token, lead, lead.root, cue=":",
                   cue_class=cue_class), token


def _transcript_turn(text: str, lead) -> bool:
    """A line that opens with a quote mark and a name in capitals ("“PENCE: Well, …"): a
    turn of a transcript quoted in full, spoken by the one named."""
    line_start = paragraph_bounds(text, lead.start_char)[0]
    before = text[line_start:lead.start_char]
    words = [t for t in lead if t.is_alpha]
    return bool(before) and all(c in OPENING for c in before) and bool(words) \
        and all(t.is_upper and len(t) > 1 for t in words)


def _overlaps(spans, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _record(ctx: _Context, kind: str, start: int, end: int, verb, phrase, subject,
            cue: str | None = None, cue_class: str | None = None) -> Statement:
    text, article_id = ctx.article.text, ctx.article.article_id
    sent_start, sent_end = clipped_sentence(verb)
    entry = ctx.cues.speech(verb) if cue is None else None
    if cue_class is None:
        cue_class = entry.cue_class if entry is not None else ctx.cues.cue_class(cue or "")
    addressee = addressee_of(verb, entry) if entry is not None else None
    about = about_of(verb, entry)
    return Statement(
        statement_id=short_hash(article_id, "stmt", str(start), str(end)),
        article_id=article_id,
        kind=kind,
        text=text[start:end],
        start=start,
        end=end,
        sentence=text[sent_start:sent_end],
        cue=cue or verb.lemma_.lower(),
        addressee=addressee.text if addressee is not None else None,
        about=about.text if about is not None else None,
        cue_class=cue_class,
        **speaker_fields(ctx.actors, phrase, subject, ctx.cues, [*ctx.quoted, (start, end)]),
    )
