"""Stories: the story listing, one story with its articles, actors, events and history, and
the rows the stories stage and the timelines (``stories/``) read back."""
from __future__ import annotations

from dragoman.errors import StoreError
from dragoman.store.reads.articles import find_article
from dragoman.store.reads.events import event_where
from dragoman.store.reads.filters import EventFilter
from dragoman.store.reads.sql import LIKE_LITERAL, contains, dicts, one
from dragoman.store.reads.statements import ARTICLE_REF
from dragoman.store.reads.tables import table_select
from dragoman.store.store import Store

def stories(store: Store, order: str = "latest", limit: int = 20, offset: int = 0) -> list[dict]:
    """Stories, ``latest`` (last dated first) or ``biggest`` (most articles first), each with
    its number of ``articles``."""
    orders = {"latest": "t.end_date DESC NULLS LAST, len(t.article_ids) DESC, t.story_id",
              "biggest": "len(t.article_ids) DESC, t.end_date DESC NULLS LAST, t.story_id"}
    if order not in orders:
        raise ValueError(f"order must be one of {sorted(orders)}")
    return dicts(store.con.execute(
        f"SELECT t.*, len(t.article_ids) AS articles FROM stories t ORDER BY {orders[order]} "
        "LIMIT ? OFFSET ?", [limit, offset]))


def timeline_articles(store: Store, story_id: str | None = None, actor_id: str | None = None,
                      words: list[str] | None = None, limit: int = 400) -> list[dict]:
    """The newest ``limit`` original articles (article_id, title, published, text,
    duplicate_of) of a story, naming an actor, or with one of ``words`` in their title or text
    (exactly one of the three), oldest first: what a timeline or a summary reads."""
    if story_id is not None:
        where, params = "story_id = ?", [story_id]
    elif actor_id is not None:
        where = "article_id IN (SELECT article_id FROM mentions WHERE actor_id = ?)"
        params = [actor_id]
    else:
        where = " OR ".join([f"(text {LIKE_LITERAL} OR title {LIKE_LITERAL})"] * len(words))
        params = [contains(w) for w in words for _ in range(2)]
    rows = dicts(store.con.execute(
        f"SELECT {_STORY_DOC_COLUMNS} FROM articles WHERE duplicate_of IS NULL AND ({where}) "
        "ORDER BY published DESC NULLS LAST, article_id LIMIT ?", [*params, limit]))
    return rows[::-1]


def get_story(store: Store, story_id: str) -> dict | None:
    return one(store, "SELECT t.*, len(t.article_ids) AS articles FROM stories t "
                       "WHERE t.story_id = ?", [story_id])


def articles_in_story(store: Store, story_id: str) -> list[dict]:
    """The story's articles (and their copies), oldest first."""
    return dicts(store.con.execute(
        "SELECT article_id, origin, title, outlet, published, duplicate_of FROM articles "
        "WHERE story_id = ? OR article_id IN (SELECT unnest(article_ids) FROM stories "
        "WHERE story_id = ?) ORDER BY published NULLS LAST, origin", [story_id, story_id]))


def actors_in_story(store: Store, story_id: str, n: int = 20) -> list[dict]:
    """The actors named in the story's articles, most mentioned first."""
    return dicts(store.con.execute(
        "SELECT x.actor_id, x.name, x.type, x.country, x.sector, count(*) AS mentions "
        "FROM mentions m JOIN actors x USING (actor_id) WHERE m.article_id IN "
        "(SELECT article_id FROM articles WHERE story_id = ? UNION SELECT unnest(article_ids) "
        "FROM stories WHERE story_id = ?) GROUP BY ALL ORDER BY mentions DESC, x.name LIMIT ?",
        [story_id, story_id, n]))


