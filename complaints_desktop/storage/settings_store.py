"""Storage: settings kept as JSON in the ``setting`` table, and council closure days."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from complaints_desktop.storage.tables import ClosureDay, Setting


def get(session: Session, key: str, default: Any = None) -> Any:
    """The JSON value stored under ``key``, or ``default``."""
    row = session.get(Setting, key)
    return json.loads(row.value) if row is not None else default


def put(session: Session, key: str, value: Any) -> None:
    """Store ``value`` (JSON-serialisable) under ``key``."""
    row = session.get(Setting, key) or Setting(key=key)
    row.value = json.dumps(value, sort_keys=True, default=str)
    session.add(row)


def closure_days(session: Session) -> list[tuple[date, str]]:
    """Council closure days, in date order."""
    rows = session.exec(select(ClosureDay).order_by(col(ClosureDay.day))).all()
    return [(r.day, r.note) for r in rows]


def set_closure_days(session: Session, days: list[tuple[date, str]]) -> None:
    """Replace the closure days."""
    for row in session.exec(select(ClosureDay)).all():
        session.delete(row)
    session.flush()
    for day, note in sorted(set(days)):
        session.add(ClosureDay(day=day, note=note))
