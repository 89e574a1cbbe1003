"""Backups are consistent, verified copies; damaged files are named; rotation keeps N."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from complaints_desktop.storage import backup as store


def make_db(path: Path, rows: int = 3) -> Path:
    """A small WAL-mode database with a parent/child pair of tables."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id REFERENCES parent(id))")
    with conn:
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO parent (name) VALUES (?)", [(f"p{i}",) for i in range(rows)])
    conn.close()
    return path


def count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM parent").fetchone()[0])
    finally:
        conn.close()


def test_copy_holds_committed_rows_still_in_the_wal_and_is_one_file(tmp_path: Path) -> None:
    db = make_db(tmp_path / "live.sqlite3")
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.executemany("INSERT INTO parent (name) VALUES (?)", [("late",)] * 50)
    assert store.sidecars(db)[0].stat().st_size > 0  # the rows are only in the -wal

    out = store.copy_database(db, tmp_path / "backups" / "copy.sqlite3")
    writer.close()

    assert count(out) == 53
    assert not store.sidecars(out)[0].exists()
    assert out.read_bytes()[18:20] == b"\x01\x01"  # rollback journal: a standalone file
    assert list((tmp_path / "backups").iterdir()) == [out]


def test_copy_taken_during_a_write_has_none_of_the_unfinished_write(tmp_path: Path) -> None:
    db = make_db(tmp_path / "live.sqlite3")
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.executemany("INSERT INTO parent (name) VALUES (?)", [("half",)] * 100)

    out = store.copy_database(db, tmp_path / "copy.sqlite3", timeout=1)
    writer.execute("COMMIT")
    writer.close()

    assert count(out) == 3
    assert count(db) == 103


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (lambda p: p.write_bytes(b""), r"is empty \(0 bytes\)"),
        (
            lambda p: p.write_bytes(b"PK\x03\x04 this is a zip file" * 10),
            "is not a SQLite database",
        ),
        (lambda p: p.write_bytes(p.read_bytes()[:5000]), "is cut short"),
    ],
    ids=["empty", "not-sqlite", "truncated"],
)
def test_a_damaged_file_is_named_and_no_backup_is_left(tmp_path: Path, damage, said) -> None:  # type: ignore[no-untyped-def]
    db = make_db(tmp_path / "live.sqlite3", rows=2000)
    sqlite3.connect(db).execute("PRAGMA wal_checkpoint(TRUNCATE)").connection.close()
    damage(db)
    with pytest.raises(store.BackupFailed, match=said):
        store.copy_database(db, tmp_path / "out" / "copy.sqlite3")
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_corrupted_page_fails_the_integrity_check_and_leaves_no_backup(tmp_path: Path) -> None:
    db = make_db(tmp_path / "live.sqlite3", rows=3000)
    conn = sqlite3.connect(db)
    conn.execute("CREATE INDEX parent_name ON parent(name)")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(db.read_bytes())
    page = 4096
    for offset in range(3 * page, len(data) - page, 2 * page):  # scribble over many pages
        data[offset + 8 : offset + 200] = b"\xff" * 192
    db.write_bytes(bytes(data))

    with pytest.raises(store.BackupFailed) as failed:
        store.copy_database(db, tmp_path / "copy.sqlite3")
    said = str(failed.value)
    # SQLite's own words for the damage differ between versions ("On tree page …" on
    # Debian's, "Tree 2 page 12 …" in Windows Python's sqlite3.dll): not asserted.
    assert said.startswith(
        "No backup was made: the copy of live.sqlite3 fails its integrity check (SQLite "
        "integrity check: "
    )
    assert "\n" not in said
    assert sorted(p.name for p in tmp_path.iterdir()) == ["live.sqlite3"]


def test_a_database_locked_by_another_program_is_reported_as_busy(tmp_path: Path) -> None:
    db = make_db(tmp_path / "live.sqlite3")
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO parent (name) VALUES ('x')")
    try:
        with pytest.raises(store.BackupFailed, match="is busy"):
            store.copy_database(db, tmp_path / "copy.sqlite3", timeout=0.2)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert not (tmp_path / "copy.sqlite3").exists()


