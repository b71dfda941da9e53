"""Every read of the record. The CLI, the Python API and the web UI all call these, so the
surfaces cannot disagree. Values always travel as query parameters, never inside SQL text."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pyarrow as pa

from dragoman.errors import ExportError
from dragoman.store.store import Store
from dragoman.store.tables import EXPORT_COLUMNS, column_names
from dragoman.store.tables import EXPORT_JOINS as _JOINED, WITH_ORIGIN as _WITH_ORIGIN

_ORDER = {
    "articles": "t.origin, t.article_id", "rejects": "t.origin",
    "actors": "t.mentions DESC, t.name", "statements": "a.origin, t.start",
    "events": "a.origin, t.start", "stories": "t.start_date, t.story_id",
    "reuse": "t.article_a, t.article_b", "mentions": "t.article_id, t.start",
    "story_merges": "t.merged_at, t.absorbed",
    "story_splits": "t.split_at, t.new_story",
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
        cols = ", ".join("a.origin" if c == "origin" else _JOINED[c][0] if c in _JOINED
                         else f't."{c}"' for c in columns)
        joins = "".join(f" {_JOINED[c][1]}" for c in columns if c in _JOINED)
        return f"SELECT {cols} FROM {table} t JOIN articles a USING (article_id){joins}"
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
                    limit: int = 20, offset: int = 0, about: str | None = None,
                    since: str | None = None, until: str | None = None,
                    cue_class: str | None = None) -> list[dict]:
    """Statements, filtered by speaker (name or mention), words in the text, kind, article,
    what they are about (their target or their words), the article's publication date
    (``since``/``until``, ISO dates, inclusive; undated articles are left out by either) and
    the cue's class (``speech``, ``thought``, ``evidence``, ``stance``)."""
    filters = Filters()
    if cue_class:
        filters.add("t.cue_class = ?", cue_class)
    if about:
        filters.add("(t.about ILIKE ? OR t.text ILIKE ?)", f"%{about}%", f"%{about}%")
    if since:
        filters.add("a.published >= CAST(? AS DATE)", since)
    if until:
        filters.add("a.published <= CAST(? AS DATE)", until)
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
                include_negated: bool = True, limit: int = 20, offset: int = 0,
                include_hypothetical: bool = True, include_historical: bool = True,
                only: str | None = None, include_claims: bool = True) -> list[dict]:
    """Events, filtered by PLOVER type, an actor (source or target), a country, dates, and
    flags: ``include_*=False`` leaves flagged events out (``include_claims=False``: the events
    reported inside a statement's words), ``only`` ("negated", "hypothetical" or "historical")
    keeps just those."""
    filters = Filters()
    if type:
        filters.add("t.type = ?", type.upper())
    if actor:  # as written or by the actor's canonical name ("Moscow" events for "Russia")
        filters.add("(t.source ILIKE ? OR t.target ILIKE ? OR sn.name ILIKE ? OR tn.name ILIKE ?)",
                    *[f"%{actor}%"] * 4)
    if country:
        filters.add("(t.source_country = ? OR t.target_country = ?)", country.upper(), country.upper())
    if since:
        filters.add("t.date >= CAST(? AS DATE)", since)
    if until:
        filters.add("t.date <= CAST(? AS DATE)", until)
    if not include_negated:
        filters.add("NOT t.negated")
    if not include_hypothetical:
        filters.add("NOT t.hypothetical")
    if not include_historical:
        filters.add("NOT coalesce(t.historical, false)")
    if not include_claims:
        filters.add("t.quoted_in IS NULL")
    if only in ("negated", "hypothetical", "historical"):
        filters.add(f"coalesce(t.{only}, false)")
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


# --- duplicates, reuse and independent sources (docs/duplicates.md) ----------------------

def find_article(store: Store, ref: str) -> dict:
    """The article named by its id, its origin, or a unique part of its origin (a file name)."""
    from dragoman.errors import StoreError

    rows = store.con.execute(
        "SELECT article_id, origin, title, duplicate_of FROM articles WHERE article_id = ? "
        "OR origin = ? OR origin LIKE ? ESCAPE '\\' ORDER BY origin LIMIT 6",
        [ref, ref, "%" + ref.replace("%", r"\%").replace("_", r"\_") + "%"]).fetchall()
    exact = [r for r in rows if ref in (r[0], r[1])]
    rows = exact or rows
    if len(rows) != 1:
        found = ", ".join(r[1] for r in rows) if rows else "none"
        raise StoreError(f"{len(rows) or 'no'} article(s) match {ref!r} ({found})",
                         "give an article_id (dragoman export articles) or a longer part of "
                         "its origin")
    return dict(zip(("article_id", "origin", "title", "duplicate_of"), rows[0]))


def duplicate_groups(store: Store, limit: int = 20, offset: int = 0) -> list[dict]:
    """Originals that have copies, most copies first: each with its copies, how they were
    found (``exact`` or ``near-duplicate``) and the near duplicates' similarity."""
    cursor = store.con.execute(
        "SELECT o.article_id, o.origin, o.title, count(*) AS copies, "
        "list({'article_id': d.article_id, 'origin': d.origin, "
        "'kind': coalesce(r.kind, 'exact'), 'similarity': coalesce(r.similarity, 1.0)} "
        "ORDER BY d.origin) AS duplicates "
        "FROM articles d JOIN articles o ON o.article_id = d.duplicate_of "
        "LEFT JOIN reuse r ON r.article_a = o.article_id AND r.article_b = d.article_id "
        "AND r.kind = 'near-duplicate' "
        "GROUP BY o.article_id, o.origin, o.title ORDER BY copies DESC, o.origin "
        "LIMIT ? OFFSET ?", [limit, offset])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def reuse_for(store: Store, article_id: str) -> list[dict]:
    """Articles sharing text with ``article_id``, each passage given as ``here_*`` (this
    article's span, ``text`` is its text there) and ``there_*`` (the other's), most similar
    first."""
    cursor = store.con.execute(
        "SELECT r.*, a.origin AS origin_a, b.origin AS origin_b, a.title AS title_a, "
        "b.title AS title_b, a.text AS text_a, b.text AS text_b FROM reuse r JOIN articles a ON a.article_id = r.article_a "
        "JOIN articles b ON b.article_id = r.article_b "
        "WHERE ? IN (r.article_a, r.article_b) ORDER BY r.similarity DESC, r.kind",
        [article_id])
    names = [d[0] for d in cursor.description]
    return [_from_side(dict(zip(names, row)), article_id) for row in cursor.fetchall()]


