"""Write ``src/dragoman/data/sources/world_office_holders.tsv``: heads of state and government
of every country, and the named offices (ministers, ambassadors, chiefs of staff) of a few
countries the news of the Syrian war names most, from Wikidata (CC0 1.0) as stored by the
EveryPolitician scrapers.

    .venv/bin/python scripts/extract_world_office_holders.py MIRRORS

``MIRRORS`` holds bare git clones named ``every-politician-scrapers+<repo>/repo`` (as
``git clone --mirror https://github.com/every-politician-scrapers/<repo>`` gives, renamed).
Read, all Wikidata query results (the repositories' ``scraped.csv`` files come from Wikipedia,
CC BY-SA, and are not read):

- ``world-leaders-2021``: ``data/wikidata.csv`` in every commit that changed it (the union:
  whoever held a head-of-state or head-of-government office while the scraper ran, with the
  office's start year);
- ``russia-cabinet``, ``turkey-ministers``, ``israel-ministers``, ``iran-ministers``,
  ``united-kingdom-cabinet``, ``us-cabinet``: ``sources/official/wikidata.csv`` and
  ``sources/wpoffice/**/wikidata.csv`` at the head commit (the cabinet, and the holders of
  each named office over time); the legislatures' and US states' lists are left out (too many
  people, too few of them in the news).

A row per person and country: Wikidata id, English label, aliases (the label and the other
spellings the files give), ISO 3166 alpha-3 country, role (the office's label, or the folder
naming it), first start and last end (``9999-12-31`` while open). A label that is a bare
Wikidata id (no English label) or not in Latin letters is skipped.
"""
from __future__ import annotations

import argparse
import csv
import io
import subprocess
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dragoman" / "data" / "sources" / "world_office_holders.tsv"
LEADERS = "world-leaders-2021"
CABINETS = {"russia-cabinet": "RUS", "turkey-ministers": "TUR", "israel-ministers": "ISR",
            "iran-ministers": "IRN", "united-kingdom-cabinet": "GBR", "us-cabinet": "USA"}
OPEN = "9999-12-31"
# Wikidata country labels pycountry does not resolve
COUNTRY_LABELS = {
    "Russia": "RUS", "Iran": "IRN", "Syria": "SYR", "Turkey": "TUR", "State of Palestine": "PSE",
    "Republic of Ireland": "IRL", "Ireland": "IRL", "Kingdom of the Netherlands": "NLD",
    "Kingdom of Denmark": "DNK", "People's Republic of China": "CHN", "North Korea": "PRK",
    "South Korea": "KOR", "Vietnam": "VNM", "Laos": "LAO", "Bolivia": "BOL", "Venezuela": "VEN",
    "Tanzania": "TZA", "Moldova": "MDA", "Ivory Coast": "CIV", "Democratic Republic of the "
    "Congo": "COD", "Republic of the Congo": "COG", "Federated States of Micronesia": "FSM",
    "Taiwan": "TWN", "East Timor": "TLS", "Cape Verde": "CPV", "The Gambia": "GMB",
    "Czech Republic": "CZE", "Vatican City": "VAT", "Brunei": "BRN", "Eswatini": "SWZ",
    "Kosovo": "XKX", "United States of America": "USA", "United Kingdom": "GBR",
    "Sahrawi Arab Democratic Republic": None, "Republic of Artsakh": None,
    "Abkhazia": None, "South Ossetia": None, "Transnistria": None, "Northern Cyprus": None,
}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", str(repo), *args], check=True,
                          capture_output=True, text=True).stdout


def country_code(label: str) -> str | None:
    """ISO alpha-3 of a Wikidata country label, or None (unrecognised states)."""
    if label in COUNTRY_LABELS:
        return COUNTRY_LABELS[label]
    try:
        return pycountry.countries.lookup(label).alpha_3
    except LookupError:
        return None


