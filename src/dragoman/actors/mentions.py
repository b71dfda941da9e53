"""Entity mentions → actors, inside one article.

Each named-entity mention becomes an actor with a type, a country (ISO-3166 alpha-3, or a
non-state code such as ``IGO``), a PLOVER sector and, for people, a role:

- the packaged gazetteer (:class:`Gazetteer`, made once by :func:`load_gazetteer` and passed in)
  maps names, demonyms and capitals to countries ("Russians", "Moscow" → Russia, RUS GOV; a
  capital after "in"/"near" stays a place), and names and acronyms to organisations ("UN" →
  United Nations, IGO; "HNC" → High Negotiations Committee, SYR OPP), and people's names to
  people ("Vladimir Putin" → RUS GOV; a surname alone only where it is safe, "Erdogan");
- a person's title and apposition give the role and the affiliation ("Russian Foreign Minister
  Sergey Lavrov" → RUS GOV, "Foreign Minister"; "Salem al-Muslet, the HNC spokesman" → SYR OPP),
  the sector coming from the agent nouns (minister → GOV, rebels → REB);
- a one-word (or particle-less) name used after a person's full name is that person ("Nebenzia"
  after "Vassily Nebenzia", "Nasr Hariri" after "Nasr al-Hariri"), whatever label spaCy gave it;
- an acronym is the organisation whose initials it spells when that name is in the article;
- the model's label is corrected where the context disagrees: a name after a person's title is
  a person ("envoy Staffan de Mistura"), a "person" whose name holds an organisation word is an
  organisation ("… Front", "Jaish …").

An actor's id is a hash of its type and normalised canonical name, so the same actor in two
articles gets the same id without any global state; ``dragoman.actors`` merges the variants.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from importlib.resources import files

from spacy.tokens import Span

from dragoman.errors import DragomanError
from dragoman.model import Actor, Mention
from dragoman.text.doctext import doc_text
from dragoman.actors.context import place_people
from dragoman.actors.descriptions import with_descriptions
from dragoman.actors.doc import DocActors
from dragoman.actors.located import locate_places
from dragoman.actors.names import PARTICLES, actor_id, clean_name, loose_key, name_key
from dragoman.actors.places import Places, load_places

# spaCy labels we keep as mentions, and the actor type each gives
ACTOR_LABELS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "country",
    "NORP": "group",
    "LOC": "location",
    "FAC": "location",
}
_DEMONYM_ENDS = ("an", "ese", "ish", "ch", "i")
# where the gazetteer's demonyms mislead the rule of :func:`country_names`
_DEMONYMS = {"USA": "US", "TUR": "Turkish", "FRA": "French", "CHE": "Swiss"}
# words before a name that make it a person ("envoy Staffan de Mistura")
PERSON_TITLES = frozenset({
    "envoy", "mediator", "minister", "spokesman", "spokeswoman", "spokesperson", "ambassador",
    "president", "negotiator", "secretary", "leader", "commander", "general", "director", "chief",
    "delegate", "diplomat", "representative", "king", "premier", "senator", "mr", "mrs", "ms",
    "dr", "sheikh", "colonel", "lieutenant", "governor", "mayor", "chancellor", "emir",
    "counterpart", "gen.", "gen", "sen.", "col.", "lt.", "maj.", "adm.", "gov.", "rep.",
})
# the head noun of an apposition that says a person's nationality, with the country's name as
# its modifier ("Razak Iyal, also a Ghana national"); a demonym alone says it too ("an Egyptian")
_NATIONALITY_NOUNS = frozenset({"national", "citizen", "native"})
# words that make a name an organisation, whatever the model said
ORGANISATION_WORDS = frozenset({
    "army", "front", "committee", "council", "party", "movement", "brigade", "brigades", "forces",
    "jaish", "jaysh", "jabhat", "harakat", "liwa", "ministry", "agency", "news", "coalition",
    "union", "organisation", "organization", "league", "group", "office", "department",
    # 2024.4: bodies the model called people in the demo corpus ("Supreme Court", "Federal
    # Police", "Northern Fleet", "Central Command", "Aerospace Force", "Syrian Observatory")
    "court", "police", "fleet", "command", "force", "observatory",
})
_LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "around", "inside", "across", "into",
                             "within", "to", "toward", "towards", "through"})
# prepositions before an employer, not a place served ("director at Human Rights Watch")
_EMPLOYER_PREPS = frozenset({"at", "for"})
# an employer named by a country's demonym after "at"/"for" ("at the Russian embassy")
_EMPLOYER_NOUNS = frozenset({"embassy", "consulate", "ministry", "government", "mission"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her"})
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "to", "de"})
_INTERNATIONAL = frozenset({"IGO", "NGO"})
# the kinds of outlet a name after them is ("TV station al-Mayadeen", "the daily Hurriyet")
OUTLET_NOUNS = frozenset({"station", "channel", "broadcaster", "newspaper", "daily", "weekly",
                          "tabloid", "network", "magazine", "website", "outlet", "agency"})
# a table's headings run into a name ("Consulate ATTACKER:", "TARGET"): no person's name
_SHOUTED = re.compile(r"\b(?:ATTACKERS?|ATTAKERS?|TARGETS?|VICTIMS?|SUSPECTS?)\b")
# titles of heads of state and government before a surname alone ("President Kagame")
HEAD_TITLES = frozenset({"president", "premier", "chancellor", "king", "emir", "sultan"})
# a US lawmaker's party and state after the name: "Sean Duffy (R-Wis.)", "Chuck Schumer,
# D-New York"
US_PARTY_TAG = re.compile(r",? \(?[RD]-(?:[A-Z][a-z]{1,12}\.?)(?: [A-Z][a-z]{1,12}\.?)?\)?(?=[\s,.;])")
# countries whose names are written family name first in English news ("President Xi")
SURNAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "VNM", "KHM", "HUN"})
_GAZETTEER_HINT = "rebuild it with `python scripts/build_gazetteer.py` (see docs/actors.md)"


# --- the gazetteer ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer alias: the actor it names and how (``name``, ``demonym``, ``capital``…)."""

    name: str
    type: str
    country: str | None
    sector: str | None
    kind: str


