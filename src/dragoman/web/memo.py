"""Results that depend only on the whole record (the overview's counts and charts), kept until
the record changes. The explorer's database is read-only unless writing is enabled, and then
every ingest through the API clears them."""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


class Memo:
    def __init__(self) -> None:
        self._values: dict[str, Any] = {}
        self._lock = threading.Lock()

    def get(self, key: str, make: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._values:
                return self._values[key]
        value = make()
        with self._lock:
            return self._values.setdefault(key, value)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
