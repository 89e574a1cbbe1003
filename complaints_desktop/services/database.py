"""Services: open a database — build the engine, migrate (backing up first), seed defaults."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Engine, exc

from complaints_desktop.config import current_user, database_url
from complaints_desktop.domain.access import allowed
from complaints_desktop.domain.calendar import (
    DEFAULT_REGION,
    bank_holidays,
    holidays_version,
    index_years,
    known_bank_holidays,
    remember_bank_holidays,
)
from complaints_desktop.domain.errors import KnownError, error_summary
from complaints_desktop.domain.vocab import (
    DEFAULT_ADVOCACY_PROVIDERS,
    DEFAULT_COMPLIMENT_THEMES,
    DEFAULT_REMEDIES,
    DEFAULT_TYPES,
)
from complaints_desktop.services import access
from complaints_desktop.services.env import Env
from complaints_desktop.services.many_cases import close_lapsed
from complaints_desktop.storage import audit_anchor, settings_store, vocabularies
from complaints_desktop.storage.engine import (
    make_engine,
    serialise,
    sqlite_path,
    unit_of_work,
)
from complaints_desktop.storage.failures import Failure, classify
from complaints_desktop.storage.migrate import NotOurs, current_revision, migrate
from complaints_desktop.storage.server import login_name, server_role

log = logging.getLogger(__name__)


def seed_defaults(engine: Engine) -> None:
    """Fill the editable vocabularies with their defaults the first time."""
    with unit_of_work(engine, write=True) as session:
        serialise(session, "seed")  # eight first starts at once: one seeds
        if settings_store.get(session, "seeded"):
            return
        vocabularies.ensure(session, "type", DEFAULT_TYPES)
        vocabularies.ensure(session, "remedy", DEFAULT_REMEDIES)
        vocabularies.ensure(session, "advocacy_provider", DEFAULT_ADVOCACY_PROVIDERS)
        vocabularies.ensure(session, "compliment_theme", DEFAULT_COMPLIMENT_THEMES)
        settings_store.put(session, "seeded", True)


def open_database(
    db: str | None = None,
    *,
    user: str | None = None,
    today: Callable[[], date] = date.today,
    backup: Callable[[Engine], object] | None = None,
) -> Env:
    """Open (creating if needed) the database ``db`` and return the use-case environment.

    Args:
        db: a SQLite path, a postgresql:// URL, or None for the default local database.
        user: who is acting (default: ``identity``; tests name the user).
        today: the clock (tests fix it).
        backup: called with the engine before a migration of a database holding data.
    """
    url = database_url(db)
    refuse_foreign(url)
    engine = make_engine(url)
    try:
        new = current_revision(engine) is None
        migrate(engine, (lambda: backup(engine)) if backup else None)
        path = sqlite_path(url)
        if new and path is not None:
            audit_anchor.keep(path, None, "")  # a new file: no mark left from an old one
        seed_defaults(engine)
    except exc.DatabaseError as error:
        engine.dispose()
        raise KnownError(_explain(url, error)) from error
    env = Env(engine=engine, user=user or identity(engine), today=today)
    env.ceiling = server_role(engine)
    signed_in = access.current(env)  # the first account on a new database: administrator
    writes = not access.storage_enforces_roles(env) or allowed(signed_in.role, "edit")
    keep_bank_holidays(env, save=writes)
    if writes:
        close_lapsed(env)  # a server login without write grants leaves this to others
    return env


def refuse_foreign(url: str) -> None:
    """Refuse, before anything touches it, a SQLite file that holds another program's tables.

    Read through SQLite, read-only: opening it with the engine would already switch the
    file to WAL, and migrating would add this application's tables to it.
    """
    path = sqlite_path(url)
    if path is None or not path.is_file() or path.stat().st_size == 0:
        return
    try:
        with contextlib.closing(
            sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        ) as conn:
            names = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
    except sqlite3.Error:
        return  # not readable as a database: explained when it is opened
    if names and "alembic_version" not in names:
        raise NotOurs(
            f"{engine_location(url)} holds another program's tables, not complaints_desktop's. "
            "Nothing was changed; choose a complaints database or a new file."
        )


def identity(engine: Engine) -> str:
    """Who is acting: the server login on PostgreSQL (the server knows who connected),
    else the operating-system account (``config.current_user``: asked of the system,
    not of ``USER``/``USERNAME``)."""
    try:
        return login_name(engine) or current_user()
    except exc.DBAPIError:  # an unreachable server: the caller reports it
        return current_user()


BANK_HOLIDAYS = "bank_holidays_cache"
"""Setting: the region's bank holidays around today, as the ``holidays`` package gave them."""


def keep_bank_holidays(env: Env, *, save: bool = True) -> None:
    """Bank holidays for the years a start needs, from the database when kept there.

    They are kept (setting ``bank_holidays_cache``) with the region and the installed
    ``holidays`` version they came from, and used only while both are unchanged; else
    they are looked up again (importing the package, ~0.1 s) and kept anew when ``save``.
    Without the package's version (a build without its metadata) nothing is kept.
    """
    version = holidays_version()
    if not version:
        return
    years = index_years(env.today())
    with env.uow() as session:
        region = str(settings_store.get(session, "region", DEFAULT_REGION))
        kept: Any = settings_store.get(session, BANK_HOLIDAYS)
    if isinstance(kept, dict) and (kept.get("holidays"), kept.get("region")) == (version, region):
        readable = _read_years(kept.get("years", {}))
        if all(year in readable for year in years):
            remember_bank_holidays(region, readable)
            return
    bank_holidays(region, years[0], years[-1])  # looked up (imports the package if needed)
    if save:
        years_kept = {
            str(year): {day.isoformat(): name for day, name in days.items()}
            for year, days in known_bank_holidays(region, years).items()
        }
        try:
            with env.uow(write=True) as session:
                settings_store.put(
                    session,
                    BANK_HOLIDAYS,
                    {"holidays": version, "region": region, "years": years_kept},
                )
        except exc.DBAPIError:  # e.g. another start kept them at the same moment
            log.info("bank holidays not kept", exc_info=True)


def _read_years(years: Any) -> dict[int, dict[date, str]]:
    """Kept years back as dates (an entry that does not read is left out)."""
    out: dict[int, dict[date, str]] = {}
    if not isinstance(years, dict):
        return out
    for year, days in years.items():
        try:
            out[int(year)] = {date.fromisoformat(d): str(n) for d, n in days.items()}
        except (TypeError, ValueError, AttributeError):
            continue
    return out


def _explain(url: str, error: exc.DatabaseError) -> str:
    """Plain words for a database that cannot be opened."""
    where = engine_location(url)
    detail = error_summary(error)
    failure = classify(error)
    if failure is Failure.DAMAGED:
        return (
            f"{where} is not a complaints database, or it is damaged. Nothing was changed. "
            "Choose another file, or restore a backup (complaints-desktop restore FILE)."
        )
    if failure is Failure.LOCKED:
        return (
            f"{where} is locked by another program. Nothing was changed; close the other "
            "program or try again in a moment."
        )
    if failure is Failure.READ_ONLY:
        return f"{where} is read-only: the application cannot save to it. Choose another file."
    if failure is Failure.CANNOT_OPEN:
        return f"{where} cannot be opened (the folder may not exist or you may lack permission)."
    return f"{where} cannot be used: {detail}"


def engine_location(url: str) -> str:
    """The database named for a person: the file path, or the server without password."""
    if url.startswith("sqlite:///"):
        return f"The database file {url[len('sqlite:///') :]}"
    return "The database server"
