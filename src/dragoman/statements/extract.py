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

The speaker is the cue verb's subject (``nsubj``; see ``subject_of`` for how verbs without one
inherit it), or a name right next to the verb when the parse has none ("Haddad said"); its
phrase is ``speaker_mention`` and the actor found in it (a person preferred) is ``speaker``.
"he"/"she" resolve to the last person named before them. The hearer of ``tell`` and its kin
("told Reuters") is the ``addressee``, never the speaker.

Cue verbs come from the packaged lexicon ``data/cues.tsv`` and the verbs learned from PolNeAR
train (``data/statement_cues.tsv``); ``data/statement_cue_classes.tsv`` says which cues report a
thought, a piece of evidence or a stance (each statement's ``cue_class``) and adds adjective,
noun and poll-phrase cues. ``load_cues`` reads them once and the result is passed in. The sentence-level helpers here (``clipped_sentence``, ``subject_of``,
``object_of``, ``noun_phrase``) are shared with :mod:`dragoman.events.extract`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from importlib.resources import files

from dragoman.errors import DragomanError
from dragoman.model import Actor, Article, Statement, short_hash
from dragoman.actors.mentions import DocActors
from dragoman.text.doctext import doc_text
from dragoman.actors.nominal import (
    TITLE_NOUNS,
    is_agent,
    resolve_nominal,
    resolve_pronoun,
    resolve_surname,
    speaker_kind,
)
from dragoman.statements.reported import (
    SPEECH_NOUNS,
    according_to,
    adjective_bounds,
    colon_lead,
    content_bounds,
    fronted_bounds,
    noun_cue,
)

PLOVER_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
})
CUE_ROLES = ("speech", "address", "act")
CUE_CLASSES = ("speech", "thought", "evidence", "stance")
CUE_POS = ("verb", "adj", "noun", "prep")
CUE_READS = ("clause", "object", "about")
_CAMEO_ROOT = re.compile(r"^(0[1-9]|1[0-9]|20)$")
_LEXICON_HINT = "fix the line in src/dragoman/data/cues.tsv (columns: lemma, plover, cameo, note)"

