"""Cross-document actor identity: which actor ids name the same actor, and why.

Actor ids are hashes of normalised names, so the same spelling is already one actor. This module
finds the *variants* and merges them only with evidence, recorded for each merge:

1. **same name, other type** — "Staffan de Mistura" labelled a person in one article and an
   organisation in another: one actor, of the type most mentions give;
2. **same name without particles** — "Bashar al-Assad" / "Bashar Assad" (people only);
3. **surname of exactly one person** — "Jaafari" alone in an article, and exactly one person in
   view whose name ends so ("Bashar al-Ja'afari"), with no conflicting country. Two people with
   that surname ("Nasr al-Hariri", "Saad Hariri") and nothing is merged — unless one of them
   dominates the record (``DOMINANCE`` times the others' mentions, spellings of one first and
   last name counted together): "Trump" → Donald Trump, not Ivanka or Melania;
4. **the same place** — locations geocoded to the same GeoNames city ("Hasakeh" / "Hasaka");
5. **spelling variant** — the given names of one among the other's, surnames at least
   ``SIMILARITY`` alike, countries not in conflict, AND a shared role word or the same country
   and first name ("Alexandre Georgini", FRA, "deputy spokesman" / "Alexandre Giorgini",
   "deputy foreign ministry spokesman"; "Tayyip Erdoan" / "Recep Tayyip Erdogan", president);
6. **a country run into a name** — "Syrias Afrin", "Tabqa Syria": the place (or the country's
   own person or organisation) the rest names; "Syrias" alone: Syria;
7. **a short form** — "Amnesty" / "Amnesty International": the first words of one dominant
   organisation's name; organisations' names compare with ordinals in words, "department of
   X" as "X department" and an Arabic head word last in English ("Jabhat al-Nusra" /
   "Nusra Front").

The canonical actor is one already known (stored), else the most mentioned, else the longer
name. :func:`apply_merges` rewrites a batch's mentions, statements and events to it.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache

from dragoman.model import Actor
from dragoman.actors.mentions import (ORGANISATION_WORDS, PARTICLES, actor_id, loose_key,
                                      name_key)
from dragoman.pipeline import Batch

SIMILARITY = 0.8
# a surname alone means its dominant bearer: ≥ DOMINANCE times the other bearers' mentions
# together, and at least DOMINANT_MENTIONS mentions (:func:`dominant_bearer`)
# courtesy titles written before a surname alone ("Ms Le Pen", "Mr Bradley")
HONORIFICS = frozenset({"mr", "ms", "mrs", "miss", "dr"})
# a courtesy title glued to the particle after it by the source ("Mrde Mistura": Mr de Mistura)
_GLUED_HONORIFICS = frozenset(h + p for h in HONORIFICS for p in PARTICLES)
# the first half of an Arabic compound given name: "Abdul Wahab", "Abdel Rahman", "Abu Bakr"
# end in no surname ("al-Wahab" alone is a district, not Abdul Wahab)
_COMPOUND_HEADS = frozenset({"abd", "abdul", "abdel", "abdal", "abdol", "abu", "abou"})
# a "person" whose name starts so is a fragment of something else ("Without Borders")
_FUNCTION_WORDS = frozenset({"without", "of", "for", "and", "the", "with", "from", "in", "on"})
DOMINANCE = 10
# a one-word possessive without its apostrophe ("Jayruds") joins a plain name this many times
# more mentioned
POSSESSIVE_RATIO = 3
DOMINANT_MENTIONS = 20
# country codes of bodies that belong to no one country
_INTERNATIONAL = frozenset({"IGO", "NGO"})
_ROLE_STOPWORDS = frozenset({"the", "of", "a", "an", "and", "to", "for", "in", "head", "deputy",
                             "chief", "senior", "former"})


@dataclass(frozen=True, slots=True)
class Merge:
    """Actor ``alias_id`` (named ``alias``) is actor ``actor_id``, because of ``evidence``."""

    alias_id: str
    actor_id: str
    alias: str
    evidence: str

    def encoded(self) -> str:
        """The form ``Actor.merged`` carries to the store's ``actor_merges`` table."""
        return f"{self.alias_id}\t{self.alias}\t{self.evidence}"


