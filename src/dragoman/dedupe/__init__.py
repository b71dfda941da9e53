"""Duplicate detection: exact copies (normalised-text hash), near duplicates (MinHash-LSH) and
passage reuse (winnowed fingerprints, seed-and-extend alignment). See docs/duplicates.md.

Owns the three stages (:class:`ExactDedupeStage`, :class:`NearDedupeStage`,
:class:`PassageReuseStage`) and their shingles; it works on text alone and imports no NLP
domain."""
from dragoman.dedupe.exact import ExactDedupeStage
from dragoman.dedupe.near import NearConfig, NearDedupeStage, NearDuplicateIndex
from dragoman.dedupe.passages import PassageConfig
from dragoman.dedupe.reuse import PassageReuseStage

__all__ = ["ExactDedupeStage", "NearConfig", "NearDedupeStage", "NearDuplicateIndex",
           "PassageConfig", "PassageReuseStage"]
