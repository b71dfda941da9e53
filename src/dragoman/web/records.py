"""The explorer's composite reads: one record with everything its page or endpoint shows,
each piece from ``store.reads``. Pages and the JSON API both call these."""
from __future__ import annotations

from dragoman import api
from dragoman.errors import NotFound
from dragoman.store import Store, reads
from dragoman.store.reads import EventFilter, StatementFilter
from dragoman.web import citations

SECTION_ROWS = 20
TIMELINE_EVENTS = 100  # on the story page; all of them: /events?story=ID
CITATION_ARTICLES = 25  # a summary stored without citations is looked for in the newest


def _need(row: dict | None, what: str, record_id: str) -> dict:
    if row is None:
        plural = "stories" if what == "story" else what + "s"
        raise NotFound(f"no {what} {record_id!r}", f"take an id from /api/{plural}")
    return row


def overview(store: Store) -> dict:
    low, high = reads.date_range(store)
    return {"counts": reads.counts(store), "published": {"from": low, "to": high},
            "outlets": reads.outlets(store, 10),
            "latest_stories": reads.stories(store, "latest", 8),
            "top_dyads": reads.dyads(store, 10), "top_speakers": reads.speakers(store, 10),
            "event_types": [{"type": t, "events": n} for t, n in reads.event_types(store)]}


def story(store: Store, story_id: str, live: bool = False) -> dict:
    """A story with its cited summary and dated timeline: as the stories stage stored them
    (fast), or with ``live`` made now from all its articles (``stories.tell``: slower on big
    stories)."""
    row = _need(reads.get_story(store, story_id), "story", story_id)
    articles = reads.articles_in_story(store, story_id)
    if live:
        summary = [{"text": s["text"], "cites": _cites(s)}
                   for s in api.story_summary(store, story_id)["sentences"]]
        dated = api.story_timeline(store, story_id=story_id)["dates"]
    else:
        summary, dated = _stored(store, row, articles)
    return {"story": row, "summary": summary, "dated": dated, "articles": articles,
            "sources": _number(summary, articles),
            "actors": reads.actors_in_story(store, story_id),
            "history": reads.story_history(store, story_id),
            "timeline": reads.events_in_story(store, story_id, limit=TIMELINE_EVENTS)}


def _number(summary: list[dict], articles: list[dict]) -> list[dict]:
    """Numbers each cited article once, in order of first citation (``cite["n"]``), and
    gives the numbered list of sources: ``[{"n", "article_id", "title", "published",
    "outlet"}]``."""
    about = {a["article_id"]: a for a in articles}
    numbers: dict[str, int] = {}
    for sentence in summary:
        for cite in sentence["cites"]:
            cite["n"] = numbers.setdefault(cite["article_id"], len(numbers) + 1)
    return [{"n": n, "article_id": a, "title": about.get(a, {}).get("title"),
             "origin": about.get(a, {}).get("origin"),
             "published": about.get(a, {}).get("published"),
             "outlet": about.get(a, {}).get("outlet")} for a, n in numbers.items()]


def _stored(store: Store, row: dict, articles: list[dict]) -> tuple[list[dict], list[dict]]:
    """The stored summary and timeline with each sentence's span found in the articles it
    cites (for a summary without citations: in the story's newest articles)."""
    originals = [a["article_id"] for a in articles if a["duplicate_of"] is None]
    known = set(originals)
    cited = [i for text in (row.get("summary"), *(row.get("timeline") or []))
             for _, ids in citations.parse(text, known) for i in ids]
    ids = list(dict.fromkeys(cited)) or originals[-CITATION_ARTICLES:]
    texts = reads.article_texts(store, ids)
    return citations.summary(row.get("summary"), texts), citations.timeline(row.get("timeline"), texts)


def _cites(sentence: dict) -> list[dict]:
    """The sentence's own span, then the other articles it also occurs in (no span)."""
    others = [a for a in sentence.get("citations") or [] if a != sentence["article_id"]]
    return [{"article_id": sentence["article_id"], "start": sentence["start"],
             "end": sentence["end"]}] + [{"article_id": a, "start": None, "end": None}
                                         for a in others]


def actor(store: Store, actor_id: str, rows: int = SECTION_ROWS) -> dict:
    row = _need(reads.get_actor(store, actor_id), "actor", actor_id)
    network = reads.actor_network(store, actor_id=actor_id, limit=30)
    return {"actor": row, "merges": reads.actor_merges(store, actor_id),
            "aliases": reads.actor_aliases(store, actor_id),
            "evidence": reads.actor_evidence(row),
            "activity": reads.actor_activity(store, actor_id),
            "statements_by": reads.statements(store, StatementFilter(speaker_id=actor_id), rows),
            "statements_about": reads.statements(store, StatementFilter(mentions_id=actor_id),
                                                 rows),
            "events_as_source": reads.events(store, EventFilter(source_id=actor_id), rows),
            "events_as_target": reads.events(store, EventFilter(target_id=actor_id), rows),
            "over_time": reads.events_over_time(store, EventFilter(actor_id=actor_id)),
            "network": network, "partners": _partners(network, actor_id)}


def _partners(network: list[dict], actor_id: str) -> list[dict]:
    """The actors in ``network`` rows with ``actor_id``, busiest first: the pairs to open."""
    counts: dict[str, dict] = {}
    for row in network:
        for side in ("source", "target"):
            other = row[f"{side}_actor_id"]
            if other != actor_id:
                entry = counts.setdefault(other, {"actor_id": other, "name": row[side], "events": 0})
                entry["events"] += row["events"]
    return sorted(counts.values(), key=lambda p: -p["events"])


def event(store: Store, event_id: str) -> dict:
    row = _need(reads.get_event(store, event_id), "event", event_id)
    return {"event": row, "sources": reads.independent_sources(store, event_id=event_id),
            "reports": reads.event_reports(store, event_id),
            "mentions": reads.event_mentions(store, event_id)}


def statement(store: Store, statement_id: str) -> dict:
    row = _need(reads.get_statement(store, statement_id), "statement", statement_id)
    return {"statement": row,
            "sources": reads.independent_sources(store, statement_id=statement_id),
            "reports": reads.statement_reports(store, statement_id)}


def article(store: Store, article_id: str) -> dict:
    row = _need(reads.get_article(store, article_id), "article", article_id)
    everything = 100_000
    original = reads.get_article(store, row["duplicate_of"]) if row["duplicate_of"] else None
    return {"article": row, "mentions": reads.article_mentions(store, article_id),
            "statements": reads.statements(store, StatementFilter(article=article_id), everything,
                                           sort="start"),
            "events": reads.events(store, EventFilter(article=article_id), everything,
                                   sort="start"),
            "event_mentions": reads.event_mentions(store, article_id=article_id),
            "duplicate_of": original and {k: original[k] for k in ("article_id", "origin", "title")},
            "copies": reads.article_copies(store, article_id),
            "reuse": reads.reuse_for(store, article_id)}
