"""bench/chaos.py: the list of bad inputs itself (the run is `python -m bench chaos`)."""
from __future__ import annotations

from bench.chaos import account, cases, prose


def test_at_least_fifty_kinds_of_bad_input_each_named_once():
    names = [case.name for case in cases()]
    assert len(names) >= 50 and len(set(names)) == len(names)


def test_long_texts_differ_from_each_other():
    assert prose(2000, 1) != prose(2000, 2) and len(prose(2000, 1)) >= 2000


def test_a_case_is_accounted_for_by_the_origins_under_its_folder(tmp_path):
    first, second = cases()[:2]
    origins = [f"{tmp_path}/01-{first.name}/e.txt", f"{tmp_path}/02-{second.name}/x",
               f"{tmp_path}/02-{second.name}/y"]
    rows = account([first, second], tmp_path, origins)
    assert [(r["found"], r["ok"]) for r in rows] == [(1, True), (2, False)]