def find_merges(actors: Iterable[Actor], known: Iterable[Actor] = ()) -> list[Merge]:
    """Merges among ``actors`` (this batch) and into ``known`` (already stored) actors."""
    known = list(known)
    pool = _one_per_id([*known, *actors])
    stored = {a.actor_id for a in known}
    merges: dict[str, Merge] = {}
    for rule in (_typed_places, _country_run_in, _type_variants, _particle_variants,
                 _place_and_org_variants, _same_place, _possessive_variants, _surname_only,
                 _spelling_variants, _short_forms):
        live = [a for a in pool if a.actor_id not in merges]
        for alias, target, evidence in rule(live):
            if alias.actor_id == target.actor_id or alias.actor_id in merges:
                continue
            if rule not in _RULE_CHOOSES_TARGET:
                alias, target = _direction(alias, target, stored)
            elif alias.actor_id in stored and target.actor_id not in stored:
                alias, target = target, alias  # else the rule's choice: the fuller spelling
            merges[alias.actor_id] = Merge(alias.actor_id, target.actor_id, alias.name, evidence)
    return _follow_chains(merges)


def _one_per_id(actors: list[Actor]) -> list[Actor]:
    seen: dict[str, Actor] = {}
    for actor in actors:
        known = seen.get(actor.actor_id)
        seen[actor.actor_id] = actor if known is None else replace(
            known, mentions=known.mentions + actor.mentions, country=known.country or actor.country,
            role=known.role or actor.role)
    return list(seen.values())


def _direction(a: Actor, b: Actor, stored: set[str]) -> tuple[Actor, Actor]:
    """(alias, canonical): the stored one, else a person's full name, else the one placed in a
    country, else the most mentioned, else the longer name."""
    rank = lambda x: (x.actor_id in stored, x.type == "person",  # noqa: E731
                      len(_given_and_surname(x.name)) > 1, x.country is not None, x.mentions,
                      len(x.name))
    return (a, b) if rank(b) >= rank(a) else (b, a)


def _given_and_surname(name: str) -> list[str]:
    """The name's key words without particles and a leading courtesy title ("Mr Bradley" →
    ["bradley"]), one glued to its particle too ("Mrde Mistura" → ["mistura"])."""
    tokens = loose_key(name).split()
    while len(tokens) > 1 and tokens[0] in HONORIFICS | _GLUED_HONORIFICS:
        tokens = tokens[1:]
    return tokens


def preferred(a: Actor, b: Actor) -> tuple[Actor, Actor]:
    """(alias, canonical) of two actors known to be one: a person's full name over a surname,
    else the one placed in a country, else the most mentioned, else the longer name."""
    return _direction(a, b, set())


def _follow_chains(merges: dict[str, Merge]) -> list[Merge]:
    resolved = []
    for merge in merges.values():
        target, seen = merge.actor_id, {merge.alias_id}
        while target in merges and target not in seen:
            seen.add(target)
            target = merges[target].actor_id
        resolved.append(replace(merge, actor_id=target))
    return resolved


def _typed_places(actors: list[Actor]):
    """A person with no country and no role whose name another article's actor has as a place
    it was typed with evidence ("the Jobar district"): that place; with a role too when the
    place has more mentions ("al-Midan", role "Syrian capitals" from "the Syrian capital's
    al-Midan neighborhood"). Not an organisation: a channel is often named after a city
    ("al-Mayadeen" TV, the town of al-Mayadeen)."""
    places: dict[str, Actor] = {}
    for actor in actors:
        why = next((e for e in actor.evidence if e.startswith("type\tlocation\t")), None)
        if actor.type == "location" and why is not None:
            places.setdefault(name_key(actor.name), actor)
    if not places:
        return
    for actor in actors:
        place = places.get(name_key(actor.name))
        if place is not None and actor.type == "person" and actor.country is None \
                and (not actor.role or place.mentions > actor.mentions):
            why = next(e for e in place.evidence if e.startswith("type\tlocation\t"))
            yield actor, place, f"typed a place elsewhere in the record: {why.split(chr(9))[2]}"


