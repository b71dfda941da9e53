"""The store: one DuckDB file, owned by ``Store``; ``queries`` is the only reader."""
from dragoman.store.store import Store

__all__ = ["Store"]
