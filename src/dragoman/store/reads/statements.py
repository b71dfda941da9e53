"""Statements: the one listing every surface shows, one statement, the most quoted speakers."""
from __future__ import annotations

from dragoman.store.reads.filters import StatementFilter
from dragoman.store.reads.sql import (
    LIKE_LITERAL, OUTLET_OF, Where, contains, dicts, fetch, names_actor, one, order_by)
from dragoman.store.store import Store

ARTICLE_REF = "a.origin, a.title AS article_title, a.published, a.url AS article_url"
_SELECT = f"SELECT t.*, {ARTICLE_REF} FROM statements t JOIN articles a USING (article_id)"
# a mention inside the quoted span: a semi-join (mentions filtered first), not a correlated
# EXISTS, which DuckDB runs per statement
_MENTIONED = ("t.statement_id IN (SELECT s.statement_id FROM statements s JOIN mentions m "
              "ON m.article_id = s.article_id AND m.start >= s.start AND m.end <= s.end "
              "WHERE {})")


def statement_where(f: StatementFilter) -> Where:
    """The conditions of ``f`` on ``statements t JOIN articles a``."""
    where = Where()
    if f.text:
        where.add(f"t.text {LIKE_LITERAL}", contains(f.text))
    if f.speaker:
        condition, params = names_actor(("t.speaker", "t.speaker_mention"),
                                        ("t.speaker_actor_id",), f.speaker)
        where.add(condition, *params)
    if f.speaker_id:
        where.add("t.speaker_actor_id = ?", f.speaker_id)
    if f.about:
        where.add(f"(t.about {LIKE_LITERAL} OR t.text {LIKE_LITERAL})",
                  contains(f.about), contains(f.about))
    if f.mentions:
        condition, params = names_actor(("m.text",), ("m.actor_id",), f.mentions)
        where.add(_MENTIONED.format(condition), *params)
    if f.mentions_id:
        where.add(_MENTIONED.format("m.actor_id = ?"), f.mentions_id)
        where.add("t.speaker_actor_id IS DISTINCT FROM ?", f.mentions_id)
    if f.kind:
        where.add("t.kind = ?", f.kind)
    if f.cue_class:
        where.add("coalesce(t.cue_class, 'speech') = ?", f.cue_class)  # unclassified: speech
    if f.article:
        where.add("t.article_id = ?", f.article)
    if f.since:
        where.add("a.published >= CAST(? AS DATE)", f.since)
    if f.until:
        where.add("a.published <= CAST(? AS DATE)", f.until)
    if f.min_confidence:
        where.add("coalesce(t.confidence, 1.0) >= ?", f.min_confidence)
    if f.outlet:
        where.add(f"{OUTLET_OF.format(a='a')} = ?", f.outlet)
    return where


# the columns a statement list can be sorted by (``sort="-published"``: newest first)
STATEMENT_SORTS = {"published": "a.published", "start": "t.start",
                   "speaker": "coalesce(t.speaker, t.speaker_mention)", "kind": "t.kind",
                   "cue": "t.cue", "confidence": "t.confidence", "article": "a.title"}


def statements(store: Store, f: StatementFilter = StatementFilter(), limit: int = 50,
               offset: int = 0, sort: str | None = None) -> list[dict]:
    """The statements ``f`` selects, newest published first (undated last) unless ``sort``
    names a column of ``STATEMENT_SORTS`` (``-`` in front: descending), each with its
    article's origin, title and date."""
    where = statement_where(f)
    where.order = order_by(sort, STATEMENT_SORTS, "a.published DESC NULLS LAST",
                           "a.origin, t.start, t.statement_id")
    return fetch(store, _SELECT, where, limit, offset)


def get_statement(store: Store, statement_id: str) -> dict | None:
    return one(store, f"{_SELECT} WHERE t.statement_id = ?", [statement_id])


def speakers(store: Store, limit: int = 10, offset: int = 0) -> list[dict]:
    """The most quoted resolved speakers, with their actor ids (statements the default filter
    shows)."""
    where = statement_where(StatementFilter())
    where.add("t.speaker_actor_id IS NOT NULL")
    return dicts(store.con.execute(
        "SELECT t.speaker_actor_id AS actor_id, any_value(t.speaker) AS speaker, "
        f"count(*) AS statements FROM statements t{where.sql()} GROUP BY 1 "
        "ORDER BY statements DESC, speaker LIMIT ? OFFSET ?", [*where.params, limit, offset]))