@dataclass(frozen=True)
class Gazetteer:
    """Aliases → actors, agent nouns → sectors, the sector codes. Made once, passed in."""

    entries: dict[str, Entry]
    agents: dict[str, str | None]
    sectors: dict[str, str]
    version: str = "unversioned"
    people: dict[str, Entry] = field(default_factory=dict)
    # description noun → sector (``actors_descriptions.tsv``; None: "delegation", the sender's)
    descriptions: dict[str, str | None] = field(default_factory=dict)
    # ISO3 → (the country's actor name, its demonym): "SYR" → ("Syria", "Syrian")
    country_names: dict[str, tuple[str, str]] = field(default_factory=dict)
    places: Places | None = None  # GeoNames cities (:func:`dragoman.actors.places.load_places`)
    # name keys that are no actor (gazetteer rows of type ``none``: "VX", "Brexit")
    not_actors: frozenset[str] = frozenset()
    # a person's last name word → the one person of the gazetteer with it (None: several)
    last_names: dict[str, Entry | None] = field(default_factory=dict)

    def lookup(self, text: str) -> Entry | None:
        """The entry an alias names ("Moscow", "U.N.", "Russians"), or None."""
        return self.entries.get(name_key(text))

    def lookup_person(self, text: str, label: str) -> Entry | None:
        """The person a name names (``actors_people.tsv``): the full name, then the name
        without its particles ("Bashar Assad"), then a surname alone — the last only for a
        mention the model calls a person, the others not for places named after people."""
        if label in ("GPE", "LOC", "FAC"):
            return None
        entry = self.people.get(name_key(text)) or self.people.get(loose_key(text))
        if entry is None or (entry.kind == "surname" and label != "PERSON"):
            return None
        return entry

    def titled_surname(self, ent) -> Entry | None:
        """The person a head of state's or government's title before a surname alone names
        ("President Kagame", "Prime Minister Nawaz Sharif" is a full name): the one person of
        the gazetteer whose name ends with that word, else None ("President Bush": two)."""
        doc = ent.doc
        if len(ent) != 1 or ent.label_ != "PERSON" or ent.start == 0 \
                or not (doc[ent.start - 1].lower_ in HEAD_TITLES or ent.start > 1 and
                        doc[ent.start - 2:ent.start].text.lower() == "prime minister"):
            return None
        return self.last_names.get(loose_key(ent.text))

    def is_agent(self, word: str) -> bool:
        """Whether a lower-case word or phrase is a known agent noun ("minister", "rebels")."""
        return word in self.agents

    def agent_sector(self, words: list[str]) -> str | None:
        """The sector of the longest agent noun phrase in ``words`` (lower case), else None."""
        best: tuple[int, str | None] = (0, None)
        for size in (4, 3, 2, 1):
            for i in range(len(words) - size + 1):
                sector = self.agents.get(" ".join(words[i:i + size]))
                if sector and size > best[0]:
                    best = (size, sector)
        return best[1]


def load_gazetteer() -> Gazetteer:
    """Read the packaged gazetteer (``dragoman/data/actors_*.tsv``); call once and pass it in."""
    data = files("dragoman.data")
    version, rows = _read_table(data / "actors_gazetteer.tsv", 6)
    entries = {name_key(alias): Entry(name, kind_type(type_, kind), country or None,
                                      None if kind == "city" else sector or None, kind)
               for alias, name, type_, country, sector, kind in rows if type_ != "none"}
    _, agent_rows = _read_table(data / "actors_agents.tsv", 2)
    _, sector_rows = _read_table(data / "actors_sectors.tsv", 2)
    _, people_rows = _read_table(data / "actors_people.tsv", 6)
    _, description_rows = _read_table(data / "actors_descriptions.tsv", 2)
    people = _people(people_rows)
    return Gazetteer(entries, {noun: sector or None for noun, sector in agent_rows},
                     dict(sector_rows), version, people,
                     {noun: sector or None for noun, sector in description_rows},
                     country_names(rows), load_places(),
                     frozenset(name_key(row[0]) for row in rows if row[2] == "none"),
                     last_names(people))


def country_names(rows: list[list[str]]) -> dict[str, tuple[str, str]]:
    """ISO3 → (the country actor's name, a demonym for descriptions): the shortest one-word
    English-looking demonym, one that starts like the name first ("Syrian", "Iraqi",
    "American"), else the name."""
    names: dict[str, str] = {}
    demonyms: dict[str, list[str]] = {}
    for alias, name, type_, country, _, kind in rows:
        if type_ != "country" or not country:
            continue
        if kind == "name":
            names.setdefault(country, name)
        elif kind == "demonym" and " " not in alias and not alias.endswith("s") \
                and alias[:1].isupper():
            demonyms.setdefault(country, []).append(alias)
    found = {}
    for country, name in names.items():
        fits = sorted((d for d in demonyms.get(country, ()) if d.endswith(_DEMONYM_ENDS)),
                      key=lambda d: (d[:3].lower() != name[:3].lower(), len(d)))
        found[country] = (name, _DEMONYMS.get(country) or (fits[0] if fits else name))
    return found