def _country_run_in(actors: list[Actor]):
    """ "Syrias Afrin" / "Afrin", "Tabqa Syria" / "Tabqa", "Syrias" / Syria: a country's
    possessive without its apostrophe (FA-KES drops them all) before another actor's name, or
    a country's name after a place's; that actor when it is in view and placed in that country
    (a place may be unplaced after the possessive), the country itself for the possessive
    alone (not a person: "Frances" is a name). Never a group, never "Northern Syria" →
    "Northern"."""
    countries = {name_key(a.name): a for a in actors if a.type == "country" and a.country}
    if not countries:
        return
    by_key: dict[str, list[Actor]] = {}
    for actor in actors:
        if actor.type in ("person", "organisation", "location"):
            by_key.setdefault(_org_place_key(actor.name), []).append(actor)
    for actor in actors:
        if actor.type not in ("person", "organisation", "location"):
            continue
        found = _country_word(name_key(actor.name).split(), countries)
        if found is None or actor.country not in (None, found[0].country):
            continue
        country, rest, leading = found
        if not rest:
            if actor.type != "person":
                yield actor, country, (f"{actor.name!r} is {country.name!r}'s possessive "
                                       "without its apostrophe")
            continue
        targets = [t for t in by_key.get(_org_place_key(rest), [])
                   if t is not actor and _run_in_target(t, country.country, leading)]
        if targets:
            target = max(targets, key=lambda a: (a.mentions, len(a.name)))
            yield actor, target, (f"{actor.name!r} is {target.name!r} with the country "
                                  f"{country.name!r} run into the name")


def _country_word(tokens: list[str],
                  countries: dict[str, Actor]) -> tuple[Actor, str, bool] | None:
    """(country, the rest of the name, whether the country came first) when the name starts
    with a country's possessive without its apostrophe ("syrias afrin") or ends with a
    country's name or possessive ("tabqa syria", "mosul iraqs"), else None."""
    first, last = tokens[0], tokens[-1]
    if first.endswith("s") and first[:-1] in countries:
        return countries[first[:-1]], " ".join(tokens[1:]), True
    if len(tokens) > 1 and last in countries:
        return countries[last], " ".join(tokens[:-1]), False
    if len(tokens) > 1 and last.endswith("s") and last[:-1] in countries:
        return countries[last[:-1]], " ".join(tokens[:-1]), False
    return None


def _run_in_target(actor: Actor, country: str, leading: bool) -> bool:
    """Whether ``actor`` may be what a name with ``country`` run into it names: a place of
    that country, or after the possessive an unplaced place or a person or organisation of
    that country ("Turkeys Anadolu Agency"; not "Syrias Muslim Brotherhood" → an unplaced
    "Muslim Brotherhood")."""
    if actor.type == "location":
        return actor.country == country or leading and actor.country is None
    return leading and actor.type in ("person", "organisation") and actor.country == country


def _type_variants(actors: list[Actor]):
    by_key: dict[str, list[Actor]] = {}
    for actor in actors:
        if actor.type in ("person", "organisation", "location") and actor.country is None \
                or actor.type == "person":
            by_key.setdefault(name_key(actor.name), []).append(actor)
    for key, group in by_key.items():
        types = Counter({a.type: 0 for a in group})
        for actor in group:
            types[actor.type] += actor.mentions
        if len(types) < 2:
            continue
        winner = max(group, key=lambda a: (types[a.type], a.type == "person"))
        labels = ", ".join(f"{t} ({n})" for t, n in types.most_common())
        for actor in group:
            if actor is not winner:
                yield actor, winner, f"same name {winner.name!r} labelled {labels}"


