"""Passage reuse: fingerprints, alignment with spans in both texts, the stage over the store,
the queries the CLI shows, independent sources, and the seeds."""
from __future__ import annotations

import itertools

import pytest
from click.testing import CliRunner

from dragoman.cli import cli
from dragoman.clean import normalise_text
from dragoman.dedupe import NearDedupeStage, NearDuplicateIndex, PassageConfig, PassageReuseStage
from dragoman.dedupe.passages import Tokens, fingerprints, shared_passages
from dragoman.model import Article, Statement
from dragoman.pipeline import Batch
from dragoman.store import Store, reads

WIRE = ("\u201cThe ministers did not keep the promises they made at the highest levels of the "
        "delegation,\u201d Anna Berg, a negotiator for the northern alliance, told reporters.")
FIRST = ("Talks on the river treaty resumed in Lisbon on Monday with both delegations in the "
         "same room for the first time since the spring. " + WIRE + " The mediator said he would "
         "meet each side separately on Tuesday before a joint session later in the week.")
SECOND = ("Fishermen on the upper river say the dispute has already cost them a season. " + WIRE +
          " Berg added that her side would stay in Lisbon as long as the talks went on, and a "
          "spokesman for the other delegation declined to comment on the accusation.")
THIRD = ("A museum of river boats opened in the old customs house, with twelve restored hulls "
         "and a workshop where visitors can watch carpenters repair the oldest of them.")

PROTEST = ("Boatmen on the lower river staged a protest against the new tolls on Thursday, "
           "blocking the locks at Santarem for six hours while police watched from the bank. "
           "Their leaders read out a statement from the treaty talks. " + WIRE +
           " The protest ended peacefully by noon, and the boatmen promised to come back every "
           "week until the tolls are lowered or the bridge tax is dropped.")


def article(article_id: str, text: str) -> Article:
    return Article(article_id=article_id, origin=f"{article_id}.txt", text=text,
                   content_hash=article_id, source_hash=article_id)


def stages(store: Store):
    return (NearDedupeStage(NearDuplicateIndex.from_store(store), store.texts_for),
            PassageReuseStage(store.reuse_candidates, store.texts_for))


def ingest(store: Store, *articles: Article) -> Batch:
    near, reuse = stages(store)
    batch = reuse.run(near.run(Batch(articles=articles)))
    store.write_batch(batch)
    return batch


def test_passage_has_its_span_in_both_texts():
    a, b = Tokens.of(FIRST), Tokens.of(SECOND)
    (passage,) = shared_passages(a, b, PassageConfig())
    assert FIRST[passage["a_start"]:passage["a_end"]] == SECOND[passage["b_start"]:passage["b_end"]]
    assert FIRST[passage["a_start"]:passage["a_end"]] == WIRE[1:-1]  # from "The" to "reporters"
    assert passage["words"] == len(WIRE.split()) and passage["text"] == WIRE[1:-1]
    assert shared_passages(a, Tokens.of(THIRD), PassageConfig()) == []


def test_a_changed_word_inside_a_passage_keeps_it_one_passage():
    changed = SECOND.replace("highest levels", "top levels")
    (passage,) = shared_passages(Tokens.of(FIRST), Tokens.of(changed), PassageConfig())
    assert passage["words"] == len(WIRE.split()) - 1
    assert changed[passage["b_start"]:passage["b_end"]].startswith("The ministers")


def test_fingerprints_are_shared_by_texts_sharing_a_long_passage():
    config = PassageConfig()
    first, second = set(fingerprints(Tokens.of(FIRST), config)), set(fingerprints(Tokens.of(SECOND), config))
    assert first & second
    assert not first & set(fingerprints(Tokens.of(THIRD), config))
    assert fingerprints(Tokens.of("too short"), config) == ()


def test_stage_links_stored_and_in_batch_articles_incrementally():
    store = Store()
    ingest(store, article("a", FIRST), article("c", THIRD))
    batch = ingest(store, article("b", SECOND), article("d", PROTEST))
    links = {(r.article_a, r.article_b): r for r in batch.reuse}
    assert set(links) == {("a", "b"), ("a", "d"), ("b", "d")}
    assert links[("a", "b")].kind == "passage" and 0 < links[("a", "b")].similarity < 1
    assert store.con.execute("SELECT count(*) FROM fingerprints").fetchone()[0] > 0
    rows = reads.reuse_for(store, "b")
    here = [p for r in rows if r["article_id"] == "a" for p in r["passages"]]
    assert [SECOND[p["here_start"]:p["here_end"]] for p in here] == [WIRE[1:-1]]
    assert [p["text"] for p in here] == [WIRE[1:-1]]