def _from_side(row: dict, article_id: str) -> dict:
    here, there = ("a", "b") if row["article_a"] == article_id else ("b", "a")
    passages = [{"here_start": p[f"{here}_start"], "here_end": p[f"{here}_end"],
                 "there_start": p[f"{there}_start"], "there_end": p[f"{there}_end"],
                 "words": p["words"],
                 "text": row[f"text_{here}"][p[f"{here}_start"]:p[f"{here}_end"]]}
                for p in row["passages"] or []]
    passages.sort(key=lambda p: p["here_start"])
    return {"article_id": row[f"article_{there}"], "origin": row[f"origin_{there}"],
            "title": row[f"title_{there}"], "kind": row["kind"],
            "similarity": row["similarity"], "passages": passages}


def independent_sources(store: Store, statement_id: str | None = None,
                        event_id: str | None = None) -> dict:
    """How many articles report a statement (the same quoted text) or an event (the same type,
    source, target and date), and how many *independent* sources stand behind them: copies
    (``duplicate_of``) and articles whose shared passage carries the record's span with its
    framing (``_carries``) count once.

    Returns ``{"reports": n, "independent": m, "groups": [[article_id, ...], ...]}``.
    """
    from dragoman.errors import StoreError

    if (statement_id is None) == (event_id is None):
        raise StoreError("independent_sources needs exactly one of statement_id, event_id",
                         "pass the id of one statement or one event")
    spans = _same_statement(store, statement_id) if statement_id else _same_event(store, event_id)
    if not spans:
        raise StoreError(f"no {'statement' if statement_id else 'event'} "
                         f"{statement_id or event_id!r}", "take an id from `dragoman export`")
    return _group_sources(store, spans)


_WORDS = "regexp_replace(lower({}), '[^[:alnum:]]+', ' ', 'g')"


def _same_words(store: Store, statement_id: str, column: str) -> tuple[str, list] | None:
    """A WHERE condition (and its parameters) true for statements whose ``column`` has the same
    words as this statement's text; None if there is no such statement. The same words contain
    this one's longest word: a cheap test first, the regexp only on the few texts that pass it
    (6x faster on 43,000 statements than the regexp on all)."""
    row = store.con.execute(f"SELECT {_WORDS.format('text')} FROM statements "
                            "WHERE statement_id = ?", [statement_id]).fetchone()
    if row is None:
        return None
    longest = max(row[0].split(), key=len, default="")
    return (f"CASE WHEN contains(lower({column}), ?) THEN {_WORDS.format(column)} = ? "
            "ELSE false END", [longest, row[0]])


def _same_statement(store: Store, statement_id: str) -> list[tuple[str, int, int]]:
    """(article_id, start, end) of every statement with the same words as this one."""
    same = _same_words(store, statement_id, "text")
    if same is None:
        return []
    return store.con.execute(f"SELECT article_id, start, \"end\" FROM statements WHERE {same[0]}",
                             same[1]).fetchall()


# report r is the same event as t: its type, its actors and its date
_SAME_EVENT = ("r.type = t.type AND r.source_actor_id IS NOT DISTINCT FROM t.source_actor_id "
               "AND r.target_actor_id IS NOT DISTINCT FROM t.target_actor_id "
               "AND r.date IS NOT DISTINCT FROM t.date")
_REPORT_COLUMNS = ("r.article_id, a.origin, a.title AS article_title, a.outlet, "
                   "CAST(a.published AS VARCHAR) AS published, a.duplicate_of, r.start, r.\"end\"")


def event_reports(store: Store, event_id: str, limit: int = 100) -> list[dict]:
    """The reports behind an event: every event with its type, actors and date (itself
    included), with its sentence and article (title, outlet, date, ``duplicate_of``), earliest
    first. ``independent_sources`` counts the same rows."""
    return _dicts(store.con.execute(
        f"SELECT r.event_id, r.text, {_REPORT_COLUMNS} FROM events r JOIN events t "
        f"ON {_SAME_EVENT} JOIN articles a ON a.article_id = r.article_id "
        "WHERE t.event_id = ? ORDER BY a.published NULLS LAST, r.event_id LIMIT ?",
        [event_id, limit]))


def statement_reports(store: Store, statement_id: str, limit: int = 100) -> list[dict]:
    """The reports behind a statement: every statement with the same words (itself
    included), with its speaker and article, earliest first."""
    same = _same_words(store, statement_id, "r.text")
    if same is None:
        return []
    return _dicts(store.con.execute(
        f"SELECT r.statement_id, r.text, r.speaker, r.speaker_mention, {_REPORT_COLUMNS} "
        f"FROM statements r JOIN articles a ON a.article_id = r.article_id WHERE {same[0]} "
        "ORDER BY a.published NULLS LAST, r.statement_id LIMIT ?", [*same[1], limit]))


def _same_event(store: Store, event_id: str) -> list[tuple[str, int, int]]:
    """(article_id, start, end) of every event with this one's type, actors and date."""
    return store.con.execute(
        f"SELECT r.article_id, r.start, r.end FROM events r JOIN events t ON {_SAME_EVENT} "
        "WHERE t.event_id = ?", [event_id]).fetchall()


def _group_sources(store: Store, spans: list[tuple[str, int, int]]) -> dict:
    """Union the reporting articles: copies with their original; two articles whose reused
    passage carries the record's span in both."""
    span_of = {article_id: (start, end) for article_id, start, end in spans}
    ids = list(span_of)
    copies = store.con.execute(
        "SELECT article_id, duplicate_of FROM articles WHERE list_contains(?, duplicate_of)",
        [ids]).fetchall()
    links = store.con.execute(
        "SELECT article_a, article_b, passages FROM reuse WHERE kind = 'passage' "
        "AND list_contains(?, article_a) AND list_contains(?, article_b)", [ids, ids]).fetchall()
    parent = {a: a for a in ids} | {copy: copy for copy, _ in copies}
    for copy, original in copies:
        _union(parent, copy, original)
    for a, b, passages in links:
        if any(_carries(p, "a", span_of[a]) and _carries(p, "b", span_of[b]) for p in passages):
            _union(parent, a, b)
    groups: dict[str, list[str]] = {}
    for article_id in parent:
        groups.setdefault(_root(parent, article_id), []).append(article_id)
    return {"reports": len(parent), "independent": len(groups),
            "groups": sorted(sorted(g) for g in groups.values())}


def _carries(passage: dict, side: str, span: tuple[int, int], context: int = 30) -> bool:
    """The passage holds the span and at least ``context`` more characters around it: the
    framing (attribution, sentence) was copied too. The same quote verbatim in two articles
    with their own framing is two reporters, not one wire story."""
    start, end = span
    p_start, p_end = passage[f"{side}_start"], passage[f"{side}_end"]
    overlap = min(end, p_end) - max(start, p_start)
    return overlap * 2 >= max(1, end - start) and (p_end - p_start) - overlap >= context


def _root(parent: dict[str, str], item: str) -> str:
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def _union(parent: dict[str, str], a: str, b: str) -> None:
    parent[_root(parent, a)] = _root(parent, b)


# --- actor identity (resolve/ and `dragoman actor`) ----------------------------------------

