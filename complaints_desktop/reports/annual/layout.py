"""Reports: page templates, page numbers, headers, contents and table flowables."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from complaints_desktop.domain.text import short_date
from complaints_desktop.reports.annual.styles import BOLD, FONT, HEAD_FILL, RULE, ZEBRA
from complaints_desktop.reports.annual.tables import Cell, TableSpec

MARGIN = 2 * cm
CELL_SIZE = 8.5
PAD = 4


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def format_cell(value: Cell, kind: str) -> str:
    """A cell as printed: counts plain, averages to 1 decimal, pounds with pence, UK dates."""
    if value is None:
        return "\u2013"
    if isinstance(value, str):
        return value
    if isinstance(value, date):
        return short_date(value)
    if kind == "money":
        return f"{float(value):,.2f}"
    if kind == "number":
        return f"{float(value):.1f}"
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def table_flowable(
    spec: TableSpec,
    styles: StyleSheet1,
    width: float,
    *,
    compact: bool = False,
    lead: Sequence[Flowable] = (),
) -> list[Flowable]:
    """The table with its title and footnote, kept together when it is short.

    ``lead`` (a section heading) is kept on the same page as the table's start.
    """
    if spec.withheld:
        title = Paragraph(_escape(spec.title), styles["TableTitle"])
        return [KeepTogether([*lead, title, Paragraph(_escape(spec.withheld), styles["Note"])])]
    cell, head = styles["Cell"], styles["HeadCell"]
    head_right = ParagraphStyle("HeadRight", parent=head, alignment=TA_RIGHT)
    header = [
        Paragraph(_escape(h), head if k in ("text", "date") else head_right)
        for h, k in zip(spec.headers, spec.kinds, strict=True)
    ]
    table_width = min(width, 300.0) if compact else width
    widths = _widths(spec, table_width)
    body: list[list[Any]] = []
    for row in spec.rows:
        line: list[Any] = []
        for value, kind, room in zip(row, spec.kinds, widths, strict=True):
            text = format_cell(value, kind)
            # A Paragraph (which wraps) only where the text would not fit: much faster.
            fits = kind != "text" or stringWidth(text, FONT, CELL_SIZE) <= room - 2 * PAD - 1
            line.append(text if fits else Paragraph(_escape(text), cell))
        body.append(line)
    if not body:
        body = [["None in this period."] + [""] * (len(spec.headers) - 1)]
    table = Table([header, *body], colWidths=widths, repeatRows=1, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 1), (-1, -1), FONT, CELL_SIZE),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for j, kind in enumerate(spec.kinds):
        if kind in ("count", "number", "money"):
            commands.append(("ALIGN", (j, 1), (j, -1), "RIGHT"))
    for i in range(2, len(body) + 1, 2):
        commands.append(("BACKGROUND", (0, i), (-1, i), ZEBRA))
    if spec.total_last and spec.rows:
        commands += [
            ("FONT", (0, -1), (-1, -1), BOLD, CELL_SIZE),
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
        ]
    for i in spec.bold_rows:
        commands.append(("FONT", (0, i + 1), (-1, i + 1), BOLD, CELL_SIZE))
    table.setStyle(TableStyle(commands))
    parts: list[Flowable] = [*lead, Paragraph(_escape(spec.title), styles["TableTitle"]), table]
    if spec.note:
        parts.append(Paragraph(_escape(spec.note), styles["Note"]))
    parts.append(Spacer(1, 8))
    return [KeepTogether(parts)] if len(body) < 25 else parts


def _widths(spec: TableSpec, width: float) -> list[float]:
    if spec.weights is not None:
        return [width * w / sum(spec.weights) for w in spec.weights]
    weights = []
    for header, kind in zip(spec.headers, spec.kinds, strict=True):
        if kind == "text":
            weights.append(3.2 if header in ("", spec.headers[0]) else 2.2)
        elif kind == "date":
            weights.append(1.7)
        else:
            weights.append(1.45)
    total = sum(weights)
    return _room_for_header_words(spec, [width * w / total for w in weights])


HEAD_SIZE = 8  # the HeadCell style's font size


def _room_for_header_words(spec: TableSpec, widths: list[float]) -> list[float]:
    """Widen a column whose heading has a word longer than the column ("Inconclusive"
    broken as "Inconclusiv / e"), taking the room from the columns with most to spare."""
    need = [
        max((stringWidth(word, BOLD, HEAD_SIZE) for word in header.split()), default=0.0)
        + 2 * PAD
        + 1
        for header in spec.headers
    ]
    short = sum(max(0.0, n - w) for n, w in zip(need, widths, strict=True))
    spare = [max(0.0, w - n) for n, w in zip(need, widths, strict=True)]
    if short <= 0 or sum(spare) < short:
        return widths
    return [
        max(w, n) if n > w else w - short * room / sum(spare)
        for n, w, room in zip(need, widths, spare, strict=True)
    ]


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """A canvas that writes "Page N of M" once it knows M."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._saved: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            marking = getattr(self, "marking", "")
            if marking:
                self.setFont(BOLD, 11)
                self.setFillColor(colors.HexColor("#B00020"))
                width, height = self._pagesize
                self.drawCentredString(width / 2, height - MARGIN / 2 - 4, marking)
                self.setFillColor(colors.black)
            if self._pageNumber > 1 or not getattr(self, "cover", True):
                self.setFont(FONT, 8)
                width = self._pagesize[0]
                self.drawCentredString(width / 2, MARGIN / 2, f"Page {self._pageNumber} of {total}")
            super().showPage()
        super().save()


