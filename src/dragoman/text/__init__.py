"""NLP: the one place a spaCy model is loaded, and the annotate stage that uses it."""
from dragoman.text.loader import load_nlp

__all__ = ["load_nlp"]
