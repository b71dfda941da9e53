"""The cached views of a parsed document give exactly what spaCy's own properties give."""
from __future__ import annotations

import pytest
from spacy.lang.en import English

from dragoman.text.doctext import doc_ents, doc_text, keep_text, quote_tokens, span_ents

TEXT = ("Russia and Turkey met in Astana on Monday. Sergei Lavrov said the ceasefire held. "
        "The UN envoy Staffan de Mistura will travel to Geneva in February.")


@pytest.mark.model
def test_cached_text_and_entities_equal_spacy_properties(nlp):
    doc = nlp(TEXT)
    assert doc_text(doc) == doc.text
    assert [(e.start, e.end, e.label_) for e in doc_ents(doc)] == \
        [(e.start, e.end, e.label_) for e in doc.ents]
    for span in [*doc.sents, doc[2:9], doc[0:1], doc[5:len(doc)]]:
        assert [(e.start, e.end) for e in span_ents(span)] == \
            [(e.start, e.end) for e in span.ents]


def test_kept_text_is_what_doc_text_returns_and_a_text_of_another_length_is_not_kept():
    blank = English()
    doc = keep_text(blank("Lavrov met  Kerry.\n"), "Lavrov met  Kerry.\n")
    assert doc_text(doc) == "Lavrov met  Kerry.\n" == doc.text
    other = keep_text(blank("Lavrov met Kerry."), "Lavrov met Kerry. And more.")
    assert doc_text(other) == "Lavrov met Kerry."
    assert doc_text(keep_text(blank(""), "")) == ""


def test_quote_tokens_are_the_quote_marks_of_a_token_range():
    doc = English()('He said “we will go” and "they" agreed, `` no \'\' more.')
    marks = [t.i for t in doc if t.text in ('"', "“", "”", "''", "``")]
    assert quote_tokens(doc) == marks and len(marks) == 5
    assert quote_tokens(doc, 0, 3) == [m for m in marks if m < 3]
    assert quote_tokens(doc, marks[1], marks[4]) == marks[1:4] == [6, 8, 10]
