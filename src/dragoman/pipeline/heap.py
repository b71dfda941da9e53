"""The garbage collector and the objects loaded once.

A run keeps its heavy objects (the spaCy model, lexicons, gazetteer, classifiers: hundreds of
thousands of Python objects) for as long as the process lives, and each full collection of
the cyclic garbage collector walks all of them again. ``keep_loaded`` moves every object alive
now into the collector's permanent generation (``gc.freeze``): full collections then walk only
what the run made since, which cut ~3% of an ingest's CPU time on the demo corpus
(docs/benchmarks.md). Nothing is computed differently; frozen objects are simply never freed,
which is what an object loaded for the whole run is anyway. Before a fork it also keeps the
children from copying the pages the collector would otherwise write to.
"""
from __future__ import annotations

import gc


def keep_loaded() -> int:
    """Freeze every object alive now out of the collector's reach; returns how many are
    frozen in all."""
    gc.freeze()
    return gc.get_freeze_count()