def events_in_story(store: Store, story_id: str, limit: int = 100, offset: int = 0) -> list[dict]:
    """The events reported by the story's articles that the default filter shows, in date
    order: its sourced timeline."""
    where = event_where(EventFilter())
    where.add("t.article_id IN (SELECT unnest(article_ids) FROM stories WHERE story_id = ?)",
              story_id)
    where.order = "coalesce(t.date, a.published) NULLS LAST, a.origin, t.start"
    return dicts(store.con.execute(
        f"SELECT t.*, {ARTICLE_REF} FROM events t JOIN articles a USING (article_id)"
        f"{where.sql()} LIMIT ? OFFSET ?", [*where.params, limit, offset]))


_STORY_DOC_COLUMNS = "article_id, title, published, text, duplicate_of"


def story_term_stats(store: Store) -> tuple[int, bytes | None]:
    """(documents seen, compressed document frequencies) of the story clusterer."""
    row = store.con.execute("SELECT n_docs, df FROM story_terms WHERE key = 'corpus'").fetchone()
    return (row[0], row[1]) if row else (0, None)


def story_states(store: Store) -> list[dict]:
    """The clustering state of every story (centroid terms, embedding, actors, days)."""
    return dicts(store.con.execute("SELECT * FROM story_state ORDER BY story_id"))


def story_assignments(store: Store) -> dict[str, str]:
    """article_id → story_id for every article placed in a story, each story's articles in the
    order of its ``article_ids`` (the clusterer's order: a resumed run continues from it)."""
    return dict(store.con.execute(
        "SELECT a.article_id, a.story_id FROM articles a LEFT JOIN (SELECT story_id, "
        "unnest(article_ids) AS article_id, unnest(range(len(article_ids))) AS position "
        "FROM stories) s USING (story_id, article_id) WHERE a.story_id IS NOT NULL "
        "ORDER BY a.story_id, s.position NULLS LAST, a.article_id").fetchall())


def story_articles(store: Store, article_ids: list[str]) -> list[dict]:
    """article_id, title, published, text, duplicate_of of the given articles."""
    if not article_ids:
        return []
    return dicts(store.con.execute(
        f"SELECT {_STORY_DOC_COLUMNS} FROM articles WHERE list_contains(?, article_id)",
        [list(article_ids)]))


