"""Multi-document summaries on the Multi-News sample, next to TextRank, LexRank and a lead
baseline on the same sample, sentences and length budget.

    python -m bench summaries [--limit N] [--no-write]

Every system picks whole sentences from the same sentence split (``stories.sentences``) until
it reaches ``BUDGET`` words (the mean reference length); sumy's TextRank and LexRank rank the
same sentences (its English stop words and stemmer). ROUGE-1/2/L F1 by Google's
``rouge-score`` (Porter stemmer), averaged over clusters. Citation precision: the share of
summary sentences that occur verbatim in every article they cite.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from pathlib import Path

from bench.report import machine, publish
from dragoman.stories.sentences import split_sentences
from dragoman.stories.summarise import Doc, _norm, summary

SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLE = SHARED / "benchmarks/summaries/multinews-sample/test_sample250.jsonl.gz"
BUDGET = 215  # words: the sample's mean reference length (its README)
_WORD = re.compile(r"\w+", re.UNICODE)


def load(path: Path = SAMPLE) -> list[dict]:
    if not path.exists():
        raise SystemExit(f"{path} is missing: put ../shared beside the project")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def docs_of(cluster: dict) -> list[Doc]:
    return [Doc(f"{cluster['id']}-{i}", text) for i, text in enumerate(cluster["documents"])]


def fit(sentences: list[str], budget: int = BUDGET) -> list[str]:
    """Whole sentences, in the order given, until the budget is reached."""
    out, words = [], 0
    for sentence in sentences:
        if words >= budget:
            break
        out.append(sentence)
        words += len(sentence.split())
    return out


def ours(docs: list[Doc]) -> tuple[list[str], float]:
    picked = summary(docs, max_words=BUDGET + 30)
    picked = picked[:len(fit([c.text for c in picked]))]
    text_of = {d.article_id: d.text for d in docs}
    plain = {d.article_id: f" {_norm(d.text)} " for d in docs}
    exact = sum(text_of[c.article_id][c.start:c.end] == c.text for c in picked)
    cited = sum(all(f" {_norm(c.text)} " in plain[a] for a in c.citations) for c in picked)
    return [c.text for c in picked], (exact, cited, len(picked))


class _Words:
    """The sumy tokenizer interface over our own splitting (sumy's needs NLTK data)."""

    language = "english"

    def to_words(self, text: str) -> list[str]:
        return _WORD.findall(text)

    def to_sentences(self, text: str) -> list[str]:
        return [s.text for s in split_sentences("x", text)]


def sumy_system(name: str):
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    summarizer = {"TextRank": TextRankSummarizer, "LexRank": LexRankSummarizer}[name](Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = _Words()

    def run(docs: list[Doc]) -> list[str]:
        paragraphs = [Paragraph([Sentence(s.text, tokenizer) for s in split_sentences(d.article_id, d.text)])
                      for d in docs]
        document = ObjectDocumentModel(paragraphs)
        sentences = [str(s) for p in paragraphs for s in p.sentences]
        if not sentences:
            return []
        mean = max(1.0, sum(len(s.split()) for s in sentences) / len(sentences))
        count = min(len(sentences), max(1, round(BUDGET / mean) + 1))
        chosen = [str(s) for s in summarizer(document, count)]
        return fit(chosen)
    return run


def lead(docs: list[Doc]) -> list[str]:
    """First sentences of each document in turn."""
    columns = [[s.text for s in split_sentences(d.article_id, d.text)] for d in docs]
    interleaved = [c[i] for i in range(max(map(len, columns), default=0)) for c in columns if i < len(c)]
    return fit(interleaved)


def evaluate(clusters: list[dict], log=print) -> dict:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    systems = {"lead (first sentences of each article in turn)": lead,
               "TextRank (sumy)": sumy_system("TextRank"),
               "LexRank (sumy)": sumy_system("LexRank")}
    totals: dict[str, dict] = {}
    citation = []
    for name in [*systems, "dragoman `summarise.summary`"]:
        totals[name] = {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0, "words": 0, "seconds": 0.0}
    for cluster in clusters:
        docs = docs_of(cluster)
        reference = cluster["summary"].lstrip("– ").strip()
        for name, system in [*systems.items(), ("dragoman `summarise.summary`", None)]:
            started = time.perf_counter()
            if system is None:
                sentences, cited = ours(docs)
                citation.append(cited)
            else:
                sentences = system(docs)
            totals[name]["seconds"] += time.perf_counter() - started
            scores = scorer.score(reference, "\n".join(sentences))
            for key in ("rouge1", "rouge2", "rougeL"):
                totals[name][key] += scores[key].fmeasure
            totals[name]["words"] += sum(len(s.split()) for s in sentences)
    n = len(clusters)
    for name, values in totals.items():
        for key in ("rouge1", "rouge2", "rougeL", "words"):
            values[key] /= n
        log(f"{name}: R1 {values['rouge1']:.4f} R2 {values['rouge2']:.4f} RL {values['rougeL']:.4f} "
            f"words {values['words']:.0f} ({values['seconds']:.1f}s)")
    sentences = sum(c[2] for c in citation)
    return {"systems": totals, "clusters": n, "sentences": sentences,
            "span_exact": sum(c[0] for c in citation) / sentences,
            "citation_precision": sum(c[1] for c in citation) / sentences}


def render(result: dict) -> str:
    lines = ["## Summaries (bench/summaries.py)", "",
             f"Multi-News sample (`../shared/benchmarks/summaries/multinews-sample`, "
             f"{result['clusters']} clusters of 1–7 articles). Every system picks whole sentences "
             f"from the same sentence split until it has {BUDGET} words (the mean reference "
             "length); ROUGE F1 by `rouge-score` with stemming, averaged over clusters. Only "
             "relative comparisons are meaningful (a sample, not the test set). Nothing tuned "
             "on this sample.", "",
             "| system | ROUGE-1 | ROUGE-2 | ROUGE-L | words | seconds |", "|---|---|---|---|---|---|"]
    for name, v in result["systems"].items():
        bold = "**" if name.startswith("dragoman") else ""
        lines.append(f"| {name} | {bold}{v['rouge1']:.4f}{bold} | {bold}{v['rouge2']:.4f}{bold} | "
                     f"{bold}{v['rougeL']:.4f}{bold} | {v['words']:.0f} | {v['seconds']:.1f} |")
    lines += ["", f"Citations of dragoman's {result['sentences']} summary sentences: "
              f"{result['span_exact']:.3f} are exactly the text of the span they give in the "
              f"article they were taken from; citation precision {result['citation_precision']:.3f} "
              "(the sentence's words, in order, occur in every article it cites; case and "
              f"punctuation aside). ({machine()})"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench summaries")
    parser.add_argument("--limit", type=int, default=None, help="Only the first N clusters.")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    clusters = load()[:args.limit]
    text = render(evaluate(clusters))
    publish("summaries", text, write=not args.no_write)
    return 0
