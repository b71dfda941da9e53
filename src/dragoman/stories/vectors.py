"""Term vectors for story clustering: hashed words, with document frequencies kept as articles
arrive, so TF-IDF weights need no refit and a later run continues where the last one stopped.

A document's vector is its sublinear term frequencies (hashed into ``N_FEATURES`` columns,
English stop words out, unit length); IDF is applied when comparing, from the running ``df``.
"""
from __future__ import annotations

import io

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

N_FEATURES = 2 ** 20


class TermStats:
    """Running document frequencies over every article seen (the IDF of the corpus so far)."""

    def __init__(self, n_docs: int = 0, df: np.ndarray | None = None,
                 analyzer: str = "word") -> None:
        if analyzer == "char":  # character 3–5-grams inside words: short headlines
            self.vectorizer = HashingVectorizer(
                n_features=N_FEATURES, alternate_sign=False, norm=None, analyzer="char_wb",
                ngram_range=(3, 5), lowercase=True)
        else:
            self.vectorizer = HashingVectorizer(
                n_features=N_FEATURES, alternate_sign=False, norm=None, stop_words="english",
                lowercase=True, token_pattern=r"(?u)\b[^\W\d_][\w'’-]*\w\b|\b\d{4}\b")
        self.n_docs = n_docs
        self.df = df if df is not None else np.zeros(N_FEATURES, dtype=np.int32)

    def tf(self, texts: list[str]) -> sparse.csr_matrix:
        """Sublinear term frequencies, rows of unit length (no IDF yet)."""
        counts = self.vectorizer.transform(texts).tocsr().astype(np.float32)
        counts.data = 1.0 + np.log(counts.data)
        return _normalise(counts)

    def observe(self, tf: sparse.csr_matrix) -> None:
        """Count the documents of ``tf`` in the document frequencies."""
        columns, per_column = np.unique(tf.indices, return_counts=True)
        self.df[columns] += per_column.astype(np.int32)
        self.n_docs += tf.shape[0]

    def idf(self, columns: np.ndarray) -> np.ndarray:
        """Smoothed IDF of the given columns: ln((1 + n) / (1 + df)) + 1."""
        return (np.log((1.0 + self.n_docs) / (1.0 + self.df[columns])) + 1.0).astype(np.float32)

    # --- persistence: only the columns seen are kept ------------------------------------

    def to_bytes(self) -> bytes:
        columns = np.flatnonzero(self.df).astype(np.int32)
        buffer = io.BytesIO()
        np.savez_compressed(buffer, columns=columns, counts=self.df[columns])
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, n_docs: int, data: bytes | None, analyzer: str = "word") -> "TermStats":
        df = np.zeros(N_FEATURES, dtype=np.int32)
        if data:
            arrays = np.load(io.BytesIO(data))
            df[arrays["columns"]] = arrays["counts"]
        return cls(n_docs, df, analyzer)


def _normalise(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms).dot(matrix), dtype=np.float32)


def top_terms(row: dict[int, float], keep: int) -> dict[int, float]:
    """The ``keep`` heaviest terms of a centroid (bounds a story's memory)."""
    if len(row) <= keep:
        return row
    return dict(sorted(row.items(), key=lambda kv: -kv[1])[:keep])
