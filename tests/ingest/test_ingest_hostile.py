"""Hostile input (issue 20): every bad input ends as a Reject with a reason, the records beside
it are still read, nothing blocks and nothing crashes the run."""
from __future__ import annotations

import gzip
import io
import os
import socket
from pathlib import Path

import pytest
from warcio.warcwriter import WARCWriter

from dragoman.clean.stage import MAX_NLP_CHARS, CleanStage, clean_record
from dragoman.clean.language import LanguageGuesser
from dragoman.ingest import read_inputs, safe_name
from dragoman.ingest.decode import decode_bytes
from dragoman.model import Article, RawDoc, Reject
from dragoman.pipeline import Batch
from dragoman.settings import Settings

SETTINGS = Settings()
GOOD = "Ministers meet in Vienna\nThe foreign ministers met in Vienna on Tuesday to talk.\n"


def read(*paths, settings: Settings = SETTINGS) -> list:
    return list(read_inputs([str(p) for p in paths], settings))


def kinds(records) -> list[tuple[str, str]]:
    """(file name, "article" or the reject reason) of each record."""
    return [(Path(r.origin).name, "article" if isinstance(r, RawDoc) else r.reason)
            for r in records]


# --- 1. texts longer than the NLP limit -------------------------------------------------

def test_a_text_over_the_nlp_limit_is_stored_but_not_annotated():
    text = "The minister said the talks would go on. " * (MAX_NLP_CHARS // 40 + 10)
    raw = RawDoc(origin="long.txt", text=text, source_hash="h")
    article = clean_record(raw, SETTINGS, LanguageGuesser())
    assert isinstance(article, Article)
    assert len(article.text) > MAX_NLP_CHARS
    assert article.nlp_skipped and f"{MAX_NLP_CHARS:,}" in article.nlp_skipped
    short = clean_record(RawDoc(origin="short.txt", text=text[:5000], source_hash="h"),
                         SETTINGS, LanguageGuesser())
    assert short.nlp_skipped is None


def test_a_record_that_raises_in_clean_is_rejected_and_its_batch_kept(monkeypatch):
    import dragoman.clean.stage as stage

    real = stage.fields_of

    def explode(raw):
        if raw.origin == "bad":
            raise RuntimeError("boom")
        return real(raw)

    monkeypatch.setattr(stage, "fields_of", explode)
    good = RawDoc(origin="good", text=GOOD, source_hash="g")
    bad = RawDoc(origin="bad", text=GOOD, source_hash="b")
    batch = CleanStage(SETTINGS).run(Batch(raw=(bad, good)))
    assert [a.origin for a in batch.articles] == ["good"]
    (reject,) = batch.rejects
    assert (reject.origin, reject.reason, reject.source_hash) == ("bad", "failed-clean", "b")
    assert "RuntimeError: boom" in reject.detail


# --- 2. a UTF-16 byte-order mark with broken data ----------------------------------------

def test_utf16_bom_with_truncated_data_is_rejected_and_the_seeds_beside_it_read(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\x00\x00garbage\x00\x01")
    (tmp_path / "c.txt").write_text(GOOD)
    assert kinds(read(tmp_path)) == [("a.txt", "article"), ("b.txt", "undecodable"),
                                     ("c.txt", "article")]


def test_utf16_text_with_a_bom_still_decodes():
    assert decode_bytes("Hello — world".encode("utf-16"))[0] == "Hello — world"


# --- 3. a file that cannot be opened ---------------------------------------------------

def test_a_file_that_cannot_be_opened_is_rejected(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(GOOD)
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD)
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    records = read(tmp_path)
    assert kinds(records) == [("a.txt", "article"), ("locked.txt", "unreadable")]
    assert "Permission denied" in records[1].detail


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_a_chmod_000_file_is_rejected(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD)
    locked.chmod(0)
    try:
        assert kinds(read(locked)) == [("locked.txt", "unreadable")]
    finally:
        locked.chmod(0o644)


# --- 4. limits on the uncompressed size -------------------------------------------------

def test_a_gzip_bomb_is_stopped_at_the_limit(tmp_path):
    settings = Settings(max_record_bytes=100_000)
    bomb = tmp_path / "bomb.html.gz"
    with gzip.open(bomb, "wb") as out:
        out.write(b"<html><body><p>" + b"a" * 5_000_000 + b"</p></body></html>")
    assert bomb.stat().st_size < 100_000
    (record,) = read(bomb, settings=settings)
    assert (record.reason, "100000" in record.detail) == ("too-large", True)


def test_a_gzipped_feed_bomb_is_stopped_at_the_limit(tmp_path):
    settings = Settings(max_record_bytes=100_000)
    bomb = tmp_path / "feed.xml"
    bomb.write_bytes(gzip.compress(b"<rss><channel>" + b" " * 5_000_000 + b"</channel></rss>"))
    (record,) = read(bomb, settings=settings)
    assert record.reason == "too-large"


def test_a_jsonl_line_over_the_limit_is_rejected_without_reading_it_whole(tmp_path):
    settings = Settings(max_record_bytes=1000)
    path = tmp_path / "big.jsonl"
    path.write_bytes(b'{"text": "' + b"x" * 50_000 + b'"}\n'
                     b'{"text": "The ministers met in Vienna."}\n')
    records = read(path, settings=settings)
    assert [(r.origin.rsplit("#")[1], getattr(r, "reason", "ok")) for r in records] == [
        ("1", "too-large"), ("2", "ok")]


def test_a_text_of_unknown_size_is_read_up_to_the_limit(tmp_path):
    import io

    settings = Settings(max_record_bytes=1000)
    records = list(read_inputs(["-"], settings, stdin=io.BytesIO(b"word " * 10_000),
                               stdin_format="text"))
    assert [r.reason for r in records] == ["too-large"]


# --- 6. names printed safely -----------------------------------------------------------

def test_safe_name_escapes_terminal_control_characters():
    hostile = "news\x1b[2J\x1b]0;owned\x07\r\u202etxt.exe\nend.txt"
    shown = safe_name(hostile)
    assert all(ch.isprintable() for ch in shown)
    assert shown == "news\\x1b[2J\\x1b]0;owned\\x07\\r\\u202etxt.exe\\nend.txt"
    assert safe_name("Zürich — 東京.txt") == "Zürich — 東京.txt"


def test_reject_details_do_not_carry_control_characters(tmp_path):
    name = tmp_path / "feed\x1b[31m.xml"
    name.write_bytes(b"<rss><channel><item><title>x</title></item>")
    details = [r.detail for r in read(name) if isinstance(r, Reject)]
    assert details and not any("\x1b" in d for d in details)


# --- 7. every entry a folder walk meets is accounted for --------------------------------

def test_fifo_given_by_name_is_rejected_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert kinds(read(fifo)) == [("pipe.txt", "not-a-file")]


def test_every_entry_of_a_folder_ends_as_an_article_or_a_reject(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    os.mkfifo(tmp_path / "b-fifo.txt")
    (tmp_path / "c-dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "d-loop.txt").symlink_to(tmp_path / "e-loop.txt")
    (tmp_path / "e-loop.txt").symlink_to(tmp_path / "d-loop.txt")
    (tmp_path / "f-link.txt").symlink_to(tmp_path / "a.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "g.sock"))
    try:
        found = kinds(read(tmp_path))
    finally:
        server.close()
    assert found == [("a.txt", "article"), ("b-fifo.txt", "not-a-file"),
                     ("c-dangling.txt", "broken-link"), ("d-loop.txt", "broken-link"),
                     ("e-loop.txt", "broken-link"), ("f-link.txt", "article"),
                     ("g.sock", "not-a-file")]


def test_a_folder_that_cannot_be_listed_is_one_reject(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(GOOD)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(GOOD)
    real_scandir = os.scandir

    def refuse(path="."):
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    records = read(tmp_path)
    assert kinds(records) == [("a.txt", "article"), ("locked", "unreadable")]


def test_a_symlinked_folder_loop_is_read_once(tmp_path):
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "a.txt").write_text(GOOD)
    (sub / "back").symlink_to(tmp_path)
    found = kinds(read(tmp_path))
    assert found == [("a.txt", "article"), ("back", "link-loop")]


def test_hidden_files_are_still_skipped_in_a_folder(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / ".hidden.txt").write_text(GOOD)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(GOOD)
    assert kinds(read(tmp_path)) == [("a.txt", "article")]


# --- 8. invalid UTF-8 ------------------------------------------------------------------

def test_mostly_utf8_text_with_bad_bytes_is_repaired_not_read_as_cp1251():
    good = ("The minister’s “final offer” — rejected by the unions — was a surprise. "
            "Kyiv and Zürich were named. ") * 5
    data = good.encode("utf-8")
    broken = data[:50] + b"\xff\xfe" + data[50:200] + b"\xc3" + data[200:]
    text, encoding = decode_bytes(broken)
    assert encoding == "utf-8"
    assert "minister’s “final offer” — rejected" in text
    assert text.count("\ufffd") == 3 and "вЂ" not in text


def test_a_legacy_encoding_still_decodes():
    text = "Le président a déclaré que la réunion était terminée à Genève. " * 3
    decoded, encoding = decode_bytes(text.encode("cp1252"))
    assert decoded == text and encoding != "utf-8"


def test_random_binary_is_rejected(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(128, 256)) * 40)
    assert [r.reason for r in read(path)] == ["undecodable"]


# --- what the store cannot take: lone surrogates, nesting too deep ----------------------

def encodable(record) -> bool:
    values = [getattr(record, name) for name in record.__slots__]
    return all(v.encode("utf-8") is not None for v in values if isinstance(v, str))


def test_a_file_name_that_is_not_utf8_gives_a_storable_origin(tmp_path):
    name = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(name, "wb") as out:
        out.write(GOOD.encode())
    (record,) = read(tmp_path)
    assert isinstance(record, RawDoc) and encodable(record)
    assert record.origin.endswith("caf\\udce9.txt")


def test_lone_surrogates_in_record_fields_are_made_storable(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"text": "Talks went on \\ud800 all day in Vienna.", "title": "x\\udfff",'
                    ' "author": "\\ud83d", "url": "https://example.org/\\ud800"}\n')
    (record,) = read(path)
    assert isinstance(record, RawDoc) and encodable(record)
    article = clean_record(RawDoc(origin="o\ud800", text="Talks \ud800 went on all day in Vienna.",
                                  source_hash="h", author="\udfff"), SETTINGS, LanguageGuesser())
    assert encodable(article)


def test_json_nested_too_deep_is_a_malformed_line(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text("[" * 100_000 + "]" * 100_000 + '\n{"text": "The talks went on all day."}\n')
    assert [getattr(r, "reason", "ok") for r in read(path)] == ["malformed-json", "ok"]


# --- readers that read a line or a stream whole (issue 20: CSV lines, stdin, WARC headers) ---

class CountingStream(io.RawIOBase):
    """``size`` bytes of ``fill`` that count how many were read."""

    def __init__(self, fill: bytes, size: int) -> None:
        self.fill, self.left, self.read_bytes = fill, size, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = min(len(buffer), self.left)
        buffer[:n] = (self.fill * (n // len(self.fill) + 1))[:n]
        self.left -= n
        self.read_bytes += n
        return n


@pytest.mark.parametrize("fmt", ["text", "auto"])
def test_standard_input_is_not_read_whole(fmt):
    stream = CountingStream(b"word ", 50 << 20)
    records = list(read_inputs(["-"], Settings(max_record_bytes=1000), stdin=stream,
                               stdin_format=fmt))
    assert [r.reason for r in records] == ["too-large"]
    assert stream.read_bytes < 1 << 20          # was all 50 MB, read before any limit


def test_json_lines_on_standard_input_are_streamed():
    stream = CountingStream(b'{"text": "Chile accused Norway of delay."}\n', 50 << 20)
    records = read_inputs(["-"], Settings(), stdin=stream)
    first = [next(records) for _ in range(3)]
    assert [r.origin for r in first] == ["-#1", "-#2", "-#3"]
    assert stream.read_bytes < 1 << 20


def test_a_csv_line_over_the_limit_is_one_reject_and_the_rows_after_it_are_read(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("title,text\nA,First good row.\nB," + "x" * 3000 + "\nC,Last good row.\n")
    records = read(path, settings=Settings(max_record_bytes=1000))
    assert [(type(r).__name__, r.reason if isinstance(r, Reject) else r.text)
            for r in records] == [
        ("RawDoc", "First good row."), ("Reject", "malformed-csv"), ("RawDoc", "Last good row.")]
    assert "over the limit" in records[1].detail


def test_a_csv_without_newlines_is_not_read_whole(tmp_path):
    path = tmp_path / "one-line.csv"
    path.write_bytes(b"title,text\n" + b"a," * (5 << 20))
    (reject,) = read(path, settings=Settings(max_record_bytes=1000))
    assert reject.reason == "malformed-csv" and "over the limit" in reject.detail


def test_a_warc_header_line_without_end_is_rejected_after_the_records_before_it(tmp_path):
    path = tmp_path / "long-header.warc"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=False)
        page = b"<html><body><p>" + GOOD.encode() + b"</p></body></html>"
        writer.write_record(writer.create_warc_record(
            "http://example.com/a", "resource", payload=io.BytesIO(page),
            warc_content_type="text/html"))
        out.write(b"WARC/1.0\r\nWARC-Type: resource\r\nX-Junk: " + b"a" * (3 << 20))
    records = read(path)
    assert [type(r).__name__ for r in records] == ["RawDoc", "Reject"]
    assert records[1].reason == "too-large" and "header line" in records[1].detail
