"""Military coalitions: "the US-led coalition", "the Saudi-led coalition" and "the coalition"
after one become the coalition's actor.

- **Named by its leader**: "<leader>-led coalition" (with "international", "multinational",
  "military", "western", "global" or "Arab" between) is looked up in the gazetteer as written
  ("US-led coalition", "U.S.-led coalition", "American-led coalition" → *US-led coalition*;
  "Saudi-led coalition"; "Russian-led coalition"), an organisation coded ``IGO`` ``MIL`` as the
  news gold codes it. ``Mention.how`` is ``name``.
- **"the coalition"** ("the international coalition", "coalition warplanes", "coalition
  strikes", "the coalition's battle") is the last coalition the article named before it, else
  the one coalition the article names at all; none when the article names no coalition or
  several after none before. ``Mention.how`` is ``description``. Only a definite phrase whose
  other words are those above counts, and a compound only before a military noun
  (:data:`MILITARY_HEADS`): "a coalition of opposition parties", "an international coalition
  should be set up", "the ruling coalition", "the rebel coalition", "coalition government",
  "coalition partners" stay unresolved — a government coalition is no military one.

The mention covers the phrase up to the noun that carries the coalition's people ("coalition
fighter jets", "coalition forces"), so events whose doer is that noun find it; a strike
("coalition airstrike") keeps "coalition" alone, which the events layer reads as the doer of
an instrument.
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.attrs import LOWER
from spacy.strings import get_string_id

from dragoman.actors.names import actor_id
from dragoman.model import Actor, Mention

NOUN = "coalition"
NAMED_HOW, BARE_HOW = "name", "description"
_ADJECTIVES = r"(?:(?:international|multinational|military|western|global|arab|anti-\w+)\s+)*"
# "<Leader>-led [international] " right before the noun; a word before the leader's that may
# begin it ("Saudi Arabian-led", "United States-led")
_LED = re.compile(r"(?<![\w.])(?P<leader>[A-Z][\w.]*)\s*-\s*(?i:led\s+" + _ADJECTIVES + r")$")
_FIRST_WORD = re.compile(r"(?<![\w.])[A-Z][\w.]*\s$")
_BARE_WORDS = frozenset({"the", "international", "multinational", "military", "western",
                         "global", "arab", "'s", "’s"})
_INDEFINITE = frozenset({"a", "an", "another", "any", "some", "new"})
# nouns a coalition compound may modify: its people and machines, its strikes, its voice
MILITARY_HEADS = frozenset({"force", "troop", "warplane", "jet", "aircraft", "plane", "fighter",
                            "drone", "strike", "airstrike", "raid", "attack", "bombing",
                            "bombardment", "air", "operation", "campaign", "spokesman",
                            "spokeswoman", "spokesperson", "official", "commander"})
# of those, the ones that carry the coalition's people: the mention runs up to them
_CARRIERS = frozenset({"force", "troop", "warplane", "jet", "aircraft", "plane", "fighter",
                       "drone"})
_WINDOW = 60  # characters before the noun searched for "<leader>-led"
_NOUN_HASH = get_string_id(NOUN)


def with_coalitions(doc, article_id: str, mentions: list[Mention], actors: dict[str, Actor],
                    gazetteer) -> tuple[list[Mention], dict[str, Actor]]:
    """``mentions`` and ``actors`` plus a mention of every coalition the article lets us
    name (see the module's docstring)."""
    nouns = [doc[i] for i, word in enumerate(doc.to_array([LOWER]).tolist())
             if word == _NOUN_HASH]
    if not nouns:
        return mentions, actors
    named, bare = [], []
    for token in nouns:
        if token.ent_type_ or _covered(token, mentions):
            continue  # "the Syrian National Coalition": a name the linker placed
        found = _named(token, gazetteer)
        if found is not None:
            named.append((token, *found))
        elif _bare(token):
            bare.append(token)
    found = [_mention(article_id, token, start, actor, NAMED_HOW)
             for token, start, actor in named]
    coalitions = {actor.actor_id: actor for _, _, actor in named}
    for token in bare:
        actor = _antecedent(token, named, coalitions)
        if actor is not None:
            found.append(_mention(article_id, token, _phrase_start(_carrier(token)), actor,
                                  BARE_HOW))
    if not found:
        return mentions, actors
    return [*mentions, *(m for m, _ in found)], _counted(actors, found)


def _named(token, gazetteer) -> tuple[int, Actor] | None:
    """Where "<leader>-led coalition" starts and its actor, when the gazetteer knows it."""
    text = token.doc.text
    begin = max(token.sent.start_char, token.idx - _WINDOW)
    match = _LED.search(text, begin, token.idx)
    if match is None:
        return None
    start = match.start("leader")
    entry = gazetteer.lookup(f"{match['leader']}-led {NOUN}")
    first = _FIRST_WORD.search(text, begin, start)
    if entry is None and first is not None:  # "Saudi Arabian-led coalition"
        start = first.start()
        entry = gazetteer.lookup(f"{text[start:match.end('leader')]}-led {NOUN}")
    if entry is None or entry.sector != "MIL":
        return None
    actor = Actor(actor_id(entry.type, entry.name), entry.name, entry.type, entry.country,
                  entry.sector, aliases=(entry.name,))
    return start, actor


def _bare(token) -> bool:
    """A definite "the (international) coalition", or a compound before a military noun."""
    if token.pos_ not in ("NOUN", "PROPN") or token.tag_ in ("NNS", "NNPS"):
        return False
    if any(c.lower_ in _INDEFINITE or c.dep_ == "prep" and c.lower_ == "of"
           for c in token.children):
        return False  # "an international coalition", "a coalition of opposition parties"
    if token.dep_ in ("compound", "nmod", "amod") and not (
            token.head.lemma_.lower() in MILITARY_HEADS and token.head.i > token.i):
        return False  # "coalition government", "coalition partners"
    outer = _carrier(token)
    return all(t.is_punct or t.lower_ in _BARE_WORDS or t.dep_ == "det" and t.head is outer
               for t in token.doc[outer.left_edge.i:token.i])
    # not "the ruling coalition", "the rebel coalition", "Merkel's coalition", "Russian
    # coalition jets"; "a coalition jet" is one of the coalition's jets


def _carrier(token):
    """The noun that carries the coalition's people ("coalition fighter jets" → jets), else
    the coalition noun itself."""
    last = token
    while last.dep_ in ("compound", "nmod") and last.head.i > last.i \
            and last.head.lemma_.lower() in _CARRIERS:
        last = last.head
    return last


def _antecedent(token, named: list, coalitions: dict[str, Actor]) -> Actor | None:
    """The last coalition named before ``token``, else the article's one coalition."""
    before = [actor for other, _, actor in named if other.i < token.i]
    if before:
        return before[-1]
    return next(iter(coalitions.values())) if len(coalitions) == 1 else None


def _phrase_start(token) -> int:
    start = token.left_edge
    while start.i < token.i and start.is_punct:
        start = token.doc[start.i + 1]
    return start.idx


def _mention(article_id: str, token, start: int, actor: Actor,
             how: str) -> tuple[Mention, Actor]:
    last = _carrier(token)
    end = last.idx + len(last)
    text = token.doc.text[start:end]
    return Mention(article_id, start, end, text, "DESC", actor.actor_id, how), actor


def _covered(token, mentions: list[Mention]) -> bool:
    return any(m.start <= token.idx < m.end for m in mentions)


def _counted(actors: dict[str, Actor], found: list[tuple[Mention, Actor]]) -> dict[str, Actor]:
    actors = dict(actors)
    for _, actor in found:
        known = actors.get(actor.actor_id)
        actors[actor.actor_id] = replace(known, mentions=known.mentions + 1) if known else \
            replace(actor, mentions=1)
    return actors
