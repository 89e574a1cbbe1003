"""Services: a case's audit history (who changed what, when) for the case view."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
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
        """The changes in words: ``Stage 1 response: (blank) → 04/05/2026; …``."""
        parts: list[str] = []
        for key, value in self.changes.items():
            if key.rsplit(".", 1)[-1] in _HIDDEN:
                continue
            if isinstance(value, list) and len(value) == 2:
                old, new = _show(value[0], key), _show(value[1], key)
                if old != new and not (old == "(blank)" and value[1] in (False, 0)):
                    parts.append(f"{_field(key)}: {old} → {new}")
            else:
                parts.append(f"{_field(key)}: {_show(value, key)}")
        if len(parts) > limit:
            parts = [*parts[:limit], f"and {len(parts) - limit} more"]
        return "; ".join(parts)


_HIDDEN = {"number", "stage", "id"}
_MONEY = ("fee", "cost", "payment", "amount")
_WORDS = {"io fee": "investigating officer's fee", "ip fee": "independent person's fee"}

_LISTS = {
    "stages": "Stage",
    "elements": "Element",
    "suspensions": "clock stop",
    "findings": "finding",
    "recommendations": "remedy",
    "actions": "Learning action",
}


def _field(path: str) -> str:
    """``stages.1.io_fee`` -> ``Stage 2 io fee`` (list positions counted from 1)."""
    words: list[str] = []
    parts = path.split(".")
    for index, part in enumerate(parts):
        if part.isdigit():
            continue
        name = _LISTS.get(part, part.replace("_", " "))
        name = _WORDS.get(name, name)
        following = parts[index + 1] if index + 1 < len(parts) else ""
        if following.isdigit() and part in _LISTS:
            name = f"{name} {int(following) + 1}"
        words.append(name)
    return " ".join(words)


def _show(value: Any, key: str = "") -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "(blank)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int) and key.endswith(_MONEY):
        sign = "-" if value < 0 else ""
        return f"{sign}£{abs(value) // 100:,}.{abs(value) % 100:02d}"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
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
