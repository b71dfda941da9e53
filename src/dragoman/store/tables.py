"""Every stored table declared once: its columns, their SQL types, its key, its export fields.

A table that holds records (``articles``, ``events`` …) takes its columns from the record's
fields (``dragoman.model``; a field's ``stored()`` metadata gives what its annotation does not);
the other tables (``sources``, ``story_state`` …) are declared here column by column. From
these declarations come the ``CREATE TABLE`` statements of a new database (``create_sql``),
the columns ``Store`` writes, and the export fields (``EXPORT_COLUMNS``). A database made
earlier reaches the same tables through the numbered migrations (``store/migrations``); a test
checks that both give the same columns.

A table's column order is the order in which its columns were added over the releases (reads
that select ``t.*`` return them in that order); where it is not the record's field order, the
table lists it (``order``), and the declaration fails at import unless the list names every
column once. An export lists every exported column; ``origin`` (the article's, for records
that have none) and the party names of an event are computed by a join (``COMPUTED``).
"""
from __future__ import annotations

import types
import typing
from dataclasses import dataclass, fields

from dragoman.model import (
    Actor,
    Article,
    Event,
    EventMention,
    Mention,
    Reject,
    Reuse,
    Signature,
    Statement,
    Story,
)


@dataclass(frozen=True)
class Column:
    """One column: ``default`` is an SQL expression; ``export=False`` keeps it out of the
    export."""

    name: str
    sql: str
    key: bool = False
    not_null: bool = False
    default: str | None = None
    export: bool = True

    def ddl(self, inline_key: bool) -> str:
        parts = [f'"{self.name}"', self.sql]
        parts += ["PRIMARY KEY"] if self.key and inline_key else []
        parts += ["NOT NULL"] if self.not_null and not (self.key and inline_key) else []
        parts += [f"DEFAULT {self.default}"] if self.default is not None else []
        return " ".join(parts)


@dataclass(frozen=True)
class Computed:
    """An export field that is no column of its table: ``select`` reads it through ``join``
    (the table is ``t``)."""

    name: str
    select: str
    join: str


# export fields computed by a join: the article's origin, the canonical names of an event's parties
COMPUTED = {
    "origin": Computed("origin", "a.origin", "JOIN articles a USING (article_id)"),
    "source_name": Computed("source_name", "sn.name AS source_name",
                            "LEFT JOIN actors sn ON sn.actor_id = t.source_actor_id"),
    "target_name": Computed("target_name", "tn.name AS target_name",
                            "LEFT JOIN actors tn ON tn.actor_id = t.target_actor_id"),
}


@dataclass(frozen=True)
class Table:
    """A stored table; ``exports`` the fields of its export, in order (empty: not exported)."""

    name: str
    columns: tuple[Column, ...]
    exports: tuple[str, ...] = ()
    doc: str = ""
    record: type | None = None

    def __post_init__(self) -> None:
        names = self.column_names
        if len(set(names)) != len(names):
            raise ValueError(f"table {self.name} declares a column twice: {names}")
        unknown = [e for e in self.exports if e not in names and e not in COMPUTED]
        missing = [c.name for c in self.columns if c.export and c.name not in self.exports]
        if unknown or (self.exports and missing):
            raise ValueError(f"table {self.name}: export fields {unknown} are neither columns "
                             f"nor computed; exported columns {missing} are not in its export")

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.key)

    def create_sql(self) -> str:
        """The ``CREATE TABLE`` statement of the table as it is now."""
        inline = len(self.key) == 1
        lines = [c.ddl(inline) for c in self.columns]
        lines += [] if inline or not self.key else [
            "PRIMARY KEY (" + ", ".join(f'"{k}"' for k in self.key) + ")"]
        comment = "".join(f"-- {line}\n" for line in self.doc.splitlines())
        return f"{comment}CREATE TABLE {self.name} (\n    " + ",\n    ".join(lines) + "\n);"


# --- columns from records -----------------------------------------------------------------

_SQL_TYPES = {str: "VARCHAR", int: "INTEGER", bool: "BOOLEAN", float: "DOUBLE", bytes: "BLOB"}


