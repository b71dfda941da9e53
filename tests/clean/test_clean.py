"""Cleaning and exact-duplicate marking, without any model."""
from __future__ import annotations

from dragoman.clean import CleanStage, normalise_text, parse_date
from dragoman.dedupe.exact import mark_duplicates
from dragoman.model import RawDoc, Reject
from dragoman.pipeline import Batch
from dragoman.settings import Settings


def raw(origin: str, text: str, **kw) -> RawDoc:
    return RawDoc(origin=origin, text=text, source_hash="h-" + origin, **kw)


def test_normalise_repairs_mojibake_keeps_curly_quotes_and_tidies_space():
    mojibake = "  \u00e2\u20ac\u0153Yes,\u00e2\u20ac\u009d he said.\r\n\r\n\r\n\r\nNext  line "
    assert normalise_text(mojibake) == \
        "\u201cYes,\u201d he said.\n\nNext line"
    assert normalise_text("\u201cquoted\u201d") == "\u201cquoted\u201d"


def test_parse_date_formats():
    assert parse_date("2017/2/7") == "2017-02-07"
    assert parse_date("2016-02-03T10:00:00Z") == "2016-02-03"
    assert parse_date("February 03 2016") == "2016-02-03"
    assert parse_date("not a date") is None
    assert parse_date("") is None


def test_clean_stage_makes_articles_and_rejects_empty_text():
    batch = CleanStage(Settings()).run(Batch(raw=(
        raw("a.txt", "A long enough article about the talks in Geneva.", published="2017/12/6"),
        raw("b.txt", "   \n  "),
    )))
    (article,) = batch.articles
    (reject,) = batch.rejects
    assert article.published == "2017-12-06" and article.published_source == "metadata"
    assert article.language == "en"
    assert isinstance(reject, Reject) and reject.reason == "empty" and reject.origin == "b.txt"


def test_exact_duplicates_point_at_the_first_copy_ignoring_case_and_spacing():
    batch = CleanStage(Settings()).run(Batch(raw=(
        raw("a.txt", "The talks in Geneva ended on Friday without a deal."),
        raw("b.txt", "the talks in  Geneva ended on Friday, without a deal"),
        raw("c.txt", "Something else happened in Vienna on Saturday."),
    )))
    a, b, c = mark_duplicates(batch.articles, known={})
    assert (a.duplicate_of, b.duplicate_of, c.duplicate_of) == (None, a.article_id, None)
    (b2,) = mark_duplicates([b], known={b.content_hash: "stored-original"})
    assert b2.duplicate_of == "stored-original"


def test_numbers_matter_for_exact_duplicates():
    from dragoman.clean.text import content_key

    assert content_key("The attack killed 5 people.") != content_key("The attack killed 50 people.")
    assert content_key("The attack  KILLED 5 people") == content_key("the attack killed 5 people.")
