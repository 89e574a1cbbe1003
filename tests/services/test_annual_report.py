"""The annual report use cases on Merton's 2022/23 case log: PDF, spreadsheet, commentary."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from complaints_desktop.domain.errors import KnownError, ValidationFailed
from complaints_desktop.domain.statistics_types import procedure_stats
from complaints_desktop.services import annual_report, caselog, statistics
from complaints_desktop.services.env import Env
from complaints_desktop.storage import settings_store
from complaints_desktop.storage import tables as t
from tests.conftest import MERTON
from tests.pdftext import layout_text as pdf_text
from tests.pdftext import reading_text

START, END = date(2022, 4, 1), date(2023, 3, 31)
STAT = "Statutory (Children Act 1989): "


def cells(text: str, title: str, label: str) -> list[str]:
    start = text.index(title)
    for line in text[start:].splitlines()[1:]:
        if line.strip().startswith(label):
            return line.strip()[len(label) :].split()
    raise AssertionError(f"no row {label!r} under {title!r}")


@pytest.fixture
def merton(env: Env) -> Env:
    """Merton's 2022/23 case and contacts logs imported; the council's name set."""
    caselog.import_file(env, MERTON / "cases.csv", create_missing=True)
    caselog.import_file(env, MERTON / "contacts.csv", contacts=True, create_missing=True)
    caselog.import_file(env, MERTON / "recommendations.csv", ombudsman=True)
    with env.uow() as session:
        settings_store.put(session, "council", {"name": "London Borough of Merton"})
    return env


def test_pdf_shows_merton_published_figures(merton: Env, tmp_path: Path) -> None:
    path = tmp_path / "annual.pdf"
    annual_report.write_pdf(merton, START, END, path)
    text = pdf_text(path.read_bytes())
    published = json.loads((MERTON / "published.json").read_text(encoding="utf-8"))
    stages = STAT + "complaints at each stage"
    assert cells(text, stages, "Stage 1 (local resolution)")[2] == "23"
    assert "Stage 2 (independent 1 7 8" in " ".join(text.split())
    assert cells(text, stages, "Stage 3 (review panel)")[2] == "3"
    assert cells(text, STAT + "outcomes by stage", "Stage 3 (review panel)")[0] == "3"
    # 23 responses: 3 within 10 working days, 10 in 11-20, 10 over; 13 late; mean, median
    assert "23 3 10 10 13 43.5 20.3 18.0" in " ".join(text.split())
    for team in ("Permanency, LAC and Care leavers", "Safeguarding and Care Planning"):
        key = f"statutory.by_team.{team}.stage1_upheld_or_partly"
        assert cells(text, STAT + "complaints by team", team)[-1] == str(published[key])
    assert cells(text, STAT + "what complaints were about", "Attitude or behaviour of staff")[
        0
    ] == str(published["statutory.by_type.Attitude or behaviour of staff.cases"])
    assert cells(text, STAT + "complainants by ethnicity", "White") == ["7"]
    decisions = "Local Government and Social Care Ombudsman: referrals and decisions"
    for outcome in (
        "closed after initial enquiries",
        "referred back for local resolution",
        "not upheld",
        "upheld",
    ):
        expected = str(published[f"lgsco.decided.{outcome}"])
        assert cells(text, decisions, f"Decided: {outcome}") == [expected]
    assert cells(text, "Compliments by team", "Total") == ["41"]
    assert text.split("\f")[0].count("London Borough of Merton") == 1
    # The previous year (2021/22) had one case in the log.
    assert cells(text, STAT + "representations received", "Representations received") == [
        "26",
        "1",
        "25",
    ]


def test_small_counts_hidden_by_default_and_shown_when_off(merton: Env) -> None:
    hidden = pdf_text(annual_report.render_pdf(merton, START, END))
    shown = pdf_text(annual_report.render_pdf(merton, START, END, suppress_below=0))
    assert cells(hidden, STAT + "who complained", "foster carer") == ["c"]
    assert cells(shown, STAT + "who complained", "foster carer") == ["1"]
    assert cells(hidden, STAT + "complainants by age band", "under 18") == ["c"]
    assert cells(shown, STAT + "complainants by age band", "under 18") == ["1"]


def test_xlsx_holds_the_same_numbers_as_the_statistics(merton: Env, tmp_path: Path) -> None:
    stats = statistics.compute(merton, START, END)
    assert stats == json.loads((MERTON / "expected.json").read_text(encoding="utf-8"))
    path = tmp_path / "tables.xlsx"
    annual_report.write_xlsx(merton, START, END, path, suppress_below=0)
    book = load_workbook(io.BytesIO(path.read_bytes()))

    def column(sheet: str) -> dict[str, object]:
        return {r[0]: r[1] for r in book[sheet].iter_rows(min_row=4, values_only=True) if r[0]}

    s = stats["statutory"]
    ethnicity = column("S ethnicity")
    assert {k: ethnicity[k] for k in s["equality"]["ethnicity"]} == s["equality"]["ethnicity"]
    relationship = column("S relationship")
    assert {k: relationship[k] for k in s["by_relationship"]} == s["by_relationship"]
    stage_rows = list(book["S stages"].iter_rows(min_row=4, max_row=6, values_only=True))
    assert [list(r[1:6]) for r in stage_rows] == [
        [
            s["stages"][k][field]
            for field in ("brought_forward", "started", "completed", "withdrawn", "open_at_end")
        ]
        for k in ("stage1", "stage2", "stage3")
    ]
    default = tmp_path / "default.xlsx"
    annual_report.write_xlsx(merton, START, END, default)
    suppressed = load_workbook(default)
    rows = {r[0]: r[1] for r in suppressed["S ethnicity"].iter_rows(values_only=True) if r[0]}
    assert rows["Mixed or multiple"] == "c"
    assert rows["White"] == 7


def test_commentary_is_kept_per_year_and_printed(merton: Env) -> None:
    annual_report.set_commentary(merton, 2022, "Stage 2 took too long.\r\n\r\nWe will act.")
    assert annual_report.get_commentary(merton, 2022) == "Stage 2 took too long.\n\nWe will act."
    assert annual_report.get_commentary(merton, 2023) == ""
    with merton.uow() as session:
        actions = session.exec(select(t.AuditEntry.action)).all()
    assert "report commentary" in actions
    text = pdf_text(annual_report.render_pdf(merton, START, END))
    assert "Stage 2 took too long." in text
    assert "We will act." in text
    with pytest.raises(ValidationFailed):
        annual_report.set_commentary(merton, 22, "typo for the year")


def test_compliance_and_learning_actions_appear(merton: Env) -> None:
    with merton.uow() as session:
        omb = session.exec(
            select(t.OmbudsmanCase).where(t.OmbudsmanCase.outcome == "upheld")
        ).first()
        assert omb is not None
        assert omb.id is not None
        # in place of the recommendation Merton's log gave it
        for old in session.exec(
            select(t.Recommendation).where(t.Recommendation.ombudsman_id == omb.id)
        ):
            session.delete(old)
        session.add(
            t.Recommendation(
                ombudsman_id=omb.id,
                description="Pay £500 for distress",
                target=date(2023, 1, 15),
                achieved=date(2023, 1, 10),
                status="complete and satisfied",
                amount=50000,
            )
        )
        session.add(
            t.LearningAction(
                complaint_id=omb.complaint_id,
                action="Check every stage 1 letter answers each point",
                owner="Head of service",
                target=date(2023, 2, 28),
                status="not implemented",
                reason="Staff shortage",
            )
        )
        number = omb.reference
    text = pdf_text(annual_report.render_pdf(merton, START, END, suppress_below=0))
    row = cells(text, "Compliance with the Ombudsman's recommendations", number)
    assert "15/01/2023" in row
    assert "10/01/2023" in row
    assert "Staff shortage" in text
    assert cells(text, "Learning and service improvements by status", "Not implemented") == ["1"]
    table = pdf_text(annual_report.ombudsman_compliance_pdf(merton, START, END))
    assert "Pay £500 for distress" in table
    tracker = reading_text(annual_report.actions_pdf(merton))
    assert "Check every stage 1 letter answers each point" in tracker


def test_overdue_list_shows_an_open_case_past_its_deadline(env: Env, tmp_path: Path) -> None:
    log = tmp_path / "one.csv"
    log.write_text(
        "reference,procedure,received,s1_start\nCSC-9001,statutory,2026-10-01,2026-10-01\n",
        encoding="utf-8",
    )
    caselog.import_file(env, log)
    text = pdf_text(annual_report.overdue_pdf(env))
    assert "Overdue on 24 November 2026" in text
    assert "CSC-9001" in text


def test_bad_requests_change_nothing(merton: Env, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    missing = out / "no such folder" / "report.pdf"
    with pytest.raises(KnownError, match="does not exist"):
        annual_report.write_pdf(merton, START, END, missing)
    with pytest.raises(ValidationFailed):
        annual_report.render_pdf(merton, START, END, suppress_below=-1)
    with pytest.raises(ValidationFailed):
        annual_report.render_pdf(merton, END, START)
    with pytest.raises(ValidationFailed):
        annual_report.write_xlsx(merton, END, START, out / "tables.xlsx")
    assert list(out.iterdir()) == []


def test_a_quarter_gets_its_own_title_and_no_annual_commentary(merton: Env) -> None:
    annual_report.set_commentary(merton, 2022, "The year in review.")
    text = pdf_text(annual_report.render_pdf(merton, date(2022, 4, 1), date(2022, 6, 30)))
    assert "Quarterly complaints report" in text.split("\f")[0]
    assert "1 April 2022 to 30 June 2022" in text
    assert "The year in review." not in text
    assert STAT + "complaints at each stage" in text


def test_word_version_is_written_with_the_same_figures(merton: Env, tmp_path: Path) -> None:
    import docx

    path = tmp_path / "report.docx"
    annual_report.write_docx(merton, START, END, path)
    document = docx.Document(str(path))
    assert document.core_properties.title == "Annual complaints report 2022/23"
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "Stage 1 (local resolution)" in cells
    assert "22 004 304" not in " ".join(cells)  # a published report names no case


WORDS = """# Executive summary
Fewer complaints this year.

