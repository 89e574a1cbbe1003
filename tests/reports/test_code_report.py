"""The Complaint Handling Code report (corporate complaints): the self-assessment, the
complaints refused, the Ombudsman's figures and the governance body's response, in the
PDF and in Word."""

from __future__ import annotations

import io
from dataclasses import replace

import docx
import pytest
from docx.oxml.ns import qn

from complaints_desktop.domain import code_assessment
from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.reports.annual import code_report
from complaints_desktop.reports.annual.docx import build_docx
from complaints_desktop.reports.annual.model import ReportData
from tests.pdftext import reading_text
from tests.reports.test_annual_pdf import merton  # noqa: F401  (the shared fixture)

ASSESSMENT = """\
We assessed ourselves against the Code in March.

## 1.2 A complaint is an expression of dissatisfaction, however made
Compliant: yes
Evidence: Complaints policy, section 2.

## 5.8 Complaints are acknowledged within five working days
Compliant: partly
Evidence: 87% acknowledged in time;
a reminder runs daily since January.

## 6.4 A stage 1 response within 10 working days
Compliant: No
"""


@pytest.fixture(scope="module")
def written(merton: ReportData) -> ReportData:  # noqa: F811
    return replace(
        merton,
        refusals={"corporate": {"out of time": 3, "legal proceedings": 2}},
        texts={
            "code_assessment": ASSESSMENT,
            "code_improvements": "Acknowledgement letters now name the officer.",
            "code_response": "The Audit Committee welcomed the report on 12 June.",
        },
    )


def test_parse_reads_each_requirement_with_its_answer_and_evidence() -> None:
    found = code_assessment.parse(ASSESSMENT)
    assert found.introduction == "We assessed ourselves against the Code in March."
    assert [(r.requirement[:3], r.compliant) for r in found.requirements] == [
        ("1.2", "Yes"),
        ("5.8", "Partly"),
        ("6.4", "No"),
    ]
    assert found.requirements[1].evidence == (
        "87% acknowledged in time;\na reminder runs daily since January."
    )
    assert found.counts() == {"Yes": 1, "Partly": 1, "No": 1}


def test_parse_names_the_line_of_a_bad_or_missing_answer() -> None:
    with pytest.raises(ValidationFailed) as err:
        code_assessment.parse("## 1.1 Policy\nCompliant: mostly\n\n## 1.2 Website\nEvidence: x\n")
    assert err.value.problems == [
        "Self-assessment: line 2: 'Compliant:' must be followed by yes, no or partly, "
        "not 'mostly'.",
        "Self-assessment: line 4: '1.2 Website' has no 'Compliant: yes / no / partly' line.",
    ]


def test_pdf_prints_every_section_the_code_asks_for(written: ReportData) -> None:
    text = reading_text(code_report.build_pdf(written))
    assert "Complaint performance and service improvement report 2022/23" in text
    assert "DRAFT" not in text
    assert "Of the 3 requirements assessed, the council complies with 1, partly with 1 " in text
    assert "5.8 Complaints are acknowledged within five working days Partly" in text
    assert "Complaints not accepted" in text
    assert "Corporate: complaints not accepted, by reason" in text
    assert "The Ombudsman's measures (as in its annual letter)" in text
    assert "Detailed investigations upheld" in text
    # A heading word wider than its column is not broken ("Inconclusiv" / "e").
    assert "Inconclusive" in text
    assert "Inconclusiv e" not in text
    assert "Acknowledgement letters now name the officer." in text
    assert "Learning and service improvements by status" in text
    assert "Return calls within two working days" not in text  # listed in the annual report
    assert "The Audit Committee welcomed the report on 12 June." in text
    # The statutory procedure's own tables are the annual report's, not this one's.
    assert "Who complained" not in text


def test_unwritten_self_assessment_makes_a_draft_with_a_place_for_the_response(
    merton: ReportData,  # noqa: F811
) -> None:
    text = reading_text(code_report.build_pdf(merton))
    assert "DRAFT: the team has not written the self-assessment yet." in text
    assert text.count("DRAFT") > 5  # every page's marking
    assert "The governance body's response will be added here" in text
    assert "No complaint made under the corporate procedure was refused" in text


def test_word_version_has_headings_and_the_assessment_table(written: ReportData) -> None:
    word = docx.Document(io.BytesIO(build_docx(code_report.compose(written))))
    h1 = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert h1 == [
        "Introduction",
        "Self-assessment against the Complaint Handling Code",
        "Complaint handling performance",
        "Complaints not accepted",
        "The Ombudsman's findings and annual letter",
        "Service improvements from complaints",
        "Response of the governance body",
    ]
    table = next(t for t in word.tables if t.rows[0].cells[0].text == "Requirement of the Code")
    assert [c.text for c in table.rows[3].cells] == [
        "6.4 A stage 1 response within 10 working days",
        "No",
        "",
    ]
    assert table.rows[0]._tr.findall(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
    assert word.core_properties.title == (
        "Complaint performance and service improvement report 2022/23"
    )
