"""Who "he" and "she" are: a learned ranking of the persons named before a pronoun.

Each person mention within :data:`WINDOW_SENTENCES` sentences before the pronoun (or after it
in the same sentence) is scored by a small learned model over parse features — sentence and
token distance, the mention's role (subject, possessive, object of a preposition), role
parallelism with the pronoun, whether it is the subject of a speech verb, whether it lies
inside quotation marks or inside what someone is reported to have said, how often its actor
was named before, whether it is the nearest person. An actor's score is its best mention's.
The gender of the he/she/his/her that followed a name in its sentence and whether the name
is the subject of a clause holding the pronoun count too, as do the features of
:func:`discourse_features` (main-clause subject, nearness rank, the nearest subject, the
nearest person of the pronoun's gender, the person before the previous he/she, how often
named in the text, a one-word name's gender). The model is gradient-boosted trees stored as
JSON nodes (``data/statement_pronouns.json``) and walked in plain Python (:func:`tree_value`),
so no library is called per pronoun; first names' genders come from the US Census lists and
GAP development. Trained by ``scripts/train_statement_confidence.py pronouns``; measured on GAP
validation with ``python -m bench statements --gap``.

:func:`resolve` returns the best actor key with its probability, or None when no candidate
reaches the model's ``threshold``: a speaker left unresolved is better than one guessed.
A speaker pronoun with one person left in its window (after those who cannot be it are
barred) goes to that person; with no one, to the one person of its gender named before it
in the article, if there is exactly one.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from importlib import resources

from dragoman.learned import logistic, sigmoid

PERSON_PRONOUNS = frozenset({"he", "she", "him", "his", "her", "hers", "himself", "herself"})
FEMININE = frozenset({"she", "her", "hers", "herself"})
_HONORIFICS = {"mr": "m", "mr.": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m",
               "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "madam": "f",
               "lady": "f", "queen": "f", "princess": "f", "dame": "f"}
WINDOW_SENTENCES = 3
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_QUOTE_MARKS = "\"“”"
_ROLE_DEPS = {"nsubj": "subj", "nsubjpass": "subj", "poss": "poss", "pobj": "pobj",
              "dobj": "obj", "appos": "appos", "compound": "compound", "conj": "conj",
              "attr": "attr", "dative": "obj"}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A person mention: character bounds and the key of the actor it names."""

    start: int
    end: int
    key: str


@dataclass(frozen=True)
class PronounModel:
    """A score over :func:`features`: gradient-boosted regression ``trees`` when there are
    any (``bias`` is then their starting log-odds), else logistic ``weights``;
    ``threshold``: least probability to resolve; ``genders``: first name → "m" or "f".

    A tree is a list of nodes, the root first: ``[feature, threshold, left, right]`` sends a
    candidate to node ``left`` when its feature (0 when absent) is ≤ ``threshold``, else to
    ``right``; ``[value]`` is a leaf whose value (learning rate included) adds to the log-odds.
    Plain Python: no library is called per pronoun."""

    weights: dict
    bias: float
    threshold: float
    genders: dict = field(default_factory=dict)
    trees: tuple = ()

    def probability(self, feats: dict) -> float:
        return self.probabilities([feats])[0]

    def probabilities(self, many: list[dict]) -> list[float]:
        """The probability of each feature dict."""
        if not self.trees:
            return [logistic(self.weights, feats, self.bias) for feats in many]
        return [sigmoid(self.bias + sum(tree_value(tree, feats) for tree in self.trees))
                for feats in many]


def tree_value(tree: list, feats: dict) -> float:
    """The leaf value one tree gives a feature dict."""
    node = tree[0]
    while len(node) == 4:
        node = tree[node[2] if feats.get(node[0], 0.0) <= node[1] else node[3]]
    return node[0]


def load_pronoun_model(text: str | None = None) -> PronounModel:
    """The shipped model (``data/statement_pronouns.json``), or one from JSON ``text``."""
    if text is None:
        text = resources.files("dragoman.data").joinpath("statement_pronouns.json").read_text(
            encoding="utf-8")
    data = json.loads(text)
    return PronounModel(dict(data.get("weights", {})), float(data["bias"]),
                        float(data["threshold"]), dict(data.get("genders", {})),
                        tuple(data.get("trees", ())))


