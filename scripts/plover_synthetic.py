"""NGEC's synthetic PLOVER stories as extra training items for the event-type classifier.

    .venv/bin/python scripts/plover_synthetic.py [--csv FILE] [--cache FILE]

``gpt_synthetic_events_2023-10-19_19.csv`` (../shared/benchmarks/events/ngec-plover, MIT) holds
4,500 LLM-written news stories, each labelled with the PLOVER type it was prompted for. They are
training data only (the facts are invented), never test data. Each story gives one item, its
**lead sentence** (the first sentence of the first paragraph with at least
:data:`MIN_WORDS` words: the lead usually states the event), in one of two forms:

- ``marked``: the parties found by our own pipeline's event detection
  (:mod:`dragoman.events.extract`, lexicon verbs only) in that sentence, exactly as the pipeline
  hands them to the classifier (``marked``: the lexicon verb is the trigger). Among the
  detected verbs the first whose lexicon type is the story's label wins, else the highest in
  the parse (nearest the root), else the sentence is left unmarked;
- ``plain``: no parties; the trigger is the sentence's root verb.

Both carry the parse fields (trigger symbols, lemmas, clause) the sparse model reads. Labels
are PLV's roots: CONCEDE and RETREAT become YIELD. Everything is deterministic (file order,
one spaCy parse); :func:`load_items` caches the parse results in a pickle.

Training with them: :func:`fit` adds all synthetic rows (one form, a sample weight per row) to
the PLV rows; :func:`choose_recipe` picks the form and weight among :data:`RECIPES` by CV on PLV
rows only (synthetic rows are never scored). Measured by ``python -m bench events_augment``.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
CSV = (ROOT.parent / "shared" / "benchmarks" / "events" / "ngec-plover"
       / "gpt_synthetic_events_2023-10-19_19.csv")
CACHE = Path("/tmp/dragoman-plover-synthetic.pkl")
MIN_WORDS = 6
MAX_LEAD = 1500  # characters of the first paragraph handed to the parser
FORMS = ("marked", "plain")
# (synthetic form, weight of one synthetic item relative to one PLV item), fixed a priori
RECIPES = tuple((form, weight) for form in FORMS for weight in (0.3, 1.0))


@dataclass(frozen=True, slots=True)
class Story:
    """One synthetic story: its lead paragraph and its label as a PLV root."""

    lead: str
    root: str


def plv_root(label: str) -> str:
    """PLOVER type → PLV root (CONCEDE and RETREAT are one root, YIELD, in PLV)."""
    return "YIELD" if label in ("CONCEDE", "RETREAT") else label


def read_stories(path: Path) -> list[Story]:
    """Rows with a text and a label, in file order; the lead is the first non-empty paragraph."""
    stories = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            label, text = (row.get("label") or "").strip(), row.get("text") or ""
            paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
            if label and paragraphs:
                stories.append(Story(paragraphs[0][:MAX_LEAD], plv_root(label)))
    return stories


def lead_sentence(doc):
    """The first sentence with at least :data:`MIN_WORDS` words (else the first), or None."""
    sentences = [s for s in doc.sents if s.text.strip()]
    for sentence in sentences:
        if sum(not t.is_punct and not t.is_space for t in sentence) >= MIN_WORDS:
            return sentence
    return sentences[0] if sentences else None


def plain_item(sentence):
    """The lead with no parties; the trigger is the root of its parse."""
    from dragoman.events.trigger import parsed_fields
    from dragoman.events.types import Marked

    doc = sentence.doc
    start, end = sentence.start_char, sentence.end_char
    trigger, lemmas, _ = parsed_fields(sentence, start, end, sentence.root, set(), set(),
                                       doc.text)
    return Marked(doc.text[start:end], None, None, trigger, lemmas, doc.text[start:end])


def marked_item(sentence, root: str, tools, gazetteer):
    """The lead with the parties of its best-fitting detected event verb (see module doc);
    the plain item when no verb of the sentence is detected."""
    from dragoman.events.extract import detect
    from dragoman.events.typing import marked
    from dragoman.actors.mentions import link_document
    from dragoman.events.parties import PartyResolver

    doc = sentence.doc
    resolver = PartyResolver(doc, link_document("synthetic", doc.ents, gazetteer), gazetteer)
    found = [f for f in (detect(t, tools, resolver) for t in sentence) if f is not None]
    if not found:
        return plain_item(sentence)
    best = next((f for f in found if plv_root(f.entry.plover) == root),
                min(found, key=lambda f: _depth(f.verb)))
    return marked(best)


def _depth(token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def make_items(stories: list[Story], nlp) -> dict[str, list]:
    """``{"marked": [...], "plain": [...], "roots": [...]}``, one item per story that parses to
    a sentence (file order)."""
    from dragoman.actors.mentions import load_gazetteer
    from dragoman.events.extract import make_tools
    from dragoman.statements.cues import load_cues

    gazetteer = load_gazetteer()
    tools = make_tools(load_cues(), gazetteer, classify=False)
    out: dict[str, list] = {"marked": [], "plain": [], "roots": []}
    for story, doc in zip(stories, nlp.pipe((s.lead for s in stories), batch_size=64)):
        sentence = lead_sentence(doc)
        if sentence is None:
            continue
        out["plain"].append(plain_item(sentence))
        out["marked"].append(marked_item(sentence, story.root, tools, gazetteer))
        out["roots"].append(story.root)
    return out


def load_items(path: Path = CSV, nlp=None, cache: Path | None = CACHE) -> dict[str, list]:
    """:func:`make_items` of the CSV at ``path``, read from ``cache`` when it was made from
    the same file (its SHA-256), else computed (``nlp``: the pipeline's spaCy model, loaded
    here when not given) and written there."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if cache is not None and cache.exists():
        with cache.open("rb") as handle:
            stored = pickle.load(handle)
        if stored.get("sha256") == digest:
            return stored["items"]
    if nlp is None:
        from dragoman.text import load_nlp

        nlp = load_nlp()
    items = make_items(read_stories(path), nlp)
    if cache is not None:
        with cache.open("wb") as handle:
            pickle.dump({"sha256": digest, "items": items}, handle)
    return items


