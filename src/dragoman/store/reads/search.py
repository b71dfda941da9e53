"""Full-text search over articles, statements and events, with stemming and keyword-in-context
snippets: the explorer's ``/search`` and ``dragoman search``.

DuckDB's ``fts`` extension is not available offline (it is downloaded on first ``INSTALL``),
so the search is a regular-expression scan that DuckDB runs in parallel (RE2): each query word
is cut to its stem (``stem``: a light English suffix stripper) and matches any word starting
with that stem, a hyphen or space allowed between its letters — "ceasefire", "cease-fire",
"cease fire" and "ceasefires" all match ``ceasefire``. Every word must match (AND); a record's
snippet is the first match with up to ``CONTEXT`` characters either side. Statements and
events are searched within their default filters (confidence, speech, not historical), or
within the filter given.
"""
from __future__ import annotations

import re

from dragoman.store.reads.events import event_where
from dragoman.store.reads.filters import EventFilter, StatementFilter
from dragoman.store.reads.sql import Where, dicts, scalar
from dragoman.store.reads.statements import statement_where
from dragoman.store.store import Store

CONTEXT = 70  # characters of context either side of the match in a snippet
MAX_WORDS = 8
SEARCH_KINDS = ("articles", "statements", "events")
_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ies", "ied", "ed", "es", "ly", "s", "e")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def stem(word: str) -> str:
    """The word, lower-cased, hyphens and apostrophes dropped, one common English suffix cut
    (kept at least 4 letters long): ``ceasefires`` → ``ceasefir``, ``assaulted`` → ``assault``."""
    word = re.sub(r"[-'’]", "", word.lower())
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def query_stems(query: str) -> list[str]:
    """The stems of the query's words (at most ``MAX_WORDS``, duplicates dropped)."""
    return list(dict.fromkeys(stem(w) for w in _WORD.findall(query or "")))[:MAX_WORDS]


def _pattern(word_stem: str) -> str:
    """An RE2 pattern for a word starting with ``word_stem``, a hyphen or space allowed
    between its letters (no flags: the callers add them)."""
    return r"\b" + "[-‐‑ ]?".join(re.escape(c) for c in word_stem) + r"\w*"


def _literal(pattern: str) -> str:
    """``pattern`` as a SQL string literal (made only of ``re.escape``d letters of a stem and
    the fixed text of ``_pattern``; quotes are doubled all the same)."""
    return "'" + pattern.replace("'", "''") + "'"


def snippet(text: str, word_stem: str) -> dict:
    """The first match of ``word_stem`` in ``text`` with up to ``CONTEXT`` characters either
    side: ``{"left", "hit", "right"}`` (empty strings when there is none). Made here, for the
    rows of one page, because DuckDB would run the extraction on every matching row before
    the ``LIMIT``."""
    found = re.search(_pattern(word_stem), text or "", re.IGNORECASE)
    if not found:
        return {"left": "", "hit": "", "right": ""}
    return {"left": text[max(0, found.start() - CONTEXT):found.start()], "hit": found.group(),
            "right": text[found.end():found.end() + CONTEXT]}


_TARGETS = {
    "articles": ("SELECT t.article_id, t.title, t.origin, t.outlet, t.published, "
                 "t.text AS searched FROM articles t", "t.text", "t.published DESC NULLS LAST, t.article_id",
                 "t.duplicate_of IS NULL"),
    "statements": ("SELECT t.statement_id, t.article_id, t.start, t.\"end\", t.text, t.speaker, "
                   "t.speaker_mention, t.speaker_actor_id, t.kind, t.confidence, a.origin, "
                   "a.title AS article_title, a.published, t.text AS searched "
                   "FROM statements t JOIN articles a USING (article_id)", "t.text",
                   "a.published DESC NULLS LAST, t.statement_id", None),
    "events": ("SELECT t.event_id, t.article_id, t.start, t.\"end\", t.text, t.type, t.date, "
               "t.source, t.source_actor_id, t.target, t.target_actor_id, t.confidence, "
               "t.negated, t.hypothetical, t.historical, a.origin, a.title AS article_title, "
               "a.published, t.text AS searched FROM events t JOIN articles a USING "
               "(article_id)", "t.text", "t.date DESC NULLS LAST, t.event_id", None),
}


def search(store: Store, query: str, kind: str = "articles", limit: int = 20, offset: int = 0,
           statements: StatementFilter = StatementFilter(),
           events: EventFilter = EventFilter()) -> dict:
    """The records of ``kind`` (articles, statements or events) whose text has every word of
    ``query`` (stemmed), newest first: ``{"kind", "stems", "total", "items"}``, each item with
    its ``snippet`` (``{"left", "hit", "right"}``: the first word's first match in context).
    Statements and events are searched within ``statements`` / ``events`` (the default
    filters unless given). An empty query finds nothing."""
    if kind not in _TARGETS:
        raise ValueError(f"cannot search {kind!r}; use one of {', '.join(SEARCH_KINDS)}")
    stems = query_stems(query)
    if not stems:
        return {"kind": kind, "stems": [], "total": 0, "items": []}
    select, column, order, extra = _TARGETS[kind]
    where = {"statements": lambda: statement_where(statements),
             "events": lambda: event_where(events)}.get(kind, Where)()
    if extra:
        where.add(extra)
    for word_stem in stems:
        # inlined, not a parameter: DuckDB compiles a parameter's expression once per row
        where.add(f"regexp_matches({column}, {_literal('(?i)' + _pattern(word_stem))})")
    total = scalar(store, f"SELECT count(*) FROM ({select}{where.sql()})", where.params)
    where.order = order
    rows = dicts(store.con.execute(f"{select}{where.sql()} LIMIT ? OFFSET ?",
                                   [*where.params, limit, offset])) if limit and total else []
    for row in rows:
        row["snippet"] = snippet(row.pop("searched"), stems[0])
    return {"kind": kind, "stems": stems, "total": total, "items": rows}
