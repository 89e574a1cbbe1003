"""Storage: Alembic migrations at start-up — refuse a newer database, back up, upgrade.

The revisions this version knows are listed here as data (a test checks them against the
scripts), so an up-to-date database opens without importing Alembic at all: ~0.2 s of
start-up saved. Alembic is imported only when an upgrade has to run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from complaints_desktop.domain.errors import KnownError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
KNOWN_REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0008",
    "0009",
    "0010",
    "0011",
    "0012",
)
"""Every revision in ``migrations/versions``, oldest first; the last is the head."""


class DatabaseTooNew(KnownError):
    """The database was written by a newer version of the application."""


def written_by_newer(revision: str, subject: str = "This database") -> str:
    """The sentence every refusal of a database from a newer version says (once, here)."""
    return f"{subject} was written by a newer version of complaints_desktop (schema {revision})."


def too_new(revision: str) -> str:
    """The refusal to open a database from a newer version: unchanged, and what to do."""
    return (
        f"{written_by_newer(revision)} It has not been changed. Install the newer version, "
        "or open another database."
    )


class NotOurs(KnownError):
    """The database belongs to another program: it is left untouched."""


def alembic_config(engine: Engine) -> Config:
    """An Alembic config bound to ``engine`` (no alembic.ini needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # ConfigParser reads "%" as interpolation, and URLs percent-encode: a Windows path
    # (C%3A%5CUsers...), a folder named "50% off", a password with % @ or !. Escaped here.
    url = engine.url.render_as_string(hide_password=False)
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["engine"] = engine
    return config


def alembic_config_for_scripts() -> Config:
    """A config that can read the migration scripts without a database."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest schema revision this application knows."""
    return KNOWN_REVISIONS[-1]


def script_revisions() -> list[str]:
    """The revisions the migration scripts define, oldest first (reads the scripts)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config_for_scripts())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the database, or None for an empty database."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        found = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return str(found[0]) if found is not None else None


def migrate(engine: Engine, backup: Callable[[], object] | None = None) -> bool:
    """Bring the database to the newest revision.

    Refuses (``DatabaseTooNew``) a revision the app does not know and leaves it untouched.
    Calls ``backup`` before upgrading a database that already holds data.

    Returns:
        True when an upgrade ran.
    """
    current = current_revision(engine)
    if current is not None and current not in KNOWN_REVISIONS:
        raise DatabaseTooNew(too_new(current))
    if current == head_revision():
        return False
    has_tables = bool(inspect(engine).get_table_names())
    if current is None and has_tables:
        raise NotOurs(
            "This database holds another program's tables, not complaints_desktop's. "
            "Nothing was changed; choose a complaints database or a new file."
        )
    if current is not None and has_tables and backup is not None:
        backup()
    from alembic import command

    command.upgrade(alembic_config(engine), "head")
    return True
