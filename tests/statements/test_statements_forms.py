"""Every statement form the extractor knows, on hand-written sentences (real spaCy model),
plus the learned cue lexicon (no model)."""
from __future__ import annotations

import pytest

from dragoman.errors import DragomanError
from dragoman.statements.cues import LEARNED_EXCLUDED, parse_learned_cues
from dragoman.statements.quotes import find_quotes


def test_learned_cues_come_from_polnear_train_and_never_trigger_events(cues):
    assert cues.learned, "data/statement_cues.tsv gives speech cues"
    assert "tout" in cues.learned and "tout" not in cues.entries
    assert not LEARNED_EXCLUDED & set(cues.learned)
    assert all(cue.role == "speech" and cue.plover is None for cue in cues.learned.values())


def test_learned_cue_thresholds():
    table = "lemma\tcue_count\tverb_count\tratio\nsay\t10\t12\t0.833\nmake\t20\t200\t0.100\n" \
            "boast\t2\t2\t1.000\nfire\t9\t10\t0.900\n"
    learned = parse_learned_cues(table, min_ratio=0.2, min_count=3)
    assert set(learned) == {"say"}  # make: rare as a cue; boast: too few; fire: an action


def test_learned_cue_table_errors_say_how_to_rebuild():
    with pytest.raises(DragomanError) as err:
        parse_learned_cues("say\tten\t12\t0.8\n")
    assert "build_cues.py" in str(err.value.hint)


def test_quote_over_two_paragraphs_is_one_quote():
    text = "He said: “We will not give up.\n\n“We will stay.”\nNext."
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert text[quotes[0].start:quotes[0].end] == "We will not give up.\n\n“We will stay."


@pytest.fixture
def run(statements_of):
    return statements_of


def only(statements):
    assert len(statements) == 1, statements
    return statements[0]


@pytest.mark.model
def test_according_to_before_the_clause(run):
    s = only(run("According to the United Nations, about 400,000 civilians are besieged."))
    assert (s.kind, s.cue, s.speaker) == ("indirect", "according to", "United Nations")
    assert s.text == "about 400,000 civilians are besieged"
    assert s.addressee is None


@pytest.mark.model
def test_according_to_after_the_clause_is_an_unnamed_source(run):
    s = only(run("The talks failed, according to two diplomats in Geneva."))
    assert s.text == "The talks failed"
    assert s.speaker is None and s.speaker_kind == "unnamed"
    assert s.speaker_mention == "two diplomats in Geneva"


@pytest.mark.model
def test_told_reporters_is_the_addressee(run):
    s = only(run("Omar Saleh told reporters that the convoy had reached the town."))
    assert (s.kind, s.cue, s.speaker, s.addressee) == ("indirect", "tell", "Omar Saleh",
                                                       "reporters")
    assert s.text == "the convoy had reached the town"


@pytest.mark.model
def test_in_a_statement_is_not_what_was_said(run):
    s = only(run("In a statement, the Foreign Ministry said the sanctions were illegal."))
    assert s.text == "the sanctions were illegal"
    assert s.speaker_mention == "the Foreign Ministry"


@pytest.mark.model
def test_a_statement_speaks_for_its_owner(run):
    s = only(run("Maria Lund's statement said the convoy had reached the town."))
    assert s.speaker == "Maria Lund"
    assert s.text == "the convoy had reached the town"


@pytest.mark.model
def test_accusation_has_its_target_in_about(run):
    s = only(run("Chile accused Norway of blocking the agreement."))
    assert (s.kind, s.cue, s.speaker, s.about) == ("indirect", "accuse", "Chile", "Norway")
    assert s.text == "Norway of blocking the agreement"


@pytest.mark.model
def test_appeal_has_its_addressee_in_about(run):
    s = only(run("France called on Russia to press the government to return to the talks."))
    assert (s.speaker, s.about) == ("France", "Russia")
    assert s.text.endswith("to press the government to return to the talks")


@pytest.mark.model
def test_mixed_quote_is_the_whole_reported_clause(run):
    s = only(run("Sanders said he has an “excellent chance” to win many of the states."))
    assert s.kind == "mixed"
    assert s.text == "he has an “excellent chance” to win many of the states"


@pytest.mark.model
def test_direct_quote_followed_by_another_clause(run):
    statements = run("Hind Kabawat said, “We have never seen anything like this,” while Farah "
                     "Atassi left the room.")
    s = statements[0]
    assert (s.kind, s.speaker) == ("direct", "Hind Kabawat")
    assert s.text == "We have never seen anything like this"


@pytest.mark.model
def test_quote_over_paragraphs_keeps_its_speaker(run):
    s = only(run("Omar Saleh said: “We will not give up. We never have.\n\n"
                 "“We will stay until the work is done.”"))
    assert (s.kind, s.speaker) == ("direct", "Omar Saleh")
    assert s.text.startswith("We will not give up.") and s.text.endswith("the work is done.")


