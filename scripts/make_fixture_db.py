"""Write a small dragoman database from the hand-written articles in tests/fixtures/articles.

Run it with the code of a release to keep a database that release made, so a test can check
that the current code opens and migrates it (tests/test_migrations.py):

    git worktree add --detach ../release 268c16e
    PYTHONPATH=../release/src .venv/bin/python scripts/make_fixture_db.py \
        --out tests/fixtures/release-268c16e.duckdb.gz

An ``--out`` ending in ``.gz`` is written gzipped (a small DuckDB file is mostly empty blocks:
7 MB raw, 30 kB gzipped). Origins are recorded relative to the current directory: run it from
the repository root. Only the minimal public API every release has is used:
``dragoman.ingest([paths], db=...)``.
The articles are invented (no publisher's text); the spaCy model must be installed.
"""
from __future__ import annotations

import argparse
import gzip
import os
import shutil
import tempfile
from pathlib import Path

import duckdb

import dragoman

ARTICLES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "articles"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path, help="the .duckdb file to write")
    parser.add_argument("--articles", type=Path, default=ARTICLES,
                        help="folder of .txt articles to ingest")
    args = parser.parse_args()
    if args.out.exists():
        raise SystemExit(f"{args.out} exists: remove it first, or choose another --out")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "fixture.duckdb"
        report = dragoman.ingest([os.path.relpath(args.articles)], db=str(db))
        with duckdb.connect(str(db)) as con:   # fold the write-ahead log into the file
            con.execute("CHECKPOINT")
        _copy(db, args.out)
    print(f"{args.out}: {report}")
    print(f"written by dragoman {dragoman.__version__} from {dragoman.__file__}")


def _copy(db: Path, out: Path) -> None:
    """``db`` to ``out``, gzipped when ``out`` ends in ``.gz``."""
    if out.suffix != ".gz":
        shutil.copyfile(db, out)
        return
    with db.open("rb") as raw, gzip.open(out, "wb", compresslevel=9) as packed:
        shutil.copyfileobj(raw, packed)


if __name__ == "__main__":
    main()
