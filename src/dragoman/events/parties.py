"""Who did it to whom: the source and target of an event verb, as phrases and actors.

- **source** is the verb's subject (inherited through ``conj``/``advcl``/``xcomp`` as for
  speakers, :func:`dragoman.text.parse.subject_of`), or the ``by`` agent of a passive;
  **target** its object (``dobj``, dative, the ``pobj`` of on/with/to/against/at), or the
  subject of a passive.
- **compound parties** ("Russia, Turkey and Iran", "the Assad regime and Russian jets") give
  one party per conjunct, so the caller makes one event per actor, as PLOVER prescribes.
- **actors**: a person named in the phrase; else the actor the head names ("Moscow"); else,
  for an agent noun ("the Syrian regime", "Russian warplanes", "the regime's delegation"), a
  country and sector without an actor id: the country of a name that modifies it, or of the
  last earlier phrase in the article with the same agent noun and a country ("the Assad regime"
  … "the regime"); the sector from the gazetteer's agent nouns.
- **how** (``Event.source_how``/``target_how``): the actors layer's ``Mention.how`` for a named
  actor ("name" when it says nothing), else ``pronoun`` (he/she/they/its resolved),
  ``country-adjective`` ("Russian warplanes"), ``description`` (an agent noun whose country an
  earlier phrase gave: "the regime" after "the Assad regime"), ``sector`` (a sector only).
- **places** (``Party.place``: an actor of type location, a town or region) are never parties:
  the caller moves them to the event's location.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from dragoman.model import Actor
from dragoman.actors.doc import DocActors
from dragoman.actors.mentions import Gazetteer
from dragoman.text.doctext import doc_text
from dragoman.text.parse import noun_phrase, object_of, subject_of

PERSON_PRONOUNS = frozenset({"he", "she"})
# the PLOVER types whose recipient is required (the manual's "Requires recipient: Yes"); every
# type requires an actor (source)
NEEDS_RECIPIENT = frozenset({"COOPERATE", "AID", "SANCTION"})
POSSESSIVE_PRONOUNS = frozenset({"its", "their"})
OWNING_PRONOUNS = frozenset({"his", "her", "my", "our", "your"})
# "the regime's supporters", "allies of Iran": related to a country, not that country
# nouns that name parties without being agent nouns of the gazetteer ("all parties", "both sides")
PARTY_NOUNS = frozenset({"party", "side", "participant", "member", "signatory", "guarantor"})
RELATION_NOUNS = frozenset({"supporter", "backer", "ally", "opponent", "enemy", "critic", "rival",
                            "sponsor", "patron", "foe", "adversary", "neighbour", "neighbor",
                            # kin act for themselves: "Mr Foley's parents accused …" is not Foley
                            "parent", "family", "relative", "mother", "father", "wife",
                            "husband", "son", "daughter", "brother", "sister", "child", "widow",
                            "friend"})
# "the Russian-backed Syrian delegation": Russia is the patron, not the delegation's country;
# "the US-led coalition": the US leads it, the coalition (actors/coalitions.py) is the party
_PATRON = re.compile(r"\s*-\s*(?:backed|supported|sponsored|allied|aligned|funded|armed|led|"
                     r"trained|friendly|brokered|mediated)\b", re.IGNORECASE)
_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
_NAMED = frozenset({"GPE", "NORP", "ORG", "PERSON"})
_MEETING_NOUNS = frozenset({"talk", "talks", "discussion", "negotiation", "meeting"})
# weapons and attacks told as the doer ("air strikes killed 26"): who struck is in their
# modifiers, never in what or where they struck
INSTRUMENT_NOUNS = frozenset({"strike", "airstrike", "raid", "attack", "bombing", "bombardment",
                              "shelling", "shell", "missile", "rocket", "bomb", "fire", "gunfire",
                              "barrage", "explosion", "blast", "drone"})


@dataclass(frozen=True, slots=True)
class Party:
    """One side of an event: the phrase as written, what it resolved to and how."""

    text: str
    start: int
    end: int
    actor_id: str | None = None
    country: str | None = None
    sector: str | None = None
    how: str | None = None  # how it was resolved (see the module doc)
    place: bool = False  # the actor is a place (a town, a region): never a party


def participants(verb, pair_word: str = ""):
    """``(source token, target token)``; a passive's ``by`` agent is the source and its subject
    (or the noun a passive participle modifies) the target."""
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if passive is None and agent is None and verb.tag_ == "VBN" and verb.dep_ == "acl":
        agent = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "by"), None)
    if passive is None and agent is None and _headline_passive(verb):
        return None, next(c for c in verb.children if c.dep_ == "nsubj")
    if passive is None and agent is None:  # ("a truce brokered by Russia": by is the agent)
        target = object_of(verb, pair_word)
        if target is None and pair_word in _MEETING_NOUNS:
            target = object_of(verb)  # "left the talks": the talks are what was left
        if target is None:
            target = _shared_object(verb)
        return _subject(verb), target
    by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    if by is None and passive is not None:
        by = _by_object(passive)  # "aid deliveries by the regime are blocked"
    if passive is None and verb.dep_ == "acl":
        passive = verb.head
    return by, passive


def _headline_passive(verb) -> bool:
    """A participle without auxiliary whose "subject" undergoes it ("Four civilians killed and
    20 wounded in a bombing"): a headline's passive, the subject is the target."""
    if verb.tag_ != "VBN" or verb.dep_ not in ("ROOT", "conj"):
        return False
    children = list(verb.children)
    return (any(c.dep_ == "nsubj" for c in children)
            and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in children))


