"""Writing record tables as JSON Lines, CSV or Parquet (files pandas, R and Excel open)."""
from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

import pyarrow.parquet as pq

from dragoman.errors import ExportError
from dragoman.store import Store, reads

FORMATS = ("jsonl", "csv", "parquet")


def json_default(value: object) -> object:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def write_jsonl(rows: Iterable[dict], stream: TextIO) -> int:
    count = 0
    for row in rows:
        stream.write(json.dumps(row, ensure_ascii=False, default=json_default) + "\n")
        count += 1
    return count


def _csv_cell(value: object) -> object:
    """Lists become JSON text (one cell); dates ISO; None an empty cell."""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False, default=json_default)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return "" if value is None else value


def write_csv(rows: Iterable[dict], columns: Iterable[str], stream: TextIO) -> int:
    writer = csv.writer(stream)
    writer.writerow(list(columns))
    count = 0
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row.values()])
        count += 1
    return count


def export_table(store: Store, table: str, fmt: str, stream: TextIO | None = None,
                 path: str | Path | None = None, everything: bool = False) -> int:
    """Write a table to ``path`` (or ``stream`` for jsonl/csv); returns the row count.
    Statements and events are the ones the default filters show (speech, not historical, at
    or above the default confidence) unless ``everything``."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}", f"use one of: {', '.join(FORMATS)}")
    reads.check_table(table)
    if fmt == "parquet":
        return _export_parquet(store, table, path, everything)
    if path is not None:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            return _export_text(store, table, fmt, handle, everything)
    return _export_text(store, table, fmt, stream, everything)


def _export_text(store: Store, table: str, fmt: str, stream: TextIO, everything: bool) -> int:
    rows = reads.iter_rows(store, table, everything=everything)
    if fmt == "jsonl":
        return write_jsonl(rows, stream)
    return write_csv(rows, reads.EXPORT_COLUMNS[table], stream)


def _export_parquet(store: Store, table: str, path: str | Path | None, everything: bool) -> int:
    if path is None:
        raise ExportError("Parquet cannot be written to the terminal",
                          "give a file with -o, e.g. -o events.parquet")
    reader = reads.arrow_batches(store, table, everything=everything)
    count = 0
    with pq.ParquetWriter(str(path), reader.schema) as writer:
        for batch in reader:
            writer.write_batch(batch)
            count += batch.num_rows
    return count
