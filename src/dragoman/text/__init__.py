"""Text: what every NLP domain shares and nothing domain-specific.

Owns the one place a spaCy pipeline is loaded (:func:`load_nlp`, :mod:`~dragoman.text.loader`)
and the sentence-embedding model (:class:`Embedder`, :mod:`~dragoman.text.embed`), a parsed
document's text (:func:`doc_text`), character spans of plain text (:mod:`~dragoman.text.spans`)
and the parse helpers the domains build on (:mod:`~dragoman.text.parse`: a verb's subject and
object, a readable noun phrase, a token's sentence clipped to its line). It imports no other
dragoman package but ``errors``.
"""
from dragoman.text.doctext import doc_text
from dragoman.text.embed import Embedder
from dragoman.text.loader import load_nlp
from dragoman.text.parse import (
    adjacent_name,
    clipped_sentence,
    is_clause_verb,
    is_complement,
    noun_phrase,
    object_of,
    subject_of,
)
from dragoman.text.spans import paragraph_bounds, strip_bounds

__all__ = ["Embedder", "adjacent_name", "clipped_sentence", "doc_text", "is_clause_verb",
           "is_complement", "load_nlp", "noun_phrase", "object_of", "paragraph_bounds",
           "strip_bounds", "subject_of"]
