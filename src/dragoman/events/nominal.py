"""Noun triggers: events reported by an event noun ("the withdrawal of Turkish troops", "an
attack on the convoy", "talks between Iran and Iraq") rather than by an event verb.

The nouns, with their PLOVER type, mode, CAMEO root and what an "of" phrase names, are
``data/event_nouns.tsv`` (:class:`~dragoman.events.lexicon.EventNoun`), grounded in the
PLOVER manual and the CAMEO crosswalk. A noun gives an event only where the sentence reports
the act, and only with a party:

- **where**: the object of a support verb that does the act ("launched an attack",
  "carried out the bombing", "imposed a curfew", :data:`SUPPORT_VERBS`; "gave … aid" only for
  aid, "held" only meetings, protests and exercises, relations only when established or
  expanded, agreements when concluded), a verbal act voiced ("expressed support for",
  "reiterated its demand that Chile …": Chile is the target), "placed under arrest" (the one
  placed is the target), the subject of a verb that says it took place ("the withdrawal
  began", "talks were held", "fighting broke out", :data:`HAPPEN_VERBS`), or a sentence that
  is the noun phrase alone with both sides named. An amount counts as its noun ("two million
  dollars of aid"), a container as its modifier ("a mediation effort"). A noun under a
  lexicon verb is that verb's event, not a second one ("held talks", "condemned the bombing",
  "threatened an attack"); a noun under any other verb gives nothing ("survived an attack",
  "prevented the withdrawal": not a report that the act happened), nor does one with "no", a
  hedge ("a possible attack"; a support verb that does the act overrides it: "mounted its
  long-threatened invasion") or a prevention ("a foiled attack"): its flags could not be
  set. An act inside a refusal or an accusation ("accused X of carrying out the attack") is
  not one either, as for verbs.
- **source**: a possessive ("Russia's withdrawal"; not "Friday's fighting"), a "by" agent
  ("the bombing by Russian warplanes"), an "of" phrase for nouns whose "of" is the doer ("the
  withdrawal of Turkish troops"), a nationality adjective or organisation modifying the noun
  ("Russian air strikes", "NATO air strikes"; not a place: "the Hama battle"), else the
  support verb's subject ("Israel launched an attack") or a passive support verb's agent
  ("the attack was carried out by …").
- **target**: the ``pobj`` of on/upon/against/with/into/between/to (for aid also "for"), or of
  "of" for nouns whose "of" is the one acted on ("the bombing of Aleppo"), or one level down
  ("a suspension of air links with Serbia"). "Talks between Iran and Iraq" with no other doer
  is reciprocal: the first side is the source, the second the target; "clashes between
  opposition groups" (no second side) gives nothing.
- **a party**: at least one side must be a name, a personal pronoun or an agent noun ("the
  talks" alone, "their military campaigns" give nothing).

The event is anchored on the governing verb where there is one, as two-word verb entries are
("impose sanction"): its trigger is that verb, and date, place and the negated / hypothetical
/ historical flags come from it, as for verbs ("did not launch an attack", "will hold a
summit" → AGREE, "threatened to launch an attack" → hypothetical); "announced a ceasefire" or
"announced the withdrawal" is the promise (CONCEDE, AGREE). The type goes through the same
classifier as verbs, with the noun's type as the lexicon type. An open verb (outside the
lexicon, typed by the classifier alone) that governs an event noun gives way to the noun's
event, whose type and mode the lexicon knows.
"""
from __future__ import annotations

from dragoman.events.found import Found, refused
from dragoman.events.lexicon import EventNoun, EventVerb
from dragoman.text.parse import clipped_sentence, subject_of

# verbs whose object noun is the act their subject does (PLOVER: "holding talks"; CAMEO:
# "conduct hunger strike", "carry out suicide bombing", "impose curfew", "grant asylum")
SUPPORT_VERBS = frozenset({
    "launch", "carry", "conduct", "mount", "stage", "stag", "hold", "make", "begin", "start",
    "resume", "undertake", "perform", "initiate", "open", "complete", "wage", "unleash",
    "commit", "perpetrate", "pay", "impose", "issue", "lodge", "file", "deliver", "order",
    "announce", "declare", "step", "intensify", "escalate", "renew", "repeat", "organize",
    "organise", "lead", "join",
})
# relational nouns are events only when the relation is initiated, resumed, improved or
# expanded (PLOVER SUPPORT, COOPERATE): "expanded cooperation with", not "their ties"
RELATIONAL = frozenset({"cooperation", "relation", "tie"})
EXPANDING = frozenset({"establish", "expand", "boost", "strengthen", "deepen", "enhance",
                       "improve", "increase", "resume", "restore", "upgrade", "normalize",
                       "normalise", "intensify", "step", "begin", "start", "launch", "open"})
