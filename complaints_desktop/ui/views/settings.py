"""UI: the administrator's settings — lists, timescales, calendar, council details.

Lists are changed one entry at a time (add, rename, retire or restore; nothing in use is
ever deleted). The timescales, calendar and council forms are edited and then saved;
``has_unsaved_changes`` tells the window when leaving would lose edits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.domain.errors import KnownError, ValidationFailed
from complaints_desktop.services import settings as settings_service
from complaints_desktop.ui.dialogs._base import ProblemLabel, text_box
from complaints_desktop.ui.dialogs.name import NameDialog
from complaints_desktop.ui.saving import save_on_queue
from complaints_desktop.ui.views.settings_backups import BackupsPage
from complaints_desktop.ui.views.settings_forms import CalendarForm, TimescalesForm, _Form
from complaints_desktop.ui.views.settings_letters import LetterWordingPage

if TYPE_CHECKING:
    from complaints_desktop.services.env import Env

RETIRED = " (retired — hidden from new entries)"


class ListsPage(QWidget):
    """Teams, service areas, types, remedies, advocacy providers and compliment themes."""

    changed = Signal()

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        layout = QHBoxLayout(self)
        self.kinds = QListWidget()
        self.kinds.setAccessibleName("Lists")
        for key, label in settings_service.VOCABULARY_KINDS.items():
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.kinds.addItem(item)
        self.kinds.setMaximumWidth(220)
        layout.addWidget(self.kinds)
        right = QVBoxLayout()
        self.entries = QListWidget()
        self.entries.setAccessibleName("Entries")
        right.addWidget(self.entries, 1)
        add_row = QHBoxLayout()
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("Type a new entry and press Enter")
        self.new_name.setAccessibleName("New entry")
        self.add_button = QPushButton("&Add")
        add_row.addWidget(self.new_name, 1)
        add_row.addWidget(self.add_button)
        right.addLayout(add_row)
        buttons = QHBoxLayout()
        self.rename_button = QPushButton("Re&name…")
        self.retire_button = QPushButton("Re&tire")
        buttons.addWidget(self.rename_button)
        buttons.addWidget(self.retire_button)
        buttons.addStretch(1)
        right.addLayout(buttons)
        note = QLabel(
            "Entries are never deleted: a retired entry stays on the cases that use it and "
            "in reports, but is not offered for new cases."
        )
        note.setWordWrap(True)
        right.addWidget(note)
        self.problems = ProblemLabel(self)
        right.addWidget(self.problems)
        layout.addLayout(right, 1)
        self.kinds.currentRowChanged.connect(lambda _row: self.refresh())
        self.entries.currentRowChanged.connect(lambda _row: self._buttons())
        self.add_button.clicked.connect(self.add)
        self.new_name.returnPressed.connect(self.add)
        self.rename_button.clicked.connect(self.rename)
        self.retire_button.clicked.connect(self.toggle_retired)
        self.kinds.setCurrentRow(0)

    @property
    def kind(self) -> str:
        """The list shown."""
        item = self.kinds.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else "team"

    def selected(self) -> tuple[str, bool] | None:
        """(name, retired) of the entry selected."""
        item = self.entries.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def refresh(self, select: str = "") -> None:
        """Show the entries of the chosen list."""
        self.entries.clear()
        for name, retired in settings_service.vocabulary(self.env, self.kind):
            item = QListWidgetItem(name + (RETIRED if retired else ""))
            item.setData(Qt.ItemDataRole.UserRole, (name, retired))
            if retired:
                item.setForeground(self.palette().placeholderText())
            self.entries.addItem(item)
            if name.casefold() == select.casefold():
                self.entries.setCurrentItem(item)
        self._buttons()

    def _buttons(self) -> None:
        chosen = self.selected()
        self.rename_button.setEnabled(chosen is not None)
        self.retire_button.setEnabled(chosen is not None)
        self.retire_button.setText("Re&store" if chosen and chosen[1] else "Re&tire")

    def _do(self, fn: Any, button: QPushButton) -> bool:
        """Run the change ``fn`` (reading no widget) on the write queue; show a problem."""
        try:
            save_on_queue(self, fn, button=button)
        except ValidationFailed as err:
            self.problems.show_problems(err.problems)
            return False
        except KnownError as err:
            self.problems.show_problems([str(err)])
            return False
        self.problems.show_problems([])
        self.changed.emit()
        return True

    def add(self) -> None:
        """Add the entry typed."""
        name = " ".join(self.new_name.text().split())
        env, kind = self.env, self.kind
        if self._do(lambda: settings_service.add_entry(env, kind, name), self.add_button):
            self.new_name.clear()
            self.refresh(select=name)

    def rename(self) -> None:
        """Correct the spelling of the selected entry."""
        chosen = self.selected()
        if chosen is None:
            return
        old, env, kind = chosen[0], self.env, self.kind
        new = NameDialog.ask(  # saves on the write queue: read everything here
            self,
            "Rename",
            "New &spelling:",
            old,
            lambda name: settings_service.rename_entry(env, kind, old, name),
        )
        if new is not None:
            self.changed.emit()
            self.refresh(select=new)

    def toggle_retired(self) -> None:
        """Retire the selected entry, or restore a retired one."""
        chosen = self.selected()
        env, kind = self.env, self.kind
        if chosen is not None and self._do(
            lambda: settings_service.set_retired(env, kind, chosen[0], not chosen[1]),
            self.retire_button,
        ):
            self.refresh(select=chosen[0])

    def has_unsaved_changes(self) -> bool:
        """A new entry typed but not added."""
        return bool(self.new_name.text().strip())


class CouncilForm(_Form):
    """The council's details for letters (settings key ``council``)."""

    FIELDS = (
        ("name", "Council &name:"),
        ("address", "&Address:"),
        ("phone", "&Phone:"),
        ("email", "&E-mail:"),
        ("website", "&Website:"),
        ("signatory", "Letters si&gned by:"),
        ("job_title", "Signatory's &job title:"),
        ("data_protection", "&Data-protection footer:"),
        ("logo_path", "&Logo file:"),
    )

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        form = QFormLayout()
        self.fields: dict[str, Any] = {}
        for key, label in self.FIELDS:
            widget: Any
            if key in ("address", "data_protection"):
                widget = text_box(lines=4 if key == "address" else 3)
            else:
                widget = QLineEdit()
            widget.setAccessibleName(label.replace("&", "").rstrip(":"))
            caption = QLabel(label)
            caption.setBuddy(widget)
            if key == "logo_path":
                row = QHBoxLayout()
                row.addWidget(widget, 1)
                browse = QPushButton("&Browse…")
                browse.clicked.connect(self.choose_logo)
                row.addWidget(browse)
                form.addRow(caption, row)
            else:
                form.addRow(caption, widget)
            self.fields[key] = widget
        self.advocacy = text_box(lines=3)
        self.advocacy.setAccessibleName("How children reach the advocacy services")
        self.advocacy.setPlaceholderText("One a line, e.g.  NYAS: freephone 0808 808 1001")
        self.advocacy.setToolTip("Printed in children's letters: 'You can contact NYAS yourself'")
        caption = QLabel("Ad&vocacy services' contacts:")
        caption.setBuddy(self.advocacy)
        form.addRow(caption, self.advocacy)
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.load()

    def _text(self, key: str) -> str:
        widget = self.fields[key]
        text: str = widget.toPlainText() if hasattr(widget, "toPlainText") else widget.text()
        return text

    def load(self) -> None:
        """Show the saved details."""
        details = settings_service.council(self.env).to_dict()
        for key, widget in self.fields.items():
            if hasattr(widget, "setPlainText"):
                widget.setPlainText(details.get(key, ""))
            else:
                widget.setText(details.get(key, ""))
        contacts = settings_service.advocacy_contacts(self.env)
        self.advocacy.setPlainText("\n".join(f"{k}: {v}" for k, v in contacts.items()))
        self.problems.show_problems([])
        self.mark_clean()

    def choose_logo(self) -> None:
        """Pick the logo image."""
        path, _ = QFileDialog.getOpenFileName(
            self, "Council logo", "", "Images (*.png *.jpg *.jpeg)"
        )
        if path:
            self.fields["logo_path"].setText(path)

    def save(self) -> None:
        """Save the details (a name is required)."""
        details = settings_service.CouncilDetails(**{k: self._text(k) for k in self.fields})
        contacts: dict[str, str] = {}
        bad = []
        for number, line in enumerate(self.advocacy.toPlainText().splitlines(), start=1):
            name, colon, how = line.partition(":")
            if line.strip() and (not colon or not name.strip() or not how.strip()):
                bad.append(
                    f"Advocacy services' contacts, line {number}: write the service, a colon, "
                    "then how to reach it."
                )
            elif line.strip():
                contacts[name.strip()] = how.strip()
        if bad:
            self.problems.show_problems(bad)
            return

        def save_both() -> None:
            settings_service.save_council(self.env, details)
            settings_service.save_advocacy_contacts(self.env, contacts)

        if self._try(save_both):  # on the write queue: ``save_both`` reads no widget
            self.status.setText("Saved. New letters carry these details.")
            self.load()
            self.saved.emit()