def mention_gender(doc, mention: Candidate, genders: dict) -> str | None:
    """"m", "f" or None: from an honorific before the name ("Mrs. May") or its first name."""
    return _span_genders(doc, mention, genders)[0]


def _span_genders(doc, mention: Candidate, genders: dict) -> tuple:
    """:func:`mention_gender`, and the name table's gender of a one-word mention (which may be
    a surname: a feature of its own)."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or not len(span):
        return None, None
    first = span[0].lower_
    single = genders.get(first) if len(span) == 1 else None
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in _HONORIFICS:
        return _HONORIFICS[before], single
    return _HONORIFICS.get(first) or (genders.get(first) if len(span) > 1 else None), single


def head_token(doc, start: int, end: int):
    """The syntactic head of the characters ``start:end`` (None when no token is there)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def quoted_offsets(text: str) -> list[tuple[int, int]]:
    """Spans between paired double quote marks (a rough test, for text without quote
    analysis: GAP passages)."""
    marks = [i for i, c in enumerate(text) if c in _QUOTE_MARKS]
    return [(marks[i], marks[i + 1] + 1) for i in range(0, len(marks) - 1, 2)]


def _in_report(token, speech_lemmas: frozenset) -> bool:
    """Whether the token lies in a clause a speech verb reports ("said that X would ...")."""
    child = token
    for ancestor in token.ancestors:
        if child.dep_ == "ccomp" and ancestor.lemma_.lower() in speech_lemmas:
            return True
        child = ancestor
    return False


def _speaks(token, speech_lemmas: frozenset) -> bool:
    return token.dep_ in _SUBJECT_DEPS and token.head.lemma_.lower() in speech_lemmas


def _role(token) -> str:
    return _ROLE_DEPS.get(token.dep_, "other")


def features(pronoun, head, mention: Candidate, context: dict) -> dict:  # noqa: C901
    """Features of one (pronoun, person mention) pair; ``head`` is the mention's head token
    and ``context`` holds what :func:`resolve` computes once per pronoun."""
    sent_gap = context["here"] - context["sent_index"][head.i] if head.i < pronoun.i else 0
    feats = {
        f"sent{min(max(sent_gap, 0), 2)}": 1.0,
        "log_tokens": math.log1p(abs(pronoun.i - head.i)),
        "after": float(head.i > pronoun.i),
        f"role_{_role(head)}": 1.0,
        "parallel": float(_role(head) == _role(pronoun) and _role(head) != "other"),
        f"p_{_role(pronoun)}_m_{_role(head)}": 1.0,
        "same_head": float(head.head.i == pronoun.head.i and head.i != pronoun.i),
        "speaker": float(_speaks(head, context["speech"])),
        "quoted": float(any(s <= mention.start < e for s, e in context["quoted"])),
        "reported": float(_in_report(head, context["speech"])),
        "log_count": math.log1p(context["counts"].get(mention.key, 0)),
        "nearest": float(mention.key == context["nearest"]),
        "first_in_sent": float(context["first"].get(context["sent_index"][head.i]) == mention.key),
        "pronoun_quoted": float(any(s <= pronoun.idx < e for s, e in context["quoted"])),
        "first_in_text": float(mention.key == context["first_key"]),
        "log_between": math.log1p(sum(1 for i in context["person_heads"]
                                      if min(head.i, pronoun.i) < i < max(head.i, pronoun.i))),
        f"sent{min(max(sent_gap, 0), 2)}_{_role(head)}": 1.0,
    }
    gender = context["genders"].get(mention.key)
    if gender is not None:
        feats["gender_clash"] = float(gender != ("f" if pronoun.lower_ in FEMININE else "m"))
    else:
        echo = context["echoes"].get(mention.key)
        if echo is not None:  # "Kathleen … her novel": the pronouns that followed the name
            feats["echo_clash" if echo != _gender_of(pronoun) else "echo_agree"] = 1.0
    feats["subj_above"] = float(head.dep_ in _SUBJECT_DEPS and head.i < pronoun.i
                                and _dominates(head.head, pronoun))
    feats.update(discourse_features(pronoun, head, mention, context))
    return feats


