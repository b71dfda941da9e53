"""Articles: counts of everything, the one article listing, one article with its mentions
and copies, and the rejected inputs."""
from __future__ import annotations

from dragoman.errors import StoreError
from dragoman.store.reads.filters import ArticleFilter
from dragoman.store.reads.sql import OUTLET_OF, LIKE_LITERAL, Where, contains, dicts, fetch, one
from dragoman.store.reads.tables import table_select
from dragoman.store.store import Store

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


def corpus_period(store: Store, lead_days: int = 31) -> tuple[str | None, str | None]:
    """The window the corpus covers, for dates of events: from ``lead_days`` before its first
    article's publication to its last one (what the lists show unless dates are asked for)."""
    low, high = store.con.execute(
        "SELECT min(published) - to_days(CAST(? AS INTEGER)), max(published) FROM articles",
        [lead_days]).fetchone()
    return (str(low)[:10] if low else None, str(high)[:10] if high else None)


def outlets(store: Store, n: int = 10) -> list[dict]:
    """Where the articles come from: the outlet, else the URL's host, with article counts."""
    return dicts(store.con.execute(
        f"SELECT {OUTLET_OF.format(a='articles')} AS outlet, count(*) AS articles FROM articles "
        "WHERE duplicate_of IS NULL GROUP BY 1 ORDER BY articles DESC, outlet LIMIT ?", [n]))


def find_article(store: Store, ref: str) -> dict:
    """The article named by its id, its origin, or a unique part of its origin (a file name)."""
    rows = store.con.execute(
        "SELECT article_id, origin, title, duplicate_of FROM articles WHERE article_id = ? "
        "OR origin = ? OR origin LIKE ? ESCAPE '\\' ORDER BY origin LIMIT 6",
        [ref, ref, contains(ref)]).fetchall()
    exact = [r for r in rows if ref in (r[0], r[1])]
    rows = exact or rows
    if len(rows) != 1:
        found = ", ".join(r[1] for r in rows) if rows else "none"
        raise StoreError(f"{len(rows) or 'no'} article(s) match {ref!r} ({found})",
                         "give an article_id (dragoman export articles) or a longer part of "
                         "its origin")
    return dict(zip(("article_id", "origin", "title", "duplicate_of"), rows[0]))


def get_article(store: Store, article_id: str) -> dict | None:
    return one(store, "SELECT t.* FROM articles t WHERE t.article_id = ?", [article_id])


def article_texts(store: Store, article_ids: list[str]) -> dict[str, str]:
    """article_id → text of the given articles (those that exist)."""
    return dict(store.con.execute("SELECT article_id, text FROM articles "
                                  "WHERE list_contains(?, article_id)", [list(article_ids)]).fetchall())


def article_mentions(store: Store, article_id: str) -> list[dict]:
    """The article's entity mentions in text order, with the actor each resolved to."""
    return dicts(store.con.execute(
        "SELECT m.*, x.name AS actor_name, x.type AS actor_type FROM mentions m "
        "LEFT JOIN actors x USING (actor_id) WHERE m.article_id = ? ORDER BY m.start, m.end",
        [article_id]))


def article_copies(store: Store, article_id: str) -> list[dict]:
    """The articles marked duplicates of this one, with how they were found."""
    return dicts(store.con.execute(
        "SELECT d.article_id, d.origin, d.title, coalesce(r.kind, 'exact') AS kind, "
        "coalesce(r.similarity, 1.0) AS similarity FROM articles d LEFT JOIN reuse r ON "
        "r.article_a = d.duplicate_of AND r.article_b = d.article_id AND r.kind = 'near-duplicate' "
        "WHERE d.duplicate_of = ? ORDER BY d.origin", [article_id]))


def rejects(store: Store, limit: int = 20, offset: int = 0) -> list[dict]:
    """Input records that could not become articles, and why."""
    return dicts(store.con.execute(f"{table_select('rejects')} ORDER BY t.origin LIMIT ? OFFSET ?",
                                   [limit, offset]))


def article_where(f: ArticleFilter) -> Where:
    """The conditions of ``f`` on ``articles t``."""
    where = Where()
    if f.text:
        where.add(f"(t.title {LIKE_LITERAL} OR t.text {LIKE_LITERAL})",
                  contains(f.text), contains(f.text))
    if f.outlet:
        where.add("t.outlet = ?", f.outlet)
    if f.since:
        where.add("t.published >= CAST(? AS DATE)", f.since)
    if f.until:
        where.add("t.published <= CAST(? AS DATE)", f.until)
    if not f.duplicates:
        where.add("t.duplicate_of IS NULL")
    return where


def articles(store: Store, f: ArticleFilter = ArticleFilter(), limit: int = 50,
             offset: int = 0) -> list[dict]:
    """The articles ``f`` selects (without their text, with its length in ``chars``), newest
    first."""
    where = article_where(f)
    where.order = "t.published DESC NULLS LAST, t.origin, t.article_id"
    return fetch(store, "SELECT t.article_id, t.origin, t.title, t.outlet, t.published, "
                        "t.language, t.duplicate_of, t.story_id, length(t.text) AS chars "
                        "FROM articles t", where, limit, offset)
