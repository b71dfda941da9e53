"""How the commands print rows: a table for reading, JSON, JSON Lines or CSV for programs."""
from __future__ import annotations

import json
import sys

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from dragoman import exports
from dragoman.names import safe_name


def console() -> Console:
    """Terminal width when interactive; 120 columns when writing to a file or pipe."""
    return Console(file=sys.stdout, soft_wrap=False, width=None if sys.stdout.isatty() else 120)


def show(rows: list[dict], columns: list[tuple[str, str, int | None]], fmt: str,
         title: str) -> None:
    """Rows as a table (columns: key, header, max width) or as json/jsonl/csv for programs."""
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, default=exports.json_default, indent=1))
        return
    if fmt == "jsonl":
        exports.write_jsonl(rows, sys.stdout)
        return
    if fmt == "csv":
        exports.write_csv(rows, rows[0].keys() if rows else [], sys.stdout)
        return
    if not rows:
        click.echo(f"No {title} match.")
        return
    table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold")
    for _, header, width in columns:
        wide = width is not None and width >= 40  # the text columns give way first
        table.add_column(header, max_width=width, min_width=None if wide else min(width or 8, 12),
                         ratio=1 if wide else None, no_wrap=True, overflow="ellipsis")
    for row in rows:
        table.add_row(*(Text(cell(row.get(key), key)) for key, _, _ in columns))
    console().print(table)


def cell(value: object, key: str = "") -> str:
    """A table cell: one line, safe to print (control characters escaped, ``safe_name``); an
    origin shortened to its file name (and record number)."""
    if key == "origin" and isinstance(value, str):
        return safe_name(value.rsplit("/", 1)[-1])
    if value is None:
        return "-"
    if isinstance(value, list):
        return safe_name(", ".join(str(v) for v in value))
    return safe_name(str(value).replace("\n", " "))
