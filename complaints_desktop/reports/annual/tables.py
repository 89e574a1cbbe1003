"""Reports: the report's tables as plain data, suppression applied (shared by PDF and XLSX)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from complaints_desktop.domain import vocab
from complaints_desktop.domain.suppression import (
    SUPPRESSED,
    BoundRule,
    SumRule,
    disclosed,
    protect_sum,
)
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
    """

    values: Mapping[CellId, int]
    threshold: int
    sums: tuple[SumRule, ...] = ()
    bounds: tuple[BoundRule, ...] = ()


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


def _bands(standard: int, extended: int) -> str:
    """The working-day bands of a stage: ``within 10 / 11-20 / over 20``."""
    if extended > standard:
        return f"within {standard} / {standard + 1}-{extended} / over {extended}"
    return f"within {standard} / over {standard}"


def _upheld_percent(stage: Mapping[str, Any]) -> float | None:
    """Upheld or partially upheld as a % of the stage's completed complaints."""
    outcomes = stage["outcomes"]
    return _percent(
        int(outcomes["upheld"]) + int(outcomes["partially upheld"]), int(stage["completed"])
    )


def _percent(part: int, whole: int) -> float | None:
    """``part`` as a percentage of ``whole``, 1 decimal; None (printed as a dash) when nothing."""
    if whole <= 0:
        return None
    return round(100 * part / whole, 1)


