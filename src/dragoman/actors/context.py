"""A person's country from the article around the name, when the name's own title gives none.

``link_document`` gives a person the country their title or apposition names ("Russian Foreign
Minister Sergey Lavrov"). Many articles name the country only around the person; this module
reads the evidence a careful reader uses, and gives the country only when every piece of
evidence found agrees (a wrong country is worse than none):

- **the clause's subject**: the person hangs under a clause whose subject is a country or an
  organisation of one — "Russia threw up another barrier, with Foreign Minister Sergei Lavrov
  saying …", "France has sought … since the arrival of President Emmanuel Macron", "Russia under
  President Putin". Only "with … saying", "since", "under" (and "of" below them) lead there:
  "Russia criticised Turkey after talks with President Erdogan" names no country for Erdogan;
- **the title introduced elsewhere**: "a spokeswoman for the State Department said …" and later
  "spokeswoman Heather Nauert": the one person of the article with that title gets the country
  of the body the title was given with ("for/of/at the State Department", "the Kremlin's
  spokesman", "Russia's foreign minister");
- **the one country of the sentence**: a person holding a state office (president, prime
  minister, general, judge …) in a sentence that names exactly one country, where that country
  is not a party the person deals with ("with/against/to/from Armenia", a verb's object) and the
  person is not travelling ("arrived in", "visited"): "President Omar El Bashir … shortened the
  curfew imposed in Sudan", "President Yoweri Museveni has banned Ugandan opposition candidates".

- **the person's own clause**: an apposition or relative clause that ties the person to a
  country's body or names where they come from — "Metin Gurcan, … former adviser to the
  Turkish military", "Mohammed Benhammou, an adviser to the Moroccan government", "Marco
  Ferreira, who was in charge of Venezuela's immigration office", "Munir Emkideh, who is from
  the Syrian city of Deraa", "who came from the Syrian capital Damascus"; and "his native
  Afghanistan", "fled her war-torn Syria" (a country owned by "his"/"her") in a sentence that
  names no other person. A body is read only through a noun
  of belonging ("adviser to", "member of", "head of", "in charge of"): "a critic of the Syrian
  government" names no country for the critic.

Cross-document evidence (the same actor placed in another article) is applied by the resolve
stage (:mod:`dragoman.actors.stage`).
"""
from __future__ import annotations

from dataclasses import replace

from dragoman.model import Actor, Mention
from dragoman.actors.nouns import TITLE_NOUNS

# codes that are not countries: a person's "country" must be a state
NON_STATE = frozenset({"IGO", "NGO", "IMG"})
# prepositions through which a person still belongs to the clause's subject
_BELONGING = frozenset({"since", "under"})
# sectors of bodies inside one state: a person of that sector (from "the head of the
# opposition delegation") belongs to the article's one body of it ("the HNC", SYR OPP)
_ORG_SECTORS = frozenset({"OPP", "REB", "PTY", "INS"})
# titles that an unnamed phrase introduces for the person named later ("a spokeswoman for the
# State Department said …" … "spokeswoman Heather Nauert said"); "the US ambassador" or "the
# Russian president" earlier is too often someone else
_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson"})
# nouns through which a person belongs to the body their preposition names ("adviser to the
# Turkish military", "in charge of Venezuela's immigration office")
_BELONGING_NOUNS = frozenset({"adviser", "advisor", "official", "member", "head", "chief",
                              "charge", "spokesman", "spokeswoman", "spokesperson", "officer",
                              "envoy", "ambassador", "representative", "employee", "director"})
# bodies of a state a person can belong to
_BODIES = frozenset({"government", "military", "army", "ministry", "office", "navy",
                     "embassy", "consulate", "parliament", "cabinet", "administration",
                     "forces", "intelligence", "police"})
# nouns of a place someone comes from ("from the Syrian city of Deraa")
_HOME_NOUNS = frozenset({"city", "capital", "town", "village", "province", "region", "country"})


def place_people(doc, mentions: list[Mention], actors: dict[str, Actor],
                 title_nouns: frozenset = TITLE_NOUNS) -> dict[str, Actor]:
    """``actors`` with a country given to the people whose context names one (see above);
    ``title_nouns`` are the nouns that name one person by their office ("spokeswoman")."""
    context = _Context(doc, mentions, actors, title_nouns)
    placed = dict(actors)
    for actor_id, actor in actors.items():
        if actor.type == "person" and not actor.country:
            countries, sectors = context.evidence(actor)
            if len(countries) == 1:
                sector = actor.sector or (sectors.pop() if len(sectors) == 1 else None)
                country = countries.pop()
                why = f"country\t{country}\tcontext: the article around the name " \
                      "(clause subject, spokesperson, shared possessive, the one body of " \
                      "its sector, or the person's own apposition or relative clause)"
                placed[actor_id] = replace(actor, country=country, sector=sector,
                                           evidence=actor.evidence + (why,))
    return placed


