"""Config: where data lives (platformdirs) and how a --db argument becomes a URL. No Qt."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "complaints_desktop"
ENV_DB = "COMPLAINTS_DESKTOP_DB"
ENV_DATA = "COMPLAINTS_DESKTOP_DATA"


def data_dir() -> Path:
    """The user's local application-data folder: ``%LOCALAPPDATA%\\complaints_desktop`` on
    Windows (no author folder: platformdirs would add ``complaints_desktop`` twice),
    ``~/.local/share/complaints_desktop`` on Linux; ``COMPLAINTS_DESKTOP_DATA`` names another
    (the tests give each run its own, so no test reads or writes the real one)."""
    chosen = os.environ.get(ENV_DATA)
    if chosen:
        return Path(chosen)
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
    """The person using the app on a local file: the account the process runs as.

    Asked of the operating system (``GetUserNameW`` on Windows, the password database
    for the effective user id elsewhere), never of environment variables such as
    ``USER`` or ``USERNAME``, which anyone can set before starting the program. On a
    PostgreSQL server the database login is the identity instead
    (``storage.server.login_name``).
    """
    try:
        name = _windows_account() if sys.platform == "win32" else _posix_account()
    except (OSError, KeyError, AttributeError):  # no account entry for this process
        return "unknown"
    return name or "unknown"


def _posix_account() -> str:
    if sys.platform == "win32":  # (mypy checks each platform's branch on its own)
        raise OSError("not a POSIX system")
    import pwd

    return pwd.getpwuid(os.geteuid()).pw_name


def _windows_account() -> str:  # pragma: no cover - Windows only
    if sys.platform != "win32":
        raise OSError("not Windows")
    import ctypes
    from ctypes import wintypes

    advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)
    size = wintypes.DWORD(257)
    buffer = ctypes.create_unicode_buffer(size.value)
    if not advapi32.GetUserNameW(buffer, ctypes.byref(size)):
        raise OSError(ctypes.get_last_error(), "GetUserNameW failed")
    return str(buffer.value)