class SettingsView(QWidget):
    """Settings for the administrator, one tab per kind."""

    settings_saved = Signal()

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.setAccessibleName("Settings")
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.lists = ListsPage(env)
        self.timescales = TimescalesForm(env)
        self.calendar = CalendarForm(env)
        self.council = CouncilForm(env)
        self.tabs.addTab(self.lists, "&Lists")
        self.tabs.addTab(self.timescales, "&Timescales")
        self.tabs.addTab(self.calendar, "&Calendar")
        self.tabs.addTab(self.council, "Council &details")
        self.wording = LetterWordingPage(env)
        self.tabs.addTab(self.wording, "Letter &wording")
        self.backups = BackupsPage(env)
        self.tabs.addTab(self.backups, "&Backups")
        self.backups.restored.connect(lambda: self.window().close())
        layout.addWidget(self.tabs)
        for form in (self.timescales, self.calendar, self.council):
            form.saved.connect(self.settings_saved)
        self.lists.changed.connect(self.settings_saved)
        from PySide6.QtCore import QSettings

        from complaints_desktop.ui.views.settings_database import DatabasePage
        from complaints_desktop.ui.views.settings_users import UsersPage

        self.users = UsersPage(env)
        self.tabs.addTab(self.users, "&Users")
        self.database = DatabasePage(env, QSettings())
        self.tabs.addTab(self.database, "Databa&se")
        from complaints_desktop.ui.views.settings_guard import guard

        self.guard = guard(self)
        from complaints_desktop.ui.keys import guard_wheel

        guard_wheel(self)

    def has_unsaved_changes(self) -> bool:
        """True when any form holds edits not yet saved."""
        return any(
            page.has_unsaved_changes()
            for page in (self.lists, self.timescales, self.calendar, self.council, self.wording)
        )

    def reload(self) -> None:
        """Show the saved settings again (drops unsaved edits)."""
        self.lists.refresh()
        for form in (self.timescales, self.calendar, self.council):
            form.load()
