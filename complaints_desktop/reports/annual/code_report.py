"""Reports: the Complaint Handling Code report for corporate complaints (PDF and Word).

Section 8 of the Local Government and Social Care Ombudsman's Complaint Handling Code
(applied to councils from April 2026) asks for an annual complaint performance and
service improvement report, put before the governance body and published with its
response: the self-assessment against the Code, the figures of complaint handling with
the types of complaint not accepted, the Ombudsman's findings and annual-letter figures,
and the service improvements made. It is composed from the same checked tables as the
annual report (the small-number audit covers every one) and the team's words.
"""

from __future__ import annotations

from reportlab.platypus import CondPageBreak

from complaints_desktop.domain import code_assessment
from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.domain.suppression import DEFAULT_THRESHOLD
from complaints_desktop.domain.text import counted, long_date
from complaints_desktop.reports.annual.document import (
    NEW_PAGE_IF_LESS,
    Composed,
    _Story,
    checked_tables,
    cover,
)
from complaints_desktop.reports.annual.layout import render
from complaints_desktop.reports.annual.model import ReportData
from complaints_desktop.reports.annual.styles import stylesheet
from complaints_desktop.reports.annual.tables import TableSpec, period_label
from complaints_desktop.reports.annual.texts import marking

TITLE = "Complaint performance and service improvement report"
SUBJECT = "Corporate complaints about children's services"

INTRODUCTION = """\
This is {council}'s annual complaint performance and service improvement report for \
{period}, for complaints about children's services dealt with under the council's \
corporate complaints procedure. Section 8 of the Local Government and Social Care \
Ombudsman's Complaint Handling Code asks each council to report every year on how it \
handles complaints: its self-assessment against the Code, how complaints were dealt with \
and which were not accepted, what the Ombudsman found, and what the council changed as a \
result. The report goes to the council's governance body for scrutiny and is published \
on the council's website with that body's response.

Complaints about children's social care made under the Children Act 1989 procedure are \
reported in the council's annual complaints report, not here."""

NO_RESPONSE = """\
The governance body's response will be added here once it has considered this report. \
The Code asks the council to publish the report together with that response."""


def compose(data: ReportData, suppress_below: int = DEFAULT_THRESHOLD) -> Composed:
    """Every section of the Code report, for the PDF and the Word version alike.

    Raises:
        DisclosureRisk: the small-number audit of the report's tables failed.
        ValidationFailed: the self-assessment kept for the year cannot be read.
    """
    styles = stylesheet()
    tables = dict(checked_tables(data, suppress_below))
    assessment = _assessment(data)
    if assessment is not None:
        tables["code.assessment"] = assessment_table(assessment)
    published = suppress_below > 1
    story = _Story(styles, tables)
    period = period_label(data.start, data.end)
    cover(story, data, period, TITLE, SUBJECT)
    story.section("Introduction")
    story.text(INTRODUCTION.format(council=data.council, period=period))
    if not published:
        story.text(
            "This is an internal copy: every number is shown, however small. It is not "
            "for publication."
        )
    _self_assessment(story, assessment)
    _performance(story, data)
    _refused(story, data)
    _ombudsman(story, data)
    _improvements(story, data)
    story.section("Response of the governance body")
    story.text(data.texts.get("code_response", "") or NO_RESPONSE)
    return Composed(
        story=story,
        title=f"{TITLE} {period}",
        header=f"{data.council} · Corporate complaints",
        marking=marking(published=published, draft=assessment is None),
        cover_lines=(
            data.council,
            SUBJECT,
            f"Period: {long_date(data.start)} to {long_date(data.end)}",
            f"Produced on {long_date(data.generated)}",
        ),
    )


def build_pdf(data: ReportData, suppress_below: int = DEFAULT_THRESHOLD) -> bytes:
    """The Code report as PDF bytes (tagged with its title, contents as bookmarks)."""
    composed = compose(data, suppress_below)
    return render(
        composed.story.flow,
        header=composed.header,
        title=composed.title,
        cover=True,
        with_contents=True,
        marking=composed.marking,
    )


