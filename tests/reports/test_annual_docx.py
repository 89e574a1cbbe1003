"""The Word version, opened with python-docx as Word would: headings, table header rows,
alt text on every chart, title and language, the same suppression as the PDF."""

from __future__ import annotations

import io
from dataclasses import replace

import docx
import pytest
from docx.oxml.ns import qn

from complaints_desktop.domain.views import UpheldThemes
from complaints_desktop.reports.annual.document import compose
from complaints_desktop.reports.annual.docx import build_docx
from complaints_desktop.reports.annual.model import ReportData
from tests.reports.test_annual_pdf import merton  # noqa: F401  (the shared fixture)


@pytest.fixture(scope="module")
def word(merton: ReportData) -> docx.document.Document:  # noqa: F811
    return docx.Document(io.BytesIO(build_docx(compose(merton, 5))))


def _table_of(document: docx.document.Document, caption: str) -> docx.table.Table:
    body = document.element.body
    found = False
    for child in body.iterchildren():
        if child.tag == qn("w:p") and caption in "".join(child.itertext()):
            found = True
        elif found and child.tag == qn("w:tbl"):
            return docx.table.Table(child, document)
    raise AssertionError(f"no table after {caption!r}")


def test_headings_are_real_heading_styles(word: docx.document.Document) -> None:
    styled = [(p.style.name, p.text) for p in word.paragraphs]
    assert ("Title", "Annual complaints report 2022/23") in styled
    h1 = [text for style, text in styled if style == "Heading 1"]
    assert h1[:4] == [
        "Introduction",
        "Definitions",
        "Representations received",
        "Complaints at each stage",
    ]
    assert "Timeliness by stage" in h1
    assert "Local Government and Social Care Ombudsman" in h1
    assert ("Heading 2", "Who may complain") in styled
    assert ("Heading 2", "The stages and their time limits") in styled


def test_every_table_has_a_repeating_header_row(word: docx.document.Document) -> None:
    assert len(word.tables) > 15
    for table in word.tables:
        first = table.rows[0]._tr
        flags = first.findall(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
        assert flags, table.rows[0].cells[0].text
        assert all(cell.text for cell in table.rows[0].cells)


def test_every_chart_has_alt_text_with_its_figures(word: docx.document.Document) -> None:
    pictures = list(word.element.body.iter(qn("wp:docPr")))
    assert len(pictures) >= 4
    for picture in pictures:
        assert picture.get("descr", "").startswith("Bar chart: ")
        assert picture.get("title")
    outcomes = [p.get("descr") for p in pictures if "outcomes by stage" in p.get("title")]
    assert "Upheld: Stage 1 5, Stage 2 2, Stage 3 3." in outcomes[0]


def test_title_and_language_are_set(word: docx.document.Document) -> None:
    assert word.core_properties.title == "Annual complaints report 2022/23"
    assert word.core_properties.language == "en-GB"
    normal = word.styles["Normal"].element
    assert normal.find(f"{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:val")) == "en-GB"


def test_figures_and_suppression_match_the_pdf(word: docx.document.Document) -> None:
    stages = _table_of(word, "complaints at each stage")
    first = [c.text for c in stages.rows[1].cells]
    assert first == ["Stage 1 (local resolution)", "0", "23", "23", "0", "0", "not recorded"]
    who = _table_of(word, "who complained")
    rows = {r.cells[0].text: r.cells[1].text for r in who.rows}
    assert rows["child or young person"] == "c"
    assert rows["parent"] == "22"


def test_internal_copy_says_so_in_every_page_header(merton: ReportData) -> None:  # noqa: F811
    internal = docx.Document(io.BytesIO(build_docx(compose(merton, 0))))
    header = " ".join(p.text for p in internal.sections[0].header.paragraphs)
    assert "INTERNAL - NOT FOR PUBLICATION" in header
    text = " ".join(p.text for p in internal.paragraphs)
    assert "contains no personal data" not in text


def test_the_theme_tables_are_in_the_word_version_with_header_rows(
    merton: ReportData,  # noqa: F811
) -> None:
    data = replace(
        merton,
        upheld_themes={
            "statutory": UpheldThemes(
                by_theme={"Attitude or behaviour of staff": (9, 7), "Other": (6, 5)},
                elements=15,
                complaints=11,
            )
        },
        contact_teams={
            "compliment": {"Fostering": 12, "Early Help": 9},
            "query": {"Fostering": 6, "Early Help": 7},
        },
        compliment_themes={"communication": 20, "professionalism": 6},
    )
    word = docx.Document(io.BytesIO(build_docx(compose(data, 5))))
    themes = _table_of(word, "Statutory (Children Act 1989): upheld themes")
    assert [c.text for c in themes.rows[0].cells] == [
        "Theme",
        "Upheld elements",
        "Complaints",
        "Of upheld complaints (%)",
    ]
    assert themes.rows[0]._tr.findall(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
    assert [c.text for c in themes.rows[1].cells][:3] == [
        "Attitude or behaviour of staff",
        "9",
        "7",
    ]
    by_team = _table_of(word, "Compliments, enquiries and other contacts by lead team")
    assert [c.text for c in by_team.rows[0].cells] == [
        "Lead team",
        "Compliments",
        "General queries",
        "Total",
    ]
    assert [c.text for c in by_team.rows[-1].cells] == ["Total", "21", "13", "34"]
    assert by_team.rows[0]._tr.findall(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
    praise = _table_of(word, "Compliments by theme")
    assert [c.text for c in praise.rows[1].cells] == ["Communication", "20"]
