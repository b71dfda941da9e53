"""One read connection shared by all requests, as a pool of DuckDB cursors (one per request)."""
from __future__ import annotations

import queue
from collections.abc import Iterator
from contextlib import contextmanager

from dragoman.errors import StoreError
from dragoman.store import Store


class StorePool:
    """Lends ``Store`` views over cursors of one connection; a request holds one at a time."""

    def __init__(self, store: Store, size: int = 8, wait_s: float = 30.0) -> None:
        self.store = store
        self.wait_s = wait_s
        self._views: list[Store] = [store.cursor_view() for _ in range(size)]
        self._free: queue.LifoQueue[Store] = queue.LifoQueue()
        for view in self._views:
            self._free.put(view)

    @contextmanager
    def borrow(self) -> Iterator[Store]:
        try:
            view = self._free.get(timeout=self.wait_s)
        except queue.Empty as err:
            raise StoreError("the explorer is busy: every database cursor is in use",
                             "try again in a moment") from err
        try:
            yield view
        finally:
            self._free.put(view)

    def close(self) -> None:
        for view in self._views:
            view.close()
        self.store.close()
