"""Explorer latency: p50/p95 of every page and endpoint of ``dragoman serve`` on a database of
the demo corpus, measured by a load generator on loopback.

    python -m bench web [--full | --db FILE] [--requests N] [--clients C] [--no-write]

The server runs in its own process (``dragoman serve``), the load generator in this one
(httpx, one thread per client). For each endpoint: 3 warm-up requests, then ``--requests``
timed ones, cycling over several records for the record pages (stories, actors, events,
statements, articles), one client at a time; the slowest warm-up request of each row is
reported too ("first"), as the explorer keeps per-filter facets and actor pages until the
record changes (``web/memo.py``). Then a mixed phase: ``--clients`` clients at once, each
requesting the endpoints in a shuffled order, for the latency under concurrency and the
throughput. Without ``--db`` the demo corpus is ingested once into ``bench/.cache/``: the
Syria subset (``web-demo.duckdb``), or with ``--full`` all of it (3,824 records, as
``dragoman demo --full``; ``web-demo-full.duckdb``).
"""
from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.report import machine, write_section

CACHE = Path(__file__).resolve().parent / ".cache"
GOAL_MS = 200.0  # issue 21: every page and endpoint p95 < 200 ms on the full demo
SEARCH_WORDS = ("ceasefire", "aleppo", "talks", "accused")


def demo_db(path: Path, full: bool = True) -> Path:
    """The demo corpus (all of it with ``full``, else its Syria subset) ingested into
    ``path`` (once)."""
    if path.exists():
        return path
    from dragoman import api, demo
    from dragoman.settings import Settings

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part.duckdb")
    partial.unlink(missing_ok=True)
    settings = Settings.from_env(db=str(partial))
    api.ingest_records(demo.demo_records(demo.fetch_corpus(settings), settings, full=full),
                       settings)
    partial.replace(path)
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    command = [sys.executable, "-c", "from dragoman.cli import main; main()", "serve",
               "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/overview", timeout=5).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
        if server.poll() is not None:
            raise RuntimeError(f"the explorer did not start: {server.stderr.read().decode()[-500:]}")
    server.kill()
    raise RuntimeError("the explorer did not answer within 60 s")


def targets(client, samples: int = 12) -> list[tuple[str, list[str]]]:
    """(name, URLs) of every page and endpoint; record pages cycle over ``samples`` records."""
    def ids(path: str, key: str) -> list[str]:
        return [row[key] for row in client.get(path, params={"limit": samples}).json()["items"]]

    stories = ids("/api/stories?order=biggest", "story_id")
    actors = ids("/api/speakers", "actor_id")
    events = ids("/api/events?type=ACCUSE", "event_id")
    statements = ids("/api/statements?kind=direct", "statement_id")
    articles = ids("/api/articles", "article_id")
    speaker = client.get("/api/speakers", params={"limit": 1}).json()["items"][0]["speaker"]
    pairs = client.get("/api/dyads", params={"limit": 4}).json()["items"] or [
        {"source_actor_id": actors[0], "target_actor_id": actors[-1]}]
    pages = [("/", ["/"]), ("/stories", ["/stories"]),
             ("/stories/{id}", [f"/stories/{i}" for i in stories]),
             ("/actors", ["/actors"]), ("/actors/{id}", [f"/actors/{i}" for i in actors]),
             ("/statements", ["/statements"]),
             ("/statements?speaker=", [f"/statements?speaker={speaker.split()[-1]}"]),
             ("/statements/{id}", [f"/statements/{i}" for i in statements]),
             ("/events", ["/events"]), ("/events?type=ACCUSE", ["/events?type=ACCUSE"]),
             ("/events/{id}", [f"/events/{i}" for i in events]),
             ("/articles", ["/articles"]), ("/articles/{id}", [f"/articles/{i}" for i in articles]),
             ("/duplicates", ["/duplicates"]), ("/network", ["/network"]),
             ("/network?since=&until=", ["/network?since=2017-01-01&until=2017-02-28"]),
             ("/events?historical=any&min_confidence=0&sort=-confidence",
              ["/events?historical=any&min_confidence=0&sort=-confidence"]),
             ("/dyad?a=&b=", [f"/dyad?a={p['source_actor_id']}&b={p['target_actor_id']}"
                              for p in pairs]),
             ("/search?q=", [f"/search?q={w}" for w in SEARCH_WORDS]),
             ("/search?q=&scope=statements", [f"/search?q={w}&scope=statements"
                                              for w in SEARCH_WORDS]),
             ("/outlets", ["/outlets"]),
             ("/outlets?actor_id=", [f"/outlets?actor_id={i}" for i in actors[:4]]),
             ("/map", ["/map"])]
    api = [("/api/overview", ["/api/overview"]), ("/api/stories", ["/api/stories"]),
           ("/api/stories/{id}", [f"/api/stories/{i}" for i in stories]),
           ("/api/actors/{id}", [f"/api/actors/{i}" for i in actors]),
           ("/api/statements?speaker=", [f"/api/statements?speaker={speaker.split()[-1]}"]),
           ("/api/events?type=ACCUSE", ["/api/events?type=ACCUSE"]),
           ("/api/events/{id}", [f"/api/events/{i}" for i in events]),
           ("/api/events/over-time", ["/api/events/over-time"]),
           ("/api/articles/{id}", [f"/api/articles/{i}" for i in articles]),
           ("/api/network", ["/api/network"]),
           ("/api/events/export?format=csv", ["/api/events/export?format=csv"]),
           ("/api/events/facets", ["/api/events/facets"]),
           ("/api/events/facets?historical=any&min_confidence=0",
            ["/api/events/facets?historical=any&min_confidence=0"]),
           ("/api/statements/facets", ["/api/statements/facets"]),
           ("/api/search?q=&scope=events", [f"/api/search?q={w}&scope=events"
                                            for w in SEARCH_WORDS]),
           ("/api/dyad?a=&b=", [f"/api/dyad?a={p['source_actor_id']}&b={p['target_actor_id']}"
                                for p in pairs])]
    return pages + api