def _particle_variants(actors: list[Actor]):
    people = [a for a in actors if a.type == "person" and len(loose_key(a.name).split()) > 1]
    by_loose: dict[str, list[Actor]] = {}
    for actor in people:
        by_loose.setdefault(loose_key(actor.name), []).append(actor)
    yield from _into_head(by_loose.values(), "the same name apart from particles (al-, de, "
                                             "bin …)")


def _into_head(groups, why: str):
    """(actor, head, reason) for each group of variants whose countries agree: every actor
    merged into the group's most mentioned (then longest) name."""
    for group in groups:
        if len(group) > 1 and _countries_agree(group):
            head = max(group, key=lambda a: (a.mentions, len(a.name)))
            for actor in group:
                if actor is not head:
                    yield actor, head, f"{actor.name!r} and {head.name!r}: {why}"


# British and American spellings of the words in organisations' names
_US_SPELLING = {"organisation": "organization", "organisations": "organizations",
                "defence": "defense", "centre": "center", "programme": "program",
                "labour": "labor", "councillor": "councilor"}


# ordinals written as numbers ("9th Circuit" / "Ninth Circuit")
_ORDINALS = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth", "5th": "fifth",
             "6th": "sixth", "7th": "seventh", "8th": "eighth", "9th": "ninth", "10th": "tenth"}
# the head of an Arabic group's name, put last in English: "Jabhat al-Nusra" / "Nusra Front"
_ARABIC_HEADS = {"jabhat": "front", "jabhet": "front", "jaish": "army", "jaysh": "army",
                 "jeish": "army", "liwa": "brigade", "harakat": "movement", "harakah": "movement"}
# "Department of Justice" / "Justice Department", "Ministry of Defence" / "Defence Ministry"
_BODY_OF = re.compile(r"\b(department|ministry) of (.+)$")


@lru_cache(maxsize=1 << 16)
def _org_place_key(name: str) -> str:
    """An organisation's or place's name without particles, in American spelling, ordinals
    in words, an Arabic group's head word put last in English and "the department / ministry
    of X" as "X department / ministry" ("Jabhat al-Nusra" → "nusra front")."""
    words = [_ORDINALS.get(t, _US_SPELLING.get(t, t)) for t in loose_key(name).split()]
    if len(words) > 1 and words[0] in _ARABIC_HEADS:
        words = [*words[1:], _ARABIC_HEADS[words[0]]]
    return _BODY_OF.sub(r"\2 \1", " ".join(words))


def _place_and_org_variants(actors: list[Actor]):
    """ "al-Qamishli" / "Qamishli", "International Organisation for Migration" / "…
    Organization …": an organisation or place whose name differs only by particles or by
    British/American spelling, of the same type and in no other country."""
    by_key: dict[tuple[str, str], list[Actor]] = {}
    for actor in actors:
        if actor.type in ("organisation", "location") and _org_place_key(actor.name):
            by_key.setdefault((actor.type, _org_place_key(actor.name)), []).append(actor)
    for (kind, _), group in by_key.items():
        yield from _into_head([group], f"the same {kind} name apart from particles (al-, de …) "
                                       "or British/American spelling")


