"""Results that depend only on the record (the overview's counts and charts, a list's facets
and chart for one filter, an actor's page), kept until the record changes. The explorer's
database is read-only unless writing is enabled, and then every ingest through the API clears
them; so does a newer read copy (``web/pool.py``). At most ``size`` results are kept, the
least recently used dropped first."""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

MEMO_SIZE = 256


class Memo:
    def __init__(self, size: int = MEMO_SIZE) -> None:
        self.size = size
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._version = 0  # bumped by clear(): a result made before it is not kept

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            version = self._version
        value = make()
        with self._lock:
            if version != self._version:
                return value
            kept = self._values.setdefault(key, value)
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)
            return kept

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self._version += 1

    def __len__(self) -> int:
        return len(self._values)
