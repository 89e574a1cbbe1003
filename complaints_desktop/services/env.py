"""Services: the environment every use case runs in (engine, user, today, settings)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session

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

    def uow(
        self, *, write: bool = False, wait: float | None = None
    ) -> AbstractContextManager[Session]:
        """A unit of work (one transaction) on this database; ``write`` for one that
        writes (on SQLite it takes the write lock at once: see ``unit_of_work``)."""
        return unit_of_work(self.engine, write=write, wait=wait)

    def settings(self, session: Session | None = None) -> Settings:
        """The procedure settings in force (read in ``session``, the use case's unit of
        work, when given: a use case is one transaction)."""
        if session is None:
            with self.uow() as own:
                return self.settings(own)
        return Settings.from_dict(settings_store.get(session, "procedures", {}))

    def calendar(self, session: Session | None = None) -> WorkingCalendar:
        """The council's working-day calendar (region + closure days), read in
        ``session`` when given."""
        if session is None:
            with self.uow() as own:
                return self.calendar(own)
        region = settings_store.get(session, "region", DEFAULT_REGION)
        closures = frozenset(d for d, _ in settings_store.closure_days(session))
        return calendar_for(region, closures)
