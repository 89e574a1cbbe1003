"""UI: the files kept with a case in the database (the e-mail a complaint came in): listed
on the case, opened in the program Windows uses for them (Outlook for a .msg), or saved as
a copy."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop import files
from complaints_desktop.domain.errors import KnownError
from complaints_desktop.services import inbox
from complaints_desktop.ui.views.case_widgets import local_time

TITLE = "E-mails and files kept with the case"


class KeptFiles(QGroupBox):
    """The list of kept files with Open and Save a copy."""

    def __init__(self, env: Any, reference: str, parent: QWidget | None = None) -> None:
        super().__init__(TITLE, parent)
        self.env = env
        self.reference = reference
        self.setAccessibleName(TITLE)
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setAccessibleName(TITLE)
        self.list.itemActivated.connect(lambda _item: self.open_file())
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Kept files message")
        self.message.hide()
        buttons = QHBoxLayout()
        self.open_button = QPushButton("Open the file")
        self.open_button.setToolTip("Open it in the program this computer uses (Enter)")
        self.save_button = QPushButton("Save a copy…")
        self.open_button.clicked.connect(self.open_file)
        self.save_button.clicked.connect(self.save_copy)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.load()

    def load(self) -> None:
        """List the files kept with the case."""
        self.list.clear()
        try:
            kept = inbox.kept(self.env, self.reference)
        except KnownError as err:
            kept = []
            self._say(str(err))
        for doc in kept:
            size = max(1, round(doc.size / 1024))
            item = QListWidgetItem(
                f"{doc.filename} — {size} KB — added {local_time(doc.added_at)}"
                + (f" by {doc.by_user}" if doc.by_user else "")
            )
            item.setData(Qt.ItemDataRole.UserRole, doc.id)
            self.list.addItem(item)
        if kept:
            self.list.setCurrentRow(0)
        else:
            self.list.addItem("None: an e-mail dropped on New complaint is kept here.")
        self.list.setMaximumHeight(self.list.sizeHintForRow(0) * min(6, max(2, len(kept))) + 8)
        for button in (self.open_button, self.save_button):
            button.setEnabled(bool(kept))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _chosen(self) -> tuple[str, bytes] | None:
        item = self.list.currentItem()
        doc_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if doc_id is None:
            return None
        try:
            return inbox.kept_file(self.env, int(doc_id))
        except KnownError as err:
            self._say(str(err))
            return None

    def open_file(self) -> str:
        """Open the chosen file (a private copy in a temporary folder); its path."""
        found = self._chosen()
        if found is None:
            return ""
        name, content = found
        folder = tempfile.mkdtemp(prefix="complaint-")
        # The copy goes when the app closes (unless the program showing it still holds it).
        atexit.register(shutil.rmtree, folder, True)
        path = Path(folder) / Path(name).name
        try:
            files.write_atomically(path, content)
        except (OSError, KnownError) as err:
            self._say(f"The file could not be opened: {err}")
            return ""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self._say(f"{name} opened.")
        return str(path)

    def save_copy(self) -> str:
        """Save a copy of the chosen file where the officer says; its path."""
        found = self._chosen()
        if found is None:
            return ""
        name, content = found
        path, _ = QFileDialog.getSaveFileName(
            self, "Save a copy", str(Path.home() / Path(name).name), "All files (*)"
        )
        if not path:
            return ""
        try:
            files.write_atomically(Path(path), content)
        except (OSError, KnownError) as err:
            self._say(f"Could not save {path}: {err}")
            return ""
        self._say(f"Saved a copy as {path}.")
        return path
