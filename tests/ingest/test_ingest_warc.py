"""Web archives: one article per HTML response/resource; everything else accounted for."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dragoman.ingest import read_inputs
from dragoman.model import RawDoc, Reject
from dragoman.settings import Settings

HTML = ("<html><head><title>Port reopens</title></head><body><article><p>The port of Tema "
        "reopened on Tuesday after a strike by dock workers ended, officials said.</p>"
        "</article></body></html>").encode("utf-8")


def _response(writer: WARCWriter, url: str, payload: bytes, content_type: str) -> None:
    http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                                  http_headers=http))


def make_warc(path: Path, gzip: bool = True) -> None:
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        _response(writer, "https://example.org/a", HTML, "text/html; charset=utf-8")
        _response(writer, "https://example.org/logo.png", b"\x89PNG\r\n", "image/png")
        writer.write_record(writer.create_revisit_record(
            "https://example.org/a", digest="sha1:AAAA", refers_to_uri="https://example.org/a",
            refers_to_date="2020-01-01T00:00:00Z"))
        _response(writer, "https://example.org/b", HTML.replace(b"Tema", b"Lome"), "text/html")


@pytest.mark.parametrize("gzip", [True, False])
def test_html_responses_become_records_with_offsets(tmp_path, gzip):
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    make_warc(path, gzip)
    records = list(read_inputs([str(path)], Settings()))
    docs = [r for r in records if isinstance(r, RawDoc)]
    rejects = {r.reason for r in records if isinstance(r, Reject)}
    assert [d.url for d in docs] == ["https://example.org/a", "https://example.org/b"]
    assert all(d.fmt == "html" and "dock workers" in d.text for d in docs)
    assert rejects == {"not-html", "warc-revisit"}
    offsets = [int(r.origin.rsplit("#", 1)[1]) for r in records]
    assert offsets == sorted(offsets) and offsets[0] > 0  # warcinfo at 0 is not a record
    assert len({r.origin for r in records}) == len(records)


def test_a_truncated_archive_keeps_what_it_read(tmp_path):
    whole = tmp_path / "whole.warc"
    make_warc(whole, gzip=False)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: data.rindex(b"WARC/1.0") + 40])  # the last record breaks off
    records = list(read_inputs([str(cut)], Settings()))
    assert [r.url for r in records if isinstance(r, RawDoc)][0] == "https://example.org/a"
    assert any(isinstance(r, Reject) and r.reason.startswith("corrupt") for r in records)


def test_garbage_with_a_warc_name_is_rejected_not_raised(tmp_path):
    (tmp_path / "junk.warc.gz").write_bytes(b"this is not an archive\n" * 10)
    (record,) = list(read_inputs([str(tmp_path / "junk.warc.gz")], Settings()))
    assert isinstance(record, Reject) and record.reason == "not-an-archive"
    assert "check that the file is a web archive" in record.detail


def test_every_warcio_test_file_is_read_or_rejected(shared):
    folder = shared / "benchmarks" / "warc" / "warcio-testdata"
    if not folder.is_dir():
        pytest.skip("warcio test files not in ../shared")
    records = list(read_inputs([str(folder)], Settings()))
    assert all(isinstance(r, (RawDoc, Reject)) for r in records)
    assert all(r.reason and r.detail for r in records if isinstance(r, Reject))
    names = {Path(r.origin.split("#")[0]).name for r in records}
    assert names == {p.name for p in folder.iterdir() if not p.name.startswith(".")}
    assert sum(isinstance(r, RawDoc) for r in records) >= 5
