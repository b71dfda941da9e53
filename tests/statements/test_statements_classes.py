"""Cue classes (speech, thought, evidence, stance) and the forms added with them, on
hand-written sentences (real spaCy model), plus the class table itself (no model)."""
from __future__ import annotations

import pytest

from dragoman.errors import DragomanError
from dragoman.model import Article
from dragoman.statements.cues import CUE_CLASSES, parse_cue_classes
from dragoman.statements.quotes import find_quotes


def test_class_table_lists_known_classes_and_keeps_acts_out_of_events(cues):
    assert cues.classes["believe"].cue_class == "thought"
    assert cues.classes["show"].cue_class == "evidence"
    assert cues.classes["back"].cue_class == "stance"
    assert cues.adjectives["hopeful"].cue_class == "thought"
    assert cues.preps["poll"].cue_class == "evidence"
    # "back" stays an action (a SUPPORT event) in the hand-written lexicon events read
    assert cues.entries["back"].role == "act" and cues.entries["back"].plover == "SUPPORT"
    assert cues.cue_class("say") == "speech"
    assert {c.cue_class for c in cues.classes.values()} <= set(CUE_CLASSES)


def test_class_table_errors_say_which_line():
    with pytest.raises(DragomanError) as err:
        parse_cue_classes("lemma\tpos\tclass\treads\nbelieve\tverb\tfeeling\tclause\n")
    assert "line 2" in str(err.value)
    assert "statement_cue_classes.tsv" in str(err.value.hint)


def test_doubled_apostrophes_are_quote_marks():
    text = "''We will stay,'' he said. He called it ''a disaster'' for the party."
    assert [text[q.start:q.end] for q in find_quotes(text)] == ["We will stay", "a disaster"]


@pytest.fixture
def run(statements_of):
    return statements_of


def only(statements):
    assert len(statements) == 1, statements
    return statements[0]


@pytest.mark.model
def test_said_is_speech(run):
    s = only(run("The minister said that the talks would resume in March."))
    assert (s.cue, s.cue_class, s.text) == ("say", "speech", "the talks would resume in March")


@pytest.mark.model
def test_believe_is_thought(run):
    s = only(run("Oslo believes that the ceasefire will hold."))
    assert (s.cue, s.cue_class, s.speaker) == ("believe", "thought", "Norway")
    assert s.text == "the ceasefire will hold"


@pytest.mark.model
def test_backing_someone_is_a_stance_and_one_name_is_enough(run):
    s = only(run("The delegates backed Trump."))
    assert (s.cue, s.cue_class, s.speaker_mention, s.text) == ("back", "stance",
                                                               "The delegates", "Trump")


@pytest.mark.model
def test_a_poll_showing_is_evidence_with_the_whole_finding(run):
    s = only(run("The latest Reuters poll shows Sanders within two points of Clinton."))
    assert (s.cue, s.cue_class) == ("show", "evidence")
    assert s.speaker_mention == "The latest Reuters poll"
    assert s.text == "Sanders within two points of Clinton"


@pytest.mark.model
def test_doubled_apostrophe_quote_is_direct(run):
    s = only(run("''We will not give up,'' said Karim Haddad, the opposition spokesman."))
    assert (s.kind, s.text, s.speaker, s.cue_class) == ("direct", "We will not give up",
                                                        "Karim Haddad", "speech")


@pytest.mark.model
def test_adjective_of_thought_after_be(run):
    s = only(run("Climate activists were hopeful that Murdoch would force changes."))
    assert (s.cue, s.cue_class, s.speaker_mention) == ("hopeful", "thought", "Climate activists")
    assert s.text == "Murdoch would force changes"


@pytest.mark.model
def test_raising_adjective_gives_no_speaker(run):
    assert run("Sanders is almost certain to win a speaking slot.") == []


@pytest.mark.model
def test_poll_phrase_opening_a_clause(run):
    s = only(run("In the latest CNN poll, Carson fell to 10 percent."))
    assert (s.cue, s.cue_class, s.speaker_mention) == ("in poll", "evidence",
                                                       "the latest CNN poll")
    assert s.text == "Carson fell to 10 percent"
    assert s.speaker is None


@pytest.mark.model
def test_call_for_someone_to_act(run):
    s = only(run("The senator called for Russia to withdraw its troops."))
    assert (s.cue, s.cue_class) == ("call", "speech")
    assert s.text.endswith("Russia to withdraw its troops")


@pytest.mark.model
def test_said_after_the_clause_parsed_as_a_conjunct(run):
    s = only(run("The steel plant is under intense pressure from imports, said Karim Haddad."))
    assert s.speaker == "Karim Haddad"
    assert s.text == "The steel plant is under intense pressure from imports"