def _short_forms(actors: list[Actor]):
    """ "Amnesty" / "Amnesty International", "al-Nusra" / "Jabhat al-Nusra" ("nusra front"):
    an organisation named by the first words of another organisation's name (spellings of one
    name, :func:`_org_place_key`, counted together), which has more mentions than the short
    form and ``DOMINANCE`` times the mentions of all the other organisations whose names
    start so ("Khorasan" stays apart: "Khorasan Group" 3, "Khorasan Province" 1); not a short
    form of organisation words alone ("Army"), a one-word short form only when it recurs, and
    countries in agreement (an international body may be named by its demonym first)."""
    orgs = [a for a in actors if a.type == "organisation" and _org_place_key(a.name)]
    by_prefix: dict[str, dict[str, list[Actor]]] = {}
    for actor in orgs:
        key = _org_place_key(actor.name)
        words = key.split()
        for i in range(1, len(words)):
            by_prefix.setdefault(" ".join(words[:i]), {}).setdefault(key, []).append(actor)
    for actor in orgs:
        key = _org_place_key(actor.name)
        owners = by_prefix.get(key)
        if not owners or set(key.split()) <= ORGANISATION_WORDS or not _capitalised(actor.name) \
                or len(key.split()) == 1 and actor.mentions < 2:
            continue
        counts = sorted(((sum(a.mentions for a in g), g) for g in owners.values()),
                        key=lambda c: -c[0])
        top, others = counts[0][0], sum(c for c, _ in counts[1:])
        full = max(counts[0][1], key=lambda a: (a.mentions, len(a.name)))
        if top > max(actor.mentions, 2) and top >= DOMINANCE * others \
                and (_countries_agree([actor, full]) or full.country in _INTERNATIONAL):
            yield actor, full, (f"{actor.name!r} is the first words of {full.name!r}, named "
                                f"{top} times of the {top + others} mentions of the "
                                "organisations whose names start so")


def _same_place(actors: list[Actor]):
    """ "Deir al Zour" / "Deir Ezzur", "Hasakeh" / "Hasaka": locations geocoded to the same
    GeoNames city (same coordinates, :mod:`dragoman.actors.located`) are that city."""
    by_point: dict[tuple[float, float], list[Actor]] = {}
    for actor in actors:
        if actor.type == "location" and actor.lat is not None and actor.lon is not None:
            by_point.setdefault((round(actor.lat, 4), round(actor.lon, 4)), []).append(actor)
    for group in by_point.values():
        if len(group) > 1:
            head = max(group, key=lambda a: (a.mentions, len(a.name)))
            for actor in group:
                if actor is not head:
                    yield actor, head, ("the same GeoNames city "
                                        f"({head.lat:.4f}, {head.lon:.4f})")


def _possessive_variants(actors: list[Actor]):
    """ "Saddam Husseins" / "Saddam Hussein", "Syrian Coalitions" / "Syrian Coalition": a
    possessive whose apostrophe the source dropped (FA-KES drops them all). Names of two words
    or more only ("Williams" is a name of its own), and the form with the "s" the rarer (not
    "United Nations" / "United Nation"); the form without the "s" is canonical."""
    named = [a for a in actors if a.type in ("person", "organisation")]
    by_key = {}
    for actor in named:
        by_key.setdefault((actor.type, loose_key(actor.name)), actor)
    yield from _one_word_possessives(actors)
    for actor in named:
        tokens = loose_key(actor.name).split()
        if len(tokens) < 2 or not tokens[-1].endswith("s") or len(tokens[-1]) < 4:
            continue
        base = by_key.get((actor.type, " ".join([*tokens[:-1], tokens[-1][:-1]])))
        if base is not None and base.actor_id != actor.actor_id \
                and actor.mentions <= base.mentions and _countries_agree([actor, base]):
            yield actor, base, (f"{actor.name!r} is {base.name!r} with a possessive 's whose "
                                "apostrophe was dropped")


