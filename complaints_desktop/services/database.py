"""Services: open a database — build the engine, migrate (backing up first), seed defaults."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import Engine

from complaints_desktop.config import current_user, database_url
from complaints_desktop.domain.vocab import DEFAULT_ADVOCACY_PROVIDERS, DEFAULT_REMEDIES, DEFAULT_TYPES
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
    engine = make_engine(database_url(db))
    migrate(engine, (lambda: backup(engine)) if backup else None)
    seed_defaults(engine)
    return Env(engine=engine, user=user or current_user(), today=today)
