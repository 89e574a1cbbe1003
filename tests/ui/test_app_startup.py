"""Start-up: a database that cannot be opened gets its explanation and a way out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from complaints_desktop import app
from complaints_desktop.services import safety
from complaints_desktop.services.database import open_database
from complaints_desktop.storage.engine import make_engine
from complaints_desktop.ui.views import startup_problem

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def smoke(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("COMPLAINTS_DESKTOP_SMOKE", "1")
    monkeypatch.setattr(app, "_daily_backup", lambda env, window: None)
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))


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
    assert QSettings(app.ORGANISATION, app.APPLICATION).value("window/geometry") is None
