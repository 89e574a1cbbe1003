"""Reports: the A4 letter layout in ReportLab — letterhead, DL window address, body, footer.

Pure: letters in, PDF bytes out. The recipient's address sits where a DL window envelope
shows it (20 mm from the left, 46 mm from the top, 90 x 35 mm) when the page is folded in
three (fold marks at 99 and 198 mm). Every piece of text is a Platypus paragraph inside a
frame, so long names and addresses wrap, and a block too big for its box shrinks to fit.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    KeepInFrame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from complaints_desktop.domain.errors import KnownError
from complaints_desktop.reports.letters.template import Block
from complaints_desktop.reports.styles import (
    BODY_SIZE,
    FONT,
    FONT_BOLD,
    GREY,
    LARGE_PRINT_SIZE,
    paragraph_styles,
)

WIDTH, HEIGHT = A4
LEFT = 20 * mm
BODY_WIDTH = WIDTH - 2 * LEFT
BOTTOM = 26 * mm
WINDOW = (20 * mm, 46 * mm, 90 * mm, 35 * mm)  # x, top, width, height (DL window)
PANEL = (122 * mm, 46 * mm, 68 * mm, 42 * mm)
FIRST_BODY_TOP = 94 * mm
LATER_BODY_TOP = 24 * mm


@dataclass(frozen=True)
class Letterhead:
    """The council's letterhead and footer, printed on every letter."""

    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    footer: str = ""
    logo: bytes | None = None
    """The logo image (PNG or JPEG bytes, as stored in the database)."""


@dataclass
class Letter:
    """One finished letter, ready to lay out."""

    reference: str
    date: str
    recipient: list[str]
    blocks: list[Block]
    signatory: str = ""
    job_title: str = ""
    large_print: bool = False
    details: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """Shown to the officer before printing; never printed."""
    annex: tuple[str, list[str]] | None = None
    """A page attached after the signature: a title and numbered items."""
    child_friendly: bool = False
    """Written to a child: no legal notice in the footer, the council's name only on top."""


class Cancelled(KnownError):
    """The person cancelled a batch of letters; nothing was produced."""


def _markup(line: list[tuple[str, bool]]) -> str:
    return "".join(f"<b>{escape(t)}</b>" if bold else escape(t) for t, bold in line)


def _fit(flowables: list[Flowable], box: tuple[float, float, float, float]) -> KeepInFrame:
    return KeepInFrame(box[2] - 4 * mm, box[3] - 4 * mm, flowables, mode="shrink")


def _annex(letter: Letter) -> list[Flowable]:
    """The page attached to a letter (a statement of complaint), numbered items."""
    if letter.annex is None:
        return []
    size = LARGE_PRINT_SIZE if letter.large_print else BODY_SIZE
    styles = paragraph_styles(size)
    title, items = letter.annex
    out: list[Flowable] = [PageBreak(), Paragraph(escape(title), styles["heading"])]
    for number, item in enumerate(items, start=1):
        text = escape(item).replace("\n", "<br/>")
        out.append(Paragraph(text, styles["body"], bulletText=f"{number}."))
    return out


def _notice(letter: Letter, footer: str) -> list[Flowable]:
    """In large print the data-protection notice ends the body at a readable size
    (a footer band has no room for it)."""
    if not (letter.large_print and footer and not letter.child_friendly):
        return []
    style = ParagraphStyle(
        "notice", parent=paragraph_styles(LARGE_PRINT_SIZE)["body"], fontSize=12, leading=15
    )
    return [Spacer(1, 6 * mm), Paragraph(escape(footer).replace("\n", "<br/>"), style)]


def _body(letter: Letter) -> list[Flowable]:
    size = LARGE_PRINT_SIZE if letter.large_print else BODY_SIZE
    styles = paragraph_styles(size)
    out: list[Flowable] = []
    for index, block in enumerate(letter.blocks):
        following = letter.blocks[index + 1].kind if index + 1 < len(letter.blocks) else ""
        if block.kind == "signature":
            sign: list[Flowable] = [Spacer(1, 14 * mm)]
            sign.append(Paragraph(f"<b>{escape(letter.signatory)}</b>", styles["address"]))
            if letter.job_title:
                sign.append(Paragraph(escape(letter.job_title), styles["address"]))
            # the closing line and the paragraph before it stay with the signature
            previous = [out.pop() for _ in range(min(2, len(out)))][::-1]
            out.append(KeepTogether(previous + sign))
            continue
        text = "<br/>".join(_markup(line) for line in block.lines)
        if block.kind == "heading":
            out.append(Paragraph(text, styles["heading"]))
        elif block.kind == "bullet":
            style = styles["bullet" if following == "bullet" else "bullet_last"]
            out.append(Paragraph(text, style, bulletText="\u2022"))
        else:
            out.append(Paragraph(text, styles["body"]))
    return out


