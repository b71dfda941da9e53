"""Who speaks: the one place a statement's speaker is decided.

1. **The phrase.** For a cue verb, :func:`speaker_phrase`: its subject (or the source of
   "according to", or the one "quoted as saying")
   (:func:`dragoman.text.parse.subject_of`, inherited through ``conj``/``advcl``/``xcomp``);
   a subject that cannot speak ("a database would keep …, saying") gives way to the subject
   of the reporting verb above; a name right next to the verb when the parse has none
   ("Haddad said"). A he/she/it/they subject of a complement clause is the agreeing subject
   above it (:func:`binding_subject`: "Ban condemned what he called …"); a dateline is never
   the subject ("WASHINGTON (AP) — Trump said"); "X did Y by saying …" is X's. The other
   kinds bring their own source phrase ("according to X", the ``by`` agent of a passive, the
   owner of "Russia's call", a line's "X:" lead).
2. **The actor.** :func:`speaker_actor` resolves the phrase: "he"/"she" by the learned
   resolver of :mod:`dragoman.statements.pronouns` over the persons named before them, never
   one named inside a quotation or inside what the statement itself says ("…stepping down of
   Bashar Assad,” he said" is not Assad's), and no one when no candidate is likely enough;
   "it" to the one body that spoke just before (:func:`resolve_body_pronoun`); else a person
   or the head's actor in the phrase (:func:`actor_in`: not the owner in "Mr Foley's
   parents", nor one of several people); the owner of a "statement"-like subject; the
   organisation inside "the Al-Watan newspaper"; a nominal whose title an earlier name
   carries ("the HNC spokesman"); "the report", "the group" to the one body that spoke just
   before; else no one.
3. **The record.** :func:`speaker_fields` gives a statement its speaker fields (mention, actor,
   kind from :func:`dragoman.actors.nominal.speaker_kind`, offsets).

The hearer of ``tell`` and its kin ("told Reuters") is the ``addressee`` (:func:`addressee_of`),
never the speaker; what an accusation or appeal is about is :func:`about_of`. A wrong speaker
is worse than none: without clear evidence ``speaker`` stays empty and the mention is kept.
"""
from __future__ import annotations

from collections.abc import Callable

from dragoman.actors.doc import DocActors
from dragoman.actors.nominal import (
    is_agent,
    resolve_nominal,
    resolve_surname,
    speaker_kind,
)
from dragoman.actors.nouns import TITLE_NOUNS
from dragoman.model import Actor
from dragoman.statements.cues import Cue, Cues, is_lexicon_speech
from dragoman.statements.pronouns import Candidate, mention_gender, resolve
from dragoman.text.parse import (
    NAME_LABELS,
    adjacent_name,
    noun_phrase,
    object_of,
    pobj_of,
    subject_of,
)

# subjects that stand for their owner's words ("the ministry's statement said")
_DOCUMENT_NOUNS = frozenset({"statement", "letter", "tweet", "report", "post", "communique",
                             "communiqué", "message", "release", "spokesman", "spokeswoman",
                             "spokesperson", "office", "website", "account"})
# heads of phrases that an organisation's name inside stands for
_ORG_NOUNS = frozenset({"newspaper", "paper", "agency", "ministry", "channel", "network",
                        "station", "broadcaster", "daily", "magazine", "outlet", "committee",
                        "council", "group", "party", "office", "department", "organisation",
                        "organization", "company", "firm", "campaign", "website", "service"})
# who a statement is made "to" when no name says so ("said to reporters")
_HEARER_NOUNS = frozenset({"reporter", "journalist", "press", "supporter", "crowd", "audience",
                           "delegate", "lawmaker", "member", "voter", "student", "leader",
                           "official", "diplomat", "viewer", "reader", "television", "radio"})
# definite descriptions that stand for the body that spoke just before ("The report said")
_BODY_DESCRIPTIONS = (_DOCUMENT_NOUNS | _ORG_NOUNS | {"claim", "monitor", "watchdog"}) - {
    "spokesman", "spokeswoman", "spokesperson"}
# cues without a PLOVER type whose object is still what the statement is about
_ABOUT_CUES = frozenset({"criticize", "criticise", "praise", "warn", "urge", "blame"})


