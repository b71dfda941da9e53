"""User overrides in the store: merge, split, and later batches respecting a split."""
from __future__ import annotations

import pytest

from dragoman.errors import StoreError
from dragoman.model import Actor, Mention, Statement
from dragoman.actors.mentions import actor_id
from dragoman.pipeline import Batch
from dragoman.actors import ResolveActorsStage
from dragoman.actors.overrides import merge_in_store, split_in_store
from dragoman.store import Store, reads


def _person(name, country=None, role=None, mentions=1):
    return Actor(actor_id("person", name), name, "person", country, None, (name,), mentions, role)


def _ingest(store, article_id, *names):
    """One article naming each name once; resolved with the store, as the runner does."""
    actors, mentions, offset = [], [], 0
    for name in names:
        actor = _person(name, "SYR" if " " in name else None,
                        "negotiator" if " " in name else None)
        actors.append(actor)
        mentions.append(Mention(article_id, offset, offset + len(name), name, "PERSON",
                                actor.actor_id))
        offset += len(name) + 1
    statements = (Statement(f"s-{article_id}", article_id, "direct", "x", 0, 1, "x",
                            speaker=names[0], speaker_actor_id=actors[0].actor_id),)
    batch = ResolveActorsStage(store).run(Batch(actors=tuple(actors), mentions=tuple(mentions),
                                                statements=statements))
    store.write_batch(batch)


@pytest.fixture
def store():
    store = Store()
    _ingest(store, "a1", "Bashar al-Jaafari")
    _ingest(store, "a2", "Jaafari")  # surname only: merged into the stored full name
    return store


def test_surname_in_a_later_batch_joins_the_stored_person(store):
    full = reads.find_actor(store, "Bashar al-Jaafari")
    assert full["mentions"] == 2 and "Jaafari" in full["aliases"]
    (merge,) = reads.actor_merges(store, full["actor_id"])
    assert merge["alias"] == "Jaafari" and "only person" in merge["evidence"]


def test_split_gives_the_alias_back_its_mentions_and_statements(store):
    full_id = actor_id("person", "Bashar al-Jaafari")
    new, old = split_in_store(store, "Jaafari", note="another Jaafari")
    assert (new["actor_id"], new["name"], new["type"], new["mentions"]) == \
        (actor_id("person", "Jaafari"), "Jaafari", "person", 1)
    assert old["actor_id"] == full_id
    full = reads.find_actor(store, full_id)
    assert full["mentions"] == 1 and "Jaafari" not in full["aliases"]
    con = store.con
    assert con.execute("SELECT actor_id FROM mentions WHERE article_id = 'a2'").fetchone()[0] \
        == new["actor_id"]
    assert con.execute("SELECT speaker, speaker_actor_id FROM statements WHERE article_id = "
                       "'a2'").fetchone() == ("Jaafari", new["actor_id"])
    assert con.execute("SELECT actor_id FROM mentions WHERE article_id = 'a1'").fetchone()[0] \
        == full_id
    assert reads.find_actor(store, "Jaafari")["actor_id"] == new["actor_id"]
    with pytest.raises(StoreError):
        split_in_store(store, "Jaafari")  # nothing left to undo


def test_a_split_pair_is_not_merged_again_by_later_ingests(store):
    split_in_store(store, "Jaafari")
    _ingest(store, "a3", "Jaafari")
    jaafari = reads.find_actor(store, actor_id("person", "Jaafari"))
    assert jaafari["mentions"] == 2
    assert reads.find_actor(store, "Bashar al-Jaafari")["mentions"] == 1
    # the user can still merge them by hand, which replaces the split
    merge_in_store(store, "Jaafari", "Bashar al-Jaafari", note="same man after all")
    assert reads.find_actor(store, "Bashar al-Jaafari")["mentions"] == 3
    assert not reads.user_splits(store)


def test_split_of_an_unmerged_name_is_an_error(store):
    with pytest.raises(StoreError, match="no merge"):
        split_in_store(store, "Nobody Here")
