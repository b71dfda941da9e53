"""dragoman: news articles in, a sourced record of who did and said what to whom out.

The public API is small; everything else is an implementation detail.
"""
from dragoman.api import ingest, ingest_records, merge_stories, open_store, split_story
from dragoman.errors import DragomanError
from dragoman.model import Actor, Article, Event, Mention, RawDoc, Reject, Statement, Story
from dragoman.settings import Settings
from dragoman.store import Store
from dragoman.store import queries

__version__ = "0.1.0"
__all__ = [
    "Actor", "Article", "DragomanError", "Event", "Mention", "RawDoc", "Reject", "Settings",
    "Statement", "Store", "Story", "ingest", "ingest_records", "merge_stories", "open_store",
    "queries", "split_story", "__version__",
]
