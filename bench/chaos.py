"""Chaos: bad input of many kinds through the real ``dragoman ingest`` CLI (issue 20).

Every case is built in a temporary folder (its own sub-folder ``NN-name/``); one ingest reads
the whole folder beside a few good articles, and a few cases need a run of their own (a FIFO
named on the command line, garbage on standard input, the gzip bomb measured alone). A case is
*accounted for* when the records the store holds for it (articles, duplicates and rejects whose
origin is under its folder) number what went in: ``expect`` records, or at least one where the
count of records in a broken file is not defined. A *crash* is an ingest that dies with a
traceback, is killed, or runs past its time limit. A rerun of the same folder must add nothing
and crash nowhere.

    python -m bench chaos [--part all|bad-input|live] [--articles N] [--no-write]

``--part live`` runs ``bench/chaos_live.py`` instead: kill -9 during an ingest and resume,
an ingest while clients browse the explorer, a 300 MB POST.
"""
from __future__ import annotations

import argparse
import codecs
import csv
import gzip
import io
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.report import machine, publish

GOOD = ("Ministers meet in Vienna\nThe foreign ministers of France and Germany met in Vienna on "
        "Tuesday. \u201cWe agreed to meet again next week,\u201d the French minister said after "
        "the talks, which lasted four hours.\n")
LONG = "The envoy said the ceasefire was holding in the north of the country. "
TIMEOUT_S = 600
GIANTS_TIMEOUT_S = 120
MEMORY_LIMIT_MB = 300   # issue 20: peak memory on the gzip bomb and a 300 MB POST, above idle
_LETTERS = "etaoinshrdlucmfwypvbgk"


def prose(chars: int, seed: int) -> str:
    """``chars`` characters of sentences of random made-up words: long texts that are not near
    duplicates of each other (``LONG`` repeated would be, and is used where that is meant)."""
    rng = random.Random(seed)
    sentences, size = [], 0
    while size < chars:
        words = ("".join(rng.choice(_LETTERS) for _ in range(rng.randint(2, 9)))
                 for _ in range(12))
        sentence = " ".join(words).capitalize() + ". "
        sentences.append(sentence)
        size += len(sentence)
    return "".join(sentences)


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    build: Callable[[Path], None]  # writes the case into its (empty) folder
    expect: int | None = 1  # records it holds; None: at least one (a broken file)
    elsewhere: str | None = None  # where else its records' origins start (a feed item's link)


def _write(name: str, data: bytes | str) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        path = folder / name
        path.write_bytes(data.encode() if isinstance(data, str) else data)
    return build


