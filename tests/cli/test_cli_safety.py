"""Command line: backup, restore and check, and what a person sees when a file is bad."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from complaints_desktop import cli
from complaints_desktop.config import backup_dir, current_user
from complaints_desktop.domain.model import Case, Person
from complaints_desktop.services import cases
from complaints_desktop.services.database import open_database
from complaints_desktop.storage.migrate import head_revision

pytestmark = pytest.mark.sqlite_only

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "db" / "schema_0001.sqlite3"
ME = current_user()  # the machine's own user, as the command line runs: the database's owner


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with one case, made once and copied for each test."""
    path = tmp_path_factory.mktemp("template") / "complaints.sqlite3"
    env = open_database(str(path), user=ME, today=lambda: date(2026, 3, 2))
    cases.create(
        env, Case(procedure="statutory", received=date(2026, 2, 2), complainant=Person("Ann"))
    )
    env.engine.dispose()
    return path


@pytest.fixture
def db(tmp_path: Path, template: Path) -> Path:
    return Path(shutil.copy(template, tmp_path / "complaints.sqlite3"))


def people(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM person ORDER BY id")]
    finally:
        conn.close()


def test_backup_then_restore(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(db), "backup")
    assert code == 0
    written = Path(out.removeprefix("Backup written to ").strip().removesuffix("."))
    assert written.parent == backup_dir(db)
    assert people(written) == ["Ann"]

    env = open_database(str(db), user=ME, today=lambda: date(2026, 3, 2))
    cases.create(
        env, Case(procedure="statutory", received=date(2026, 2, 3), complainant=Person("Bob"))
    )
    env.engine.dispose()

    code, out, err = run(capsys, "--db", str(db), "restore", str(written))
    assert (code, err) == (0, "")
    assert out.startswith(f"Restored {written}. The database as it was is kept in ")
    kept = Path(out.split(" is kept in ")[1].strip().removesuffix("."))
    assert people(db) == ["Ann"]
    assert people(kept) == ["Ann", "Bob"]


def test_check_of_a_sound_database(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(db), "check")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"Integrity and foreign-key checks of {db}: no problems.",
        f"Schema revision {head_revision()} (the newest this version knows).",
        "Audit trail: every entry matches its record.",
        "The data of 1 complaint match the audit trail.",
        "No backup has been taken yet.",
    ]


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (lambda p: p.write_bytes(b"these are my notes\n" * 100), "is not a SQLite database file."),
        (lambda p: p.write_bytes(p.read_bytes()[:40000]), "is cut short: it holds 40,000 bytes"),
        (lambda p: p.write_bytes(b""), "is empty (0 bytes)."),
    ],
    ids=["garbage", "truncated", "empty"],
)
def test_check_names_a_damaged_file_and_the_way_out(
    db: Path,
    capsys: pytest.CaptureFixture[str],
    damage,
    said: str,  # type: ignore[no-untyped-def]
) -> None:
    damage(db)
    before = sha(db)
    code, out, err = run(capsys, "--db", str(db), "check")
    assert code == 1
    assert out == ""
    assert err.startswith(f"PROBLEM: {db} {said}")
    assert err.strip().endswith("Restore a backup ('complaints-desktop restore FILE').")
    assert sha(db) == before


def test_check_of_a_missing_file_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere" / "complaints.sqlite3"
    code, _, err = run(capsys, "--db", str(missing), "check")
    assert code == 1
    assert err.startswith(f"PROBLEM: There is no file {missing}.")
    assert not missing.parent.exists()


def test_backup_of_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "complaints.sqlite3"
    code, out, err = run(capsys, "--db", str(missing), "backup")
    assert (code, out) == (1, "")
    assert err == f"complaints-desktop: No backup was made: There is no file {missing}.\n"
    assert list(tmp_path.iterdir()) == []


def test_restore_of_a_damaged_file_changes_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "backup.sqlite3"
    bad.write_bytes(FIXTURE.read_bytes()[:60000])
    before = sha(db)
    code, out, err = run(capsys, "--db", str(db), "restore", str(bad))
    assert (code, out) == (1, "")
    assert err.startswith(f"complaints-desktop: {bad} was not restored: {bad} is cut short")
    assert err.endswith("Nothing was changed.\n")
    assert sha(db) == before


