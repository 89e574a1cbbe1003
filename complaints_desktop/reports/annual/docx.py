"""Reports: the annual report as a Word document the council can finish and publish.

Built from the same blocks as the PDF (``document.compose``): real heading styles
(Title, Heading 1, Heading 2), tables whose first row is marked as a header row that
repeats on each page, every chart a picture with alternative text that gives its
figures, the document's title and language (en-GB) set, and the INTERNAL marking in
every page's header when suppression is off. Charts are drawn with Pillow (ReportLab's
own bitmap renderer needs a Cairo library the app does not ship).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor
from PIL import Image, ImageDraw, ImageFont

from complaints_desktop.reports.annual.charts import axis
from complaints_desktop.reports.annual.document import Chart, Composed
from complaints_desktop.reports.annual.layout import format_cell
from complaints_desktop.reports.annual.tables import TableSpec

LANGUAGE = "en-GB"
GREYS = ((40, 40, 40), (120, 120, 120), (190, 190, 190), (250, 250, 250))


def build_docx(composed: Composed) -> bytes:
    """The composed report as DOCX bytes."""
    doc = Document()
    doc.core_properties.title = composed.title
    doc.core_properties.author = composed.header
    doc.core_properties.language = LANGUAGE
    _set_language(doc)
    header = doc.sections[0].header.paragraphs[0]
    header.text = composed.header
    if composed.marking:
        mark = doc.sections[0].header.add_paragraph()
        run = mark.add_run(composed.marking)
        run.bold = True
        run.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
        mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_heading(composed.title, level=0)
    for line in composed.cover_lines:
        doc.add_paragraph(line)
    for block in composed.story.blocks:
        if block.kind == "h1":
            doc.add_heading(block.text, level=1)
        elif block.kind == "h2":
            doc.add_heading(block.text, level=2)
        elif block.kind == "p":
            doc.add_paragraph(block.text)
        elif block.kind == "table" and block.table is not None:
            _table(doc, block.table)
        elif block.kind == "chart" and block.chart is not None:
            _chart(doc, block.chart)
        elif block.kind == "box":
            _box(doc, block.text, block.items)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _set_language(doc: WordDocument) -> None:
    """Every style's text is British English (screen readers and spelling)."""
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        rpr = doc.styles[name].element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), LANGUAGE)
        rpr.append(lang)


def _table(doc: WordDocument, spec: TableSpec) -> None:
    caption = doc.add_paragraph(spec.title, style="Caption")
    caption.paragraph_format.keep_with_next = True
    if spec.withheld:
        doc.add_paragraph(spec.withheld)
        return
    body = [
        [format_cell(value, kind) for value, kind in zip(row, spec.kinds, strict=True)]
        for row in spec.rows
    ] or [["None in this period.", *([""] * (len(spec.headers) - 1))]]
    table = doc.add_table(rows=1 + len(body), cols=len(spec.headers))
    table.style = "Table Grid"
    first = table.rows[0]
    trpr = first._tr.get_or_add_trPr()
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    trpr.append(mark)
    for cell, text in zip(first.cells, spec.headers, strict=True):
        cell.text = text or spec.title.split(":")[0]
        for run in cell.paragraphs[0].runs:
            run.bold = True
    numeric = [kind in ("count", "number", "money") for kind in spec.kinds]
    for row, values in zip(table.rows[1:], body, strict=True):
        for j, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            cell.text = text
            if numeric[j]:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    bold = {*spec.bold_rows, *((len(spec.rows) - 1,) if spec.total_last and spec.rows else ())}
    for i in bold:
        for cell in table.rows[i + 1].cells:
            for run in cell.paragraphs[0].runs:
                run.bold = True
    if spec.note:
        note = doc.add_paragraph(spec.note)
        for run in note.runs:
            run.font.size = Pt(8)


def _box(doc: WordDocument, title: str, items: Sequence[str]) -> None:
    """A titled list (the highlights): a real heading, then bullets in a shaded, ruled
    box (paragraph borders, not a layout table, so screen readers read a list)."""
    doc.add_heading(title, level=2)
    for item in items:
        para = doc.add_paragraph(item, style="List Bullet")
        ppr = para._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        for side in ("top", "left", "bottom", "right"):
            edge = OxmlElement(f"w:{side}")
            edge.set(qn("w:val"), "single")
            edge.set(qn("w:sz"), "8")
            edge.set(qn("w:space"), "4")
            edge.set(qn("w:color"), "000000")
            borders.append(edge)
        ppr.append(borders)
        shade = OxmlElement("w:shd")
        shade.set(qn("w:val"), "clear")
        shade.set(qn("w:fill"), "F2F2F2")
        ppr.append(shade)


def _chart(doc: WordDocument, chart: Chart) -> None:
    picture = io.BytesIO(chart_png(chart))
    doc.add_picture(picture, width=Inches(6))
    inline = doc.paragraphs[-1].runs[-1]._r
    for pr in inline.iter(qn("wp:docPr")):
        pr.set("descr", chart.alt_text())
        pr.set("title", chart.title)


def chart_png(chart: Chart, width: int = 1200, height: int = 560) -> bytes:
    """A grouped bar chart as a PNG: title, axis labels, numbers on the bars, grey
    shades with outlines and a legend (readable in black and white)."""
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=22)
    small = ImageFont.load_default(size=18)
    draw.text((width // 2, 20), chart.title, fill="black", font=font, anchor="mt")
    left, right, top, bottom = 110, width - 260, 70, height - 90
    peak, step = axis(
        max([0.0, *(v for _, values in chart.series for v in values if v is not None)])
    )
    draw.line((left, top, left, bottom), fill="black", width=2)
    draw.line((left, bottom, right, bottom), fill="black", width=2)
    for value in range(0, peak + 1, step):
        y = bottom - (bottom - top) * value / peak
        draw.text((left - 8, y), f"{value:,}", fill="black", font=small, anchor="rm")
    groups = max(1, len(chart.categories))
    slot = (right - left) / groups
    bar = slot * 0.8 / max(1, len(chart.series))
    for g, category in enumerate(chart.categories):
        x0 = left + g * slot + slot * 0.1
        draw.text((x0 + slot * 0.4, bottom + 8), category, fill="black", font=small, anchor="mt")
        for s, (_name, values) in enumerate(chart.series):
            v = values[g]
            if v is None:  # a figure not known: no bar
                continue
            y = bottom - (bottom - top) * v / peak
            box = (x0 + s * bar, y, x0 + (s + 1) * bar - 4, bottom)
            draw.rectangle(box, fill=GREYS[s % len(GREYS)], outline="black")
            draw.text(
                ((box[0] + box[2]) / 2, y - 4), f"{v:g}", fill="black", font=small, anchor="mb"
            )
    draw.text(
        ((left + right) / 2, height - 30), chart.x_label, fill="black", font=small, anchor="mm"
    )
    label = Image.new("RGB", (bottom - top, 30), "white")
    ImageDraw.Draw(label).text((0, 4), chart.y_label, fill="black", font=small)
    image.paste(label.rotate(90, expand=True), (20, top))
    for s, (name, _values) in enumerate(chart.series):
        y = top + 10 + s * 34
        draw.rectangle(
            (right + 30, y, right + 54, y + 24), fill=GREYS[s % len(GREYS)], outline="black"
        )
        draw.text((right + 64, y + 12), name, fill="black", font=small, anchor="lm")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