def actor_in(actors: DocActors, phrase, head) -> Actor | None:
    """The actor named in a phrase: a person if one is there, else an actor whose mention is
    the phrase's head ("Moscow said", "the State Department said"). A name that only modifies
    the head is not the actor: "the Russian diplomat" and "a diplomat in Geneva" stay unnamed
    rather than becoming "Russian" or "Geneva"."""
    named = [
        (m, actors.actors[m.actor_id]) for m in actors.mentions
        if m.start < phrase.end_char and m.end > phrase.start_char and m.actor_id in actors.actors
    ]
    owners = _owner_spans(head)
    if head.lemma_.lower() not in _DOCUMENT_NOUNS:
        owners += _modifier_spans(head)  # "the Trump administration" is not Trump
    people = {actor.actor_id: actor for mention, actor in named if actor.type == "person"
              and not any(s <= mention.start < e for s, e in owners)}
    own = next((actor for mention, actor in named if actor.type == "person"
                and mention.start <= head.idx < mention.end), None)
    if own is not None or len(people) == 1:
        return own or next(iter(people.values()))
    if people:
        return None  # "Mr Foley's parents John and Diane": several people, none the head
    for mention, actor in named:
        if mention.start <= head.idx < mention.end:
            return None if _placed_elsewhere(mention, actor, named) else actor
    return None


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})


def _placed_elsewhere(head_mention, actor: Actor, named) -> bool:
    """A description's country came from the context, but its phrase names another place
    after it: "authorities in the German city of Cologne" are not the Belgium of the sentence
    before."""
    if head_mention.how != "description":
        return False
    country = actor.country or actor.actor_id
    return any(m.start >= head_mention.end and m.label in _PLACE_LABELS
               and (other.country or other.actor_id) != country for m, other in named)


def _owner_spans(head) -> list[tuple[int, int]]:
    """Character spans of the head's possessive modifiers: "Mr Foley's parents" are not
    Mr Foley (a spokesman's or statement's owner is found by :func:`speaker_actor`)."""
    return [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge))
            for c in head.children if c.dep_ == "poss"]


def _modifier_spans(head) -> list[tuple[int, int]]:
    """Character spans of a common-noun head's compound modifiers: the name in "the Trump
    administration", "the Assad regime" modifies what speaks and is not it."""
    if head.pos_ != "NOUN":
        return []
    return [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge))
            for c in head.children if c.dep_ == "compound"]


def modifies_a_thing(token) -> bool:
    """A name's head token is a compound of a common noun ("Assad" in "the Assad regime")."""
    return token.dep_ == "compound" and token.head.pos_ == "NOUN"


def can_speak(cues: Cues, verb, subject) -> bool:
    """Whether the subject can be the one who speaks, thinks or takes the stance the verb
    reports; a stance needs a name, a person or a body ("warplanes supporting an offensive"
    take none, though the gazetteer counts them as actors)."""
    cue = cues.speech(verb)
    agents = TITLE_NOUNS if cue is not None and cue.cue_class == "stance" else cues.agents
    return subject is not None and is_agent(subject, agents)


def speaker_phrase(cues: Cues, verb, in_speech: Callable[[int], bool]):
    """``(phrase span, subject token)`` of the verb's speaker, either may be None."""
    subject = _by_gerund_subject(verb) or subject_of(verb) or _quoted_as(verb) \
        or _according_source(verb)
    if subject is not None and in_speech(subject.idx):
        subject = None
    if subject is not None and subject.i not in _own_children(verb) \
            and not is_agent(subject, cues.agents):
        # "X argued that a database would keep …, saying …": the inherited "database" cannot
        # speak; the speaker of the reporting verb above does, if there is one
        subject = _reporting_subject(cues, verb)
        if subject is None:
            return _UNKNOWN
    if subject is None and verb.dep_ == "conj" and is_lexicon_speech(cues, verb):
        # "He said that the party was focused … and noted that …": the parser hangs "noted"
        # on the reported clause; the one who said it notes it too
        subject = _reporting_subject(cues, verb)
    if subject is not None:
        subject = _past_dateline(verb, subject)
    if subject is not None and subject.pos_ == "PRON":
        binder = binding_subject(subject, cues.pronouns.genders, cues.agents)
        subject = binder if binder is not None and not in_speech(binder.idx) else subject
    if subject is not None:
        return _split_subject(verb, subject)
    if verb.lemma_.lower() not in cues.entries:
        return None, None  # a learned cue needs a real subject
    name = adjacent_name(verb)
    return (name, name.root) if name is not None else (None, None)


