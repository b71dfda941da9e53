"""Who did it to whom, as an analyst codes it: pronouns that stand for a reporting subject,
coordinated subjects the parser split, possessors acting for things, patrons named in
"-backed" modifiers, things that are no recipient, and clauses that are no acts. Hand-made
sentences, the real model."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.fixture
def run(events_of):
    return lambda text, published="2017-12-06": events_of(text, published)[0]


def _by_trigger(events, trigger):
    return [e for e in events if e.trigger == trigger]


def test_a_pronoun_subject_of_a_reported_clause_stands_for_the_reporters(run):
    events = run("Russia, Iran, and Turkey said they were ready to help broker a peace deal.")
    broker = _by_trigger(events, "broker")
    assert sorted(e.source_country for e in broker) == ["IRN", "RUS", "TUR"]
    assert {e.source for e in broker} == {"Russia", "Iran", "Turkey"}
    assert {e.type for e in broker} == {"AGREE"}  # an offer to mediate is a promise


def test_it_stands_for_a_singular_reporter(run):
    events = run("The Egyptian delegation said it wants to meet Israeli envoys.")
    meet = _by_trigger(events, "meet")[0]
    assert (meet.source_country, meet.target_country, meet.hypothetical) == ("EGY", "ISR", True)
    assert meet.source.startswith("The Egyptian delegation")


def test_names_the_parser_left_out_of_a_coordinated_subject_are_sources(run):
    events = run("The summit ended with France, Germany, and Italy issuing a joint statement "
                 "and agreeing on a plan.")
    agreeing = _by_trigger(events, "agreeing")
    assert sorted(e.source_country for e in agreeing) == ["DEU", "FRA", "ITA"]


def test_a_person_pronoun_is_shown_as_the_person(run):
    events = run("Sergei Lavrov arrived in Geneva on Monday. He criticized Ukraine.")
    criticized = _by_trigger(events, "criticized")[0]
    assert criticized.source == "Sergey Lavrov"  # the actor gazetteer's spelling (2024.3)
    assert criticized.target_country == "UKR"


def test_a_possessor_acts_for_a_thing_and_a_patron_is_not_the_country(run):
    events = run("The spokesman of the opposition slammed the Iranian-backed Iraqi "
                 "delegation's statement.")
    slammed = _by_trigger(events, "slammed")[0]
    assert slammed.target_country == "IRQ"
    assert "statement" not in slammed.target


def test_supporters_of_a_country_are_not_that_country(run):
    events = run("The United States urged the supporters of the Syrian government to act.")
    urged = _by_trigger(events, "urged")[0]
    assert urged.source_country == "USA" and urged.target_country is None


def test_a_by_phrase_on_a_passive_subject_is_the_source(run):
    events = run("Officials said aid convoys by the Sudanese army were blocked.")
    blocked = _by_trigger(events, "blocked")[0]
    assert blocked.source_country == "SDN"
    assert blocked.target == "aid convoys"


def test_support_of_a_thing_is_no_event_and_a_topic_is_no_meeting_partner(run):
    events = run("Chinese warplanes supporting a huge escalation of attacks flew over the "
                 "border. The council was created to discuss the political process in Yemen.")
    assert not any(e.type in ("SUPPORT", "CONSULT") for e in events)


def test_a_meeting_to_discuss_something_is_one_consultation(run):
    events = run("The rebel delegation wants to meet Russian envoys to discuss Moscow's "
                 "broken truce promises.")
    assert [e.trigger for e in events if e.type == "CONSULT"] == ["meet"]
    assert not _by_trigger(events, "promises")  # a noun the tagger read as a verb


def test_a_meeting_or_call_to_discuss_is_one_consultation_with_the_partner(run):
    events = run("The Egyptian minister met the French ambassador on Tuesday to discuss the "
                 "ceasefire. Officials telephoned Russian Foreign Minister Sergei Lavrov to "
                 "discuss the truce.")
    consult = [e for e in events if e.type == "CONSULT"]
    assert [e.target_country for e in consult] == ["FRA", "RUS"]  # one each, with the partner


def test_a_happening_placed_somewhere_is_no_actor_but_a_named_one_is(run):
    events = run("The war in Yemen killed 300 people. US drone strikes killed ten militants.")
    assert [e.source_country for e in _by_trigger(events, "killed")] == ["USA"]
    assert not any(e.source_country == "YEM" for e in events)  # Yemen is where, not who


def test_a_subjectless_passive_clause_is_no_act(run):
    events = run("Hariri told reporters, when asked to comment, that the talks had failed.")
    assert not _by_trigger(events, "asked")


def test_its_takes_the_nearest_party_before_it(run):
    events = run("The opposition accused the Syrian regime of stalling, as its delegation "
                 "walked out of the talks.")
    walked = _by_trigger(events, "walked")[0]
    assert walked.source_country == "SYR"


def test_a_date_after_a_participle_on_the_object_dates_the_act(run):
    events = run("Russia ruled out any agreement to ceasefires covering rebel-held territory "
                 "on Tuesday.", published="2016-02-03")
    ruled = _by_trigger(events, "ruled")[0]
    assert (ruled.type, ruled.date, ruled.date_text) == ("REJECT", "2016-02-02", "Tuesday")


def test_an_offered_thing_of_ones_own_goes_to_the_named_party(run):
    events = run("Syria offered its troops to Lebanon.")
    offered = _by_trigger(events, "offered")[0]
    assert (offered.source_country, offered.target_country) == ("SYR", "LBN")


@pytest.mark.shared
def test_event_exports_carry_canonical_names_and_the_actor_filter_uses_them(tmp_path, seeds,
                                                                            shared_model):
    import dragoman
    from dragoman.store import Store, reads
    from dragoman.store.reads import EventFilter

    db = str(tmp_path / "names.duckdb")
    dragoman.ingest([str(seeds)], db=db)
    with Store(db, read_only=True) as store:
        rows = reads.events(store, limit=500)
        named = [r for r in rows if r["source_actor_id"]]
        assert named and all(r["source_name"] for r in named)
        pronoun = [r for r in rows if r["source_name"] and r["source"] != r["source_name"]]
        assert pronoun  # a party written otherwise ("Paris", a title) is found by its name
        name = pronoun[0]["source_name"]
        found = reads.events(store, EventFilter(actor=name), 500)
        assert pronoun[0]["event_id"] in {r["event_id"] for r in found}


def test_an_announced_hostile_act_is_a_threat_made_when_said(run):
    events = run("The rebel leaders said they would boycott all talks with the government. "
                 "Chad will withdraw its troops from Mali unless the attacks stop.")
    boycott = _by_trigger(events, "boycott")[0]
    assert (boycott.type, boycott.mode, boycott.hypothetical) == ("THREATEN", "restrict", False)
    withdraw = _by_trigger(events, "withdraw")[0]
    assert (withdraw.type, withdraw.source_country) == ("THREATEN", "TCD")


def test_a_warned_act_is_the_warning_and_a_done_one_is_no_threat(run):
    events = run("Israel warned that its army would attack Hamas. Protesters boycotted the "
                 "election in Nigeria.")
    assert _by_trigger(events, "warned")[0].type == "THREATEN"
    assert not _by_trigger(events, "attack")  # the warning's content (PLOVER: one category)
    assert _by_trigger(events, "boycotted")[0].type != "THREATEN"


def test_protesters_blocking_a_road_protest_and_police_blocking_it_coerce(run):
    events = run("Thousands of students blocked the main road to the capital. Police blocked "
                 "the bridge into the city.")
    students, police = _by_trigger(events, "blocked")
    assert (students.type, students.mode) == ("PROTEST", "obstruct")
    assert police.type == "COERCE"


def test_a_participle_by_phrase_is_the_agent_and_a_released_statement_no_release(run):
    events = run("The ceasefire brokered by the United States and Russia collapsed. The Red "
                 "Cross released a joint statement. The rebels released 20 prisoners.")
    brokered = _by_trigger(events, "brokered")
    assert sorted(e.source_country for e in brokered) == ["RUS", "USA"]
    released = _by_trigger(events, "released")
    assert [(e.type, e.target) for e in released] == [("RETREAT", "20 prisoners")]


def test_a_date_is_never_a_party(run):
    events = run("Date of publication 21 September 2016 The United Nations suspended aid "
                 "convoys to Syria.")
    assert not any(e.source and e.source.startswith("Date") for e in events)


def test_an_act_wanted_of_others_is_the_request_not_a_fact(run):
    events = run('The spokeswoman said the United States wanted Russia "to '
                 'use its leverage to urge the government to negotiate."')
    # the wanting is the US's REQUEST to Russia; what Russia should do is its content only
    assert [(e.type, e.source_country, e.target_country) for e in events] == [
        ("REQUEST", "USA", "RUS")]


def test_the_subject_of_a_demanded_clause_is_the_target_and_its_act_only_asked(run):
    events = run("China demanded that Japan cancel the sale of weapons to Taiwan.")
    demanded = _by_trigger(events, "demanded")[0]
    assert (demanded.type, demanded.target_country) == ("REQUEST", "JPN")
    assert all(e.hypothetical for e in _by_trigger(events, "cancel"))


def test_a_promise_to_act_takes_the_recipient_of_the_act(run):
    events = run("Britain has promised to continue military aid to Mozambique.")
    promised = _by_trigger(events, "promised")[0]
    assert (promised.type, promised.target_country) == ("AGREE", "MOZ")


def test_a_person_without_a_country_takes_the_one_named_in_the_phrase(run):
    events = run("King Abdullah of Jordan criticized Israel.")
    criticized = _by_trigger(events, "criticized")[0]
    assert (criticized.source_country, criticized.target_country) == ("JOR", "ISR")


def test_an_attack_on_words_is_an_accusation_and_on_a_base_an_assault(run):
    events = run("The opposition leader attacked the government's new pledges as empty. "
                 "Rebels attacked the army base.")
    kinds = [e.type for e in _by_trigger(events, "attacked")]
    assert kinds == ["ACCUSE", "ASSAULT"]


def test_a_campaign_visit_and_a_journalists_question_are_no_events(run):
    events = run("Mr Kennedy visits Liverpool and Manchester this week. The party leader was "
                 "asked about the claims. The British minister visited Kenya.")
    assert [e.target_country for e in events if e.type in ("CONSULT", "AGREE")] == ["KEN"]
    assert not _by_trigger(events, "asked")


def test_things_given_to_a_named_party_are_aid_and_a_warning_is_not(run):
    events = run("The United States is providing military intelligence to Macedonia. Russia "
                 "gave Ukraine a warning.")
    aid = [e for e in events if e.type == "AID"]
    assert [(e.source_country, e.target_country) for e in aid] == [("USA", "MKD")]


def test_a_participle_on_the_object_is_the_subjects_act(run):
    events = run("Syrian warplanes targeted rebel strongholds in Idlib province killing 31 "
                 "fighters.")
    killing = _by_trigger(events, "killing")[0]
    assert killing.source_country == "SYR" and "strongholds" not in (killing.source or "")


def test_a_place_named_by_a_common_noun_does_not_act_but_a_capital_does(run):
    events = run("The besieged district fired on the army, killing three soldiers. Damascus "
                 "accused Turkey of shelling the border.")
    assert not any((e.source or "").startswith("The besieged district") for e in events)
    accused = _by_trigger(events, "accused")[0]
    assert (accused.source_country, accused.target_country) == ("SYR", "TUR")


def test_an_act_inside_a_quote_is_the_speakers_claim(events_of):
    events, statements = events_of('"The army has blocked all aid to the town," the mayor '
                                   'said. Rebels attacked the army base on Monday.')
    blocked = _by_trigger(events, "blocked")[0]
    quote = next(s for s in statements if s.statement_id == blocked.quoted_in)
    assert "blocked all aid" in quote.text
    assert _by_trigger(events, "attacked")[0].quoted_in is None


def test_claims_can_be_left_out_of_the_event_list(tmp_path, seeds, shared_model):
    import dragoman
    from dragoman.store import Store, reads
    from dragoman.store.reads import EventFilter

    db = str(tmp_path / "claims.duckdb")
    dragoman.ingest([str(seeds)], db=db)
    with Store(db, read_only=True) as store:
        every = reads.events(store, limit=500)
        narrated = reads.events(store, EventFilter(claims=False), 500)
    assert narrated and len(narrated) < len(every)
    assert all(e["quoted_in"] is None for e in narrated)


def test_an_object_pronoun_stands_for_the_object_before_it(run):
    events = run("The Egyptian minister met the Libyan rebels and urged them to disarm.")
    urged = _by_trigger(events, "urged")[0]
    assert urged.target.startswith("the Libyan rebels") and urged.target_country == "LBY"


def test_a_conjunct_a_name_modifies_is_a_party_of_its_own(run):
    events = run("Activists said that the Assad regime and Russian jets bombed the towns.")
    bombed = _by_trigger(events, "bombed")
    assert [e.source for e in bombed] == ["the Assad regime", "Russian jets"]
    assert bombed[1].source_country == "RUS"


def test_two_parties_agreeing_are_each_others_target_and_three_have_none(run):
    two = _by_trigger(run("Russia and Turkey agreed on a ceasefire."), "agreed")
    assert {(e.source_country, e.target_country) for e in two} == {("RUS", "TUR"),
                                                                   ("TUR", "RUS")}
    three = _by_trigger(run("Russia, Iran and Turkey agreed on a ceasefire."), "agreed")
    assert sorted(e.source_country for e in three) == ["IRN", "RUS", "TUR"]
    assert all(e.target is None for e in three)


def test_wanting_another_party_to_act_is_a_request_to_it(run):
    events = run("The US wants Russia to stop the bombing.")
    assert [(e.type, e.source_country, e.target_country) for e in events] == [
        ("REQUEST", "USA", "RUS")]
    assert run("Russia wants to hold talks with Turkey.")[0].type == "CONSULT"


def test_dropped_bombs_and_raids_carried_out_are_assaults(run):
    dropped = run("The Syrian air force dropped barrel bombs on Friday.")
    assert [(e.type, e.source_sector) for e in dropped] == [("ASSAULT", "MIL")]
    raids = run("At least 15 people were killed as the Russian army carried out raids.")
    assert [(e.type, e.source_country) for e in raids] == [("ASSAULT", "RUS")]


def test_saying_another_party_should_act_is_a_request_to_it(run):
    events = run("Gatilov said the United Nations should speed up the talks in Geneva.")
    said = _by_trigger(events, "said")
    assert [(e.type, e.target) for e in said] == [("REQUEST", "the United Nations")]
    assert not _by_trigger(run("He said it should be possible to meet."), "said")


def test_a_mobilisation_targets_only_whom_it_is_aimed_at(run):
    sent = _by_trigger(run("The US is preparing to send up to 1,000 troops to Kuwait."), "send")
    assert [(e.type, e.source_country, e.target) for e in sent] == [("MOBILIZE", "USA", None)]
    massed = run("Turkey has massed troops against the Kurdish militia.")
    assert [(e.type, e.target) for e in massed] == [("MOBILIZE", "the Kurdish militia")]
    reinforcing = run("Russia is reinforcing its force in the south.")
    assert [(e.type, e.target) for e in reinforcing] == [("MOBILIZE", None)]


def test_a_verbal_participle_on_a_reported_clause_is_the_reporters_act(run):
    events = run('Observer Rami Abdel Rahman said "military aircraft" had targeted the market, '
                 "blaming the regime for the strike.")
    blaming = _by_trigger(events, "blaming")
    assert [(e.type, e.source, e.target) for e in blaming] == [
        ("ACCUSE", "Observer Rami Abdel Rahman", "the regime")]
