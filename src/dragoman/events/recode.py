"""PLOVER rules that change an act's type from its context, after it has been typed.

- **Threats.** An announced hostile act is a threat: "said they would boycott all contact",
  "has sworn to fight", "will withdraw its force unless …" are THREATEN events (the manual's
  THREATEN modes: restrict, arrest, relations, expel, territory, violence), made when they were
  said, so not hypothetical. Hostile acts are REJECT, COERCE, ASSAULT, PROTEST and MOBILIZE;
  SANCTION and withdrawals only with a condition ("unless", "if"): "announced it would prohibit
  aid" is the sanction itself. An act under a condition but not announced ("if the talks fail,
  the rebels attack") stays as it is, flagged hypothetical, and so does an act inside a
  warning ("warned that the army would attack"): the warning verb is the THREATEN event.
- **Obstruction.** Civilians, workers or rebels blocking a road, bridge or border are protesting
  (PROTEST, mode obstruct); the state blocking them is coercion (COERCE).
- **Verbal attacks.** "attacked Labour's pledges as vacuous", "hit out at the plans": an attack
  on words, plans or policies, or one that says "as …", is an accusation (ACCUSE), not an
  assault.
- **Promises.** Future cooperation is a promise: "will support Turkey's bid" is AGREE, "would
  withdraw its troops" CONCEDE (:func:`promised_type`).
- **Refusals.** A cooperative act announced as not to be done is a rejection (REJECT, the
  manual's modes: assist, meet, yield): "would not provide support" is Germany's REJECT
  (assist), "will not attend the talks" REJECT (meet) — the refusal was made, so neither
  negated nor hypothetical (:func:`refusal_mode`). Negated past acts ("did not attack") keep
  their type, flagged negated (the manual: negated events can be excluded).
- **Campaign visits.** A visit to a town of one's own country (or of no known country) is no
  diplomatic CONSULT/visit: "Mr Kennedy visits Liverpool this week".
"""
from __future__ import annotations

from dragoman.events.context import has_condition, is_negated

HOSTILE = frozenset({"REJECT", "COERCE", "ASSAULT", "PROTEST", "MOBILIZE"})
HOSTILE_IF_CONDITIONAL = frozenset({"SANCTION", "RETREAT", "CONCEDE"})
_FUTURE = frozenset({"will", "would", "shall", "'ll", "wo", "may", "might"})
_SWORN = frozenset({"vow", "swear", "pledge", "promise", "vowed", "sworn"})
_WARNINGS = frozenset({"warn", "threaten", "caution"})
_ARREST = frozenset({"arrest", "detain", "jail", "imprison", "round"})
_RELATIONS = frozenset({"suspend", "cut", "sever", "break", "halt", "end", "freeze", "recall"})

