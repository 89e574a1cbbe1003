"""The report's newer parts: Definitions from the settings, the Highlights box, and the
team's Recommendations and Conclusion, in the PDF and the Word version alike."""

from __future__ import annotations

import io
from dataclasses import replace

import docx
from docx.oxml.ns import qn

from complaints_desktop.domain.procedures import Settings, StageRule
from complaints_desktop.reports.annual.document import build_pdf, compose
from complaints_desktop.reports.annual.docx import build_docx
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
