"""UI: a PDF preview with Print… and Save as PDF… (letters, reports, summaries).

Shows PDF bytes produced by ``reports/`` in a ``QPdfView``; prints each page as an image
at the printer's resolution through ``QPrintDialog`` (any Windows printer), or saves the
bytes. Emits ``printed`` / ``saved`` so callers can log a letter as sent.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop import files
from complaints_desktop.domain.errors import KnownError

RETIRE_MS = 3000
"""How long a document no longer shown is kept for a page still being rendered."""


class PdfPreview(QWidget):
    """A PDF shown page by page, with Print… and Save as PDF…."""

    printed = Signal()
    """The PDF went to a printer."""
    saved = Signal(str)
    """The PDF was saved to this path."""

    def __init__(self, parent: QWidget | None = None, *, suggested_name: str = "document.pdf"):
        super().__init__(parent)
        self.suggested_name = suggested_name
        self._data = b""
        self._buffer: QBuffer | None = None
        self.view = QPdfView(self)
        self.document = QPdfDocument(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(self.tr("Preview"))
        self.pages = QLabel(self)
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.save_button = QPushButton(self.tr("&Save as PDF…"), self)
        self.print_button.clicked.connect(self.print_with_dialog)
        self.save_button.clicked.connect(self.save_with_dialog)
        bar = QHBoxLayout()
        bar.addWidget(self.pages)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.set_pdf(b"")

    def set_pdf(self, data: bytes) -> None:
        """Show ``data`` (empty: nothing to show; the buttons are disabled)."""
        self._data = data
        self._retire()
        if data:
            buffer = QBuffer(self)
            buffer.setData(QByteArray(data))
            buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self._buffer = buffer
            self.document.load(buffer)
        count = self.document.pageCount() if data else 0
        self.pages.setText(
            self.tr("{n} page(s)").format(n=count) if count else self.tr("Nothing to show yet.")
        )
        self.print_button.setEnabled(count > 0)
        self.save_button.setEnabled(count > 0)

    def release(self) -> None:
        """Let go of the document before the preview goes (its window closes)."""
        self._data = b""
        self._retire()

    def _retire(self) -> None:
        """Show a fresh document; close and delete the one shown a little later, not now.

        The view renders pages on a thread of its own; a document closed or deleted while
        a page of it is being rendered brought the whole application down (libQt6Pdf:
        opening Letters on a three-page letter and pressing Escape at once). The view is
        made before any document, so when the preview itself goes the view (and its
        renderer) goes first and the documents after it.
        """
        old, buffer = self.document, self._buffer
        self._buffer = None
        self.document = QPdfDocument(self)
        self.view.setDocument(self.document)

        def finish() -> None:
            old.close()
            old.deleteLater()
            if buffer is not None:
                buffer.close()
                buffer.deleteLater()

        QTimer.singleShot(RETIRE_MS, self, finish)

    def pdf(self) -> bytes:
        """The PDF shown."""
        return self._data

    def page_count(self) -> int:
        """Pages in the PDF shown."""
        return self.document.pageCount() if self._data else 0

    def print_with_dialog(self) -> bool:
        """Ask for a printer (QPrintDialog) and print; True when printed."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print"))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
        self.print_to(printer)
        return True

    def print_to(self, printer: QPrinter) -> None:
        """Print every page on ``printer``, each page scaled to fit the paper."""
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("The printer could not be started.")
        try:
            dpi = printer.resolution()
            for index in range(self.document.pageCount()):
                if index:
                    printer.newPage()
                points = self.document.pagePointSize(index)
                size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
                image: QImage = self.document.render(index, size)
                target = painter.viewport()
                scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(target.topLeft(), scaled), image)
        finally:
            painter.end()
        self.printed.emit()

    def save_with_dialog(self) -> str:
        """Ask where to save, then save; the path, or "" when cancelled."""
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save as PDF"),
            str(Path.home() / self.suggested_name),
            self.tr("PDF (*.pdf)"),
        )
        if path:
            try:
                self.save_to(Path(path))
            except KnownError as exc:  # e.g. the PDF is open in a reader (Windows refuses)
                QMessageBox.warning(self, self.tr("Not saved"), str(exc))
                return ""
        return path

    def save_to(self, path: Path) -> None:
        """Write the PDF to ``path`` all or nothing (``KnownError`` in plain words if not)."""
        files.write_atomically(path, self._data)
        self.saved.emit(str(path))
