"""UI: producing the reports off the UI thread, and importing / exporting the case log."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from complaints_desktop.services import cases
from complaints_desktop.services.env import Env
from complaints_desktop.ui.dialogs import import_export
from complaints_desktop.ui.dialogs.import_export import ImportExportDialog, split_problem
from complaints_desktop.ui.views import reports
from complaints_desktop.ui.views.reports import ReportsView
from tests.ui.case.conftest import simple_case, type_date


def _view(qtbot: Any, env: Env, folder: Path) -> ReportsView:
    view = ReportsView(env)
    qtbot.addWidget(view)
    view.show()
    view.folder.setText(str(folder))
    return view


def test_statistics_and_tables_for_a_financial_year(qtbot: Any, env: Env, tmp_path: Path) -> None:
    simple_case(env, received=date(2025, 10, 1))
    view = _view(qtbot, env, tmp_path)
    view.year.setCurrentIndex(view.year.findData(2025))
    view.outputs["pdf"].setChecked(False)
    qtbot.mouseClick(view.produce_button, Qt.MouseButton.LeftButton)
    assert view.cancel_button.isEnabled()  # the window stays usable while it works
    qtbot.waitUntil(lambda: not view.is_busy(), timeout=20000)
    assert view.problems.text() == ""
    names = sorted(p.name for p in view.written)
    assert names == [
        "complaints-2025-04-01-to-2026-03-31.json",
        "complaints-2025-04-01-to-2026-03-31.xlsx",
    ]
    stats = json.loads((tmp_path / names[0]).read_text())
    assert stats["period"] == {"from": "2025-04-01", "to": "2026-03-31"}
    assert stats["statutory"]["received"] == 1
    assert "Saved:" in view.status.text()


def test_a_period_that_ends_before_it_starts_is_refused(
    qtbot: Any, env: Env, tmp_path: Path
) -> None:
    view = _view(qtbot, env, tmp_path)
    qtbot.keyClicks(view.start, "01/10/2026")
    qtbot.keyClicks(view.end, "01/09/2026")
    assert view.by_period.isChecked()  # typing a date picks 'other period'
    qtbot.mouseClick(view.produce_button, Qt.MouseButton.LeftButton)
    assert "ends before it starts" in view.problems.text()
    assert not view.is_busy()
    type_date(qtbot, view.end, "31/10/2026")
    view.folder.setText(str(tmp_path / "missing"))
    qtbot.mouseClick(view.produce_button, Qt.MouseButton.LeftButton)
    assert "does not exist" in view.problems.text()


def test_cancel_stops_the_work_and_says_so(
    qtbot: Any, env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    release = threading.Event()

    def slow(_env: Any, _s: date, _e: date, _f: Path, _o: list[str], _n: int, ticket: Any) -> Any:
        release.wait(5)
        ticket.check()
        return [tmp_path / "never.json"]

    monkeypatch.setattr(reports, "produce", slow)
    view = _view(qtbot, env, tmp_path)
    qtbot.mouseClick(view.produce_button, Qt.MouseButton.LeftButton)
    assert view.is_busy()
    qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    release.set()
    assert view.status.text() == "Cancelled."
    assert view.produce_button.isEnabled()
    qtbot.wait(200)
    assert view.written == []


def _dialog(qtbot: Any, env: Env) -> ImportExportDialog:
    dialog = ImportExportDialog(env)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_import_problems_are_listed_and_saved_as_csv(
    qtbot: Any, env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "log.csv"
    source.write_text(
        "reference,procedure,received,s1_start\n"
        "A/1,statutory,2026-02-30,\n"
        "A/2,sideways,2026-03-01,2026-02-01\n",
        encoding="utf-8",
    )
    dialog = _dialog(qtbot, env)
    qtbot.keyClicks(dialog.path, str(source))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=20000)
    rows = dialog.problem_rows()
    assert rows, dialog.problems.text()
    assert rows[0][:2] == ("2", "received")
    assert any(r[0] == "3" and r[1] == "procedure" for r in rows)
    assert "Nothing was imported" in dialog.status.text()
    with pytest.raises(Exception, match="no complaint"):  # nothing was written
        cases.get(env, "A/1")

    target = tmp_path / "problems.csv"
    monkeypatch.setattr(import_export, "choose_save_path", lambda *_a: str(target))
    qtbot.mouseClick(dialog.save_problems, Qt.MouseButton.LeftButton)
    with target.open(encoding="utf-8-sig") as handle:
        saved = list(csv.reader(handle))
    assert saved[0] == ["row", "column", "problem"]
    assert saved[1:] == [list(r) for r in rows]


def test_a_clean_file_imports_and_export_writes_everything(
    qtbot: Any, env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "log.csv"
    source.write_text(
        "reference,procedure,received,relationship\nIMP/1,statutory,2026-03-02,parent\n",
        encoding="utf-8",
    )
    dialog = _dialog(qtbot, env)
    qtbot.keyClicks(dialog.path, str(source))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=20000)
    assert "Imported: 1 new" in dialog.status.text(), dialog.problems.text()
    assert cases.get(env, "IMP/1").relationship == "parent"

    target = tmp_path / "out.csv"
    monkeypatch.setattr(import_export, "choose_save_path", lambda *_a: str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled(), timeout=20000)
    assert "Exported 1 record(s)" in dialog.status.text()
    assert "IMP/1" in target.read_text(encoding="utf-8-sig")


def test_the_ombudsman_recommendations_log_is_chosen_and_imported_by_keys(
    qtbot: Any, env: Env, tmp_path: Path
) -> None:
    case = simple_case(env)
    cases.refer_ombudsman(env, case, "26 000 001", date(2026, 10, 20))
    case = cases.get(env, case.reference)
    cases.ombudsman_decision(env, case, date(2026, 11, 2), "upheld", 0, [])
    source = tmp_path / "recs.csv"
    source.write_text(
        f"reference,remedy,target\n{case.reference},Apologise in writing,2026-12-01\n",
        encoding="utf-8",
    )
    dialog = _dialog(qtbot, env)
    dialog.kind.setFocus()
    qtbot.keyClick(dialog.kind, Qt.Key.Key_End)  # the last log: Ombudsman recommendations
    assert dialog.kind.currentText() == "Ombudsman recommendations log"
    # it holds no personal details and replaces each case's recommendations
    assert not dialog.anonymised.isEnabled()
    assert not dialog.update_existing.isEnabled()
    qtbot.keyClicks(dialog.path, str(source))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=20000)
    assert "Imported 1 Ombudsman recommendation(s) on 1 complaint(s)." in dialog.status.text()
    saved = cases.get(env, case.reference).ombudsman
    assert saved is not None
    assert [r.description for r in saved.recommendations] == ["Apologise in writing"]


def test_problem_text_is_split_into_row_column_and_words() -> None:
    assert split_problem("row 12, column received: not a date") == ("12", "received", "not a date")
    assert split_problem("row 3: too many cells") == ("3", "", "too many cells")
    assert split_problem("The file is empty.") == ("", "", "The file is empty.")


def test_closing_with_a_file_chosen_but_not_imported_asks(
    qtbot: Any, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    from complaints_desktop.ui.dialogs import _base

    answers = [False, True]
    monkeypatch.setattr(_base, "confirm_discard", lambda *_a: answers.pop(0))
    dialog = _dialog(qtbot, env)
    qtbot.keyClicks(dialog.path, "/somewhere/log.csv")
    qtbot.keyClick(dialog.path, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    qtbot.keyClick(dialog.path, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert answers == []
