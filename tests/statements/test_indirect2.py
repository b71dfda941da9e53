"""Indirect speech recall and content spans (ninth session): each case failed before its rule
(hand-written texts, real spaCy model)."""
from __future__ import annotations

import pytest


def said(statements, cue: str):
    found = [s for s in statements if s.cue == cue]
    assert len(found) == 1, statements
    return found[0]


@pytest.mark.model
def test_a_clause_in_the_previous_paragraph_is_not_what_the_cue_says(statements_of):
    # the parser runs the quote's paragraph into the next and hangs its clause on "said"
    s = said(statements_of("“What a bizarre world we’re in, where reporters are forced to ask the "
                           "question.”\n\nSanders, who has already sent fundraising pleas on his "
                           "behalf, said he also may campaign for him."), "say")
    assert (s.kind, s.speaker, s.text) == ("indirect", "Sanders", "he also may campaign for him")


@pytest.mark.model
def test_the_clause_after_said_when_the_paragraph_before_is_run_in(statements_of):
    statements = statements_of("“It would be a dereliction of duty if they fail to act on these "
                               "facts right now.”\n\nEarlier in the week, Trump said the new facts "
                               "demand a special prosecutor.")
    s = said(statements, "say")
    assert (s.speaker, s.text) == ("Trump", "the new facts demand a special prosecutor")
    assert not [x for x in statements if x.cue == "demand"]  # inside what Trump said


@pytest.mark.model
def test_transcript_turns_inside_an_opening_quote_mark(statements_of):
    text = ("Partial transcript as follows:\n\n\"WALLACE: Let’s start with breaking news on the "
            "debate story. Do you think it is fair?\n\n\"PENCE: Well, look, the question really "
            "should be why Hillary Clinton invited a celebrity to the debate.\n\n\"WALLACE: But, "
            "Governor Pence, I have to ask you about the polls.")
    turns = [s for s in statements_of(text) if s.cue == ":"]
    assert [(s.speaker_mention, s.kind) for s in turns] == [
        ("WALLACE", "direct"), ("PENCE", "direct"), ("WALLACE", "direct")]
    assert turns[1].text == ("Well, look, the question really should be why Hillary Clinton "
                             "invited a celebrity to the debate")


@pytest.mark.model
def test_a_quoted_line_with_a_colon_after_a_common_word_is_no_turn(statements_of):
    text = "The sign read:\n\n\"Warning: the bridge is closed to all traffic until Friday.\""
    assert not [s for s in statements_of(text) if s.cue == ":"]


@pytest.mark.model
def test_said_in_a_statement_that(statements_of):
    s = said(statements_of("Mike Pence said in a statement that the report merits an apology."),
             "say")
    assert (s.kind, s.speaker, s.text) == ("indirect", "Mike Pence", "the report merits an apology")


@pytest.mark.model
def test_continues_to_insist_is_a_statement_of_insist(statements_of):
    s = only_one(statements_of("The Republican nominee continues to insist that he really wants "
                               "to release his taxes."))
    assert (s.cue, s.text) == ("insist", "he really wants to release his taxes")


@pytest.mark.model
def test_continue_to_back_is_a_stance_of_back_not_speech(statements_of):
    s = only_one(statements_of("Black voters continue to back Clinton overwhelmingly."))
    assert (s.cue, s.cue_class) == ("back", "stance")


@pytest.mark.model
def test_he_continued_after_a_quote_is_still_speech(statements_of):
    s = only_one(statements_of("“We will win this state,” he continued."))
    assert (s.kind, s.cue) == ("direct", "continue")


def only_one(statements):
    assert len(statements) == 1, statements
    return statements[0]


@pytest.mark.model
def test_the_hearer_of_a_statement_is_not_what_it_says(statements_of):
    assert not statements_of("Hillary Clinton’s statement to the FBI was consistent with her "
                             "public remarks.")


@pytest.mark.model
def test_calling_into_a_programme_says_nothing(statements_of):
    assert not statements_of("Hillary Clinton called into Tom Joyner’s radio program on Monday.")


@pytest.mark.model
def test_a_quotation_signed_with_a_dash_and_a_name(statements_of):
    text = ("31 Latinos share their thoughts.\n\n“Mr. Trump embodies the lasting legacy of racism "
            "in the United States. He represents our greatest shame.” ― Sonya Herridge\n“During "
            "the debate he said we live in hell. He is ignorant of our culture.”― Pamela Padilla\n")
    found = [(s.kind, s.speaker_mention, s.text[:10]) for s in statements_of(text)]
    assert found == [("direct", "Sonya Herridge", "Mr. Trump "), ("direct", "Pamela Padilla",
                                                                  "During the")]


@pytest.mark.model
def test_a_dash_after_a_quote_that_goes_on_is_no_signature(statements_of):
    text = "“We will win,” the mayor wrote — Smith was not convinced by it at all.\n"
    assert not [s for s in statements_of(text) if s.speaker_mention == "Smith"]
