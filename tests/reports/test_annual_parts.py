"""The report's newer parts: Definitions from the settings, the Highlights box, and the
team's Recommendations and Conclusion, in the PDF and the Word version alike."""

from __future__ import annotations

import io
import itertools
from dataclasses import replace

import docx
from docx.oxml.ns import qn

from complaints_desktop.domain.procedures import Settings, StageRule
from complaints_desktop.reports.annual.document import build_pdf, compose
from complaints_desktop.reports.annual.docx import build_docx
from complaints_desktop.reports.annual.escalation import escalation_table
from complaints_desktop.reports.annual.model import ReportData
from complaints_desktop.reports.annual.texts import list_items
from complaints_desktop.services import annual_report
from tests.pdftext import reading_text
from tests.reports.test_annual_pdf import merton  # noqa: F401  (the shared fixture)

WORDS = {
    "summary": "A calm year.",
    "highlights": "- 23 complaints at stage 1, all answered\n- Every stage 2 response on time\n"
    "  (the first year since 2019)\n* A new advocacy contract",
    "recommendations": "Train team managers in writing responses.",
    "conclusion": "The procedure works; responses must get faster.",
}


def test_definitions_take_the_time_limits_from_the_settings(merton: ReportData) -> None:  # noqa: F811
    base = Settings()
    statutory = replace(
        base.statutory,
        stages=(StageRule(standard=12, extended=24), *base.statutory.stages[1:]),
    )
    text = " ".join(
        reading_text(
            build_pdf(replace(merton, settings=replace(base, statutory=statutory)))
        ).split()
    )
    assert "Definitions" in text
    assert (
        "The response is due within 12 working days, counted from the day the complaint is "
        "received; up to 24 working days where an extension is agreed." in text
    )
    assert "The panel meets within 30 working days of the request" in text
    assert "Partially upheld: the council agrees with part of the complaint" in text
    assert "sufficient interest in the child's welfare" in text
    assert "A response after that limit is late" in text
    default = " ".join(reading_text(build_pdf(merton)).split())
    assert "The response is due within 10 working days" in default


def test_highlights_are_a_list_near_the_start_and_the_closing_parts_follow_the_review(
    merton: ReportData,  # noqa: F811
) -> None:
    assert list_items(WORDS["highlights"]) == [
        "23 complaints at stage 1, all answered",
        "Every stage 2 response on time (the first year since 2019)",
        "A new advocacy contract",
    ]
    written = replace(merton, texts=WORDS, commentary="It works.")
    blocks = compose(written).story.blocks
    kinds = [(b.kind, b.text) for b in blocks]
    box = next(i for i, (k, _t) in enumerate(kinds) if k == "box")
    assert kinds[box - 1 : box + 2] == [
        ("p", kinds[box - 1][1]),
        ("box", "Highlights of 2022/23"),
        ("h1", "Executive summary"),
    ]
    assert blocks[box].items[1].startswith("Every stage 2 response on time")
    headings = [t for k, t in kinds if k == "h1"]
    assert headings[-3:] == [
        "Review of the effectiveness of the procedure",
        "Recommendations",
        "Conclusion",
    ]
    text = " ".join(reading_text(build_pdf(written)).split())
    assert "Highlights of 2022/23 • 23 complaints at stage 1, all answered" in text
    assert "Train team managers in writing responses." in text
    word = docx.Document(io.BytesIO(build_docx(compose(written))))
    styled = [(p.style.name, p.text) for p in word.paragraphs]
    assert ("Heading 2", "Highlights of 2022/23") in styled
    bullets = [p for p in word.paragraphs if p.style.name == "List Bullet"]
    assert [p.text for p in bullets][:1] == ["23 complaints at stage 1, all answered"]
    assert bullets[0]._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}") is not None
    assert ("Heading 1", "Conclusion") in styled


def test_unwritten_optional_parts_print_nothing(merton: ReportData) -> None:  # noqa: F811
    headings = [b.text for b in compose(merton).story.blocks if b.kind in ("h1", "box")]
    assert "Recommendations" not in headings
    assert "Conclusion" not in headings
    assert not any(h.startswith("Highlights") for h in headings)


def test_the_new_parts_are_read_from_a_words_file() -> None:
    parts = annual_report.parse_texts(
        "# Highlights\n- one\n- two\n\n# Recommendations\nDo this.\n\n# Conclusion\nDone.\n"
    )
    assert parts["highlights"] == "- one\n- two"
    assert parts["recommendations"] == "Do this."
    assert parts["conclusion"] == "Done."
    assert "Highlights" not in annual_report.missing_required({"summary": "x", "review": "y"})


def test_the_area_and_stage_2_tables_in_word(merton: ReportData) -> None:  # noqa: F811
    areas = {
        "Children in care": {"Fostering": (3, 1), "Leaving care": (20, 6), "Adoption": (9, 0)},
        "Early help": {"Family support": (12, 4)},
    }
    fates = {"proceeded": 6, "withdrawn": 1, "refused": 0, "resolved": 0, "pending": 0}
    data = replace(
        merton,
        areas={"statutory": {"Children in care": 32, "Early help": 12}},
        area_teams={"statutory": areas},
        escalations={"statutory": {2: fates}},
    )
    word = docx.Document(io.BytesIO(build_docx(compose(data, 5))))
    tables = {}
    body = list(word.element.body.iterchildren())
    for before, child in itertools.pairwise(body):
        if child.tag == qn("w:tbl"):
            tables[docx.text.paragraph.Paragraph(before, word).text] = docx.table.Table(child, word)
    area = tables["Statutory (Children Act 1989): complaints received by service area and team"]
    header = area.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
    assert header is not None
    assert [c.text for c in area.rows[0].cells][:2] == ["Service area and team", "Complaints"]
    rows = [[c.text for c in r.cells] for r in area.rows[1:]]
    assert rows[0] == ["Children in care", "32", "7", "21.9"]
    assert rows[1][:2] == ["    Leaving care", "20"]
    assert rows[2][1] == rows[3][1] == "c"
    assert all(run.bold for run in area.rows[1].cells[0].paragraphs[0].runs)
    assert not any(run.bold for run in area.rows[2].cells[0].paragraphs[0].runs)
    asked = tables["Statutory (Children Act 1989): requests for stage 2, and what became of them"]
    assert [c.text for c in asked.rows[0].cells] == [
        "Statutory (Children Act 1989)",
        "Stage 2 requests",
        "Stage 2 (%)",
    ]
    lines = {r.cells[0].text: r.cells[1].text for r in asked.rows[1:]}
    assert lines["Went on to an investigation (stage 2)"] == "6"
    assert lines["Requested in the period"] == "7"
    text = " ".join(reading_text(build_pdf(data)).split())
    assert "Children in care 32 7 21.9 Leaving care 20 Adoption c Fostering c" in text


def test_the_requests_table_names_only_the_stages_it_shows() -> None:
    both = {2: {"proceeded": 3, "withdrawn": 1}, 3: {"proceeded": 1}}
    statutory = escalation_table("S", "Statutory", both)
    assert statutory.title == "Statutory: requests for stage 2 and 3, and what became of them"
    assert statutory.rows[0][0] == (
        "Went on to an investigation (stage 2) or a review panel (stage 3)"
    )
    corporate = escalation_table("C", "Corporate", {2: {"proceeded": 2}})
    assert corporate.title == "Corporate: requests for stage 2, and what became of them"
    assert corporate.rows[0][:3] == ("Went on to stage 2", 2, 100.0)
