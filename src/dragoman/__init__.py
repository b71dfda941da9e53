"""dragoman: news articles in, a sourced record of who did and said what to whom out.

The public API is small; everything else is an implementation detail. Reading the record:
``dragoman.reads`` (one function per listing, one filter object per record kind, the same the
CLI and the explorer use), e.g. ``reads.statements(store, StatementFilter(speaker="Lavrov"))``.
"""
from dragoman.api import ingest, ingest_records, merge_stories, open_store, split_story
from dragoman.errors import DragomanError
from dragoman.model import Actor, Article, Event, Mention, RawDoc, Reject, Statement, Story
from dragoman.settings import Settings
from dragoman.store import Store, reads
from dragoman.store.reads import ActorFilter, ArticleFilter, EventFilter, StatementFilter

__version__ = "0.1.0"
__all__ = [
    "Actor", "ActorFilter", "Article", "ArticleFilter", "DragomanError", "Event", "EventFilter",
    "Mention", "RawDoc", "Reject", "Settings", "Statement", "StatementFilter", "Store", "Story",
    "ingest", "ingest_records", "merge_stories", "open_store", "reads", "split_story",
    "__version__",
]