def sql_type(annotation: object) -> str:
    """The DuckDB type of a field annotation: ``str | None`` → VARCHAR, ``tuple[str, ...]`` →
    VARCHAR[] (an optional value is a nullable column)."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return sql_type(args[0])
    if typing.get_origin(annotation) is tuple:
        return sql_type(args[0]) + "[]"
    return _SQL_TYPES[annotation]


def record_columns(record: type) -> tuple[Column, ...]:
    """The columns of a record's fields, in field order (fields with ``column=False`` have
    none)."""
    hints = typing.get_type_hints(record)
    columns = []
    for f in fields(record):
        meta = {"sql": None, "key": False, "not_null": False, "export": True, "column": True,
                **f.metadata}
        if meta["column"]:
            columns.append(Column(f.name, meta["sql"] or sql_type(hints[f.name]), meta["key"],
                                  meta["not_null"], export=meta["export"]))
    return tuple(columns)


def record_table(name: str, record: type, *, extra: tuple[Column, ...] = (),
                 order: tuple[str, ...] | None = None, exports: tuple[str, ...] | None = None,
                 exported: bool = True, doc: str = "") -> Table:
    """The table of a record: its fields' columns and ``extra`` ones, in ``order`` when the
    table's order is not the fields'; exported in column order unless ``exports`` says."""
    columns = {c.name: c for c in (*record_columns(record), *extra)}
    if order is not None:
        if sorted(order) != sorted(columns):
            raise ValueError(f"table {name}: order {order} must name each column once: "
                             f"{sorted(columns)}")
        columns = {n: columns[n] for n in order}
    if exports is None and exported:
        exports = tuple(n for n, c in columns.items() if c.export)
    return Table(name, tuple(columns.values()), exports or (), doc, record)


# --- the tables ---------------------------------------------------------------------------

_ARTICLE_ORDER = ("article_id", "origin", "title", "outlet", "author", "published",
                  "published_source", "language", "text", "duplicate_of", "story_id", "url",
                  "content_hash", "source_hash", "removed", "nlp_skipped")
_STATEMENT_ORDER = ("statement_id", "article_id", "kind", "speaker", "speaker_actor_id",
                    "speaker_mention", "cue", "addressee", "text", "start", "end", "sentence",
                    "speaker_kind", "speaker_start", "speaker_end", "about", "cue_class",
                    "confidence")
_STATEMENT_EXPORT = ("statement_id", "article_id", "origin", "kind", "speaker", "speaker_actor_id",
                     "speaker_mention", "cue", "addressee", "text", "start", "end", "sentence",
                     "speaker_kind", "about", "speaker_start", "speaker_end", "cue_class",
                     "confidence")
_EVENT_ORDER = ("event_id", "article_id", "type", "mode", "cameo", "trigger", "source",
                "source_actor_id", "source_country", "source_sector", "target", "target_actor_id",
                "target_country", "target_sector", "date", "date_precision", "date_text",
                "date_source", "location", "negated", "hypothetical", "statement_id", "text",
                "start", "end", "location_country", "historical", "quoted_in", "confidence", "lat",
                "lon", "location_admin", "source_how", "target_how")
_EVENT_EXPORT = ("event_id", "article_id", "origin", "type", "mode", "cameo", "source",
                 "source_actor_id", "source_country", "source_sector", "target", "target_actor_id",
                 "target_country", "target_sector", "date", "date_precision", "date_text",
                 "location", "negated", "hypothetical", "text", "start", "end",
                 "trigger", "date_source", "location_country", "historical", "statement_id",
                 "source_name", "target_name", "quoted_in", "confidence", "lat", "lon",
                 "location_admin", "source_how", "target_how")
_STORY_STATE_DOC = """\
story clustering (stories/): what each story keeps to compare later articles with — its
centroid's terms (int32 hashed term ids and float32 weights), its summed MiniLM embedding
(float32, or NULL), its actors with counts, its first/last day (days since 1970-01-01), and how
many articles the clusterer had seen when it last grew (undated stories retire)"""

C = Column  # the columns of the tables that hold no record

TABLES: dict[str, Table] = {t.name: t for t in (
    Table("schema_version", (C("version", "INTEGER", not_null=True),),
          doc="the schema version of the file: the number of the last migration applied"),
    Table("sources", (
        C("origin", "VARCHAR", key=True, not_null=True),
        C("source_hash", "VARCHAR", key=True, not_null=True),
        C("outcome", "VARCHAR", not_null=True), C("article_id", "VARCHAR"),
        C("ingested_at", "TIMESTAMP", default="current_timestamp")),
          doc="every input record and what became of it: article | duplicate | rejected"),
    record_table("articles", Article, extra=(C("story_id", "VARCHAR"),), order=_ARTICLE_ORDER),
    record_table("rejects", Reject),
    record_table("mentions", Mention),
    record_table("actors", Actor),
    Table("actor_merges", (
        C("alias_id", "VARCHAR", key=True), C("actor_id", "VARCHAR", not_null=True),
        C("alias", "VARCHAR"), C("evidence", "VARCHAR"), C("origin", "VARCHAR", default="'auto'"),
        C("merged_at", "TIMESTAMP", default="current_timestamp")),
          doc="why two actor ids are one actor: automatic merges with their evidence, and user "
              "merges"),
    record_table("statements", Statement, order=_STATEMENT_ORDER, exports=_STATEMENT_EXPORT),
    record_table("events", Event, order=_EVENT_ORDER, exports=_EVENT_EXPORT),
    record_table("event_mentions", EventMention, exported=False, doc=(
        "the later reports of an event's act in its article (the event's own text is the "
        "first)")),
    record_table("stories", Story),
    record_table("reuse", Reuse, doc=(
        "articles that share text: kind near-duplicate (article_b is duplicate_of article_a) or\n"
        "passage (both kept); each passage has its character span in both texts")),
    record_table("signatures", Signature, exported=False, doc=(
        "what the dedupe stages keep of each original: its MinHash (num_perm little-endian "
        "uint32)\nand its order of arrival, so later batches are compared without re-reading "
        "old texts")),
    Table("fingerprints", (C("hash", "UINTEGER", not_null=True),
                           C("article_id", "VARCHAR", not_null=True)),
          doc="winnowed passage fingerprints of each original (dedupe/passages.py)"),
    Table("lsh_bands", (C("key", "BIGINT", not_null=True), C("seq", "BIGINT", not_null=True)),
          doc="MinHash-LSH band keys of each original (dedupe/near.py Banding): one row per "
              "band, the key\nhashes the band's number and values; originals sharing a key "
              "are near-duplicate candidates"),
    Table("story_state", (
        C("story_id", "VARCHAR", key=True), C("size", "INTEGER"), C("first_day", "INTEGER"),
        C("last_day", "INTEGER"), C("term_ids", "BLOB"), C("term_weights", "BLOB"),
        C("embedding", "BLOB"), C("actors", "VARCHAR[]"), C("actor_counts", "INTEGER[]"),
        C("seen", "BIGINT")), doc=_STORY_STATE_DOC),
    Table("story_terms", (C("key", "VARCHAR", key=True), C("n_docs", "BIGINT"), C("df", "BLOB")),
          doc="the corpus document frequencies the story TF-IDF weights come from (one row, "
              "key 'corpus')"),
    Table("story_merges", (
        C("absorbed", "VARCHAR", not_null=True), C("into_story", "VARCHAR", not_null=True),
        C("score", "DOUBLE"), C("reason", "VARCHAR"),
        C("merged_at", "TIMESTAMP", default="current_timestamp")),
          exports=("absorbed", "into_story", "score", "reason", "merged_at"),
          doc="stories merged into another (their articles moved), with the similarity that "
              "merged them"),
    Table("story_splits", (
        C("story", "VARCHAR", not_null=True), C("new_story", "VARCHAR", not_null=True),
        C("article_ids", "VARCHAR[]"), C("score", "DOUBLE"), C("reason", "VARCHAR"),
        C("split_at", "TIMESTAMP", default="current_timestamp")),
          exports=("story", "new_story", "article_ids", "score", "reason", "split_at"),
          doc="articles moved out of a story into a new one (reason 'user', or an automatic "
              "split of a story\nwhose articles fell into two separate groups), with the "
              "similarity of the two groups"),
)}

# the export tables, in the order ``dragoman export`` lists them
_EXPORT_ORDER = ("articles", "rejects", "actors", "statements", "events", "stories", "reuse",
                 "mentions", "story_merges", "story_splits")
EXPORT_COLUMNS: dict[str, tuple[str, ...]] = {name: TABLES[name].exports for name in _EXPORT_ORDER}
# export tables whose rows carry the article's origin, joined in
WITH_ORIGIN = frozenset(n for n, cols in EXPORT_COLUMNS.items()
                        if "origin" in cols and "origin" not in TABLES[n].column_names)
# the other computed export fields: name → (select, join)
EXPORT_JOINS = {c.name: (c.select, c.join) for c in COMPUTED.values() if c.name != "origin"}


def column_names(table: str) -> tuple[str, ...]:
    """The columns of a stored table, in order (every database has them once migrated)."""
    return TABLES[table].column_names


def create_sql() -> str:
    """The ``CREATE TABLE`` statements of every table: a new database at the latest version."""
    return "\n\n".join(t.create_sql() for t in TABLES.values()) + "\n"
