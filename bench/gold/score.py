"""Score the pipeline's events against the hand-made news gold (docs/annotation.md).

``python -m bench.gold.score [--split dev|heldout] [--gold-dir DIR ...] [--detail]``

The gold articles (:mod:`bench.gold.articles`) go through the default pipeline, the one
``dragoman ingest`` runs (:func:`dragoman.api.ingest_records`, a temporary store), and each
article's events are matched to its gold events:

- **sentence**: the gold evidence (letters and digits only, :func:`bench.gold.validate.norm`)
  is inside the event's sentence, or the two spans overlap;
- **type**: the event's type is the gold ``type`` or ``alt_type``;
- **parties**: a side matches when one of the event's names for it (the mention text, the
  canonical actor's name and aliases) equals a name or alias of the gold entity, or a gold
  name or alias (not a pronoun; leading articles left out) is a whole-word part of the
  event's mention ("civilians" in "at least 19 civilians") and the sectors do not disagree;
  or, for a
  collective gold entity (GOV, COUNTRY, MIL, IGO), when the event's country equals the
  entity's (and the sectors too when both have one; an IGO's country "IGO" is no country: an
  IGO must match by name). A null gold target matches an event with no target.

Three levels: (type, source, target) — "full" —, (type, sentence) and (type, source). An event
is right at a level when it matches a required gold event there; one that matches only
optional gold events counts neither way, and optional gold events are never missed (several
events may match one gold event: each is right, the gold event is found once). Precision and
recall are given at every confidence threshold (an event without a confidence counts as
1.0). **Held-out files are scored in aggregate only**: ``--detail`` (per-item lines) is refused
for any article the manifest puts in the held-out split.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from pathlib import Path

from bench.gold.articles import HERE, GoldArticle, load, manifest
from bench.gold.validate import norm
from dragoman.api import ingest_records
from dragoman.events.confidence import EventScorer
from dragoman.model import Actor, Article, Event, RawDoc, Statement, bytes_hash
from dragoman.settings import Settings
from dragoman.store import Store

COLLECTIVE = frozenset({"GOV", "COUNTRY", "MIL", "IGO"})
LEVELS = ("full", "sentence", "source")
THRESHOLDS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass(frozen=True)
class GoldDoc:
    """One gold file: its article's id and split, its entities by id and its events."""

    gold_id: str
    split: str
    entities: dict
    events: list


@dataclass(frozen=True)
class Extracted:
    """What the pipeline stored for one gold article."""

    article: Article | None  # None: the pipeline kept no article (rejected or duplicate)
    events: list
    actors: dict  # actor_id -> Actor, every actor of the store
    statements: list = field(default_factory=list)


@dataclass(frozen=True)
class Judged:
    """One event, judged at each level: ``hit`` (a required gold event), ``optional`` (only
    optional ones) or ``miss``."""

    event: Event
    gold_id: str
    status: dict  # level -> hit | optional | miss


def splits() -> dict[str, str]:
    """gold_id -> dev | heldout, from the manifest."""
    return {row["gold_id"]: row["split"] for row in manifest()}


def gold_dirs(split: str) -> list[Path]:
    return [HERE / "news" / split]


def load_gold(dirs: list[Path]) -> list[GoldDoc]:
    """Every gold file under ``dirs`` (the same article twice: the first directory wins)."""
    split_of = splits()
    docs: dict[str, GoldDoc] = {}
    for folder in dirs:
        for path in sorted(Path(folder).glob("*.json")):
            raw = json.loads(path.read_text(encoding="utf-8"))
            gid = raw["gold_id"]
            if gid not in docs:
                docs[gid] = GoldDoc(gid, split_of.get(gid, "heldout"),
                                    {e["id"]: e for e in raw.get("entities", [])},
                                    list(raw.get("events", [])))
    return list(docs.values())


def raw_doc(art: GoldArticle) -> RawDoc:
    """The article as a reader would hand it to the pipeline (origin = its gold id)."""
    return RawDoc(origin=art.gold_id, text=art.text, title=art.title or None,
                  published=art.published or None,
                  source_hash=bytes_hash(art.text.encode("utf-8")), fmt="text")


