"""The cue lexicon: which verbs, adjectives, nouns and prepositional heads introduce what
someone said, thought, found or stood for.

Cue verbs come from the packaged lexicon ``data/cues.tsv`` and the verbs learned from PolNeAR
train (``data/statement_cues.tsv``); ``data/statement_cue_classes.tsv`` says which cues report a
thought, a piece of evidence or a stance (each statement's ``cue_class``) and adds adjective,
noun and poll-phrase cues. :func:`load_cues` reads them once and the result is passed in; the
event lexicon (:mod:`dragoman.events.lexicon`) reads the PLOVER-typed rows too."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any
from importlib.resources import files

from dragoman.actors.nouns import TITLE_NOUNS
from dragoman.errors import DragomanError
from dragoman.model import PLOVER_TYPES
from dragoman.statements.confidence import load_confidence_model
from dragoman.statements.detector import CueModel, cue_features, load_cue_model
from dragoman.statements.pronouns import load_pronoun_model
from dragoman.text.parse import is_clause_verb

CUE_ROLES = ("speech", "address", "act")
CUE_CLASSES = ("speech", "thought", "evidence", "stance")
CUE_POS = ("verb", "adj", "noun", "prep")
CUE_READS = ("clause", "object", "about")
_CAMEO_ROOT = re.compile(r"^(0[1-9]|1[0-9]|20)$")
_LEXICON_HINT = "fix the line in src/dragoman/data/cues.tsv (columns: lemma, plover, cameo, note)"
# learned cue verbs (statement_cues.tsv) used: share of uses that cue an attribution in
# PolNeAR train, and how many times; chosen on train (see docs/statements.md)
LEARNED_MIN_RATIO = 0.3
LEARNED_MIN_COUNT = 3
LEARNED_SURE_RATIO = 0.6  # below it, a learned cue needs an agent as its subject
# learned lemmas that are actions, feelings or naming, not speech: PolNeAR annotates "fired
# the manager" or "quoting a source" in places, a statement record should not
LEARNED_EXCLUDED = frozenset("""
renew push
quote cite order title label bill pump zero single side peg anger alarm startle thrill
infuriate horrify scar tick spar forward strive heap savage fire launch sue sentence appoint
nominate cast enjoy line double mount lay aim rattle experience display restrict prohibit
withhold authorize dedicate devote pivot distance paint rip hammer unleash opt position spot
float pitch mandate project present introduce publish share name post coin dub relish shrug
pass deliver approve attempt adopt react unveil
ignore dodge sidestep evade
try tend choose receive spend attract headline ratchet proceed
""".split())


# verbs of going on with something: a cue alone ("“…,” he continued"), not when they govern
# a verb ("continues to insist": insist is the cue; "continue to back Clinton": none)
ASPECTUAL = frozenset({"continue", "keep", "begin", "start", "resume", "go"})


# PLOVER types of material acts: a verb the event lexicon types so is never a detected cue
MATERIAL_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "AID", "RETREAT", "SANCTION",
                            "COOPERATE", "PROTEST"})


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon row: a verb (or "verb word") with its role and optional event coding."""

    lemma: str
    role: str  # speech | address | act
    plover: str | None = None
    cameo: str | None = None
    note: str = ""
    cue_class: str = "speech"  # speech | thought | evidence | stance (statement_cue_classes.tsv)
    reads: str = "clause"  # clause | object | about: what of the parse is the content
    ratio: float | None = None  # learned cues: share of their uses that cue in PolNeAR train

    @property
    def is_speech(self) -> bool:
        """Whether the verb can introduce what someone said."""
        return self.role != "act"


_SPEECH = "dragoman_speech"  # Doc.user_data key of the speech cues looked up in that Doc


