"""UI: the complaint list — search as you type, filters, limits, ordering, Enter opens."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from complaints_desktop.domain.errors import KnownError
from complaints_desktop.domain.views import SearchCriteria
from complaints_desktop.services import queries
from complaints_desktop.services.env import Env
from complaints_desktop.ui.models.cases import CaseColumn, CaseListModel
from complaints_desktop.ui.views import complaint_list
from complaints_desktop.ui.views.complaint_list import ComplaintListView
from tests.ui.conftest import TODAY

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def view(qtbot, env: Env) -> ComplaintListView:
    widget = ComplaintListView(env)
    qtbot.addWidget(widget)
    widget.show()
    with qtbot.waitSignal(widget.results_shown, timeout=10000):
        widget.refresh()
    return widget


def references(view: ComplaintListView) -> list[str]:
    return [view.model.index(r, CaseColumn.REFERENCE).data() for r in range(view.model.rowCount())]


def test_every_complaint_newest_first(view: ComplaintListView) -> None:
    assert references(view)[:3] == ["CSC/26/0003", "CSC/26/0007", "CSC/26/0004"]
    assert view.status_line.text() == "8 complaints"


def test_typing_searches_once_after_a_pause(qtbot, view: ComplaintListView) -> None:
    shown: list[tuple[int, int]] = []
    view.results_shown.connect(lambda rows, total: shown.append((rows, total)))
    with qtbot.waitSignal(view.results_shown, timeout=10000):
        qtbot.keyClicks(view.search, "okafor")
    qtbot.wait(300)
    assert shown == [(1, 1)]  # one query for six key presses
    assert references(view) == ["CSC/26/0002"]
    assert view.status_line.text() == "1 complaint"


def test_search_finds_child_team_and_summary_words(qtbot, view: ComplaintListView) -> None:
    for text, expected in (
        ("Sam Brown", ["CSC/26/0001"]),
        ("grandparents", ["CSC/26/0003"]),
        ("children in care", ["CSC/26/0002", "CSC/24/0008"]),
        ("nobody-like-this", []),
    ):
        view.search.clear()
        with qtbot.waitSignal(view.results_shown, timeout=10000):
            qtbot.keyClicks(view.search, text)
            qtbot.keyClick(view.search, Qt.Key.Key_Return)
        assert references(view) == expected, text
    assert view.status_line.text() == "No complaints match. Try fewer words or filters."


def test_filters(qtbot, view: ComplaintListView) -> None:
    with qtbot.waitSignal(view.results_shown, timeout=10000):
        view.procedure.setCurrentIndex(view.procedure.findText("Corporate"))
    assert references(view) == ["CORP/25/0006"]
    with qtbot.waitSignal(view.results_shown, timeout=10000):
        view.clear_filters()
    with qtbot.waitSignal(view.results_shown, timeout=10000):
        view.status.setCurrentIndex(view.status.findText("Responded"))
    assert references(view) == ["CSC/26/0005"]
    with qtbot.waitSignal(view.results_shown, timeout=10000):
        view.clear_filters()
    with qtbot.waitSignal(view.results_shown, timeout=10000):
        view.stage.setCurrentIndex(view.stage.findText("Stage 3"))
    assert references(view) == ["CSC/24/0008"]


def test_team_filter_lists_the_teams(qtbot, view: ComplaintListView) -> None:
    qtbot.waitUntil(lambda: view.team.count() == 3, timeout=10000)
    assert [view.team.itemText(i) for i in range(3)] == ["Any", "Children in Care", "Fostering"]
    with qtbot.waitSignal(view.results_shown, timeout=10000):
        view.team.setCurrentIndex(1)
    assert references(view) == ["CSC/26/0002", "CSC/24/0008"]


def test_received_between(qtbot, view: ComplaintListView) -> None:
    view.date_from.setDate(view.date_from.date().fromString("2026-03-01", "yyyy-MM-dd"))
    view.date_to.setDate(view.date_to.date().fromString("2026-03-09", "yyyy-MM-dd"))
    assert not view.date_from.isEnabled()
    with qtbot.waitSignal(view.results_shown, timeout=10000):
        qtbot.mouseClick(view.dates, Qt.MouseButton.LeftButton)
    assert view.date_from.isEnabled()
    assert references(view) == ["CSC/26/0007", "CSC/26/0004"]


def test_overdue_only_says_overdue_in_words(qtbot, view: ComplaintListView) -> None:
    with qtbot.waitSignal(view.results_shown, timeout=10000):
        qtbot.mouseClick(view.overdue, Qt.MouseButton.LeftButton)
    assert references(view) == ["CSC/26/0001", "CORP/25/0006"]
    assert view.model.index(0, CaseColumn.NEXT_DUE).data() == "OVERDUE 2 Mar 2026"
    assert view.model.index(0, CaseColumn.WHAT_IS_DUE).data() == "Stage 1 response"
    icon = view.model.index(0, CaseColumn.NEXT_DUE).data(Qt.ItemDataRole.DecorationRole)
    assert not icon.isNull()


def test_more_matches_than_shown_says_so(qtbot, env: Env, monkeypatch) -> None:
    monkeypatch.setattr(complaint_list, "LIMIT", 3)
    widget = ComplaintListView(env)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.results_shown, timeout=10000) as shown:
        widget.refresh()
    assert shown.args == [3, 8]
    assert widget.model.rowCount() == 3
    assert widget.status_line.text() == ("Showing the first 3 of 8 complaints; refine your search.")


def test_heading_click_orders_in_the_database(qtbot, view: ComplaintListView) -> None:
    with qtbot.waitSignal(view.results_shown, timeout=10000):
        view.table.sortByColumn(CaseColumn.COMPLAINANT, Qt.SortOrder.AscendingOrder)
    names = [view.model.index(r, CaseColumn.COMPLAINANT).data() for r in range(3)]
    assert names == ["Alice Brown", "Bola Okafor", "Chen Li"]
    with qtbot.waitSignal(view.results_shown, timeout=10000):
        view.table.sortByColumn(CaseColumn.COMPLAINANT, Qt.SortOrder.DescendingOrder)
    assert view.model.index(0, CaseColumn.COMPLAINANT).data() == "Hana Ito"


def test_enter_in_search_moves_to_results_and_enter_opens(qtbot, view: ComplaintListView) -> None:
    with qtbot.waitSignal(view.results_shown, timeout=10000):
        qtbot.keyClicks(view.search, "Farah")
        qtbot.keyClick(view.search, Qt.Key.Key_Return)
    view.table.setFocus()
    view.table.selectRow(0)
    with qtbot.waitSignal(view.open_case_requested) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Enter)
    assert opened.args == ["CORP/25/0006"]


def test_locked_database_message(qtbot, view: ComplaintListView, monkeypatch) -> None:
    def locked(_env: Env, _criteria: SearchCriteria):
        raise KnownError("The database is busy (another program is writing to it).")

    monkeypatch.setattr(queries, "search_cases", locked)
    with qtbot.waitSignal(view.error_occurred, timeout=10000) as error:
        view.run_search()
    assert "busy" in error.args[0]
    assert view.status_line.text() == "The search could not be run."


def test_case_list_model_is_a_good_qt_model(qtmodeltester, env: Env) -> None:
    model = CaseListModel(TODAY)
    model.set_rows(queries.search_cases(env, SearchCriteria()).rows)
    qtmodeltester.check(model)
