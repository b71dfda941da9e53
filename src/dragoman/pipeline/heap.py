"""The garbage collector and the objects loaded once.

A run keeps its heavy objects (the spaCy model, lexicons, gazetteer, classifiers: hundreds of
thousands of Python objects) for as long as the process lives, and each full collection of
the cyclic garbage collector walks all of them again. ``keep_loaded`` moves every object alive
now into the collector's permanent generation (``gc.freeze``): full collections then walk only
what the run made since, which cut ~3% of an ingest's CPU time on the demo corpus
(docs/benchmarks.md). Nothing is computed differently; frozen objects are simply never freed,
which is what an object loaded for the whole run is anyway. Before a fork it also keeps the
children from copying the pages the collector would otherwise write to. ``loading`` goes one
step further for the objects made while a run is set up (gazetteer, places, lexicons): no
collection walks them while they are made (each full collection there walked up to half a
million objects that all stay alive), and they are frozen once made.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def keep_loaded() -> int:
    """Freeze every object alive now out of the collector's reach; returns how many are
    frozen in all."""
    gc.freeze()
    return gc.get_freeze_count()


@contextmanager
def loading() -> Iterator[None]:
    """Make objects that live for the run inside: the collector is off while they are made
    (as it was before, on or off, afterwards), and every object alive at the end is frozen
    (:func:`keep_loaded`)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        keep_loaded()