def _boxed(
    texts: list[str], size: float, box: tuple[float, float, float, float], space: float = 0
) -> list[Flowable]:
    """Paragraphs of ``texts`` (markup) that fit ``box``: words are never split; a line
    with a word too wide for the box gets smaller type, and a block too tall shrinks."""
    width = box[2] - 4 * mm
    paras = []
    for text in texts:
        fitted = size
        while True:
            style = ParagraphStyle(
                f"box{fitted}",
                parent=paragraph_styles(BODY_SIZE)["address"],
                fontSize=fitted,
                leading=fitted * 1.2,
                spaceAfter=space,
                splitLongWords=0,
            )
            para = Paragraph(text, style)
            if para.minWidth() <= width or fitted <= 6:
                break
            fitted -= 0.5
        paras.append(para)
    return [_fit(paras, box)]


def _address(letter: Letter) -> list[Flowable]:
    size = min(LARGE_PRINT_SIZE if letter.large_print else BODY_SIZE, 13.0)
    return _boxed([escape(line) for line in letter.recipient], size, WINDOW)


def _panel(letter: Letter) -> list[Flowable]:
    size = 12.0 if letter.large_print else 9.5
    if letter.child_friendly:
        phone = [v for label, v in letter.details if label == "Telephone"]
        rows = [("Complaint number", letter.reference), ("Date", letter.date)]
        rows += [("Phone us", phone[0])] if phone else []
    else:
        rows = [("Our reference", letter.reference), ("Date", letter.date), *letter.details]
    texts = [f"<b>{escape(label)}:</b> {escape(value)}" for label, value in rows if value]
    return _boxed(texts, size, PANEL, 1.5)


def _fitted(
    canv: Canvas,
    text: str,
    x: float,
    y: float,
    width: float,
    height: float,
    size: float = 7.5,
    smallest: float = 4,
) -> None:
    """Draw ``text`` (escaped) in the box whose bottom-left is x, y, shrinking to fit (not
    below ``smallest``)."""
    while True:
        style = ParagraphStyle(
            "fit", fontName=FONT, fontSize=size, leading=size * 1.2, textColor=GREY
        )
        para = Paragraph(escape(text).replace("\n", "<br/>"), style)
        _, used = para.wrap(width, height)
        if used <= height or size <= smallest:
            para.drawOn(canv, x, y + height - used)
            return
        size -= 0.5


@lru_cache(maxsize=4)
def _logo(data: bytes) -> ImageReader:
    """The logo image, decoded once per image."""
    return ImageReader(io.BytesIO(data))


