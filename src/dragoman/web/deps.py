"""What a request borrows: a store view from the app's pool."""
from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request

from dragoman.store import Store
from dragoman.web.pool import StorePool


def pool_of(request: Request) -> StorePool:
    return request.app.state.pool


def get_store(request: Request) -> Iterator[Store]:
    """One cursor of the shared connection, for the length of the request."""
    with pool_of(request).borrow() as store:
        yield store