def _people(rows: list[list[str]]) -> dict[str, Entry]:
    """Name key → person entry; a name's particle-free form ("bashar assad") is a key too
    unless another row has it."""
    people: dict[str, Entry] = {}
    bare: dict[str, Entry] = {}
    for alias, name, type_, country, sector, kind in rows:
        key = name_key(alias)
        people[key] = Entry(name, type_, country or None, sector or None, kind)
        tokens = [t for t in key.split() if t not in PARTICLES]  # loose_key, from the key
        if kind in ("person", "office", "wikidata") and len(tokens) > 1:
            bare.setdefault(" ".join(tokens), people[key])
    for key, entry in bare.items():
        people.setdefault(key, entry)
    return people


def last_names(people: dict[str, Entry]) -> dict[str, Entry | None]:
    """Last name word (of four letters or more) → the one person whose full names end with
    it, or None where two people's do; never a word someone's name starts with."""
    found: dict[str, Entry | None] = {}
    firsts = set()
    for key, entry in people.items():
        words = key.split()
        if entry.kind == "surname" or len(words) < 2:
            continue
        firsts.add(words[0])
        if len(words[-1]) < 4:
            continue
        known = found.get(words[-1], entry)
        found[words[-1]] = entry if known is not None and known.name == entry.name else None
    for word in firsts:  # "President Donald" is Donald Trump cut short, not a Mr Mac Donald
        found.pop(word, None)
    return found


def kind_type(type_: str, kind: str) -> str:
    """The actor type of a gazetteer row: a country's city is a location."""
    return "location" if kind == "city" else type_


def _read_table(resource, columns: int) -> tuple[str, list[list[str]]]:
    try:
        text = resource.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise DragomanError(f"the actor gazetteer file {resource.name} is missing",
                            hint=_GAZETTEER_HINT) from err
    lines = text.splitlines()
    match = re.search(r"version (\S+);", lines[0]) if lines else None
    rows = [line.split("\t") for line in lines[2:] if line and not line.startswith("#")]
    bad = next((r for r in rows if len(r) != columns), None)
    if bad is not None:
        raise DragomanError(f"{resource.name}: expected {columns} columns in {bad!r}",
                            hint=_GAZETTEER_HINT)
    return (match.group(1) if match else "unversioned"), rows


# --- one mention → one actor ------------------------------------------------------------------


def make_actor(text: str, label: str, gazetteer: Gazetteer | None = None,
               locative: bool = False) -> Actor | None:
    """The actor a mention names, or None when the mention has no usable name.

    With a gazetteer, a known alias gives its actor (a capital after "in" stays a place)."""
    kind = ACTOR_LABELS.get(label)
    key = name_key(text)
    if kind is None or len(key) < 2 or "\n" in text \
            or (gazetteer is not None and key in gazetteer.not_actors) \
            or (kind == "person" and _SHOUTED.search(text)):
        return None
    entry = gazetteer.lookup(text) if gazetteer is not None else None
    if entry is None and gazetteer is not None and kind in ("person", "organisation", "group"):
        entry = gazetteer.lookup_person(text, label)
    if entry is not None:
        return _entry_actor(text, entry, locative)
    if kind == "person" and (ORGANISATION_WORDS & set(key.split())
                             or any(c.isdigit() for c in key)):
        kind = "organisation"  # "... Front", "G20": no person's name has digits
    if kind == "country":
        kind = "location"  # a GPE the gazetteer does not know: a city or region
    name = clean_name(text)
    return Actor(actor_id(kind, name), name, kind, aliases=(name,), mentions=1)


def _entry_actor(text: str, entry: Entry, locative: bool) -> Actor:
    alias = clean_name(text)
    if entry.kind == "city" or (entry.kind == "capital" and locative):
        return Actor(actor_id("location", alias), alias, "location", entry.country,
                     aliases=(alias,), mentions=1)
    return Actor(actor_id(entry.type, entry.name), entry.name, entry.type, entry.country,
                 entry.sector, aliases=(alias,), mentions=1)


def is_locative(ent) -> bool:
    """Whether a mention is where something happens ("in Damascus"), not who acts."""
    root = ent.root
    return root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE_PREPS


# --- people: titles, appositions, affiliation -------------------------------------------------

# heads of a title or apposition that name whom the person stands against, not for: the body
# in "a critic of the Syrian government" or "Kremlin critic" places no one
ADVERSARY_HEADS = frozenset({"critic", "opponent", "foe", "enemy", "adversary", "detractor",
                             "rival", "victim", "hostage", "captive", "prisoner", "target"})


@dataclass(frozen=True, slots=True)
class Affiliation:
    """What a person's title or apposition says: role words, country and sector."""

    role: str | None = None
    country: str | None = None
    sector: str | None = None
    source: str | None = None  # the words that gave the country ("title: …", "possessive: …")


