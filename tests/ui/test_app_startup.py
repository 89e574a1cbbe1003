"""Start-up: a database that cannot be opened gets its explanation and a way out."""

from __future__ import annotations

import logging
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from complaints_desktop import app, config
from complaints_desktop.services import safety
from complaints_desktop.services.database import open_database
from complaints_desktop.storage.engine import make_engine
from complaints_desktop.ui.views import startup_problem

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def smoke(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setenv("COMPLAINTS_DESKTOP_SMOKE", "1")
    monkeypatch.setattr(app, "_daily_backup", lambda env, window: None)
    monkeypatch.setattr(config, "data_dir", lambda: tmp_path / "data")  # the log file
    from PySide6.QtCore import QSettings

    # Window settings in an INI file of the test's own (on Windows the native format is the
    # registry, which QSettings.setPath does not move).
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    yield
    QSettings.setDefaultFormat(QSettings.Format.NativeFormat)
    app.close_logging()


def test_a_newer_database_is_explained_and_quitting_leaves_it(
    qapp, smoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "newer.sqlite3"
    open_database(str(db)).engine.dispose()
    engine = make_engine(f"sqlite:///{db}")
    with engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
    engine.dispose()
    before = db.read_bytes()
    seen: list[str] = []

    def ask(parent, message, way_out, latest):  # type: ignore[no-untyped-def]
        seen.append(message)
        return startup_problem.Choice("quit")

    monkeypatch.setattr(startup_problem, "ask", ask)
    assert app.run(["--db", str(db)]) == 1
    assert "newer version" in seen[0]
    assert db.read_bytes() == before


def test_a_damaged_database_can_be_restored_from_its_backup_and_the_window_opens(
    qapp, smoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "live.sqlite3"
    env = open_database(str(db))
    backup = safety.backup(env, None)
    env.engine.dispose()
    db.write_bytes(b"this is not a database any more" * 100)
    for extra in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        extra.unlink(missing_ok=True)
    offered: list[Path | None] = []

    def ask(parent, message, way_out, latest):  # type: ignore[no-untyped-def]
        offered.append(latest)
        return startup_problem.Choice("restore", latest)

    monkeypatch.setattr(startup_problem, "ask", ask)
    assert app.run(["--db", str(db)]) == 0
    assert offered == [backup]
    assert "window shown" in capsys.readouterr().out
    shutil.rmtree(tmp_path / "backups", ignore_errors=True)


def test_a_smoke_run_leaves_the_officers_window_size_alone(
    qapp, smoke, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from PySide6.QtCore import QSettings

    db = tmp_path / "live.sqlite3"
    open_database(str(db)).engine.dispose()
    assert app.run(["--db", str(db)]) == 0
    assert "queue loaded" in capsys.readouterr().out
    # an offscreen screen's size would otherwise become the officer's next window
    assert QSettings().value("window/geometry") is None


def test_errors_go_to_a_log_file_in_the_data_folder(tmp_path: Path) -> None:
    """The windowed exe has no console: the log file is where an error's details go."""
    try:
        path = app.setup_logging(tmp_path / "data", debug=False)
        assert path == tmp_path / "data" / "complaints_desktop.log"
        logging.getLogger("complaints_desktop").info("not kept: below a warning")
        logging.getLogger("complaints_desktop").error("Could not open the database")
        assert path.read_text(encoding="utf-8").endswith(
            "ERROR complaints_desktop: Could not open the database\n"
        )
        assert "not kept" not in path.read_text(encoding="utf-8")
    finally:
        app.close_logging()


def test_an_unexpected_error_tells_where_its_details_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []

    class Window:
        def show_message(self, text: str) -> None:
            shown.append(text)

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    try:
        path = app.setup_logging(tmp_path, debug=False)
        app._install_excepthook(Window(), debug=False)
        try:
            raise ValueError("a bug")
        except ValueError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        assert shown[0].endswith(f"The details are in the log file {path}.")
        assert "ValueError: a bug" in path.read_text(encoding="utf-8")
    finally:
        app.close_logging()