_OPENING = '"“'
_CLOSING = '"”'
_QUOTE_MARK = re.compile(r'["“”]')
_DOUBLED_APOSTROPHE = '"\x00'  # what find_quotes reads '' as
_SENTENCE_BREAK = re.compile(r"[.?!…]['’\"”]?\s+\S")
_NEXT_LINE = re.compile(r"[^\n]*\S[^\n]*")
_SHORT_QUOTE_WORDS = 3
_ISSUED_TEXTS = SPEECH_NOUNS | {"message", "tweet", "post", "letter", "note", "text"}
_BLOCK_LEAD_CHARS = 60  # "X released the following statement:" — words between cue and colon
_COMPLEMENT_DEPS = frozenset({"ccomp", "dobj", "xcomp", "oprd", "attr"})
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "oprd", "attr"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_PHRASE_RIGHT_DEPS = frozenset({
    "compound", "flat", "nummod", "amod", "poss", "prep", "appos", "cc", "conj", "nmod", "case",
})
_MAX_PHRASE_TOKENS = 12
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PERSON_PRONOUNS = frozenset({"he", "she"})
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
# learned cue verbs (statement_cues.tsv) used: share of uses that cue an attribution in
# PolNeAR train, and how many times; chosen on train (see docs/statements.md)
LEARNED_MIN_RATIO = 0.3
# subjects that stand for their owner's words ("the ministry's statement said")
_DOCUMENT_NOUNS = frozenset({"statement", "letter", "tweet", "report", "post", "communique",
                             "communiqué", "message", "release", "spokesman", "spokeswoman",
                             "spokesperson", "office", "website", "account"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its", "our", "my"})
# heads of phrases that an organisation's name inside stands for
_ORG_NOUNS = frozenset({"newspaper", "paper", "agency", "ministry", "channel", "network",
                        "station", "broadcaster", "daily", "magazine", "outlet", "committee",
                        "council", "group", "party", "office", "department", "organisation",
                        "organization", "company", "firm", "campaign", "website", "service"})
# who a statement is made "to" when no name says so ("said to reporters")
_HEARER_NOUNS = frozenset({"reporter", "journalist", "press", "supporter", "crowd", "audience",
                           "delegate", "lawmaker", "member", "voter", "student", "leader",
                           "official", "diplomat", "viewer", "reader", "television", "radio"})
# cues without a PLOVER type whose object is still what the statement is about
_ABOUT_CUES = frozenset({"criticize", "criticise", "praise", "warn", "urge", "blame"})
LEARNED_MIN_COUNT = 3
LEARNED_SURE_RATIO = 0.6  # below it, a learned cue needs an agent as its subject
# learned lemmas that are actions, feelings or naming, not speech: PolNeAR annotates "fired
# the manager" or "quoting a source" in places, a statement record should not
LEARNED_EXCLUDED = frozenset("""
renew push
quote cite order title label bill pump zero single side peg anger alarm startle thrill
infuriate horrify scar tick spar forward strive heap savage fire launch sue sentence appoint
nominate cast enjoy line double mount lay aim rattle experience display restrict prohibit
withhold authorize dedicate devote pivot distance paint rip hammer unleash opt position spot
float pitch mandate project present introduce publish share name post coin dub relish shrug
pass deliver approve attempt adopt react unveil
""".split())


# --- the cue lexicon --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon row: a verb (or "verb word") with its role and optional event coding."""

    lemma: str
    role: str  # speech | address | act
    plover: str | None = None
    cameo: str | None = None
    note: str = ""
    cue_class: str = "speech"  # speech | thought | evidence | stance (statement_cue_classes.tsv)
    reads: str = "clause"  # clause | object | about: what of the parse is the content
    ratio: float | None = None  # learned cues: share of their uses that cue in PolNeAR train

    @property
    def is_speech(self) -> bool:
        """Whether the verb can introduce what someone said."""
        return self.role != "act"


@dataclass(frozen=True)
class Cues:
    """The cue-verb lexicon, keyed by lemma ("say") or lemma plus a word ("call on").

    ``learned`` holds speech cues learned from PolNeAR train (``data/statement_cues.tsv``,
    lemma → share of its verb uses that cue an attribution); they count as speech cues for
    statements only, never as event triggers.
    """

    entries: dict[str, Cue]
    learned: dict[str, Cue] = field(default_factory=dict)
    agents: frozenset = frozenset()  # nouns that name people or bodies ("official", "army")
    # statement_cue_classes.tsv: verbs (cues even where cues.tsv says "act"), adjectives,
    # nouns and prepositional heads, each with its class
    classes: dict[str, Cue] = field(default_factory=dict)
    adjectives: dict[str, Cue] = field(default_factory=dict)
    nouns: dict[str, Cue] = field(default_factory=dict)
    preps: dict[str, Cue] = field(default_factory=dict)

    def needs_agent(self, cue: Cue | None) -> bool:
        """A learned or listed cue that is often not speech ("focus", "see", "back") counts
        only with someone speaking: a name, a personal pronoun, or a noun for people or
        bodies. A stance verb always does: "warplanes supporting an offensive" is an act."""
        if cue is not None and cue.cue_class == "stance" and cue.reads == "object":
            return True
        return cue is not None and cue.ratio is not None and cue.ratio < LEARNED_SURE_RATIO

    def cue_class(self, lemma: str) -> str:
        """speech, thought, evidence or stance (speech unless the class table says else)."""
        listed = self.classes.get(lemma) or self.nouns.get(lemma) or self.adjectives.get(lemma)
        return listed.cue_class if listed is not None else "speech"

    def lookup(self, token) -> Cue | None:
        """The cue for a verb token: a two-word entry with a child word first, then the lemma."""
        lemma = token.lemma_.lower()
        for child in token.children:
            if child.dep_ in ("prt", "prep", "dobj", "dative"):
                cue = self.entries.get(f"{lemma} {child.lemma_.lower()}")
                if cue is not None:
                    return cue
        return self.entries.get(lemma)

    def speech(self, token) -> Cue | None:
        """The cue for a verb token that introduces speech, else None."""
        if not is_clause_verb(token):
            return None
        lemma = token.lemma_.lower()
        cue = self.lookup(token)
        if cue is None or not cue.is_speech:
            cue = self.entries.get(lemma)  # "called on X ..." still speaks
        if cue is None:
            cue = self.learned.get(lemma)
        if (cue is None or not cue.is_speech) and lemma in self.classes:
            cue = self.classes[lemma]  # "backed Trump": a stance, though an act for events
        return cue if cue is not None and cue.is_speech else None


def is_clause_verb(token) -> bool:
    """A verb heading a clause, not one used as a modifier ("UN-led", "peace talks")."""
    return token.pos_ == "VERB" and token.dep_ not in _MODIFIER_DEPS


def load_cues(learned: bool = True) -> Cues:
    """Read the packaged cue lexicon (``dragoman/data/cues.tsv``, plus the speech cues learned
    from PolNeAR train in ``statement_cues.tsv`` unless ``learned=False``); call once and pass
    it in."""
    resource = files("dragoman.data") / "cues.tsv"
    cues = parse_cues(resource.read_text(encoding="utf-8"))
    if not learned:
        return cues
    table = files("dragoman.data") / "statement_cues.tsv"
    learned = parse_learned_cues(table.read_text(encoding="utf-8"))
    classes = parse_cue_classes((files("dragoman.data") / "statement_cue_classes.tsv")
                                .read_text(encoding="utf-8"))
    return with_classes(Cues(cues.entries, learned, _agent_nouns()), classes)


def parse_cue_classes(text: str) -> list[tuple[str, str, str, str]]:
    """Rows ``lemma pos class reads`` of ``statement_cue_classes.tsv``."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("lemma\t"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != 4 or fields[1] not in CUE_POS or fields[2] not in CUE_CLASSES \
                or fields[3] not in CUE_READS:
            raise DragomanError(
                f"statement_cue_classes.tsv line {number}: expected lemma, pos "
                f"({'|'.join(CUE_POS)}), class ({'|'.join(CUE_CLASSES)}), reads "
                f"({'|'.join(CUE_READS)})", hint="fix the line in src/dragoman/data/"
                "statement_cue_classes.tsv")
        rows.append(tuple(fields))
    return rows


def with_classes(cues: Cues, rows) -> Cues:
    """The lexicon with each listed cue given its class; listed verbs become cues (learned
    ones keep their ratio, others need an agent subject), listed adjectives, nouns and
    prepositional heads are cues of their own kind."""
    def classed(cue: Cue | None, lemma: str, cls: str, reads: str) -> Cue:
        if cue is None:
            return Cue(lemma, "speech", note=f"speech: {cls} cue listed in "
                       "statement_cue_classes.tsv", cue_class=cls, reads=reads, ratio=0.0)
        return replace(cue, cue_class=cls, reads=reads)

    entries, learned = dict(cues.entries), dict(cues.learned)
    kinds: dict[str, dict] = {"verb": {}, "adj": {}, "noun": {}, "prep": {}}
    for lemma, pos, cls, reads in rows:
        if pos == "verb":
            if lemma in entries and entries[lemma].is_speech:
                entries[lemma] = replace(entries[lemma], cue_class=cls, reads=reads)
            if lemma in learned:
                learned[lemma] = classed(learned[lemma], lemma, cls, reads)
            kinds["verb"][lemma] = classed(learned.get(lemma), lemma, cls, reads)
        else:
            kinds[pos][lemma] = Cue(lemma, "speech", note=f"speech: {cls} {pos} cue",
                                    cue_class=cls, reads=reads)
    return Cues(entries, learned, cues.agents, kinds["verb"], kinds["adj"], kinds["noun"],
                kinds["prep"])


def _agent_nouns() -> frozenset:
    """Single-word agent nouns of the actor gazetteer (``actors_agents.tsv``) and titles."""
    text = (files("dragoman.data") / "actors_agents.tsv").read_text(encoding="utf-8")
    nouns = {line.split("\t")[0] for line in text.splitlines()[2:] if "\t" in line}
    return frozenset(n for n in nouns if " " not in n) | TITLE_NOUNS


def parse_learned_cues(text: str, min_ratio: float | None = None,
                       min_count: int | None = None) -> dict[str, Cue]:
    """Rows ``lemma cue_count verb_count ratio`` whose ratio and count pass the thresholds."""
    min_ratio = LEARNED_MIN_RATIO if min_ratio is None else min_ratio
    min_count = LEARNED_MIN_COUNT if min_count is None else min_count
    learned = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("lemma\t"):
            continue
        fields = line.split("\t")
        try:
            lemma, count, ratio = fields[0], int(fields[1]), float(fields[3])
        except (IndexError, ValueError) as err:
            raise DragomanError(f"statement_cues.tsv line {number}: expected lemma, cue_count, "
                                f"verb_count, ratio", hint="rebuild it with "
                                "scripts/build_cues.py") from err
        if count >= min_count and ratio >= min_ratio and lemma not in LEARNED_EXCLUDED:
            learned[lemma] = Cue(lemma, "speech", note=f"speech: learned from PolNeAR train, "
                                                       f"ratio {ratio:.3f}", ratio=ratio)
    return learned


def parse_cues(text: str) -> Cues:
    """Parse lexicon text: tab-separated ``lemma plover cameo note``, ``#`` comments, a header."""
    entries: dict[str, Cue] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("lemma\t"):
            continue
        cue = _parse_cue_row(line, number)
        entries[cue.lemma] = cue
    return Cues(entries)


def _parse_cue_row(line: str, number: int) -> Cue:
    fields = line.split("\t")
    if len(fields) != 4:
        raise DragomanError(f"cues.tsv line {number}: expected 4 tab-separated columns, "
                            f"found {len(fields)}", hint=_LEXICON_HINT)
    lemma, plover, cameo, note = (f.strip() for f in fields)
    role = note.split(":")[0].split()[0] if note else ""
    problem = _cue_row_problem(lemma, plover, cameo, role)
    if problem:
        raise DragomanError(f"cues.tsv line {number}: {problem}", hint=_LEXICON_HINT)
    return Cue(lemma.lower(), role, plover or None, cameo or None, note)


def _cue_row_problem(lemma: str, plover: str, cameo: str, role: str) -> str:
    if not lemma:
        return "empty lemma"
    if plover and plover not in PLOVER_TYPES:
        return f"unknown PLOVER type {plover!r}"
    if cameo and not _CAMEO_ROOT.match(cameo):
        return f"CAMEO root code must be two digits 01..20, got {cameo!r}"
    if role not in CUE_ROLES:
        return f"the note must start with a role ({', '.join(CUE_ROLES)}), got {role!r}"
    return ""


# --- sentence helpers shared with events -------------------------------------------------------


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


def _same_line(a, b) -> bool:
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
        if child.dep_ == "nsubj" and _same_line(child, verb):
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
            if child.dep_ in deps and _same_line(child, verb):
                return _pobj(child) if child.pos_ == "ADP" else child
    for child in verb.children:
        if child.dep_ in ("prep", "prt") and child.lower_ in _TARGET_PREPS:
            pobj = _pobj(child)
            if pobj is not None and pobj.ent_type_ not in _TIME_ENTS and _same_line(pobj, verb):
                return pobj
    return None


def _pobj(prep):
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
    while first < last - 1 and span.doc[first].is_punct and span.doc[first].text not in _OPENING:
        first += 1
    while last - 1 > first and span.doc[last - 1].is_punct:
        last -= 1
    return span.doc[first:last]


def _whole_names(span):
    """Widen a span that cuts a named entity so the whole name is in it."""
    doc, first, last = span.doc, span.start, span.end
    while first > 0 and doc[first].ent_iob_ == "I" and _same_line(doc[first - 1], doc[first]):
        first -= 1
    while last < len(doc) and doc[last].ent_iob_ == "I" and _same_line(doc[last], doc[first]):
        last += 1
    return doc[first:last]


def _balance_quotes(span):
    marks = sum(1 for t in span if _QUOTE_MARK.fullmatch(t.text))
    doc = span.doc
    if marks % 2 and span.end < len(doc) and _QUOTE_MARK.fullmatch(doc[span.end].text):
        return doc[span.start:span.end + 1]
    return span


def actor_in(actors: DocActors, phrase, head) -> Actor | None:
    """The actor named in a phrase: a person if one is there, else an actor whose mention is
    the phrase's head ("Moscow said", "the State Department said"). A name that only modifies
    the head is not the actor: "the Russian diplomat" and "a diplomat in Geneva" stay unnamed
    rather than becoming "Russian" or "Geneva"."""
    named = [
        (m, actors.actors[m.actor_id]) for m in actors.mentions
        if m.start < phrase.end_char and m.end > phrase.start_char and m.actor_id in actors.actors
    ]
    for mention, actor in named:
        if actor.type == "person":
            return actor
    for mention, actor in named:
        if mention.start <= head.idx < mention.end:
            return actor
    return None


def adjacent_name(verb):
    """A named entity right before or right after the verb ("Haddad said"), when no subject."""
    for ent in verb.doc.ents:
        if ent.label_ in _NAME_LABELS and (ent.end == verb.i or ent.start == verb.i + 1):
            if _same_line(ent[0], verb):
                return ent
    return None


# --- quotes ------------------------------------------------------------------------------------


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
    return not text[line_start:quote.outer_start].strip() and text[quote.outer_start] in _OPENING


def _line_quotes(text: str, line_start: int, line_end: int) -> list[Quote]:
    """Pair the marks of one line: an opening mark while a quote is open ends that quote
    unclosed ("...lifted... \"It gives..."), a closing mark with nothing open is ignored."""
    quotes, opened = [], None
    for mark in _QUOTE_MARK.finditer(text, line_start, line_end):
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
        return char in _OPENING
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

    def inside_quote(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.quoted)

    def inside_speech(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.spoken)

    def overlaps_quote(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.quoted)


def extract_statements(doc, article: Article, actors: DocActors, cues: Cues) -> list[Statement]:
    """Direct, mixed, block and indirect statements of one article, in text order.

    ``doc`` is the spaCy ``Doc`` of exactly ``article.text``; every statement's ``text`` is
    ``article.text[start:end]``.
    """
    if not article.text.strip() or len(doc) == 0:
        return []
    quotes = find_quotes(article.text)
    ctx = _context(doc, article, actors, cues, quotes)
    found = [s for s in (_quote_statement(ctx, q) for q in quotes) if s is not None]
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
    return _outermost([f for f in found if f is not None])


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


def _quote_statement(ctx: _Context, quote: Quote):
    """``(statement, cue verb)`` for an attributed quote, else None. A quote inside reported
    speech ("called the plan a “historic mistake”") gives a *mixed* statement whose text is
    the whole reported part, quote included."""
    verb = _quote_cue(ctx, quote)
    if verb is None:
        return None
    phrase, subject = _speaker_phrase(ctx, verb)
    if phrase is not None and _overlap(phrase, quote):
        return None  # the quote is part of the speaker's name: a “senior aide” said
    if not _attached_to_cue(ctx, quote, verb):
        return None
    if ctx.cues.needs_agent(ctx.cues.speech(verb)) and not _can_speak(ctx, verb, subject):
        return None
    if _is_direct(ctx, quote, verb):
        return _record(ctx, "direct", quote.start, quote.end, verb, phrase, subject), verb
    start, end = quote.start, quote.end
    bounds = content_bounds(verb, _is_address(ctx, verb), stop=lambda t: _lexicon_speech(ctx, t))
    if bounds is not None and bounds[0] < quote.end and quote.start < bounds[1]:
        start, end = min(bounds[0], quote.start), max(bounds[1], quote.end)
        start = quote.outer_start if start == quote.start else start
        end = quote.outer_end if end == quote.end and quote.closed else end
    return _record(ctx, "mixed", start, end, verb, phrase, subject), verb


def _can_speak(ctx: _Context, verb, subject) -> bool:
    """Whether the subject can be the one who speaks, thinks or takes the stance the verb
    reports; a stance needs a name, a person or a body ("warplanes supporting an offensive"
    take none, though the gazetteer counts them as actors)."""
    cue = ctx.cues.speech(verb)
    agents = TITLE_NOUNS if cue is not None and cue.cue_class == "stance" else ctx.cues.agents
    return subject is not None and is_agent(subject, agents)


def _lexicon_speech(ctx: _Context, token) -> bool:
    """A verb of saying from the hand-written lexicon ("noted", "added", "calling")."""
    cue = ctx.cues.speech(token)
    return cue is not None and cue.cue_class == "speech" and token.lemma_.lower() in \
        ctx.cues.entries


def _is_address(ctx: _Context, verb) -> bool:
    cue = ctx.cues.speech(verb)
    return cue is not None and cue.role == "address"


def _overlap(phrase, quote: Quote) -> bool:
    return phrase.start_char < quote.outer_end and quote.outer_start < phrase.end_char


def _quote_cue(ctx: _Context, quote: Quote):
    """The speech verb outside quotes nearest to the quote, in its or an adjacent sentence."""
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
        if _speaker_phrase(ctx, verb)[0] is not None:
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
        and not _QUOTE_MARK.search(rest)  # "released the following statement:"
    if colon_after_words:
        return _next_paragraph(text, line_end)
    if colon_only:
        return None
    if rest not in ("", ":") or (not rest and not _introduces_block(text, verb, line_start)):
        return None
    if any(c.dep_ in _COMPLEMENT_DEPS and _same_line(c, verb) for c in verb.children):
        return None  # "... is not what the minister said"
    return _next_paragraph(text, line_end)


def _next_paragraph(text: str, line_end: int) -> tuple[int, int] | None:
    match = _NEXT_LINE.search(text, line_end)
    if match is None:
        return None
    start, end = strip_bounds(text, match.start(), match.end())
    start, end = strip_bounds(text, start, end, chars=_OPENING + _CLOSING + " ")
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
    phrase, subject = _speaker_phrase(ctx, verb)
    return _record(ctx, "block", start, end, verb, phrase, subject)


def _indirect_statement(ctx: _Context, verb):
    """``X said (that) ...``, ``X accused Y of ...``: a speech verb with a subject and a
    complement (see :mod:`dragoman.statements.reported`); "mixed" when the complement
    holds a quotation."""
    if verb.i in ctx.used or ctx.inside_quote(verb.idx) or ctx.cues.speech(verb) is None:
        return None
    if verb.lower_ == "according":
        return None  # "according to X": see _according_statement
    if verb.tag_ == "VB" and paragraph_bounds(ctx.article.text, verb.idx)[0] == verb.idx:
        return None  # an imperative opening a line: "See Syria Daily: ..."
    bounds = content_bounds(verb, _is_address(ctx, verb), ctx.cues.speech(verb).reads,
                            stop=lambda t: _lexicon_speech(ctx, t))
    if bounds is None or _overlaps(ctx.taken, *bounds) or _overlaps(ctx.spoken, *bounds):
        return None
    phrase, subject = _speaker_phrase(ctx, verb)
    if subject is None:
        return None
    if ctx.cues.needs_agent(ctx.cues.speech(verb)) and not _can_speak(ctx, verb, subject):
        return None  # "Discussions focus on ...": a learned cue needs someone to speak
    if phrase is not None and phrase.start_char < bounds[1] and bounds[0] < phrase.end_char \
            and verb.dep_ != "parataxis":
        return None  # a misparse that makes the speaker part of what is said
    kind = "mixed" if _QUOTE_MARK.search(ctx.article.text, *bounds) else "indirect"
    return _record(ctx, kind, *bounds, verb, phrase, subject), verb


def _according_statement(ctx: _Context, token):
    """``According to X, ...``: X is the speaker, the clause the phrase hangs on is said."""
    found = according_to(token)
    if found is None or ctx.inside_quote(token.idx):
        return None
    source, bounds = found
    if _overlaps(ctx.taken, *bounds):
        return None
    kind = "mixed" if _QUOTE_MARK.search(ctx.article.text, *bounds) else "indirect"
    return _record(ctx, kind, *bounds, token, noun_phrase(source), source,
                   cue="according to"), token


def _passive_statement(ctx: _Context, verb):
    """``The plan was criticised by Russia``: the ``by`` agent speaks, the subject is what it
    said something about (and the statement's text)."""
    cue = ctx.cues.speech(verb)
    if verb.i in ctx.used or ctx.inside_quote(verb.idx) or cue is None or ctx.cues.needs_agent(cue):
        return None
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    speaker = _pobj(agent) if agent is not None else None
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if speaker is None or subject is None or not is_agent(speaker, ctx.cues.agents):
        return None
    bounds = strip_bounds(ctx.article.text, subject.left_edge.idx,
                          subject.right_edge.idx + len(subject.right_edge))
    if subject.pos_ == "PRON" or not _same_line(subject, verb) or _overlaps(ctx.taken, *bounds):
        return None
    kind = "mixed" if _QUOTE_MARK.search(ctx.article.text, *bounds) else "indirect"
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
    kind = "mixed" if _QUOTE_MARK.search(ctx.article.text, *bounds) else "indirect"
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
    phrase, subject = _speaker_phrase(ctx, adj.head)
    if subject is None or not is_agent(subject, ctx.cues.agents):
        return None
    kind = "mixed" if _QUOTE_MARK.search(ctx.article.text, *bounds) else "indirect"
    return _record(ctx, kind, *bounds, adj, phrase, subject, cue=cue.lemma,
                   cue_class=cue.cue_class), adj


def _prep_statement(ctx: _Context, prep):
    """"In the latest CNN poll, he fell to 10 percent": a poll or study named in a phrase
    opening (or closing) a clause whose verb is no cue of its own; the poll is the source."""
    if prep.dep_ != "prep" or prep.lower_ not in ("in", "from") or ctx.inside_quote(prep.idx):
        return None
    source = _pobj(prep)
    cue = ctx.cues.preps.get(source.lemma_.lower()) if source is not None else None
    head = prep.head
    if cue is None or head.pos_ not in ("VERB", "AUX") or ctx.cues.speech(head) is not None:
        return None
    bounds = fronted_bounds(prep)
    if bounds is None or _overlaps(ctx.taken, *bounds) or _overlaps(ctx.spoken, *bounds):
        return None
    kind = "mixed" if _QUOTE_MARK.search(ctx.article.text, *bounds) else "indirect"
    return _record(ctx, kind, *bounds, prep, noun_phrase(source), source,
                   cue=f"{prep.lower_} {cue.lemma}", cue_class=cue.cue_class), prep


def _colon_statement(ctx: _Context, token):
    """``Trump: ...`` at the start of a line: the name speaks, the rest of the line is said."""
    found = colon_lead(token, ctx.cues.preps) if token.text == ":" else None
    if found is None or ctx.inside_quote(token.idx):
        return None
    lead, bounds = found
    if _overlaps(ctx.taken, *bounds):
        return None
    start, end = bounds
    kind = "indirect"
    if ctx.article.text[start] in _OPENING and any(q.outer_start == start for q in ctx.quotes):
        kind = "direct"
    elif _QUOTE_MARK.search(ctx.article.text, start, end):
        kind = "mixed"
    cue_class = ctx.cues.preps[lead.root.lemma_.lower()].cue_class \
        if lead.root.lemma_.lower() in ctx.cues.preps else "speech"  # "Poll: …"
    return _record(ctx, kind, start, end, token, lead, lead.root, cue=":",
                   cue_class=cue_class), token


def _overlaps(spans, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _speaker_phrase(ctx: _Context, verb):
    """``(phrase span, subject token)`` of the verb's speaker, either may be None."""
    subject = subject_of(verb)
    if subject is not None and ctx.inside_speech(subject.idx):
        subject = None
    if subject is not None and subject.i not in _own_children(verb) \
            and not is_agent(subject, ctx.cues.agents):
        # "X argued that a database would keep …, saying …": the inherited "database" cannot
        # speak; the speaker of the reporting verb above does, if there is one
        subject = _reporting_subject(ctx, verb)
        if subject is None:
            return _UNKNOWN
    if subject is None and verb.dep_ == "conj" and _lexicon_speech(ctx, verb):
        # "He said that the party was focused … and noted that …": the parser hangs "noted"
        # on the reported clause; the one who said it notes it too
        subject = _reporting_subject(ctx, verb)
    if subject is not None:
        return noun_phrase(subject), subject
    if verb.lemma_.lower() not in ctx.cues.entries:
        return None, None  # a learned cue needs a real subject
    name = adjacent_name(verb)
    return (name, name.root) if name is not None else (None, None)


_UNKNOWN = (None, None)


def _reporting_subject(ctx: _Context, verb):
    """The agent subject of the nearest speech verb above ``verb``, else None."""
    for ancestor in verb.ancestors:
        if ctx.cues.speech(ancestor) is None:
            continue
        subject = next((c for c in ancestor.children if c.dep_ == "nsubj"), None)
        if subject is not None and is_agent(subject, ctx.cues.agents):
            return subject
    return None


def _own_children(verb) -> set[int]:
    return {c.i for c in verb.children}


def addressee_of(verb, cue: Cue):
    """Who was spoken to: a dative, the object of tell-like verbs, or "to X"; else None."""
    for child in verb.children:
        if child.dep_ == "dative":
            target = _pobj(child) if child.pos_ == "ADP" else child
            return noun_phrase(target) if target is not None else None
    if cue.role == "address":
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None:
            return noun_phrase(obj)
    for child in verb.children:
        hearer = _pobj(child) if child.dep_ == "prep" and child.lower_ == "to" else None
        if hearer is not None and (hearer.ent_type_ in _NAME_LABELS or hearer.pos_ == "PRON"
                                   or hearer.lemma_.lower() in _HEARER_NOUNS):
            return noun_phrase(hearer)
    return None


def speaker_actor(actors: DocActors, phrase, subject) -> Actor | None:
    """The actor who speaks (see :mod:`dragoman.actors.nominal`): the last person before a
    he/she subject; else a person or the head's actor in the phrase; the owner of a
    "statement"-like subject ("the ministry's statement said"); a nominal whose title an
    earlier name carries ("the HNC spokesman"); else None."""
    if subject is None or phrase is None:
        return None
    if subject.pos_ == "PRON":
        return resolve_pronoun(actors, subject)
    actor = actor_in(actors, phrase, subject)
    if actor is None and subject.lemma_.lower() in _DOCUMENT_NOUNS:
        owner = next((c for c in subject.children if c.dep_ == "poss"), None)
        if owner is not None and owner.pos_ != "PRON":
            actor = actor_in(actors, noun_phrase(owner), owner)
    if actor is None and subject.lemma_.lower() in _ORG_NOUNS:
        actor = _named_organisation(actors, phrase)
    if actor is None:
        actor = resolve_nominal(actors, phrase, subject) or resolve_surname(actors, phrase,
                                                                            subject)
    return actor


def _named_organisation(actors: DocActors, phrase) -> Actor | None:
    """"the pro-regime Al-Watan newspaper", "Russia's RIA news agency": the organisation
    named inside a phrase headed by "newspaper", "agency", "ministry", ... (a country or
    nationality there is not the speaker)."""
    for mention in actors.mentions:
        if mention.start >= phrase.start_char and mention.end <= phrase.end_char:
            actor = actors.actors.get(mention.actor_id or "")
            if mention.label == "ORG" and actor is not None and actor.type != "person":
                return actor
    return None


def about_of(verb, cue: Cue | None):
    """Who or what an accusation, appeal, rejection or threat is about: the verb's object."""
    if cue is None or cue.plover is None and cue.lemma not in _ABOUT_CUES:
        return None
    target = object_of(verb)
    return noun_phrase(target) if target is not None and target.pos_ != "PRON" else None


def _record(ctx: _Context, kind: str, start: int, end: int, verb, phrase, subject,
            cue: str | None = None, cue_class: str | None = None) -> Statement:
    text, article_id = ctx.article.text, ctx.article.article_id
    sent_start, sent_end = clipped_sentence(verb)
    actor = speaker_actor(ctx.actors, phrase, subject)
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
        speaker_mention=phrase.text if phrase is not None else None,
        speaker=actor.name if actor else None,
        speaker_actor_id=actor.actor_id if actor else None,
        addressee=addressee.text if addressee is not None else None,
        speaker_kind=speaker_kind(phrase, subject, actor),
        speaker_start=phrase.start_char if phrase is not None else None,
        speaker_end=phrase.end_char if phrase is not None else None,
        about=about.text if about is not None else None,
        cue_class=cue_class,
    )
