"""Train the statements layer's two small learned models (in dragoman/data).

``pronouns``: the pronoun resolver (:mod:`dragoman.statements.pronouns`) on GAP development:
gradient-boosted trees (``--logistic``: logistic weights) written out as plain JSON nodes that
the resolver walks without scikit-learn; the resolving threshold is the one that maximises F1
over 5-fold cross-validation on development. The first-name genders are the US Census 1990
first-name lists (public domain; read from the ``names`` package, MIT, a script-only
dependency), a name kept when one sex bears it ten times as often as the other, overridden by
the names GAP development's pronouns give. Writes ``statement_pronouns.json``.

``confidence``: the statement confidence (:mod:`dragoman.statements.confidence`) on PolNeAR
train (a statement is right when it matches a gold attribution at >30% and, when the gold
has a source, its speaker overlaps it and is not a he/she left unresolved; the news gold of
``--gold-dir`` is scored, not trained on); calibrated with 5-fold cross-validation (the
reliability table printed is out-of-fold).
Writes ``statement_confidence.json``. PolNeAR dev and test are never read here.

    python scripts/train_statement_confidence.py pronouns [--logistic]
    python scripts/train_statement_confidence.py confidence [--gold-dir DIR ...]
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

import names
import numpy as np
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from bench import statement_pronouns as gap  # noqa: E402
from bench import statements as polnear  # noqa: E402
from dragoman.actors.mentions import link_document, load_gazetteer  # noqa: E402
from dragoman.model import Article  # noqa: E402
from dragoman.statements.confidence import names_no_one, statement_features  # noqa: E402
from dragoman.statements.cues import load_cues  # noqa: E402
from dragoman.statements.extract import extract_statements  # noqa: E402
from dragoman.statements.pronouns import PronounModel  # noqa: E402
from dragoman.text import load_nlp  # noqa: E402

DATA = ROOT / "src" / "dragoman" / "data"


def fit(features: list[dict], labels: list[int], c: float = 1.0) -> tuple[dict, float]:
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(features)
    model = LogisticRegression(C=c, max_iter=2000).fit(x, labels)
    weights = {name: round(float(w), 5) for name, w in
               zip(vectorizer.get_feature_names_out(), model.coef_[0])}
    return weights, round(float(model.intercept_[0]), 5)


CENSUS = Path(names.__file__).parent  # dist.male.first, dist.female.first: name, % of people
TREES = {"n_estimators": 200, "max_depth": 3, "learning_rate": 0.05, "subsample": 0.8,
         "random_state": 0}


def census_genders(ratio: float = 10.0) -> dict:
    """First name → "m"/"f" from the US Census 1990 lists, when one sex bears the name
    ``ratio`` times as often as the other."""
    shares = [{}, {}]
    for side, name in enumerate(("dist.male.first", "dist.female.first")):
        for line in (CENSUS / name).read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if parts:
                shares[side][parts[0].lower()] = float(parts[1])
    out = {}
    for name in sorted(set(shares[0]) | set(shares[1])):
        male, female = shares[0].get(name, 0.0), shares[1].get(name, 0.0)
        if male >= ratio * female or female >= ratio * male:
            out[name] = "m" if male > female else "f"
    return out


def fit_trees(features: list[dict], labels: list[int]) -> tuple[list, float]:
    """Gradient-boosted trees as the resolver's JSON nodes, and their starting log-odds;
    checked against scikit-learn's own probabilities."""
    vectorizer = DictVectorizer(sparse=False)
    x = vectorizer.fit_transform(features)
    model = GradientBoostingClassifier(**TREES).fit(x, labels)
    names_ = vectorizer.get_feature_names_out()
    trees = [_export_tree(est[0].tree_, names_, model.learning_rate) for est in model.estimators_]
    prior = float(np.mean(labels))
    bias = float(np.log(prior / (1 - prior)))
    ours = PronounModel({}, bias, 0.0, trees=tuple(trees)).probabilities(features)
    gap_ = np.abs(np.asarray(ours) - model.predict_proba(x)[:, 1])
    if np.mean(gap_ > 1e-6) > 0.001:
        raise SystemExit(f"exported trees disagree with scikit-learn ({gap_.max():.3g})")
    return trees, bias


