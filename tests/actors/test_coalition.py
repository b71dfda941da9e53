"""Military coalitions named by their leader ("the US-led coalition", "the Saudi-led
coalition") and "the coalition" after one (actors/coalitions.py), with the real spaCy model
on hand-made sentences; and the coalitions that must stay unresolved."""
from __future__ import annotations

import pytest

from dragoman.actors.mentions import load_gazetteer, link_document
from dragoman.annotate import ActorsStep, AnnotateStage, EventsStep, StatementsStep
from dragoman.model import Article

pytestmark = pytest.mark.model

US_LED = ("IGO", "MIL", "US-led coalition")


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def _coalitions(nlp, gazetteer, text) -> dict[str, tuple]:
    """Mention text → (country, sector, actor name, how) for every coalition mention."""
    linked = link_document("t1", nlp(text).ents, gazetteer)
    out = {}
    for mention in linked.mentions:
        actor = linked.actors.get(mention.actor_id or "")
        if actor is not None and "coalition" in actor.name:
            out[mention.text] = (actor.country, actor.sector, actor.name, mention.how)
    return out


def test_an_explicit_us_led_coalition_is_its_actor(nlp, gazetteer):
    found = _coalitions(nlp, gazetteer, "A US-led coalition airstrike killed at least 18 "
                                        "civilians on Tuesday.")
    assert found["US-led coalition"] == (*US_LED, "name")


def test_spellings_of_the_leader_name_one_coalition(nlp, gazetteer):
    found = _coalitions(nlp, gazetteer, "The U.S.-led coalition said it struck targets near "
                                        "Raqqa. The American-led coalition denied it.")
    assert found["U.S.-led coalition"][:3] == US_LED
    assert found["American-led coalition"][:3] == US_LED


def test_the_saudi_led_coalition_in_yemen(nlp, gazetteer):
    found = _coalitions(nlp, gazetteer, "The Saudi-led coalition bombed Sanaa on Monday, the "
                                        "Houthis said.")
    assert found["Saudi-led coalition"][:3] == ("IGO", "MIL", "Saudi-led coalition")


def test_the_coalition_after_a_named_one_is_that_one(nlp, gazetteer):
    found = _coalitions(nlp, gazetteer, "Airstrikes by US-led coalition fighter jets killed 21 "
                                        "civilians in Manbij. At least 15 people were killed as "
                                        "the coalition carried out raids. After similar attacks "
                                        "by coalition fighter jets, residents fled.")
    assert found["the coalition"] == (*US_LED, "description")
    assert found["coalition fighter jets"] == (*US_LED, "description")


def test_the_coalition_before_the_one_named_coalition(nlp, gazetteer):
    """The article names one coalition, later: an earlier "the coalition" is that one too."""
    found = _coalitions(nlp, gazetteer, "International coalition planes targeted water wells "
                                        "near Raqqa. A US-led coalition airstrike killed 18 "
                                        "civilians on Tuesday.")
    assert found["International coalition planes"][:3] == US_LED


def test_the_coalition_of_no_named_coalition_is_nobody(nlp, gazetteer):
    found = _coalitions(nlp, gazetteer, "Coalition warplanes struck Islamic State targets "
                                        "near Raqqa, the monitor said.")
    assert not found


def test_a_government_coalition_is_not_the_military_one(nlp, gazetteer):
    found = _coalitions(nlp, gazetteer, "The US-led coalition struck Mosul. In Baghdad, the "
                                        "ruling coalition agreed a budget and the coalition "
                                        "government met. A coalition of opposition parties "
                                        "walked out, and an international coalition should be "
                                        "set up for demining.")
    assert set(found) == {"US-led coalition"}


def test_other_coalitions_stay_unresolved(nlp, gazetteer):
    found = _coalitions(nlp, gazetteer, "The rebel coalition attacked Aleppo. The Syrian "
                                        "National Coalition condemned the strikes.")
    assert not any(name == "US-led coalition" for _, _, name, _ in found.values())


def test_the_coalition_is_the_source_of_its_strike(nlp, cues, event_tools, gazetteer):
    stage = AnnotateStage(nlp, steps=[ActorsStep(gazetteer), StatementsStep(cues),
                                      EventsStep(event_tools)])
    text = "A US-led coalition airstrike killed at least 18 civilians in Raqqa on Tuesday."
    article = Article(article_id="c1", origin="t", text=text, content_hash="c1",
                      source_hash="c1", published="2017-06-10")
    found = stage.annotate([article])[0]
    actors = {a.actor_id: a for a in found.actors}
    assaults = [e for e in found.events if e.type == "ASSAULT"]
    assert assaults, "the strike is an event"
    assert actors[assaults[0].source_actor_id].name == "US-led coalition"
