"""CSV and JSON Lines downloads of any list: every matching row, fetched a page at a time."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from dragoman.exports import write_jsonl
from dragoman.web.lists import ListSpec
from dragoman.web.pool import StorePool

MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}
CHUNK = 5000


def rows(pool: StorePool, spec: ListSpec, filters: object,
         sort: str | None = None) -> Iterator[list[dict]]:
    """The whole list, in pages of ``CHUNK`` rows. A cursor is borrowed per page, never held
    while the client reads: a download abandoned half way keeps none."""
    offset = 0
    while True:
        with pool.borrow() as store:
            chunk = spec.rows(store, filters, CHUNK, offset, sort)
        if not chunk:
            return
        yield chunk
        offset += len(chunk)
        if len(chunk) < CHUNK:
            return


def _cell(value: object) -> object:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return "" if value is None else value


def stream(pool: StorePool, spec: ListSpec, filters: object, fmt: str,
           sort: str | None = None) -> Iterator[str]:
    """The list as text in ``fmt`` (csv: a header from the first row's fields), in the order
    of ``sort`` (the list's default when not given)."""
    columns: list[str] | None = None
    for chunk in rows(pool, spec, filters, sort):
        buffer = io.StringIO()
        if fmt == "jsonl":
            write_jsonl(chunk, buffer)
        else:
            writer = csv.writer(buffer)
            if columns is None:
                columns = list(chunk[0])
                writer.writerow(columns)
            writer.writerows([_cell(row.get(c)) for c in columns] for row in chunk)
        yield buffer.getvalue()
