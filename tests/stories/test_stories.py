"""Stories: clustering, persistence, metrics, timelines and summaries on hand-made inputs; the
seeds with the real pipeline."""
from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from dragoman.cli import cli
from dragoman.model import Actor, Article, Mention, Reuse
from dragoman.pipeline import Batch
from dragoman.stories.cluster import Item, Params, StoryIndex, day_number
from dragoman.stories.metrics import Rouge, align_rouge, bcubed, concat_rouge, date_f1, pairwise
from dragoman.stories.sentences import mentioned_dates, named_days_of_year, split_sentences
from dragoman.stories.stage import StoriesStage
from dragoman.stories.summarise import Doc, SentencePool, summary, timeline, title
from dragoman.store import Store, reads

D = dt.date

# --- metrics, worked by hand ----------------------------------------------------------------


def test_bcubed_and_pairwise_by_hand():
    gold = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
    pred = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}
    b3 = bcubed(pred, gold)
    # precision per item: a 1, b 1, c 1/3, d 2/3, e 2/3; recall: 2/3, 2/3, 1/3, 1, 1
    assert b3["precision"] == pytest.approx(11 / 15)
    assert b3["recall"] == pytest.approx(11 / 15)
    pairs = pairwise(pred, gold)  # predicted ab cd ce de, gold ab ac bc de: 2 shared of 4
    assert (pairs["precision"], pairs["recall"]) == (pytest.approx(0.5), pytest.approx(0.5))


def test_tilse_measures_by_hand():
    gold = {D(2020, 1, 1): ["Police arrest protesters"], D(2020, 1, 3): ["The president resigns"]}
    pred = {D(2020, 1, 1): ["Police arrest protesters"], D(2020, 1, 2): ["The president resigns"]}
    rouge = Rouge()
    assert date_f1(pred, gold)["f1"] == pytest.approx(0.5)
    # precision: 01-01 → 01-01 (3 hits, weight 1); 01-02 → 01-03 (cost 0: same words), 2 hits
    # weighted 1/2 → 4 of 5 unigrams; recall symmetric; bigrams: (2 + 0.5) of 3
    r1, r2 = align_rouge(pred, gold, 1, rouge), align_rouge(pred, gold, 2, rouge)
    assert (r1["precision"], r1["recall"], r1["f1"]) == pytest.approx((0.8, 0.8, 0.8))
    assert r2["f1"] == pytest.approx(2.5 / 3)
    assert concat_rouge(pred, gold, 1, rouge)["f1"] == pytest.approx(1.0)
    assert align_rouge({}, gold, 1, rouge)["f1"] == 0.0


# --- clustering -------------------------------------------------------------------------------

def _item(key, text, day=None, **kw):
    return Item(key, text, day_number(day) if day else None, **kw)


TALKS = "Geneva peace talks Syria opposition delegation envoy de Mistura negotiations round"
FLOOD = "Heavy rains flood Kumasi lower town residents evacuated rescue boats river burst"


def test_articles_join_stories_and_ids_stay_stable():
    index = StoryIndex(Params(threshold=0.2, w_embed=0.0, merge_threshold=1.0))
    ids, _ = index.add([_item("a1", TALKS, "2017-02-23"), _item("b1", FLOOD, "2017-02-23")])
    assert ids == ["s_a1", "s_b1"]
    ids, touched = index.add([_item("a2", TALKS + " resumed", "2017-02-25"),
                              _item("b2", FLOOD + " again", "2017-02-26")])
    assert ids == ["s_a1", "s_b1"] and touched == {"s_a1", "s_b1"}
    assert index.stories["s_a1"].size == 2


def test_time_keeps_a_later_round_apart_and_undated_articles_use_named_days():
    index = StoryIndex(Params(threshold=0.2, w_embed=0.0, window_days=30))
    index.add([_item("old", TALKS, "2016-02-03")])
    ids, _ = index.add([_item("new", TALKS, "2017-12-16")])
    assert ids == ["s_new"]  # the same words 22 months later: another story
    ids, _ = index.add([_item("undated", TALKS, hints=named_days_of_year("on December 12"))])
    assert ids == ["s_new"]  # "December 12" is near the December story, far from February


def test_shared_passage_pulls_an_article_into_its_story():
    index = StoryIndex(Params(threshold=0.3, w_embed=0.0, w_shared=0.3))
    index.add([_item("a", TALKS, "2017-02-23")])
    ids, _ = index.add([_item("b", "Alloush says Russia must press Damascus", "2017-02-24",
                              shared=("a",))])
    assert ids == ["s_a"]


