"""Rebuild ``src/dragoman/data/event_types.joblib``, the PLOVER event-type classifier.

    .venv/bin/python scripts/train_event_types.py [--plv ../shared/benchmarks/events/plv/PLV_train.tsv]

Trains two pipelines of :mod:`dragoman.nlp.events_types` on all 1,050 rows of PLV_train
(CONCEDE and RETREAT are one root, YIELD, there): ``embedding`` (TF-IDF + MiniLM sentence
vectors) and ``sparse`` (TF-IDF only). Cross-validated figures: ``python -m bench events``.
Licence of the training data: see ``src/dragoman/data/event_types.LICENSE.txt``.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLV = ROOT.parent / "shared" / "benchmarks" / "events" / "plv" / "PLV_train.tsv"
OUT = ROOT / "src" / "dragoman" / "data" / "event_types.joblib"
_PARTY = re.compile(r"<(s|t)>(.*?)</\1>", re.DOTALL)


def read_plv(path: Path):
    """``(Marked items, roots)`` from PLV_train.tsv (its ``<s>``/``<t>`` marks → spans)."""
    from dragoman.nlp.events_types import Marked

    items, roots = [], []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            items.append(marked(row["marked_sentence"], Marked))
            roots.append(row["gold_root"])
    return items, roots


def marked(text: str, cls):
    """Strip ``<s>``/``<t>`` marks, keeping their spans."""
    spans, plain, last = {}, [], 0
    for match in _PARTY.finditer(text):
        plain.append(text[last:match.start()])
        start = sum(map(len, plain))
        plain.append(match.group(2))
        spans[match.group(1)] = (start, start + len(match.group(2)))
        last = match.end()
    plain.append(text[last:])
    return cls("".join(plain), spans.get("s"), spans.get("t"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plv", type=Path, default=PLV)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not args.plv.exists():
        print(f"{args.plv} not found: put ../shared beside the project", file=sys.stderr)
        return 2
    import joblib

    from dragoman.nlp.embed import Embedder
    from dragoman.nlp.events_types import build_model, frame

    items, roots = read_plv(args.plv)
    vectors = Embedder().encode([i.sentence for i in items])
    models = {"embedding": build_model(True).fit(frame(items, vectors), roots),
              "sparse": build_model(False).fit(frame(items, None), roots)}
    joblib.dump(models, args.out, compress=3)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB, {len(items)} sentences)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