@dataclass(frozen=True)
class Cues:
    """The cue-verb lexicon, keyed by lemma ("say") or lemma plus a word ("call on").

    ``learned`` holds speech cues learned from PolNeAR train (``data/statement_cues.tsv``,
    lemma → share of its verb uses that cue an attribution); they count as speech cues for
    statements only, never as event triggers.
    """

    entries: dict[str, Cue]
    learned: dict[str, Cue] = field(default_factory=dict)
    agents: frozenset = frozenset()  # nouns that name people or bodies ("official", "army")
    # statement_cue_classes.tsv: verbs (cues even where cues.tsv says "act"), adjectives,
    # nouns and prepositional heads, each with its class
    classes: dict[str, Cue] = field(default_factory=dict)
    adjectives: dict[str, Cue] = field(default_factory=dict)
    nouns: dict[str, Cue] = field(default_factory=dict)
    preps: dict[str, Cue] = field(default_factory=dict)
    lexicon: frozenset = frozenset()  # the lemmas of cues.tsv alone (a speaking verb nearby)
    # the statement layer's two small learned models (statements/pronouns.py,
    # statements/confidence.py), read with the lexicon and passed in with it
    pronouns: Any = None
    confidence: Any = None
    # the learned cue detector (statements/detector.py) and what it reads: every lemma's
    # share of uses that cue an attribution in PolNeAR train (statement_cues.tsv, all rows)
    detector: CueModel | None = None
    ratios: dict = field(default_factory=dict)
    actions: frozenset = frozenset()  # material event verbs ("pound", "target"): never detected

    def needs_agent(self, cue: Cue | None) -> bool:
        """A learned or listed cue that is often not speech ("focus", "see", "back") counts
        only with someone speaking: a name, a personal pronoun, or a noun for people or
        bodies. A stance verb always does: "warplanes supporting an offensive" is an act."""
        if cue is not None and cue.cue_class == "stance" and cue.reads == "object":
            return True
        return cue is not None and cue.ratio is not None and cue.ratio < LEARNED_SURE_RATIO

    def cue_class(self, lemma: str) -> str:
        """speech, thought, evidence or stance (speech unless the class table says else)."""
        listed = self.classes.get(lemma) or self.nouns.get(lemma) or self.adjectives.get(lemma)
        return listed.cue_class if listed is not None else "speech"

    def lookup(self, token) -> Cue | None:
        """The cue for a verb token: a two-word entry with a child word first, then the lemma."""
        lemma = token.lemma_.lower()
        for child in token.children:
            if child.dep_ in ("prt", "prep", "dobj", "dative"):
                cue = self.entries.get(f"{lemma} {child.lemma_.lower()}")
                if cue is not None:
                    return cue
        return self.entries.get(lemma)

    def speech(self, token) -> Cue | None:
        """The cue for a verb token that introduces speech, else None; each token is looked up
        once per Doc (the statement finders ask about every token several times)."""
        memo = token.doc.user_data.get(_SPEECH)
        if memo is None or memo[0] is not self:  # kept with the Doc, for these cues only
            memo = token.doc.user_data[_SPEECH] = (self, {})
        found = memo[1]
        if token.i not in found:
            found[token.i] = self._speech(token)
        return found[token.i]

    def detectable(self, token) -> bool:
        """Whether the cue detector may judge this verb: a clause's verb that the lexicon
        neither takes as a cue nor calls an action ("attack", "meet", "release"), that is
        not one of the actions and namings kept out of the learned cues
        (:data:`LEARNED_EXCLUDED`: "fire", "unveil", "name") and not a material act of the
        event lexicon ("pounded the city", "targeted"; :data:`MATERIAL_TYPES`)."""
        lemma = token.lemma_.lower()
        entry = self.entries.get(lemma)
        return is_clause_verb(token) and lemma not in LEARNED_EXCLUDED and \
            lemma not in self.actions and not _goes_on_with(token, lemma) and (
            entry is None or entry.is_speech) and self.speech(token) is None

    def detected(self, token) -> Cue | None:
        """A cue the lexicon does not know but the learned detector finds ("cited",
        "plans", "pledged"), else None; ask only about verbs :meth:`speech` turns down."""
        if self.detector is None or not self.detectable(token):
            return None
        probability = self.detector.probability(cue_features(token, self))
        if probability < self.detector.threshold:
            return None
        lemma = token.lemma_.lower()
        return Cue(lemma, "speech", note=f"speech: found by the cue detector ({probability:.2f})",
                   cue_class=self.cue_class(lemma))

    def _speech(self, token) -> Cue | None:
        if not is_clause_verb(token):
            return None
        lemma = token.lemma_.lower()
        if _goes_on_with(token, lemma):
            return None  # "continues to insist that …": the verb it governs is the cue
        cue = self.lookup(token)
        if cue is None or not cue.is_speech:
            cue = self.entries.get(lemma)  # "called on X ..." still speaks
        if cue is None:
            cue = self.learned.get(lemma)
        if (cue is None or not cue.is_speech) and lemma in self.classes:
            cue = self.classes[lemma]  # "backed Trump": a stance, though an act for events
        return cue if cue is not None and cue.is_speech else None


