"""Events v2: relative dates (no model), compound actors, flags, places, classifier, store
filters and clusters, pandas-readable exports, and the seeds as an analyst codes them."""
from __future__ import annotations

from dataclasses import replace

import json
from datetime import date

import pytest

from dragoman.events.dates import resolve

PUBLISHED = date(2017, 12, 6)  # a Wednesday


@pytest.mark.parametrize("phrase, future, expected", [
    ("last Friday", False, ("2017-12-01", "day")),
    ("only three days last Friday", False, ("2017-12-01", "day")),
    ("Tuesday", False, ("2017-12-05", "day")),
    ("on Friday", True, ("2017-12-08", "day")),
    ("next year", False, ("2018-01-01", "year")),
    ("in January", True, ("2018-01-01", "month")),
    ("September 15", False, ("2017-09-15", "day")),
    ("4 October 2007", False, ("2007-10-04", "day")),
    ("last week", False, ("2017-11-27", "week")),
    ("yesterday", False, ("2017-12-05", "day")),
])
def test_relative_dates(phrase, future, expected):
    found = resolve(phrase, PUBLISHED, future)
    assert (found.date, found.precision) == expected


@pytest.mark.parametrize("phrase", ["six years", "the past five years", "almost seven years",
                                    "May", "recently"])
def test_durations_and_non_dates_give_none(phrase):
    assert resolve(phrase, PUBLISHED) is None


def test_classifier_types_marked_sentences():
    from dragoman.events.types import EventTyper, Marked

    typer = EventTyper()
    sentence = "Iran condemned the decision of the court."
    assert typer.predict([Marked(sentence, (0, 4), (15, 41))]) == ["ACCUSE"]
    assert typer.scores([]).shape[0] == 0


@pytest.fixture
def run(events_of):
    return lambda text, published="2017-12-06": events_of(text, published)[0]


@pytest.mark.model
def test_compound_source_gives_one_event_per_actor(run):
    events = run("Russia, Turkey and Iran sponsored parallel talks and attacked the rebels.")
    attacks = [e for e in events if e.trigger == "attacked"]
    assert {e.source_country for e in attacks} == {"RUS", "TUR", "IRN"}
    assert all(e.type == "ASSAULT" for e in attacks)


@pytest.mark.model
def test_reported_action_with_relative_date(run):
    events = run("The Syrian regime's delegation left the talks in Geneva last Friday.")
    left = next(e for e in events if e.trigger == "left")
    assert left.type == "REJECT"
    assert left.source_country == "SYR"
    assert (left.date, left.date_precision, left.date_text, left.date_source) == \
        ("2017-12-01", "day", "last Friday", "text")
    assert left.location == "Geneva" and left.location_country == "CHE"


@pytest.mark.model
def test_threat_to_block_is_one_threat_not_a_blockade(run):
    """PLOVER codes the single category: THREATEN, not THREATEN + a hypothetical COERCE."""
    events = run("Russia is threatening to block aid deliveries.")
    assert [(e.type, e.hypothetical, e.source_country) for e in events] == [
        ("THREATEN", False, "RUS")]


@pytest.mark.model
def test_negated_and_historical(run):
    events = run("The Russians did not fulfill the agreement. In 2014 Russia attacked Ukraine.")
    attack = next(e for e in events if e.trigger == "attacked")
    assert attack.historical and attack.date == "2014-01-01" and attack.date_precision == "year"
    assert not any(e.historical for e in events if e.trigger != "attacked")


@pytest.mark.model
def test_refusal_is_the_event_not_the_refused_act(run):
    events = run("The regime refused to hold direct talks with the opposition.")
    assert [e.type for e in events] == ["REJECT"]


@pytest.mark.model
@pytest.mark.shared
def test_seeds_as_an_analyst_codes_them(seeds, nlp, run):
    text = (seeds / "000_80665950020ea3d2.txt").read_text(encoding="utf-8")
    events = run(text, published="2017-12-06")
    by = {(e.trigger, e.source_country, e.target_country): e for e in events}
    assert by[("called", "FRA", "RUS")].type == "REQUEST"
    assert by[("called", "USA", "RUS")].type == "REQUEST"
    left = next(e for e in events if e.trigger == "left")
    assert (left.type, left.source_country, left.date) == ("REJECT", "SYR", "2017-12-01")
    accused = next(e for e in events if e.trigger == "accused")
    assert (accused.type, accused.source_country, accused.target_country) == \
        ("ACCUSE", "FRA", "SYR")
    threat = next(e for e in events if e.trigger == "threatening")
    assert (threat.type, threat.source_country) == ("THREATEN", "RUS")
    assert not [e for e in events if e.trigger == "block"]  # the threat's content, not an act
    text = (seeds / "001_acc8aa25b72244b5.txt").read_text(encoding="utf-8")
    events = run(text, published="2017-12-16")
    called = next(e for e in events if e.trigger == "called")
    assert (called.type, called.source_country, called.date, called.date_text) == \
        ("REQUEST", "USA", "2017-12-15", "Friday")
    pointed = [e for e in events if e.trigger == "pointed"]
    assert {e.target_country for e in pointed} == {"RUS", "IRN"}
    text = (seeds / "002_e3285031568a31d4.txt").read_text(encoding="utf-8")
    events = run(text, published="2016-02-03")
    protest = next(e for e in events if e.type == "PROTEST")
    assert (protest.source_country, protest.location_country) == ("SYR", "CHE")
    ruled = next(e for e in events if e.trigger == "ruled")
    assert (ruled.type, ruled.source_country) == ("REJECT", "RUS")


