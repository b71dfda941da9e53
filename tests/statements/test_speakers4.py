"""A pronoun speaker bound by the subject above it, and the confidence that sees how a speaker
was resolved (issue 19, speakers4; real spaCy model)."""
from __future__ import annotations

import pytest

from dragoman.model import Statement
from dragoman.statements.confidence import load_confidence_model, names_no_one
from dragoman.statements.speakers import binding_subject

pytestmark = pytest.mark.model


def _called(found):
    return next(s for s in found if s.cue == "call")


def test_what_he_called_is_said_by_the_subject_above(statements_of):
    found = statements_of('Secretary General Ban Ki-moon condemned what he called a "brazen '
                          'breach" of U.N. resolutions.')
    assert _called(found).speaker_mention == "Secretary General Ban Ki-moon"


def test_she_in_a_reported_clause_is_the_one_who_reports(statements_of):
    found = statements_of("Hillary Clinton says she appreciated Machado's courage through what "
                          "she calls a \"war of some pretty unpleasant words.\"")
    assert (_called(found).speaker_mention, _called(found).speaker) == (
        "Hillary Clinton", "Hillary Clinton")


def test_they_is_bound_by_a_body(statements_of):
    found = statements_of("Clinton's campaign is seeking to contrast her approach with what "
                          "they call Donald Trump's \"self-centered message.\"")
    assert _called(found).speaker_mention == "Clinton's campaign"


def test_a_pronoun_in_an_adverbial_clause_is_not_bound(statements_of):
    found = statements_of("Donald Trump attacked the plan after she said it was dead.")
    said = next(s for s in found if s.cue == "say")
    assert said.speaker_mention == "she"  # "after she said": maybe someone else


def test_a_pronoun_of_the_other_gender_is_not_bound(statements_of):
    found = statements_of("Hillary Clinton said he would call it \"a disaster\".")
    assert _called(found).speaker_mention == "he"


def test_a_quote_between_breaks_the_binding(nlp, cues):
    doc = nlp("Bernie Sanders thinks “this is the just thing to do,” he said.")
    he = next(t for t in doc if t.lower_ == "he")
    assert he.head.dep_ == "ccomp"  # the parse hangs "he said" under "thinks"
    assert binding_subject(he, cues.pronouns.genders, cues.agents) is None


def test_saying_after_by_is_said_by_the_subject(statements_of):
    [statement] = statements_of("Barack Obama punctuated his list by saying “Too many.”")
    assert statement.speaker == "Barack Obama"


def test_a_dateline_is_not_the_speaker(statements_of):
    [statement] = statements_of(
        "CLEVELAND, July 19 (UPI) — Former Attorney General Michael Mukasey told delegates "
        "that Hillary Clinton’s use of a private email server should disqualify her.")
    assert statement.speaker == "Michael Mukasey"
    found = statements_of("Washington (AFP) – Democrat Hillary Clinton has taken a swipe at "
                          "Donald Trump, saying that “bombastic comments” do more harm than good.")
    assert [s.speaker for s in found if s.cue == "say"] == ["Hillary Clinton"]


def test_he_naming_no_one_falls_below_the_default(statements_of):
    [statement] = statements_of(
        "The opposition wants elections. \"The key aspect of political process is stepping "
        "down of Bashar Assad,\" he said.")
    assert statement.speaker is None
    assert statement.confidence < load_confidence_model().threshold
    [named] = statements_of("Nasr al-Hariri arrived in Geneva on Monday. \"The key aspect of "
                            "political process is stepping down of Bashar Assad,\" he said.")
    assert named.confidence >= load_confidence_model().threshold


def test_only_an_unresolved_he_or_she_names_no_one():
    def statement(mention, actor):
        return Statement(statement_id="s", article_id="a", kind="direct", text="x", start=0,
                         end=1, sentence="x", speaker_mention=mention, speaker_actor_id=actor,
                         speaker_kind="pronoun")
    assert names_no_one(statement("He", None))
    assert not names_no_one(statement("He", "p1"))
    assert not names_no_one(statement("They", None))
