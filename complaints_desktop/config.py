"""Config: where data lives (platformdirs) and how a --db argument becomes a URL. No Qt."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

import platformdirs

APP_NAME = "complaints_desktop"
ENV_DB = "COMPLAINTS_DESKTOP_DB"


def data_dir() -> Path:
    """The user's local application-data folder: ``%LOCALAPPDATA%\\complaints_desktop`` on
    Windows (no author folder: platformdirs would add ``complaints_desktop`` twice),
    ``~/.local/share/complaints_desktop`` on Linux."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def default_database() -> Path:
    """The default SQLite database file."""
    return data_dir() / "complaints.sqlite3"


def backup_dir(database: Path) -> Path:
    """Where automatic backups of ``database`` go."""
    return database.parent / "backups"


def database_url(db: str | None) -> str:
    """A SQLAlchemy URL from a ``--db`` value: a SQLite path or a postgresql:// URL.

    ``None`` means the environment variable ``COMPLAINTS_DESKTOP_DB`` if set, else the
    default database in the user's data folder.
    """
    value = db or os.environ.get(ENV_DB) or str(default_database())
    if value.startswith(("postgresql://", "postgresql+psycopg://", "postgres://")):
        if value.startswith("postgres://"):
            value = "postgresql://" + value[len("postgres://") :]
        if value.startswith("postgresql://"):
            value = "postgresql+psycopg://" + value[len("postgresql://") :]
        return value
    if value.startswith("sqlite:"):
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def current_user() -> str:
    """The person using the app: their operating-system account name."""
    try:
        return getpass.getuser()
    except Exception:  # getpass raises various errors when no account name exists
        return "unknown"
