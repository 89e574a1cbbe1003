"""Services: a case's audit history (who changed what, when) for the case view."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from complaints_desktop.services.env import Env
from complaints_desktop.storage import audit


@dataclass(frozen=True)
class HistoryEntry:
    """One audit entry of a case, as plain data (no database row)."""

    at: datetime
    user: str
    action: str
    changes: dict[str, Any] = field(default_factory=dict)

    def summary(self, limit: int = 6) -> str:
        """The changes in words: ``stages.0.response: None → 2026-05-04; …``."""
        parts: list[str] = []
        for key, value in self.changes.items():
            if isinstance(value, list) and len(value) == 2:
                old, new = value
                parts.append(f"{key}: {_show(old)} → {_show(new)}")
            else:
                parts.append(f"{key}: {_show(value)}")
        if len(parts) > limit:
            parts = [*parts[:limit], f"and {len(parts) - limit} more"]
        return "; ".join(parts)


def _show(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "(blank)"
    return str(value)


def case_history(env: Env, reference: str) -> list[HistoryEntry]:
    """Audit entries of the case ``reference``, oldest first."""
    with env.uow() as session:
        rows = audit.entries_for(session, reference)
        out: list[HistoryEntry] = []
        for row in rows:
            try:
                changes = json.loads(row.changes or "{}")
            except ValueError:
                changes = {}
            out.append(
                HistoryEntry(
                    at=row.at,
                    user=row.user,
                    action=row.action,
                    changes=changes if isinstance(changes, dict) else {},
                )
            )
    return out
