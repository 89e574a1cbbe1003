"""Reports: the shared embedded font (Liberation Sans) and paragraph styles.

Liberation Sans has the metrics of Arial, the face most councils' clear-print guidance
asks for, and covers every Latin, Greek and Cyrillic name (Łukasz, Zoë, Siobhán). The
TrueType files and their licence (SIL OFL 1.1) live in ``resources/fonts``; ReportLab
embeds the subset of glyphs a document uses.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS_DIR = Path(__file__).resolve().parents[1] / "resources" / "fonts"
FONT = "LiberationSans"
FONT_BOLD = "LiberationSans-Bold"
BODY_SIZE = 11.0
LARGE_PRINT_SIZE = 16.0
GREY = colors.HexColor("#404040")


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register the embedded font family once per process; returns the regular name."""
    pdfmetrics.registerFont(TTFont(FONT, str(FONTS_DIR / "LiberationSans-Regular.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONTS_DIR / "LiberationSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )
    return FONT


@lru_cache(maxsize=8)
def paragraph_styles(size: float = BODY_SIZE) -> dict[str, ParagraphStyle]:
    """Paragraph styles for body text of ``size`` points.

    Keys: ``body``, ``bullet``, ``bullet_last``, ``heading``, ``title``, ``small``, ``address``.
    """
    register_fonts()
    leading = round(size * 1.3, 1)
    body = ParagraphStyle(
        "body",
        fontName=FONT,
        fontSize=size,
        leading=leading,
        spaceAfter=size * 0.75,
        alignment=TA_LEFT,
        splitLongWords=True,
    )
    return {
        "body": body,
        "bullet": ParagraphStyle(
            "bullet",
            parent=body,
            leftIndent=size * 1.4,
            bulletIndent=size * 0.3,
            spaceAfter=size * 0.25,
        ),
        "bullet_last": ParagraphStyle(
            "bullet_last", parent=body, leftIndent=size * 1.4, bulletIndent=size * 0.3
        ),
        "heading": ParagraphStyle(
            "heading", parent=body, fontName=FONT_BOLD, spaceBefore=size * 0.2, keepWithNext=1
        ),
        "title": ParagraphStyle(
            "title", parent=body, fontName=FONT_BOLD, fontSize=size * 1.5, leading=size * 1.8
        ),
        "small": ParagraphStyle(
            "small", parent=body, fontSize=size * 0.75, leading=size * 0.95, textColor=GREY
        ),
        "address": ParagraphStyle("address", parent=body, spaceAfter=0),
    }
