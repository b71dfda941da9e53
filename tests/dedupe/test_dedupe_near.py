"""Near duplicates: shingles, signatures, the LSH index, the stage and the store round trip."""
from __future__ import annotations

import pytest

from dragoman.dedupe import ExactDedupeStage, NearConfig, NearDedupeStage, NearDuplicateIndex
from dragoman.dedupe.near import alignment_ratio, reordered_ratio, to_bytes
from dragoman.dedupe.shingles import shingle_set, words_with_offsets
from dragoman.errors import PipelineError
from dragoman.model import Article
from dragoman.pipeline import Batch, Pipeline
from dragoman.store import Store

STORY = (
    "The harbour authority of Port Elmo closed the northern quay on Monday after a crane "
    "collapsed onto a cargo ship, injuring two dock workers. Inspectors said the crane had "
    "failed a safety check in March and should not have been in use. The union called a "
    "one-day strike for Wednesday and demanded that every crane on the quay be tested again. "
    "The mayor said the quay would reopen once engineers had cleared the wreckage, which could "
    "take a week. Shipping companies diverted four vessels to the southern terminal, where "
    "queues of lorries stretched along the coast road into the evening.")
OTHER = (
    "Farmers in the Velden valley began the grape harvest two weeks early this year after a "
    "hot and dry summer, the regional growers' association said on Friday. Yields are expected "
    "to be lower than last year but the quality of the fruit is unusually high, according to "
    "the association's chairwoman. Several vineyards hired extra pickers from neighbouring "
    "towns, and a local school lent its buses to carry them to the hillsides each morning.")


def article(article_id: str, text: str, duplicate_of: str | None = None) -> Article:
    return Article(article_id=article_id, origin=f"{article_id}.txt", text=text,
                   content_hash=article_id, source_hash=article_id, duplicate_of=duplicate_of)


def edited(text: str) -> str:
    """A light edit: one sentence dropped, a byline and a footer added, a few words changed."""
    sentences = text.split(". ")
    del sentences[2]
    body = ". ".join(sentences).replace("Monday", "Tuesday").replace("two dock", "three dock")
    return "By a staff reporter. " + body + " Follow us for more news from the coast."


def test_words_keep_their_offsets():
    words, spans = words_with_offsets("Ja’afari SAID: “no”")
    assert words == ["ja", "afari", "said", "no"]
    assert [tuple(s) for s in spans] == [(0, 2), (3, 8), (9, 13), (16, 18)]


def test_shingles_ignore_case_and_punctuation_but_not_order():
    assert set(shingle_set("The talks, in Geneva.", 2)) == set(shingle_set("the TALKS in geneva", 2))
    assert set(shingle_set("talks in Geneva", 2)) != set(shingle_set("Geneva in talks", 2))
    assert len(shingle_set("one", 3)) == 1  # a text shorter than k is still one shingle


def test_index_finds_an_edited_copy_and_not_another_story():
    index = NearDuplicateIndex()
    index.add("a", index.hasher.signature(STORY))
    index.add("b", index.hasher.signature(OTHER))
    original, similarity = index.match(index.hasher.signature(edited(STORY)))
    assert original == "a" and index.config.threshold <= similarity < 1.0
    assert index.match(index.hasher.signature(OTHER.replace("Friday", "Monday"))) == (
        "b", pytest.approx(1.0, abs=0.1))
    assert index.match(index.hasher.signature(
        "A new bridge over the river Amsel opened to traffic on Sunday after four years of "
        "work, the transport ministry said, and the old ferry will stop running in May.")) is None


def test_stage_marks_the_copy_and_signs_only_originals():
    stage = NearDedupeStage(NearDuplicateIndex())
    batch = stage.run(Batch(articles=(article("a", STORY), article("b", OTHER),
                                      article("c", edited(STORY)), article("d", STORY, "a"))))
    assert [a.duplicate_of for a in batch.articles] == [None, None, "a", "a"]
    assert [s.article_id for s in batch.signatures] == ["a", "b"]
    assert [s.seq for s in batch.signatures] == [0, 1]
    (link,) = batch.reuse
    assert (link.article_a, link.article_b, link.kind) == ("a", "c", "near-duplicate")


