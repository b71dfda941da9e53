"""Events from hand-written sentences (needs the real spaCy model)."""
from __future__ import annotations

import pytest

from dragoman.events.extract import published_date

pytestmark = pytest.mark.model


@pytest.fixture
def run(events_of):
    return events_of


def of_type(events, kind):
    found = [e for e in events if e.type == kind]
    assert len(found) == 1, events
    return found[0]


def test_accuse_with_country_source_and_target(run):
    events, _ = run("France accused the regime of blocking aid to the city.")
    e = of_type(events, "ACCUSE")
    assert e.cameo == "11"
    assert e.trigger == "accused"
    assert e.source == "France" and e.source_country == "FRA" and e.source_sector == "GOV"
    assert "regime" in e.target
    assert e.text == "France accused the regime of blocking aid to the city."
    assert (e.date, e.date_precision, e.date_source) == ("2017-12-06", "day", "published")
    assert not e.negated and not e.hypothetical


def test_called_on_gives_request_to_the_object_of_on(run):
    events, _ = run("The United States called on Russia to restrain its ally.")
    e = of_type(events, "REQUEST")
    assert e.target == "Russia" and e.target_country == "RUS"
    assert e.source_country == "USA"


def test_negation(run):
    events, _ = run("The government did not reject the proposal.")
    e = of_type(events, "REJECT")
    assert e.negated
    assert e.target is None  # a proposal is no party (PLOVER: REJECT needs no recipient)


def test_modal_is_hypothetical(run):
    events, _ = run("Officials said the rebels would threaten the supply routes.")
    e = of_type(events, "THREATEN")
    assert e.hypothetical and not e.negated
    assert e.source == "the rebels"


@pytest.mark.parametrize("text", [
    "If the talks fail, the rebels attack the capital.",
    "The capital is calm unless the rebels attack the bridge.",
])
def test_conditional_is_hypothetical(run, text):
    assert of_type(run(text)[0], "ASSAULT").hypothetical


def test_plain_say_gives_no_event(run):
    events, statements = run("The minister said that the delegation had arrived in Geneva.")
    assert events == []
    assert statements


def test_event_links_the_statement_of_its_verb(run):
    events, statements = run("The minister warned that the army would attack the town.")
    warn = of_type(events, "THREATEN")
    assert warn.statement_id == statements[0].statement_id
    assert [e.type for e in events] == ["THREATEN"]  # the attack is the warning's content


def test_passive_agent_is_the_source(run):
    events, _ = run("The aid convoy was blocked by government forces.")
    e = of_type(events, "COERCE")
    assert e.source == "government forces"
    assert e.target == "The aid convoy"


def test_no_published_date_leaves_date_empty(run):
    events, _ = run("France accused the regime of lying.", published=None)
    e = of_type(events, "ACCUSE")
    assert e.date is None and e.date_source is None


def test_event_ids_are_per_verb(run):
    events, _ = run("Russia threatened the town and attacked the bridge.")
    assert len({e.event_id for e in events}) == len(events) == 2


def test_published_date_precision():
    assert published_date("2017-12-06T10:00:00Z") == ("2017-12-06", "day")
    assert published_date("2017-12") == ("2017-12", "month")
    assert published_date("2017") == ("2017", "year")
    assert published_date("last week") == (None, None)


def test_act_asked_of_the_object_is_its_and_not_yet_done(run):
    """"called on Iran to press the regime to negotiate": the request is the event (PLOVER's
    single category), with the mode of what it asks for (a meeting)."""
    events, _ = run("Britain and Germany have called on Iran to press the Yemeni regime to "
                    "negotiate with Saudi Arabia.")
    assert not [e for e in events if e.trigger == "negotiate"]
    requests = [e for e in events if e.type == "REQUEST"]
    assert {(e.target, e.mode) for e in requests} == {("Iran", "meet")}


def test_a_verb_after_before_is_done_by_the_subject(run):
    """"meets the rebels on Monday, before hosting the government": the envoy hosts, not the
    rebels (a verb after a time preposition is the subject's; after "for" it is the object's)."""
    events, _ = run("The envoy meets the rebels on Monday, before hosting the government on "
                    "Tuesday.")
    hosting = [e for e in events if e.trigger == "hosting"]
    assert hosting and all(e.source == "The envoy" for e in hosting), events


@pytest.mark.parametrize("text", ["The matter was discussed in Minsk.",
                                  "We know how to fight against it in Yemen."])
def test_the_place_of_an_act_on_a_thing_is_not_its_target(run, text):
    """No one is coded as discussed or fought: the city is where it happened."""
    events, _ = run(text)
    assert all(e.target not in ("Minsk", "Yemen") for e in events), events


def test_a_thing_acted_on_in_a_country_keeps_the_country_as_recipient(run):
    events, _ = run("The government lifted a curfew in Montenegro.")
    assert [e.target for e in events] == ["Montenegro"]
