"""Publication dates from metadata strings, the top of a text and URLs."""
from __future__ import annotations

import pytest

from dragoman.clean.dates import date_from_text, date_from_url, parse_date
from dragoman.clean.language import LanguageGuesser
from dragoman.clean.stage import clean_record
from dragoman.model import RawDoc
from dragoman.settings import Settings


@pytest.mark.parametrize("text, expected", [
    ("March 07 2019 \u2013 The council met on Monday.", "2019-03-07"),
    ("Published Sept. 9, 2018. The council met.", "2018-09-09"),
    ("\u2022 04/22/2019\n\u2022 10:00\nThe council met.", "2019-04-22"),
    ("22/04/2019 The council met.", "2019-04-22"),  # day first when the first number > 12
    ("Oslo, 3 February 2015 (Wire) The council met.", "2015-02-03"),
    ("Updated 2020-11-30 08:00. The council met.", "2020-11-30"),
    ("14.07.2016 \u2014 Der Rat tagte.", "2016-07-14"),
])
def test_dates_near_the_top_of_a_text(text, expected):
    assert date_from_text(text)[0] == expected


def test_dates_far_down_or_impossible_are_not_the_articles_date():
    assert date_from_text("The council met. " * 40 + "It last met on March 3 2001.") is None
    assert date_from_text("Call 02/30/2019 or 13/13/2019 for details.") is None


@pytest.mark.parametrize("url, expected", [
    ("https://example.org/2017/12/06/talks-resume/", "2017-12-06"),
    ("https://example.org/news/2017/1/6/talks", "2017-01-06"),
    ("https://example.org/20171206-talks-resume", "2017-12-06"),
    ("https://example.org/news/talks-resume-1512345678", None),
    (None, None),
])
def test_dates_in_urls(url, expected):
    assert date_from_url(url) == expected


def test_metadata_strings():
    assert parse_date("2017-12-06T10:00:00Z") == "2017-12-06"
    assert parse_date("12/06/2017") == "2017-12-06"
    assert parse_date("not a date") is None


_LANGUAGES = LanguageGuesser()  # made once for the module, as the stage does


def _clean(**fields):
    raw = RawDoc(origin="a.txt", source_hash="h", **fields)
    return clean_record(raw, Settings(), _LANGUAGES)


def test_the_stage_says_where_the_date_came_from():
    body = "The council met on Monday and voted to close the northern pier for repairs."
    assert (_clean(text=body, published="2020-01-02").published_source) == "metadata"
    in_text = _clean(text="January 5 2020 \u2013 " + body)
    assert (in_text.published, in_text.published_source) == ("2020-01-05", "text")
    in_url = _clean(text=body, url="https://example.org/2020/01/07/pier")
    assert (in_url.published, in_url.published_source) == ("2020-01-07", "url")
    assert _clean(text=body).published is None


def test_the_seed_articles_come_out_with_the_dates_they_state(seeds):
    from dragoman.ingest import read_inputs

    settings = Settings()
    articles = {raw.origin.rsplit("/", 1)[1][:3]: clean_record(raw, settings, _LANGUAGES)
                for raw in read_inputs([str(seeds)], settings)}
    assert (articles["001"].published, articles["001"].published_source) == ("2017-12-16", "text")
    assert (articles["002"].published, articles["002"].published_source) == ("2016-02-03", "text")
    reasons = {key: {r.split(":", 1)[0] for r in a.removed} for key, a in articles.items()}
    assert {"metadata-bullet", "share-label"} <= reasons["001"]
    assert {"title-prefix", "dateline"} <= reasons["002"]
    assert {"posted-by", "counter"} <= reasons["004"]
    assert "see-also" in reasons["000"]
    assert all(a.language == "en" and a.nlp_skipped is None for a in articles.values())