# agreements are concluded ("concluded a deal with"); signing and reaching are lexicon verbs
CONCLUDING = frozenset({"conclude", "finalize", "finalise", "ink", "make", "seal", "clinch"})
AGREEMENTS = frozenset({"agreement", "deal", "accord", "pact", "treaty"})
# verbs that voice a verbal act: only for the verbal types ("expressed support for",
# "reiterated its demand"; not "voiced an attack")
EXPRESSING = frozenset({"express", "voice", "reiterate", "reaffirm", "convey"})
VERBAL = frozenset({"SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
# nouns that are events only when voiced ("his support for the plan" is not an act)
VOICED = frozenset({"support", "solidarity", "gratitude", "criticism"})
# verbs of giving support only aid ("gave Tanzania a grant"; not "gave them a veto")
GIVING = frozenset({"give", "provide", "send", "extend", "grant", "offer"})
# "carried out", "stepped up": the particle that makes the light verb a support verb; other
# support verbs take none ("held up the request" is a delay)
SUPPORT_PARTICLES = {"carry": "out", "step": "up"}
# "placed under arrest", "put under investigation"
PLACING = frozenset({"put", "place"})
# "hold" does only meetings, protests and exercises ("held talks"; not "holds a veto")
HOLDING = frozenset({"CONSULT", "PROTEST", "MOBILIZE", "COOPERATE"})
# announcing a meeting, cooperation, aid or a retreat is the promise of it (PLOVER: AGREE;
# CONCEDE); announced support is support
ANNOUNCING = frozenset({"announce", "declare"})
ANNOUNCED = {"CONSULT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE", "RETREAT": "CONCEDE"}
# verbs that say the act took place when the event noun is their subject
HAPPEN_VERBS = frozenset({
    "begin", "start", "continue", "resume", "occur", "happen", "take", "end", "conclude",
    "last", "intensify", "escalate", "erupt", "break", "hit", "target", "leave", "come",
    "get", "open",
})
# with these the noun is not (yet) a fact: no event rather than an unflagged one — unless a
# support verb says it was done ("mounted its long-threatened invasion")
HEDGES = frozenset({
    "possible", "potential", "planned", "proposed", "threatened", "alleged", "future",
    "expected", "imminent", "feared", "rumoured", "rumored", "hypothetical", "prospective",
})
# the act did not happen, whoever reports it
PREVENTED = frozenset({"thwarted", "foiled", "averted", "prevented", "aborted"})
# "a mediation effort", "a bombing campaign": the event noun modifies a container noun
CONTAINERS = frozenset({"effort", "campaign", "operation", "mission", "package", "programme",
                        "program", "shipment", "convoy", "process", "round"})
TARGET_PREPS = ("on", "upon", "against", "with", "into", "between", "to")
# on a verb that says the act took place only these name its parties ("fighting broke out
# between X and Y"); "ended with Russia making a statement" does not
ANCHOR_PREPS = ("between", "against")
NAMED = frozenset({"NORP", "GPE", "ORG", "PERSON"})


def nominal_found(doc, tools, resolver, found: list) -> list:
    """``found`` (the verbs :func:`dragoman.events.extract.extract_events` detected) with the noun
    events of the article merged in, in text order, as the ``Found`` records it types and
    codes (see module doc). A lexicon verb is never an anchor again; an open verb (outside
    the lexicon, typed by the classifier alone: "launched an attack on Peru") gives way to
    the event noun it governs, whose type and mode the lexicon knows."""
    taken = {f.verb.i for f in found if f.entry.plover}
    items = []
    for token in doc:
        item = _noun_event(token, tools, taken)
        if item is not None:
            anchor, entry, source, target = item
            taken.add(anchor.i)
            start, end = clipped_sentence(anchor)
            items.append(Found(anchor, entry, start, end, source, target))
    replaced = {f.verb.i for f in items}
    kept = [f for f in found if f.verb.i not in replaced]
    return sorted(kept + items, key=lambda f: f.verb.i)


def _noun_event(token, tools, taken: set):
    """``(anchor, verb entry, source, target)`` of the event a token reports as an event noun,
    or None (see module doc)."""
    noun, entry = _event_noun(token, tools.lexicon)
    if entry is None or _hedged(noun, PREVENTED) or _hedged(token, PREVENTED):
        return None
    anchor, agent = _anchor(noun, entry, tools.lexicon)
    placed = _placed_under(noun) if anchor is None else None
    if placed is not None:
        anchor = placed[0]
    if anchor is None or anchor.i in taken or refused(anchor):
        return None  # "accused X of carrying out the attack": the accusation is the event
    done = anchor.i != noun.i and _support(anchor, entry) and not _verbal(anchor)
    if not done and _hedged(noun, HEDGES):
        return None  # "voiced scepticism about the planned truce"
    source, target = placed[1:] if placed is not None else _parties(noun, entry, agent, anchor)
    if not any(_party_like(t, tools.gazetteer) for t in (source, target)):
        return None  # "the talks", "their military campaigns": no one to code
    if noun.dep_ == "ROOT" and (source is None or target is None):
        return None  # a bare noun phrase ("Tags: Israeli airstrike") needs both sides
    return anchor, _as_verb_entry(entry, anchor, noun), source, target


def _event_noun(token, lexicon) -> tuple:
    """``(noun, entry)``: the noun that carries the phrase (a container noun: "a mediation
    effort" → effort) and the event entry, or ``(token, None)``."""
    entry = lexicon.lookup_noun(token)
    if entry is None:
        return token, None
    if token.dep_ == "compound" and token.head.lemma_.lower() in CONTAINERS:
        return token.head, entry
    if token.dep_ == "pobj" and token.head.lower_ == "of" and _measure(token.head.head):
        return token.head.head, entry  # "25,000 tons of food aid", "ten days of war games"
    if token.dep_ in ("compound", "amod"):
        return token, None  # "the talks venue", "attack helicopters": a modifier, not an act
    return token, entry


def _measure(token) -> bool:
    """An amount of something: "5 million dollars (of aid)", "three days (of talks)"."""
    return token.pos_ == "NOUN" and (
        token.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL", "DATE")
        or any(c.dep_ == "nummod" for c in token.children))


def _hedged(noun, words) -> bool:
    return any((c.dep_ == "det" and c.lower_ == "no") or
               (c.dep_ in ("amod", "compound") and c.lower_ in words) for c in noun.children)


def _anchor(noun, entry: EventNoun, lexicon) -> tuple:
    """``(anchor, agent)``: the token the event hangs on and who does the act from outside the
    noun phrase (the support verb's subject or passive agent); ``(None, None)`` where the noun
    does not report an act of its own (see module doc)."""
    first = noun
    while first.dep_ == "conj" and first.head.pos_ == "NOUN":
        first = first.head  # "launched attacks and raids": raids hang on launched too
    head, dep = first.head, first.dep_
    if dep == "ROOT":
        return (None, None) if entry.lemma in RELATIONAL | AGREEMENTS | VOICED else (noun, None)
    if head.pos_ not in ("VERB", "AUX") or lexicon.lookup(head) is not None:
        return None, None
    if dep == "dobj" and _support(head, entry):
        return head, subject_of(head)
    if dep == "nsubjpass" and _support(head, entry):
        return head, _passive_agent(head)
    if dep in ("nsubj", "nsubjpass") and _happened(head) and (
            entry.lemma not in RELATIONAL | AGREEMENTS | VOICED):
        return head, None
    return None, None


def _placed_under(noun):
    """``(verb, doer, subject)`` of "X was placed under arrest (by Y)", "Y put X under
    investigation": the one placed under it is the target; else ``None``."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "under" or prep.head.lemma_.lower() not in PLACING:
        return None
    verb = prep.head
    patient = next((c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")), None)
    if patient is None:
        return None
    doer = _passive_agent(verb) if patient.dep_ == "nsubjpass" else subject_of(verb)
    return verb, doer, patient


def _verbal(verb) -> bool:
    """A support verb that says or announces rather than does ("expressed", "announced")."""
    return verb.lemma_.lower() in EXPRESSING | ANNOUNCING


def _support(verb, entry: EventNoun) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in EXPRESSING:
        return entry.plover in VERBAL
    if entry.lemma in VOICED:
        return lemma in ANNOUNCING  # "declared its support for"
    if entry.lemma in RELATIONAL:
        return lemma in EXPANDING
    if entry.lemma in AGREEMENTS:
        return lemma in CONCLUDING
    if lemma in GIVING:
        return entry.plover == "AID"
    if lemma not in SUPPORT_VERBS:
        return False
    if lemma == "hold" and entry.plover not in HOLDING:
        return False
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    return particles == ({SUPPORT_PARTICLES[lemma]} if lemma in SUPPORT_PARTICLES else set())


def _happened(verb) -> bool:
    """A verb that says its subject took place ("began", "erupted", "took place")."""
    lemma = verb.lemma_.lower()
    if lemma == "take":
        return any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children)
    if lemma == "break":  # "fighting broke out"; not "the truce broke down"
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)
    return lemma in HAPPEN_VERBS


def _passive_agent(verb):
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return None if agent is None else _pobj(agent)


def _parties(noun, entry: EventNoun, agent, anchor) -> tuple:
    """``(source, target)`` tokens of a noun event (see module doc); a verb that says the act
    took place may carry the parties itself ("clashes erupted between X and Y")."""
    source = _own_source(noun, entry)
    if source is None or (source.pos_ == "PRON" and agent is not None):
        source = agent
    target = _target(noun, entry)
    if target is None and anchor.i != noun.i and _happened(anchor):
        target = _target(anchor, entry, ANCHOR_PREPS) or _between_after_time(anchor)
    if target is None and entry.of != "source":  # "a suspension of air links with Serbia"
        of = next((_pobj(c) for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"),
                  None)
        target = _target(of, entry) if of is not None and of.pos_ == "NOUN" else None
    if target is not None and target.head.lower_ == "between":
        other = next((c for c in target.children if c.dep_ == "conj"), None)
        if other is None:
            return None, None  # "clashes between opposition groups": the sides are not named
        if source is None:  # "talks between Iran and Iraq": the first side acts on the other
            return target, other
    if source is not None and target is not None and source.i == target.i:
        target = None
    return source, target


def _between_after_time(verb):
    """The first side of "between X and Y" that the parser hung on a time phrase ("fighting
    erupted during the night between troops and rebels"), else None."""
    for prep in verb.children:
        when = _pobj(prep) if prep.dep_ == "prep" else None
        if when is None or when.ent_type_ not in ("TIME", "DATE"):
            continue
        between = next((c for c in when.children
                        if c.dep_ == "prep" and c.lower_ == "between"), None)
        if between is not None:
            return _pobj(between)
    return None


def _target(noun, entry: EventNoun, preps=TARGET_PREPS):
    """The first ``pobj`` of a target preposition on the noun (see module doc); not the
    subject of an absolute clause ("ended with Russia making a statement")."""
    for prep in noun.children:
        if prep.dep_ != "prep":
            continue
        word = prep.lower_
        if word in preps or (word == "of" and entry.of == "target") or (
                word == "for" and entry.plover in ("AID", "SUPPORT")):
            pobj = _pobj(prep)
            if pobj is None or pobj.ent_type_ in ("DATE", "TIME", "MONEY", "CARDINAL"):
                continue
            if any(c.dep_ == "acl" and c.tag_ == "VBG" for c in pobj.children):
                continue
            return pobj
    if entry.plover == "REQUEST":  # "its demand that Israel ease restrictions": Israel
        for clause in noun.children:
            if clause.dep_ in ("acl", "ccomp", "relcl") and any(
                    c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
                return next((c for c in clause.children if c.dep_ == "nsubj"), None)
    return None


def _own_source(noun, entry: EventNoun):
    """The doer named inside the noun phrase: possessive, "by" agent, "of" (for nouns whose
    "of" is the doer), or a nationality/name modifier ("Russian air strikes")."""
    for child in noun.children:
        if child.dep_ == "poss" and child.ent_type_ not in ("DATE", "TIME"):
            return child  # not "Friday's fighting"
    for child in noun.children:
        if child.dep_ in ("prep", "agent") and child.lower_ == "by":
            pobj = _pobj(child)
            if pobj is not None:
                return pobj
    if entry.of == "source":
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of" and _pobj(child) is not None:
                return _pobj(child)
    if entry.plover != "CONSULT":  # "Syrian peace talks" are about Syria, not by it
        for child in noun.children:
            if (child.dep_ == "amod" and child.ent_type_ in ("NORP", "GPE")) or (
                    child.dep_ == "compound" and child.ent_type_ in ("NORP", "ORG")):
                return child  # "Russian air strikes", "NATO air strikes"; not "the Hama battle"
    return None


PERSONAL = frozenset({"he", "she", "they", "we"})


def _party_like(token, gazetteer) -> bool:
    """A token that can head a party: a name, a personal pronoun, or an agent noun."""
    if token is None:
        return False
    return (token.ent_type_ in NAMED or token.pos_ == "PROPN" or token.lower_ in PERSONAL
            or gazetteer.is_agent(token.lower_) or gazetteer.is_agent(token.lemma_.lower())
            or any(c.dep_ in ("amod", "compound", "poss") and c.ent_type_ in NAMED
                   for c in token.children))  # "Serbian aircraft"


def _pobj(prep):
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def _as_verb_entry(entry: EventNoun, anchor, noun) -> EventVerb:
    """The noun's entry as the lexicon row of its anchor: "launch attack" (a two-word entry,
    as "impose sanction" is), or the noun alone when it is its own anchor."""
    plover = entry.plover
    if anchor.i != noun.i and anchor.lemma_.lower() in ANNOUNCING:
        plover = ANNOUNCED.get(plover, plover)
    lemma = entry.lemma if anchor.i == noun.i else f"{anchor.lemma_.lower()} {entry.lemma}"
    mode = entry.mode if plover == entry.plover else None
    return EventVerb(lemma, plover, entry.cameo if plover == entry.plover else None, mode)


# verbs that tell the dead and wounded of an act ("were killed in Syrian air raids", "died in
# Russian air strikes"): the act named after in/during/under/amid is the deed, its doer the source
CASUALTY_VERBS = frozenset({"kill", "wound", "injure"})
DYING_VERBS = frozenset({"die", "perish"})
DEED_PREPS = frozenset({"in", "during", "under", "amid"})


def casualty_deed(verb, lexicon):
    """The assault noun a casualty verb without a doer tells its dead or wounded in ("five
    civilians were killed in Syrian regime air raids", "died during an air raid by the
    army"), else None. The noun, not the verb, says who did it: the caller resolves its doer
    (a name or agent on it, or its "by" phrase) and keeps the event only when it is coded."""
    lemma = verb.lemma_.lower()
    doer_deps = ("agent",) if lemma in DYING_VERBS else ("nsubj", "agent", "csubj")
    if lemma not in CASUALTY_VERBS | DYING_VERBS or any(
            c.dep_ in doer_deps or (c.dep_ in ("nsubj", "nsubjpass") and _nobody(c))
            for c in verb.children):
        return None  # a doer of its own, or no one hurt ("no one was killed in the raids")
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in DEED_PREPS:
            continue
        noun = _pobj(prep)
        entry = lexicon.lookup_noun(noun) if noun is not None else None
        if entry is not None and entry.plover == "ASSAULT" and not _hedged(noun, HEDGES):
            return noun
    return None


def _nobody(token) -> bool:
    """ "no one", "nobody", "none", "no civilians": no victim, so no casualty reported."""
    return token.lower_ in ("nobody", "none", "one") and (
        token.lower_ != "one" or any(c.lower_ == "no" for c in token.children)) or any(
        c.dep_ == "det" and c.lower_ == "no" for c in token.children)


def deed_entry(verb, noun, lexicon) -> EventVerb:
    """The lexicon row of a casualty told with its deed: "kill air raid" (ASSAULT, the noun's
    mode and CAMEO root), as two-word noun anchors are."""
    entry = lexicon.lookup_noun(noun)
    return EventVerb(f"{verb.lemma_.lower()} {entry.lemma}", entry.plover, entry.cameo,
                     entry.mode)


# nouns of fighting told between two sides ("fighting between the army and IS"): each side
# assaults the other
MUTUAL_NOUNS = frozenset({"fighting", "clash", "battle", "skirmish", "firefight", "shootout"})


def is_mutual(item: Found) -> bool:
    """A clash between two named sides ("fighting erupted between X and Y"): the event goes
    both ways (PLOVER codes each side's assault on the other)."""
    noun = item.entry.lemma.rsplit(" ", 1)[-1]
    source, target = item.source, item.target
    return (noun in MUTUAL_NOUNS and source is not None and target is not None
            and source.dep_ == "pobj" and source.head.lower_ == "between"
            and target.dep_ == "conj" and target.head.i == source.i)


__all__ = ["nominal_found", "casualty_deed", "deed_entry", "is_mutual", "SUPPORT_VERBS",
           "HAPPEN_VERBS"]