def _export_tree(tree, feature_names, rate: float) -> list:
    nodes = []
    for n in range(tree.node_count):
        if tree.children_left[n] == -1:
            nodes.append([float(rate * tree.value[n][0][0])])
        else:
            nodes.append([str(feature_names[tree.feature[n]]), float(tree.threshold[n]),
                          int(tree.children_left[n]), int(tree.children_right[n])])
    return nodes


def fit_pronoun_model(rows, genders: dict, logistic: bool) -> PronounModel:
    features, labels = gap.mention_examples(rows)
    if logistic:
        return PronounModel(*fit(features, labels), 0.0, genders)
    trees, bias = fit_trees(features, labels)
    return PronounModel({}, bias, 0.0, genders, tuple(trees))


def _pronoun_f1(rows, models, threshold: float) -> float:
    tallies = [0, 0, 0]
    for row, model in zip(rows, models):
        guess = gap.predictions(replace(model, threshold=float(threshold)), row)
        for predicted, gold in zip(guess, (row.gold_a, row.gold_b)):
            tallies[0] += predicted and gold
            tallies[1] += predicted
            tallies[2] += gold
    p, r = tallies[0] / max(tallies[1], 1), tallies[0] / max(tallies[2], 1)
    return 2 * p * r / (p + r) if p + r else 0.0


def _cross_validate(rows, genders, logistic: bool) -> tuple[float, float]:
    """Best (F1, threshold) of 5-fold out-of-fold predictions on GAP development."""
    out_of_fold = [None] * len(rows)
    for train_idx, test_idx in KFold(5, shuffle=True, random_state=0).split(rows):
        model = fit_pronoun_model([rows[i] for i in train_idx], genders, logistic)
        for i in test_idx:
            out_of_fold[i] = model
    return max((_pronoun_f1(rows, out_of_fold, t), float(t)) for t in np.arange(0.0, 0.6, 0.02))


def train_pronouns(logistic: bool) -> None:
    genders = {**census_genders(), **gap.first_name_genders(gap.read_split("development"))}
    rows = gap.build_rows(load_nlp(), "development", genders)
    f1, threshold = _cross_validate(rows, genders, logistic)
    print(f"GAP development, 5-fold: F1 {100 * f1:.1f} at threshold {threshold:.2f}")
    model = fit_pronoun_model(rows, genders, logistic)
    out = {"bias": round(model.bias, 6), "threshold": round(threshold, 2), "genders": genders,
           "genders_from": "US Census 1990 first-name lists (public domain, via the names "
                           "package, MIT) and GAP development (Apache-2.0)",
           "trained_on": "GAP development (2,000 rows)"}
    out.update({"weights": model.weights} if logistic else {"trees": list(model.trees)})
    path = DATA / "statement_pronouns.json"
    path.write_text(json.dumps(out, separators=(",", ":"), sort_keys=True) + "\n",
                    encoding="utf-8")
    print(f"wrote {path}")


