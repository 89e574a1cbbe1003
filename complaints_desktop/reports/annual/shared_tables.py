"""Reports: the tables outside the two procedures (Ombudsman, advocacy, costs, learning,
contacts), suppression applied."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from complaints_desktop.domain import vocab
from complaints_desktop.domain.statistics_types import procedure_stats
from complaints_desktop.reports.annual.model import ActionRow, OmbudsmanRow, ReportData
from complaints_desktop.reports.annual.tables import (
    KIND_LABELS,
    PROCEDURE_NAMES,
    TableSpec,
    counted_list,
    percent,
)


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
                percent(upheld, investigated),
            ),
            (
                "Recommendations due in the period, met on time",
                int(recs.get("on_time", 0)),
                int(recs.get("due", 0)),
                percent(int(recs.get("on_time", 0)), int(recs.get("due", 0))),
            ),
            (
                "Recommendations met late",
                int(recs.get("late", 0)),
                int(recs.get("due", 0)),
                percent(int(recs.get("late", 0)), int(recs.get("due", 0))),
            ),
            (
                "Recommendations outstanding at the end of the period",
                int(recs.get("outstanding", 0)),
                int(recs.get("due", 0)),
                percent(int(recs.get("outstanding", 0)), int(recs.get("due", 0))),
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
    for procedure in vocab.REPORTED_PROCEDURES:
        for name, (offered, used) in (data.advocacy or {}).get(procedure, {}).items():
            row = providers.setdefault(name, [0, 0])
            row[0] += offered
            row[1] += used
    tables["advocacy_providers"] = TableSpec(
        key="Advocacy providers",
        title="Advocacy offered and taken up, by provider",
        headers=("Provider", "Offered", "Taken up", "Taken up (%)"),
        rows=tuple(
            (name, offered, used, percent(used, offered))
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
            (
                f"{PROCEDURE_NAMES[p]}: supported by an advocate",
                int(procedure_stats(stats, p)["advocacy"]),
            )
            for p in vocab.REPORTED_PROCEDURES
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
