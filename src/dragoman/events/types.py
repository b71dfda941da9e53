"""The PLOVER event-type classifier: one sentence with its source and target marked → a root.

Trained on ``PLV_train.tsv`` (1,050 sentences, see ``scripts/train_event_types.py``); the
weights ship as ``dragoman/data/event_types.joblib``. Features (see :func:`frame`):

- word 1–2-gram TF-IDF of the sentence with the source and target replaced by ``SOURCE`` and
  ``TARGET`` (names do not decide the type, the predicate does);
- word and character TF-IDF of the *window*: three words before the first party to eight after
  the last, which holds the predicate ("SOURCE has condemned TARGET to …");
- from the parse (:mod:`dragoman.events.trigger`): the trigger's symbols (lemma,
  particles, prepositions, object, governing and governed verbs, negation, how each party
  hangs on it) and the masked sentence's lemmas;
- in the embedding model, MiniLM vectors (:class:`dragoman.text.embed.Embedder`) of the plain
  sentence and/or of the trigger's clause.

A linear SVM over those features gives one score per root. Which parse features, vectors and
C each shipped model uses was chosen by cross-validation on PLV among :data:`SPARSE_CANDIDATES`
and :data:`EMBEDDING_CANDIDATES` (:func:`select_config`); the choice is stored with the model.
``EventTyper(tuned=True)`` averages the sparse SVM's margins with the probabilities of a
fine-tuned MiniLM that reads the sentence with its parties marked
(:mod:`dragoman.events.types_tuned`, weights ``dragoman/data/event_types_tuned.pt``):
0.784 → 0.847 macro-F1 on PLV by nested CV (``python -m bench events plv``). It runs the
fine-tuned model only where it can change the outcome (:func:`cascade`): exactly the same
types, MiniLM on about a third of the candidates in articles (the lexicon bonus decides the
rest), but still ~6× the sparse typer's cost (92 against 15 CPU ms an article, measured
before the sparse typer read its text columns directly, which cut its cost by more than
half), so it is not the default (docs/events.md).
``YIELD`` stands for PLOVER's CONCEDE and RETREAT (PLV does not separate them);
:func:`split_yield` picks one from the cue.

Make one :class:`EventTyper` per process and pass it in (it holds the fitted vectorisers).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files

import joblib
import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from dragoman.errors import DragomanError
from dragoman.events.tfidf import TfidfRows, tfidf_weighting

MODEL_RESOURCE = "event_types.joblib"
_SPACES = re.compile(r"\s+")
WINDOW_BEFORE, WINDOW_AFTER = 3, 8
# the ensemble's scores differ between two roots by (Δ margin + 2 Δ p) / 2 and |Δ p| ≤ 1, so
# when the SVM's two best margins are 2 apart the fine-tuned model cannot change the pick
# (:func:`undecided`, :func:`cascade`)
CASCADE_GAP = 2.0


@dataclass(frozen=True, slots=True)
class Marked:
    """A sentence with the character spans of its source and target (relative to it)."""

    sentence: str
    source: tuple[int, int] | None = None
    target: tuple[int, int] | None = None
    trigger: str = ""  # trigger symbols (events_trigger.trigger_features), "" without a parse
    lemmas: str = ""  # the masked sentence's lemmas, "" without a parse
    clause: str = ""  # the trigger's clause, "" = the whole sentence


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


@dataclass(frozen=True, slots=True)
class Config:
    """One candidate model: parse features on/off, which MiniLM vectors, the SVM's C."""

    parse: bool = True
    vectors: tuple[str, ...] = ()  # "sentence" and/or "clause"
    C: float = 1.0

    def describe(self) -> str:
        parts = ["TF-IDF" + (" + parse" if self.parse else "")]
        parts += [f"MiniLM {v}" for v in self.vectors]
        return " + ".join(parts) + f", C={self.C:g}"

    def as_dict(self) -> dict:
        """Plain values, as stored beside the fitted model."""
        return {"parse": self.parse, "vectors": list(self.vectors), "C": self.C}


# the candidates, fixed before any figure was taken; select_config picks one by CV
SPARSE_CANDIDATES = tuple(Config(parse, (), c) for parse in (False, True) for c in (0.5, 1.0, 2.0))
EMBEDDING_CANDIDATES = tuple(
    Config(True, vectors, c) for vectors in (("sentence",), ("clause",), ("sentence", "clause"))
    for c in (0.5, 1.0, 2.0))
VECTOR_PREFIX = {"sentence": "v", "clause": "c"}
DIMENSIONS = 384


def text_columns(items: Sequence[Marked]) -> dict[str, list[str]]:
    """The text columns of :func:`frame`, as plain lists."""
    masked, window = features_text(items)
    return {"masked": masked, "window": window, "trigger": [i.trigger for i in items],
            "lemmas": [i.lemmas or m.lower() for i, m in zip(items, masked)]}