_ACTOR_FIELDS = ("actor_id", "name", "type", "country", "sector", "aliases", "mentions", "role")


def find_actor(store: Store, name_or_id: str) -> dict | None:
    """One actor by id, exact name, or alias (case-insensitive); the most mentioned wins."""
    cursor = store.con.execute(
        f"SELECT {', '.join(_ACTOR_FIELDS)} FROM actors WHERE actor_id = ? OR lower(name) = lower(?) "
        "OR list_contains(list_transform(aliases, lambda x: lower(x)), lower(?)) "
        "ORDER BY actor_id = ? DESC, lower(name) = lower(?) DESC, mentions DESC LIMIT 1",
        [name_or_id] * 5)
    row = next(iter(cursor.fetchall()), None) or _actor_like(store, name_or_id)
    if row is None:
        merged = store.con.execute("SELECT actor_id FROM actor_merges WHERE alias_id = ? "
                                   "AND origin <> 'split'",
                                   [name_or_id]).fetchone()
        return find_actor(store, merged[0]) if merged else None
    return dict(zip(_ACTOR_FIELDS, row))


def _actor_like(store: Store, text: str):
    """The most mentioned actor a name or alias of which contains ``text`` (apostrophes and
    case ignored)."""
    norm = "regexp_replace(lower({}), '[’'']', '', 'g')"
    needle = "%" + text.lower().replace("’", "").replace("'", "") + "%"
    return (store.con.execute(
        f"SELECT {', '.join(_ACTOR_FIELDS)} FROM actors WHERE {norm.format('name')} LIKE ? "
        f"OR len(list_filter(aliases, lambda x: {norm.format('x')} LIKE ?)) > 0 "
        "ORDER BY mentions DESC LIMIT 1", [needle, needle]).fetchall()[:1] or [None])[0]


def actor_merges(store: Store, actor_id: str) -> list[dict]:
    """The merges that joined other ids into this actor, with their evidence."""
    cursor = store.con.execute(
        "SELECT alias_id, alias, evidence, origin FROM actor_merges WHERE actor_id = ? "
        "ORDER BY origin, alias", [actor_id])
    return [dict(zip(("alias_id", "alias", "evidence", "origin"), r)) for r in cursor.fetchall()]


def actor_activity(store: Store, actor_id: str) -> dict[str, int]:
    """How often the actor is mentioned, speaks, and is a source or target of events."""
    one = lambda sql: store.con.execute(sql, [actor_id] * sql.count("?")).fetchone()[0]  # noqa: E731
    return {
        "articles": one("SELECT count(DISTINCT article_id) FROM mentions WHERE actor_id = ?"),
        "statements": one("SELECT count(*) FROM statements WHERE speaker_actor_id = ?"),
        "events as source": one("SELECT count(*) FROM events WHERE source_actor_id = ?"),
        "events as target": one("SELECT count(*) FROM events WHERE target_actor_id = ?"),
    }


def resolution_candidates(store: Store, actors: list) -> list:
    """Stored people and unplaced names whose last word is the last word of a batch actor's
    name: the ones a new variant may be merged into."""
    from dragoman.model import Actor
    from dragoman.actors.mentions import loose_key

    lasts = sorted({loose_key(a.name).split()[-1] for a in actors if loose_key(a.name)})
    if not lasts:
        return []
    store.con.register("_lasts", pa.table({"last": pa.array(lasts, pa.string())}))
    rows = store.con.execute(
        "SELECT DISTINCT a.actor_id, a.name, a.type, a.country, a.sector, a.mentions, a.role "
        "FROM actors a JOIN _lasts l ON lower(a.name) LIKE '%' || l.last "
        "WHERE a.type = 'person' OR a.country IS NULL").fetchall()
    store.con.unregister("_lasts")
    return [Actor(r[0], r[1], r[2], r[3], r[4], mentions=r[5], role=r[6]) for r in rows]


def user_merges(store: Store) -> list:
    """The merges a user made (``dragoman actor merge``): they win over automatic ones."""
    from dragoman.actors.identity import Merge

    rows = store.con.execute("SELECT alias_id, actor_id, alias, evidence FROM actor_merges "
                             "WHERE origin = 'user'").fetchall()
    return [Merge(*row) for row in rows]


def merge_of(store: Store, alias: str) -> dict | None:
    """The standing merge of an alias (its old actor id, or its name, case-insensitive)."""
    row = store.con.execute(
        "SELECT alias_id, actor_id, alias, origin FROM actor_merges WHERE origin <> 'split' AND "
        "(alias_id = ? OR lower(alias) = lower(?)) ORDER BY alias_id = ? DESC LIMIT 1",
        [alias, alias, alias]).fetchall()
    return dict(zip(("alias_id", "actor_id", "alias", "origin"), row[0])) if row else None


def user_splits(store: Store) -> set[frozenset]:
    """Pairs of actor ids the user split (``dragoman actor split``): never merged again."""
    rows = store.con.execute("SELECT alias_id, actor_id FROM actor_merges "
                             "WHERE origin = 'split'").fetchall()
    return {frozenset(row) for row in rows}


# --- web ---------------------------------------------------------------------------------
# Reads for the explorer (``dragoman.web``): lists take ``limit``/``offset`` and return dicts;
# records carry their article and span so that every row can link to its source. Optional
# columns that later stages add (``t.*``) come along without a change here.

_PERIODS = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m", "year": "%Y"}
_EVENT_FROM = "FROM events t JOIN articles a USING (article_id)"
_STATEMENT_FROM = "FROM statements t JOIN articles a USING (article_id)"
_ARTICLE_REF = "a.origin, a.title AS article_title, a.published"


def _dicts(cursor) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _contains(words: str) -> str:
    """An ILIKE pattern (with ``ESCAPE '\\'``) for text containing ``words`` literally."""
    return "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _one(store: Store, sql: str, params: list) -> dict | None:
    rows = _dicts(store.con.execute(sql, params))
    return rows[0] if rows else None


def outlets(store: Store, n: int = 10) -> list[dict]:
    """Where the articles come from: the outlet, else the URL's host, with article counts."""
    return _dicts(store.con.execute(
        "SELECT coalesce(outlet, nullif(regexp_extract(url, '^[a-z]+://(www\\.)?([^/:]+)', 2), ''), "
        "'unknown') AS outlet, count(*) AS articles FROM articles WHERE duplicate_of IS NULL "
        "GROUP BY 1 ORDER BY articles DESC, outlet LIMIT ?", [n]))


