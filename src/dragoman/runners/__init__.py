"""Runners execute the pipeline over a stream of records: ``local`` (default) and ``ray``
(the optional extra ``dragoman[ray]``; ``runners/ray.py`` is the only module importing ray)."""
from __future__ import annotations

from collections.abc import Callable

from dragoman.pipeline import Pipeline
from dragoman.runners.local import IngestReport, LocalRunner, default_pipeline
from dragoman.settings import Settings, choices_for
from dragoman.store import Store

RUNNERS = choices_for("runner")

__all__ = ["RUNNERS", "IngestReport", "LocalRunner", "default_pipeline", "make_runner"]


def make_runner(store: Store, pipeline: Pipeline, settings: Settings,
                on_batch: Callable[[int, IngestReport], None] | None = None,
                rebuild: Callable[[], Pipeline] | None = None) -> LocalRunner:
    """The runner ``settings.runner`` names (settings.py allows only ``RUNNERS``), over
    ``pipeline`` and ``store``; ``rebuild`` (the same pipeline made anew) lets the local
    runner (either) store a batch that raises record by record."""
    if settings.runner == "ray":
        # lazy: optional extra (dragoman[ray]); raises a DragomanError saying how to install it
        from dragoman.runners.ray import RayRunner

        return RayRunner(store, pipeline, settings, on_batch, rebuild=rebuild)
    return LocalRunner(store, pipeline, settings, on_batch, rebuild)
