"""Readers: every input record becomes a RawDoc or a Reject with a reason."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from dragoman.errors import InputError
from dragoman.ingest import read_inputs, supported_suffixes
from dragoman.model import RawDoc, Reject
from dragoman.settings import Settings

SETTINGS = Settings()


def read(*paths: str, **kwargs) -> list:
    return list(read_inputs(paths, SETTINGS, **kwargs))


def test_directory_is_read_recursively_in_order(corpus: Path):
    records = read(str(corpus))
    origins = [r.origin for r in records]
    assert origins == [
        f"{corpus}/dump.csv#1",
        f"{corpus}/sub/copy.md",
        f"{corpus}/talks.txt",
        f"{corpus}/wire.jsonl#1",
        f"{corpus}/wire.jsonl#2",
    ]
    assert all(isinstance(r, RawDoc) for r in records)


def test_text_file_title_is_its_first_short_line(corpus: Path):
    (doc,) = read(str(corpus / "talks.txt"))
    assert doc.title == "Ministers meet in Vienna"
    assert doc.text.lstrip().startswith("The foreign ministers")


def test_jsonl_and_csv_fields_and_aliases(corpus: Path):
    first, second = read(str(corpus / "wire.jsonl"))
    assert (first.title, first.published, first.outlet) == ("Port reopens", "2020-03-04", "example.org")
    assert second.title == "Rains" and second.text.startswith("Heavy rains")
    (row,) = read(str(corpus / "dump.csv"))
    assert (row.title, row.published, row.outlet) == ("Strike ends", "2021-05-06", "Example Wire")


def test_malformed_jsonl_line_is_rejected_and_the_rest_read(tmp_path: Path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"text": "good one"}\n{"text": broken\n[1, 2]\n{"title": "no text"}\n'
                     b'{"text": "caf\xe9"}\n{"text": "good two"}\n')
    records = read(str(path))
    summary = [(r.origin.split("#")[1], type(r).__name__, getattr(r, "reason", None)) for r in records]
    assert summary == [
        ("1", "RawDoc", None), ("2", "Reject", "malformed-json"), ("3", "Reject", "malformed-json"),
        ("4", "Reject", "missing-text"), ("5", "Reject", "undecodable"), ("6", "RawDoc", None),
    ]


def test_csv_columns_named_with_a_prefix_or_suffix_word_are_found(tmp_path: Path):
    path = tmp_path / "dump.csv"
    path.write_text("unit_id,article_title,article_content,source,date\n"
                    "7,Port reopens,The port reopened on Monday.,Example Wire,2016-09-19\n",
                    encoding="utf-8")
    (row,) = read(str(path))
    assert (row.text, row.title, row.outlet, row.published) == (
        "The port reopened on Monday.", "Port reopens", "Example Wire", "2016-09-19")


def test_csv_without_text_column_is_rejected_whole(tmp_path: Path):
    path = tmp_path / "bad.csv"
    path.write_text("headline,date\nx,2020-01-01\n", encoding="utf-8")
    (reject,) = read(str(path))
    assert reject.reason == "missing-text-column"
    assert "headline, date" in reject.detail


def test_undecodable_binary_and_empty_files(tmp_path: Path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02\xff\xfe\x00garbage\x00")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 in M\xfcnchen, said the mayor.".encode("latin-1"))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    records = {Path(r.origin).name: r for r in read(str(tmp_path))}
    assert isinstance(records["bin.txt"], Reject) and records["bin.txt"].reason == "undecodable"
    assert isinstance(records["latin1.txt"], RawDoc)
    assert "Café in München" in records["latin1.txt"].text
    assert records["notes.pdf"].reason == "unsupported-type"


def test_stdin_text_and_jsonl():
    (doc,) = read("-", stdin=io.BytesIO(b"A plain article read from standard input."))
    assert doc.origin == "-" and doc.text.startswith("A plain")
    docs = read("-", stdin=io.BytesIO(b'{"text": "one"}\n{"text": "two"}\n'))
    assert [d.origin for d in docs] == ["-#1", "-#2"]


def test_missing_path_is_an_input_error():
    with pytest.raises(InputError, match="no such file"):
        read("/nonexistent/articles")


def test_same_bytes_same_source_hash(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Same text here.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Same text here.", encoding="utf-8")
    a, b = read(str(tmp_path))
    assert a.source_hash == b.source_hash and a.origin != b.origin


def test_readers_are_registered_for_the_documented_suffixes():
    assert {".txt", ".md", ".jsonl", ".csv"} <= set(supported_suffixes())
