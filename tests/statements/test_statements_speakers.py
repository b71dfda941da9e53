"""Only what was said, by the right speaker, with a confidence (issue 19; real spaCy model)."""
from __future__ import annotations

import pytest

from dragoman.actors.doc import DocActors
from dragoman.model import Actor, Mention
from dragoman.statements.speakers import actor_in

pytestmark = pytest.mark.model


def test_speech_verb_with_no_reported_content_is_no_statement(statements_of):
    assert statements_of("A diplomat, who did not confirm the date, spoke to reporters in "
                         "Geneva.") == []
    kept = statements_of("A diplomat, who did not confirm the date, said the talks would resume.")
    assert [s.text for s in kept] == ["the talks would resume"]


def test_speaking_on_a_day_says_nothing(statements_of):
    assert statements_of("Alexander Grushko spoke on Thursday.") == []


def test_ignoring_a_question_is_no_statement(statements_of):
    assert statements_of("Asked about the report, she again ignored CNN's attempt to ask her "
                         "questions.") == []


def test_seeing_is_thought_not_speech(statements_of):
    [statement] = statements_of("Germany sees a significant cut in arms exports this year.")
    assert statement.cue_class == "thought"


def test_a_person_named_inside_the_quote_never_speaks(statements_of):
    [statement] = statements_of(
        "The opposition wants elections. \"The key aspect of political process is stepping "
        "down of Bashar Assad,\" he said.")
    assert statement.speaker_mention == "he"
    assert statement.speaker is None  # left unresolved rather than given to Assad


def test_he_is_the_person_named_before_the_quote(statements_of):
    [statement] = statements_of(
        "Nasr al-Hariri arrived in Geneva on Monday. \"The key aspect of political process is "
        "stepping down of Bashar Assad,\" he said.")
    assert statement.speaker == "Nasr al-Hariri"


def test_a_person_named_in_what_was_said_does_not_speak_next(statements_of):
    found = statements_of(
        "Nasr al-Hariri spoke in Geneva. He said that the key aspect is the stepping down of "
        "Bashar Assad and that Vladimir Putin must help. He added that talks would go on.")
    added = [s for s in found if s.cue == "add"]
    assert [s.speaker for s in added] == ["Nasr al-Hariri"]


def test_she_is_not_a_man(statements_of):
    [statement] = statements_of("John Smith met Mary Jones on Monday. She said the talks went "
                                "well.")
    assert statement.speaker == "Mary Jones"


def test_every_statement_has_a_confidence(statements_of):
    found = statements_of(
        "\"We will not give up,\" Nasr al-Hariri said. Some said the plan might fail.")
    assert found and all(0.0 <= s.confidence <= 1.0 for s in found)
    direct = next(s for s in found if s.kind == "direct")
    assert direct.confidence >= max(s.confidence for s in found if s is not direct)


def test_it_is_the_body_that_spoke_before(statements_of):
    found = statements_of("The National Audit Office said the accounts were late. It said "
                          "member states needed to be more accountable.")
    assert [s.speaker for s in found] == ["National Audit Office"] * 2


def test_they_stays_unresolved(statements_of):
    [statement] = statements_of("Russia and China rejected the plan. They said it was unfair.")
    assert (statement.speaker_mention, statement.speaker) == ("They", None)


def test_he_after_a_long_quotation_is_the_only_man_named(statements_of):
    quote = " ".join(f"Point {n} is that the talks must go on." for n in range(5))
    [statement] = statements_of(f"Alexander Grushko spoke on Thursday. \"{quote}\" he said.")
    assert statement.speaker == "Alexander Grushko"


@pytest.mark.parametrize("text, speaker", [
    ("According to Limbaugh, \"if it was left up to Hillary, she wouldn't have time to say "
     "anything positive.\"", "Limbaugh"),  # the source of "according to"
    ("Jeffrey Harrigian met reporters in Qatar. \"Such decisions could be hampering the overall "
     "operation, however,\" Harrigian was quoted as saying.", "Harrigian"),  # the one quoted
])
def test_the_quotes_speaker_without_a_subject_of_the_cue(statements_of, text, speaker):
    [statement] = statements_of(text)
    assert statement.speaker_mention == speaker


def test_a_possessive_owner_is_not_the_speaker(statements_of):
    [statement] = statements_of(
        "Mr Foley's bereaved parents John and Diane said they wanted the images removed.")
    assert statement.speaker_mention.startswith("Mr Foley's bereaved parents")
    assert statement.speaker is None  # not James Foley, nor one of the two parents


def test_a_name_that_only_modifies_the_head_does_not_speak(statements_of):
    # branch speakers3: "the Trump administration" is not Donald Trump
    found = statements_of("Donald Trump signed the order on Monday. The Trump administration "
                          "said the ban was legal.")
    said = next(s for s in found if "ban was legal" in s.text)
    assert said.speaker != "Donald Trump"
    assert said.speaker_mention == "The Trump administration"


def test_he_is_not_a_name_inside_the_assad_regime(statements_of):
    # branch speakers3: a person named only as a modifier ("the Assad regime") is no candidate
    found = statements_of("The attacks by the Assad regime on Aleppo killed dozens. He added "
                          "that the onslaught aimed at thwarting the talks.")
    added = next(s for s in found if s.cue == "add")
    assert added.speaker is None


def test_authorities_placed_elsewhere_are_not_the_earlier_country(nlp):
    # branch speakers3: "authorities in the German city of Cologne" are not Belgium's, though
    # the description layer gave "authorities" the country of the sentence before
    text = "Authorities in the German city of Cologne announced arrests."
    doc = nlp(text)
    belgium = Actor(actor_id="bel", name="Belgium", type="country", country="BEL")
    cologne = Actor(actor_id="cgn", name="Cologne", type="location", country="DEU")
    described = Mention("a1", 0, 11, "Authorities", "DESC", "bel", how="description")
    placed = Mention("a1", 34, 41, "Cologne", "GPE", "cgn", how="name")
    actors = DocActors([described, placed], {"bel": belgium, "cgn": cologne})
    head = doc[0]
    phrase = doc[head.left_edge.i:head.right_edge.i + 1]
    assert actor_in(actors, phrase, head) is None
    at_home = DocActors([described], {"bel": belgium})
    assert actor_in(at_home, doc[0:1], head) == belgium


def test_a_quote_that_goes_on_keeps_its_speaker(statements_of):
    # branch speakers3: “…,” he said. “A.” “B.” A spokesman said … — B is still his
    found = statements_of(
        "Edward Leigh spoke on Monday. \"Any fraud is fraud against the taxpayer,\" he said. "
        "\"Departments need to act on improper spending. \"The government must press the "
        "Commission to take a robust stance.\" A spokesman for the European Anti-Fraud Office "
        "said the organisation agreed with the assessment.")
    pressed = next(s for s in found if s.text.startswith("The government must press"))
    assert pressed.speaker == "Edward Leigh"
    agreed = next(s for s in found if "organisation agreed" in s.text)
    assert agreed.speaker_mention == "A spokesman for the European Anti-Fraud Office"


def test_a_hyphenated_title_is_one_speaker_phrase(statements_of):
    # branch speakers3: the parser makes "Vice", "-" and "president" three subjects of "said"
    [statement] = statements_of("Vice-president of the Syrian Coalition Muwaffaq Nyrabia said "
                                "that Russian policies are designed to force two choices.")
    assert statement.speaker_mention == "Vice-president of the Syrian Coalition Muwaffaq Nyrabia"
