"""A full disk is said plainly, naming the file whose disk is full."""

from __future__ import annotations

import errno
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from complaints_desktop.domain.errors import KnownError
from complaints_desktop.domain.model import Case, Person
from complaints_desktop.services import cases, safety
from complaints_desktop.services.database import open_database
from complaints_desktop.storage import backup as store

pytestmark = pytest.mark.sqlite_only


def test_a_save_on_a_full_disk_says_so_and_names_the_database(tmp_path: Path) -> None:
    db = tmp_path / "complaints.sqlite3"
    env = open_database(str(db), today=lambda: date(2026, 3, 2))
    env.engine.dispose()

    @event.listens_for(env.engine, "connect")
    def _little_room(dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 2}")

    def fill_up() -> None:
        for i in range(200):
            cases.create(
                env,
                Case(
                    procedure="statutory",
                    received=date(2026, 3, 2),
                    complainant=Person(f"Person {i}"),
                    summary="x" * 2000,
                ),
            )

    with pytest.raises(KnownError) as caught:
        fill_up()
    env.engine.dispose()
    said = str(caught.value)
    assert said.startswith(f"Nothing was saved: the disk holding {db} is full.")
    assert "OperationalError" not in said


def test_a_backup_onto_a_full_disk_blames_the_backup_folder_not_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "complaints.sqlite3"
    env = open_database(str(db), today=lambda: date(2026, 3, 2))

    def full(path: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store, "_fsync", full)
    target = tmp_path / "usb"
    target.mkdir()
    with pytest.raises(KnownError) as caught:
        safety.backup(env, target)
    env.engine.dispose()
    assert str(caught.value).startswith(f"No backup was made: the disk holding {target} is full.")
    assert list(target.iterdir()) == []  # no half-made copy left