def fit(config, plv_data, plv_y, syn=None, syn_y=None, weight: float = 0.0):
    """The model of ``config`` fitted on PLV rows plus (``weight`` > 0) synthetic rows."""
    import pandas as pd

    from dragoman.events.types_fit import build_model

    model = build_model(config)
    if syn is None or weight <= 0:
        return model.fit(plv_data, plv_y)
    data = pd.concat([plv_data, syn], ignore_index=True)
    y = np.concatenate([plv_y, syn_y])
    weights = np.concatenate([np.ones(len(plv_y)), np.full(len(syn_y), weight)])
    return model.fit(data, y, svm__sample_weight=weights)


def choose_recipe(config, plv_data, plv_y, synthetic: dict, syn_y, folds: int = 3, seed: int = 1):
    """The recipe of :data:`RECIPES` with the best macro-F1 in ``folds``-fold CV over these PLV
    rows (each inner model: PLV inner-train + all synthetic; scored on PLV inner-test only),
    and every recipe's score."""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold

    split = list(StratifiedKFold(folds, shuffle=True, random_state=seed).split(plv_data, plv_y))
    scores = {}
    for form, weight in RECIPES:
        predicted = np.empty(len(plv_y), dtype=object)
        for train, test in split:
            model = fit(config, plv_data.iloc[train], plv_y[train], synthetic[form], syn_y, weight)
            predicted[test] = model.predict(plv_data.iloc[test])
        scores[(form, weight)] = f1_score(plv_y, predicted, average="macro")
    return max(RECIPES, key=lambda r: scores[r]), scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=CSV)
    parser.add_argument("--cache", type=Path, default=CACHE)
    args = parser.parse_args(argv)
    if not args.csv.exists():
        print(f"{args.csv} not found: put ../shared beside the project", file=sys.stderr)
        return 2
    items = load_items(args.csv, cache=args.cache)
    marked = sum(i.source is not None or i.target is not None for i in items["marked"])
    print(f"{len(items['roots'])} items ({marked} with a party marked) → {args.cache}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