def dyads(store: Store, limit: int = 10, offset: int = 0,
          types: list[str] | None = None) -> list[dict]:
    """The most frequent (source, target) pairs of resolved actors, with their ids."""
    filters = Filters()
    filters.add("s.actor_id <> g.actor_id")
    if types:
        filters.add("list_contains(?, t.type)", [x.upper() for x in types])
    where = filters.sql()
    return _dicts(store.con.execute(
        "SELECT s.actor_id AS source_actor_id, s.name AS source, g.actor_id AS target_actor_id, "
        "g.name AS target, count(*) AS events FROM events t "
        "JOIN actors s ON s.actor_id = t.source_actor_id "
        f"JOIN actors g ON g.actor_id = t.target_actor_id{where} "
        "GROUP BY ALL ORDER BY events DESC, source, target LIMIT ? OFFSET ?",
        [*filters.params, limit, offset]))


def speakers(store: Store, limit: int = 10, offset: int = 0) -> list[dict]:
    """The most quoted resolved speakers, with their actor ids."""
    return _dicts(store.con.execute(
        "SELECT speaker_actor_id AS actor_id, any_value(speaker) AS speaker, count(*) AS statements "
        "FROM statements WHERE speaker_actor_id IS NOT NULL GROUP BY 1 "
        "ORDER BY statements DESC, speaker LIMIT ? OFFSET ?", [limit, offset]))


def stories_page(store: Store, order: str = "latest", limit: int = 20,
                 offset: int = 0) -> list[dict]:
    """Stories, ``latest`` (last dated first) or ``biggest`` (most articles first)."""
    orders = {"latest": "t.end_date DESC NULLS LAST, len(t.article_ids) DESC, t.story_id",
              "biggest": "len(t.article_ids) DESC, t.end_date DESC NULLS LAST, t.story_id"}
    if order not in orders:
        raise ValueError(f"order must be one of {sorted(orders)}")
    return _dicts(store.con.execute(
        f"SELECT t.*, len(t.article_ids) AS articles FROM stories t ORDER BY {orders[order]} "
        "LIMIT ? OFFSET ?", [limit, offset]))


def get_story(store: Store, story_id: str) -> dict | None:
    return _one(store, "SELECT t.*, len(t.article_ids) AS articles FROM stories t "
                       "WHERE t.story_id = ?", [story_id])


def articles_in_story(store: Store, story_id: str) -> list[dict]:
    """The story's articles (and their copies), oldest first."""
    return _dicts(store.con.execute(
        "SELECT article_id, origin, title, outlet, published, duplicate_of FROM articles "
        "WHERE story_id = ? OR article_id IN (SELECT unnest(article_ids) FROM stories "
        "WHERE story_id = ?) ORDER BY published NULLS LAST, origin", [story_id, story_id]))


def actors_in_story(store: Store, story_id: str, n: int = 20) -> list[dict]:
    """The actors named in the story's articles, most mentioned first."""
    return _dicts(store.con.execute(
        "SELECT x.actor_id, x.name, x.type, x.country, x.sector, count(*) AS mentions "
        "FROM mentions m JOIN actors x USING (actor_id) WHERE m.article_id IN "
        "(SELECT article_id FROM articles WHERE story_id = ? UNION SELECT unnest(article_ids) "
        "FROM stories WHERE story_id = ?) GROUP BY ALL ORDER BY mentions DESC, x.name LIMIT ?",
        [story_id, story_id, n]))


def events_in_story(store: Store, story_id: str, limit: int = 100, offset: int = 0) -> list[dict]:
    """The events reported by the story's articles, in date order: its sourced timeline."""
    return _dicts(store.con.execute(
        f"SELECT t.*, {_ARTICLE_REF} {_EVENT_FROM} WHERE t.article_id IN "
        "(SELECT unnest(article_ids) FROM stories WHERE story_id = ?) "
        "ORDER BY coalesce(t.date, a.published) NULLS LAST, a.origin, t.start LIMIT ? OFFSET ?",
        [story_id, limit, offset]))


def _statement_filters(columns: set[str], speaker: str | None = None, speaker_id: str | None = None,
                       about: str | None = None, about_id: str | None = None,
                       text: str | None = None, kind: str | None = None,
                       since: str | None = None, until: str | None = None,
                       article: str | None = None) -> Filters:
    filters = Filters()
    if speaker:
        filters.add("(t.speaker ILIKE ? ESCAPE '\\' OR t.speaker_mention ILIKE ? ESCAPE '\\')",
                    _contains(speaker), _contains(speaker))
    if speaker_id:
        filters.add("t.speaker_actor_id = ?", speaker_id)
    # a mention inside the quoted span: a semi-join (mentions filtered first), not a
    # correlated EXISTS, which DuckDB runs per statement
    mentioned = ("t.statement_id IN (SELECT s.statement_id FROM statements s JOIN mentions m "
                 "ON m.article_id = s.article_id AND m.start >= s.start AND m.end <= s.end "
                 "WHERE {})")
    if about:  # a mention in the quote, or the statement's own target (``about``) when stored
        own = " OR t.about ILIKE ? ESCAPE '\\'" if "about" in columns else ""
        filters.add("(" + mentioned.format("m.text ILIKE ? ESCAPE '\\' OR m.actor_id IN (SELECT "
                                           "actor_id FROM actors WHERE name ILIKE ? ESCAPE '\\')")
                    + own + ")", *[_contains(about)] * (3 if own else 2))
    if about_id:
        filters.add(mentioned.format("m.actor_id = ?"), about_id)
        filters.add("t.speaker_actor_id IS DISTINCT FROM ?", about_id)
    if text:
        filters.add("t.text ILIKE ? ESCAPE '\\'", _contains(text))
    if kind:
        filters.add("t.kind = ?", kind)
    if since:
        filters.add("a.published >= CAST(? AS DATE)", since)
    if until:
        filters.add("a.published <= CAST(? AS DATE)", until)
    if article:
        filters.add("t.article_id = ?", article)
    return filters


def search_statements(store: Store, limit: int = 50, offset: int = 0, **conditions) -> list[dict]:
    """Statements by speaker (name or ``speaker_id``), about an actor (a mention of it inside
    the quoted span: ``about`` name or ``about_id``), words in the text, kind, publication
    dates, article; with the article's origin, title and date."""
    filters = _statement_filters(column_names("statements"), **conditions)
    filters.order = "a.published NULLS LAST, a.origin, t.start"
    return _fetch(store, f"SELECT t.*, {_ARTICLE_REF} {_STATEMENT_FROM}", filters, limit, offset)


def get_statement(store: Store, statement_id: str) -> dict | None:
    return _one(store, f"SELECT t.*, {_ARTICLE_REF} {_STATEMENT_FROM} WHERE t.statement_id = ?",
                [statement_id])


