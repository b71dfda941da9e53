"""Chaos while running (issue 20): kill -9 during an ingest and resume; ingest while clients
browse the explorer; a 300 MB POST at an explorer with writing on.

    python -m bench chaos --part live [--articles N] [--resume-articles N] [--no-write]

- **Kill and resume**: the first ``--resume-articles`` rows of the demo CSV ingested once
  cleanly; then, for each of three points (a quarter, half and four fifths of the clean run's
  time), an ingest killed with SIGKILL at that point and run again to the end. Every table of
  each resumed record is compared with the clean one, row for row.
- **Browsing during an ingest**: ``dragoman serve`` over a record of the first 100 rows, 4
  clients requesting pages and API endpoints in a loop (for 20 s before the ingest, then
  during it), while ``dragoman ingest`` adds the next ``--articles`` rows: failed requests,
  the ingest's exit, page latency before and during, and how often the explorer saw the record
  grow.
- **A 300 MB POST** without the token, and one with it, at ``dragoman serve --allow-writes``:
  the server's peak RSS above its idle RSS.
"""
from __future__ import annotations

import csv
import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb

from bench.chaos import DRAGOMAN, MEMORY_LIMIT_MB, dragoman
from bench.web import free_port, percentile, start_server, targets

TABLES = ("sources", "articles", "rejects", "mentions", "statements", "events", "actors",
          "actor_merges", "stories", "story_state", "signatures", "fingerprints", "reuse")
KILL_POINTS = (0.25, 0.5, 0.8)
CLIENTS = 4
BASE_ROWS = 100
INGEST_TIMEOUT_S = 3600   # 600 rows on a loaded 2-core machine take over 600 s


def demo_csv() -> Path:
    from dragoman import demo
    from dragoman.settings import Settings

    return demo.fetch_corpus(Settings.from_env())


def write_rows(target: Path, first: int, count: int) -> Path:
    """Rows ``first`` .. ``first + count`` of the demo CSV, as a CSV of their own."""
    csv.field_size_limit(sys.maxsize)
    with open(demo_csv(), newline="", encoding="utf-8") as source, \
            open(target, "w", newline="", encoding="utf-8") as out:
        rows = csv.reader(source)
        writer = csv.writer(out)
        writer.writerow(next(rows))
        for number, row in enumerate(rows):
            if first <= number < first + count:
                writer.writerow(row)
    return target


def _digest(values) -> str:
    return hashlib.sha256("\n".join(sorted(repr(v) for v in values)).encode()).hexdigest()


def table_digest(db: Path) -> dict[str, dict]:
    """Per table: its rows, a digest of its rows (in any order) and one of each column's
    values, leaving out timestamps (when a row was written: a resumed run writes later)."""
    found = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for table in TABLES:
            columns = [name for name, kind in con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? ORDER BY ordinal_position", [table]).fetchall()
                if not kind.startswith("TIMESTAMP")]
            quoted = ", ".join('"' + column + '"' for column in columns)
            rows = con.execute(f"SELECT {quoted} FROM {table}").fetchall()
            found[table] = {"rows": len(rows), "all": _digest(rows),
                            "columns": {c: _digest(r[i] for r in rows)
                                        for i, c in enumerate(columns)}}
    return found


def differences(got: dict, want: dict) -> list[str]:
    """The tables whose rows differ, with the columns whose values differ."""
    found = []
    for table in TABLES:
        if got[table]["all"] == want[table]["all"]:
            continue
        columns = [c for c in want[table]["columns"]
                   if got[table]["columns"].get(c) != want[table]["columns"][c]]
        found.append(f"{table}: {got[table]['rows']} v {want[table]['rows']} rows, "
                     f"{', '.join(columns) or 'values paired differently'}")
    return found