def _jsonl(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def _csv(rows: list[list[str]], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode()


def _gzip_bomb(name: str, megabytes: int, head: bytes = b"", tail: bytes = b"") -> Callable:
    def build(folder: Path) -> None:
        zeros = b"\0" * (1 << 20)
        with gzip.open(folder / name, "wb", compresslevel=9) as out:
            out.write(head)
            for _ in range(megabytes):
                out.write(zeros)
            out.write(tail)
    return build


def _warc(records: list[tuple[str, str, bytes, str]]) -> bytes:
    """A WARC of ``(type, url, payload, content type)`` records, written by warcio."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for kind, url, payload, mime in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", mime)], protocol="HTTP/1.0")
        record = writer.create_warc_record(url, kind, payload=io.BytesIO(payload),
                                           http_headers=headers if kind == "response" else None)
        writer.write_record(record)
    return out.getvalue()


PAGE = (b"<!DOCTYPE html><html><head><title>Talks in Vienna</title></head><body><article><h1>"
        b"Talks in Vienna</h1><p>" + GOOD.encode() * 3 + b"</p></article></body></html>")
GOOD_WARC = _warc([("response", "http://example.org/a", PAGE, "text/html")])


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "pipe.txt")


def _socket(folder: Path) -> None:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "server.sock"))
    sock.close()  # the socket file stays


def _link(name: str, target: str) -> Callable[[Path], None]:
    return lambda folder: (folder / name).symlink_to(target)


def _loop(folder: Path) -> None:
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")


def _folder_loop(folder: Path) -> None:
    (folder / "sub").mkdir()
    (folder / "sub" / "story.txt").write_text(GOOD)
    (folder / "sub" / "back").symlink_to(folder)


def _mode(name: str, data: str, mode: int) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        (folder / name).write_text(data)
        (folder / name).chmod(mode)
    return build


def _locked_folder(folder: Path) -> None:
    (folder / "inner").mkdir()
    (folder / "inner" / "story.txt").write_text(GOOD)
    (folder / "inner").chmod(0)


def _raw_name(name: bytes) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        with open(os.fsencode(folder) + b"/" + name, "wb") as out:
            out.write(GOOD.encode())
    return build


def _nested_html(depth: int) -> bytes:
    return b"<html><body>" + b"<div>" * depth + GOOD.encode() * 3 + b"</div>" * depth + \
        b"</body></html>"


LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                    for i in range(1, 10))
          + ']><rss><channel><item><title>&lol9;</title><description>&lol9;</description>'
          '</item></channel></rss>')
XXE = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel>'
       '<item><title>x</title><description>&x;</description></item></channel></rss>')


def cases() -> list[Case]:
    """The bad inputs, each with what it is (the list in docs/benchmarks.md)."""
    rss_item = ("<item><title>{t}</title><link>http://127.0.0.1:9/{t}</link>"
                "<description>teaser</description></item>")
    return [
        # --- plain text -----------------------------------------------------------------------
        Case("empty-txt", "empty .txt", _write("e.txt", b"")),
        Case("blank-txt", "only spaces and newlines", _write("b.txt", b"  \n\n\t \r\n")),
        Case("nul-txt", "binary with NUL bytes as .txt", _write("n.txt", b"\0\1\2abc\0" * 100)),
        Case("random-txt", "random bytes as .txt", _write("r.txt", os.urandom(4096))),
        Case("utf16-truncated", "UTF-16 BOM and truncated data (issue 20 repro)",
             _write("u.txt", b"\xff\xfe\x00\x00garbage\x00\x01")),
        Case("bom-only", "a UTF-8 BOM and nothing else", _write("bom.txt", codecs.BOM_UTF8)),
        Case("utf16-good", "a real UTF-16 text with its BOM", _write("u16.txt",
                                                                    GOOD.encode("utf-16"))),
        Case("bad-utf8", "UTF-8 with stray invalid bytes", _write(
            "bad8.txt", GOOD.encode()[:60] + b"\xff\xfe" + GOOD.encode()[60:] + b"\xc3")),
        Case("cp1252", "a cp1252 (legacy) text", _write("cp.txt", (
            "Le ministre a d\u00e9clar\u00e9 que la r\u00e9union \u00e9tait termin\u00e9e \u00e0 "
            "Gen\u00e8ve apr\u00e8s quatre heures de n\u00e9gociations.\n" * 3).encode("cp1252"))),
        Case("cesu-surrogates", "surrogates encoded in UTF-8 bytes (CESU-8)", _write(
            "cesu.txt", GOOD.encode() + b"\xed\xa0\x80\xed\xb0\x80")),
        Case("nul-inside-utf8", "valid UTF-8 with NUL characters inside", _write(
            "nul8.txt", GOOD.replace("met", "met\0").encode())),
        Case("control-chars", "only control characters", _write("cc.txt", bytes(range(1, 32)) *
                                                                 20)),
        Case("title-only", "a title line and nothing else", _write("t.txt", "Just a title\n")),
        Case("over-nlp-limit", "1.2 MB text (over spaCy's 1,000,000 characters; issue 20 repro)",
             _write("long.txt", "Long report\n" + prose(1_200_000, 1))),
        Case("over-size-limit", "21 MB text (over the 20 MB record limit)",
             _write("huge.txt", b"word " * 4_200_000)),
        Case("one-long-line", "1 MB text without a newline", _write("line.txt", b"a" * 1_000_000)),
        # --- names and the file system ----------------------------------------------------------
        Case("escape-name", "file name with terminal escape sequences",
             _write("news\x1b[2J\x1b]0;owned\x07.txt", GOOD)),
        Case("newline-name", "file name with a newline", _write("two\nlines.txt", GOOD)),
        Case("bidi-name", "file name with a right-to-left override", _write("abc\u202etxt.txt",
                                                                           GOOD)),
        Case("non-utf8-name", "file name that is not UTF-8", _raw_name(b"caf\xe9.txt")),
        Case("long-name", "255-byte file name", _write("n" * 251 + ".txt", GOOD)),
        Case("unsupported", "unsupported types (.docx, .pdf, no suffix)", lambda f: [
            (f / n).write_bytes(b"PK\3\4 not really") for n in ("a.docx", "b.pdf", "README")],
            expect=3),
        Case("fifo", "a FIFO in a folder (used to vanish)", _fifo),
        Case("socket", "a Unix socket in a folder", _socket),
        Case("dangling-link", "a link to nothing", _link("gone.txt", "/nonexistent/x.txt")),
        Case("link-loop", "two links pointing at each other", _loop, expect=2),
        Case("folder-loop", "a link back to a parent folder", _folder_loop, expect=2),
        Case("dev-zero", "a link to /dev/zero named .txt (endless)", _link("zero.txt",
                                                                          "/dev/zero")),
        Case("dev-urandom", "a link to /dev/urandom named .html", _link("rand.html",
                                                                        "/dev/urandom")),
        Case("chmod-000-file", "a file without read permission", _mode("locked.txt", GOOD, 0)),
        Case("chmod-000-folder", "a folder without permissions", _locked_folder),
        # --- HTML ------------------------------------------------------------------------------
        Case("gzip-bomb", "1 MB .html.gz expanding to 1 GB (issue 20 repro)", _gzip_bomb(
            "bomb.html.gz", 1024, b"<html><body><p>", b"</p></body></html>")),
        Case("corrupt-gzip", "garbage named .html.gz", _write("c.html.gz", b"\x1f\x8b" +
                                                               os.urandom(500))),
        Case("truncated-gzip", "a gzipped page cut in half", _write(
            "t.html.gz", gzip.compress(PAGE)[: len(gzip.compress(PAGE)) // 2])),
        Case("empty-html", "empty .html", _write("e.html", b"")),
        Case("nul-html", "binary named .html", _write("n.html", b"\0" * 100 + PAGE)),
        Case("jpeg-html", "a JPEG named .html", _write("img.html", b"\xff\xd8\xff\xe0" +
                                                        os.urandom(3000))),
        Case("wrong-charset", "a UTF-8 page declaring windows-1251", _write(
            "w.html", PAGE.replace(b"<head>", b'<head><meta charset="windows-1251">'))),
        Case("deep-nesting", "HTML nested 100,000 levels deep", _write("deep.html",
                                                                       _nested_html(100_000))),
        Case("script-only", "a page with only scripts", _write(
            "s.html", b"<html><body><script>" + b"alert(1);" * 1000 + b"</script></body></html>")),
        Case("unclosed-tags", "a page of unclosed tags", _write("u.html", b"<p><b><i>" * 5000)),
        # --- JSON Lines ------------------------------------------------------------------------
        Case("jsonl-mixed", "JSON Lines with broken, non-object and text-less lines", _write(
            "m.jsonl", _jsonl('{"text": broken', "[1, 2]", '"a string"', "null",
                              '{"title": "no text"}', json.dumps({"text": GOOD}))), expect=6),
        Case("jsonl-deep", "a JSON line nested 100,000 levels", _write(
            "deep.jsonl", _jsonl("[" * 100_000 + "]" * 100_000, json.dumps({"text": GOOD}))),
            expect=2),
        Case("jsonl-types", "text fields that are numbers, lists, objects", _write(
            "types.jsonl", _jsonl('{"text": 12345}', '{"text": ["a", "b"]}',
                                  '{"text": {"x": 1}}', '{"text": true}')), expect=4),
        Case("jsonl-surrogates", "lone surrogates in JSON strings", _write(
            "sur.jsonl", _jsonl(json.dumps({"text": GOOD + "\ud800", "title": "t\udfff",
                                            "author": "\ud83d"}))), expect=1),
        Case("jsonl-nul", "NUL characters in JSON strings", _write(
            "nul.jsonl", _jsonl(json.dumps({"text": GOOD + "\0\0", "title": "a\0b"})))),
        Case("jsonl-5mb", "a JSON line with a 5 MB text field", _write(
            "big.jsonl", _jsonl(json.dumps({"text": prose(5_000_000, 2)})))),
        Case("jsonl-no-newline", "21 MB JSON line without a newline", _write(
            "huge.jsonl", b'{"text": "' + b"x" * 21_000_000)),
        Case("jsonl-empty", "a .jsonl of blank lines", _write("e.jsonl", b"\n\n  \n")),
        Case("jsonl-latin1", "a JSON line in Latin-1", _write(
            "l1.jsonl", _jsonl('{"text": "caf\u00e9 cr\u00e8me"}').decode().encode("latin-1"))),
        # --- CSV / TSV -------------------------------------------------------------------------
        Case("csv-5mb", "a CSV row with a 5 MB text field (issue 20 repro)", _write(
            "big.csv", _csv([["title", "text"], ["Big", prose(5_000_000, 3)], ["Small", GOOD]])),
            expect=2),
        Case("csv-over-limit", "a CSV field over the 20 MB limit", _write(
            "huge.csv", _csv([["text"], ["y" * 21_000_000], [GOOD]])), expect=None),
        Case("csv-no-text", "a CSV without a text column", _write(
            "nt.csv", _csv([["a", "b"], ["1", "2"]]))),
        Case("csv-header-only", "a CSV with a header and no rows",
             _write("h.csv", b"text,title\n")),
        Case("csv-unclosed-quote", "a CSV with an unclosed quote", _write(
            "q.csv", b'text,title\n"' + GOOD.encode() + b",x\n"), expect=None),
        Case("csv-nul", "a CSV with NUL bytes", _write("nul.csv", b"text\n" + b"ab\0cd\n" * 3),
             expect=None),
        Case("tsv-ragged", "a TSV with ragged rows", _write(
            "r.tsv", b"text\ttitle\n" + GOOD.encode().replace(b"\n", b" ") + b"\tt\textra\n"
            + b"short\n"), expect=2),
        Case("csv-utf16", "a CSV in UTF-16", _write(
            "u.csv", _csv([["text"], [GOOD]]).decode().encode("utf-16"))),
        # --- web archives ----------------------------------------------------------------------
        Case("warc-truncated", "a WARC cut in the middle of a record", _write(
            "t.warc", GOOD_WARC + GOOD_WARC[: len(GOOD_WARC) // 2]), expect=2),
        Case("warc-not", "text named .warc", _write("n.warc", GOOD)),
        Case("warc-gz-garbage", "garbage named .warc.gz", _write("g.warc.gz", b"\x1f\x8b" +
                                                                  os.urandom(800))),
        Case("warc-revisit", "a WARC holding only a revisit record", _write(
            "rv.warc", _warc([("revisit", "http://example.org/r", b"", "text/html")])),
            expect=None),
        Case("warc-image", "a WARC holding an image response", _write(
            "img.warc", _warc([("response", "http://example.org/i.png", os.urandom(500),
                                "image/png")]))),
        Case("warc-bomb", "a .warc.gz whose page expands to 1 GB",
             lambda folder: (folder / "bomb.warc.gz").write_bytes(_gz_warc_bomb())),
        # --- feeds and sitemaps ----------------------------------------------------------------
        Case("rss-malformed", "an RSS feed cut off (the item read, then the break)", _write(
            "m.rss", b"<rss><channel><item><title>x</title><description>" + GOOD.encode()),
            expect=2),
        Case("rss-empty", "an RSS feed with no items", _write("e.rss", b"<rss><channel>"
                                                               b"</channel></rss>")),
        Case("rss-dead-links", "items whose links cannot be fetched (closed local port)", _write(
            "d.rss", ("<rss><channel>" + "".join(rss_item.format(t=f"a{i}") for i in range(3))
                      + "</channel></rss>").encode()), expect=3, elsewhere="http://127.0.0.1:9/"),
        Case("billion-laughs", "an XML entity bomb as a feed", _write("lol.rss", LAUGHS),
             expect=None),
        Case("xxe", "an RSS item reading /etc/passwd through an entity", _write("x.rss", XXE),
             expect=None),
        Case("feed-gz-bomb", "a gzipped .xml feed expanding to 1 GB", _gzip_bomb(
            "bomb.xml", 1024, b"<rss><channel><item><description>",
            b"</description></item></channel></rss>")),
        Case("sitemap-garbage", "a sitemap of garbage", _write("s.xml", b"<urlset>" +
                                                               os.urandom(300))),
        Case("xml-not-feed", "an .xml file that is no feed", _write("n.xml", b"<a><b/></a>")),
    ]


def _gz_warc_bomb() -> bytes:
    """A gzipped WARC whose one HTML response is 1 GB of spaces (a few MB compressed)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    class Spaces(io.RawIOBase):
        def __init__(self, size: int) -> None:
            self.left = size

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            n = min(len(buffer), self.left)
            buffer[:n] = b" " * n
            self.left -= n
            return n

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    size = 1 << 30
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
    record = writer.create_warc_record("http://example.org/bomb", "response",
                                       payload=io.BufferedReader(Spaces(size)), length=size,
                                       http_headers=headers)
    writer.write_record(record)
    return out.getvalue()


# --- running the CLI --------------------------------------------------------------------------

@dataclass
class Run:
    seconds: float
    code: int | None  # None: killed at the time limit
    out: str
    peak_mb: float

    @property
    def crashed(self) -> bool:
        return self.code is None or self.code < 0 or "Traceback" in self.out


# runs the command given after it and prints its own peak RSS (of its waited children: the
# command alone) as the last line, so that each run's peak is its own
_MEASURE = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
            "print(f'peak_kb={resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}'); "
            "sys.exit(code)")
DRAGOMAN = str(Path(sys.executable).with_name("dragoman"))


def dragoman(args: list[str], db: Path, stdin: bytes | None = None,
             timeout: int = TIMEOUT_S) -> Run:
    """``dragoman ARGS --db DB`` in a child process: time, exit code, output, peak RSS."""
    command = [sys.executable, "-c", _MEASURE, DRAGOMAN, *args, "--db", str(db), "--no-progress"]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdin=subprocess.PIPE if stdin is not None else
                             subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             start_new_session=True)
    try:
        out, _ = child.communicate(stdin, timeout=timeout)
        code = child.returncode
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)  # the measuring process and the ingest under it
        out, _ = child.communicate()
        code = None
    text = out.decode("utf-8", "replace")
    peak = next((int(line[8:]) for line in reversed(text.splitlines())
                 if line.startswith("peak_kb=")), 0)
    return Run(time.perf_counter() - started, code, text, peak / 1024)


