"""Numbered migrations: how a database made by an earlier release reaches this one's tables.

Each ``NNNN_name.sql`` file in this folder is one migration; they run in number order, and a
released one is never edited (a change to the tables is a new file, and a change to the
declarations in ``store/tables.py``: a test checks that both give the same tables). The
``schema_version`` table holds the number of the last migration applied. A database without it
is version 0: empty, or made by release 268c16e or before (migration 1 creates what is missing
of that release's schema, so it fits any of them).

``upgrade`` brings a database to ``LATEST`` in one transaction: a new one is created from the
declarations at once, an older one runs the migrations it lacks. A database newer than
``LATEST`` is refused: this code does not know its tables.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import duckdb

from dragoman.errors import SchemaVersionError
from dragoman.store.tables import create_sql


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    sql: str


def _load() -> tuple[Migration, ...]:
    files = sorted(f for f in resources.files(__name__).iterdir() if f.name.endswith(".sql"))
    found = tuple(Migration(int(f.name[:4]), f.name[5:-4], f.read_text("utf-8")) for f in files)
    if [m.number for m in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1, 2, … without gaps: {files}")
    return found


MIGRATIONS = _load()
LATEST = MIGRATIONS[-1].number


def version_of(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version of the open database (0: empty, or older than version numbers)."""
    if not _tables(con) & {"schema_version"}:
        return 0
    return con.execute("SELECT max(version) FROM schema_version").fetchall()[0][0] or 0


def check_known(version: int, path: str) -> None:
    """Raise ``SchemaVersionError`` for a database written by a newer dragoman."""
    if version > LATEST:
        raise SchemaVersionError(
            f"the database {path} has schema version {version}, newer than this dragoman "
            f"knows (up to {LATEST}): a newer dragoman wrote it",
            "upgrade dragoman (pip install -U dragoman) to read it, or point --db at another file")


def upgrade(con: duckdb.DuckDBPyConnection, path: str) -> int:
    """Bring the open database to ``LATEST`` in one transaction; returns the version it had."""
    version = version_of(con)
    check_known(version, path)
    if version == LATEST:
        return version
    con.execute("BEGIN TRANSACTION")
    try:
        _apply(con, version)
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    return version


def _apply(con: duckdb.DuckDBPyConnection, version: int) -> None:
    if _tables(con):
        for migration in MIGRATIONS[version:]:
            con.execute(migration.sql)
    else:  # a new database: the tables as declared now
        con.execute(create_sql())
    con.execute("DELETE FROM schema_version")
    con.execute("INSERT INTO schema_version VALUES (?)", [LATEST])


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute("SELECT table_name FROM information_schema.tables WHERE table_catalog = "
                       "current_database() AND table_schema = 'main'").fetchall()
    return {name for (name,) in rows}
