"""Descriptions resolved in context: "the regime", "government forces", "the opposition
delegation", "the rebels" become the actor the article means.

A description is a noun phrase whose head is a noun of ``data/actors_descriptions.tsv``
(regime, government, authorities → the government, GOV; forces, troops, army, warplanes, jets
→ the state's military, MIL; police → COP; rebels → REB; opposition → OPP; delegation,
fighters → whoever sends them: "ISIL fighters" → ISIL), as
/work/shared/ANNOTATION.md codes them. Its country comes, in this order, from:

1. **a name in the phrase**: "the Syrian regime", "the Damascus regime", "the Assad regime",
   "Russian troops" (a name without a country, or an international one — "UN forces",
   "Kurdish forces" — resolves nothing); an organisation's name makes the phrase that
   organisation ("the HNC delegation" → High Negotiations Committee);
2. **another description in the phrase**: "government forces", "regime forces" (the
   government's military), "the regime's delegation" (the government), "the opposition
   delegation" (the opposition);
3. **an earlier description of the same kind** with a country ("the Syrian government" … "the
   government"; "Turkish troops" … "the troops"); a description before any of its kind was
   placed takes, in a second pass, the one country every placed description of its kind
   names ("The regime's delegation left …" before "the Damascus regime": Syria), when
   nothing below gives one;
4. **the place the phrase puts it in**, for rebels and the opposition only: "the rebels in
   Darfur" → Sudan (a place of no known country leaves the phrase unresolved rather than
   falling back to the article's country; "the troops in Syria" may be anyone's);
5. **the article's country**: the one country its mentions name clearly most (≥ 2 mentions and
   1.5 times the next) — for the government nouns, the army/military, rebels and opposition
   only ("the forces", "the troops", "the administration", "the ministry" need 1–3).

The actor: GOV → the country's government actor (the same id as "Syria", "Damascus"); MIL →
"<Demonym> armed forces" (organisation, country, MIL); REB → "<Demonym> rebels" (group);
OPP → the article's one opposition organisation of that country ("the HNC"), else
"<Demonym> opposition" (group); "the ministry" → the last ministry the article named.
Besides names, descriptions and determiners the phrase may say "new" or "current" ("the new
Trump administration"). Anything else in the phrase ("pro-government forces", "Turkish-backed
rebels", "the interim government", "its delegation") leaves it unresolved: a wrong actor is
worse than none.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.attrs import LOWER
from spacy.strings import get_string_id

from dragoman.model import Actor, Mention
from dragoman.actors.coalitions import with_coalitions
from dragoman.actors.names import actor_id

LABEL = "DESC"
HOW = "description"
NON_STATE = frozenset({"IGO", "NGO", "IMG"})
# plain words allowed before a description noun besides names and other descriptions
_NEUTRAL = frozenset({"the", "'s", "’s", "state", "security", "national", "armed", "official",
                      "central", "federal", "government", "regime", "s", "new", "current"})
# nouns resolved from the article's country when nothing closer names it
_HOME_NOUNS = frozenset({"regime", "government", "authorities", "army", "military", "rebels",
                         "insurgents", "opposition"})
_GROUP_WORD = {"MIL": "armed forces", "REB": "rebels", "OPP": "opposition", "COP": "police"}
_GROUP_TYPE = {"MIL": "organisation", "REB": "group", "OPP": "group", "COP": "organisation"}
_DOMINANCE = 1.5
# sectors of a description whose place says whose they are ("the rebels in Darfur" are
# Sudan's; "the troops in Syria" may be anyone's)
_PLACED_SECTORS = frozenset({"REB", "OPP"})
_IN = frozenset({"in", "inside"})


@dataclass(frozen=True, slots=True)
class Described:
    """What one description resolved to."""

    country: str | None
    sector: str | None
    actor: Actor | None = None


class DescriptionResolver:
    """Resolves the descriptions of one article; ``actors`` are its named actors."""

    def __init__(self, doc, mentions: list[Mention], actors: dict[str, Actor],
                 gazetteer) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        self.mentions = mentions
        self.actors = actors
        self.home = home_country(mentions, actors)
        self.timeline: dict[str, list[tuple[int, str]]] = {}
        # kind → the one country every placed description of that kind names (second pass)
        self.only: dict[str, str] = {}

    def resolve_all(self, article_id: str) -> list[tuple[Mention, Actor]]:
        """A ``DESC`` mention and its actor for every description that resolves: in text
        order, then once more for those left before any description of their kind was placed,
        when every placed one of that kind agrees on one country (:attr:`only`)."""
        candidates = self._candidates()
        found = self._resolve(article_id, candidates)
        self.only = {kind: next(iter(countries)) for kind, placed in self.timeline.items()
                     if len(countries := {country for _, country in placed}) == 1}
        if not self.only:
            return found
        done = {mention.end for mention, _ in found}
        later = self._resolve(article_id, [t for t in candidates if t.idx + len(t) not in done])
        return sorted(found + later, key=lambda pair: pair[0].start)

    def _resolve(self, article_id: str, candidates: list) -> list[tuple[Mention, Actor]]:
        found = []
        for token in candidates:
            sector = self.noun_sector(token)
            if sector is False or self._mention_at(token) or self._inside_larger(token):
                continue
            start = self._phrase_start(token)
            described = self.describe(token, sector)
            if described is None or described.actor is None:
                continue
            span = self.doc[start:token.i + 1]
            found.append((Mention(article_id, span.start_char, span.end_char, span.text, LABEL,
                                  described.actor.actor_id, HOW), described.actor))
        return found

    def _candidates(self) -> list:
        """Tokens whose lower-case form is a description noun (found on the doc's array of
        ``LOWER`` hashes, without making a Token for every word)."""
        wanted = noun_hashes(frozenset(self.gazetteer.descriptions))
        lower = self.doc.to_array([LOWER]).tolist()
        return [self.doc[i] for i, word in enumerate(lower) if word in wanted]

    def noun_sector(self, token):
        """The sector a description noun gives (None for "delegation"), False when not one."""
        if token.pos_ != "NOUN" or token.ent_type_:
            return False
        table = self.gazetteer.descriptions
        word = token.lower_
        return table[word] if word in table else False

    def _inside_larger(self, token) -> bool:
        """ "the regime's delegation", "government forces": the outer noun is the phrase."""
        return token.dep_ in ("poss", "compound") and self.noun_sector(token.head) is not False \
            and token.head.i > token.i

    def _phrase_start(self, token) -> int:
        start = token.left_edge.i
        while start < token.i and self.doc[start].is_punct:
            start += 1
        return start

    def describe(self, token, sector) -> Described | None:
        """Country, sector and actor of the description headed by ``token``; None when its
        words say something we cannot resolve safely."""
        modifiers = [c for c in token.children if c.dep_ in ("amod", "compound", "poss", "nmod")
                     and c.i < token.i]
        words = [t for t in self.doc[token.left_edge.i:token.i] if not t.is_punct]
        country, named = None, None
        for modifier in modifiers:
            inner = self.noun_sector(modifier)
            if inner is not False:  # "government forces", "the regime's delegation"
                found = self.describe(modifier, inner)
                if found is None:
                    return None
                country = country or found.country
                if sector is None:
                    return found
                continue
            mention = self._mention_at(modifier)
            if mention is None:
                continue
            actor = self.actors.get(mention.actor_id or "")
            if actor is not None and actor.type == "person" and not actor.country \
                    and token.lower_ in _HOME_NOUNS:
                continue  # "the Assad regime": the regime of the article's country
            if actor is not None and actor.type in ("organisation", "group") and actor.sector:
                named = actor  # "ISIL fighters", "the HNC delegation"
                continue
            if actor is None or not actor.country or actor.country in NON_STATE:
                return None
            country = country or actor.country
        for word in words:
            if not (word.lower_ in _NEUTRAL or self._mention_at(word) is not None
                    or self.noun_sector(word) is not False):
                return None  # "pro-government", "interim", "Turkish-backed", "its"
        if named is not None:  # its own body, or something we cannot name ("UN forces")
            return Described(named.country, named.sector, named) \
                if named.sector == (sector or named.sector) else None
        if sector is None:
            return None  # a delegation of nobody we know
        if country is None and sector in _PLACED_SECTORS:
            place = self._place_of(token)
            if place is not False:  # "the rebels in Darfur": Sudan's, or nobody we know
                return None if place is None else self._resolved(token, sector, place)
        return self._resolved(token, sector, country)

    def _place_of(self, token):
        """The country of the place a description is put in ("the rebels in Darfur"), None
        for a place of no one country, False when the phrase puts it nowhere."""
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in _IN):
            for place in (c for c in prep.children if c.dep_ == "pobj"):
                mention = self._mention_at(place)
                actor = self.actors.get(mention.actor_id or "") if mention else None
                if actor is None or actor.type == "person" or not actor.country \
                        or actor.country in NON_STATE:
                    return None
                return actor.country
        return False

    def _resolved(self, token, sector: str, country: str | None) -> Described | None:
        kind = sector
        if country is not None:
            self.timeline.setdefault(kind, []).append((token.idx, country))
        else:
            earlier = [c for at, c in self.timeline.get(kind, ()) if at < token.idx]
            country = earlier[-1] if earlier else (
                self.home if token.lower_ in _HOME_NOUNS else None) or self.only.get(kind)
        if country is None:
            return None
        return Described(country, sector, self._actor(token, sector, country))

    def _actor(self, token, sector: str, country: str) -> Actor | None:
        names = self.gazetteer.country_names.get(country)
        if token.lower_ == "ministry":
            return self._last_ministry(token, country)
        if sector == "GOV":
            if names is None:
                return None
            return Actor(actor_id("country", names[0]), names[0], "country", country,
                         "GOV", aliases=(names[0],))
        if sector == "OPP":
            bodies = {a.actor_id: a for a in self.actors.values() if a.country == country
                      and a.sector == "OPP" and a.type == "organisation"}
            if len(bodies) == 1:
                return next(iter(bodies.values()))
        if sector not in _GROUP_WORD or names is None:
            return None
        name = f"{names[1]} {_GROUP_WORD[sector]}"
        return Actor(actor_id(_GROUP_TYPE[sector], name), name, _GROUP_TYPE[sector],
                     country, sector, aliases=(name,))

    def _last_ministry(self, token, country: str) -> Actor | None:
        for mention in reversed(self.mentions):
            actor = self.actors.get(mention.actor_id or "")
            if mention.start < token.idx and actor is not None and actor.country == country \
                    and "ministry" in actor.name.lower():
                return actor
        return None

    def _mention_at(self, token) -> Mention | None:
        for mention in self.mentions:
            if mention.start <= token.idx < mention.end:
                return mention
        return None


@lru_cache(maxsize=4)
def noun_hashes(nouns: frozenset[str]) -> frozenset[int]:
    """spaCy's (deterministic) string hashes of the description nouns."""
    return frozenset(get_string_id(noun) for noun in nouns)


