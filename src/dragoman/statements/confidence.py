"""How likely a statement is right: a small calibrated logistic model.

A statement is *right* when what it says matches an attribution a person marked (PolNeAR's
>30% content overlap) and, when that attribution has a source, its speaker mention is that
source. :func:`statement_features` describes a statement by its kind, cue class, how its cue
was found (the lexicon, a cue learned from PolNeAR train with its ratio, a noun, an
adjective, "according to", a colon lead, a poll, the learned cue detector), its speaker
(named / pronoun / nominal / unnamed / none, and for each kind whether it was resolved to an
actor: a name, a description resolved through the actors layer, a pronoun through the
resolver; a he/she left unresolved apart from other pronouns), what it says (a clause with a
verb or a bare noun phrase, its length, quote marks). A he/she speaker that names no one
(:func:`names_no_one`) counts as wrong in training: the record cannot say who spoke, so such
statements fall below the default threshold. The weights
(``data/statement_confidence.json``) are fitted and calibrated with cross-validation by
``scripts/train_statement_confidence.py confidence``; :data:`DEFAULT_THRESHOLD` there is the
least confidence a default listing shows.
"""
from __future__ import annotations

import math
from dataclasses import replace

from dragoman.learned import LogisticModel, load_logistic
from dragoman.model import Statement
from dragoman.statements.pronouns import PERSON_PRONOUNS

_VERB_POS = frozenset({"VERB", "AUX"})


ConfidenceModel = LogisticModel  # weights over :func:`statement_features`; ``threshold``: the
# default least confidence for precision (docs/statements.md gives its measured precision)


def load_confidence_model(text: str | None = None) -> ConfidenceModel:
    """The shipped model (``data/statement_confidence.json``), or one from JSON ``text``."""
    return load_logistic("statement_confidence.json", text)


def cue_source(cues, statement: Statement) -> str:
    """Where the statement's cue comes from: lexicon, learned, class, noun, adjective,
    according, colon, detected (a one-word verb cue the learned cue detector found) or
    other."""
    cue = statement.cue or ""
    if cue == "according to":
        return "according"
    if cue == ":":
        return "colon"
    if cue in cues.entries and cues.entries[cue].is_speech:
        return "lexicon"
    if cue in cues.learned:
        return "learned"
    if cue in cues.classes:
        return "class"
    if cue in cues.nouns:
        return "noun"
    if cue in cues.adjectives:
        return "adjective"
    return "detected" if cue.isalpha() else "other"


def statement_features(statement: Statement, doc, cues) -> dict:
    """The features of one statement of ``doc`` (see the module docstring)."""
    source = cue_source(cues, statement)
    span = doc.char_span(statement.start, statement.end, alignment_mode="expand")
    tokens = list(span) if span is not None else []
    words = [t for t in tokens if t.is_alpha]
    learned = cues.learned.get(statement.cue or "")
    feats = {
        f"kind_{statement.kind}": 1.0,
        f"class_{statement.cue_class or 'speech'}": 1.0,
        f"source_{source}": 1.0,
        f"speaker_{statement.speaker_kind or 'none'}": 1.0,
        "log_words": math.log1p(len(words)),
        "has_verb": float(any(t.pos_ in _VERB_POS for t in tokens)),
        "addressee": float(statement.addressee is not None),
    }
    if learned is not None and learned.ratio is not None and source == "learned":
        feats["learned_ratio"] = learned.ratio
    if statement.kind == "indirect" and not feats["has_verb"]:
        feats[f"np_{statement.cue_class or 'speech'}"] = 1.0
    if statement.speaker_kind is not None:  # how the speaker was resolved, by its kind
        how = "resolved" if statement.speaker_actor_id is not None else "unresolved"
        feats[f"{statement.speaker_kind}_{how}"] = 1.0
    if names_no_one(statement):
        feats["person_unresolved"] = 1.0
    return feats


def names_no_one(statement: Statement) -> bool:
    """A he/she speaker left unresolved: the record cannot say who spoke, so the statement
    is not a right attribution whatever its mention (how the model is trained)."""
    return (statement.speaker_kind == "pronoun" and statement.speaker_actor_id is None
            and (statement.speaker_mention or "").lower() in PERSON_PRONOUNS)


def with_confidence(statements: list[Statement], doc, cues, model: ConfidenceModel):
    """The statements with ``confidence`` set (rounded to three places)."""
    return [replace(s, confidence=round(model.probability(statement_features(s, doc, cues)), 3))
            for s in statements]