def leader_rows(repo: Path) -> tuple[list[dict], str]:
    """Rows of every version of the world leaders' ``data/wikidata.csv``; and the head commit."""
    rows = []
    for commit in git(repo, "log", "--format=%H", "--", "data/wikidata.csv").split():
        text = git(repo, "show", f"{commit}:data/wikidata.csv")
        for row in csv.DictReader(io.StringIO(text)):
            if "officeholderLabel" not in row:
                continue  # the first version, with other column names, is listed again later
            rows.append({"id": row["officeholder"], "name": row["officeholderLabel"],
                         "country": country_code(row["country"]), "role": row["positionLabel"],
                         "start": row["start_year"], "end": row["end_year"]})
    return rows, git(repo, "rev-parse", "HEAD").strip()


def cabinet_rows(repo: Path, country: str) -> tuple[list[dict], str]:
    """Rows of the cabinet's and the named offices' Wikidata files at the head commit."""
    rows = []
    paths = [p for p in git(repo, "ls-tree", "-r", "--name-only", "HEAD").split()
             if p.endswith("/wikidata.csv")
             and (p.startswith("sources/wpoffice/") or p == "sources/official/wikidata.csv")]
    for path in paths:
        for row in csv.DictReader(io.StringIO(git(repo, "show", f"HEAD:{path}"))):
            role = row.get("positionLabel") or row.get("position") or path.split("/")[-2]
            names = [row.get("itemLabel") or row.get("wdLabel") or "", row.get("name") or ""]
            for name in filter(None, dict.fromkeys(names)):
                rows.append({"id": row.get("item") or row.get("wdid"), "name": name,
                             "country": country, "role": role,
                             "start": row.get("startDate") or row.get("start") or "",
                             "end": row.get("endDate") or ""})
    return rows, git(repo, "rev-parse", "HEAD").strip()


def latin(name: str) -> bool:
    """Whether every letter of a name is Latin (a label in Cyrillic or Arabic is no English
    label: the news writes it otherwise)."""
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF for c in name if c.isalpha())


def people(rows: list[dict]) -> list[tuple]:
    """One row per (Wikidata id, country): the first label, every spelling, the latest role,
    the first start and the last end; none for a person of several countries (Elizabeth II,
    monarch of fifteen)."""
    found: dict[tuple, dict] = {}
    for row in rows:
        if not row["country"] or not row["name"] or row["name"].startswith("Q") \
                or not latin(row["name"]):
            continue
        start, end = row["start"][:10] or "0000", row["end"][:10] or OPEN
        person = found.setdefault((row["id"], row["country"]), {
            "name": row["name"], "aliases": set(), "role": row["role"], "start": start,
            "end": end})
        person["aliases"].add(row["name"])
        if end >= person["end"]:
            person["role"], person["end"] = row["role"], end
        person["start"] = min(person["start"], start)
    countries: dict[str, set] = {}
    for wikidata, country in found:
        countries.setdefault(wikidata, set()).add(country)
    return sorted(((key[0], p["name"], "|".join(sorted(p["aliases"])), key[1], p["role"],
                    p["start"], p["end"]) for key, p in found.items()
                   if len(countries[key[0]]) == 1), key=lambda r: r[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mirrors", type=Path, help="folder of the bare clones (see above)")
    args = parser.parse_args(argv)
    repo = lambda name: args.mirrors / f"every-politician-scrapers+{name}" / "repo"  # noqa: E731
    missing = [n for n in (LEADERS, *CABINETS) if not repo(n).is_dir()]
    if missing:
        print(f"missing clones under {args.mirrors}: {', '.join(missing)}", file=sys.stderr)
        return 2
    rows, head = leader_rows(repo(LEADERS))
    commits = [f"{LEADERS} at {head[:12]} (all versions of data/wikidata.csv)"]
    for name, country in CABINETS.items():
        more, head = cabinet_rows(repo(name), country)
        rows += more
        commits.append(f"{name} at {head[:12]}")
    table = people(rows)
    header = ("# Office holders outside the US Congress, from Wikidata (CC0 1.0) as stored by "
              "github.com/every-politician-scrapers: " + "; ".join(commits)
              + "; written by scripts/extract_world_office_holders.py")
    lines = [header, "\t".join(("wikidata", "name", "aliases", "country", "role", "start",
                                "end"))]
    lines += ["\t".join(row) for row in table]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(table)} office holders written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