def newer(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    conn.commit()
    conn.close()
    return path


def test_a_newer_database_is_refused_byte_for_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = newer(Path(shutil.copy(FIXTURE, tmp_path / "newer.sqlite3")))  # rollback journal
    before = sha(path)
    for command in (["export", str(tmp_path / "out.csv")], ["check"]):
        code, _, err = run(capsys, "--db", str(path), *command)
        assert code == 1
        assert "newer version of complaints_desktop" in err
        assert sha(path) == before
    assert not (tmp_path / "out.csv").exists()


def test_restore_of_a_newer_backup_is_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    offered = newer(Path(shutil.copy(FIXTURE, tmp_path / "from-the-future.sqlite3")))
    before = sha(db)
    code, _, err = run(capsys, "--db", str(db), "restore", str(offered))
    assert code == 1
    assert err == (
        f"complaints-desktop: {offered} was not restored: it was written by a newer version "
        "of complaints_desktop (schema ffff). Nothing was changed.\n"
    )
    assert sha(db) == before


def test_an_old_database_is_opened_by_a_command_and_keeps_its_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = Path(shutil.copy(FIXTURE, tmp_path / "old.sqlite3"))
    code, out, _ = run(capsys, "--db", str(path), "export", str(tmp_path / "log.csv"))
    assert code == 0
    assert out == f"Exported 3 complaints to {tmp_path / 'log.csv'}.\n"


def test_read_only_database_can_be_backed_up_and_checked_but_not_replaced(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db.chmod(0o444)
    try:
        code, out, _ = run(capsys, "--db", str(db), "backup", str(tmp_path / "copy.sqlite3"))
        assert code == 0
        code, out, _ = run(capsys, "--db", str(db), "check")
        assert code == 0
        assert "The database file is read-only: it can be read but not changed." in out
        code, _, err = run(capsys, "--db", str(db), "restore", str(tmp_path / "copy.sqlite3"))
        assert code == 1
        assert err == (
            f"complaints-desktop: {tmp_path / 'copy.sqlite3'} was not restored: the database "
            f"{db} is read-only. Nothing was changed.\n"
        )
    finally:
        db.chmod(0o644)


def test_a_database_in_a_synced_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "Dropbox" / "complaints.sqlite3"
    code, _, err = run(capsys, "--db", str(path), "export", str(tmp_path / "out.csv"))
    assert code == 1
    assert err.startswith(f"complaints-desktop: The database {path} is in a Dropbox folder.")
    assert "PostgreSQL" in err
    assert not path.parent.exists()


def test_postgresql_backup_says_the_server_does_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "postgresql://complaints@localhost:1/complaints"
    for command in (["backup"], ["restore", str(FIXTURE)]):
        code, _, err = run(capsys, "--db", url, *command)
        assert code == 1
        assert err == (
            "complaints-desktop: This database is on a PostgreSQL server, which is backed up "
            "by the server's own backup (pg_dump), run by your IT team. complaints_desktop "
            "made no copy and changed nothing.\n"
        )


def test_a_database_locked_by_another_program(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from complaints_desktop.services import safety

    monkeypatch.setattr(safety.copies, "LOCK_WAIT", 0.2)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO setting (key, value) VALUES ('x', '1')")
    try:
        code, _, err = run(capsys, "--db", str(db), "check")
        assert code == 1
        assert err == (
            f"PROBLEM: {db} is locked by another program that is writing to it, so it could "
            "not be checked. Close that program (or wait) and check again.\n"
        )
        code, _, err = run(capsys, "--db", str(db), "backup", str(tmp_path / "b.sqlite3"))
        assert code == 1
        assert err == (
            "complaints-desktop: No backup was made: complaints.sqlite3 is busy (another "
            "program is writing to it). Try again in a moment.\n"
        )
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert not (tmp_path / "b.sqlite3").exists()


def test_restore_over_a_database_in_use_is_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from complaints_desktop.services import safety

    monkeypatch.setattr(safety.copies, "LOCK_WAIT", 0.2)
    offered = Path(shutil.copy(FIXTURE, tmp_path / "offered.sqlite3"))
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO setting (key, value) VALUES ('x', '1')")
    try:
        code, _, err = run(capsys, "--db", str(db), "restore", str(offered))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == 1
    assert err == (
        f"complaints-desktop: {offered} was not restored: the database is in use by another "
        "program; close it first. Nothing was changed.\n"
    )
    assert people(db) == ["Ann"]
    assert not backup_dir(db).exists() or not list(backup_dir(db).iterdir())


def test_an_empty_database_file_is_not_quietly_made_into_a_new_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "complaints.sqlite3"
    empty.write_bytes(b"")
    code, out, err = run(capsys, "--db", str(empty), "export", str(tmp_path / "out.csv"))
    assert (code, out) == (1, "")
    assert err.startswith(f"complaints-desktop: The database file {empty} is empty (0 bytes)")
    assert empty.read_bytes() == b""


def test_check_of_an_unreachable_postgresql_server(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", "postgresql://complaints@localhost:1/complaints", "check")
    assert code == 1
    assert err.startswith("PROBLEM: The database server could not be reached (connection ")
    assert err.endswith("Check the address.\n")
    assert err.count("\n") == 1


def test_restore_is_refused_to_someone_the_database_does_not_make_an_administrator(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "theirs.sqlite3"
    open_database(str(db), user="someone.else", today=lambda: date(2026, 3, 2)).engine.dispose()
    offered = Path(shutil.copy(FIXTURE, tmp_path / "offered.sqlite3"))
    before = sha(db)
    code, out, err = run(capsys, "--db", str(db), "restore", str(offered))
    assert (code, out) == (1, "")
    assert err == (
        "complaints-desktop: Your role (viewer) may not restore a backup; ask an administrator. "
        f"({ME} has not been added as a user of this database.) Nothing was changed.\n"
    )
    assert sha(db) == before
    assert not backup_dir(db).exists()
