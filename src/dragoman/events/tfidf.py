"""TF-IDF rows of a fitted ``TfidfVectorizer`` for the few rows of one article: the same
numbers as its ``transform``, without the per-call cost that dominates on a dozen rows.

``TfidfVectorizer.transform`` rebuilds its analyzer, counts through a generic loop, builds a
sparse array, sorts it and checks its input on every call; the sparse event typer calls it five
times an article. :class:`TfidfRows` makes the analyzer once, counts each row with the
vocabulary ids in ascending order (what ``sort_indices`` leaves) and, for character n-grams
within words (``char_wb``), remembers each word's ids: those n-grams never cross a space, so a
text's features are its words' features in order (``str.lower`` never makes or removes a
space), and most words of a window recur. The weighting is :func:`tfidf_weighting`, the steps
of ``TfidfTransformer.transform``; the rows are bit-identical (tests/events/test_tfidf.py).
"""
from __future__ import annotations

from collections import Counter

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

WORD_MEMO = 100_000  # words remembered per vectoriser (then forgotten all at once)


def tfidf_weighting(vectoriser: TfidfVectorizer, rows):
    """``TfidfTransformer.transform``'s weighting of count ``rows`` (CSR, float), in place:
    sublinear tf, idf, norm, without its input checks."""
    if vectoriser.sublinear_tf:
        np.log(rows.data, rows.data)
        rows.data += 1.0
    if vectoriser.use_idf:
        rows.data *= vectoriser.idf_[rows.indices]
    if vectoriser.norm == "l2":  # what normalize(rows, copy=False) runs on CSR rows
        inplace_csr_row_normalize_l2(rows)
        return rows
    return normalize(rows, norm=vectoriser.norm, copy=False) if vectoriser.norm else rows


def by_words(vectoriser: TfidfVectorizer) -> bool:
    """Whether the vectoriser's features are its text's words' features, word by word:
    character n-grams inside words, lowercased at most (no accent stripping, no custom
    preprocessor, which could move a space)."""
    return (vectoriser.analyzer == "char_wb" and vectoriser.preprocessor is None
            and vectoriser.strip_accents is None)


class TfidfRows:
    """``vectoriser.transform(texts)`` for one fitted ``TfidfVectorizer``, made once per
    typer and passed in; remembers up to :data:`WORD_MEMO` words (character n-grams)."""

    def __init__(self, vectoriser: TfidfVectorizer) -> None:
        self.vectoriser = vectoriser
        self.analyze = vectoriser.build_analyzer()
        self.vocabulary = vectoriser.vocabulary_
        self.width = len(vectoriser.vocabulary_)
        self.words: dict[str, tuple[int, ...]] | None = {} if by_words(vectoriser) else None

    def ids(self, text: str) -> list[int]:
        """The vocabulary ids of the text's features, in order, repeats kept."""
        vocabulary = self.vocabulary
        return [vocabulary[f] for f in self.analyze(text) if f in vocabulary]

    def _word_ids(self, word: str) -> tuple[int, ...]:
        found = self.words.get(word)
        if found is None:
            if len(self.words) >= WORD_MEMO:
                self.words.clear()
            found = self.words[word] = tuple(self.ids(word))
        return found

    def counts(self, texts: list[str]) -> sparse.csr_matrix:
        """``CountVectorizer.transform(texts)`` as float CSR rows, indices sorted."""
        indices: list[int] = []
        values: list[int] = []
        indptr = [0]
        for text in texts:
            counter = Counter()
            if self.words is None:
                counter.update(self.ids(text))
            else:
                for word in text.split():
                    counter.update(self._word_ids(word))
            row = sorted(counter)
            indices += row
            values += [1] * len(row) if self.vectoriser.binary else [counter[k] for k in row]
            indptr.append(len(indices))
        return sparse.csr_matrix((np.asarray(values, dtype=np.float64),
                                  np.asarray(indices, dtype=np.int32),
                                  np.asarray(indptr, dtype=np.int32)),
                                 shape=(len(texts), self.width))

    def transform(self, texts: list[str]):
        """The TF-IDF rows of ``texts``, as ``vectoriser.transform`` computes them."""
        return tfidf_weighting(self.vectoriser, self.counts(texts))
