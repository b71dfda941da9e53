"""Timeline summarisation on Timeline17 (the 7 topics whose articles are in ../shared).

    python -m bench timelines [--topics egypt,mj] [--no-write]

The standard protocol (news-tls): per gold timeline, ``l`` = its number of dates and ``k`` = its
mean number of sentences per date (rounded, at least 1); only articles published inside the
timeline's date range are read (news-tls's default: no extension) and the system's dates lie
in that range; only sentences containing a topic keyword may be chosen. Scores by our own
implementation of the tilse measures (``dragoman.stories.metrics``): alignment-based ROUGE-1/2
F1 (align+ m:1) and Date-F1; dataset score = P and R averaged over timelines, F1 from the
averages. Nothing here is tuned on T17:
``dragoman.stories.summarise.timeline`` runs with its defaults.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import time
from pathlib import Path

from bench.report import machine, publish
from dragoman.stories.metrics import Rouge, align_rouge, average, date_f1
from dragoman.stories.summarise import Doc, timeline

SHARED = Path(__file__).resolve().parents[2] / "shared"
T17 = SHARED / "benchmarks/stories/t17"
EXTENSION_DAYS = 0  # news-tls evaluate.py default: articles inside the gold range
# our keyword lists (T17's own keyword files are not in ../shared)
KEYWORDS = {
    "egypt": ("egypt", "egyptian", "mubarak", "cairo"),
    "finan": ("financial", "bank", "crisis", "lehman", "wall street", "bailout"),
    "h1n1": ("h1n1", "swine", "flu", "influenza"),
    "haiti": ("haiti", "haitian", "earthquake", "port-au-prince"),
    "iraq": ("iraq", "iraqi", "baghdad"),
    "libya": ("libya", "libyan", "gadhafi", "gaddafi", "qaddafi", "tripoli"),
    "mj": ("jackson", "michael"),
}
ANCHOR = {"name": "DATEWISE (news-tls, all 9 T17 topics)", "ar1_f": 0.120, "ar2_f": 0.035,
          "date_f1": 0.544}


def read_gold(path: Path) -> dict[dt.date, list[str]]:
    """A tilse/Timeline17 timeline file: a date line, its sentences, a dashed line."""
    gold: dict[dt.date, list[str]] = {}
    day = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("-----"):
            day = None
        elif day is None:
            day = dt.date.fromisoformat(line[:10])
            gold.setdefault(day, [])
        else:
            gold[day].append(line)
    return {d: s for d, s in gold.items() if s}


def read_articles(topic: str) -> list[Doc]:
    path = T17 / "articles" / f"{topic}.articles.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    return [Doc(r["id"], r["text"], None, dt.date.fromisoformat(r["time"])) for r in rows]


def run_task(docs: list[Doc], gold: dict, keywords: tuple[str, ...], rouge: Rouge) -> dict:
    dates = sorted(gold)
    start = dates[0] - dt.timedelta(days=EXTENSION_DAYS)
    end = dates[-1] + dt.timedelta(days=EXTENSION_DAYS)
    inside = [d for d in docs if start <= d.published <= end]
    length = len(dates)
    per_date = max(1, round(sum(len(s) for s in gold.values()) / length))
    entries = timeline(inside, dates=length, per_date=per_date, keywords=keywords,
                       since=dates[0], until=dates[-1])
    predicted = {e.date: [c.text for c in e.sentences] for e in entries}
    return {"articles": len(inside), "l": length, "k": per_date,
            "ar1": align_rouge(predicted, gold, 1, rouge), "ar2": align_rouge(predicted, gold, 2, rouge),
            "dates": date_f1(predicted, gold)}


def evaluate(topics: list[str], log=print) -> list[dict]:
    rouge, results = Rouge(), []
    for topic in topics:
        docs = read_articles(topic)
        for path in sorted((T17 / "timelines" / topic).glob("*.txt")):
            started = time.perf_counter()
            result = run_task(docs, read_gold(path), KEYWORDS[topic], rouge)
            result.update(topic=topic, timeline=path.stem, seconds=time.perf_counter() - started)
            results.append(result)
            log(f"{topic}/{path.stem}: l={result['l']} k={result['k']} articles={result['articles']} "
                f"AR1-F {result['ar1']['f1']:.3f} AR2-F {result['ar2']['f1']:.3f} "
                f"Date-F1 {result['dates']['f1']:.3f} ({result['seconds']:.1f}s)")
    return results


def render(results: list[dict]) -> str:
    ar1, ar2 = average([r["ar1"] for r in results]), average([r["ar2"] for r in results])
    dates = average([r["dates"] for r in results])
    topics = sorted({r["topic"] for r in results})
    lines = [
        "## Timelines (bench/timelines.py)", "",
        f"Timeline17, the {len(topics)} topics whose articles are in `../shared` "
        f"({', '.join(topics)}; bpoil's articles are missing), {len(results)} gold timelines. "
        "Standard protocol: per gold timeline l dates and k sentences per date, articles "
        "published inside its date range (news-tls's default, no extension; so a topic whose "
        "gold timeline has a date for every day, like egypt, gets Date-F1 1 by construction), "
        "only sentences with a topic keyword (our lists, in the script). Measures: our "
        "implementation of tilse's "
        "alignment-based ROUGE (align+ m:1; stop words out, Porter stems) and Date-F1 "
        "(`dragoman/stories/metrics.py`, unit-tested on a hand-worked example); P and R "
        "averaged over timelines, F1 from the averages. Nothing tuned on T17. The anchor is "
        "news-tls's DATEWISE on all 9 topics with ROUGE-1.5.5: comparable in kind, not to the "
        "third decimal (7 topics, another ROUGE implementation, another stop-word list).", "",
        "| system | AR1-F | AR2-F | Date-F1 |", "|---|---|---|---|",
        f"| {ANCHOR['name']} | {ANCHOR['ar1_f']:.3f} | {ANCHOR['ar2_f']:.3f} | {ANCHOR['date_f1']:.3f} |",
        f"| dragoman `summarise.timeline` | **{ar1['f1']:.3f}** | **{ar2['f1']:.3f}** | "
        f"**{dates['f1']:.3f}** |", "",
        "| topic / timeline | l | k | articles | AR1-F | AR2-F | Date-F1 |",
        "|---|---|---|---|---|---|---|"]
    lines += [f"| {r['topic']}/{r['timeline']} | {r['l']} | {r['k']} | {r['articles']} | "
              f"{r['ar1']['f1']:.3f} | {r['ar2']['f1']:.3f} | {r['dates']['f1']:.3f} |"
              for r in results]
    seconds = sum(r["seconds"] for r in results)
    import os

    lines += ["", f"{seconds:.0f} s for all timelines ({machine()}; load average "
              f"{os.getloadavg()[0]:.1f} at the end: the machine is shared)."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench timelines")
    parser.add_argument("--topics", default=",".join(KEYWORDS))
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    if not (T17 / "articles").is_dir():
        raise SystemExit(f"{T17} is missing: put ../shared beside the project")
    results = evaluate(args.topics.split(","))
    text = render(results)
    publish("timelines", text, write=not args.no_write)
    return 0
