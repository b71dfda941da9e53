"""Who did it to whom: the source and target of an event verb, as phrases and actors.

- **source** is the verb's subject (inherited through ``conj``/``advcl``/``xcomp`` as for
  speakers, :func:`dragoman.nlp.statements.subject_of`), or the ``by`` agent of a passive;
  **target** its object (``dobj``, dative, the ``pobj`` of on/with/to/against/at), or the
  subject of a passive.
- **compound parties** ("Russia, Turkey and Iran") give one party per conjunct, so the caller
  makes one event per actor, as PLOVER prescribes.
- **actors**: a person named in the phrase; else the actor the head names ("Moscow"); else,
  for an agent noun ("the Syrian regime", "Russian warplanes", "the regime's delegation"), a
  country and sector without an actor id: the country of a name that modifies it, or of the
  last earlier phrase in the article with the same agent noun and a country ("the Assad regime"
  … "the regime"); the sector from the gazetteer's agent nouns.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from dragoman.model import Actor
from dragoman.nlp.actors import DocActors, Gazetteer
from dragoman.nlp.statements import noun_phrase, object_of, subject_of

PERSON_PRONOUNS = frozenset({"he", "she"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
_NAMED = frozenset({"GPE", "NORP", "ORG", "PERSON"})
_MEETING_NOUNS = frozenset({"talk", "talks", "discussion", "negotiation", "meeting"})


@dataclass(frozen=True, slots=True)
class Party:
    """One side of an event: the phrase as written, and what it resolved to."""

    text: str
    start: int
    end: int
    actor_id: str | None = None
    country: str | None = None
    sector: str | None = None


def participants(verb, pair_word: str = ""):
    """``(source token, target token)``; a passive's ``by`` agent is the source and its subject
    (or the noun a passive participle modifies) the target."""
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if passive is None and agent is None:
        target = object_of(verb, pair_word)
        if target is None and pair_word in _MEETING_NOUNS:
            target = object_of(verb)  # "left the talks": the talks are what was left
        return subject_of(verb), target
    by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    if passive is None and verb.dep_ == "acl":
        passive = verb.head
    return by, passive


def conjuncts(token) -> list:
    """The token and the nouns coordinated with it ("Russia, Turkey and Iran" → three)."""
    if token is None:
        return [None]
    found = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.ent_type_ in _NAMED:
            found += [c for c in conjuncts(child) if c is not None]
    return found


class PartyResolver:
    """Resolves party tokens of one article to :class:`Party` records."""

    def __init__(self, doc, actors: DocActors, gazetteer: Gazetteer) -> None:
        self.actors = actors
        self.gazetteer = gazetteer
        self.agent_country = self._agent_countries(doc)

    def party(self, token, single: bool = False) -> Party | None:
        """The party a token heads; ``single`` keeps only the token's own phrase (a conjunct)."""
        if token is None:
            return None
        if token.lower_ in PERSON_PRONOUNS:
            return self._from_actor(token.text, token.idx, token.idx + len(token),
                                    self.actors.last_person_before(token.idx))
        span = _own_phrase(token) if single else noun_phrase(token)
        text, start, end = span.text, span.start_char, span.end_char
        if token.lower_ == "they":
            antecedent = self._plural_antecedent(token)
            if antecedent is not None:
                return replace(antecedent, text=text, start=start, end=end)
        if token.pos_ == "PRON":
            return Party(text, start, end)
        actor = self._named(span, token)
        if actor is not None:
            return self._from_actor(text, start, end, actor)
        country, sector = self._agent(span, token)
        return Party(text, start, end, None, country, sector)

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
    def _from_actor(text: str, start: int, end: int, actor: Actor | None) -> Party:
        if actor is None:
            return Party(text, start, end)
        return Party(text, start, end, actor.actor_id, actor.country, actor.sector)

    def _named(self, span, head) -> Actor | None:
        named = [m for m in self.actors.mentions
                 if m.start < span.end_char and m.end > span.start_char and m.actor_id]
        actors = [self.actors.actors.get(m.actor_id) for m in named]
        for actor in actors:
            if actor is not None and actor.type == "person":
                return actor
        for mention, actor in zip(named, actors):
            if mention.start <= head.idx < mention.end:
                return actor
        return None

    def _agent(self, span, head) -> tuple[str | None, str | None]:
        """Country and sector of an agent-noun phrase ("the Syrian regime's delegation")."""
        words = [t.lower_ for t in span if not t.is_punct]
        sector = self.gazetteer.agent_sector(words)
        country = self._modifier_country(span)
        if country is None and head.lemma_.lower() in self.agent_country:
            country = self.agent_country[head.lemma_.lower()].get_before(head.idx)
        if country is None:
            for token in span:
                if token.lemma_.lower() in self.agent_country and token.dep_ == "poss":
                    country = self.agent_country[token.lemma_.lower()].get_before(token.idx)
        return country, sector if (country or sector) else None

    def _modifier_country(self, span) -> str | None:
        for mention in self.actors.mentions:
            if mention.start < span.end_char and mention.end > span.start_char:
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
