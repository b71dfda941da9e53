"""Running the explorer: the app for an address, served by uvicorn (``dragoman serve``)."""
from __future__ import annotations

import uvicorn

from dragoman.web.app import create_app

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def is_loopback(host: str) -> bool:
    """Whether ``host`` answers this machine only."""
    return host in LOOPBACK


def app_for(db: str, host: str, allow_writes: bool = False, token: str | None = None):
    """The explorer's app over ``db``; any Host header is accepted only off loopback."""
    return create_app(db, allow_writes=allow_writes, token=token,
                      allowed_hosts=None if is_loopback(host) else ["*"])


def serve(app, host: str, port: int) -> None:
    """Serve ``app`` in the foreground until Ctrl-C."""
    uvicorn.run(app, host=host, port=port, log_level="warning")