def discourse_features(pronoun, head, mention: Candidate, context: dict) -> dict:
    """What the clause and the text around say about a candidate: it is the subject of its
    sentence's main clause (of the sentence just before the pronoun's), it comes first in its
    sentence, its depth in the parse, its rank by nearness among the people before the
    pronoun, it stands in parentheses or after a preposition, how often it is named in the
    whole text and whether most often (in the text, in the window), the gender a name table
    gives a one-word name, and whether it is the person nearest before the last he/she of the
    same gender (the chain the pronoun continues). Some compare it with the other candidates:
    it is the nearest subject, main-clause subject, mention in the pronoun's role, or person
    not of the other gender before the pronoun (a ranking scored one candidate at a time
    cannot see the others)."""
    sent = context["sent_index"][head.i]
    main_subject = head.dep_ in _SUBJECT_DEPS and head.head.dep_ == "ROOT"
    feats = {
        "main_subj": float(main_subject),
        "prev_main_subj": float(main_subject and sent == context["here"] - 1),
        "sent_initial": float(head.left_edge.i == head.sent.start),
        f"rank{min(context['ranks'].get(mention.key, 3), 3)}": 1.0,
        "log_candidates": math.log1p(len(context["ranks"])),
        "in_parens": float(_in_parens(head)),
        "log_total": math.log1p(context["totals"].get(mention.key, 0)),
        "most_named": float(mention.key == context["most_named"]),
        "chain": float(mention.key == context["chain"]),
        "pronoun_initial": float(pronoun.i == pronoun.sent.start),
        "nearest_subj": float(mention.key == context["nearest_subj"]),
        "nearest_same_role": float(mention.key == context["nearest_role"].get(_role(pronoun))),
        "log_depth": math.log1p(sum(1 for _ in head.ancestors)),
        "nearest_main_subj": float(mention.key == context["nearest_main_subj"]),
        "nearest_agreeing": float(mention.key == context["nearest_agreeing"]),
        "most_in_window": float(mention.key == context["most_in_window"]),
    }
    if head.dep_ == "pobj":
        feats[f"prep_{head.head.lower_}"] = 1.0
    single = context["single_genders"].get(mention.key)
    if single is not None:
        feats["name_clash" if single != _gender_of(pronoun) else "name_agree"] = 1.0
    return feats


def _in_parens(token) -> bool:
    """Whether an unclosed "(" comes before ``token`` in its sentence."""
    depth = 0
    for t in token.doc[token.sent.start:token.i]:
        depth += (t.text == "(") - (t.text == ")")
    return depth > 0


def _chain_antecedent(doc, pronoun, before: list, genders: dict):
    """The key of the person nearest before the last he/she/his/her of the pronoun's gender
    that precedes it in the window, among those of no other known gender; None without one."""
    gender = _gender_of(pronoun)
    start = before[0][1].i if before else pronoun.i
    previous = next((t for t in reversed(doc[start:pronoun.i]) if t.lower_ in PERSON_PRONOUNS
                     and _gender_of(t) == gender), None)
    if previous is None:
        return None
    fits = [(m, h) for m, h in before if h.i < previous.i and genders.get(m.key, gender) == gender]
    return max(fits, key=lambda mh: mh[1].i)[0].key if fits else None


def _gender_of(pronoun) -> str:
    return "f" if pronoun.lower_ in FEMININE else "m"


def _dominates(verb, token) -> bool:
    """Whether ``token`` lies in the subtree of ``verb`` (the pronoun in the clause whose
    subject the candidate is: "Smith said that he …")."""
    return any(a.i == verb.i for a in token.ancestors)


