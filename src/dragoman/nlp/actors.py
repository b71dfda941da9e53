"""Entity mentions → actors, inside one article (first version).

An actor's id is derived from its normalised name and type, so the same name in two articles
gets the same id without any global state; the corpus-level stage only adds up counts and
aliases. Inside an article, a surname-only person mention ("Ja'afari") is linked to the full
name used earlier ("Bashar al-Ja'afari"). The actors issue replaces this with a gazetteer.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

import pycountry

from dragoman.model import Actor, Mention, short_hash

# spaCy labels we keep as mentions, and the actor type each gives
ACTOR_LABELS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "country",
    "NORP": "group",
    "LOC": "location",
    "FAC": "location",
}
_APOSTROPHES = "'’‘`´ʼ"
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"[’']s$")


def clean_name(text: str) -> str:
    """Surface form without a leading "the", a trailing possessive or outer punctuation."""
    name = _LEADING_THE.sub("", text.strip())
    name = _POSSESSIVE.sub("", name)
    return name.strip(" \t\n\"“”.,;:-")


def name_key(text: str) -> str:
    """A spelling-insensitive key: no accents, apostrophes, case or hyphen differences."""
    decomposed = unicodedata.normalize("NFKD", clean_name(text))
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    letters = "".join(c for c in letters if c not in _APOSTROPHES)
    return re.sub(r"[\s\-]+", " ", letters).strip().casefold()


# Short forms news uses that pycountry does not list (its names are the ISO ones).
_COUNTRY_SHORT_FORMS = {
    "russia": "RUS", "us": "USA", "u.s": "USA", "u.s.": "USA", "usa": "USA", "america": "USA",
    "united states": "USA", "uk": "GBR", "u.k.": "GBR", "britain": "GBR",
    "great britain": "GBR", "iran": "IRN", "syria": "SYR", "north korea": "PRK",
    "south korea": "KOR", "turkey": "TUR", "vietnam": "VNM", "laos": "LAO",
    "the netherlands": "NLD", "holland": "NLD", "czech republic": "CZE", "ivory coast": "CIV",
    "palestine": "PSE", "venezuela": "VEN", "bolivia": "BOL", "tanzania": "TZA", "moldova": "MDA",
    "taiwan": "TWN", "congo": "COG", "democratic republic of congo": "COD", "drc": "COD",
}


def country_code(name: str) -> str | None:
    """ISO-3166 alpha-3 for a country name, or None."""
    cleaned = clean_name(name)
    short = _COUNTRY_SHORT_FORMS.get(cleaned.casefold())
    if short:
        return short
    try:
        return pycountry.countries.lookup(cleaned).alpha_3
    except LookupError:
        return None


def make_actor(text: str, label: str) -> Actor | None:
    """The actor a mention names, or None when the mention has no usable name."""
    kind = ACTOR_LABELS.get(label)
    key = name_key(text)
    if kind is None or len(key) < 2 or "\n" in text:
        return None
    country = country_code(text) if kind == "country" else None
    if kind == "country" and country is None:
        kind = "location"  # a city or region: kept, but not a government
    return Actor(
        actor_id="act_" + short_hash(kind, key, size=12),
        name=clean_name(text),
        type=kind,
        country=country,
        sector="GOV" if country else None,
        aliases=(clean_name(text),),
        mentions=1,
    )


@dataclass
class DocActors:
    """The actors of one article, looked up by character span."""

    mentions: list[Mention]
    actors: dict[str, Actor] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self.mentions.sort(key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]

    def at(self, start: int, end: int) -> Actor | None:
        """The actor of the first mention overlapping ``[start, end)``."""
        i = max(0, bisect_right(self._starts, start) - 1)
        for mention in self.mentions[i:]:
            if mention.start >= end:
                break
            if mention.end > start and mention.actor_id:
                return self.actors.get(mention.actor_id)
        return None

    def last_person_before(self, offset: int, window: int = 600) -> Actor | None:
        """The most recent person named in the ``window`` characters before ``offset``."""
        i = bisect_right(self._starts, offset)
        for mention in reversed(self.mentions[:i]):
            if mention.end > offset:
                continue
            if mention.start < offset - window:
                break
            actor = self.actors.get(mention.actor_id or "")
            if actor is not None and actor.type == "person":
                return actor
        return None


def link_document(article_id: str, ents) -> DocActors:
    """Mentions and actors for one article from spaCy entity spans (``doc.ents``)."""
    mentions: list[Mention] = []
    actors: dict[str, Actor] = {}
    full_names: dict[str, Actor] = {}  # surname key → person actor with a longer name
    for ent in ents:
        actor = make_actor(ent.text, ent.label_)
        if actor is None:
            continue
        actor = _link_surname(actor, full_names)
        previous = actors.get(actor.actor_id)
        if previous is not None:
            aliases = previous.aliases + tuple(a for a in actor.aliases if a not in previous.aliases)
            actor = Actor(**{**_fields(previous), "aliases": aliases, "mentions": previous.mentions + 1})
        actors[actor.actor_id] = actor
        mentions.append(
            Mention(article_id, ent.start_char, ent.end_char, ent.text, ent.label_, actor.actor_id)
        )
    return DocActors(mentions, actors)


def _link_surname(actor: Actor, full_names: dict[str, Actor]) -> Actor:
    """A one-word name used after a person's full name is that person, whatever its label."""
    tokens = name_key(actor.name).split()
    if len(tokens) == 1 and tokens[0] in full_names:
        full = full_names[tokens[0]]
        return Actor(**{**_fields(full), "aliases": (actor.name,), "mentions": 1})
    if len(tokens) > 1 and actor.type == "person":  # "Bashar al-Ja'afari" → key "bashar al jaafari" → surname "jaafari"
        full_names.setdefault(tokens[-1], actor)
    return actor


def _fields(actor: Actor) -> dict:
    return {name: getattr(actor, name) for name in Actor.__slots__}
