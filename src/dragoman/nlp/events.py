"""Events: who did what to whom, coded in PLOVER with a CAMEO crosswalk (first version).

One event record per cue verb: every verb whose lexicon entry (``data/cues.tsv``, read by
:func:`dragoman.nlp.statements.load_cues`) carries a PLOVER type gives an event. The two-word
entries win over the single verb ("called on Peru" is REQUEST, "called it a failure" is not
an event; "left the talks" is REJECT, "left" alone is nothing).

- **source** is the verb's subject phrase (inherited through ``conj``/``advcl``/``xcomp`` as for
  speakers), or the ``by`` agent of a passive; **target** is its object: ``dobj``, a dative, or
  the ``pobj`` of on/upon/with/to/against ("called on Peru" → Peru), or the passive subject.
  Their actor, country and sector come from ``actor_in`` (a person in the phrase, else the
  actor the head names); "he"/"she" sources
  resolve to the last person named before them.
- ``text``/``start``/``end`` are the verb's sentence, cut at line breaks.
- ``negated``: the verb has a ``neg`` child. ``hypothetical``: a modal auxiliary (would, could,
  might, may, should, will) or an "if"/"unless" clause on the verb or above it.
- ``date`` is the article's publication date (``date_source`` "published") when it has one; the
  resolve stage replaces it with dates found in the text.
- ``statement_id`` links the statement whose cue is this verb (same cue lemma, same sentence).

Plain reporting verbs ("say", "tell", "add") give no event: PLOVER has no generic "make a
statement" type (CAMEO 01 has no PLOVER counterpart), so what was said lives in statements only.
Noun triggers ("the talks", "criticism") and event modes are not coded yet.
"""
from __future__ import annotations

import re

from dragoman.model import Actor, Article, Event, Statement, short_hash
from dragoman.nlp.actors import DocActors
from dragoman.nlp.statements import (
    PERSON_PRONOUNS,
    Cue,
    Cues,
    actor_in,
    clipped_sentence,
    is_clause_verb,
    noun_phrase,
    object_of,
    subject_of,
)

MODALS = frozenset({"would", "could", "might", "may", "should", "will"})
CONDITIONALS = frozenset({"if", "unless"})
_ISO_DATE = re.compile(r"^(\d{4})(-\d{2})?(-\d{2})?")


def extract_events(
    doc, article: Article, actors: DocActors, statements: list[Statement], cues: Cues
) -> list[Event]:
    """One event per cue verb with a PLOVER type, in text order.

    ``doc`` is the spaCy ``Doc`` of exactly ``article.text``; ``statements`` are this article's
    statements (from :func:`~dragoman.nlp.statements.extract_statements`), used for linking.
    """
    events = []
    for token in doc:
        cue = event_cue(token, cues)
        if cue is not None:
            events.append(_event(token, cue, article, actors, statements))
    return events


def event_cue(token, cues: Cues) -> Cue | None:
    """The lexicon entry of a verb that triggers an event, else None (adjectival "UN-backed")."""
    if not is_clause_verb(token):
        return None
    cue = cues.lookup(token)
    return cue if cue is not None and cue.plover else None


def _event(token, cue: Cue, article: Article, actors: DocActors, statements) -> Event:
    start, end = clipped_sentence(token)
    source_token, target_token = participants(token, cue)
    source, source_actor = _party(source_token, actors)
    target, target_actor = _party(target_token, actors)
    date, precision = published_date(article.published)
    text = article.text[start:end]
    return Event(
        event_id=short_hash(article.article_id, "evt", str(token.idx)),
        article_id=article.article_id,
        type=cue.plover,
        text=text,
        start=start,
        end=end,
        trigger=token.text,
        cameo=cue.cameo,
        source=source,
        **_actor_fields("source", source_actor),
        target=target,
        **_actor_fields("target", target_actor),
        date=date,
        date_precision=precision,
        date_source="published" if date else None,
        negated=is_negated(token),
        hypothetical=is_hypothetical(token),
        statement_id=_linked_statement(token, start, end, text, statements),
    )


def participants(verb, cue: Cue):
    """``(source token, target token)`` of a verb; a passive's ``by`` agent is the source and
    its subject (or the noun a passive participle modifies) the target."""
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if passive is None and agent is None:
        part_of_cue = cue.lemma.split()[-1] if " " in cue.lemma else ""
        return subject_of(verb), object_of(verb, part_of_cue)
    by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    if passive is None and verb.dep_ == "acl":
        passive = verb.head
    return by, passive


def _party(token, actors: DocActors) -> tuple[str | None, Actor | None]:
    """The phrase text and actor for a source or target token."""
    if token is None:
        return None, None
    if token.lower_ in PERSON_PRONOUNS:
        return token.text, actors.last_person_before(token.idx)
    phrase = noun_phrase(token)
    if token.pos_ == "PRON":
        return phrase.text, None
    return phrase.text, actor_in(actors, phrase, token)


def _actor_fields(role: str, actor: Actor | None) -> dict:
    return {
        f"{role}_actor_id": actor.actor_id if actor else None,
        f"{role}_country": actor.country if actor else None,
        f"{role}_sector": actor.sector if actor else None,
    }


def is_negated(verb) -> bool:
    """Whether the verb carries a negation ("did not reject")."""
    return any(child.dep_ == "neg" for child in verb.children)


def is_hypothetical(verb) -> bool:
    """A modal on the verb ("would threaten"), a condition on it ("if talks fail, X attacks"),
    or the verb inside an if/unless clause ("if X attacks, ...")."""
    if any(c.dep_ == "aux" and c.lemma_.lower() in MODALS for c in verb.children):
        return True
    if any(c.dep_ == "advcl" and _is_conditional(c) for c in verb.children):
        return True
    token = verb
    while True:
        if _is_conditional(token):
            return True
        if token.head.i == token.i:
            return False
        token = token.head


def _is_conditional(clause) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONALS for c in clause.children)


def published_date(published: str | None) -> tuple[str | None, str | None]:
    """``(date, precision)`` from an ISO publication date, or ``(None, None)``."""
    match = _ISO_DATE.match(published or "")
    if match is None:
        return None, None
    precision = "day" if match.group(3) else "month" if match.group(2) else "year"
    return match.group(0), precision


def _linked_statement(verb, start: int, end: int, sentence: str, statements) -> str | None:
    """The id of the statement cued by this verb: same cue lemma, in or about this sentence."""
    lemma = verb.lemma_.lower()
    linked = [
        s for s in statements
        if s.cue == lemma and ((s.start < end and start < s.end) or s.sentence == sentence)
    ]
    if not linked:
        return None
    return min(linked, key=lambda s: abs(s.start - verb.idx)).statement_id
