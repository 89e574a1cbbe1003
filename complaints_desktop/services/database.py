"""Services: open a database — build the engine, migrate (backing up first), seed defaults."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import Engine, exc

from complaints_desktop.config import current_user, database_url
from complaints_desktop.domain.access import allowed
from complaints_desktop.domain.errors import KnownError
from complaints_desktop.domain.vocab import (
    DEFAULT_ADVOCACY_PROVIDERS,
    DEFAULT_REMEDIES,
    DEFAULT_TYPES,
)
from complaints_desktop.services import access
from complaints_desktop.services.cases import close_lapsed
from complaints_desktop.services.env import Env
from complaints_desktop.storage import settings_store, vocabularies
from complaints_desktop.storage.engine import make_engine, unit_of_work
from complaints_desktop.storage.migrate import migrate


def seed_defaults(engine: Engine) -> None:
    """Fill the editable vocabularies with their defaults the first time."""
    with unit_of_work(engine) as session:
        if settings_store.get(session, "seeded"):
            return
        vocabularies.ensure(session, "type", DEFAULT_TYPES)
        vocabularies.ensure(session, "remedy", DEFAULT_REMEDIES)
        vocabularies.ensure(session, "advocacy_provider", DEFAULT_ADVOCACY_PROVIDERS)
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
        user: who is acting (default: the operating-system account).
        today: the clock (tests fix it).
        backup: called with the engine before a migration of a database holding data.
    """
    url = database_url(db)
    engine = make_engine(url)
    try:
        migrate(engine, (lambda: backup(engine)) if backup else None)
        seed_defaults(engine)
    except exc.DatabaseError as error:
        engine.dispose()
        raise KnownError(_explain(url, error)) from error
    env = Env(engine=engine, user=user or current_user(), today=today)
    signed_in = access.current(env)  # the first account on a new database: administrator
    if not access.storage_enforces_roles(env) or allowed(signed_in.role, "edit"):
        close_lapsed(env)  # a server login without write grants leaves this to others
    return env


def _explain(url: str, error: exc.DatabaseError) -> str:
    """Plain words for a database that cannot be opened."""
    where = engine_location(url)
    detail = str(error.orig) if error.orig is not None else str(error)
    if "not a database" in detail or "malformed" in detail:
        return (
            f"{where} is not a complaints database, or it is damaged. Nothing was changed. "
            "Choose another file, or restore a backup (complaints-desktop restore FILE)."
        )
    if "locked" in detail:
        return (
            f"{where} is locked by another program. Nothing was changed; close the other "
            "program or try again in a moment."
        )
    if "readonly" in detail or "read-only" in detail:
        return f"{where} is read-only: the application cannot save to it. Choose another file."
    if "unable to open" in detail:
        return f"{where} cannot be opened (the folder may not exist or you may lack permission)."
    return f"{where} cannot be used: {detail}"


def engine_location(url: str) -> str:
    """The database named for a person: the file path, or the server without password."""
    if url.startswith("sqlite:///"):
        return f"The database file {url[len('sqlite:///') :]}"
    return "The database server"