def test_a_broken_foreign_key_is_reported(tmp_path: Path) -> None:
    db = make_db(tmp_path / "live.sqlite3")
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("INSERT INTO child (parent_id) VALUES (99)")
    assert store.integrity_problems(conn) == [
        "Table child row 1 points to a missing row of parent."
    ]
    conn.close()


def test_rotation_keeps_the_newest_and_ignores_other_databases(tmp_path: Path) -> None:
    db = tmp_path / "complaints.sqlite3"
    folder = tmp_path / "backups"
    folder.mkdir()
    start = datetime(2026, 3, 1, 9, 0, 0)
    for day in range(6):
        (folder / store.backup_name(db, start + timedelta(days=day), "daily")).write_bytes(b"x")
    other = folder / store.backup_name(tmp_path / "complaints-old.sqlite3", start, "daily")
    other.write_bytes(b"x")
    stranger = folder / "notes.txt"
    stranger.write_text("keep me")

    removed = store.rotate(folder, db, keep=4)

    assert [p.name for p in removed] == [
        "complaints-2026-03-02-090000-daily.sqlite3",
        "complaints-2026-03-01-090000-daily.sqlite3",
    ]
    kept = store.list_backups(folder, db)
    assert [b.taken.day for b in kept] == [6, 5, 4, 3]
    assert other.exists()
    assert stranger.exists()


def test_free_name_never_overwrites_a_backup_taken_in_the_same_second(tmp_path: Path) -> None:
    db = tmp_path / "complaints.sqlite3"
    at = datetime(2026, 3, 1, 9, 0, 0)
    first = store.free_name(tmp_path, db, at, "manual")
    first.write_bytes(b"x")
    second = store.free_name(tmp_path, db, at, "manual")
    second.write_bytes(b"x")
    assert first != second
    assert [b.path for b in store.list_backups(tmp_path, db)] == [second, first]


def test_replacing_a_database_discards_its_old_wal(tmp_path: Path) -> None:
    db = make_db(tmp_path / "live.sqlite3")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA wal_autocheckpoint=0")
    holder.executemany("INSERT INTO parent (name) VALUES (?)", [("old",)] * 20)
    replacement = make_db(tmp_path / "other.sqlite3", rows=7)
    staged = store.copy_database(replacement, tmp_path / ".staged")
    wal = store.sidecars(db)[0].read_bytes()
    holder.close()  # closing checkpoints; put the WAL back to mimic a crashed writer
    store.sidecars(db)[0].write_bytes(wal)

    store.replace_database(db, staged)

    assert count(db) == 7
    assert not staged.exists()


@pytest.mark.parametrize(
    "path",
    [
        r"\\server\share\complaints.sqlite3",
        r"\\?\C:\Users\Zoë Adams\complaints.sqlite3",
        r"C:\Users\Zoë Adams\50% #1?\complaints.sqlite3",
        "/home/zoë/50% #1?/complaints.sqlite3",
    ],
)
def test_the_sqlite_uri_of_any_path_names_no_host_and_decodes_to_the_path(path: str) -> None:
    from urllib.parse import unquote

    uri = store.sqlite_uri(PureWindowsPath(path) if "\\" in path else PurePosixPath(path), "ro")
    assert uri.startswith("file:")
    assert not uri.startswith("file://")  # SQLite would read "server" as a host, and refuse
    assert unquote(uri.removeprefix("file:").removesuffix("?mode=ro")) == path


def test_a_file_in_a_folder_named_with_uri_characters_is_copied(tmp_path: Path) -> None:
    folder = tmp_path / "Zoë 50% #1"
    folder.mkdir()
    out = store.copy_database(make_db(folder / "db.sqlite3"), folder / "copy.sqlite3")
    assert count(out) == 3


@pytest.mark.skipif(os.name != "nt", reason="a Windows long path (\\\\?\\C:\\...) is Windows only")
def test_a_database_reached_by_a_windows_long_path_is_copied(tmp_path: Path) -> None:
    source = make_db(tmp_path / "db.sqlite3")
    out = store.copy_database(Path("\\\\?\\" + str(source)), tmp_path / "copy.sqlite3")
    assert count(out) == 3