def person_affiliation(ent, gazetteer: Gazetteer,
                       local: dict[str, Entry] | None = None) -> Affiliation:
    """Role, country and sector from the words before a name and from its apposition;
    ``local`` holds the article's own organisations (name key → entry). A phrase without a
    title still places the person when it is a country's or an organisation's possessive
    ("Al Jazeera's Andrew Simmons" → QAT JRN) or a nationality ("X, a Ghana national")."""
    found = Affiliation()
    for phrase in role_phrases(ent):
        if phrase.root.lemma_.lower() in ADVERSARY_HEADS:
            continue  # "a critic of the Syrian government": the government is not the person's
        words = [t for t in phrase if not t.is_punct]
        if not any(gazetteer.is_agent(t.lower_) or t.lower_ in PERSON_TITLES for t in words):
            found = _merged(found, _untitled_affiliation(phrase, ent, gazetteer, local or {}))
            continue
        country, org_sector, skip = _phrase_affiliation(words, gazetteer, local=local or {})
        sector = org_sector or gazetteer.agent_sector([t.lower_ for t in words])
        role = _role_text(words, skip)
        found = _merged(found, Affiliation(role, country, sector,
                                           f"title: {role}" if role else "title"))
    if found.country is None and (said := _copula_phrase(ent)) is not None:
        found = _merged(found, _untitled_affiliation(said, ent, gazetteer, local or {}))
    if found.country is None and (tag := US_PARTY_TAG.match(doc_text(ent.doc), ent.end_char)):
        found = _merged(found, Affiliation(None, "USA", "LEG",
                                           f"US party and state: {tag.group(0).strip(' ,')}"))
    return found


def _merged(found: Affiliation, more: Affiliation) -> Affiliation:
    """``found`` with what ``more`` adds (the first phrase that names a country keeps it)."""
    return Affiliation(found.role or more.role, found.country or more.country,
                       found.sector or more.sector,
                       found.source if found.country else more.source if more.country else None)


def _untitled_affiliation(phrase, ent, gazetteer: Gazetteer,
                          local: dict[str, Entry]) -> Affiliation:
    """A title-less phrase that still says whose the person is: a possessive written right
    before the name whose every word names a country or organisation ("Al Jazeera's",
    "Russia's"), or an apposition after it whose head is a demonym ("an Egyptian") or a
    nationality noun after a country's name or demonym ("a Ghana national")."""
    if not _person_shaped(ent, gazetteer, 1):
        return Affiliation()
    tokens = [t for t in phrase if not t.is_punct and t.lower_ not in _DETERMINERS]
    if phrase.end == ent.start and tokens and tokens[-1].dep_ == "case":
        if not _person_shaped(ent, gazetteer):
            return Affiliation()
        owner = tokens[:-1]
        country, org_sector, named = _phrase_affiliation(owner, gazetteer, False, local)
        if country and named == {t.i for t in owner}:
            return Affiliation(None, country, org_sector, f"possessive: {phrase.text.strip()}")
        return Affiliation()
    if phrase.start < ent.end:
        return Affiliation()
    head = phrase.root
    if head.tag_ in ("NNS", "NNPS") or any(_joins_demonyms(t, gazetteer) for t in phrase) \
            or sum(_is_demonym(t, gazetteer) for t in phrase) > 1 \
            or not {"a", "an"} & {t.lower_ for t in phrase[:2]}:
        return Affiliation()  # "two Australians", "Belgian-Moroccan": not one nationality;
        # only "a …"/"an …" says what the person is ("a Libyan analyst", "also a Ghana national")
    entry = gazetteer.lookup(head.text)
    if entry is not None and entry.type == "country" and entry.kind == "demonym" \
            and head.pos_ in ("NOUN", "PROPN"):
        return Affiliation(None, entry.country, None, f"nationality: {phrase.text.strip()}")
    for child in head.children if head.pos_ == "NOUN" or head.lower_ in _NATIONALITY_NOUNS \
            else ():
        entry = gazetteer.lookup(child.text) if child.dep_ in ("amod", "compound") else None
        if entry is None or entry.type != "country":
            continue
        # "a Libyan analyst" (a demonym before any noun); "a Ghana national" (a country's name
        # only before a nationality noun: "a Russia expert" is no Russian)
        if entry.kind == "demonym" and child.dep_ == "amod" or \
                entry.kind in ("name", "demonym") and head.lower_ in _NATIONALITY_NOUNS:
            return Affiliation(None, entry.country, None, f"nationality: {phrase.text.strip()}")
    return Affiliation()


def outlet_named(ent, actor: Actor) -> Actor:
    """An outlet named right after its kind ("Lebanese TV station al-Mayadeen", "the daily
    Hurriyet"): an organisation of sector JRN, with the words as evidence, whatever the model
    said; a city's name stays the outlet's. Else the actor as it was."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is None or before.lower_ not in OUTLET_NOUNS or not before.is_lower:
        return actor
    name = actor.name
    why = f"type\torganisation\tcontext: {before.text} {ent.text}"
    return Actor(actor_id("organisation", name), name, "organisation", actor.country, "JRN",
                 actor.aliases, actor.mentions, evidence=(why, f"sector\tJRN\tcontext: "
                                                               f"{before.text} {ent.text}"))


def _joins_demonyms(token, gazetteer: Gazetteer) -> bool:
    """A dash next to a demonym ("Belgian-Moroccan"), not one inside "30-year-old"."""
    doc = token.doc
    return token.text in _JOINTS and any(
        0 <= i < len(doc) and _is_demonym(doc[i], gazetteer) for i in (token.i - 1, token.i + 1))


def _copula_phrase(ent):
    """What a sentence says the person is ("Moustafa is a 30-year-old Egyptian"), else None."""
    root = ent.root
    if root.dep_ != "nsubj" or root.head.lemma_ != "be":
        return None
    attr = next((c for c in root.head.children if c.dep_ == "attr" and c.i > root.i), None)
    return ent.doc[attr.left_edge.i:attr.right_edge.i + 1] if attr is not None else None


def role_phrases(ent) -> list:
    """The title before a name ("Russian Foreign Minister") and its apposition either way
    ("X, the HNC spokesman"; "the head of the delegation, X"), each on the name's line."""
    doc, root = ent.doc, ent.root
    phrases = []
    left = root.left_edge.i
    if left < ent.start:
        phrases.append(doc[left:ent.start])
    elif (title := _adjacent_title(ent)) is not None:
        phrases.append(title)
    if root.dep_ == "appos" and root.head.i < ent.start:
        head = root.head
        phrases.append(doc[head.left_edge.i:min(ent.start, head.right_edge.i + 1)])
    if root.dep_ == "pobj" and root.head.lower_ in ("to", "at") \
            and root.head.head.lower_ in PERSON_TITLES and root.head.head.i < ent.start:
        # "Frances Ambassador to the US Gerard Araud", parsed as the ambassador "to" the name
        phrases.append(doc[root.head.head.left_edge.i:root.head.i])
    for child in root.children:
        if child.dep_ == "appos" and child.i >= ent.end:
            phrases.append(doc[child.left_edge.i:child.right_edge.i + 1])
    text = doc_text(doc)
    line = text.rfind("\n", 0, ent.start_char), text.find("\n", ent.end_char)
    return [p for p in phrases if len(p) and _on_line(p, line)]


