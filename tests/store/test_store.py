"""The store on an in-memory DuckDB: batches land whole, queries read them back."""
from __future__ import annotations

import re
from dataclasses import fields, replace
from pathlib import Path

import pytest

from dragoman.errors import ExportError, StoreError
from dragoman.model import Actor, Article, Event, EventMention, Reject, Statement, Story
from dragoman.pipeline import Batch
from dragoman.store import Store, reads, tables
from dragoman.store.reads import ActorFilter, EventFilter, StatementFilter

TEXT = "Chile accused Norway of delay. \u201cNo,\u201d Lund said."


def article(aid: str = "a1", **kw) -> Article:
    return Article(article_id=aid, origin=f"{aid}.txt", text=TEXT, content_hash="c-" + aid,
                   source_hash="s-" + aid, published="2020-01-02", **kw)


def batch() -> Batch:
    a = article()
    return Batch(
        articles=(a, article("a2", duplicate_of="a1")),
        rejects=(Reject("bad.txt", "undecodable", "not text", "s-bad"),),
        actors=(Actor("act_l", "Lund", "person", aliases=("Lund",), mentions=1),),
        statements=(Statement("st1", "a1", "direct", "No,", 32, 35, TEXT[31:], cue="say",
                              speaker="Lund", speaker_actor_id="act_l", speaker_mention="Lund"),),
        events=(Event("ev1", "a1", "ACCUSE", TEXT[:30], 0, 30, source="Chile", target="Norway",
                      source_country="CHL", date="2020-01-02", date_precision="day"),),
        stories=(Story("s_a1", "Title", ("a1",), "2020-01-02", "2020-01-02", "Chile accused."),),
    )


@pytest.fixture
def store():
    with Store(":memory:") as s:
        yield s


def test_batch_lands_and_counts(store: Store):
    store.write_batch(batch())
    assert reads.counts(store) == {
        "inputs": 3, "articles": 1, "duplicates": 1, "rejects": 1, "mentions": 0, "actors": 1,
        "statements": 1, "events": 1, "stories": 1, "reuse": 0}
    assert store.seen([("a1.txt", "s-a1"), ("bad.txt", "s-bad"), ("new.txt", "x")]) == {
        ("a1.txt", "s-a1"), ("bad.txt", "s-bad")}
    assert store.originals_for(["c-a1", "c-a2", "zz"]) == {"c-a1": "a1"}


def test_duplicates_inherit_the_story_of_their_original(store: Store):
    store.write_batch(batch())
    rows = {r["article_id"]: r for r in reads.iter_rows(store, "articles")}
    assert rows["a2"]["story_id"] == rows["a1"]["story_id"] == "s_a1"


def test_writing_the_same_batch_twice_adds_nothing(store: Store):
    store.write_batch(batch())
    store.write_batch(batch())
    counts = reads.counts(store)
    assert (counts["inputs"], counts["statements"], counts["events"]) == (3, 1, 1)


def test_the_later_mentions_of_an_event_land_with_it_and_come_back(store: Store):
    again = EventMention("ev1", "a1", 31, len(TEXT), TEXT[31:], "said")
    for _ in range(2):   # written twice: once
        store.write_batch(replace(batch(), event_mentions=(again,)))
    (row,) = reads.event_mentions(store, "ev1")
    assert (row["start"], row["end"], row["text"], row["trigger"]) == (31, len(TEXT), TEXT[31:],
                                                                      "said")
    assert (row["article_id"], row["type"], row["source"]) == ("a1", "ACCUSE", "Chile")
    assert reads.event_mentions(store, article_id="a1") == [row]
    assert reads.event_mentions(store, "ev2") == reads.event_mentions(store, article_id="a2") == []


def test_actor_upsert_adds_mentions_and_aliases(store: Store):
    store.write_batch(Batch(actors=(Actor("act_l", "Lund", "person", aliases=("Lund",), mentions=2),)))
    store.write_batch(Batch(actors=(Actor("act_l", "Lund", "person", aliases=("Maria Lund",), mentions=3),)))
    (row,) = reads.actors(store, ActorFilter(name="lund"))
    assert row["mentions"] == 5 and sorted(row["aliases"]) == ["Lund", "Maria Lund"]


def test_a_failing_batch_leaves_nothing_behind(store: Store):
    bad = Batch(articles=(article(),), statements=(Statement("st1", "a1", "direct", "x", 0, 1, "x"),
                                                    "not a record"))
    with pytest.raises(TypeError):
        store.write_batch(bad)
    assert reads.counts(store)["inputs"] == 0


