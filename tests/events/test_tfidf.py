"""TfidfRows gives the rows of a fitted TfidfVectorizer's transform, bit for bit."""
from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from dragoman.events import tfidf
from dragoman.events.tfidf import TfidfRows, by_words

TRAIN = ["Russia condemned the strikes on Aleppo", "The rebels walked out of the talks",
         "SOURCE urged TARGET to halt the strikes", "Turkey and Iran sponsored talks in Astana",
         "the army attacked rebels near Aleppo", "officials rejected the ceasefire deal"]
TEXTS = ["Russia  condemned\tthe strikes on ALEPPO", "", "İstanbul talks, the talks",
         "nothing known here", "SOURCE urged TARGET to halt the strikes the strikes",
         "walked out\nof the talks in Astana"]


def _same(a, b) -> bool:
    a, b = a.tocsr(), b.tocsr()
    return (a.shape == b.shape and a.data.dtype == b.data.dtype
            and np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)
            and np.array_equal(a.data, b.data))


@pytest.mark.parametrize("vectoriser", [
    TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
    TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True),
    TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), binary=True, norm="l1"),
    TfidfVectorizer(token_pattern=r"\S+", lowercase=False, use_idf=False),
    TfidfVectorizer(analyzer="char_wb", strip_accents="unicode"),
])
def test_rows_equal_the_vectorisers_own_transform_on_repeated_calls(vectoriser):
    vectoriser.fit(TRAIN)
    rows = TfidfRows(vectoriser)
    for _ in range(2):  # the second time from the remembered words
        assert _same(rows.transform(TEXTS), vectoriser.transform(TEXTS))
    assert _same(rows.transform(TEXTS[:1]), vectoriser.transform(TEXTS[:1]))


def test_only_plain_char_wb_vectorisers_are_read_word_by_word(monkeypatch):
    assert by_words(TfidfVectorizer(analyzer="char_wb"))
    assert not by_words(TfidfVectorizer())
    assert not by_words(TfidfVectorizer(analyzer="char_wb", strip_accents="ascii"))
    vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 4)).fit(TRAIN)
    rows = TfidfRows(vectoriser)
    monkeypatch.setattr(tfidf, "WORD_MEMO", 3)  # the memo is emptied when full
    assert _same(rows.transform(TEXTS), vectoriser.transform(TEXTS))
    assert len(rows.words) <= 3
