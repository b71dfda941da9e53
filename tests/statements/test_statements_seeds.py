"""Every direct and block quote of the five seed articles, with its speaker (real model).

The seeds are read from ../shared (never copied here); the expectations below are only who
speaks, hand-checked against the articles, listed in the order of each article's quotations
of more than three words. ``None`` means an explicitly unnamed source whose mention must
still be kept ("a Western diplomat").
"""
from __future__ import annotations

import re

import pytest

from dragoman.model import Article
from dragoman.actors.mentions import link_document, load_gazetteer
from dragoman.statements.cues import load_cues
from dragoman.statements.extract import extract_statements
from dragoman.statements.quotes import find_quotes

pytestmark = [pytest.mark.model, pytest.mark.shared]

# seed prefix -> speakers of its quotations of more than three words, in text order
QUOTES = {
    "000": ["Al-Watan", "Alexandre Georgini", "Vassily Nebenzia"],
    "001": [None, "Heather Nauert", "Gerard Araud", "Gerard Araud", "Alexandre Giorgini",
            "Alexandre Giorgini", "Alexandre Giorgini", "Alexandre Giorgini"],
    "002": ["Bashar al-Ja’afari", "Bashar al-Ja’afari", "High Negotiations Committee",
            "High Negotiations Committee", "Hind Kabawat", "Farah Atassi"],
    "003": ["Staffan de Mistura", "Mohammed Alloush", "Salem al-Muslet", "Nasr al-Hariri",
            "Nasr al-Hariri", "Nasr al-Hariri", "Salem al-Muslet", "Salem al-Muslet"],
    "004": ["Mohammed Alloush", None],
}
# quotations set as their own paragraph after "X said:" / "X said"
BLOCKS = {"000": ["Rex Tillerson"], "002": ["Farah Atassi", "Gennady Gatilov"]}
UNNAMED = {"001": "spokeswoman", "004": "Western diplomat"}


@pytest.fixture(scope="module")
def seed_statements(seeds, nlp):
    cues, gazetteer = load_cues(), load_gazetteer()
    found = {}
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        article = Article(article_id=path.stem, origin=str(path), text=text, content_hash="-",
                          source_hash="-")
        doc = nlp(text)
        actors = link_document(article.article_id, doc.ents, gazetteer)
        found[path.name[:3]] = (text, extract_statements(doc, article, actors, cues))
    return found


@pytest.mark.parametrize("seed", sorted(QUOTES))
def test_every_quotation_is_found_with_its_speaker(seed_statements, seed):
    text, statements = seed_statements[seed]
    quotes = [q for q in find_quotes(text) if len(re.findall(r"\w+", text[q.start:q.end])) > 3]
    assert len(quotes) == len(QUOTES[seed])
    for quote, speaker in zip(quotes, QUOTES[seed]):
        covering = [s for s in statements if s.start <= quote.start and quote.end <= s.end + 1]
        assert covering, f"{seed}: no statement holds the quote at {quote.start}"
        statement = covering[0]
        assert statement.speaker == speaker, (seed, quote.start, statement)
        if speaker is None:
            assert statement.speaker_kind == "unnamed"
            assert UNNAMED[seed] in statement.speaker_mention


@pytest.mark.parametrize("seed", sorted(BLOCKS))
def test_every_block_quote_is_found_with_its_speaker(seed_statements, seed):
    text, statements = seed_statements[seed]
    blocks = [s for s in statements if s.kind == "block"]
    assert [s.speaker for s in blocks] == BLOCKS[seed]
    for block in blocks:
        assert "\n" not in block.text and block.text == text[block.start:block.end]


def test_told_reuters_is_the_addressee(seed_statements):
    _, statements = seed_statements["004"]
    alloush = [s for s in statements if s.speaker == "Mohammed Alloush" and s.kind == "direct"]
    assert alloush and alloush[0].addressee == "Reuters"