def home_country(mentions: list[Mention], actors: dict[str, Actor]) -> str | None:
    """The one state the article's mentions name clearly most (≥ 2 mentions and
    :data:`_DOMINANCE` times the next), else None."""
    counts = Counter(actor.country for m in mentions
                     if (actor := actors.get(m.actor_id or "")) is not None and actor.country
                     and actor.country not in NON_STATE)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2:
        return None
    if len(ranked) > 1 and ranked[0][1] < _DOMINANCE * ranked[1][1]:
        return None
    return ranked[0][0]


def article_countries(mentions: list[Mention], actors: dict[str, Actor]) -> list[str]:
    """The states the article names, most mentioned first (context for places)."""
    counts = Counter(actor.country for m in mentions
                     if (actor := actors.get(m.actor_id or "")) is not None and actor.country
                     and actor.country not in NON_STATE)
    return [country for country, _ in counts.most_common()]


def with_descriptions(doc, article_id: str, mentions: list[Mention], actors: dict[str, Actor],
                      gazetteer) -> tuple[list[Mention], dict[str, Actor]]:
    """``mentions`` and ``actors`` plus every description the article lets us resolve, then
    every military coalition (:mod:`~dragoman.actors.coalitions`); an actor a description
    names counts the mention (no alias is added: "the regime" is not a name)."""
    mentions, actors = with_ethnic_groups(doc, mentions, actors, gazetteer)
    resolver = DescriptionResolver(doc, mentions, actors, gazetteer)
    found = resolver.resolve_all(article_id)
    if not found:
        return with_coalitions(doc, article_id, mentions, actors, gazetteer)
    actors = dict(actors)
    for mention, actor in found:
        known = actors.get(actor.actor_id)
        actors[actor.actor_id] = replace(known, mentions=known.mentions + 1) if known else \
            replace(actor, mentions=1)
    return with_coalitions(doc, article_id, [*mentions, *(m for m, _ in found)], actors,
                           gazetteer)


