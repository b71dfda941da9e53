"""What the small learned models of the extractors share: a logistic score over named
features (statement confidence, the pronoun resolver, event confidence, the cue detector), and
the shipped JSON form of such a model (weights, bias, threshold)."""
from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources


def logistic(weights: Mapping[str, float], feats: Mapping[str, float], bias: float = 0.0
             ) -> float:
    """The probability ``1 / (1 + e^-z)`` of ``z = bias + Σ weight × value`` (a feature
    without a weight counts 0; ``z`` clipped to ±40 so that ``exp`` cannot overflow)."""
    return sigmoid(bias + sum(weights.get(name, 0.0) * value for name, value in feats.items()))


def sigmoid(z: float) -> float:
    """``1 / (1 + e^-z)``, with ``z`` clipped to ±40 so that ``exp`` cannot overflow."""
    return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


@dataclass(frozen=True)
class LogisticModel:
    """Logistic weights over named features; ``threshold``: the least probability a default
    use of the model keeps (each model's docs say how it was chosen)."""

    weights: dict
    bias: float
    threshold: float

    def probability(self, feats: Mapping[str, float]) -> float:
        return logistic(self.weights, feats, self.bias)


def load_logistic(resource: str, text: str | None = None) -> LogisticModel:
    """The model shipped as ``dragoman/data/<resource>``, or one from JSON ``text``."""
    if text is None:
        text = resources.files("dragoman.data").joinpath(resource).read_text(encoding="utf-8")
    data = json.loads(text)
    return LogisticModel(dict(data["weights"]), float(data["bias"]), float(data["threshold"]))