def _shared_object(verb):
    """The object two coordinated verbs share ("shelled and bombed rebel positions": the
    parser gives it to *bombed* only): the next verb's ``dobj`` when it follows right after
    "and"/"or"."""
    doc = verb.doc
    if verb.i + 2 >= len(doc) or doc[verb.i + 1].dep_ != "cc":
        return None
    after = doc[verb.i + 2]
    if after.dep_ != "conj" or after.head.i != verb.i or after.pos_ != "VERB":
        return None
    return next((c for c in after.children if c.dep_ == "dobj"), None)


def _subject(verb):
    """:func:`subject_of`, also through an adjective ("they were ready to help broker a deal":
    *broker* ← *help* ← *ready* ← *were*, whose subject is *they*)."""
    subject = _with_absolute(verb) or _consequence_subject(verb) or subject_of(verb)
    token = verb
    for _ in range(4):
        if subject is not None or token.dep_ not in ("xcomp", "acomp") or token.head.i == token.i:
            return subject
        token = token.head
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject


def _consequence_subject(verb):
    """Who did what a participle on an object reports: "warplanes targeted rebel strongholds,
    killing 31" — the parser hangs *killing* on *strongholds*, but the warplanes killed."""
    head = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or head.dep_ not in ("dobj", "pobj"):
        return None
    if head.ent_type_ in _NAMED or head.pos_ == "PROPN":
        return None
    if head.lemma_.lower() in VOICING_NOUNS:
        return head  # "responded with force to protests demanding reforms": the protests demand
    governor = head.head.head if head.dep_ == "pobj" else head.head
    if governor.pos_ not in ("VERB", "AUX") or governor.dep_ == "acl":
        return None
    return next((c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")), None)


# things that voice or do what a participle on them says ("protests demanding reforms", "a
# statement calling for talks"): the participle is theirs, not the clause subject's
VOICING_NOUNS = frozenset({"protest", "demonstration", "rally", "march", "strike", "sit-in",
                           "protester", "demonstrator", "crowd", "statement", "letter",
                           "resolution", "petition", "campaign", "movement", "report"})


def _with_absolute(verb):
    """The subject of "with X doing": "the summit ended with France and Italy issuing a
    statement and agreeing on a plan" — France and Italy agree, not the summit."""
    first = verb.head if verb.dep_ == "conj" and verb.head.tag_ == "VBG" else verb
    if first.tag_ != "VBG" or first.dep_ != "advcl" or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    for prep in first.head.children:
        if prep.dep_ == "prep" and prep.lower_ == "with" and prep.i < first.i:
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.right_edge.i == first.left_edge.i - 1:
                return pobj
    return None


def _by_object(noun):
    """The ``pobj`` of a "by" phrase the parser hung on a noun rather than on the verb."""
    by = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "by"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


def conjuncts(token) -> list:
    """The token and the nouns coordinated with it ("Russia, Turkey and Iran" → three)."""
    if token is None:
        return [None]
    found = [*(_listed_before(token) if token.dep_ != "conj" else []), token]
    for child in token.children:
        if child.dep_ == "conj" and (child.ent_type_ in _NAMED or _named_noun(child)):
            found += [c for c in conjuncts(child) if c is not None and c not in found]
    return found


def _named_noun(token) -> bool:
    """A common noun a name modifies ("Russian jets" in "the Assad regime and Russian jets"):
    a conjunct of its own; whether it is a party is the resolver's call."""
    return token.pos_ == "NOUN" and any(
        c.dep_ in _MODIFIER_DEPS and c.ent_type_ in _NAMED for c in token.children)


def _listed_before(token) -> list:
    """Names the parser left out of a coordinated subject: in "with Russia, Turkey, and Iran
    making a statement" the small model makes *Iran* alone the subject of *making*; the names
    before "and" belong to it (entity roots, in text order)."""
    doc = token.doc
    i = token.left_edge.i - 1
    if token.ent_type_ not in _NAMED or i < 1 or doc[i].lower_ not in ("and", "or"):
        return []
    own = {t.i for t in token.subtree}
    found = []
    i -= 1
    while i >= 0:
        if doc[i].text == ",":
            i -= 1
            continue
        if doc[i].ent_type_ not in _NAMED or i in own:
            break
        start = i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1  # the name's first word: "Saudi Arabia, Turkey and Iran"
        found.insert(0, doc[start:i + 1].root)
        i = start - 1
        if i < 0 or doc[i].text != ",":
            break
    return found


def object_antecedent(pronoun):
    """Whom an object pronoun stands for: the object of the verb this clause hangs on ("met
    the rebels and urged them to disarm", "addressed both delegations, asking them to work
    together"), when that is a noun; else None."""
    if (pronoun is None or pronoun.lower_ not in ("them", "him", "her", "it")
            or pronoun.dep_ != "dobj"):
        return None
    verb = pronoun.head
    if verb.dep_ not in ("advcl", "conj") or verb.head.i == verb.i:
        return None
    earlier = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < pronoun.i), None)
    if earlier is None or earlier.pos_ not in ("NOUN", "PROPN"):
        return None
    plural = earlier.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in earlier.children)
    return earlier if (pronoun.lower_ == "them") == plural else None


RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})


def relative_antecedent(pronoun):
    """What a relative pronoun stands for: the noun its clause modifies ("a French TV
    journalist whom she accused": the journalist); else None."""
    if (pronoun is None or pronoun.lower_ not in RELATIVE_PRONOUNS
            or pronoun.tag_ not in ("WP", "WDT")):
        return None
    clause = pronoun.head
    if clause.dep_ != "relcl" or clause.head.pos_ not in ("NOUN", "PROPN"):
        return None
    return clause.head


def speaker_antecedent(pronoun):
    """Who a pronoun subject of a reported clause stands for: "Russia, Iran and Turkey said
    they were ready …", "the delegation said it wants …" — the subject of the verb that
    reports the clause, when that is a noun and agrees in number; else None."""
    if pronoun is None or pronoun.lower_ not in ("it", "they") or pronoun.dep_ not in (
            "nsubj", "nsubjpass"):
        return None
    clause = pronoun.head
    if clause.dep_ != "ccomp":
        return None
    subject = subject_of(clause.head)
    if subject is None or subject.pos_ == "PRON" or subject.ent_type_ == "PERSON":
        return None
    plural = subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)
    plural = plural or len(_listed_before(subject)) > 0
    if pronoun.lower_ == "it" and plural:
        return None
    if pronoun.lower_ == "they" and not plural and subject.ent_type_ not in ("ORG", "NORP"):
        return None
    return subject


