"""Who speaks: the kind of a speaker mention, and pronouns and nominals resolved to actors.

- **named**: the mention names someone ("Nebenzia", "the Russian Foreign Ministry").
- **pronoun**: "he"/"she" resolve to the last person named before them (within 600
  characters); "they", "we", "I" and "it" stay unresolved.
- **nominal**: a definite description ("the spokeswoman", "the HNC spokesman") resolves to a
  person introduced earlier with that same title ("HNC spokesman Salem al-Meslet", "Maria
  Lund, the spokeswoman"), and only then; any name-like word of the mention ("HNC") must be
  in that introduction too.
- **unnamed**: an explicitly unnamed source ("a Western diplomat", "sources", "an official
  who asked not to be named"): kept as the mention, never resolved.

A wrong speaker is worse than none: everything that is not clear evidence leaves ``speaker``
empty and keeps ``speaker_mention``.
"""
from __future__ import annotations

from dragoman.model import Actor
from dragoman.actors.doc import DocActors
from dragoman.actors.nouns import BODY_NOUNS, PEOPLE_NOUNS, SOURCE_NOUNS, TITLE_NOUNS

PERSON_PRONOUNS = frozenset({"he", "she"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_UNNAMED_DETS = frozenset({
    "a", "an", "some", "several", "one", "two", "three", "four", "many", "another", "other",
    "various", "numerous", "few", "unnamed", "anonymous",
})
_UNNAMED_WORDS = frozenset({"unnamed", "anonymous", "unidentified"})
_TITLE_WINDOW = 6  # words before (or in apposition after) an earlier name that may be its title
_NOMINAL_REACH = 2500  # characters back to look for the introduction of a title


def speaker_kind(phrase, subject, actor: Actor | None) -> str | None:
    """named | pronoun | nominal | unnamed for a speaker mention; None without one."""
    if subject is None or phrase is None:
        return None
    if subject.pos_ == "PRON":
        return "pronoun"
    if actor is not None or subject.pos_ == "PROPN" or subject.ent_type_ in NAME_LABELS:
        return "named"
    words = [t.lower_ for t in phrase]
    if _UNNAMED_WORDS.intersection(words):
        return "unnamed"
    determiners = [t.lower_ for t in subject.children if t.dep_ in ("det", "nummod", "amod")
                   and t.i < subject.i]
    if _UNNAMED_DETS.intersection(determiners):
        return "unnamed"
    if subject.tag_ in ("NNS", "NNPS") and not any(t.dep_ in ("det", "poss")
                                                   for t in subject.children):
        return "unnamed"  # "sources said", "officials said"
    return "nominal"


_AGENT_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "you", "who"})
def is_agent(subject, agent_nouns: frozenset) -> bool:
    """Whether a subject can be someone who speaks or thinks: a name, a personal pronoun, or
    a noun for people or bodies ("officials", "the campaign")."""
    if subject.ent_type_ in NAME_LABELS or subject.pos_ == "PROPN":
        return True
    if subject.pos_ == "PRON":
        return subject.lower_ in _AGENT_PRONOUNS
    lemma = subject.lemma_.lower()
    return (lemma in agent_nouns or subject.lower_ in agent_nouns or lemma in SOURCE_NOUNS
            or lemma in PEOPLE_NOUNS or lemma in BODY_NOUNS)


def resolve_pronoun(actors: DocActors, subject) -> Actor | None:
    """"he"/"she"/"his"/"her": the one person named since the start of the sentence before,
    or, when several are, the one of them who is the subject there ("Giorgini told reporters,
    reiterating support for de Mistura … “…,” he said" → Giorgini); else None."""
    if subject.lower_ not in PERSON_PRONOUNS and subject.lower_ not in ("his", "her"):
        return None
    doc = subject.doc
    sent = subject.sent
    first = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    start = doc[first].idx
    people = _people_between(actors, doc, start, subject.idx)
    if not people:
        return actors.last_person_before(subject.idx)
    distinct = {actor.actor_id: actor for actor, _ in people}
    if len(distinct) == 1:
        heads = {token.i for _, token in people if token is not None}
        if any(t.dep_ == "nsubj" and t.pos_ == "PROPN" and t.ent_type_ in ("", "PERSON")
               and t.i not in heads for t in doc[first:subject.i]):
            return None  # another name the recogniser missed is a subject there ("Canova")
        return next(iter(distinct.values()))
    subjects = {actor.actor_id: actor for actor, token in people
                if token is not None and token.dep_ in ("nsubj", "nsubjpass")}
    return next(iter(subjects.values())) if len(subjects) == 1 else None