def stored(db: Path) -> list[str]:
    """The origin of every article (duplicates too) and reject in the record."""
    origins = []
    for table in ("articles", "rejects"):
        answer = subprocess.run([DRAGOMAN, "export", table,
                                 "--format", "jsonl", "--db", str(db)], capture_output=True,
                                check=True)
        origins += [json.loads(line)["origin"] for line in answer.stdout.splitlines() if line]
    return origins


def _shown(folder: Path) -> str:
    """How a folder's path looks once stored (``storable``: non-UTF-8 bytes escaped)."""
    return str(folder).encode("utf-8", "backslashreplace").decode("utf-8")


def account(all_cases: list[Case], root: Path, origins: list[str]) -> list[dict]:
    rows = []
    for number, case in enumerate(all_cases, start=1):
        prefix = _shown(root / f"{number:02d}-{case.name}") + "/"
        found = sum(origin.startswith(prefix) or bool(case.elsewhere and origin.startswith(
            case.elsewhere)) for origin in origins)
        ok = found == case.expect if case.expect is not None else found >= 1
        rows.append({"case": case.name, "what": case.what, "expect": case.expect, "found": found,
                     "ok": ok})
    return rows


def _peak_of(args: list[str], folder: Path, name: str) -> Run:
    return dragoman(["ingest", *args], folder / f"{name}.duckdb")


