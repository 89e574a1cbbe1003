"""Suppression of a cross table whose row and column totals are both printed (contacts by
kind and lead team): the audit is exact (brute force agrees) and the protection leaves no
``c`` a reader could work out."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from complaints_desktop.domain.cross_suppression import grid_disclosed, protect_grid
from complaints_desktop.domain.suppression import is_small

Grid = list[list[int]]


def _values(grid: Grid) -> dict[tuple[int, int], int]:
    return {(i, j): v for i, row in enumerate(grid) for j, v in enumerate(row)}


def _possible(
    grid: Grid, hidden: set[tuple[int, int]], threshold: int, bounds: dict[tuple[int, int], int]
) -> dict[tuple[int, int], set[int]]:
    """Every value each hidden cell takes in some table the reader cannot rule out."""
    values = _values(grid)
    cells = sorted(hidden)
    rows = [sum(r) for r in grid]
    cols = [sum(c) for c in zip(*grid, strict=True)]
    ranges = []
    for c in cells:
        high = max(rows[c[0]], 1)
        if is_small(values[c], threshold):
            high = min(high, threshold - 1)
        if c in bounds:
            high = min(high, bounds[c])
        ranges.append(range(1, high + 1))
    found: dict[tuple[int, int], set[int]] = {c: set() for c in cells}
    for choice in itertools.product(*ranges):
        trial = dict(values)
        trial.update(zip(cells, choice, strict=True))
        if all(
            sum(trial[(i, j)] for j in range(len(cols))) == rows[i] for i in range(len(rows))
        ) and all(
            sum(trial[(i, j)] for i in range(len(rows))) == cols[j] for j in range(len(cols))
        ):
            for c, v in zip(cells, choice, strict=True):
                found[c].add(v)
    return found


def test_a_lone_c_in_a_row_is_worked_out_from_the_row_total() -> None:
    grid = [[3, 7], [6, 8]]
    assert grid_disclosed(_values(grid), {(0, 0)}, 5) == [(0, 0)]


def test_two_cs_in_a_row_are_still_worked_out_from_their_columns() -> None:
    # Row 0 hides both cells, but each column's total less the printed cell gives it away.
    grid = [[3, 2], [6, 8]]
    assert sorted(grid_disclosed(_values(grid), {(0, 0), (0, 1)}, 5)) == [(0, 0), (0, 1)]


def test_a_rectangle_of_cs_protects_itself() -> None:
    grid = [[3, 2], [6, 8]]
    hidden = {(0, 0), (0, 1), (1, 0), (1, 1)}
    assert grid_disclosed(_values(grid), hidden, 5) == []


def test_protect_grid_hides_a_rectangle_around_a_small_count() -> None:
    grid = [[3, 7, 9], [6, 8, 10], [0, 12, 5]]
    hidden = protect_grid(grid, 5)
    assert hidden is not None
    assert (0, 0) in hidden
    assert grid_disclosed(_values(grid), hidden, 5) == []
    assert (2, 0) not in hidden  # zeros are printed


def test_a_small_count_alone_in_its_row_and_column_cannot_be_protected() -> None:
    assert protect_grid([[3, 0], [0, 9]], 5) is None


def test_threshold_one_turns_it_off() -> None:
    assert protect_grid([[1, 2], [3, 4]], 1) == set()


small = st.integers(0, 6)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 3).flatmap(
        lambda cols: st.lists(st.lists(small, min_size=cols, max_size=cols), min_size=1, max_size=3)
    ),
    st.integers(2, 6),
    st.data(),
)
def test_the_audit_is_exactly_what_brute_force_finds(
    grid: Grid, threshold: int, data: st.DataObject
) -> None:
    values = _values(grid)
    hidden = {c for c, v in values.items() if v > 0 and data.draw(st.booleans())}
    if len(hidden) > 4:
        return
    bounds = {
        c: data.draw(st.integers(values[c], values[c] + 3))
        for c in hidden
        if data.draw(st.booleans())
    }
    possible = _possible(grid, hidden, threshold, bounds)
    worked_out = {c for c, seen in possible.items() if len(seen) == 1}
    assert set(grid_disclosed(values, hidden, threshold, bounds)) == worked_out


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 3).flatmap(
        lambda cols: st.lists(st.lists(small, min_size=cols, max_size=cols), min_size=1, max_size=3)
    ),
    st.integers(0, 6),
)
def test_protected_cross_tables_hide_every_small_count_and_leak_none(
    grid: Grid, threshold: int
) -> None:
    hidden = protect_grid(grid, threshold)
    if hidden is None:
        return
    values = _values(grid)
    assert {c for c, v in values.items() if is_small(v, threshold)} <= hidden
    assert all(values[c] > 0 for c in hidden)
    if len(hidden) <= 4:
        possible = _possible(grid, hidden, threshold, {})
        assert all(len(seen) >= 2 for seen in possible.values()), (grid, hidden)
