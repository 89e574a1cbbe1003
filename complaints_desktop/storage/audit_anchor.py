"""Storage: the last audit entry this account saw written to each SQLite file, kept
outside it, so ``check`` notices entries removed from the end of the trail.

The chain shows an entry removed from the middle (the next one no longer links); one
removed from the end leaves a shorter chain that still links. So after each commit that
appended entries, the newest (id, seal) is kept in ``audit-heads.json`` in the user's
application-data folder (0600), by database path. ``check`` then needs that entry
present with that seal. A restore through the application moves the mark to the restored
trail; a file replaced by an older copy outside the application is reported like a cut.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlmodel import Session

from complaints_desktop.config import data_dir

FILE = "audit-heads.json"


def anchors_file() -> Path:
    """Where the marks are kept."""
    return data_dir() / FILE


def _key(database: Path) -> str:
    return str(database.expanduser().resolve())


def _read() -> dict[str, Any]:
    try:
        data = json.loads(anchors_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write(data: dict[str, Any]) -> None:
    path = anchors_file()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(data, out)
    os.replace(temporary, path)


def kept(database: Path) -> tuple[int, str] | None:
    """The (id, seal) kept for ``database``, or None."""
    found = _read().get(_key(database))
    if isinstance(found, list) and len(found) == 2:
        return int(found[0]), str(found[1])
    return None


def keep(database: Path, entry_id: int | None, seal: str, *, move_back: bool = False) -> None:
    """Keep (id, seal) as ``database``'s newest entry (never an older one, unless
    ``move_back``: a restore or a retention re-seal)."""
    data = _read()
    key = _key(database)
    old = data.get(key)
    if entry_id is None:
        data.pop(key, None)
    elif move_back or not (isinstance(old, list) and old and int(old[0]) > entry_id):
        data[key] = [entry_id, seal]
    else:
        return
    with contextlib.suppress(OSError):  # a mark not kept weakens check, never a save
        _write(data)


def keep_after_commit(session: Session, database: Path, entry_id: int, seal: str) -> None:
    """Keep the mark once ``session`` commits (nothing if it rolls back)."""
    marks: dict[str, Any] = session.info.setdefault("audit_anchor", {})
    first = not marks
    marks[str(database)] = (entry_id, seal)
    if first:

        @event.listens_for(session, "after_commit", once=True)
        def _kept(done: Session) -> None:
            for path, (i, s) in done.info.pop("audit_anchor", {}).items():
                keep(Path(path), i, s)

        @event.listens_for(session, "after_rollback", once=True)
        def _dropped(done: Session) -> None:
            done.info.pop("audit_anchor", None)
