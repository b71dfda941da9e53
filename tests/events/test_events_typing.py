"""Event typing v3: parse features of the trigger, the stored model configuration, and the
PLOVER manual's rules on demands ("X must ..."), protest topics and resignations."""
from __future__ import annotations

import pytest

from dragoman.events.types import Config, Marked, frame
from dragoman.events.types_fit import build_model


@pytest.fixture
def run(events_of):
    return lambda text: events_of(text)[0]


@pytest.mark.model
def test_trigger_features_name_the_parties_by_role_not_by_words(nlp):
    from dragoman.events.trigger import trigger_features

    doc = nlp("France did not walk out of the talks with Russia.")
    walk = next(t for t in doc if t.lemma_ == "walk")
    symbols = trigger_features(walk, {0}, {9}).split()
    assert {"L_walk", "NEG", "S_nsubj"} <= set(symbols)
    assert {"P_walk_out", "R_walk_out"} & set(symbols)  # particle or preposition, as parsed
    assert not any("france" in s.lower() or "russia" in s.lower() for s in symbols)


@pytest.mark.model
def test_plv_trigger_is_the_word_governing_both_parties(nlp):
    from dragoman.events.trigger import plv_trigger

    doc = nlp("Iran has condemned the decision of the court.")
    assert plv_trigger([doc[0]], list(doc[3:8])).lemma_ == "condemn"
    doc = nlp("The town, which the rebels attacked, burned.")
    assert plv_trigger(list(doc[4:6]), list(doc[0:2])).lemma_ == "attack"
    assert plv_trigger([], []) is None


def test_the_parse_features_are_used_only_when_the_configuration_says_so():
    items = [Marked("A attacked B.", (0, 1), (11, 12), "L_attack S_nsubj T_dobj",
                    "SOURCE attack TARGET", "A attacked B"),
             Marked("A praised B.", (0, 1), (10, 11), "L_praise S_nsubj T_dobj",
                    "SOURCE praise TARGET", "A praised B")] * 3
    roots = ["ASSAULT", "SUPPORT"] * 3
    data = frame(items)
    with_parse = build_model(Config(True, (), 1.0)).fit(data, roots)
    names = with_parse.named_steps["features"].get_feature_names_out()
    assert any(n.startswith("trigger__") for n in names)
    without = build_model(Config(False, (), 1.0)).fit(data, roots)
    assert not any(n.startswith("trigger__") for n in
                   without.named_steps["features"].get_feature_names_out())
    # a plain sentence (no parse) still has every column the models read
    assert list(frame([Marked("A attacked B.")]).columns) == list(data.columns)


def test_the_shipped_models_carry_their_chosen_configuration():
    from dragoman.events.types import EMBEDDING_CANDIDATES, SPARSE_CANDIDATES, load_models

    models = load_models()
    for kind, candidates in (("sparse", SPARSE_CANDIDATES), ("embedding", EMBEDDING_CANDIDATES)):
        stored = models["configs"][kind]
        assert Config(stored["parse"], tuple(stored["vectors"]), stored["C"]) in candidates


@pytest.mark.model
def test_someone_else_must_act_is_a_request_to_them(run):
    events = run("Russia said on Tuesday that Sudan must return the helicopter.")
    demand = next(e for e in events if e.trigger == "said")
    assert (demand.type, demand.source_country, demand.target_country) == \
        ("REQUEST", "RUS", "SDN")
    assert all(e.trigger != "said" for e in run("Russia said that it must act."))


@pytest.mark.model
def test_the_demand_of_a_protest_is_not_a_separate_event(run):
    events = run("Indonesian students staged mass demonstrations in Jakarta to demand reforms.")
    assert [e.type for e in events] == ["PROTEST"]


@pytest.mark.model
def test_a_resignation_is_a_retreat(run):
    events = run("The Haitian president, Prosper Avril, resigned on Monday.")
    assert [e.type for e in events] == ["RETREAT"]


@pytest.mark.model
def test_a_hunger_strike_is_a_protest_an_air_strike_campaign_is_not(run):
    events = run("Algerian landowners began a hunger strike outside the Algerian parliament.")
    assert [(e.type, e.trigger) for e in events] == [("PROTEST", "began")]
    assert all(e.type != "PROTEST" for e in run("Russia began air strikes on Aleppo."))


@pytest.mark.model
@pytest.mark.parametrize("text, trigger, expected", [
    ("Portugal will support Turkey's bid to join the European Union.", "support", "AGREE"),
    ("Norway is ready to provide aid to Saudi Arabia.", "provide", "AGREE"),
    ("Syria announced it would withdraw its troops from Lebanon.", "withdraw", "CONCEDE"),
    ("Syria withdrew its troops from Lebanon.", "withdrew", "RETREAT"),
    ("Portugal supported Turkey's bid to join the European Union.", "supported", "SUPPORT"),
])
def test_an_announced_act_is_coded_as_the_manual_says(run, text, trigger, expected):
    event = next(e for e in run(text) if e.trigger == trigger)
    assert event.type == expected
    assert not event.hypothetical  # the promise was made; what it promises is its type


def test_the_fine_tuned_model_reads_the_sentence_with_its_parties_marked():
    from dragoman.events.types_tuned import marked_input

    item = Marked("Iran condemned the ruling.", (0, 4), (15, 25))
    assert marked_input(item) == "<s> Iran </s> condemned <t> the ruling </t>."
    # a target inside the source is not marked twice
    assert marked_input(Marked("The Iranian army attacked.", (0, 16), (4, 11))) == \
        "<s> The Iranian army </s> attacked."


def test_the_ensemble_keeps_the_margin_scale_and_the_svm_label_order():
    import numpy as np

    from dragoman.events.types import ensemble

    margins = np.array([[1.0, -1.0]])
    probabilities = np.array([[0.0, 1.0]])  # the fine-tuned model's labels in reverse order
    assert ensemble(margins, probabilities, ["A", "B"], ["B", "A"]).tolist() == [[1.0, -1.0]]


@pytest.fixture(scope="module")
def shipped_typer():
    from dragoman.events.types import EventTyper

    return EventTyper(tuned=True)


@pytest.mark.parametrize("text, source, target, expected", [
    ("The army shelled the village.", "The army", "the village", "ASSAULT"),
    ("France accused Russia of blocking the resolution.", "France", "Russia", "ACCUSE"),
    ("Japan sent food and medicine to the flood victims.", "Japan", "the flood victims", "AID"),
])
def test_the_shipped_fine_tuned_typer_loads_and_types_hand_made_sentences(
        shipped_typer, text, source, target, expected):
    from dragoman.events.types import EventTyper

    typer = shipped_typer
    assert typer.tuned is not None, "event_types_tuned.pt should ship with the package"
    start = text.index(target)
    item = Marked(text, (0, len(source)), (start, start + len(target)))
    assert typer.predict([item]) == [expected]
    assert typer.tuned.probabilities([item]).sum() == pytest.approx(1.0, abs=1e-4)
    assert EventTyper().tuned is None  # the pipeline's default: the SVM alone



def test_the_event_model_setting_picks_the_typer():
    from dragoman.errors import DragomanError
    from dragoman.runners.local import event_tools
    from dragoman.settings import Settings

    assert event_tools(Settings()) is None  # the stage's default: the sparse SVM
    with pytest.raises(DragomanError, match="DRAGOMAN_EVENT_MODEL"):
        event_tools(Settings(event_model="huge"))
