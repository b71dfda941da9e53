"""Story clustering on the UCI News Aggregator sample, and the time to cluster at scale.

    python -m bench stories            tune on dev, report on test, scale runs (writes docs)
    python -m bench stories quality    dev grid and test figures only
    python -m bench stories scale      time to cluster 10k / 30k / 100k synthetic articles
    (--no-embed leaves MiniLM out; --no-write leaves docs/benchmarks.md alone)

The 6,366 headlines are fed in time order (TIMESTAMP). Dev and test split the gold stories (a
hash of the STORY id): each part is its own stream, so the parameters chosen on dev are never
tuned on what is reported as test. B-cubed F1 is the main figure.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import random
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from bench.report import machine, publish
from dragoman.stories.cluster import Item, Params, StoryIndex
from dragoman.stories.metrics import bcubed, pairwise
from dragoman.stories.stage import TEXT_PARAMS

SHARED = Path(__file__).resolve().parents[2] / "shared"
UCI = SHARED / "benchmarks/stories/uci-news-aggregator/uci_news_aggregator_first6366.csv"
BATCH = 200
BASELINE = {"b3_f1": 0.722, "note": "one-pass TF-IDF centroid, τ 0.05 (dataset README)"}


def load_uci(path: Path = UCI) -> list[dict]:
    if not path.exists():
        raise SystemExit(f"{path} is missing: put ../shared beside the project")
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows.sort(key=lambda r: (int(r["TIMESTAMP"]), int(r["ID"])))
    return rows


def part_of(story: str) -> str:
    return "dev" if int(hashlib.md5(story.encode()).hexdigest(), 16) % 2 == 0 else "test"


def cluster(rows: list[dict], params: Params, embeddings: np.ndarray | None) -> dict[str, str]:
    """Feed the rows in order, ``BATCH`` at a time; returns ID → story id."""
    index = StoryIndex(params)
    for start in range(0, len(rows), BATCH):
        chunk = rows[start:start + BATCH]
        items = [Item(key=r["ID"], text=r["TITLE"], day=int(r["TIMESTAMP"]) // 86_400_000)
                 for r in chunk]
        index.add(items, None if embeddings is None else embeddings[start:start + BATCH])
    return dict(index.story_of)


def score(rows: list[dict], params: Params, embeddings: np.ndarray | None) -> dict:
    predicted = cluster(rows, params, embeddings)
    gold = {r["ID"]: r["STORY"] for r in rows}
    b3, pairs = bcubed(predicted, gold), pairwise(predicted, gold)
    return {"b3_p": b3["precision"], "b3_r": b3["recall"], "b3_f1": b3["f1"],
            "pair_f1": pairs["f1"], "stories": len(set(predicted.values())),
            "gold": len(set(gold.values()))}


def grid(embed: bool) -> list[Params]:
    """The dev grid: word or character n-grams, join threshold, merge threshold, and with
    MiniLM the weights of the centroid embedding and of the nearest recent member."""
    thresholds = (0.25, 0.28, 0.32, 0.36) if embed else (0.05, 0.08, 0.1, 0.12)
    merges = (0.35, 0.45, 1.0)
    weights = [(e, n) for e in (1.0, 2.0) for n in (0.0, 1.0, 2.0)] if embed else [(0.0, 0.0)]
    return [Params(threshold=t, merge_threshold=m, w_embed=e, w_nearest=n, w_actors=0.0,
                   analyzer=a)
            for a in ("word", "char") for t in thresholds for m in merges for e, n in weights]


BASELINE_PARAMS = Params(threshold=0.05, merge_threshold=1.0, w_embed=0.0, w_actors=0.0,
                         window_days=10_000)
SPLIT_THRESHOLDS = (0.1, 0.15, 0.2, 0.3)   # automatic splits tried on dev (0: none)
ARTICLE_GUARDS = TEXT_PARAMS   # article mode's size penalty and splits (stories/stage.py)


def quality(embed: bool, log=print) -> dict:
    rows = load_uci()
    parts = {name: [r for r in rows if part_of(r["STORY"]) == name] for name in ("dev", "test")}
    vectors = embed_parts(parts, log) if embed else {}
    results = {"single": {"params": None, "dev": _single(parts["dev"]), "test": _single(parts["test"])},
               "baseline": {"params": BASELINE_PARAMS, "dev": score(parts["dev"], BASELINE_PARAMS, None),
                            "test": score(parts["test"], BASELINE_PARAMS, None)}}
    for mode in (("tfidf", False), ("tfidf+minilm", True)) if embed else (("tfidf", False),):
        name, use = mode
        best = None
        for params in grid(use):
            figures = score(parts["dev"], params, vectors.get("dev") if use else None)
            if best is None or figures["b3_f1"] > best[1]["b3_f1"]:
                best = (params, figures)
        params, dev = best
        test = score(parts["test"], params, vectors.get("test") if use else None)
        whole = score(rows, params, np.vstack([vectors["dev"], vectors["test"]])[_order(rows, parts)]
                      if use else None)
        results[name] = {"params": params, "dev": dev, "test": test, "whole": whole}
        log(f"{name}: {params} dev {dev} test {test}")
        results[name + " +split"] = _with_splits(parts, params, vectors if use else {}, log)
        guarded = replace(params, size_penalty=ARTICLE_GUARDS.size_penalty,
                          penalty_from=ARTICLE_GUARDS.penalty_from,
                          split_threshold=ARTICLE_GUARDS.split_threshold)
        results[name + " +guards"] = {
            "params": guarded, "dev": score(parts["dev"], guarded, vectors.get("dev") if use else None),
            "test": score(parts["test"], guarded, vectors.get("test") if use else None)}
        log(f"{name} +guards: dev {results[name + ' +guards']['dev']}")
    results["sizes"] = {name: (len(part), len({r['STORY'] for r in part}))
                        for name, part in parts.items()}
    return results


def _with_splits(parts: dict, params: Params, vectors: dict, log=print) -> dict:
    """The chosen settings with automatic splits: the split threshold chosen on dev among
    ``SPLIT_THRESHOLDS``; every dev figure is kept to show what splitting does."""
    tried = {}
    for threshold in SPLIT_THRESHOLDS:
        candidate = replace(params, split_threshold=threshold)
        tried[threshold] = score(parts["dev"], candidate, vectors.get("dev"))
        log(f"  split {threshold}: dev {tried[threshold]}")
    threshold = max(tried, key=lambda t: (tried[t]["b3_f1"], -t))
    chosen = replace(params, split_threshold=threshold)
    return {"params": chosen, "dev": tried[threshold], "tried": tried,
            "test": score(parts["test"], chosen, vectors.get("test"))}


def _single(rows: list[dict]) -> dict:
    """One story per article: what the stage this one replaced did."""
    predicted, gold = {r["ID"]: r["ID"] for r in rows}, {r["ID"]: r["STORY"] for r in rows}
    b3, pairs = bcubed(predicted, gold), pairwise(predicted, gold)
    return {"b3_p": b3["precision"], "b3_r": b3["recall"], "b3_f1": b3["f1"],
            "pair_f1": pairs["f1"], "stories": len(rows), "gold": len(set(gold.values()))}


def _order(rows: list[dict], parts: dict) -> np.ndarray:
    """Positions, in the dev+test stacking of the embeddings, of the rows in time order."""
    position = {r["ID"]: k for k, r in enumerate([*parts["dev"], *parts["test"]])}
    return np.array([position[r["ID"]] for r in rows])


def embed_parts(parts: dict, log=print) -> dict:
    """MiniLM vectors of each part's headlines, kept in the cache folder (they are the same
    every run, and take minutes on a CPU)."""
    from dragoman.settings import Settings

    cache = Path(Settings.from_env().cache_dir).expanduser() / "bench" / "uci-minilm.npz"
    ids = {name: [r["ID"] for r in part] for name, part in parts.items()}
    if cache.exists():
        stored = np.load(cache)
        if all(list(stored[f"{name}_ids"]) == ids[name] for name in parts):
            return {name: stored[name] for name in parts}
    from dragoman.text.embed import Embedder

    embedder = Embedder()
    started = time.perf_counter()
    vectors = {name: embedder.encode([r["TITLE"] for r in part]) for name, part in parts.items()}
    log(f"embedded {sum(map(len, parts.values()))} headlines in "
        f"{time.perf_counter() - started:.1f}s on {embedder.device}")
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.savez(cache, **vectors, **{f"{name}_ids": np.array(i) for name, i in ids.items()})
    return vectors


# --- scale ------------------------------------------------------------------------------

def synthetic_stream(n: int, seed: int = 0, per_day: int = 300) -> list[Item]:
    """``n`` headline-like items: UCI headlines with a few words swapped, in stories that live
    a few days each, ``per_day`` articles a day (so old stories leave the window)."""
    rng = random.Random(seed)
    rows = load_uci()
    by_story: dict[str, list[str]] = {}
    for r in rows:
        by_story.setdefault(r["STORY"], []).append(r["TITLE"])
    stories = list(by_story.values())
    vocabulary = [w for r in rows for w in r["TITLE"].split()]
    items = []
    live: list[tuple[int, list[str]]] = []
    for i in range(n):
        day = i // per_day
        live = [(k, titles) for k, titles in live if k + 4 >= day]
        if not live or rng.random() < 0.05:
            live.append((day, rng.choice(stories)))
            tag = f"{i}"
        _, titles = rng.choice(live)
        words = rng.choice(titles).split()
        for _ in range(2):
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
        items.append(Item(key=f"x{i}", text=" ".join(words) + f" {tag}", day=day))
    return items


def scale(sizes=(10_000, 30_000, 100_000), log=print) -> list[dict]:
    """Seconds to cluster ``n`` items incrementally (batches of 200), TF-IDF only; each with the
    load average when it started (the machine may be shared)."""
    import os

    out = []
    for n in sizes:
        load = os.getloadavg()[0]
        items = synthetic_stream(n)
        index = StoryIndex(replace(Params(), w_actors=0.0, window_days=3))
        started = time.perf_counter()
        for start in range(0, n, BATCH):
            index.add(items[start:start + BATCH])
        seconds = time.perf_counter() - started
        out.append({"n": n, "seconds": seconds, "stories": len(index.stories),
                    "per_1k": seconds / n * 1000, "load": load})
        log(f"scale {n}: {seconds:.1f}s, {len(index.stories)} stories")
    return out


def stage_scale(n: int = 10_000, log=print) -> dict:
    """The whole stage on ``n`` synthetic articles (headline + two more as body), with the
    store's writes, titles, summaries and timelines of touched stories: seconds per 1,000."""
    from dragoman.model import Article
    from dragoman.pipeline import Batch
    from dragoman.stories.cluster import iso_day
    from dragoman.stories.stage import StoriesStage
    from dragoman.store import Store

    import os

    items = synthetic_stream(n)
    rng = random.Random(1)
    load = os.getloadavg()[0]
    with Store(":memory:") as store:
        stage = StoriesStage(store)
        started = time.perf_counter()
        for start in range(0, n, BATCH):
            articles = tuple(Article(i.key, i.key, f"{i.text}. {rng.choice(items).text}. "
                                     f"{rng.choice(items).text}.", "c" + i.key, "s" + i.key,
                                     title=i.text, published=iso_day(i.day + 16_000))
                             for i in items[start:start + BATCH])
            store.write_batch(stage.run(Batch(articles=articles)))
        seconds = time.perf_counter() - started
        stories = store.con.execute("SELECT count(*) FROM stories").fetchone()[0]
    log(f"stage {n}: {seconds:.1f}s, {stories} stories")
    return {"n": n, "seconds": seconds, "per_1k": seconds / n * 1000, "stories": stories,
            "load": load}


