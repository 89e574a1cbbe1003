"""UI: Settings > Database — the database in use, and a PostgreSQL server for next start.

The server's address is kept in QSettings without its password; a remembered password is
kept in the system's password store (Windows Credential Manager), never in plain text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.services import access, connection
from complaints_desktop.ui.dialogs._base import ProblemLabel
from complaints_desktop.ui.workers import run_in_background

if TYPE_CHECKING:
    from complaints_desktop.services.env import Env

KEY = "database/url"

GRANTS_HELP = (
    "On a server, IT decides who may read and change what: they run "
    "packaging/postgres_roles.sql once on the database (it creates the group roles "
    "cd_viewer, cd_officer, cd_manager and cd_admin) and give each person a login in one "
    "group, e.g. CREATE ROLE jsmith LOGIN PASSWORD '…' IN ROLE cd_officer. The server then "
    "refuses what the group may not do, whatever program is used; add the same people in "
    "Settings > Users so the application offers them the right actions."
)


def stored_server(settings: QSettings) -> tuple[str, str]:
    """(The database chosen for the next start, the server's remembered password or "").

    A password an older version kept in plain text in the settings is moved into the
    password store (dropped when this PC has none) and removed from the settings.
    """
    chosen = str(settings.value(KEY, "") or "")
    clean, password, _moved = connection.secure_stored_url(chosen)
    if clean != chosen:
        settings.setValue(KEY, clean)
        settings.sync()
    return clean, password


class DatabasePage(QWidget):
    """Where the data lives now; administrators choose a PostgreSQL server for next start."""

    def __init__(self, env: Env, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.settings = settings
        self.admin = access.may(env, "settings")
        layout = QVBoxLayout(self)
        self.in_use = QLabel(f"<b>In use now:</b> {connection.describe(env)}")
        self.in_use.setWordWrap(True)
        self.in_use.setAccessibleName("Database in use")
        layout.addWidget(self.in_use)
        self.boundary = QLabel(access.boundary(env))
        self.boundary.setWordWrap(True)
        layout.addWidget(self.boundary)

        chosen, remembered = stored_server(settings)
        self.can_remember = connection.can_remember_passwords()
        self.next_start = QLabel()
        self.next_start.setWordWrap(True)
        layout.addWidget(self.next_start)
        self._say_next(chosen)

        intro = QLabel(
            "To share one database across the team, IT sets up a PostgreSQL server. Enter "
            "its details, test the connection, then use it from the next start. (A database "
            "named on the command line with --db is used instead.)"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.problems = ProblemLabel(self)
        layout.addWidget(self.problems)

        details = connection.parse_server(chosen)
        self.chosen = chosen
        form = QFormLayout()
        self.host = QLineEdit(details.host)
        self.host.setPlaceholderText("e.g. dbserver.council.local")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(details.port)
        self.database = QLineEdit(details.database)
        self.user = QLineEdit(details.user)
        self.user.setPlaceholderText("the login IT gave you")
        self.password = QLineEdit(remembered)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox("&Remember password on this PC (otherwise asked at each start)")
        self.remember.setChecked(bool(remembered) and self.can_remember)
        self.no_store = QLabel(connection.NO_PASSWORD_STORE)
        self.no_store.setWordWrap(True)
        self.no_store.setAccessibleName("Password cannot be remembered")
        self.no_store.setVisible(not self.can_remember)
        for text, widget in (
            ("&Server", self.host),
            ("P&ort", self.port),
            ("Data&base", self.database),
            ("&Login", self.user),
            ("Pass&word", self.password),
        ):
            widget.setAccessibleName(text.replace("&", ""))
            form.addRow(text, widget)
        form.addRow("", self.remember)
        layout.addLayout(form)
        layout.addWidget(self.no_store)

        buttons = QHBoxLayout()
        self.test_button = QPushButton("&Test connection")
        self.test_button.clicked.connect(self.test)
        buttons.addWidget(self.test_button)
        self.use_button = QPushButton("&Use this database from next start")
        self.use_button.clicked.connect(self.use)
        buttons.addWidget(self.use_button)
        self.local_button = QPushButton("Use the &file on this PC from next start")
        self.local_button.clicked.connect(self.use_local)
        buttons.addWidget(self.local_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setAccessibleName("Connection test result")
        layout.addWidget(self.result)
        grants = QLabel(GRANTS_HELP)
        grants.setWordWrap(True)
        layout.addWidget(grants)
        layout.addStretch(1)

        editors: list[QWidget] = [
            self.host,
            self.port,
            self.database,
            self.user,
            self.password,
            self.remember,
            self.test_button,
            self.use_button,
            self.local_button,
        ]
        for control in editors:
            control.setEnabled(self.admin and (control is not self.remember or self.can_remember))
            if not self.admin:
                control.setToolTip("Only an administrator can choose the database.")
        self.task: Any = None

    def _say_next(self, chosen: str) -> None:
        if chosen:
            kept = chosen.startswith("postgres") and connection.remembered_password(chosen)
            self.next_start.setText(
                f"<b>From the next start:</b> {connection.without_password(chosen)}"
                + (" (password remembered on this PC)" if kept else "")
            )
        else:
            self.next_start.setText("<b>From the next start:</b> the database file on this PC.")

    def details(self) -> connection.ServerDetails | None:
        """What was entered, or None after showing what is missing."""
        entered = connection.ServerDetails(
            host=self.host.text().strip(),
            port=self.port.value(),
            database=self.database.text().strip(),
            user=self.user.text().strip(),
            password=self.password.text(),
        )
        problems = entered.problems()
        self.problems.show_problems(problems)
        return None if problems else entered

    def test(self) -> None:
        """Try to connect, off the UI thread; say what happened."""
        entered = self.details()
        if entered is None:
            return
        url = entered.url()
        self.test_button.setEnabled(False)
        self.result.setText("Connecting…")

        def done(message: object) -> None:
            self.test_button.setEnabled(True)
            self.result.setText(str(message))

        def failed(error: BaseException) -> None:
            self.test_button.setEnabled(True)
            self.result.setText(f"Could not connect: {error}")

        self.task = run_in_background(
            lambda _t: connection.try_connection(url), done, failed, parent=self
        )

    def use(self) -> None:
        """Store the server for the next start (the password only when asked to)."""
        entered = self.details()
        if entered is None:
            return
        url = entered.url(with_password=False)
        if self.chosen.startswith("postgres") and self.chosen != url:
            connection.forget_password(self.chosen)
        kept = self.remember.isChecked() and connection.remember_password(url, entered.password)
        if not kept:
            connection.forget_password(url)
        self.settings.setValue(KEY, url)
        self.settings.sync()
        self.chosen = url
        self._say_next(url)
        if kept:
            asked = " The password is kept in this PC's password store."
        elif self.remember.isChecked() and entered.password:
            asked = f" {connection.NO_PASSWORD_STORE}"
        else:
            asked = " You will be asked for the password."
        self.result.setText(f"Saved. Restart the application to use the server.{asked}")

    def use_local(self) -> None:
        """Go back to the database file on this PC from the next start."""
        if self.chosen.startswith("postgres"):
            connection.forget_password(self.chosen)
        self.chosen = ""
        self.settings.remove(KEY)
        self.settings.sync()
        self._say_next("")
        self.result.setText("Saved. The next start opens the database file on this PC.")