def _adjacent_title(ent, longest: int = 4):
    """The modifiers written right before a name when the parse did not attach them to it
    ("the departure of Syrian regime head Bashar Assad", where the model made "head" govern
    the name): adjectives and nouns only, at most ``longest``, no other person's name."""
    doc, start = ent.doc, ent.start
    while start > max(0, ent.start - longest):
        token = doc[start - 1]
        if not token.is_alpha or token.pos_ not in ("ADJ", "NOUN", "PROPN") \
                or token.ent_type_ == "PERSON" or "\n" in token.whitespace_:
            break
        start -= 1
    return doc[start:ent.start] if start < ent.start else None


def _on_line(phrase, line: tuple[int, int]) -> bool:
    start, end = line
    return phrase.start_char > start and (end < 0 or phrase.end_char <= end)


def _phrase_affiliation(words: list, gazetteer: Gazetteer, check_locative: bool = True,
                        local: dict[str, Entry] | None = None) -> tuple[str | None, str | None, set]:
    """(country, organisation sector, indexes of the words naming it) of a title phrase; names
    after "to"/"in" are where the person serves, not whom ("Ambassador to the UN"), except an
    organisation after "at"/"for" ("director at Human Rights Watch")."""
    stop = words[-1].head.i if words else -1
    named: set[int] = set()
    for size in (4, 3, 2, 1):
        for i in range(len(words) - size + 1):
            span = words[i:i + size]
            if not span[0].text[:1].isupper():
                continue
            preps = {_locative_prep(t, stop) for t in span} - {None} if check_locative else set()
            if preps - _EMPLOYER_PREPS:
                continue
            text = " ".join(t.text for t in span)
            entry = gazetteer.lookup(text) or (local or {}).get(name_key(text)) \
                or _bare_possessive(span, gazetteer) or _region_entry(text, gazetteer)
            if entry is not None and preps and entry.type != "organisation" \
                    and span[-1].head.lower_ not in _EMPLOYER_NOUNS:
                continue  # "envoy to Syria"; but "diplomat at the Russian embassy" is Russian
            if entry is not None and entry.kind != "city":
                named |= {t.i for t in span}
                if entry.country:
                    return entry.country, _org_sector(entry), named
    return None, None, named


def _person_shaped(ent, gazetteer: Gazetteer, least: int = 2) -> bool:
    """A PERSON mention of ``least`` capitalised words or more (two for a possessive, one for
    a nationality: "Moustafa is a 30-year-old Egyptian"), none an organisation word, the first
    no gazetteer name ("Andrew Simmons"; not "Palmyra", "Aerospace Force", "Mesopotamian
    Marshes"): only such a name is placed by a phrase without a title."""
    words = [t for t in ent if t.is_alpha]
    return (ent.label_ == "PERSON" and len(words) >= least
            and all(t.text[:1].isupper() for t in words)
            and not {t.lower_ for t in words} & (ORGANISATION_WORDS | {"force"})
            and gazetteer.lookup(words[0].text) is None)


def _is_demonym(token, gazetteer: Gazetteer) -> bool:
    entry = gazetteer.lookup(token.text) if token.text[:1].isupper() else None
    return entry is not None and entry.type == "country" and entry.kind == "demonym"


def _region_entry(text: str, gazetteer: Gazetteer) -> Entry | None:
    """A region that lies in one country, as the title's affiliation ("Hawaii Attorney
    General" → USA; a US state, "Eastern Ghouta"), else None."""
    region = gazetteer.places.region(text) if gazetteer.places is not None else None
    if region is None or region.country is None:
        return None
    return Entry(region.name, "location", region.country, None, "region")


def _bare_possessive(span, gazetteer: Gazetteer) -> Entry | None:
    """A country's possessive written without its apostrophe before a title ("Frances
    Ambassador to the US Gerard Araud", "Jordans King Abdullah"), else None."""
    if len(span) != 1 or not span[0].text.endswith("s") or span[0].i + 1 >= len(span[0].doc):
        return None
    entry = gazetteer.lookup(span[0].text[:-1])
    after = span[0].doc[span[0].i + 1]
    title = after.lower_ in PERSON_TITLES or gazetteer.is_agent(after.lower_)
    return entry if entry is not None and entry.type == "country" and entry.kind == "name" \
        and title else None


def _org_sector(entry: Entry) -> str | None:
    """An organisation's own sector (the UN: IGO); a country's says nothing about a person."""
    return entry.sector if entry.type != "country" else None


