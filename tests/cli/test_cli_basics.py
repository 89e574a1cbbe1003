"""Command line: version, argument errors, exit codes, no tracebacks for people."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from complaints_desktop import __version__, cli
from complaints_desktop.storage.engine import make_engine
from complaints_desktop.storage.migrate import migrate


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"complaints-desktop {__version__}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "--from", "2023-13-01", "--to", "2024-03-31", "--json", "x"], "not a date"),
        (["report", "--from", "2023-04-01", "--json", "x.json"], "--from needs --to"),
        (["report", "--from", "2024-04-01", "--to", "2023-03-31", "--json", "x"], "before"),
        (["report", "--year", "2023"], "Say what to write"),
        (
            ["report", "--from", "2023-04-01", "--to", "2024-03-31", "--text", "w.md"],
            "use it with --year",
        ),
        (["demo", "--cases", "0"], "at least 1"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_invalid_input_exits_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    db = str(tmp_path / "c.sqlite3")
    try:
        code = cli.main(["--db", db, *args])
    except SystemExit as exc:
        code = int(exc.code or 0)
    assert code == 2
    assert message in capsys.readouterr().err


def test_a_newer_database_is_refused_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "newer.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    with engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
    engine.dispose()
    before = path.read_bytes()
    code = cli.main(["--db", str(path), "report", "--year", "2023", "--json", str(tmp_path / "o")])
    assert code == 1
    err = capsys.readouterr().err
    assert "newer version of complaints_desktop" in err
    assert "Traceback" not in err
    assert path.read_bytes() == before


def test_a_database_that_is_not_a_database_gets_a_plain_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("these are my notes, not a database\n" * 50)
    code = cli.main(["--db", str(bogus), "report", "--year", "2023", "--json", str(tmp_path / "o")])
    assert code == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "not a complaints database" in err or "not a database" in err
    assert bogus.read_text().startswith("these are my notes")


@pytest.mark.slow
def test_commands_never_import_qt(tmp_path: Path) -> None:
    probe = (
        "import sys; from complaints_desktop import cli; "
        f"cli.main(['--db', {str(tmp_path / 'q.sqlite3')!r}, 'report', '--year', '2023']); "
        "print('PySide6' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert out.stdout.strip().endswith("False")


def test_report_text_keeps_the_words_and_a_bad_file_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "c.sqlite3")
    words = tmp_path / "words.md"
    words.write_text("# Executive summary\nA calm year.\n", encoding="utf-8")
    docx = tmp_path / "r.docx"
    code = cli.main(["--db", db, "report", "--year", "2023", "--text", str(words)])
    assert code == 0
    out = capsys.readouterr().out
    assert "Kept 1 part(s)" in out
    assert "DRAFT until these are written: Review of the effectiveness" in out
    words.write_text("# Executive summary\nChanged.\n# Sumary\nx\n", encoding="utf-8")
    code = cli.main(["--db", db, "report", "--year", "2023", "--text", str(words)])
    assert code == 2
    assert "line 3: 'Sumary' is not a part of the report" in capsys.readouterr().err
    code = cli.main(["--db", db, "report", "--year", "2023", "--docx", str(docx)])
    assert code == 0
    import docx as word

    text = " ".join(p.text for p in word.Document(str(docx)).paragraphs)
    assert "A calm year." in text
    assert "Changed." not in text


def test_output_redirected_in_cp1252_never_fails_after_the_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows writes redirected output in the ANSI code page, which has no Ł or ź."""
    redirected = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
    monkeypatch.setattr(sys, "stdout", redirected)
    db = tmp_path / "complaints.sqlite3"
    assert cli.main(["--db", str(db), "demo", "--cases", "2"]) == 0
    dest = tmp_path / "Łódź backup.sqlite3"
    assert cli.main(["--db", str(db), "backup", str(dest)]) == 0
    assert dest.is_file()
    redirected.flush()
    said = redirected.buffer.getvalue().decode("cp1252")  # type: ignore[attr-defined]
    assert "Backup written to" in said
    assert "?ód? backup.sqlite3" in said
