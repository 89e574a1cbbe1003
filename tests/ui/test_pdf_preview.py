"""The PDF preview: shows pages, prints every page to a printer, saves the bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from complaints_desktop.ui.views.pdf_preview import PdfPreview

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _pdf(tmp_path: Path, pages: int) -> bytes:
    path = tmp_path / "in.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    for n in range(pages):
        canvas.drawString(72, 720, f"Page {n + 1} of the test letter")
        canvas.showPage()
    canvas.save()
    return path.read_bytes()


def test_shows_pages_and_enables_print_and_save(qtbot, tmp_path: Path) -> None:
    preview = PdfPreview()
    qtbot.addWidget(preview)
    assert not preview.print_button.isEnabled()
    preview.set_pdf(_pdf(tmp_path, 3))
    assert preview.page_count() == 3
    assert preview.pages.text() == "3 page(s)"
    assert preview.print_button.isEnabled()
    assert preview.save_button.isEnabled()


def test_prints_every_page(qtbot, tmp_path: Path) -> None:
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.set_pdf(_pdf(tmp_path, 2))
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    with qtbot.waitSignal(preview.printed, timeout=5000):
        preview.print_to(printer)
    check = PdfPreview()
    qtbot.addWidget(check)
    check.set_pdf(out.read_bytes())
    assert check.page_count() == 2


def test_saves_the_same_bytes(qtbot, tmp_path: Path) -> None:
    data = _pdf(tmp_path, 1)
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.set_pdf(data)
    target = tmp_path / "saved.pdf"
    with qtbot.waitSignal(preview.saved, timeout=10000) as signal:
        preview.save_to(target)
    assert signal.args == [str(target)]
    assert target.read_bytes() == data
    assert not (tmp_path / "saved.pdf.partial").exists()


def test_closing_at_once_while_pages_render_is_safe(qtbot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication, QDialog, QVBoxLayout

    data = _pdf(tmp_path, 3)
    for _ in range(15):  # open a three-page letter and close it at once, again and again
        dialog = QDialog()
        dialog.resize(800, 900)
        preview = PdfPreview(dialog)
        QVBoxLayout(dialog).addWidget(preview)
        preview.set_pdf(data)
        dialog.show()
        QApplication.processEvents()
        preview.release()
        dialog.close()
        dialog.deleteLater()
        QApplication.processEvents()
    assert preview is not None


def test_a_released_preview_shows_nothing_and_can_show_again(qtbot, tmp_path: Path) -> None:
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.set_pdf(_pdf(tmp_path, 3))
    preview.release()
    assert preview.page_count() == 0
    preview.set_pdf(_pdf(tmp_path, 2))
    assert preview.page_count() == 2
