"""Reading a PDF's text in tests, with pypdf (no poppler subprocess: Windows has none)."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader


def _reader(pdf: bytes | Path) -> PdfReader:
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    assert data.startswith(b"%PDF"), "not a PDF"
    return PdfReader(io.BytesIO(data))


def layout_text(pdf: bytes | Path) -> str:
    """The text laid out as on the page, a line per printed line (like `pdftotext -layout`),
    pages separated by a form feed."""
    pages = _reader(pdf).pages
    return "\n\f".join(page.extract_text(extraction_mode="layout") for page in pages)


def reading_text(pdf: bytes | Path) -> str:
    """The words in reading order, white space folded to single spaces (a phrase that wraps
    inside a table cell or across lines is still found whole)."""
    pages = _reader(pdf).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def page_count(pdf: bytes | Path) -> int:
    return len(_reader(pdf).pages)
