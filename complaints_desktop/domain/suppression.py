"""Domain: small-number suppression for published tables (no personal data in a report).

A count ``n`` with ``1 <= n < threshold`` is *primary* suppressed (printed as ``c``).
Zero is never suppressed. So that a suppressed cell cannot be worked out by subtraction,
every group of cells that adds up to a published figure (a row, a column) that holds
exactly one suppressed cell gets a *secondary* suppression: its smallest other non-zero
cell; when the group has no other non-zero cell, its total is suppressed instead. This
repeats until no group has a lone suppressed cell. ``threshold <= 1`` turns it all off.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

SUPPRESSED = "c"
"""What a suppressed cell shows."""

DEFAULT_THRESHOLD = 5


@dataclass(frozen=True)
class Suppression:
    """Which cells of a grid (and which of its totals) to print as ``c``.

    Attributes:
        cells: one list of flags per row, True where the cell is suppressed.
        row_totals: per row, True where the row's total must be suppressed.
        column_totals: per column, True where the column's total must be suppressed.
    """

    cells: tuple[tuple[bool, ...], ...]
    row_totals: tuple[bool, ...]
    column_totals: tuple[bool, ...]

    @property
    def any(self) -> bool:
        """True when anything at all is suppressed (the table needs its footnote)."""
        return (
            any(any(row) for row in self.cells) or any(self.row_totals) or any(self.column_totals)
        )


def is_small(count: int, threshold: int) -> bool:
    """True for a count that must be hidden on its own: ``1 <= count < threshold``."""
    return threshold > 1 and 1 <= count < threshold


def suppress_grid(
    values: Sequence[Sequence[int]],
    threshold: int = DEFAULT_THRESHOLD,
    *,
    by_rows: bool = True,
    by_columns: bool = True,
) -> Suppression:
    """Primary and secondary suppression of a grid of counts.

    Args:
        values: the counts, one sequence per row (all rows the same length).
        threshold: counts ``1 <= n < threshold`` are suppressed; ``0`` or ``1`` = off.
        by_rows: rows are groups whose totals are published (or can be derived).
        by_columns: columns are groups whose totals are published.

    Returns:
        The cells and totals to print as ``c``.
    """
    rows = [list(r) for r in values]
    width = len(rows[0]) if rows else 0
    if any(len(r) != width for r in rows):
        raise ValueError("every row of a table must have the same number of cells")
    if any(v < 0 for r in rows for v in r):
        raise ValueError("counts cannot be negative")
    mask = [[is_small(v, threshold) for v in r] for r in rows]
    row_total = [False] * len(rows)
    col_total = [False] * width
    groups: list[tuple[list[tuple[int, int]], list[bool], int]] = []
    if by_rows:
        groups += [([(i, j) for j in range(width)], row_total, i) for i in range(len(rows))]
    if by_columns:
        groups += [([(i, j) for i in range(len(rows))], col_total, j) for j in range(width)]
    changed = threshold > 1
    while changed:
        changed = False
        for cells, totals, index in groups:
            hidden = [c for c in cells if mask[c[0]][c[1]]]
            if len(hidden) != 1:
                continue
            candidates = [c for c in cells if not mask[c[0]][c[1]] and rows[c[0]][c[1]] > 0]
            if candidates:
                i, j = min(candidates, key=lambda c: (rows[c[0]][c[1]], c))
                mask[i][j] = True
                changed = True
            elif not totals[index]:
                totals[index] = True
                changed = True
    return Suppression(
        cells=tuple(tuple(r) for r in mask),
        row_totals=tuple(row_total),
        column_totals=tuple(col_total),
    )


def suppress_list(values: Sequence[int], threshold: int = DEFAULT_THRESHOLD) -> Suppression:
    """Suppression of one list of counts that adds up to a published total.

    The list is treated as a single column: ``cells[i][0]`` is the flag of ``values[i]``
    and ``column_totals[0]`` says whether the total must be hidden too.
    """
    return suppress_grid([[v] for v in values], threshold, by_rows=False, by_columns=True)


def show(count: int, hidden: bool) -> int | str:
    """The cell as printed: the count, or ``c`` when hidden."""
    return SUPPRESSED if hidden else count
