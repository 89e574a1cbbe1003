"""Start-up on a server that cannot be reached: said plainly, with "Try again"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from complaints_desktop import app
from complaints_desktop.ui.views import startup_problem

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

NOWHERE = "postgresql://officer:secret@127.0.0.1:1/complaints"  # nothing listens on port 1


def test_an_unreachable_server_is_said_plainly_and_can_be_tried_again(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPLAINTS_DESKTOP_SMOKE", "1")
    monkeypatch.setattr(app, "_daily_backup", lambda env, window: None)
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    asked: list[tuple[str, bool]] = []
    answers = ["retry", "quit"]

    def ask(parent, message, way_out, latest, *, retry=False):  # type: ignore[no-untyped-def]
        asked.append((message + " " + way_out, retry))
        return startup_problem.Choice(answers.pop(0))

    monkeypatch.setattr(startup_problem, "ask", ask)
    assert app.run(["--db", NOWHERE]) == 1
    # run() quit the application; a quit still pending would end the next test's waits at
    # once. One more turn of the application's loop takes it (and leaves no quit behind).
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, qapp.quit)
    qapp.exec()
    assert len(asked) == 2  # asked, tried again, asked again
    said, offered_retry = asked[0]
    assert said.startswith("The database server could not be reached")
    assert "try again" in said
    assert "secret" not in said
    assert offered_retry
