"""Cleaning: RawDoc → Article (normalised text, metadata) or Reject."""
from dragoman.clean.stage import CleanStage, normalise_text, parse_date

__all__ = ["CleanStage", "normalise_text", "parse_date"]