@pytest.mark.model
def test_nominal_speaker_resolves_to_the_person_given_that_title(run):
    statements = run("Maria Lund, the ministry spokeswoman, arrived in Oslo on Monday. "
                     "The spokeswoman said that the talks would resume next week.")
    s = only(statements)
    assert (s.speaker_mention, s.speaker, s.speaker_kind) == ("The spokeswoman", "Maria Lund",
                                                              "named")


@pytest.mark.model
def test_nominal_speaker_without_evidence_stays_unresolved(run):
    s = only(run("The spokeswoman said that the talks would resume next week."))
    assert (s.speaker, s.speaker_kind) == (None, "nominal")


@pytest.mark.model
def test_a_group_is_not_resolved_to_a_person(run):
    statements = run("Syrian opposition negotiator Nasr Hariri arrived in Geneva on Monday. "
                     "The opposition said that the talks were a waste of time.")
    s = only(statements)
    assert s.speaker != "Nasr Hariri"


@pytest.mark.model
def test_unnamed_source_is_kept_as_such(run):
    s = only(run("A Western diplomat said that the delegation would return on Friday."))
    assert (s.speaker, s.speaker_mention, s.speaker_kind) == (None, "A Western diplomat",
                                                              "unnamed")


@pytest.mark.model
def test_pronoun_speaker_kind(run):
    statements = run("Omar Saleh arrived on Monday. He said that the convoy had left.")
    s = only(statements)
    assert (s.speaker, s.speaker_kind) == ("Omar Saleh", "pronoun")


@pytest.mark.model
def test_parenthetical_cue_reports_the_clause_around_it(run):
    s = only(run("This campaign, he says, is different from the last one."))
    assert s.kind == "indirect"
    assert s.text == "This campaign, he says, is different from the last one"


@pytest.mark.model
def test_name_and_colon_lead(run):
    s = only(run("Sergei Lavrov: the talks will go on without the opposition"))
    # the speaker is the canonical actor: the gazetteer's spelling (2024.3), "Sergey Lavrov"
    assert (s.cue, s.speaker, s.text) == (":", "Sergey Lavrov",
                                          "the talks will go on without the opposition")


@pytest.mark.model
def test_learned_cue_needs_someone_to_speak(run):
    assert run("Discussions focus on elections and the “road map” for next year.") == []


@pytest.mark.model
def test_a_newspaper_speaks_for_its_name(run):
    s = only(run("The pro-government Al-Watan newspaper wrote on Tuesday that the matter "
                 "was still being studied."))
    assert s.speaker_mention.startswith("The pro-government Al-Watan")
    assert s.speaker is None or "Watan" in s.speaker


@pytest.mark.model
def test_quote_paragraph_without_a_cue_continues_the_previous_speaker(run):
    statements = run("“We came to talk,” Omar Saleh said on Monday.\n\n"
                     "“But nobody else did, and we will not wait forever.”\n\nThe talks ended.")
    assert [(s.kind, s.speaker) for s in statements] == [("direct", "Omar Saleh")] * 2
    assert statements[1].text == "But nobody else did, and we will not wait forever."


@pytest.mark.model
def test_quote_paragraph_after_narrative_has_no_speaker(run):
    assert run("The talks ended.\n\n“But nobody else did, and we will not wait forever.”") == []


@pytest.mark.model
def test_block_after_the_following_statement(run):
    s = only(run("Former President Bill Clinton released the following statement:\n\n"
                 "Hillary and I offer our condolences to the family.\n\nThe funeral is on Monday."))
    assert (s.kind, s.speaker) == ("block", "Bill Clinton")
    assert s.text == "Hillary and I offer our condolences to the family."


@pytest.mark.model
def test_block_after_a_cue_and_words_before_the_colon(run):
    s = only(run("Schumer tweeted on Monday:\n\n“Let’s go. We can stop gun violence.”"))
    assert (s.kind, s.speaker, s.cue) == ("block", "Schumer", "tweet")


@pytest.mark.model
def test_an_inherited_subject_that_cannot_speak_gives_way_to_the_reporting_speaker(run):
    statements = run("Trump argued that a database would keep people from coming into the "
                     "country illegally, saying it is “all about management.”")
    assert statements and all(s.speaker_mention == "Trump" for s in statements)


@pytest.mark.model
def test_as_clause_cue(run):
    s = only(run("As the newspaper noted, Clinton raised more than $1 million from the industry."))
    assert (s.cue, s.speaker_mention) == ("note", "the newspaper")
    assert s.text == "Clinton raised more than $1 million from the industry"


@pytest.mark.model
def test_pronoun_between_two_people_takes_the_one_who_spoke(run):
    statements = run("Alexandre Giorgini told reporters that Paris supported Staffan de Mistura. "
                     "He said that the regime was to blame.")
    assert statements[-1].speaker_mention == "He"
    assert statements[-1].speaker == "Alexandre Giorgini"
