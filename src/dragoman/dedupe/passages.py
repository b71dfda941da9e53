"""Shared passages between two texts: fingerprints to find candidates, seed-and-extend to align.

Fingerprints are winnowed word-shingle hashes (Schleimer, Wilkerson & Aiken 2003, the method of
MOSS): the smallest hash of every window of ``window`` consecutive shingles. Two texts that share
a run of at least ``window + shingle - 1`` words share at least one fingerprint, whatever else
they contain, so a small stored set per article finds every long shared passage.

The alignment seeds on shared ``seed``-word runs and extends each seed word by word in both
directions, so passages are found in any order (a wire quote moved to the top still aligns).
Neighbouring matches on the same diagonal with a gap of a few words (one word changed) merge.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from dragoman.dedupe.shingles import shingle_hashes, word_hashes, words_with_offsets


@dataclass(frozen=True)
class PassageConfig:
    """What counts as a shared passage; the defaults were chosen by measurement
    (docs/duplicates.md)."""

    shingle: int = 5  # words per fingerprinted shingle
    window: int = 8  # winnowing window: passages of >= shingle + window - 1 words are found
    min_words: int = 12  # the shortest passage reported
    merge_gap: int = 3  # words that may differ inside one passage
    max_df: int = 50  # fingerprints shared by more stored articles are boilerplate: ignored
    max_candidates: int = 20  # stored (and in-batch) articles aligned with each new one, at most


@dataclass(frozen=True)
class Tokens:
    """A text's words, their hashes and character spans."""

    text: str
    words: list[str]
    hashes: np.ndarray
    spans: np.ndarray

    @classmethod
    def of(cls, text: str) -> "Tokens":
        found, spans = words_with_offsets(text)
        return cls(text, found, word_hashes(found), spans)


def fingerprints(tokens: Tokens, config: PassageConfig) -> tuple[int, ...]:
    """The winnowed shingle hashes of a text (distinct, sorted)."""
    hashes = shingle_hashes(tokens.hashes, config.shingle)
    if len(tokens.words) < config.shingle:
        return ()
    if len(hashes) <= config.window:
        return (int(hashes.min()),)
    windows = np.lib.stride_tricks.sliding_window_view(hashes, config.window)
    return tuple(int(h) for h in np.unique(windows.min(axis=1)))


@dataclass(frozen=True)
class Match:
    """Words ``a .. a + len_a`` of text A match ``b .. b + len_b`` of text B (``words`` equal)."""

    a: int
    b: int
    len_a: int
    len_b: int
    words: int


def seed_matches(a: Tokens, b: Tokens, seed: int) -> list[Match]:
    """Maximal runs of equal words (at least ``seed`` long) in any order, one per diagonal run."""
    grams_a: dict[bytes, list[int]] = defaultdict(list)
    ha, hb = shingle_hashes(a.hashes, seed), shingle_hashes(b.hashes, seed)
    if len(a.words) < seed or len(b.words) < seed:
        return []
    for i, value in enumerate(ha.tolist()):
        grams_a[value].append(i)
    covered: dict[int, int] = {}  # diagonal (i - j) → B position the last run there reached
    matches = []
    for j, value in enumerate(hb.tolist()):
        for i in grams_a.get(value, ()):
            if covered.get(i - j, -1) > j:
                continue
            start_i, start_j, length = _extend(a.words, b.words, i, j)
            if length >= seed:
                matches.append(Match(start_i, start_j, length, length, length))
            covered[i - j] = start_j + max(length, 1)
    return matches


def _extend(wa: list[str], wb: list[str], i: int, j: int) -> tuple[int, int, int]:
    """The maximal run of equal words through position (i, j): its starts and length."""
    while i > 0 and j > 0 and wa[i - 1] == wb[j - 1]:
        i, j = i - 1, j - 1
    length = 0
    while i + length < len(wa) and j + length < len(wb) and wa[i + length] == wb[j + length]:
        length += 1
    return i, j, length


def merge_matches(matches: list[Match], gap: int) -> list[Match]:
    """Runs in the same order in both texts, a few words apart in each, become one."""
    merged: list[Match] = []
    for match in sorted(matches, key=lambda m: (m.a, m.b)):
        last = merged[-1] if merged else None
        if last is not None:
            gap_a, gap_b = match.a - (last.a + last.len_a), match.b - (last.b + last.len_b)
            if 0 <= gap_a <= gap and 0 <= gap_b <= gap:
                merged[-1] = Match(last.a, last.b, match.a + match.len_a - last.a,
                                   match.b + match.len_b - last.b, last.words + match.words)
                continue
        merged.append(match)
    return merged


def shared_passages(a: Tokens, b: Tokens, config: PassageConfig) -> list[dict]:
    """The passages of at least ``min_words`` words that A and B share, with both spans."""
    matches = merge_matches(seed_matches(a, b, config.shingle), config.merge_gap)
    passages = []
    for m in matches:
        if m.words < config.min_words:
            continue
        a_start, a_end = int(a.spans[m.a][0]), int(a.spans[m.a + m.len_a - 1][1])
        b_start, b_end = int(b.spans[m.b][0]), int(b.spans[m.b + m.len_b - 1][1])
        passages.append({"a_start": a_start, "a_end": a_end, "b_start": b_start,
                         "b_end": b_end, "words": m.words, "text": a.text[a_start:a_end]})
    return sorted(passages, key=lambda p: p["a_start"])


def coverage(passages: list[dict], a: Tokens, b: Tokens) -> float:
    """The share of the shorter text's words that lie inside shared passages."""
    shorter = min(len(a.words), len(b.words))
    return min(1.0, sum(p["words"] for p in passages) / shorter) if shorter else 0.0