def test_pipeline_order_exact_then_near():
    index = NearDuplicateIndex()
    Pipeline([ExactDedupeStage(lambda hashes: {}), NearDedupeStage(index)],
             given=frozenset({"articles"}))
    with pytest.raises(PipelineError):
        Pipeline([NearDedupeStage(index)], given=frozenset({"raw"}))


def test_stored_signatures_rebuild_the_index_without_the_texts():
    """A second run sees the first run's originals through their stored signatures only."""
    store = Store()
    first = NearDedupeStage(NearDuplicateIndex.from_store(store), store.texts_for)
    store.write_batch(first.run(Batch(articles=(article("a", STORY), article("b", OTHER)))))
    index = NearDuplicateIndex.from_store(store)  # no text is read, nothing is loaded
    assert len(index) == 0 and index.banding.b * 2 == store.con.execute(
        "SELECT count(*) FROM lsh_bands").fetchall()[0][0]
    asked: list[str] = []
    texts_for = lambda ids: asked.extend(ids) or store.texts_for(ids)  # noqa: E731
    batch = NearDedupeStage(index, texts_for).run(Batch(articles=(article("c", edited(STORY)),
                                                      article("e", "Something else entirely, "
                                                              "about a chess match in Oslo."))))
    assert [a.duplicate_of for a in batch.articles] == ["a", None]
    assert [(s.article_id, s.seq) for s in batch.signatures] == [("e", 2)]
    assert asked == ["a"]  # only the candidate's text, to verify it


def test_same_words_in_another_order_are_not_a_copy():
    """Bag-of-words similarity alone would call this a copy; the alignment check does not."""
    index = NearDuplicateIndex(NearConfig(shingle=1, threshold=0.3))
    stage = NearDedupeStage(index)
    scrambled = " ".join(sorted(STORY.split()))
    batch = stage.run(Batch(articles=(article("a", STORY), article("b", scrambled))))
    assert [a.duplicate_of for a in batch.articles] == [None, None]
    assert alignment_ratio(STORY, edited(STORY)) > 0.8 > alignment_ratio(STORY, scrambled)


def test_a_copy_with_its_sentences_moved_is_still_a_copy():
    """Moving paragraphs around breaks the in-order alignment, not the sentence-order-free one."""
    sentences = STORY.split(". ")
    moved = ". ".join(sentences[3:] + sentences[:3])
    assert alignment_ratio(STORY, moved) < NearConfig().verify <= reordered_ratio(STORY, moved)
    stage = NearDedupeStage(NearDuplicateIndex())
    batch = stage.run(Batch(articles=(article("a", STORY), article("b", moved),
                                      article("c", OTHER))))
    assert [a.duplicate_of for a in batch.articles] == [None, "a", None]


def test_sharing_a_background_paragraph_is_not_enough_once_sorted():
    shared = STORY.split(". ")[0] + "."
    other = OTHER + " " + shared
    assert reordered_ratio(STORY, other) < NearConfig().verify_reordered


def test_a_stored_candidate_needs_a_way_to_read_its_text():
    index = NearDuplicateIndex()
    index.add("stored", index.hasher.signature(STORY))
    with pytest.raises(PipelineError, match="texts_for"):
        NearDedupeStage(index).run(Batch(articles=(article("c", edited(STORY)),)))


def test_signature_bytes_round_trip_and_a_wrong_size_is_explained():
    index = NearDuplicateIndex()
    signature = index.hasher.signature(STORY)
    data = to_bytes(signature)
    assert len(data) == 4 * index.config.num_perm
    assert index.hasher.from_bytes(data).jaccard(signature) == 1.0
    with pytest.raises(PipelineError, match="num_perm"):
        NearDuplicateIndex(NearConfig(num_perm=64)).hasher.from_bytes(data)


