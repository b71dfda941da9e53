"""Events whose parties are actors: on a sample of the demo corpus (the Syria subset of
NewsArticles.csv), the share of events with every party PLOVER requires resolved.

    python -m bench.event_parties [--n 100] [--csv PATH] [--no-write] [--show 0]

The sample: the first ``n`` rows (file order) whose text names Syria, annotated as the pipeline
does (actors → statements → events, :func:`dragoman.annotate.default_steps`), published date from
the CSV. PLOVER requires a source (*actor*) for every type and a target (*recipient*) for
COOPERATE, AID and SANCTION (:data:`dragoman.events.parties.NEEDS_RECIPIENT`). A party is
*resolved* when it has an actor id; *coded* when it has an actor id or a country. The shares
are given over every event and over the **default record** — what the CLI, the explorer and
the exports show unless told otherwise: confidence at or above ``EVENT_MIN_CONFIDENCE`` and
not historical (:mod:`dragoman.store.reads.filters`). ``--show N`` prints N events of the
default record at random (seed 0) with their sentence, to read by hand.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from pathlib import Path

from bench.report import machine, write_section

DEMO = Path.home() / ".cache" / "dragoman" / "NewsArticles.csv"


def sample(path: Path, n: int) -> list:
    from dragoman.model import Article

    csv.field_size_limit(sys.maxsize)
    articles = []
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        for row in csv.DictReader(handle):
            text = (row.get("text") or "").strip()
            if "Syria" not in text:
                continue
            y, m, d = (row.get("publish_date") or "2017/1/1").split("/")
            articles.append(Article(
                article_id=f"demo{row['article_id']}", origin="demo", text=text,
                content_hash="h", source_hash="h", title=row.get("title"),
                published=f"{int(y):04d}-{int(m):02d}-{int(d):02d}"))
            if len(articles) == n:
                break
    return articles


def shares(events) -> dict:
    from dragoman.events.parties import NEEDS_RECIPIENT

    counts = Counter()
    for e in events:
        needs_target = e.type in NEEDS_RECIPIENT
        counts["n"] += 1
        counts["resolved"] += bool(e.source_actor_id) and (
            not needs_target or bool(e.target_actor_id))
        counts["coded"] += bool(e.source_actor_id or e.source_country) and (
            not needs_target or bool(e.target_actor_id or e.target_country))
        counts["both_actors"] += bool(e.source_actor_id and e.target_actor_id)
        counts["no_target"] += e.target is None
        counts["claims"] += e.quoted_in is not None
        counts["hypothetical"] += e.hypothetical
        counts["negated"] += e.negated
    n = max(counts["n"], 1)
    return {"events": counts["n"], **{k: counts[k] / n for k in counts if k != "n"}}


def in_default_record(event, threshold: float) -> bool:
    """Whether a list or export shows the event unless told otherwise (docs/confidence.md)."""
    return not event.historical and (event.confidence is None or event.confidence >= threshold)


def _line(figures: dict) -> str:
    return (f"{figures['events']} events; every party PLOVER requires resolved to an actor "
            f"**{figures['resolved']:.3f}**, coded (actor or country) {figures['coded']:.3f}; "
            f"both sides actors {figures['both_actors']:.3f}; no target "
            f"{figures['no_target']:.3f}; claims (quoted_in) {figures['claims']:.3f}; "
            f"hypothetical {figures['hypothetical']:.3f}; negated {figures['negated']:.3f}")


def main(argv: list[str] | None = None) -> int:
    from dragoman.annotate import AnnotateStage
    from dragoman.store.reads.filters import EVENT_MIN_CONFIDENCE
    from dragoman.text import load_nlp

    parser = argparse.ArgumentParser(prog="python -m bench.event_parties", description=__doc__)
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--csv", type=Path, default=DEMO)
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    if not args.csv.exists():
        print(f"{args.csv} is missing: the demo corpus (NewsArticles.csv) is needed")
        return 2
    articles = sample(args.csv, args.n)
    found = AnnotateStage(load_nlp()).annotate(articles)
    events = [e for one in found for e in one.events]
    shown = [e for e in events if in_default_record(e, EVENT_MIN_CONFIDENCE)]
    text = (f"Demo corpus, the first {len(articles)} articles naming Syria. All events: "
            f"{_line(shares(events))}. The default record (confidence ≥ "
            f"{EVENT_MIN_CONFIDENCE}, not historical): {_line(shares(shown))}.")
    print(text)
    for e in random.Random(0).sample(shown, min(args.show, len(shown))):
        print(f"- {e.type}/{e.mode} {e.source!r}[{e.source_actor_id or e.source_country}] -> "
              f"{e.target!r}[{e.target_actor_id or e.target_country}] neg={e.negated} "
              f"hyp={e.hypothetical} claim={e.quoted_in is not None}\n    {e.text[:300]}")
    if not args.no_write:
        write_section("event_parties", "## Event parties (demo corpus)\n\n"
                      "`python -m bench.event_parties` — " + machine() + ".\n\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