def test_merge_is_recorded_and_the_older_story_keeps_its_id():
    index = StoryIndex(Params(threshold=1.5, w_embed=0.0, merge_threshold=0.5))
    ids, _ = index.add([_item("a", TALKS, "2017-02-23"), _item("b", TALKS, "2017-02-24")])
    assert ids == ["s_a", "s_a"]  # b's own story merged into a's when the batch ended
    assert [(m.absorbed, m.into) for m in index.merges] == [("s_b", "s_a")]


# --- the stage and the store: state survives between runs --------------------------------------

def _article(aid, text, title=None, published=None, duplicate_of=None):
    return Article(aid, f"/x/{aid}.txt", text, "h" + aid, "s" + aid, title=title,
                   published=published, duplicate_of=duplicate_of)


def _talks(aid, day):
    return _article(aid, f"{TALKS}. The delegations met on Monday, the envoy said. " * 3,
                    title="Geneva talks resume", published=day)


def _flood(aid, day):
    return _article(aid, f"{FLOOD}. Officials said on Tuesday that more rain was due. " * 3,
                    title="Floods in Kumasi", published=day)


def test_stage_persists_state_and_continues_in_a_new_run(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        batch = Batch(articles=(_talks("a1", "2017-02-23"), _flood("b1", "2017-02-23")),
                      mentions=(Mention("a1", 0, 6, "Geneva", "GPE", "act_x"),),
                      actors=(Actor("act_x", "Staffan de Mistura", "person"),))
        store.write_batch(StoriesStage(store).run(batch))
    with Store(path) as store:  # a new run: the stage loads what the last one kept
        copy = _article("a3", "copy", duplicate_of="a1")
        batch = Batch(articles=(_talks("a2", "2017-02-24"), copy),
                      reuse=(Reuse("a1", "a2", "passage", 0.5, ({"words": 30},)),))
        out = StoriesStage(store).run(batch)
        store.write_batch(out)
        assignments = reads.story_assignments(store)
        assert assignments == {"a1": "s_a1", "a2": "s_a1", "a3": "s_a1", "b1": "s_b1"}
        story = reads.story(store, "s_a1")
        assert [a["article_id"] for a in story["articles"]] == ["a1", "a2", "a3"]
        assert story["title"] == "Geneva talks resume"
        assert reads.find_story(store, "a2")["story_id"] == "s_a1"  # by an article id
        assert reads.story_term_stats(store)[0] == 3  # originals counted, not the copy


# --- sentences, dates, timelines, summaries ----------------------------------------------------

def test_sentences_keep_exact_spans():
    text = 'Talks began on Monday. "We will stay," said Mr. Smith of the U.S. team on March 3.'
    found = split_sentences("a", text, min_words=3)
    assert [s.text for s in found] == ["Talks began on Monday.",
                                       '"We will stay," said Mr. Smith of the U.S. team on March 3.']
    assert all(text[s.start:s.end] == s.text for s in found)


def test_dates_named_in_a_sentence_resolve_against_publication():
    published = D(2017, 3, 8)  # a Wednesday
    assert mentioned_dates("They met on Monday.", published) == [(D(2017, 3, 6), "day")]
    assert mentioned_dates("He left yesterday.", published) == [(D(2017, 3, 7), "day")]
    assert (D(2016, 12, 20), "day") in mentioned_dates("It began on December 20.", published)
    assert mentioned_dates("A vote is due by Friday.", published) == []
    # the day after publication is tomorrow (or today a time zone ahead), not 6 days back
    assert mentioned_dates("He lands in Beijing on Thursday.", published) == [(D(2017, 3, 9), "day")]
    assert mentioned_dates("They met last Thursday.", published) == [(D(2017, 3, 2), "day")]
    assert mentioned_dates("The war began on 15 March 2011.", None) == [(D(2011, 3, 15), "day")]


def _docs():
    return [
        Doc("a", "Rebels attacked the city on March 3. The army said the attack failed. "
                 "Rebels attacked the city on March 3 and took two districts, witnesses said.",
            "Rebels attack city", D(2017, 3, 4)),
        Doc("b", "Rebels attacked the city on March 3. Talks are due in Geneva on March 20 "
                 "between the government and the opposition.", "City attacked", D(2017, 3, 5)),
    ]


def test_timeline_dates_by_support_with_cited_sentences():
    entries = timeline(_docs(), dates=2, per_date=1)
    assert entries[0].date == D(2017, 3, 3)  # named by both articles
    first = entries[0].sentences[0]
    assert first.citations == ("a", "b")  # the same sentence in both: both cited
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    for entry in entries:
        for cited in entry.sentences:
            assert next(d.text for d in _docs() if d.article_id == cited.article_id)[
                cited.start:cited.end] == cited.text


def test_summary_is_dated_cited_and_without_repeats():
    picked = summary(_docs(), sentences=3)
    texts = [c.text for c in picked]
    assert len(texts) == len(set(texts)) and len(picked) <= 3
    assert [c.date or D.max for c in picked] == sorted(c.date or D.max for c in picked)
    docs = {d.article_id: d.text for d in _docs()}
    assert all(c.text in docs[a] for c in picked for a in c.citations)
    assert title(_docs()) in ("Rebels attack city", "City attacked")


def test_a_sentence_without_a_digit_or_a_day_word_names_no_day():
    published = D(2017, 3, 10)  # a Friday
    assert mentioned_dates("The army said the attack failed.", published) == []
    assert mentioned_dates("They met THIS MORNING.", published) == [(published, "day")]
    assert mentioned_dates("Talks end Tonight.", published) == [(published, "day")]
    assert mentioned_dates("Talks began last Monday.", published) == [(D(2017, 3, 6), "day")]


def test_a_shared_sentence_pool_tells_the_same_timeline_and_summary():
    docs = _docs()
    pool = SentencePool(docs)
    assert len(pool.sentences) == 5 and pool.occurs["rebels attacked the city on march 3"] == ("a", "b")
    assert timeline(docs, dates=3, per_date=2, pool=pool) == timeline(docs, dates=3, per_date=2)
    assert summary(docs, sentences=2, pool=pool) == summary(docs, sentences=2)
    assert summary([Doc("c", "Too short.")], pool=SentencePool([Doc("c", "Too short.")])) == []


# --- CLI over a hand-written record --------------------------------------------------------------

def test_cli_stories_timeline_summary(tmp_path):
    path = str(tmp_path / "c.duckdb")
    with Store(path) as store:
        batch = Batch(articles=(_article(d.article_id, d.text, d.title, d.published.isoformat())
                                for d in _docs()))
        batch = Batch(articles=tuple(batch.articles))
        store.write_batch(StoriesStage(store).run(batch))
    runner = CliRunner()
    listed = runner.invoke(cli, ["stories", "--db", path])
    assert listed.exit_code == 0 and "s_a" in listed.output
    shown = runner.invoke(cli, ["timeline", "s_a", "--db", path])
    assert shown.exit_code == 0 and "2017-03-03" in shown.output and "[a, b]" in shown.output
    summary_out = runner.invoke(cli, ["summary", "b", "--db", path, "--sentences", "2"])
    assert summary_out.exit_code == 0 and "Rebels attacked the city" in summary_out.output
    query = runner.invoke(cli, ["timeline", "--query", "Geneva", "--db", path])
    assert query.exit_code == 0 and "Geneva" in query.output
    both = runner.invoke(cli, ["timeline", "s_a", "--query", "x", "--db", path])
    assert both.exit_code != 0 and "exactly one" in both.output
    missing = runner.invoke(cli, ["summary", "nothing-like-this", "--db", path])
    assert missing.exit_code == 1 and "dragoman stories" in missing.output


# --- the seeds, real pipeline ------------------------------------------------------------------

def test_seeds_make_three_stories(seeds, shared_model, tmp_path):
    import dragoman

    db = str(tmp_path / "seeds.duckdb")
    dragoman.ingest([str(seeds)], db=db, nlp=shared_model)
    with dragoman.open_store(db) as store:
        rows = store.con.execute("SELECT origin, story_id FROM articles").fetchall()
    story = {origin.rsplit("/", 1)[-1][:3]: story_id for origin, story_id in rows}
    groups = sorted(sorted(k for k in story if story[k] == s) for s in set(story.values()))
    assert groups == [["000", "001"], ["002"], ["003", "004"]]


def test_a_shared_share_bar_does_not_tie_articles():
    from dragoman.stories.stage import _shared_passages

    footer = Reuse("a", "b", "passage", 0.02, ({"words": 25},))  # a share bar under each page
    wire = Reuse("a", "c", "passage", 0.2, ({"words": 40},))
    assert _shared_passages(Batch(reuse=(footer, wire))) == {"c": ["a"]}


def test_a_merge_across_batches_is_written_and_recorded(tmp_path):
    params = Params(threshold=1.5, w_embed=0.0, merge_threshold=0.5)  # never join, always merge
    with Store(tmp_path / "m.duckdb") as store:
        store.write_batch(StoriesStage(store, params=params).run(
            Batch(articles=(_talks("a1", "2017-02-23"),))))
        store.write_batch(StoriesStage(store, params=params).run(
            Batch(articles=(_talks("a2", "2017-02-24"),))))
        assert reads.story_assignments(store) == {"a1": "s_a1", "a2": "s_a1"}
        assert [r["story_id"] for r in reads.stories(store, "biggest")] == ["s_a1"]
        assert [(m["absorbed"], m["into_story"]) for m in reads.story_merges(store)] == [
            ("s_a2", "s_a1")]
        assert [r["story_id"] for r in reads.story_states(store)] == ["s_a1"]
        assert reads.story(store, "s_a1")["merges"][0]["absorbed"] == "s_a2"
