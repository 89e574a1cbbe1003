"""UI: the Backups tab of Settings — list, back up now, restore, how many to keep, check.

The same as ``complaints-desktop backup`` / ``restore FILE`` / ``check``. Backing up and
checking run off the UI thread; a restore keeps the current database first, then the
window closes so the restored one is opened afresh. On a PostgreSQL server the server's
own backups (pg_dump) are used, and the tab says so.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.domain.errors import KnownError, ValidationFailed
from complaints_desktop.ui.dialogs._base import ProblemLabel
from complaints_desktop.ui.saving import save_on_queue
from complaints_desktop.ui.workers import Task, run_in_background

if TYPE_CHECKING:
    from complaints_desktop.services.env import Env

KINDS = {
    "daily": "Automatic (first start of the day)",
    "manual": "Backed up by hand",
    "before-restore": "Kept before a restore",
    "before-upgrade": "Kept before an upgrade",
}
RESTORED = "Restored. Complaints will now close; open it again."


def _safety() -> Any:
    return importlib.import_module("complaints_desktop.services.safety")


def confirm_restore(parent: QWidget, taken: str) -> bool:
    """Ask before replacing the database with the backup taken at ``taken``."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Restore a backup?")
    box.setText(f"Put back the database as it was on {taken}?")
    box.setInformativeText(
        "Everything recorded since then will no longer show. The current database is "
        "kept first as a backup ('Kept before a restore'), so this can be undone. "
        "Complaints then closes and must be opened again."
    )
    restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is restore


def tell(parent: QWidget, title: str, text: str) -> None:
    """Show a short message the user must acknowledge."""
    QMessageBox.information(parent, title, text)


