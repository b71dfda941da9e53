"""Rebuild the packaged actor gazetteer (``src/dragoman/data/actors_*.tsv``) from public data.

    .venv/bin/python scripts/build_gazetteer.py [--shared ../shared]

Sources (licences and attribution in docs/actors.md):

- pycountry (ISO 3166-1: alpha-3 codes, names, common names);
- ``benchmarks/events/ngec-plover/countries.csv`` (NGEC, MIT): names and nationality words;
- ``benchmarks/actors/countryinfo/CountryInfo.120116.txt`` (Schrodt, CC BY-SA 3.0): adjectives,
  capitals and major cities (leaders are not used: they are dated);
- ``benchmarks/events/ngec-plover/PLOVER_agents.txt`` (OEDA, MIT): agent nouns → sector;
- ``benchmarks/events/plover/plover_ontology.json`` (OEDA PLOVER, CC BY-SA 4.0): sector codes;
- the intergovernmental organisations, armed and political groups and news outlets written
  below by hand from public facts (kept short: roles change, and a wrong entry costs more than
  a missing one).

An alias that two countries claim at the same rank (a name beats an adjective, an adjective a
capital, a capital a city) is left out and counted in the build report.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "dragoman" / "data"
VERSION = "2024.2"
RANK = {"name": 0, "acronym": 0, "demonym": 1, "capital": 2, "city": 3}

# Short forms news uses that ISO does not list; ISO's long forms stay aliases.
COUNTRY_NAMES = {
    "RUS": "Russia", "USA": "United States", "GBR": "Britain", "IRN": "Iran", "SYR": "Syria",
    "PRK": "North Korea", "KOR": "South Korea", "TUR": "Turkey", "VNM": "Vietnam",
    "LAO": "Laos", "CZE": "Czech Republic", "CIV": "Ivory Coast", "PSE": "Palestine",
    "VEN": "Venezuela", "BOL": "Bolivia", "TZA": "Tanzania", "MDA": "Moldova", "TWN": "Taiwan",
    "COG": "Congo", "COD": "DR Congo", "MKD": "North Macedonia", "FSM": "Micronesia",
}
EXTRA_COUNTRY_ALIASES = {
    "USA": ["US", "U.S.", "U.S", "USA", "U.S.A.", "America", "United States of America",
            "Washington", "American", "Americans"],
    "GBR": ["UK", "U.K.", "Great Britain", "United Kingdom", "British", "Briton", "Britons",
            "London"],
    "RUS": ["Russian Federation", "Russians", "Kremlin"],
    "NLD": ["Holland", "The Netherlands", "Dutch"], "COD": ["DRC", "Democratic Republic of Congo"],
    "PSE": ["Palestinians", "Palestinian", "Palestinian territories"],
    "MKD": ["Macedonia"], "CZE": ["Czechia"], "IRN": ["Tehran", "Teheran"],
    "KAZ": ["Astana", "Nur-Sultan"], "SYR": ["Syrians"], "TUR": ["Turks", "Ankara"],
    "ISR": ["Israelis"], "IRQ": ["Iraqis"], "AFG": ["Afghans", "Kabul"],
    # short forms in common news use (2024.2)
    "BIH": ["Bosnia"], "ARE": ["Emirates", "UAE", "U.A.E.", "United Arab Emirates"],
    "CHN": ["PRC", "People's Republic of China"], "VAT": ["Vatican", "Holy See"],
}
CAPITALS = {"Washington", "London", "Tehran", "Teheran", "Kabul", "Ankara", "Astana",
            "Nur-Sultan", "Kremlin"}
DEMONYMS = {"American", "Americans", "British", "Briton", "Britons", "Russians", "Dutch",
            "Palestinians", "Palestinian", "Syrians", "Turks", "Israelis", "Iraqis", "Afghans"}
# country (or non-state code), sector, canonical name, aliases
ORGANISATIONS = [
    ("IGO", "IGO", "United Nations", ["UN", "U.N.", "U.N", "United Nations Organization"]),
    ("IGO", "IGO", "UN Security Council", ["Security Council", "U.N. Security Council",
                                          "United Nations Security Council", "UNSC"]),
    ("IGO", "IGO", "UN General Assembly", ["General Assembly", "UNGA",
                                          "United Nations General Assembly"]),
    ("IGO", "IGO", "UNHCR", ["UN refugee agency", "UN High Commissioner for Refugees"]),
    ("IGO", "IGO", "UNICEF", []), ("IGO", "IGO", "World Food Programme", ["WFP"]),
    ("IGO", "IGO", "World Health Organization", ["WHO"]),
    ("IGO", "IGO", "OCHA", ["UN Office for the Coordination of Humanitarian Affairs"]),
    ("IGO", "IGO", "UNRWA", []), ("IGO", "IGO", "International Atomic Energy Agency", ["IAEA"]),
    ("IGO", "IGO", "OPCW", ["Organisation for the Prohibition of Chemical Weapons",
                            "Organization for the Prohibition of Chemical Weapons"]),
    ("IGO", "IGO", "European Union", ["EU", "E.U.", "European Community", "EC"]),
    ("IGO", "IGO", "European Commission", []), ("IGO", "IGO", "European Parliament", []),
    ("IGO", "IGO", "NATO", ["North Atlantic Treaty Organization", "Nato"]),
    ("IGO", "IGO", "Arab League", ["League of Arab States"]),
    ("IGO", "IGO", "African Union", ["AU"]), ("IGO", "IGO", "ASEAN", []),
    ("IGO", "IGO", "OSCE", ["Organization for Security and Co-operation in Europe"]),
    ("IGO", "IGO", "Council of Europe", []), ("IGO", "IGO", "OPEC", []),
    ("IGO", "IGO", "Gulf Cooperation Council", ["GCC"]),
    ("IGO", "IGO", "Organisation of Islamic Cooperation", ["OIC",
                                                          "Organization of Islamic Cooperation"]),
    ("IGO", "IGO", "International Monetary Fund", ["IMF"]),
    ("IGO", "IGO", "World Bank", []), ("IGO", "IGO", "World Trade Organization", ["WTO"]),
    ("IGO", "IGO", "Asia-Pacific Economic Cooperation", ["APEC"]),
    ("IGO", "IGO", "ECOWAS", ["Economic Community of West African States"]),
    ("IGO", "IGO", "International Criminal Court", ["ICC"]),
    ("IGO", "IGO", "International Court of Justice", ["ICJ"]),
    ("IGO", "IGO", "Interpol", []), ("IGO", "IGO", "Shanghai Cooperation Organisation", ["SCO"]),
    ("NGO", "NGO", "International Committee of the Red Cross", ["ICRC", "Red Cross"]),
    ("NGO", "NGO", "Amnesty International", []), ("NGO", "NGO", "Human Rights Watch", ["HRW"]),
    ("NGO", "NGO", "Doctors Without Borders", ["MSF", "Medecins Sans Frontieres"]),
    ("NGO", "NGO", "Syrian Observatory for Human Rights", ["SOHR"]),
    ("NGO", "NGO", "White Helmets", ["Syria Civil Defence"]),
]
# groups: (country, sector, type, name, aliases)
GROUPS = [
    ("SYR", "OPP", "organisation", "High Negotiations Committee",
     ["HNC", "High Negotiation Committee", "Higher Negotiations Committee"]),
    ("SYR", "OPP", "organisation", "Syrian National Coalition", ["National Coalition"]),
    ("SYR", "REB", "organisation", "Jaish al-Islam", ["Jaysh al-Islam", "Army of Islam"]),
    ("SYR", "REB", "organisation", "Free Syrian Army", ["FSA"]),
    ("SYR", "REB", "organisation", "Ahrar al-Sham", []),
    ("SYR", "REB", "organisation", "Hayat Tahrir al-Sham", ["HTS", "Tahrir al-Sham"]),
    ("SYR", "REB", "organisation", "Jabhat al-Nusra", ["Nusra Front", "al-Nusra Front",
                                                      "Jabhat Fateh al-Sham"]),
    ("SYR", "REB", "organisation", "Syrian Democratic Forces", ["SDF"]),
    ("SYR", "REB", "organisation", "YPG", ["People's Protection Units"]),
    ("SYR", "GOV", "organisation", "SANA", ["Syrian Arab News Agency"]),
    ("SYR", "JRN", "organisation", "Al-Watan", ["Al Watan"]),
    ("IMG", "REB", "organisation", "Islamic State", ["ISIS", "ISIL", "IS", "Daesh", "Daech"]),
    ("IMG", "REB", "organisation", "al-Qaeda", ["al-Qaida", "Al Qaeda", "Al-Qaeda"]),
    ("LBN", "REB", "organisation", "Hezbollah", ["Hizbollah", "Hizbullah"]),
    ("AFG", "REB", "organisation", "Taliban", []),
    ("PSE", "REB", "organisation", "Hamas", []), ("PSE", "GOV", "organisation", "Fatah", []),
    ("PSE", "GOV", "organisation", "Palestine Liberation Organization",
     ["PLO", "Palestinian Liberation Organization"]),
    ("TUR", "REB", "organisation", "Kurdistan Workers' Party", ["PKK"]),
    ("YEM", "REB", "organisation", "Houthis", ["Houthi", "Ansar Allah"]),
    ("GBR", "JRN", "organisation", "Reuters", []), ("FRA", "JRN", "organisation", "AFP",
                                                    ["Agence France-Presse", "Agence France Presse"]),
    ("USA", "JRN", "organisation", "Associated Press", ["AP"]),
    ("RUS", "JRN", "organisation", "Sputnik", []), ("RUS", "JRN", "organisation", "TASS", []),
    ("RUS", "JRN", "organisation", "RIA Novosti", ["RIA"]),
    ("QAT", "JRN", "organisation", "Al Jazeera", ["Al-Jazeera", "Aljazeera"]),
    ("GBR", "JRN", "organisation", "BBC", []), ("USA", "JRN", "organisation", "CNN", []),
    ("DEU", "JRN", "organisation", "Deutsche Welle", ["DW"]),
    ("USA", "BUS", "organisation", "Twitter", ["X"]), ("USA", "BUS", "organisation", "Facebook", []),
    ("USA", "GOV", "organisation", "State Department", ["US State Department",
                                                       "U.S. State Department"]),
    ("USA", "GOV", "organisation", "Pentagon", []), ("USA", "GOV", "organisation", "White House", []),
    ("USA", "LEG", "organisation", "US Congress", ["Congress"]),
]
# agent nouns the PLOVER list lacks or codes in a way that misleads here
AGENT_OVERRIDES = {
    "spokesman": "", "spokeswoman": "", "spokesperson": "", "head": "", "chief": "",
    "regime": "GOV", "government": "GOV", "authorities": "GOV", "authority": "GOV",
    "opposition": "OPP", "rebel": "REB", "rebels": "REB", "insurgent": "REB", "militant": "REB",
    "negotiator": "", "delegation": "", "mediator": "", "secretary of state": "GOV",
    "foreign ministry": "GOV", "foreign minister": "GOV", "deputy foreign minister": "GOV",
    "president": "GOV", "prime minister": "GOV", "ambassador": "GOV", "envoy": "GOV",
    "diplomat": "GOV", "official": "GOV", "officials": "GOV", "army": "MIL", "forces": "MIL",
    "air force": "MIL", "warplanes": "MIL", "jihadist": "REB", "terrorist": "REB",
}
SKIP_SECTORS = {"JNK", "NON", "UNK"}
# generic words some country lists carry as names ("Jewish State" split into words)
STOP_ALIASES = {"state", "states", "republic", "federal", "union", "kingdom", "island", "islands",
                "city", "capital", "common", "north", "south", "east", "west", "central",
                "democratic", "people", "national", "united", "new", "great", "the", "free",
                "hippo", "moron", "natal", "wales", "scot"}


def words(token: str) -> str:
    """A PETRARCH dictionary token ("SRI_LANKAN_") as words ("sri lankan")."""
    return re.sub(r"\s+", " ", token.replace("_", " ")).strip()


def country_rows(shared: Path) -> list[tuple[str, str, str, str, str, str]]:
    """(alias, name, type, country, sector, kind) for every country."""
    rows = []
    names = {c.alpha_3: COUNTRY_NAMES.get(c.alpha_3) or getattr(c, "common_name", None) or c.name
             for c in pycountry.countries}
    for country in pycountry.countries:
        code = country.alpha_3
        for alias in {country.name, getattr(country, "common_name", ""),
                      getattr(country, "official_name", ""), names[code]} - {""}:
            rows.append((alias, names[code], "country", code, "GOV", "name"))
    for code, aliases in EXTRA_COUNTRY_ALIASES.items():
        for alias in aliases:
            kind = ("capital" if alias in CAPITALS else
                    "demonym" if alias in DEMONYMS else "name")
            rows.append((alias, names[code], "country", code, "GOV", kind))
    rows += _ngec_rows(shared, names) + _countryinfo_rows(shared, names)
    return rows


def _ngec_rows(shared: Path, names: dict[str, str]) -> list[tuple]:
    path = shared / "benchmarks/events/ngec-plover/countries.csv"
    rows = []
    with path.open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            code = record["CCA3"].strip()
            if code not in names:
                continue
            rows.append((record["Name"].strip(), names[code], "country", code, "GOV", "name"))
            for word in record["Nationality"].split(","):
                word = word.strip()
                if word and not word.lower().startswith(("republic", "islamic republic")):
                    rows.append((word, names[code], "country", code, "GOV", "demonym"))
    return rows


def _countryinfo_rows(shared: Path, names: dict[str, str]) -> list[tuple]:
    path = shared / "benchmarks/actors/countryinfo/CountryInfo.120116.txt"
    text = path.read_text(encoding="latin-1")
    rows = []
    for block in re.findall(r"<Country>(.*?)</Country>", text, re.DOTALL):
        code = _tag(block, "CountryCode")
        if code is None or code.strip() not in names:
            continue
        code = code.strip()
        for tag, kind in (("Nationality", "demonym"), ("Capital", "capital"),
                          ("MajorCities", "city")):
            content = "\n".join(line.split("#")[0] for line in (_tag(block, tag) or "").splitlines())
            for token in content.split():
                alias = words(token).title()
                if len(alias) >= 4 and alias.isascii() and alias.isprintable():
                    rows.append((alias, names[code], "country", code, "GOV", kind))
                    if kind == "demonym" and alias.endswith(("an", "i")):
                        rows.append((alias + "s", names[code], "country", code, "GOV", kind))
    return rows


def _tag(block: str, tag: str) -> str | None:
    match = re.search(rf"<{tag}>(.*?)</{tag}>", block, re.DOTALL)
    return match.group(1) if match else None


def organisation_rows() -> list[tuple]:
    rows = []
    for country, sector, name, aliases in ORGANISATIONS:
        for alias in [name, *aliases]:
            rows.append((alias, name, "organisation", country, sector, "acronym"
                         if alias.replace(".", "").isupper() else "name"))
    for country, sector, kind, name, aliases in GROUPS:
        for alias in [name, *aliases]:
            rows.append((alias, name, kind, country, sector, "acronym"
                         if alias.replace(".", "").isupper() else "name"))
    return rows


def resolve_conflicts(rows: list[tuple]) -> tuple[list[tuple], list[str]]:
    """One row per alias (case-insensitive): the best-ranked; a tie between two countries drops it."""
    best: dict[str, tuple] = {}
    dropped: dict[str, str] = {}
    for row in rows:
        key = row[0].casefold()
        if key in STOP_ALIASES:
            continue
        known = best.get(key)
        if known is None or _rank(row) < _rank(known):
            best[key] = row
        elif _rank(row) == _rank(known) and row[1] != known[1] and row[2] == known[2] == "country":
            dropped[key] = f"{row[0]}: {known[3]} / {row[3]}"
    for key in dropped:
        best.pop(key, None)
    return sorted(best.values(), key=lambda r: (r[1], _rank(r), r[0])), sorted(dropped.values())


def _rank(row: tuple) -> int:
    organisation_first = 0 if row[2] != "country" else 1  # hand-written entries win
    return RANK[row[5]] * 2 + organisation_first


def agent_rows(shared: Path) -> list[tuple[str, str]]:
    """(noun phrase, primary sector) from the PLOVER agents list plus our overrides."""
    path = shared / "benchmarks/events/ngec-plover/PLOVER_agents.txt"
    substitutions: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#")[0].strip()
        sub = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if sub:
            substitutions[sub.group(1)] = [w.strip() for w in sub.group(2).split(",")]
            continue
        entry = re.match(r"^([A-Z0-9_'!\-]+)\s*(?:\{[^}]*\})?\s*\[~([A-Z]{3})", line)
        if entry and entry.group(2) not in SKIP_SECTORS:
            for noun in _expand(entry.group(1), substitutions):
                for form in (noun, _plural(noun)):
                    agents.setdefault(form, entry.group(2))
    for noun, sector in AGENT_OVERRIDES.items():
        agents[noun] = sector
    return sorted(agents.items())


def _expand(token: str, substitutions: dict[str, list[str]]) -> list[str]:
    for name, values in substitutions.items():
        if name in token:
            return [w for v in values for w in _expand(token.replace(name, v), substitutions)]
    return [words(token).lower()]


def _plural(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith("man"):
        return noun[:-3] + "men"
    return noun + "s"


def sector_rows(shared: Path) -> list[tuple[str, str]]:
    ontology = json.loads((shared / "benchmarks/events/plover/plover_ontology.json").read_text())
    rows = [(s["code"], s["definition"]) for s in ontology["sector_codes"]]
    rows += [("IGO", "intergovernmental organisation (country code IGO as well)"),
             ("NGO", "non-governmental organisation (country code NGO as well)")]
    return sorted(dict(rows).items())


def write_tsv(path: Path, header: str, columns: list[str], rows) -> None:
    lines = [f"# {header}", "\t".join(columns)]
    lines += ["\t".join(str(v) for v in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args(argv)
    if not (args.shared / "benchmarks").is_dir():
        print(f"no benchmarks folder under {args.shared}: pass --shared PATH", file=sys.stderr)
        return 2
    entries, dropped = resolve_conflicts(country_rows(args.shared) + organisation_rows())
    header = f"dragoman actor gazetteer version {VERSION}; built by scripts/build_gazetteer.py"
    write_tsv(DATA / "actors_gazetteer.tsv", header + " (CC BY-SA 3.0, see docs/actors.md)",
              ["alias", "name", "type", "country", "sector", "kind"], entries)
    write_tsv(DATA / "actors_agents.tsv", header + " (MIT, OEDA PLOVER agents + ours)",
              ["noun", "sector"], agent_rows(args.shared))
    write_tsv(DATA / "actors_sectors.tsv", header + " (PLOVER codebook, CC BY-SA 4.0)",
              ["code", "definition"], sector_rows(args.shared))
    print(f"gazetteer {VERSION}: {len(entries)} aliases, {len(dropped)} ambiguous dropped "
          f"({'; '.join(dropped[:8])}{' …' if len(dropped) > 8 else ''})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
