"""Rebuild ``src/dragoman/data/event_types.joblib`` and ``event_types_tuned.pt``, the PLOVER
event-type classifiers.

    .venv/bin/python scripts/train_event_types.py \
        [--plv ../shared/benchmarks/events/plv/PLV_train.tsv] [--no-tuned]

Parses the 1,050 rows of PLV_train with the pipeline's spaCy model (CONCEDE and RETREAT are
one root, YIELD, there), picks each model's configuration by 3-fold CV on PLV among the fixed
candidates of :mod:`dragoman.events.types` (``SPARSE_CANDIDATES``: TF-IDF with or without
the parse features; ``EMBEDDING_CANDIDATES``: plus MiniLM vectors of the sentence and/or the
trigger's clause; C in 0.5/1/2), fits it on all rows and writes ``sparse`` (the pipeline's
default) and ``embedding`` with their configurations. Nested cross-validated figures (the same
selection inside every training fold): ``python -m bench events plv``.
Then fine-tunes the top layers of MiniLM on the marked sentences
(:mod:`dragoman.events.types_tuned`, fixed recipe and epoch count, seed 0, one CPU thread:
a few minutes) and writes them, float16, as ``event_types_tuned.pt``; the pipeline averages its
probabilities with the sparse SVM's margins.
Licence of the training data: see ``src/dragoman/data/event_types.LICENSE.txt``.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLV = ROOT.parent / "shared" / "benchmarks" / "events" / "plv" / "PLV_train.tsv"
OUT = ROOT / "src" / "dragoman" / "data" / "event_types.joblib"
TUNED_OUT = OUT.with_name("event_types_tuned.pt")
_PARTY = re.compile(r"<(s|t)>(.*?)</\1>", re.DOTALL)


def read_plv(path: Path):
    """``(Marked items, roots)`` from PLV_train.tsv (its ``<s>``/``<t>`` marks → spans)."""
    from dragoman.events.types import Marked

    items, roots = [], []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            items.append(marked(row["marked_sentence"], Marked))
            roots.append(row["gold_root"])
    return items, roots


def marked(text: str, cls):
    """Strip ``<s>``/``<t>`` marks, keeping their spans."""
    spans, plain, last = {}, [], 0
    for match in _PARTY.finditer(text):
        plain.append(text[last:match.start()])
        start = sum(map(len, plain))
        plain.append(match.group(2))
        spans[match.group(1)] = (start, start + len(match.group(2)))
        last = match.end()
    plain.append(text[last:])
    return cls("".join(plain), spans.get("s"), spans.get("t"))


def parse_plv(items: list, nlp) -> list:
    """The items with their parse fields filled in (trigger symbols, lemmas, clause), the
    trigger being the word that governs both marked parties
    (:func:`dragoman.events.trigger.plv_trigger`)."""
    from dataclasses import replace

    from dragoman.events.trigger import parsed_fields, plv_trigger

    parsed = []
    for item, doc in zip(items, nlp.pipe(i.sentence for i in items)):
        source, target = _tokens(doc, item.source), _tokens(doc, item.target)
        verb = plv_trigger(source, target)
        trigger, lemmas, clause = parsed_fields(doc, 0, len(item.sentence), verb,
                                                {t.i for t in source}, {t.i for t in target},
                                                doc.text)
        parsed.append(replace(item, trigger=trigger, lemmas=lemmas, clause=clause))
    return parsed


def _tokens(doc, span) -> list:
    if span is None:
        return []
    found = doc.char_span(*span, alignment_mode="expand")
    return list(found) if found is not None else []


def plv_vectors(items: list) -> dict:
    """MiniLM rows of every PLV sentence and clause."""
    from dragoman.text.embed import Embedder
    from dragoman.events.types import embed_vectors

    return embed_vectors(Embedder(), items, ("sentence", "clause"))


def fit_models(items: list, roots: list, vectors: dict) -> dict:
    """``{"sparse", "embedding", "configs", "selection"}``: each kind's configuration chosen by
    :func:`dragoman.events.types_fit.select_config` on these rows, then fitted on all of them."""
    from dragoman.events.types import EMBEDDING_CANDIDATES, SPARSE_CANDIDATES, frame
    from dragoman.events.types_fit import build_model, select_config

    data = frame(items, vectors)
    models: dict = {"configs": {}, "selection": {}}
    for kind, candidates in (("sparse", SPARSE_CANDIDATES), ("embedding", EMBEDDING_CANDIDATES)):
        best, scores = select_config(data, roots, candidates)
        models[kind] = build_model(best).fit(data, roots)
        models["configs"][kind] = best.as_dict()
        models["selection"][kind] = {c.describe(): round(f, 4) for c, f in scores.items()}
    return models


def fit_tuned(items: list, roots: list, threads: int = 1) -> bytes:
    """The fine-tuned MiniLM layers and head, trained on all rows with the fixed recipe
    (:data:`dragoman.events.types_tuned.EPOCHS` epochs), as the bytes of the shipped file."""
    import numpy as np
    import torch

    from dragoman.events.types_tuned import (
        EPOCHS,
        Recipe,
        fit,
        load_base,
        lower_states,
        marked_input,
        save_delta,
    )

    torch.set_num_threads(threads)
    labels = sorted(set(roots))
    y = np.array([labels.index(r) for r in roots])
    recipe = Recipe()
    tokenizer, bert = load_base()
    states = lower_states(tokenizer, bert, [marked_input(i) for i in items], recipe.layers)
    top = fit(bert, states, y, len(labels), recipe, EPOCHS)
    return save_delta(top, labels, recipe, EPOCHS, {"rows": len(y)})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plv", type=Path, default=PLV)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--no-tuned", action="store_true",
                        help="leave event_types_tuned.pt as it is (the SVMs only)")
    args = parser.parse_args(argv)
    if not args.plv.exists():
        print(f"{args.plv} not found: put ../shared beside the project", file=sys.stderr)
        return 2
    import joblib

    from dragoman.text import load_nlp

    items, roots = read_plv(args.plv)
    items = parse_plv(items, load_nlp())
    models = fit_models(items, roots, plv_vectors(items))
    joblib.dump(models, args.out, compress=3)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB, {len(items)} sentences)")
    for kind, config in models["configs"].items():
        print(f"{kind}: {config}")
    if not args.no_tuned:
        tuned = args.out.with_name(TUNED_OUT.name)
        tuned.write_bytes(fit_tuned(items, roots))
        print(f"wrote {tuned} ({tuned.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
