"""A mixed folder (txt, html, warc, jsonl, csv, a feed, junk) through `dragoman ingest`: every
record ends as exactly one of article, duplicate or rejected-with-reason."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dragoman.cli import cli

pytestmark = pytest.mark.model

BODY = ("The harbour authority of Tema said on Monday that the port would reopen after a "
        "three-day strike by dock workers ended. \u201cWe expect ships to berth by Wednesday,\u201d "
        "said Kofi Mensah, the authority's spokesman.")
PAGE = ("<html><head><title>Port to reopen</title>"
        "<meta property='article:published_time' content='2021-06-07'></head><body>"
        "<nav>Home | World | Sport</nav><article><h1>Port to reopen</h1>"
        f"<p>{BODY}</p><p>Unions said that the agreement raised wages by eight percent.</p>"
        "</article><footer>Copyright Example News</footer></body></html>")
FEED = ("<?xml version='1.0'?><rss version='2.0' "
        "xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel><title>Wire</title>"
        "<item><title>Rains flood Kumasi</title><link>https://wire.example/kumasi</link>"
        "<pubDate>Tue, 08 Jun 2021 10:00:00 GMT</pubDate><guid>kumasi-1</guid>"
        "<content:encoded><![CDATA[<p>Heavy rains flooded the lower town of Kumasi on Tuesday, "
        "the regional government said, and hundreds of families left their homes for schools "
        "and churches on higher ground while the river kept rising through the night.</p>"
        "]]></content:encoded></item></channel></rss>")


def write_warc(path: Path, html: str) -> None:
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://news.example/port", "response", payload=io.BytesIO(html.encode()),
            http_headers=headers))


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "note.txt").write_text(f"Port news\n\n{BODY}\n", encoding="utf-8")
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    write_warc(folder / "crawl.warc.gz", PAGE)
    (folder / "dump.jsonl").write_text(
        json.dumps({"title": "Bridge", "text": "The mayor of Accra said that the new bridge "
                    "would open in August after two years of work."}) + "\n{broken\n",
        encoding="utf-8")
    (folder / "rows.csv").write_text(
        "title,text\nStrike,\"Teachers in Tamale went on strike on Monday over unpaid "
        "allowances, their union said.\"\n", encoding="utf-8")
    (folder / "wire.rss").write_text(FEED, encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 not a reader we have")
    return folder


def test_every_record_of_a_mixed_folder_is_accounted_for(mixed: Path, db: str, shared_model):
    result = CliRunner().invoke(cli, ["ingest", str(mixed), "--db", db], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "Read 8 records: 8 new, 0 already in the record."
    export = lambda table: [json.loads(line) for line in CliRunner().invoke(  # noqa: E731
        cli, ["export", table, "--db", db]).stdout.splitlines()]
    articles, rejects = export("articles"), export("rejects")
    assert len(articles) + len(rejects) == 8
    assert sorted(r["reason"] for r in rejects) == ["malformed-json", "unsupported-type"]
    by_origin = {Path(a["origin"].split("#")[0]).name: a for a in articles}
    assert set(by_origin) == {"note.txt", "page.html", "crawl.warc.gz", "dump.jsonl", "rows.csv",
                              "wire.rss"}
    page, warc = by_origin["page.html"], by_origin["crawl.warc.gz"]
    assert "Home | World" not in page["text"] and "Kofi Mensah" in page["text"]
    assert page["published"] == "2021-06-07"
    assert warc["duplicate_of"] == page["article_id"] or page["duplicate_of"] == warc["article_id"]
    assert by_origin["wire.rss"]["published"] == "2021-06-08"
    again = CliRunner().invoke(cli, ["ingest", str(mixed), "--db", db])
    assert again.stdout.splitlines()[0] == "Read 8 records: 0 new, 8 already in the record."
