"""The cached views of a parsed document give exactly what spaCy's own properties give."""
from __future__ import annotations

import pytest

from dragoman.text.doctext import doc_ents, doc_text, span_ents

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
