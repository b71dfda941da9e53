"""Duplicate detection: exact copies (normalised-text hash), near duplicates (MinHash-LSH) and
passage reuse (winnowed fingerprints, seed-and-extend alignment). See docs/duplicates.md."""
from dragoman.dedupe.exact import ExactDedupeStage
from dragoman.dedupe.near import NearConfig, NearDedupeStage, NearDuplicateIndex
from dragoman.dedupe.passages import PassageConfig
from dragoman.dedupe.reuse import PassageReuseStage

__all__ = ["ExactDedupeStage", "NearConfig", "NearDedupeStage", "NearDuplicateIndex",
           "PassageConfig", "PassageReuseStage"]