def run_pipeline(gold_ids: list[str], nlp=None) -> dict[str, Extracted]:
    """The default ingest pipeline over the gold articles, in a temporary store."""
    records = [raw_doc(load(gid)) for gid in gold_ids]
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.from_env(db=str(Path(tmp) / "gold.duckdb"), n_process=1,
                                     runner="local")
        ingest_records(iter(records), settings, nlp=nlp)
        with Store(settings.db, read_only=True) as store:
            return stored_by_gold_id(store, gold_ids)


def _rows(store: Store, sql: str) -> list[dict]:
    cursor = store.con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _record(cls, row: dict):
    values = {}
    for f in fields(cls):
        if f.name not in row:
            continue
        value = row[f.name]
        if isinstance(value, (date, datetime)):
            value = value.isoformat()[:10]
        elif isinstance(value, list):
            value = tuple(value)
        values[f.name] = value
    return cls(**values)


def stored_by_gold_id(store: Store, gold_ids: list[str]) -> dict[str, Extracted]:
    actors = {r["actor_id"]: _record(Actor, r) for r in _rows(store, "SELECT * FROM actors")}
    articles = {r["origin"]: _record(Article, r) for r in _rows(store, "SELECT * FROM articles")}
    events: dict[str, list[Event]] = {}
    for row in _rows(store, "SELECT * FROM events ORDER BY article_id, start, event_id"):
        events.setdefault(row["article_id"], []).append(_record(Event, row))
    statements: dict[str, list[Statement]] = {}
    for row in _rows(store, "SELECT * FROM statements ORDER BY article_id, start"):
        statements.setdefault(row["article_id"], []).append(_record(Statement, row))
    out = {}
    for gid in gold_ids:
        article = articles.get(gid)
        aid = article.article_id if article is not None else None
        out[gid] = Extracted(article, events.get(aid, []), actors, statements.get(aid, []))
    return out


# --- matching ----------------------------------------------------------------------------------


def evidence_span(text: str, evidence: str) -> tuple[int, int] | None:
    """Where the gold evidence is in the article text (letters and digits compared)."""
    keep = [i for i, ch in enumerate(text) if ch.isascii() and ch.isalnum()]
    flat = "".join(text[i].lower() for i in keep)
    at = flat.find(norm(evidence))
    if at < 0 or not norm(evidence):
        return None
    return keep[at], keep[at + len(norm(evidence)) - 1] + 1


def side_names(event: Event, side: str, actors: dict) -> set[str]:
    """The event's names for one side: its mention text, its actor's name and aliases."""
    names = {getattr(event, side) or ""}
    actor = actors.get(getattr(event, f"{side}_actor_id") or "")
    if actor is not None:
        names |= {actor.name, *actor.aliases}
    return {norm(n) for n in names} - {""}


def side_empty(event: Event, side: str) -> bool:
    return not (getattr(event, side) or getattr(event, f"{side}_actor_id")
                or getattr(event, f"{side}_country"))


_DETERMINERS = frozenset({"the", "a", "an"})
_PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "its", "their",
                       "we", "us", "i", "you", "who", "whom", "everybody"})


def words(text: str) -> tuple[str, ...]:
    """Lower-case words of a name, leading articles left out."""
    found = re.findall(r"[0-9a-z]+", text.lower())
    while found and found[0] in _DETERMINERS:
        found = found[1:]
    return tuple(found)


