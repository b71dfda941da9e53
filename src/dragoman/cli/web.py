"""``dragoman serve``: the explorer (web UI and JSON API) over the record, with uvicorn."""
from __future__ import annotations

import socket

import click

from dragoman.cli.options import db_option

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000


def check_port(host: str, port: int) -> None:
    """Fail early, with what to do, if the address cannot be bound."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as err:
            raise click.ClickException(
                f"cannot listen on {host}:{port}: {err.strerror}; another program (an explorer "
                f"already running?) may use it: pass --port {port + 1}") from err


def run_explorer(db: str, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 allow_writes: bool = False, token: str | None = None) -> None:
    """Serve the explorer in the foreground until Ctrl-C."""
    # lazy: FastAPI, the app and uvicorn (1 s) are only needed when serving
    from dragoman.web import server

    loopback = server.is_loopback(host)
    app = server.app_for(db, host, allow_writes=allow_writes, token=token)
    check_port(host, port)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"\nExplorer on {db}: open http://{shown}:{port} — Ctrl-C to stop.")
    if not loopback:
        click.echo(f"warning: listening on {host}: other machines can read the record", err=True)
    if allow_writes:
        click.echo("Writing enabled: POST /api/ingest with 'Authorization: Bearer TOKEN'.")
    server.serve(app, host, port)


@click.command()
@db_option
@click.option("--host", default=DEFAULT_HOST, show_default=True,
              help="Address to listen on; the default answers this machine only.")
@click.option("--port", type=int, default=DEFAULT_PORT, show_default=True, help="Port to listen on.")
@click.option("--allow-writes", is_flag=True,
              help="Add POST /api/ingest (articles as JSON); needs --token.")
@click.option("--token", envvar="DRAGOMAN_TOKEN", metavar="SECRET",
              help="The secret writing clients send as 'Authorization: Bearer SECRET' "
                   "[env DRAGOMAN_TOKEN].")
def serve(db: str, host: str, port: int, allow_writes: bool, token: str | None) -> None:
    """Open the explorer: web pages and a JSON API over the record (read-only by default).

    Pages: overview, stories, events, statements, actors, network, articles, duplicates; every
    record links to the exact span of its article. The API is under /api (OpenAPI schema at
    /api/openapi.json); every list downloads as CSV or JSONL.
    """
    if allow_writes and not token:
        raise click.UsageError("--allow-writes needs --token SECRET (or DRAGOMAN_TOKEN)")
    if token and not allow_writes:
        raise click.UsageError("--token is only used with --allow-writes")
    run_explorer(db, host, port, allow_writes, token)


COMMANDS = (serve,)