# --- report -----------------------------------------------------------------------------

def render(results: dict | None, timings: list[dict] | None, stage: dict | None = None) -> str:
    lines = ["## Stories (bench/stories.py)", ""]
    if results:
        dev_n, test_n = results["sizes"]["dev"], results["sizes"]["test"]
        lines += [
            "UCI News Aggregator sample (`../shared/benchmarks/stories/uci-news-aggregator`, "
            "6,366 headlines, 87 gold stories), fed in time order in batches of 200. The gold "
            f"stories are split by a hash of their id: dev {dev_n[0]} headlines / {dev_n[1]} "
            f"stories, test {test_n[0]} / {test_n[1]}; each part is its own stream. Weights "
            "and thresholds were chosen on dev (grid in `bench/stories.py`), figures below are "
            f"test. Baseline (dataset README, whole sample): {BASELINE['note']}, B³-F1 "
            f"{BASELINE['b3_f1']:.3f}.", "",
            "| method | chosen on dev | B³-P | B³-R | **B³-F1** | pair F1 | stories (gold) | dev B³-F1 |",
            "|---|---|---|---|---|---|---|---|"]
        for name in ("single", "baseline", "tfidf", "tfidf +split", "tfidf +guards",
                     "tfidf+minilm", "tfidf+minilm +split", "tfidf+minilm +guards"):
            if name not in results:
                continue
            r, p = results[name], results[name]["params"]
            t = r["test"]
            chosen = ("before: one story per article" if name == "single" else
                      "README's method: one pass, τ 0.05, no merges, no time" if name == "baseline"
                      else f"the same, automatic splits under {p.split_threshold}"
                      if name.endswith("+split")
                      else f"the same with article mode's guards: size penalty {p.size_penalty} "
                           f"from {p.penalty_from} articles, splits under {p.split_threshold}"
                      if name.endswith("+guards")
                      else f"{p.analyzer} n-grams, τ {p.threshold}, merge {p.merge_threshold}" + (
                          f", w_embed {p.w_embed}, w_nearest {p.w_nearest}" if name != "tfidf" else ""))
            lines.append(f"| {name} | {chosen} | {t['b3_p']:.3f} | {t['b3_r']:.3f} | "
                         f"**{t['b3_f1']:.3f}** | {t['pair_f1']:.3f} | {t['stories']} "
                         f"({t['gold']}) | {r['dev']['b3_f1']:.3f} |")
        whole = [f"{name} {results[name]['whole']['b3_f1']:.3f}"
                 for name in ("tfidf", "tfidf+minilm") if name in results]
        tried = ["; ".join(f"{name}: " + ", ".join(
            f"{t} → {f['b3_f1']:.3f}" for t, f in results[name + " +split"]["tried"].items())
            for name in ("tfidf", "tfidf+minilm") if name + " +split" in results)]
        lines += ["", "Automatic splits (a story whose articles fall into two groups with "
                  "centroids under the split threshold is cut in two, checked when it reaches "
                  "8, 16, 32, … articles or absorbs another): dev B³-F1 by split threshold, "
                  "without splits as in the rows above — " + tried[0] + ". Splits and the size "
                  "penalty (a story of n > 4 articles needs threshold + penalty × log2(n/4) to grow "
                  "or merge) lower B³-F1 on these headlines, whose gold stories are broad "
                  "(70 headlines on average), so headline settings keep both off; article mode "
                  "uses them against runaway stories in the demo corpus (docs/stories.md)."]
        lines += ["", "Merges are made in a fixed order (sorted story ids) since 2026-11-24; "
                  "before, the order followed Python's string hashing and the figures moved by "
                  "up to 0.015 between runs (the two best MiniLM settings scored 0.910–0.913 on "
                  "dev and 0.829–0.844 on test over three hash seeds). The dev grid now picks "
                  "the setting 0.001 better on dev, which is the weaker one on test (0.817; the "
                  "other one 0.843): the MiniLM row fell from 0.844 for that reason, not "
                  "because of splits."]
        lines += ["", "Goal B³-F1 ≥ 0.90: met on dev, not on the held-out test part; the test "
                  "errors are mostly stories the gold keeps apart on one topic (two GM-recall "
                  "probes, one finance stream) — see docs/stories.md.",
                  "", "The same chosen settings on the whole sample as one stream (dev included, "
                  "so not a held-out figure; the README's baseline 0.722 is on this stream): "
                  "B³-F1 " + ", ".join(whole) + ".", ""]
    if timings:
        lines += ["Time to cluster incrementally (TF-IDF centroids, 30-day window; synthetic "
                  "headline stream built from the UCI headlines, 300 a day, stories living ~5 "
                  f"days; {machine()}):", "",
                  "| articles | seconds | per 1,000 | stories | load average |",
                  "|---|---|---|---|---|"]
        lines += [f"| {t['n']:,} | {t['seconds']:.1f} | {t['per_1k']:.2f} | {t['stories']:,} | "
                  f"{t.get('load', float('nan')):.1f} |" for t in timings]
        lines.append("")
    if stage:
        lines += [f"The whole stage (clustering, the store's writes, and the title, summary and "
                  f"timeline of every story a batch touched) on {stage['n']:,} synthetic "
                  f"articles: {stage['seconds']:.1f} s, {stage['per_1k']:.2f} s per 1,000 "
                  f"({stage['stories']:,} stories; load average {stage.get('load', float('nan')):.1f} "
                  "when it started).", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench stories")
    parser.add_argument("what", nargs="?", choices=["all", "quality", "scale"], default="all")
    parser.add_argument("--no-embed", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--sizes", default="10000,30000,100000")
    args = parser.parse_args(argv)
    results = quality(not args.no_embed) if args.what in ("all", "quality") else None
    sizes = tuple(int(s) for s in args.sizes.split(","))
    timings = scale(sizes) if args.what in ("all", "scale") else None
    stage = stage_scale() if args.what in ("all", "scale") else None
    text = render(results, timings, stage)
    publish("stories", text, write=not args.no_write)
    return 0
