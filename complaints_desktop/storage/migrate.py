"""Storage: Alembic migrations at start-up — refuse a newer database, back up, upgrade."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from complaints_desktop.domain.errors import KnownError

MIGRATIONS = Path(__file__).parent / "migrations"


class DatabaseTooNew(KnownError):
    """The database was written by a newer version of the application."""


def alembic_config(engine: Engine) -> Config:
    """An Alembic config bound to ``engine`` (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    """The newest schema revision this application knows."""
    script = ScriptDirectory.from_config(alembic_config_for_scripts())
    head = script.get_current_head()
    assert head is not None
    return head


def alembic_config_for_scripts() -> Config:
    """A config that can read the migration scripts without a database."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the database, or None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine, backup: Callable[[], object] | None = None) -> bool:
    """Bring the database to the newest revision.

    Refuses (``DatabaseTooNew``) a revision the app does not know and leaves it untouched.
    Calls ``backup`` before upgrading a database that already holds data.

    Returns:
        True when an upgrade ran.
    """
    script = ScriptDirectory.from_config(alembic_config_for_scripts())
    known = {rev.revision for rev in script.walk_revisions()}
    current = current_revision(engine)
    head = script.get_current_head()
    if current is not None and current not in known:
        raise DatabaseTooNew(
            "This database was written by a newer version of complaints_desktop "
            f"(schema {current}). It has not been changed. Install the newer version, "
            "or open another database."
        )
    if current == head:
        return False
    has_tables = bool(inspect(engine).get_table_names())
    if current is not None and has_tables and backup is not None:
        backup()
    command.upgrade(alembic_config(engine), "head")
    return True