_UNKNOWN = (None, None)
# the links a pronoun's clause may hang on to be bound by the subject above: "X says she …",
# "X condemned what he called …", "X is seeking to contrast … with what they call …"
_BINDING_DEPS = frozenset({"ccomp", "xcomp", "pcomp", "prep"})
_PLACE_LABELS_OR_GROUPS = frozenset({"GPE", "LOC", "NORP", "FAC"})


def binding_subject(pronoun, genders: dict, agents: frozenset):
    """The subject that a he/she/it/they subject of a complement clause stands for: the
    nearest subject above it ("Ban Ki-moon condemned what he called …", "Clinton says she
    appreciated … what she calls …": the name, not the pronoun), climbing only through
    complements (an adverbial clause — "attacked Clinton after she said" — or a relative one
    may be someone else's), through subjects that are the same pronoun, and stopping at the
    first other subject; that subject only when it comes before the pronoun with no quote
    mark between them (“…,” he said), can speak
    (``agents``: :func:`dragoman.actors.nominal.is_agent`) and agrees with the pronoun (a
    person for he/she, of no other known gender; a body for "it"; several or a body for
    "they"); else None."""
    word = pronoun.lower_
    if word not in _BINDABLE or pronoun.dep_ != "nsubj":
        return None
    clause = pronoun.head
    while clause.dep_ in _BINDING_DEPS and clause.head.i != clause.i:
        clause = clause.head
        above = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if above is None:
            continue
        if above.pos_ == "PRON":
            if above.lower_ == word:
                continue
            return None
        fits = clause.i < pronoun.i and above.i < pronoun.i and is_agent(above, agents) \
            and not any(t.is_quote for t in pronoun.doc[above.i:pronoun.i])
        return above if fits and _agrees(above, word, genders) else None
    return None


_BINDABLE = frozenset({"he", "she", "it", "they"})


def _agrees(subject, word: str, genders: dict) -> bool:
    """Whether a nominal subject can be what he/she ("a person": a name that is no place or
    group, or a title noun, of no other gender), "it" (a singular body) or "they" (several,
    or a body) stands for."""
    person = subject.ent_type_ == "PERSON" or subject.lemma_.lower() in TITLE_NOUNS or (
        subject.pos_ == "PROPN" and subject.ent_type_ not in _PLACE_LABELS_OR_GROUPS)
    several = subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)
    if word == "it":
        return not person and not several and subject.ent_type_ != "NORP"
    if word == "they":
        return several or (not person and subject.lemma_.lower() in _ORG_NOUNS)
    if several or not person:
        return False
    gender = _name_gender(subject, genders)
    return gender is None or gender == ("f" if word == "she" else "m")


def _name_gender(subject, genders: dict) -> str | None:
    """The gender of a name's first word or of the honorific before it, if known."""
    phrase = noun_phrase(subject)
    return mention_gender(subject.doc, Candidate(phrase.start_char, phrase.end_char, ""),
                          genders)


def _split_subject(verb, subject):
    """``(phrase, head)`` of a subject; a hyphenated title the parser splits into several
    subjects of the verb ("Vice - president of the Syrian Coalition Muwaffaq Nyrabia said")
    is one phrase, headed by its last part."""
    parts = [c for c in verb.children if c.dep_ == "nsubj" and subject.i < c.i < verb.i]
    if subject.head.i != verb.i or not parts or not all(
            doc_token.dep_ == "nsubj" or doc_token.text == "-"
            for doc_token in subject.doc[subject.i:parts[-1].i]):
        return noun_phrase(subject), subject
    last = noun_phrase(parts[-1])
    return subject.doc[subject.left_edge.i:last.end], parts[-1]