def test_the_store_finds_the_same_candidates_as_memory_and_holds_only_a_batch():
    """Band keys in the store (lsh_bands) give the candidates the in-memory bands give; the
    index keeps in memory only the originals of the batch not yet written."""
    texts = {"a": STORY, "b": OTHER, "c": STORY.replace("Monday", "Friday"),
             "d": OTHER + " The association will publish its figures in November."}
    store, memory = Store(), NearDuplicateIndex()
    stage = NearDedupeStage(NearDuplicateIndex.from_store(store), store.texts_for)
    for article_id in ("a", "b"):
        memory.add(article_id, memory.hasher.signature(texts[article_id]))
        store.write_batch(stage.run(Batch(articles=(article(article_id, texts[article_id]),))))
        assert len(stage.index) == 1  # this batch's original, until the next batch syncs
    stage.index.sync()
    assert len(stage.index) == 0
    queries = [memory.hasher.signature(texts[k]) for k in ("c", "d")]
    assert stage.index.candidates_many(queries) == memory.candidates_many(queries)
    assert [found[0][0] for found in memory.candidates_many(queries)] == ["a", "b"]


def test_signatures_stored_without_band_keys_get_them_from_the_signatures():
    """A database made before lsh_bands: the keys are made from the stored signatures."""
    store = Store()
    stage = NearDedupeStage(NearDuplicateIndex.from_store(store), store.texts_for)
    store.write_batch(stage.run(Batch(articles=(article("a", STORY), article("b", OTHER)))))
    store.con.execute("DELETE FROM lsh_bands")
    index = NearDuplicateIndex.from_store(store)
    assert store.con.execute("SELECT count(DISTINCT seq) FROM lsh_bands").fetchall()[0][0] == 2
    assert index.match(index.hasher.signature(edited(STORY)))[0] == "a"


def test_the_alignment_check_of_two_giant_near_copies_is_bounded():
    """Two near-identical texts of over a million characters: difflib would take hours; the
    check reads the first ALIGN_WORDS words of each (it ends in seconds, not hours) and still
    sees one text."""
    base = " ".join(f"word{i % 5000} talks{i % 7}." for i in range(120_000))
    other = base.replace("talks3.", "talks9.", 50)
    assert alignment_ratio(base, other) > 0.9 and reordered_ratio(base, other) > 0.9


SHORT_PAIRS_APART = [  # two different short texts: one or two words changed (issue 20, item 8)
    ("Talks resume on Monday in Geneva.", "Talks end on Monday in Geneva."),
    ("The minister resigned on Friday.", "The minister stayed on Friday."),
    ("Russia vetoed the resolution.", "China vetoed the resolution."),
    ("Fighting resumed near Aleppo, the army said.", "Fighting stopped near Aleppo, the army said."),
]
SHORT_PAIRS_COPIES = [  # the same short text with words only added (a dateline, a tag)
    ("The minister resigned on Friday after the vote.",
     "GENEVA (Reuters) - The minister resigned on Friday after the vote."),
]


@pytest.mark.parametrize("first, second", SHORT_PAIRS_APART)
def test_two_different_short_texts_are_not_near_duplicates(first, second):
    batch = NearDedupeStage(NearDuplicateIndex()).run(
        Batch(articles=(article("a", first), article("b", second))))
    assert [a.duplicate_of for a in batch.articles] == [None, None]
    assert batch.reuse == ()


@pytest.mark.parametrize("first, second", SHORT_PAIRS_COPIES)
def test_a_short_text_with_a_dateline_added_is_still_a_copy(first, second):
    batch = NearDedupeStage(NearDuplicateIndex()).run(
        Batch(articles=(article("a", first), article("b", second))))
    assert [a.duplicate_of for a in batch.articles] == [None, "a"]
