"""Fitting the event-type classifier: the scikit-learn pipeline over
:func:`~dragoman.events.types.frame` rows (:func:`build_model`) and the cross-validated choice
among candidate configurations (:func:`select_config`). Used by ``scripts/train_event_types.py``
and ``python -m bench events``; the pipeline only loads the fitted model
(:func:`dragoman.events.types.load_models`)."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

from dragoman.events.types import DIMENSIONS, VECTOR_PREFIX, Config

def build_model(config: Config | bool):
    """An unfitted scikit-learn pipeline over :func:`frame` rows (``True``/``False``: the
    previous fixed sparse/embedding models, kept for comparison)."""
    if isinstance(config, bool):
        config = Config(False, ("sentence",) if config else (), 1.0)
    parts = [
        ("masked", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), "masked"),
        ("window", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), "window"),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                                  min_df=2), "window"),
    ]
    if config.parse:
        parts += [("trigger", TfidfVectorizer(token_pattern=r"\S+", lowercase=False,
                                              sublinear_tf=True), "trigger"),
                  ("lemmas", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), "lemmas")]
    for name in config.vectors:
        prefix = VECTOR_PREFIX[name]
        parts.append((f"vector_{name}", "passthrough",
                      [f"{prefix}{i}" for i in range(DIMENSIONS)]))
    return Pipeline([("features", ColumnTransformer(parts)),
                     ("svm", LinearSVC(C=config.C, class_weight="balanced"))])



def select_config(data, y, candidates: Sequence[Config], folds: int = 3, seed: int = 1):
    """The candidate with the best macro-F1 in stratified ``folds``-fold CV on ``data``/``y``
    only (call it on training folds for a nested estimate), and every candidate's score."""
    y = np.asarray(y)
    split = list(StratifiedKFold(folds, shuffle=True, random_state=seed).split(data, y))
    scores = {}
    for config in candidates:
        predicted = np.empty(len(y), dtype=object)
        for train, test in split:
            model = build_model(config).fit(data.iloc[train], y[train])
            predicted[test] = model.predict(data.iloc[test])
        scores[config] = f1_score(y, predicted, average="macro")
    return max(candidates, key=lambda c: scores[c]), scores



