"""Issue 20, item 1: a CSV row whose text field is 5 MB (over spaCy's 1,000,000 characters)
is read as one record, kept whole and not annotated; the rows beside it are read too."""
from __future__ import annotations

import csv

from dragoman.clean.language import LanguageGuesser
from dragoman.clean.stage import MAX_NLP_CHARS, clean_record
from dragoman.ingest import read_inputs
from dragoman.model import Article, RawDoc
from dragoman.settings import Settings

SETTINGS = Settings()
SENTENCE = "The envoy said the talks in Geneva would go on next week. "


def test_a_csv_row_with_a_5_mb_text_field_is_one_article_not_annotated(tmp_path):
    big = SENTENCE * (5_000_000 // len(SENTENCE))
    path = tmp_path / "rows.csv"
    with open(path, "w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([["title", "text"], ["Big", big],
                                   ["Small", "Ministers met in Vienna on Tuesday to talk."]])
    records = list(read_inputs([str(path)], SETTINGS))
    assert [type(r) for r in records] == [RawDoc, RawDoc]
    assert len(records[0].text) >= len(big) > MAX_NLP_CHARS
    articles = [clean_record(r, SETTINGS, LanguageGuesser()) for r in records]
    assert all(isinstance(a, Article) for a in articles)
    assert len(articles[0].text) > MAX_NLP_CHARS and articles[0].nlp_skipped
    assert articles[1].nlp_skipped is None
