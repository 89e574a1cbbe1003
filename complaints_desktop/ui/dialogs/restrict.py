"""UI: "Restrict access…" — tick who may see a complaint (managers and administrators)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.domain.errors import KnownError
from complaints_desktop.services import access
from complaints_desktop.ui import screen_fit
from complaints_desktop.ui.dialogs._base import ProblemLabel
from complaints_desktop.ui.saving import is_saving, save_on_queue

if TYPE_CHECKING:
    from complaints_desktop.services.env import Env


class RestrictDialog(QDialog):
    """A tick box to restrict the case, and the users who may then see it."""

    def __init__(self, env: Env, reference: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.reference = reference
        self.setWindowTitle(f"Restrict access to {reference}")
        screen_fit.keep_on_screen(self)
        restricted, named = access.access_list(env, reference)
        chosen = {a.casefold() for a in named}
        layout = QVBoxLayout(self)
        intro = QLabel(
            "A restricted complaint (for example one about a colleague's own family) is left "
            "out of searches, the work queue and exports for everyone not ticked below, and "
            "each time it is opened the audit trail records who looked. Statistics still "
            "count it (they hold no personal details). You stay on the list."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.restricted = QCheckBox("&Restrict this complaint to the people ticked")
        self.restricted.setChecked(restricted)
        layout.addWidget(self.restricted)
        self.people = QListWidget()
        self.people.setAccessibleName("People who may see the complaint")
        for user in access.list_users(env):
            if not user.active:
                continue
            who = (
                f"{user.display_name} ({user.account}, "
                if user.display_name
                else f"{user.account} ("
            )
            item = QListWidgetItem(f"{who}{user.role})")
            item.setData(Qt.ItemDataRole.UserRole, user.account)
            me = user.account.casefold() == env.user.casefold()
            ticked = me or user.account.casefold() in chosen
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            if me:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
                item.setToolTip("You restrict it, so you can always see it.")
            self.people.addItem(item)
        layout.addWidget(self.people, 1)
        self.restricted.toggled.connect(self.people.setEnabled)
        self.people.setEnabled(restricted)
        self.problems = ProblemLabel(self)
        layout.addWidget(self.problems)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.named: list[str] | None = None

    def ticked(self) -> list[str]:
        """The accounts ticked."""
        out = []
        for row in range(self.people.count()):
            item = self.people.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def accept(self) -> None:
        """Save the restriction (on the window's write queue; the window answers); stay
        open with the reason when refused."""
        if is_saving(self):
            return
        job = functools.partial(
            access.set_restricted,
            self.env,
            self.reference,
            self.restricted.isChecked(),
            self.ticked(),
        )
        try:
            self.named = save_on_queue(self, job, button=self.save_button, parts=[self])
        except KnownError as err:
            self.problems.show_problems([str(err)])
            return
        super().accept()

    def reject(self) -> None:
        """Cancel or Esc; nothing while the save runs (it would be saved anyway)."""
        if not is_saving(self):
            super().reject()


def ask(parent: QWidget | None, env: Env, reference: str) -> list[str] | None:
    """Show the dialog; the accounts named (empty when opened up), or None if cancelled."""
    dialog = RestrictDialog(env, reference, parent)
    return dialog.named if dialog.exec() == QDialog.DialogCode.Accepted else None
