"""Services: a start reads the region's bank holidays from the database, not the package."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from complaints_desktop.domain import calendar
from complaints_desktop.services import env as env_module
from complaints_desktop.services.database import BANK_HOLIDAYS, open_database
from complaints_desktop.storage import settings_store

TODAY = date(2026, 11, 20)
MADE_UP = date(2026, 11, 18)  # a Wednesday no real calendar has as a bank holiday


@pytest.fixture
def fresh_process_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a new process: no bank holidays looked up, no calendar built."""
    monkeypatch.setattr(calendar, "_KNOWN", {})
    monkeypatch.setattr(env_module, "_CALENDARS", {})


def _keep(db: Path, version: str) -> None:
    env = open_database(str(db), today=lambda: TODAY)
    with env.uow() as session:
        kept = settings_store.get(session, BANK_HOLIDAYS)
        kept["holidays"] = version
        kept["years"]["2026"][MADE_UP.isoformat()] = "Made-up day"
        settings_store.put(session, BANK_HOLIDAYS, kept)
    env.engine.dispose()


def test_the_first_start_keeps_the_bank_holidays_of_the_years_around_today(
    tmp_path: Path,
) -> None:
    env = open_database(str(tmp_path / "c.sqlite3"), today=lambda: TODAY)
    with env.uow() as session:
        kept = settings_store.get(session, BANK_HOLIDAYS)
    env.engine.dispose()
    assert kept["holidays"] == calendar.holidays_version() != ""
    assert kept["region"] == "england-and-wales"
    assert sorted(kept["years"]) == [str(y) for y in range(2025, 2032)]
    assert kept["years"]["2026"]["2026-12-25"] == "Christmas Day"


@pytest.mark.slow
def test_a_later_start_uses_them_without_importing_the_package(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite3"
    open_database(str(db), today=lambda: TODAY).engine.dispose()
    code = (
        "import sys\nfrom datetime import date\n"
        "from complaints_desktop.services.database import open_database\n"
        f"env = open_database({str(db)!r}, today=lambda: date(2026, 11, 20))\n"
        "cal = env.calendar()\n"
        "print(cal.is_working_day(date(2026, 12, 25)), cal.is_working_day(date(2026, 12, 24)),"
        " 'holidays' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "True", "False"]


def test_kept_bank_holidays_are_used_while_the_package_is_the_same(
    tmp_path: Path, fresh_process_memory: None
) -> None:
    db = tmp_path / "c.sqlite3"
    _keep(db, calendar.holidays_version())
    calendar._KNOWN.clear()
    env_module._CALENDARS.clear()
    env = open_database(str(db), today=lambda: TODAY)
    assert env.calendar().holiday_name(MADE_UP) == "Made-up day"
    env.engine.dispose()


def test_an_updated_package_replaces_what_was_kept(
    tmp_path: Path, fresh_process_memory: None
) -> None:
    db = tmp_path / "c.sqlite3"
    _keep(db, "0.1-older")
    calendar._KNOWN.clear()
    env_module._CALENDARS.clear()
    env = open_database(str(db), today=lambda: TODAY)
    assert env.calendar().is_working_day(MADE_UP)
    with env.uow() as session:
        kept = settings_store.get(session, BANK_HOLIDAYS)
    env.engine.dispose()
    assert kept["holidays"] == calendar.holidays_version()
    assert MADE_UP.isoformat() not in kept["years"]["2026"]


def test_a_start_that_cannot_keep_them_still_opens(
    tmp_path: Path, fresh_process_memory: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import exc

    put = settings_store.put

    def refuse(session: object, key: str, value: object) -> None:
        if key == BANK_HOLIDAYS:
            raise exc.OperationalError("INSERT", {}, Exception("another start kept them"))
        put(session, key, value)  # type: ignore[arg-type]

    monkeypatch.setattr(settings_store, "put", refuse)
    env = open_database(str(tmp_path / "c.sqlite3"), today=lambda: TODAY)
    assert not env.calendar().is_working_day(date(2026, 12, 25))
    env.engine.dispose()
