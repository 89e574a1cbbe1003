"""UI: the audit trail screen — filters typed and clicked, readable changes, tamper check."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from complaints_desktop.services.database import open_database
from complaints_desktop.services.env import Env
from complaints_desktop.ui.models.audit import AuditColumn
from complaints_desktop.ui.views.audit import ANY_DAY, AuditView
from tests.services.test_retention import ON, seed
from tests.shots import shoot
from tests.ui.conftest import wait_for_workers

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def seeded_env(tmp_path: Path) -> Iterator[Env]:
    """The retention test cases (edits, notes, a legal hold, contacts) on tmp_path."""
    env = open_database(str(tmp_path / "dp.sqlite3"), user="officer.one", today=lambda: ON)
    seed(env)
    yield env
    wait_for_workers()
    env.engine.dispose()


@pytest.fixture
def dp_env(tmp_path: Path) -> Iterator[Env]:
    """See ``seeded_env``."""
    yield from seeded_env(tmp_path)


def shown(view: AuditView) -> list[tuple[str, str]]:
    m = view.model
    return [
        (m.index(r, AuditColumn.REFERENCE).data(), m.index(r, AuditColumn.ACTION).data())
        for r in range(m.rowCount())
    ]


def test_filters_typed_and_clicked(qtbot, dp_env: Env) -> None:
    view = AuditView(dp_env)
    qtbot.addWidget(view)
    view.resize(1100, 640)
    view.show()
    with qtbot.waitSignal(view.rows_shown, timeout=10000):
        qtbot.mouseClick(view.search_button, Qt.MouseButton.LeftButton)
    everything = view.model.rowCount()
    assert everything > 5
    assert view.start.text() == ANY_DAY
    qtbot.keyClicks(view.reference, "CSC/19/0001")
    with qtbot.waitSignal(view.rows_shown, timeout=10000):
        qtbot.keyClick(view.reference, Qt.Key.Key_Return)
    assert shown(view) == [
        ("CSC/19/0001", "Note"),
        ("CSC/19/0001", "Edit"),
        ("CSC/19/0001", "Create"),
    ]
    edit = view.model.index(1, AuditColumn.CHANGES).data()
    assert edit == "complainant email: imogen.q@example.org → imogen.new@example.org"
    assert view.summary.text() == "3 entries shown, newest first."
    view.resize(1100, 520)
    shoot(view, "audit_search.png")
    view.table.setFocus()
    view.table.selectRow(0)
    with qtbot.waitSignal(view.open_case_requested) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == ["CSC/19/0001"]
    qtbot.waitUntil(lambda: view.action.count() > 1)
    with qtbot.waitSignal(view.rows_shown, timeout=10000):
        qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == everything
    view.action.setCurrentIndex(view.action.findText("legal hold"))
    with qtbot.waitSignal(view.rows_shown, timeout=10000):
        qtbot.mouseClick(view.search_button, Qt.MouseButton.LeftButton)
    assert shown(view) == [("CSC/19/0003", "Legal hold")]
    view.action.setCurrentIndex(0)
    qtbot.keyClicks(view.user, "nobody")
    with qtbot.waitSignal(view.rows_shown, timeout=10000):
        qtbot.mouseClick(view.search_button, Qt.MouseButton.LeftButton)
    assert view.summary.text() == "No entry matches these filters."


def test_check_says_intact_then_names_the_tampered_entry(qtbot, dp_env: Env) -> None:
    view = AuditView(dp_env)
    qtbot.addWidget(view)
    view.resize(1100, 520)
    view.show()
    with qtbot.waitSignal(view.checked, timeout=10000) as done:
        qtbot.mouseClick(view.check_button, Qt.MouseButton.LeftButton)
    with dp_env.engine.connect() as conn:
        total = conn.execute(text("select count(*) from audit")).scalar()
    assert done.args == [f"The audit trail is intact ({total} entries)."]
    with dp_env.engine.begin() as conn:
        conn.execute(text("""update audit set "user" = 'intruder' where id = 2"""))
    with qtbot.waitSignal(view.rows_shown, timeout=10000):
        view.refresh()
    with qtbot.waitSignal(view.checked, timeout=10000) as done:
        qtbot.mouseClick(view.check_button, Qt.MouseButton.LeftButton)
    assert "FAILS its check: 1 of" in done.args[0]
    assert "entry number 2;" in done.args[0]
    row = next(r for r in range(view.model.rowCount()) if view.model.row_object(r).id == 2)
    assert view.model.index(row, AuditColumn.WHO).data() == "intruder"
    assert view.model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    shoot(view, "audit_tampered.png")