def run(write: bool = True) -> int:
    all_cases = cases()
    with tempfile.TemporaryDirectory(prefix="dragoman-chaos-") as tmp:
        tmp_path = Path(tmp)
        root = tmp_path / "cases"
        root.mkdir()
        for number, case in enumerate(all_cases, start=1):
            folder = root / f"{number:02d}-{case.name}"
            folder.mkdir()
            case.build(folder)
        good = tmp_path / "good"
        good.mkdir()
        (good / "story.txt").write_text(GOOD)
        baseline = _peak_of([str(good)], tmp_path, "baseline")
        db = tmp_path / "chaos.duckdb"
        first = dragoman(["ingest", str(root), str(good)], db)
        again = dragoman(["ingest", str(root), str(good)], db)
        origins = stored(db)
        rows = account(all_cases, root, origins)
        extra = _extra_runs(tmp_path, baseline)
        bomb = _bomb_alone(tmp_path)
        for path in root.rglob("*"):  # give the locked ones back their permissions
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
    publish("chaos", _markdown(rows, first, again, extra, baseline, bomb), write)
    failed = [r for r in rows if not r["ok"]] + [r for r in extra if not r["ok"]]
    too_big = bomb.peak_mb - baseline.peak_mb >= MEMORY_LIMIT_MB
    return 1 if failed or first.crashed or again.crashed or too_big else 0


