"""UI: the welcome panel shown once on a new, empty database — demo data or start empty."""

from __future__ import annotations

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.services.env import Env
from complaints_desktop.ui.common.errors import describe_error
from complaints_desktop.ui.workers import Task, run_in_background

DEMO_CASES = 2000


def _fill_demo(env: Env, count: int) -> int:
    from complaints_desktop.services import demo  # imported only when asked for

    return int(demo.fill(env, count))


class WelcomeView(QWidget):
    """Offers realistic demo data (filled off the UI thread) or an empty start."""

    finished = Signal(bool)
    """Emitted when the officer is done here; True when demo data was added."""
    error_occurred = Signal(str)

    def __init__(
        self,
        env: Env,
        database: str,
        pool: QThreadPool | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.env = env
        self._pool = pool
        self._task: Task | None = None

        card = QFrame(self)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(640)
        heading = QLabel(self.tr("Welcome to Complaints"), card)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(
            self.tr(
                "This database is new and empty:\n{db}\n\n"
                "You can try the application with realistic made-up demo data: "
                "{n:,} complaints with contacts, Ombudsman cases and learning actions. "
                "Nobody in it is real. Or start empty and log your first complaint "
                "(Ctrl+N)."
            ).format(db=database, n=DEMO_CASES),
            card,
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.demo_button = QPushButton(self.tr("Fill with &demo data"), card)
        self.demo_button.setAccessibleName(self.tr("Fill the database with demo data"))
        self.demo_button.setDefault(True)
        self.empty_button = QPushButton(self.tr("&Start empty"), card)
        self.empty_button.setAccessibleName(self.tr("Start with an empty database"))
        self.cancel_button = QPushButton(self.tr("&Cancel"), card)
        self.cancel_button.hide()
        self.progress = QProgressBar(card)
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName(self.tr("Adding demo data"))
        self.progress.hide()
        self.note = QLabel(card)
        self.note.setWordWrap(True)
        self.demo_button.clicked.connect(self.fill_demo)
        self.empty_button.clicked.connect(lambda: self.finished.emit(False))
        self.cancel_button.clicked.connect(self.cancel)

        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.empty_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 24, 24, 24)
        inner.setSpacing(12)
        inner.addWidget(heading)
        inner.addWidget(intro)
        inner.addLayout(buttons)
        inner.addWidget(self.progress)
        inner.addWidget(self.note)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def fill_demo(self) -> None:
        """Add the demo data off the UI thread; the window stays usable meanwhile."""
        self.demo_button.setEnabled(False)
        self.empty_button.setEnabled(False)
        self.cancel_button.show()
        self.progress.show()
        self.note.setText(self.tr("Adding demo data; this takes a little while…"))
        env = self.env
        self._task = run_in_background(
            lambda _t: _fill_demo(env, DEMO_CASES),
            self._done,
            self._failed,
            pool=self._pool,
            parent=self,
        )

    def cancel(self) -> None:
        """Stop waiting (data already written stays; the window goes on)."""
        if self._task is not None:
            self._task.cancel()
        self._reset()
        self.note.setText(self.tr("Cancelled. You can try again or start empty."))

    def _reset(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.demo_button.setEnabled(True)
        self.empty_button.setEnabled(True)

    def _done(self, count: int) -> None:
        self._reset()
        self.note.setText(self.tr("Added {n:,} demo complaints.").format(n=count))
        self.finished.emit(True)

    def _failed(self, exc: BaseException) -> None:
        self._reset()
        message = describe_error(exc)
        self.note.setText(message)
        self.error_occurred.emit(message)
