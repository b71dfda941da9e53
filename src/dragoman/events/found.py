"""A detected event before typing (:class:`Found`), and the one test verbs and nouns share
for acts that are not facts (:func:`refused`)."""
from __future__ import annotations

from dataclasses import dataclass

from dragoman.events.lexicon import EventVerb

@dataclass(frozen=True, slots=True)
class Found:
    """A detected event before it is typed: the trigger (a verb, or the verb a noun event
    hangs on), its lexicon entry, the sentence bounds and the source and target tokens."""

    verb: object
    entry: EventVerb
    start: int
    end: int
    source: object
    target: object



_CARRIERS = frozenset({"refuse", "decline", "accuse", "blame", "charge", "allege", "condemn",
                       "criticize", "criticise", "denounce", "suspect"})

def refused(token) -> bool:
    """An act inside a refusal or an accusation ("refused to hold talks", "accused Russia of
    blocking the resolution"): the refusal or accusation is the event, the act is not a fact."""
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in ("refuse", "decline"):
        return True
    return (token.dep_ == "pcomp" and token.head.dep_ == "prep"
            and token.head.head.lemma_.lower() in _CARRIERS)



