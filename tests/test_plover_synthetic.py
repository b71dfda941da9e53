"""NGEC's synthetic PLOVER stories → training items (scripts/plover_synthetic.py), on a
hand-made CSV with the same columns."""
from __future__ import annotations

import csv

import numpy as np
import pytest

from dragoman.events.types import masked_text
from scripts import plover_synthetic as syn

COLUMNS = ("disclaimer", "text", "title", "source", "prompt", "label", "mode")
ROWS = [
    ("Norway accused Sweden of spying on its diplomats in Oslo.\n\nThe ministry said more.",
     "ACCUSE", ""),
    ("\nThe rebels withdrew their fighters from the northern town on Monday.", "RETREAT",
     "withdraw"),
    ("Farmers marched through the capital on Friday to demand lower fuel prices.", "PROTEST",
     "demonstrate"),
    ("", "AID", ""),  # no text: skipped
    ("Text without a label.", "", ""),
]


@pytest.fixture
def mini_csv(tmp_path):
    path = tmp_path / "synthetic.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for text, label, mode in ROWS:
            writer.writerow(("made up", text, "A title", "gpt", "a prompt", label, mode))
    return path


def test_roots_are_plv_roots():
    assert syn.plv_root("CONCEDE") == syn.plv_root("RETREAT") == "YIELD"
    assert syn.plv_root("ACCUSE") == "ACCUSE"


def test_stories_keep_the_first_paragraph_and_skip_rows_without_text_or_label(mini_csv):
    stories = syn.read_stories(mini_csv)
    assert [s.root for s in stories] == ["ACCUSE", "YIELD", "PROTEST"]
    assert stories[0].lead == "Norway accused Sweden of spying on its diplomats in Oslo."
    assert stories[1].lead.startswith("The rebels withdrew")


@pytest.mark.model
def test_items_mark_the_detected_parties_or_none(mini_csv, nlp, tmp_path):
    items = syn.load_items(mini_csv, nlp, cache=tmp_path / "cache.pkl")
    assert items["roots"] == ["ACCUSE", "YIELD", "PROTEST"]
    accuse = items["marked"][0]
    assert masked_text(accuse).startswith("SOURCE accused TARGET of spying")
    assert "L_accuse" in accuse.trigger.split() and "S_nsubj" in accuse.trigger.split()
    for plain in items["plain"]:
        assert plain.source is None and plain.target is None and plain.trigger.startswith("L_")
    assert items["plain"][0].sentence == accuse.sentence  # the lead sentence, nothing more


@pytest.mark.model
def test_items_are_cached_and_deterministic(mini_csv, nlp, tmp_path):
    cache = tmp_path / "cache.pkl"
    first = syn.load_items(mini_csv, nlp, cache=cache)
    assert cache.exists()

    class NoParser:
        def pipe(self, *args, **kwargs):
            raise AssertionError("the cache should have answered")
    assert syn.load_items(mini_csv, NoParser(), cache=cache) == first
    assert syn.load_items(mini_csv, nlp, cache=None) == first


def test_synthetic_rows_join_training_with_their_weight():
    from scripts.plover_synthetic import fit
    from dragoman.events.types import Config, Marked, frame

    plv = frame([Marked("SOURCE attacked TARGET"), Marked("SOURCE met TARGET"),
                 Marked("SOURCE shelled TARGET"), Marked("SOURCE visited TARGET")])
    synthetic = frame([Marked("troops bombed the town"), Marked("the envoys held talks")])
    y, syn_y = np.array(["ASSAULT", "CONSULT"] * 2), np.array(["ASSAULT", "CONSULT"])
    model = fit(Config(False, (), 1.0), plv, y, synthetic, syn_y, weight=0.5)
    assert list(model.classes_) == ["ASSAULT", "CONSULT"]
    assert "bombed" in model.named_steps["features"].named_transformers_["masked"].vocabulary_
    alone = fit(Config(False, (), 1.0), plv, y, synthetic, syn_y, weight=0.0)
    assert "bombed" not in alone.named_steps["features"].named_transformers_["masked"].vocabulary_
