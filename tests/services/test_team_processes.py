"""Several programs on one SQLite file at once: no saved write is ever lost.

A long-lived process (standing in for an open window) writes through the services while
other processes export, report, back up and check the same file, and the writer backs
it up and checks it itself; then it writes more. Every write is there afterwards.

Portable on purpose (Linux and Windows Python): subprocesses of ``sys.executable``,
``tmp_path``, no signals, no /proc.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from complaints_desktop.services import safety

pytestmark = pytest.mark.sqlite_only

ROOT = Path(__file__).resolve().parents[2]
OFFICER = Path(__file__).with_name("officer_process.py")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


class Officer:
    """The writer process, driven one command at a time."""

    def __init__(self, db: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(OFFICER), str(db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=_env(),
            cwd=ROOT,
        )
        assert self.ask(None) == "ready"

    def ask(self, command: str | None) -> str:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        if command is not None:
            self.process.stdin.write(command + "\n")
            self.process.stdin.flush()
        answer = self.process.stdout.readline().strip()
        assert answer, f"the writer ended (exit {self.process.poll()}) after {command!r}"
        return answer

    def close(self) -> None:
        if self.process.returncode is not None:  # closed already
            return
        assert self.ask("quit") == "closed"
        assert self.process.wait(timeout=30) == 0
        for pipe in (self.process.stdin, self.process.stdout):
            assert pipe is not None
            pipe.close()


def cli(db: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "complaints_desktop", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def complainants(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {str(r[0]) for r in conn.execute("SELECT name FROM person")}
    finally:
        conn.close()


def notes(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM note").fetchone()[0])
    finally:
        conn.close()


def test_a_writer_keeps_every_write_while_others_export_report_back_up_and_check(
    tmp_path: Path,
) -> None:
    db = tmp_path / "complaints.sqlite3"
    officer = Officer(db)
    written: list[str] = []

    def write(count: int) -> None:
        for _ in range(count):
            name = f"Writer {len(written) + 1}"
            assert officer.ask(f"case {name}").startswith("CSC/26/")
            written.append(name)

    try:
        write(3)
        assert officer.ask("backup").endswith(".sqlite3")  # the window's own backup
        cli(db, "export", str(tmp_path / "cases.csv"))
        write(2)
        cli(db, "report", "--year", "2025", "--json", str(tmp_path / "stats.json"))
        cli(db, "backup", str(tmp_path / "copy.sqlite3"))
        assert "Audit trail: every entry matches its record." in cli(db, "check")
        assert officer.ask("check") == "clean"
        write(2)
        cli(db, "export", str(tmp_path / "again.csv"))
        write(3)
    finally:
        officer.close()

    assert complainants(db) >= set(written)
    assert notes(db) == len(written)
    # What the others read was there too: the second export holds the first seven.
    exported = (tmp_path / "again.csv").read_text(encoding="utf-8-sig")
    assert all(name in exported for name in written[:7])
    env = safety.open_unmigrated(str(db))
    try:
        problems, _notes = safety.check(env)
    finally:
        env.engine.dispose()
    assert problems == []


def cli_fails(db: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "complaints_desktop", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode != 0, done.stdout
    return done.stderr


def test_a_restore_is_refused_while_another_window_has_the_database_open(
    tmp_path: Path,
) -> None:
    db = tmp_path / "complaints.sqlite3"
    officer = Officer(db)
    try:
        assert officer.ask("case Before Backup").startswith("CSC/")
        copy = tmp_path / "copy.sqlite3"
        cli(db, "backup", str(copy))
        assert officer.ask("case After Backup").startswith("CSC/")

        said = cli_fails(db, "restore", str(copy))

        assert "was not restored" in said
        assert "open in another window or program" in said
        assert officer.ask("case After Refusal").startswith("CSC/")
    finally:
        officer.close()
    assert {"Before Backup", "After Backup", "After Refusal"} <= complainants(db)
    cli(db, "restore", str(copy))  # with the window closed it goes ahead
    assert "After Backup" not in complainants(db)


@pytest.mark.slow
def test_a_demo_stopped_half_way_leaves_none_of_it(tmp_path: Path) -> None:
    db = tmp_path / "complaints.sqlite3"
    officer = Officer(db)  # makes the database (and its first administrator)
    officer.close()
    wal = db.with_name(db.name + "-wal")
    demo = subprocess.Popen(
        [sys.executable, "-m", "complaints_desktop", "--db", str(db), "demo", "--cases", "20000"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_env(),
        cwd=ROOT,
    )
    started = time.monotonic()
    while demo.poll() is None and time.monotonic() < started + 120:
        if wal.exists() and wal.stat().st_size > 1_000_000:  # cases are being written
            break
        time.sleep(0.01)
    demo.kill()  # as a power cut or Task Manager would end it
    demo.wait(timeout=30)
    assert demo.stderr is not None
    said = demo.stderr.read()
    demo.stderr.close()
    assert demo.returncode != 0, f"the demo finished before it could be stopped: {said}"

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT count(*) FROM complaint").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == 0
    finally:
        conn.close()
    assert "Audit trail: every entry matches its record." in cli(db, "check")


def test_the_next_start_removes_what_an_interrupted_backup_or_restore_left(
    tmp_path: Path,
) -> None:
    from complaints_desktop.config import backup_dir
    from complaints_desktop.services.database import open_database

    db = tmp_path / "complaints.sqlite3"
    open_database(str(db)).engine.dispose()
    folder = backup_dir(db)
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / "complaints-2026-03-02-101010-daily.sqlite3.partial"
    staged = tmp_path / ".complaints.sqlite3.restore"
    fresh = folder / "complaints-2026-03-02-101011-manual.sqlite3.partial"
    for leftover in (partial, staged, fresh):
        leftover.write_bytes(b"\0" * 4096)
    an_hour_ago = time.time() - 3600
    for old in (partial, staged):
        os.utime(old, (an_hour_ago, an_hour_ago))

    holder = sqlite3.connect(db)  # another program has the database open: left alone
    try:
        holder.execute("SELECT count(*) FROM complaint").fetchone()
        assert safety.remove_leftovers(db) == []
    finally:
        holder.close()
    safety.open_database_safely(str(db)).engine.dispose()

    assert not partial.exists()
    assert not staged.exists()
    assert fresh.exists()  # a backup being written right now by another program


def test_a_restore_from_another_windows_settings_is_refused_and_a_replaced_file_is_never_saved_into(
    tmp_path: Path,
) -> None:
    db = tmp_path / "complaints.sqlite3"
    window = Officer(db)
    try:
        assert window.ask("case Before Backup").startswith("CSC/")
        copy = tmp_path / "copy.sqlite3"
        cli(db, "backup", str(copy))
        assert window.ask("case After Backup").startswith("CSC/")
        other = Officer(db)  # a second window on the file (another PC on a share)
        try:
            said = other.ask(f"restore {copy}")  # its Settings' Backups page
        finally:
            other.close()
        assert said.startswith("refused: ")
        assert "open in another window or program" in said
        assert window.ask("case After Refusal").startswith("CSC/")

        # Another program replaces the file anyway (moves a copy over it): the window
        # is told on its next save, and nothing goes into the old, deleted file.
        try:
            os.replace(shutil.copy(copy, tmp_path / "moved.sqlite3"), db)
        except PermissionError:
            # Windows refuses to replace a file a program holds open: the file cannot
            # be swapped behind the window there, whose saves go on into it.
            assert os.name == "nt"
            assert window.ask("case After Refused Move").startswith("CSC/")
            window.close()
            assert "After Refused Move" in complainants(db)
            return
        said = window.ask("case After Replacement")
        assert said.startswith("refused: The database file")
        assert "was replaced" in said
        assert "open it again" in said
        assert window.ask("case Still Refused").startswith("refused: ")
    finally:
        window.close()
    after = complainants(db)
    assert "Before Backup" in after  # the file now there is the copy (with, here, the
    # old journal the other program's move left beside it replayed: the app's own
    # restore deletes it first), and the refused saves are in no file at all
    assert not {"After Replacement", "Still Refused"} & after
    reopened = Officer(db)  # the reopened window saves into the file there now
    try:
        assert reopened.ask("case After Reopening").startswith("CSC/")
    finally:
        reopened.close()
    assert "After Reopening" in complainants(db)


@pytest.mark.parametrize("how", ["copyfile", "write in place"])
def test_a_backup_copied_over_the_open_file_in_place_is_refused_and_left_as_copied(
    tmp_path: Path, how: str
) -> None:
    db = tmp_path / "complaints.sqlite3"
    window = Officer(db)
    try:
        assert window.ask("case Before Backup").startswith("CSC/")
        copy = tmp_path / "copy.sqlite3"
        cli(db, "backup", str(copy))
        other = Officer(db)  # a colleague's window writes too: not a replacement
        try:
            assert other.ask("case From Colleague").startswith("CSC/")
        finally:
            other.close()
        before = db.stat()
        checkpoint = sqlite3.connect(db)  # another program moves the saves into the file
        try:
            checkpoint.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        finally:
            checkpoint.close()
        assert db.stat().st_size > before.st_size
        assert window.ask("case After Colleague").startswith("CSC/")
        copied = copy.read_bytes()

        # Another program copies the backup back over the open file: the same file,
        # rewritten (cp on Linux; Explorer on Windows, where SQLite shares it for writing).
        try:
            if how == "copyfile":
                shutil.copyfile(copy, db)
            else:
                with db.open("r+b") as f:
                    f.write(copied)
                    f.truncate()
        except PermissionError:
            assert os.name == "nt"  # (refused there: the window's saves go on into it)
            assert window.ask("case After Refused Copy").startswith("CSC/")
            return
        said = window.ask("case After Copy")
        assert said.startswith("refused: The database file")
        assert "was replaced" in said
        assert "open it again" in said
        assert window.ask("case Still Refused").startswith("refused: ")
        assert db.read_bytes() == copied  # nothing went into the copy
    finally:
        window.close()
    if sys.version_info >= (3, 12):  # (3.11's sqlite3 cannot close without a checkpoint)
        assert db.read_bytes() == copied  # nor when the window closed
        assert complainants(db) == {"Before Backup"}  # its old log is not played into it
        said = cli_fails(db, "check")  # a sound file, which check knows for an older copy
        assert [line for line in said.splitlines() if line.startswith("PROBLEM")] == [
            line for line in said.splitlines() if "replaced by an older copy" in line
        ]
        assert "replaced by an older copy" in said
