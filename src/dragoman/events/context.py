"""When, where and how sure: an event verb's date, place and flags, from its parse.

- **date**: the first DATE entity that belongs to the verb's own clause (its path up the parse
  reaches the verb without crossing another verb) and that :func:`dragoman.events.dates.resolve`
  can read, resolved against the publication date; future, hypothetical and scheduled verbs
  look forward ("will meet on Tuesday"). A clause with no date takes the date of the clause it
  depends on (advcl/conj/xcomp: "left last Friday, objecting to …"). Otherwise the publication
  date, marked ``date_source="published"``.
- **place**: the first GPE/LOC/FAC entity after "in/at/near/outside/from/of" in the verb's
  clause, or in the clause it depends on ("left the talks in Geneva", "north of Aleppo",
  "gathered in Geneva to protest"), resolved to a country through the
  gazetteer (cities and regions too), never to the capital of the actor's country.
- **negated**: a ``neg`` on the verb or on an auxiliary/governing "fail to" ("did not fulfill",
  "failed to attend").
- **hypothetical**: a modal ("would", "could", "will", …) or "going to"; a condition
  ("if"/"unless"); an intention or threat governing the verb ("threatening to block", "plans
  to meet", "wants to meet") — the intended act is not (yet) a fact.
- **alleged**: the act is what someone claims ("the US claimed ISIL had attacked Iraq"): the
  claim verb above its clause (:func:`alleging_verb`); the caller codes the claim.
- **historical**: background, not news: a date from the text more than 180 days before
  publication (the 2014 resolution; "in 2011 the regime …"), or a past perfect before "since".
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dragoman.actors.mentions import Gazetteer
from dragoman.text.doctext import span_ents
from dragoman.text.parse import is_complement
from dragoman.events.dates import Resolved, resolve

MODALS = frozenset({"would", "could", "might", "may", "should", "will", "shall", "must", "can"})
CONDITIONALS = frozenset({"if", "unless"})
# verbs whose infinitive complement is only intended, threatened or wanted
INTENT = frozenset({
    "threaten", "plan", "want", "intend", "seek", "aim", "hope", "try", "vow", "promise",
    "pledge", "offer", "propose", "consider", "expect", "prepare", "wish", "ask", "urge", "call",
    "demand", "press", "need", "agree", "decide", "refuse", "decline", "tell", "encourage",
    "like", "love", "prefer",  # "would like to establish relations": wished, not done
})
NEGATING = frozenset({"fail", "refuse", "decline"})
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "from", "of", "around",
                         "across", "into", "to"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
HISTORICAL_DAYS = 180
# a clause without a date of its own takes the date of the clause it hangs on through these
# (not ccomp: "said on Tuesday that Russia attacked" does not date the attack)
INHERIT_DATE = frozenset({"advcl", "conj", "xcomp"})


@dataclass(frozen=True, slots=True)
class When:
    date: str | None
    precision: str | None
    text: str | None
    source: str | None  # text | published


@dataclass(frozen=True, slots=True)
class Where:
    text: str | None
    country: str | None


def event_date(verb, published: date | None, forward: bool) -> When:
    """The verb's own date phrase resolved, else the publication date (see module doc)."""
    if published is None:
        return When(None, None, None, None)
    clause = verb
    for _ in range(3):  # own clause first, then the clause it depends on ("…, objecting to")
        for ent in clause_entities(clause, ("DATE",)):
            if _year_in_name(ent) or _dateline(ent):
                continue
            found = resolve(ent.text, published, forward)
            if found is not None:
                return When(found.date, found.precision, ent.text, "text")
        if clause.dep_ not in INHERIT_DATE or clause.head.i == clause.i:
            break
        clause = clause.head
    return When(published.isoformat(), "day", None, "published")


# words that introduce the article's own date in a run-on header ("Date of publication 26
# November 2017 More than 19 civilians were killed …"): metadata, not when the act happened
DATELINE_WORDS = frozenset({"publication", "published", "updated", "posted", "modified"})


def _dateline(ent) -> bool:
    """A date right after "Date of publication", "Published", "Updated" …: the page's date."""
    before = ent.doc[max(ent.start - 2, 0):ent.start]
    return any(t.lower_ in DATELINE_WORDS for t in before)


