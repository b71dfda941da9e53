"""Runners execute the pipeline over a stream of records: ``local`` (default); Ray later."""
from dragoman.runners.local import IngestReport, LocalRunner, default_pipeline

__all__ = ["IngestReport", "LocalRunner", "default_pipeline"]
