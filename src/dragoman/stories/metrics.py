"""Evaluation measures for stories, timelines and summaries, written from their definitions.

- Clustering: B-cubed precision/recall/F1 (Bagga & Baldwin 1998) and pairwise P/R/F1.
- Timelines: the tilse measures (Martschat & Markert 2017) — Date-F1, concatenation ROUGE and
  alignment-based ROUGE with many-to-one date alignment (tilse's
  ``align_date_content_costs_many_to_one``, "align+ m:1"): each date of one timeline is aligned
  to the date of the other with the least cost ``(1 - 1/(|Δdays| + 1)) * (1 - ROUGE-1 F1)``;
  the n-gram hits of an aligned pair are weighted by ``1 / (|Δdays| + 1)``, hits and totals are
  summed over the timeline. The n-grams of a date are those of its sentences read as one text.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# --- clustering ---------------------------------------------------------------------------


def bcubed(predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> dict:
    """B-cubed P/R/F1 over the items of ``gold`` (item → cluster label in each)."""
    items = list(gold)
    pred_members, gold_members = _members(predicted, items), _members(gold, items)
    precision = recall = 0.0
    for item in items:
        mine, truth = pred_members[predicted[item]], gold_members[gold[item]]
        both = len(mine & truth)
        precision += both / len(mine)
        recall += both / len(truth)
    p, r = precision / len(items), recall / len(items)
    return {"precision": p, "recall": r, "f1": _f1(p, r)}


def pairwise(predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> dict:
    """Pairwise P/R/F1: pairs of items put in one cluster, against the gold pairs."""
    items = list(gold)
    joint = Counter((predicted[i], gold[i]) for i in items)
    pairs = lambda counts: sum(n * (n - 1) // 2 for n in counts)  # noqa: E731
    both = pairs(joint.values())
    pred = pairs(Counter(predicted[i] for i in items).values())
    true = pairs(Counter(gold[i] for i in items).values())
    p = both / pred if pred else 1.0
    r = both / true if true else 1.0
    return {"precision": p, "recall": r, "f1": _f1(p, r)}


def _members(labels: Mapping[Hashable, Hashable], items: list) -> dict:
    members: dict = {}
    for item in items:
        members.setdefault(labels[item], set()).add(item)
    return members


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# --- ROUGE n-gram counts (tilse's preprocessing: lower case, stop words out, Porter stems) ---

Timeline = Mapping[dt.date, Sequence[str]]
_TOKEN = re.compile(r"[a-z0-9]+")


class Rouge:
    """Token preprocessing shared by all timeline measures: lower case, alphanumeric tokens,
    English stop words removed, Porter stems (as ROUGE-1.5.5 with ``-m -s``)."""

    def __init__(self, stem: bool = True, stopwords: bool = True) -> None:
        # lazy: nltk comes with the dev extra (for the timeline benchmarks), not with dragoman
        from nltk.stem.porter import PorterStemmer

        self.stemmer = PorterStemmer() if stem else None
        self.stopwords = ENGLISH_STOP_WORDS if stopwords else frozenset()
        self._cache: dict[str, str] = {}

    def tokens(self, text: str) -> list[str]:
        out = []
        for token in _TOKEN.findall(text.lower()):
            if token in self.stopwords:
                continue
            if self.stemmer is not None:
                stem = self._cache.get(token)
                if stem is None:
                    stem = self._cache[token] = self.stemmer.stem(token)
                token = stem
            out.append(token)
        return out

    def ngrams(self, sentences: Sequence[str], n: int) -> Counter:
        """n-grams of the sentences read one after the other (as tilse does)."""
        tokens = [t for sentence in sentences for t in self.tokens(sentence)]
        return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


# --- timelines ------------------------------------------------------------------------------


def date_f1(predicted: Timeline, gold: Timeline) -> dict:
    """Precision/recall/F1 of the set of dates (exact day)."""
    pred, true = set(predicted), set(gold)
    both = len(pred & true)
    p = both / len(pred) if pred else 0.0
    r = both / len(true) if true else 0.0
    return {"precision": p, "recall": r, "f1": _f1(p, r)}


@dataclass
class Counts:
    """Hits and totals of an n-gram comparison (micro-summed over a timeline)."""

    hits_p: float = 0.0
    total_p: float = 0.0
    hits_r: float = 0.0
    total_r: float = 0.0

    def scores(self) -> dict:
        p = self.hits_p / self.total_p if self.total_p else 0.0
        r = self.hits_r / self.total_r if self.total_r else 0.0
        return {"precision": p, "recall": r, "f1": _f1(p, r)}


def concat_rouge(predicted: Timeline, gold: Timeline, n: int, rouge: Rouge) -> dict:
    """ROUGE-n of all predicted sentences against all gold sentences (dates ignored)."""
    pred = rouge.ngrams([s for d in predicted for s in predicted[d]], n)
    true = rouge.ngrams([s for d in gold for s in gold[d]], n)
    hits = sum((pred & true).values())
    return Counts(hits, sum(pred.values()), hits, sum(true.values())).scores()


def align_many_to_one(source: Timeline, target: Timeline, rouge: Rouge) -> dict:
    """Each date of ``source`` aligned to the date of ``target`` with the least cost
    ``(1 - 1/(|Δdays| + 1)) * (1 - ROUGE-1 F1 of the two dates' sentences)``; on a tie the
    earliest target date. Returns source date → target date."""
    vectors = {d: rouge.ngrams(source[d], 1) for d in source}
    targets = {d: rouge.ngrams(target[d], 1) for d in sorted(target)}
    alignment = {}
    for date, vector in vectors.items():
        alignment[date] = min(targets, key=lambda t: (
            (1.0 - 1.0 / (abs((date - t).days) + 1)) * (1.0 - _overlap_f1(vector, targets[t])), t))
    return alignment


def align_rouge(predicted: Timeline, gold: Timeline, n: int, rouge: Rouge) -> dict:
    """Alignment-based ROUGE-n (many-to-one): predicted dates aligned to gold dates give
    precision, gold dates aligned to predicted dates give recall; an aligned pair's n-gram hits
    are weighted by ``1 / (|Δdays| + 1)``. Empty timelines score zero."""
    counts = Counts()
    if predicted and gold:
        for date, target in align_many_to_one(predicted, gold, rouge).items():
            pred, true = rouge.ngrams(predicted[date], n), rouge.ngrams(gold[target], n)
            counts.hits_p += sum((pred & true).values()) / (abs((date - target).days) + 1)
        for date, target in align_many_to_one(gold, predicted, rouge).items():
            true, pred = rouge.ngrams(gold[date], n), rouge.ngrams(predicted[target], n)
            counts.hits_r += sum((pred & true).values()) / (abs((date - target).days) + 1)
    counts.total_p = sum(sum(rouge.ngrams(predicted[d], n).values()) for d in predicted)
    counts.total_r = sum(sum(rouge.ngrams(gold[d], n).values()) for d in gold)
    return counts.scores()


def _overlap_f1(a: Counter, b: Counter) -> float:
    """ROUGE-1 F1 of two unigram counts (clipped matches)."""
    hits = sum((a & b).values())
    p = hits / sum(a.values()) if a else 0.0
    r = hits / sum(b.values()) if b else 0.0
    return _f1(p, r)


def average(results: list[dict]) -> dict:
    """news-tls style dataset score: P and R averaged over tasks, F1 from the averages."""
    if not results:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    p = sum(r["precision"] for r in results) / len(results)
    r = sum(r["recall"] for r in results) / len(results)
    return {"precision": p, "recall": r, "f1": _f1(p, r)}
