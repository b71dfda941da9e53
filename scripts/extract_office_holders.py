"""Extract US office holders (members of Congress since 2011, every president and vice president)
from a clone of the CC0 ``unitedstates/congress-legislators`` repository into
``src/dragoman/data/sources/us_office_holders.tsv``, the compact source
``scripts/build_gazetteer.py`` turns into person rows.

    .venv/bin/python scripts/extract_office_holders.py PATH/TO/congress-legislators

``legislators-current.yaml`` is read at the snapshots listed in :data:`SNAPSHOTS` (each holds
every term of the members then sitting, so their union is everyone who sat since 2011) and
``executive.yaml`` at :data:`EXECUTIVE`; nothing is fetched. A name two different people bear
("John Kennedy": the president and the Louisiana senator) is left out for both.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dragoman" / "data" / "sources" / "us_office_holders.tsv"
SNAPSHOTS = ("384255159020b189e82b9f56f5ab52fc7556f9b9",  # 2013-06
             "fefb83ac74b4badea06d7e36656ae88865aa647a",  # 2015-03
             "a7f7786a38c5090bfb6503a69fdb1d0bf492cd65",  # 2017-01
             "4fa093e8a47ad4b6914deffa2825112982fb7c96",  # 2019-02
             "9ac1a6bd6c37c66b91e04d3d57744d47fb1ab560",  # 2021-02
             "8eac1710e177cb64f2bf4c8afdccedd0d0343c97",  # 2023-02
             "dfa9622263dd4c8d08636926e498f1845704d7eb")  # 2026-06 (the repository's head)
EXECUTIVE = SNAPSHOTS[-1]
SOURCE = "github.com/unitedstates/congress-legislators"
LICENCE = "CC0 1.0"
ROLE = {"sen": "senator", "rep": "representative", "prez": "president",
        "viceprez": "vice president"}
_SUFFIX = re.compile(r",?\s+(?:Jr\.?|Sr\.?|II|III|IV)$")


def read_yaml(repo: Path, commit: str, name: str) -> list[dict]:
    text = subprocess.run(["git", "-C", str(repo), "show", f"{commit}:{name}"], check=True,
                          capture_output=True, text=True).stdout
    return yaml.load(text, Loader=yaml.CSafeLoader)


def names_of(entry: dict) -> tuple[str, list[str]]:
    """(display name, every full name) of one person: the nickname or the official name as
    the news writes it (Wikipedia's title, else the nickname, else the official name: "Chuck
    Schumer", "Ted Cruz"), and first/middle/last combinations."""
    name = entry["name"]
    first, last = name.get("first", ""), name.get("last", "")
    middle, nick = name.get("middle", ""), name.get("nickname", "")
    official = _SUFFIX.sub("", name.get("official_full", "")).strip()
    wiki = re.sub(r"\s*\(.*\)$", "", entry.get("id", {}).get("wikipedia", "") or "")
    found = [wiki, f"{nick} {last}" if nick else "", official, f"{first} {last}",
             f"{first} {middle} {last}" if middle else "",
             f"{first} {middle[0]}. {last}" if middle and middle[0].isalpha() else ""]
    found = [" ".join(f.split()) for f in found if f and len(f.split()) > 1 and "(" not in f]
    display = found[0] if found else f"{first} {last}"
    return display, list(dict.fromkeys(found))


def people(repo: Path) -> dict[str, dict]:
    """bioguide (else govtrack) id → {name, aliases, role, start, end} (the latest term's)."""
    found: dict[str, dict] = {}
    entries = [e for c in SNAPSHOTS for e in read_yaml(repo, c, "legislators-current.yaml")]
    entries += read_yaml(repo, EXECUTIVE, "executive.yaml")
    for entry in entries:
        ids = entry["id"]
        key = ids.get("bioguide") or f"govtrack:{ids.get('govtrack')}"
        display, aliases = names_of(entry)
        latest = max(entry["terms"], key=lambda t: (str(t["end"]), str(t["start"])))
        row = found.setdefault(key, {"name": display, "aliases": set(), "end": ""})
        row["aliases"] |= set(aliases)
        if str(latest["end"]) >= row["end"]:
            row.update(role=ROLE[latest["type"]], start=str(latest["start"]),
                       end=str(latest["end"]))
    return found


def unambiguous(found: dict[str, dict]) -> tuple[dict[str, dict], int]:
    """Each person's aliases less those another person bears (case and accents aside)."""
    owners: dict[str, set[str]] = {}
    for key, row in found.items():
        for alias in row["aliases"]:
            owners.setdefault(alias.casefold(), set()).add(key)
    dropped = 0
    for key, row in found.items():
        kept = {a for a in row["aliases"] if len(owners[a.casefold()]) == 1}
        dropped += len(row["aliases"]) - len(kept)
        row["aliases"] = kept
    return {k: r for k, r in found.items() if r["aliases"]}, dropped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path, help="a clone of unitedstates/congress-legislators")
    args = parser.parse_args(argv)
    found, dropped = unambiguous(people(args.repo))
    lines = [f"# US office holders from {SOURCE} ({LICENCE}), legislators-current.yaml at "
             f"{', '.join(c[:12] for c in SNAPSHOTS)}; executive.yaml at {EXECUTIVE[:12]}; "
             "written by scripts/extract_office_holders.py",
             "\t".join(("bioguide", "name", "aliases", "country", "role", "start", "end"))]
    for key, row in sorted(found.items(), key=lambda kv: kv[1]["name"]):
        name = row["name"] if row["name"] in row["aliases"] else sorted(row["aliases"])[0]
        lines.append("\t".join((key, name, "|".join(sorted(row["aliases"])), "USA",
                                row["role"], row["start"], row["end"])))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(found)} people, {dropped} aliases two people bear left out → {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
