"""A standing fuzz test (issue 20): every reader is fed random bytes and mutated real files
(the seeds, BBC texts, warcio's WARC/ARC edge cases, Zyte's HTML pages, read from ../shared at
test time) through the public entry point ``read_inputs``. Every input must end as RawDocs or
Rejects; no exception may escape, and the registry's last-resort guard (reason
``reader-failed``) must never be needed: a reader that raises is a bug.

Bounded in time: a per-example deadline and a fixed number of examples (about 30 s in all).
Under CI the examples are derandomized, so a run is repeatable; locally each run tries new ones.
"""
from __future__ import annotations

import gzip
import json
import os
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from dragoman.ingest import read_inputs, supported_suffixes
from dragoman.ingest.fetch import FetchError
from dragoman.model import RawDoc, Reject
from dragoman.settings import Settings

SHARED = Path(__file__).resolve().parents[3] / "shared"
LIMITS = Settings(max_record_bytes=2_000_000)
FUZZ = settings(max_examples=300, deadline=timedelta(seconds=5), database=None,
                derandomize=bool(os.environ.get("CI")),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# bytes a reader looks for first: magic numbers and the starts of each format
PREFIXES = [b"", b"\x1f\x8b\x08\x00\x00\x00\x00\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff",
            b"WARC/1.0\r\n", b"filedesc://", b"<rss><channel><item>", b"<feed>", b"<urlset>",
            b"<sitemapindex>", b"<!DOCTYPE html><html><body><p>", b'{"text": "', b"text,title\n"]


class NoNetwork:
    """A fetcher that answers every URL with a failure: fuzzed feeds must not reach out."""

    def get(self, url: str):
        raise FetchError(f"{url}: the fuzz test does not fetch", reason="not-fetched")


def read_all(data: bytes, suffix: str) -> list:
    """The records ``read_inputs`` makes of ``data`` saved as a file ending in ``suffix``."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        return list(read_inputs([str(path)], LIMITS, fetcher=NoNetwork()))


def check(records: list) -> None:
    assert records, "an input must end as at least one record"
    for record in records:
        assert isinstance(record, (RawDoc, Reject)), type(record)
        if isinstance(record, Reject):
            assert record.reason != "reader-failed", record.detail
            assert record.detail


# --- random bytes --------------------------------------------------------------------------

@FUZZ
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=2048),
       suffix=st.sampled_from(supported_suffixes()))
def test_random_bytes_end_as_records(prefix: bytes, body: bytes, suffix: str):
    check(read_all(prefix + body, suffix))


# --- mutated real files --------------------------------------------------------------------

def _real_files() -> list[tuple[str, bytes]]:
    """``(suffix, bytes)`` of real inputs of every format; empty when ../shared is absent."""
    if not (SHARED / "seeds").is_dir():
        return []
    bench = SHARED / "benchmarks"
    texts = sorted((bench / "corpora" / "bbc").rglob("*.txt"))[:12]
    files = [(".txt", p.read_bytes()) for p in [*sorted((SHARED / "seeds").glob("*.txt")), *texts]]
    warcs = sorted(p for p in (bench / "warc" / "warcio-testdata").iterdir()
                   if p.name.endswith((".warc", ".warc.gz", ".arc", ".arc.gz")))
    files += [(_suffix(p.name), p.read_bytes()) for p in warcs]
    pages = sorted((bench / "extraction" / "zyte" / "html").glob("*.html.gz"))[:6]
    files += [(".html.gz", p.read_bytes()) for p in pages]
    files += [(".html", gzip.decompress(p.read_bytes())) for p in pages[:3]]
    return files + _built_from([data.decode("utf-8", "replace") for _, data in files[:8]])


def _suffix(name: str) -> str:
    return next(s for s in sorted(supported_suffixes(), key=len, reverse=True) if name.endswith(s))


def _built_from(texts: list[str]) -> list[tuple[str, bytes]]:
    """JSON Lines, CSV, TSV, RSS, Atom and a sitemap holding real texts."""
    jsonl = "".join(json.dumps({"title": t[:40], "text": t, "url": f"https://example.org/{i}"})
                    + "\n" for i, t in enumerate(texts))
    csv = "title,text,published\n" + "".join(
        f'"{t[:30]}","{t.replace(chr(34), chr(34) * 2)}",2020-01-0{i % 9 + 1}\n'
        for i, t in enumerate(texts))
    items = "".join(f"<item><title>n{i}</title><description><![CDATA[{t}]]></description>"
                    f"<guid>g{i}</guid></item>" for i, t in enumerate(texts))
    rss = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>{items}'
           '</channel></rss>')
    entries = "".join(f"<entry><title>n{i}</title><id>e{i}</id><content type='html'>"
                      f"{t[:300].replace('<', '&lt;').replace('&', '&amp;')}</content></entry>"
                      for i, t in enumerate(texts))
    atom = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>{entries}</feed>'
    sitemap = ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               + "".join(f"<url><loc>https://example.org/{i}</loc></url>" for i in range(3))
               + "</urlset>")
    return [(".jsonl", jsonl.encode()), (".csv", csv.encode()),
            (".tsv", csv.replace(",", "\t").encode()), (".rss", rss.encode()),
            (".atom", atom.encode()), (".xml", sitemap.encode()),
            (".xml", gzip.compress(rss.encode()))]


REAL = _real_files()


@st.composite
def mutated(draw) -> tuple[bytes, str]:
    """A real file with a few byte-level edits (flip, cut, insert, delete, repeat), sometimes
    inside its gzip layer, sometimes given to another reader."""
    suffix, data = draw(st.sampled_from(REAL))
    if data[:2] == b"\x1f\x8b" and draw(st.booleans()):
        return gzip.compress(_mutate(draw, gzip.decompress(data))), suffix
    data = _mutate(draw, data)
    if draw(st.integers(0, 9)) == 0:
        suffix = draw(st.sampled_from(supported_suffixes()))
    return data, suffix


def _mutate(draw, data: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(buf)))
        op = draw(st.sampled_from(["flip", "cut", "insert", "delete", "repeat"]))
        if op == "flip" and at < len(buf):
            buf[at] ^= draw(st.integers(1, 255))
        elif op == "cut":
            del buf[at:]
        elif op == "insert":
            buf[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif op == "delete":
            del buf[at:at + draw(st.integers(1, 512))]
        elif op == "repeat":
            buf[at:at] = buf[at:at + draw(st.integers(1, 512))] * draw(st.integers(2, 20))
    return bytes(buf)


@pytest.mark.skipif(not REAL, reason="../shared is not beside the project: no real files to "
                    "mutate (the seeds and benchmarks live there)")
@FUZZ
@given(case=mutated())
def test_mutated_real_files_end_as_records(case: tuple[bytes, str]):
    data, suffix = case
    check(read_all(data, suffix))


@pytest.mark.skipif(not REAL, reason="../shared is not beside the project")
def test_the_real_files_themselves_are_read():
    for suffix, data in REAL:
        check(read_all(data, suffix))
