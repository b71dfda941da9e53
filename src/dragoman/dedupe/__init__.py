"""Duplicate detection. First version: exact duplicates by normalised-text hash."""
from dragoman.dedupe.exact import ExactDedupeStage

__all__ = ["ExactDedupeStage"]
