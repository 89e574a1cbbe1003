"""UI: Settings > Users — who may use this database and in which role."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.domain.access import ROLE_SUMMARIES, ROLES, UserInfo
from complaints_desktop.domain.errors import KnownError, ValidationFailed
from complaints_desktop.services import access
from complaints_desktop.ui.dialogs._base import ProblemLabel
from complaints_desktop.ui.saving import save_on_queue

if TYPE_CHECKING:
    from complaints_desktop.services.env import Env

COLUMNS = ("Windows account", "Name shown", "Role", "Active")


def role_combo() -> QComboBox:
    """A choice of role, each with what it allows as a tooltip."""
    box = QComboBox()
    for role in ROLES:
        box.addItem(role, role)
        box.setItemData(box.count() - 1, ROLE_SUMMARIES[role], Qt.ItemDataRole.ToolTipRole)
    box.setCurrentText("officer")
    return box


class UsersPage(QWidget):
    """The list of users; administrators add, rename, change roles, deactivate."""

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.me = access.current(env)
        self.admin = self.me.role == "administrator"
        layout = QVBoxLayout(self)

        self.boundary = QLabel(access.boundary(env))
        self.boundary.setWordWrap(True)
        self.boundary.setAccessibleName("Who can read this database")
        self.boundary.setStyleSheet(
            "QLabel { background: #fff8e1; border: 1px solid #e0c36c; padding: 6px; }"
        )
        layout.addWidget(self.boundary)

        who = self.me.signed_in() + "."
        if self.me.first or (self.admin and len(access.list_users(env)) == 1):
            who += " You were the first to open this database, so you are its administrator."
        if not self.admin:
            who += " Only an administrator can add users or change roles; this list is read-only."
        self.intro = QLabel(
            who + " People are known by their Windows account. An account not listed here "
            "can read but not change anything."
        )
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)

        self.problems = ProblemLabel(self)
        layout.addWidget(self.problems)
        self.result = QLabel()
        self.result.setAccessibleName("What happened")
        self.result.setWordWrap(True)
        self.result.hide()
        layout.addWidget(self.result)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Users")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)
        layout.addWidget(self.table, 1)

        change = QHBoxLayout()
        change.addWidget(QLabel("Selected user:"))
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Name shown for the selected user")
        self.name_edit.setPlaceholderText("Name shown")
        change.addWidget(self.name_edit, 1)
        self.rename_button = QPushButton("&Rename")
        self.rename_button.clicked.connect(self.rename)
        change.addWidget(self.rename_button)
        self.role_edit = role_combo()
        self.role_edit.setAccessibleName("Role of the selected user")
        change.addWidget(self.role_edit)
        self.role_button = QPushButton("Change &role")
        self.role_button.clicked.connect(self.change_role)
        change.addWidget(self.role_button)
        self.active_button = QPushButton("&Deactivate")
        self.active_button.clicked.connect(self.toggle_active)
        change.addWidget(self.active_button)
        layout.addLayout(change)

        add = QHBoxLayout()
        add.addWidget(QLabel("Add a user:"))
        self.account = QLineEdit()
        self.account.setPlaceholderText("Windows account, e.g. jsmith")
        self.account.setAccessibleName("New user's Windows account")
        add.addWidget(self.account, 1)
        self.display_name = QLineEdit()
        self.display_name.setPlaceholderText("Name shown, e.g. Jo Smith")
        self.display_name.setAccessibleName("New user's name shown")
        add.addWidget(self.display_name, 1)
        self.role = role_combo()
        self.role.setAccessibleName("New user's role")
        add.addWidget(self.role)
        self.add_button = QPushButton("&Add user")
        self.add_button.clicked.connect(self.add)
        self.account.returnPressed.connect(self.add)
        self.display_name.returnPressed.connect(self.add)
        add.addWidget(self.add_button)
        layout.addLayout(add)

        self.roles_help = QLabel(
            "\n".join(f"{role.capitalize()}: {ROLE_SUMMARIES[role]}." for role in ROLES)
        )
        self.roles_help.setWordWrap(True)
        layout.addWidget(self.roles_help)

        self.editors: list[QWidget] = [
            self.account,
            self.display_name,
            self.role,
            self.add_button,
            self.name_edit,
            self.rename_button,
            self.role_edit,
            self.role_button,
            self.active_button,
        ]
        for widget in self.editors:
            widget.setEnabled(self.admin)
            if not self.admin:
                widget.setToolTip(f"Your role ({self.me.role}) may not manage users.")
        self.users: list[UserInfo] = []
        self.reload()

    def reload(self) -> None:
        """Show the users again."""
        self.users = access.list_users(self.env)
        self.table.setRowCount(len(self.users))
        for row, user in enumerate(self.users):
            values = (user.account, user.display_name, user.role, "yes" if user.active else "no")
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self._selected()

    def selected(self) -> UserInfo | None:
        """The user whose row is selected."""
        rows = self.table.selectionModel().selectedRows()
        return self.users[rows[0].row()] if rows else None

    def _selected(self) -> None:
        user = self.selected()
        for widget in (self.rename_button, self.role_button, self.active_button):
            widget.setEnabled(self.admin and user is not None)
        if user is not None:
            self.name_edit.setText(user.display_name)
            self.role_edit.setCurrentText(user.role)
            self.active_button.setText("&Deactivate" if user.active else "Re&activate")

    def _do(self, work: Any, done: str, button: QPushButton) -> bool:
        """Run ``work`` (reading no widget) on the window's write queue, the page greyed
        meanwhile; show a problem, or ``done``."""
        try:
            save_on_queue(self, work, button=button)
        except ValidationFailed as err:
            self.result.hide()
            self.problems.show_problems(err.problems)
            return False
        except KnownError as err:
            self.result.hide()
            self.problems.show_problems([str(err)])
            return False
        self.problems.show_problems([])
        self.reload()
        self.result.setText(f"✓ {done}")
        self.result.show()
        return True

    def add(self) -> None:
        """Add the account typed below the list."""
        account = self.account.text().strip()
        role, shown, env = self.role.currentText(), self.display_name.text(), self.env
        if self._do(
            lambda: access.add_user(env, account, shown, role),
            f"{account} added as {role}.",
            self.add_button,
        ):
            self.account.clear()
            self.display_name.clear()

    def rename(self) -> None:
        """Change the selected user's name shown."""
        user, env = self.selected(), self.env
        if user is not None:
            name = self.name_edit.text()
            self._do(
                lambda: access.set_display_name(env, user.account, name),
                f"{user.account} is now shown as {' '.join(name.split()) or user.account}.",
                self.rename_button,
            )

    def change_role(self) -> None:
        """Give the selected user the role chosen."""
        user, env = self.selected(), self.env
        if user is not None:
            role = self.role_edit.currentText()
            self._do(
                lambda: access.set_role(env, user.account, role),
                f"{user.shown} is now {role}.",
                self.role_button,
            )

    def toggle_active(self) -> None:
        """Deactivate (or reactivate) the selected user; nobody is ever deleted."""
        user, env = self.selected(), self.env
        if user is not None:
            self._do(
                lambda: access.set_active(env, user.account, not user.active),
                f"{user.shown} was {'deactivated' if user.active else 'reactivated'}; "
                "their name stays in the audit trail.",
                self.active_button,
            )
