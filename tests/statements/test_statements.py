"""Statements from hand-written sentences (needs the real spaCy model)."""
from __future__ import annotations

from pathlib import Path

import pytest

from dragoman.errors import DragomanError
from dragoman.model import Article
from dragoman.actors.mentions import link_document
from dragoman.events.extract import extract_events
from dragoman.statements.cues import parse_cues
from dragoman.statements.extract import extract_statements
from dragoman.statements.quotes import find_quotes

pytestmark = pytest.mark.model

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.fixture
def run(statements_of):
    return statements_of


def only(statements):
    assert len(statements) == 1, statements
    return statements[0]


def test_curly_direct_quote_with_said_after(run):
    s = only(run("“We will not negotiate under bombardment,” opposition spokesman "
                 "Karim Haddad said on Monday."))
    assert s.kind == "direct"
    assert s.text == "We will not negotiate under bombardment"
    assert s.cue == "say"
    assert s.speaker == "Karim Haddad"
    assert "Karim Haddad" in s.speaker_mention
    assert s.sentence.endswith("said on Monday.")


def test_straight_quote_before_said_speaker(run):
    s = only(run('"The talks are over for this week," said Elena Petrova, a senior envoy.'))
    assert s.kind == "direct"
    assert s.text == "The talks are over for this week"
    assert s.speaker == "Elena Petrova"


def test_told_reuters_is_the_addressee_not_the_speaker(run):
    s = only(run("“There is no ceasefire in the north,” Omar Saleh told Reuters."))
    assert s.cue == "tell"
    assert s.speaker == "Omar Saleh"
    assert s.addressee == "Reuters"


def test_pronoun_speaker_is_the_previous_person(run):
    statements = run("Foreign Minister Anna Lindqvist arrived in Oslo on Wednesday. "
                     "She said that the delegations must meet face to face.")
    s = only(statements)
    assert s.kind == "indirect"
    assert s.speaker_mention == "She"
    assert s.speaker == "Anna Lindqvist"


def test_unbalanced_quote_runs_to_end_of_paragraph(run):
    text = "The envoy Marco Bellini said: “We will stay here until the work is done\n\nNext line."
    s = only(run(text))
    assert s.text == "We will stay here until the work is done"
    assert s.speaker == "Marco Bellini"


def test_scare_quote_is_not_a_statement(run):
    assert run("Discussions focus on elections and the “road map” for next year.") == []


def test_scare_quote_in_the_subject_is_not_the_quote(run):
    s = only(run("A “senior official” said the convoy had reached the town."))
    assert s.kind == "indirect"
    assert s.text == "the convoy had reached the town"


def test_indirect_said_that(run):
    s = only(run("The minister said that the government would send a delegation to Geneva."))
    assert s.kind == "indirect"
    assert s.text == "the government would send a delegation to Geneva"
    assert s.speaker_mention == "The minister"
    assert s.speaker is None


def test_short_quote_inside_reported_speech_is_mixed(run):
    s = only(run("The envoy called the meeting a “wasted chance” for peace."))
    assert s.kind == "mixed"
    assert s.text.startswith("the meeting a “wasted chance”")  # the whole reported part
    assert s.cue == "call"


def test_block_quote_after_colon(run):
    s = only(run("The minister said:\n\nWe are ready to talk. The other side is not."))
    assert s.kind == "block"
    assert s.text == "We are ready to talk. The other side is not."


def test_line_ending_in_said_with_an_object_is_not_a_block(run):
    assert run("That is not what the minister said\n\nThe convoy left at noon.") == []


def test_next_paragraph_with_its_own_attribution_is_not_a_block(run):
    s = only(run("The minister said:\n\n“We are ready to talk to anyone,” Omar Saleh added."))
    assert s.kind == "direct"
    assert s.speaker == "Omar Saleh"


def test_quote_over_two_sentences_is_direct(run):
    s = only(run("“We came to talk. Nobody else did,” Omar Saleh said."))
    assert s.kind == "direct"
    assert s.text == "We came to talk. Nobody else did"


ODD_INPUTS = ["", "   \n\n ", '"', '""', "“”", "“ ”", "He said", "“\n”", "said:\n\n“", "”“"]


@pytest.mark.parametrize("text", ODD_INPUTS)
def test_odd_input_does_not_crash(run, text):
    assert run(text) == []


def test_statement_ids_are_stable(run):
    text = "“There is no ceasefire in the north,” Omar Saleh told Reuters."
    assert run(text)[0].statement_id == run(text)[0].statement_id


def test_find_quotes_tolerates_stray_marks():
    text = 'He said ” nothing. “One” and "two"\n“three'
    assert [text[q.start:q.end] for q in find_quotes(text)] == ["One", "two", "three"]


def test_find_quotes_reopened_straight_quote_ends_the_open_one():
    text = '"We waited all week... "Nobody came," he said.'
    assert [text[q.start:q.end] for q in find_quotes(text)] == ["We waited all week...", "Nobody came"]


def test_lexicon_has_neutral_and_coded_cues(cues):
    assert cues.entries["say"].plover is None and cues.entries["say"].is_speech
    assert cues.entries["accuse"].plover == "ACCUSE" and cues.entries["accuse"].cameo == "11"
    assert cues.entries["call on"].plover == "REQUEST"
    assert not cues.entries["meet"].is_speech


def test_lexicon_errors_say_where():
    with pytest.raises(DragomanError, match="line 2"):
        parse_cues("lemma\tplover\tcameo\tnote\nshout\tYELL\t\tspeech\n")
    with pytest.raises(DragomanError, match="role"):
        parse_cues("shout\t\t\tloud\n")


@pytest.mark.shared
def test_seeds(nlp, cues):
    if not SEEDS.is_dir():
        pytest.skip(f"the shared seed articles are not at {SEEDS}")
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        article = Article(article_id=path.stem, origin=str(path), text=text, content_hash="h",
                          source_hash="h", published="2017-12-06")
        doc = nlp(text)
        actors = link_document(article.article_id, doc.ents)
        statements = extract_statements(doc, article, actors, cues)
        events = extract_events(doc, article, actors, statements, cues)
        for record in [*statements, *events]:
            assert text[record.start:record.end] == record.text, (path.name, record)
        if path.name.startswith("000"):
            assert any("Georgini" in (s.speaker_mention or "") or s.speaker == "Alexandre Georgini"
                       for s in statements)
            assert any(e.type == "ACCUSE" and e.source and "France" in e.source for e in events)
