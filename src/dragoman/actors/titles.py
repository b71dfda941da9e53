"""Title-only mentions: "the UN envoy", "the spokeswoman", "the HNC spokesman" linked to the
person an earlier sentence of the article introduced with that title.

A definite noun phrase whose head is an office (``speakers.TITLE_NOUNS``) becomes a mention of
label ``TITLE`` of that person, only when :func:`dragoman.actors.nominal.resolve_nominal` finds
the introduction ("UN envoy Staffan de Mistura", "Maria Lund, the spokeswoman,") with every
name-like word of the phrase in it; otherwise nothing is linked (a wrong actor is worse than
none). Phrases that contain or touch a named mention ("the UN envoy Staffan de Mistura",
"Salem al-Muslet, the HNC spokesman,") are the name's own title and are left alone, and so are
titles with a complement ("the head of the opposition delegation"), which describe whoever
holds that office rather than point back.
"""
from __future__ import annotations

from dragoman.model import Mention
from dragoman.actors.doc import DocActors
from dragoman.actors.nominal import TITLE_NOUNS, resolve_nominal

LABEL = "TITLE"


def with_title_mentions(doc, article_id: str, actors: DocActors) -> DocActors:
    """``actors`` plus a ``TITLE`` mention for every title-only phrase that resolves."""
    found = [mention for chunk in doc.noun_chunks
             if (mention := _title_mention(chunk, article_id, actors)) is not None]
    return DocActors([*actors.mentions, *found], actors.actors) if found else actors


def _title_mention(chunk, article_id: str, actors: DocActors) -> Mention | None:
    root = chunk.root
    if root.lemma_.lower() not in TITLE_NOUNS or root.pos_ != "NOUN":
        return None
    if any(t.ent_type_ == "PERSON" for t in chunk) or _next_is_a_name(chunk) \
            or _after_a_name(chunk) or any(c.dep_ == "prep" for c in root.children):
        return None
    actor = resolve_nominal(actors, chunk, root)
    if actor is None:
        return None
    return Mention(article_id, chunk.start_char, chunk.end_char, chunk.text, LABEL, actor.actor_id,
                   "title")


def _after_a_name(chunk) -> bool:
    """ "Salem al-Muslet, the HNC spokesman,": the name's own apposition, not a new mention."""
    doc = chunk.doc
    return chunk.start >= 2 and doc[chunk.start - 1].text == "," \
        and doc[chunk.start - 2].ent_type_ == "PERSON"


def _next_is_a_name(chunk) -> bool:
    """ "the spokesman, Salem al-Muslet," or "the envoy Staffan de Mistura": the name follows."""
    doc = chunk.doc
    following = doc[chunk.end:chunk.end + 2]
    return any(t.ent_type_ == "PERSON" for t in following)
