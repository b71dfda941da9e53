"""The read copy: how the explorer reads the record while an ingest writes it.

DuckDB lets one process write a database file, and no other process open it meanwhile, not
even to read. So the record has a *read copy* beside it (``FILE.snapshot``): a whole database
that the writer publishes after a batch commits (``Publisher``) and long-lived readers (the
explorer) open instead of the file (``ReadCopy``). Publishing checkpoints the writer's
connection (the file then holds every committed batch, and only them), copies the file and
renames the copy into place, which is atomic: a reader opens the last copy or the one before,
never a half-written batch. A reader holding an old copy keeps reading it (the rename does not
touch its open file) until it asks for the new one.

Who makes the copy: a writing ``Store`` on opening (if the copy is missing or older than the
file), after a commit (at most one copy per ``PUBLISH_FACTOR`` times the last copy's cost, so a
large record is not copied after every batch), and on closing; a reader, when the file is newer
than the copy and no writer holds the file (``ReadCopy.refresh``: for instance after a writer
was killed). Either holds the file's lock while copying, so no write happens meanwhile.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb

SUFFIX = ".snapshot"
PUBLISH_FACTOR = 10      # at most 1/10 of a writer's time goes to publishing
REFRESH_EVERY_S = 2.0    # how often a reader tries to refresh a stale copy while a writer works
LOCK_MARKS = ("Could not set lock", "Conflicting lock", "different configuration")


def copy_path(db: str | Path) -> Path:
    """Where the read copy of ``db`` lives."""
    return Path(f"{db}{SUFFIX}")


def is_lock_error(error: BaseException | str) -> bool:
    """Whether DuckDB refused to open a file because another connection holds it."""
    return any(mark in str(error) for mark in LOCK_MARKS)


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return -1


def is_stale(db: str | Path) -> bool:
    """Whether the read copy is missing or older than the file or its write-ahead log."""
    copy = _mtime(copy_path(db))
    return copy < 0 or max(_mtime(Path(db)), _mtime(Path(f"{db}.wal"))) > copy


def copy_file(source: str | Path, target: str | Path) -> None:
    """Copy a file in a child process. Not in this one: DuckDB locks the database with
    ``fcntl``, and POSIX drops every lock a process holds on a file as soon as the process
    closes *any* descriptor of it, so reading the file here would let another writer in."""
    subprocess.run([sys.executable, "-I", "-S", "-c",
                    "import shutil, sys; shutil.copyfile(sys.argv[1], sys.argv[2])",
                    str(source), str(target)], check=True, capture_output=True)


def copy_into_place(db: str | Path) -> None:
    """Copy ``db`` (and its write-ahead log, if one is left) to the read copy, atomically.
    The caller holds ``db``'s lock, so that nothing writes it meanwhile. A copied log is
    folded into the copy (DuckDB replays it on opening) before the copy is renamed."""
    tmp = Path(f"{db}{SUFFIX}.{os.getpid()}.tmp")
    copy_file(db, tmp)
    wal = Path(f"{db}.wal")
    if wal.exists() and wal.stat().st_size:
        copy_file(wal, f"{tmp}.wal")
        duckdb.connect(str(tmp)).close()
    os.replace(tmp, copy_path(db))
    Path(f"{tmp}.wal").unlink(missing_ok=True)


def remove_leftovers(db: str | Path) -> None:
    """Remove copies that a killed process left half made. Only a writer calls this: it holds
    the file's lock, so no other process is copying it now."""
    for left in Path(db).parent.glob(f"{Path(db).name}{SUFFIX}.*.tmp*"):
        left.unlink(missing_ok=True)


class Publisher:
    """A writer's side: publishes the read copy after commits, at most one copy per
    ``factor`` times the last copy's cost (measured), and whenever ``force``d."""

    def __init__(self, db: str | Path, factor: float = PUBLISH_FACTOR) -> None:
        self.db, self.factor = str(db), factor
        self.last_at, self.cost = float("-inf"), 0.0
        self.copies = 0

    def after_commit(self, con: duckdb.DuckDBPyConnection) -> None:
        if time.perf_counter() - self.last_at >= self.factor * self.cost:
            self.publish(con)

    def publish(self, con: duckdb.DuckDBPyConnection) -> None:
        """Checkpoint ``con`` (the writer's connection, no transaction open) and copy."""
        started = time.perf_counter()
        con.execute("CHECKPOINT")
        copy_into_place(self.db)
        self.last_at = time.perf_counter()
        self.cost = self.last_at - started
        self.copies += 1


class ReadCopy:
    """A long-lived reader's side: the read copy of ``db`` to open, made fresh from ``db``
    when ``db`` is newer and no writer holds it (tried at most every ``retry_s`` seconds
    while a writer works); ``changed(token)`` says whether a newer copy is in place than the
    one ``token`` names (from ``open``'s caller reading ``token()``)."""

    def __init__(self, db: str | Path, retry_s: float = REFRESH_EVERY_S) -> None:
        self.db, self.retry_s = str(db), retry_s
        self.path = copy_path(db)
        self._failed_at = float("-inf")
        self._lock = threading.Lock()

    def token(self) -> tuple[int, int]:
        """The identity of the copy in place now (inode, modification time)."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return (-1, -1)
        return (stat.st_ino, stat.st_mtime_ns)

    def refresh(self) -> bool:
        """Make the copy fresh if ``db`` is newer and free; False if a writer holds it (its
        next commit publishes) or another thread is refreshing."""
        if not is_stale(self.db):
            return True
        if time.monotonic() - self._failed_at < self.retry_s or not self._lock.acquire(False):
            return False
        try:
            done = self._copy_holding_lock()
            self._failed_at = float("-inf") if done else time.monotonic()
            return done
        finally:
            self._lock.release()

    def _copy_holding_lock(self) -> bool:
        try:
            con = duckdb.connect(self.db, read_only=True)  # a shared lock: no writer meanwhile
        except duckdb.Error as err:
            if is_lock_error(err):
                return False
            raise
        try:
            if is_stale(self.db):
                copy_into_place(self.db)
        finally:
            con.close()
        return True

    def changed(self, token: tuple[int, int]) -> bool:
        """Whether the copy in place (refreshed first when due) is not the one ``token``
        names."""
        self.refresh()
        return self.token() != token
