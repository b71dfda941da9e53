"""The annotate stage in worker processes (n_process > 1) gives the records one process gives."""
from __future__ import annotations

import pytest

from dragoman.api import ingest
from dragoman.pipeline.pool import DocumentPool
from dragoman.settings import Settings
from dragoman.store import Store

TABLES = ("sources", "articles", "rejects", "mentions", "actors", "actor_merges", "statements",
          "events", "stories", "reuse", "signatures", "fingerprints")
CLOCK = {"ingested_at", "merged_at"}


def snapshot(store) -> dict[str, list[tuple]]:
    """Everything a store holds, as sorted rows (timestamps left out), to compare two runs."""
    tables = {name for (name,) in store.con.execute(
        "SELECT table_name FROM information_schema.tables").fetchall()}
    found = {}
    for table in TABLES:
        if table not in tables:
            continue
        columns = [name for (name,) in store.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position", [table]).fetchall() if name not in CLOCK]
        select = ", ".join(f'"{c}"' for c in columns)
        rows = store.con.execute(f"SELECT {select} FROM {table}").fetchall()
        found[table] = sorted(rows, key=repr)
    return found


def _square_all(items: list) -> list:
    return [item * item for item in items]


def test_the_pool_keeps_order_and_every_item():
    pool = DocumentPool(_square_all, processes=2, chunks_per_process=3)
    try:
        assert pool.map(list(range(50))) == [i * i for i in range(50)]
        assert pool.map([]) == []
    finally:
        pool.close()


def test_chunks_are_small_enough_to_balance_the_workers():
    pool = DocumentPool(_square_all, processes=2, chunks_per_process=8, max_chunk=32)
    try:
        assert (pool.chunk_size(200), pool.chunk_size(3), pool.chunk_size(10_000)) == (13, 1, 32)
    finally:
        pool.close()


@pytest.mark.model
@pytest.mark.shared
def test_two_processes_store_the_same_records_as_one(seeds, nlp, tmp_path):
    stored = []
    for workers in (1, 2):
        settings = Settings(db=str(tmp_path / f"w{workers}.duckdb"), n_process=workers,
                            batch_size=3)
        ingest([str(seeds)], settings=settings, nlp=nlp)
        with Store(settings.db, read_only=True) as store:
            stored.append(snapshot(store))
    assert stored[0]["statements"] and stored[0]["events"]
    assert stored[0] == stored[1]


def test_the_ray_runner_without_ray_says_how_to_install_it(monkeypatch, tmp_path):
    import sys

    from dragoman.errors import DragomanError
    from dragoman.runners import make_runner
    from dragoman.pipeline import Pipeline

    monkeypatch.setitem(sys.modules, "ray", None)  # as if it were not installed
    monkeypatch.delitem(sys.modules, "dragoman.runners.ray", raising=False)
    with Store() as store, pytest.raises(DragomanError, match=r"dragoman\[ray\]"):
        make_runner(store, Pipeline([]), Settings(runner="ray"))


def test_an_unknown_runner_is_refused_with_the_choices():
    from dragoman.errors import DragomanError
    from dragoman.pipeline import Pipeline
    from dragoman.runners import make_runner

    with Store() as store, pytest.raises(DragomanError, match="local, ray"):
        make_runner(store, Pipeline([]), Settings(runner="spark"))
