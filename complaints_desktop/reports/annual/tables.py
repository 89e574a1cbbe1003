"""Reports: the report's tables as plain data, suppression applied (shared by PDF and XLSX)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from complaints_desktop.domain import vocab
from complaints_desktop.domain.suppression import SUPPRESSED, suppress_grid, suppress_list
from complaints_desktop.domain.text import financial_year, financial_year_label, long_date
from complaints_desktop.reports.annual.model import ActionRow, OmbudsmanRow, ReportData

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
DEFAULT_LIMITS = {"statutory": ((10, 20), (25, 65), (50, 50)), "corporate": ((10, 20), (20, 40))}
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
    return tuple(data.limits.get(procedure) or DEFAULT_LIMITS[procedure])


def _note(suppressed: bool, threshold: int) -> str:
    return SUPPRESSION_NOTE.format(m=threshold - 1) if suppressed else ""


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
) -> TableSpec:
    """A one-column table of counts with a total row, suppressed when ``protect``."""
    labels = list(counts)
    values = [int(counts[k]) for k in labels]
    total = sum(values)
    hide = suppress_list(values, threshold if protect else 0)
    rows: list[tuple[Cell, ...]] = [
        (label, SUPPRESSED if flags[0] else value)
        for label, value, flags in zip(labels, values, hide.cells, strict=True)
    ]
    total_hidden = bool(hide.column_totals) and hide.column_totals[0]
    if total_row:
        rows.append(("Total", SUPPRESSED if total_hidden else total))
    return TableSpec(
        key=key,
        title=title,
        headers=(heading, value_heading),
        rows=tuple(rows),
        kinds=("text", "count"),
        total_last=total_row,
        suppressed=hide.any,
        note=_note(hide.any, threshold),
    )


def procedure_tables(data: ReportData, procedure: str, threshold: int) -> dict[str, TableSpec]:
    """Every table of one procedure's sections, keyed by a short name."""
    stats: Mapping[str, Any] = data.stats[procedure]
    prefix = "S" if procedure == "statutory" else "C"
    label = PROCEDURE_NAMES[procedure]
    names = STAGE_NAMES[procedure][: stage_count(procedure, data)]
    stages = [stats["stages"][f"stage{i + 1}"] for i in range(len(names))]
    tables: dict[str, TableSpec] = {}

    previous = (data.previous or {}).get(procedure)
    received = int(stats["received"])
    change: Cell = None if previous is None else received - previous
    tables["received"] = TableSpec(
        key=f"{prefix} received",
        title=f"{label}: representations received",
        headers=("", "This period", "Previous year", "Change"),
        rows=(
            ("Representations received", received, previous, change),
            ("Resolved early (before a formal stage)", int(stats["early_resolution"]), None, None),
        ),
        kinds=("text", "count", "count", "count"),
    )
    tables["stages"] = TableSpec(
        key=f"{prefix} stages",
        title=f"{label}: complaints at each stage",
        headers=("Stage", "Started", "Completed", "Withdrawn"),
        rows=tuple(
            (name, int(s["started"]), int(s["completed"]), int(s["withdrawn"]))
            for name, s in zip(names, stages, strict=True)
        ),
        kinds=("text", "count", "count", "count"),
    )
    findings = vocab.FINDINGS
    tables["outcomes"] = TableSpec(
        key=f"{prefix} outcomes",
        title=f"{label}: outcomes by stage",
        headers=("Stage", *(f.capitalize() for f in findings), "Completed"),
        rows=tuple(
            (name, *(int(s["outcomes"][f]) for f in findings), int(s["completed"]))
            for name, s in zip(names, stages, strict=True)
        ),
        kinds=("text", *("count" for _ in findings), "count"),
    )
    limits = limits_for(procedure, data)
    tables["timeliness"] = TableSpec(
        key=f"{prefix} timeliness",
        title=f"{label}: timeliness by stage (working days)",
        headers=(
            "Stage",
            "Limit / extended",
            "Within the standard limit",
            "Within an agreed extension",
            "Exceeded",
            "Average working days",
        ),
        rows=tuple(
            (
                name,
                f"{std} / {ext}",
                int(s["timeliness"]["within_standard"]),
                int(s["timeliness"]["within_extended"]),
                int(s["timeliness"]["exceeded"]),
                s["timeliness"]["average_working_days"],
            )
            for name, s, (std, ext) in zip(names, stages, limits, strict=True)
        ),
        kinds=("text", "text", "count", "count", "count", "number"),
    )
    tables["relationship"] = counted_list(
        f"{prefix} relationship",
        f"{label}: who complained (relationship to the child)",
        "Relationship",
        stats["by_relationship"],
        threshold,
        protect=True,
        value_heading="Complaints",
    )
    tables["channel"] = counted_list(
        f"{prefix} channel",
        f"{label}: how complaints were made",
        "Channel",
        stats["by_channel"],
        threshold,
        protect=False,
        value_heading="Complaints",
    )
    by_type = stats["by_type"]
    tables["types"] = TableSpec(
        key=f"{prefix} types",
        title=f"{label}: what complaints were about",
        headers=("Type of complaint", "Cases", "Upheld or partially upheld", "Not upheld"),
        rows=tuple(
            (t, int(v["cases"]), int(v["upheld_or_partly"]), int(v["not_upheld"]))
            for t, v in sorted(by_type.items(), key=lambda kv: (-kv[1]["cases"], kv[0]))
        ),
        kinds=("text", "count", "count", "count"),
        note="A complaint about several things is counted once under each type.",
    )
    tables["teams"] = _team_table(prefix, label, stats["by_team"], len(names), threshold)
    tables["remedies"] = counted_list(
        f"{prefix} remedies",
        f"{label}: remedies",
        "Remedy",
        stats["remedies"],
        threshold,
        protect=False,
        value_heading="Cases",
        total_row=False,
    )
    tables["history"] = TableSpec(
        key=f"{prefix} trend",
        title=f"{label}: representations received over five years",
        headers=("Financial year", "Received"),
        rows=tuple(
            (year, vocab.NOT_RECORDED if n is None else int(n))
            for year, n in stats["history"].items()
        ),
        kinds=("text", "count"),
        note=(
            "Not recorded: the year ended before the first complaint in this database, so "
            "its figure is not known here."
            if any(n is None for n in stats["history"].values())
            else ""
        ),
    )
    for field, heading in EQUALITY_TITLES.items():
        tables[f"equality_{field}"] = counted_list(
            f"{prefix} {heading.lower()}",
            f"{label}: complainants by {heading.lower()}",
            heading,
            stats["equality"][field],
            threshold,
            protect=True,
            value_heading="Complainants",
        )
    return tables