def _event_filters(columns: set[str], type: str | None = None, actor: str | None = None,
                   actor_id: str | None = None, source_id: str | None = None,
                   target_id: str | None = None, country: str | None = None,
                   since: str | None = None, until: str | None = None,
                   negated: bool | None = None, hypothetical: bool | None = None,
                   historical: bool | None = None, article: str | None = None,
                   story: str | None = None) -> Filters:
    filters = Filters()
    if type:
        filters.add("t.type = ?", type.upper())
    if actor:
        filters.add("(t.source ILIKE ? ESCAPE '\\' OR t.target ILIKE ? ESCAPE '\\')",
                    _contains(actor), _contains(actor))
    if actor_id:
        filters.add("(t.source_actor_id = ? OR t.target_actor_id = ?)", actor_id, actor_id)
    if source_id:
        filters.add("t.source_actor_id = ?", source_id)
    if target_id:
        filters.add("t.target_actor_id = ?", target_id)
    if country:
        filters.add("(t.source_country = ? OR t.target_country = ?)", country.upper(), country.upper())
    if since:
        filters.add("t.date >= CAST(? AS DATE)", since)
    if until:
        filters.add("t.date <= CAST(? AS DATE)", until)
    for flag, value in (("negated", negated), ("hypothetical", hypothetical),
                        ("historical", historical)):
        if value is not None:  # a flag a database does not have yet is false for all
            filters.add(f"coalesce(t.{flag}, false) = ?" if flag in columns else "false = ?", value)
    if article:
        filters.add("t.article_id = ?", article)
    if story:
        filters.add("t.article_id IN (SELECT unnest(article_ids) FROM stories WHERE story_id = ?)",
                    story)
    return filters


def search_events(store: Store, limit: int = 50, offset: int = 0, **conditions) -> list[dict]:
    """Events by type, actor (words in source/target, or an ``actor_id`` on either side),
    source and target actor ids (a dyad), country, dates, negated/hypothetical/historical,
    article, story."""
    filters = _event_filters(column_names("events"), **conditions)
    filters.order = "t.date NULLS LAST, a.origin, t.start"
    return _fetch(store, f"SELECT t.*, {_ARTICLE_REF} {_EVENT_FROM}", filters, limit, offset)


def get_event(store: Store, event_id: str) -> dict | None:
    return _one(store, f"SELECT t.*, {_ARTICLE_REF} {_EVENT_FROM} WHERE t.event_id = ?",
                [event_id])


def events_over_time(store: Store, period: str | None = None, **conditions) -> dict:
    """Counts of the matching events per period and type: ``{"period", "from", "to", "rows":
    [{"period", "type", "events"}], "undated", "outside"}``. Without ``since``/``until`` the
    window is the middle 96% of the dates (2nd to 98th percentile), so that a few events
    dated to 1800 or 2050 do not stretch the chart over centuries; ``outside`` counts the
    dated events left out. The period (day, week, month, year) is chosen from the window's
    span when not given."""
    filters = _event_filters(column_names("events"), **conditions)
    trim = 0.0 if conditions.get("since") or conditions.get("until") else 0.02
    low, high, undated = store.con.execute(
        "SELECT quantile_disc(t.date, ?), quantile_disc(t.date, ?), "
        f"count(*) FILTER (WHERE t.date IS NULL) {_EVENT_FROM}{filters.sql()}",
        [trim, 1 - trim, *filters.params]).fetchone()
    period = period or _period_for(low, high)
    if period not in _PERIODS:
        raise ValueError(f"period must be one of {sorted(_PERIODS)}")
    dated = " AND ".join([*filters.where, "t.date IS NOT NULL"])
    rows = _dicts(store.con.execute(
        f"SELECT strftime(t.date, ?) AS period, t.type, count(*) FILTER (WHERE t.date BETWEEN ? "
        f"AND ?) AS events, count(*) FILTER (WHERE t.date NOT BETWEEN ? AND ?) AS outside "
        f"{_EVENT_FROM} WHERE {dated} GROUP BY ALL ORDER BY period, t.type",
        [_PERIODS[period], low, high, low, high, *filters.params]))
    return {"period": period, "from": str(low) if low else None, "to": str(high) if high else None,
            "rows": [{k: r[k] for k in ("period", "type", "events")} for r in rows if r["events"]],
            "undated": undated or 0, "outside": sum(r["outside"] for r in rows)}


def _period_for(low, high) -> str:
    if low is None or high is None:
        return "month"
    days = (high - low).days
    return "day" if days <= 31 else "week" if days <= 366 else "month" if days <= 3660 else "year"


def actor_network(store: Store, types: list[str] | None = None, limit: int = 40,
                  actor_id: str | None = None) -> list[dict]:
    """Who does what to whom among resolved actors: one row per (source, target, type) with its
    count, the busiest ``limit`` first (only those involving ``actor_id`` when given)."""
    filters = Filters()
    filters.add("t.source_actor_id <> t.target_actor_id")
    filters.add("list_contains(?, t.type)",
                [x.upper() for x in (types or ("ACCUSE", "REQUEST", "CONSULT"))])
    if actor_id:
        filters.add("(t.source_actor_id = ? OR t.target_actor_id = ?)", actor_id, actor_id)
    return _dicts(store.con.execute(
        "SELECT t.source_actor_id, s.name AS source, t.target_actor_id, g.name AS target, "
        "t.type, count(*) AS events FROM events t JOIN actors s ON s.actor_id = t.source_actor_id "
        f"JOIN actors g ON g.actor_id = t.target_actor_id{filters.sql()} GROUP BY ALL "
        "ORDER BY events DESC, source, target, t.type LIMIT ?", [*filters.params, limit]))


def get_actor(store: Store, actor_id: str) -> dict | None:
    """One actor by its exact id (a merged alias id gives ``None``: see ``canonical_actor``)."""
    return _one(store, "SELECT t.* FROM actors t WHERE t.actor_id = ?", [actor_id])


def canonical_actor(store: Store, alias_id: str) -> str | None:
    """The actor id an alias id was merged into (following chains), if any."""
    seen = {alias_id}
    row = store.con.execute("SELECT actor_id FROM actor_merges WHERE alias_id = ? AND "
                            "origin <> 'split'", [alias_id]).fetchone()
    while row and row[0] not in seen:
        seen.add(row[0])
        if get_actor(store, row[0]) is not None:
            return row[0]
        row = store.con.execute("SELECT actor_id FROM actor_merges WHERE alias_id = ? AND "
                                "origin <> 'split'", [row[0]]).fetchone()
    return None


def list_articles(store: Store, q: str | None = None, outlet: str | None = None,
                  since: str | None = None, until: str | None = None,
                  duplicates: bool = True, limit: int = 50, offset: int = 0) -> list[dict]:
    """Articles (without their text), newest first, by words in the title or text, outlet,
    publication dates; ``duplicates=False`` leaves copies out."""
    filters = Filters()
    if q:
        filters.add("(t.title ILIKE ? ESCAPE '\\' OR t.text ILIKE ? ESCAPE '\\')",
                    _contains(q), _contains(q))
    if outlet:
        filters.add("t.outlet = ?", outlet)
    if since:
        filters.add("t.published >= CAST(? AS DATE)", since)
    if until:
        filters.add("t.published <= CAST(? AS DATE)", until)
    if not duplicates:
        filters.add("t.duplicate_of IS NULL")
    filters.order = "t.published DESC NULLS LAST, t.origin"
    return _fetch(store, "SELECT t.article_id, t.origin, t.title, t.outlet, t.published, "
                         "t.language, t.duplicate_of, t.story_id, length(t.text) AS chars "
                         "FROM articles t", filters, limit, offset)


