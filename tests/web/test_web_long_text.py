"""Issue 20, item 1: through the API with writes on, a text over spaCy's 1,000,000-character
limit used to give a 500; it is stored (not annotated) and the article beside it annotated."""
from __future__ import annotations

from fastapi.testclient import TestClient

from dragoman.clean.stage import MAX_NLP_CHARS
from dragoman.store import Store
from dragoman.web import create_app

LOCAL = "http://127.0.0.1"  # the explorer answers loopback Host names only


def test_an_over_long_text_posted_is_stored_and_its_neighbour_annotated(tmp_path, nlp):
    db = str(tmp_path / "w.duckdb")
    Store(db).close()
    app = create_app(db, allow_writes=True, token="t", nlp=nlp)
    long_text = "The envoy said the talks would go on. " * (MAX_NLP_CHARS // 38 + 100)
    body = {"articles": [
        {"title": "Long", "text": long_text},
        {"title": "Short", "text": "France accused Russia of blocking the resolution, the "
                                   "French envoy said."}]}
    with TestClient(app, base_url=LOCAL) as client:
        answer = client.post("/api/ingest", json=body, headers={"Authorization": "Bearer t"})
        assert answer.status_code == 200, answer.text[:500]
        assert answer.json()["articles"] == 2 and answer.json()["events"] >= 1
    with Store(db, read_only=True) as store:
        rows = dict(store.con.execute("SELECT title, nlp_skipped FROM articles").fetchall())
    assert rows["Long"] and f"{MAX_NLP_CHARS:,}" in rows["Long"] and rows["Short"] is None
