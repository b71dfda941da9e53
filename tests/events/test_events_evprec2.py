"""Precision of the default record (issue 17, branch evprec2): the systematic wrong events the
dev gold kept above the default threshold, each on a hand-made sentence with the real model."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.fixture
def run(events_of):
    return lambda text, published="2017-12-06": events_of(text, published)[0]


def test_a_ban_told_as_a_label_is_no_act(run):
    """Russian media follow a group's name with "outlawed in Russia": no ban is reported."""
    for text in ("The group Islamic State, outlawed in Russia, attacked the town.",
                 '"The militants belong to ISIL [former name of the terrorist group Islamic '
                 'State outlawed in Russia], and Jabhat Fateh al-Sham," she said.'):
        assert not [e for e in run(text) if e.trigger == "outlawed"]
    assert [e.type for e in run("Russia outlawed the group last year.")] == ["COERCE"]


def test_what_a_retreat_pulls_back_is_no_target(run):
    events = run("The Syrian regime withdrew a number of fighter planes from its airbase on "
                 "Monday.")
    assert [(e.type, e.target) for e in events] == [("RETREAT", None)]


def test_not_ruling_out_rejects_nothing(run):
    events = run("The Russian senior diplomat did not rule out that the meeting might take "
                 "place later on Wednesday.")
    assert not [e for e in events if e.type == "REJECT"]
    assert [e.type for e in run("Russia ruled out a meeting with Turkey.")] == ["REJECT"]


def test_a_condemned_deed_has_its_doer_as_target(run):
    events = run("Adnan Rahmoun condemned the escalating war crimes being committed by the "
                 "Russian forces in Idlib.")
    assert [(e.type, e.target_country) for e in events] == [("ACCUSE", "RUS")]


def test_a_publication_presented_is_no_act(run):
    events = run("Chancellor Gordon Brown will deliver his Budget to the House of Commons on "
                 "16 March.")
    assert not events
    assert [e.type for e in run("The United States delivered medicine to the Red Crescent.")] \
        == ["AID"]


def test_a_picture_captured_is_no_assault(run):
    assert not run("Burhan Ozbilici captures Andrey Karlov's final moments.")
    assert [e.type for e in run("The rebels captured the town from the army.")] == ["ASSAULT"]


def test_talks_and_allegations_are_no_targets(run):
    events = run("Lakhdar Brahimi helped to convene two rounds of intra-Syrian talks in "
                 "Geneva.")
    assert all(e.target is None for e in events)


def test_a_picture_captured_through_a_relative_pronoun(run):
    events = run("Burhan Ozbilici won the prize. Ozbilici's photo won the Spot News category, "
                 "which he captured in the moments before Altintas shot Karlov.")
    assert not [e for e in events if e.trigger == "captured"]


def test_a_named_town_is_a_place_not_a_target(run):
    events = run("A woman was injured as terrorist groups from Jaish al-Fatah organization "
                 "attacked the besieged al-Fouaa town.")
    assert [(e.type, e.target) for e in events if e.trigger == "attacked"] == [("ASSAULT", None)]
    held = run("The army attacked the rebel stronghold.")
    assert [e.target for e in held] == ["the rebel stronghold"]


def test_a_signed_decree_is_no_agreement(run):
    assert not run("Mr Trump signed the first order a week after his 20 January inauguration.")
    assert [e.trigger for e in run("Russia and Turkey signed an agreement on Syria.")] \
        == ["signed", "signed"]  # an agreement between parties stays


def test_armed_backing_is_military_aid(run):
    events = run("Hizballah fighters backed by Syrian and Iranian forces have pushed the Nusra "
                 "Front from the town.")
    assert [(e.type, e.mode) for e in events if e.trigger == "backed"] == [("AID", "military")]
    said = run("France supported the resolution of the United States.")
    assert [e.type for e in said] == ["SUPPORT"]


def test_an_act_one_would_like_to_do_is_hypothetical(run):
    events = run("Trump would like to establish more friendly relations with Moscow.")
    assert events and all(e.hypothetical for e in events)


def test_a_dateline_in_run_on_text_is_not_the_acts_date(run):
    """The header's date is the page's ("Date of publication 26 November 2017 …"): read as the
    act's, it made the same act a second event (month precision) beside its repeat."""
    events = run("Date of publication 26 November 2017 More than 19 civilians were killed in "
                 "Eastern Ghouta on Sunday as the Syrian regime stepped up its campaign to "
                 "retake the last opposition stronghold near Damascus.", "2017-11-26")
    assert events and all(e.date == "2017-11-26" and e.date_precision == "day" for e in events)