def _locative_prep(token, stop: int) -> str | None:
    """The preposition ("to", "in", "at", "for", …) the token hangs under below the name's own
    head (index ``stop``), else None; a title noun under it ("condolences to his Turkish
    counterpart") is the person's own phrase, not a place served."""
    head = token
    for _ in range(3):
        if head.i == stop:
            return None
        if head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE_PREPS | {"of", "for"}:
            if head.head.lower_ == "of" or head.lower_ in PERSON_TITLES:
                return None
            return head.head.lower_
        head = head.head
    return None


def split_prefix(ent, gazetteer: Gazetteer):
    """``(span, prefix entry)``: a name the model ran together with the organisation or country
    before it ("UN Staffan de Mistura") becomes the person's span; the prefix is returned
    unless the name is where someone serves ("Ambassador to the UN Bashar al-Ja'afari")."""
    first = ent.start + (ent[0].lower_ in _DETERMINERS)
    if ent.end - first < 3:
        return ent, None
    entry = gazetteer.lookup(ent.doc[first].text)
    rest = ent.doc[first + 1:ent.end]
    if entry is None or entry.kind == "city" or not _looks_like_person(rest, gazetteer):
        return ent, None
    span = Span(ent.doc, first + 1, ent.end, label="PERSON")
    root = span.root
    served = root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE_PREPS
    return span, None if served else entry


def _looks_like_person(span, gazetteer: Gazetteer) -> bool:
    words = [t for t in span if t.is_alpha]
    return (len(words) >= 2 and span[0].text[:1].isupper()
            and gazetteer.lookup(span.text) is None
            and not ORGANISATION_WORDS & {t.lower_ for t in words})


def _role_text(words: list, skip: set) -> str | None:
    """The title without leading determiners and the affiliation's name."""
    kept = [t for t in words if t.i not in skip]
    while kept and (kept[0].lower_ in _DETERMINERS or kept[0].is_punct):
        kept = kept[1:]
    while kept and (kept[-1].is_punct or kept[-1].pos_ == "ADP"):
        kept = kept[:-1]
    if not kept:
        return None
    return kept[0].doc[kept[0].i:kept[-1].i + 1].text if len(kept) <= 8 else None


def has_person_title(ent, gazetteer: Gazetteer) -> bool:
    """Whether the word right before a name is a person's title ("envoy Staffan de Mistura")."""
    if ent.start == 0:
        return False
    before = ent.doc[ent.start - 1]
    return before.lower_ in PERSON_TITLES and before.head.i in range(ent.start, ent.end)


# --- acronyms ------------------------------------------------------------------------------------


def acronym_expansions(ents) -> dict[str, str]:
    """Acronym → the organisation name in the article whose initials it spells."""
    found: dict[str, str] = {}
    for ent in ents:
        words = [w for w in re.split(r"[\s\-]+", clean_name(ent.text)) if w]
        capitals = [w for w in words if w.lower() not in _ACRONYM_SKIP]
        if ent.label_ == "ORG" and len(capitals) >= 2 and all(w[:1].isupper() for w in capitals):
            found.setdefault("".join(w[0] for w in capitals).upper(), clean_name(ent.text))
    return found


def is_acronym(text: str) -> bool:
    """Two to six capital letters, dots allowed ("HNC", "U.N.")."""
    letters = clean_name(text).replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


# --- why a person has a country, sector and role -----------------------------------------------

# the source of a person row of the gazetteer, by its kind (``actors_people.tsv``)
GAZETTEER_SOURCES = {"person": "Phoenix/CountryInfo", "surname": "Phoenix/CountryInfo",
                     "office": "US Congress and executive, congress-legislators",
                     "wikidata": "office holders, Wikidata via every-politician-scrapers"}


def person_evidence(actor: Actor, found: Affiliation, gazetteer: Gazetteer) -> tuple[str, ...]:
    """``Actor.evidence`` lines ("field\tvalue\tsource") for what the gazetteer and the
    person's title say: "country\tRUS\tgazetteer: Sergey Lavrov", "country\tRUS\ttitle:
    Russian Foreign Minister", "role\tForeign Minister\ttitle"."""
    lines = []
    entry = gazetteer.people.get(name_key(actor.name))
    if entry is not None and entry.name == actor.name:
        source = GAZETTEER_SOURCES.get(entry.kind, GAZETTEER_SOURCES["person"])
        lines += [f"{field}\t{value}\tgazetteer ({source}): {entry.name}"
                  for field, value in (("country", entry.country), ("sector", entry.sector))
                  if value]
    title = f"title: {found.role}" if found.role else "title"
    if found.country:
        lines.append(f"country\t{found.country}\t{found.source or title}")
    if found.sector:
        lines.append(f"sector\t{found.sector}\t{title if found.role else found.source or title}")
    if found.role:
        lines.append(f"role\t{found.role}\ttitle")
    return tuple(lines)


# --- how a mention was resolved ------------------------------------------------------------

# Mention.how: the full name (or a place's own name); an alias the gazetteer or the article gives
# (a demonym, capital, acronym, another spelling); a surname alone; a description resolved in
# context ("the regime"); a title-only phrase ("the UN envoy", actors/titles.py)
HOWS = ("name", "alias", "surname", "description", "title")


def mention_how(written: str, looked_up: str, actor: Actor | None, gazetteer: Gazetteer) -> str:
    """How a named mention found its actor: ``name`` when its words are the actor's name,
    ``surname`` for a gazetteer surname alone, else ``alias``."""
    if actor is None or written == actor.name:
        return "name"
    if looked_up != written:
        return "alias"  # an acronym spelt out by the article
    if name_key(written) == name_key(actor.name):
        return "name"
    if actor.type != "person":
        return "alias"
    entry = gazetteer.lookup_person(written, "PERSON")
    return "surname" if entry is not None and entry.kind == "surname" else "alias"


