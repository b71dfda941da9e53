"""One record's failure stays that record's: an exception a stage raises on one record becomes
a Reject of that record, and the rest of its batch goes on.

Used by the clean stage for each record; any document stage can use :func:`isolated` the same
way (one call per record), so that no input can stop a run, and the same input on a rerun is
skipped as already rejected instead of crashing again.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from dragoman.names import safe_name
from dragoman.model import Reject

T = TypeVar("T")


def failure_reject(origin: str, source_hash: str, stage: str, err: Exception) -> Reject:
    """The Reject of a record on which ``stage`` raised ``err`` (reason ``failed-STAGE``)."""
    problem = safe_name(" ".join(f"{type(err).__name__}: {err}".split()))[:300]
    return Reject(origin, f"failed-{stage}", f"the {stage} stage failed on this record "
                  f"({problem}); the rest of the batch was stored; please report this record "
                  "as a bug", source_hash)


def isolated(run: Callable[[], T], origin: str, source_hash: str, stage: str) -> T | Reject:
    """``run()``, or the record's Reject when it raises an ``Exception`` (KeyboardInterrupt
    still stops the run)."""
    try:
        return run()
    except Exception as err:  # noqa: BLE001 (one record must not take its batch down)
        return failure_reject(origin, source_hash, stage, err)
