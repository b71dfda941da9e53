"""The event-verb lexicon: which verbs report an event, with their PLOVER type, CAMEO root, mode.

Two sources, read once and passed in: ``data/event_verbs.tsv`` (ours, action verbs: attack,
sign, withdraw, …) and the PLOVER-typed rows of the statement cue lexicon ``data/cues.tsv``
(verbal acts: accuse, call on, reject, …). Two-word entries ("call on", "leave talk") win over
the verb alone, three-word ones with the object's modifier ("begin hunger strike": not "began
air strikes") or with the object of the particle or preposition ("break off talks", "take into
custody", "come to an understanding") over both, and an event-verb row wins over a cue row with
the same key.

Event nouns ("the withdrawal of troops", "an attack on the convoy") come from
``data/event_nouns.tsv`` (:class:`EventNoun`, used by :mod:`dragoman.events.nominal`);
"modifier noun" keys ("air strike", "hunger strike") win over the noun alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib.resources import files

from dragoman.model import CAMEO_ROOT
from dragoman.statements.cues import Cues

_MODE_NOTE = re.compile(r"\bmode (\w[\w-]*)")
_MODIFIER_DEPS = frozenset({"amod", "compound"})
_PAIR_DEPS = ("prt", "prep", "dobj", "dative")


@dataclass(frozen=True, slots=True)
class EventVerb:
    """One lexicon row: a verb (or "verb word") that reports an event of ``plover`` type."""

    lemma: str
    plover: str
    cameo: str | None = None
    mode: str | None = None
    speech: bool = False  # a verbal act that can also introduce a statement


@dataclass(frozen=True, slots=True)
class EventNoun:
    """One noun row: an event noun of ``plover`` type; ``of`` says whom an "of" phrase names:
    ``source`` ("the withdrawal of Turkish troops"), ``target`` ("the bombing of Aleppo") or
    neither (empty)."""

    lemma: str
    plover: str
    cameo: str | None = None
    mode: str | None = None
    of: str = ""


@dataclass(frozen=True)
class EventLexicon:
    entries: dict[str, EventVerb]
    nouns: dict[str, EventNoun] = field(default_factory=dict)

    def lookup_noun(self, token) -> EventNoun | None:
        """The entry for a common noun: "modifier noun" first ("air strike"), then the lemma."""
        if token.pos_ != "NOUN":
            return None
        lemma = token.lemma_.lower()
        for modifier in _modifiers(token):
            entry = self.nouns.get(f"{modifier} {lemma}")
            if entry is not None:
                return entry
        return self.nouns.get(lemma)

    def lookup(self, token) -> EventVerb | None:
        """The entry for a verb token: "verb word object" and "verb modifier word" with one of
        its particles, prepositions or objects first, then "verb word", then the lemma; None
        for modifiers ("UN-backed") and other verbs."""
        if token.pos_ != "VERB" or token.dep_ in _MODIFIER_DEPS:
            return None
        if token.text[:1].isupper() and not token.is_sent_start:
            return None  # a title-case headline word ("Russia Threatens to Block Aid")
        lemma = token.lemma_.lower()
        for child in token.children:
            if child.dep_ in _PAIR_DEPS and child.pos_ != "VERB":  # not "According to"
                word = child.lemma_.lower()
                for key in (*(f"{lemma} {m} {word}" for m in _modifiers(child)),
                            *(f"{lemma} {word} {o}" for o in _objects(token, child)),
                            f"{lemma} {word}"):
                    entry = self.entries.get(key)
                    if entry is not None:
                        return entry
        return self.entries.get(lemma)


def _modifiers(token) -> list[str]:
    """Lemmas of the words that modify a noun ("hunger" in "a hunger strike"): three-word
    entries ("begin hunger strike") are about what kind of thing the object is."""
    return [c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod")]


def _objects(verb, child) -> list[str]:
    """Lemmas of what completes a particle or a preposition: the verb's direct object after a
    particle ("break off talks", "pull back troops"), the preposition's object ("take into
    custody", "come to an understanding"): three-word entries "verb word object"."""
    if child.dep_ == "prt":
        holders = [c for c in verb.children if c.dep_ == "dobj"]
    elif child.dep_ == "prep":
        holders = [c for c in child.children if c.dep_ == "pobj"]
    else:
        return []
    return [c.lemma_.lower() for c in holders]


def load_event_lexicon(cues: Cues) -> EventLexicon:
    """The packaged event verbs merged with the PLOVER-typed cues; call once and pass it in."""
    entries = {lemma: EventVerb(lemma, cue.plover, cue.cameo, _mode(cue.note), cue.is_speech)
               for lemma, cue in cues.entries.items() if cue.plover}
    text = (files("dragoman.data") / "event_verbs.tsv").read_text(encoding="utf-8")
    entries.update(parse_event_verbs(text))
    nouns = (files("dragoman.data") / "event_nouns.tsv").read_text(encoding="utf-8")
    return EventLexicon(entries, parse_event_nouns(nouns))


def parse_event_verbs(text: str) -> dict[str, EventVerb]:
    """Rows ``lemma plover cameo mode`` (tab-separated, ``#`` comments, a header row)."""
    entries = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("lemma\t"):
            continue
        lemma, plover, cameo, mode = (line.split("\t") + ["", "", ""])[:4]
        if plover not in CAMEO_ROOT:
            raise ValueError(f"event_verbs.tsv: {plover!r} is not a PLOVER type ({line!r})")
        entries[lemma.strip()] = EventVerb(lemma.strip(), plover, cameo or None, mode or None)
    return entries


def parse_event_nouns(text: str) -> dict[str, EventNoun]:
    """Rows ``lemma plover cameo mode of`` (tab-separated, ``#`` comments, a header row)."""
    entries = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("lemma\t"):
            continue
        lemma, plover, cameo, mode, of = (line.split("\t") + ["", "", "", ""])[:5]
        if plover not in CAMEO_ROOT or of.strip() not in ("", "source", "target"):
            raise ValueError(f"event_nouns.tsv: bad type or 'of' column in {line!r}")
        entries[lemma.strip()] = EventNoun(lemma.strip(), plover, cameo or None, mode or None,
                                           of.strip())
    return entries


def _mode(note: str) -> str | None:
    match = _MODE_NOTE.search(note)
    return match.group(1) if match else None