def _one_word_possessives(actors: list[Actor]):
    """ "Jayruds" / "Jayrud", "Daeshs" / Islamic State (alias "Daesh"): a one-word name that is
    a place's or an organisation's name or alias with a possessive "s" whose apostrophe was
    dropped, when the plain name has at least ``POSSESSIVE_RATIO`` times its mentions (not
    "Emirates" / "Emirate"); a "person" ("Aleppos", "Daeshs") only where the plain name
    dominates as a surname's bearer must (``DOMINANCE``, ``DOMINANT_MENTIONS``): "Williams"
    is a surname."""
    bases: dict[str, Actor] = {}
    for actor in actors:
        if actor.type in ("organisation", "location"):
            for key in {loose_key(n) for n in (actor.name, *actor.aliases)}:
                if key not in bases or actor.mentions > bases[key].mentions:
                    bases[key] = actor
    for actor in actors:
        tokens = loose_key(actor.name).split()
        if actor.type not in ("person", "organisation", "location") or len(tokens) != 1 \
                or not tokens[0].endswith("s") or len(tokens[0]) < 5 \
                or not _capitalised(actor.name):
            continue
        if tokens[0][:-1] in ORGANISATION_WORDS:
            continue  # "Coalitions": the US-led one's, not the "Coalition" of the opposition
        base = bases.get(tokens[0][:-1])
        ratio, least = (DOMINANCE, DOMINANT_MENTIONS) if actor.type == "person" \
            else (POSSESSIVE_RATIO, 1)  # "Williams" is a surname unless the place dominates
        if base is not None and base.mentions >= max(ratio * actor.mentions, least) \
                and _countries_agree([actor, base]):
            yield actor, base, (f"{actor.name!r} is {base.name!r} with a possessive 's whose "
                                "apostrophe was dropped")


def _surname_only(actors: list[Actor]):
    full: dict[str, list[Actor]] = {}
    for actor in actors:
        tokens = _given_and_surname(actor.name)
        if actor.type == "person" and len(tokens) > 1 and tokens[-2] not in _COMPOUND_HEADS:
            full.setdefault(tokens[-1], []).append(actor)
    full = {last: [a for a in owners if _name_shaped(a)] for last, owners in full.items()}
    countries = {name_key(a.name) for a in actors if a.type == "country"}
    for actor in actors:
        tokens = _given_and_surname(actor.name)  # "Ms Le Pen", "Mr Bradley": a surname
        if len(tokens) != 1 or actor.country is not None and actor.type != "person" \
                or not _capitalised(actor.name):
            continue  # "hazard" in lower case is a word, not Thorgan Hazard's surname
        if tokens[0] in countries or tokens[0][:-1] in countries:
            continue  # "Turkeys" is Turkey's, not the surname of "Arabia Turkey"
        if actor.type not in ("person", "organisation"):
            continue  # a name the model calls a place more often than not is a place ("Bustan")
        owners, how = full.get(tokens[0], []), ""
        if not owners and tokens[0].endswith("s") and len(tokens[0]) > 4:
            owners, how = full.get(tokens[0][:-1], []), " (a possessive without its apostrophe)"
        if len(owners) == 1 and _known(owners[0]) and _countries_agree([actor, owners[0]]):
            yield actor, owners[0], (f"surname of {owners[0].name!r}{how}, the only person of "
                                     "that name in view; no conflicting country")
            continue
        owner, share = dominant_bearer(owners)
        if owner is not None and _known(owner) and _countries_agree([actor, owner]):
            yield actor, owner, (f"surname of {owner.name!r}{how}, who has {share} of the "
                                 "mentions of the people of that surname in view (the others "
                                 f"{DOMINANCE} times fewer); no conflicting country")


def dominant_bearer(owners: list[Actor]) -> tuple[Actor | None, str]:
    """The person a surname alone means among several bearers: spellings of one name (same
    first and last word: "Donald Trump", "Donald J. Trump") count as one; the most mentioned
    of the first name group whose mentions are at least :data:`DOMINANCE` times all the other
    bearers' together, with at least :data:`DOMINANT_MENTIONS` mentions ("Trump": Donald, not
    Ivanka or Melania). ``(None, "")`` when no one dominates."""
    groups: dict[str, list[Actor]] = {}
    for owner in owners:
        groups.setdefault(loose_key(owner.name).split()[0], []).append(owner)
    if len(groups) < 2 and len(owners) < 2:
        return None, ""
    counts = sorted(((sum(a.mentions for a in g), g) for g in groups.values()),
                    key=lambda c: -c[0])
    top, rest = counts[0][0], sum(c for c, _ in counts[1:])
    if top < DOMINANT_MENTIONS or top < DOMINANCE * rest:
        return None, ""
    return max(counts[0][1], key=lambda a: a.mentions), f"{top} of {top + rest}"


