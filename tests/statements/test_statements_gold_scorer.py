"""The news-gold statement scorer's matching rules, on hand-made records."""
from __future__ import annotations

from dragoman.model import Statement

from bench.gold.score_statements import Tally, locate, score_article, speaker_right

TEXT = 'Assad said "it is still early to expect anything practical" on Monday. A source said no.'


def statement(start, end, speaker=None, mention=None, actor_id=None):
    return Statement(statement_id="s", article_id="a", kind="direct", text=TEXT[start:end],
                     sentence=TEXT,
                     start=start, end=end, speaker=speaker, speaker_mention=mention,
                     speaker_actor_id=actor_id)


def test_locate_ignores_quotes_and_case():
    assert len(locate(TEXT, "IT IS still early")) == len("itisstillearly")
    assert locate(TEXT, "not in the text") == frozenset()


def test_speaker_right_by_alias_surname_or_unnamed():
    assad = {"name": "Bashar al-Assad", "aliases": ["Assad", "the Syrian president"]}
    assert speaker_right(assad, statement(0, 5, "Bashar al-Assad", "Assad", "x"))
    assert speaker_right(assad, statement(0, 5, None, "the Syrian president"))
    assert not speaker_right(assad, statement(0, 5, "Vladimir Putin", "he", "y"))
    assert speaker_right(None, statement(0, 5, None, "A source"))
    assert not speaker_right(None, statement(0, 5, "Assad", "Assad", "x"))


def test_score_article_counts_found_false_alarms_and_optional():
    gold = {"entities": [{"id": "assad", "name": "Bashar al-Assad", "aliases": ["Assad"]}],
            "statements": [
                {"speaker": "assad", "kind": "direct", "content": "still early to expect"},
                {"speaker": "unnamed", "kind": "indirect", "content": "no", "optional": True}]}
    start = TEXT.index("it is")
    found = [statement(start, TEXT.index('"', start), "Bashar al-Assad", "Assad", "x"),
             statement(0, 5, None, "Monday")]
    tally = Tally()
    score_article(tally, gold, TEXT, found, keep_misses=False)
    assert (tally.gold, tally.found, tally.false_alarms, tally.speaker_ok) == (1, 1, 1, 1)
