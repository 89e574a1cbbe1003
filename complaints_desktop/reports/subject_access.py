"""Reports: the subject-access PDF — everything held about one person, case by case.

Takes plain data (headings and label/value pairs built by the service) and returns PDF
bytes; it knows nothing of the database. Text is escaped, so names with ``&`` or ``<``
print as typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from complaints_desktop.domain.text import long_date
from complaints_desktop.reports.styles import FONT, GREY, paragraph_styles, register_fonts

MARGIN = 18 * mm
LABEL_WIDTH = 52 * mm
LINE = colors.HexColor("#c8c8c8")


@dataclass(frozen=True)
class Section:
    """One part of a case: a heading and its label/value lines."""

    heading: str
    rows: list[tuple[str, str]]


@dataclass(frozen=True)
class CaseRecord:
    """One case the person is in, as sections."""

    reference: str
    role: str  # "complainant" or "child or young person"
    sections: list[Section]


@dataclass(frozen=True)
class SubjectAccessReport:
    """What the PDF holds."""

    subject: str
    prepared_on: date
    prepared_by: str
    redacted: bool
    council: str = ""
    cases: list[CaseRecord] = field(default_factory=list)


def _p(text: str, style: str, size: float = 10.0) -> Paragraph:
    lines = escape(text).split("\n")
    return Paragraph("<br/>".join(lines), paragraph_styles(size)[style])


def _section(section: Section) -> list[object]:
    rows = [[_p(label, "small", 12.0), _p(value, "body")] for label, value in section.rows if value]
    if not rows:
        rows = [[_p("", "small"), _p("Nothing recorded.", "body")]]
    table = Table(rows, colWidths=[LABEL_WIDTH, A4[0] - 2 * MARGIN - LABEL_WIDTH])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, LINE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    heading = _p(section.heading, "heading", 11.0)
    if len(rows) < 8:
        return [KeepTogether([heading, table]), Spacer(0, 2 * mm)]
    return [heading, table, Spacer(0, 2 * mm)]


def _intro(report: SubjectAccessReport) -> list[object]:
    count = len(report.cases)
    parts: list[object] = [_p(report.council, "heading", 11.0)] if report.council else []
    parts += [
        _p(f"Information held about {report.subject}", "title", 12.0),
        _p(
            f"Prepared on {long_date(report.prepared_on)} by {report.prepared_by} in answer "
            "to a subject access request. It lists every complaint record in which this "
            f"person is named: {count} case{'s' if count != 1 else ''}.",
            "body",
        ),
    ]
    if report.redacted:
        parts.append(
            _p(
                "The names of other people (staff who handled or investigated the complaint, "
                "independent people, panel members, advocates and the authors of notes) are "
                "shown as [redacted]. Free text such as notes is reproduced as recorded: it "
                "was checked by the person preparing this response.",
                "body",
            )
        )
    if not report.cases:
        parts.append(_p("No complaint record names this person.", "body"))
    return parts


def _footer(canvas: Canvas, _doc: object) -> None:
    canvas.setFont(FONT, 8)
    canvas.setFillColor(GREY)
    canvas.drawRightString(A4[0] - MARGIN, 10 * mm, f"Page {canvas.getPageNumber()}")
    canvas.drawString(MARGIN, 10 * mm, "Subject access response. Personal data: keep secure.")


def render(report: SubjectAccessReport) -> bytes:
    """The PDF of ``report``: an introduction, then each case with its sections."""
    register_fonts()
    out = BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=f"Subject access: {report.subject}",
        author=report.council or "Complaints team",
    )
    story: list[object] = _intro(report)
    for index, case in enumerate(report.cases):
        if index:
            story.append(PageBreak())
        else:
            story.append(Spacer(0, 4 * mm))
        story.append(_p(f"Case {case.reference} (as {case.role})", "title", 11.0))
        for section in case.sections:
            story.extend(_section(section))
    doc.build(story, onFirstPage=_footer, onLaterPages=_footer)
    return out.getvalue()