def _capitalised(name: str) -> bool:
    """Whether the name's first word after its particles is capitalised ("al-Barazi": yes)."""
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    while len(words) > 1 and words[0].lower() in PARTICLES:
        words = words[1:]
    return bool(words) and words[0][:1].isupper()


def _name_shaped(actor: Actor) -> bool:
    """Whether a "person" has a name shaped like one: no digits, no " - " headline joint, not
    starting with a particle as run-together place lists do ("al-Shaar al-Sukkari al-Sakhour")."""
    raw = actor.name
    key = name_key(raw).split()
    return not (any(c.isdigit() for c in raw) or " - " in raw or " | " in raw
                or (key and key[0] in PARTICLES | _FUNCTION_WORDS))


def _known(actor: Actor) -> bool:
    """Whether a person is known well enough for a surname alone, in another article, to mean
    them: a country, a role, or two mentions — "Khalaf Jassem", named once, does not make every
    "Jassem" (a town in Daraa) him."""
    return bool(actor.country or actor.role or actor.mentions >= 2)


def _spelling_variants(actors: list[Actor]):
    """Pairs of people blocked by each given name they share ("Tayyip Erdoan" meets "Recep
    Tayyip Erdogan" under "tayyip"), each pair tried once."""
    people = [a for a in actors if a.type == "person" and len(loose_key(a.name).split()) > 1]
    by_given: dict[str, list[Actor]] = {}
    for actor in people:
        for given in dict.fromkeys(loose_key(actor.name).split()[:-1]):
            by_given.setdefault(given, []).append(actor)
    tried: set[tuple[str, str]] = set()
    for group in by_given.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                pair = (a.actor_id, b.actor_id)
                if pair in tried:
                    continue
                tried.add(pair)
                evidence = variant_evidence(a, b)
                if evidence:
                    yield a, b, evidence


def _given_names_fit(a: Actor, b: Actor) -> bool:
    """Whether the given names of the person with fewer all have a counterpart among the
    other's — the same name, one ``SIMILARITY`` alike ("Tayip" / "Tayyip") or its initial:
    "Tayyip" in "Recep Tayyip"; not "Mohammed Ali" / "Mohammed Omar", nor a kunya alone
    ("Abu Omar") in a longer name."""
    given_a, given_b = loose_key(a.name).split()[:-1], loose_key(b.name).split()[:-1]
    fewer, more = sorted((given_a, given_b), key=len)
    if fewer[0] != more[0] and set(fewer) <= _COMPOUND_HEADS:
        return False  # "Abu Omar" alone is a kunya many men share
    unmatched = set(fewer) - set(more)  # the common case, with no ratio to compute
    return all(any(_same_given(x, y) for y in more) for x in unmatched)


def _similarity(x: str, y: str) -> float:
    """difflib's ratio of two words, 1.0 for the same word without computing it."""
    return 1.0 if x == y else SequenceMatcher(None, x, y).ratio()


def _same_first_name(a: Actor, b: Actor) -> bool:
    return _same_given(loose_key(a.name).split()[0], loose_key(b.name).split()[0])


def _same_given(x: str, y: str) -> bool:
    """One given name: the same, its initial, or a spelling ``SIMILARITY`` alike that starts
    with the same letter ("Tayip" / "Tayyip")."""
    x, y = x.rstrip("."), y.rstrip(".")
    if x[:1] != y[:1]:
        return False
    if len(x) == 1 or len(y) == 1:
        return True
    return 2 * min(len(x), len(y)) >= SIMILARITY * (len(x) + len(y)) \
        and _similarity(x, y) >= SIMILARITY