def get_article(store: Store, article_id: str) -> dict | None:
    return _one(store, "SELECT t.* FROM articles t WHERE t.article_id = ?", [article_id])


def article_texts(store: Store, article_ids: list[str]) -> dict[str, str]:
    """article_id → text of the given articles (those that exist)."""
    return dict(store.con.execute("SELECT article_id, text FROM articles "
                                  "WHERE list_contains(?, article_id)", [list(article_ids)]).fetchall())


def article_mentions(store: Store, article_id: str) -> list[dict]:
    """The article's entity mentions in text order, with the actor each resolved to."""
    return _dicts(store.con.execute(
        "SELECT m.*, x.name AS actor_name, x.type AS actor_type FROM mentions m "
        "LEFT JOIN actors x USING (actor_id) WHERE m.article_id = ? ORDER BY m.start, m.end",
        [article_id]))


def article_copies(store: Store, article_id: str) -> list[dict]:
    """The articles marked duplicates of this one, with how they were found."""
    return _dicts(store.con.execute(
        "SELECT d.article_id, d.origin, d.title, coalesce(r.kind, 'exact') AS kind, "
        "coalesce(r.similarity, 1.0) AS similarity FROM articles d LEFT JOIN reuse r ON "
        "r.article_a = d.duplicate_of AND r.article_b = d.article_id AND r.kind = 'near-duplicate' "
        "WHERE d.duplicate_of = ? ORDER BY d.origin", [article_id]))


# --- stories ------------------------------------------------------------------------------
# Stories, their timelines and cited summaries (stories/, docs/stories.md). Timelines and
# summaries are computed here from the stored articles and events on each call, so their
# length can be chosen; every sentence comes with the ids of the articles it occurs in.

_STORY_DOC_COLUMNS = "article_id, title, published, text, duplicate_of"


def story_term_stats(store: Store) -> tuple[int, bytes | None]:
    """(documents seen, compressed document frequencies) of the story clusterer."""
    row = store.con.execute("SELECT n_docs, df FROM story_terms WHERE key = 'corpus'").fetchone()
    return (row[0], row[1]) if row else (0, None)


def story_states(store: Store) -> list[dict]:
    """The clustering state of every story (centroid terms, embedding, actors, days)."""
    return _dicts(store.con.execute("SELECT * FROM story_state ORDER BY story_id"))


def story_assignments(store: Store) -> dict[str, str]:
    """article_id → story_id for every article placed in a story."""
    return dict(store.con.execute(
        "SELECT article_id, story_id FROM articles WHERE story_id IS NOT NULL").fetchall())


def story_articles(store: Store, article_ids: list[str]) -> list[dict]:
    """article_id, title, published, text, duplicate_of of the given articles."""
    if not article_ids:
        return []
    return _dicts(store.con.execute(
        f"SELECT {_STORY_DOC_COLUMNS} FROM articles WHERE list_contains(?, article_id)",
        [list(article_ids)]))


def find_story(store: Store, ref: str) -> dict:
    """A story by its id, by the id or origin (file name) of one of its articles, or by a
    unique part of its title (case-insensitive); raises ``StoreError`` saying what to do when none or several match."""
    from dragoman.errors import StoreError

    rows = _dicts(store.con.execute(
        f"{_select('stories')} WHERE t.story_id = ? OR list_contains(t.article_ids, ?) "
        "OR t.title ILIKE ? ORDER BY t.story_id = ? DESC, len(t.article_ids) DESC LIMIT 6",
        [ref, ref, f"%{ref}%", ref]))
    exact = [r for r in rows if r["story_id"] == ref or ref in r["article_ids"]]
    rows = exact[:1] or rows
    if not rows and _one(store, "SELECT 1 AS found FROM articles WHERE origin LIKE ?", [f"%{ref}%"]):
        story_id = find_article(store, ref)["article_id"]  # an article's origin (file name)
        rows = _dicts(store.con.execute(f"{_select('stories')} WHERE list_contains(t.article_ids, ?)",
                                        [story_id]))
    if len(rows) != 1:
        found = "; ".join(f"{r['story_id']} ({r['title']})" for r in rows) if rows else "none"
        raise StoreError(f"{len(rows) or 'no'} stories match {ref!r}: {found}",
                         "give a story_id from `dragoman stories`, or a longer part of its title")
    return rows[0]


def story(store: Store, story_id: str) -> dict:
    """One story (``find_story`` accepts ids, article ids and title words) with its articles
    (id, title, outlet, published, origin; oldest first), the merges that joined other
    stories into it (``merges``: absorbed, score, reason, merged_at) and the splits that made
    it or took articles from it (``splits``: story, new_story, article_ids, score, reason,
    split_at)."""
    row = find_story(store, story_id)
    row["articles"] = _dicts(store.con.execute(
        "SELECT article_id, title, outlet, published, origin, duplicate_of FROM articles "
        "WHERE story_id = ? ORDER BY published NULLS LAST, article_id", [row["story_id"]]))
    row["merges"] = _dicts(store.con.execute(
        "SELECT absorbed, score, reason, merged_at FROM story_merges WHERE into_story = ? "
        "ORDER BY merged_at", [row["story_id"]]))
    row["splits"] = _dicts(store.con.execute(
        "SELECT story, new_story, article_ids, score, reason, split_at FROM story_splits "
        "WHERE story = ? OR new_story = ? ORDER BY split_at", [row["story_id"], row["story_id"]])
    ) if _has_splits(store) else []
    return row


def _story_docs(store: Store, where: str, params: list, limit: int) -> list:
    from dragoman.stories.summarise import Doc

    rows = _dicts(store.con.execute(
        f"SELECT {_STORY_DOC_COLUMNS} FROM articles WHERE duplicate_of IS NULL AND ({where}) "
        "ORDER BY published DESC NULLS LAST, article_id LIMIT ?", [*params, limit]))
    return [Doc(r["article_id"], r["text"], r["title"], r["published"]) for r in reversed(rows)]


def _events_of(store: Store, article_ids: list[str]) -> list[dict]:
    return _dicts(store.con.execute(
        "SELECT article_id, date, date_precision, date_source FROM events "
        "WHERE list_contains(?, article_id)", [article_ids]))


def _timeline_rows(entries) -> list[dict]:
    return [{"date": e.date.isoformat(), "support": e.support, "articles": e.articles,
             "sentences": [_cited_row(c) for c in e.sentences]} for e in entries]


