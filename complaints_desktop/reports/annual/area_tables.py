"""Reports: complaints by service area with each area's teams beneath it (team rows
suppressed so that no ``c`` can be worked out from the area's printed subtotal)."""

from __future__ import annotations

from collections.abc import Mapping

from complaints_desktop.domain.suppression import SUPPRESSED, SumRule, protect_sum
from complaints_desktop.reports.annual.tables import (
    Cell,
    CellId,
    Protection,
    TableSpec,
    percent,
    suppression_note,
)

INDENT = "    "
"""A team's name is indented beneath its service area."""

AreaTeams = Mapping[str, Mapping[str, tuple[int, int]]]
"""Service area -> lead team -> (cases received, of them upheld or partly at stage 1)."""


def area_team_table(
    prefix: str, label: str, areas: AreaTeams, threshold: int, *, naive: bool = False
) -> TableSpec:
    """Complaints received by service area: each area's subtotal row (bold), with the
    cases upheld or partially upheld at stage 1 as a % of those received, then its teams.

    Each case counts once, under its lead team, so an area's teams add up to its printed
    subtotal: the team cells of one area are one sum (``SumRule``), protected on their own
    by ``protect_sum``; an area whose teams cannot be protected prints its subtotal only.
    Service areas themselves are not suppressed (like stages, they are not small groups
    of people). ``naive`` hides only the small counts (for tests: that version leaks).
    """
    rows: list[tuple[Cell, ...]] = []
    bold: list[int] = []
    values: dict[CellId, int] = {}
    sums: list[SumRule] = []
    withheld: list[str] = []
    total = upheld_total = 0
    order = sorted(areas.items(), key=lambda kv: (-sum(n for n, _u in kv[1].values()), kv[0]))
    for area, teams in order:
        counts = sorted(teams.items(), key=lambda kv: (-kv[1][0], kv[0]))
        numbers = [n for _t, (n, _u) in counts]
        subtotal = sum(numbers)
        upheld = sum(u for _t, (_n, u) in counts)
        total += subtotal
        upheld_total += upheld
        bold.append(len(rows))
        rows.append((area, subtotal, upheld, percent(upheld, subtotal)))
        if naive:
            flags: tuple[bool, ...] | None = tuple(1 <= n < threshold for n in numbers)
        else:
            flags = protect_sum(numbers, threshold, total=subtotal)
        if flags is None:
            withheld.append(area)
            continue
        cells: list[CellId] = []
        for (team, (n, _u)), hidden in zip(counts, flags, strict=True):
            cells.append((len(rows), 1))
            values[(len(rows), 1)] = n
            rows.append((INDENT + team, SUPPRESSED if hidden else n, "", ""))
        sums.append(SumRule(tuple(cells), subtotal))
    if rows:
        rows.append(("Total", total, upheld_total, percent(upheld_total, total)))
    suppressed = any(row[1] == SUPPRESSED for row in rows)
    notes = [
        "Complaints received in the period, each counted once under its service area and "
        "its lead team (the first team it names); an area's teams add up to its subtotal "
        "(bold). Upheld: upheld or partially upheld at stage 1, as a % of the area's "
        "complaints received."
    ]
    if withheld:
        notes.append(
            f"Teams not shown for {', '.join(withheld)}: with so few complaints, a team's "
            "figure would let a complainant be identified."
        )
    if suppressed:
        notes.append(suppression_note(True, threshold))
    return TableSpec(
        key=f"{prefix} service areas",
        title=f"{label}: complaints received by service area and team",
        headers=(
            "Service area and team",
            "Complaints",
            "Upheld or partially upheld",
            "Upheld (%)",
        ),
        rows=tuple(rows),
        kinds=("text", "count", "count", "number"),
        total_last=bool(rows),
        bold_rows=tuple(bold),
        suppressed=suppressed,
        note=" ".join(notes),
        weights=(4.0, 1.3, 1.6, 1.2),
        protection=Protection(values, threshold, sums=tuple(sums)) if threshold > 1 else None,
    )
