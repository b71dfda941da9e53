"""Actors: who is named, as whom, and the same actor across the record.

Owns mention linking in one article (:func:`link_document` with the :class:`Gazetteer`,
:mod:`~dragoman.actors.mentions`; the result is a :class:`DocActors`), people placed by their
context (:mod:`~dragoman.actors.context`), titles as mentions (:mod:`~dragoman.actors.titles`),
pronouns and nominals resolved to actors (:mod:`~dragoman.actors.nominal`), identity across
articles (:mod:`~dragoman.actors.identity`, the corpus stage :class:`ResolveActorsStage`), the
user's merges and splits (:mod:`~dragoman.actors.overrides`) and re-resolution of a stored
record (:mod:`~dragoman.actors.reresolve`). It builds on :mod:`dragoman.text` and never imports
statements or events.
"""
from dragoman.actors.doc import DocActors
from dragoman.actors.identity import Merge, apply_merges, find_merges
from dragoman.actors.mentions import Gazetteer, link_document, load_gazetteer
from dragoman.actors.stage import ResolveActorsStage, merge_actors
from dragoman.actors.titles import with_title_mentions

__all__ = ["DocActors", "Gazetteer", "Merge", "ResolveActorsStage", "apply_merges",
           "find_merges", "link_document", "load_gazetteer", "merge_actors",
           "with_title_mentions"]