def _timeliness_note(procedure: str, limits: Sequence[tuple[int, int]]) -> str:
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
        note=_note(suppressed, threshold),
        protection=protection,
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
    last: Mapping[str, Any] | None = (
        data.previous_stats[procedure]
        if data.previous_stats is not None and previous is not None
        else None
    )

    def before(stage: int, pick: Any) -> Cell:
        """A figure of the same stage a year earlier, or "not recorded"."""
        if last is None:
            return vocab.NOT_RECORDED
        value: Cell = pick(last["stages"][f"stage{stage + 1}"])
        return value

    tables["received"] = TableSpec(
        key=f"{prefix} received",
        title=f"{label}: representations received",
        headers=("", "This period", "Previous year", "Change"),
        rows=(
            (
                "Representations received",
                received,
                vocab.NOT_RECORDED if previous is None else previous,
                change,
            ),
            ("Resolved early (before a formal stage)", int(stats["early_resolution"]), None, None),
        ),
        kinds=("text", "count", "count", "count"),
    )
    tables["stages"] = TableSpec(
        key=f"{prefix} stages",
        title=f"{label}: complaints at each stage (case flow)",
        headers=(
            "Stage",
            "Open at the start",
            "Started",
            "Completed",
            "Withdrawn",
            "Open at the end",
            "Started the year before",
        ),
        rows=tuple(
            (
                name,
                int(s["brought_forward"]),
                int(s["started"]),
                int(s["completed"]),
                int(s["withdrawn"]),
                int(s["open_at_end"]),
                before(i, lambda b: int(b["started"])),
            )
            for i, (name, s) in enumerate(zip(names, stages, strict=True))
        ),
        kinds=("text", "count", "count", "count", "count", "count", "count"),
        note=(
            "Open at the start: begun before the period and not answered by its first day. "
            "Open at the end: begun by the period's last day and not answered by it."
        ),
    )
    findings = vocab.FINDINGS
    tables["outcomes"] = TableSpec(
        key=f"{prefix} outcomes",
        title=f"{label}: outcomes by stage",
        headers=(
            "Stage",
            *(f.capitalize() for f in findings),
            "Completed",
            "Upheld or partially upheld (%)",
            "The year before (%)",
        ),
        rows=tuple(
            (
                name,
                *(int(s["outcomes"][f]) for f in findings),
                int(s["completed"]),
                _percent(
                    int(s["outcomes"]["upheld"]) + int(s["outcomes"]["partially upheld"]),
                    int(s["completed"]),
                ),
                before(i, _upheld_percent),
            )
            for i, (name, s) in enumerate(zip(names, stages, strict=True))
        ),
        kinds=("text", *("count" for _ in findings), "count", "number", "number"),
        note="Percentages are of the complaints completed at the stage.",
    )
    limits = limits_for(procedure, data)
    medians = (data.medians or {}).get(procedure, {})
    tables["timeliness"] = TableSpec(
        key=f"{prefix} timeliness",
        title=f"{label}: timeliness of responses by stage (working days)",
        headers=(
            "Stage",
            "Responses",
            "Within the time limit",
            "Up to the extended limit",
            "Over the extended limit",
            "Late",
            "On time (%)",
            "Mean days",
            "Median days",
            "On time the year before (%)",
        ),
        rows=tuple(
            (
                f"{name}: {_bands(std, ext)}",
                int(s["completed"]),
                int(s["timeliness"]["within_standard"]),
                int(s["timeliness"]["within_extended"]) if ext > std else None,
                int(s["timeliness"]["exceeded"]),
                int(s["timeliness"]["late"]),
                _percent(int(s["completed"]) - int(s["timeliness"]["late"]), int(s["completed"])),
                s["timeliness"]["average_working_days"],
                medians.get(f"stage{i + 1}"),
                before(
                    i,
                    lambda b: _percent(
                        int(b["completed"]) - int(b["timeliness"]["late"]), int(b["completed"])
                    ),
                ),
            )
            for i, (name, s, (std, ext)) in enumerate(zip(names, stages, limits, strict=True))
        ),
        kinds=(
            "text",
            "count",
            "count",
            "count",
            "count",
            "count",
            "number",
            "number",
            "number",
            "number",
        ),
        weights=(3.2, 1.55, 1.2, 1.3, 1.3, 1.0, 1.1, 1.0, 1.1, 1.3),
        note=_timeliness_note(procedure, limits),
    )
    refused = (data.refusals or {}).get(procedure, {})
    tables["refusals"] = counted_list(
        f"{prefix} not accepted",
        f"{label}: complaints not accepted, by reason",
        "Reason",
        dict(sorted(refused.items(), key=lambda kv: (-kv[1], kv[0]))),
        threshold,
        protect=True,
        value_heading="Complaints",
    )
    found = (data.elements or {}).get(procedure, {})
    tables["elements"] = TableSpec(
        key=f"{prefix} elements",
        title=f"{label}: findings on each element of a complaint",
        headers=("Stage", *(f.capitalize() for f in findings), "Elements", "Upheld (%)"),
        rows=tuple(
            (
                name,
                *(int(found.get(i + 1, {}).get(f, 0)) for f in findings),
                sum(int(found.get(i + 1, {}).get(f, 0)) for f in findings),
                _percent(
                    sum(int(found.get(i + 1, {}).get(f, 0)) for f in findings[:2]),
                    sum(int(found.get(i + 1, {}).get(f, 0)) for f in findings),
                ),
            )
            for i, name in enumerate(names)
        ),
        kinds=("text", *("count" for _ in findings), "count", "number"),
        note=(
            "A complaint of several parts has a finding on each part (element); "
            "upheld % counts upheld and partially upheld elements."
        ),
    )
    area = (data.areas or {}).get(procedure, {})
    tables["areas"] = counted_list(
        f"{prefix} service areas",
        f"{label}: complaints received by service area",
        "Service area",
        dict(sorted(area.items(), key=lambda kv: (-kv[1], kv[0]))),
        threshold,
        protect=False,
        value_heading="Complaints",
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
    tables["teams"] = _team_table(prefix, label, stats["by_team"], stages, threshold)
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
    from complaints_desktop.reports.annual.figures import published_received

    told = published_received(data, procedure)
    tables["history"] = TableSpec(
        key=f"{prefix} trend",
        title=f"{label}: representations received over five years",
        headers=("Financial year", "Received", *(("Published by the council",) if told else ())),
        rows=tuple(
            (
                year,
                vocab.NOT_RECORDED if n is None else int(n),
                *((told.get(year, vocab.NOT_RECORDED),) if told else ()),
            )
            for year, n in stats["history"].items()
        ),
        kinds=("text", "count", *(("count",) if told else ())),
        note=" ".join(
            n
            for n in (
                "Not recorded: the year ended before the first complaint in this database, "
                "so its figure is not known here."
                if any(n is None for n in stats["history"].values())
                else "",
                "Published by the council: the figure in the council's own report for "
                "that year, entered by the complaints team."
                if told
                else "",
            )
            if n
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
    prefix: str,
    label: str,
    by_team: Mapping[str, Mapping[str, int]],
    stages: Sequence[Mapping[str, Any]],
    threshold: int,
) -> TableSpec:
    """Complaints by team. A case naming several teams counts under each, so the rows and
    columns add up to nothing; but no team's count can exceed the stage's own figure
    printed in the stages (or outcomes) table, and a column where that figure would give
    a ``c`` away is left out."""
    columns = [f"stage{i + 1}" for i in range(len(stages))] + ["stage1_upheld_or_partly"]
    heads = [f"Stage {i + 1}" for i in range(len(stages))] + ["Stage 1 upheld or partially upheld"]
    first = stages[0]["outcomes"]
    limits = [int(s["started"]) for s in stages] + [
        int(first["upheld"]) + int(first["partially upheld"])
    ]
    teams = sorted(by_team)
    kept: list[int] = []
    flags: dict[int, tuple[bool, ...]] = {}
    left_out: list[str] = []
    for j, column in enumerate(columns):
        values = [int(by_team[t].get(column, 0)) for t in teams]
        hidden = protect_sum(values, threshold, bound=limits[j])
        if hidden is None:
            left_out.append(heads[j])
            continue
        kept.append(j)
        flags[j] = hidden
    rows = tuple(
        (
            team,
            *(SUPPRESSED if flags[j][i] else int(by_team[team].get(columns[j], 0)) for j in kept),
        )
        for i, team in enumerate(teams)
    )
    suppressed = any(any(f) for f in flags.values())
    note = "A complaint about several teams is counted once under each team."
    if left_out:
        note += (
            f" Not shown ({', '.join(left_out)}): with so few complaints, a team's figure "
            "would let a complainant be identified."
        )
    if suppressed:
        note = f"{note} {_note(True, threshold)}"
    counts = {
        (i, k + 1): int(by_team[team].get(columns[j], 0))
        for i, team in enumerate(teams)
        for k, j in enumerate(kept)
    }
    bounds = tuple(
        BoundRule(tuple((i, k + 1) for i in range(len(teams))), limits[j])
        for k, j in enumerate(kept)
    )
    return TableSpec(
        key=f"{prefix} teams",
        title=f"{label}: complaints by team",
        headers=("Team", *(heads[j] for j in kept)),
        rows=rows,
        kinds=("text", *("count" for _ in kept)),
        suppressed=suppressed,
        note=note,
        protection=Protection(counts, threshold, bounds=bounds) if threshold > 1 else None,
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
        leaks = disclosed(guard.values, hidden, guard.threshold, guard.sums, guard.bounds)
        if leaks:
            problems.append(f"{spec.title}: {len(leaks)} suppressed count(s) can be worked out.")
    return problems


def shared_tables(data: ReportData, threshold: int) -> dict[str, TableSpec]:
    """Tables outside the two procedures: Ombudsman, costs, learning, contacts."""
    stats = data.stats
    lgsco = stats["lgsco"]
    decided = {k: int(v) for k, v in lgsco["decided"].items()}
    tables: dict[str, TableSpec] = {}
    recs = lgsco.get("recommendations") or {}
    investigated = decided.get("upheld", 0) + decided.get("not upheld", 0)
    upheld = decided.get("upheld", 0)
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
    tables["lgsco_letter"] = TableSpec(
        key="Ombudsman measures",
        title="The Ombudsman's measures (as in its annual letter)",
        headers=("Measure", "Number", "Of", "%"),
        rows=(
            (
                "Detailed investigations upheld",
                upheld,
                investigated,
                _percent(upheld, investigated),
            ),
            (
                "Recommendations due in the period, met on time",
                int(recs.get("on_time", 0)),
                int(recs.get("due", 0)),
                _percent(int(recs.get("on_time", 0)), int(recs.get("due", 0))),
            ),
            (
                "Recommendations met late",
                int(recs.get("late", 0)),
                int(recs.get("due", 0)),
                _percent(int(recs.get("late", 0)), int(recs.get("due", 0))),
            ),
            (
                "Recommendations outstanding at the end of the period",
                int(recs.get("outstanding", 0)),
                int(recs.get("due", 0)),
                _percent(int(recs.get("outstanding", 0)), int(recs.get("due", 0))),
            ),
        ),
        kinds=("text", "count", "count", "number"),
        note=(
            "Detailed investigations: decisions upheld or not upheld; the others were closed "
            "before an investigation. Recommendations: those whose target date fell in the "
            "period."
        ),
    )
    # Decisions with nothing to comply with are counted above; list those with remedies.
    published = threshold > 1
    tables["compliance"] = compliance_table(
        [r for r in data.ombudsman if r.remedy or r.outcome == "upheld"],
        references=not published,
    )
    providers: dict[str, list[int]] = {}
    for procedure in ("statutory", "corporate"):
        for name, (offered, used) in (data.advocacy or {}).get(procedure, {}).items():
            row = providers.setdefault(name, [0, 0])
            row[0] += offered
            row[1] += used
    tables["advocacy_providers"] = TableSpec(
        key="Advocacy providers",
        title="Advocacy offered and taken up, by provider",
        headers=("Provider", "Offered", "Taken up", "Taken up (%)"),
        rows=tuple(
            (name, offered, used, _percent(used, offered))
            for name, (offered, used) in sorted(providers.items())
        ),
        kinds=("text", "count", "count", "number"),
        note="Complainants whose complaint was received in the period. Taken up % is of "
        "those offered.",
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
            (
                "Payments made (Ombudsman remedies achieved in the period)",
                sum(
                    r.amount
                    for r in data.ombudsman
                    if r.achieved is not None and data.start <= r.achieved <= data.end
                )
                / 100,
            ),
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
    tables["actions"] = action_table(data.actions, references=not published)
    contacts = stats["contacts"]
    tables["compliments"] = counted_list(
        "Compliments by team",
        "Compliments by team",
        "Team",
        dict(sorted(contacts["compliment"]["by_team"].items(), key=lambda kv: (-kv[1], kv[0]))),
        threshold,
        protect=True,
        value_heading="Compliments",
        printed_total=int(contacts["compliment"]["total"]),
        additive=False,
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


def _drop_first(spec: TableSpec) -> TableSpec:
    """The table without its first column (the case reference) for a published report."""
    return replace(
        spec,
        headers=spec.headers[1:],
        rows=tuple(row[1:] for row in spec.rows),
        kinds=spec.kinds[1:],
        weights=spec.weights[1:] if spec.weights else None,
    )


def compliance_table(rows: Sequence[OmbudsmanRow], *, references: bool = True) -> TableSpec:
    """Ombudsman decisions and their recommended remedies with compliance.

    ``references=False`` (a published report) leaves out the case numbers.
    """
    spec = TableSpec(
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
                r.remedy or ("Payment" if r.amount else "None recommended"),
                r.target,
                r.achieved,
                r.status,
            )
            for r in rows
        ),
        kinds=("text", "date", "text", "text", "date", "date", "text"),
        weights=(1.3, 1.1, 2.2, 3.0, 1.1, 1.1, 1.6),
    )
    return spec if references else _drop_first(spec)


def action_table(actions: Sequence[ActionRow], *, references: bool = True) -> TableSpec:
    """The learning-action list (also the tracker report's table).

    ``references=False`` (a published report) leaves out the case numbers.
    """
    spec = TableSpec(
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
    return spec if references else _drop_first(spec)


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
    from complaints_desktop.reports.annual.figures import figure_tables

    tables.update(figure_tables(data))
    return tables
