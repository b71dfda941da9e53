"""A user's changes to the stored stories: split some articles out of a story, merge two
stories, or cluster the whole record again. Each is recorded (``story_splits`` /
``story_merges`` with reason ``user``), and the stories it touches get their title, summary and
timeline made again.
"""
from __future__ import annotations

from dragoman.errors import StoreError
from dragoman.model import Actor, Article, Mention, Reuse
from dragoman.pipeline import Batch
from dragoman.store import reads
from dragoman.stories.stage import StoriesStage, stories_stage


def split_story(store, story: str, articles: list[str], settings=None) -> dict:
    """Move ``articles`` (ids or file names) out of ``story`` (id, article or title words)
    into a new story. Returns the split (story, new_story, article_ids, score, reason)."""
    found = reads.find_story(store, story)
    story_id = found["story_id"]
    keys = [_article_id(store, ref) for ref in articles]
    stage = _stage(store, settings)
    outside = [k for k in keys if stage.index.story_of.get(k) != story_id]
    if outside:
        raise StoreError(f"not in story {story_id}: {', '.join(outside)}",
                         f"see the story's articles with `dragoman stories show {story_id}`")
    try:
        batch = stage.edit(lambda index: index.split(story_id, keys, reason="user"))
    except (ValueError, LookupError) as err:
        raise StoreError(f"cannot split {story_id}: {err}",
                         "name some (not all) of the story's articles") from err
    store.write_batch(batch)
    return batch.story_updates[0].splits[0]


def merge_stories(store, story: str, other: str, settings=None) -> dict:
    """Merge two stories (ids, articles or title words): the older keeps its id. Returns the
    merge (absorbed, into_story, score, reason)."""
    a, b = (reads.find_story(store, ref)["story_id"] for ref in (story, other))
    if a == b:
        raise StoreError(f"{story!r} and {other!r} are the same story ({a})",
                         "name two different stories from `dragoman stories`")
    stage = _stage(store, settings)
    try:
        batch = stage.edit(lambda index: index.merge(a, b, reason="user"))
    except KeyError as err:
        raise StoreError(f"cannot merge {a} and {b}: {err}",
                         "run `dragoman stories recluster` if the stories have no stored state") from err
    store.write_batch(batch)
    return batch.story_updates[0].merges[0]


def recluster(store, settings=None, batch_size: int = 200, on_batch=None) -> dict:
    """Cluster every stored article again, in order of publication, as if it arrived now:
    the stories, their state and their merge and split records are made anew (the user's
    splits and merges are lost). Returns the numbers of articles and stories."""
    for table in ("stories", "story_state", "story_terms", "story_merges", "story_splits"):
        store.con.execute(f"DELETE FROM {table}")
    store.con.execute("UPDATE articles SET story_id = NULL")
    stage = stories_stage(store, settings) if settings is not None else _stage(store, None)
    groups = reads.recluster_order(store)
    for start in range(0, len(groups), batch_size):
        out = stage.run(_stored_batch(store, [a for g in groups[start:start + batch_size] for a in g]))
        store.write_batch(Batch(stories=out.stories, story_updates=out.story_updates))
        if on_batch:
            on_batch(min(start + batch_size, len(groups)), len(groups))
    counts = store.con.execute("SELECT count(*) FROM stories").fetchone()[0]
    return {"articles": len(groups), "stories": counts}


def _stored_batch(store, article_ids: list[str]) -> Batch:
    """The stored articles, their mentions, actors and shared passages as a batch the stories
    stage can read (their events are read from the store when stories are told)."""
    rows = reads.recluster_rows(store, article_ids)
    position = {article_id: k for k, article_id in enumerate(article_ids)}
    articles = tuple(Article(r["article_id"], r["origin"], r["text"], "", "", title=r["title"],
                             published=None if r["published"] is None else str(r["published"]),
                             duplicate_of=r["duplicate_of"])
                     for r in sorted(rows["articles"], key=lambda r: position[r["article_id"]]))
    mentions = tuple(Mention(m["article_id"], m["start"], m["end"], "", "", m["actor_id"])
                     for m in rows["mentions"])
    actors = tuple(Actor(a["actor_id"], "", a["type"]) for a in rows["actors"])
    reuse = tuple(Reuse(r["article_a"], r["article_b"], r["kind"], r["similarity"],
                        tuple(r["passages"] or ())) for r in rows["reuse"])
    return Batch(articles=articles, mentions=mentions, actors=actors, reuse=reuse)


def _article_id(store, ref: str) -> str:
    return reads.find_article(store, ref)["article_id"]


def _stage(store, settings):
    return stories_stage(store, settings) if settings is not None else StoriesStage(store)


__all__ = ["merge_stories", "recluster", "split_story"]