def test_export_rows_have_the_documented_fields(store: Store):
    store.write_batch(batch())
    (st,) = reads.iter_rows(store, "statements")
    assert list(st) == list(reads.EXPORT_COLUMNS["statements"])
    assert st["origin"] == "a1.txt" and TEXT[st["start"]:st["end"]] == st["text"]
    (ev,) = reads.iter_rows(store, "events")
    assert ev["origin"] == "a1.txt" and str(ev["date"]) == "2020-01-02"


def test_filters_use_parameters_not_sql_text(store: Store):
    store.write_batch(batch())
    assert reads.statements(store, StatementFilter(speaker="'; DROP TABLE statements; --")) == []
    assert len(reads.statements(store, StatementFilter(speaker="lund"))) == 1
    assert [e["event_id"] for e in reads.events(store, EventFilter(type="accuse", country="chl"))] == ["ev1"]
    assert reads.events(store, EventFilter(since="2021-01-01")) == []


def test_unknown_export_table_is_a_clear_error(store: Store):
    with pytest.raises(ExportError, match="unknown table 'tweets'"):
        list(reads.iter_rows(store, "tweets"))


def test_read_only_open_of_a_missing_file_says_what_to_do(tmp_path):
    with pytest.raises(StoreError, match="dragoman ingest"):
        Store(tmp_path / "none.duckdb", read_only=True)


# --- records declared once: the tables and exports come from the records -----------------

def test_every_stored_record_field_is_a_column_of_its_table():
    for table in tables.TABLES.values():
        if table.record is None:
            continue
        stored = [f.name for f in fields(table.record) if f.metadata.get("column", True)]
        assert set(stored) <= set(table.column_names), table.name
        kept_elsewhere = {f.name for f in fields(table.record)} - set(stored)
        assert not kept_elsewhere & set(table.column_names), table.name
    assert "merged" not in tables.column_names("actors")
    assert tables.column_names("articles")[-6:] == (
        "story_id", "url", "content_hash", "source_hash", "removed", "nlp_skipped")


def test_column_types_come_from_annotations_and_field_metadata():
    columns = {c.name: c for c in tables.TABLES["events"].columns}
    assert (columns["event_id"].sql, columns["event_id"].key) == ("VARCHAR", True)
    assert columns["date"].sql == "DATE" and columns["negated"].sql == "BOOLEAN"
    assert columns["start"].sql == "INTEGER" and columns["article_id"].not_null
    assert {c.name: c.sql for c in tables.TABLES["stories"].columns}["article_ids"] == "VARCHAR[]"
    assert tables.TABLES["mentions"].key == ("article_id", "start", "end")
    assert tables.sql_type(float | None) == "DOUBLE"


def test_every_export_field_is_a_column_or_a_declared_join():
    for name, columns in tables.EXPORT_COLUMNS.items():
        table = tables.TABLES[name]
        for column in columns:
            assert column in table.column_names or column in tables.COMPUTED, (name, column)
        exported = {c.name for c in table.columns if c.export}
        assert exported <= set(columns), name
    assert tables.WITH_ORIGIN == {"statements", "events"}
    assert "role" in tables.EXPORT_COLUMNS["actors"] and "url" in tables.EXPORT_COLUMNS["articles"]
    assert "content_hash" not in tables.EXPORT_COLUMNS["articles"]


def test_a_declaration_that_drifts_fails_at_once():
    with pytest.raises(ValueError, match="name each column once"):
        tables.record_table("actors", Actor, order=("actor_id", "name"))
    with pytest.raises(ValueError, match="not in its export"):
        tables.record_table("actors", Actor, exports=("actor_id", "name"))
    with pytest.raises(ValueError, match="neither columns nor computed"):
        tables.record_table("actors", Actor, exports=(*tables.EXPORT_COLUMNS["actors"], "rank"))


def test_the_actor_role_and_article_url_are_exported(store: Store):
    store.write_batch(Batch(articles=(article(url="https://example.org/a1"),),
                            actors=(Actor("act_l", "Lund", "person", role="Foreign Minister"),)))
    (row,) = reads.iter_rows(store, "articles")
    assert row["url"] == "https://example.org/a1"
    (row,) = reads.iter_rows(store, "actors")
    assert row["role"] == "Foreign Minister"


def test_the_readme_lists_the_export_fields():
    section = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = section.split("## What comes out", 1)[1].split("\n## ", 1)[0]
    listed = {}
    for name, text in re.findall(r"^- \*\*(\w+)\*\*: (.*?)(?=^- |\Z)", section, re.MULTILINE | re.DOTALL):
        while re.search(r"\([^()]*\)", text):   # explanations, in brackets
            text = re.sub(r"\([^()]*\)", "", text)
        text = re.split(r" — |;", text)[0]
        listed[name] = tuple(field.strip() for field in text.split(","))
    assert listed == tables.EXPORT_COLUMNS