def find_story(store: Store, ref: str) -> dict:
    """A story by its id, by the id or origin (file name) of one of its articles, or by a
    unique part of its title (case-insensitive); raises ``StoreError`` saying what to do when
    none or several match."""
    rows = dicts(store.con.execute(
        f"{table_select('stories')} WHERE t.story_id = ? OR list_contains(t.article_ids, ?) "
        f"OR t.title {LIKE_LITERAL} ORDER BY t.story_id = ? DESC, len(t.article_ids) DESC LIMIT 6",
        [ref, ref, contains(ref), ref]))
    exact = [r for r in rows if r["story_id"] == ref or ref in r["article_ids"]]
    rows = exact[:1] or rows
    if not rows and one(store, "SELECT 1 AS found FROM articles WHERE origin LIKE ? ESCAPE '\\'",
                        [contains(ref)]):
        story_id = find_article(store, ref)["article_id"]  # an article's origin (file name)
        rows = dicts(store.con.execute(f"{table_select('stories')} WHERE list_contains(t.article_ids, ?)",
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
    row["articles"] = dicts(store.con.execute(
        "SELECT article_id, title, outlet, published, origin, duplicate_of FROM articles "
        "WHERE story_id = ? ORDER BY published NULLS LAST, article_id", [row["story_id"]]))
    row["merges"] = dicts(store.con.execute(
        "SELECT absorbed, score, reason, merged_at FROM story_merges WHERE into_story = ? "
        "ORDER BY merged_at", [row["story_id"]]))
    row["splits"] = dicts(store.con.execute(
        "SELECT story, new_story, article_ids, score, reason, split_at FROM story_splits "
        "WHERE story = ? OR new_story = ? ORDER BY split_at", [row["story_id"], row["story_id"]]))
    return row


def story_merges(store: Store, limit: int = 50) -> list[dict]:
    """Recorded story merges, newest first: absorbed, into_story, score, reason, merged_at."""
    return dicts(store.con.execute(
        "SELECT absorbed, into_story, score, reason, merged_at FROM story_merges "
        "ORDER BY merged_at DESC LIMIT ?", [limit]))


def story_splits(store: Store, limit: int = 50) -> list[dict]:
    """Recorded story splits, newest first: story, new_story, article_ids (moved), score,
    reason ('user' or automatic), split_at."""
    return dicts(store.con.execute(
        "SELECT story, new_story, article_ids, score, reason, split_at FROM story_splits "
        "ORDER BY split_at DESC, new_story LIMIT ?", [limit]))


def story_history(store: Store, story_id: str) -> list[dict]:
    """The merges and splits that shaped one story, oldest first: ``kind`` (merged / split
    off / split from), ``other`` story, ``articles`` moved (splits), ``score``, ``reason``,
    ``happened_at``."""
    return dicts(store.con.execute(
        "SELECT * FROM (SELECT 'merged' AS kind, absorbed AS other, NULL::INTEGER AS articles, "
        "score, reason, merged_at AS happened_at FROM story_merges WHERE into_story = $1 UNION ALL "
        "SELECT CASE WHEN story = $1 THEN 'split off' ELSE 'split from' END, CASE WHEN story = $1 "
        "THEN new_story ELSE story END, len(article_ids), score, reason, split_at FROM story_splits "
        "WHERE story = $1 OR new_story = $1) ORDER BY happened_at, other", [story_id]))


def story_apart(store: Store) -> list[tuple[str, str]]:
    """Pairs of stories split apart and not merged back since: never merged automatically."""
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
    return dicts(store.con.execute(
        "SELECT a.article_id, a.title, a.text, a.published, a.duplicate_of, list_distinct("
        "list(m.actor_id ORDER BY m.actor_id) FILTER (WHERE m.actor_id IS NOT NULL AND "
        "m.start < 1000 AND coalesce(x.type, '') NOT IN ('location', 'country'))) AS actors "
        "FROM articles a LEFT JOIN mentions m ON m.article_id = a.article_id "
        "LEFT JOIN actors x ON x.actor_id = m.actor_id WHERE list_contains(?, a.article_id) "
        "GROUP BY ALL ORDER BY a.published NULLS LAST, a.article_id", [list(article_ids)]))


def story_events(store: Store, article_ids: list[str]) -> list[dict]:
    """article_id, date, date_precision, date_source of the events of the given articles."""
    return _events_of(store, list(article_ids)) if article_ids else []


def _events_of(store: Store, article_ids: list[str]) -> list[dict]:
    return dicts(store.con.execute(
        "SELECT article_id, date, date_precision, date_source FROM events "
        "WHERE list_contains(?, article_id)", [article_ids]))


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
        "articles": dicts(store.con.execute(
            "SELECT article_id, origin, title, text, published, duplicate_of FROM articles "
            "WHERE list_contains(?, article_id)", [ids])),
        "mentions": dicts(store.con.execute(
            'SELECT article_id, start, "end", actor_id FROM mentions WHERE actor_id IS NOT NULL '
            "AND list_contains(?, article_id)", [ids])),
        "actors": dicts(store.con.execute(
            "SELECT DISTINCT x.actor_id, x.type FROM actors x JOIN mentions m USING (actor_id) "
            "WHERE list_contains(?, m.article_id)", [ids])),
        "reuse": dicts(store.con.execute(
            "SELECT article_a, article_b, kind, similarity, passages FROM reuse "
            "WHERE list_contains(?, article_b)", [ids]))}


def story_texts(store: Store, story_ids: list[str]) -> list[dict]:
    """story_id, title, summary, timeline of the given stories (what the stage keeps when it
    does not retell a story)."""
    if not story_ids:
        return []
    return dicts(store.con.execute(
        "SELECT story_id, title, summary, timeline FROM stories WHERE list_contains(?, story_id)",
        [list(story_ids)]))
