"""A pool of worker processes that live for the whole run and apply one document function.

spaCy's ``nlp.pipe(n_process=N)`` starts N new processes on every call (every batch), sends
each parsed ``Doc`` back as bytes and leaves the per-document extraction to the main process.
``DocumentPool`` starts its workers once (they inherit the loaded model when the platform
forks), runs the whole per-document function in them and sends back only its compact result
(frozen dataclasses), so the main process is free for the corpus stages and the writes.
"""
from __future__ import annotations

import math
import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any

_function: Callable[[list], list] | None = None  # set once in each worker by _start


def _start(function: Callable[[list], list]) -> None:
    global _function
    _function = function


def _apply(items: list) -> list:
    assert _function is not None, "the worker was not started by DocumentPool"
    return _function(items)


class DocumentPool:
    """``map(items)`` = ``function(items)``, computed in ``processes`` workers, order kept.

    ``function`` takes a list and returns one result per item; it is handed to each worker
    once, when the worker starts (no pickling where the platform forks).
    """

    def __init__(self, function: Callable[[list], list], processes: int,
                 chunks_per_process: int = 8, max_chunk: int = 32) -> None:
        self.processes = processes
        self.chunks_per_process = chunks_per_process
        self.max_chunk = max_chunk
        self._pool = multiprocessing.get_context().Pool(processes, _start, (function,))

    def chunk_size(self, n: int) -> int:
        """Small enough that no worker waits long for the last chunk of a batch."""
        return max(1, min(self.max_chunk, math.ceil(n / (self.processes * self.chunks_per_process))))

    def map(self, items: Sequence[Any]) -> list:
        size = self.chunk_size(len(items))
        chunks = [list(items[i:i + size]) for i in range(0, len(items), size)]
        return [result for part in self._pool.imap(_apply, chunks) for result in part]

    def close(self) -> None:
        """Stop the workers. Every ``map`` has returned (or raised) by now, so they are idle:
        terminating cannot lose work, and cannot hang on a worker that Ctrl-C killed."""
        self._pool.terminate()
        self._pool.join()
