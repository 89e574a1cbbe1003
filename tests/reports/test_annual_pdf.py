"""The annual report PDF drawn from Merton's 2022/23 statistics: figures in the right tables."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from complaints_desktop.reports.annual.document import build_pdf
from complaints_desktop.reports.annual.model import ActionRow, OmbudsmanRow, ReportData
from tests.conftest import MERTON
from tests.pdftext import layout_text as pdf_text
from tests.pdftext import reading_text

STAT = "Statutory (Children Act 1989): "


def cells(text: str, title: str, label: str) -> list[str]:
    """The cells after ``label`` on its first line below the table titled ``title``."""
    start = text.index(title)
    for line in text[start:].splitlines()[1:]:
        stripped = line.strip()
        if stripped.startswith(label):
            return stripped[len(label) :].split()
    raise AssertionError(f"no row {label!r} under {title!r}")


@pytest.fixture(scope="module")
def merton() -> ReportData:
    stats = json.loads((MERTON / "expected.json").read_text(encoding="utf-8"))
    return ReportData(
        stats=stats,
        council="London Borough of Merton",
        start=date(2022, 4, 1),
        end=date(2023, 3, 31),
        generated=date(2023, 10, 2),
        previous={"statutory": 31, "corporate": 0},
        ombudsman=(
            OmbudsmanRow(
                "22 004 304",
                date(2022, 10, 29),
                "upheld",
                "Apology and £500 for distress",
                date(2022, 12, 1),
                date(2022, 12, 20),
                "completed late",
                50000,
            ),
        ),
        actions=(
            ActionRow(
                "CSC-0007",
                "Managers to check stage 1 letters answer every point",
                owner="Head of service",
                target=date(2023, 1, 31),
                status="implemented",
                evidence="Checklist in use",
            ),
            ActionRow(
                "CSC-0011",
                "Return calls within two working days",
                owner="Team manager",
                target=date(2023, 3, 1),
                status="not implemented",
                reason="Recruitment delayed",
            ),
        ),
        commentary="Stage 1 responses were too often late.\n\nWe will report monthly.",
    )


@pytest.fixture(scope="module")
def text(merton: ReportData) -> str:
    return pdf_text(build_pdf(merton))


@pytest.fixture(scope="module")
def text_unsuppressed(merton: ReportData) -> str:
    return pdf_text(build_pdf(merton, suppress_below=0))


def test_cover_names_council_service_and_period(text: str) -> None:
    cover = text.split("\f")[0]
    assert "London Borough of Merton" in cover
    assert "Annual complaints report" in cover
    assert "Children's Social Care" in cover
    assert "1 April 2022 to 31 March 2023" in cover
    assert "Page" not in cover


def test_contents_lists_every_section_with_a_page(text: str) -> None:
    contents = text.split("\f")[1]
    for section in (
        "Representations received",
        "Complaints at each stage",
        "Outcomes by stage",
        "Timeliness by stage",
        "Who complained",
        "Complaints by team",
        "Five-year trend",
        "Corporate complaints procedure",
        "Local Government and Social Care Ombudsman",
        "Costs of independent investigations and payments",
        "Learning and service improvements",
        "Equality of complainants",
        "Compliments, enquiries and other contacts",
        "Review of the effectiveness of the procedure",
    ):
        assert re.search(re.escape(section) + r"[ .]+\d+", contents), section


def test_pages_carry_header_and_page_x_of_y(text: str) -> None:
    pages = [p for p in text.split("\f") if p.strip()]
    total = len(pages)
    for number, page in enumerate(pages[1:], start=2):
        assert f"Page {number} of {total}" in page
        assert "London Borough of Merton" in page
        assert "Annual complaints report 2022/23" in page


def test_stage_counts_match_merton_published(text: str) -> None:
    title = STAT + "complaints at each stage"
    # open at the start, started, completed, withdrawn, open at the end
    # (the year before: no statistics given for it here, so "not recorded")
    assert cells(text, title, "Stage 1 (local resolution)")[:5] == ["0", "23", "23", "0", "0"]
    assert "Stage 2 (independent 1 7 8 0 0 not recorded" in " ".join(text.split())
    assert cells(text, title, "Stage 3 (review panel)") == [
        "0",
        "4",
        "3",
        "1",
        "0",
        "not",
        "recorded",
    ]


def test_received_shows_previous_year_and_change(text: str) -> None:
    assert cells(text, STAT + "representations received", "Representations received") == [
        "26",
        "31",
        "-5",
    ]


def test_outcomes_and_timeliness(text: str) -> None:
    outcomes = STAT + "outcomes by stage"
    assert cells(text, outcomes, "Stage 3 (review panel)")[:6] == ["3", "0", "0", "0", "3", "100.0"]
    # 12 of 23 upheld or partially upheld
    assert cells(text, outcomes, "Stage 1 (local resolution)") == [
        "5",
        "7",
        "11",
        "0",
        "23",
        "52.2",
        "not",
        "recorded",
    ]
    timeliness = STAT + "timeliness of responses by stage"
    assert timeliness in text
    flat = " ".join(text.split())
    # Stage 1 of Merton: 23 responses, 3 within 10 days, 10 in 11-20, 10 over 20; 13 late
    # (over the limit that applied), so 10 of 23 on time.
    assert "23 3 10 10 13 43.5 20.3" in flat
    assert "within 10 / 11-20 / over 20" in flat
    assert re.search(r"Stage 3 \(review( panel\))?", flat)
    assert "over 50" in flat
    assert "30 to convene the panel + 5 for its report + 15 for the council's response" in flat
    assert "statement of complaint was agreed" in flat
    assert "Within an agreed extension" not in text


def test_types_team_and_equality(text: str) -> None:
    # This fixture gives no statistics for the year before: its figures are not known.
    assert cells(text, STAT + "what complaints were about", "Attitude or behaviour of staff") == [
        "9",
        "5",
        "4",
        "not",
        "recorded",
    ]
    teams = STAT + "complaints by team"
    assert cells(text, teams, "Permanency, LAC and Care leavers")[-1] == "5"
    assert cells(text, teams, "Safeguarding and Care Planning")[-1] == "5"
    assert cells(text, STAT + "complainants by ethnicity", "White") == ["7"]


def test_ombudsman_outcomes_and_compliance(text: str) -> None:
    title = "Local Government and Social Care Ombudsman: referrals and decisions"
    assert cells(text, title, "Referrals received") == ["10"]
    assert cells(text, title, "Decided: closed after initial enquiries") == ["4"]
    assert cells(text, title, "Decided: referred back for local resolution") == ["3"]
    assert cells(text, title, "Decided: not upheld") == ["2"]
    assert cells(text, title, "Decided: upheld") == ["1"]
    row = cells(text, "Compliance with the Ombudsman's recommendations", "29/10/2022")
    assert row[0] == "upheld"
    assert "01/12/2022" in row
    assert "20/12/2022" in row
    assert "late" in row


def test_a_published_report_names_no_case(text: str, text_unsuppressed: str) -> None:
    assert "22 004 304" not in text
    assert "Case number" not in text
    assert "22 004 304" in text_unsuppressed


def test_suppression_off_marks_every_page_internal(text_unsuppressed: str, text: str) -> None:
    pages = text_unsuppressed.split("\f")[:-1]
    assert len(pages) > 5
    assert all("INTERNAL - NOT FOR PUBLICATION" in page for page in pages)
    assert "contains no personal data" not in text_unsuppressed
    assert "not for publication" in text_unsuppressed
    assert "INTERNAL" not in text
    assert "contains no personal data" in text


def test_compliments_costs_learning_commentary(text: str, merton: ReportData) -> None:
    assert "Total" not in text.split("Compliments by team")[1].split("received")[0]
    assert cells(text, "Compliments by team", "Permanency, LAC and Care leavers") == ["22"]
    costs = "Costs of independent investigations and payments"
    assert cells(text, costs, "Statutory stage 2 and 3")[-1] == "29,330.00"
    assert cells(text, costs, "Payments recommended by the Ombudsman") == ["500.00"]
    status = "Learning and service improvements by status"
    assert cells(text, status, "Implemented") == ["1"]
    assert cells(text, status, "Not implemented") == ["1"]
    assert "Recruitment delayed" in reading_text(build_pdf(merton))
    assert "Stage 1 responses were too often late." in text
    assert "No complaints were dealt with under the corporate procedure" in text


def test_small_counts_print_as_c_by_default(text: str) -> None:
    assert cells(text, STAT + "who complained", "child or young person") == ["c"]
    assert cells(text, STAT + "who complained", "parent") == ["22"]
    assert cells(text, STAT + "complainants by ethnicity", "Asian or Asian British") == ["c"]
    assert cells(text, STAT + "complainants by ethnicity", "Black or Black British") == ["0"]
    assert cells(text, STAT + "complaints by team", "Access to resources & CWD") == [
        "c",
        "0",
        "0",
        "c",
    ]
    # 3 compliments is small; a compliment can name several teams, so the rows add up
    # to nothing and the 5 beside it gives nothing away.
    assert cells(text, "Compliments by team", "MASH & Child Protection") == ["c"]
    assert cells(text, "Compliments by team", "Access to resources & CWD") == ["5"]
    assert "c = a count from 1 to 4" in text


def test_suppression_off_prints_every_number(text_unsuppressed: str) -> None:
    text = text_unsuppressed
    assert cells(text, STAT + "who complained", "child or young person") == ["3"]
    assert cells(text, STAT + "complainants by ethnicity", "Asian or Asian British") == ["2"]
    assert cells(text, STAT + "complaints by team", "Access to resources & CWD") == [
        "4",
        "0",
        "0",
        "1",
    ]
    assert cells(text, "Compliments by team", "Access to resources & CWD") == ["5"]
    assert "c = a count" not in text
    assert not re.search(r"\s c\s", text.split("Equality of complainants")[-1])


def test_threshold_is_the_suppress_below_setting(merton: ReportData) -> None:
    text = pdf_text(build_pdf(merton, suppress_below=3))
    assert cells(text, STAT + "complainants by gender", "male") == ["4"]
    assert cells(text, STAT + "who complained", "foster carer") == ["c"]
    # The lone 1 would be given away by the total, so the 3 beside it is hidden too.
    assert cells(text, STAT + "who complained", "child or young person") == ["c"]
    assert "c = a count from 1 to 2" in text


def test_charts_have_titles_and_axis_labels(text: str) -> None:
    for title in (
        "complaints started and completed at each stage",
        "responses on time and late",
        "representations received per year",
    ):
        assert STAT + title in text
    assert "Stage of the procedure" in text
    assert "Financial year (1 April to 31 March)" in text


def test_a_quarter_uses_the_same_layout(merton: ReportData) -> None:
    quarter = replace(
        merton, start=date(2022, 4, 1), end=date(2022, 6, 30), title="Quarterly complaints report"
    )
    text = pdf_text(build_pdf(quarter))
    cover = text.split("\f")[0]
    assert "Quarterly complaints report" in cover
    assert cover.count("1 April 2022 to 30 June 2022") == 1  # the period, said once
    assert "1 April 2022 to 30 June 2022" in text
    assert STAT + "complaints at each stage" in text


def test_progress_is_reported(merton: ReportData) -> None:
    seen: list[int] = []
    build_pdf(merton, progress=lambda percent, _what: seen.append(percent))
    assert seen[0] < seen[-1] == 100
    assert seen == sorted(seen)


def test_pdf_has_title_language_and_bookmarks(merton: ReportData) -> None:
    pdf = build_pdf(merton)
    assert b"/Lang (en-GB)" in pdf
    assert b"/DisplayDocTitle true" in pdf
    from pypdf import PdfReader

    metadata = PdfReader(io.BytesIO(pdf)).metadata
    assert metadata is not None
    assert metadata.title == "Annual complaints report 2022/23"
    assert b"/Outlines" in pdf
    assert b"(Timeliness by stage)" in pdf  # a bookmark per section


@pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="renders the pages with poppler's pdftoppm"
)
def test_no_page_is_left_two_thirds_empty(merton: ReportData, tmp_path: Path) -> None:
    from PIL import Image

    (tmp_path / "r.pdf").write_bytes(build_pdf(merton))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "30", str(tmp_path / "r.pdf"), str(tmp_path / "p")],
        check=True,
    )
    pages = sorted(tmp_path.glob("p-*.png"))
    # the cover, the contents and the last page may be short
    for page in pages[2:-1]:
        image = Image.open(page).convert("L")
        width, height = image.size
        body = range(int(height * 0.06), int(height * 0.93))
        inked = [y for y in body if image.crop((0, y, width, y + 1)).getextrema()[0] < 200]
        assert inked, page.name
        assert max(inked) / height > 0.4, page.name


def test_ombudsman_measures_with_denominators(text: str) -> None:
    title = "The Ombudsman's measures (as in its annual letter)"
    # Merton: 1 upheld of 3 detailed investigations (1 upheld + 2 not upheld)
    assert cells(text, title, "Detailed investigations upheld") == ["1", "3", "33.3"]
    assert cells(text, title, "Recommendations due in the period, met on time")[1:2] == ["1"]


def test_tables_with_nothing_recorded_are_left_out(text: str) -> None:
    assert "complaints not accepted" not in text
    assert "by service area" not in text
