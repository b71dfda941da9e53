"""``--published`` / ``Settings.published``: a date for records that carry none of their own."""
from __future__ import annotations

from click.testing import CliRunner

from dragoman.clean import CleanStage
from dragoman.cli import cli
from dragoman.model import RawDoc
from dragoman.pipeline import Batch
from dragoman.settings import Settings

UNDATED = "The delegation left the talks in Geneva last Friday, the envoy said on Tuesday."


def _raw(origin: str, text: str, **kw) -> RawDoc:
    return RawDoc(origin=origin, text=text, source_hash=origin, **kw)


def _clean(settings: Settings, *raws: RawDoc):
    return CleanStage(settings).run(Batch(raw=raws)).articles


def test_undated_record_takes_the_given_date_marked_as_given_by_the_user():
    (article,) = _clean(Settings(published="2017-12-06"), _raw("a.txt", UNDATED))
    assert (article.published, article.published_source) == ("2017-12-06", "user")


def test_a_date_of_the_records_own_wins_over_the_given_one():
    dated = _raw("b.txt", UNDATED, published="2016-02-03")
    in_text = _raw("c.txt", "Geneva, 14 March 2016 - " + UNDATED)
    first, second = _clean(Settings(published="2017-12-06"), dated, in_text)
    assert (first.published, first.published_source) == ("2016-02-03", "metadata")
    assert (second.published, second.published_source) == ("2016-03-14", "text")


def test_without_the_option_an_undated_record_stays_undated():
    (article,) = _clean(Settings(), _raw("d.txt", UNDATED))
    assert article.published is None and article.published_source is None


def test_cli_rejects_a_date_it_cannot_read_before_reading_anything(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", "--db", str(tmp_path / "x.duckdb"),
                                      "--published", "12/2017", str(tmp_path)])
    assert result.exit_code == 2
    assert "'12/2017' is not a date" in result.output and "YYYY-MM-DD" in result.output
    assert not (tmp_path / "x.duckdb").exists()