def timed(client, url: str) -> tuple[float, int]:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url}: HTTP {response.status_code}")
    return elapsed, len(response.content)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) the process ``pid`` has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def per_endpoint(client, plan, requests: int, server_pid: int) -> list[dict]:
    """Per row: the slowest warm-up, p50/p95/max of the timed requests, and the server's CPU
    milliseconds per timed request (steady on a loaded machine, where wall times are not)."""
    results = []
    for name, urls in plan:
        first = max(timed(client, url)[0] for url in (urls * 3)[:3])
        times, size = [], 0
        cpu = cpu_seconds(server_pid)
        for i in range(requests):
            elapsed, size = timed(client, urls[i % len(urls)])
            times.append(elapsed)
        cpu = (cpu_seconds(server_pid) - cpu) * 1000 / requests
        results.append({"name": name, "first": first, "cpu": cpu, "p50": statistics.median(times),
                        "p95": percentile(times, 0.95), "max": max(times), "bytes": size})
    return results


def mixed(base: str, plan, clients: int, rounds: int) -> dict:
    """``clients`` threads at once, each going through every URL ``rounds`` times, shuffled."""
    import httpx

    urls = [url for _, group in plan for url in group[:4]]
    times: list[float] = []
    lock = threading.Lock()

    def worker(seed: int) -> None:
        mine = urls * rounds
        random.Random(seed).shuffle(mine)
        with httpx.Client(base_url=base, timeout=60) as client:
            for url in mine:
                elapsed, _ = timed(client, url)
                with lock:
                    times.append(elapsed)

    start = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    return {"requests": len(times), "p50": statistics.median(times),
            "p95": percentile(times, 0.95), "max": max(times), "rps": len(times) / wall}


def report(db: Path, counts: dict, results: list[dict], load: dict, clients: int,
           requests: int, loadavg: float) -> str:
    slow = [r["name"] for r in results if r["p95"] >= GOAL_MS and "/export" not in r["name"]]
    rows = "\n".join(f"| `{r['name']}` | {r['first']:.1f} | {r['p50']:.1f} | {r['p95']:.1f} | "
                     f"{r['max']:.1f} | {r['cpu']:.1f} | {r['bytes'] / 1024:.0f} |"
                     for r in results)
    verdict = ("every page and endpoint under the goal" if not slow else
               f"over the goal: {', '.join(f'`{s}`' for s in slow)}")
    return f"""## Explorer latency: `python -m bench web`

`dragoman serve` on `{db.name}` ({counts['articles']} articles, {counts['statements']}
statements, {counts['events']} events, {counts['actors']} actors), load generated on loopback
by another process (httpx). One client: 3 warm-up requests ("first": the slowest of them),
then {requests} timed requests per row (record pages cycle over up to 12 records); "CPU ms":
the server's CPU time per timed request. Goal: p95 < {GOAL_MS:.0f} ms; {verdict}.

| page or endpoint | first ms | p50 ms | p95 ms | max ms | CPU ms | KiB |
|---|---:|---:|---:|---:|---:|---:|
{rows}

Mixed load, {clients} clients at once over all of the above (shuffled): {load['requests']}
requests, p50 {load['p50']:.1f} ms, p95 {load['p95']:.1f} ms, max {load['max']:.1f} ms,
{load['rps']:.0f} requests/s.

Machine: {machine()}; load average {loadavg:.1f} when the run started (the machine is shared,
so the tail is noisy). `/api/events/export` is a download of every event as CSV, not a page:
it is listed for its time, not held to the goal.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench web", description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="an existing database (default: the demo corpus)")
    parser.add_argument("--full", action="store_true",
                        help="the whole demo corpus, not its Syria subset (without --db)")
    parser.add_argument("--requests", type=int, default=40, help="timed requests per row")
    parser.add_argument("--clients", type=int, default=4, help="clients in the mixed phase")
    parser.add_argument("--rounds", type=int, default=2, help="passes per client, mixed phase")
    parser.add_argument("--no-write", action="store_true", help="print, do not touch docs/")
    args = parser.parse_args(argv)
    import httpx

    from dragoman.store import Store, reads

    db = args.db or (demo_db(CACHE / "web-demo-full.duckdb") if args.full else
                     demo_db(CACHE / "web-demo.duckdb", full=False))
    with Store(str(db), read_only=True) as store:
        counts = reads.counts(store)
    port, loadavg = free_port(), os.getloadavg()[0]
    server = start_server(db, port)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            plan = targets(client)
            results = per_endpoint(client, plan, args.requests, server.pid)
        load = mixed(base, plan, args.clients, args.rounds)
    finally:
        server.terminate()
        server.wait(10)
    text = report(db, counts, results, load, args.clients, args.requests, loadavg)
    print(text)
    if not args.no_write:
        write_section("web", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
