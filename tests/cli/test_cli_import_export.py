"""Command line import and export: exit codes 0 / 2 / 1 and what is printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaints_desktop import cli
from tests.conftest import MERTON


def run(db: Path, *args: str) -> int:
    return cli.main(["--db", str(db), *args])


def test_import_and_export_succeed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.sqlite3"
    assert run(db, "import", str(MERTON / "cases.csv"), "--create-missing") == 0
    out = capsys.readouterr().out
    assert "Added 6 new teams" in out
    assert "Imported 27 new and updated 0 complaints from cases.csv." in out
    assert run(db, "import", str(MERTON / "contacts.csv"), "--contacts", "--create-missing") == 0
    assert "Imported 41 new and updated 0 contacts" in capsys.readouterr().out
    assert run(db, "export", str(tmp_path / "log.xlsx"), "--anonymised") == 0
    assert f"Exported 27 complaints to {tmp_path / 'log.xlsx'}." in capsys.readouterr().out
    assert run(db, "export", str(tmp_path / "contacts.csv"), "--contacts") == 0
    assert "Exported 41 contacts" in capsys.readouterr().out
    assert run(db, "import", str(MERTON / "cases.csv"), "--update") == 0
    assert "Imported 0 new and updated 27 complaints" in capsys.readouterr().out


def test_invalid_file_exits_2_listing_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "c.sqlite3"
    bad = tmp_path / "bad.csv"
    bad.write_text("procedure,received,teams\nstatutory,31/02/2024,\nadult,2024-01-01,Nobody\n")
    assert run(db, "import", str(bad)) == 2
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "row 2, column received: '31/02/2024' is not a date; write YYYY-MM-DD or DD/MM/YYYY "
        "(day first)",
        "row 3, column teams: team 'Nobody' is not in the list of teams; add it in Settings "
        'first, or import with --create-missing ("add names not yet known")',
    ]
    assert "Traceback" not in captured.err
    assert run(db, "import", str(MERTON / "cases.csv")) == 2
    assert "--create-missing" in capsys.readouterr().err
    assert run(db, "export", str(tmp_path / "empty.csv")) == 0
    assert "Exported 0 complaints" in capsys.readouterr().out


def test_unreadable_file_gets_a_plain_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "c.sqlite3"
    assert run(db, "import", str(tmp_path / "missing.csv")) == 2
    err = capsys.readouterr().err
    assert err.startswith("There is no file")
    assert "Traceback" not in err
    (tmp_path / "empty.csv").write_bytes(b"")
    assert run(db, "import", str(tmp_path / "empty.csv")) == 2
    assert capsys.readouterr().err == "empty.csv is empty.\n"
    assert run(db, "export", str(tmp_path / "log.txt")) == 1
    assert ".csv or .xlsx" in capsys.readouterr().err


def test_ombudsman_log_imports_and_a_bad_one_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "c.sqlite3"
    assert run(db, "import", str(MERTON / "cases.csv"), "--create-missing") == 0
    assert run(db, "import", str(MERTON / "recommendations.csv"), "--ombudsman") == 0
    out = capsys.readouterr().out
    assert "Imported 1 Ombudsman recommendation on 1 complaint from recommendations.csv." in out
    bad = tmp_path / "bad.csv"
    bad.write_text("reference,remedy,target\nCSC/99/1,Apologise,2023-01-01\n", encoding="utf-8")
    assert run(db, "import", str(bad), "--ombudsman") == 2
    err = capsys.readouterr().err
    assert err.splitlines() == ["row 2, column reference: there is no complaint 'CSC/99/1'"]
    assert run(db, "export", str(tmp_path / "r.csv"), "--ombudsman") == 0
    assert "Exported 1 Ombudsman recommendations" in capsys.readouterr().out
