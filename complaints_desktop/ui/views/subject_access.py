"""UI: the subject access screen — find a person, choose a folder, export PDF and CSV."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.services import subject_access
from complaints_desktop.services.env import Env
from complaints_desktop.services.subject_access import PersonMatch
from complaints_desktop.ui.common.errors import describe_error
from complaints_desktop.ui.common.widgets import heading
from complaints_desktop.ui.workers import run_in_background, write_queue

MATCH_ROLE = int(Qt.ItemDataRole.UserRole) + 1


class SubjectAccessView(QWidget):
    """Everything held about one person, as a PDF to send and a CSV of every field."""

    found = Signal(int)
    exported = Signal(list)
    error_occurred = Signal(str)

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        intro = QLabel(
            self.tr(
                "Answer a subject access request: find the person, tick every record that is "
                "them (the same person may have been recorded separately on different cases), "
                "and export. You get a PDF to send and a CSV with every field of every case "
                "they are the complainant of or the child in."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Name, e-mail, phone or the child's system ID"))
        self.search.setAccessibleName(self.tr("Find a person"))
        self.search.returnPressed.connect(self.look_up)
        search_label = QLabel(self.tr("&Find:"), self)
        search_label.setBuddy(self.search)
        self.find_button = QPushButton(self.tr("Fi&nd"), self)
        self.find_button.clicked.connect(self.look_up)
        row = QHBoxLayout()
        row.addWidget(search_label)
        row.addWidget(self.search, 1)
        row.addWidget(self.find_button)
        self.results = QListWidget(self)
        self.results.setAccessibleName(self.tr("People found"))
        self.results.itemChanged.connect(self._update)
        self.status = QLabel(self.tr("Type at least two letters and press Enter."), self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Subject access status"))
        self.redact = QCheckBox(
            self.tr(
                "&Redact other people's names (staff, investigating officers, independent "
                "people, panel members, advocates, authors of notes)"
            ),
            self,
        )
        self.redact.setChecked(True)
        redact_hint = QLabel(
            self.tr(
                "Free text (the summary, notes, findings) is exported as recorded: read it "
                "before sending and black out anything about other people."
            ),
            self,
        )
        redact_hint.setWordWrap(True)
        hint_font = redact_hint.font()
        hint_font.setItalic(True)
        redact_hint.setFont(hint_font)
        self.folder = QLineEdit(self)
        self.folder.setReadOnly(True)
        self.folder.setPlaceholderText(self.tr("No folder chosen"))
        self.folder.setAccessibleName(self.tr("Folder to save in"))
        folder_label = QLabel(self.tr("Save in:"), self)
        self.folder_button = QPushButton(self.tr("&Choose folder…"), self)
        self.folder_button.clicked.connect(self._pick_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(folder_label)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.folder_button)
        self.export_button = QPushButton(self.tr("&Export PDF and CSV"), self)
        self.export_button.clicked.connect(self.export)
        export_row = QHBoxLayout()
        export_row.addWidget(self.export_button)
        export_row.addStretch(1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName(self.tr("Export result"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Subject access request"), self))
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.redact)
        layout.addWidget(redact_hint)
        layout.addLayout(folder_row)
        layout.addLayout(export_row)
        layout.addWidget(self.message)
        self._busy = False
        self._update()

    # --- finding ---------------------------------------------------------------------
    def look_up(self) -> None:
        """Search complainants and children off the UI thread."""
        text = self.search.text().strip()
        if len(text) < subject_access.MIN_LETTERS:
            self.status.setText(self.tr("Type at least two letters to search."))
            return
        env = self.env
        self.status.setText(self.tr("Searching…"))
        run_in_background(
            lambda _t: subject_access.find_people(env, text), self._show, self._failed, parent=self
        )

    def _show(self, matches: list[PersonMatch]) -> None:
        self.results.clear()
        for match in matches:
            item = QListWidgetItem(match.label, self.results)
            item.setData(MATCH_ROLE, match)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        if matches:
            self.status.setText(
                self.tr("{n} found. Tick the records that are the person asking.").format(
                    n=len(matches)
                )
            )
        else:
            self.status.setText(self.tr("Nobody matches. Try part of the name or the e-mail."))
        self._update()
        self.found.emit(len(matches))

    def chosen(self) -> list[PersonMatch]:
        """The records ticked."""
        out = []
        for row in range(self.results.count()):
            item = self.results.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(MATCH_ROLE))
        return out

    # --- exporting -------------------------------------------------------------------
    def choose_folder(self) -> str:
        """Ask for the folder to save in ("" when cancelled; tests replace this)."""
        return QFileDialog.getExistingDirectory(self, self.tr("Save the export in"))

    def _pick_folder(self) -> None:
        folder = self.choose_folder()
        if folder:
            self.folder.setText(folder)
        self._update()

    def _update(self, *_args: object) -> None:
        ready = bool(self.chosen()) and bool(self.folder.text()) and not self._busy
        self.export_button.setEnabled(ready)
        if not self.chosen():
            self.export_button.setToolTip(self.tr("Tick the person first."))
        elif not self.folder.text():
            self.export_button.setToolTip(self.tr("Choose a folder first."))
        else:
            self.export_button.setToolTip("")

    def export(self) -> None:
        """Write the PDF and CSV off the UI thread."""
        chosen = self.chosen()
        if not chosen or not self.folder.text():
            return
        env = self.env
        people = [i for m in chosen if m.kind == "complainant" for i in m.ids]
        children = [i for m in chosen if m.kind == "child" for i in m.ids]
        folder = Path(self.folder.text())
        redact = self.redact.isChecked()
        self._busy = True
        self._update()
        self.message.setText(self.tr("Exporting…"))
        run_in_background(
            lambda _t: subject_access.export(
                env, people, children, folder=folder, redact_third_parties=redact
            ),
            self._done,
            self._failed,
            pool=write_queue(self),  # it writes the export's audit entry: one save at a time
            parent=self,
        )

    def _done(self, paths: list[Path]) -> None:
        self._busy = False
        self._update()
        names = ", ".join(p.name for p in paths)
        self.message.setText(
            self.tr("Saved {names} in {folder}. The export is recorded in the audit trail.").format(
                names=names, folder=paths[0].parent if paths else self.folder.text()
            )
        )
        self.exported.emit(paths)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self._update()
        text = describe_error(exc)
        self.message.setText(text)
        self.error_occurred.emit(text)