_DASHES = frozenset({"-", "–", "—", "--"})


def _past_dateline(verb, subject):
    """"WASHINGTON (AP) — Donald Trump said …", "CLEVELAND, July 19 (UPI) — Michael Mukasey
    told …": a subject at the start of its sentence that a ")" and a dash close before the
    verb is the dateline; the speaker is the head of what follows the dash (the parser makes
    it a second subject or an apposition), or no one."""
    sent, own_verb = subject.sent, subject.head  # the verb it is the subject of
    if subject.left_edge.i != sent.start or not subject.i < own_verb.i <= verb.i:
        return subject
    dash = next((t for t in subject.doc[subject.i + 1:own_verb.i] if t.text in _DASHES
                 and subject.doc[t.i - 1].text == ")"), None)
    if dash is None:
        return subject
    after = subject.doc[dash.i + 1:own_verb.i]
    heads = [t for t in after if not after.start <= t.head.i < after.end and t.pos_ in (
        "PROPN", "NOUN", "PRON")]
    return heads[0] if len(heads) == 1 else None


def _by_gerund_subject(verb):
    """"Obama punctuated his list by saying …", "he distanced himself by saying …": the one
    who does the act the gerund says how (the subject of the verb "by" hangs on), not its
    object; else None."""
    prep = verb.head if verb.dep_ == "pcomp" and verb.tag_ == "VBG" else None
    if prep is None or prep.lower_ != "by" or prep.head.pos_ not in ("VERB", "AUX"):
        return None
    return subject_of(prep.head)


def _according_source(verb):
    """"According to Limbaugh, “…”": the source of "according to", else None."""
    if verb.lower_ != "according":
        return None
    to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    return pobj_of(to) if to is not None else None


def _quoted_as(verb):
    """"…,” he was quoted as saying: the subject of the passive "quoted", else None."""
    prep = verb.head if verb.dep_ == "pcomp" else None
    quoted = prep.head if prep is not None and prep.lower_ == "as" else None
    if quoted is None or quoted.lemma_.lower() != "quote":
        return None
    return next((c for c in quoted.children if c.dep_ == "nsubjpass"), None)


def _reporting_subject(cues: Cues, verb):
    """The agent subject of the nearest speech verb above ``verb``, else None."""
    for ancestor in verb.ancestors:
        if cues.speech(ancestor) is None:
            continue
        subject = next((c for c in ancestor.children if c.dep_ == "nsubj"), None)
        if subject is not None and is_agent(subject, cues.agents):
            return subject
    return None


def _own_children(verb) -> set[int]:
    return {c.i for c in verb.children}


def addressee_of(verb, cue: Cue):
    """Who was spoken to: a dative, the object of tell-like verbs, or "to X"; else None."""
    for child in verb.children:
        if child.dep_ == "dative":
            target = pobj_of(child) if child.pos_ == "ADP" else child
            return noun_phrase(target) if target is not None else None
    if cue.role == "address":
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None:
            return noun_phrase(obj)
    for child in verb.children:
        hearer = pobj_of(child) if child.dep_ == "prep" and child.lower_ == "to" else None
        if hearer is not None and (hearer.ent_type_ in NAME_LABELS or hearer.pos_ == "PRON"
                                   or hearer.lemma_.lower() in _HEARER_NOUNS):
            return noun_phrase(hearer)
    return None


def resolve_speaker_pronoun(actors: DocActors, subject, cues: Cues, blocked=()) -> Actor | None:
    """The person a he/she/his/her speaker names, by the learned resolver, among the persons
    named before it outside ``blocked`` (character spans: quotations and what the statement
    says; the last one, when there, is the statement's own, and sentences are counted back
    from its start); None when no one is likely enough."""
    anchor = None
    if blocked and blocked[-1][0] < subject.idx:
        span = subject.doc.char_span(blocked[-1][0], blocked[-1][1], alignment_mode="expand")
        anchor = span[0] if span is not None and len(span) else None
    doc = subject.doc
    candidates = [Candidate(m.start, m.end, m.actor_id) for m in actors.mentions
                  if m.actor_id in actors.actors and actors.actors[m.actor_id].type == "person"
                  and not any(s <= m.start < e for s, e in blocked)
                  and not _names_a_thing(doc, m)]
    found = resolve(cues.pronouns, doc, subject, candidates, blocked, cues.lexicon,
                    speaker=True, anchor=anchor)
    return actors.actors[found[0]] if found is not None else None


