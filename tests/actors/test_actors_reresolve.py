"""Re-resolving the stored record: standing merges, a new gazetteer, automatic merges among
stored actors, event countries from the actor's record; splits respected; the CLI command."""
from __future__ import annotations

from click.testing import CliRunner

from dragoman.cli import cli
from dragoman.model import Actor, Event, Mention, Statement
from dragoman.actors.mentions import Entry, Gazetteer, actor_id, name_key
from dragoman.pipeline import Batch
from dragoman.actors import ResolveActorsStage
from dragoman.actors.overrides import split_in_store
from dragoman.actors.reresolve import reresolve
from dragoman.store import Store, reads

EMPTY = Gazetteer({}, {}, {}, "test")


def _actor(name, kind="person", country=None, sector=None, role=None):
    return Actor(actor_id(kind, name), name, kind, country, sector, (name,), 1, role)


def _write(store, article_id, actors, events=(), resolve=True):
    """One article naming each actor once (a statement by the first), as the runner writes it."""
    mentions = tuple(Mention(article_id, i * 20, i * 20 + len(a.name), a.name, "PERSON",
                             a.actor_id) for i, a in enumerate(actors))
    statements = (Statement(f"s-{article_id}", article_id, "direct", "x", 0, 1, "x",
                            speaker=actors[0].name, speaker_actor_id=actors[0].actor_id),)
    batch = Batch(actors=tuple(actors), mentions=mentions, statements=statements,
                  events=tuple(events))
    store.write_batch(ResolveActorsStage(store).run(batch) if resolve else batch)


def _event(article_id, source):
    return Event(f"e-{article_id}", article_id, "ACCUSE", "x", 0, 1, source=source.name,
                 source_actor_id=source.actor_id)


def _mention_actor(store, article_id):
    return store.con.execute("SELECT actor_id FROM mentions WHERE article_id = ?",
                             [article_id]).fetchone()[0]


def test_stored_variants_are_merged_and_every_row_repointed():
    store = Store()  # written without resolution (an older version, or no store given)
    _write(store, "a1", [_actor("Bashar al-Jaafari", country="SYR", role="negotiator")],
           resolve=False)
    _write(store, "a2", [_actor("Jaafari")], resolve=False)
    full = actor_id("person", "Bashar al-Jaafari")
    done = reresolve(store, EMPTY)
    assert done.merges == 1
    assert _mention_actor(store, "a2") == full
    assert store.con.execute("SELECT speaker, speaker_actor_id FROM statements WHERE "
                             "article_id = 'a2'").fetchone() == ("Bashar al-Jaafari", full)
    row = reads.find_actor(store, full)
    assert row["mentions"] == 2 and "Jaafari" in row["aliases"]
    (merge,) = reads.actor_merges(store, full)
    assert "only person" in merge["evidence"] and merge["origin"] == "auto"
    assert reresolve(store, EMPTY) == type(done)()  # idempotent: nothing left to do


def test_a_standing_merge_whose_alias_is_still_stored_is_applied():
    store = Store()
    _write(store, "a1", [_actor("Hind Kabawat", country="SYR")], resolve=False)
    _write(store, "a2", [_actor("H. Kabawat")], resolve=False)
    alias, target = actor_id("person", "H. Kabawat"), actor_id("person", "Hind Kabawat")
    store.con.execute("INSERT INTO actor_merges (alias_id, actor_id, alias, evidence, origin) "
                      "VALUES (?, ?, 'H. Kabawat', 'initial', 'user')", [alias, target])
    assert reresolve(store, EMPTY).pending == 1
    assert _mention_actor(store, "a2") == target
    assert reads.actor_merges(store, target)[0]["origin"] == "user"


def test_a_new_gazetteer_alias_joins_its_actor_and_places_the_events():
    store = Store()
    emirates = _actor("Emirates", kind="organisation")  # stored before the gazetteer knew it
    _write(store, "a1", [emirates], events=[_event("a1", emirates)], resolve=False)
    gazetteer = Gazetteer({name_key("Emirates"): Entry("United Arab Emirates", "country", "ARE",
                                                       "GOV", "name")}, {}, {}, "test.2")
    done = reresolve(store, gazetteer)
    uae = actor_id("country", "United Arab Emirates")
    assert done.gazetteer_merges == 1
    assert _mention_actor(store, "a1") == uae
    row = reads.find_actor(store, "Emirates")
    assert (row["actor_id"], row["country"], row["sector"]) == (uae, "ARE", "GOV")
    assert store.con.execute("SELECT source_actor_id, source_country, source_sector FROM events"
                             ).fetchone() == (uae, "ARE", "GOV")
    (merge,) = reads.actor_merges(store, uae)
    assert "gazetteer test.2" in merge["evidence"] and merge["origin"] == "auto"


def test_an_event_takes_the_country_its_actor_has_from_another_article():
    store = Store()
    lavrov = _actor("Sergei Lavrov")  # named without a title here
    _write(store, "a1", [lavrov], events=[_event("a1", lavrov)], resolve=False)
    _write(store, "a2", [_actor("Sergei Lavrov", country="RUS", sector="GOV")], resolve=False)
    assert store.con.execute("SELECT source_country FROM events").fetchone() == (None,)
    assert reresolve(store, EMPTY).events_placed == 1
    assert store.con.execute("SELECT source_country, source_sector FROM events").fetchone() \
        == ("RUS", "GOV")


def test_a_split_pair_stays_apart():
    store = Store()
    _write(store, "a1", [_actor("Bashar al-Jaafari", country="SYR", role="negotiator")])
    _write(store, "a2", [_actor("Jaafari")])  # merged at ingest
    split_in_store(store, "Jaafari", note="another Jaafari")
    done = reresolve(store, EMPTY)
    assert done.pending == done.merges == 0
    assert _mention_actor(store, "a2") == actor_id("person", "Jaafari")


def test_a_standing_merge_keeps_the_full_name_canonical():
    store = Store()
    _write(store, "a1", [_actor("Brophy")], resolve=False)
    _write(store, "a2", [_actor("Colm Brophy", role="senator")], resolve=False)
    full, surname = actor_id("person", "Colm Brophy"), actor_id("person", "Brophy")
    store.con.execute("INSERT INTO actor_merges (alias_id, actor_id, alias, evidence) "
                      "VALUES (?, ?, 'Colm Brophy', 'surname')", [full, surname])
    reresolve(store, EMPTY)
    assert _mention_actor(store, "a1") == _mention_actor(store, "a2") == full
    assert reads.find_actor(store, "Brophy")["name"] == "Colm Brophy"
    assert not store.con.execute("SELECT * FROM actor_merges WHERE alias_id = actor_id").fetchall()


def test_cli_reresolve(tmp_path):
    path = str(tmp_path / "r.duckdb")
    store = Store(path)
    _write(store, "a1", [_actor("Bashar al-Jaafari", country="SYR", role="negotiator")],
           resolve=False)
    _write(store, "a2", [_actor("Jaafari")], resolve=False)
    store.close()
    result = CliRunner().invoke(cli, ["actor", "reresolve", "--db", path])
    assert result.exit_code == 0, result.output
    assert "1 new merges" in result.output
    with Store(path) as store:
        assert _mention_actor(store, "a2") == actor_id("person", "Bashar al-Jaafari")
