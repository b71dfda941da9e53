"""What the explorer refuses before doing any work: a write without exactly ``Bearer TOKEN``
(refused before its body is read), a body over the limit (declared or streamed), a Host that is
not a loopback name, and a database file that is not a dragoman record (said as such, not as a
lock held by another process). No model needed: writes that get through meet a stub."""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import httpx
import pytest
from fastapi.testclient import TestClient

from dragoman.errors import StoreError
from dragoman.store import Store
from dragoman.web import create_app
from dragoman.web.guard import MAX_BODY_BYTES
from test_web import build_hostile_db

LOCAL = "http://127.0.0.1"
CHUNK = b"x" * (1 << 20)


class Refuse:
    """An NLP model that must never be used."""

    def __getattr__(self, name):
        raise AssertionError("model used")


@pytest.fixture(scope="module")
def writable_db(tmp_path_factory) -> str:
    return build_hostile_db(tmp_path_factory.mktemp("guard") / "w.duckdb")


@pytest.fixture(scope="module")
def app(writable_db):
    return create_app(writable_db, allow_writes=True, token="s3cret", nlp=Refuse())


class Body:
    """A request body streamed in 1 MB chunks that counts how many were read."""

    def __init__(self, chunks: int) -> None:
        self.chunks, self.read = chunks, 0

    async def __aiter__(self):
        for _ in range(self.chunks):
            self.read += 1
            yield CHUNK


def post(app, body: Body, headers: dict[str, str]) -> httpx.Response:
    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=LOCAL) as client:
            return await client.post("/api/ingest", content=body, headers=headers)
    return asyncio.run(send())


def test_a_write_without_the_token_is_refused_before_its_body_is_read(app):
    body = Body(300)
    answer = post(app, body, {"Content-Length": str(300 << 20), "Content-Type": "application/json"})
    assert answer.status_code == 401, answer.text[:300]
    assert answer.headers["www-authenticate"] == "Bearer"
    assert "Bearer TOKEN" in answer.json()["detail"]
    assert body.read == 0


def test_a_declared_body_over_the_limit_is_refused_before_it_is_read(app):
    body = Body(100)
    answer = post(app, body, {"Content-Length": str(100 << 20), "Authorization": "Bearer s3cret"})
    assert answer.status_code == 413, answer.text[:300]
    assert "64 MB" in answer.json()["detail"]
    assert body.read == 0


def test_a_streamed_body_over_the_limit_is_stopped_at_the_limit(app):
    body = Body(200)  # no Content-Length: sent chunked
    answer = post(app, body, {"Authorization": "Bearer s3cret", "Content-Type": "application/json"})
    assert answer.status_code == 413, answer.text[:300]
    assert body.read <= MAX_BODY_BYTES // len(CHUNK) + 1


def test_a_malformed_content_length_is_refused(app):
    answer = post(app, Body(1), {"Content-Length": "12abc", "Authorization": "Bearer s3cret"})
    assert answer.status_code in (400, 413)


@pytest.mark.parametrize("authorization", [
    "s3cret", "bearer s3cret", "Bearer  s3cret", "Bearer s3cret ", "Token s3cret", "Bearer s3cre",
    "Bearer s3cretx", "Bearer "])
def test_only_exactly_bearer_token_is_accepted(app, authorization):
    with TestClient(app, base_url=LOCAL) as c:
        answer = c.post("/api/ingest", json={"articles": [{"text": "x"}]},
                        headers={"Authorization": authorization})
    assert answer.status_code == 401, authorization


def test_an_authorised_write_still_reaches_the_endpoint(app):
    with TestClient(app, base_url=LOCAL) as c:  # an empty list is parsed and refused: 422
        answer = c.post("/api/ingest", json={"articles": []},
                        headers={"Authorization": "Bearer s3cret"})
    assert answer.status_code == 422, answer.text[:300]


def test_reads_need_no_token_when_writes_are_on(app):
    with TestClient(app, base_url=LOCAL) as c:
        assert c.get("/api/events").status_code == 200


@pytest.mark.parametrize("host,status", [
    ("testserver", 400), ("evil.example", 400), ("127.0.0.1.evil.example", 400),
    ("localhost", 200), ("localhost:8123", 200), ("127.0.0.1", 200), ("127.0.0.1:1", 200),
    ("[::1]", 200), ("[::1]:8000", 200)])
def test_a_loopback_explorer_answers_loopback_names_only(writable_db, host, status):
    with TestClient(create_app(writable_db), base_url=LOCAL) as c:
        assert c.get("/api/overview", headers={"host": host}).status_code == status, host


def test_a_file_that_is_not_a_database_is_called_damaged_not_locked(tmp_path):
    path = tmp_path / "x.duckdb"
    path.write_bytes(os.urandom(64 * 1024))
    for opening in (lambda: Store(path), lambda: Store(path, read_only=True),
                    lambda: create_app(path)):
        with pytest.raises(StoreError) as caught:
            opening()
        hint = caught.value.hint
        assert "another dragoman process" not in hint
        assert "not a dragoman record" in hint and "backup" in hint and "--db" in hint


def test_a_truncated_database_is_called_damaged(tmp_path, writable_db):
    path = tmp_path / "cut.duckdb"
    with open(writable_db, "rb") as whole:
        path.write_bytes(whole.read()[:5000])
    with pytest.raises(StoreError) as caught:
        Store(path, read_only=True)
    assert "damaged" in caught.value.hint


def test_a_locked_database_still_says_another_process_is_writing(tmp_path):
    path = tmp_path / "locked.duckdb"
    Store(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
                               "print('held', flush=True); sys.stdin.read()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreError) as caught:
            Store(path, read_only=True)
        assert "another dragoman process" in caught.value.hint
    finally:
        holder.communicate("")