def _cited_row(c) -> dict:
    return {"text": c.text, "article_id": c.article_id, "start": c.start, "end": c.end,
            "citations": list(c.citations), "date": c.date.isoformat() if c.date else None}


def story_timeline(store: Store, story_id: str | None = None, actor: str | None = None,
                   query: str | None = None, dates: int = 10, per_date: int = 2,
                   max_articles: int = 400) -> dict:
    """A dated timeline of a story, of an actor or of the articles matching a query (exactly
    one of ``story_id``, ``actor``, ``query``).

    Dates are ranked by how strongly the sources support them (articles naming the day,
    events dated to it, articles published then); each comes with up to ``per_date``
    sentences. For an actor or a query only sentences naming it are used. Returns
    ``{"subject": str, "articles": n, "dates": [{"date", "support", "articles",
    "sentences": [{"text", "article_id", "start", "end", "citations", "date"}]}]}``;
    ``text`` is exactly ``articles.text[start:end]`` of ``article_id``."""
    from dragoman.errors import StoreError
    from dragoman.stories.summarise import timeline

    if sum(x is not None for x in (story_id, actor, query)) != 1:
        raise StoreError("a timeline needs exactly one of a story, an actor or a query",
                         "give STORY, or --actor NAME, or --query WORDS")
    keywords: tuple[str, ...] = ()
    if story_id is not None:
        found = find_story(store, story_id)
        subject = f"story {found['story_id']}: {found['title']}"
        docs = _story_docs(store, "story_id = ?", [found["story_id"]], max_articles)
    elif actor is not None:
        found = find_actor(store, actor)
        if found is None:
            raise StoreError(f"no actor named {actor!r}", "try `dragoman actors --name WORD`")
        subject = f"actor {found['name']}"
        keywords = tuple({found["name"].lower(), *(a.lower() for a in found["aliases"] or [])})
        docs = _story_docs(store, "article_id IN (SELECT article_id FROM mentions WHERE actor_id = ?)",
                           [found["actor_id"]], max_articles)
    else:
        subject = f"query {query!r}"
        words = [w for w in query.lower().split() if len(w) > 2] or [query.lower()]
        keywords = tuple(words)
        docs = _story_docs(store, " OR ".join(["(text ILIKE ? OR title ILIKE ?)"] * len(words)),
                           [p for w in words for p in (f"%{w}%", f"%{w}%")], max_articles)
    events = _events_of(store, [d.article_id for d in docs])
    entries = timeline(docs, events, dates=dates, per_date=per_date, keywords=keywords)
    return {"subject": subject, "articles": len(docs), "dates": _timeline_rows(entries)}


def story_summary(store: Store, story_id: str, sentences: int = 5,
                  max_articles: int = 200) -> dict:
    """An extractive summary of a story: up to ``sentences`` central, non-redundant sentences
    in date order, each with the ids of every article it occurs in. Returns ``{"story_id",
    "title", "articles": n, "sentences": [{"text", "article_id", "start", "end", "citations",
    "date"}]}``."""
    from dragoman.stories.summarise import summary

    found = find_story(store, story_id)
    docs = _story_docs(store, "story_id = ?", [found["story_id"]], max_articles)
    return {"story_id": found["story_id"], "title": found["title"], "articles": len(docs),
            "sentences": [_cited_row(c) for c in summary(docs, sentences)]}


def story_merges(store: Store, limit: int = 50) -> list[dict]:
    """Recorded story merges, newest first: absorbed, into_story, score, reason, merged_at."""
    return _dicts(store.con.execute(
        "SELECT absorbed, into_story, score, reason, merged_at FROM story_merges "
        "ORDER BY merged_at DESC LIMIT ?", [limit]))


def _has_splits(store: Store) -> bool:
    """Whether the record has the ``story_splits`` table (a database made before it and opened
    read-only has not)."""
    return bool(store.con.execute("SELECT count(*) FROM information_schema.tables "
                                  "WHERE table_name = 'story_splits'").fetchone()[0])


def story_splits(store: Store, limit: int = 50) -> list[dict]:
    """Recorded story splits, newest first: story, new_story, article_ids (moved), score,
    reason ('user' or automatic), split_at."""
    if not _has_splits(store):
        return []
    return _dicts(store.con.execute(
        "SELECT story, new_story, article_ids, score, reason, split_at FROM story_splits "
        "ORDER BY split_at DESC, new_story LIMIT ?", [limit]))


def story_history(store: Store, story_id: str) -> list[dict]:
    """The merges and splits that shaped one story, oldest first: ``kind`` (merged / split
    off / split from), ``other`` story, ``articles`` moved (splits), ``score``, ``reason``,
    ``happened_at``."""
    if not _has_splits(store):
        return [dict(r, kind="merged", other=r.pop("absorbed"), articles=None,
                     happened_at=r.pop("merged_at")) for r in _dicts(store.con.execute(
                         "SELECT absorbed, score, reason, merged_at FROM story_merges "
                         "WHERE into_story = ? ORDER BY merged_at", [story_id]))]
    return _dicts(store.con.execute(
        "SELECT * FROM (SELECT 'merged' AS kind, absorbed AS other, NULL::INTEGER AS articles, "
        "score, reason, merged_at AS happened_at FROM story_merges WHERE into_story = $1 UNION ALL "
        "SELECT CASE WHEN story = $1 THEN 'split off' ELSE 'split from' END, CASE WHEN story = $1 "
        "THEN new_story ELSE story END, len(article_ids), score, reason, split_at FROM story_splits "
        "WHERE story = $1 OR new_story = $1) ORDER BY happened_at, other", [story_id]))


def story_apart(store: Store) -> list[tuple[str, str]]:
    """Pairs of stories split apart and not merged back since: never merged automatically."""
    if not _has_splits(store):
        return []
    rows = store.con.execute(
        "SELECT 's' AS kind, story, new_story, split_at AS stamp FROM story_splits UNION ALL "
        "SELECT 'm', absorbed, into_story, merged_at FROM story_merges ORDER BY stamp").fetchall()
    apart: set[frozenset] = set()
    for kind, a, b, _ in rows:
        (apart.add if kind == "s" else apart.discard)(frozenset((a, b)))
    return [tuple(sorted(pair)) for pair in apart]


def story_retired(store: Store) -> set[str]:
    """Story ids no longer in use (absorbed by a merge): new stories never take them."""
    return {r[0] for r in store.con.execute("SELECT DISTINCT absorbed FROM story_merges").fetchall()}


def story_pinned(store: Store) -> set[str]:
    """Stories a user merged others into: never split automatically."""
    return {r[0] for r in store.con.execute(
        "SELECT DISTINCT into_story FROM story_merges WHERE reason = 'user'").fetchall()}


