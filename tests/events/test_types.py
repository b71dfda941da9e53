"""The cascade of the event typer: the fine-tuned MiniLM runs only where the SVM is unsure."""
import numpy as np
import pytest

from dragoman.events.types import CASCADE_GAP, EventTyper, Marked, cascade, ensemble, undecided

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
                        [-0.5, 0.9, -1.2]])  # 1.4 apart
    assert undecided(margins).tolist() == [1, 2]
    assert undecided(margins, gap=0.5).tolist() == [1]
    assert undecided(np.zeros((2, 1))).tolist() == []


def test_at_the_default_gap_the_cascade_picks_what_the_full_ensemble_picks():
    generator = np.random.default_rng(0)
    margins = generator.normal(0, 1.2, (500, 3))
    probabilities = generator.dirichlet(np.ones(3) * 0.3, 500)
    full = ensemble(margins, probabilities, LABELS, LABELS)
    cheap = cascade(margins, lambda rows: probabilities[rows], LABELS, LABELS, CASCADE_GAP)
    assert (full.argmax(1) == cheap.argmax(1)).all()
    rows = undecided(margins)
    assert np.allclose(full[rows], cheap[rows])  # the rows it ran on are scored exactly


def test_a_decided_row_keeps_the_svm_pick_on_the_ensemble_scale():
    margins = np.array([[1.4, -0.7, -1.0]])
    scores = cascade(margins, lambda rows: pytest.fail("nothing is undecided"), LABELS, LABELS)
    assert scores.tolist() == [[1.2, -0.85, -1.0]]  # (margin + 2p − 1) / 2 with p = 1 on ACCUSE


def test_the_typer_asks_the_fine_tuned_model_about_the_undecided_items_only():
    tuned = CountingTuned(EventTyper().labels, "ASSAULT")
    typer = EventTyper(tuned=tuned, gap=0.0)  # gap 0: never asked, the SVM decides
    items = [Marked("The army shelled the village.", (0, 8), (21, 32)),
             Marked("France accused Russia of blocking the resolution.", (0, 6), (15, 21))]
    alone = EventTyper().predict(items)
    assert typer.predict(items) == alone and tuned.seen == []
    typer = EventTyper(tuned=tuned, gap=float("inf"))  # asked about everything
    margins = EventTyper().scores(items)
    expected = ensemble(margins, np.tile(tuned.row, (2, 1)), typer.labels, tuned.labels)
    assert np.allclose(typer.scores(items), expected)
    assert tuned.seen == items
