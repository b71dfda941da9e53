"""Check the news gold files (docs/annotation.md): every name defined, every value allowed,
every quoted span found in the article. ``python -m bench.gold.validate [FILE...]`` (default:
every file under bench/gold/news/{dev,heldout}); prints one line per problem, no article text."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from bench.gold.articles import HERE, load
from dragoman.model import PLOVER_TYPES

ENTITY_TYPES = {"PERSON", "GOV", "COUNTRY", "IGO", "NGO", "MEDIA", "REBEL", "OPP", "OTHER",
                "MIL", "GROUP"}
SECTORS = {"GOV", "MIL", "COP", "REB", "OPP", "IGO", "NGO", "MED", "CVL", "BUS", "JUD", "LEG",
           "INS", "SPY", "UAF", "PTY", "EDU", "REL", "HLH", "REF", "ELI", "LAB", "CRM", ""}
KINDS = {"direct", "indirect", "mixed", "block"}
UNNAMED = "unnamed"
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def norm(text: str) -> str:
    """Letters and digits only, lower case: how spans are found despite quotes and spaces."""
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def problems(path: Path) -> list[str]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    out: list[str] = []
    art = load(doc["gold_id"])
    if path.stem != doc["gold_id"]:
        out.append(f"file name {path.stem} != gold_id {doc['gold_id']}")
    body = norm(art.title + " " + art.text)
    for key in ("annotator", "annotated", "entities", "statements", "events"):
        if key not in doc:
            out.append(f"missing key {key}")
    ids = set()
    for ent in doc.get("entities", []):
        ids.add(ent["id"])
        if ent.get("type") not in ENTITY_TYPES:
            out.append(f"entity {ent['id']}: type {ent.get('type')!r}")
        if ent.get("sector", "") not in SECTORS:
            out.append(f"entity {ent['id']}: sector {ent.get('sector')!r}")
        if not ent.get("name") or not ent.get("aliases"):
            out.append(f"entity {ent['id']}: name and aliases are required")
        for alias in ent.get("aliases", []):
            if norm(alias) not in body:
                out.append(f"entity {ent['id']}: alias {alias!r} not in the article")
    for i, st in enumerate(doc.get("statements", [])):
        where = f"statement {i}"
        if st.get("speaker") not in ids | {UNNAMED}:
            out.append(f"{where}: speaker {st.get('speaker')!r} is not an entity id")
        if st.get("kind") not in KINDS:
            out.append(f"{where}: kind {st.get('kind')!r}")
        if not st.get("content") or norm(st["content"]) not in body:
            out.append(f"{where}: content not found in the article")
    for i, ev in enumerate(doc.get("events", [])):
        where = f"event {i}"
        if ev.get("type") not in PLOVER_TYPES:
            out.append(f"{where}: type {ev.get('type')!r}")
        if ev.get("alt_type") not in (None, "", *PLOVER_TYPES):
            out.append(f"{where}: alt_type {ev.get('alt_type')!r}")
        if ev.get("source") not in ids:
            out.append(f"{where}: source {ev.get('source')!r} is not an entity id")
        if ev.get("target") not in ids | {None}:
            out.append(f"{where}: target {ev.get('target')!r} is not an entity id (or null)")
        if not ev.get("evidence") or norm(ev["evidence"]) not in body:
            out.append(f"{where}: evidence not found in the article")
        if ev.get("date") and not _DATE.match(ev["date"]):
            out.append(f"{where}: date {ev['date']!r} is not ISO")
        for flag in ("negated", "hypothetical", "historical", "optional"):
            if not isinstance(ev.get(flag, False), bool):
                out.append(f"{where}: {flag} must be true or false")
    return out


def gold_files() -> list[Path]:
    return sorted((HERE / "news").glob("*/*.json"))


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or gold_files()
    bad = 0
    for path in paths:
        for problem in problems(path):
            bad += 1
            print(f"{path.name}: {problem}")
    print(f"{len(paths)} files, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