def _echoes(doc, pronoun, window: list) -> dict:
    """Actor key → "m"/"f" from the first he/she/his/her after one of its mentions in the
    same sentence, before the next person and before ``pronoun`` ("Kathleen Nott … her
    father"), when its mentions agree."""
    heads = sorted(window, key=lambda mh: mh[1].i)
    found: dict = {}
    for n, (mention, head) in enumerate(heads):
        if head.i >= pronoun.i:
            break
        stop = min(pronoun.i, head.sent.end, heads[n + 1][1].i if n + 1 < len(heads) else
                   len(doc))
        token = next((t for t in doc[head.i + 1:stop] if t.lower_ in PERSON_PRONOUNS), None)
        if token is not None:
            found.setdefault(mention.key, set()).add(_gender_of(token))
    return {key: next(iter(g)) for key, g in found.items() if len(g) == 1}


def candidate_features(doc, pronoun, candidates: list[Candidate], quoted, speech_lemmas,
                       names: dict | None = None, anchor=None):
    """``[(candidate, features)]`` for the candidates in the pronoun's window; ``names``:
    first name → gender (see :func:`mention_gender`); ``anchor``: the token sentences are
    counted back from (the first word of a quotation "he said" follows), else the pronoun."""
    sent_index = _SentIndex([s.start for s in doc.sents])
    here = sent_index[(anchor if anchor is not None and anchor.i < pronoun.i else pronoun).i]
    window = []
    for mention in candidates:
        head = head_token(doc, mention.start, mention.end)
        if head is None or head.i == pronoun.i or pronoun.idx <= mention.start < pronoun.idx + 1:
            continue
        gap = here - sent_index[head.i]
        if gap > WINDOW_SENTENCES or head.i > pronoun.i and sent_index[head.i] != sent_index[
                pronoun.i]:
            continue
        window.append((mention, head))
    before = sorted(((m, h) for m, h in window if h.i < pronoun.i), key=lambda mh: mh[1].i)
    first: dict = {}
    for mention, head in sorted(window, key=lambda mh: mh[1].i):
        first.setdefault(sent_index[head.i], mention.key)
    genders, single_genders = _name_genders(doc, candidates, names or {})
    echoes = _echoes(doc, pronoun, window)
    totals = _tally(candidates)
    context = {"sent_index": sent_index, "here": here, "speech": speech_lemmas, "quoted": quoted,
               "counts": _tally(m for m in candidates if m.end <= pronoun.idx),
               "totals": totals, "first": first,
               "most_named": max(totals, key=totals.get) if totals else None,
               "first_key": min(candidates, key=lambda m: m.start).key if candidates else None,
               "person_heads": [h.i for _, h in window], "genders": genders, "echoes": echoes,
               "chain": _chain_antecedent(doc, pronoun, before, genders),
               "single_genders": single_genders,
               **_nearest_keys(pronoun, window, before, genders, echoes)}
    return [(m, features(pronoun, h, m, context)) for m, h in window]


def _tally(mentions) -> dict:
    """Actor key → number of mentions."""
    counts: dict = {}
    for mention in mentions:
        counts[mention.key] = counts.get(mention.key, 0) + 1
    return counts


def _nearest_keys(pronoun, window: list, before: list, genders: dict, echoes: dict) -> dict:
    """The context entries that compare candidates (``before``: the window's mentions before
    the pronoun, in text order): the nearest person, the nearest of each role, the nearest
    main-clause subject, the nearest not of the other gender, each actor's nearness rank, the
    actor named most in the window."""
    gender = _gender_of(pronoun)
    by_role = {_role(h): m.key for m, h in before}
    main_subjects = [m.key for m, h in before if h.dep_ in _SUBJECT_DEPS and h.head.dep_ == "ROOT"]
    agreeing = [m.key for m, _ in before
                if genders.get(m.key, echoes.get(m.key, gender)) == gender]
    ranks: dict = {}
    for mention, _ in reversed(before):
        ranks.setdefault(mention.key, len(ranks))
    in_window = _tally(m for m, _ in window)
    return {"nearest": before[-1][0].key if before else None, "nearest_role": by_role,
            "nearest_subj": by_role.get("subj"), "ranks": ranks,
            "nearest_main_subj": main_subjects[-1] if main_subjects else None,
            "nearest_agreeing": agreeing[-1] if agreeing else None,
            "most_in_window": max(in_window, key=in_window.get) if in_window else None}


