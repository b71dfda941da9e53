"""SQL building blocks of the reads: a WHERE clause built up from conditions and their
parameters, literal ``ILIKE`` patterns, and the one rule for naming an actor. Values always
travel as query parameters, never inside SQL text."""
from __future__ import annotations

from dataclasses import dataclass, field

from dragoman.store.store import Store

# ``column LIKE_LITERAL`` with ``contains(words)`` as its parameter: a literal, case-insensitive
# substring test (``%``, ``_`` and ``\`` in the words are plain characters)
LIKE_LITERAL = "ILIKE ? ESCAPE '\\'"
# an actor's canonical name or one of its aliases contains the words (alias: table ``x``)
_ACTOR_NAMED = (f"x.name {LIKE_LITERAL} OR len(list_filter(x.aliases, "
                f"lambda n: n {LIKE_LITERAL})) > 0")

# an article's outlet: its own, else its URL's host, else "unknown" (``{a}``: the table alias)
OUTLET_OF = ("coalesce({a}.outlet, nullif(regexp_extract({a}.url, '^[a-z]+://(www\\.)?([^/:]+)', "
             "2), ''), 'unknown')")


@dataclass
class Where:
    """Conditions and their parameters, built up safely, and an order."""

    where: list[str] = field(default_factory=list)
    params: list[object] = field(default_factory=list)
    order: str = ""

    def add(self, condition: str, *values: object) -> None:
        self.where.append(condition)
        self.params.extend(values)

    def sql(self) -> str:
        where = (" WHERE " + " AND ".join(self.where)) if self.where else ""
        return where + (f" ORDER BY {self.order}" if self.order else "")


def contains(words: str) -> str:
    """An ``ILIKE`` pattern (for ``LIKE_LITERAL``) for text containing ``words`` literally."""
    return "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def actors_named(words: str) -> tuple[str, list[str]]:
    """A subquery of the ids of the actors ``words`` names (canonical name or an alias
    contains them, case-insensitive, literally) and its parameters."""
    return f"(SELECT x.actor_id FROM actors x WHERE {_ACTOR_NAMED})", [contains(words)] * 2


def names_actor(written: tuple[str, ...], ids: tuple[str, ...], words: str) -> tuple[str, list]:
    """The one rule for a filter that names an actor (``speaker``, ``source``, ``target``,
    ``actor``): a ``written`` column (the name as the article gives it) contains the words, or
    an actor in an ``ids`` column is named by them (``actors_named``)."""
    subquery, sub_params = actors_named(words)
    parts = [f"{c} {LIKE_LITERAL}" for c in written] + [f"{c} IN {subquery}" for c in ids]
    return "(" + " OR ".join(parts) + ")", [contains(words)] * len(written) + sub_params * len(ids)


def order_by(sort: str | None, columns: dict[str, str], default: str, tiebreak: str) -> str:
    """An ORDER BY from ``sort``: a column name from ``columns`` (ascending) or ``-name``
    (descending); ``default`` when ``sort`` is empty. Anything else raises ``ValueError``
    naming the valid values, so a caller never puts unknown text into SQL."""
    if not sort:
        return f"{default}, {tiebreak}"
    name = sort.lstrip("-")
    if name not in columns:
        raise ValueError(f"cannot sort by {sort!r}; use one of {', '.join(sorted(columns))} "
                         "(prefix - for descending)")
    direction = "DESC" if sort.startswith("-") else "ASC"
    return f"{columns[name]} {direction} NULLS LAST, {tiebreak}"


def dicts(cursor) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def fetch(store: Store, select: str, where: Where, limit: int, offset: int) -> list[dict]:
    """One page of ``select`` with ``where``, as dicts."""
    return dicts(store.con.execute(f"{select}{where.sql()} LIMIT ? OFFSET ?",
                                   [*where.params, limit, offset]))


def one(store: Store, sql: str, params: list) -> dict | None:
    rows = dicts(store.con.execute(sql, params))
    return rows[0] if rows else None


def scalar(store: Store, sql: str, params: list | None = None) -> object:
    return store.con.execute(sql, params or []).fetchone()[0]
