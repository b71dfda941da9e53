"""Runners execute the pipeline over a stream of records: ``local`` (default) and ``ray``
(the optional extra ``dragoman[ray]``; ``runners/ray.py`` is the only module importing ray)."""
from __future__ import annotations

from collections.abc import Callable

from dragoman.errors import DragomanError
from dragoman.pipeline import Pipeline
from dragoman.runners.local import IngestReport, LocalRunner, default_pipeline
from dragoman.settings import Settings
from dragoman.store import Store

RUNNERS = ("local", "ray")

__all__ = ["IngestReport", "LocalRunner", "RUNNERS", "default_pipeline", "make_runner"]


def make_runner(store: Store, pipeline: Pipeline, settings: Settings,
                on_batch: Callable[[int, IngestReport], None] | None = None) -> LocalRunner:
    """The runner ``settings.runner`` names, over ``pipeline`` and ``store``."""
    if settings.runner == "local":
        return LocalRunner(store, pipeline, settings, on_batch)
    if settings.runner == "ray":
        from dragoman.runners.ray import RayRunner  # raises a DragomanError without ray

        return RayRunner(store, pipeline, settings, on_batch)
    raise DragomanError(f"unknown runner {settings.runner!r}",
                        f"use one of: {', '.join(RUNNERS)} (DRAGOMAN_RUNNER or --runner)")
