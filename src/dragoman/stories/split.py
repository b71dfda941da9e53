"""Splitting a story in two: find the two groups its articles fall into, and say how far apart
they are.

A story is bisected with spherical 2-means on its members' TF-IDF vectors (started from the
member least like the story and the member least like that one, so it is deterministic); the
two groups are *clearly separate* when the cosine of their centroids is under a threshold and
the smaller group is not a stray article or two.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse


@dataclass(frozen=True)
class Bisection:
    """Two groups of a story's members (positions into the member list) and the cosine of
    their centroids."""

    first: tuple[int, ...]
    second: tuple[int, ...]
    cosine: float


def bisect(rows: sparse.csr_matrix, iterations: int = 10) -> Bisection | None:
    """Split the unit-length rows in two groups (spherical 2-means); None when there are fewer
    than two distinct rows."""
    n = rows.shape[0]
    if n < 2:
        return None
    gram = (rows @ rows.T).toarray()
    centre = gram.sum(axis=1)                     # each row against the (unnormalised) centroid
    a = int(np.argmin(centre))
    b = int(np.argmin(gram[a]))
    if a == b or gram[a, b] >= 1.0 - 1e-9:
        return None
    labels = (gram[:, b] > gram[:, a]).astype(int)
    for _ in range(iterations):
        sums = np.vstack([gram[:, labels == k].sum(axis=1) for k in (0, 1)]).T   # n × 2 dots
        norms = np.array([np.sqrt(max(gram[np.ix_(labels == k, labels == k)].sum(), 1e-12))
                          for k in (0, 1)])
        new = (sums[:, 1] / norms[1] > sums[:, 0] / norms[0]).astype(int)
        if new.min() == new.max() or np.array_equal(new, labels):
            break   # converged (or every row went one way: keep the last two groups)
        labels = new
    first, second = np.flatnonzero(labels == 0), np.flatnonzero(labels == 1)
    if not len(first) or not len(second):
        return None
    return Bisection(tuple(first.tolist()), tuple(second.tolist()),
                     centroid_cosine(gram, first, second))


def centroid_cosine(gram: np.ndarray, first: np.ndarray, second: np.ndarray) -> float:
    """Cosine of the centroids (sums) of two groups of rows, from their Gram matrix."""
    cross = gram[np.ix_(first, second)].sum()
    norm = np.sqrt(gram[np.ix_(first, first)].sum() * gram[np.ix_(second, second)].sum())
    return float(cross / norm) if norm > 0 else 0.0


def separate(cut: Bisection | None, threshold: float, min_part: int) -> bool:
    """The two groups are clearly separate stories: centroids further apart than
    ``threshold`` and each group at least ``min_part`` articles."""
    return (cut is not None and cut.cosine < threshold
            and min(len(cut.first), len(cut.second)) >= min_part)


__all__ = ["Bisection", "bisect", "centroid_cosine", "separate"]
