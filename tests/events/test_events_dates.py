"""Event dates stay sane: no far-away date without a year written in the text, and a plain-text
article ingested with a publication date (``--published``) gets its relative dates resolved."""
from __future__ import annotations

from datetime import date

import pytest

from dragoman.events.dates import resolve

PUBLISHED = date(2017, 3, 8)
SEED_000 = "000_80665950020ea3d2.txt"


@pytest.mark.parametrize("phrase", [
    "1800 666 111", "1800-666-111", "1800 666111", "1800-666-111-or",  # Irish freephone lines
])
def test_phone_numbers_tagged_as_dates_are_not_years(phrase):
    assert resolve(phrase, PUBLISHED) is None


@pytest.mark.parametrize("phrase, expected", [
    ("in 1967", ("1967-01-01", "year")),
    ("June 1967", ("1967-06-01", "month")),
    ("2016-2017", ("2016-01-01", "year")),
    ("between 1950 and 2010", ("1950-01-01", "year")),
    ("in 2050", ("2050-01-01", "year")),
    ("Some 125 years ago", ("1892-01-01", "year")),
])
def test_far_dates_need_their_year_in_the_phrase_and_keep_it(phrase, expected):
    found = resolve(phrase, PUBLISHED)
    assert (found.date, found.precision) == expected


@pytest.mark.parametrize("phrase", ["last Friday", "on Tuesday", "next year", "in December",
                                    "February 23", "last month", "two weeks ago", "tomorrow"])
@pytest.mark.parametrize("future", [False, True])
def test_a_phrase_without_a_year_stays_near_the_publication_date(phrase, future):
    for published in (date(2017, 1, 1), date(2017, 12, 31), date(2020, 2, 29)):
        found = resolve(phrase, published, future)
        assert found is not None
        assert abs((date.fromisoformat(found.date) - published).days) <= 366


def test_an_ago_count_too_far_back_gives_no_date():
    assert resolve("3000 years ago", PUBLISHED) is None


@pytest.mark.model
@pytest.mark.shared
def test_seed_000_ingested_with_its_publication_date(seeds, tmp_path, shared_model):
    """Seed 000 has no date of its own; given 2017-12-06 (a Wednesday), "left ... last Friday"
    is the regime walking out of the Geneva talks on Friday 2017-12-01."""
    import dragoman
    from dragoman.store import reads

    db = str(tmp_path / "seed000.duckdb")
    dragoman.ingest([str(seeds / SEED_000)], db=db, nlp=shared_model, published="2017-12-06")
    with dragoman.open_store(db) as store:
        events = reads.events(store, limit=1000)
    assert events
    left = [e for e in events if e["trigger"] == "left"]
    assert len(left) == 1
    walkout = left[0]
    assert str(walkout["date"])[:10] == "2017-12-01"
    assert (walkout["date_precision"], walkout["date_source"]) == ("day", "text")
    assert "last Friday" in walkout["date_text"]
    assert walkout["type"] == "REJECT" and walkout["source_country"] == "SYR"
    assert not walkout["negated"] and not walkout["hypothetical"]
    # nothing in the article is dated far from its publication date
    for event in events:
        day = date.fromisoformat(str(event["date"])[:10])
        assert abs((day - date(2017, 12, 6)).days) <= 366, event


@pytest.mark.model
def test_a_number_inside_a_name_is_no_year(events_of):
    events, _ = events_of("Hertha fans attacked TSV 1860 supporters. The army attacked the "
                          "town in 2015.", "2017-12-06")
    dates = {e.text.split()[0]: (e.date, e.date_source) for e in events if e.type == "ASSAULT"}
    assert dates["Hertha"] == ("2017-12-06", "published")
    assert dates["The"] == ("2015-01-01", "text")


@pytest.mark.parametrize("phrase, expected", [
    ("18-07-2015", "2015-07-18"), ("19.04.2017(updated", "2017-04-19"),
    ("4/16/2017", "2017-04-16"), ("03.05.2017", "2017-05-03"), ("31-08-2014 0742 PM", "2014-08-31"),
])
def test_numeric_dates_day_first_unless_the_month_must_come_first(phrase, expected):
    found = resolve(phrase, PUBLISHED)
    assert (found.date, found.precision) == (expected, "day")
