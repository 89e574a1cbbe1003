"""Figures the team enters: complaints per 1,000 children from the context figures, and
earlier years' published totals beside the years counted here ("not recorded" where
nothing is known); payments recommended and made."""

from __future__ import annotations

import io
from dataclasses import replace

import docx
import pytest

from complaints_desktop.domain import report_figures
from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.reports.annual.document import build_pdf, checked_tables, compose
from complaints_desktop.reports.annual.docx import build_docx
from complaints_desktop.reports.annual.model import ReportData
from tests.pdftext import reading_text
from tests.reports.test_annual_pdf import merton  # noqa: F401  (the shared fixture)

CONTEXT = "Children in need: 2,000\nChild protection plans: 250\n# a comment\n"
PUBLISHED = """\
2018/19 statutory received: 44
2018/19 compliments: 120
2019/20 statutory received: 38
2019/20 ombudsman decisions: 3
"""


@pytest.fixture(scope="module")
def entered(merton: ReportData) -> ReportData:  # noqa: F811
    return replace(merton, texts={"context_figures": CONTEXT, "published_figures": PUBLISHED})


def test_context_and_published_figures_are_read_with_their_lines() -> None:
    assert report_figures.parse_context(CONTEXT) == {
        "Children in need": 2000,
        "Children on child protection plans": 250,
    }
    years = report_figures.parse_published(PUBLISHED)
    assert years == {
        "2018/19": {"statutory received": 44, "compliments": 120},
        "2019/20": {"statutory received": 38, "ombudsman decisions": 3},
    }
    with pytest.raises(ValidationFailed) as err:
        report_figures.parse_published(
            "2019/21 compliments: 4\n2019/20 letters: 2\n2019/20 compliments: lots"
        )
    assert [p.split(": ", 1)[1] for p in err.value.problems] == [
        "line 1: 2019/21 is not a financial year.",
        "line 2: 'letters' is not a figure the report shows; use one of: "
        + ", ".join(report_figures.PUBLISHED_MEASURES)
        + ".",
        "line 3: 'lots' is not a whole number.",
    ]
    with pytest.raises(ValidationFailed, match="line 1: write 'Children in need: N'"):
        report_figures.parse_context("Population: 5")


def test_rates_per_1000_children_use_the_year_received(entered: ReportData) -> None:
    table = checked_tables(entered, 5)["context_rates"]
    received = int(entered.stats["statutory"]["received"])
    assert table.row("Children in need") == (
        "Children in need",
        2000,
        received,
        round(received / 2, 1),
    )


def test_published_years_sit_beside_the_counted_ones(entered: ReportData) -> None:
    tables = checked_tables(entered, 5)
    history = tables["statutory.history"]
    assert history.headers == ("Financial year", "Received", "Published by the council")
    published = dict((row[0], row[2]) for row in history.rows)
    assert published["2018/19"] == 44
    assert published["2019/20"] == 38
    assert published["2022/23"] == "not recorded"
    earlier = tables["published"]
    assert earlier.headers == ("As published", "2018/19", "2019/20")
    assert earlier.row("Ombudsman: decisions") == ("Ombudsman: decisions", "not recorded", 3)
    text = reading_text(build_pdf(entered))
    assert "Statutory complaints per 1,000 children" in text
    assert "Figures the council published for earlier years" in text
    word = docx.Document(io.BytesIO(build_docx(compose(entered))))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert "Context" in headings


def test_the_trend_chart_draws_the_published_years_as_such(entered: ReportData) -> None:
    charts = [b.chart for b in compose(entered).story.blocks if b.chart is not None]
    trend = next(c for c in charts if c.title.startswith("Statutory") and "per year" in c.title)
    assert [name for name, _values in trend.series] == [
        "Recorded here",
        "Published by the council",
    ]
    published = dict(zip(trend.categories, trend.series[1][1], strict=True))
    assert published["2018/19"] == 44
    assert published["2019/20"] == 38
    assert published["2022/23"] is None
    alt = trend.alt_text()
    assert "Published by the council: 2018/19 44, 2019/20 38" in alt
    assert "2022/23 not known" in alt
    word = docx.Document(io.BytesIO(build_docx(compose(entered))))
    described = [pr.get("descr") for pr in word.element.body.iter(docx.oxml.ns.qn("wp:docPr"))]
    assert any("Published by the council: 2018/19 44" in (d or "") for d in described)


def test_without_entered_figures_nothing_new_is_printed(merton: ReportData) -> None:  # noqa: F811
    tables = checked_tables(merton, 5)
    assert tables["statutory.history"].headers == ("Financial year", "Received")
    assert not tables["context_rates"].rows
    assert not tables["published"].rows


def test_payments_recommended_and_made(merton: ReportData) -> None:  # noqa: F811
    costs = checked_tables(merton, 5)["costs"]
    made = costs.row("Payments made (Ombudsman remedies achieved in the period)")
    assert made[1] == 500.0  # the £500 remedy achieved on 20 December 2022


def test_the_text_file_s_figures_are_checked_with_the_file_s_line_numbers() -> None:
    from complaints_desktop.services import annual_report

    words = "# Executive summary\nCalm.\n\n# Context figures\nChildren in need: many\n"
    with pytest.raises(ValidationFailed) as err:
        annual_report.parse_texts(words)
    assert err.value.problems == ["Context figures: line 5: 'many' is not a whole number."]
    kept = annual_report.parse_texts(words.replace("many", "1 200".replace(" ", ",")))
    assert kept["context_figures"] == "Children in need: 1,200"


def test_a_published_year_outside_the_trend_adds_no_empty_column(merton: ReportData) -> None:  # noqa: F811
    old = replace(merton, texts={"published_figures": "2010/11 statutory received: 70"})
    tables = checked_tables(old, 5)
    assert tables["statutory.history"].headers == ("Financial year", "Received")
    assert tables["published"].row("Statutory: representations received") == (
        "Statutory: representations received",
        70,
    )