def _people_between(actors: DocActors, doc, start: int, end: int) -> list:
    """``(person actor, the head token of its mention)`` for person mentions in [start, end)."""
    found = []
    for mention in actors.mentions:
        if mention.start < start or mention.end > end:
            continue
        actor = actors.actors.get(mention.actor_id or "")
        if actor is None or actor.type != "person":
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        found.append((actor, span.root if span is not None else None))
    return found


def resolve_nominal(actors: DocActors, phrase, subject) -> Actor | None:
    """The person an earlier mention gave this title to ("the HNC spokesman"), else None."""
    if not any(t.dep_ == "det" and t.lower_ == "the" for t in subject.children):
        return None
    title = subject.lemma_.lower()
    if title not in TITLE_NOUNS:
        return None
    markers = {t.lower_ for t in phrase if t.pos_ == "PROPN" and t.i != subject.i}
    doc = subject.doc
    for mention in reversed(actors.mentions):
        if mention.end > phrase.start_char or mention.start < subject.idx - _NOMINAL_REACH:
            continue
        actor = actors.actors.get(mention.actor_id or "")
        if actor is None or actor.type != "person":
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        window = _title_words(doc, span)
        lemmas = {t.lemma_.lower() for t in window}
        words = {t.lower_ for t in window}
        if title in lemmas and markers <= words:
            return actor
    return None


_TITLE_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "PART", "ADP", "SPACE"})


def _title_words(doc, span) -> list:
    """The title given to a name: the noun words right before it ("HNC spokesman Salem
    al-Meslet") or an apposition right after it ("Maria Lund, the spokeswoman,")."""
    words = []
    i = span.start - 1
    while i >= 0 and span.start - i <= _TITLE_WINDOW and doc[i].pos_ in _TITLE_POS:
        words.append(doc[i])
        i -= 1
    if span.end < len(doc) and doc[span.end].text == ",":
        for token in doc[span.end + 1:min(len(doc), span.end + 1 + _TITLE_WINDOW)]:
            if token.pos_ not in _TITLE_POS:
                break
            words.append(token)
    return words


def resolve_surname(actors: DocActors, phrase, subject) -> Actor | None:
    """A bare name the entity recogniser missed ("de Mistura told the delegates"): the one
    person named before whose full name ends with these words, else None."""
    words = _last_name_run(phrase)
    if not words:
        return None
    tail = " ".join(words).lower().replace("’", "'")
    found = {
        actor.actor_id: actor for m in actors.mentions if m.end <= phrase.start_char
        for actor in [actors.actors.get(m.actor_id or "")]
        if actor is not None and actor.type == "person"
        and _ends_with(actor.name.lower().replace("’", "'"), tail)
    }
    return next(iter(found.values())) if len(found) == 1 else None


_NAME_PARTICLES = frozenset({"de", "al", "van", "von", "bin", "abu", "el", "da", "di", "le"})


def _last_name_run(phrase) -> list[str]:
    """The last run of proper nouns in the phrase ("envoy Staffan de Mistura" → its name)."""
    run: list[str] = []
    for token in phrase:
        if token.pos_ == "PROPN" or (run and token.lower_ in _NAME_PARTICLES):
            run.append(token.text)
        elif token.lower_ in _NAME_PARTICLES:
            run = [token.text]
        else:
            run = []
    return run


def _ends_with(name: str, tail: str) -> bool:
    return name == tail or name.endswith(" " + tail) or name.endswith("-" + tail)
