"""A run interrupted between batches and resumed from the store places articles in stories
exactly as a run that never stopped (issue 20: kill -9 and resume, tables identical)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from dragoman.model import Actor, Article, Mention
from dragoman.pipeline import Batch
from dragoman.stories.cluster import Item, StoryIndex
from dragoman.stories.stage import TEXT_PARAMS, StoriesStage
from dragoman.store import Store, reads

TALKS = "Geneva peace talks Syria opposition delegation envoy negotiations round"
FLOOD = "Heavy rains flood Kumasi lower town residents evacuated rescue boats river"
VOTE = "Parliament vote budget finance minister coalition deficit taxes spending"
EXTRA = ["today", "again", "later", "officials said", "reports say", "on Monday", "witnesses",
         "sources said", "as expected", "once more", "at dawn", "by night"]
ACTORS = {"t": "UNO", "f": "NADMO", "v": "PARL"}


def _article(key: str, k: int, words: str, day: str) -> Article:
    text = (f"{ACTORS[key[0]]} {words} {EXTRA[k % len(EXTRA)]}. The officials met, "
            f"{EXTRA[(k * 5) % len(EXTRA)]}, a spokesman said. ") * 3
    return Article(key, f"/x/{key}.txt", text, "h" + key, "s" + key,
                   title=" ".join([*words.split()[:3], EXTRA[k % len(EXTRA)]]), published=day)


def _batches(size: int) -> list[Batch]:
    """Three topics arriving interleaved over a week, each article naming its actor first,
    and a near duplicate; cut into batches of ``size``."""
    articles = []
    for k in range(18):
        topic, words = [("t", TALKS), ("f", FLOOD), ("v", VOTE)][k % 3]
        articles.append(_article(f"{topic}{k}", k, words, f"2017-02-{20 + k // 3:02d}"))
    articles.insert(7, Article("c0", "/x/c0.txt", articles[3].text, "hc", "sc",
                               duplicate_of=articles[3].article_id))
    actors = tuple(Actor(f"a_{n}", n, "organisation") for n in ACTORS.values())
    batches = []
    for first in range(0, len(articles), size):
        part = tuple(articles[first:first + size])
        mentions = tuple(Mention(a.article_id, 0, len(ACTORS[a.article_id[0]]),
                                 ACTORS[a.article_id[0]], "ORG", f"a_{ACTORS[a.article_id[0]]}")
                         for a in part if a.duplicate_of is None)
        batches.append(Batch(articles=part, mentions=mentions, actors=actors))
    return batches


def _tables(store: Store) -> dict[str, list]:
    """The stories, the clustering state and each article's story, in a fixed order."""
    query = {"stories": "SELECT * FROM stories ORDER BY story_id",
             "story_state": "SELECT * FROM story_state ORDER BY story_id",
             "articles": "SELECT article_id, story_id FROM articles ORDER BY article_id",
             "story_terms": "SELECT n_docs, df FROM story_terms"}
    return {table: store.con.execute(sql).fetchall() for table, sql in query.items()}


def _run(path: str, batches: list[Batch], params, stop_after: int | None = None) -> dict:
    """Each batch through the stories stage and into the store; with ``stop_after``, the
    store is closed after that many batches and the rest run by a stage made anew from it."""
    parts = [batches] if stop_after is None else [batches[:stop_after], batches[stop_after:]]
    for part in parts:
        with Store(path) as store:
            stage = StoriesStage(store, params=params)
            for batch in part:
                store.write_batch(stage.run(batch))
    with Store(path, read_only=True) as store:
        return _tables(store)


SPLITTING = replace(TEXT_PARAMS, threshold=-1.0, merge_threshold=1.0, split_min=8,
                    split_min_part=3)   # everything joins one story, which then splits


@pytest.mark.parametrize("params", [TEXT_PARAMS, SPLITTING], ids=["default", "splitting"])
def test_a_resumed_run_gives_the_stories_of_a_clean_run(tmp_path, params):
    batches = _batches(3)
    clean = _run(str(tmp_path / "clean.duckdb"), batches, params)
    assert len(clean["stories"]) >= 3
    for stop in range(1, len(batches)):
        resumed = _run(str(tmp_path / f"stop{stop}.duckdb"), batches, params, stop)
        for table, rows in clean.items():
            assert resumed[table] == rows, f"{table} differs after a stop at batch {stop}"


def test_a_stage_made_from_the_store_lists_story_members_in_the_stored_order(tmp_path):
    path = str(tmp_path / "s.duckdb")
    _run(path, _batches(4), SPLITTING)
    with Store(path, read_only=True) as store:
        stored = {r["story_id"]: list(r["article_ids"]) for r in reads.stories(store, "biggest")}
        stage = StoriesStage(store, params=SPLITTING)
    assert {s: stage.index.keys_of[s] for s in stored} == stored



def test_a_story_keeps_the_same_actors_in_the_same_order_whatever_order_they_came_in():
    """Actors come from sets, whose order changes with each process's hash seed (a resumed
    run is another process): which actors a story keeps, and their stored order, must not."""
    kept = []
    for order in (["a_y", "a_z", "a_w"], ["a_w", "a_z", "a_y"]):
        index = StoryIndex(replace(TEXT_PARAMS, threshold=-1.0, keep_actors=2))
        index.add([Item(f"k{n}", TALKS, actors=frozenset({"a_v", actor}))
                   for n, actor in enumerate(order)])
        (story,) = index.stories.values()
        kept.append(dict(story.actors))
    assert kept[0] == kept[1] == {"a_v": 3, "a_w": 1}
    assert list(kept[0]) == ["a_v", "a_w"]
