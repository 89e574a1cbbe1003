"""UI: the names of the window's panes, in navigation order (Qt-free, imported by
the main window and its tests)."""

from __future__ import annotations

PANES: tuple[str, ...] = (
    "Work queue",
    "Complaints",
    "Contacts",
    "Ombudsman",
    "Learning actions",
    "Reports",
    "Settings",
    "Audit trail",
    "Retention review",
    "Subject access",
)

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
"""Each pane's index in ``PANES`` (and in the window's page stack)."""
