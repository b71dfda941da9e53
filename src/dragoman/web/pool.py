"""One read connection shared by all requests, as a pool of DuckDB cursors (one per request)."""
from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from dragoman.errors import StoreError
from dragoman.store import Store


class StorePool:
    """Lends ``Store`` views over cursors of one connection; a request holds one at a time.
    The connection is opened by ``open_store`` now, and again on the first request after a
    ``close()`` (an ASGI server's shutdown closes it; a restarted app opens it again)."""

    def __init__(self, open_store: Callable[[], Store], size: int = 8, wait_s: float = 30.0) -> None:
        self.open_store, self.size, self.wait_s = open_store, size, wait_s
        self._lock = threading.Lock()
        self.store: Store | None = None
        self._views: list[Store] = []
        self._free: queue.LifoQueue[Store] = queue.LifoQueue()
        self.open()

    def open(self) -> None:
        with self._lock:
            if self.store is not None:
                return
            self.store = self.open_store()
            self._views = [self.store.cursor_view() for _ in range(self.size)]
            self._free = queue.LifoQueue()
            for view in self._views:
                self._free.put(view)

    @contextmanager
    def borrow(self) -> Iterator[Store]:
        if self.store is None:
            self.open()
        free = self._free
        try:
            view = free.get(timeout=self.wait_s)
        except queue.Empty as err:
            raise StoreError("the explorer is busy: every database cursor is in use",
                             "try again in a moment") from err
        try:
            yield view
        finally:
            free.put(view)

    def close(self) -> None:
        with self._lock:
            for view in self._views:
                view.close()
            if self.store is not None:
                self.store.close()
            self.store, self._views = None, []