def _goes_on_with(token, lemma: str) -> bool:
    """An aspectual verb governing another ("continues to insist", "kept saying")."""
    return lemma in ASPECTUAL and any(c.dep_ == "xcomp" for c in token.children)


def load_cues(learned: bool = True) -> Cues:
    """Read the packaged cue lexicon (``dragoman/data/cues.tsv``, plus the speech cues learned
    from PolNeAR train in ``statement_cues.tsv``, the cue classes, the pronoun resolver and the
    confidence model unless ``learned=False``); call once and pass it in."""
    resource = files("dragoman.data") / "cues.tsv"
    cues = parse_cues(resource.read_text(encoding="utf-8"))
    cues = replace(cues, lexicon=frozenset(cues.entries))
    if not learned:
        return cues
    table = files("dragoman.data") / "statement_cues.tsv"
    learned = parse_learned_cues(table.read_text(encoding="utf-8"))
    classes = parse_cue_classes((files("dragoman.data") / "statement_cue_classes.tsv")
                                .read_text(encoding="utf-8"))
    classed = with_classes(Cues(cues.entries, learned, _agent_nouns()), classes)
    return replace(classed, lexicon=cues.lexicon, pronouns=load_pronoun_model(),
                   confidence=load_confidence_model(), detector=load_cue_model(),
                   ratios=parse_ratios(table.read_text(encoding="utf-8")),
                   actions=material_verbs((files("dragoman.data") / "event_verbs.tsv")
                                          .read_text(encoding="utf-8")))