def _team_table(
    prefix: str, label: str, by_team: Mapping[str, Mapping[str, int]], stages: int, threshold: int
) -> TableSpec:
    columns = [f"stage{i + 1}" for i in range(stages)] + ["stage1_upheld_or_partly"]
    teams = sorted(by_team)
    grid = [[int(by_team[t].get(c, 0)) for c in columns] for t in teams]
    hide = suppress_grid(grid, threshold)
    rows = tuple(
        (team, *(SUPPRESSED if h else v for v, h in zip(values, flags, strict=True)))
        for team, values, flags in zip(teams, grid, hide.cells, strict=True)
    )
    stage_heads = [f"Stage {i + 1}" for i in range(stages)]
    headers = (*stage_heads, "Stage 1 upheld or partially upheld")
    note = "A complaint about several teams is counted once under each team."
    if hide.any:
        note = f"{note} {_note(True, threshold)}"
    return TableSpec(
        key=f"{prefix} teams",
        title=f"{label}: complaints by team",
        headers=("Team", *headers),
        rows=rows,
        kinds=("text", *("count" for _ in headers)),
        suppressed=hide.any,
        note=note,
    )


def shared_tables(data: ReportData, threshold: int) -> dict[str, TableSpec]:
    """Tables outside the two procedures: Ombudsman, costs, learning, contacts."""
    stats = data.stats
    lgsco = stats["lgsco"]
    decided = {k: int(v) for k, v in lgsco["decided"].items()}
    tables: dict[str, TableSpec] = {}
    tables["lgsco"] = TableSpec(
        key="Ombudsman",
        title="Local Government and Social Care Ombudsman: referrals and decisions",
        headers=("", "Number"),
        rows=(
            ("Referrals received", int(lgsco["referred"])),
            *((f"Decided: {k}", v) for k, v in decided.items()),
            ("Decisions in total", sum(decided.values())),
        ),
        kinds=("text", "count"),
        total_last=True,
    )
    # Decisions with nothing to comply with are counted above; list those with remedies.
    tables["compliance"] = compliance_table(
        [r for r in data.ombudsman if r.remedy or r.outcome == "upheld"]
    )
    tables["costs"] = TableSpec(
        key="Costs",
        title="Costs of independent investigations and payments",
        headers=("", "Amount (£)"),
        rows=(
            (
                "Statutory stage 2 and 3 (investigators, independent persons, panels)",
                float(stats["statutory"]["costs"]),
            ),
            ("Corporate procedure", float(stats["corporate"]["costs"])),
            ("Payments recommended by the Ombudsman", float(lgsco["payments"])),
        ),
        kinds=("text", "money"),
    )
    tables["advocacy"] = TableSpec(
        key="Advocacy",
        title="Advocacy",
        headers=("", "Complainants"),
        rows=tuple(
            (f"{PROCEDURE_NAMES[p]}: supported by an advocate", int(stats[p]["advocacy"]))
            for p in ("statutory", "corporate")
        ),
        kinds=("text", "count"),
    )
    tables["actions_summary"] = counted_list(
        "Learning summary",
        "Learning and service improvements by status",
        "Status",
        {
            s.capitalize(): sum(1 for a in data.actions if a.status == s)
            for s in vocab.ACTION_STATUSES
        },
        threshold,
        protect=False,
        value_heading="Actions",
    )
    tables["actions"] = action_table(data.actions)
    contacts = stats["contacts"]
    tables["compliments"] = counted_list(
        "Compliments by team",
        "Compliments by team",
        "Team",
        dict(sorted(contacts["compliment"]["by_team"].items(), key=lambda kv: (-kv[1], kv[0]))),
        threshold,
        protect=True,
        value_heading="Compliments",
    )
    tables["contacts"] = counted_list(
        "Other contacts",
        "Compliments, enquiries and other contacts received",
        "Kind of contact",
        {KIND_LABELS.get(k, k.capitalize()): int(v["total"]) for k, v in contacts.items()},
        threshold,
        protect=False,
        value_heading="Received",
    )
    return tables


