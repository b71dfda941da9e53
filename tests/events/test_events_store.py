"""Event filters and cross-report merging on a hand-made in-memory store (no model)."""
from __future__ import annotations

from dataclasses import replace

from dragoman.model import Article, Event, Reuse
from dragoman.pipeline import Batch
from dragoman.store import Store, reads
from dragoman.store.reads import EventFilter

SENTENCE = "Russia rejected the proposal in Geneva on Friday, officials said."
TEXT = "Intro line about the talks and the war.\n" + SENTENCE + "\nMore text follows here."
START = TEXT.index(SENTENCE)


def _article(aid: str, published: str) -> Article:
    return Article(article_id=aid, origin=f"{aid}.txt", text=TEXT, content_hash=aid,
                   source_hash=aid, published=published)


def _event(aid: str, day: str, **flags) -> Event:
    return Event(event_id=f"e-{aid}", article_id=aid, type="REJECT", text=SENTENCE,
                 start=START, end=START + len(SENTENCE), trigger="rejected", source="Russia",
                 source_actor_id="act_rus", source_country="RUS", target="the proposal",
                 date=day, date_precision="day", date_source="text", **flags)


def _store() -> Store:
    store = Store(":memory:")
    articles = (_article("a", "2017-12-02"), _article("b", "2017-12-03"),
                _article("c", "2017-12-02"), _article("d", "2017-12-20"))
    events = (_event("a", "2017-12-01"), _event("b", "2017-12-01"), _event("c", "2017-12-02"),
              _event("d", "2017-12-19"))
    # b copied a's paragraph (wire copy): one source; c reported it on its own
    passage = {"a_start": 0, "a_end": len(TEXT), "b_start": 0, "b_end": len(TEXT),
               "words": 20, "text": TEXT}
    store.write_batch(Batch(articles=articles, events=events,
                            reuse=(Reuse("a", "b", "passage", 0.9, (passage,)),)))
    return store


def test_reports_of_one_event_merge_and_wire_copies_count_once():
    store = _store()
    clusters = reads.event_clusters(store)
    first = next(c for c in clusters if "e-a" in c["event_ids"])
    assert sorted(first["event_ids"]) == ["e-a", "e-b", "e-c"]
    assert (first["reports"], first["articles"], first["independent"]) == (3, 3, 2)
    later = next(c for c in clusters if "e-d" in c["event_ids"])
    assert later["reports"] == 1  # 18 days later: another event
    assert len(reads.event_clusters(store, min_reports=2)) == 1


def test_flags_filter_and_only():
    store = Store(":memory:")
    events = (_event("a", "2017-12-01"),
              replace(_event("b", "2017-12-01"), hypothetical=True),
              replace(_event("c", "2014-01-01"), historical=True, date_precision="year"))
    store.write_batch(Batch(articles=(_article("a", "2017-12-02"), _article("b", "2017-12-02"),
                                      _article("c", "2017-12-02")), events=events))
    assert len(reads.events(store, EventFilter(historical=None))) == 3
    assert len(reads.events(store)) == 2  # historical events are left out by default
    assert [r["event_id"] for r in reads.events(store, EventFilter(hypothetical=True))] == ["e-b"]
    assert [r["event_id"] for r in reads.events(store, EventFilter(historical=True))] == ["e-c"]
    assert {r["event_id"] for r in reads.events(store, EventFilter(hypothetical=False,
                                                                     historical=False))} == {"e-a"}
    assert [r["event_id"] for r in reads.events(store, EventFilter(since="2017-01-01"))] == \
        ["e-a", "e-b"]
    assert reads.events(store, EventFilter(country="rus", type="reject"))[0]["source_country"] == "RUS"