OBSTRUCTING = frozenset({"block", "blockade", "barricade", "obstruct", "occupy", "close", "shut"})
ROUTES = frozenset({"road", "street", "highway", "motorway", "bridge", "border", "crossing",
                    "traffic", "transport", "railway", "rail", "port", "entrance", "access",
                    "route", "square", "junction", "tunnel", "checkpoint"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
VERBAL_ATTACKERS = frozenset({"attack", "hit", "slam", "blast", "lash", "savage", "assail"})
SPOKEN_THINGS = frozenset({
    "plan", "pledge", "policy", "proposal", "lie", "comment", "remark", "speech", "claim",
    "record", "decision", "statement", "budget", "report", "idea", "approach", "agenda",
    "stance", "strategy", "bill", "law", "reform", "scheme", "promise", "manifesto",
    "handling", "response", "remarks", "words", "rhetoric"})
PLACE_KINDS = frozenset({"city", "region", "location"})


def threat_mode(kind: str, verb) -> str | None:
    """The THREATEN mode when this act of type ``kind`` is announced, not done (see module
    doc); None when it is no threat."""
    if kind not in HOSTILE | HOSTILE_IF_CONDITIONAL or is_negated(verb) or _in_warning(verb):
        return None
    if not _announced(verb) or (kind in HOSTILE_IF_CONDITIONAL and not has_condition(verb)):
        return None  # "if the talks fail, the rebels attack": a condition, not a threat
    return _mode(kind, verb.lemma_.lower())


def _announced(verb) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _SWORN


def _in_warning(verb) -> bool:
    token = verb
    for _ in range(3):
        if token.dep_ not in ("ccomp", "xcomp", "conj") or token.head.i == token.i:
            return False
        token = token.head
        if token.lemma_.lower() in _WARNINGS:
            return True
    return False


def _mode(kind: str, lemma: str) -> str | None:
    if kind in ("ASSAULT", "MOBILIZE"):
        return "violence"
    if lemma in _ARREST:
        return "arrest"
    if lemma == "expel":
        return "expel"
    if lemma in _RELATIONS or kind in HOSTILE_IF_CONDITIONAL:
        return "relations"
    return "restrict"


def is_obstruction(kind: str, verb, target, source_sectors: list[str | None]) -> bool:
    """Non-state actors blocking a route ("demonstrators blocked a road", "rebels blocked
    transport into the capital"): PROTEST, mode obstruct."""
    if kind != "COERCE" or verb.lemma_.lower() not in OBSTRUCTING or target is None:
        return False
    if target.lemma_.lower() not in ROUTES:
        return False
    return not any(sector in STATE_SECTORS for sector in source_sectors)


# verbs of backing: by armed forces it is military aid, not a verbal endorsement
BACKING = frozenset({"back", "support", "assist", "help", "reinforce"})


def is_armed_backing(kind: str, verb, source_sectors: list[str | None]) -> bool:
    """Armed forces backing a party ("Hizballah fighters backed by Syrian and Iranian forces"):
    PLOVER AID (mode military), not SUPPORT, which is said, not done with troops."""
    return (kind == "SUPPORT" and verb.lemma_.lower() in BACKING and bool(source_sectors)
            and all(sector == "MIL" for sector in source_sectors))


def is_verbal_attack(kind: str, verb, target) -> bool:
    """An ASSAULT verb used of words (see module doc)."""
    if kind != "ASSAULT" or verb.lemma_.lower() not in VERBAL_ATTACKERS:
        return False
    if any(_as_judgement(c) or _spoken(c) for c in verb.children):
        return True
    return target is not None and target.lemma_.lower() in SPOKEN_THINGS


# verbs that say an attack was made in words: "attacked Ms Rudd, asking: …", "attacked the
# plan, saying …"
SPEAKING = frozenset({"say", "ask", "tell", "call", "accuse", "describe", "argue", "claim",
                      "write", "tweet", "brand", "label", "add"})


def _spoken(child) -> bool:
    """A participle of speech on the verb ("…, saying …", "…, asking …")."""
    return child.dep_ in ("advcl", "xcomp", "conj") and child.tag_ == "VBG" \
        and child.lemma_.lower() in SPEAKING


def _as_judgement(child) -> bool:
    """ "… as vacuous", "… as a betrayal": a judgement, not a clause ("as it passed")."""
    return child.dep_ == "prep" and child.lower_ == "as" and not any(
        t.pos_ in ("VERB", "AUX") for t in child.subtree)


def is_campaign_visit(verb, source_countries: list[str | None], targets: list, gazetteer) -> bool:
    """A visit whose every destination is a town (not a country or capital) of the visitor's
    own country or of a visitor with no known country."""
    if verb.lemma_.lower() != "visit" or not targets:
        return False
    for party in targets:
        entry = gazetteer.lookup(party.text) if party is not None else None
        if entry is None or entry.kind not in PLACE_KINDS:
            return False
        if any(country is not None and country != entry.country for country in source_countries):
            return False
    return True


__all__ = ["is_campaign_visit", "is_obstruction", "is_refusal", "is_verbal_attack",
           "threat_mode"]


# PLOVER manual: future cooperation is a promise (AGREE), a future retreat a concession
# (CONCEDE). A future assault stays ASSAULT, flagged hypothetical ("warned that the army would
# attack": the warning is the THREATEN event)
PROMISED = {"CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE",
            "RETREAT": "CONCEDE"}

_FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "going"})

_WILLING = frozenset({"willing", "ready", "prepared", "plan", "intend", "promise", "pledge",
                      "offer", "vow", "commit"})

def promised_type(kind: str, verb) -> str:
    """The type of an act that is announced, not done: "will support Turkey's bid" is AGREE,
    "would withdraw its troops" CONCEDE (see :data:`PROMISED`); negated and conditional
    ("if …") acts keep their type."""
    if kind not in PROMISED or is_negated(verb) or has_condition(verb):
        return kind
    future = any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in verb.children)
    return PROMISED[kind] if future or _willing(verb) else kind



def _willing(verb) -> bool:
    """Whether the act is offered: "ready to help broker a deal", "plans to support"."""
    token = verb
    for _ in range(3):
        if token.dep_ not in ("xcomp", "acomp") or token.head.i == token.i:
            return False
        token = token.head
        if token.lemma_.lower() in _WILLING:
            return True
    return False


# PLOVER: "All rejections and refusals" are REJECT; its modes are shared with REQUEST
REFUSED = {"AID": "assist", "COOPERATE": "assist", "SUPPORT": "assist", "CONSULT": "meet",
           "CONCEDE": "yield", "RETREAT": "yield", "AGREE": None}
_REFUSING_AUX = frozenset({"will", "would", "wo", "shall", "'ll"})


def is_refusal(kind: str, verb) -> bool:
    """A cooperative act announced as not to be done: "would not provide support", "won't
    attend" (see module doc); the mode is :data:`REFUSED` of ``kind``."""
    if kind not in REFUSED or not any(c.dep_ == "neg" for c in verb.children):
        return False
    return any(c.dep_ == "aux" and c.lower_ in _REFUSING_AUX for c in verb.children)