@pytest.mark.model
def test_a_second_cue_in_the_reported_clause_is_a_statement_of_its_own(run):
    first, second = run("He said that the party was focused on the platform and noted that "
                        "Sanders had conceded.")
    assert (first.cue, first.text) == ("say", "the party was focused on the platform")
    assert (second.cue, second.text, second.speaker_mention) == ("note", "Sanders had conceded",
                                                                 "He")


@pytest.mark.model
def test_noun_of_stance_with_its_owner(run):
    s = only(run("Her support for Sanders surprised her colleagues."))
    assert (s.cue, s.cue_class, s.speaker_mention, s.text) == ("support", "stance", "Her",
                                                               "Sanders")


@pytest.mark.model
def test_attacks_are_no_noun_cue(run):
    assert run("Her attacks on Sanders grew sharper.") == []  # in war news, mostly military


@pytest.mark.model
def test_talked_about_is_speech_about_its_object(run):
    s = only(run("Clinton talked about the economy."))
    assert (s.cue, s.cue_class, s.text) == ("talk", "speech", "the economy")


@pytest.mark.model
def test_according_to_inside_parentheses(run):
    s = only(run("The plan failed (the real number is far lower, according to Factcheck.org)."))
    assert (s.cue, s.text, s.speaker_mention) == ("according to", "the real number is far lower",
                                                  "Factcheck.org")


@pytest.mark.model
def test_quote_after_its_own_colon_lead_is_not_the_previous_speakers(run):
    statements = run('Aides say the governor plans to "actively support" Cruz. From Bush\'s '
                     'Facebook post: "We must move to overcome the divisiveness of this '
                     'campaign."')
    s = only(statements)
    assert s.speaker_mention == "Aides" and "divisiveness" not in s.text


@pytest.mark.model
def test_title_in_a_fronted_phrase_is_not_what_was_said(run):
    s = only(run('In an interview on his podcast "The Axe Files", Mary Kay Henry said her '
                 'union is going into hyperdrive.'))
    assert s.text == "her union is going into hyperdrive"


def test_statements_filter_on_cue_class_in_the_store_and_the_cli(tmp_path):
    from click.testing import CliRunner

    from dragoman.cli import cli
    from dragoman.model import Statement
    from dragoman.pipeline import Batch
    from dragoman.store import Store, reads
    from dragoman.store.reads import StatementFilter

    text = "Oslo said the talks would go on. Oslo believes the truce will hold."
    art = Article(article_id="a1", origin="a1.txt", text=text, content_hash="c",
                  source_hash="s", published="2020-01-02")
    said = Statement("st1", "a1", "indirect", text[10:31], 10, 31, text[:32], cue="say",
                     speaker_mention="Oslo", cue_class="speech")
    thought = Statement("st2", "a1", "indirect", text[47:66], 47, 66, text[33:], cue="believe",
                        speaker_mention="Oslo", cue_class="thought")
    db = tmp_path / "classes.duckdb"
    with Store(db) as store:
        store.write_batch(Batch(articles=(art,), statements=(said, thought)))
        assert [r["cue"] for r in reads.statements(store, StatementFilter(cue_class="thought"))] == \
            ["believe"]
        assert len(reads.statements(store, StatementFilter(cue_class=None))) == 2
        assert [r["cue"] for r in reads.statements(store)] == ["say"]  # speech by default
    result = CliRunner().invoke(cli, ["statements", "--cue-class", "speech", "--format", "jsonl",
                                      "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert '"cue": "say"' in result.output and "believe" not in result.output


@pytest.mark.model
def test_headline_lead_named_elsewhere_in_the_article(run):
    statements = run("Sanders: Clinton Email Story Has Moved\n"
                     "Bernie Sanders said on Monday that the story had moved on.")
    lead = statements[0]
    assert (lead.cue, lead.speaker_mention, lead.text) == (":", "Sanders",
                                                          "Clinton Email Story Has Moved")


@pytest.mark.model
def test_poll_lead_is_evidence_and_a_place_lead_is_no_speaker(run):
    s = only(run("Poll: Bernie Sanders Leads Hillary Clinton Nationally"))
    assert (s.cue, s.cue_class, s.speaker_mention) == (":", "evidence", "Poll")
    assert run("Syria: the talks resumed in Geneva.") == []


@pytest.mark.model
def test_a_stance_verb_needs_someone_to_take_it(run):
    statements = run("They protested bombing by Russian warplanes supporting “a massive "
                     "acceleration” of attacks on Homs.")
    assert not [s for s in statements if s.cue == "support"]