def _size(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError:
        return "?"
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{max(size // 1024, 1)} KB"


class BackupsPage(QWidget):
    """Backups of this database and the database check."""

    restored = Signal()
    """The database was replaced; the window should close."""

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.task: Task | None = None
        self.kept_before: Path | None = None
        layout = QVBoxLayout(self)
        safety = _safety()
        self.server = bool(safety.on_server(env))
        rights = importlib.import_module("complaints_desktop.services.access")
        self.may_restore = bool(rights.may(env, "restore"))
        self.may_change = bool(rights.may(env, "settings"))

        self.server_note = QLabel(
            "This database is on a PostgreSQL server: it is backed up by the server's own "
            "backups (pg_dump), run by your IT team. Ask them to restore one if needed. "
            "The check below still works."
        )
        self.server_note.setWordWrap(True)
        self.server_note.setVisible(self.server)
        layout.addWidget(self.server_note)

        intro = QLabel(
            "A copy of the database is taken automatically at the first start of each day, "
            "and before every upgrade or restore. Restoring one puts the database back as it "
            "was when that copy was taken."
        )
        intro.setWordWrap(True)
        intro.setVisible(not self.server)
        layout.addWidget(intro)
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.where)
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName("Backups")
        self.table.setHorizontalHeaderLabels(["Taken", "Why it was taken", "Size"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.backup_button = QPushButton("&Back up now")
        self.restore_button = QPushButton("&Restore the selected backup…")
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        keep_row = QHBoxLayout()
        caption = QLabel("&Keep the newest")
        self.keep = QSpinBox()
        self.keep.setRange(1, 365)
        self.keep.setAccessibleName("Backups to keep")
        caption.setBuddy(self.keep)
        self.keep_button = QPushButton("Sa&ve")
        keep_row.addWidget(caption)
        keep_row.addWidget(self.keep)
        keep_row.addWidget(QLabel("backups (older ones are deleted at the next backup)"))
        keep_row.addWidget(self.keep_button)
        keep_row.addStretch(1)
        layout.addLayout(keep_row)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Backup status")
        layout.addWidget(self.status)
        self.problems = ProblemLabel(self)
        layout.addWidget(self.problems)

        check_box = QGroupBox("Check the database")
        check_layout = QVBoxLayout(check_box)
        intro = QLabel(
            "Reads the whole database for damage, checks the audit trail has not been "
            "altered and that the calendar has this year's bank holidays. Changes nothing."
        )
        intro.setWordWrap(True)
        check_layout.addWidget(intro)
        self.check_button = QPushButton("C&heck the database")
        row = QHBoxLayout()
        row.addWidget(self.check_button)
        row.addStretch(1)
        check_layout.addLayout(row)
        self.check_result = QLabel()
        self.check_result.setWordWrap(True)
        self.check_result.setAccessibleName("Check result")
        self.check_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        check_layout.addWidget(self.check_result)
        layout.addWidget(check_box)

        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.keep_button.clicked.connect(self.save_keep)
        self.keep.valueChanged.connect(lambda _v: self._buttons())
        self.check_button.clicked.connect(self.check)
        self.table.itemSelectionChanged.connect(self._buttons)
        self.refresh()

    # -- the list -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the backups kept, newest first."""
        safety = _safety()
        found = [] if self.server else safety.backups(self.env)
        self._saved_keep = int(safety.backup_keep(self.env))
        self.keep.blockSignals(True)
        self.keep.setValue(self._saved_keep)
        self.keep.blockSignals(False)
        self.table.setRowCount(len(found))
        for row, item in enumerate(found):
            taken = QTableWidgetItem(f"{item.taken:%d %b %Y %H:%M}")
            taken.setData(Qt.ItemDataRole.UserRole, str(item.path))
            taken.setToolTip(str(item.path))
            self.table.setItem(row, 0, taken)
            self.table.setItem(row, 1, QTableWidgetItem(KINDS.get(item.kind, item.kind)))
            self.table.setItem(row, 2, QTableWidgetItem(_size(item.path)))
        if self.server:
            self.where.setText("")
        elif found:
            self.where.setText(f"{len(found)} backup(s) kept in {found[0].path.parent}")
        else:
            self.where.setText(
                "No backup has been taken yet. One is taken automatically at the first "
                "start of each day."
            )
        self._buttons()

    def selected(self) -> tuple[Path, str] | None:
        """(file, when taken) of the selected backup."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        if item is None:
            return None
        return Path(str(item.data(Qt.ItemDataRole.UserRole))), item.text()

    def _buttons(self) -> None:
        busy = self.is_busy()
        local = not self.server
        self.backup_button.setEnabled(local and not busy)
        self.restore_button.setEnabled(
            local and self.may_restore and not busy and self.selected() is not None
        )
        if local and not self.may_restore:
            self.restore_button.setToolTip("Only an administrator may restore a backup.")
        self.keep.setEnabled(local and self.may_change)
        self.keep_button.setEnabled(
            local and self.may_change and self.keep.value() != self._saved_keep
        )
        self.check_button.setEnabled(not busy)

    def is_busy(self) -> bool:
        """True while a backup or a check is running."""
        return self.task is not None and self.task.running

    def has_unsaved_changes(self) -> bool:
        """A changed number of backups to keep, not saved."""
        return not self.server and self.keep.value() != self._saved_keep

    def _show_error(self, error: BaseException) -> None:
        if isinstance(error, ValidationFailed):
            self.problems.show_problems(error.problems)
        elif isinstance(error, KnownError):
            self.problems.show_problems([str(error)])
        else:
            self.problems.show_problems([f"That did not work ({type(error).__name__}: {error})."])

    # -- actions ------------------------------------------------------------------------
    def back_up_now(self) -> None:
        """Take a backup in the background."""
        self.problems.show_problems([])
        self.status.setText("Backing up…")
        env = self.env
        self.task = run_in_background(
            lambda _ticket: _safety().backup(env, None), self._backed_up, self._failed, parent=self
        )
        self._buttons()

    def _backed_up(self, path: Path) -> None:
        self.refresh()
        self.status.setText(f"Backed up to {path}.")

    def _failed(self, error: BaseException) -> None:
        self.status.setText("")
        self._show_error(error)
        self._buttons()

    def restore_selected(self) -> None:
        """Put back the selected backup, after asking; then the window must close."""
        chosen = self.selected()
        if chosen is None:
            return
        path, taken = chosen
        if not confirm_restore(self, taken):
            return
        try:
            self.kept_before = _safety().restore(self.env, path)
        except (KnownError, OSError) as err:
            self._show_error(err)
            return
        self.status.setText(RESTORED)
        tell(self, "Restored", RESTORED)
        self.restored.emit()

    def save_keep(self) -> None:
        """Keep the number of backups chosen."""
        env, keep = self.env, self.keep.value()
        try:  # on the window's one write queue, like every other save
            save_on_queue(
                self,
                lambda: _safety().set_backup_keep(env, keep),
                button=self.keep_button,
                parts=(self.keep, self.keep_button),
            )
        except KnownError as err:
            self._show_error(err)
            return
        self.problems.show_problems([])
        self.refresh()
        self.status.setText(f"Saved: the newest {self.keep.value()} backups are kept.")

    def check(self) -> None:
        """Check the database in the background and show what was found."""
        self.check_result.setText("Checking…")
        env = self.env
        self.task = run_in_background(
            lambda _ticket: _safety().check(env), self._checked, self._check_failed, parent=self
        )
        self._buttons()

    def _checked(self, found: tuple[list[str], list[str]]) -> None:
        problems, notes = found
        if problems:
            lines = ["Problems found:", *(f"⚠ {p}" for p in problems), "", *notes]
        else:
            lines = ["No problems found.", *notes]
        self.check_result.setText("\n".join(lines))
        self._buttons()

    def _check_failed(self, error: BaseException) -> None:
        self.check_result.setText("")
        self._show_error(error)
        self._buttons()