def assessment_table(assessment: code_assessment.SelfAssessment) -> TableSpec:
    """The self-assessment as a table: requirement, compliant, evidence."""
    return TableSpec(
        key="Code self-assessment",
        title="Self-assessment against the Complaint Handling Code",
        headers=("Requirement of the Code", "Compliant", "Evidence"),
        rows=tuple((r.requirement, r.compliant, r.evidence) for r in assessment.requirements),
        kinds=("text", "text", "text"),
        weights=(4.0, 1.2, 4.8),
    )


def _assessment(data: ReportData) -> code_assessment.SelfAssessment | None:
    text = data.texts.get("code_assessment", "")
    if not text.strip():
        return None
    try:
        return code_assessment.parse(text)
    except ValidationFailed as err:  # kept before the check existed: say what to mend
        raise ValidationFailed(
            ["The self-assessment kept for this year cannot be read.", *err.problems]
        ) from err


def _self_assessment(story: _Story, assessment: code_assessment.SelfAssessment | None) -> None:
    story.section("Self-assessment against the Complaint Handling Code")
    if assessment is None:
        story.text(
            "DRAFT: the team has not written the self-assessment yet. Each requirement of "
            "the Code is listed with whether the council complies and the evidence."
        )
        return
    if assessment.introduction:
        story.text(assessment.introduction)
    counts = assessment.counts()
    total = len(assessment.requirements)
    story.text(
        f"Of the {counted(total, 'requirement')} assessed, the council complies with "
        f"{counts['Yes']}, "
        f"partly with {counts['Partly']} and not with {counts['No']}."
    )
    story.table("code.assessment")


def _performance(story: _Story, data: ReportData) -> None:
    story.flow.append(CondPageBreak(NEW_PAGE_IF_LESS))
    story.section("Complaint handling performance")
    stats = data.stats["corporate"]
    received = int(stats["received"])
    story.text(
        f"{counted(received, 'complaint')} {'was' if received == 1 else 'were'} received "
        "under the corporate procedure in the "
        "period. The tables give the complaints at each stage, their outcomes, whether "
        "the time limits were kept, and what the complaints were about."
    )
    for key in ("received", "stages", "outcomes", "timeliness", "types"):
        story.table(f"corporate.{key}")
    if any(row[-2] for row in story.tables["corporate.elements"].rows):
        story.table("corporate.elements")


def _refused(story: _Story, data: ReportData) -> None:
    story.section("Complaints not accepted")
    refused = (data.refusals or {}).get("corporate", {})
    if not refused:
        story.text("No complaint made under the corporate procedure was refused in the period.")
        return
    story.text(
        "The Code allows a council to decline a complaint only for the reasons its policy "
        "sets out, and to tell the complainant why and that they may go to the Ombudsman. "
        "These are the types of complaint not accepted in the period."
    )
    story.table("corporate.refusals", compact=True)


def _ombudsman(story: _Story, data: ReportData) -> None:
    story.flow.append(CondPageBreak(NEW_PAGE_IF_LESS))
    story.section("The Ombudsman's findings and annual letter")
    story.text(
        "The Ombudsman's decisions in the period and the measures of its annual letter "
        "(for all of the service's complaints, statutory and corporate)."
    )
    story.table("lgsco", compact=True)
    story.table("lgsco_letter")
    if story.tables["compliance"].rows:
        story.table("compliance")
    story.sub("Findings of non-compliance with the Code")
    story.text(
        data.texts.get("code_ombudsman", "")
        or "The team has recorded no finding by the Ombudsman that the council did not "
        "comply with the Code in this period."
    )


def _improvements(story: _Story, data: ReportData) -> None:
    story.section("Service improvements from complaints")
    words = data.texts.get("code_improvements", "")
    if words:
        story.text(words)
    story.text(
        "Learning actions agreed from the service's complaints (statutory and corporate) "
        "in the period, by status; each action, its owner and target are listed in the "
        "annual complaints report and the learning-action tracker."
    )
    story.table("actions_summary", compact=True)
