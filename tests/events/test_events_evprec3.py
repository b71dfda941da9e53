"""Precision of the default event record (issue 17, branch evprec3): wrong parties the dev gold
kept above the default threshold, each on a hand-made sentence, and the typer's margin carried
to the confidence model."""
from __future__ import annotations

import pytest

from dragoman.events.confidence import features, margin_features
from dragoman.model import Event
from dragoman.store.tables import record_columns


def _event(**fields) -> Event:
    base = dict(event_id="e", article_id="a", type="ASSAULT", text="X attacked Y.", start=0,
                end=13, source="X", source_country="SYR", source_sector="MIL")
    return Event(**{**base, **fields})


def test_the_typer_margin_is_a_feature_and_no_column():
    sure, unsure = (features(_event(type_margin=m), 1) for m in (3.0, 0.2))
    assert sure != unsure
    assert margin_features(None) == {}
    assert "type_margin" not in {c.name for c in record_columns(Event)}


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
