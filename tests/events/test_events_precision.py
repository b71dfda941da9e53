"""Precision first (issue 17, branch evgate): acts asked of another party, refusals that reject
nothing, proposals, shares of places, kin, mediators, relative pronouns and participles on
protests — the systematic wrong events of the dev gold and the GSR dev half, each on a
hand-made sentence with the real model."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.fixture
def run(events_of):
    return lambda text, published="2017-12-06": events_of(text, published)[0]


@pytest.mark.parametrize("text, content", [
    ("The five unions which met Mr Prescott want the government to withdraw these regulations.",
     "withdraw"),
    ("The International Labor Office reiterated its demand that Israel ease restrictions on "
     "Palestinian workers.", "ease"),
    ("The Sandinista government ordered the opposition newspaper La Prensa to suspend "
     "publication.", "suspend"),
    ("A Syrian newspaper called on Arabs to unite and mobilize against Ariel Sharon.",
     "mobilize"),
])
def test_what_is_asked_of_another_party_is_no_act(run, text, content):
    """The demand (or order) is the act; what it asks for is its content, also when the demand
    gives no event of its own ("The five unions" are no coded party)."""
    assert not [e for e in run(text) if e.trigger == content]


def test_an_own_intention_and_a_reported_act_stay(run):
    assert [e.type for e in run("Russia wants to hold talks with Turkey.")] == ["CONSULT"]
    told = run("The minister told reporters that the Syrian army attacked the rebels.")
    assert [e.trigger for e in told] == ["attacked"]  # told, not asked: the act is reported


@pytest.mark.parametrize("text", [
    "The population has started to decline in many countries.",
    "The Pentagon and the Marine Corps have declined to confirm the deployment.",
])
def test_a_decline_that_rejects_nothing_is_no_event(run, text):
    assert not [e for e in run(text) if e.type == "REJECT"]


def test_a_declined_invitation_is_a_rejection_of_its_owner(run):
    events = run("Iran declined the invitation of Russia.")
    assert [(e.type, e.source, e.target) for e in events] == [("REJECT", "Iran", "Russia")]


def test_a_share_of_a_place_is_the_place_not_a_target(run):
    events = run("ISIL fighters have withdrawn from much of the Syrian oasis city of Palmyra.")
    assert events and all(e.target is None for e in events)


def test_kin_do_not_stand_for_their_relative(run):
    events = run("Mr Foley's parents accused Ms Le Pen of using the images.")
    assert not [e for e in events if e.source == "Mr Foley"]


def test_mediators_are_not_each_others_target(run):
    events = run("The zones were set up under a deal brokered by Russia and Iran in May.")
    brokered = [e for e in events if e.trigger == "brokered"]
    assert {e.source for e in brokered} == {"Russia", "Iran"}
    assert all(e.target is None for e in brokered)


def test_a_relative_pronoun_stands_for_its_noun(run):
    events = run("Ms Le Pen addressed the tweets to a French TV journalist whom she accused of "
                 "lying.")
    accused = [e for e in events if e.type == "ACCUSE"]
    assert [e.target for e in accused] == ["a French TV journalist"]


def test_a_participle_on_protests_is_theirs(run):
    events = run("The Baath regime responded with military force to peaceful protests "
                 "demanding democratic reforms.")
    assert not [e for e in events if e.type == "REQUEST" and "regime" in (e.source or "")]


def test_a_countrys_air_strike_is_its_military(run):
    events = run("A Russian airstrike in Syria killed three Turkish soldiers.")
    assert [(e.source_country, e.source_sector) for e in events] == [("RUS", "MIL")]


def test_a_deployment_stays_a_mobilisation(run):
    events = run("The US has also deployed approximately 100 Army Rangers in and around Manbij, "
                 "Syria.")
    assert [e.type for e in events] == ["MOBILIZE"]


def test_an_attack_made_in_words_is_an_accusation(run):
    events = run('Shadow home secretary Diane Abbott attacked Ms Rudd, asking: "How does she '
                 'live with herself?"')
    assert "ASSAULT" not in [e.type for e in events]
    assert [e.target for e in events if e.type == "ACCUSE"] == ["Ms Rudd"]


def test_the_sources_own_thing_and_a_song_are_no_parties(run):
    signed = run("When Trump signed his controversial executive order, Trudeau wrote a message.")
    assert all(e.target != "his" for e in signed)
    assert not run("Soul star Jodie Abacus has just released a powerful song about the refugee "
                   "crisis.")
