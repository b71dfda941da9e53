"""Covered: an offset in any of a growing list of spans, by bisection."""
import random

from dragoman.text.spans import Covered


def test_covered_answers_as_a_scan_of_the_spans_does_while_the_list_grows():
    rng = random.Random(3)
    spans = [(5, 9), (7, 12), (12, 14), (20, 20), (30, 25)]  # overlapping, touching, empty
    covered = Covered(spans)
    for _ in range(3):
        for offset in range(-1, 60):
            assert (offset in covered) == any(s <= offset < e for s, e in spans), offset
        spans.extend((a, a + rng.randint(0, 9)) for a in rng.sample(range(50), 4))
    assert 4 not in Covered([(5, 9)]) and 8 in Covered([(5, 9)]) and 9 not in Covered([(5, 9)])