def direct_parts(model) -> list[tuple[object, str]] | None:
    """``(fitted vectoriser, text column)`` of each part of a fitted pipeline whose features
    are only text columns stacked as one sparse matrix, read by a linear model (the sparse
    typer), in order; None for any other pipeline. :func:`direct_margins` then computes its
    margins without a frame."""
    steps = getattr(model, "steps", [])
    features, linear = (steps[0][1], steps[1][1]) if len(steps) == 2 else (None, None)
    if not isinstance(features, ColumnTransformer) or not features.sparse_output_:
        return None
    if not hasattr(linear, "coef_") or len(getattr(linear, "classes_", ())) < 3:
        return None  # one row of margins per class: a linear model of three or more classes
    parts = []
    for name, transformer, column in features.transformers_:
        if name == "remainder" and transformer == "drop":
            continue
        if not isinstance(column, str) or not hasattr(transformer, "transform"):
            return None
        parts.append((transformer, column))
    return parts


def direct_margins(model, parts: list[tuple[object, str]], items: Sequence[Marked]) -> np.ndarray:
    """``model.decision_function(frame(items))`` for a pipeline of :func:`direct_parts`: each
    vectoriser on its column's list (:func:`tfidf_rows`), stacked as the ColumnTransformer
    stacks them, times the linear model's weights plus its intercepts, as its
    ``decision_function`` computes them; without the frame, the input checks and the job
    dispatch (the same numbers, tested, at a third of the cost)."""
    columns = text_columns(items)
    stacked = sparse.hstack([tfidf_rows(vectoriser, columns[column])
                             for vectoriser, column in parts]).tocsr()
    linear = model.steps[-1][1]
    return stacked @ linear.coef_.T + linear.intercept_


def tfidf_rows(vectoriser, texts: list[str]):
    """``vectoriser.transform(texts)`` for a fitted ``TfidfVectorizer``: its counts, then the
    weighting of ``TfidfTransformer.transform`` step by step (:func:`tfidf_weighting`: sublinear
    tf, idf, norm) without its input checks, which cost as much as the weighting on a few rows.
    Any other vectoriser (e.g. a :class:`~dragoman.events.tfidf.TfidfRows`) is asked for its
    ``transform``."""
    if not isinstance(vectoriser, TfidfVectorizer):
        return vectoriser.transform(texts)
    return tfidf_weighting(vectoriser, CountVectorizer.transform(vectoriser, texts))


def quick_parts(parts: list[tuple[object, str]] | None) -> list[tuple[object, str]] | None:
    """:func:`direct_parts` with each ``TfidfVectorizer`` read through a
    :class:`~dragoman.events.tfidf.TfidfRows` (made once: the same rows, a fraction of the
    cost)."""
    if parts is None:
        return None
    return [(TfidfRows(v) if isinstance(v, TfidfVectorizer) else v, column)
            for v, column in parts]


def frame(items: Sequence[Marked], vectors: dict[str, np.ndarray] | np.ndarray | None = None):
    """The pandas frame the pipelines read; ``vectors`` maps "sentence"/"clause" to MiniLM
    rows (a bare array is the sentence vectors)."""
    data = pd.DataFrame(text_columns(items))
    if isinstance(vectors, np.ndarray):
        vectors = {"sentence": vectors}
    for name, rows in (vectors or {}).items():
        prefix = VECTOR_PREFIX[name]
        data = pd.concat([data, pd.DataFrame(rows, columns=[f"{prefix}{i}"
                                                            for i in range(DIMENSIONS)])], axis=1)
    return data


def embed_vectors(embedder, items: Sequence[Marked], names: Sequence[str]) -> dict:
    """MiniLM rows for each of ``names`` ("sentence", "clause"), each distinct text once."""
    texts = {"sentence": [i.sentence for i in items],
             "clause": [i.clause or i.sentence for i in items]}
    wanted = [texts[name] for name in names]
    unique = list(dict.fromkeys(t for column in wanted for t in column))
    encoded = embedder.encode(unique)
    row = {t: k for k, t in enumerate(unique)}
    return {name: encoded[[row[t] for t in column]] for name, column in zip(names, wanted)}


