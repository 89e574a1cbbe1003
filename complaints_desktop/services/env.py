"""Services: the environment every use case runs in (engine, user, today, settings)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine

from complaints_desktop.domain.calendar import DEFAULT_REGION, WorkingCalendar
from complaints_desktop.domain.procedures import Settings
from complaints_desktop.storage import settings_store
from complaints_desktop.storage.engine import unit_of_work

_CALENDARS: dict[tuple[str, frozenset[date]], WorkingCalendar] = {}


def calendar_for(region: str, closures: frozenset[date]) -> WorkingCalendar:
    """A cached calendar (building one indexes 60 years of days)."""
    key = (region, closures)
    if key not in _CALENDARS:
        _CALENDARS[key] = WorkingCalendar.for_region(region, closures)
    return _CALENDARS[key]


@dataclass
class Env:
    """What a use case needs: the engine, who is acting, and what day it is.

    ``today`` is a function so tests can fix the date. ``user`` is the database login on
    PostgreSQL and the operating-system account on a SQLite file
    (``services.database.identity``), never a value from the environment.
    """

    engine: Engine
    user: str = "unknown"
    today: Callable[[], date] = field(default=date.today)
    ceiling: str | None = None
    """The most the database server lets this login do (``storage.server.server_role``);
    the application never offers more. None on a SQLite file."""

    def uow(self, *, write: bool = False, wait: float | None = None) -> Any:
        """A unit of work (one transaction) on this database; ``write`` for one that
        writes (on SQLite it takes the write lock at once: see ``unit_of_work``)."""
        return unit_of_work(self.engine, write=write, wait=wait)

    def settings(self) -> Settings:
        """The procedure settings in force."""
        with self.uow() as session:
            data = settings_store.get(session, "procedures", {})
        return Settings.from_dict(data)

    def calendar(self) -> WorkingCalendar:
        """The council's working-day calendar (region + closure days)."""
        with self.uow() as session:
            region = settings_store.get(session, "region", DEFAULT_REGION)
            closures = frozenset(d for d, _ in settings_store.closure_days(session))
        return calendar_for(region, closures)
