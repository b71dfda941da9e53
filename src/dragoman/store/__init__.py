"""The store: one DuckDB file, owned by ``Store``; ``reads`` is the only reader (the one read API)."""
from dragoman.store.store import Store

__all__ = ["Store"]
