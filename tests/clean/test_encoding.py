"""Repairs of text damaged before it reached us: lost curly quotes, wrong charsets."""
from __future__ import annotations

from dragoman.clean import normalise_text
from dragoman.clean.encoding import repair_lost_quotes


def test_lost_closing_quotes_after_punctuation():
    text = 'The plan is "not acceptable,"?the minister said. "We wait."?Then he left.'
    fixed, count = repair_lost_quotes(text)
    assert fixed == ('The plan is "not acceptable,\u201d the minister said. '
                     '"We wait.\u201d Then he left.')
    assert count == 2


def test_lost_dash_between_words_and_possessive_apostrophe():
    fixed, _ = repair_lost_quotes('the dockers "?and the drivers')
    assert fixed == "the dockers \u2014 and the drivers"
    assert repair_lost_quotes('the workers"?union said')[0] == "the workers\u2019 union said"


def test_an_open_quote_makes_it_a_closing_quote():
    fixed, _ = repair_lost_quotes('a show called "Harbour Lights"?host Ana Ruiz said')
    assert fixed == 'a show called "Harbour Lights\u201d host Ana Ruiz said'


def test_a_real_question_mark_after_a_quote_is_left_alone():
    text = 'Why cancel "Harbour Lights"? Nobody knows.'
    assert repair_lost_quotes(text) == (text, 0)


def test_classic_mojibake_is_repaired_and_curly_quotes_kept():
    assert normalise_text("The minister\u00e2\u20ac\u2122s plan") == "The minister\u2019s plan"
    assert normalise_text("\u201cNo,\u201d he said") == "\u201cNo,\u201d he said"
