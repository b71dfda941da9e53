"""``Store`` owns the DuckDB connection, brings the database to the current schema on opening
(``store/migrations``) and writes one batch per transaction."""
from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from dragoman.errors import StoreError
from dragoman.model import Article, Reject
from dragoman.pipeline import Batch
from dragoman.store import migrations
from dragoman.store.snapshot import Publisher, is_lock_error, is_stale, remove_leftovers
from dragoman.store.tables import column_names

LOG = logging.getLogger(__name__)
LOCK_WAIT_S = 60.0   # how long a writer waits for another process to let go of the file

_UPSERT_ACTORS = (
    "ON CONFLICT (actor_id) DO UPDATE SET mentions = actors.mentions + excluded.mentions, "
    "aliases = list_distinct(list_concat(actors.aliases, excluded.aliases)), "
    "country = coalesce(actors.country, excluded.country), "
    "sector = coalesce(actors.sector, excluded.sector), role = coalesce(actors.role, excluded.role)"
)

_UPSERT_STORIES = "ON CONFLICT (story_id) DO UPDATE SET " + ", ".join(
    f"{c} = excluded.{c}" for c in ("title", "article_ids", "start_date", "end_date", "summary",
                                    "timeline"))
_UPSERT_STORY_STATE = "ON CONFLICT (story_id) DO UPDATE SET " + ", ".join(
    f"{c} = excluded.{c}" for c in ("size", "first_day", "last_day", "term_ids", "term_weights",
                                    "embedding", "actors", "actor_counts", "seen"))


LOCKED = ("Could not set lock", "Conflicting lock")
DAMAGED = ("not a valid DuckDB database", "Corrupt database", "Could not read enough bytes",
           "checksum")


def open_hint(error: str) -> str:
    """What to do when DuckDB refuses to open the file, from its message: a lock held by
    another process, a file that is not (or no longer) a readable database, or anything else."""
    if any(mark in error for mark in LOCKED):
        return ("another dragoman process may be writing to it: wait for it to finish, "
                "or use another --db")
    if any(mark in error for mark in DAMAGED):
        return ("the file is not a dragoman record, or it is damaged: restore it from a "
                "backup, or ingest the inputs again into a new --db")
    return "check that the path is a dragoman database you may read, or use another --db"


class StoreLocked(StoreError):
    """Another process holds the database file (DuckDB lets one process write it)."""


