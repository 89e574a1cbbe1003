"""UI: the main window's panes — the one registry that the navigation, the View menu's
Ctrl+digit shortcuts, Help's list of keys and the tests all read.

A pane is a screen in the navigation list: its name, its shortcut and the function that
builds its widget the first time it is shown (importing the view's module only then, so
the window opens without them). A new screen is one ``Pane`` in ``PANES`` and, as the
window and its tests name panes by index, one name in the tuple of indexes below it.

Qt-free when imported: the main window reads it before its first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from complaints_desktop.services.env import Env


@dataclass(frozen=True)
class Pane:
    """One screen of the navigation list."""

    name: str
    shortcut: str
    """Its key, as ``QKeySequence`` text: Ctrl+1 … Ctrl+9, then Ctrl+0, in list order."""
    build: Callable[[Env, QWidget], QWidget] | None
    """Makes the pane's widget (``env``, the window as its parent), importing its module;
    None for the work queue, which the window makes itself before the database opens."""

    @property
    def key(self) -> str:
        """The shortcut's last key ("1"): the Alt letter of the pane's View-menu entry."""
        return self.shortcut.rpartition("+")[2]


def _complaints(env: Env, parent: QWidget) -> QWidget:
    from complaints_desktop.ui.views.complaint_list import ComplaintListView

    return ComplaintListView(env, parent)


def _contacts(env: Env, parent: QWidget) -> QWidget:
    from complaints_desktop.ui.views.contacts import ContactsView

    return ContactsView(env, parent)


def _ombudsman(env: Env, parent: QWidget) -> QWidget:
    from complaints_desktop.ui.views.ombudsman import OmbudsmanView

    return OmbudsmanView(env, parent)


def _actions(env: Env, parent: QWidget) -> QWidget:
    from complaints_desktop.ui.views.actions import ActionsView

    return ActionsView(env, parent)


def _reports(env: Env, parent: QWidget) -> QWidget:
    from complaints_desktop.ui.views.reports import ReportsView

    return ReportsView(env, parent)


def _settings(env: Env, parent: QWidget) -> QWidget:
    from complaints_desktop.ui.views.settings import SettingsView

    return SettingsView(env, parent)


def _audit(env: Env, parent: QWidget) -> QWidget:
    from complaints_desktop.ui.views.audit import AuditView

    return AuditView(env, parent)


def _retention(env: Env, parent: QWidget) -> QWidget:
    from complaints_desktop.ui.views.retention import RetentionView

    return RetentionView(env, parent)


def _subject_access(env: Env, parent: QWidget) -> QWidget:
    from complaints_desktop.ui.views.subject_access import SubjectAccessView

    return SubjectAccessView(env, parent)


PANES: tuple[Pane, ...] = (
    Pane("Work queue", "Ctrl+1", None),
    Pane("Complaints", "Ctrl+2", _complaints),
    Pane("Contacts", "Ctrl+3", _contacts),
    Pane("Ombudsman", "Ctrl+4", _ombudsman),
    Pane("Learning actions", "Ctrl+5", _actions),
    Pane("Reports", "Ctrl+6", _reports),
    Pane("Settings", "Ctrl+7", _settings),
    Pane("Audit trail", "Ctrl+8", _audit),
    Pane("Retention review", "Ctrl+9", _retention),
    Pane("Subject access", "Ctrl+0", _subject_access),
)
"""The panes in navigation order (which is also the order of the window's page stack)."""

(
    QUEUE,
    COMPLAINTS,
    CONTACTS,
    OMBUDSMAN,
    ACTIONS,
    REPORTS,
    SETTINGS,
    AUDIT,
    RETENTION,
    SUBJECT_ACCESS,
) = range(len(PANES))
"""Each pane's index in ``PANES`` (one name per pane: a pane added without one fails here)."""
