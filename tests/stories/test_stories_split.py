"""Stories: splitting (by the user and automatically) and merging, on hand-made inputs; the
record keeps both, and the CLI and the Python API change stored stories."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from click.testing import CliRunner
from scipy import sparse

import dragoman
from dragoman.cli import cli
from dragoman.model import Article
from dragoman.pipeline import Batch
from dragoman.stories.cluster import Item, Params, StoryIndex, day_number
from dragoman.stories.split import bisect, separate
from dragoman.stories.stage import StoriesStage
from dragoman.store import Store, reads

TALKS = "Geneva peace talks Syria opposition delegation envoy de Mistura negotiations round"
FLOOD = "Heavy rains flood Kumasi lower town residents evacuated rescue boats river burst"
EXTRA = ["today", "again", "later", "officials said", "reports say", "on Monday", "witnesses",
         "sources said", "as expected", "once more"]


def _items(prefix, words, day, n):
    return [Item(f"{prefix}{k}", f"{words} {EXTRA[k % len(EXTRA)]}", day_number(day))
            for k in range(n)]


def test_bisect_finds_two_groups_and_measures_them():
    rows = sparse.csr_matrix(np.array([[1, 0.1, 0], [0.9, 0.2, 0], [1, 0, 0.1],
                                       [0, 0.1, 1], [0, 0, 1], [0.1, 0, 0.9]], dtype=float))
    rows = sparse.diags(1 / np.sqrt(rows.multiply(rows).sum(axis=1)).A1) @ rows
    cut = bisect(rows)
    assert {cut.first, cut.second} == {(0, 1, 2), (3, 4, 5)}
    assert cut.cosine < 0.2
    assert separate(cut, 0.2, 3) and not separate(cut, 0.2, 4) and not separate(cut, 0.05, 3)
    assert bisect(rows[:1]) is None


def test_a_story_of_two_separate_groups_is_split_automatically():
    # every article joins the first story (threshold -1): two topics end in one muddle
    muddle = Params(threshold=-1.0, w_embed=0.0, merge_threshold=1.0)
    index = StoryIndex(muddle)
    index.add(_items("t", TALKS, "2017-02-23", 5) + _items("f", FLOOD, "2017-02-23", 5))
    assert len(index.stories) == 1 and not index.splits   # no splitting: one muddle

    index = StoryIndex(replace(muddle, split_threshold=0.3, split_min=8, split_min_part=3))
    index.add(_items("t", TALKS, "2017-02-23", 5) + _items("f", FLOOD, "2017-02-23", 5))
    groups = {frozenset(k for k, s in index.story_of.items() if s == story)
              for story in index.stories}
    assert groups == {frozenset(f"t{k}" for k in range(5)), frozenset(f"f{k}" for k in range(5))}
    assert [s.reason for s in index.splits] == ["two separate groups"]
    split = index.splits[0]
    assert split.story == "s_t0" and split.new_story == "s_f0"   # the id stays with its article
    assert index.stories["s_f0"].size == 5 and index.stories["s_t0"].size == 5
    # split apart, they are not merged back even when merging is eager
    index.params = replace(index.params, merge_threshold=-1.0)   # x joins s_t0, eager merges
    index.add(_items("x", TALKS, "2017-02-24", 1))
    assert {"s_t0", "s_f0"} <= set(index.stories)
    assert all({m.absorbed, m.into} != {"s_t0", "s_f0"} for m in index.merges)


def test_a_story_on_one_topic_is_not_split():
    index = StoryIndex(Params(threshold=0.2, w_embed=0.0, split_threshold=0.3, split_min=8))
    index.add(_items("t", TALKS, "2017-02-23", 10))
    assert len(index.stories) == 1 and not index.splits


def test_a_big_story_must_be_matched_better_to_grow():
    partial = Item("h", " ".join(TALKS.split()[:8]) + " storm rain", day_number("2017-02-24"))
    plain = Params(threshold=0.3, w_embed=0.0, merge_threshold=1.0)
    penalised = replace(plain, size_penalty=0.1)   # size 8: 0.3 + 0.1 × 3 = 0.6 needed
    for params, size, joins in ((plain, 8, True), (penalised, 8, False), (penalised, 1, True)):
        index = StoryIndex(params)
        index.add(_items("t", TALKS, "2017-02-23", size))
        assert (index.add([partial])[0] == ["s_t0"]) is joins, (params, size)


def test_an_undated_story_retires_after_enough_articles():
    index = StoryIndex(Params(threshold=0.2, w_embed=0.0, undated_docs=3))
    index.add([Item("u", TALKS)])                      # undated: no last day to age by
    index.add(_items("f", FLOOD, "2017-02-23", 2))
    assert "s_u" in index._active(day_number("2017-02-24"))
    index.add(_items("g", FLOOD + " more", "2017-02-24", 2))   # 4 articles since it grew
    assert "s_u" not in index._active(day_number("2017-02-25"))
    assert index.add([Item("u2", TALKS, day_number("2017-02-25"))])[0] == ["s_u2"]


def test_user_split_and_merge_on_the_index():
    index = StoryIndex(Params(threshold=0.2, w_embed=0.0))
    index.add(_items("t", TALKS, "2017-02-23", 4) + _items("f", FLOOD, "2017-03-01", 2))
    split = index.split("s_t0", ["t2", "t3"])
    assert (split.story, split.new_story, split.moved, split.reason) == (
        "s_t0", "s_t2", ("t2", "t3"), "user")
    assert index.story_of["t2"] == "s_t2" and index.stories["s_t0"].size == 2
    assert frozenset(("s_t0", "s_t2")) in index.apart
    with pytest.raises(ValueError):
        index.split("s_t0", ["t0", "t1"])        # the whole story
    with pytest.raises(KeyError):
        index.split("s_t0", ["f0"])              # not in it
    merge = index.merge("s_t2", "s_f0")
    assert (merge.absorbed, merge.into, merge.reason) == ("s_f0", "s_t2", "user")
    assert index.story_of["f1"] == "s_t2" and index.stories["s_t2"].size == 4
    assert "s_f0" not in index.stories and "s_f0" in index.retired


# --- in the store, across runs, from the CLI and the API ------------------------------------

def _article(aid, words, day):
    text = f"{words}. The officials met on Monday, a spokesman said. " * 3
    return Article(aid, f"/x/{aid}.txt", text, "h" + aid, "s" + aid,
                   title=" ".join(words.split()[:4]), published=day)


def _stored(path, params=None):
    with Store(path) as store:
        arts = tuple(_article(f"a{k}", TALKS, "2017-02-23") for k in range(3)) + (
            _article("b0", FLOOD, "2017-02-24"), Article(
                "c0", "/x/c0.txt", "copy", "hc", "sc", duplicate_of="a2"))
        store.write_batch(StoriesStage(store, params=params).run(Batch(articles=arts)))
        return reads.story_assignments(store)


def test_split_and_merge_in_the_store_from_the_cli(tmp_path):
    path = str(tmp_path / "s.duckdb")
    assert _stored(path) == {"a0": "s_a0", "a1": "s_a0", "a2": "s_a0", "c0": "s_a0", "b0": "s_b0"}
    runner = CliRunner()
    out = runner.invoke(cli, ["stories", "split", "s_a0", "a2", "--db", path])
    assert out.exit_code == 0, out.output
    assert "into s_a2" in out.output
    with Store(path, read_only=True) as store:   # the copy follows its original
        assert reads.story_assignments(store) == {"a0": "s_a0", "a1": "s_a0", "a2": "s_a2",
                                                    "c0": "s_a2", "b0": "s_b0"}
        assert [(r["story"], r["new_story"], r["article_ids"], r["reason"])
                for r in reads.story_splits(store)] == [("s_a0", "s_a2", ["a2"], "user")]
        assert reads.story_apart(store) == [("s_a0", "s_a2")]
        stories = {r["story_id"]: r for r in reads.stories(store, "biggest")}
        assert sorted(stories["s_a2"]["article_ids"]) == ["a2", "c0"]
        assert stories["s_a2"]["title"] and sorted(stories["s_a0"]["article_ids"]) == ["a0", "a1"]
        assert reads.story(store, "s_a2")["splits"][0]["story"] == "s_a0"
        assert [(h["kind"], h["other"], h["articles"]) for h in reads.story_history(
            store, "s_a0")] == [("split off", "s_a2", 1)]
    listed = runner.invoke(cli, ["stories", "--splits", "--db", path])
    assert listed.exit_code == 0 and "s_a2" in listed.output and "user" in listed.output
    # a new run loads the split apart: the next article on the same talks does not re-merge them
    with Store(path) as store:
        store.write_batch(StoriesStage(store).run(
            Batch(articles=(_article("a9", TALKS, "2017-02-25"),))))
        assert {"s_a0", "s_a2"} <= {r["story_id"] for r in reads.stories(store, "biggest")}
    out = runner.invoke(cli, ["stories", "merge", "s_a2", "s_b0", "--db", path])
    assert out.exit_code == 0, out.output
    assert "Merged s_b0 into s_a2" in out.output
    with Store(path, read_only=True) as store:
        assert reads.story_assignments(store)["b0"] == "s_a2"
        assert ("s_b0", "s_a2", "user") in {(m["absorbed"], m["into_story"], m["reason"])
                                            for m in reads.story_merges(store)}
        assert "s_b0" not in {r["story_id"] for r in reads.stories(store, "biggest")}
    shown = runner.invoke(cli, ["stories", "show", "s_a2", "--db", path])
    assert shown.exit_code == 0 and "merged    s_b0" in shown.output and "split" in shown.output
    bad = runner.invoke(cli, ["stories", "split", "s_a0", "b0", "--db", path])
    assert bad.exit_code == 1 and "not in story s_a0" in bad.output
    with Store(path, read_only=True) as store:
        members = sorted(k for k, v in reads.story_assignments(store).items() if v == "s_a0")
    whole = runner.invoke(cli, ["stories", "split", "s_a0", *members, "--db", path])
    assert whole.exit_code == 1 and "some, not all" in whole.output


def test_python_api_split_merge_and_recluster(tmp_path):
    from dragoman.stories.edit import recluster

    path = str(tmp_path / "p.duckdb")
    _stored(path)
    split = dragoman.split_story("s_a0", ["a1"], db=path)
    assert split["new_story"] == "s_a1" and split["reason"] == "user"
    merge = dragoman.merge_stories("s_a1", "s_a0", db=path)
    assert (merge["absorbed"], merge["into_story"]) == ("s_a1", "s_a0")
    with Store(path) as store:
        result = recluster(store)
        assert result == {"articles": 4, "stories": 2}
        assert reads.story_assignments(store) == {"a0": "s_a0", "a1": "s_a0", "a2": "s_a0",
                                                    "c0": "s_a0", "b0": "s_b0"}
        assert reads.story_merges(store) == [] and reads.story_splits(store) == []
