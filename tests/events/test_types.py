"""The cascade of the event typer: the fine-tuned MiniLM runs only where the SVM is unsure."""
import numpy as np
import pytest

from dragoman.events.types import (
    CASCADE_GAP,
    EventTyper,
    Marked,
    cascade,
    direct_margins,
    direct_parts,
    ensemble,
    frame,
    undecided,
)

LABELS = ["ACCUSE", "ASSAULT", "CONSULT"]


class CountingTuned:
    """A stand-in for the fine-tuned typer: sure of one root, and the items it was asked."""

    def __init__(self, labels, sure):
        self.labels = list(reversed(labels))  # another order than the SVM's
        self.row = np.array([float(label == sure) for label in self.labels])
        self.seen = []

    def probabilities(self, items):
        self.seen.extend(items)
        return np.tile(self.row, (len(items), 1))


def test_only_rows_whose_two_best_margins_are_close_are_undecided():
    margins = np.array([[1.5, -0.8, -1.0],   # 2.3 apart: decided
                        [0.2, 0.1, -1.0],    # 0.1 apart
                        [-0.5, 1.4, -1.2],   # 1.9 apart
                        [0.7, -1.4, -1.5]])  # 2.1 apart, but the best is near zero
    assert undecided(margins).tolist() == [1, 2, 3]
    assert undecided(margins, gap=0.5).tolist() == [1, 3]


def test_at_the_default_gap_the_cascade_picks_what_the_full_ensemble_picks():
    generator = np.random.default_rng(0)
    margins = generator.normal(0, 1.2, (500, 3))
    probabilities = generator.dirichlet(np.ones(3) * 0.3, 500)
    prior = np.zeros_like(margins)  # a lexicon bonus on a random root of half the rows
    prior[np.arange(0, 500, 2), generator.integers(0, 3, 250)] = 1.0
    full = ensemble(margins, probabilities, LABELS, LABELS) + prior
    cheap = cascade(margins, lambda rows: probabilities[rows], LABELS, LABELS, CASCADE_GAP,
                    prior)
    assert (full.argmax(1) == cheap.argmax(1)).all()
    assert ((full.max(1) > 0) == (cheap.max(1) > 0)).all()  # an open verb is kept alike
    rows = undecided(margins + 2 * prior)
    assert 0 < len(rows) < 500
    assert np.allclose(full[rows], cheap[rows])  # the rows it ran on are scored exactly


def test_a_decided_row_keeps_the_svm_pick_on_the_ensemble_scale():
    margins = np.array([[1.4, -0.7, -1.0]])
    scores = cascade(margins, lambda rows: pytest.fail("nothing is undecided"), LABELS, LABELS)
    assert scores.tolist() == [[1.2, -0.85, -1.0]]  # (margin + 2p − 1) / 2 with p = 1 on ACCUSE


def test_the_typer_asks_the_fine_tuned_model_about_the_undecided_items_only():
    items = [Marked("The army shelled the village.", (0, 8), (21, 32)),
             Marked("France accused Russia of blocking the resolution.", (0, 6), (15, 21)),
             Marked("Japan sent food and medicine to the flood victims.", (0, 5), (32, 49))]
    margins = EventTyper().scores(items)
    tuned = CountingTuned(EventTyper().labels, "ASSAULT")
    typer = EventTyper(tuned=tuned, gap=1.0)
    scores = typer.scores(items)
    asked = undecided(margins, 1.0)
    assert tuned.seen == [items[k] for k in asked]
    expected = ensemble(margins, np.tile(tuned.row, (3, 1)), typer.labels, tuned.labels)
    assert np.allclose(scores[asked], expected[asked])
    tuned.seen.clear()  # with gap ∞ it reads everything: the full ensemble
    assert np.allclose(EventTyper(tuned=tuned, gap=float("inf")).scores(items), expected)
    assert tuned.seen == items
    bonus = np.zeros_like(margins)
    bonus[:, 0] = 1.0  # a prior is added to the scores, with or without the fine-tuned model
    assert np.allclose(EventTyper().scores(items, bonus), margins + bonus)


def test_the_sparse_typer_reads_its_columns_directly_with_the_same_margins_as_its_pipeline():
    typer = EventTyper()
    items = [Marked("Russia condemned the strikes on Aleppo.", (0, 6), (27, 33),
                    "lemma=condemn obj=strike", "SOURCE condemn the strike on TARGET"),
             Marked("The rebels walked out of the talks in Geneva.", (0, 10), None),
             Marked("No party is marked here, and nothing was parsed.")]
    words = ("the army attacked rebels in Aleppo and Russia urged talks while officials said "
             "they would reject the ceasefire deal after troops withdrew from the town").split()
    rng = np.random.default_rng(5)
    for _ in range(40):  # word salads: many features of every vectoriser, repeated words too
        sentence = " ".join(rng.choice(words, rng.integers(3, 25)))
        items.append(Marked(sentence, (0, sentence.find(" ")), None,
                            " ".join(rng.choice(words, 3)), sentence.lower()))
    assert typer.direct is not None and direct_parts(typer.models["embedding"]) is None
    direct = direct_margins(typer.model, typer.direct, items)
    assert np.array_equal(direct, typer.model.decision_function(frame(items)))
    assert np.array_equal(typer.scores(items), direct)