class _Context:
    """What one article says around its people: the actor of each token, the titles given in
    unnamed phrases, how many people hold each title, the one state of each body's sector."""

    def __init__(self, doc, mentions: list[Mention], actors: dict[str, Actor],
                 title_nouns: frozenset) -> None:
        self.doc, self.mentions = doc, mentions
        self.tokens = _token_actors(doc, mentions, actors)
        self.titled = _titles_with_country(doc, self.tokens, title_nouns)
        self.holders: dict[str, int] = {}
        for actor in actors.values():
            if actor.type == "person" and actor.role:
                head = actor.role.split()[-1].lower()
                self.holders[head] = self.holders.get(head, 0) + 1
        states: dict[str, set] = {}
        for other in actors.values():
            if other.type in ("organisation", "group") and other.sector in _ORG_SECTORS:
                states.setdefault(other.sector, set()).add(other.country)
        self.sector_states = {k: v for k, v in states.items()
                              if len(v) == 1 and None not in v and not v & NON_STATE}

    def evidence(self, actor: Actor) -> tuple[set[str], set[str | None]]:
        """(countries, sectors) the article's evidence gives this person."""
        own = [m for m in self.mentions if m.actor_id == actor.actor_id]
        countries: set[str] = set()
        for mention in own:
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                countries |= _mention_evidence(span, actor, self.tokens)
        head = actor.role.split()[-1].lower() if actor.role else None
        first = min((m.start for m in own), default=0)
        given = [(c, s) for c, s, at in self.titled.get(head, ()) if at < first]
        sectors: set[str | None] = set()
        if given and self.holders.get(head) == 1 and head in _SPOKESPEOPLE \
                and len(actor.role.split()) == 1:
            countries |= {country for country, _ in given}
            sectors = {sector for _, sector in given}
        if not countries and actor.sector in self.sector_states:
            countries = set(self.sector_states[actor.sector])
        return countries, sectors


def _token_actors(doc, mentions: list[Mention], actors: dict[str, Actor]) -> dict[int, Actor]:
    """Token index → the actor of the mention covering it."""
    found: dict[int, Actor] = {}
    for mention in mentions:
        actor = actors.get(mention.actor_id or "")
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if actor is not None and span is not None:
            for token in span:
                found[token.i] = actor
    return found


def _state(actor: Actor | None) -> str | None:
    if actor is None or actor.type == "person" or not actor.country:
        return None
    return None if actor.country in NON_STATE else actor.country


def _mention_evidence(span, actor: Actor, tokens: dict[int, Actor]) -> set[str]:
    found = set()
    country = _subject_country(span, tokens)
    if country:
        found.add(country)
    country = _conjunct_country(span, actor, tokens)
    if country:
        found.add(country)
    return found | _own_clause_countries(span, tokens)


def _own_clause_countries(span, tokens: dict[int, Actor]) -> set[str]:
    """The countries the person's apposition or relative clause ties them to, and "his
    native X" in a sentence that names no other person (see the module's docstring)."""
    found: set[str] = set()
    for clause in (c for c in span.root.children if c.dep_ in ("appos", "relcl", "acl")):
        for token in clause.subtree:
            if _about_person(token, clause):
                found |= _belonging_country(token, tokens) | _home_country(token, tokens)
    sentence = span.root.sent
    others = {a.actor_id for i in range(sentence.start, sentence.end) if (a := tokens.get(i))
              is not None and a.type == "person"}
    if len(others) == 1:  # "his native Afghanistan", "fled her war-torn Syria"
        for token in sentence:
            country = _state(tokens.get(token.i))
            if country and tokens[token.i].type == "country" and any(
                    c.dep_ == "poss" and c.lower_ in ("his", "her") for c in token.children):
                found.add(country)
    return found


_PATH_DEPS = frozenset({"conj", "attr", "pobj", "prep", "appos", "acomp", "cc"})


def _about_person(token, clause) -> bool:
    """Whether ``token`` says something of the person the clause hangs on: reached from the
    apposition's head, or from a relative clause whose subject is "who"/"that", through
    conjuncts, attributes and prepositions only ("whose grandparents migrated from Turkey" is
    about the grandparents)."""
    if clause.dep_ == "relcl" and not any(c.dep_ in ("nsubj", "nsubjpass")
                                          and c.lower_ in ("who", "that")
                                          for c in clause.children):
        return False
    node = token.head if token.lower_ == "from" else token.head.head
    for _ in range(8):
        if node.i == clause.i:
            return True
        if node.dep_ not in _PATH_DEPS or node.head.i == node.i:
            return False
        node = node.head
    return False