def _names_a_thing(doc, mention) -> bool:
    """The mention only modifies a common noun ("the Assad regime"): no pronoun's person."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and modifies_a_thing(span.root)


_BODY_PRONOUNS = frozenset({"it"})  # "they" is often several: left unresolved
_BODY_WINDOW_SENTENCES = 4


def resolve_body_pronoun(actors: DocActors, subject, cues_speech, blocked=()) -> Actor | None:
    """"It said", "the report said": the one organisation or country that spoke (was the
    subject of a speech verb) in this or the four sentences before, outside ``blocked``; else
    None."""
    doc = subject.doc
    first = subject.sent.start
    for _ in range(_BODY_WINDOW_SENTENCES):
        first = doc[first - 1].sent.start if first > 0 else first
    found = {}
    for mention in actors.mentions:
        actor = actors.actors.get(mention.actor_id or "")
        if actor is None or actor.type == "person" or not doc[first].idx <= mention.start \
                < subject.idx or any(s <= mention.start < e for s, e in blocked):
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        head = span.root if span is not None and len(span) else None
        if head is not None and head.dep_ == "nsubj" and cues_speech(head.head):
            found[actor.actor_id] = actor
    return next(iter(found.values())) if len(found) == 1 else None


def speaker_actor(actors: DocActors, phrase, subject, cues: Cues, blocked=()) -> Actor | None:
    """The actor who speaks (see :mod:`dragoman.actors.nominal`): for a he/she subject, the
    person :func:`resolve_speaker_pronoun` finds outside ``blocked``, for "it" the body
    :func:`resolve_body_pronoun` finds; else a person or the head's actor in the phrase; the
    owner of a
    "statement"-like subject ("the ministry's statement said"); a nominal whose title an
    earlier name carries ("the HNC spokesman"); else None."""
    if subject is None or phrase is None:
        return None
    if subject.pos_ == "PRON" and subject.lower_ in _BODY_PRONOUNS:
        return resolve_body_pronoun(actors, subject,
                                    lambda token: token.lemma_.lower() in cues.lexicon, blocked)
    if subject.pos_ == "PRON":
        return resolve_speaker_pronoun(actors, subject, cues, blocked)
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
    if actor is None and _definite_body(subject):
        actor = resolve_body_pronoun(actors, subject,
                                     lambda token: token.lemma_.lower() in cues.lexicon, blocked)
    return actor


def _definite_body(subject) -> bool:
    """"The report said", "the UK-based group said": a definite noun for a body or its text,
    with no name and no owner, which stands for the body that spoke just before."""
    if subject.pos_ != "NOUN" or subject.lemma_.lower() not in _BODY_DESCRIPTIONS:
        return False
    children = list(subject.children)
    return any(c.dep_ == "det" and c.lower_ == "the" for c in children) and not any(
        c.dep_ in ("poss", "compound") or c.pos_ == "PROPN" for c in children)


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


def speaker_fields(actors: DocActors, phrase, subject, cues: Cues, blocked=()) -> dict:
    """The statement fields that say who speaks, from the speaker's phrase and head token
    (either may be None): ``speaker_mention``, ``speaker``, ``speaker_actor_id``,
    ``speaker_kind``, ``speaker_start``, ``speaker_end``. ``blocked``: character spans
    (quotations, what is said) in which no one named can be the speaker."""
    actor = speaker_actor(actors, phrase, subject, cues, blocked)
    return dict(
        speaker_mention=phrase.text if phrase is not None else None,
        speaker=actor.name if actor else None,
        speaker_actor_id=actor.actor_id if actor else None,
        speaker_kind=speaker_kind(phrase, subject, actor),
        speaker_start=phrase.start_char if phrase is not None else None,
        speaker_end=phrase.end_char if phrase is not None else None,
    )