class _Doc(BaseDocTemplate):  # type: ignore[misc]
    def __init__(
        self, buffer: io.BytesIO, head: Letterhead, letters: Sequence[Letter], **kwargs: Any
    ) -> None:
        super().__init__(buffer, pagesize=A4, **kwargs)
        self.head = head
        self.letters = letters
        self.letter_index = -1
        self.progress: Callable[[int, int], None] | None = None
        self.cancel: Callable[[], bool] | None = None
        self.letter_first_page = 1
        self.logo = _logo(head.logo) if head.logo else None
        x, top, w, h = WINDOW
        px, ptop, pw, ph = PANEL
        first = [
            Frame(x, HEIGHT - top - h, w, h, 2 * mm, 2 * mm, 2 * mm, 2 * mm, id="address"),
            Frame(px, HEIGHT - ptop - ph, pw, ph, 2 * mm, 2 * mm, 2 * mm, 2 * mm, id="panel"),
            Frame(LEFT, BOTTOM, BODY_WIDTH, HEIGHT - FIRST_BODY_TOP - BOTTOM, 0, 0, 0, 0),
        ]
        later = [Frame(LEFT, BOTTOM, BODY_WIDTH, HEIGHT - LATER_BODY_TOP - BOTTOM, 0, 0, 0, 0)]
        self.addPageTemplates(
            [
                PageTemplate("first", first, onPage=self._first_page),
                PageTemplate("later", later, onPage=self._later_page),
            ]
        )

    def _footer(self, canv: Canvas) -> None:
        canv.setStrokeColor(GREY)
        canv.setLineWidth(0.4)
        canv.line(LEFT, BOTTOM - 3 * mm, WIDTH - LEFT, BOTTOM - 3 * mm)
        letter = self.current_letter
        if letter is not None and (letter.large_print or letter.child_friendly):
            return  # large print carries the notice in the body; a child's letter has none
        if self.head.footer:
            _fitted(canv, self.head.footer, LEFT, 5 * mm, BODY_WIDTH, BOTTOM - 9 * mm, 7.5)

    @property
    def current_letter(self) -> Letter | None:
        """The letter being laid out (each letter begins on a 'first' page)."""
        return self.letters[self.letter_index] if self.letter_index >= 0 else None

    def _first_page(self, canv: Canvas, _: Any) -> None:
        if self.cancel is not None and self.cancel():
            raise Cancelled("Printing was cancelled; no letters were produced.")
        if self.progress is not None and self.letter_index >= 0:
            self.progress(self.letter_index + 1, len(self.letters))
        self.letter_index += 1
        self.letter_first_page = canv.getPageNumber()
        canv.saveState()
        head = self.head
        text_width = BODY_WIDTH
        if self.logo is not None:
            iw, ih = self.logo.getSize()
            scale = min(50 * mm / iw, 24 * mm / ih)
            w, h = iw * scale, ih * scale
            canv.drawImage(self.logo, WIDTH - LEFT - w, HEIGHT - 12 * mm - h, w, h, mask="auto")
            text_width = BODY_WIDTH - w - 6 * mm
        letter = self.current_letter
        large = letter is not None and letter.large_print
        name_style = ParagraphStyle(
            "head", fontName=FONT_BOLD, fontSize=18 if large else 16, leading=22 if large else 19
        )
        name = Paragraph(escape(head.name), name_style)
        _, used = name.wrap(text_width, 20 * mm)
        name.drawOn(canv, LEFT, HEIGHT - 12 * mm - used)
        contact = [", ".join(x.strip() for x in head.address.splitlines() if x.strip())]
        contact.append(
            "  \u00b7  ".join(
                f"{label} {value}"
                for label, value in (
                    ("Telephone", head.phone),
                    ("E-mail", head.email),
                    ("", head.website),
                )
                if value
            ).strip()
        )
        if letter is not None and letter.child_friendly:  # no office block: how to call us
            contact = [f"Phone us on {head.phone}" if head.phone else ""]
        top = HEIGHT - 12 * mm - used - 1.5 * mm
        lines = "\n".join(c for c in contact if c)
        if large:  # 12 pt, as far down as the address window allows
            _fitted(canv, lines, LEFT, top - 17 * mm, text_width, 17 * mm, 12.0, 11.0)
        else:
            _fitted(canv, lines, LEFT, top - 11 * mm, text_width, 11 * mm, 8.5)
        canv.setStrokeColor(GREY)
        canv.setLineWidth(0.5)
        for y in (99 * mm, 198 * mm):  # fold marks for a DL envelope
            canv.line(4 * mm, HEIGHT - y, 8 * mm, HEIGHT - y)
        self._footer(canv)
        canv.restoreState()

    def _later_page(self, canv: Canvas, _: Any) -> None:
        canv.saveState()
        letter = self.current_letter
        page = canv.getPageNumber() - self.letter_first_page + 1
        canv.setFont(FONT, 12 if letter is not None and letter.large_print else 9)
        canv.setFillColor(GREY)
        label = f"{self.head.name}    Our reference: {letter.reference if letter else ''}"
        canv.drawString(LEFT, HEIGHT - 14 * mm, label[:120])
        canv.drawRightString(WIDTH - LEFT, HEIGHT - 14 * mm, f"Page {page}")
        self._footer(canv)
        canv.restoreState()


def build_pdf(
    letters: Sequence[Letter],
    head: Letterhead,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> bytes:
    """One PDF holding ``letters``, each starting on a new page with the letterhead."""
    buffer = io.BytesIO()
    title = f"Letter {letters[0].reference}" if len(letters) == 1 else "Letters"
    doc = _Doc(
        buffer,
        head,
        letters,
        title=title,
        author=head.name,
        creator="complaints_desktop",
        leftMargin=LEFT,
        rightMargin=LEFT,
        topMargin=LATER_BODY_TOP,
        bottomMargin=BOTTOM,
    )
    story: list[Flowable] = []
    for index, letter in enumerate(letters):
        if index:
            story += [NextPageTemplate("first"), PageBreak()]
        story.append(NextPageTemplate("later"))
        story += [*_address(letter), FrameBreak(), *_panel(letter), FrameBreak()]
        story += _body(letter) + _notice(letter, head.footer) + _annex(letter)
    doc.progress, doc.cancel = progress, cancel
    doc.build(story)
    if progress is not None:
        progress(len(letters), len(letters))
    return buffer.getvalue()