def compliance_table(rows: Sequence[OmbudsmanRow]) -> TableSpec:
    """Ombudsman decisions and their recommended remedies with compliance."""
    return TableSpec(
        key="Ombudsman compliance",
        title="Compliance with the Ombudsman's recommendations",
        headers=(
            "Case number",
            "Decided",
            "Outcome",
            "Remedy",
            "Target date",
            "Achieved date",
            "Status",
        ),
        rows=tuple(
            (
                r.reference,
                r.decided,
                r.outcome,
                r.remedy or "None recommended",
                r.target,
                r.achieved,
                r.status,
            )
            for r in rows
        ),
        kinds=("text", "date", "text", "text", "date", "date", "text"),
        weights=(1.3, 1.1, 2.2, 3.0, 1.1, 1.1, 1.6),
    )


def action_table(actions: Sequence[ActionRow]) -> TableSpec:
    """The learning-action list (also the tracker report's table)."""
    return TableSpec(
        key="Learning actions",
        title="Learning and service improvements",
        headers=("Case", "Action", "Owner", "Target", "Status", "Reason or evidence"),
        rows=tuple(
            (
                a.reference,
                a.action,
                a.owner,
                a.target,
                a.status,
                a.reason if a.status == "not implemented" else a.evidence,
            )
            for a in actions
        ),
        kinds=("text", "text", "text", "date", "text", "text"),
        weights=(1.7, 2.9, 2.3, 1.3, 1.7, 2.0),
    )


def period_label(start: date, end: date) -> str:
    """``2022/23`` for a whole financial year, else ``1 April 2023 to 30 June 2023``."""
    fy = financial_year(start)
    if start == date(fy, 4, 1) and end == date(fy + 1, 3, 31):
        return financial_year_label(fy)
    return f"{long_date(start)} to {long_date(end)}"


def all_tables(data: ReportData, threshold: int) -> dict[str, TableSpec]:
    """Every table, keys prefixed ``statutory.`` / ``corporate.`` / none for shared ones."""
    tables: dict[str, TableSpec] = {}
    for procedure in ("statutory", "corporate"):
        for key, spec in procedure_tables(data, procedure, threshold).items():
            tables[f"{procedure}.{key}"] = spec
    tables.update(shared_tables(data, threshold))
    return tables