def variant_evidence(a: Actor, b: Actor) -> str | None:
    """Why two people with a given name in common are one person, or None when the evidence
    is short: the given names of one all among the other's AND similar surnames AND (a shared
    role word, or the same country and the same first name) AND no country conflict."""
    if not _countries_agree([a, b]) or not _given_names_fit(a, b):
        return None
    shared = sorted(role_words(a.role) & role_words(b.role))
    same_country = a.country is not None and a.country == b.country
    if not shared and (not same_country or not _same_first_name(a, b)):
        return None  # a given name left out needs a shared role ("Tayyip Erdoan", president)
    surname_a, surname_b = loose_key(a.name).split()[-1], loose_key(b.name).split()[-1]
    similarity = _similarity(surname_a, surname_b)
    if similarity < SIMILARITY:
        return None
    support = f"shared role word(s) {', '.join(shared)}" if shared else f"same country {a.country}"
    return (f"same given name(s), surnames {surname_a!r}/{surname_b!r} {similarity:.2f} alike, "
            f"{support}")


def role_words(role: str | None) -> set[str]:
    """The content words of a role ("deputy foreign ministry spokesman" → foreign, ministry,
    spokesman)."""
    return {w for w in name_key(role or "").split() if w not in _ROLE_STOPWORDS}


def _countries_agree(actors: list[Actor]) -> bool:
    return len({a.country for a in actors if a.country}) <= 1


# rules whose pairs are (alias, target) already: the fuller or the better-known spelling
_RULE_CHOOSES_TARGET = frozenset({_typed_places, _country_run_in, _particle_variants,
                                  _place_and_org_variants, _possessive_variants, _short_forms})


# --- applying merges to a batch ------------------------------------------------------------------


def apply_merges(batch: Batch, merges: list[Merge], known: Iterable[Actor] = ()) -> Batch:
    """The batch with every merged actor id replaced by its canonical actor's."""
    if not merges:
        return batch
    target = {m.alias_id: m.actor_id for m in merges}
    actors = {a.actor_id: a for a in [*known, *batch.actors]}
    records = [m for m in merges]
    merged = _merged_actors(batch.actors, target, actors, records)
    names = {a.actor_id: a for a in merged}
    names.update({k: v for k, v in actors.items() if k not in names})
    return replace(
        batch, actors=tuple(merged),
        mentions=tuple(replace(m, actor_id=target.get(m.actor_id, m.actor_id))
                       for m in batch.mentions),
        statements=tuple(_statement(s, target, names) for s in batch.statements),
        events=tuple(_event(e, target, names) for e in batch.events))


def _merged_actors(batch_actors, target, actors, merges: list[Merge]) -> list[Actor]:
    out: dict[str, Actor] = {}
    for actor in batch_actors:
        canonical_id = target.get(actor.actor_id, actor.actor_id)
        base = out.get(canonical_id) or replace(actors[canonical_id], mentions=0, aliases=(),
                                                merged=())
        out[canonical_id] = replace(
            base, mentions=base.mentions + actor.mentions,
            aliases=base.aliases + tuple(a for a in actor.aliases if a not in base.aliases),
            country=base.country or actor.country, sector=base.sector or actor.sector,
            role=base.role or actor.role)
    for merge in merges:
        if merge.actor_id in out:
            canonical = out[merge.actor_id]
            out[merge.actor_id] = replace(canonical, merged=canonical.merged + (merge.encoded(),))
    return list(out.values())


def _statement(statement, target, names):
    new = target.get(statement.speaker_actor_id or "")
    if new is None:
        return statement
    return replace(statement, speaker_actor_id=new, speaker=names[new].name)


def _event(event, target, names):
    changes = {}
    for role in ("source", "target"):
        new = target.get(getattr(event, f"{role}_actor_id") or "")
        if new is not None:
            actor = names[new]
            changes[f"{role}_actor_id"] = new
            changes[f"{role}_country"] = getattr(event, f"{role}_country") or actor.country
            changes[f"{role}_sector"] = getattr(event, f"{role}_sector") or actor.sector
    return replace(event, **changes) if changes else event


__all__ = ["Merge", "actor_id", "apply_merges", "find_merges", "preferred",
           "variant_evidence"]
