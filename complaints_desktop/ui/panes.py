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
