"""Publication dates on htmldate's evaluation set (1,000 pages), scored as htmldate scores them.

    python -m bench dates [--no-write] [--workers N]

Per page: no date found and none expected = TN, none found but one expected = FN, the
expected day = TP, anything else = FP. P = TP/(TP+FP), R = TP/(TP+FN), accuracy =
(TP+TN)/all, F = 2PR/(P+R). Runs htmldate alone (extensive search, original date: the anchor's
setting) and the whole clean stage (htmldate through trafilatura, then the text and URL
fallbacks), so the effect of the fallbacks is visible.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import time
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

from bench.report import machine, publish

EVAL = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "dates" / "htmldate-eval"
SETS = (("eval_default.json", ("eval", "cache")), ("eval_mediacloud_2020.json", ("test_set",)))


def pages() -> list[tuple[str, str, str | None]]:
    """``(url, path, expected ISO date or None)`` for every page of both sets."""
    found = []
    for name, folders in SETS:
        for url, item in json.loads((EVAL / name).read_text(encoding="utf-8")).items():
            date = item["date"] if isinstance(item["date"], str) else None
            if date is not None and date.lower() == "nan":
                date = None
            path = next((EVAL / f / f"{item['file']}.gz" for f in folders
                         if (EVAL / f / f"{item['file']}.gz").exists()), None)
            if path is not None:
                found.append((url, str(path), date))
    return found


_STATE: dict = {}


def _init() -> None:
    from dragoman.clean.language import LanguageGuesser
    from dragoman.settings import Settings

    _STATE["settings"], _STATE["languages"] = Settings(min_chars=1), LanguageGuesser()


def _dates(page: tuple[str, str, str | None]) -> tuple[str | None, str | None, str | None,
                                                         str | None, float]:
    from dataclasses import replace

    from htmldate import find_date

    from dragoman.clean.extract import DATE_PARAMS
    from dragoman.clean.stage import clean_record
    from dragoman.ingest.html import html_rawdoc
    from dragoman.model import Article

    url, path, expected = page
    raw = html_rawdoc(Path(path).name, gzip.decompress(Path(path).read_bytes()))
    raw = replace(raw, url=url)
    alone = find_date(raw.text, url=url, **DATE_PARAMS)
    started = time.perf_counter()
    article = clean_record(raw, _STATE["settings"], _STATE["languages"])
    seconds = time.perf_counter() - started
    ours = article.published if isinstance(article, Article) else None
    source = article.published_source if isinstance(article, Article) else None
    return expected, alone, ours, source, seconds


def score(pairs: list[tuple[str | None, str | None]]) -> dict:
    c = Counter()
    for expected, got in pairs:
        if got is None:
            c["tn" if expected is None else "fn"] += 1
        else:
            c["tp" if got == expected else "fp"] += 1
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    return {"precision": p, "recall": r, "accuracy": (c["tp"] + c["tn"]) / sum(c.values()),
            "f": 2 * p * r / (p + r) if p + r else 0.0, "pages": sum(c.values())}


def _row(name: str, s: dict) -> str:
    return (f"| {name} | {s['pages']} | {s['precision']:.3f} | {s['recall']:.3f} | "
            f"{s['accuracy']:.3f} | {s['f']:.3f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench dates", description=__doc__)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    if not EVAL.is_dir():
        print(f"{EVAL} not found: the benchmark data lives in ../shared")
        return 1
    with Pool(args.workers, initializer=_init) as pool:
        results = pool.map(_dates, pages(), chunksize=8)
    sources = Counter(source for *_, source, _ in results if source)
    markdown = "\n".join([
        f"{machine()}; {args.workers} worker(s); `python -m bench dates`.", "",
        "| run | pages | precision | recall | accuracy | F |", "|---|---|---|---|---|---|",
        "| htmldate 1.10.0 extensive, published (anchor) | 1000 | 0.908 | 0.993 | 0.903 | 0.949 |",
        _row("htmldate alone (our install), extensive + original date",
             score([(e, a) for e, a, *_ in results])),
        _row("dragoman clean stage (htmldate, then the text, then the URL)",
             score([(e, o) for e, _, o, *_ in results])), "",
        "Where the clean stage found its dates: " + ", ".join(
            f"{name} {count}" for name, count in sources.most_common()) + ".",
    ])
    publish("dates", markdown, write=not args.no_write)
    return 0