class PartyResolver:
    """Resolves party tokens of one article to :class:`Party` records."""

    def __init__(self, doc, actors: DocActors, gazetteer: Gazetteer) -> None:
        self.actors = actors
        self.gazetteer = gazetteer
        self.agent_country = self._agent_countries(doc)
        self._found: dict[tuple[int, bool], Party | None] = {}  # token.i, single → party

    def party(self, token, single: bool = False) -> Party | None:
        """The party a token heads; ``single`` keeps only the token's own phrase (a conjunct).
        A resolved pronoun is shown as what it stands for ("He" → the person's name). Each
        token is resolved once per article (detection and the final parties ask again)."""
        if token is None:
            return None
        key = (token.i, single)
        if key not in self._found:
            self._found[key] = self._party(token, single)
        return self._found[key]

    def _party(self, token, single: bool) -> Party | None:
        if token.lower_ in PERSON_PRONOUNS:
            actor = self.actors.last_person_before(token.idx)
            return self._from_actor(actor.name if actor else token.text, token.idx,
                                    token.idx + len(token), actor, "pronoun")
        owner = self._possessor(token)
        if owner is not None:  # "Russia's position", "the regime's delegation's statement"
            return self.party(owner)
        span = _phrase(token, single)
        text, start, end = span.text, span.start_char, span.end_char
        if token.lower_ == "they":
            antecedent = self._plural_antecedent(token)
            if antecedent is not None:
                return replace(antecedent, start=start, end=end, how="pronoun")
        if token.pos_ == "PRON":
            return Party(text, start, end)
        if token.lemma_.lower() in INSTRUMENT_NOUNS and not self._is_agent(token):
            return self._instrument(span, token)  # "Russian air strikes on the town killed …"
        if token.lemma_.lower() in RELATION_NOUNS:  # "the regime's supporters": not the regime
            sector = self.gazetteer.agent_sector([token.lower_])
            return Party(text, start, end, sector=sector, how="sector" if sector else None)
        actor, how = self._named(span, token)
        if actor is not None:
            party = self._from_actor(text, start, end, actor, how)
            if party.country is None:  # "King Hassan of Morocco", "Iranian envoy X"
                party = replace(party, country=self._modifier_country(span))
            return party
        country, sector, how = self._agent(span, token)
        return Party(text, start, end, None, country, sector, how)

    def _instrument(self, span, head) -> Party:
        """A weapon or an attack as the doer ("Russian air strikes on the town killed 26",
        "Hezbollah rocket fire"): whom the words up to the head name — a group or an
        organisation, else a country (not a place: "Deir az-Zour missile strikes" were struck
        *on* it), whose sector is the modifiers' agent noun ("regime strikes": GOV), else MIL.
        What was struck or where ("strikes on schools", "a strike near Homs") says nothing
        of who struck, and is not the party's text; without a name or an agent noun, no one
        is."""
        own = span.doc[span.start:head.i + 1]
        text, start, end = own.text, own.start_char, own.end_char
        words = [t.lower_ for t in own if not t.is_punct]
        for mention in self.actors.mentions:
            if not (mention.start < head.idx and mention.end > start):
                continue
            actor = self.actors.actors.get(mention.actor_id or "")
            if (actor is None or actor.type in ("location", "person")
                    or _PATRON.match(doc_text(span.doc), mention.end)):
                continue
            if actor.type in ("organisation", "group"):
                return self._from_actor(text, start, end, actor, mention.how or "name")
            if actor.country:
                sector = self.gazetteer.agent_sector(words) or "MIL"
                return Party(text, start, end, None, actor.country, sector, "country-adjective")
        if self.gazetteer.agent_sector(words) is None:
            return Party(text, start, end)  # no one named: a place's country is not the doer
        country, sector, how = self._agent(own, head)  # "three regime airstrikes"
        return Party(text, start, end, None, country, sector, how)

    def _possessor(self, token):
        """The possessor that acts for a thing: the owner of a non-agent common noun ("Russia's
        position supports …" → Russia); None for names, pronouns and agent nouns."""
        if token.pos_ != "NOUN" or token.ent_type_ in _NAMED or self._is_agent(token):
            return None
        if any(c.dep_ in ("compound", "amod") and c.ent_type_ in _NAMED for c in token.children):
            return None  # "bin Laden's al-Qaeda network": the network is the named one
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is None or owner.lower_ in POSSESSIVE_PRONOUNS | OWNING_PRONOUNS:
            return None  # "signed his order": the order is the signer's own, no party
        return owner

    def _is_agent(self, token) -> bool:
        lemma = token.lemma_.lower()
        return (self.gazetteer.is_agent(token.lower_) or self.gazetteer.is_agent(lemma)
                or lemma in RELATION_NOUNS or lemma in PARTY_NOUNS)

    def is_party_word(self, token) -> bool:
        """A word that can name a party: a name, a pronoun, an agent or party noun."""
        return (token.ent_type_ in _NAMED or token.pos_ in ("PRON", "PROPN")
                or self._is_agent(token))

    def possessed(self, token) -> bool:
        """Whether the token's party is its possessor ("the regime's statement")."""
        return token is not None and self._possessor(token) is not None

    def _plural_antecedent(self, pronoun, sentences: int = 2) -> Party | None:
        """What "they" stands for: the last coded subject of the two sentences before it that
        is plural or names a group ("The High Negotiations Committee did not attend … Instead,
        they gathered")."""
        doc = pronoun.doc
        sent = pronoun.sent
        candidates = []
        for _ in range(sentences):
            if sent.start == 0:
                break
            sent = doc[sent.start - 1].sent
            candidates = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass")
                          and (t.tag_ in ("NNS", "NNPS") or t.ent_type_ in ("ORG", "NORP", "GPE"))
                          ] + candidates
        for token in reversed(candidates):
            party = self.party(token)
            if party is not None and (party.actor_id or party.country):
                return party
        return None

    @staticmethod
    def _from_actor(text: str, start: int, end: int, actor: Actor | None,
                    how: str | None = None) -> Party:
        if actor is None:
            return Party(text, start, end)
        return Party(text, start, end, actor.actor_id, actor.country, actor.sector, how,
                     actor.type == "location")

    def _named(self, span, head) -> tuple[Actor | None, str | None]:
        """The actor a mention in the phrase names (a person first, else the head's), and how
        the actors layer found it (``Mention.how``, else "name")."""
        named = [m for m in self.actors.mentions
                 if m.start < span.end_char and m.end > span.start_char and m.actor_id]
        actors = [self.actors.actors.get(m.actor_id) for m in named]
        for mention, actor in zip(named, actors):
            if actor is not None and actor.type == "person":
                return actor, mention.how or "name"
        for mention, actor in zip(named, actors):
            if mention.start <= head.idx < mention.end:
                return actor, mention.how or "name"
        return None, None

    def _agent(self, span, head) -> tuple[str | None, str | None, str | None]:
        """Country, sector and how of an agent-noun phrase ("the Syrian regime's delegation",
        "its delegation", "regime forces")."""
        words = [t.lower_ for t in span if not t.is_punct]
        sector = self.gazetteer.agent_sector(words)
        country = self._modifier_country(span)
        how = "country-adjective" if country else None
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if (country is None and owner is not None and owner.lower_ in POSSESSIVE_PRONOUNS
                and self._is_agent(head)):
            country = self._antecedent_country(owner)
            how = "pronoun" if country else None
        if country is None:
            for token in span:  # "the regime's delegation", "regime forces"
                lemma = token.lemma_.lower()
                if (token.i != head.i and lemma in self.agent_country
                        and token.dep_ in ("poss", "compound")):
                    country = self.agent_country[lemma].get_before(token.idx)
                    break
        if country is None and head.lemma_.lower() in self.agent_country:
            country = self.agent_country[head.lemma_.lower()].get_before(head.idx)
        if country is not None and how is None:
            how = "description"  # "the regime" after "the Assad regime"
        if country is None and sector is not None:
            how = "sector"
        return country, sector if (country or sector) else None, how

    def _antecedent_country(self, pronoun) -> str | None:
        """The country "its"/"their" points to: the nearest earlier party of the sentence that
        has one ("accused the Assad regime …, as its delegation" → the regime's)."""
        for token in reversed(pronoun.sent[:pronoun.i - pronoun.sent.start]):
            if token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and token.pos_ in (
                    "NOUN", "PROPN") and token.i != pronoun.head.i:
                party = self.party(token)
                if party is not None and party.country:
                    return party.country
        return None

    def _modifier_country(self, span) -> str | None:
        text = doc_text(span.doc)
        for mention in self.actors.mentions:
            if mention.start < span.end_char and mention.end > span.start_char:
                if _PATRON.match(text, mention.end):
                    continue  # "Russian-backed": the patron
                if _placed(span, mention.start):
                    continue  # "talks in Geneva": where, not whose
                actor = self.actors.actors.get(mention.actor_id or "")
                if actor is not None and actor.country:
                    return actor.country
        return None

    def _agent_countries(self, doc) -> dict:
        """For each agent noun, the countries of its phrases with a country modifier, in order."""
        found: dict[str, _Timeline] = {}
        for token in doc:
            if token.pos_ != "NOUN" or not self.gazetteer.is_agent(token.lower_):
                continue
            modifiers = [c for c in token.children if c.dep_ in _MODIFIER_DEPS]
            for modifier in modifiers:
                span = doc[modifier.left_edge.i:modifier.right_edge.i + 1]
                country = self._modifier_country(span)
                if country:
                    found.setdefault(token.lemma_.lower(), _Timeline()).add(token.idx, country)
                    break
        return found


