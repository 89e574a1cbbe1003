"""UI: the pages of the main window's panes — built on first show, or a plain placeholder.

Each pane's module is imported only when the pane is first shown, so the window opens
without them.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QWidget

from complaints_desktop.ui.panes import (
    ACTIONS,
    AUDIT,
    COMPLAINTS,
    CONTACTS,
    OMBUDSMAN,
    PANES,
    REPORTS,
    RETENTION,
    SETTINGS,
    SUBJECT_ACCESS,
)

if TYPE_CHECKING:
    from complaints_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def load_widget(module: str, name: str) -> type[Any] | None:
    """A widget class from a module imported now (None when it is not there yet)."""
    try:
        return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]
    except (ImportError, AttributeError):
        log.info("%s.%s is not available", module, name)
        return None


def coming(text: str, parent: QWidget) -> QLabel:
    """A placeholder page saying plainly that a part is not there yet.

    Centred by its markup (a label is centred vertically already), not by
    ``Qt.AlignmentFlag``: the ``Qt`` namespace's Python enums cost ~17 ms to build, and
    the window is painted before anything else needs them.
    """
    from html import escape

    label = QLabel(f'<div align="center">{escape(text)}</div>', parent)
    label.setWordWrap(True)
    return label


def make_pane(window: MainWindow, index: int) -> QWidget:
    """The widget of pane ``index`` (its module imported now), or a placeholder page."""
    env = window.env
    if index == COMPLAINTS:
        from complaints_desktop.ui.views.complaint_list import ComplaintListView

        return ComplaintListView(env, window)
    if index == CONTACTS:
        from complaints_desktop.ui.views.contacts import ContactsView

        return ContactsView(env, window)
    if index == OMBUDSMAN:
        from complaints_desktop.ui.views.ombudsman import OmbudsmanView

        return OmbudsmanView(env, window)
    if index == ACTIONS:
        from complaints_desktop.ui.views.actions import ActionsView

        return ActionsView(env, window)
    module, name = {
        REPORTS: ("complaints_desktop.ui.views.reports", "ReportsView"),
        SETTINGS: ("complaints_desktop.ui.views.settings", "SettingsView"),
        AUDIT: ("complaints_desktop.ui.views.audit", "AuditView"),
        RETENTION: ("complaints_desktop.ui.views.retention", "RetentionView"),
        SUBJECT_ACCESS: ("complaints_desktop.ui.views.subject_access", "SubjectAccessView"),
    }[index]
    cls = load_widget(module, name)
    if cls is None:
        return coming(
            window.tr("{pane} will appear here in the next version.").format(pane=PANES[index]),
            window,
        )
    return cls(env, window)  # type: ignore[no-any-return]
