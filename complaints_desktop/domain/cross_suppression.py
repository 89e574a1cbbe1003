"""Domain: small-number suppression for a cross table whose row and column totals are
both printed (contacts by kind and lead team), and its exact audit.

``domain.suppression`` judges cells that are each in at most one printed sum; in a cross
table every cell is in two (its row's total and its column's), so a lone ``c`` in a row,
or two ``c`` in a rectangle whose other corners are known, can be worked out there.

What a reader knows: every printed cell and total; each ``c`` is at least 1 and, when the
count is primary (``1..threshold-1``), at most ``threshold - 1``; optional upper limits
printed elsewhere. The true counts are one table the reader cannot rule out; any other
differs from it by a circulation over the hidden cells (the constraint matrix of a
two-way table is totally unimodular, so the whole numbers in each cell's range are all
reachable). A hidden cell can take another value exactly when it lies on a cycle of
hidden cells, alternating +1 and -1 along rows and columns, each step keeping its cell
within its range: a path search in the residual graph (rows and columns as nodes), exact
and quick for tables of a few dozen cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from complaints_desktop.domain.suppression import is_small

Cell = tuple[int, int]
"""(row, column) of a count inside the table (totals are not cells)."""


def _limits(
    values: Mapping[Cell, int], cell: Cell, threshold: int, bounds: Mapping[Cell, int]
) -> tuple[int, int | None]:
    high: int | None = threshold - 1 if is_small(values[cell], threshold) else None
    if cell in bounds:
        high = bounds[cell] if high is None else min(high, bounds[cell])
    return 1, high


def _reaches(edges: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = {start}, [start]
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        for nxt in edges.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def grid_disclosed(
    values: Mapping[Cell, int],
    hidden: Iterable[Cell],
    threshold: int,
    bounds: Mapping[Cell, int] | None = None,
) -> list[Cell]:
    """The hidden cells of a cross table a reader can work out exactly from its printed
    cells and its row and column totals (none when the table is safe).

    Args:
        values: every cell's true count.
        hidden: the cells printed as ``c``.
        threshold: primary cells are ``1..threshold-1``.
        bounds: upper limits of cells printed elsewhere in the report.
    """
    secret = sorted(set(hidden))
    limits = {c: _limits(values, c, threshold, bounds or {}) for c in secret}
    out: list[Cell] = []
    for cell in secret:
        edges: dict[str, set[str]] = {}
        for other in secret:
            if other == cell:
                continue
            (i, j), v = other, values[other]
            low, high = limits[other]
            if v > low:  # can go down: the row gives a unit to the column
                edges.setdefault(f"r{i}", set()).add(f"c{j}")
            if high is None or v < high:  # can go up: the column gives a unit to the row
                edges.setdefault(f"c{j}", set()).add(f"r{i}")
        (i, j), v = cell, values[cell]
        low, high = limits[cell]
        up = (high is None or v < high) and _reaches(edges, f"r{i}", f"c{j}")
        down = v > low and _reaches(edges, f"c{j}", f"r{i}")
        if not up and not down:
            out.append(cell)
    return out


def protect_grid(
    counts: Sequence[Sequence[int]], threshold: int, bounds: Mapping[Cell, int] | None = None
) -> set[Cell] | None:
    """Which cells of a cross table (row and column totals printed) to hide so that none
    can be worked out: the primary ones, then, while one can be, another non-zero cell in
    the row or column of one that can (first one whose row and column both hold a ``c``,
    closing a cycle; then the smallest).

    Returns:
        The hidden cells, or None when no choice protects the table (it is then withheld).
    """
    values = {(i, j): int(v) for i, row in enumerate(counts) for j, v in enumerate(row)}
    hidden = {c for c, v in values.items() if is_small(v, threshold)}
    while True:
        leaks = grid_disclosed(values, hidden, threshold, bounds)
        if not leaks:
            return hidden
        rows_hit = {r for r, _ in hidden}
        cols_hit = {k for _, k in hidden}
        near = {r for r, _ in leaks}, {k for _, k in leaks}
        candidates = [
            c
            for c, v in values.items()
            if c not in hidden and v > 0 and (c[0] in near[0] or c[1] in near[1])
        ]
        if not candidates:
            return None
        closing = {c for c in candidates if c[0] in rows_hit and c[1] in cols_hit}
        hidden.add(min(candidates, key=lambda c: (c not in closing, values[c], c)))
