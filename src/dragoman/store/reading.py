"""Opening the record to read while another process may be writing it (``snapshot.py``).

- ``open_for_reading`` (a short read: the CLI, Python): the file itself, as before, when no
  writer holds it; else its read copy, the record as of the writer's last published batch.
- ``CopyReader`` (a long-lived reader: the explorer): always the read copy, so that the
  reader never holds the file's lock and an ingest can start at any time; ``changed()``
  says when a newer copy is in place, for the reader to open it on its next request.
"""
from __future__ import annotations

import itertools
import logging
import os
import shutil
import time
from pathlib import Path

import duckdb

from dragoman.errors import StoreError
from dragoman.store.snapshot import ReadCopy, copy_path
from dragoman.store.store import Store, StoreLocked, open_hint

LOG = logging.getLogger(__name__)
FIRST_COPY_WAIT_S = 30.0
_OPENED = itertools.count()


def open_copy(copy: Path) -> tuple[Store, tuple[int, int]]:
    """The read copy at ``copy``, opened read-only, and the identity of the file opened.

    It is opened through a hard link of a name of its own, removed once open: DuckDB keeps
    one database per path in a process, so opening the same name again while an older copy
    is still open there would give the older copy. (Where hard links are not allowed, the
    copy is copied.)"""
    link = Path(f"{copy}.{os.getpid()}-{next(_OPENED)}.open")
    try:
        os.link(copy, link)
    except OSError:
        shutil.copyfile(copy, link)
    try:
        stat = link.stat()
        return Store(link, read_only=True), (stat.st_ino, stat.st_mtime_ns)
    finally:
        link.unlink(missing_ok=True)


def open_for_reading(db: str | Path) -> Store:
    """The record at ``db``, read-only: the file, or its read copy while a writer holds it."""
    try:
        return Store(db, read_only=True)
    except StoreLocked:
        if not copy_path(db).exists():
            raise
        return open_copy(copy_path(db))[0]


class CopyReader:
    """Opens the read copy of ``db`` (refreshed from ``db`` when it is newer and free),
    waiting up to ``wait_s`` for a writer's first copy when there is none yet."""

    def __init__(self, db: str | Path, wait_s: float = FIRST_COPY_WAIT_S) -> None:
        self.db, self.wait_s = str(db), wait_s
        self.copy = ReadCopy(db)
        self.opened = self.copy.token()

    def open(self) -> Store:
        if not Path(self.db).exists():
            raise StoreError(f"no database at {self.db}",
                             "run `dragoman ingest PATH` first, or point --db at an existing file")
        self._refresh()
        deadline = time.monotonic() + self.wait_s
        while not self.copy.path.exists():
            if time.monotonic() > deadline:
                raise StoreError(f"another process is writing {self.db} and has not published "
                                 f"its read copy ({self.copy.path}) within {self.wait_s:.0f} s",
                                 "wait for its first batch to be stored and try again; a "
                                 "dragoman older than this one never publishes it: let it finish")
            time.sleep(0.2)
            self._refresh()
        store, self.opened = open_copy(self.copy.path)
        return store

    def _refresh(self) -> None:
        try:
            self.copy.refresh()
        except duckdb.Error as err:
            raise StoreError(f"cannot open the database {self.db}: {err}",
                             open_hint(str(err))) from err

    def changed(self) -> bool:
        """Whether a newer read copy is in place than the one opened last (refreshing it
        from the file first when due). A file that cannot be read now keeps the last copy."""
        try:
            return self.copy.changed(self.opened)
        except (duckdb.Error, OSError) as err:
            LOG.warning("cannot refresh the read copy of %s: %s", self.db, err)
            return False
