"""Reports: the tables of one procedure (received, stages, outcomes, timeliness, who, what,
teams, areas, trend, equality), suppression applied."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from complaints_desktop.domain import vocab
from complaints_desktop.domain.statistics_types import (
    StageStats,
    TeamRow,
    equality_counts,
    procedure_stats,
    stage_stats,
    stages_of,
    team_counts,
)
from complaints_desktop.domain.suppression import (
    SUPPRESSED,
    BoundRule,
    protect_sum,
)
from complaints_desktop.reports.annual.area_tables import area_team_table
from complaints_desktop.reports.annual.escalation import escalation_table
from complaints_desktop.reports.annual.figures import published_received
from complaints_desktop.reports.annual.model import ReportData
from complaints_desktop.reports.annual.tables import (
    EQUALITY_TITLES,
    PROCEDURE_NAMES,
    STAGE_NAMES,
    Cell,
    Protection,
    TableSpec,
    band_label,
    counted_list,
    limits_for,
    percent,
    stage_count,
    suppression_note,
    timeliness_note,
    upheld_percent,
)


def procedure_tables(data: ReportData, procedure: str, threshold: int) -> dict[str, TableSpec]:
    """Every table of one procedure's sections, keyed by a short name."""
    stats = procedure_stats(data.stats, procedure)
    prefix = "S" if procedure == "statutory" else "C"
    label = PROCEDURE_NAMES[procedure]
    names = STAGE_NAMES[procedure][: stage_count(procedure, data)]
    stages = list(stages_of(stats)[: len(names)])
    tables: dict[str, TableSpec] = {}

    previous = (data.previous or {}).get(procedure)
    received = int(stats["received"])
    change: Cell = None if previous is None else received - previous
    last = (
        procedure_stats(data.previous_stats, procedure)
        if data.previous_stats is not None and previous is not None
        else None
    )

    def before(stage: int, pick: Callable[[StageStats], Cell]) -> Cell:
        """A figure of the same stage a year earlier, or "not recorded"."""
        if last is None:
            return vocab.NOT_RECORDED
        return pick(stage_stats(last, stage + 1))

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
    tables["escalation"] = escalation_table(prefix, label, (data.escalations or {}).get(procedure))
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
                percent(
                    int(s["outcomes"]["upheld"]) + int(s["outcomes"]["partially upheld"]),
                    int(s["completed"]),
                ),
                before(i, upheld_percent),
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
                f"{name}: {band_label(std, ext)}",
                int(s["completed"]),
                int(s["timeliness"]["within_standard"]),
                int(s["timeliness"]["within_extended"]) if ext > std else None,
                int(s["timeliness"]["exceeded"]),
                int(s["timeliness"]["late"]),
                percent(int(s["completed"]) - int(s["timeliness"]["late"]), int(s["completed"])),
                s["timeliness"]["average_working_days"],
                medians.get(f"stage{i + 1}"),
                before(
                    i,
                    lambda b: percent(
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
        note=timeliness_note(procedure, limits),
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
                percent(
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
    teams_by_area = (data.area_teams or {}).get(procedure)
    tables["areas"] = (
        area_team_table(prefix, label, teams_by_area, threshold)
        if teams_by_area
        else counted_list(
            f"{prefix} service areas",
            f"{label}: complaints received by service area",
            "Service area",
            dict(sorted(area.items(), key=lambda kv: (-kv[1], kv[0]))),
            threshold,
            protect=False,
            value_heading="Complaints",
        )
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

    def type_before(name: str) -> Cell:
        """Cases of this type the year before (0 when none), or "not recorded"."""
        if last is None:
            return vocab.NOT_RECORDED
        found = last["by_type"].get(name)
        return 0 if found is None else int(found["cases"])

    tables["types"] = TableSpec(
        key=f"{prefix} types",
        title=f"{label}: what complaints were about",
        headers=(
            "Type of complaint",
            "Cases",
            "Upheld or partially upheld",
            "Not upheld",
            "Cases the year before",
        ),
        rows=tuple(
            (t, int(v["cases"]), int(v["upheld_or_partly"]), int(v["not_upheld"]), type_before(t))
            for t, v in sorted(by_type.items(), key=lambda kv: (-kv[1]["cases"], kv[0]))
        ),
        kinds=("text", "count", "count", "count", "count"),
        note="A complaint about several things is counted once under each type.",
    )
    tables["teams"] = _team_table(prefix, label, stats["by_team"], stages, threshold)
    tables["remedies"] = remedy_table(
        prefix, label, stats["remedies"], (data.remedied or {}).get(procedure)
    )
    # The council's published figure beside a year the trend shows (none: no column).
    told = {
        year: n
        for year, n in published_received(data, procedure).items()
        if year in stats["history"]
    }
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
            equality_counts(stats, field),
            threshold,
            protect=True,
            value_heading="Complainants",
        )
    return tables


def _team_table(
    prefix: str,
    label: str,
    by_team: Mapping[str, TeamRow],
    stages: Sequence[StageStats],
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
    per_team = {team: team_counts(row) for team, row in by_team.items()}
    kept: list[int] = []
    flags: dict[int, tuple[bool, ...]] = {}
    left_out: list[str] = []
    for j, column in enumerate(columns):
        values = [per_team[t].get(column, 0) for t in teams]
        hidden = protect_sum(values, threshold, bound=limits[j])
        if hidden is None:
            left_out.append(heads[j])
            continue
        kept.append(j)
        flags[j] = hidden
    rows = tuple(
        (
            team,
            *(SUPPRESSED if flags[j][i] else per_team[team].get(columns[j], 0) for j in kept),
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
        note = f"{note} {suppression_note(True, threshold)}"
    counts = {
        (i, k + 1): per_team[team].get(columns[j], 0)
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


def remedy_table(
    prefix: str, label: str, counts: Mapping[str, int], remedied: int | None
) -> TableSpec:
    """Remedies with each as a % of the cases that had one (a case may have several, so
    the percentages add up to more than 100); the denominator is printed in the last row.
    Without that figure (``remedied`` None) the counts print alone."""
    pairs = [(name, int(n)) for name, n in counts.items()]
    rows: list[tuple[Cell, ...]] = list(pairs)
    if remedied is None:
        return TableSpec(
            key=f"{prefix} remedies",
            title=f"{label}: remedies",
            headers=("Remedy", "Cases"),
            rows=tuple(rows),
            kinds=("text", "count"),
        )
    return TableSpec(
        key=f"{prefix} remedies",
        title=f"{label}: remedies",
        headers=("Remedy", "Cases", "Of cases with a remedy (%)"),
        rows=(
            *((name, n, percent(n, remedied)) for name, n in pairs),
            ("Cases with a remedy", remedied, None),
        ),
        kinds=("text", "count", "number"),
        total_last=bool(remedied),
        note=(
            "Cases with a stage answered or withdrawn in the period. A case may have several "
            "remedies, so the percentages add up to more than 100."
        ),
    )
