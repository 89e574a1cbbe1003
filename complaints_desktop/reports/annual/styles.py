"""Reports: paragraph styles and greys of the annual report (the shared embedded font)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle, StyleSheet1

from complaints_desktop.reports.styles import FONT as FONT
from complaints_desktop.reports.styles import FONT_BOLD, register_fonts

BOLD = FONT_BOLD
ITALIC = FONT  # the shared family has no italic face

RULE = colors.Color(0.55, 0.55, 0.55)
HEAD_FILL = colors.Color(0.85, 0.85, 0.85)
ZEBRA = colors.Color(0.95, 0.95, 0.95)
GREYS = (
    colors.Color(0.15, 0.15, 0.15),
    colors.Color(0.55, 0.55, 0.55),
    colors.Color(0.85, 0.85, 0.85),
    colors.white,
    colors.Color(0.35, 0.35, 0.35),
    colors.Color(0.7, 0.7, 0.7),
)
"""Fills of chart series: far enough apart to tell in black and white (white is outlined)."""


def stylesheet() -> StyleSheet1:
    """The report's paragraph styles (a fresh sheet each time: styles are mutable)."""
    register_fonts()
    sheet = StyleSheet1()
    base = ParagraphStyle("Body", fontName=FONT, fontSize=10, leading=13.5, spaceAfter=6)
    sheet.add(base)
    sheet.add(ParagraphStyle("Small", parent=base, fontSize=8, leading=10, spaceAfter=2))
    sheet.add(
        ParagraphStyle(
            "Note", parent=base, fontName=ITALIC, fontSize=7.5, leading=10, spaceBefore=3
        )
    )
    sheet.add(ParagraphStyle("Cell", parent=base, fontSize=8.5, leading=10.5, spaceAfter=0))
    sheet.add(
        ParagraphStyle("HeadCell", parent=sheet["Cell"], fontName=BOLD, fontSize=8, leading=9.5)
    )
    sheet.add(
        ParagraphStyle(
            "H1",
            parent=base,
            fontName=BOLD,
            fontSize=15,
            leading=19,
            spaceBefore=4,
            spaceAfter=8,
            keepWithNext=1,
        )
    )
    sheet.add(
        ParagraphStyle(
            "H2",
            parent=base,
            fontName=BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,
        )
    )
    sheet.add(ParagraphStyle("TableTitle", parent=base, fontName=BOLD, fontSize=9.5, spaceAfter=3))
    sheet.add(
        ParagraphStyle(
            "CoverTitle", parent=base, fontName=BOLD, fontSize=26, leading=32, alignment=TA_CENTER
        )
    )
    sheet.add(
        ParagraphStyle("CoverLine", parent=base, fontSize=14, leading=20, alignment=TA_CENTER)
    )
    sheet.add(ParagraphStyle("TOC1", parent=base, fontSize=10.5, leading=15, leftIndent=10))
    return sheet
