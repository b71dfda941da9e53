"""Readers: paths, directories and stdin → a stream of ``RawDoc`` or ``Reject``.

Readers register themselves for file suffixes; the HTML and WARC readers of the ingestion
issue plug in the same way (``@register(".html", ".htm")``). ``http(s)://`` inputs go to the
reader registered with ``@register_url`` (``feeds.py``: feeds, sitemaps and single pages).
"""
from dragoman.names import safe_name
from dragoman.ingest.registry import Source, read_inputs, register, supported_suffixes
from dragoman.ingest import feeds, html, tabular, text, warc  # noqa: F401  (registers the readers)

__all__ = ["Source", "read_inputs", "register", "safe_name", "supported_suffixes"]
