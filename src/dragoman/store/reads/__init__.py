"""The one read API: every read of the record, for every surface (the CLI, the Python API, the
JSON API, the pages and the exports), so the surfaces cannot disagree.

Each listing is one function taking one filter object (``filters.py``): ``statements(store,
StatementFilter(...), limit, offset)``, ``events(store, EventFilter(...))``, ``actors(store,
ActorFilter(...))``, ``articles(store, ArticleFilter(...))``; the words of a filter mean the
same on every surface and match literally. Modules by record kind: ``articles``,
``statements``, ``events``, ``actors``, ``stories``, ``reuse`` (duplicates, reports and
independent sources) and ``tables`` (the export tables). This package only reads rows: it
imports no NLP; what is computed from the rows (timelines, summaries, resolution candidates)
lives in the domain that owns it (``stories/``, ``actors/``).
"""
from dragoman.store.reads.actors import (
    actor_activity, actor_aliases, actor_evidence, actor_merges, actors, actors_with_last_word,
    canonical_actor, find_actor,
    get_actor, merge_of, pending_merges, stored_actors, user_merge_rows, user_splits)
from dragoman.store.reads.articles import (
    article_copies, article_mentions, article_texts, articles, corpus_period, counts, date_range,
    find_article,
    get_article, outlets, rejects)
from dragoman.store.reads.coverage import event_places, outlet_coverage
from dragoman.store.reads.dyads import DYAD_ROWS, dyad, dyad_side
from dragoman.store.reads.events import (
    EVENT_SORTS, actor_network, dyads, event_mentions, event_types, events, events_over_time,
    get_event)
from dragoman.store.reads.facets import CONFIDENCE_BANDS, event_facets, statement_facets
from dragoman.store.reads.filters import (
    ACTOR_TYPES, CUE_CLASSES, EVENT_FLAGS, EVENT_MIN_CONFIDENCE, STATEMENT_KINDS,
    STATEMENT_MIN_CONFIDENCE, STORY_ORDERS, ActorFilter, ArticleFilter, EventFilter,
    StatementFilter, present)
from dragoman.store.reads.reuse import (
    duplicate_groups, event_clusters, event_reports, independent_sources, reuse_for,
    statement_reports)
from dragoman.store.reads.search import SEARCH_KINDS, query_stems, search, stem
from dragoman.store.reads.statements import (
    STATEMENT_SORTS, get_statement, speakers, statements)
from dragoman.store.reads.stories import (
    actors_in_story, articles_in_story, events_in_story, find_story, get_story, recluster_order,
    recluster_rows, stories, story, story_apart, story_articles, story_assignments, story_events,
    story_history, story_member_rows, story_merges, story_pinned, story_retired, story_splits,
    story_states, story_term_stats, story_texts, timeline_articles)
from dragoman.store.reads.tables import (
    EXPORT_COLUMNS, arrow_batches, check_table, export_tables, iter_rows)

__all__ = [
    "CONFIDENCE_BANDS", "DYAD_ROWS", "EVENT_SORTS", "STATEMENT_SORTS", "actor_aliases",
    "actor_evidence", "corpus_period", "SEARCH_KINDS", "query_stems", "search", "stem", "dyad",
    "dyad_side", "event_facets", "statement_facets", "event_places", "outlet_coverage",
    "ACTOR_TYPES", "CUE_CLASSES", "EVENT_FLAGS", "EVENT_MIN_CONFIDENCE", "STATEMENT_MIN_CONFIDENCE",
    "EXPORT_COLUMNS", "STATEMENT_KINDS",
    "STORY_ORDERS", "ActorFilter", "ArticleFilter", "EventFilter", "StatementFilter",
    "actor_activity", "actor_merges", "actor_network", "actors", "actors_in_story",
    "actors_with_last_word", "arrow_batches", "article_copies", "article_mentions",
    "article_texts", "articles", "articles_in_story", "canonical_actor", "check_table", "counts",
    "date_range", "duplicate_groups", "dyads", "event_clusters", "event_mentions",
    "event_reports", "event_types",
    "events", "events_in_story", "events_over_time", "export_tables", "find_actor",
    "find_article", "find_story", "get_actor", "get_article", "get_event", "get_statement",
    "get_story", "independent_sources", "iter_rows", "merge_of", "outlets", "pending_merges",
    "present", "recluster_order", "recluster_rows", "rejects", "reuse_for", "speakers",
    "statement_reports", "statements", "stored_actors", "stories", "story", "story_apart",
    "story_articles", "story_assignments", "story_events", "story_history", "story_member_rows",
    "story_merges", "story_pinned", "story_retired", "story_splits", "story_states",
    "story_term_stats", "story_texts", "timeline_articles", "user_merge_rows", "user_splits",
]
