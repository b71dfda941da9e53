"""Where an event's type is decided: the one place that says which PLOVER type (and mode and
CAMEO root) a detected event gets.

1. **The lexicon proposes.** Detection (:mod:`dragoman.events.extract`,
   :mod:`dragoman.events.nominal`) gives each candidate a :class:`~dragoman.events.found.Found`
   with its lexicon entry (:mod:`dragoman.events.lexicon`: ``event_verbs.tsv``, the PLOVER rows
   of ``cues.tsv``, ``event_nouns.tsv``); an *open* verb (outside the lexicon, between two
   named actors) has no type yet.
2. **The classifier weighs in** (:func:`first_types`). The PLV-trained typer
   (:class:`~dragoman.events.types.EventTyper`, optionally with the fine-tuned MiniLM of
   :mod:`dragoman.events.types_tuned`) scores the sentence with its parties marked
   (:func:`marked`; trigger features from :mod:`dragoman.events.trigger`). The lexicon's type
   gets :data:`CUE_BONUS` margin units (twice that for a two-word entry), so the classifier
   overrides only a verb whose sentence clearly says otherwise; an open verb is kept when its
   best root scores above :data:`OPEN_MIN_MARGIN`. PLV's YIELD becomes CONCEDE or RETREAT
   (:func:`~dragoman.events.types.split_yield`). Without a typer the lexicon decides.
   :func:`without_purposes` then drops a consultation that only says what a meeting was for.
3. **Context recodes** (:func:`final_type`, rules in :mod:`dragoman.events.recode`): a
   promised act is AGREE/CONCEDE, civilians blocking a road PROTEST (obstruct), an attack on
   words ACCUSE, an announced hostile act THREATEN, an announced refusal to cooperate
   REJECT ("would not provide support"). A promise, threat or refusal was made: the event is
   then not hypothetical (and a refusal not negated).
4. **The mode and CAMEO root**: the lexicon entry's while the type is the lexicon's, else
   none and the type's main CAMEO root (:data:`~dragoman.events.lexicon.CAMEO_ROOT`).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from dragoman.events.context import is_negated
from dragoman.events.found import Found
from dragoman.events.lexicon import CAMEO_ROOT
from dragoman.events.recode import (
    REFUSED,
    is_armed_backing,
    is_obstruction,
    is_refusal,
    is_verbal_attack,
    promised_type,
    threat_mode,
)
from dragoman.events.trigger import parsed_fields
from dragoman.events.types import EventTyper, Marked, split_yield
from dragoman.text.doctext import doc_text
from dragoman.text.parse import is_complement

CUE_BONUS = 1.0

# lexicon types whose verbs say the act on their own ("deployed 100 Rangers" is never AID): they
# get the two-word entries' bonus
UNAMBIGUOUS = frozenset({"MOBILIZE"})
OPEN_MIN_MARGIN = 0.0  # an open (non-lexicon) verb is an event when its best root scores > 0

def first_types(found: list[Found], typer: EventTyper | None) -> list[str | None]:
    """The type of each detected event from its lexicon entry and the classifier (step 2 of
    the module doc); None drops an open verb the classifier is not sure of."""
    return first_types_and_margins(found, typer)[0]


def first_types_and_margins(found: list[Found], typer: EventTyper | None
                            ) -> tuple[list[str | None], list[float | None]]:
    """:func:`first_types`, and for each the classifier's **margin**: its best root score
    minus the second best, the lexicon's bonus included (None without a typer) — how sure the
    type is; the confidence model reads it (``Event.type_margin``, :func:`with_margin`)."""
    if typer is None:
        return [f.entry.plover or None for f in found], [None] * len(found)
    labels = typer.labels
    cues = ["YIELD" if f.entry.plover in ("CONCEDE", "RETREAT") else f.entry.plover for f in found]
    bonus = np.zeros((len(found), len(labels)))  # the lexicon's type gets CUE_BONUS
    for k, (item, cue) in enumerate(zip(found, cues)):
        if cue in labels:  # a two-word entry ("strike deal") is unambiguous: trust it more
            sure = " " in item.entry.lemma or cue in UNAMBIGUOUS
            bonus[k, labels.index(cue)] = CUE_BONUS * (2 if sure else 1)
    scores = typer.scores([marked(f) for f in found], bonus)
    types = []
    for item, cue, row in zip(found, cues, scores):
        best = labels[int(np.argmax(row))]
        if not item.entry.plover:
            types.append(_open_type(best) if row.max() > OPEN_MIN_MARGIN else None)
            continue
        types.append(item.entry.plover if best == cue else
                     split_yield(item.entry.plover) if best == "YIELD" else best)
    return types, [float(m) for m in _margins(scores)]


def _margins(scores: np.ndarray) -> np.ndarray:
    """Best score minus the second best, per row (the best alone when there is one label)."""
    if scores.shape[1] < 2:
        return scores.max(axis=1) if len(scores) else np.zeros(0)
    top = np.sort(scores, axis=1)
    return top[:, -1] - top[:, -2]


def with_margin(events: list, margin: float | None) -> list:
    """The events one detected candidate gave, each carrying the typer's ``margin`` (kept in
    memory only: ``Event.type_margin`` is no column)."""
    return [replace(e, type_margin=margin) for e in events] if margin is not None else events



def without_purposes(found: list[Found], types: list[str | None]) -> list[str | None]:
    """Drop a consultation that only says what a meeting with someone was for ("wants to meet
    the envoys to discuss the ceasefire": one CONSULT, the meeting with the envoys)."""
    met = {item.verb.i for item, kind in zip(found, types)
           if kind == "CONSULT" and item.target is not None}
    return [None if kind == "CONSULT" and is_complement(item.verb)
            and item.verb.head.i in met else kind
            for item, kind in zip(found, types)]



def _open_type(best: str) -> str:
    return "CONCEDE" if best == "YIELD" else best



def marked(item: Found) -> Marked:
    """The verb's sentence with its source and target spans, as the classifier reads it."""
    def span(token):
        if token is None:
            return None
        first, last = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
        first, last = max(first, item.start), min(last, item.end)
        return (first - item.start, last - item.start) if first < last else None
    doc = item.verb.doc
    sentence = doc_text(doc)[item.start:item.end]
    trigger, lemmas, clause = parsed_fields(
        item.verb.sent, item.start, item.end, item.verb, _token_ids(item.source, item),
        _token_ids(item.target, item), doc_text(doc))
    return Marked(sentence, span(item.source), span(item.target), trigger, lemmas, clause)



def _token_ids(token, item: Found) -> set[int]:
    """Token indices of a party's phrase (its subtree, inside the sentence)."""
    if token is None:
        return set()
    return {t.i for t in token.subtree if item.start <= t.idx < item.end}





@dataclass(frozen=True, slots=True)
class Typed:
    """An event's final type, its mode and CAMEO root; ``announced``: the event is a promise or
    a threat that was made (so not hypothetical, whatever the verb's modal says); ``refused``:
    a negated cooperative act recoded as the refusal (REJECT), which was made."""

    type: str
    mode: str | None
    cameo: str
    announced: bool = False
    refused: bool = False  # a refusal recoded from a negated act: the event is not negated


def final_type(item: Found, kind: str, source_sectors: list) -> Typed:
    """The type after the context rules (step 3 of the module doc), from the type
    :func:`first_types` gave and the sectors of the event's sources."""
    verb = item.verb
    mode = item.entry.mode if kind == item.entry.plover else None
    announced = False
    promised = promised_type(kind, verb)
    if promised != kind:  # the event is the promise, which was made: not hypothetical
        kind, mode, announced = promised, None, True
    if is_obstruction(kind, verb, item.target, source_sectors):
        kind, mode = "PROTEST", "obstruct"
    if is_armed_backing(kind, verb, source_sectors):
        kind, mode = "AID", "military"
    if is_verbal_attack(kind, verb, item.target):
        kind, mode = "ACCUSE", None
    threat = threat_mode(kind, verb)
    if threat is None and kind == "AGREE" and item.entry.plover:  # "will withdraw … unless"
        threat = threat_mode(item.entry.plover, verb)
    if threat is not None:  # the event is the threat, which was made: not hypothetical
        kind, mode, announced = "THREATEN", threat, True
    refused = is_refusal(kind, verb)
    if refused:  # "would not provide support": the refusal was made
        kind, mode, announced = "REJECT", REFUSED[kind], True
    elif kind == "REJECT" and item.entry.plover in REFUSED and is_negated(verb):
        refused = True  # "did not attend", "does not accept": the rejection is the fact
    cameo = item.entry.cameo if kind == item.entry.plover and item.entry.cameo \
        else CAMEO_ROOT[kind]
    return Typed(kind, mode, cameo, announced, refused)
