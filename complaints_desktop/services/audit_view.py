"""Services: read the audit trail — search it, show its changes readably, check its chain."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.services import access
from complaints_desktop.services.env import Env
from complaints_desktop.storage import audit

ARROW = "→"


@dataclass(frozen=True)
class AuditRow:
    """One audit entry as the audit screen shows it."""

    id: int
    at: datetime
    user: str
    action: str
    entity: str
    reference: str
    changes: tuple[str, ...]

    @property
    def changes_text(self) -> str:
        """The changes, one "field: old → new" per line."""
        return "\n".join(self.changes)


def _value(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "(blank)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} {_value(v)}" for k, v in value.items())
    return str(value)


def _field(key: str) -> str:
    """``stages.1.investigating_officer`` -> ``stage 2 investigating officer``."""
    words: list[str] = []
    for part in key.split("."):
        if part.isdigit() and words:
            stem = words.pop()
            words.append(f"{stem[:-1] if stem.endswith('s') else stem} {int(part) + 1}")
        else:
            words.append(part.replace("_", " "))
    return " ".join(words)


def readable_changes(changes: str) -> tuple[str, ...]:
    """The stored JSON changes as lines: ``field: old → new`` or ``field: value``."""
    try:
        data = json.loads(changes)
    except ValueError:
        return (changes,) if changes else ()
    if not isinstance(data, dict):
        return (_value(data),)
    lines = []
    for key, value in data.items():
        if isinstance(value, list) and len(value) == 2 and not key.endswith(("ids", "files")):
            lines.append(f"{_field(key)}: {_value(value[0])} {ARROW} {_value(value[1])}")
        else:
            lines.append(f"{_field(key)}: {_value(value)}")
    return tuple(lines)


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def _midnight(day: date) -> datetime:
    """The start of ``day`` in this computer's time zone, as a UTC time."""
    return datetime.combine(day, time.min).astimezone().astimezone(UTC)


def search(
    env: Env,
    reference: str | None = None,
    user: str | None = None,
    action: str | None = None,
    start: date | None = None,
    end: date | None = None,
    limit: int = 500,
) -> list[AuditRow]:
    """Audit entries matching every filter given, newest first (at most ``limit``).

    Args:
        env: the database.
        reference: part of a case or contact reference.
        user: part of a user name.
        action: a whole action ("edit", "anonymise", …).
        start: first day of the entries wanted (this computer's time zone).
        end: last day, inclusive (this computer's time zone).
        limit: the most entries returned.

    Raises:
        ValidationFailed: when ``end`` is before ``start``.
    """
    access.require(env, "audit view")
    if start is not None and end is not None and end < start:
        raise ValidationFailed(["The last day is before the first day."])
    since = _midnight(start) if start else None
    until = _midnight(end + timedelta(days=1)) if end else None
    with env.uow() as session:
        found = audit.search(
            session,
            reference=(reference or "").strip(),
            user=(user or "").strip(),
            action=(action or "").strip(),
            start=since,
            end=until,
            limit=limit,
        )
        return [
            AuditRow(
                id=int(e.id or 0),
                at=_aware(e.at),
                user=e.user,
                action=e.action,
                entity=e.entity,
                reference=e.reference,
                changes=readable_changes(e.changes),
            )
            for e in found
        ]


def actions(env: Env) -> list[str]:
    """The actions found in the trail, for a filter list."""
    with env.uow() as session:
        return audit.actions(session)


def count(env: Env) -> int:
    """How many entries the trail holds."""
    with env.uow() as session:
        return audit.count(session)


def verify(env: Env) -> list[int]:
    """Ids of the entries whose hash or link to the one before does not match.

    An empty list means the trail is intact: no entry was changed, removed or slipped in.
    """
    with env.uow() as session:
        return audit.verify(session)
