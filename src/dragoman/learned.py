"""What the small learned models of the extractors share: a logistic score over named
features (statement confidence, the pronoun resolver, event confidence)."""
from __future__ import annotations

import math
from collections.abc import Mapping


def logistic(weights: Mapping[str, float], feats: Mapping[str, float], bias: float = 0.0
             ) -> float:
    """The probability ``1 / (1 + e^-z)`` of ``z = bias + Σ weight × value`` (a feature
    without a weight counts 0; ``z`` clipped to ±40 so that ``exp`` cannot overflow)."""
    z = bias + sum(weights.get(name, 0.0) * value for name, value in feats.items())
    return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))
