"""Corpus-level resolution. First version: actor records merged across the batch."""
from dragoman.resolve.actors import ResolveActorsStage, merge_actors

__all__ = ["ResolveActorsStage", "merge_actors"]