def labelled_statements(records, docs, cues):
    """``(features, right)`` for every statement dragoman finds in PolNeAR records."""
    gazetteer = load_gazetteer()
    out = []
    for record, doc in zip(records, docs):
        text = record["text"]
        article = Article(article_id=record["doc_id"], origin="polnear", text=text,
                          content_hash="-", source_hash="-")
        statements = extract_statements(doc, article, link_document("t", doc.ents, gazetteer),
                                        cues)
        groups: dict = {}
        for st in statements:
            key = (st.cue, st.speaker_start, st.sentence) if st.speaker_start is not None \
                else id(st)
            groups.setdefault(key, []).append(st)
        members = list(groups.values())
        items = polnear.dragoman_items(statements, text)
        gold = polnear.gold_items(record, doc)
        pairs = dict((pi, gi) for gi, pi in polnear.match(gold, items, 0.3))
        kept = [g for g in members if polnear.word_chars(text, [(s.start, s.end) for s in g])]
        for pi, group in enumerate(kept):
            gi = pairs.get(pi)
            right = gi is not None and (not gold[gi].speaker or bool(
                gold[gi].speaker & items[pi].speaker))
            out.extend((statement_features(st, doc, cues), int(right and not names_no_one(st)))
                       for st in group)
    return out


def reliability(probabilities, labels, bins: int = 10) -> str:
    lines = ["| confidence | statements | right (observed) | mean confidence |", "|---|---|---|---|"]
    probabilities, labels = np.asarray(probabilities), np.asarray(labels)
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = (probabilities >= lo) & ((probabilities < hi) | (b == bins - 1))
        if inside.sum():
            lines.append(f"| {lo:.1f}–{hi:.1f} | {inside.sum()} | {labels[inside].mean():.2f} | "
                         f"{probabilities[inside].mean():.2f} |")
    return "\n".join(lines)


def choose_threshold(probabilities, labels, precision: float = 0.9) -> float:
    """The least threshold whose kept statements are right at ``precision`` or more."""
    probabilities, labels = np.asarray(probabilities), np.asarray(labels)
    for threshold in np.arange(0.0, 1.0, 0.01):
        kept = probabilities >= threshold
        if kept.sum() and labels[kept].mean() >= precision:
            return round(float(threshold), 2)
    return 0.9


def train_confidence(gold_dirs: list[Path]) -> None:
    nlp, cues = load_nlp(), load_cues()
    records = polnear.load_split("train")
    cache = Path.home() / ".cache" / "dragoman" / "bench" / "polnear-train-all.spacy"
    docs, _ = polnear.parse(nlp, records, cache)
    rows = labelled_statements(records, docs, cues)
    if gold_dirs:
        print("note: the news gold is used for scoring only (bench/gold/score_statements.py)")
    features, labels = [r[0] for r in rows], [r[1] for r in rows]
    out_of_fold = np.zeros(len(rows))
    for train_idx, test_idx in KFold(5, shuffle=True, random_state=0).split(rows):
        vectorizer = DictVectorizer()
        x = vectorizer.fit_transform([features[i] for i in train_idx])
        model = LogisticRegression(max_iter=2000).fit(x, [labels[i] for i in train_idx])
        out_of_fold[test_idx] = model.predict_proba(
            vectorizer.transform([features[i] for i in test_idx]))[:, 1]
    threshold = choose_threshold(out_of_fold, labels)
    kept = out_of_fold >= threshold
    print(f"PolNeAR train: {len(rows)} statements, {np.mean(labels):.3f} right; out-of-fold:")
    print(reliability(out_of_fold, labels))
    print(f"default threshold {threshold:.2f}: keeps {kept.mean():.1%}, right "
          f"{np.asarray(labels)[kept].mean():.3f}")
    weights, bias = fit(features, labels)
    path = DATA / "statement_confidence.json"
    path.write_text(json.dumps({"weights": weights, "bias": bias, "threshold": threshold,
                                "trained_on": f"PolNeAR train ({len(rows)} statements)"},
                               indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", choices=("pronouns", "confidence"))
    parser.add_argument("--gold-dir", type=Path, action="append", default=[],
                        help="dev news gold (bench/gold/news/dev), repeatable")
    parser.add_argument("--logistic", action="store_true",
                        help="pronouns: logistic weights instead of gradient-boosted trees")
    args = parser.parse_args(argv)
    if args.model == "pronouns":
        train_pronouns(args.logistic)
    else:
        train_confidence(args.gold_dir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
