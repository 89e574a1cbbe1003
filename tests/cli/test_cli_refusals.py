"""Command line: a database that is not ours is refused untouched; a refused command
writes nothing."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from complaints_desktop import cli
from complaints_desktop.config import current_user
from complaints_desktop.services import access
from complaints_desktop.services.database import open_database

pytestmark = pytest.mark.sqlite_only

ME = current_user()
CSV = "reference,procedure,received\nCSC/26/0001,statutory,02/02/2026\n"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_another_programs_sqlite_file_is_refused_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "accounts.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY, customer TEXT)")
    conn.execute("INSERT INTO invoice (customer) VALUES ('Acme')")
    conn.commit()
    conn.close()
    before = sha(other)
    log = tmp_path / "log.csv"
    log.write_text(CSV, encoding="utf-8")
    for command in (
        ["import", str(log)],
        ["demo", "--cases", "5"],
        ["export", str(tmp_path / "x.csv")],
    ):
        code = cli.main(["--db", str(other), *command])
        err = capsys.readouterr().err
        assert code != 0
        assert "another program's tables" in err
        assert "Nothing was changed" in err
    assert sha(other) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["accounts.db", "log.csv"]


def test_a_viewers_refused_demo_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "complaints.sqlite3"
    env = open_database(str(path), user="boss", today=lambda: date(2026, 3, 2))
    access.add_user(env, ME, "Me", "viewer")
    env.engine.dispose()

    def counts() -> tuple[int, ...]:
        conn = sqlite3.connect(path)
        try:
            return tuple(
                conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("team", "complaint", "contact", "audit", "setting")
            )
        finally:
            conn.close()

    before = counts()
    assert cli.main(["--db", str(path), "demo", "--cases", "5"]) == 1
    assert "may not import case logs" in capsys.readouterr().err
    assert counts() == before
