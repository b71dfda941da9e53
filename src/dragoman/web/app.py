"""``create_app``: the explorer's FastAPI app over one dragoman database."""
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlencode

import jinja2
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from dragoman import __version__
from dragoman.errors import DragomanError, NotFound, StoreError
from dragoman.store.reading import CopyReader
from dragoman.web import api, pages, writes
from dragoman.web.guard import BodyGuard
from dragoman.web.highlight import anchor
from dragoman.web.memo import Memo
from dragoman.web.pool import StorePool

HERE = Path(__file__).parent
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"]  # as Host headers name them, any port
SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'none'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
     b"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


def create_app(db_path: str | Path, *, allow_writes: bool = False, token: str | None = None,
               pool_size: int = 8, allowed_hosts: list[str] | None = None, nlp=None) -> FastAPI:
    """The explorer over the database at ``db_path``.

    Read-only unless ``allow_writes`` *and* a ``token`` are given: then ``POST /api/ingest``
    exists and needs exactly ``Authorization: Bearer TOKEN``, checked before the request's
    body is read (``web/guard.py``, which also refuses bodies over 64 MB); the NLP model (or
    ``nlp``) is loaded on its first call. Requests share one connection through a pool of
    ``pool_size`` cursors, over the record's read copy (``store/snapshot.py``): the explorer
    never holds the database file, an ingest may write it meanwhile, and each batch it
    stores shows on the next request. ``allowed_hosts`` are the Host names answered, any port (default:
    ``LOOPBACK_HOSTS``, which stops DNS-rebinding pages from reading the record; a test
    client must send one of them, e.g. ``base_url="http://127.0.0.1"``); ``["*"]`` answers any.
    """
    if allow_writes and not token:
        raise DragomanError("writing is enabled but no token was given",
                            "pass --token SECRET with --allow-writes (clients send "
                            "'Authorization: Bearer SECRET')")
    reader, memo = CopyReader(db_path), Memo()  # the read copy: an ingest may write meanwhile
    pool = StorePool(reader.open, pool_size, changed=reader.changed, on_change=memo.clear)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        pool.close()

    app = FastAPI(title="dragoman explorer", version=__version__, lifespan=lifespan,
                  description="The record (articles, actors, statements, events, stories) as "
                              "JSON; every statement and event carries article_id, start and end: "
                              "its span in the article's text.",
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.pool, app.state.db_path, app.state.writes = pool, str(db_path), allow_writes
    app.state.memo = memo
    templates = _templates(app)
    app.include_router(api.router())
    if allow_writes:
        app.include_router(writes.router(writes.Writer(str(db_path), token, nlp,
                                                       on_change=app.state.memo.clear)))
    app.include_router(pages.router(templates))
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _add_error_handlers(app, templates)
    app.add_middleware(BodyGuard, token=token if allow_writes else None)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or LOOPBACK_HOSTS)
    app.add_middleware(SecurityHeaders)
    return app


def _templates(app: FastAPI) -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.globals.update(qs=query_string, src=source_url, anchor=anchor, short=short_origin, web_url=web_url,
                       db_path=app.state.db_path, writes=app.state.writes, version=__version__)
    return Jinja2Templates(env=env)


def query_string(request: Request, **changes: object) -> str:
    """The request's query with ``changes`` (``None`` removes a key), as ``?a=1&b=2``."""
    pairs = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    pairs += [(k, v) for k, v in changes.items() if v is not None]
    return "?" + urlencode(pairs) if pairs else "?"


def source_url(row: dict) -> str:
    """Where a record came from: its article, scrolled to and highlighting its span."""
    return f"/articles/{row['article_id']}#{anchor(row['start'], row['end'])}"


def web_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) address (never ``javascript:`` or ``data:``), else None."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def short_origin(origin: str | None) -> str:
    return (origin or "").rsplit("/", 1)[-1] or "-"


def _add_error_handlers(app: FastAPI, templates: Jinja2Templates) -> None:
    def answer(request: Request, status: int, message: str, hint: str = ""):
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": message, "hint": hint}, status_code=status)
        return templates.TemplateResponse(request, "error.html", {
            "status": status, "message": message, "hint": hint}, status_code=status)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, err: NotFound):
        return answer(request, 404, err.args[0], err.hint)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, err: StoreError):
        return answer(request, 503, err.args[0], err.hint)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, err: HTTPException):
        response = answer(request, err.status_code, str(err.detail))
        for key, value in (err.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, err: RequestValidationError):
        if request.url.path.startswith("/api"):  # FastAPI's documented shape
            return JSONResponse({"detail": jsonable_encoder(err.errors())}, status_code=422)
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}"
                             for e in err.errors())
        return answer(request, 422, f"invalid request: {problems}",
                      "see /api/openapi.json for the parameters each endpoint takes")


class SecurityHeaders:
    """Adds a strict Content-Security-Policy (no inline script, nothing from elsewhere) and
    friends to every response."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, with_headers)
