"""Reports: requests for stage 2 (and stage 3) made in the period and how many went on
to an investigation (a review panel), the rest explained (as Merton's report sets them
out)."""

from __future__ import annotations

from collections.abc import Mapping

from complaints_desktop.reports.annual.tables import Cell, TableSpec, percent

FATES = (
    ("proceeded", "Went on to an investigation (stage 2) or a panel (stage 3)"),
    ("withdrawn", "Withdrawn by the complainant"),
    ("refused", "Not accepted by the council"),
    ("resolved", "Resolved without one"),
    ("pending", "Not yet decided at the end of the period"),
)


def escalation_table(
    prefix: str, label: str, stages: Mapping[int, Mapping[str, int]] | None
) -> TableSpec:
    """Requests for stage 2 and 3 in the period by what became of them, each with its %
    of the stage's requests (printed in the last row); a stage 3 column only when there
    were stage 3 requests; no rows when no stage 2 or 3 was asked for."""
    stages = stages or {}
    shown = [n for n in (2, 3) if sum(stages.get(n, {}).values())]
    counts = {n: {key: int(stages[n].get(key, 0)) for key, _name in FATES} for n in shown}
    asked = {n: sum(counts[n].values()) for n in shown}
    rows: list[tuple[Cell, ...]] = []
    if shown:
        for key, name in FATES:
            if key == "proceeded":
                name = _went_on(prefix, shown)
            cells: list[Cell] = [name]
            for n in shown:
                cells += [counts[n][key], percent(counts[n][key], asked[n])]
            rows.append(tuple(cells))
        total: list[Cell] = ["Requested in the period"]
        for n in shown:
            total += [asked[n], None]
        rows.append(tuple(total))
    numbers = " and ".join(str(n) for n in shown or [2])
    headers: list[str] = [""]
    for n in shown or [2]:
        headers += [f"Stage {n} requests", f"Stage {n} (%)"]
    return TableSpec(
        key=f"{prefix} stage requests",
        title=f"{label}: requests for stage {numbers}, and what became of them",
        headers=tuple(headers),
        rows=tuple(rows),
        kinds=("text", *(("count", "number") * len(shown or [2]))),
        total_last=bool(shown),
        weights=(3.4, *((1.1, 1.0) * len(shown or [2]))),
        note=(
            "Requests made in the period (the stage table's started). Went on: for stage 2, "
            "the statement of complaint was agreed or the investigation reached a finding"
            + (
                "; for stage 3, the panel's date was set or it reached a finding"
                if 3 in shown
                else ""
            )
            + ". A request answered otherwise was resolved without one. Percentages are of "
            "the stage's requests."
        ),
    )


def _went_on(prefix: str, shown: list[int]) -> str:
    """The first row's label, naming only the stages the table shows (the corporate
    procedure's stage 2 is a review, not an independent investigation)."""
    if prefix == "C":
        return "Went on to stage 2"
    names = {2: "an investigation (stage 2)", 3: "a review panel (stage 3)"}
    return "Went on to " + " or ".join(names[n] for n in shown)
