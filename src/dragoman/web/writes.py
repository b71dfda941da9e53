"""The one endpoint that writes: ``POST /api/ingest``. It exists only in an app created with
``allow_writes=True`` and a token, and every call must carry exactly ``Authorization: Bearer
TOKEN`` (checked before the body is read, with the body's size: ``web/guard.py``).
The NLP model is loaded on the first call, never before."""
import hashlib
import json
import threading
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from pydantic import BaseModel, Field

from dragoman.api import ingest_records, load_model
from dragoman.ingest.tabular import record_to_rawdoc
from dragoman.model import bytes_hash
from dragoman.settings import Settings
from dragoman.web.guard import UNAUTHORISED, bearer_ok


class NewArticle(BaseModel):
    text: str = Field(min_length=1, max_length=2_000_000)
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, max_length=40)
    outlet: str | None = Field(None, max_length=200)
    author: str | None = Field(None, max_length=200)


class IngestRequest(BaseModel):
    articles: list[NewArticle] = Field(min_length=1, max_length=1000)


class IngestResult(BaseModel):
    records: int
    new_records: int
    articles: int
    duplicates: int
    rejected: int
    statements: int
    events: int


class Writer:
    """Ingests into the app's database, one call at a time, with a model loaded once."""

    def __init__(self, db: str, token: str, nlp=None, on_change=lambda: None) -> None:
        self.settings = Settings.from_env(db=db)
        self.token = token
        self.nlp = nlp
        self.on_change = on_change
        self._lock = threading.Lock()

    def check(self, authorization: str | None) -> None:
        """Raise 401 unless ``authorization`` is exactly ``Bearer TOKEN``. The app's
        ``BodyGuard`` already refused such requests before reading their body; this check
        keeps the endpoint closed wherever the router is mounted without it."""
        if not bearer_ok(authorization, self.token):
            raise HTTPException(401, UNAUTHORISED, headers={"WWW-Authenticate": "Bearer"})

    def ingest(self, request: IngestRequest) -> IngestResult:
        records = []
        for item in request.articles:
            raw = json.dumps(item.model_dump(), sort_keys=True, ensure_ascii=False).encode()
            origin = f"api#{hashlib.sha1(raw).hexdigest()[:16]}"
            records.append(record_to_rawdoc(origin, item.model_dump(), bytes_hash(raw), "api"))
        with self._lock:
            if self.nlp is None:
                self.nlp = load_model(self.settings.model)
            report = ingest_records(records, self.settings, nlp=self.nlp)
            self.on_change()
        return IngestResult(records=report.records, new_records=report.new_records,
                            articles=report.articles, duplicates=report.duplicates,
                            rejected=len(report.rejects), statements=report.statements,
                            events=report.events)


def router(writer: Writer) -> APIRouter:
    api = APIRouter(prefix="/api", tags=["writing"])

    def authorised(authorization: Annotated[str | None, Header()] = None) -> None:
        writer.check(authorization)

    @api.post("/ingest", dependencies=[Depends(authorised)], response_model=IngestResult,
              responses={401: {"description": "missing or wrong token"}})
    def ingest(body: IngestRequest, request: Request) -> IngestResult:
        """Ingest articles sent as JSON (same fields as a JSONL input line); needs the token."""
        return writer.ingest(body)

    return api