def _belonging_country(token, tokens: dict[int, Actor]) -> set[str]:
    """"adviser to the Turkish military": a body noun under a preposition under a noun of
    belonging; the body's country from its adjective or possessive."""
    if token.lower_ not in _BODIES or token.dep_ != "pobj" or token.head.dep_ != "prep" \
            or token.head.head.lower_ not in _BELONGING_NOUNS:
        return set()
    return {c for t in token.children if t.dep_ in ("amod", "compound", "poss")
            and (c := _state(tokens.get(t.i)))}


def _home_country(token, tokens: dict[int, Actor]) -> set[str]:
    """"from the Syrian city of Deraa", "from the Syrian capital Damascus", "from Syria"."""
    if token.lower_ != "from" or token.dep_ != "prep":
        return set()
    found = set()
    for place in (c for c in token.children if c.dep_ == "pobj"):
        if _state(tokens.get(place.i)):
            found.add(_state(tokens.get(place.i)))
        elif place.lower_ in _HOME_NOUNS:
            found |= {c for t in place.children if t.dep_ in ("amod", "compound", "poss")
                      and (c := _state(tokens.get(t.i)))}
    return found


def _conjunct_country(span, actor: Actor, tokens: dict[int, Actor]) -> str | None:
    """"Russia's Deputy Foreign Minister Gennady Gatilov and Middle East director Sergei
    Vershinin": a titled person joined by "and" to a person whose title has a country's
    possessive (read from the words, as the parse of such lists varies)."""
    doc = span.doc
    if not actor.role:
        return None
    i = span.start - 1
    while i > 0 and span.start - i <= 6 and doc[i].lower_ != "and" and not doc[i].is_punct \
            and getattr(tokens.get(i), "type", None) != "person":
        i -= 1
    if i <= 0 or doc[i].lower_ != "and":
        return None
    other = tokens.get(i - 1)
    if other is None or other.type != "person" or not other.country:
        return None
    start = i - 1
    while start > 0 and tokens.get(start - 1) is other:
        start -= 1
    title = doc[max(0, start - 6):start]
    possessive = any(t.dep_ == "poss" and _state(tokens.get(t.i)) == other.country
                     for t in title)
    return other.country if possessive else None


def _subject_country(span, tokens: dict[int, Actor]) -> str | None:
    """The country of the subject of the clause the person belongs to, or None."""
    token, through = span.root, False
    for _ in range(8):
        head = token.head
        if head.i == token.i:
            return None
        if token.dep_ in ("nsubj", "nsubjpass"):
            # "with Foreign Minister Sergei Lavrov saying": the participle under "with"
            if head.tag_ != "VBG" or head.dep_ not in ("pcomp", "pobj") \
                    or head.head.lower_ != "with":
                return None
            token, through = head.head, True
        elif token.dep_ == "pobj" and head.dep_ == "prep":
            if head.lower_ in _BELONGING:
                through = True
            elif head.lower_ != "of":
                return None
            token = head
        elif token.dep_ == "prep" and head.pos_ in ("VERB", "AUX"):
            return _verb_subject_country(head, tokens) if through else None
        elif token.dep_ == "prep" and head.pos_ in ("NOUN", "PROPN"):
            if through and _state(tokens.get(head.i)):
                return _state(tokens.get(head.i))  # "Russia under President Putin"
            token = head
        else:
            return None
    return None


def _verb_subject_country(verb, tokens: dict[int, Actor]) -> str | None:
    states = {_state(tokens.get(c.i)) for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}
    states.discard(None)
    return states.pop() if len(states) == 1 else None


def _titles_with_country(doc, tokens: dict[int, Actor], title_nouns: frozenset) -> dict:
    """Title noun → (country, sector, offset) of the unnamed phrases that give it ("a spokeswoman for the
    State Department", "the Kremlin's spokesman", "the State Department spokeswoman")."""
    found: dict[str, set[str]] = {}
    for token in doc:
        lemma = token.lemma_.lower()
        if lemma not in title_nouns or token.pos_ != "NOUN" or token.i in tokens:
            continue
        if any(t.ent_type_ == "PERSON" for t in doc[token.i + 1:token.i + 3]) \
                or token.dep_ == "appos" or any(c.dep_ == "appos" for c in token.children):
            continue  # a named person's own title
        for child in token.children:
            target = child
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "at"):
                target = next((c for c in child.children if c.dep_ == "pobj"), None)
            elif child.dep_ not in ("compound", "poss"):
                continue
            if target is None:
                continue
            body = tokens.get(target.i)
            country = _state(body)
            if country:
                sector = body.sector if body.type == "organisation" else None
                found.setdefault(lemma, set()).add((country, sector, token.idx))
    return found