def _actor_genders(doc, candidates: list[Candidate], names: dict) -> dict:
    """Actor key → gender, when its mentions agree on one."""
    return _name_genders(doc, candidates, names)[0]


def _name_genders(doc, candidates: list[Candidate], names: dict) -> tuple[dict, dict]:
    """Actor key → gender when its mentions agree on one (:func:`mention_gender`), and actor
    key → the name table's gender of its one-word mentions ("Pauline"), when they agree."""
    found: tuple = ({}, {})
    for mention in candidates:
        for table, gender in zip(found, _span_genders(doc, mention, names)):
            if gender is not None:
                table.setdefault(mention.key, set()).add(gender)
    return tuple({key: next(iter(g)) for key, g in table.items() if len(g) == 1}
                 for table in found)


class _SentIndex:
    """Token index → sentence number, by bisection over sentence starts."""

    def __init__(self, starts: list[int]) -> None:
        self.starts = starts

    def __getitem__(self, token_i: int) -> int:
        lo, hi = 0, len(self.starts)
        while lo + 1 < hi:
            mid = (lo + hi) // 2
            if self.starts[mid] <= token_i:
                lo = mid
            else:
                hi = mid
        return lo


def rank(model: PronounModel, scored) -> list[tuple[str, float]]:
    """Actor keys with their best mention's probability, best first."""
    best: dict = {}
    for (mention, _), p in zip(scored, model.probabilities([f for _, f in scored])):
        best[mention.key] = max(best.get(mention.key, 0.0), p)
    return sorted(best.items(), key=lambda kp: -kp[1])


def resolve(model: PronounModel, doc, pronoun, candidates: list[Candidate], quoted=(),
            speech_lemmas: frozenset = frozenset(), speaker: bool = False, anchor=None):
    """``(actor key, probability)`` of the person the pronoun names, or None when no
    candidate reaches ``model.threshold``. ``quoted``: character spans of quotations;
    ``speaker``: the pronoun is a speaker, so only mentions before it, of the same gender,
    neither quoted nor inside what someone is reported to say, may be it (the others are
    dropped before the features that compare candidates are computed), and when one person
    is left in the window it is the speaker whatever the model's threshold."""
    if pronoun.lower_ not in PERSON_PRONOUNS:
        return None
    scored = candidate_features(doc, pronoun, candidates, list(quoted), speech_lemmas,
                                model.genders, anchor)
    if speaker:
        barred = {m for m, f in scored if f["after"] or f["quoted"] or f["reported"]
                  or f.get("gender_clash")}
        if barred:
            scored = candidate_features(doc, pronoun, [m for m in candidates if m not in barred],
                                        list(quoted), speech_lemmas, model.genders, anchor)
        scored = [(m, f) for m, f in scored if m not in barred]
    ranked = rank(model, scored)
    if not ranked and speaker:
        return _only_person_before(doc, pronoun, candidates, quoted, model.genders)
    if speaker and len(ranked) == 1:  # one person left who may be it: GAP never asks this
        return ranked[0]
    if not ranked or ranked[0][1] < model.threshold:
        return None
    return ranked[0]


def _only_person_before(doc, pronoun, candidates: list[Candidate], quoted, names: dict):
    """With no one named in the window: the one person of the pronoun's gender (or of none
    known) named anywhere before it outside quotations, with probability 0.5; else None."""
    gender = "f" if pronoun.lower_ in FEMININE else "m"
    before = [m for m in candidates if m.end <= pronoun.idx
              and not any(s <= m.start < e for s, e in quoted)]
    genders = _actor_genders(doc, before, names)
    keys = {m.key for m in before if genders.get(m.key, gender) == gender}
    return (keys.pop(), 0.5) if len(keys) == 1 else None
