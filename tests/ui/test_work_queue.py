"""UI: the work queue as an officer sees it — groups, words for overdue, the rule, Enter."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon

from complaints_desktop.domain.errors import KnownError
from complaints_desktop.domain.views import QueueGroup
from complaints_desktop.services import queries
from complaints_desktop.services.env import Env
from complaints_desktop.ui.models.queue import QueueColumn, QueueModel
from complaints_desktop.ui.views.work_queue import WorkQueueView, summary_html, write_summary_pdf
from tests.ui.conftest import TODAY

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def view(qtbot, env: Env) -> WorkQueueView:
    widget = WorkQueueView(env)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.queue_loaded, timeout=10000):
        widget.refresh()
    return widget


def cell(view: WorkQueueView, row: int, column: QueueColumn, role=Qt.ItemDataRole.DisplayRole):
    return view.model.index(row, column).data(role)


def test_lines_say_what_when_and_which_rule(view: WorkQueueView) -> None:
    shown = [cell(view, r, QueueColumn.REFERENCE) for r in range(view.model.rowCount())]
    assert shown == [
        "CORP/25/0006",
        "CSC/26/0001",
        "CSC/26/0002",
        "CSC/26/0003",
        "CSC/26/0004",
        "CORP/25/0006",
        "CSC/26/0005",
    ]
    assert cell(view, 1, QueueColumn.GROUP) == "Overdue"
    assert cell(view, 1, QueueColumn.WHEN) == "Overdue by 7 working days"
    assert cell(view, 1, QueueColumn.WHAT) == "Stage 1 response"
    assert cell(view, 1, QueueColumn.DUE) == "2 Mar 2026"
    assert "10 working days from start of stage 1 (16 February 2026)" in cell(
        view, 1, QueueColumn.RULE
    )
    assert cell(view, 2, QueueColumn.WHEN) == "Due today"
    assert cell(view, 3, QueueColumn.WHEN) == "Due tomorrow"
    assert cell(view, 6, QueueColumn.WHEN).startswith("Window open")
    assert view.summary.text().startswith("2 overdue; 1 due today; 1 awaiting acknowledgement")


def test_overdue_is_marked_by_icon_and_bold_text_not_colour_alone(view: WorkQueueView) -> None:
    icon = cell(view, 1, QueueColumn.WHEN, Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon)
    assert not icon.isNull()
    assert cell(view, 1, QueueColumn.WHEN, Qt.ItemDataRole.FontRole).bold()
    plain = cell(view, 4, QueueColumn.WHEN, Qt.ItemDataRole.DecorationRole)
    assert plain is None or plain.isNull()


def test_the_selected_line_is_spelled_out_below_the_list(view: WorkQueueView) -> None:
    view.table.selectRow(1)
    assert view.detail.text() == (
        "CSC/26/0001: Stage 1 response, due 2 March 2026 (overdue by 7 working days). "
        "Rule: 10 working days from start of stage 1 (16 February 2026), "
        "Children Act 1989 representations procedure."
    )


def test_show_one_group(view: WorkQueueView) -> None:
    assert view.show_combo.itemText(1) == "Overdue (2)"
    view.select_group(QueueGroup.DUE_TODAY)
    assert view.model.rowCount() == 1
    assert cell(view, 0, QueueColumn.REFERENCE) == "CSC/26/0002"
    view.select_group(QueueGroup.REMEDY_DUE)
    assert cell(view, 0, QueueColumn.WHAT) == "Ombudsman remedy: Pay £300"


def test_enter_opens_the_selected_case(qtbot, view: WorkQueueView) -> None:
    view.show()
    view.table.setFocus()
    view.table.selectRow(2)
    with qtbot.waitSignal(view.open_case_requested) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == ["CSC/26/0002"]


def test_double_click_opens_the_case(qtbot, view: WorkQueueView) -> None:
    view.show()
    rect = view.table.visualRect(view.model.index(1, QueueColumn.REFERENCE))
    viewport = view.table.viewport()
    with qtbot.waitSignal(view.open_case_requested) as opened:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == ["CSC/26/0001"]


def test_empty_queue_says_so(qtbot, empty_env: Env) -> None:
    widget = WorkQueueView(empty_env)
    qtbot.addWidget(widget)
    widget.show()
    with qtbot.waitSignal(widget.queue_loaded, timeout=10000):
        widget.refresh()
    assert widget.table.isHidden()
    assert "Nothing is due" in widget.empty.text()


def test_a_database_problem_is_reported_in_words(qtbot, env: Env, monkeypatch) -> None:
    def busy(_env: Env) -> list:
        raise KnownError("The database is busy. Try again in a moment.")

    monkeypatch.setattr(queries, "work_queue", busy)
    widget = WorkQueueView(env)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.error_occurred, timeout=10000) as error:
        widget.refresh()
    assert error.args == ["The database is busy. Try again in a moment."]
    assert widget.summary.text() == "The work queue could not be loaded."


def test_queue_model_is_a_good_qt_model(qtmodeltester, env: Env) -> None:
    model = QueueModel(TODAY)
    model.set_rows(queries.work_queue(env))
    qtmodeltester.check(model)
    model.sort(QueueColumn.DUE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_daily_summary_pdf(env: Env, tmp_path: Path) -> None:
    items = queries.work_queue(env)
    html = summary_html(items, TODAY)
    assert "Work queue for Wednesday 11 March 2026" in html
    assert "Overdue by 7 working days" in html
    path = tmp_path / "summary.pdf"
    write_summary_pdf(items, TODAY, str(path))
    assert path.read_bytes().startswith(b"%PDF")


def test_on_a_weekend_overdue_is_one_count_and_every_overdue_line_has_its_icon(
    qtbot, env: Env
) -> None:
    from datetime import date

    from complaints_desktop.domain.model import Case, Person, Stage
    from complaints_desktop.services import cases

    # Received Wednesday 11 March: its acknowledgement was due Friday 13 March.
    cases.create(
        env,
        Case(
            procedure="statutory",
            received=TODAY,
            complainant=Person(name="Fay Weekend"),
            stages=[Stage(number=1, start=TODAY)],
        ),
    )
    saturday = Env(engine=env.engine, user=env.user, today=lambda: date(2026, 3, 14))
    widget = WorkQueueView(saturday)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.queue_loaded, timeout=10000):
        widget.refresh()
    groups = [cell(widget, r, QueueColumn.GROUP) for r in range(widget.model.rowCount())]
    overdue_rows = [r for r, g in enumerate(groups) if g == "Overdue"]
    whens = [cell(widget, r, QueueColumn.WHEN) for r in overdue_rows]
    assert "Overdue" in whens  # due Friday: no working day has passed, still overdue
    for row in overdue_rows:
        icon = cell(widget, row, QueueColumn.WHEN, Qt.ItemDataRole.DecorationRole)
        assert isinstance(icon, QIcon)
        assert not icon.isNull(), cell(widget, row, QueueColumn.REFERENCE)
    assert widget.summary.text().startswith(f"{len(overdue_rows)} overdue;")
    html = summary_html(queries.work_queue(saturday), date(2026, 3, 14))
    assert f"<p>{len(overdue_rows)} overdue; " in html
    assert f"<h3>Overdue ({len(overdue_rows)})</h3>" in html