_PLACE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout"})


def _placed(span, offset: int) -> bool:
    """Whether the word at ``offset`` hangs on a locative preposition inside the span ("the
    talks in Geneva", "a ceasefire in Syria")."""
    token = next((t for t in span if t.idx <= offset < t.idx + len(t)), None)
    for _ in range(6):
        if token is None or token.i == span.root.i or token.head.i == token.i:
            return False
        if token.dep_ == "prep" and token.lower_ in _PLACE_PREPS:
            return True
        token = token.head
    return False


class _Timeline:
    """(offset, country) pairs of one agent noun, in text order."""

    def __init__(self) -> None:
        self.items: list[tuple[int, str]] = []

    def add(self, offset: int, country: str) -> None:
        self.items.append((offset, country))

    def get_before(self, offset: int) -> str | None:
        """The country of the last phrase before ``offset``, else of the first after it."""
        before = [country for at, country in self.items if at <= offset]
        return before[-1] if before else self.items[0][1] if self.items else None


def _phrase(token, single: bool):
    """The party's words: without a "by" phrase the parser hung on a passive subject
    ("deliveries by the regime are blocked" → "deliveries": the regime is the source), and
    without a dangling possessive or conjunction at its end ("the regime's and")."""
    span = _own_phrase(token) if single else noun_phrase(token)
    by = next((c for c in token.rights if c.dep_ == "prep" and c.lower_ == "by"), None)
    if token.dep_ != "nsubjpass":
        by = None  # "calls by Belarus's rulers": the caller belongs to the phrase
    doc = token.doc
    first, last = span.start, span.end
    if by is not None and first <= by.i < last:
        last = by.i
    while last - 1 > max(first, token.i) and (doc[last - 1].pos_ == "PUNCT" or doc[last - 1].tag_
                                             == "POS" or doc[last - 1].dep_ in ("cc", "case")):
        last -= 1
    return doc[first:last]


def _own_phrase(token):
    """A conjunct's own words: its left modifiers up to the token, and a possessive or name
    continuation on its right, without the following conjuncts."""
    doc = token.doc
    first = token.left_edge.i
    last = token.i
    for child in token.rights:
        if child.dep_ in ("conj", "cc", "punct", "appos", "relcl", "acl"):
            break
        last = child.right_edge.i
    while first < last and doc[first].is_punct:
        first += 1
    return doc[first:last + 1]