def story_member_rows(store: Store, article_ids: list[str]) -> list[dict]:
    """article_id, title, text, published, duplicate_of and the ids of the actors (not places)
    named in the first 1,000 characters: what the story clusterer reads of an article."""
    if not article_ids:
        return []
    return _dicts(store.con.execute(
        "SELECT a.article_id, a.title, a.text, a.published, a.duplicate_of, list_distinct("
        "list(m.actor_id ORDER BY m.actor_id) FILTER (WHERE m.actor_id IS NOT NULL AND "
        "m.start < 1000 AND coalesce(x.type, '') NOT IN ('location', 'country'))) AS actors "
        "FROM articles a LEFT JOIN mentions m ON m.article_id = a.article_id "
        "LEFT JOIN actors x ON x.actor_id = m.actor_id WHERE list_contains(?, a.article_id) "
        "GROUP BY ALL ORDER BY a.published NULLS LAST, a.article_id", [list(article_ids)]))


def story_events(store: Store, article_ids: list[str]) -> list[dict]:
    """article_id, date, date_precision, date_source of the events of the given articles."""
    return _events_of(store, list(article_ids)) if article_ids else []


def recluster_order(store: Store) -> list[list[str]]:
    """Every original article in order of publication (undated last, then arrival), each with
    its near duplicates after it: ``[[original, duplicate, …], …]``."""
    rows = store.con.execute(
        "SELECT a.article_id, list(d.article_id ORDER BY d.article_id) FILTER (WHERE d.article_id "
        "IS NOT NULL) FROM articles a LEFT JOIN articles d ON d.duplicate_of = a.article_id "
        "LEFT JOIN signatures s ON s.article_id = a.article_id WHERE a.duplicate_of IS NULL "
        "GROUP BY a.article_id, a.published, s.seq "
        "ORDER BY a.published NULLS LAST, s.seq NULLS LAST, a.article_id").fetchall()
    return [[article_id, *(copies or [])] for article_id, copies in rows]


def recluster_rows(store: Store, article_ids: list[str]) -> dict[str, list[dict]]:
    """What the stories stage reads of stored articles: ``articles`` (article_id, origin,
    title, text, published, duplicate_of), their ``mentions`` with an actor, those ``actors``
    (actor_id, type), and the ``reuse`` rows between them and earlier articles."""
    ids = list(article_ids)
    return {
        "articles": _dicts(store.con.execute(
            "SELECT article_id, origin, title, text, published, duplicate_of FROM articles "
            "WHERE list_contains(?, article_id)", [ids])),
        "mentions": _dicts(store.con.execute(
            'SELECT article_id, start, "end", actor_id FROM mentions WHERE actor_id IS NOT NULL '
            "AND list_contains(?, article_id)", [ids])),
        "actors": _dicts(store.con.execute(
            "SELECT DISTINCT x.actor_id, x.type FROM actors x JOIN mentions m USING (actor_id) "
            "WHERE list_contains(?, m.article_id)", [ids])),
        "reuse": _dicts(store.con.execute(
            "SELECT article_a, article_b, kind, similarity, passages FROM reuse "
            "WHERE list_contains(?, article_b)", [ids]))}


# --- events ---


def event_clusters(store: Store, window_days: int = 2, min_reports: int = 1,
                   type: str | None = None) -> list[dict]:
    """One row per event reported once or more: events with the same type, source and target
    (actor id, else country, else the phrase) and negated/hypothetical flags, whose dates are
    within ``window_days`` of the cluster's first date, are one event. Each row: ``event_key``
    (the first event's id), type, source, target, first/last date, ``reports`` (events),
    ``articles``, ``independent`` (copies and carried passages counted once, as in
    :func:`independent_sources`), ``event_ids``. Most reported first."""
    sql = ("SELECT event_id, article_id, type, source, target, "
           "coalesce(source_actor_id, source_country, lower(source)) AS sk, "
           "coalesce(target_actor_id, target_country, lower(target)) AS tk, "
           "negated, hypothetical, CAST(date AS VARCHAR) AS date, start, \"end\" FROM events")
    params: list = []
    if type:
        sql += " WHERE type = ?"
        params.append(type.upper())
    rows = store.con.execute(sql + " ORDER BY date NULLS LAST, event_id", params).fetchall()
    clusters: dict[tuple, list[list]] = {}
    for row in rows:
        groups = clusters.setdefault((row[2], row[5], row[6], row[7], row[8]), [])
        if groups and _within(groups[-1][0][9], row[9], window_days):
            groups[-1].append(row)
        else:
            groups.append([row])
    out = [_cluster_row(store, group) for groups in clusters.values() for group in groups
           if len({r[1] for r in group}) >= min_reports]
    return sorted(out, key=lambda r: (-r["reports"], r["first_date"] or "", r["event_key"]))


def _within(first: str | None, day: str | None, days: int) -> bool:
    from datetime import date

    if first is None or day is None:
        return first == day
    return abs((date.fromisoformat(day) - date.fromisoformat(first)).days) <= days


def _cluster_row(store: Store, group: list) -> dict:
    sources = _group_sources(store, [(r[1], r[10], r[11]) for r in group])
    dates = [r[9] for r in group if r[9]]
    return {"event_key": group[0][0], "type": group[0][2], "source": group[0][3],
            "target": group[0][4], "first_date": min(dates) if dates else None,
            "last_date": max(dates) if dates else None, "reports": len(group),
            "articles": len({r[1] for r in group}), "independent": sources["independent"],
            "event_ids": [r[0] for r in group]}


def story_texts(store: Store, story_ids: list[str]) -> list[dict]:
    """story_id, title, summary, timeline of the given stories (what the stage keeps when it
    does not retell a story)."""
    if not story_ids:
        return []
    return _dicts(store.con.execute(
        "SELECT story_id, title, summary, timeline FROM stories WHERE list_contains(?, story_id)",
        [list(story_ids)]))


# --- actors: re-resolution of the stored record (actors/reresolve.py) ---------------------

def stored_actors(store: Store) -> list:
    """Every stored actor as an ``Actor`` (no aliases), for re-running automatic resolution."""
    from dragoman.model import Actor

    rows = store.con.execute("SELECT actor_id, name, type, country, sector, mentions, role "
                             "FROM actors ORDER BY actor_id").fetchall()
    return [Actor(r[0], r[1], r[2], r[3], r[4], mentions=r[5] or 0, role=r[6]) for r in rows]


def pending_merges(store: Store) -> list[dict]:
    """Standing merges (automatic or the user's) whose alias is still a stored actor of its
    own: a later batch merged a stored name into a new one, and only the batch was re-pointed."""
    rows = store.con.execute(
        "SELECT m.alias_id, m.actor_id, m.evidence, m.origin FROM actor_merges m "
        "JOIN actors a ON a.actor_id = m.alias_id JOIN actors t ON t.actor_id = m.actor_id "
        "WHERE m.origin <> 'split' ORDER BY m.alias_id").fetchall()
    return [dict(zip(("alias_id", "actor_id", "evidence", "origin"), r)) for r in rows]
