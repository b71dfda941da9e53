"""Rebuild the packaged actor gazetteer (``src/dragoman/data/actors_*.tsv``) from public data.

    .venv/bin/python scripts/build_gazetteer.py [--shared ../shared]

Sources (licences and attribution in docs/actors.md):

- pycountry (ISO 3166-1: alpha-3 codes, names, common names);
- ``benchmarks/events/ngec-plover/countries.csv`` (NGEC, MIT): names and nationality words;
- ``benchmarks/actors/countryinfo/CountryInfo.120116.txt`` (Schrodt, CC BY-SA 3.0): adjectives,
  capitals and major cities;
- ``benchmarks/events/petrarch-dictionaries/Phoenix.Countries.actors.txt`` and
  ``Phoenix.International.actors.txt`` (OEDA, MIT, generated from CountryInfo's leaders and
  government lists): people, with the country of their dated roles (``actors_people.tsv``;
  roles are dated, a person's country rarely changes; see "People" in docs/actors.md);
- ``data/sources/us_office_holders.tsv`` (from unitedstates/congress-legislators, CC0; written by
  ``scripts/extract_office_holders.py``): members of the US Congress since 2011 and every US
  president and vice president;
- ``data/sources/world_office_holders.tsv`` (Wikidata, CC0, as stored by the EveryPolitician
  scrapers; written by ``scripts/extract_world_office_holders.py``): heads of state and
  government of every country (2021–2022 holders, with the year they took office) and the
  named offices of Russia, Turkey, Israel, Iran, the UK and the US over time;
- the US Census 1990 name lists (public domain, from the ``names`` package): surnames and first
  names too common to stand alone for one person;
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
import importlib.util
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "dragoman" / "data"
VERSION = "2024.5"  # 2024.5: world office holders (Wikidata); 2024.4: US office holders
OFFICE_HOLDERS = DATA / "sources" / "us_office_holders.tsv"
WORLD_OFFICE_HOLDERS = DATA / "sources" / "world_office_holders.tsv"
HEAD_OFFICES = ("President of", "Prime Minister of")  # kept like PROMINENT_ROLES
# words of a Wikidata office that make its holder military (the others are government)
MILITARY_ROLE_WORDS = {"army", "air-force", "navy", "joint-chiefs-chair", "chief-of-staff",
                       "cogs-trwiki", "commander"}
# office holders whose full name is kept even when first name and surname are both common
# ("Ted Cruz", "Tom Cotton"): the few the news names often; representatives are too many
PROMINENT_ROLES = {"senator", "president", "vice president"}
OPEN_ROLE_SECTOR = {"senator": "LEG", "representative": "LEG", "president": "GOV",
                    "vice president": "GOV"}
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
# regions of one state the news names as places of conflict, which GeoNames' cities lack (kind
# "city": a location of the country); contested or shared regions (Kashmir, Kurdistan, Crimea,
# the Golan, Balochistan, Punjab) are left out
REGIONS = {
    "SDN": ["Darfur", "North Darfur", "South Darfur", "West Darfur", "East Darfur",
            "Central Darfur", "West Darfur State", "North Darfur State", "South Darfur State",
            "Kordofan", "South Kordofan", "Blue Nile State"],
    "RUS": ["Chechnya", "Siberia", "Dagestan", "Ingushetia"], "CHN": ["Tibet", "Xinjiang"],
    "EGY": ["Sinai", "Sinai Peninsula", "North Sinai"], "IRQ": ["Anbar", "Nineveh"],
    "UKR": ["Donbas", "Donbass"], "PHL": ["Mindanao"], "IDN": ["Aceh"], "ETH": ["Tigray"],
    "SEN": ["Casamance"], "NGA": ["Biafra"],
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
                                                      "Jabhat Fateh al-Sham", "Fateh al-Sham",
                                                      "Fatah al-Sham", "Jabhat Fatah al-Sham"]),
    ("SYR", "REB", "organisation", "Failaq al-Rahman", ["Failaq al Rahman", "Faylaq al-Rahman"]),
    ("SYR", "REB", "organisation", "Syrian Democratic Forces", ["SDF"]),
    ("SYR", "REB", "organisation", "YPG", ["People's Protection Units"]),
    ("SYR", "GOV", "organisation", "SANA", ["Syrian Arab News Agency"]),
    ("SYR", "JRN", "organisation", "Al-Watan", ["Al Watan"]),
    ("IMG", "REB", "organisation", "Islamic State",
     ["ISIS", "ISIL", "IS", "Daesh", "Daech", "Islamic State of Iraq",
      "Islamic State of Iraq and the Levant", "Islamic State of Iraq and Syria",
      "Islamic State in Iraq and Syria"]),
    ("IMG", "REB", "organisation", "al-Qaeda", ["al-Qaida", "Al Qaeda", "Al-Qaeda"]),
    ("LBN", "REB", "organisation", "Hezbollah", ["Hizbollah", "Hizbullah"]),
    ("AFG", "REB", "organisation", "Taliban", []),
    ("PSE", "REB", "organisation", "Hamas", []), ("PSE", "GOV", "organisation", "Fatah", []),
    ("PSE", "GOV", "organisation", "Palestine Liberation Organization",
     ["PLO", "Palestinian Liberation Organization"]),
    ("TUR", "REB", "organisation", "Kurdistan Workers' Party", ["PKK"]),
    ("YEM", "REB", "organisation", "Houthis", ["Houthi", "Ansar Allah"]),
    # long-lived armed and political groups of one state, beyond the Syrian war (2024.5)
    ("LKA", "REB", "organisation", "Liberation Tigers of Tamil Eelam", ["LTTE", "Tamil Tigers"]),
    ("DZA", "OPP", "organisation", "Islamic Salvation Front", []),
    ("NGA", "REB", "organisation", "Boko Haram", []),
    ("SOM", "REB", "organisation", "al-Shabaab", ["al-Shabab", "Al Shabaab", "Al-Shabaab"]),
    ("COL", "REB", "organisation", "FARC", ["Revolutionary Armed Forces of Colombia"]),
    ("PER", "REB", "organisation", "Shining Path", ["Sendero Luminoso"]),
    ("PHL", "REB", "organisation", "Abu Sayyaf", []),
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
    # 2024.4: outlets, companies and parties the demo corpus's model typed as people
    ("RUS", "JRN", "organisation", "Izvestia", ["Izvestiya"]),
    ("RUS", "JRN", "organisation", "Kommersant", []),
    ("RUS", "JRN", "organisation", "Nezavisimaya Gazeta", []),
    ("RUS", "JRN", "organisation", "Vedomosti", []),
    ("RUS", "JRN", "organisation", "Interfax", []), ("RUS", "JRN", "organisation", "RT",
                                                     ["Russia Today"]),
    ("TUR", "JRN", "organisation", "Dogan News Agency", ["Dogan", "DHA"]),
    ("TUR", "JRN", "organisation", "Anadolu Agency", ["Anadolu"]),
    ("TUR", "JRN", "organisation", "Hurriyet", ["Hürriyet", "Hurriyet Daily News"]),
    ("RUS", "BUS", "organisation", "Gazprom", []), ("RUS", "BUS", "organisation", "Rosneft", []),
    ("DEU", "PTY", "organisation", "Alternative for Germany", ["AfD"]),
    ("CHN", "", "group", "Uighurs", ["Uighur", "Uyghur", "Uyghurs"]),
    ("MMR", "", "group", "Rohingya", ["Rohingyas"]),
    # military coalitions named by their leader (multinational, coded IGO MIL as the news gold
    # does); "the coalition" after one of them is resolved by actors/coalitions.py
    ("IGO", "MIL", "organisation", "US-led coalition",
     ["U.S.-led coalition", "US led coalition", "American-led coalition",
      "United States-led coalition", "Washington-led coalition"]),
    ("IGO", "MIL", "organisation", "Saudi-led coalition",
     ["Saudi Arabian-led coalition", "Saudi Arabia-led coalition", "Riyadh-led coalition"]),
    ("IGO", "MIL", "organisation", "Russian-led coalition",
     ["Russia-led coalition", "Moscow-led coalition"]),
]
# names that are no actor at all, whatever the model says: weapons and chemical agents,
# events, treaties and religions ("VX", "Brexit", "Islam"); a mention of one is dropped
NOT_ACTORS = ["VX", "Sarin", "Chlorine", "Novichok", "Tabun", "Brexit", "Schengen", "Ramadan",
              "Eid al-Adha", "Eid al-Fitr", "Christmas", "Easter", "Hajj", "Islam",
              "Christianity", "Judaism", "Sharia", "Koran", "Quran"]
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
    rows += [(alias, names[code], "country", code, "GOV", "city")
             for code, aliases in REGIONS.items() for alias in aliases]
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
    rows += [(name, name, "none", "", "", "name") for name in NOT_ACTORS]
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


# --- people (2024.3): Phoenix/CountryInfo leaders and officials ---------------------------------

PHOENIX = "benchmarks/events/petrarch-dictionaries"
# which entries of each Phoenix file are people: the marker the dictionary's own generator left
# on them ("# CountryInfo.txt" on the name line; "IGOrulers" on the international rulers)
PEOPLE_FILES = (("Phoenix.Countries.actors.txt", "CountryInfo.txt"),
                ("Phoenix.International.actors.txt", "IGOrulers"))
_ROLE = re.compile(r"\[([A-Z]{3,})(?:\s+([^\]]*))?\]")
_OPEN_END = 99991231
# name particles: Arabic ones are written "al-Assad", the others in lower case
_HYPHENATED = {"al", "el"}
_LOWER = {"de", "da", "di", "du", "van", "von", "der", "den", "bin", "ibn", "ben", "la", "le"}
PERSON_PARTICLES = _HYPHENATED | _LOWER | {"ad", "as", "ash", "at", "ar", "an", "az"}
# words that make a Phoenix synonym a title phrase rather than a name ("PRESIDENT_PUTIN_")
NAME_TITLES = {"president", "minister", "prime", "secretary", "general", "king", "queen",
               "prince", "princess", "sheikh", "emir", "sultan", "mr", "mrs", "ms", "dr", "sir",
               "chairman", "leader", "premier", "chancellor", "ambassador", "envoy", "governor",
               "senator", "colonel", "marshal", "ayatollah", "imam", "pope", "former", "late",
               "deputy", "vice", "foreign", "defense", "defence", "head", "chief", "the", "of"}
MIN_SURNAME = 4


@dataclass(frozen=True)
class Person:
    """One Phoenix person entry: its names and the country/sector of its latest dated role."""

    name: str
    synonyms: tuple[str, ...]
    country: str
    sector: str
    latest: int
    source: str = "phoenix"  # or "office" (us_office_holders.tsv), "world" (Wikidata)
    prominent: bool = False  # a full name kept though first name and surname are common


def person_entries(shared: Path, sectors: set[str]) -> tuple[list[Person], Counter]:
    """The people of the Phoenix actor dictionaries with one country, and a count of why the
    others were skipped."""
    iso = {c.alpha_3 for c in pycountry.countries} | {"IGO"}
    people, skipped = [], Counter()
    for filename, marker in PEOPLE_FILES:
        for name, synonyms, roles, marked in _dictionary_entries(shared / PHOENIX / filename,
                                                                  marker):
            if not (marked or _looks_like_person(name, synonyms, roles)):
                continue
            person, why = _person(name, synonyms, roles, iso, sectors)
            if person is None:
                skipped[why] += 1
            else:
                people.append(person)
    return people, skipped


# the date of the office holders' source (its head commit): a role that ends later is open
OFFICE_DATA_DATE = 20260615


def office_holder_entries(path: Path, phoenix: list[Person],
                          source: str = "office") -> tuple[list[Person], Counter]:
    """The people of an office holders' table (``us_office_holders.tsv``,
    ``world_office_holders.tsv``): the row's country; sector the latest role's when it is
    still open (:func:`role_sector`), else none (the text's title says what they do now). One
    a Phoenix entry of the same country also names (:func:`phoenix_match`) is that entry (its
    name, sector and dates), so a person keeps one canonical name; one whose name a Phoenix
    entry of another country has is left to that entry."""
    known: dict[str, set[Person]] = {}
    for person in phoenix:
        if usable_name(name_tokens(person.name)):
            for alias in (person.name, *person.synonyms):
                if len(name_tokens(alias)) > 1:
                    known.setdefault(alias_key(alias), set()).add(person)
    people, stats = [], Counter()
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")),
                              delimiter="\t")
        for row in rows:
            aliases = tuple(row["aliases"].split("|"))
            end = int(row["end"].replace("-", "").ljust(8, "0"))
            named = {p for a in aliases for p in known.get(alias_key(a), ())}
            same = {p for p in named if p.country == row["country"]} or \
                phoenix_match(aliases, row["country"], phoenix)
            if named and not same:
                stats["office holders Phoenix gives another country (left to it)"] += 1
                continue
            if len(same) == 1:
                phoenix_person = same.pop()
                people.append(Person(phoenix_person.name, aliases, row["country"],
                                     phoenix_person.sector, phoenix_person.latest, source,
                                     True))
                stats["office holders already in Phoenix (names added)"] += 1
                continue
            sector = role_sector(row["role"]) if end > OFFICE_DATA_DATE else ""
            people.append(Person(row["name"], aliases, row["country"], sector, end, source,
                                 row["role"] in PROMINENT_ROLES
                                 or row["role"].startswith(HEAD_OFFICES)))
            stats["office holders"] += 1
    return people, stats


def phoenix_match(aliases: tuple[str, ...], country: str, phoenix: list[Person]) -> set[Person]:
    """The Phoenix entries of ``country`` one of whose names holds every word of an alias
    (spelling-insensitive) and ends with the same word: "Ali Khamenei" is HOJATOLISLAM SAYYED
    ALI KHAMENEI."""
    found = set()
    for alias in aliases:
        words = [spelling_key(t) for t in name_tokens(alias)]
        if len(words) < 2:
            continue
        for person in phoenix:
            if person.country != country:
                continue
            for name in (person.name, *person.synonyms):
                theirs = [spelling_key(t) for t in name_tokens(name)]
                if theirs and theirs[-1] == words[-1] and set(words) <= set(theirs):
                    found.add(person)
    return found


def role_sector(role: str) -> str:
    """The sector of an open office: the US Congress's own (LEG, GOV), MIL for a military
    office of the Wikidata tables ("army-chief", "air-force"), else GOV."""
    if role in OPEN_ROLE_SECTOR:
        return OPEN_ROLE_SECTOR[role]
    return "MIL" if MILITARY_ROLE_WORDS & set(role.lower().split("/")) \
        or any(w in role.lower() for w in MILITARY_ROLE_WORDS) else "GOV"


def _dictionary_entries(path: Path, marker: str):
    """(name token, synonym tokens, role codes with dates, marked) of each dictionary entry."""
    entry = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line, _, comment = raw.partition("#")
        if not line.strip():
            continue  # a comment line ("#CECILIA_MALMSTROM_ … # IGOrulers.txt  Moved …")
        if raw[:1] in " \t" and entry is not None:
            entry[2] += _ROLE.findall(line)
            entry[3] = entry[3] or marker in comment
        elif line.startswith("+") and entry is not None:
            entry[1].append(line[1:].split("[")[0].strip())
        elif raw[:1] not in " \t+":
            if entry is not None:
                yield tuple(entry)
            token = line.split("[")[0].strip()
            entry = [token, [], _ROLE.findall(line), marker in comment]
    if entry is not None:
        yield tuple(entry)


def _looks_like_person(name: str, synonyms: list[str], roles: list) -> bool:
    """An entry added by hand without the generator's marker (BARACK_OBAMA, FETHULLAH_GULEN):
    every role has a sector, and a synonym is its last name alone or after a title."""
    tokens = words(name).lower().split()
    if len(tokens) < 2 or not roles or any(len(code) < 6 for code, _ in roles) \
            or NAME_TITLES & set(tokens):
        return False
    said = [words(s).lower().split() for s in synonyms]
    return any(s == tokens[-1:] or (len(s) > 1 and s[0] in NAME_TITLES and s[-1] == tokens[-1])
               for s in said)


def _person(name: str, synonyms: list[str], roles: list[tuple[str, str]], iso: set[str],
            sectors: set[str]) -> tuple[Person | None, str]:
    dated, countries = [], set()
    for code, dates in roles:
        country = code[:3]
        if country in sectors and country not in iso:
            continue  # "[ELI]": a sector with no country
        if country not in iso:
            return None, "a role in a former or non-ISO state (USR, YUG, DDR …)"
        countries.add(country)
        dated.append((_role_end(dates), code))
    if not countries:
        return None, "no role with a country"
    if len(countries) > 1:
        return None, "roles in several countries"
    end, code = max(dated)
    sector = "IGO" if code[:3] == "IGO" else code[3:6] if code[3:6] in sectors else ""
    return Person(display_name(name), tuple(display_name(s) for s in synonyms),
                  code[:3], sector, end), ""


def _role_end(dates: str) -> int:
    """The end of a role as YYYYMMDD: open (">000717") is the latest; undated is the earliest."""
    dates = dates.strip()
    if dates.startswith(">"):
        return _OPEN_END
    parts = re.findall(r"\d+", dates)
    return _yyyymmdd(parts[-1]) if parts else -1


def _yyyymmdd(digits: str) -> int:
    if len(digits) == 8:
        return int(digits)
    if len(digits) == 6:
        year = int(digits[:2])
        return (1900 + year if year > 15 else 2000 + year) * 10000 + int(digits[2:])
    return 0


def display_name(token: str) -> str:
    """A dictionary name ("BASHAR_AL_ASSAD_") as written in news ("Bashar al-Assad")."""
    tokens = [t for t in words(token).split(" ") if t]
    out: list[str] = []
    for i, tok in enumerate(tokens):
        low = tok.lower()
        head, dash, rest = low.partition("-")
        if i > 0 and dash and head in _HYPHENATED and rest:
            out.append(f"{head}-{rest.title()} ")  # "AL-ASSAD"
        elif 0 < i < len(tokens) - 1 and low in _HYPHENATED:
            out.append(low + "-")
        elif 0 < i < len(tokens) - 1 and low in _LOWER:
            out.append(low + " ")
        elif low.startswith("mc") and len(low) > 3 and low.isalpha():
            out.append("Mc" + low[2:].title() + " ")  # "MCCAIN" → "McCain"
        else:
            out.append(tok.title() + " ")
    return "".join(out).strip()


def name_tokens(name: str) -> list[str]:
    """The name's words in lower case, without accents, apostrophes or particles."""
    return [t for t in alias_key(name).split() if t not in PERSON_PARTICLES]


def alias_key(alias: str) -> str:
    """The key ``dragoman.actors.mentions.name_key`` gives a name (accents, apostrophes, hyphens and
    case do not count)."""
    decomposed = unicodedata.normalize("NFKD", alias)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    letters = "".join(c for c in letters if c not in "'’‘`´ʼ")
    return re.sub(r"[\s\-]+", " ", letters).strip(" .").casefold()


def spelling_key(word: str) -> str:
    """A transliteration-insensitive key for surnames ("Jaafari" = "Jafari", "Qaddafi" =
    "Kadafi"): double letters and common digraphs collapsed."""
    word = re.sub(r"[^a-z]", "", word)
    for old, new in (("kh", "k"), ("q", "k"), ("ph", "f"), ("dh", "d"), ("th", "t"),
                     ("ou", "u"), ("ee", "i"), ("y", "i"), ("w", "u"), ("j", "g")):
        word = word.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", word)


def person_rows(people: list[Person], taken: set[str], common: set[str], nouns: set[str],
                census: tuple[set[str], set[str]]) -> tuple[list[tuple], Counter]:
    """(alias, name, "person", country, sector, kind) rows: full names and ``+`` synonyms of two
    words or more (kind ``person``), and a surname alone (kind ``surname``) only where nothing
    else in the gazetteer shares it; ``taken`` holds the other entries' alias keys."""
    stats = Counter()
    first_names = _first_names([p for p in people if p.source == "phoenix"])
    frequent = {w for w, n in first_names.items() if n >= 2}
    claims: dict[str, list[tuple[Person, str, str]]] = {}
    named = []
    for person in people:
        aliases = _full_aliases(person, frequent, nouns, census, stats)
        if person.name not in aliases:
            stats["entries whose own name is not a usable name (skipped)"] += 1
            continue  # "United States Military", "Secretary-General …", "Abdul Qadir"
        named.append(person)
        for alias in aliases:
            kind = {"phoenix": "person", "world": "wikidata"}.get(person.source, "office")
            claims.setdefault(alias_key(alias), []).append((person, alias, kind))
    people = named
    # a surname is judged on the dictionaries the news knows best: a Turkish minister whose
    # first name is "Erdoğan" (Wikidata) must not take "Erdogan" from the president
    others = _surname_owners([p for p in people if p.source != "world"], claims)
    for person in people:
        for surname in _surname(person, others, first_names, common, taken):
            claims.setdefault(alias_key(surname), []).append((person, surname, "surname"))
    rows = []
    for key, found in sorted(claims.items()):
        owners = {(p.name, p.country) for p, _, _ in found}
        if key in taken:
            stats["alias an existing entry's (dropped)"] += 1
            continue
        if len({country for _, country in owners}) > 1:
            stats["alias of people in two countries (dropped)"] += 1
            continue
        person, alias, kind = max(found, key=lambda f: (f[0].latest, f[0].name, f[1]))
        rows.append((alias, person.name, "person", person.country, person.sector, kind))
        stats[f"{kind} aliases"] += 1
    stats["people"] = len({row[1] for row in rows})
    return rows, stats


def _first_names(people: list[Person]) -> Counter:
    """Words used as a first name in the dictionary ("Hussein", "Abbas", "Ali") → how many
    people use them so."""
    return Counter(w for p in people
                   for w in {name_tokens(n)[0] for n in (p.name, *p.synonyms)
                             if len(name_tokens(n)) > 1})


def _full_aliases(person: Person, first_names: set[str], nouns: set[str],
                  census: tuple[set[str], set[str]], stats: Counter) -> list[str]:
    """The names of two words or more that are only a name (no title, no "regime"), less those
    of two words that are two common first names, or a common first name and a common surname
    (``census``: the census's common first names and surnames)."""
    found = []
    for alias in (f for a in (person.name, *person.synonyms) for f in initial_forms(a)):
        tokens = name_tokens(alias)
        if not usable_name(tokens) or (NAME_TITLES | nouns) & set(tokens):
            continue
        if len(tokens) == 2 and tokens[0] in census[0] and tokens[1] in census[1] \
                and not (_titled(person) or person.prominent):
            stats["common first name + common surname, too many people (dropped)"] += 1
            continue  # "Andrew Mitchell" (a Canadian minister; a British MP in the news)
        if len(tokens) == 2 and tokens[1] in first_names and tokens[0] in first_names \
                and not (_titled(person) or person.prominent):
            stats["two first names, too common (dropped)"] += 1
            continue  # "Ahmed Hassan", "Ali Abdullah": many people
        found.append(alias)
        bare = " ".join(w for w in alias.replace("-", "- ").split()
                        if w.rstrip("-").lower() not in PERSON_PARTICLES).replace("- ", "-")
        if bare != alias:
            found.append(bare)  # "Bashar Assad"
    return list(dict.fromkeys(found))


_INITIAL = re.compile(r"^[A-Z]\.?$")


def initial_forms(alias: str) -> list[str]:
    """The alias, and where it has a middle initial ("Franklin D. Roosevelt") the same with
    the initial's dot dropped ("Michael D Higgins", as some news writes it)."""
    words = alias.split()
    if not any(_INITIAL.match(w) for w in words[1:-1]):
        return [alias]
    return [alias, " ".join(w.rstrip(".") if _INITIAL.match(w) else w for w in words)]


def usable_name(tokens: list[str]) -> bool:
    """Two words or more of at least two letters each, apart from middle initials ("d.")."""
    real = [t for t in tokens if len(t) >= 2 and t.isalpha()]
    initials = [t for t in tokens[1:-1] if re.fullmatch(r"[a-z]\.?", t)]
    return len(real) >= 2 and len(real) + len(initials) == len(tokens)


def _titled(person: Person) -> bool:
    """The dictionary's editors wrote the person with a title ("Secretary Clinton", "Senator
    Kerry"): someone the news names so, kept even where first name and surname are both
    common ("Hillary Clinton", "Ted Cruz")."""
    return any(NAME_TITLES & set(name_tokens(s)) and name_tokens(s)[-1] == name_tokens(
        person.name)[-1] for s in person.synonyms)


def _surname_owners(people: list[Person], claims: dict[str, list]) -> Counter:
    """Spelling key → how many people have a name with that word; two entries that share a
    full name in one country are one person (BASHAR_AL_ASSAD_ and BASHAR_AL-ASSAD)."""
    group = {person.name: person.name for person in people}
    for found in claims.values():
        names = sorted({p.name for p, _, _ in found if len({q.country for q, _, _ in found}) == 1})
        for name in names[1:]:
            group[_root(group, name)] = _root(group, names[0])
    owners: dict[str, set[str]] = {}
    for person in people:
        for n in (person.name, *person.synonyms):
            for t in name_tokens(n):
                owners.setdefault(spelling_key(t), set()).add(_root(group, person.name))
    return Counter({key: len(names) for key, names in owners.items()})


def _root(group: dict[str, str], name: str) -> str:
    while group[name] != name:
        name = group[name]
    return name


def _surname(person: Person, owners: Counter, first_names: set[str], common: set[str],
             taken: set[str]) -> list[str]:
    """The person's surname as an alias of its own, when it is safe: a one-word synonym the
    dictionary itself gives ("+PUTIN_"), that no other person of the dictionary has in any
    spelling, that is no other entry's word, no first name and no common word or name."""
    candidates = {name_tokens(s)[0] for s in person.synonyms if len(name_tokens(s)) == 1
                   and alias_key(s).split()[0] not in PERSON_PARTICLES}
    safe = sorted(c for c in candidates if len(c) >= MIN_SURNAME and c.isalpha()
                  and owners[spelling_key(c)] == 1 and c not in first_names
                  and c not in common and c not in taken and c not in NAME_TITLES)
    return [c.title() for c in safe]


def common_words(shared: Path, agents: list[tuple[str, str]]) -> set[str]:
    """English words a surname alone must not be: the CAMEO verb dictionary's words, the agent
    nouns, the issue keywords and spaCy's stop words (lower case)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    found = set(STOP_WORDS) | {w for noun, _ in agents for w in noun.split()}
    for name in ("CAMEO.2.0.txt", "Phoenix.agents.txt", "Phoenix.IssueCoding.txt",
                 "Phoenix.discards.txt"):
        text = (shared / PHOENIX / name).read_text(encoding="utf-8", errors="replace")
        found |= {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)}
    return found


# US Census 1990 name lists (public domain; packaged by `names` 0.3.0, MIT): a surname held by
# at least 3 in 100,000 people, or a first name by 5 in 100,000, names too many people to
# stand for one politician ("Edwards", "Ford", "Harper", "Powell")
CENSUS_SURNAME_SHARE, CENSUS_FIRST_SHARE = 0.003, 0.005


def census_names(folder: Path) -> tuple[set[str], set[str]]:
    """Common US (surnames, first names), lower case, from the census lists in ``folder``."""
    found: tuple[set[str], set[str]] = (set(), set())
    for name, share, kept in (("dist.all.last", CENSUS_SURNAME_SHARE, found[0]),
                              ("dist.male.first", CENSUS_FIRST_SHARE, found[1]),
                              ("dist.female.first", CENSUS_FIRST_SHARE, found[1])):
        for line in (folder / name).read_text(encoding="ascii").splitlines():
            fields = line.split()
            if len(fields) >= 2 and float(fields[1]) >= share:
                kept.add(fields[0].lower())
    return found


def census_folder() -> Path | None:
    """The census lists of the `names` package (``pip install names==0.3.0``), if installed."""
    spec = importlib.util.find_spec("names")
    return Path(spec.origin).parent if spec and spec.origin else None


def people_table(shared: Path, entries: list[tuple], agents: list[tuple[str, str]],
                 sectors: list[tuple[str, str]], census: Path) -> tuple[list[tuple], Counter]:
    """The person rows (``actors_people.tsv``) and the build report's counts."""
    people, stats = person_entries(shared, {code for code, _ in sectors})
    office, office_stats = office_holder_entries(OFFICE_HOLDERS, people)
    world, world_stats = office_holder_entries(WORLD_OFFICE_HOLDERS, people, "world")
    people += office + world
    office_stats.update({f"world {why}": n for why, n in world_stats.items()})
    taken = {alias_key(row[0]) for row in entries}
    taken |= {w for key in list(taken) for w in key.split()}
    nouns = {noun for noun, _ in agents if " " not in noun}
    surnames, firsts = census_names(census)
    common = common_words(shared, agents) | surnames | firsts
    rows, counts = person_rows(people, taken, common, nouns, (firsts, surnames))
    counts.update({f"entries skipped: {why}": n for why, n in stats.items()})
    counts.update(office_stats)
    counts["entries with one country"] = len(people)
    return sorted(rows, key=lambda r: (r[1], r[5], r[0])), counts


def write_tsv(path: Path, header: str, columns: list[str], rows) -> None:
    lines = [f"# {header}", "\t".join(columns)]
    lines += ["\t".join(str(v) for v in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--census", type=Path, default=census_folder(),
                        help="folder of the US Census name lists (dist.all.last …); default: "
                             "the `names` package's (pip install names==0.3.0)")
    args = parser.parse_args(argv)
    if args.census is None or not (args.census / "dist.all.last").is_file():
        print("no US Census name lists: pip install names==0.3.0, or pass --census DIR",
              file=sys.stderr)
        return 2
    if not (args.shared / "benchmarks").is_dir():
        print(f"no benchmarks folder under {args.shared}: pass --shared PATH", file=sys.stderr)
        return 2
    entries, dropped = resolve_conflicts(country_rows(args.shared) + organisation_rows())
    agents, sectors = agent_rows(args.shared), sector_rows(args.shared)
    people, person_stats = people_table(args.shared, entries, agents, sectors, args.census)
    header = f"dragoman actor gazetteer version {VERSION}; built by scripts/build_gazetteer.py"
    write_tsv(DATA / "actors_gazetteer.tsv", header + " (CC BY-SA 3.0, see docs/actors.md)",
              ["alias", "name", "type", "country", "sector", "kind"], entries)
    write_tsv(DATA / "actors_people.tsv", header + " (OEDA Phoenix MIT, from CountryInfo "
              "CC BY-SA 3.0; kind office: unitedstates/congress-legislators CC0; kind wikidata: "
              "Wikidata CC0 via every-politician-scrapers; see docs/actors.md)",
              ["alias", "name", "type", "country", "sector", "kind"], people)
    write_tsv(DATA / "actors_agents.tsv", header + " (MIT, OEDA PLOVER agents + ours)",
              ["noun", "sector"], agents)
    write_tsv(DATA / "actors_sectors.tsv", header + " (PLOVER codebook, CC BY-SA 4.0)",
              ["code", "definition"], sectors)
    print(f"gazetteer {VERSION}: {len(entries)} aliases, {len(dropped)} ambiguous dropped "
          f"({'; '.join(dropped[:8])}{' …' if len(dropped) > 8 else ''})")
    print("people: " + ", ".join(f"{n} {why}" for why, n in sorted(person_stats.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
