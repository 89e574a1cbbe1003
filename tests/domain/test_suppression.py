"""Small-number suppression and its audit: no printed ``c`` can be worked out.

The audit's intervals are checked against brute force (every whole-number table a reader
could believe in), and the old team table is shown failing it.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaints_desktop.domain.suppression import (
    SUPPRESSED,
    BoundRule,
    SumRule,
    disclosed,
    intervals,
    is_small,
    protect_sum,
    show,
)


def _flags(values: list[int], threshold: int = 5) -> list[bool] | None:
    result = protect_sum(values, threshold, total=sum(values))
    return None if result is None else list(result)


def test_counts_one_to_four_are_hidden_by_default() -> None:
    assert _flags([0, 1, 4, 5, 22]) == [False, True, True, False, False]


def test_zero_is_never_hidden() -> None:
    assert _flags([0, 0, 7]) == [False, False, False]
    assert not is_small(0, 5)


def test_a_lone_hidden_count_takes_the_next_smallest_with_it() -> None:
    assert _flags([22, 11, 5, 3]) == [False, False, True, True]


def test_two_hidden_counts_whose_remainder_is_two_take_a_third() -> None:
    # 1 + 1 = 2 with both at least 1: both would be 1. The 22 goes too.
    assert _flags([1, 22, 0, 1]) == [True, True, False, True]


def test_two_hidden_counts_with_room_need_nothing_more() -> None:
    assert _flags([3, 22, 0, 1]) == [True, False, False, True]


def test_a_lone_count_with_no_partner_cannot_be_protected() -> None:
    # Its total is printed elsewhere: hiding the total is no protection, so no table.
    assert _flags([3, 0, 0]) is None


def test_threshold_sets_the_limit() -> None:
    assert _flags([2, 3, 9], threshold=3) == [True, True, False]
    assert _flags([9, 10, 11], threshold=11) == [True, True, False]


@pytest.mark.parametrize("threshold", [0, 1])
def test_threshold_zero_or_one_turns_suppression_off(threshold: int) -> None:
    assert _flags([1, 2, 3, 0], threshold) == [False] * 4


def test_a_bound_alone_gives_a_count_away_when_it_is_one() -> None:
    # A team's stage 3 figure is at most the stage 3 complaints started (printed: 1).
    values = {"a": 1, "b": 0, "c": 0}
    assert disclosed(values, {"a"}, 5, bounds=[BoundRule(("a", "b", "c"), 1)]) == ["a"]
    assert disclosed(values, {"a"}, 5, bounds=[BoundRule(("a", "b", "c"), 2)]) == []
    assert protect_sum([1, 0, 0], 5, bound=1) is None
    assert protect_sum([1, 0, 0], 5, bound=2) == (True, False, False)


def test_the_old_team_table_fails_the_audit() -> None:
    """The team table as the old grid suppression printed it: Fostering's stage 3 was
    ``c`` with every other team at 0 and "Stage 3 started 1" in the stage table, and
    Adoption's 24 stage 2 complaints were hidden along a row that adds up to nothing."""
    true = {
        ("Adoption", 1): 2,
        ("Adoption", 2): 24,
        ("Adoption", 3): 0,
        ("Fostering", 1): 30,
        ("Fostering", 2): 6,
        ("Fostering", 3): 1,
        ("Safeguarding", 1): 41,
        ("Safeguarding", 2): 9,
        ("Safeguarding", 3): 0,
    }
    old_hidden = {("Adoption", 1), ("Adoption", 2), ("Fostering", 3), ("Fostering", 2)}
    started = {1: 70, 2: 35, 3: 1}
    bounds = [
        BoundRule(tuple(cell for cell in true if cell[1] == stage), n)
        for stage, n in started.items()
    ]
    assert disclosed(true, old_hidden, 5, bounds=bounds) == [("Fostering", 3)]
    # Now: stage 3 by team is left out; stage 1's lone c stands alone (no sums).
    assert protect_sum([0, 1, 0], 5, bound=1) is None
    assert protect_sum([2, 30, 41], 5, bound=70) == (True, False, False)
    assert protect_sum([24, 6, 9], 5, bound=35) == (False, False, False)


def test_two_sums_sharing_a_cell_are_refused() -> None:
    with pytest.raises(ValueError, match="two sums"):
        intervals({"a": 1, "b": 1}, {"a"}, 5, sums=[SumRule(("a", "b"), 2), SumRule(("a",), 1)])


def test_show_prints_c_for_hidden_counts() -> None:
    assert show(3, True) == SUPPRESSED == "c"
    assert show(3, False) == 3


def _brute(
    values: Sequence[int],
    hidden: set[int],
    threshold: int,
    total: int | None,
    bound: int | None,
) -> dict[int, set[int]]:
    """Every value each hidden cell can take in some table consistent with the print."""
    cap = max([*values, total or 0, bound or 0, threshold]) + 1
    order = sorted(hidden)
    ranges = []
    for i in order:
        high = threshold - 1 if is_small(values[i], threshold) else cap
        if bound is not None:
            high = min(high, bound)
        ranges.append(range(1, high + 1))
    shown = sum(v for i, v in enumerate(values) if i not in hidden)
    out: dict[int, set[int]] = {i: set() for i in order}
    for guess in itertools.product(*ranges):
        if total is not None and shown + sum(guess) != total:
            continue
        for i, g in zip(order, guess, strict=True):
            out[i].add(g)
    return out


counts = st.lists(st.integers(0, 9), min_size=1, max_size=5)


@settings(max_examples=300, deadline=None)
@given(counts, st.integers(0, 6), st.booleans(), st.integers(1, 12))
def test_protected_lists_hide_no_count_a_reader_can_work_out(
    values: list[int], threshold: int, additive: bool, spare: int
) -> None:
    total = sum(values) if additive else None
    bound = None if additive else max(values) + spare - 1
    flags = protect_sum(values, threshold, total=total, bound=bound)
    if flags is None:
        assert threshold > 1
        return
    hidden = {i for i, flag in enumerate(flags) if flag}
    for i, value in enumerate(values):
        assert (i in hidden) >= is_small(value, threshold)
        assert value > 0 or i not in hidden
    if threshold <= 1:
        assert not hidden
    possible = _brute(values, hidden, threshold, total, bound)
    for i in hidden:
        assert values[i] in possible[i]
        assert len(possible[i]) >= 2, (values, hidden, i)


@settings(max_examples=300, deadline=None)
@given(counts, st.integers(2, 6), st.data())
def test_intervals_are_exactly_what_brute_force_finds(
    values: list[int], threshold: int, data: st.DataObject
) -> None:
    hidden = {i for i, v in enumerate(values) if v > 0 and data.draw(st.booleans())}
    cells: dict[Hashable, int] = dict(enumerate(values))
    ranges = intervals(cells, hidden, threshold, sums=[SumRule(tuple(cells), sum(values))])
    possible = _brute(values, hidden, threshold, sum(values), None)
    for i in hidden:
        low, high = ranges[i]
        assert high is not None
        assert possible[i] == set(range(low, high + 1))