def _year_in_name(ent) -> bool:
    """A bare number inside a name, not a date: "TSV 1860 Munich", "Charter 77 supporters"
    (a number that modifies a noun right after a capitalised word)."""
    root = ent.root
    if not ent.text.isdigit() or root.dep_ not in ("nummod", "compound", "nmod"):
        return False
    before = root.doc[ent.start - 1] if ent.start > 0 else None
    return before is not None and before.pos_ == "PROPN" and before.ent_type_ != "DATE"


def clause_entities(verb, labels) -> list:
    """Entities of ``labels`` in the verb's sentence whose heads hang on the verb's clause."""
    return [ent for ent in span_ents(verb.sent)
            if ent.label_ in labels and _governed(ent.root, verb)]


def _clause_chain_entities(verb, labels) -> list:
    """Entities of the verb's clause, then of the clauses it depends on through
    :data:`INHERIT_DATE` ("gathered outside the UN offices in Geneva to protest")."""
    found, clause = [], verb
    for _ in range(3):
        found += clause_entities(clause, labels)
        if clause.dep_ not in INHERIT_DATE or clause.head.i == clause.i:
            break
        clause = clause.head
    return found


def _governed(token, verb, depth: int = 8) -> bool:
    """Whether the path from ``token`` up to ``verb`` crosses no other verb (a date on another
    clause belongs to that clause)."""
    for _ in range(depth):
        if token.i == verb.i:
            return True
        head = token.head
        if head.i == token.i:
            return False
        if (head.i != verb.i and head.pos_ in ("VERB", "AUX") and head.dep_ != "aux"
                and not (head.dep_ == "acl" and head.tag_ == "VBG")):
            return False  # "ceasefires covering the territory on Tuesday" is the verb's date
        token = head
    return False


def event_place(verb, gazetteer: Gazetteer, parties: set[int] = frozenset()) -> Where:
    """The first place named in the verb's clause after a locative preposition; ``parties``
    are the token indices of the source and target heads (a party is not a place)."""
    for ent in _clause_chain_entities(verb, PLACE_LABELS):
        if ent.root.i in parties:
            continue
        prep = ent.root.head
        if ent.root.dep_ != "pobj" or prep.lower_ not in PLACE_PREPS:
            continue
        if prep.lower_ == "of" and not _direction(prep.head):
            continue
        if prep.lower_ == "to" and verb.lemma_.lower() not in ("return", "travel", "go", "come"):
            continue
        entry = gazetteer.lookup(ent.text)
        return Where(ent.text, entry.country if entry else None)
    return Where(None, None)


def _direction(token) -> bool:
    return token.lower_ in ("north", "south", "east", "west", "outskirts", "centre", "center",
                            "northeast", "northwest", "southeast", "southwest", "suburbs")


def is_negated(verb) -> bool:
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    head = verb.head
    return (verb.dep_ == "xcomp" and head.lemma_.lower() in NEGATING
            and head.i != verb.i)


def is_hypothetical(verb) -> bool:
    """Modal, condition, or an intended/threatened act (see module doc)."""
    if any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children):
        return True
    if any(c.dep_ == "aux" and c.lower_ == "going" for c in verb.children):
        return True
    if has_condition(verb):
        return True
    if _intended(verb) or _demanded(verb):
        return True
    if verb.dep_ == "pcomp" and verb.head.head.lemma_.lower() in INTENT:
        return True
    token = verb
    for _ in range(8):
        if _is_conditional(token):
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _intended(verb) -> bool:
    """An infinitive under an intention verb, also through purpose clauses ("wanted the
    supporters to use their leverage to urge the regime": the urging is wanted)."""
    token = verb
    for _ in range(3):
        if not _infinitive(token) or token.head.i == token.i:
            return False
        if token.head.lemma_.lower() in INTENT:
            return True
        token = token.head
    return False


def _demanded(verb) -> bool:
    """The subjunctive clause of a demand: "demanded that the US cancel the sale" (a bare verb
    in a clause under demand/urge/ask/insist …) is asked for, not done."""
    return (verb.dep_ == "ccomp" and verb.tag_ == "VB" and verb.head.i != verb.i
            and verb.head.lemma_.lower() in INTENT | {"insist", "recommend", "propose"})


def _infinitive(verb) -> bool:
    """An infinitive complement, also one the parser made a ``ccomp`` because it has its own
    subject ("wanted the supporters to use their leverage")."""
    return is_complement(verb) or (verb.dep_ == "ccomp" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))


