"""Precision of the default event record (issue 17, branch evprec3): wrong parties the dev gold
kept above the default threshold, each on a hand-made sentence, and the typer's margin carried
to the confidence model."""
from __future__ import annotations

import pytest

import json

from dragoman.events.confidence import (GATED, EventScorer, calibrated, features, gate,
                                       type_features)
from dragoman.model import Event
from dragoman.store.tables import record_columns


def _event(**fields) -> Event:
    base = dict(event_id="e", article_id="a", type="ASSAULT", text="X attacked Y.", start=0,
                end=13, source="X", source_country="SYR", source_sector="MIL")
    return Event(**{**base, **fields})


def test_the_typer_margin_feeds_the_type_model_and_is_no_column():
    """An unsure type (margin under 1) is a type-model feature; no margin (a record read back
    from the store, a lexicon-only run): no type features; the margin is never stored."""
    assert type_features(_event(type_margin=0.2))["type:unsure"] == 1.0
    assert type_features(_event(type_margin=3.0))["type:unsure"] == 0.0
    assert type_features(_event()) == {}
    assert "type_margin" not in {c.name for c in record_columns(Event)}


def test_a_mistyped_event_scores_below_a_sure_one_with_the_same_parties(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"weights": {"bias": 1.0}, "threshold": 0.5,
                                "type_weights": {"bias": 2.0, "type:unsure": -2.0},
                                "calibration": {"scale": 1.0, "shift": 0.0}}))
    scorer = EventScorer.load(path)
    sure, unsure = scorer.scored([_event(type_margin=3.0), _event(type_margin=0.2)])
    assert sure.confidence > scorer.threshold > unsure.confidence
    assert features(_event(type_margin=3.0), 1) == features(_event(type_margin=0.2), 1)
    # without a margin the type model stays out: the parties model alone
    assert scorer.scored([_event()])[0].confidence == pytest.approx(0.731, abs=1e-3)


def test_platt_calibration_is_monotone_and_the_identity_by_default():
    assert calibrated(0.3) == pytest.approx(0.3)
    assert calibrated(0.3, 0.5, 0.0) > 0.3 > calibrated(0.3, 2.0, 0.0)  # shrinks, stretches
    points = [calibrated(p, 0.7, -0.4) for p in (0.1, 0.3, 0.5, 0.9)]
    assert points == sorted(points)
    assert EventScorer({"bias": 0.0}).probability({"bias": 1.0}) == pytest.approx(0.5)


@pytest.mark.model
def test_events_carry_the_typer_margin(events_of):
    events, _ = events_of("Russia bombed rebel positions in Idlib on Monday.")
    assert events and all(e.type_margin is not None and e.type_margin > 0 for e in events)


@pytest.mark.model
def test_a_strike_is_done_by_whom_its_modifiers_name_not_where_it_fell(events_of):
    """ "Deir az-Zour missile strikes on schools killed 23": the town is where they fell, no
    one named struck; "Russian air strikes on the town" are Russia's military, not the
    town's civilians; a US strike's text stops before what it hit."""
    events, _ = events_of("Deir az-Zour Missile strikes on schools and urban areas killed 23 "
                          "Syrian civilians on Thursday.")
    assert not [e for e in events if e.source_country or e.source_actor_id]
    events, _ = events_of("Russian air strikes on the town killed 26 people on Tuesday.")
    assert [(e.source_country, e.source_sector) for e in events] == [("RUS", "MIL")]
    events, _ = events_of("A US missile strike on a military airfield in Syria near Homs "
                          "killed five people on Friday.")
    assert [(e.source, e.source_country) for e in events] == [("A US missile strike", "USA")]


def test_a_wished_or_conditional_act_is_out_of_the_default_record():
    """ "Trump would like to establish more friendly relations with Moscow": a wish, not an
    act (the dev gold's highest-scored wrong events); a promise made is AGREE, not
    hypothetical, and passes."""
    wished = _event(type="SUPPORT", hypothetical=True, source_actor_id="a1",
                    target="Moscow", target_country="RUS")
    assert gate(wished) == "not done (hypothetical)"
    assert EventScorer({"bias": 10.0}).scored([wished])[0].confidence <= GATED
    assert gate(_event(type="AGREE", source_actor_id="a1")) is None