def parse_cue_classes(text: str) -> list[tuple[str, str, str, str]]:
    """Rows ``lemma pos class reads`` of ``statement_cue_classes.tsv``."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("lemma\t"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != 4 or fields[1] not in CUE_POS or fields[2] not in CUE_CLASSES \
                or fields[3] not in CUE_READS:
            raise DragomanError(
                f"statement_cue_classes.tsv line {number}: expected lemma, pos "
                f"({'|'.join(CUE_POS)}), class ({'|'.join(CUE_CLASSES)}), reads "
                f"({'|'.join(CUE_READS)})", hint="fix the line in src/dragoman/data/"
                "statement_cue_classes.tsv")
        rows.append(tuple(fields))
    return rows


def with_classes(cues: Cues, rows) -> Cues:
    """The lexicon with each listed cue given its class; listed verbs become cues (learned
    ones keep their ratio, others need an agent subject), listed adjectives, nouns and
    prepositional heads are cues of their own kind."""
    def classed(cue: Cue | None, lemma: str, cls: str, reads: str) -> Cue:
        if cue is None:
            return Cue(lemma, "speech", note=f"speech: {cls} cue listed in "
                       "statement_cue_classes.tsv", cue_class=cls, reads=reads, ratio=0.0)
        return replace(cue, cue_class=cls, reads=reads)

    entries, learned = dict(cues.entries), dict(cues.learned)
    kinds: dict[str, dict] = {"verb": {}, "adj": {}, "noun": {}, "prep": {}}
    for lemma, pos, cls, reads in rows:
        if pos == "verb":
            if lemma in entries and entries[lemma].is_speech:
                entries[lemma] = replace(entries[lemma], cue_class=cls, reads=reads)
            if lemma in learned:
                learned[lemma] = classed(learned[lemma], lemma, cls, reads)
            kinds["verb"][lemma] = classed(learned.get(lemma), lemma, cls, reads)
        else:
            kinds[pos][lemma] = Cue(lemma, "speech", note=f"speech: {cls} {pos} cue",
                                    cue_class=cls, reads=reads)
    return Cues(entries, learned, cues.agents, kinds["verb"], kinds["adj"], kinds["noun"],
                kinds["prep"])


def _agent_nouns() -> frozenset:
    """Single-word agent nouns of the actor gazetteer (``actors_agents.tsv``) and titles."""
    text = (files("dragoman.data") / "actors_agents.tsv").read_text(encoding="utf-8")
    nouns = {line.split("\t")[0] for line in text.splitlines()[2:] if "\t" in line}
    return frozenset(n for n in nouns if " " not in n) | TITLE_NOUNS


def parse_learned_cues(text: str, min_ratio: float | None = None,
                       min_count: int | None = None) -> dict[str, Cue]:
    """Rows ``lemma cue_count verb_count ratio`` whose ratio and count pass the thresholds."""
    min_ratio = LEARNED_MIN_RATIO if min_ratio is None else min_ratio
    min_count = LEARNED_MIN_COUNT if min_count is None else min_count
    learned = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("lemma\t"):
            continue
        fields = line.split("\t")
        try:
            lemma, count, ratio = fields[0], int(fields[1]), float(fields[3])
        except (IndexError, ValueError) as err:
            raise DragomanError(f"statement_cues.tsv line {number}: expected lemma, cue_count, "
                                f"verb_count, ratio", hint="rebuild it with "
                                "scripts/build_cues.py") from err
        if count >= min_count and ratio >= min_ratio and lemma not in LEARNED_EXCLUDED:
            learned[lemma] = Cue(lemma, "speech", note=f"speech: learned from PolNeAR train, "
                                                       f"ratio {ratio:.3f}", ratio=ratio)
    return learned


def material_verbs(text: str) -> frozenset:
    """One-word lemmas of the event-verb lexicon (``event_verbs.tsv``: lemma, PLOVER type,
    …) whose type is a material act (:data:`MATERIAL_TYPES`), not a verbal one."""
    rows = (line.split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith(("#", "lemma\t")))
    return frozenset(f[0] for f in rows if len(f) > 1 and f[1] in MATERIAL_TYPES
                     and " " not in f[0])


def parse_ratios(text: str) -> dict[str, float]:
    """Every lemma's ratio in ``statement_cues.tsv``, whatever its count (the detector's
    feature; :func:`parse_learned_cues` keeps the lexicon's cues)."""
    rows = (line.split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith(("#", "lemma\t")))
    return {fields[0]: float(fields[3]) for fields in rows if len(fields) == 4}


def parse_cues(text: str) -> Cues:
    """Parse lexicon text: tab-separated ``lemma plover cameo note``, ``#`` comments, a header."""
    entries: dict[str, Cue] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("lemma\t"):
            continue
        cue = _parse_cue_row(line, number)
        entries[cue.lemma] = cue
    return Cues(entries)


def _parse_cue_row(line: str, number: int) -> Cue:
    fields = line.split("\t")
    if len(fields) != 4:
        raise DragomanError(f"cues.tsv line {number}: expected 4 tab-separated columns, "
                            f"found {len(fields)}", hint=_LEXICON_HINT)
    lemma, plover, cameo, note = (f.strip() for f in fields)
    role = note.split(":")[0].split()[0] if note else ""
    problem = _cue_row_problem(lemma, plover, cameo, role)
    if problem:
        raise DragomanError(f"cues.tsv line {number}: {problem}", hint=_LEXICON_HINT)
    return Cue(lemma.lower(), role, plover or None, cameo or None, note)


def _cue_row_problem(lemma: str, plover: str, cameo: str, role: str) -> str:
    if not lemma:
        return "empty lemma"
    if plover and plover not in PLOVER_TYPES:
        return f"unknown PLOVER type {plover!r}"
    if cameo and not _CAMEO_ROOT.match(cameo):
        return f"CAMEO root code must be two digits 01..20, got {cameo!r}"
    if role not in CUE_ROLES:
        return f"the note must start with a role ({', '.join(CUE_ROLES)}), got {role!r}"
    return ""


def is_lexicon_speech(cues: Cues, token) -> bool:
    """A verb of saying from the hand-written lexicon ("noted", "added", "calling")."""
    cue = cues.speech(token)
    return cue is not None and cue.cue_class == "speech" and token.lemma_.lower() in \
        cues.entries


def is_address(cues: Cues, verb) -> bool:
    cue = cues.speech(verb)
    return cue is not None and cue.role == "address"
