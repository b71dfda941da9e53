"""A story told from the record: its dated timeline and its cited summary, computed on each
call from the stored articles and events (``store.reads`` gives the rows), so their length can
be chosen; every sentence comes with the ids of the articles it occurs in."""
from __future__ import annotations

from dragoman.errors import StoreError
from dragoman.store import Store, reads
from dragoman.stories.summarise import Doc, summary, timeline


def _docs(rows: list[dict]) -> list[Doc]:
    return [Doc(r["article_id"], r["text"], r["title"], r["published"]) for r in rows]


def _timeline_rows(entries) -> list[dict]:
    return [{"date": e.date.isoformat(), "support": e.support, "articles": e.articles,
             "sentences": [_cited_row(c) for c in e.sentences]} for e in entries]


def _cited_row(c) -> dict:
    return {"text": c.text, "article_id": c.article_id, "start": c.start, "end": c.end,
            "citations": list(c.citations), "date": c.date.isoformat() if c.date else None}


def story_timeline(store: Store, story_id: str | None = None, actor: str | None = None,
                   query: str | None = None, dates: int = 10, per_date: int = 2,
                   max_articles: int = 400) -> dict:
    """A dated timeline of a story, of an actor or of the articles matching a query (exactly
    one of ``story_id``, ``actor``, ``query``).

    Dates are ranked by how strongly the sources support them (articles naming the day,
    events dated to it, articles published then); each comes with up to ``per_date``
    sentences. For an actor or a query only sentences naming it are used. Returns
    ``{"subject": str, "articles": n, "dates": [{"date", "support", "articles",
    "sentences": [{"text", "article_id", "start", "end", "citations", "date"}]}]}``;
    ``text`` is exactly ``articles.text[start:end]`` of ``article_id``."""
    if sum(x is not None for x in (story_id, actor, query)) != 1:
        raise StoreError("a timeline needs exactly one of a story, an actor or a query",
                         "give STORY, or --actor NAME, or --query WORDS")
    keywords: tuple[str, ...] = ()
    if story_id is not None:
        found = reads.find_story(store, story_id)
        subject = f"story {found['story_id']}: {found['title']}"
        rows = reads.timeline_articles(store, story_id=found["story_id"], limit=max_articles)
    elif actor is not None:
        found = reads.find_actor(store, actor)
        if found is None:
            raise StoreError(f"no actor named {actor!r}", "try `dragoman actors --name WORD`")
        subject = f"actor {found['name']}"
        keywords = tuple({found["name"].lower(), *(a.lower() for a in found["aliases"] or [])})
        rows = reads.timeline_articles(store, actor_id=found["actor_id"], limit=max_articles)
    else:
        subject = f"query {query!r}"
        keywords = tuple([w for w in query.lower().split() if len(w) > 2] or [query.lower()])
        rows = reads.timeline_articles(store, words=list(keywords), limit=max_articles)
    docs = _docs(rows)
    events = reads.story_events(store, [d.article_id for d in docs])
    entries = timeline(docs, events, dates=dates, per_date=per_date, keywords=keywords)
    return {"subject": subject, "articles": len(docs), "dates": _timeline_rows(entries)}


def story_summary(store: Store, story_id: str, sentences: int = 5,
                  max_articles: int = 200) -> dict:
    """An extractive summary of a story: up to ``sentences`` central, non-redundant sentences
    in date order, each with the ids of every article it occurs in. Returns ``{"story_id",
    "title", "articles": n, "sentences": [{"text", "article_id", "start", "end", "citations",
    "date"}]}``."""
    found = reads.find_story(store, story_id)
    docs = _docs(reads.timeline_articles(store, story_id=found["story_id"], limit=max_articles))
    return {"story_id": found["story_id"], "title": found["title"], "articles": len(docs),
            "sentences": [_cited_row(c) for c in summary(docs, sentences)]}
