"""The explorer's memo: kept until the record changes, at most ``size`` results, and a result
made while the record changed is not kept."""
from __future__ import annotations

from dragoman.web.memo import Memo


def test_memo_keeps_the_most_recently_used_results():
    memo, made = Memo(size=2), []

    def make(key):
        return lambda: made.append(key) or key.upper()

    assert memo.get("a", make("a")) == "A" and memo.get("a", make("a")) == "A"
    memo.get("b", make("b"))
    memo.get("a", make("a"))      # a is now the most recent
    memo.get("c", make("c"))      # b goes
    memo.get("a", make("a"))
    memo.get("b", make("b"))
    assert made == ["a", "b", "c", "b"] and len(memo) == 2


def test_a_result_made_across_a_change_is_not_kept():
    memo = Memo()

    def stale():
        memo.clear()              # the record changes while this result is being made
        return "old"

    assert memo.get(("facets", 1), stale) == "old"
    assert memo.get(("facets", 1), lambda: "new") == "new"
    assert memo.get(("facets", 1), lambda: "newer") == "new"
    memo.clear()
    assert len(memo) == 0 and memo.get(("facets", 1), lambda: "after") == "after"