def _within(alias: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(alias)
    return any(phrase[i:i + n] == alias for i in range(len(phrase) - n + 1))


def names_in_mention(event: Event, side: str, entity: dict) -> bool:
    """A gold name or alias (not a pronoun) is a whole-word part of the event's mention of the
    side: "civilians" in "at least 19 civilians", "regime" in "the Syrian regime"."""
    mention = words(getattr(event, side) or "")
    aliases = (words(a) for a in (entity.get("name", ""), *entity.get("aliases", [])))
    return any(alias and not set(alias) <= _PRONOUNS and _within(alias, mention)
               for alias in aliases)


def party_matches(event: Event, side: str, entity: dict | None, actors: dict) -> bool:
    if entity is None:
        return side_empty(event, side)
    gold_names = {norm(n) for n in (entity.get("name", ""), *entity.get("aliases", []))} - {""}
    if side_names(event, side, actors) & gold_names:
        return True
    mine, theirs = getattr(event, f"{side}_sector"), entity.get("sector") or ""
    sectors_agree = not (mine and theirs) or mine == theirs
    if sectors_agree and names_in_mention(event, side, entity):
        return True
    country = entity.get("country") or ""
    if entity.get("type") not in COLLECTIVE or not country or country == "IGO":
        return False
    return getattr(event, f"{side}_country") == country and sectors_agree


def in_sentence(event: Event, gold_event: dict, span: tuple[int, int] | None) -> bool:
    if norm(gold_event["evidence"]) in norm(event.text):
        return True
    return span is not None and span[0] < event.end and event.start < span[1]


def matches(event: Event, gold_event: dict, doc: GoldDoc, span, actors: dict) -> dict:
    """level -> whether ``event`` matches ``gold_event`` there."""
    if event.type not in (gold_event["type"], gold_event.get("alt_type")) or not in_sentence(
            event, gold_event, span):
        return dict.fromkeys(LEVELS, False)
    source = party_matches(event, "source", doc.entities.get(gold_event["source"]), actors)
    target = party_matches(event, "target", doc.entities.get(gold_event["target"])
                           if gold_event.get("target") else None, actors)
    return {"full": source and target, "sentence": True, "source": source}


def judge(doc: GoldDoc, extracted: Extracted) -> tuple[list[Judged], list[dict]]:
    """Each event's status per level, and for each required gold event the highest
    confidence of the events that match it per level (None: not found)."""
    text = extracted.article.text if extracted.article is not None else ""
    spans = [evidence_span(text, g["evidence"]) for g in doc.events]
    found = [dict.fromkeys(LEVELS) for g in doc.events]
    judged = []
    for event in extracted.events:
        conf = confidence_of(event)
        status = dict.fromkeys(LEVELS, "miss")
        for i, gold_event in enumerate(doc.events):
            for level, ok in matches(event, gold_event, doc, spans[i], extracted.actors).items():
                if not ok:
                    continue
                if gold_event.get("optional"):
                    status[level] = "optional" if status[level] == "miss" else status[level]
                    continue
                status[level] = "hit"
                best = found[i][level]
                found[i][level] = conf if best is None else max(best, conf)
        judged.append(Judged(event, doc.gold_id, status))
    required = [f for f, g in zip(found, doc.events) if not g.get("optional")]
    return judged, required


def confidence_of(event: Event) -> float:
    return 1.0 if event.confidence is None else float(event.confidence)


# --- figures -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scored:
    """Everything the figures need: judged events and the required gold events' best
    confidences, over one split."""

    articles: int
    judged: list
    required: list


def pr_at(scored: Scored, level: str, threshold: float) -> tuple[float, float, int]:
    """(precision, recall, events kept) at ``threshold``."""
    kept = [j for j in scored.judged if confidence_of(j.event) >= threshold
            and j.status[level] != "optional"]
    hits = sum(j.status[level] == "hit" for j in kept)
    found = sum(r[level] is not None and r[level] >= threshold for r in scored.required)
    precision = hits / len(kept) if kept else float("nan")
    recall = found / len(scored.required) if scored.required else float("nan")
    return precision, recall, len(kept)


def recall_at_precision(scored: Scored, level: str, target: float) -> tuple[float, float]:
    """The highest recall at a threshold whose precision is ≥ ``target``, and that threshold
    (over every distinct confidence); (0, nan) when none reaches it."""
    cuts = sorted({confidence_of(j.event) for j in scored.judged})
    best = (0.0, float("nan"))
    for cut in cuts:
        precision, recall, kept = pr_at(scored, level, cut)
        if kept and precision >= target and recall > best[0]:
            best = (recall, cut)
    return best


def reliability(judged: list, level: str = "full", bins: int = 10) -> list[tuple]:
    """(low, high, events, mean confidence, observed precision) per confidence bin."""
    rows = []
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [j for j in judged if j.status[level] != "optional"
                  and low <= confidence_of(j.event) < high + (1e-9 if b == bins - 1 else 0)]
        if inside:
            mean = sum(confidence_of(j.event) for j in inside) / len(inside)
            rows.append((low, high, len(inside), mean,
                         sum(j.status[level] == "hit" for j in inside) / len(inside)))
    return rows


def score(docs: list[GoldDoc], extracted: dict[str, Extracted]) -> Scored:
    judged, required = [], []
    for doc in docs:
        j, r = judge(doc, extracted[doc.gold_id])
        judged += j
        required += r
    return Scored(len(docs), judged, required)


def _f(x: float) -> str:
    return "–" if x != x else f"{x:.3f}"


def report(scored: Scored, split: str, threshold: float | None = None) -> str:
    """The split's figures as markdown (aggregates only); ``threshold``: the default cut
    (the shipped model's when None)."""
    threshold = EventScorer.load().threshold if threshold is None else threshold
    out = [f"{split}: {scored.articles} articles, {len(scored.required)} required gold events, "
           f"{len(scored.judged)} events emitted; default threshold {threshold:.2f}.", "",
           "| threshold | events kept | P full | R full | P type+sentence | R type+sentence "
           "| P type+source | R type+source |", "|---|---|---|---|---|---|---|---|"]
    for cut in sorted({0.0, threshold, *THRESHOLDS}):
        cells = [f"{cut:.2f}" + (" (default)" if cut == threshold else "")]
        for level in LEVELS:
            precision, recall, kept = pr_at(scored, level, cut)
            if level == "full":
                cells.append(str(kept))
            cells += [_f(precision), _f(recall)]
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    for level in LEVELS:
        recall, cut = recall_at_precision(scored, level, 0.80)
        out.append(f"- recall at precision ≥ 0.80 ({level}): {_f(recall)}"
                   + (f" (threshold {cut:.3f})" if cut == cut else ""))
    out += ["", "Reliability (full match): confidence bin → observed precision", "",
            "| bin | events | mean confidence | observed precision |", "|---|---|---|---|"]
    out += [f"| {lo:.1f}–{hi:.1f} | {n} | {m:.3f} | {p:.3f} |"
            for lo, hi, n, m, p in reliability(scored.judged)]
    return "\n".join(out)


def detail(docs: list[GoldDoc], scored: Scored) -> str:
    """Per-event lines, dev articles only (never a held-out item)."""
    if any(doc.split != "dev" for doc in docs):
        raise SystemExit("--detail prints items: only for dev articles (the manifest puts some "
                         "of these in the held-out split)")
    lines = []
    for j in scored.judged:
        e = j.event
        lines.append(f"{j.gold_id}\t{j.status['full']:<8}\t{confidence_of(e):.2f}\t{e.type}\t"
                     f"{e.source!r}->{e.target!r}\t{e.text[:120]!r}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.gold.score", description=__doc__)
    parser.add_argument("--split", choices=("dev", "heldout"), default="dev")
    parser.add_argument("--gold-dir", action="append", type=Path,
                        help="folder of gold files (repeatable; default bench/gold/news/SPLIT)")
    parser.add_argument("--detail", action="store_true", help="per-event lines (dev only)")
    args = parser.parse_args(argv)
    docs = [d for d in load_gold(args.gold_dir or gold_dirs(args.split)) if d.split == args.split]
    if not docs:
        print(f"no {args.split} gold files found", file=sys.stderr)
        return 2
    scored = score(docs, run_pipeline([d.gold_id for d in docs]))
    print(report(scored, args.split))
    if args.detail:
        print(detail(docs, scored))
    return 0


if __name__ == "__main__":
    sys.exit(main())
