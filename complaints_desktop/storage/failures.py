"""Storage: what kind of failure a database error is, from its error code (not its words).

SQLite's errors carry a result code (``sqlite3.Error.sqlite_errorcode``, Python 3.11+),
PostgreSQL's a SQLSTATE (``psycopg.Error.sqlstate``); SQLAlchemy wraps either as
``.orig``. ``classify`` reads the code, so a message worded differently (another SQLite
version, a translated server) is still understood. Every place that tells a person
"busy", "read-only", "full" or "damaged" asks here.
"""

from __future__ import annotations

import errno
from enum import StrEnum


class Failure(StrEnum):
    """What went wrong with the database, as far as a person can act on it."""

    LOCKED = "locked"
    """Another program (or window) holds the lock: try again in a moment."""
    READ_ONLY = "read-only"
    """The file, its folder or the server refuses writing."""
    FULL = "full"
    """The disk (or the database's size limit) is full."""
    DAMAGED = "damaged"
    """Not a database, or a damaged one."""
    CANNOT_OPEN = "cannot-open"
    """The file cannot be opened (a missing folder, no permission)."""
    UNREACHABLE = "unreachable"
    """The database server cannot be reached."""
    OTHER = "other"


_SQLITE: dict[int, Failure] = {
    5: Failure.LOCKED,  # SQLITE_BUSY
    6: Failure.LOCKED,  # SQLITE_LOCKED
    8: Failure.READ_ONLY,  # SQLITE_READONLY
    11: Failure.DAMAGED,  # SQLITE_CORRUPT
    13: Failure.FULL,  # SQLITE_FULL
    14: Failure.CANNOT_OPEN,  # SQLITE_CANTOPEN
    26: Failure.DAMAGED,  # SQLITE_NOTADB
}
"""SQLite primary result codes (https://sqlite.org/rescode.html)."""

_SQLSTATE: dict[str, Failure] = {
    "55P03": Failure.LOCKED,  # lock_not_available
    "53100": Failure.FULL,  # disk_full
    "25006": Failure.READ_ONLY,  # read_only_sql_transaction
    "XX001": Failure.DAMAGED,  # data_corrupted
    "XX002": Failure.DAMAGED,  # index_corrupted
}
"""PostgreSQL SQLSTATEs; class 08 (connection exception) is ``UNREACHABLE``."""


def classify(exc: BaseException) -> Failure:
    """The kind of failure ``exc`` is (``OTHER`` when its code says none of these)."""
    error: BaseException | None = exc
    for _ in range(3):  # the error, and what SQLAlchemy (or a pool) wrapped
        if error is None:
            break
        code = getattr(error, "sqlite_errorcode", None)
        if isinstance(code, int):
            return _SQLITE.get(code & 0xFF, Failure.OTHER)  # extended codes keep it low
        state = getattr(error, "sqlstate", None)
        if isinstance(state, str) and state:
            if state.startswith("08"):
                return Failure.UNREACHABLE
            return _SQLSTATE.get(state, Failure.OTHER)
        if isinstance(error, OSError) and error.errno == errno.ENOSPC:
            return Failure.FULL
        error = getattr(error, "orig", None)
    return Failure.OTHER


def is_locked(exc: BaseException) -> bool:
    """True when another program holds the database's lock (busy or locked)."""
    return classify(exc) is Failure.LOCKED