def with_ethnic_groups(doc, mentions: list[Mention], actors: dict[str, Actor],
                       gazetteer) -> tuple[list[Mention], dict[str, Actor]]:
    """"ethnic Albanians", "ethnic Albanian guerrillas": a nationality word after "ethnic"
    names a group that lives somewhere, not the state of that nationality; the mention is
    linked to the group ("ethnic Albanians"), placed in the one other country or place of a
    country its sentence names ("operating in Macedonia" → MKD), else in none."""
    changed = False
    actors = dict(actors)
    found = []
    for mention in mentions:
        actor = actors.get(mention.actor_id or "")
        group = _ethnic_group(doc, mention, actor, mentions, actors, gazetteer)
        if group is None:
            found.append(mention)
            continue
        changed = True
        if actor.mentions > 1:
            actors[actor.actor_id] = replace(actor, mentions=actor.mentions - 1)
        else:
            actors.pop(actor.actor_id)
        known = actors.get(group.actor_id)
        actors[group.actor_id] = replace(known, mentions=known.mentions + 1) if known else group
        found.append(replace(mention, actor_id=group.actor_id, how=HOW))
    return (found, actors) if changed else (mentions, actors)


def _ethnic_group(doc, mention: Mention, actor: Actor | None, mentions: list[Mention],
                  actors: dict[str, Actor], gazetteer) -> Actor | None:
    if actor is None or actor.type != "country" or not actor.country:
        return None
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or span.start == 0 or doc[span.start - 1].lower_ != "ethnic":
        return None
    names = gazetteer.country_names.get(actor.country)
    if names is None:
        return None
    sentence = span.sent
    others = {other.country for m in mentions
              if sentence.start_char <= m.start < sentence.end_char
              and (other := actors.get(m.actor_id or "")) is not None and other.country
              and other.type in ("country", "location") and other.country not in NON_STATE
              and other.country != actor.country}
    country = others.pop() if len(others) == 1 else None
    demonym = names[1]
    name = f"ethnic {demonym} people" if demonym.endswith(("sh", "ch", "ese", "ss")) else \
        f"ethnic {demonym}s"
    evidence = (f"country\t{country}\tethnic group: the one other state of its sentence",) \
        if country else ()
    return Actor(actor_id("group", name), name, "group", country, None, aliases=(name,),
                 mentions=1, evidence=evidence)
