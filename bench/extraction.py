"""Article-body extraction: the clean stage on real pages, scored as the benchmarks score it.

    python -m bench extraction [--check-scorer] [--no-write]

1. Zyte article-extraction-benchmark (181 pages): the metric of its evaluate.py, re-implemented
   (``\\w+`` tokens, 4-gram shingles with multiplicity, per-page tp/fp/fn normalised by their
   sum, P and R averaged over pages, F1 of the means). ``--check-scorer`` first scores the
   published outputs in ``output/*.json`` so the scorer can be compared with the published F1.
2. The same 181 pages read from ``zyte-news-181.warc.gz`` through the WARC reader.
3. trafilatura's evaluation set (990 pages): pooled substring matching of "with"/"without"
   segments (upstream ``eval_common.py``).

Each is run twice: trafilatura alone (``extract_html``) and the whole clean stage (extraction,
then repair and boilerplate removal), so the effect of our post-processing is visible.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from bench.report import machine, publish

SHARED = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"
ZYTE = SHARED / "extraction" / "zyte"
ZYTE_WARC = SHARED / "warc" / "zyte-news-181.warc.gz"
TRAF = SHARED / "extraction" / "trafilatura-eval"
_TOKEN = re.compile(r"\w+", re.UNICODE)


# --- the Zyte metric ---------------------------------------------------------------------

def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(" ".join(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i:i + n])


def page_tp_fp_fn(truth: str, prediction: str) -> tuple[float, float, float]:
    """Shingle matches of one page, normalised by their sum so every page weighs the same."""
    true, pred = shingles(truth), shingles(prediction)
    tp = fp = fn = 0
    for key in true.keys() | pred.keys():
        t, p = true.get(key, 0), pred.get(key, 0)
        tp, fp, fn = tp + min(t, p), fp + max(0, p - t), fn + max(0, t - p)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def zyte_scores(truth: dict[str, str], predicted: dict[str, str]) -> dict:
    """F1, P, R (means over pages) and accuracy (token sequence identical)."""
    rows = [page_tp_fp_fn(truth[k], (predicted.get(k) or "")) for k in truth]
    precision = statistics.mean(tp / (tp + fp) for tp, fp, _ in rows if tp + fp > 0)
    recall = statistics.mean(tp / (tp + fn) for tp, _, fn in rows if tp + fn > 0)
    exact = statistics.mean(_TOKEN.findall(truth[k]) == _TOKEN.findall((predicted.get(k) or ""))
                            for k in truth)
    return {"f1": 2 * precision * recall / (precision + recall), "precision": precision,
            "recall": recall, "accuracy": exact, "pages": len(rows)}


def zyte_truth() -> tuple[dict[str, str], dict[str, str]]:
    gold = json.loads((ZYTE / "ground-truth.json").read_text(encoding="utf-8"))
    return ({k: v["articleBody"] for k, v in gold.items()}, {k: v["url"] for k, v in gold.items()})


def check_scorer() -> list[tuple[str, dict]]:
    truth, _ = zyte_truth()
    results = []
    for path in sorted((ZYTE / "output").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        data = data.get("output", data)
        results.append((path.stem, zyte_scores(truth, {k: v.get("articleBody", "") for k, v in
                                                       data.items()})))
    return results


# --- running our code ----------------------------------------------------------------------

class Runner:
    """The clean stage, made once; ``texts`` gives both the extractor's and the stage's text."""

    def __init__(self) -> None:
        from dragoman.clean.language import LanguageGuesser
        from dragoman.settings import Settings

        self.settings, self.languages = Settings(min_chars=1), LanguageGuesser()
        self.seconds = {"extract": 0.0, "clean": 0.0}

    def texts(self, raw) -> tuple[str, str]:
        from dragoman.clean.extract import extract_html
        from dragoman.clean.stage import clean_record
        from dragoman.model import Article

        started = time.perf_counter()
        page = extract_html(raw.text, raw.url)
        middle = time.perf_counter()
        article = clean_record(raw, self.settings, self.languages)
        self.seconds["extract"] += middle - started
        self.seconds["clean"] += time.perf_counter() - middle
        return (page.text if page else "", article.text if isinstance(article, Article) else "")


def zyte_from_files(runner: Runner) -> tuple[dict, dict]:
    from dragoman.ingest.html import html_rawdoc

    truth, urls = zyte_truth()
    alone, stage = {}, {}
    for key in truth:
        data = gzip.decompress((ZYTE / "html" / f"{key}.html.gz").read_bytes())
        raw = replace(html_rawdoc(f"{key}.html", data), url=urls[key])
        alone[key], stage[key] = runner.texts(raw)
    return zyte_scores(truth, alone), zyte_scores(truth, stage)


def zyte_from_warc(runner: Runner) -> tuple[dict, dict, int]:
    from dragoman.ingest import read_inputs
    from dragoman.model import RawDoc
    from dragoman.settings import Settings

    truth, urls = zyte_truth()
    key_of = {url: key for key, url in urls.items()}
    alone, stage, records = {}, {}, 0
    for raw in read_inputs([str(ZYTE_WARC)], Settings()):
        records += 1
        if isinstance(raw, RawDoc) and raw.url in key_of:
            alone[key_of[raw.url]], stage[key_of[raw.url]] = runner.texts(raw)
    return zyte_scores(truth, alone), zyte_scores(truth, stage), records


# --- trafilatura's evaluation set ----------------------------------------------------------

def _norm(text: str) -> str:
    return " ".join(text.split())


def traf_scores(runner: Runner) -> tuple[dict, dict]:
    from dragoman.ingest.html import html_rawdoc

    data = json.loads((TRAF / "evaldata.json").read_text(encoding="utf-8"))
    counts = {"alone": Counter(), "stage": Counter()}
    for url, item in data.items():
        path = TRAF / "eval" / f"{item['file']}.gz"
        path = path if path.exists() else TRAF / "cache" / f"{item['file']}.gz"
        raw = replace(html_rawdoc(item["file"], gzip.decompress(path.read_bytes())), url=url)
        for name, text in zip(("alone", "stage"), runner.texts(raw)):
            _count_segments(counts[name], _norm(text), item)
    return _pooled(counts["alone"]), _pooled(counts["stage"])


def _count_segments(counter: Counter, text: str, item: dict) -> None:
    for segment in item.get("with", []):
        counter["tp" if _norm(segment) in text else "fn"] += 1
    for segment in item.get("without", []):
        counter["fp" if _norm(segment) in text else "tn"] += 1


def _pooled(c: Counter) -> dict:
    precision, recall = c["tp"] / (c["tp"] + c["fp"]), c["tp"] / (c["tp"] + c["fn"])
    return {"precision": precision, "recall": recall,
            "accuracy": (c["tp"] + c["tn"]) / sum(c.values()),
            "f1": 2 * precision * recall / (precision + recall)}


# --- cleaning throughput on plain text -----------------------------------------------------

def text_throughput() -> dict | None:
    """The clean stage alone over the demo corpus (plain text, no extraction), pages/s."""
    from dragoman import demo
    from dragoman.clean import CleanStage
    from dragoman.errors import DemoCorpusError
    from dragoman.model import RawDoc
    from dragoman.pipeline import Batch
    from dragoman.settings import Settings

    settings = Settings.from_env()
    try:
        records = [r for r in demo.demo_records(demo.fetch_corpus(settings), settings, full=True)
                   if isinstance(r, RawDoc)]
    except DemoCorpusError as err:  # the corpus is optional here: report and go on
        print(f"demo corpus unavailable ({err}); skipping text throughput")
        return None
    stage = CleanStage(settings)
    started = time.perf_counter()
    batch = stage.run(Batch(raw=tuple(records)))
    seconds = time.perf_counter() - started
    return {"pages": len(records), "seconds": seconds, "articles": len(batch.articles)}


def _row(name: str, s: dict) -> str:
    return (f"| {name} | {s['f1']:.3f} | {s['precision']:.3f} | {s['recall']:.3f} | "
            f"{s['accuracy']:.3f} |")


def report(scorer, files, warc, traf, runner, text) -> str:
    header = "| run | F1 | precision | recall | accuracy |\n|---|---|---|---|---|"
    lines = [f"{machine()}; `python -m bench extraction`.", ""]
    if scorer:
        lines += ["**Scorer check** (published outputs in `output/*.json`; published F1: "
                  "trafilatura 0.958, readability 0.922, news_please 0.948, goose3 0.896, "
                  "justext 0.804):", "", header]
        lines += [_row(name, s) for name, s in scorer] + [""]
    lines += ["**Zyte, 181 pages** (anchors: trafilatura 2.0.0 0.958, rs-trafilatura 0.970; "
              "goal ≥ 0.970):", "", header,
              _row("trafilatura alone (`extract_html`), from .html.gz", files[0]),
              _row("dragoman clean stage, from .html.gz", files[1]),
              _row(f"trafilatura alone, from the WARC ({warc[2]} records)", warc[0]),
              _row("dragoman clean stage, from the WARC", warc[1]), ""]
    if traf:
        lines += ["**trafilatura evaluation set, 990 pages** (pooled segments; anchor "
                  "trafilatura 2.2.0 0.924):", "", header,
                  _row("trafilatura alone (`extract_html`)", traf[0]),
                  _row("dragoman clean stage", traf[1]), ""]
    pages = files[0]["pages"] + warc[0]["pages"] + (990 if traf else 0)
    lines.append(f"**Cleaning throughput, HTML** (1 process, extraction included): "
                 f"{pages / runner.seconds['clean']:.1f} pages/s over {pages} pages "
                 f"(`extract_html` alone, trafilatura + htmldate: "
                 f"{pages / runner.seconds['extract']:.1f} pages/s).")
    if text:
        lines.append(f"\n**Cleaning throughput, plain text** (demo corpus, all {text['pages']} "
                     f"records, 1 process): {text['pages'] / text['seconds']:.0f} pages/s.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench extraction", description=__doc__)
    parser.add_argument("--check-scorer", action="store_true", help="score output/*.json first")
    parser.add_argument("--skip-trafilatura-eval", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="print, do not write the doc")
    args = parser.parse_args(argv)
    if not ZYTE.is_dir():
        print(f"{ZYTE} not found: the benchmark data lives in ../shared")
        return 1
    scorer = check_scorer() if args.check_scorer else None
    runner = Runner()
    files, warc = zyte_from_files(runner), zyte_from_warc(runner)
    traf = None if args.skip_trafilatura_eval else traf_scores(runner)
    markdown = report(scorer, files, warc, traf, runner, text_throughput())
    publish("extraction", markdown, write=not args.no_write)
    return 0
