"""Scale: a reproducible synthetic corpus of N articles, and ``dragoman ingest`` over it.

The corpus is ``bench.synthetic.expand`` (random sentences of the real corpora with names,
numbers, 70% of the long and 30% of the short words swapped, 10% edited copies of recent articles: the
dedupe benchmark's generator), seeded, written as JSONL with a
title and a date so it goes through the real reader. Nothing of it is kept in the repository.

    python -m bench scale --n 100000 --out corpus.jsonl   # only write the corpus
    python -m bench scale                                 # 10k and 100k, reduced pipeline
    python -m bench scale --sizes 1000,5000 --nlp         # the whole pipeline

The reduced pipeline is the local runner's default pipeline without the NLP stages (clean,
exact and near dedupe, passage reuse, DuckDB writes): at ~10 articles/s on two cores the whole
pipeline would need hours for 100k articles. Each size runs in its own process; peak memory is
the PSS of that process and its workers.
"""
from __future__ import annotations

import argparse
import datetime
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.dedupe import duckdb_memory_mb
from bench.report import machine, publish
from bench.synthetic import expand, load_corpora
from bench.throughput import PeakMemory, _load


def write_corpus(n: int, path: Path, seed: int = 0) -> Path:
    """``n`` synthetic articles as JSONL (text, title, published), the same for the same seed."""
    docs = [d for docs in load_corpora().values() for d in docs]
    rng, start = random.Random(seed), datetime.date(2016, 1, 1)
    with open(path, "w", encoding="utf-8") as out:
        for number, text in enumerate(expand(docs, n, seed=seed)):
            title = " ".join(text.split()[:8])
            published = start + datetime.timedelta(days=rng.randrange(3650))
            out.write(json.dumps({"title": title, "text": text, "published": str(published),
                                  "url": f"https://synthetic.example/{seed}/{number}"}) + "\n")
    return path


def reduced_pipeline(store, settings):
    """The default pipeline's stages up to and including passage reuse (no NLP)."""
    from dragoman.pipeline import Pipeline
    from dragoman.runners.local import default_pipeline

    class NoModel:  # default_pipeline only hands it to AnnotateStage, which is dropped
        pass

    stages = default_pipeline(store, NoModel(), settings).stages
    return Pipeline(stages[:[s.name for s in stages].index("annotate")])


def prefix(corpus: Path, n: int, path: Path) -> Path:
    """The first ``n`` articles of a corpus: the corpus ``n`` and the same seed give."""
    with open(corpus, encoding="utf-8") as source, open(path, "w", encoding="utf-8") as out:
        for _, line in zip(range(n), source):
            out.write(line)
    return path


def measure(corpus: Path, nlp: bool, workers: int) -> dict:
    from dragoman.ingest import read_inputs
    from dragoman.text import load_nlp
    from dragoman.runners import LocalRunner, default_pipeline
    from dragoman.settings import Settings
    from dragoman.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.from_env(db=str(Path(tmp) / "scale.duckdb"), n_process=workers)
        model = load_nlp(settings.model) if nlp else None
        with PeakMemory() as memory, Store(settings.db) as store:
            pipeline = (default_pipeline(store, model, settings) if nlp
                        else reduced_pipeline(store, settings))
            started = time.perf_counter()
            report = LocalRunner(store, pipeline, settings).run(read_inputs([str(corpus)], settings))
            seconds = time.perf_counter() - started
            duckdb_mb = duckdb_memory_mb(store)
        db_mb = sum(p.stat().st_size for p in Path(tmp).glob("scale.duckdb*")) / 2**20
    return {"n": report.records, "seconds": seconds, "articles": report.articles,
            "duplicates": report.duplicates, "rejects": len(report.rejects),
            "statements": report.statements, "peak_mb": memory.peak, "duckdb_mb": duckdb_mb,
            "db_mb": db_mb}


def render(results: list[dict], args: argparse.Namespace, load: str) -> str:
    what = ("the whole pipeline (clean, dedupe, reuse, spaCy, actors, statements, events, "
            "stories, writes)" if args.nlp else
            "the reduced pipeline (clean, exact + near dedupe, passage reuse, DuckDB writes; "
            "no NLP)")
    lines = ["| articles | seconds | articles/s | originals | duplicates | peak MB (PSS) | "
             "held by DuckDB at the end, MB | database file, MB |", "|---|---|---|---|---|---|---|---|"]
    lines += [f"| {r['n']:,} | {r['seconds']:.1f} | {r['n'] / r['seconds']:.1f} | "
              f"{r['articles']:,} | {r['duplicates']:,} | {r['peak_mb']:.0f} | "
              f"{r['duckdb_mb']:.0f} | {r['db_mb']:.0f} |" for r in results]
    growth = results[-1]["peak_mb"] / results[0]["peak_mb"]
    return "\n".join([
        f"Synthetic corpus (`bench/synthetic.py` `expand`: sentences of the real corpora with "
        f"names, numbers, 70% of the long and 30% of the short words swapped, 10% edited copies; seed "
        f"{args.seed}, JSONL through the reader), {what}; local runner, {args.workers} "
        f"process(es), batches of 200; "
        f"{machine()}; {load} at the start. Peak memory grows ×{growth:.2f} from "
        f"{results[0]['n']:,} to {results[-1]['n']:,} articles.", "", *lines])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench scale", description=__doc__)
    parser.add_argument("--n", type=int, help="with --out: how many articles to write")
    parser.add_argument("--out", help="write the corpus to this JSONL file and stop")
    parser.add_argument("--sizes", default="10000,100000", help="corpus sizes to ingest")
    parser.add_argument("--nlp", action="store_true", help="the whole pipeline, spaCy included")
    parser.add_argument("--workers", type=int, default=1, help="spaCy processes (with --nlp)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-write", action="store_true", help="print, do not touch docs/")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.out:
        write_corpus(args.n or 100_000, Path(args.out), args.seed)
        return 0
    if args.child:
        print(json.dumps(measure(Path(args.child), args.nlp, args.workers)))
        return 0
    load, results, sizes = _load(), [], [int(size) for size in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(max(sizes), Path(tmp) / "corpus.jsonl", args.seed)
        for n in sizes:
            part = prefix(corpus, n, Path(tmp) / f"corpus-{n}.jsonl")
            command = [sys.executable, "-m", "bench.scale", "--child", str(part),
                       "--workers", str(args.workers)] + (["--nlp"] if args.nlp else [])
            out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            results.append(json.loads(out.strip().splitlines()[-1]))
            print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    markdown = render(results, args, load)
    publish(f"scale-{'nlp' if args.nlp else 'reduced'}", markdown, write=not args.no_write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
