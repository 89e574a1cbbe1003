"""UI: the window's shell shown at start-up while the database opens.

It imports nothing but Qt, so it is on screen about as fast as an empty PySide6 window;
``app.run`` shows it, opens the database and builds the real ``MainWindow`` after its
first paint, then swaps the two. It has the main window's size, place, navigation names
and a work queue that says it is loading, so the swap is barely visible.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QMainWindow, QSplitter, QWidget

from complaints_desktop.ui.panes import PANES

NAVIGATION = PANES
"""The navigation's names (shared with ``main_window``)."""


class StartupShell(QMainWindow):
    """Navigation (not yet active) and "Opening the database…" where the queue will be."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StartupShell")
        self.setWindowTitle(self.tr("Complaints"))
        nav = QListWidget(self)
        nav.setAccessibleName(self.tr("Navigation"))
        nav.addItems([self.tr(name) for name in NAVIGATION])
        nav.setStyleSheet("QListWidget::item { padding: 6px 12px; }")
        nav.setMinimumWidth(nav.sizeHintForColumn(0) + 40)
        nav.setEnabled(False)
        self.status = QLabel(self.tr("Opening the database…"), self)
        self.status.setAccessibleName(self.tr("Work queue"))
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        splitter = QSplitter(self)
        splitter.addWidget(nav)
        splitter.addWidget(self.status)
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)
        self.statusBar().showMessage(self.tr("Loading…"))
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        layout = settings.value("window/splitter")
        if isinstance(layout, QByteArray):
            splitter.restoreState(layout)
        else:
            splitter.setSizes([nav.minimumWidth(), 1000])