class ReportDocument(BaseDocTemplate):  # type: ignore[misc]
    """A4 document with an optional cover page, running header and contents entries."""

    def __init__(
        self, buffer: io.BytesIO, *, header: str, title: str, cover: bool, wide: bool = False
    ) -> None:
        size = landscape(A4) if wide else A4
        super().__init__(
            buffer,
            pagesize=size,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + 8,
            bottomMargin=MARGIN,
            title=title,
            author=header,
            lang="en-GB",
            displayDocTitle=True,
        )
        self.header = header
        frame = Frame(MARGIN, MARGIN, size[0] - 2 * MARGIN, size[1] - 2 * MARGIN - 8, id="body")
        templates = [PageTemplate("body", [frame], onPage=self._decorate)]
        if cover:
            templates.insert(0, PageTemplate("cover", [frame]))
        self.addPageTemplates(templates)
        self.has_cover = cover

    @property
    def text_width(self) -> float:
        """Width of the text frame in points."""
        return float(self.width)

    def _decorate(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8)
        top = self.pagesize[1] - MARGIN + 6
        canvas.drawString(MARGIN, top, self.header)
        canvas.drawRightString(self.pagesize[0] - MARGIN, top, self.title)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, top - 4, self.pagesize[0] - MARGIN, top - 4)
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        """Record each section heading for the contents page and the PDF outline."""
        if isinstance(flowable, Paragraph) and flowable.style.name == "H1":
            text = flowable.getPlainText()
            key = f"s{abs(hash(text))}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=0)
            self.notify("TOCEntry", (0, text, self.page, key))


def contents(styles: StyleSheet1) -> TableOfContents:
    """The contents list (filled in by the second pass of ``multiBuild``)."""
    toc = TableOfContents()
    toc.levelStyles = [styles["TOC1"]]
    toc.dotsMinLevel = 0
    return toc


def render(
    story: Sequence[Flowable],
    *,
    header: str,
    title: str,
    cover: bool,
    wide: bool = False,
    with_contents: bool = False,
    marking: str = "",
) -> bytes:
    """Lay out ``story`` and return the PDF bytes.

    ``marking`` (e.g. ``INTERNAL - NOT FOR PUBLICATION``) is printed at the top of every
    page, the cover too.
    """
    buffer = io.BytesIO()
    doc = ReportDocument(buffer, header=header, title=title, cover=cover, wide=wide)

    def canvasmaker(*args: Any, **kwargs: Any) -> _NumberedCanvas:
        canvas = _NumberedCanvas(*args, **kwargs)
        canvas.cover = cover
        canvas.marking = marking
        return canvas

    if with_contents:
        doc.multiBuild(list(story), canvasmaker=canvasmaker)
    else:
        doc.build(list(story), canvasmaker=canvasmaker)
    return buffer.getvalue()


def frame_width(wide: bool = False) -> float:
    """Text width of a page in points."""
    size = landscape(A4) if wide else A4
    return float(size[0] - 2 * MARGIN)


ProgressFn = Callable[[int, str], None]


def boxed_list(title: str, items: Sequence[str], styles: StyleSheet1, width: float) -> Flowable:
    """A titled list in a ruled, lightly shaded box (the report's highlights)."""
    inner: list[Flowable] = [Paragraph(_escape(title), styles["H2"])]
    bullet = ParagraphStyle(
        "Bullet", parent=styles["Body"], leftIndent=12, bulletIndent=0, bulletFontName=FONT
    )
    inner += [Paragraph(_escape(item), bullet, bulletText="\u2022") for item in items]
    box = Table([[inner]], colWidths=[width], hAlign="LEFT")
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
                ("BACKGROUND", (0, 0), (-1, -1), ZEBRA),
                ("LEFTPADDING", (0, 0), (-1, -1), 12),
                ("RIGHTPADDING", (0, 0), (-1, -1), 12),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return box
