"""A learned attribution-cue detector: is this verb reporting what someone said or thought?

The cue lexicon (:mod:`dragoman.statements.cues`) knows the frequent verbs of saying; PolNeAR
marks a long tail of others as attributions ("cited", "attacked", "refuses", "plans"), each
too rare, or too often an action, to list. :func:`cue_features` describes one verb of a
parsed sentence by cheap features of the parse — its lemma, how often PolNeAR train used that
lemma as a cue (``statement_cues.tsv``), the lexicon's own verdict, its complements (a clause,
an infinitive, "that", an object, a preposition), its subject (a person, a body, a pronoun,
a noun that can speak, none), tense and where it hangs, quote marks in its sentence — and
:class:`CueModel` gives the probability that a person marked it as an attribution's cue:
a logistic model whose weights (``data/statement_cue_model.json``) are fitted on PolNeAR
**train** by ``scripts/train_statement_cues.py``. It is evaluated in plain Python (a sum of
weights), once per verb the lexicon does not know.
"""
from __future__ import annotations

from dragoman.actors.nominal import is_agent
from dragoman.learned import LogisticModel, load_logistic
from dragoman.text.doctext import quote_tokens
from dragoman.text.parse import subject_of

MODEL_FILE = "statement_cue_model.json"
_PRONOUN_SUBJECTS = frozenset({"he", "she", "they", "we", "i", "it", "you", "who"})
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_CHILD_DEPS = frozenset({"ccomp", "xcomp", "dobj", "dative", "prep", "advcl", "agent", "prt",
                         "neg", "aux", "auxpass", "nsubjpass", "attr", "acomp", "oprd"})
_MARKS = frozenset({"that", "whether", "if"})


CueModel = LogisticModel  # weights over :func:`cue_features`; ``threshold``: the least
# probability at which a verb the lexicon does not know counts as a cue (chosen on PolNeAR train)


def load_cue_model(text: str | None = None) -> CueModel:
    """The shipped model (``data/statement_cue_model.json``), or one from JSON ``text``."""
    return load_logistic(MODEL_FILE, text)


def _subject_features(subject, agents: frozenset) -> dict:
    if subject is None:
        return {"subj_none": 1.0}
    lower = subject.lower_
    if lower in _PRONOUN_SUBJECTS:
        return {f"subj_pron_{lower}": 1.0}
    feats = {}
    if subject.ent_type_:
        feats[f"subj_ent_{subject.ent_type_}"] = 1.0
    if is_agent(subject, agents):
        feats["subj_agent"] = 1.0
    if not feats:
        feats[f"subj_{subject.pos_}"] = 1.0
    return feats


def _lexicon_features(lemma: str, cues) -> dict:
    feats = {}
    entry = cues.entries.get(lemma)
    if entry is not None:
        feats[f"lex_{entry.role}"] = 1.0
    if lemma in cues.learned:
        feats["lex_learned"] = 1.0
    listed = cues.classes.get(lemma)
    if listed is not None:
        feats[f"lex_class_{listed.cue_class}"] = 1.0
    ratio = cues.ratios.get(lemma)
    if ratio is not None:
        feats["ratio"] = ratio
        feats["ratio_known"] = 1.0
    return feats


def _child_features(verb, lemma: str) -> dict:
    feats = {}
    clause = False
    for child in verb.children:
        dep = child.dep_
        if dep in _CHILD_DEPS:
            feats[f"child_{dep}"] = 1.0
        if dep == "prep":
            feats[f"prep_{child.lower_}"] = 1.0
            feats[f"prep_{lemma}_{child.lower_}"] = 1.0  # "took aim at", "pushed for"
        elif dep == "dobj":
            feats[f"obj_{child.lemma_.lower()}"] = 1.0  # "made the case", "raised concerns"
        elif dep == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children):
            feats["xcomp_to"] = 1.0  # "refuses to", "plans to"
        if dep in ("ccomp", "xcomp"):
            clause = True
            if any(g.dep_ == "mark" and g.lower_ in _MARKS for g in child.children):
                feats["clause_that"] = 1.0
            if dep == "ccomp" and any(g.dep_ in _SUBJECT_DEPS for g in child.children):
                feats["clause_subject"] = 1.0
        if dep == "punct" and child.text in (",", ":") and child.i > verb.i:
            feats["comma_after"] = 1.0
    if clause:
        feats[f"clause_{lemma}"] = 1.0
    return feats


def _quote_features(verb) -> dict:
    sent = verb.sent
    marks = quote_tokens(verb.doc, sent.start, sent.end)
    if not marks:
        return {}
    feats = {"quote_sentence": 1.0}
    if any(abs(m - verb.i) <= 3 for m in marks):
        feats["quote_near"] = 1.0
    return feats


def _head_features(verb, cues) -> dict:
    feats = {f"dep_{verb.dep_}": 1.0, f"tag_{verb.tag_}": 1.0}
    token, steps = verb, 0
    while token.head is not token and steps < 6:
        if token.dep_ == "ccomp" and token.head.lemma_.lower() in cues.lexicon:
            feats["under_speech"] = 1.0
            break
        token, steps = token.head, steps + 1
    return feats


def cue_features(verb, cues) -> dict:
    """The features of one verb token (see the module docstring); ``cues`` is the loaded
    :class:`~dragoman.statements.cues.Cues` (its lexicon, learned ratios and agent nouns)."""
    lemma = verb.lemma_.lower()
    feats = {f"lemma_{lemma}": 1.0}
    feats.update(_lexicon_features(lemma, cues))
    feats.update(_child_features(verb, lemma))
    feats.update(_subject_features(subject_of(verb), cues.agents))
    feats.update(_quote_features(verb))
    feats.update(_head_features(verb, cues))
    return feats
