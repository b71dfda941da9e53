"""Rebuild ``src/dragoman/data/statement_cues.tsv`` from PolNeAR **train** (never dev or test).

For every attribution in train, the cue span's head verb gives one count to its lemma
("has said" → say, "told" → tell). The same parse counts how often each lemma occurs as a verb
at all, so ``ratio = cue_count / verb_count`` says how likely the verb is to report speech or
thought ("say" ≈ 0.9, "make" ≈ 0.01). The statement extractor uses lemmas whose ratio and
count pass its thresholds (``LEARNED_MIN_RATIO``, ``LEARNED_MIN_COUNT`` in
``dragoman.statements.extract``) on top of the hand-written ``cues.tsv``.

Only lemmas and counts are written — no text from the corpus.

    .venv/bin/python scripts/build_cues.py [--polnear ../shared/benchmarks/quotes/polnear]
        [--docbin CACHE.spacy]   # a DocBin of train already parsed (bench --cache writes one)

Parsing train takes about five minutes on one core.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dragoman" / "data" / "statement_cues.tsv"
MIN_CUE_COUNT = 2
HEADER = (
    "# Speech and thought cue verbs learned from PolNeAR train (scripts/build_cues.py).\n"
    "# PolNeAR v1.0.0 (Newell, Margolin & Ruths, LREC 2018): only lemma counts are kept here.\n"
    "# cue_count: attributions whose cue's head verb has this lemma; verb_count: verb tokens\n"
    "# with this lemma in train outside any attribution's content; ratio = cue_count /\n"
    "# verb_count.\n"
    "lemma\tcue_count\tverb_count\tratio\n"
)


def load_train(polnear: Path) -> list[dict]:
    seen, records = set(), []
    with (polnear / "train.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["split"] != "train":
                raise SystemExit(f"{record['doc_id']} is not a train article: refusing to learn")
            if record["doc_id"] not in seen:
                seen.add(record["doc_id"])
                records.append(record)
    return records


def parsed(records: list[dict], docbin: Path | None):
    from spacy.tokens import DocBin

    from dragoman.text import load_nlp

    nlp = load_nlp()
    if docbin is not None and docbin.exists():
        docs = list(DocBin().from_disk(docbin).get_docs(nlp.vocab))
        if len(docs) == len(records):
            return docs
    return list(nlp.pipe((r["text"] for r in records), batch_size=16))


def cue_head(doc, spans) -> object | None:
    """The verb heading a cue span ("has said" → said), else None."""
    tokens = [t for s, e in spans for t in (doc.char_span(s, e, alignment_mode="expand") or [])]
    verbs = [t for t in tokens if t.pos_ == "VERB"]
    inside = {t.i for t in tokens}
    heads = [t for t in verbs if t.head.i not in inside or t.head.i == t.i]
    return (heads or verbs or [None])[0]


def count(records: list[dict], docs) -> tuple[Counter, Counter]:
    """Cue heads per lemma, and verb uses per lemma outside any attribution's content (PolNeAR
    gives each token one role, so a verb inside what someone said can never be a cue: "I think"
    in a quotation says nothing about "think" as a cue)."""
    cues, verbs = Counter(), Counter()
    for record, doc in zip(records, docs):
        inside = content_chars(record)
        verbs.update(t.lemma_.lower() for t in doc if t.pos_ == "VERB" and t.idx not in inside)
        for attribution in record["attributions"]:
            head = cue_head(doc, attribution.get("cue") or [])
            if head is not None:
                cues[head.lemma_.lower()] += 1
    return cues, verbs


def content_chars(record: dict) -> set[int]:
    return {i for a in record["attributions"] for s, e in a.get("content") or []
            for i in range(s, e)}


def write(cues: Counter, verbs: Counter, out: Path) -> int:
    rows = []
    for lemma, n in cues.items():
        total = max(verbs[lemma], n)
        if n >= MIN_CUE_COUNT and lemma.isalpha():
            rows.append((lemma, n, total, n / total))
    rows.sort(key=lambda r: (-r[1], r[0]))
    lines = [f"{lemma}\t{n}\t{total}\t{ratio:.3f}\n" for lemma, n, total, ratio in rows]
    out.write_text(HEADER + "".join(lines), encoding="utf-8")
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--polnear", type=Path,
                        default=ROOT.parent / "shared" / "benchmarks" / "quotes" / "polnear")
    parser.add_argument("--docbin", type=Path, help="train already parsed, as a spaCy DocBin")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    records = load_train(args.polnear)
    cues, verbs = count(records, parsed(records, args.docbin))
    print(f"{write(cues, verbs, args.out)} cue lemmas from {len(records)} train articles "
          f"→ {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
