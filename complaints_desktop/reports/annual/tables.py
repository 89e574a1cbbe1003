"""Reports: the report's tables as plain data, suppression applied (shared by PDF and XLSX)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from complaints_desktop.domain.cross_suppression import grid_disclosed
from complaints_desktop.domain.procedures import Settings
from complaints_desktop.domain.statistics_types import StageStats
from complaints_desktop.domain.suppression import (
    SUPPRESSED,
    BoundRule,
    SumRule,
    disclosed,
    protect_sum,
)
from complaints_desktop.domain.text import counted, financial_year, financial_year_label, long_date
from complaints_desktop.reports.annual.model import ReportData

Cell = str | int | float | date | None

STAGE_NAMES = {
    "statutory": (
        "Stage 1 (local resolution)",
        "Stage 2 (independent investigation)",
        "Stage 3 (review panel)",
    ),
    "corporate": ("Stage 1", "Stage 2"),
}
PROCEDURE_NAMES = {"statutory": "Statutory (Children Act 1989)", "corporate": "Corporate"}
EQUALITY_TITLES = {
    "age_band": "Age band",
    "gender": "Gender",
    "ethnicity": "Ethnicity",
    "disability": "Disability",
    "sexual_orientation": "Sexual orientation",
}
KIND_LABELS = {
    "compliment": "Compliments",
    "mp enquiry": "MP enquiries",
    "councillor enquiry": "Councillor enquiries",
    "query": "General queries",
    "duty": "Duty contacts",
}
SUPPRESSION_NOTE = (
    "c = a count from 1 to {m} (or a count that would let one be worked out) is not "
    "shown, so that no complainant can be identified."
)
WITHHELD_NOTE = "Not shown: with so few cases, any breakdown would let a complainant be identified."

CellId = tuple[int, int]


@dataclass(frozen=True)
class Protection:
    """What the audit needs to judge a suppressed table: the true counts behind its
    cells and what a reader can learn about them from the rest of the report.

    Attributes:
        values: (row, column) -> the true count of every protected cell.
        threshold: counts ``1..threshold-1`` are primary suppressions.
        sums: cells that add up to a figure the report prints.
        bounds: upper limits of cells that the report prints.
        grid: the cells are a cross table whose every row and column adds up to a
            printed total (judged by ``domain.cross_suppression``; ``sums`` unused).
    """

    values: Mapping[CellId, int]
    threshold: int
    sums: tuple[SumRule, ...] = ()
    bounds: tuple[BoundRule, ...] = ()
    grid: bool = False


@dataclass(frozen=True)
class TableSpec:
    """One table of the report.

    Attributes:
        key: short unique name (the spreadsheet's sheet name, at most 31 characters).
        title: the heading printed above the table.
        headers: column headings.
        rows: cells; a suppressed count is the text ``c``.
        kinds: per column: ``text``, ``count``, ``number``, ``money`` (pounds) or ``date``.
        total_last: the last row is a total (printed bold).
        suppressed: some cell shows ``c`` (the table carries the footnote).
        note: a footnote printed under the table.
        weights: relative column widths in the PDF (None: worked out from the kinds).
    """

    key: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    kinds: tuple[str, ...]
    total_last: bool = False
    suppressed: bool = False
    note: str = ""
    weights: tuple[float, ...] | None = None
    protection: Protection | None = None
    withheld: str = ""
    bold_rows: tuple[int, ...] = ()
    """Indices of subtotal rows (printed bold, like the total)."""

    def column(self, name: str) -> list[Cell]:
        """The cells of the column headed ``name``."""
        index = self.headers.index(name)
        return [row[index] for row in self.rows]

    def row(self, label: str) -> tuple[Cell, ...]:
        """The first row whose first cell is ``label``."""
        for row in self.rows:
            if row[0] == label:
                return row
        raise KeyError(label)


def stage_count(procedure: str, data: ReportData) -> int:
    """How many stages the procedure has (from its limits)."""
    return len(limits_for(procedure, data))


def limits_for(procedure: str, data: ReportData) -> tuple[tuple[int, int], ...]:
    """(standard, extended) limits per stage."""
    if data.limits.get(procedure):
        return tuple(data.limits[procedure])
    stages = Settings().procedure(procedure).stages  # the statutory guidance's defaults
    return tuple((rule.standard, rule.extended) for rule in stages)


def suppression_note(suppressed: bool, threshold: int) -> str:
    return SUPPRESSION_NOTE.format(m=threshold - 1) if suppressed else ""


def band_label(standard: int, extended: int) -> str:
    """The working-day bands of a stage: ``within 10 / 11-20 / over 20``."""
    if extended > standard:
        return f"within {standard} / {standard + 1}-{extended} / over {extended}"
    return f"within {standard} / over {standard}"


def upheld_percent(stage: StageStats) -> float | None:
    """Upheld or partially upheld as a % of the stage's completed complaints."""
    outcomes = stage["outcomes"]
    return percent(
        int(outcomes["upheld"]) + int(outcomes["partially upheld"]), int(stage["completed"])
    )


def percent(part: int, whole: int) -> float | None:
    """``part`` as a percentage of ``whole``, 1 decimal; None (printed as a dash) when nothing."""
    if whole <= 0:
        return None
    return round(100 * part / whole, 1)


def timeliness_note(procedure: str, limits: Sequence[tuple[int, int]]) -> str:
    """How the timeliness table is counted (the definitions of formats.md §4)."""
    parts = [
        "Working days exclude weekends, bank holidays and days the clock was stopped. "
        "Responses: completed (not withdrawn) in the period. Late: over the limit that "
        "applied, which is the extended limit only where an extension was agreed, "
        "otherwise the standard limit; a response over the standard limit without an "
        "agreed extension is late even if it is within the extended limit. Stage 1 is "
        "counted from the day the complaint was received."
    ]
    if len(limits) > 1:
        parts.append(
            "Stage 2 is counted from the day the statement of complaint was agreed (or, "
            "without one, the day stage 2 was requested)."
        )
    if procedure == "statutory" and len(limits) > 2:
        std = limits[2][0]
        parts.append(
            f"Stage 3 is counted from the request for a review panel: {std} working days "
            "= 30 to convene the panel + 5 for its report + 15 for the council's response."
            if std == 50
            else f"Stage 3 is counted from the request for a review panel ({std} working days)."
        )
    return " ".join(parts)


def counted_list(
    key: str,
    title: str,
    heading: str,
    counts: Mapping[str, int],
    threshold: int,
    *,
    protect: bool,
    value_heading: str = "Number",
    total_row: bool = True,
    printed_total: int | None = None,
    additive: bool = True,
) -> TableSpec:
    """A one-column table of counts, suppressed when ``protect``.

    Args:
        printed_total: the figure these counts add up to, printed elsewhere in the report
            (default: their sum, printed in the total row).
        additive: False when one case can count under several labels (the counts add up
            to nothing; each is then at most ``printed_total``) — no total row.
    """
    labels = list(counts)
    values = [int(counts[k]) for k in labels]
    total = sum(values) if printed_total is None else printed_total
    th = threshold if protect else 0
    if additive:
        flags = protect_sum(values, th, total=total)
    else:
        flags = protect_sum(values, th, bound=total)
        total_row = False
    if flags is None:
        return TableSpec(
            key=key,
            title=title,
            headers=(heading, value_heading),
            rows=(),
            kinds=("text", "count"),
            withheld=WITHHELD_NOTE,
        )
    rows: list[tuple[Cell, ...]] = [
        (label, SUPPRESSED if hidden else value)
        for label, value, hidden in zip(labels, values, flags, strict=True)
    ]
    if total_row:
        rows.append(("Total", total))
    suppressed = any(flags)
    cells = tuple((i, 1) for i in range(len(values)))
    protection = (
        Protection(
            values={(i, 1): v for i, v in enumerate(values)},
            threshold=th,
            sums=(SumRule(cells, total),) if additive else (),
            bounds=() if additive else (BoundRule(cells, total),),
        )
        if protect
        else None
    )
    return TableSpec(
        key=key,
        title=title,
        headers=(heading, value_heading),
        rows=tuple(rows),
        kinds=("text", "count"),
        total_last=total_row,
        suppressed=suppressed,
        note=suppression_note(suppressed, threshold),
        protection=protection,
    )


def audit(tables: Iterable[TableSpec]) -> list[str]:
    """Every table whose printed ``c`` a reader could work out, as plain sentences.

    Reads what each table prints (a ``c`` is hidden, a number is known) against the
    rules its protection records; empty when the report is safe to publish.
    """
    problems: list[str] = []
    for spec in tables:
        guard = spec.protection
        if guard is None:
            continue
        hidden = {
            (i, j)
            for i, row in enumerate(spec.rows)
            for j, cell in enumerate(row)
            if cell == SUPPRESSED
        }
        for (i, j), value in guard.values.items():
            printed = spec.rows[i][j]
            if printed != SUPPRESSED and printed != value:
                problems.append(f"{spec.title}: a printed count differs from the data.")
        hidden &= set(guard.values)  # a ``c`` beside a hidden count (its %) is not a count
        if guard.grid:
            limits = {c: b.bound for b in guard.bounds for c in b.cells}
            leaks = grid_disclosed(guard.values, hidden, guard.threshold, limits)
        else:
            leaks = disclosed(guard.values, hidden, guard.threshold, guard.sums, guard.bounds)
        if leaks:
            problems.append(
                f"{spec.title}: {counted(len(leaks), 'suppressed count')} can be worked out."
            )
    return problems


def period_label(start: date, end: date) -> str:
    """``2022/23`` for a whole financial year, else ``1 April 2023 to 30 June 2023``."""
    fy = financial_year(start)
    if start == date(fy, 4, 1) and end == date(fy + 1, 3, 31):
        return financial_year_label(fy)
    return f"{long_date(start)} to {long_date(end)}"
