"""Statements: quotes and reported speech with their speakers and cues (docs/statements.md).

Owns the cue lexicon (:mod:`~dragoman.statements.cues`: :class:`Cues`, :func:`load_cues`)
with the learned cue detector for verbs it does not list
(:mod:`~dragoman.statements.detector`), quoted passages
(:mod:`~dragoman.statements.quotes`: :func:`find_quotes`), what reported speech says
(:mod:`~dragoman.statements.reported`), who speaks — decided in one place,
:mod:`~dragoman.statements.speakers`, with the learned pronoun resolver of
:mod:`~dragoman.statements.pronouns` — how likely each statement is right
(:mod:`~dragoman.statements.confidence`), and the orchestration that records each statement once
(:mod:`~dragoman.statements.extract`: :func:`extract_statements`). It builds on
:mod:`dragoman.text` and :mod:`dragoman.actors` and never imports events.
"""
from dragoman.statements.cues import Cue, Cues, load_cues
from dragoman.statements.extract import extract_statements
from dragoman.statements.quotes import Quote, find_quotes
from dragoman.statements.speakers import speaker_actor, speaker_fields, speaker_phrase

__all__ = ["Cue", "Cues", "Quote", "extract_statements", "find_quotes", "load_cues",
           "speaker_actor", "speaker_fields", "speaker_phrase"]
