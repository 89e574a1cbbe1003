"""UI: what the window shows when the database cannot be opened as it is, with the way out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


@dataclass(frozen=True)
class Choice:
    """What the person chose: ``restore`` a backup, ``open`` another file, ``retry``
    (a server that could not be reached), or ``quit``."""

    action: str
    path: Path | None = None


def ask(
    parent: QWidget | None,
    message: str,
    way_out: str,
    latest_backup: Path | None,
    *,
    retry: bool = False,
) -> Choice:
    """Explain the problem and offer: try again (``retry``), restore the latest backup,
    choose another, quit."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(box.tr("Complaints — the database cannot be opened"))
    box.setText(message)
    box.setInformativeText(way_out)
    restore = None
    if latest_backup is not None:
        restore = box.addButton(
            box.tr("Restore the latest backup"), QMessageBox.ButtonRole.AcceptRole
        )
    again = box.addButton(box.tr("Try again"), QMessageBox.ButtonRole.AcceptRole) if retry else None
    choose = box.addButton(box.tr("Choose another database…"), QMessageBox.ButtonRole.ActionRole)
    quit_button = box.addButton(box.tr("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(again or restore or choose)
    box.setEscapeButton(quit_button)
    box.exec()
    clicked = box.clickedButton()
    if again is not None and clicked is again:
        return Choice("retry")
    if restore is not None and clicked is restore:
        return Choice("restore", latest_backup)
    if clicked is choose:
        name, _ = QFileDialog.getSaveFileName(
            parent,
            box.tr("Choose or create a database"),
            str(latest_backup.parent.parent if latest_backup else Path.home()),
            box.tr("Complaints database (*.sqlite3);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        return Choice("open", Path(name)) if name else Choice("quit")
    return Choice("quit")