# --- one article ---------------------------------------------------------------------------------


def link_document(article_id: str, ents, gazetteer: Gazetteer | None = None) -> DocActors:
    """Mentions and actors for one article from spaCy entity spans (``doc.ents``).

    Pass the ``gazetteer`` made once by :func:`load_gazetteer`; without one it is read here
    (correct, but slow when called per article). Each mention's ``how`` says how its actor was
    found (:data:`HOWS`); after the names, places are typed and geocoded
    (:mod:`~dragoman.actors.located`) and descriptions resolved
    (:mod:`~dragoman.actors.descriptions`, label ``DESC``)."""
    gazetteer = gazetteer or load_gazetteer()
    ents = [part for ent in ents for part in clean_spans(ent, gazetteer)]
    linker = _Linker(gazetteer, acronym_expansions(ents))
    mentions: list[Mention] = []
    for ent in ents:
        ent, prefix = split_prefix(ent, linker.gazetteer)
        actor = linker.resolve(ent, prefix)
        if actor is not None:
            mentions.append(Mention(article_id, ent.start_char, ent.end_char, ent.text,
                                    ent.label_, actor.actor_id, linker.how))
    actors = linker.actors
    if not ents:
        return DocActors(mentions, actors)
    if any(a.type == "person" and not a.country for a in actors.values()):
        actors = place_people(ents[0].doc, mentions, actors)
    mentions, actors = locate_places(mentions, actors, gazetteer, ents[0].doc)
    mentions, actors = with_descriptions(ents[0].doc, article_id, mentions, actors, gazetteer)
    return DocActors(mentions, actors)


# --- names the model ran together or left stray punctuation in ------------------------------

_JOINTS = frozenset({"-", "–", "—", "|", "/"})
_JOINT_CHARS = re.compile(r"[-–—|/,]| and ")
# capitalised words that end no name ("Lavrov Among", "Assad In")
_TRAILING = frozenset({"among", "and", "in", "on", "at", "of", "for", "to", "with", "as", "by",
                       "from", "after", "amid", "says", "said", "told", "the", "or", "but"})


def clean_spans(ent, gazetteer: Gazetteer) -> list:
    """One entity span as the names it holds: split at a spaced dash ("Ayatollah Khamenei -
    Donald Trump"), at a hyphen glued after an organisation word ("Authority-Mahmoud Abbas": the
    part after it a person when shaped like one) and at "and"/"," between places the gazetteer
    or GeoNames knows ("Hama and Raqqa"), without trailing function words ("Lavrov Among").
    Parts keep the label unless said otherwise."""
    text = ent.text
    if not _JOINT_CHARS.search(text) and text.rsplit(None, 1)[-1].lower() not in _TRAILING:
        return [ent]  # the common case, decided on the text alone
    doc = ent.doc
    cuts = [t.i for t in ent if t.text in _JOINTS and ent.start < t.i < ent.end - 1
            and (t.whitespace_ or doc[t.i - 1].whitespace_
                 or doc[t.i - 1].lower_ in ORGANISATION_WORDS | {"authority"})]
    if not cuts and ent.label_ in ("GPE", "LOC", "ORG", "FAC"):
        cuts = _place_list_cuts(ent, gazetteer)
    if not cuts and ent[-1].lower_ not in _TRAILING:
        return [ent]
    parts, start = [], ent.start
    for cut in [*cuts, ent.end]:
        end = cut
        while end > start + 1 and doc[end - 1].lower_ in _TRAILING:
            end -= 1
        if end > start and any(t.is_alpha for t in doc[start:end]):
            label = ent.label_
            if start > ent.start and doc[start - 1].text in _JOINTS and not \
                    doc[start - 1].whitespace_ and _looks_like_person(doc[start:end], gazetteer):
                label = "PERSON"  # "Authority-Mahmoud Abbas"
            parts.append(Span(doc, start, end, label=label))
        start = cut + 1
    return parts


def _place_list_cuts(ent, gazetteer: Gazetteer) -> list[int]:
    """Where a list of places run into one span splits ("Hama and Raqqa"), else []."""
    joints = [t.i for t in ent if t.lower_ in ("and", ",") and ent.start < t.i < ent.end - 1]
    if not joints or gazetteer.lookup(ent.text) is not None:
        return []
    bounds = [ent.start - 1, *joints, ent.end]
    parts = [ent.doc[a + 1:b] for a, b in zip(bounds, bounds[1:])]
    if all(len(p) and _is_known_place(p.text, gazetteer) for p in parts):
        return joints
    return []


def _is_known_place(text: str, gazetteer: Gazetteer) -> bool:
    entry = gazetteer.lookup(text)
    if entry is not None:
        return entry.type in ("country", "location")
    return gazetteer.places is not None and any(gazetteer.places.candidates(text))


