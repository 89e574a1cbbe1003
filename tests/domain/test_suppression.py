"""Small-number suppression: primary, secondary, thresholds, zero never hidden."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaints_desktop.domain.suppression import (
    SUPPRESSED,
    is_small,
    show,
    suppress_grid,
    suppress_list,
)


def _flags(values: list[int], threshold: int = 5) -> list[bool]:
    return [row[0] for row in suppress_list(values, threshold).cells]


def test_counts_one_to_four_are_hidden_by_default() -> None:
    assert _flags([0, 1, 4, 5, 22]) == [False, True, True, False, False]


def test_zero_is_never_hidden() -> None:
    assert _flags([0, 0, 7]) == [False, False, False]
    assert not is_small(0, 5)


def test_a_lone_hidden_count_takes_the_next_smallest_with_it() -> None:
    # Compliments by team in Merton: only the 3 is small, so the 5 goes too (total 41 shown).
    assert _flags([22, 11, 5, 3]) == [False, False, True, True]


def test_two_hidden_counts_need_no_secondary() -> None:
    assert _flags([3, 22, 0, 1]) == [True, False, False, True]


def test_lone_hidden_count_without_partner_hides_the_total() -> None:
    result = suppress_list([3, 0, 0])
    assert [r[0] for r in result.cells] == [True, False, False]
    assert result.column_totals == (True,)
    assert result.any


def test_threshold_sets_the_limit() -> None:
    assert _flags([2, 3, 9], threshold=3) == [True, True, False]
    assert _flags([9, 10, 11], threshold=11) == [True, True, False]


@pytest.mark.parametrize("threshold", [0, 1])
def test_threshold_zero_or_one_turns_suppression_off(threshold: int) -> None:
    result = suppress_grid([[1, 2], [3, 0]], threshold)
    assert not result.any


def test_secondary_suppression_works_across_rows_and_columns() -> None:
    # Row 0 has one small cell -> its smallest partner (6) goes; that leaves column 1 with a
    # lone hidden cell -> the next smallest in column 1 (7) goes, and so on until stable.
    grid = [[2, 6, 9], [8, 7, 10]]
    result = suppress_grid(grid)
    assert result.cells[0] == (True, True, False)
    hidden = [(i, j) for i, row in enumerate(result.cells) for j, h in enumerate(row) if h]
    for i in range(2):
        assert sum(result.cells[i]) != 1 or result.row_totals[i]
    for j in range(3):
        assert sum(result.cells[i][j] for i in range(2)) != 1 or result.column_totals[j]
    assert (1, 0) in hidden or (1, 1) in hidden


def test_rows_only_leaves_columns_alone() -> None:
    result = suppress_grid([[2, 9], [9, 9]], by_columns=False)
    assert result.cells == ((True, True), (False, False))


def test_show_prints_c_for_hidden_counts() -> None:
    assert show(3, True) == SUPPRESSED == "c"
    assert show(3, False) == 3


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="same number"):
        suppress_grid([[1, 2], [3]])
    with pytest.raises(ValueError, match="negative"):
        suppress_grid([[-1]])


grids = st.integers(1, 5).flatmap(
    lambda w: st.lists(st.lists(st.integers(0, 12), min_size=w, max_size=w), max_size=6)
)


@given(grids, st.integers(0, 8))
def test_no_group_is_left_with_one_hidden_cell(grid: list[list[int]], threshold: int) -> None:
    result = suppress_grid(grid, threshold)
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            if value == 0:
                assert not result.cells[i][j]
            if 1 <= value < threshold:
                assert result.cells[i][j]
        assert sum(result.cells[i]) != 1 or result.row_totals[i]
    for j in range(len(grid[0]) if grid else 0):
        column = sum(result.cells[i][j] for i in range(len(grid)))
        assert column != 1 or result.column_totals[j]
    if threshold <= 1:
        assert not result.any
