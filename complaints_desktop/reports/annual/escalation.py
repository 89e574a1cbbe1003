"""Reports: requests for stage 2 made in the period and how many went on to an
investigation, the rest explained (as Merton's report sets them out)."""

from __future__ import annotations

from collections.abc import Mapping

from complaints_desktop.reports.annual.tables import TableSpec, percent

FATES = (
    ("proceeded", "Went on to a stage 2 investigation"),
    ("withdrawn", "Withdrawn by the complainant"),
    ("refused", "Not accepted by the council"),
    ("resolved", "Resolved without an investigation"),
    ("pending", "Not yet decided at the end of the period"),
)


def escalation_table(prefix: str, label: str, fates: Mapping[str, int] | None) -> TableSpec:
    """Stage 2 requests in the period by what became of them, each as a % of the requests
    (printed in the last row); no rows when no fates are known."""
    counts = {key: int((fates or {}).get(key, 0)) for key, _name in FATES}
    requested = sum(counts.values())
    return TableSpec(
        key=f"{prefix} stage 2 requests",
        title=f"{label}: requests for stage 2 and investigations",
        headers=("", "Requests", "Of the requests (%)"),
        rows=(
            *((name, counts[key], percent(counts[key], requested)) for key, name in FATES),
            ("Stage 2 requested in the period", requested, None),
        )
        if fates
        else (),
        kinds=("text", "count", "number"),
        total_last=bool(fates),
        note=(
            "Requests for stage 2 made in the period (the stage table's stage 2 started). "
            "Went on to an investigation: the statement of complaint was agreed or the "
            "investigation reached a finding; a request answered otherwise is resolved "
            "without one."
        ),
    )
