"""The export tables: their columns, their order, and every row of one (``dragoman export``,
``exports.py``)."""
from __future__ import annotations

from collections.abc import Iterator

from dragoman.errors import ExportError
from dragoman.store.reads.events import event_where
from dragoman.store.reads.filters import EventFilter, StatementFilter
from dragoman.store.reads.sql import Where
from dragoman.store.reads.statements import statement_where
from dragoman.store.store import Store
from dragoman.store.tables import EXPORT_COLUMNS, EXPORT_JOINS, WITH_ORIGIN

_ORDER = {
    "articles": "t.origin, t.article_id", "rejects": "t.origin",
    "actors": "t.mentions DESC, t.name", "statements": "a.origin, t.start",
    "events": "a.origin, t.start", "stories": "t.start_date, t.story_id",
    "reuse": "t.article_a, t.article_b", "mentions": "t.article_id, t.start",
    "story_merges": "t.merged_at, t.absorbed",
    "story_splits": "t.split_at, t.new_story",
}


def export_tables() -> list[str]:
    return list(EXPORT_COLUMNS)


def check_table(table: str) -> None:
    """Raise ``ExportError`` unless ``table`` is one of the export tables."""
    if table not in EXPORT_COLUMNS:
        raise ExportError(f"unknown table {table!r}",
                          f"choose one of: {', '.join(EXPORT_COLUMNS)}")


def table_select(table: str, columns: tuple[str, ...] | None = None) -> str:
    check_table(table)
    columns = columns or EXPORT_COLUMNS[table]
    if table in WITH_ORIGIN:
        cols = ", ".join("a.origin" if c == "origin" else EXPORT_JOINS[c][0] if c in EXPORT_JOINS
                         else f't."{c}"' for c in columns)
        joins = "".join(f" {EXPORT_JOINS[c][1]}" for c in columns if c in EXPORT_JOINS)
        return f"SELECT {cols} FROM {table} t JOIN articles a USING (article_id){joins}"
    return f"SELECT {', '.join(f'{chr(34)}{c}{chr(34)}' for c in columns)} FROM {table} t"


def shown(table: str, everything: bool = False) -> Where:
    """The rows of ``table`` an export holds: for statements and events what the default filters
    show (speech, not historical, at or above the default confidence) unless ``everything``."""
    if everything or table not in ("statements", "events"):
        return Where()
    return statement_where(StatementFilter()) if table == "statements" else event_where(EventFilter())


def iter_rows(store: Store, table: str, chunk: int = 2000, everything: bool = False
              ) -> Iterator[dict]:
    """The rows of an export table (``shown``), as dicts with the export field names, in a
    stable order."""
    check_table(table)
    where = shown(table, everything)
    where.order = _ORDER[table]
    cursor = store.con.cursor().execute(f"{table_select(table)}{where.sql()}", where.params)
    columns = EXPORT_COLUMNS[table]
    while rows := cursor.fetchmany(chunk):
        for row in rows:
            yield dict(zip(columns, row))


def arrow_batches(store: Store, table: str, rows_per_batch: int = 50_000,
                  everything: bool = False):
    """The export table's rows (``shown``) as a pyarrow RecordBatchReader (streamed, for
    Parquet)."""
    check_table(table)
    where = shown(table, everything)
    where.order = _ORDER[table]
    return store.con.sql(f"{table_select(table)}{where.sql()}", params=where.params
                         ).to_arrow_reader(rows_per_batch)