def is_future(verb) -> bool:
    """A future or planned act: modal will/shall, "going to", an intention verb above it, or
    the scheduled present of news ("he meets the opposition on Monday", "before hosting …")."""
    if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll", "going") for c in verb.children):
        return True
    if verb.tag_ in ("VBZ", "VBP") and not any(c.dep_ == "aux" for c in verb.children):
        return True
    if verb.dep_ == "pcomp" and verb.head.lower_ == "before":
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in INTENT


def has_condition(verb) -> bool:
    """Whether an if/unless clause hangs on the verb ("will withdraw … unless the attacks
    stop")."""
    return any(c.dep_ == "advcl" and _is_conditional(c) for c in verb.children)


def _is_conditional(clause) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONALS for c in clause.children)


def is_historical(when: When, published: date | None, verb) -> bool:
    """Background: dated well before publication, or a past perfect ("had agreed in 2015")."""
    if published is None or when.source != "text" or when.date is None:
        return False
    return (published - date.fromisoformat(when.date)).days > HISTORICAL_DAYS \
        and not _precise_recent(when, published)


def _precise_recent(when: When, published: date) -> bool:
    """A year or month that contains the publication date is not background."""
    resolved = Resolved(when.date, when.precision or "day")
    start = date.fromisoformat(resolved.date)
    if resolved.precision == "year":
        return start.year == published.year
    if resolved.precision == "month":
        return (start.year, start.month) == (published.year, published.month)
    return False


# reporting verbs that make what they report a claim, not a fact ("said" only sources it)
ALLEGING = frozenset({"claim", "allege", "charge", "contend", "assert"})


def alleging_verb(verb):
    """The claim verb whose clause reports this act ("claimed ISIL had attacked Iraq" →
    *claimed*; also through a coordinated clause), else None."""
    token = verb
    for _ in range(3):
        if token.dep_ not in ("ccomp", "conj") or token.head.i == token.i:
            return None
        token = token.head
        if token.lemma_.lower() in ALLEGING and token.pos_ == "VERB":
            return token
    return None


# the complements through which a verbal act carries the act it is about ("threatened to
# launch", "urged X to support", "demanded that Y cancel", "said Sudan must return")
CARRYING_DEPS = frozenset({"xcomp", "ccomp", "advcl", "conj"})


# verbs whose complement is asked of someone else: the demand is the act (PLOVER REQUEST), what
# is asked for is not one, whether or not the demand itself was coded
DEMANDING = frozenset({"want", "wish", "urge", "ask", "call", "demand", "press", "request",
                       "encourage", "tell", "insist", "order", "instruct", "appeal",
                       "ultimatum"})


def demanded_content(verb) -> bool:
    """Whether an act is what someone asks another to do ("the unions want the government to
    withdraw the regulations", "urged the EC to support the PLO"): its verb is the clausal
    complement of a demand verb (:data:`DEMANDING`), one step up or through "to" + a verb
    ("called on Russia to press the regime to return"; "its demand that Israel ease …", "ordered
    the newspaper to suspend publication"), and someone else is asked — the
    complement has its own subject or the demand an object ("wants to hold talks" is the
    subject's own intent)."""
    token = verb
    while token.dep_ == "conj" and token.head.i != token.i:  # "to unite and mobilize"
        token = token.head
    for _ in range(2):
        if token.dep_ not in ("xcomp", "ccomp", "acl") or token.head.i == token.i:
            return False
        if token.head.lemma_.lower() in DEMANDING:  # also a noun: "its demand that Israel ease"
            return _unrealised(token) and _asks_another(token, token.head)
        token = token.head
    return False


def _unrealised(clause) -> bool:
    """An infinitive, a bare subjunctive or a clause with should/must: asked for, not told
    ("told reporters that the army attacked" reports an act; "told the army to attack" asks)."""
    return clause.tag_ == "VB" or any(c.dep_ == "aux" and c.lower_ in ("to", "should", "must")
                                      for c in clause.children)


def _asks_another(clause, demand) -> bool:
    return (any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
            or any(c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ == "on")
                   for c in demand.children))


def carrier_of(verb, carriers: dict):
    """The index of the verb in ``carriers`` whose complement this verb is (up to three
    steps: "threatened to deliver blows", "urged the EC to support the PLO"), else None."""
    token = verb
    for _ in range(3):
        if token.dep_ not in CARRYING_DEPS or token.head.i == token.i:
            return None
        token = token.head
        if token.i in carriers:
            return token.i
    return None