class EventTyper:
    """Scores the PLOVER roots of marked sentences: the linear SVM (sparse features; with
    ``embedder``, the one over MiniLM vectors too).

    ``tuned=True`` averages the SVM with the fine-tuned MiniLM
    (:class:`~dragoman.events.types_tuned.TunedTyper`, or pass one): score =
    (SVM margin + (2p − 1)) / 2, p the fine-tuned probability, so scores keep the margin scale
    (+1 sure yes, −1 sure no); the fine-tuned model reads only the rows :func:`cascade` leaves
    undecided at ``gap`` (2: the same picks as reading them all). It is the most accurate
    typer (PLV macro-F1 0.847 against 0.784) but not the pipeline's default: even with the
    cascade it costs ~6× the SVM on the events layer, and the lexicon bonus of
    ``events/typing.py`` was calibrated on the SVM's margins (some manual rules, a withdrawal
    is RETREAT, lose to it). Without its weights, torch or the base model package,
    ``tuned=True`` gives the SVM alone."""

    def __init__(self, embedder=None, models: dict | None = None, tuned=False,
                 gap: float = CASCADE_GAP) -> None:
        self.embedder = embedder
        self.models = models if models is not None else load_models()
        kind = "embedding" if embedder is not None else "sparse"
        self.model = self.models[kind]
        stored = self.models.get("configs", {}).get(kind)
        self.config = Config(stored["parse"], tuple(stored["vectors"]), stored["C"]) \
            if stored else build_model_config(kind)
        self.tuned = load_tuned() if tuned is True else (tuned or None)
        self.direct = quick_parts(direct_parts(self.model))  # read without a frame
        self.gap = gap

    @property
    def labels(self) -> list[str]:
        return [str(label) for label in self.model.classes_]

    def scores(self, items: Sequence[Marked], prior: np.ndarray | None = None) -> np.ndarray:
        """One row of root scores (margin scale, in :attr:`labels` order) per item, ``prior``
        (the same shape, e.g. the lexicon's bonus) added; with the fine-tuned model the prior
        also decides which rows it must read (:func:`cascade`)."""
        if not items:
            return np.zeros((0, len(self.labels)))
        vectors = None
        if self.embedder is not None and self.config.vectors:
            vectors = embed_vectors(self.embedder, items, self.config.vectors)
        if vectors is None and self.direct is not None:
            margins = direct_margins(self.model, self.direct, items)
        else:
            margins = self.model.decision_function(frame(items, vectors))
        prior = np.zeros_like(margins) if prior is None else np.asarray(prior, dtype=float)
        if self.tuned is None:
            return margins + prior
        return cascade(margins, lambda rows: self.tuned.probabilities([items[k] for k in rows]),
                       self.labels, self.tuned.labels, self.gap, prior)

    def predict(self, items: Sequence[Marked]) -> list[str]:
        labels = self.labels
        return [labels[int(k)] for k in np.argmax(self.scores(items), axis=1)] if items else []


def ensemble(margins: np.ndarray, probabilities: np.ndarray, labels: Sequence[str],
             tuned_labels: Sequence[str]) -> np.ndarray:
    """The fixed average of SVM margins and the fine-tuned probabilities mapped to [−1, 1]."""
    order = [list(tuned_labels).index(label) for label in labels]
    return (margins + 2 * probabilities[:, order] - 1) / 2


def undecided(margins: np.ndarray, gap: float = CASCADE_GAP) -> np.ndarray:
    """Indices of the rows the fine-tuned model must read: the two best ``margins`` are less
    than ``gap`` apart, or the best is within 1 of zero. At gap 2 these are the only rows where
    it can change the ensemble's pick or the sign of its best score."""
    if margins.shape[1] < 2:
        return np.arange(len(margins))
    top = np.sort(margins, axis=1)
    return np.flatnonzero((top[:, -1] - top[:, -2] < gap) | (np.abs(top[:, -1]) < 1))


def cascade(margins: np.ndarray, tuned_probabilities, labels: Sequence[str],
            tuned_labels: Sequence[str], gap: float = CASCADE_GAP,
            prior: np.ndarray | None = None) -> np.ndarray:
    """:func:`ensemble` scores plus ``prior``, the fine-tuned model run only on the
    :func:`undecided` rows (``tuned_probabilities(rows)`` gives their probabilities in
    ``tuned_labels`` order). The ensemble halves the margins, so the test reads margins +
    2 × prior. A decided row is scored as if the fine-tuned model were sure of the SVM's pick:
    that keeps the pick and the margin scale."""
    prior = np.zeros_like(margins) if prior is None else prior
    decisive = margins + 2 * prior
    sure = np.zeros_like(margins)
    sure[np.arange(len(margins)), decisive.argmax(1)] = 1.0
    order = [list(labels).index(label) for label in tuned_labels]
    probabilities = sure[:, order]
    rows = undecided(decisive, gap)
    if len(rows):
        probabilities[rows] = tuned_probabilities(rows)
    return ensemble(margins, probabilities, labels, tuned_labels) + prior


def load_tuned():
    """The shipped fine-tuned MiniLM typer, or None without its weights or torch."""
    try:  # lazy: torch and transformers take seconds to import; only tuned=True needs them
        from dragoman.events.types_tuned import TunedTyper, load_delta
    except ImportError:
        return None
    delta = load_delta()
    return TunedTyper(delta) if delta is not None else None


def build_model_config(kind: str) -> Config:
    """The configuration of a model file that predates stored configs."""
    return Config(False, ("sentence",) if kind == "embedding" else (), 1.0)


def load_models() -> dict:
    """The packaged fitted pipelines ``{"embedding": ..., "sparse": ..., "configs": {kind:
    Config}}``."""
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
