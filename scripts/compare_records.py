"""Do two versions of the code make the same record? Ingest the same demo articles with each
(the default pipeline, ``dragoman.api.ingest_records`` into a fresh store), dump every stored
row, compare the dumps field by field.

    PYTHONPATH=<tree A>/src python scripts/compare_records.py dump a.json [--limit 150]
    PYTHONPATH=<tree B>/src python scripts/compare_records.py dump b.json [--limit 150]
    python scripts/compare_records.py diff a.json b.json

The dump holds every table but ``meta`` and ``story_state`` (as the throughput bench's records
digest: working state, not records), without timestamp columns (when a row was written);
each table's rows are sorted. ``diff`` prints the rows per table and, for every table that
differs, the first differing rows and the fields in which they differ; it exits 1 then.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from dragoman import demo
from dragoman.api import ingest_records
from dragoman.settings import Settings
from dragoman.store import Store
from dragoman.text import load_nlp

LEFT_OUT = ("meta", "story_state")


def stored_rows(db: str) -> dict[str, list[dict]]:
    """Every table's rows (timestamps left out) as sorted lists of ``{column: value}``."""
    tables: dict[str, list[dict]] = {}
    with Store(db, read_only=True) as store:
        names = [n for (n,) in store.con.execute(
            "SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()
            if n not in LEFT_OUT]
        for name in names:
            columns = [c for c, kind in store.con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? ORDER BY ordinal_position", [name]).fetchall()
                if not kind.startswith("TIMESTAMP")]
            select = ", ".join(f'"{c}"' for c in columns)
            rows = [dict(zip(columns, map(repr, row)))
                    for row in store.con.execute(f"SELECT {select} FROM {name}").fetchall()]
            tables[name] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))
    return tables


def dump(out: str, limit: int) -> None:
    settings = Settings.from_env()
    records = demo.demo_records(demo.fetch_corpus(settings), settings)
    records = [r for _, r in zip(range(limit), records)]
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "records.duckdb")
        ingest_records(iter(records), Settings.from_env(db=db), nlp=load_nlp())
        tables = stored_rows(db)
    Path(out).write_text(json.dumps(tables))
    print(", ".join(f"{name} {len(rows)}" for name, rows in tables.items()))


def diff(left: str, right: str) -> int:
    a, b = json.loads(Path(left).read_text()), json.loads(Path(right).read_text())
    differs = 0
    for name in sorted(set(a) | set(b)):
        rows_a, rows_b = a.get(name, []), b.get(name, [])
        same = rows_a == rows_b
        print(f"{name}: {len(rows_a)} v {len(rows_b)} rows, {'same' if same else 'DIFFERENT'}")
        if same:
            continue
        differs += 1
        pairs = [(x, y) for x, y in zip(rows_a, rows_b) if x != y][:3]
        for x, y in pairs:
            fields = sorted(k for k in set(x) | set(y) if x.get(k) != y.get(k))
            print(f"  fields {fields}: {[x.get(k) for k in fields]} v {[y.get(k) for k in fields]}")
    print("same records" if not differs else f"{differs} table(s) differ")
    return 1 if differs else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("dump", help="ingest the demo articles, write every stored row")
    one.add_argument("out")
    one.add_argument("--limit", type=int, default=150, help="the first N Syria records")
    two = sub.add_parser("diff", help="compare two dumps")
    two.add_argument("left")
    two.add_argument("right")
    args = parser.parse_args(argv)
    if args.command == "dump":
        dump(args.out, args.limit)
        return 0
    return diff(args.left, args.right)


if __name__ == "__main__":
    sys.exit(main())
