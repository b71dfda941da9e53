"""The PLOVER event-type classifier: one sentence with its source and target marked → a root.

Trained on ``PLV_train.tsv`` (1,050 sentences, see ``scripts/train_event_types.py``); the
weights ship as ``dragoman/data/event_types.joblib``. Features (see :func:`features_text`):

- word 1–2-gram TF-IDF of the sentence with the source and target replaced by ``SOURCE`` and
  ``TARGET`` (names do not decide the type, the predicate does);
- word and character TF-IDF of the *window*: three words before the first party to eight after
  the last, which holds the predicate ("SOURCE has condemned TARGET to …");
- the MiniLM embedding of the plain sentence (:class:`dragoman.nlp.embed.Embedder`), when an
  embedder is given; without one a sparse-only model trained on the same data is used.

A linear SVM over those features gives one score per root. ``YIELD`` stands for PLOVER's
CONCEDE and RETREAT (PLV does not separate them); :func:`split_yield` picks one from the cue.

Make one :class:`EventTyper` per process and pass it in (it holds the fitted vectorisers).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files

import numpy as np

MODEL_RESOURCE = "event_types.joblib"
_SPACES = re.compile(r"\s+")
WINDOW_BEFORE, WINDOW_AFTER = 3, 8


@dataclass(frozen=True, slots=True)
class Marked:
    """A sentence with the character spans of its source and target (relative to it)."""

    sentence: str
    source: tuple[int, int] | None = None
    target: tuple[int, int] | None = None


def masked_text(item: Marked) -> str:
    """The sentence with its parties replaced by ``SOURCE``/``TARGET``."""
    spans = _spans(item)
    text = item.sentence
    for start, end, name in spans:
        text = f"{text[:start]} {name} {text[end:]}"
    return _SPACES.sub(" ", text).strip()


def _spans(item: Marked) -> list[tuple[int, int, str]]:
    spans = [(*item.source, "SOURCE")] if item.source else []
    if item.target and not (spans and _overlap(item.source, item.target)):
        spans.append((*item.target, "TARGET"))
    return sorted(spans, reverse=True)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def window_text(masked: str) -> str:
    """Words from three before the first party to eight after the last (the predicate)."""
    words = masked.split()
    marks = [i for i, w in enumerate(words) if w in ("SOURCE", "TARGET")]
    if not marks:
        return masked
    return " ".join(words[max(0, min(marks) - WINDOW_BEFORE): max(marks) + WINDOW_AFTER])


def features_text(items: Sequence[Marked]) -> tuple[list[str], list[str]]:
    """``(masked sentences, windows)`` for the vectorisers."""
    masked = [masked_text(i) for i in items]
    return masked, [window_text(m) for m in masked]


def build_model(embeddings: bool):
    """An unfitted scikit-learn pipeline over ``(masked, window, vector)`` rows."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import Pipeline
    from sklearn.svm import LinearSVC

    parts = [
        ("masked", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), "masked"),
        ("window", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), "window"),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                                  min_df=2), "window"),
    ]
    if embeddings:
        parts.append(("vector", "passthrough", [f"v{i}" for i in range(384)]))
    return Pipeline([("features", ColumnTransformer(parts)),
                     ("svm", LinearSVC(C=1.0, class_weight="balanced"))])


def frame(items: Sequence[Marked], vectors: np.ndarray | None):
    """The pandas frame the pipelines read."""
    import pandas as pd

    masked, window = features_text(items)
    data = pd.DataFrame({"masked": masked, "window": window})
    if vectors is not None:
        data = pd.concat([data, pd.DataFrame(vectors, columns=[f"v{i}" for i in range(384)])],
                         axis=1)
    return data


class EventTyper:
    """Scores the PLOVER roots of marked sentences. ``embedder`` is optional (faster without,
    about 0.03 macro-F1 less accurate on PLV)."""

    def __init__(self, embedder=None, models: dict | None = None) -> None:
        self.embedder = embedder
        self.models = models if models is not None else load_models()
        self.model = self.models["embedding" if embedder is not None else "sparse"]

    @property
    def labels(self) -> list[str]:
        return [str(label) for label in self.model.classes_]

    def scores(self, items: Sequence[Marked]) -> np.ndarray:
        """One row of root scores (SVM margins, in :attr:`labels` order) per item."""
        if not items:
            return np.zeros((0, len(self.labels)))
        vectors = None
        if self.embedder is not None:
            sentences = [i.sentence for i in items]
            unique = list(dict.fromkeys(sentences))
            encoded = self.embedder.encode(unique)
            row = {s: k for k, s in enumerate(unique)}
            vectors = encoded[[row[s] for s in sentences]]
        return self.model.decision_function(frame(items, vectors))

    def predict(self, items: Sequence[Marked]) -> list[str]:
        labels = self.labels
        return [labels[int(k)] for k in np.argmax(self.scores(items), axis=1)] if items else []


def load_models() -> dict:
    """The packaged fitted pipelines ``{"embedding": ..., "sparse": ...}``."""
    import joblib

    from dragoman.errors import DragomanError

    resource = files("dragoman.data") / MODEL_RESOURCE
    if not resource.is_file():
        raise DragomanError(f"the event-type model {MODEL_RESOURCE} is missing",
                            "rebuild it: .venv/bin/python scripts/train_event_types.py")
    try:
        with resource.open("rb") as handle:
            return joblib.load(handle)
    except (AttributeError, ImportError, ModuleNotFoundError, ValueError, TypeError) as err:
        raise DragomanError(
            f"the event-type model {MODEL_RESOURCE} cannot be read with this scikit-learn "
            f"({err})", "rebuild it: .venv/bin/python scripts/train_event_types.py") from err


def split_yield(cue_type: str | None) -> str:
    """PLV's YIELD as a PLOVER type: RETREAT when the cue says so, else CONCEDE."""
    return "RETREAT" if cue_type == "RETREAT" else "CONCEDE"
