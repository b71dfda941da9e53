"""Names: the spelling-insensitive keys and stable ids actors are found and stored by."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from dragoman.model import short_hash

_APOSTROPHES = "'’‘`´ʼ"
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"[’']s$")
_BRACKETS = re.compile(r"[\[\]{}<>|]")
# a credit line's label run into the name ("Source:-Al Jazeera")
_CREDIT = re.compile(r"^(?:source|photo|credit)s?\s*:[\s\-–—]*", re.IGNORECASE)
# name particles left out when comparing people's names ("Nasr al-Hariri" = "Nasr Hariri")
PARTICLES = frozenset({"al", "el", "ad", "as", "ash", "at", "ar", "an", "az", "de", "da", "di",
                       "du", "la", "le", "van", "von", "der", "den", "bin", "ibn", "ben"})


def clean_name(text: str) -> str:
    """Surface form without a credit line's label ("Source:-Al Jazeera"), a leading "the", a
    trailing possessive, stray brackets ("Donald] Trump") or outer punctuation."""
    name = _LEADING_THE.sub("", _CREDIT.sub("", text.strip()) or text.strip())
    if _BRACKETS.search(name):
        name = " ".join(_BRACKETS.sub(" ", name).split())
    name = _POSSESSIVE.sub("", name)
    return name.strip(" \t\n\"“”.,;:-")


@lru_cache(maxsize=1 << 16)  # the same names come back in every article and every stage
def name_key(text: str) -> str:
    """A spelling-insensitive key: no accents, apostrophes, case or hyphen differences."""
    name = clean_name(text)
    if name.isascii():  # nothing to decompose (the common case, and 10x faster)
        letters = name
    else:
        decomposed = unicodedata.normalize("NFKD", name)
        letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    letters = "".join(c for c in letters if c not in _APOSTROPHES)
    return re.sub(r"[\s\-]+", " ", letters).strip().casefold()


@lru_cache(maxsize=1 << 16)  # identity resolution asks for it many times per name
def loose_key(text: str) -> str:
    """A person's name key without particles: "Bashar al-Assad" and "Bashar Assad" agree."""
    return " ".join(t for t in name_key(text).split() if t not in PARTICLES)


def actor_id(kind: str, name: str) -> str:
    """The stable id of an actor of this type and canonical name."""
    return "act_" + short_hash(kind, name_key(name), size=12)