def _extra_runs(tmp_path: Path, baseline: Run) -> list[dict]:
    """Cases that need a run of their own: a FIFO named on the command line, stdin garbage."""
    rows = []
    fifo = tmp_path / "named.txt"
    os.mkfifo(fifo)
    db = tmp_path / "fifo.duckdb"
    named = dragoman(["ingest", str(fifo)], db)
    found = sum(o == str(fifo) for o in stored(db)) if db.exists() else 0
    rows.append({"case": "fifo-named", "what": "dragoman ingest FIFO (used to hang)",
                 "expect": 1, "found": found, "ok": found == 1 and not named.crashed,
                 "run": named})
    giants = tmp_path / "giants"
    giants.mkdir()
    for number in (1, 2):
        (giants / f"copy{number}.txt").write_text(LONG * 17_000 + f"Copy {number}.")
    db = tmp_path / "giants.duckdb"
    run_giants = dragoman(["ingest", str(giants)], db, timeout=GIANTS_TIMEOUT_S)
    found = len(stored(db)) if db.exists() and not run_giants.crashed else 0
    rows.append({"case": "near-duplicate-giants", "what": "two near-identical 1.2 MB texts "
                 f"(run alone, {GIANTS_TIMEOUT_S} s limit)", "expect": 2, "found": found,
                 "ok": found == 2 and not run_giants.crashed, "run": run_giants})
    db = tmp_path / "stdin.duckdb"
    piped = dragoman(["ingest", "-", "--stdin-format", "text"], db, stdin=b"\xff\xfe\0\0" +
                     os.urandom(2000))
    found = sum(o == "-" for o in stored(db)) if db.exists() else 0
    rows.append({"case": "stdin-garbage", "what": "random bytes on standard input", "expect": 1,
                 "found": found, "ok": found == 1 and not piped.crashed, "run": piped})
    return rows


