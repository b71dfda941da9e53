"""Numbered migrations: a database made by release 268c16e (tests/fixtures, made by
scripts/make_fixture_db.py) opens, is migrated to the latest version and reads and exports;
a new database and a migrated one have the same tables; a newer one is refused."""
from __future__ import annotations

import csv
import gzip
import io
import shutil
from pathlib import Path

import duckdb
import pytest

from dragoman.errors import SchemaVersionError, StoreError
from dragoman.exports import export_table
from dragoman.store import Store, migrations, reads
from dragoman.store.reads import EventFilter, StatementFilter
from dragoman.store.tables import EXPORT_COLUMNS, TABLES

RELEASE = Path(__file__).resolve().parents[1] / "fixtures" / "release-268c16e.duckdb.gz"


def describe(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Each table's columns (name, type, nullable, default) in order, and its primary key."""
    tables: dict[str, list[tuple]] = {}
    for table, *column in con.execute(
            "SELECT table_name, column_name, data_type, is_nullable, column_default "
            "FROM information_schema.columns WHERE table_schema = 'main' "
            "ORDER BY table_name, ordinal_position").fetchall():
        tables.setdefault(table, []).append(tuple(column))
    for table, key in con.execute("SELECT table_name, constraint_column_names FROM "
                                  "duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
                                  ).fetchall():
        tables[table].append(("PRIMARY KEY", *key))
    return tables


@pytest.fixture
def release_db(tmp_path: Path) -> Path:
    """A copy of the database release 268c16e made (the fixture itself stays untouched)."""
    path = tmp_path / "release.duckdb"
    with gzip.open(RELEASE, "rb") as packed, path.open("wb") as raw:
        shutil.copyfileobj(packed, raw)
    return path


@pytest.fixture
def fresh_tables() -> dict[str, list[tuple]]:
    with Store(":memory:") as store:
        return describe(store.con)


def test_a_new_database_is_created_at_the_latest_version(fresh_tables):
    with Store(":memory:") as store:
        assert migrations.version_of(store.con) == migrations.LATEST
    assert set(fresh_tables) == set(TABLES)
    for name, table in TABLES.items():
        assert [c[0] for c in fresh_tables[name] if c[0] != "PRIMARY KEY"] == list(
            table.column_names)


def test_the_release_database_is_migrated_to_the_same_tables(release_db, fresh_tables):
    con = duckdb.connect(str(release_db), read_only=True)
    assert migrations.version_of(con) == 0 and "meta" in describe(con)
    con.close()
    with Store(release_db) as store:
        assert migrations.version_of(store.con) == migrations.LATEST
        assert describe(store.con) == fresh_tables


def test_the_release_database_reads_and_exports_after_migrating(release_db):
    with Store(release_db) as store:
        assert reads.counts(store) == {
            "inputs": 5, "articles": 3, "duplicates": 1, "rejects": 1, "mentions": 18,
            "actors": 12, "statements": 14, "events": 8, "stories": 3, "reuse": 1}
        for table, columns in EXPORT_COLUMNS.items():
            out = io.StringIO()
            count = export_table(store, table, "csv", stream=out)
            header, *rows = csv.reader(io.StringIO(out.getvalue()))
            assert header == list(columns) and len(rows) == count
        assert {r["url"] for r in reads.iter_rows(store, "articles")} == {None}
        assert all("role" in r for r in reads.iter_rows(store, "actors"))
        assert reads.events(store, EventFilter(), limit=100) and reads.statements(store, StatementFilter())


def test_a_read_only_open_migrates_the_release_database_too(release_db):
    with Store(release_db, read_only=True) as store:
        assert migrations.version_of(store.con) == migrations.LATEST
        assert len(list(reads.iter_rows(store, "events"))) == 8


def test_a_database_from_before_the_added_columns_gets_them(tmp_path, fresh_tables):
    """Version "1" databases made before the ALTER lines of the release schema lack columns;
    migration 1 adds them."""
    sql = migrations.MIGRATIONS[0].sql
    before = "\n".join(line for line in sql.splitlines() if not line.startswith("ALTER"))
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(before)
        con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
        assert "role" not in [c[0] for c in describe(con)["actors"]]
    with Store(path) as store:
        assert describe(store.con) == fresh_tables


def test_a_newer_database_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "newer.duckdb"
    with Store(path) as store:
        store.con.execute("UPDATE schema_version SET version = ?", [migrations.LATEST + 1])
    for read_only in (False, True):
        with pytest.raises(SchemaVersionError, match="upgrade dragoman") as err:
            Store(path, read_only=read_only)
        assert isinstance(err.value, StoreError)


def test_a_failing_migration_leaves_the_database_as_it_was(release_db, monkeypatch):
    broken = migrations.Migration(migrations.LATEST + 1, "broken",
                                  "ALTER TABLE actors ADD COLUMN rank INTEGER; SELECT nonsense;")
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, broken))
    monkeypatch.setattr(migrations, "LATEST", broken.number)
    with pytest.raises(duckdb.Error):
        Store(release_db)
    with duckdb.connect(str(release_db), read_only=True) as con:
        assert migrations.version_of(con) == 0
        assert "meta" in describe(con) and "role" in [c[0] for c in describe(con)["actors"]]
        assert "rank" not in [c[0] for c in describe(con)["actors"]]


def test_migrations_are_numbered_in_order():
    assert [m.number for m in migrations.MIGRATIONS] == list(range(1, migrations.LATEST + 1))
    assert migrations.MIGRATIONS[0].name == "release_268c16e"


def test_opening_leaves_the_connection_free_for_streaming(release_db):
    """Reading the version fetches its result whole: a half-read result would block the
    streamed reads (Parquet export) on the same connection."""
    for read_only in (False, True):
        with Store(release_db, read_only=read_only) as store:
            assert store.con.sql("SELECT * FROM events").to_arrow_reader(4).read_all().num_rows == 8
