"""One read connection shared by all requests, as a pool of DuckDB cursors (one per request)."""
from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from dragoman.errors import StoreError
from dragoman.store import Store


class _Generation:
    """One opened store and its cursors; retired when a newer store is opened, and closed
    when the last cursor lent from it comes back."""

    def __init__(self, store: Store, size: int) -> None:
        self.store, self.size = store, size
        self.views = [store.cursor_view() for _ in range(size)]
        self.free: queue.LifoQueue[Store] = queue.LifoQueue()
        for view in self.views:
            self.free.put(view)
        self.retired, self.lent = False, 0   # lent: requests holding or waiting for a cursor

    def close_if_idle(self) -> None:
        if self.retired and self.lent == 0 and self.views:
            self.close()

    def close(self) -> None:
        for view in self.views:
            view.close()
        self.store.close()
        self.views = []


class StorePool:
    """Lends ``Store`` views over cursors of one connection; a request holds one at a time.
    The connection is opened by ``open_store`` now, and again on the first request after a
    ``close()`` (an ASGI server's shutdown closes it; a restarted app opens it again).

    With ``changed`` (the explorer's read copy: ``store/reading.py``), each request first
    asks whether a newer record is in place; if so, the next requests get cursors of a newly
    opened store while those in flight finish on the old one, and ``on_change`` runs (the
    app's memo of counts is cleared)."""

    def __init__(self, open_store: Callable[[], Store], size: int = 8, wait_s: float = 30.0,
                 changed: Callable[[], bool] | None = None,
                 on_change: Callable[[], None] = lambda: None) -> None:
        self.open_store, self.size, self.wait_s = open_store, size, wait_s
        self.changed, self.on_change = changed, on_change
        self._lock, self._renewing = threading.Lock(), threading.Lock()
        self._gen: _Generation | None = None
        self.open()

    @property
    def store(self) -> Store | None:
        return self._gen.store if self._gen is not None else None

    def open(self) -> None:
        with self._lock:
            if self._gen is None:
                self._gen = _Generation(self.open_store(), self.size)

    def _renew(self) -> None:
        """Open the newer store for the next requests; retire the current one."""
        fresh = _Generation(self.open_store(), self.size)
        with self._lock:
            old, self._gen = self._gen, fresh
            if old is not None:
                old.retired = True
                old.close_if_idle()
        self.on_change()

    @contextmanager
    def borrow(self) -> Iterator[Store]:
        if self._gen is None:
            self.open()
        elif self.changed is not None and self.changed():
            with self._renewing:              # one request opens the new store, once
                if self.changed():
                    self._renew()
        with self._lock:
            gen = self._gen
            gen.lent += 1
        try:
            view = gen.free.get(timeout=self.wait_s)
        except queue.Empty as err:
            self._give_back(gen)
            raise StoreError("the explorer is busy: every database cursor is in use",
                             "try again in a moment") from err
        try:
            yield view
        finally:
            gen.free.put(view)
            self._give_back(gen)

    def _give_back(self, gen: _Generation) -> None:
        with self._lock:
            gen.lent -= 1
            gen.close_if_idle()

    def close(self) -> None:
        with self._lock:
            if self._gen is not None:
                self._gen.close()
            self._gen = None
