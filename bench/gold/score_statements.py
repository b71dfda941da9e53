"""Statements scored on the hand-made news gold (docs/annotation.md), aggregates only.

    python -m bench.gold.score_statements [--gold-dir DIR ...] [--show]

The statements are what ``dragoman ingest`` stores for the gold articles (the default
pipeline, actor resolution across the articles included: :func:`bench.gold.score.run_pipeline`,
the one the events scorer uses). Each gold statement has a speaker entity (canonical name
and the aliases used in the article, or "unnamed"), a kind and a distinctive exact
substring of what was said. A
dragoman statement *finds* a gold statement when the gold content, letters and digits only,
lies inside the statement's text, or when the two overlap by more than 30% of the longer
(alphanumeric characters of the article, as in bench/statements.py). Pairs are one to one,
best overlap first. Gold marked ``optional`` is neither required nor a false alarm.

The **speaker is right** when the statement's actor name (or, with no actor, its speaker
mention) equals the entity's name or one of its aliases (letters and digits only), or one
ends with the other (a surname: "Assad" / "Bashar al-Assad"); for an "unnamed" gold
speaker, when the statement names no actor.

Three rows: every statement; speech only; speech at or above the default confidence
threshold (what the default listing shows). ``--gold-dir`` defaults to bench/gold/news/dev;
a directory named ``heldout`` is scored for aggregates only and ``--show`` (which prints
misses and false alarms of dev files) refuses it.
"""
from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from bench.gold.articles import HERE
from bench.gold.score import run_pipeline
from dragoman.statements.confidence import load_confidence_model

DEV = HERE / "news" / "dev"
_OVERLAP = 0.3


def norm(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", (text or "").lower())


def alnum_positions(text: str, start: int, end: int) -> frozenset:
    return frozenset(i for i in range(start, end) if text[i].isalnum())


def locate(text: str, content: str) -> frozenset:
    """The article's alphanumeric positions of a gold content (exact, else letters-only)."""
    at = text.find(content)
    if at >= 0:
        return alnum_positions(text, at, at + len(content))
    positions = [i for i, c in enumerate(text) if c.isalnum()]
    flat = "".join(text[i].lower() for i in positions)
    at = flat.find(norm(content))
    return frozenset(positions[at:at + len(norm(content))]) if at >= 0 else frozenset()


def speaker_right(entity: dict | None, statement) -> bool:
    said = statement.speaker or statement.speaker_mention
    if entity is None:  # "unnamed"
        return statement.speaker_actor_id is None and bool(statement.speaker_mention)
    names = {norm(n) for n in [entity.get("name", ""), *entity.get("aliases", [])]} - {""}
    guess = norm(said)
    if not guess:
        return False
    return any(guess == n or (min(len(guess), len(n)) >= 4 and (guess.endswith(n)
                                                               or n.endswith(guess)))
               for n in names)


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    found: int = 0
    false_alarms: int = 0
    speaker_ok: int = 0
    misses: list = field(default_factory=list)  # dev only, for --show

    def row(self, name: str) -> str:
        p = self.found / (self.found + self.false_alarms) if self.found + self.false_alarms else 0
        r = self.found / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        spk = 100 * self.speaker_ok / self.found if self.found else 0.0
        return (f"| {name} | {self.gold} | {self.predicted} | {100 * p:.1f} / {100 * r:.1f} / "
                f"{100 * f:.1f} | {spk:.1f}% of {self.found} |")


def score_article(tally: Tally, gold: dict, text: str, statements, keep_misses: bool) -> None:
    entities = {e["id"]: e for e in gold.get("entities", [])}
    items = [(g, locate(text, g["content"])) for g in gold.get("statements", [])]
    spans = [alnum_positions(text, s.start, s.end) for s in statements]
    pairs = []
    for gi, (g, chars) in enumerate(items):
        for si, (s, got) in enumerate(zip(statements, spans)):
            inside = norm(g["content"]) in norm(s.text)
            inter = len(chars & got)
            cover = inter / max(len(chars), len(got)) if inter else 0.0
            if inside or cover > _OVERLAP:
                pairs.append((1.0 + cover if inside else cover, gi, si))
    used_g, used_s = set(), set()
    for _, gi, si in sorted(pairs, key=lambda x: -x[0]):
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        g = items[gi][0]
        if not g.get("optional"):
            tally.found += 1
            ok = speaker_right(entities.get(g["speaker"]), statements[si])
            tally.speaker_ok += ok
            if keep_misses and not ok:
                tally.misses.append(f"SPK\t{g['speaker']}\t{statements[si].speaker}\t"
                                    f"{statements[si].speaker_mention}\t{g['content'][:60]}")
    tally.gold += sum(1 for g, _ in items if not g.get("optional"))
    tally.predicted += len(statements)
    tally.false_alarms += len(statements) - len(used_s)
    if keep_misses:
        tally.misses += [f"MISS\t{g['kind']}\t{g['speaker']}\t{g['content'][:80]}"
                         for gi, (g, _) in enumerate(items)
                         if gi not in used_g and not g.get("optional")]
        tally.misses += [f"FA\t{s.kind}\t{s.cue_class}\t{s.confidence}\t{s.speaker_mention}\t"
                         f"{s.text[:80]}" for si, s in enumerate(statements) if si not in used_s]


def gold_files(dirs: list[Path]) -> list[Path]:
    return sorted(p for d in dirs for p in d.glob("*.json"))


def run(dirs: list[Path], show: bool) -> str:
    heldout = any("heldout" in d.resolve().parts for d in dirs)
    if show and heldout:
        raise SystemExit("--show prints items: it is for dev gold only, never heldout")
    threshold = load_confidence_model().threshold
    rows = {"all statements": Tally(), "speech": Tally(),
            f"speech, confidence ≥ {threshold:.2f}": Tally()}
    files = gold_files(dirs)
    golds = [json.loads(path.read_text(encoding="utf-8")) for path in files]
    extracted = run_pipeline([gold["gold_id"] for gold in golds])  # what `dragoman ingest` stores
    for gold in golds:
        stored = extracted[gold["gold_id"]]
        text = stored.article.text if stored.article is not None else ""
        statements = stored.statements
        speech = [s for s in statements if (s.cue_class or "speech") == "speech"]
        confident = [s for s in speech if (s.confidence or 0.0) >= threshold]
        for tally, chosen in zip(rows.values(), (statements, speech, confident)):
            score_article(tally, gold, text, chosen, show and not heldout)
    lines = [f"News gold statements: {len(files)} articles from "
             f"{', '.join(str(d) for d in dirs)}.", "",
             "| statements | gold | predicted | P / R / F1 | speaker right (of found) |",
             "|---|---|---|---|---|"]
    lines += [tally.row(name) for name, tally in rows.items()]
    if show and not heldout:
        lines += ["", *rows["speech"].misses]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.gold.score_statements",
                                     description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold-dir", type=Path, action="append",
                        help=f"a folder of gold JSON files (repeatable; default {DEV})")
    parser.add_argument("--show", action="store_true",
                        help="print speech misses, false alarms, wrong speakers (dev only)")
    args = parser.parse_args(argv)
    print(run(args.gold_dir or [DEV], args.show))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