@pytest.mark.model
def test_they_is_the_group_named_just_before(run):
    events = run("The Syrian opposition delegates did not attend the meeting. "
                 "Instead, they protested outside the UN offices in Geneva.")
    protest = next(e for e in events if e.trigger == "protested")
    assert protest.source_country == "SYR" and protest.location_country == "CHE"


@pytest.mark.model
def test_the_recipient_of_a_thing_given_is_the_party_it_goes_to(run):
    events = run("Syria offered its troops to Lebanon.")
    offered = next(e for e in events if e.trigger == "offered")
    assert (offered.source_country, offered.target_country) == ("SYR", "LBN")


@pytest.mark.model
@pytest.mark.shared
def test_seed_exports_open_in_pandas_and_filters_work(seeds, tmp_path, shared_model):
    pd = pytest.importorskip("pandas")
    import dragoman
    from dragoman.store import reads
    from dragoman.store.reads import EventFilter

    db = str(tmp_path / "seeds.duckdb")
    dragoman.ingest([str(seeds)], db=db)
    from click.testing import CliRunner

    from dragoman.cli import cli

    runner = CliRunner()
    for fmt in ("csv", "jsonl"):
        out = tmp_path / f"events.{fmt}"
        result = runner.invoke(cli, ["export", "events", "--all", "--format", fmt, "-o",
                                     str(out), "--db", db])
        assert result.exit_code == 0, result.output
        frame = pd.read_csv(out) if fmt == "csv" else pd.read_json(out, lines=True)
        assert len(frame) > 20
        assert frame["confidence"].between(0, 1).all()
        assert {"type", "source_country", "date", "date_precision", "historical",
                "location_country", "hypothetical"} <= set(frame.columns)
        assert set(frame["type"].dropna()) <= {
            "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST",
            "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
            "ASSAULT"}
    with dragoman.open_store(db) as store:
        everything = EventFilter(historical=None, min_confidence=0)
        hypothetical = reads.events(store, replace(everything, hypothetical=True), 1000)
        plain = reads.events(store, replace(everything, hypothetical=False), 1000)
        every = reads.events(store, everything, limit=1000)
        assert len(reads.events(store, limit=1000)) < len(every)  # the default is chosen
        assert hypothetical and all(r["hypothetical"] for r in hypothetical)
        assert len(plain) + len(hypothetical) == len(every)
        clusters = reads.event_clusters(store)
        assert sum(c["reports"] for c in clusters) == len(every)
        assert all(1 <= c["independent"] <= c["articles"] <= c["reports"] for c in clusters)
    result = runner.invoke(cli, ["event-clusters", "--min-reports", "1", "--db", db])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows and {"event_key", "reports", "independent"} <= set(rows[0])
    gdelt, polecat = tmp_path / "events.gdelt.tsv", tmp_path / "events.polecat.jsonl"
    for layout, out in (("gdelt", gdelt), ("polecat", polecat)):
        result = runner.invoke(cli, ["events-export", "--layout", layout, "--all", "-o",
                                     str(out), "--db", db])
        assert result.exit_code == 0, result.output
    table = pd.read_csv(gdelt, sep="\t", dtype={"EventCode": str, "SQLDATE": str})
    assert len(table) == len(every)
    assert set(table["QuadClass"].dropna()) <= {1, 2, 3, 4}
    assert table["EventCode"].dropna().str.fullmatch(r"\d\d").all()
    records = pd.read_json(polecat, lines=True)
    assert len(records) == len(every) and {"event_type", "actor_country"} <= set(records)
    named = [e for e in every if e["source_name"]]  # canonical names, as GDELT's Actor1Name
    assert set(table["Actor1Name"].dropna()) >= {e["source_name"] for e in named}
    assert set(records["actor_text"].dropna()) <= {e["source"] for e in every}


@pytest.mark.model
def test_a_clause_without_a_date_takes_its_governing_clause_date(run):
    events = run("The delegation of Syria walked out of the talks last Friday, rejecting any "
                 "mention of elections.")
    rejecting = next(e for e in events if e.trigger == "rejecting")
    assert (rejecting.date, rejecting.date_text) == ("2017-12-01", "last Friday")


@pytest.mark.model
def test_said_on_a_day_does_not_date_what_was_said(run):
    events = run("Russia said on Tuesday that Turkey attacked Kurdish fighters.")
    attacked = next(e for e in events if e.trigger == "attacked")
    assert attacked.date_source == "published" and attacked.date == "2017-12-06"


@pytest.mark.model
def test_no_event_without_a_party_an_analyst_can_code(run):
    assert run("The ceasefire breaches threatened the talks.") == []


@pytest.mark.model
def test_a_deal_struck_is_an_agreement_with_the_other_party(run):
    events = run("Iran struck a deal with Iraq on oil exports.")
    assert [(e.type, e.source_country, e.target_country) for e in events] == \
        [("AGREE", "IRN", "IRQ")]


@pytest.mark.model
def test_brokering_is_mediation(run):
    events = run("Egypt brokered a truce between Israel and Hamas.")
    broker = next(e for e in events if e.trigger == "brokered")
    assert (broker.type, broker.mode, broker.source_country) == ("CONSULT", "mediate", "EGY")
