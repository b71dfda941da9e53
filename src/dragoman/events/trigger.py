"""The event's trigger as the classifier reads it: the verb's lemma and its parse around it.

:func:`trigger_features` turns the trigger token (a spaCy token) and the token positions of the
source and target into a bag of symbols, for example for "SOURCE walked out of the talks with
TARGET" ``L_walk P_walk_out R_walk_of Ro_walk_of_talk S_nsubj T_pobj_with``:

- ``L_`` the lemma; ``P_`` its particles; ``R_`` its prepositions (``Ro_`` with their object's
  lemma); ``O_`` its direct object's lemma; ``X_`` the verb of its open/clausal complement
  ("threatened to block" → ``X_threaten_block``); ``H_`` the verb that governs it
  ("refused to attend" → ``H_refuse_attend``); ``NEG``, ``PASS`` and ``MODAL`` markers;
- ``S_``/``T_`` how the source and target hang on it (``nsubj``, ``dobj``, ``pobj_on``, …).

Parties are named ``SOURCE``/``TARGET`` in these symbols, never by their words. In the pipeline
the trigger is the lexicon verb; on PLV (:func:`plv_trigger`) it is the word that governs both
parties (the lowest common head of the source and target), as a reader would pick it.
"""
from __future__ import annotations

MODALS = frozenset({"would", "could", "might", "may", "should", "will", "shall", "must", "can"})
_GOVERNED = frozenset({"xcomp", "ccomp", "pcomp", "advcl", "conj"})


def trigger_features(verb, source: set[int] = frozenset(), target: set[int] = frozenset()) -> str:
    """Space-separated symbols for the trigger ``verb`` (see module doc); ``source`` and
    ``target`` are the token indices (in ``verb.doc``) of the parties."""
    if verb is None:
        return ""
    lemma = _lemma(verb, source, target)
    out = [f"L_{lemma}"]
    for child in verb.children:
        out += _child_symbols(lemma, child, source, target)
    if verb.dep_ in _GOVERNED and verb.head.i != verb.i:
        head = _lemma(verb.head, source, target)
        out += [f"H_{head}_{lemma}", f"h_{head}"]
    out += _party_symbols("S", verb, source) + _party_symbols("T", verb, target)
    return " ".join(out)


def _child_symbols(lemma: str, child, source, target) -> list[str]:
    dep, word = child.dep_, _lemma(child, source, target)
    if dep == "prt":
        return [f"P_{lemma}_{word}"]
    if dep in ("prep", "agent"):
        pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        found = [f"R_{lemma}_{word}"]
        if pobj is not None:
            found.append(f"Ro_{lemma}_{word}_{_lemma(pobj, source, target)}")
        return found
    if dep == "neg":
        return ["NEG"]
    if dep == "dobj":
        return [f"O_{lemma}_{word}", f"o_{word}"]
    if dep in ("xcomp", "ccomp"):
        return [f"X_{lemma}_{word}", f"x_{word}"]
    if dep == "auxpass":
        return ["PASS"]
    if dep == "aux" and child.lower_ in MODALS:
        return ["MODAL"]
    return []


def _party_symbols(role: str, verb, party: set[int]) -> list[str]:
    """How the party's highest token hangs on the verb: ``S_nsubj``, ``T_pobj_on``; ``S_far``
    when it is not a dependent of the verb or of one of its prepositions."""
    if not party:
        return [f"{role}_none"]
    doc = verb.doc
    top = min((doc[i] for i in party), key=lambda t: _depth(t))
    if top.head.i == verb.i:
        return [f"{role}_{top.dep_}"]
    if top.head.head.i == verb.i and top.head.dep_ in ("prep", "agent"):
        return [f"{role}_{top.dep_}_{top.head.lower_}"]
    return [f"{role}_far"]


def _depth(token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def _lemma(token, source, target) -> str:
    if token.i in source:
        return "SOURCE"
    if token.i in target:
        return "TARGET"
    return (token.lemma_ or token.text).lower().replace(" ", "_") or "_"


def plv_trigger(source_tokens: list, target_tokens: list):
    """The word that governs both parties (their lowest common head), skipping the parties
    themselves ("TARGET, which SOURCE attacked" → attacked); with one party, its nearest
    governing verb; None with neither."""
    first = _top(source_tokens)
    second = _top(target_tokens)
    if first is None and second is None:
        return None
    if first is None or second is None:
        return _governing_verb(first if first is not None else second)
    chain = _ancestors(first)
    other = _ancestors(second)
    common = next((t for t in chain if t.i in {o.i for o in other}), None)
    if common is None:
        return _governing_verb(first)
    party = {t.i for t in source_tokens} | {t.i for t in target_tokens}
    if common.i not in party:
        return common
    # one party governs the other: the word just below it on the other party's path
    below = [t for t in (chain if common.i != first.i else other) if t.i not in party]
    below = [t for t in below if _is_under(t, common)]
    return below[-1] if below else common


def _top(tokens: list):
    return min(tokens, key=_depth) if tokens else None


def _ancestors(token) -> list:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 50:
        chain.append(chain[-1].head)
    return chain


def _is_under(token, head) -> bool:
    return any(a.i == head.i for a in _ancestors(token)[1:])


def _governing_verb(token):
    for candidate in _ancestors(token)[1:]:
        if candidate.pos_ in ("VERB", "AUX"):
            return candidate
    return token.head


def parsed_fields(tokens, start: int, end: int, verb, source: set[int], target: set[int],
                  text: str) -> tuple[str, str, str]:
    """``(trigger symbols, lemma text, clause)`` of a trigger in the sentence at chars
    ``[start, end)`` of ``text`` (the doc's text; ``tokens`` hold the sentence, e.g. the
    verb's ``sent``): the lemma text is the sentence's lemmas with each party one
    ``SOURCE``/``TARGET`` word (no punctuation); the clause is the text from the first to the
    last token of the trigger's subtree and the parties (what the trigger says about them)."""
    words: list[str] = []
    for token in tokens:
        if not start <= token.idx < end:
            continue
        word = "SOURCE" if token.i in source else "TARGET" if token.i in target else \
            None if token.is_punct or token.is_space else token.lemma_.lower()
        if word is not None and not (word in ("SOURCE", "TARGET") and words and words[-1] == word):
            words.append(word)
    clause = text[start:end]
    if verb is not None:
        doc = verb.doc
        ids = [verb.left_edge.i, verb.right_edge.i, *source, *target]
        first, last = doc[min(ids)], doc[max(ids)]
        clause = text[max(start, first.idx): min(end, last.idx + len(last))].strip() or clause
    return trigger_features(verb, source, target), " ".join(words), clause
