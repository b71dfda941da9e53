"""Language identification with py3langid (langid.py's model, 97 languages, pure Python).

Chosen over langdetect (slower, non-deterministic without a seed) and lingua (large install)
after a measurement on the demo corpus; see docs/ingestion.md.
"""
from __future__ import annotations

from py3langid.langid import MODEL_FILE, LanguageIdentifier

_SAMPLE_CHARS = 3000
_MIN_LETTERS = 20


class LanguageGuesser:
    """Made once (loading the model takes a fraction of a second) and passed in."""

    def __init__(self, min_confidence: float = 0.5) -> None:
        self.identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        self.min_confidence = min_confidence

    def guess(self, text: str) -> str | None:
        """ISO 639-1 code of ``text``'s language, or None when too short or unsure."""
        sample = text[:_SAMPLE_CHARS]
        if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS:
            return None
        language, confidence = self.identifier.classify(sample)
        return language if confidence >= self.min_confidence else None
