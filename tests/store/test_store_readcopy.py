"""Reading while writing (issue 20, item 9): the explorer reads the record's read copy, so an
ingest in another process can write the file meanwhile, and what the explorer shows grows
batch by batch, never half a batch. A writer waits a bounded time for another's lock."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import pytest
from fastapi.testclient import TestClient

from dragoman.model import Article
from dragoman.pipeline import Batch
from dragoman.store import Store, reads
from dragoman.store.reading import CopyReader, open_for_reading
from dragoman.store.snapshot import copy_path, is_stale
from dragoman.store.store import StoreLocked
from dragoman.web.app import create_app
from dragoman.web.pool import StorePool

LOCAL = "http://127.0.0.1"
TEXT = "Chile accused Norway of delay, the minister said on Monday."

# A writer in its own process: a batch of 5 articles for each line it reads; "half" begins a
# transaction, deletes every article and waits to be killed before committing.
WRITER = textwrap.dedent("""
    import sys
    from dragoman.model import Article
    from dragoman.pipeline import Batch
    from dragoman.store import Store

    def articles(n):
        return tuple(Article(article_id=f"a{n}-{i}", origin=f"{n}-{i}.txt", text="Chile said.",
                             content_hash=f"c{n}-{i}", source_hash=f"s{n}-{i}") for i in range(5))

    store = Store(sys.argv[1])
    store.publisher.factor = 0   # a copy after every batch (the default skips some: 1/10 of the time)
    print("open", flush=True)
    for n, line in enumerate(sys.stdin):
        if line.strip() == "half":
            store.con.execute("BEGIN TRANSACTION")
            store.con.execute("DELETE FROM articles")
            print("half", flush=True)
            sys.stdin.readline()
        store.write_batch(Batch(articles=articles(n)))
        print("stored", flush=True)
    store.close()
""")


def article(aid: str) -> Article:
    return Article(article_id=aid, origin=f"{aid}.txt", text=TEXT, content_hash="c-" + aid,
                   source_hash="s-" + aid)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "record.duckdb"
    with Store(path) as store:
        store.write_batch(Batch(articles=(article("first"),)))
    return str(path)


@pytest.fixture
def writer(db):
    """A started writer process holding ``db`` (its first line read: it has opened it)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    process = subprocess.Popen([sys.executable, "-c", WRITER, db], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout.readline().strip() == "open"
    yield process
    if process.poll() is None:
        process.kill()
    process.wait()


def ask(process: subprocess.Popen, line: str) -> str:
    process.stdin.write(line + "\n")
    process.stdin.flush()
    return process.stdout.readline().strip()


def shown(client: TestClient) -> int:
    return client.get("/api/overview").json()["counts"]["articles"]


def test_an_ingest_writes_while_the_explorer_is_open_and_each_batch_shows(db, tmp_path):
    with TestClient(create_app(db), base_url=LOCAL) as client:
        assert shown(client) == 1
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        process = subprocess.Popen([sys.executable, "-c", WRITER, db], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, text=True, env=env)
        try:  # before the read copy, the writer failed here: "Conflicting lock is held"
            assert process.stdout.readline().strip() == "open"
            for n in range(1, 4):
                assert ask(process, "batch") == "stored"
                assert shown(client) == 1 + 5 * n
        finally:
            process.stdin.close()
            assert process.wait(timeout=30) == 0


def test_the_explorer_starts_during_an_ingest_and_never_shows_half_a_batch(db, writer):
    assert ask(writer, "batch") == "stored"
    with TestClient(create_app(db), base_url=LOCAL) as client:  # used to fail on the lock
        assert shown(client) == 6
        assert ask(writer, "half") == "half"      # every article deleted, not committed
        assert shown(client) == 6
        writer.kill()                             # killed before its commit
        writer.wait()
        assert shown(client) == 6                 # the file is free again: refreshed, same
        assert not is_stale(db)
    with Store(db) as store:                      # and the file agrees
        assert reads.counts(store)["articles"] == 6


def test_a_short_read_during_an_ingest_reads_the_copy(db, writer):
    assert ask(writer, "batch") == "stored"
    with open_for_reading(db) as store:
        assert reads.counts(store)["articles"] == 6
        assert store.path != db


def test_a_second_writer_waits_for_the_first_then_says_what_to_do(db, writer):
    started = time.monotonic()
    with pytest.raises(StoreLocked) as caught:
        Store(db, lock_wait_s=1.0)
    assert 1.0 <= time.monotonic() - started < 5
    assert "waited 1 s" in caught.value.args[0]
    assert "another dragoman process" in caught.value.hint
    writer.stdin.close()                          # the first finishes: the second gets in
    with Store(db, lock_wait_s=30) as store:
        assert reads.counts(store)["articles"] == 1


def test_a_writer_publishes_only_whole_batches_and_the_reader_follows(db):
    reader = CopyReader(db)
    with reader.open() as first:
        assert reads.counts(first)["articles"] == 1
        with Store(db) as store:
            store.publisher.factor = 0            # a copy after every commit
            store.write_batch(Batch(articles=(article("second"),)))
            assert reader.changed()
            with reader.open() as second:
                assert reads.counts(second)["articles"] == 2
            assert reads.counts(first)["articles"] == 1   # an open copy stays as it was
            assert not reader.changed()
    assert sorted(p.name for p in copy_path(db).parent.iterdir()) == [
        "record.duckdb", "record.duckdb.snapshot"]


def test_publishing_takes_at_most_a_tenth_of_the_writer_s_time(db):
    with Store(db) as store:
        store.publisher.cost = 3600.0             # as if a copy took an hour
        copies = store.publisher.copies
        store.write_batch(Batch(articles=(article("second"),)))
        assert store.publisher.copies == copies   # not copied after this commit...
        assert is_stale(db)
    assert not is_stale(db)                       # ...but on closing


def test_the_explorer_s_pool_moves_to_a_new_copy_and_lets_requests_in_flight_finish(db):
    reader, changes = CopyReader(db), []
    pool = StorePool(reader.open, 2, changed=reader.changed, on_change=lambda: changes.append(1))
    try:
        with pool.borrow() as old:
            assert reads.counts(old)["articles"] == 1
            with Store(db) as store:
                store.write_batch(Batch(articles=(article("second"),)))
            with pool.borrow() as new:            # the next request: the new copy
                assert reads.counts(new)["articles"] == 2
            assert reads.counts(old)["articles"] == 1   # the one in flight: its own copy
        assert changes == [1]
        with pool.borrow() as again:
            assert reads.counts(again)["articles"] == 2
    finally:
        pool.close()