class _Linker:
    """The running state of one article: its actors and the people named in full so far."""

    def __init__(self, gazetteer: Gazetteer, acronyms: dict[str, str]) -> None:
        self.gazetteer = gazetteer
        self.acronyms = acronyms
        self.actors: dict[str, Actor] = {}
        self.people: dict[str, Actor] = {}  # surname, or loose full name → person
        self.how = "name"  # how the last mention resolved (:data:`HOWS`)
        self.lower_words: set[str] | None = None  # the article's lower-case words, when asked

    def resolve(self, ent, prefix: Entry | None = None) -> Actor | None:
        """The actor of one mention, added to the article's actors; ``prefix`` is the
        organisation or country the model ran into the name ("UN Staffan de Mistura")."""
        self.how = "name"
        actor = self._known_person(ent) or self._new_actor(ent)
        if actor is None:
            return None
        if actor.type == "person":
            actor = self._with_affiliation(actor, ent)
            if prefix is not None and actor.country is None:
                actor = replace(actor, country=prefix.country,
                                sector=actor.sector or _org_sector(prefix))
        elif actor.type == "organisation" and actor.country is None:
            actor = self._organisation_affiliation(actor, ent)
        return self._add(actor)

    def _organisation_affiliation(self, actor: Actor, ent) -> Actor:
        """An unknown organisation named after a country ("French Foreign Ministry" → FRA GOV)."""
        words = [t for t in ent if not t.is_punct]
        country, org_sector, _ = _phrase_affiliation(words, self.gazetteer, check_locative=False)
        sector = org_sector or self.gazetteer.agent_sector([t.lower_ for t in words])
        return replace(actor, country=country, sector=actor.sector or sector)

    def _known_person(self, ent) -> Actor | None:
        key = loose_key(ent.text)
        person = self.people.get(key)
        if person is None or (len(key.split()) == 1 and self.gazetteer.lookup(ent.text)
                              and ent.label_ != "PERSON"):
            return None
        self.how = "name" if name_key(ent.text) == name_key(person.name) else \
            "surname" if len(key.split()) == 1 else "alias"
        return replace(person, aliases=(clean_name(ent.text),), mentions=1)

    def _new_actor(self, ent) -> Actor | None:
        text = ent.text
        if is_acronym(text) and self.gazetteer.lookup(text) is None:
            text = self.acronyms.get(clean_name(text).replace(".", ""), text)
        label = ent.label_
        if label != "PERSON" and has_person_title(ent, self.gazetteer) \
                and self.gazetteer.lookup(text) is None and len(text.split()) >= 2:
            label = "PERSON"
        titled = self.gazetteer.titled_surname(ent) if label == "PERSON" else None
        if titled is not None and self.gazetteer.lookup(text) is None:
            self.how = "surname"
            actor = _entry_actor(text, titled, False)
            return replace(actor, evidence=(
                f"name\t{titled.name}\t{ent.doc[ent.start - 1].text} {ent.text}: the one "
                "person of the gazetteer with that last name",))
        actor = make_actor(text, label, self.gazetteer, locative=is_locative(ent))
        if actor is not None and actor.type == "person" and self._common_word(ent):
            return None
        if actor is not None and actor.type in ("person", "organisation") and not actor.sector:
            actor = outlet_named(ent, actor)
        self.how = mention_how(ent.text, text, actor, self.gazetteer)
        if actor is not None and text != ent.text:
            actor = replace(actor, aliases=(clean_name(ent.text), actor.name))
        return actor

    def _common_word(self, ent) -> bool:
        """A one-word "person" the article also writes in lower case ("Mosques" … "mosques",
        "Order" … "executive order") and the gazetteer does not know: a word, not a name."""
        if len(ent) != 1 or not ent.text.isalpha():
            return False
        if self.lower_words is None:
            self.lower_words = {t.text for t in ent.doc if t.is_lower and t.is_alpha}
        return ent.text.lower() in self.lower_words \
            and self.gazetteer.lookup_person(ent.text, "PERSON") is None

    def _with_affiliation(self, actor: Actor, ent) -> Actor:
        local = {name_key(alias): Entry(a.name, a.type, a.country, a.sector, "name")
                 for a in self.actors.values() if a.type == "organisation" for alias in a.aliases}
        found = person_affiliation(ent, self.gazetteer, local)
        evidence = person_evidence(actor, found, self.gazetteer)
        if self._serves_elsewhere(actor, found):
            actor = replace(actor, country=found.country, sector=found.sector)
        actor = replace(actor, country=actor.country or found.country,
                        sector=actor.sector or found.sector, role=actor.role or found.role,
                        evidence=actor.evidence + tuple(e for e in evidence
                                                        if e not in actor.evidence))
        tokens = loose_key(actor.name).split()
        if len(tokens) > 1:
            self.people.setdefault(" ".join(tokens), actor)
            self.people.setdefault(tokens[-1], actor)
            if actor.country in SURNAME_FIRST:
                self.people.setdefault(tokens[0], actor)  # "Xi" after "Xi Jinping"
        return actor

    def _serves_elsewhere(self, actor: Actor, found: Affiliation) -> bool:
        """Whether a gazetteer person's own title names an international body ("UN
        Secretary-General Antonio Guterres", "ICRC president Peter Maurer"): the dictionary
        knows the nationality, the title the post held now, which wins."""
        entry = self.gazetteer.people.get(name_key(actor.name))
        return (found.country in _INTERNATIONAL and actor.country not in _INTERNATIONAL
                and entry is not None and entry.name == actor.name
                and entry.country == actor.country)

    def _add(self, actor: Actor) -> Actor:
        known = self.actors.get(actor.actor_id)
        if known is not None:
            aliases = known.aliases + tuple(a for a in actor.aliases if a not in known.aliases)
            actor = replace(known, aliases=aliases, mentions=known.mentions + actor.mentions,
                            country=known.country or actor.country,
                            sector=known.sector or actor.sector, role=known.role or actor.role,
                            evidence=known.evidence + tuple(e for e in actor.evidence
                                                            if e not in known.evidence))
        self.actors[actor.actor_id] = actor
        if actor.type == "person":
            for key, person in list(self.people.items()):
                if person.actor_id == actor.actor_id:
                    self.people[key] = actor
        return actor