def _bomb_alone(tmp_path: Path) -> Run:
    folder = tmp_path / "bomb"
    folder.mkdir()
    _gzip_bomb("bomb.html.gz", 1024, b"<html><body><p>", b"</p></body></html>")(folder)
    return _peak_of([str(folder)], tmp_path, "bomb")


def _markdown(rows: list[dict], first: Run, again: Run, extra: list[dict], baseline: Run,
              bomb: Run) -> str:
    all_rows = rows + extra
    expected = sum(r["expect"] or 1 for r in all_rows)  # a ≥1 case counts one
    found = sum(min(r["found"], r["expect"] or 1) for r in all_rows)
    crashes = sum(run.crashed for run in (first, again, *(r["run"] for r in extra)))
    lines = [
        "## Chaos: bad input",
        "",
        f"`python -m bench chaos` ({machine()}): {len(all_rows)} kinds of bad input through the "
        "real `dragoman ingest` CLI, all but three in one folder beside a good article (one "
        "run, then the same run again); a FIFO named on the command line, garbage on standard "
        "input and two near-identical 1.2 MB texts run alone (the last because the "
        "near-duplicate check, `dedupe/near.py`, aligns words with difflib, which is "
        "quadratic: it reads the first 5,000 words of each text, and the case gets "
        f"{GIANTS_TIMEOUT_S} s). *Records* are the articles, "
        "duplicates and rejects the store holds for each case; a broken file whose record "
        "count is not defined (`≥1`) must give at least one.",
        "",
        "| measure | value |",
        "| --- | --- |",
        f"| kinds of bad input | {len(all_rows)} |",
        f"| records expected / accounted for (a `≥1` case counts 1) | {expected} / {found} |",
        f"| cases not accounted for | {sum(not r['ok'] for r in all_rows)} |",
        f"| crashes (traceback, killed, over the time limit) | {crashes} |",
        f"| first run | exit {first.code}, {first.seconds:.0f} s, peak RSS "
        f"{first.peak_mb:.0f} MB |",
        f"| rerun of the same folder | exit {again.code}, {again.seconds:.0f} s; "
        f"{_summary(again.out)} |",
        f"| gzip bomb (1 MB → 1 GB) alone: peak RSS above the same ingest of one good article "
        f"(limit +{MEMORY_LIMIT_MB} MB) | {bomb.peak_mb - baseline.peak_mb:+.0f} MB "
        f"({bomb.peak_mb:.0f} MB against {baseline.peak_mb:.0f} MB) |",
        "",
        "| # | case | what | expected | records | ok |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for number, row in enumerate(all_rows, start=1):
        expect = "≥1" if row["expect"] is None else row["expect"]
        lines.append(f"| {number} | {row['case']} | {row['what']} | {expect} | {row['found']} | "
                     f"{'yes' if row['ok'] else '**no**'} |")
    return "\n".join(lines)


def _summary(out: str) -> str:
    return next((line.strip() for line in out.splitlines() if line.startswith("Read ")), "?")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench chaos", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-write", action="store_true",
                        help="print the table without writing docs/benchmarks.md")
    parser.add_argument("--part", choices=("all", "bad-input", "live"), default="all")
    parser.add_argument("--articles", type=int, default=600,
                        help="rows ingested while clients browse (--part live)")
    parser.add_argument("--resume-articles", type=int, default=150,
                        help="rows of the kill -9 and resume runs (--part live)")
    args = parser.parse_args(argv)
    failed = 0
    if args.part in ("all", "bad-input"):
        failed |= run(write=not args.no_write)
    if args.part in ("all", "live"):
        failed |= run_live(args.articles, args.resume_articles, write=not args.no_write)
    return failed


def run_live(articles: int, resume_articles: int, write: bool = True) -> int:
    from bench import chaos_live

    with tempfile.TemporaryDirectory(prefix="dragoman-chaos-live-") as tmp:
        text, held = chaos_live.run(Path(tmp), articles, resume_articles)
    publish("chaos-live", text, write)
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