def ingest_killed_at(csv_path: Path, db: Path, after_s: float) -> float:
    """Start ``dragoman ingest`` and kill its process group with SIGKILL after ``after_s``."""
    started = time.perf_counter()
    child = subprocess.Popen([DRAGOMAN, "ingest", str(csv_path), "--db", str(db),
                              "--no-progress", "--batch-size", "25"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    try:
        child.wait(timeout=after_s)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
    return time.perf_counter() - started


def kill_and_resume(tmp: Path, articles: int) -> list[dict]:
    corpus = write_rows(tmp / "resume.csv", 0, articles)
    clean_db = tmp / "clean.duckdb"
    clean = dragoman(["ingest", str(corpus), "--batch-size", "25"], clean_db)
    want = table_digest(clean_db)
    rows = [{"point": "clean run", "seconds": clean.seconds, "code": clean.code,
             "differ": [], "rows": sum(t["rows"] for t in want.values()), "killed_at": None}]
    for point in KILL_POINTS:
        db = tmp / f"killed-{point}.duckdb"
        killed_at = ingest_killed_at(corpus, db, clean.seconds * point)
        resumed = dragoman(["ingest", str(corpus), "--batch-size", "25"], db)
        got = table_digest(db)
        rows.append({"point": f"killed at {point:.0%}", "seconds": resumed.seconds,
                     "code": resumed.code, "killed_at": killed_at,
                     "differ": differences(got, want),
                     "rows": sum(t["rows"] for t in got.values())})
    return rows


class Browser(threading.Thread):
    """One client requesting ``urls`` in a loop until stopped: latencies, failures, and the
    article counts the overview showed."""

    def __init__(self, base: str, urls: list[str], phase: dict) -> None:
        super().__init__(daemon=True)
        self.base, self.urls, self.phase = base, urls, phase
        self.times: dict[str, list[float]] = {"before": [], "during": [], "after": []}
        self.failures: list[str] = []
        self.counts: list[int] = []
        self.stop = threading.Event()

    def run(self) -> None:
        import httpx

        with httpx.Client(base_url=self.base, timeout=60) as client:
            number = 0
            while not self.stop.is_set():
                url = self.urls[number % len(self.urls)]
                number += 1
                phase, started = self.phase["now"], time.perf_counter()
                try:
                    answer = client.get(url)
                except httpx.HTTPError as err:
                    self.failures.append(f"{url}: {err!r}")
                    continue
                self.times[phase].append((time.perf_counter() - started) * 1000)
                if answer.status_code != 200:
                    self.failures.append(f"{url}: HTTP {answer.status_code}")
                elif url == "/api/overview":
                    self.counts.append(answer.json()["counts"]["articles"])


def browse_during_ingest(tmp: Path, articles: int, idle_s: float = 20.0) -> dict:
    db = tmp / "browse.duckdb"
    base_run = dragoman(["ingest", str(write_rows(tmp / "base.csv", 0, BASE_ROWS))], db)
    more = write_rows(tmp / "more.csv", BASE_ROWS, articles)
    port = free_port()
    server = start_server(db, port)
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        with httpx.Client(base_url=base, timeout=60) as client:
            urls = [url for _, group in targets(client, samples=4) for url in group[:2]]
        urls.insert(0, "/api/overview")
        phase = {"now": "before"}
        browsers = [Browser(base, urls[i:] + urls[:i], phase) for i in range(CLIENTS)]
        for browser in browsers:
            browser.start()
        time.sleep(idle_s)
        phase["now"] = "during"
        ingest = dragoman(["ingest", str(more), "--batch-size", "50"], db,
                          timeout=INGEST_TIMEOUT_S)
        phase["now"] = "after"
        time.sleep(3)
        for browser in browsers:
            browser.stop.set()
        for browser in browsers:
            browser.join(timeout=120)
    finally:
        server.terminate()
        server.wait(timeout=30)
    times = {p: [t for b in browsers for t in b.times[p]] for p in ("before", "during", "after")}
    counts = [c for b in browsers for c in b.counts]
    return {"base": base_run, "ingest": ingest, "times": times,
            "failures": [f for b in browsers for f in b.failures],
            "counts": sorted(set(counts)), "articles": articles, "urls": len(urls)}


def rss_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def big_post(base: str, megabytes: int, token: str | None) -> int:
    import httpx

    chunk = b"x" * (1 << 20)

    def body():
        yield b'{"articles": [{"text": "'
        for _ in range(megabytes):
            yield chunk
        yield b'"}]}'

    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        return httpx.post(f"{base}/api/ingest", content=body(), headers=headers,
                          timeout=120).status_code
    except httpx.HTTPError:   # the server answered and closed before the body was sent
        return -1


def post_memory(tmp: Path, db: Path, megabytes: int = 300) -> list[dict]:
    port, token = free_port(), "chaos-token"
    command = [sys.executable, "-c", "from dragoman.cli import main; main()", "serve",
               "--db", str(db), "--port", str(port), "--allow-writes", "--token", token]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rows = []
    try:
        import httpx

        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/api/overview", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        idle = rss_kb(server.pid, "VmRSS")
        for label, sent_token in (("without the token", None), ("with the token", token)):
            status = big_post(base, megabytes, sent_token)
            peak = rss_kb(server.pid, "VmHWM")
            rows.append({"what": f"{megabytes} MB POST {label}", "status": status,
                         "idle_mb": idle / 1024, "peak_mb": peak / 1024})
    finally:
        server.terminate()
        server.wait(timeout=30)
    return rows


def _ms(values: list[float], q: float) -> str:
    return f"{percentile(values, q):.0f}" if values else "-"


def markdown(resume: list[dict], browse: dict, posts: list[dict], resume_articles: int) -> str:
    from bench.report import machine

    times, ingest = browse["times"], browse["ingest"]
    lines = [
        "### Chaos while running: kill -9, browsing during an ingest, a 300 MB POST",
        "",
        f"`python -m bench chaos --part live` ({machine()}).",
        "",
        f"**Kill -9 and resume** ({resume_articles} rows of the demo CSV, batches of 25): a "
        "clean run, then three runs killed (SIGKILL to the whole process group) at a quarter, "
        "half and four fifths of the clean run's time and run again to the end. *Tables that "
        f"differ* compares every row of {len(TABLES)} tables ({', '.join(TABLES)}) with the "
        "clean run's, timestamps (when a row was written) left out, and names the columns "
        "whose values differ.",
        "",
        "| run | killed after | resumed run | exit | rows in all tables | tables that differ |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in resume:
        killed = f"{row['killed_at']:.0f} s" if row["killed_at"] is not None else "-"
        lines.append(f"| {row['point']} | {killed} | {row['seconds']:.0f} s | {row['code']} | "
                     f"{row['rows']} | {'; '.join(row['differ']) or 'none'} |")
    lines += [
        "",
        f"**Browsing during an ingest**: `dragoman serve` over {BASE_ROWS} demo articles, "
        f"{CLIENTS} clients each requesting {browse['urls']} pages and API endpoints in a "
        "loop, 20 s before the ingest, then while `dragoman ingest --batch-size 50` adds "
        f"{browse['articles']} more rows.",
        "",
        "| measure | value |",
        "| --- | --- |",
        f"| ingest | exit {ingest.code}, {ingest.seconds:.0f} s "
        f"({browse['articles'] / max(ingest.seconds, 1e-9):.1f} rows/s) |",
        f"| requests: before / during / after | {len(times['before'])} / {len(times['during'])} "
        f"/ {len(times['after'])} |",
        f"| failed requests | {len(browse['failures'])} |",
        f"| latency p50 / p95 / max before the ingest (ms) | {_ms(times['before'], .5)} / "
        f"{_ms(times['before'], .95)} / {_ms(times['before'], 1)} |",
        f"| latency p50 / p95 / max during the ingest (ms) | {_ms(times['during'], .5)} / "
        f"{_ms(times['during'], .95)} / {_ms(times['during'], 1)} |",
        f"| article counts the overview showed | {len(browse['counts'])} distinct, "
        f"{browse['counts'][0] if browse['counts'] else '-'} → "
        f"{browse['counts'][-1] if browse['counts'] else '-'} |",
    ]
    if browse["failures"]:
        lines.append(f"| first failures | {'; '.join(browse['failures'][:3])} |")
    lines += ["", "**A 300 MB POST** at `dragoman serve --allow-writes --token T` "
              "(the server's resident memory: idle, and its peak since it started, read after "
              f"the request; the issue's limit: under +{MEMORY_LIMIT_MB} MB above idle; the "
              "gzip bomb's figure is in *Chaos: bad input*):", "",
              "| request | answer | idle RSS | peak RSS | above idle | under the limit |",
              "| --- | --- | --- | --- | --- | --- |"]
    for row in posts:
        above = row['peak_mb'] - row['idle_mb']
        lines.append(f"| {row['what']} | {row['status']} | {row['idle_mb']:.0f} MB | "
                     f"{row['peak_mb']:.0f} MB | {above:+.0f} MB | "
                     f"{'yes' if above < MEMORY_LIMIT_MB else '**no**'} |")
    return "\n".join(lines)


def run(tmp: Path, articles: int, resume_articles: int) -> tuple[str, bool]:
    """Run the three parts in ``tmp``; (markdown, whether everything held)."""
    resume = kill_and_resume(tmp, resume_articles)
    browse = browse_during_ingest(tmp, articles)
    posts = post_memory(tmp, tmp / "browse.duckdb")
    held = (all(not row["differ"] and row["code"] == 0 for row in resume)
            and not browse["failures"] and browse["ingest"].code == 0
            and all(row["peak_mb"] - row["idle_mb"] < MEMORY_LIMIT_MB for row in posts))
    return markdown(resume, browse, posts, resume_articles), held