class Store:
    """The record on disk (or in memory with ``":memory:"``), at the latest schema version:
    a new database is created at it, an older one migrated on opening (also when opened
    ``read_only``: then once, through a short-lived writing connection), a newer one refused
    (``SchemaVersionError``).

    A writing Store on a file waits up to ``lock_wait_s`` for another process to let go of
    it (then raises ``StoreLocked``), and publishes the file's read copy (``snapshot.py``)
    on opening, after commits and on closing, for the explorer to read meanwhile."""

    def __init__(self, path: str | Path = ":memory:", read_only: bool = False,
                 lock_wait_s: float = LOCK_WAIT_S) -> None:
        self.path, self.read_only = str(path), read_only
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"no database at {self.path}",
                             "run `dragoman ingest PATH` first, or point --db at an existing file")
        self.con = self._connect(read_only, 0.0 if read_only else lock_wait_s)
        version = migrations.version_of(self.con)
        migrations.check_known(version, self.path)
        if version < migrations.LATEST and read_only:
            self.con.close()
            with self._migrating():
                self.con = self._connect(False)
                migrations.upgrade(self.con, self.path)
                self.con.close()
            self.con = self._connect(True)
        elif version < migrations.LATEST:
            migrations.upgrade(self.con, self.path)
        self.publisher = None if read_only or self.path == ":memory:" else Publisher(self.path)
        if self.publisher is not None:
            remove_leftovers(self.path)
            self._publish(force=is_stale(self.path))

    def _connect(self, read_only: bool, wait_s: float = 0.0) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                return duckdb.connect(self.path, read_only=read_only)
            except duckdb.Error as err:
                if is_lock_error(err) and time.monotonic() < deadline:
                    time.sleep(0.2)
                    continue
                kind = StoreLocked if is_lock_error(err) else StoreError
                waited = f" (waited {wait_s:.0f} s)" if wait_s else ""
                raise kind(f"cannot open the database {self.path}{waited}: {err}",
                           open_hint(str(err))) from err

    def _publish(self, force: bool) -> None:
        """Publish the read copy (``force``) or let the publisher decide; a copy that cannot
        be made (a full disk) leaves readers on the last one and never fails a write."""
        try:
            if force:
                self.publisher.publish(self.con)
            else:
                self.publisher.after_commit(self.con)
        except (OSError, duckdb.Error) as err:
            LOG.warning("could not publish the read copy of %s (the explorer shows the record "
                        "as it was before): %s", self.path, err)

    @contextmanager
    def _migrating(self) -> Iterator[None]:
        """Say, when opening a read-only store fails, that it was to migrate the file."""
        try:
            yield
        except StoreError as err:
            raise StoreError(f"the database {self.path} was made by an earlier dragoman and "
                             f"must be migrated to schema version {migrations.LATEST}, which "
                             f"needs writing to it: {err}",
                             "stop the process that has it open (for instance `dragoman "
                             "serve`), then run `dragoman status --db FILE` once") from err

    def close(self) -> None:
        """Close the connection, publishing the read copy first if the file changed."""
        try:
            if self.publisher is not None and is_stale(self.path):
                self._publish(force=True)
        finally:
            self.con.close()

    def cursor_view(self) -> "Store":
        """A Store over a new cursor of this connection, for one thread at a time: DuckDB
        connections must not be shared across threads, cursors of one database may run side
        by side (the web explorer keeps a pool of them). ``close()`` closes only the cursor."""
        view = object.__new__(Store)
        view.path, view.read_only, view.con = self.path, self.read_only, self.con.cursor()
        view.publisher = None
        return view

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- what the corpus stages and the runner ask -------------------------------------

    def seen(self, keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        """The (origin, source_hash) pairs already recorded: the idempotency check."""
        keys = list(keys)
        self.con.register("_keys", pa.table({
            "origin": pa.array([k[0] for k in keys], pa.string()),
            "source_hash": pa.array([k[1] for k in keys], pa.string()),
        }))
        rows = self.con.execute("SELECT origin, source_hash FROM sources "
                                "JOIN _keys USING (origin, source_hash)").fetchall()
        self.con.unregister("_keys")
        return {(origin, source_hash) for origin, source_hash in rows}

    def originals_for(self, content_hashes: Iterable[str]) -> dict[str, str]:
        """content_hash → article_id of the stored original, for hashes already stored."""
        self.con.register("_hashes", pa.table(
            {"content_hash": pa.array(list(content_hashes), pa.string())}))
        rows = self.con.execute(
            "SELECT a.content_hash, a.article_id FROM articles a JOIN _hashes USING "
            "(content_hash) WHERE a.duplicate_of IS NULL").fetchall()
        self.con.unregister("_hashes")
        return dict(rows)

    def near_candidates(self, rows, keys) -> list[tuple[int, str, int, bytes]]:
        """(query row, article_id, seq, minhash) of the stored originals that share an LSH
        band key with a query (``rows[i]`` asks for ``keys[i]``): one join of the batch's
        keys with ``lsh_bands`` (a scan: DuckDB does not use an ART index for a join, nor
        for an IN list of thousands), then the signatures of the hits by ``seq``."""
        self.con.register("_bands", pa.table({"row": pa.array(rows, pa.int64()),
                                              "key": pa.array(keys, pa.int64())}))
        pairs = self.con.execute("SELECT DISTINCT q.row, b.seq FROM _bands q JOIN lsh_bands b "
                                 "USING (key) ORDER BY q.row, b.seq").fetchall()
        self.con.unregister("_bands")
        if not pairs:
            return []
        signatures = {seq: (article_id, minhash) for seq, article_id, minhash in self.con.execute(
            "SELECT seq, article_id, minhash FROM signatures WHERE seq = ANY(?)",
            [sorted({seq for _, seq in pairs})]).fetchall()}
        return [(row, signatures[seq][0], seq, signatures[seq][1])
                for row, seq in pairs if seq in signatures]

    def max_signature_seq(self) -> int | None:
        """The highest near-duplicate ``seq`` stored (None before the first original)."""
        return self.con.execute("SELECT max(seq) FROM signatures").fetchall()[0][0]

    def unbanded_signatures(self) -> list[tuple[int, bytes]]:
        """(seq, minhash) of stored signatures without LSH band keys (older databases)."""
        return self.con.execute(
            "SELECT seq, minhash FROM signatures WHERE seq NOT IN (SELECT seq FROM lsh_bands) "
            "ORDER BY seq").fetchall()

    def write_bands(self, seqs, keys) -> None:
        """LSH band keys of stored signatures (``keys``: one row of keys per seq)."""
        self._append_bands(seqs, keys)

    def _append_bands(self, seqs, keys) -> None:
        keys = np.asarray(keys, dtype=np.int64)
        self.con.register("_new_bands", pa.table({
            "key": pa.array(keys.ravel(), pa.int64()),
            "seq": pa.array(np.repeat(np.asarray(seqs, dtype=np.int64), keys.shape[1]))}))
        self.con.execute("INSERT INTO lsh_bands SELECT key, seq FROM _new_bands")
        self.con.unregister("_new_bands")

    def reuse_candidates(self, prints: dict[str, tuple[int, ...]], max_df: int,
                         max_candidates: int | None = None) -> dict[str, list[str]]:
        """article_id → stored articles sharing a fingerprint with it, those sharing the most
        first (at most ``max_candidates`` of them); fingerprints stored for more than
        ``max_df`` articles (boilerplate) are not used."""
        ids = [aid for aid, values in prints.items() for _ in values]
        self.con.register("_query", pa.table({
            "article_id": pa.array(ids, pa.string()),
            "hash": pa.array([h for values in prints.values() for h in values], pa.uint32())}))
        rows = self.con.execute(
            "WITH usable AS (SELECT hash FROM fingerprints WHERE hash IN "
            "(SELECT hash FROM _query) GROUP BY hash HAVING count(*) <= ?), "
            "pairs AS (SELECT q.article_id AS a, f.article_id AS b, count(*) AS shared "
            "FROM _query q JOIN usable USING (hash) JOIN fingerprints f USING (hash) "
            "WHERE f.article_id <> q.article_id GROUP BY ALL) "
            "SELECT a, b FROM pairs QUALIFY row_number() OVER "
            "(PARTITION BY a ORDER BY shared DESC, b) <= ? ORDER BY a, shared DESC, b",
            [max_df, max_candidates or 2**62]).fetchall()
        self.con.unregister("_query")
        found: dict[str, list[str]] = {}
        for article_id, candidate in rows:
            found.setdefault(article_id, []).append(candidate)
        return found

    def texts_for(self, article_ids: Iterable[str]) -> dict[str, str]:
        """article_id → text, for the ids that are stored (a few: point lookups by key)."""
        article_ids = list(article_ids)
        if len(article_ids) <= 8:
            found = {}
            for article_id in article_ids:
                rows = self.con.execute("SELECT text FROM articles WHERE article_id = ?",
                                        [article_id]).fetchall()
                found.update({article_id: rows[0][0]} if rows else {})
            return found
        # a list parameter, not a join: a join scans every stored text (36 ms for 500 ids in
        # 100k articles), ``= ANY(?)`` does not (4 ms)
        rows = self.con.execute("SELECT article_id, text FROM articles WHERE article_id = ANY(?)",
                                [article_ids]).fetchall()
        return dict(rows)

    # --- writing -----------------------------------------------------------------------

    def write_batch(self, batch: Batch) -> None:
        """Everything a batch produced, in one transaction: all of it lands or none does."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._write(batch)
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")
        if self.publisher is not None:
            self._publish(force=False)

    def _write(self, batch: Batch) -> None:
        self._insert("sources", [_source_row(item) for item in (*batch.articles, *batch.rejects)])
        story_of = {aid: s.story_id for s in batch.stories for aid in s.article_ids}
        self._insert("articles", [{**_row(a), "story_id": story_of.get(a.article_id)}
                                  for a in batch.articles])
        for table in ("rejects", "mentions", "statements", "events", "event_mentions"):
            self._insert(table, [_row(item) for item in getattr(batch, table)])
        self._write_stories(batch)
        self._insert("actors", [_row(a) for a in batch.actors], _UPSERT_ACTORS)
        self._insert("actor_merges", [
            {"alias_id": m.split("\t")[0], "actor_id": a.actor_id, "alias": m.split("\t")[1],
             "evidence": m.split("\t")[2]} for a in batch.actors for m in a.merged])
        self._write_signatures(batch)
        self._insert("reuse", [_row(r) for r in batch.reuse])
        self.con.execute(
            "UPDATE articles SET story_id = o.story_id FROM articles o "
            "WHERE articles.duplicate_of = o.article_id AND articles.story_id IS NULL")

    def _write_stories(self, batch: Batch) -> None:
        """Stories the batch touched (replaced whole), merges (the absorbed story's articles
        move to the one it joined) and the clustering state (stories/stage.py)."""
        self._insert("stories", [_row(s) for s in batch.stories], _UPSERT_STORIES)
        for update in batch.story_updates:
            for merge in update.merges:
                for sql in ("UPDATE articles SET story_id = ? WHERE story_id = ?",
                            "DELETE FROM stories WHERE story_id = ? AND story_id <> ?",
                            "DELETE FROM story_state WHERE story_id = ? AND story_id <> ?"):
                    args = [merge["into_story"], merge["absorbed"]]
                    self.con.execute(sql, args if sql.startswith("UPDATE") else args[::-1])
            self._insert("story_merges", list(update.merges), "")
            for split in getattr(update, "splits", ()):   # moved articles and their copies
                self.con.execute("UPDATE articles SET story_id = ? WHERE list_contains(?, article_id) "
                                 "OR list_contains(?, duplicate_of)",
                                 [split["new_story"], split["article_ids"], split["article_ids"]])
            self._insert("story_splits", list(getattr(update, "splits", ())), "")
            self._insert("story_state", list(update.states), _UPSERT_STORY_STATE)
            if update.df is not None:
                self.con.execute("INSERT OR REPLACE INTO story_terms VALUES ('corpus', ?, ?)",
                                 [update.n_docs, update.df])
        if batch.stories and not batch.articles:   # a user's edit or a re-clustering
            self.con.execute(
                "UPDATE articles SET story_id = s.story_id FROM (SELECT story_id, "
                "unnest(article_ids) AS member FROM stories WHERE list_contains(?, story_id)) s "
                "WHERE articles.article_id = s.member AND articles.story_id IS DISTINCT FROM s.story_id",
                [[s.story_id for s in batch.stories]])

    def _write_signatures(self, batch: Batch) -> None:
        """MinHashes and passage fingerprints of the batch's originals."""
        self._insert("signatures", [{"article_id": s.article_id, "seq": s.seq, "minhash": s.minhash}
                                    for s in batch.signatures if s.minhash])
        banded = [s for s in batch.signatures if s.bands]
        if banded:
            self._append_bands([s.seq for s in banded], [s.bands for s in banded])
        ids = [s.article_id for s in batch.signatures for _ in s.fingerprints]
        if ids:
            self.con.register("_prints", pa.table({
                "hash": pa.array([h for s in batch.signatures for h in s.fingerprints], pa.uint32()),
                "article_id": pa.array(ids, pa.string())}))
            self.con.execute("INSERT INTO fingerprints SELECT hash, article_id FROM _prints")
            self.con.unregister("_prints")

    def _insert(self, table: str, rows: list[dict], on_conflict: str = "ON CONFLICT DO NOTHING") -> None:
        if not rows:
            return
        self.con.register("_rows", pa.Table.from_pylist(rows))
        columns = column_names(table)
        select = ", ".join(f'"{c}"' for c in rows[0] if c in columns)
        self.con.execute(f"INSERT INTO {table} BY NAME SELECT {select} FROM _rows {on_conflict}")
        self.con.unregister("_rows")


def _row(record: object) -> dict:
    return {f.name: _plain(getattr(record, f.name)) for f in fields(record)}


def _plain(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def _source_row(item: Article | Reject) -> dict:
    if isinstance(item, Reject):
        return {"origin": item.origin, "source_hash": item.source_hash, "outcome": "rejected",
                "article_id": None}
    outcome = "duplicate" if item.duplicate_of else "article"
    return {"origin": item.origin, "source_hash": item.source_hash, "outcome": outcome,
            "article_id": item.article_id}
