"""Every read of the record. The CLI, the Python API and the web UI all call these, so the
surfaces cannot disagree. Values always travel as query parameters, never inside SQL text."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from dragoman.errors import ExportError
from dragoman.store.store import Store

EXPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id", "origin", "title", "outlet", "author", "published",
                 "published_source", "language", "text", "duplicate_of", "story_id"),
    "rejects": ("origin", "reason", "detail"),
    "actors": ("actor_id", "name", "type", "country", "sector", "aliases", "mentions"),
    "statements": ("statement_id", "article_id", "origin", "kind", "speaker", "speaker_actor_id",
                   "speaker_mention", "cue", "addressee", "text", "start", "end", "sentence"),
    "events": ("event_id", "article_id", "origin", "type", "mode", "cameo", "source",
               "source_actor_id", "source_country", "source_sector", "target", "target_actor_id",
               "target_country", "target_sector", "date", "date_precision", "date_text",
               "location", "negated", "hypothetical", "text", "start", "end"),
    "stories": ("story_id", "title", "article_ids", "start_date", "end_date", "summary",
                "timeline"),
    "reuse": ("article_a", "article_b", "kind", "similarity", "passages"),
    "mentions": ("article_id", "start", "end", "text", "label", "actor_id"),
}
# tables whose rows carry the article's origin, joined in
_WITH_ORIGIN = {"statements", "events"}
_ORDER = {
    "articles": "t.origin, t.article_id", "rejects": "t.origin",
    "actors": "t.mentions DESC, t.name", "statements": "a.origin, t.start",
    "events": "a.origin, t.start", "stories": "t.start_date, t.story_id",
    "reuse": "t.article_a, t.article_b", "mentions": "t.article_id, t.start",
}


def export_tables() -> list[str]:
    return list(EXPORT_COLUMNS)


def check_table(table: str) -> None:
    """Raise ``ExportError`` unless ``table`` is one of the export tables."""
    if table not in EXPORT_COLUMNS:
        raise ExportError(f"unknown table {table!r}",
                          f"choose one of: {', '.join(EXPORT_COLUMNS)}")


def _select(table: str, columns: tuple[str, ...] | None = None) -> str:
    check_table(table)
    columns = columns or EXPORT_COLUMNS[table]
    if table in _WITH_ORIGIN:
        cols = ", ".join("a.origin" if c == "origin" else f't."{c}"' for c in columns)
        return f"SELECT {cols} FROM {table} t JOIN articles a USING (article_id)"
    return f"SELECT {', '.join(f'{chr(34)}{c}{chr(34)}' for c in columns)} FROM {table} t"


def iter_rows(store: Store, table: str, chunk: int = 2000) -> Iterator[dict]:
    """Every row of an export table, as dicts with the export field names, in a stable order."""
    select = _select(table)
    cursor = store.con.cursor().execute(f"{select} ORDER BY {_ORDER[table]}")
    columns = EXPORT_COLUMNS[table]
    while rows := cursor.fetchmany(chunk):
        for row in rows:
            yield dict(zip(columns, row))


def arrow_batches(store: Store, table: str, rows_per_batch: int = 50_000):
    """The export table as a pyarrow RecordBatchReader (streamed, for Parquet)."""
    return store.con.sql(f"{_select(table)} ORDER BY {_ORDER[table]}").to_arrow_reader(rows_per_batch)


# --- counts and lists --------------------------------------------------------------------

def counts(store: Store) -> dict[str, int]:
    """How many of everything: the numbers ``dragoman status`` prints."""
    one = lambda sql: store.con.execute(sql).fetchall()[0][0]  # noqa: E731
    return {
        "inputs": one("SELECT count(*) FROM sources"),
        "articles": one("SELECT count(*) FROM articles WHERE duplicate_of IS NULL"),
        "duplicates": one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
        "rejects": one("SELECT count(*) FROM rejects"),
        "mentions": one("SELECT count(*) FROM mentions"),
        "actors": one("SELECT count(*) FROM actors"),
        "statements": one("SELECT count(*) FROM statements"),
        "events": one("SELECT count(*) FROM events"),
        "stories": one("SELECT count(*) FROM stories"),
        "reuse": one("SELECT count(*) FROM reuse"),
    }


def date_range(store: Store) -> tuple[str | None, str | None]:
    low, high = store.con.execute(
        "SELECT min(published), max(published) FROM articles").fetchall()[0]
    return (str(low) if low else None, str(high) if high else None)


@dataclass
class Filters:
    """Conditions and their parameters, built up safely."""

    where: list[str] = field(default_factory=list)
    params: list[object] = field(default_factory=list)
    order: str = ""

    def add(self, condition: str, *values: object) -> None:
        self.where.append(condition)
        self.params.extend(values)

    def sql(self) -> str:
        where = (" WHERE " + " AND ".join(self.where)) if self.where else ""
        return where + (f" ORDER BY {self.order}" if self.order else "")


def _fetch(store: Store, sql: str, filters: Filters, limit: int, offset: int) -> list[dict]:
    cursor = store.con.execute(f"{sql}{filters.sql()} LIMIT ? OFFSET ?",
                               [*filters.params, limit, offset])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def list_statements(store: Store, speaker: str | None = None, text: str | None = None,
                    kind: str | None = None, article: str | None = None,
                    limit: int = 20, offset: int = 0) -> list[dict]:
    """Statements, filtered by speaker (name or mention), words in the text, kind, article."""
    filters = Filters()
    if speaker:
        filters.add("(t.speaker ILIKE ? OR t.speaker_mention ILIKE ?)", f"%{speaker}%", f"%{speaker}%")
    if text:
        filters.add("t.text ILIKE ?", f"%{text}%")
    if kind:
        filters.add("t.kind = ?", kind)
    if article:
        filters.add("t.article_id = ?", article)
    filters.order = "a.origin, t.start"
    return _fetch(store, _select("statements"), filters, limit, offset)


def list_events(store: Store, type: str | None = None, actor: str | None = None,
                country: str | None = None, since: str | None = None, until: str | None = None,
                include_negated: bool = True, limit: int = 20, offset: int = 0) -> list[dict]:
    """Events, filtered by PLOVER type, an actor (source or target), a country, dates."""
    filters = Filters()
    if type:
        filters.add("t.type = ?", type.upper())
    if actor:
        filters.add("(t.source ILIKE ? OR t.target ILIKE ?)", f"%{actor}%", f"%{actor}%")
    if country:
        filters.add("(t.source_country = ? OR t.target_country = ?)", country.upper(), country.upper())
    if since:
        filters.add("t.date >= CAST(? AS DATE)", since)
    if until:
        filters.add("t.date <= CAST(? AS DATE)", until)
    if not include_negated:
        filters.add("NOT t.negated")
    filters.order = "t.date NULLS LAST, a.origin, t.start"
    return _fetch(store, _select("events"), filters, limit, offset)


def list_actors(store: Store, name: str | None = None, type: str | None = None,
                country: str | None = None, limit: int = 20, offset: int = 0) -> list[dict]:
    """Actors, most mentioned first, filtered by name or alias, type, country."""
    filters = Filters()
    if name:
        filters.add("(t.name ILIKE ? OR list_contains(list_transform(t.aliases, lambda x: lower(x)), lower(?)))",
                    f"%{name}%", name)
    if type:
        filters.add("t.type = ?", type)
    if country:
        filters.add("t.country = ?", country.upper())
    filters.order = "t.mentions DESC, t.name"
    return _fetch(store, _select("actors"), filters, limit, offset)


def list_stories(store: Store, limit: int = 20, offset: int = 0) -> list[dict]:
    """Stories, biggest and most recent first."""
    cursor = store.con.execute(
        f"{_select('stories')} ORDER BY len(t.article_ids) DESC, t.end_date DESC NULLS LAST, "
        "t.story_id LIMIT ? OFFSET ?", [limit, offset])
    return [dict(zip(EXPORT_COLUMNS["stories"], row)) for row in cursor.fetchall()]


def list_rejects(store: Store, limit: int = 20, offset: int = 0) -> list[dict]:
    cursor = store.con.execute(f"{_select('rejects')} ORDER BY t.origin LIMIT ? OFFSET ?",
                               [limit, offset])
    return [dict(zip(EXPORT_COLUMNS["rejects"], row)) for row in cursor.fetchall()]


def top_speakers(store: Store, n: int = 10) -> list[tuple[str, int]]:
    """The most quoted speakers (canonical names)."""
    return store.con.execute(
        "SELECT speaker, count(*) AS n FROM statements WHERE speaker IS NOT NULL "
        "GROUP BY speaker ORDER BY n DESC, speaker LIMIT ?", [n]).fetchall()


def top_dyads(store: Store, n: int = 10) -> list[tuple[str, str, int]]:
    """The most frequent (source, target) pairs of resolved actors in events."""
    return store.con.execute(
        "SELECT s.name, t.name, count(*) AS n FROM events e "
        "JOIN actors s ON s.actor_id = e.source_actor_id "
        "JOIN actors t ON t.actor_id = e.target_actor_id "
        "WHERE s.actor_id <> t.actor_id "
        "GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?", [n]).fetchall()


def event_types(store: Store) -> list[tuple[str, int]]:
    return store.con.execute(
        "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC, type").fetchall()
