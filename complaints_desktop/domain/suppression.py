"""Domain: small-number suppression for published tables, and its exact audit.

A count ``n`` with ``1 <= n < threshold`` is *primary* suppressed (printed as ``c``).
Zero is never suppressed. What a reader of the whole report knows about a ``c`` is
written down as rules over the printed cells:

- every ``c`` is at least 1 (zeros are printed), and, taking the strongest reader, a
  primary ``c`` is at most ``threshold - 1``;
- ``SumRule``: some cells add up to a total printed somewhere in the report (a list of
  relationships adds up to the representations received of another table);
- ``BoundRule``: each of some cells is at most a printed figure (a team's stage 3
  complaints cannot exceed the stage 3 complaints started, whatever else a case names).

``intervals`` works out, exactly, the smallest and largest value each ``c`` can take
given those rules: each cell is in at most one sum, so per sum the range of a cell is the
sum's remainder less the others' largest (resp. smallest) values, clipped to its own
range; for whole numbers every value in between is reachable. A table is *protected*
when no ``c`` has a single possible value. ``protect_sum`` adds secondary suppressions
(the smallest other non-zero cell, again and again) until that holds, and returns None
when it cannot (the table is then withheld, never its printed total hidden).
``threshold <= 1`` turns suppression off.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

SUPPRESSED = "c"
"""What a suppressed cell shows."""

DEFAULT_THRESHOLD = 5

K = TypeVar("K", bound=Hashable)

Interval = tuple[int, int | None]
"""Smallest and largest value a suppressed cell can take (None: no upper limit)."""


@dataclass(frozen=True)
class SumRule:
    """The cells ``cells`` add up to ``total``, a figure the report prints."""

    cells: tuple[Any, ...]
    total: int


@dataclass(frozen=True)
class BoundRule:
    """Each of ``cells`` is at most ``bound``, a figure the report prints."""

    cells: tuple[Any, ...]
    bound: int


def is_small(count: int, threshold: int) -> bool:
    """True for a count that must be hidden on its own: ``1 <= count < threshold``."""
    return threshold > 1 and 1 <= count < threshold


def show(count: int, hidden: bool) -> int | str:
    """The cell as printed: the count, or ``c`` when hidden."""
    return SUPPRESSED if hidden else count


def intervals(
    values: Mapping[K, int],
    hidden: Iterable[K],
    threshold: int,
    sums: Sequence[SumRule] = (),
    bounds: Sequence[BoundRule] = (),
) -> dict[K, Interval]:
    """The exact range of each hidden cell for a reader who knows the rules.

    Args:
        values: every cell's true count (the hidden ones are read for "primary" only).
        hidden: the cells printed as ``c``.
        threshold: primary cells are ``1..threshold-1``.
        sums: cell groups that add up to a printed total (a cell in at most one).
        bounds: upper limits a reader can read off the report.

    Raises:
        ValueError: a cell is in two sums (the method is exact only for disjoint sums).
    """
    secret = set(hidden)
    box: dict[K, list[int | None]] = {}
    for cell in secret:
        box[cell] = [1, threshold - 1 if is_small(values[cell], threshold) else None]
    for limit in bounds:
        for cell in limit.cells:
            if cell in box:
                high = box[cell][1]
                box[cell][1] = limit.bound if high is None else min(high, limit.bound)
    seen: set[Any] = set()
    out: dict[K, Interval] = {c: (int(b[0] or 0), b[1]) for c, b in box.items()}
    for rule in sums:
        if seen & set(rule.cells):
            raise ValueError("a cell is in two sums: the interval audit cannot judge it")
        seen |= set(rule.cells)
        inside = [c for c in rule.cells if c in secret]
        rest = rule.total - sum(values[c] for c in rule.cells if c not in secret)
        lows = {c: int(box[c][0] or 0) for c in inside}
        highs = {c: box[c][1] for c in inside}
        for cell in inside:
            others_low = sum(lows[o] for o in inside if o != cell)
            others_high: int | None = 0
            for o in inside:
                if o != cell:
                    h = highs[o]
                    others_high = None if h is None or others_high is None else others_high + h
            low = lows[cell] if others_high is None else max(lows[cell], rest - others_high)
            high = rest - others_low
            own = highs[cell]
            out[cell] = (low, high if own is None else min(own, high))
    return out


def disclosed(
    values: Mapping[K, int],
    hidden: Iterable[K],
    threshold: int,
    sums: Sequence[SumRule] = (),
    bounds: Sequence[BoundRule] = (),
) -> list[K]:
    """The hidden cells a reader can work out exactly (none when the table is safe)."""
    ranges = intervals(values, hidden, threshold, sums, bounds)
    return [c for c, (low, high) in ranges.items() if high is not None and high <= low]


def protect_sum(
    values: Sequence[int], threshold: int, total: int | None = None, bound: int | None = None
) -> tuple[bool, ...] | None:
    """Which of a list's counts to hide so that none can be worked out.

    Args:
        values: the counts.
        threshold: counts ``1..threshold-1`` are hidden; ``<= 1`` hides nothing.
        total: the printed figure the counts add up to (None: they add up to nothing).
        bound: a printed figure each count is at most (None: none).

    Returns:
        Flags per count, or None when no choice of cells protects the list (it must not
        be printed as a breakdown).
    """
    cells = dict(enumerate(values))
    hidden = {i for i, v in cells.items() if is_small(v, threshold)}
    sums = [SumRule(tuple(cells), total)] if total is not None else []
    bounds = [BoundRule(tuple(cells), bound)] if bound is not None else []
    while disclosed(cells, hidden, threshold, sums, bounds):
        candidates = [i for i, v in cells.items() if i not in hidden and v > 0]
        if not candidates or not sums:
            return None
        hidden.add(min(candidates, key=lambda i: (cells[i], i)))
    return tuple(i in hidden for i in range(len(values)))
