"""Train the learned attribution-cue detector (``src/dragoman/data/statement_cue_model.json``).

Data: PolNeAR v1.0.0 **train** only (Newell, Margolin & Ruths, "An attribution relations
corpus for political news", LREC 2018; read from ``../shared/benchmarks/quotes/polnear`` at run
time). The model file holds feature weights (lemmas, dependency labels, counts-derived
numbers), never the corpus's text. PolNeAR dev and test are never read here.

Rows: every verb outside quote marks that the detector may judge (a clause's verb the cue
lexicon neither takes as a cue nor calls an action: ``Cues.detectable``);
label: it is the head verb of a gold attribution's cue (``scripts/build_cues.py``'s
``cue_head``). Features: :func:`dragoman.statements.detector.cue_features`.

1. The regularisation ``C`` is chosen by 5-fold cross-validation over train articles (average
   precision of the out-of-fold probabilities).
2. The threshold is chosen on the statements it adds: a model fitted on train articles 150 and
   after, the whole extractor run on the first 150 train articles at each threshold (content
   F1 at >30%, as ``python -m bench statements`` scores it); the threshold with the best F1
   whose precision is within ``--max-precision-loss`` points of the extractor without the
   detector is kept.
3. The model written is fitted on all train articles.

    python scripts/train_statement_cues.py [--dry-run]

About two minutes with train's parse cached (``python -m bench statements --split train
--cache`` writes it), five more to parse it otherwise.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(ROOT / "scripts")]

from bench import statements as polnear  # noqa: E402
from build_cues import cue_head  # noqa: E402
from dragoman.statements.cues import load_cues  # noqa: E402
from dragoman.statements.detector import MODEL_FILE, CueModel, cue_features  # noqa: E402
from dragoman.statements.quotes import find_quotes  # noqa: E402
from dragoman.text import load_nlp  # noqa: E402
from dragoman.text.spans import Covered  # noqa: E402

OUT = ROOT / "src" / "dragoman" / "data" / MODEL_FILE
SWEEP_ARTICLES = 150  # the first train articles: where the threshold is chosen
C_GRID = (0.1, 0.3, 1.0, 3.0)
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
MIN_WEIGHT = 0.005  # smaller weights are left out of the JSON


def verb_rows(record: dict, doc, cues) -> list[tuple[dict, int]]:
    """``(features, is a gold cue head)`` for each verb of one article the lexicon rejects."""
    heads = {head.i for a in record["attributions"]
             if (head := cue_head(doc, a.get("cue") or [])) is not None}
    quoted = Covered([(q.outer_start, q.outer_end) for q in find_quotes(record["text"])])
    return [(cue_features(t, cues), int(t.i in heads)) for t in doc
            if t.idx not in quoted and cues.detectable(t)]


def fit(features: list[dict], labels: list[int], c: float):
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=c, max_iter=3000).fit(vectorizer.fit_transform(features), labels)
    return vectorizer, model


def as_cue_model(vectorizer, model, threshold: float) -> CueModel:
    weights = {name: round(float(w), 4) for name, w in
               zip(vectorizer.get_feature_names_out(), model.coef_[0]) if abs(w) >= MIN_WEIGHT}
    return CueModel(weights, round(float(model.intercept_[0]), 4), threshold)


def choose_c(rows, groups) -> float:
    features, labels = [r[0] for r in rows], np.array([r[1] for r in rows])
    best = (-1.0, C_GRID[0])
    for c in C_GRID:
        oof = np.zeros(len(rows))
        for train_idx, test_idx in GroupKFold(5).split(features, labels, groups):
            vectorizer, model = fit([features[i] for i in train_idx], labels[train_idx], c)
            oof[test_idx] = model.predict_proba(
                vectorizer.transform([features[i] for i in test_idx]))[:, 1]
        ap = average_precision_score(labels, oof)
        print(f"C={c}: out-of-fold average precision {ap:.3f}; " + ", ".join(
            f"p≥{t}: P {labels[oof >= t].mean():.2f} R {labels[oof >= t].sum() / labels.sum():.2f}"
            for t in (0.5, 0.7) if (oof >= t).any()))
        best = max(best, (ap, c))
    return best[1]


def sweep(records, docs, rows_by_article, cues, c: float, max_loss: float) -> float:
    """The threshold chosen on the first train articles with a model fitted on the rest."""
    rest = [row for rows in rows_by_article[SWEEP_ARTICLES:] for row in rows]
    vectorizer, model = fit([r[0] for r in rest], [r[1] for r in rest], c)
    head, head_docs = records[:SWEEP_ARTICLES], docs[:SWEEP_ARTICLES]
    results = []
    for threshold in (None, *THRESHOLDS):
        detector = None if threshold is None else as_cue_model(vectorizer, model, threshold)
        tally = polnear.evaluate(head, head_docs, False, None, replace(cues, detector=detector))
        tally = tally["ours"]
        p, r, f1 = tally.prf(">30%")
        indirect = tally.by_kind["indirect"]
        print(f"threshold {threshold}: P / R / F1 {p:.3f} / {r:.3f} / {f1:.3f}, indirect "
              f"recall {indirect[1] / indirect[0]:.3f}, speaker {tally.speaker_ok} of "
              f"{tally.speaker_n}, {tally.pred} statements")
        results.append((threshold, p, f1))
    floor = results[0][1] - max_loss / 100
    allowed = [(f1, t) for t, p, f1 in results[1:] if p >= floor]
    return max(allowed)[1] if allowed else THRESHOLDS[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max-precision-loss", type=float, default=1.0,
                        help="points of >30%% precision the detector may cost (default 1)")
    parser.add_argument("--c", type=float, help="skip the cross-validation of C")
    parser.add_argument("--threshold", type=float, help="skip the threshold sweep")
    parser.add_argument("--dry-run", action="store_true", help="write nothing")
    args = parser.parse_args(argv)
    records = polnear.load_split("train")
    if any(r["split"] != "train" for r in records):
        raise SystemExit("train.jsonl holds a record of another split: refusing to learn")
    cache = Path.home() / ".cache" / "dragoman" / "bench" / "polnear-train-all.spacy"
    docs, _ = polnear.parse(load_nlp(), records, cache)
    cues = replace(load_cues(), detector=None)
    rows_by_article = [verb_rows(r, d, cues) for r, d in zip(records, docs)]
    rows = [row for rows in rows_by_article for row in rows]
    groups = [i for i, rows_ in enumerate(rows_by_article) for _ in rows_]
    print(f"{len(rows)} verbs the lexicon rejects in {len(records)} train articles, "
          f"{sum(r[1] for r in rows)} of them gold cues")
    c = args.c or choose_c(rows, groups)
    threshold = args.threshold or sweep(records, docs, rows_by_article, cues, c,
                                        args.max_precision_loss)
    print(f"C {c}, threshold {threshold}")
    vectorizer, model = fit([r[0] for r in rows], [r[1] for r in rows], c)
    detector = as_cue_model(vectorizer, model, threshold)
    if args.dry_run:
        return 0
    OUT.write_text(json.dumps({
        "weights": detector.weights, "bias": detector.bias, "threshold": threshold, "C": c,
        "trained_on": f"PolNeAR v1.0.0 train ({len(records)} articles, {len(rows)} verbs); "
                      "weights only, no corpus text"}, indent=0, sort_keys=True) + "\n",
        encoding="utf-8")
    print(f"wrote {OUT} ({len(detector.weights)} weights)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
