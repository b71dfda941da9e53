"""Cleaning: RawDoc → Article (extracted, repaired, de-boilerplated text and its metadata) or
Reject."""
from dragoman.clean.dates import parse_date
from dragoman.clean.stage import CleanStage, clean_record
from dragoman.clean.text import normalise_text

__all__ = ["CleanStage", "clean_record", "normalise_text", "parse_date"]
