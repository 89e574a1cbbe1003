"""Reports: the fixed wording of the annual report (the councils' own vocabulary)."""

from __future__ import annotations

INTRODUCTION = """\
This report about {council}'s children's social care complaints covers {period}. The \
Children Act 1989 Representations Procedure (England) Regulations 2006 require the council \
to publish a report each year on the representations it receives: how many there were, who \
made them, what they were about, what was found, whether the time limits were kept, and \
what the council learned."""

PUBLISHED_NOTE = """\
The report contains no personal data and names no case. In tables broken down by \
relationship to the child, by team or by a personal characteristic, small numbers are \
shown as "c", and so is any other number that would let one be worked out; a breakdown \
that cannot be protected that way is not shown."""

INTERNAL_NOTE = """\
This is an internal copy: every number is shown, however small, so a complainant may be \
identifiable from it, and case numbers are printed. It is not for publication; a \
published report is made with small numbers suppressed."""

INTERNAL_MARKING = "INTERNAL - NOT FOR PUBLICATION"

PROCEDURE_TEXT = """\
Stage 1, local resolution: the service team looks into the complaint and responds within \
10 working days; this may be extended to 20 working days if the complaint is complex or an \
advocate is being appointed.

Stage 2, independent investigation: an investigating officer and an independent person look \
into the complaint; the council responds (the adjudication) within 25 working days, which \
may be extended to 65 working days.

Stage 3, review panel: three independent people meet within 30 working days of the request, \
report within 5 working days, and the council responds within 15 working days of the report.

Outcomes are recorded as upheld, partially upheld, not upheld or inconclusive. A complainant \
who remains dissatisfied may go to the Local Government and Social Care Ombudsman."""

DRAFT_MARKING = "DRAFT"


def marking(*, published: bool, draft: bool) -> str:
    """What every page says at its top: INTERNAL when suppression is off, DRAFT until the
    required words are written, both, or nothing."""
    return " · ".join(
        m for m in ("" if published else INTERNAL_MARKING, DRAFT_MARKING if draft else "") if m
    )
