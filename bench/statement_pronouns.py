"""The pronoun resolver of :mod:`dragoman.statements.pronouns` on GAP (pronoun → name).

GAP (``../shared/benchmarks/coref/gap``): each row gives a passage, a pronoun and two names A
and B; the task is to say for each name whether the pronoun refers to it. Candidates are the
spaCy PERSON mentions of the passage, linked to actors by :func:`link_document`, plus the A
and B spans (the task's given mentions); the resolver picks one actor (or none), and A (B) is
predicted coreferent when that actor is A's (B's). Scored like the official ``gap_scorer.py``:
precision, recall and F1 over the A and B decisions, overall and by the pronoun's gender.
Development trains the model, gradient-boosted trees chosen by 5-fold cross-validation on it
(``scripts/train_statement_confidence.py pronouns``); validation is reported once per model
considered for shipping. The GAP test split is never used.
"""
from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import DocBin

from dragoman.actors.mentions import link_document, load_gazetteer
from dragoman.statements.cues import load_cues
from dragoman.statements.pronouns import (
    Candidate,
    PronounModel,
    candidate_features,
    head_token,
    quoted_offsets,
    rank,
)

GAP = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "coref" / "gap"
_FEMININE = frozenset({"she", "her", "hers", "herself"})


@dataclass
class Row:
    """One GAP row with its candidates scored: ``keys`` of A and B, their gold labels."""

    scored: list
    key_a: str
    key_b: str
    gold_a: bool
    gold_b: bool
    feminine: bool


def read_split(split: str) -> list[dict]:
    path = GAP / f"gap-{split}.tsv"
    if split == "test" or not path.exists():
        raise SystemExit(f"{path}: only the development and validation splits are used")
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def parse_rows(nlp, rows: list[dict], split: str) -> list:
    cache = Path(os.environ.get("DRAGOMAN_CACHE_DIR", Path.home() / ".cache" / "dragoman"))
    path = cache / "bench" / f"gap-{split}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe((r["Text"] for r in rows), batch_size=32))
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs).to_disk(path)
    return docs


def _key_of(mentions, start: int, end: int, fallback: str) -> str:
    for mention in mentions:
        if mention.start < end and start < mention.end:
            return mention.key
    return fallback


def first_name_genders(rows: list[dict], least: int = 2) -> dict:
    """First name → "m"/"f" from the names a pronoun refers to (rows of GAP development),
    kept when seen ``least`` times and always with the same gender."""
    seen: dict = {}
    for row in rows:
        gender = "f" if row["Pronoun"].lower() in _FEMININE else "m"
        for name in ("A", "B"):
            words = row[name].split()
            if row[f"{name}-coref"] == "TRUE" and len(words) > 1 and words[0].isalpha():
                seen.setdefault(words[0].lower(), []).append(gender)
    return {name: g[0] for name, g in sorted(seen.items())
            if len(g) >= least and len(set(g)) == 1}


def build_rows(nlp, split: str, genders: dict) -> list[Row]:
    """Every GAP row of ``split`` with its pronoun's candidates and their features;
    ``genders``: the first-name table of the model."""
    rows = read_split(split)
    docs = parse_rows(nlp, rows, split)
    gazetteer, speech = load_gazetteer(), frozenset(load_cues().entries)
    out = []
    for row, doc in zip(rows, docs):
        actors = link_document("gap", doc.ents, gazetteer)
        people = [Candidate(m.start, m.end, m.actor_id) for m in actors.mentions
                  if m.label == "PERSON" and m.actor_id]
        spans = {}
        for name in ("A", "B"):
            start = int(row[f"{name}-offset"])
            end = start + len(row[name])
            spans[name] = Candidate(start, end, _key_of(people, start, end, name))
        extra = [c for c in spans.values() if not any(
            p.start < c.end and c.start < p.end for p in people)]
        candidates = people + extra
        offset = int(row["Pronoun-offset"])
        pronoun = head_token(doc, offset, offset + len(row["Pronoun"]))
        if pronoun is None:
            continue
        scored = candidate_features(doc, pronoun, candidates, quoted_offsets(row["Text"]),
                                    speech, genders)
        out.append(Row(scored, spans["A"].key, spans["B"].key, row["A-coref"] == "TRUE",
                       row["B-coref"] == "TRUE", pronoun.lower_ in _FEMININE))
    return out


def mention_examples(rows: list[Row]) -> tuple[list[dict], list[int]]:
    """Mention-level training pairs: a mention is positive when it names the gold referent."""
    features, labels = [], []
    for row in rows:
        gold = {row.key_a} if row.gold_a else {row.key_b} if row.gold_b else set()
        for mention, feats in row.scored:
            features.append(feats)
            labels.append(int(mention.key in gold))
    return features, labels


def predictions(model: PronounModel, row: Row) -> tuple[bool, bool]:
    ranked = rank(model, row.scored)
    if not ranked or ranked[0][1] < model.threshold:
        return False, False
    key = ranked[0][0]
    return key == row.key_a, key == row.key_b


def score(model: PronounModel, rows: list[Row]) -> dict:
    """P/R/F1 of the A/B decisions, overall and by gender (``masculine``, ``feminine``)."""
    tallies = {"overall": [0, 0, 0], "masculine": [0, 0, 0], "feminine": [0, 0, 0]}
    for row in rows:
        guess = predictions(model, row)
        for group in ("overall", "feminine" if row.feminine else "masculine"):
            tally = tallies[group]
            for predicted, gold in zip(guess, (row.gold_a, row.gold_b)):
                tally[0] += predicted and gold
                tally[1] += predicted
                tally[2] += gold
    out = {}
    for group, (tp, predicted, gold) in tallies.items():
        p = tp / predicted if predicted else 0.0
        r = tp / gold if gold else 0.0
        out[group] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def table(result: dict, split: str) -> str:
    lines = [f"| GAP {split} | P | R | F1 |", "|---|---|---|---|"]
    for group, (p, r, f) in result.items():
        lines.append(f"| {group} | {100 * p:.1f} | {100 * r:.1f} | {100 * f:.1f} |")
    m, f = result["masculine"][2], result["feminine"][2]
    lines.append(f"\nBias (F1 feminine / masculine): {f / m if m else 0.0:.2f}.")
    return "\n".join(lines)