def test_boilerplate_fingerprints_are_not_candidates():
    store = Store()
    ingest(store, article("a", FIRST), article("b", SECOND))
    config = PassageConfig()
    common = tuple(set(fingerprints(Tokens.of(FIRST), config))
                   & set(fingerprints(Tokens.of(SECOND), config)))
    assert store.reuse_candidates({"q": common}, max_df=2) == {"q": ["a", "b"]}
    assert store.reuse_candidates({"q": common}, max_df=1) == {}  # stored twice: boilerplate


def statement(sid: str, article_id: str, text: str, start: int) -> Statement:
    return Statement(sid, article_id, "direct", text, start, start + len(text), text)


def test_independent_sources_count_wire_copies_once():
    """a and b carry the same wire passage (quote and attribution); d has the quote verbatim in
    its own words around it (another reporter at the same briefing): two sources, not three."""
    store = Store()
    ingest(store, article("a", FIRST))
    ingest(store, article("b", SECOND))
    quote = WIRE[1:WIRE.index(",\u201d")]
    fourth = "Anna Berg spoke again on Friday in Lisbon. \u201c" + quote + ",\u201d she said."
    ingest(store, article("d", fourth))
    ingest(store, article("b2", SECOND + " Follow us for more."))  # a copy of b
    store.write_batch(Batch(statements=(
        statement("s1", "a", quote, FIRST.index(quote)),
        statement("s2", "b", quote, SECOND.index(quote)),
        statement("s3", "d", quote, fourth.index(quote)))))
    assert store.con.execute("SELECT count(*) FROM reuse WHERE kind = 'passage'").fetchone()[0] == 3
    result = reads.independent_sources(store, statement_id="s3")
    assert result["reports"] == 4 and result["independent"] == 2
    assert result["groups"] == [["a", "b", "b2"], ["d"]]


def test_cli_reuse_and_duplicates(tmp_path):
    db = str(tmp_path / "r.duckdb")
    with Store(db) as store:
        ingest(store, article("a", FIRST), article("b", SECOND), article("c", THIRD))
        ingest(store, article("c2", THIRD + " Follow us for more."))
    runner = CliRunner()
    shown = runner.invoke(cli, ["reuse", "b.txt", "--db", db], catch_exceptions=False).stdout
    assert shown.startswith("b.txt (b)\n\npassage with a.txt (a), similarity ")
    assert f"here {SECOND.index('The ministers')}–" in shown
    assert "'The ministers did not keep" in shown
    dupes = runner.invoke(cli, ["duplicates", "--db", db, "--format", "jsonl"]).stdout
    assert '"origin": "c.txt"' in dupes and '"kind": "near-duplicate"' in dupes
    missing = runner.invoke(cli, ["reuse", "nothing-like-this", "--db", db])
    assert missing.exit_code == 1 and "no article(s) match" in missing.output


@pytest.mark.shared
def test_seeds_no_duplicates_and_003_004_share_the_reuters_passages(seeds):
    texts = {p.name[:3]: normalise_text(p.read_text("utf-8")) for p in sorted(seeds.glob("*.txt"))}
    store = Store()
    batch = ingest(store, *(article(k, t) for k, t in texts.items()))
    assert all(a.duplicate_of is None for a in batch.articles)
    assert [(r.article_a, r.article_b, r.kind) for r in batch.reuse] == [("003", "004", "passage")]
    passages = batch.reuse[0].passages
    a, b = texts["003"], texts["004"]
    shared = [(a[p["a_start"]:p["a_end"]], b[p["b_start"]:p["b_end"]]) for p in passages]
    assert any("Mohammed Alloush" in x and "Mohammed Alloush" in y for x, y in shared)
    assert any(x.startswith("but violence has continued") for x, _ in shared)
    assert any("weekend of bombings" in x for x, _ in shared)
    for x, y in shared:  # the same words in both spans
        assert x.casefold().split()[:5] == y.casefold().split()[:5]
    for one, two in itertools.combinations(texts, 2):
        index = NearDuplicateIndex()
        index.add(one, index.hasher.signature(texts[one]))
        assert index.match(index.hasher.signature(texts[two])) is None
