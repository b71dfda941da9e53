"""Words with their character offsets, and hashed word shingles (k-grams).

Words are ``\\w+`` runs, case-folded: the same tokens the exact-duplicate key uses, so case,
spacing and punctuation never make two copies look different. Hashes are stable across runs
and machines (CRC-32, then mixed): signatures stored today still match texts read next year.
"""
from __future__ import annotations

import re
import zlib

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
_MIX = np.array([0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1, 0xD3A2646C,
                 0xFD7046C5, 0xB55A4F09], dtype=np.uint64)


def words(text: str) -> list[str]:
    """The case-folded words of ``text``, in order."""
    return [w.casefold() for w in _WORD.findall(text)]


def words_with_offsets(text: str) -> tuple[list[str], np.ndarray]:
    """The case-folded words and an ``(n, 2)`` array of their ``start, end`` in ``text``."""
    found, spans = [], []
    for match in _WORD.finditer(text):
        found.append(match.group().casefold())
        spans.append(match.span())
    return found, np.array(spans, dtype=np.int64).reshape(-1, 2)


def word_hashes(tokens: list[str]) -> np.ndarray:
    """A stable 32-bit hash per word (CRC-32 of its UTF-8 bytes)."""
    return np.fromiter((zlib.crc32(t.encode("utf-8", "surrogatepass")) for t in tokens),
                       dtype=np.uint64, count=len(tokens))


def shingle_hashes(hashes: np.ndarray, k: int) -> np.ndarray:
    """A 32-bit hash per window of ``k`` consecutive words (order matters), in text order.

    Texts shorter than ``k`` words give one shingle of all their words, so that a short text
    is never an empty set.
    """
    if len(hashes) == 0:
        return np.zeros(0, dtype=np.uint64)
    k = min(k, len(hashes), len(_MIX))
    windows = len(hashes) - k + 1
    mixed = np.zeros(windows, dtype=np.uint64)
    for offset in range(k):
        mixed = mixed * np.uint64(31) + hashes[offset:offset + windows] * _MIX[offset]
    mixed ^= mixed >> np.uint64(29)
    return mixed & np.uint64(0xFFFFFFFF)


def shingle_set(text: str, k: int) -> np.ndarray:
    """The distinct ``k``-word shingle hashes of ``text`` (sorted)."""
    return np.unique(shingle_hashes(word_hashes(words(text)), k))
