"""Storage: how each table's row maps to the domain's dataclasses, and back.

One mapper per table, used by every reader and writer (``cases``, ``bulk``, the queries).
"""

from __future__ import annotations

from complaints_desktop.domain import model as m
from complaints_desktop.storage import search_text
from complaints_desktop.storage import tables as t

EQUALITY_FIELDS = ("age_band", "gender", "ethnicity", "disability", "sexual_orientation")


def complaint_columns(case: m.Case) -> dict[str, object]:
    """The ``complaint`` row's own columns for ``case`` (no ids of related rows)."""
    current = case.current_stage
    return {
        "reference": case.reference,
        "procedure": case.procedure,
        "received": case.received,
        "channel": case.channel,
        "relationship": case.relationship,
        "summary": case.summary,
        "on_behalf_consent": case.on_behalf_consent,
        "eligibility_note": case.eligibility_note,
        "late_accepted_reason": case.late_accepted_reason,
        "learned_of": case.learned_of,
        "legal_status": case.legal_status,
        "child_views": case.child_views,
        "adjustments": case.adjustments,
        "adjustments_review": case.adjustments_review,
        "advocacy_used": case.advocacy.used,
        "advocacy_offered": case.advocacy.offered,
        "advocacy_decision": case.advocacy.decision,
        "advocacy_provider": case.advocacy.provider,
        "advocacy_referral": case.advocacy.referral,
        "advocate_name": case.advocacy.advocate_name,
        **{f: case.equality.get(f, "") for f in EQUALITY_FIELDS},
        "resolved_early": case.resolved_early,
        "refused": case.refused,
        "refusal_reason": case.refusal_reason,
        "signposting": case.signposting,
        "withdrawn": case.withdrawn,
        "withdrawn_stage": case.withdrawn_stage,
        "restricted": case.restricted,
        "legal_hold": case.legal_hold,
        "anonymised": case.anonymised,
        "status": case.status,
        "stage": current.number if current else 0,
        "search_text": search_text.compose(
            case.reference,
            case.summary,
            case.complainant.name,
            case.child.name,
            case.child.system_id,
            *case.teams,
            names=(case.complainant.name, case.child.name),
        ),
    }


def stage_columns(stage: m.Stage) -> dict[str, object]:
    """The ``stage`` row's own columns."""
    return {
        "number": stage.number,
        "requested": stage.requested,
        "start": stage.start,
        "acknowledged": stage.acknowledged,
        "extended": stage.extended,
        "extension_agreed": stage.extension_agreed,
        "extension_reason": stage.extension_reason,
        "extension_letter_reason": stage.extension_letter_reason,
        "io_address": stage.io_address,
        "ip_address": stage.ip_address,
        "panel_time": stage.panel_time,
        "panel_venue": stage.panel_venue,
        "handler": stage.handler,
        "investigating_officer": stage.investigating_officer,
        "independent_person": stage.independent_person,
        "io_fee": stage.io_fee,
        "ip_fee": stage.ip_fee,
        "cost": stage.cost,
        "panel_members": stage.panel_members,
        "panel_date": stage.panel_date,
        "panel_report": stage.panel_report,
        "response": stage.response,
        "outcome": stage.outcome,
    }


def recommendation(row: t.Recommendation) -> m.Recommendation:
    """A recommendation row as the domain has it."""
    return m.Recommendation(
        id=row.id,
        description=row.description,
        remedy_type=row.remedy_type,
        target=row.target,
        achieved=row.achieved,
        status=row.status,
        amount=row.amount,
    )
