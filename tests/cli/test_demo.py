"""`dragoman demo` on a small stand-in corpus placed in the cache (no network)."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from dragoman.cli import cli
from dragoman.demo import CSV_NAME, is_about_syria
from dragoman.model import RawDoc

pytestmark = pytest.mark.model

ROWS = [
    ("1", "2017/2/7", "http://example.com/syria-talks", "Syria talks resume",
     "\u201cWe are ready,\u201d said Staffan de Mistura, the UN envoy for Syria. "
     "France accused Russia of blocking the resolution."),
    ("2", "2017/2/8", "http://example.com/weather", "Snow in Boston",
     "Heavy snow fell on Boston on Wednesday, the National Weather Service said."),
]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir()
    with open(folder / CSV_NAME, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["article_id", "publish_date", "article_source_link", "title", "subtitle", "text"])
        for row in ROWS:
            writer.writerow([*row[:4], "", row[4]])
    monkeypatch.setenv("DRAGOMAN_CACHE_DIR", str(folder))
    return folder


def test_syria_subset_filter():
    doc = lambda title, text: RawDoc("x", text, "h", title=title)  # noqa: E731
    assert is_about_syria(doc("Syria talks", "x"))
    assert is_about_syria(doc(None, "the Syrian government"))
    assert not is_about_syria(doc("Snow", "Boston"))


def test_demo_ingests_the_subset_and_summarises(cache: Path, tmp_path: Path, shared_model):
    db = str(tmp_path / "demo.duckdb")
    result = CliRunner().invoke(cli, ["demo", "--db", db], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"Demo corpus: {cache / CSV_NAME} (articles on Syria)"
    assert lines[1] == "Read 1 records: 1 new, 0 already in the record."
    assert "Top speakers: France (1); Staffan de Mistura (1)" in result.stdout  # + the accusation
    assert "Top actor pairs: France → Russia (1)" in result.stdout
    assert "2017-02-07  1 article(s)  Syria talks resume" in result.stdout
    assert lines[-1].startswith("Next: dragoman statements")
