"""Corpus-level resolution: actor records merged across articles, variants with evidence."""
from dragoman.actors.stage import ResolveActorsStage, merge_actors
from dragoman.actors.identity import Merge, apply_merges, find_merges

__all__ = ["Merge", "ResolveActorsStage", "apply_merges", "find_merges", "merge_actors"]
