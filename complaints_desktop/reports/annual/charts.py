"""Reports: bar charts drawn with ReportLab graphics, readable in black and white.

Every chart has a title, labelled axes and its numbers printed on the bars; series are
told apart by grey shades with black outlines and a legend, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib import colors

from complaints_desktop.reports.annual.styles import BOLD, FONT, GREYS


def axis(value: float) -> tuple[int, int]:
    """A round axis maximum above ``value`` and a whole-number step (room for the labels)."""
    top = max(4.0, value * 1.15)
    step = 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000):
        if top / step <= 8:
            break
    return int(-(-top // step) * step), step


def bar_chart(
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    x_label: str,
    y_label: str,
    width: float = 440,
    height: float = 190,
) -> Drawing:
    """A vertical bar chart (grouped when there are several series).

    Args:
        title: printed above the chart.
        categories: the labels along the x axis.
        series: (name, one value per category) for each series; None draws no bar (a
            figure not known).
        x_label: the x axis title.
        y_label: the y axis title.
        width: drawing width in points.
        height: drawing height in points.
    """
    drawing = Drawing(width, height)
    legend_width = 120 if len(series) > 1 else 0
    chart = VerticalBarChart()
    chart.x, chart.y = 48, 42
    chart.width = width - chart.x - 12 - legend_width
    chart.height = height - chart.y - 28
    chart.data = [tuple(None if v is None else float(v) for v in values) for _, values in series]
    chart.categoryAxis.categoryNames = list(categories)
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.strokeColor = colors.black
    peak = max((v for values in chart.data for v in values if v is not None), default=0.0)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax, chart.valueAxis.valueStep = axis(peak)
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.strokeColor = colors.black
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.Color(0.85, 0.85, 0.85)
    chart.barSpacing = 1
    chart.groupSpacing = 8
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    for i in range(len(series)):
        chart.bars[i].fillColor = GREYS[i % len(GREYS)]
        chart.bars[i].strokeColor = colors.black
        chart.bars[i].strokeWidth = 0.5
    drawing.add(chart)
    drawing.add(
        String(width / 2, height - 12, title, fontName=BOLD, fontSize=9.5, textAnchor="middle")
    )
    drawing.add(
        String(
            chart.x + chart.width / 2, 6, x_label, fontName=FONT, fontSize=8, textAnchor="middle"
        )
    )
    axis_title = Group(
        String(0, 0, y_label, fontName=FONT, fontSize=8, textAnchor="middle"),
        transform=(0, 1, -1, 0, 14, chart.y + chart.height / 2),
    )
    drawing.add(axis_title)
    if len(series) > 1:
        legend = Legend()
        legend.x = width - legend_width + 8
        legend.y = chart.y + chart.height
        legend.fontName = FONT
        legend.fontSize = 8
        legend.alignment = "right"
        legend.boxAnchor = "nw"
        legend.columnMaximum = 8
        legend.strokeColor = colors.black
        legend.strokeWidth = 0.5
        legend.colorNamePairs = [
            (GREYS[i % len(GREYS)], name) for i, (name, _) in enumerate(series)
        ]
        drawing.add(legend)
    return drawing
