"""Objects loaded once are frozen out of the garbage collector's reach; later ones are not."""
from __future__ import annotations

import gc

from dragoman.pipeline.heap import keep_loaded, loading


def test_keep_loaded_freezes_what_is_alive_now_and_only_that():
    gc.unfreeze()
    try:
        loaded = {"lexicon": [object() for _ in range(100)]}
        frozen = keep_loaded()
        # other threads (ray's, from earlier tests) may free a frozen object at any time,
        # so the count can only fall below what was frozen, never rise above it
        assert frozen >= 100 and frozen - 100 < gc.get_freeze_count() <= frozen
        later = [[] for _ in range(10)]
        # nothing more is frozen (a frozen object freed since may lower the count)
        assert all(gc.is_tracked(x) for x in later) and gc.get_freeze_count() <= frozen
        assert loaded["lexicon"]
    finally:
        gc.unfreeze()


def test_loading_turns_the_collector_off_while_inside_and_freezes_what_was_made():
    gc.unfreeze()
    try:
        assert gc.isenabled()
        with loading():
            assert not gc.isenabled()
            made = [[] for _ in range(200)]
        assert gc.isenabled() and gc.get_freeze_count() >= 200
        walked = {id(x) for x in gc.get_objects()}  # what a collection walks: not the frozen
        assert not any(id(x) in walked for x in made)
        gc.disable()
        with loading():  # a collector that was off stays off
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