# you said, we did
You said letters were hard to follow. We rewrote them.

# Review of the effectiveness of the procedure
The procedure worked well.
"""


def test_every_page_says_draft_until_the_required_words_are_written(merton: Env) -> None:
    draft = pdf_text(annual_report.render_pdf(merton, START, END)).split("\f")[:-1]
    assert all("DRAFT" in page for page in draft)
    assert "the team has not written the executive summary yet" in " ".join(draft)
    annual_report.set_texts(merton, 2022, annual_report.parse_texts(WORDS))
    assert annual_report.get_texts(merton, 2022)["you_said"].startswith("You said letters")
    final = pdf_text(annual_report.render_pdf(merton, START, END))
    assert "DRAFT" not in final
    flat = " ".join(final.split())
    assert "Executive summary Fewer complaints this year." in flat
    assert "You said, we did You said letters were hard to follow." in flat
    assert annual_report.get_commentary(merton, 2022) == "The procedure worked well."


def test_a_words_file_with_an_unknown_heading_is_refused_with_its_line() -> None:
    with pytest.raises(ValidationFailed, match="line 3: 'Summery' is not a part"):
        annual_report.parse_texts("# Executive summary\nx\n# Summery\ny\n")
    with pytest.raises(ValidationFailed, match="line 1: text before"):
        annual_report.parse_texts("hello\n# Executive summary\n")


def test_refusals_elements_areas_and_advocacy_providers(merton: Env) -> None:
    with merton.uow() as session:
        cases = session.exec(
            select(t.Complaint).where(t.Complaint.received >= START).order_by(t.Complaint.id)
        ).all()
        area = t.ServiceArea(name="Fostering and Adoption")
        session.add(area)
        session.flush()
        for case in cases[:6]:
            case.refused = date(2022, 6, 1)
            case.refusal_reason = "out of time"
        for case in cases[:7]:
            case.service_area_id = area.id
        for case in cases[:3]:
            case.advocacy_offered = date(2022, 5, 1)
            case.advocacy_provider = "Coram Voice"
        cases[0].advocacy_used = True
        answered = session.exec(
            select(t.Stage).where(t.Stage.number == 1, t.Stage.response >= START)
        ).first()
        assert answered is not None
        for position, outcome in enumerate(("upheld", "not upheld", "not upheld")):
            element = t.Element(complaint_id=answered.complaint_id, position=position, text="x")
            session.add(element)
            session.flush()
            assert element.id is not None
            session.add(t.Finding(element_id=element.id, stage=1, outcome=outcome))
    data = annual_report.report_data(merton, START, END)
    assert data.refusals["statutory"] == {"out of time": 6}
    assert data.areas["statutory"]["Fostering and Adoption"] == 7
    fostering = data.area_teams["statutory"]["Fostering and Adoption"]
    assert sum(n for n, _up in fostering.values()) == 7  # each case once, under its lead team
    remedies = procedure_stats(data.stats, "statutory")["remedies"]
    assert max(remedies.values()) <= data.remedied["statutory"] <= sum(remedies.values())
    assert data.advocacy["statutory"] == {"Coram Voice": (3, 1)}
    assert data.elements["statutory"] == {1: {"upheld": 1, "not upheld": 2}}
    text = " ".join(pdf_text(annual_report.render_pdf(merton, START, END)).split())
    assert "complaints not accepted, by reason Reason Complaints out of time 6 Total 6" in text
    assert "Stage 1 (local resolution) 1 0 2 0 3 33.3" in text
    assert "Coram Voice 3 1 33.3" in text
    assert "by service area and team" in text
    assert "Fostering and Adoption 7" in text


def test_stage_2_and_3_requests_and_how_many_went_on(merton: Env) -> None:
    data = annual_report.report_data(merton, START, END)
    fates = data.escalations["statutory"]
    stages = procedure_stats(data.stats, "statutory")["stages"]
    for n in (2, 3):  # every request counted once: the stage table's started
        assert sum(fates[n].values()) == stages[f"stage{n}"]["started"]
    # As Merton published: 4 stage 3 requests, 3 went to a panel, 1 withdrawn.
    assert (fates[3]["proceeded"], fates[3]["withdrawn"]) == (3, 1)
    with merton.uow() as session:
        asked = session.exec(
            select(t.Stage)
            .where(t.Stage.number == 2, t.Stage.requested >= START, t.Stage.requested <= END)
            .order_by(t.Stage.id)
        ).all()
        assert len(asked) >= 2
        pending, withdrawn = asked[0], asked[1]
        for stage in (pending, withdrawn):
            stage.start, stage.response, stage.outcome = None, None, ""
        withdrawn.outcome = "withdrawn"
        withdrawn.response = withdrawn.requested
        panel = session.exec(
            select(t.Stage).where(
                t.Stage.number == 3, t.Stage.requested >= START, t.Stage.outcome != "withdrawn"
            )
        ).first()
        assert panel is not None
        panel.panel_date, panel.response, panel.outcome = None, None, ""
    after = annual_report.report_data(merton, START, END).escalations["statutory"]
    assert after[2]["pending"] == fates[2]["pending"] + 1
    assert after[2]["withdrawn"] == fates[2]["withdrawn"] + 1
    assert after[2]["proceeded"] == fates[2]["proceeded"] - 2
    assert after[3]["proceeded"] == fates[3]["proceeded"] - 1
    assert after[3]["pending"] == fates[3]["pending"] + 1
    text = " ".join(pdf_text(annual_report.render_pdf(merton, START, END)).split())
    requested = f"Requested in the period {stages['stage2']['started']} \u2013 "
    assert requested + f"{stages['stage3']['started']}" in text
