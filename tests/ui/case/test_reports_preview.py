"""UI: previewing each report off the UI thread, Cancel, and the year's review printed."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from complaints_desktop.services import caselog
from complaints_desktop.services.env import Env
from complaints_desktop.ui.views import report_options
from complaints_desktop.ui.views.reports import ReportsView
from tests.conftest import MERTON
from tests.pdftext import reading_text
from tests.shots import shoot
from tests.ui.case.conftest import simple_case, stage2_case


def _view(qtbot: Any, env: Env) -> ReportsView:
    view = ReportsView(env)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    return view


def _choose(qtbot: Any, view: ReportsView, key: str) -> None:
    view.report.setFocus()
    while view.report.currentData() != key:  # as a user would, with the arrow keys
        qtbot.keyClick(view.report, Qt.Key.Key_Down)


def _preview(qtbot: Any, view: ReportsView) -> None:
    qtbot.mouseClick(view.preview_button, Qt.MouseButton.LeftButton)
    assert view.problems.text() == ""
    qtbot.waitUntil(lambda: not view.is_busy(), timeout=60000)
    assert view.problems.text() == ""


def test_the_merton_year_previews_with_the_review_saved_for_it(
    qtbot: Any, env: Env, tmp_path: Path
) -> None:
    result = caselog.import_file(env, MERTON / "cases.csv", create_missing=True)
    assert not getattr(result, "problems", None)
    view = _view(qtbot, env)
    assert view.report.currentData() == "annual"
    view.year.setFocus()
    while view.year.currentData() != 2022:
        qtbot.keyClick(view.year, Qt.Key.Key_Down)
    assert view.commentary.title() == "The team's words for 2022/23"
    assert view.commentary.isVisible()
    qtbot.keyClicks(view.commentary.text, "Response times improved after the duty rota change.")
    assert view.has_unsaved_changes()
    qtbot.mouseClick(view.commentary.save_button, Qt.MouseButton.LeftButton)
    assert not view.has_unsaved_changes()
    assert view.commentary.state.text().startswith("Saved.")

    _preview(qtbot, view)
    assert view.preview.page_count() >= 3
    assert view.preview.print_button.isEnabled()
    assert view.preview.suggested_name == "annual-report-2022-23.pdf"
    assert "page(s)" in view.status.text()
    text = reading_text(view.preview.pdf())
    assert "Response times improved after the duty rota change." in text
    assert "2022" in text
    shoot(view, "reports_annual_merton.png")

    other = tmp_path / "saved.pdf"
    view.preview.save_to(other)
    assert other.read_bytes()[:5] == b"%PDF-"

    qtbot.keyClick(view.year, Qt.Key.Key_Up)  # other choices: the old preview goes
    assert view.preview.page_count() == 0
    assert not view.preview.print_button.isEnabled()
    assert "press Preview" in view.status.text()


def test_switching_year_with_an_unsaved_review_asks_first(
    qtbot: Any, env: Env, no_confirm: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from complaints_desktop.ui.dialogs import _base

    view = _view(qtbot, env)
    first = view.year.currentData()
    qtbot.keyClicks(view.commentary.text, "A draft")
    answers = [False]
    monkeypatch.setattr(_base, "confirm_discard", lambda *_a: answers.pop(0))
    view.year.setFocus()
    qtbot.keyClick(view.year, Qt.Key.Key_Down)
    assert answers == []  # asked once, and the answer was 'keep editing'
    assert view.year.currentData() == first
    assert view.commentary.text.toPlainText() == "A draft"
    monkeypatch.setattr(_base, "confirm_discard", lambda *_a: True)
    qtbot.keyClick(view.year, Qt.Key.Key_Down)
    assert view.year.currentData() == first - 1
    assert view.commentary.text.toPlainText() == ""


def test_cancel_stops_the_preview(qtbot: Any, env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def slow(*args: Any) -> bytes:
        ticket = args[-1]
        release.wait(5)
        ticket.check()
        return b"%PDF-never shown"

    monkeypatch.setattr(report_options, "build_pdf", slow)
    view = _view(qtbot, env)
    qtbot.mouseClick(view.preview_button, Qt.MouseButton.LeftButton)
    assert view.is_busy()
    assert not view.preview_button.isEnabled()
    qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    release.set()
    assert view.status.text() == "Cancelled."
    assert view.preview_button.isEnabled()
    qtbot.wait(200)
    assert view.preview.page_count() == 0


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("period", ["1 April 2025", "30 June 2025"]),
        ("overdue", ["Overdue"]),
        ("ombudsman", ["Ombudsman"]),
        ("actions", ["action"]),
    ],
)
def test_each_other_report_previews(
    qtbot: Any, env: Env, tmp_path: Path, key: str, words: list[str]
) -> None:
    simple_case(env, received=date(2026, 7, 1))
    stage2_case(env)
    view = _view(qtbot, env)
    _choose(qtbot, view, key)
    assert not view.commentary.isVisible()
    if key == "period":
        assert view.by_period.isChecked()
        view.quarter.setFocus()
        qtbot.keyClick(view.quarter, Qt.Key.Key_Down)  # quarter 1 of the year chosen
        view.quarter.activated.emit(view.quarter.currentIndex())
        assert view.start.text() == "01/04/2025"
        assert view.end.text() == "30/06/2025"
    if key in ("overdue", "actions"):
        assert not view.year.isEnabled()
        assert not view.threshold_box.isVisible()
    _preview(qtbot, view)
    assert view.preview.page_count() >= 1
    text = reading_text(view.preview.pdf())
    for word in words:
        assert word.lower() in text.lower()
    shoot(view, f"reports_{key}.png")


def test_threshold_zero_says_internal(qtbot: Any, env: Env) -> None:
    view = _view(qtbot, env)
    assert "'c'" in view.suppress_note.text()
    view.suppress.selectAll()
    qtbot.keyClicks(view.suppress, "0")
    assert "INTERNAL" in view.suppress_note.text()


def test_the_team_writes_each_part_of_the_report_in_the_app(qtbot: Any, env: Env) -> None:
    from complaints_desktop.services import annual_report

    result = caselog.import_file(env, MERTON / "cases.csv", create_missing=True)
    assert not getattr(result, "problems", None)
    view = _view(qtbot, env)
    view.year.setFocus()
    while view.year.currentData() != 2022:
        qtbot.keyClick(view.year, Qt.Key.Key_Down)
    editor = view.commentary
    assert editor.part.currentText() == "Review of the effectiveness of the procedure (required)"
    editor.part.setFocus()
    while editor.part.currentData() != "summary":
        qtbot.keyClick(editor.part, Qt.Key.Key_Up)
    assert editor.part.currentText() == "Executive summary (required)"
    assert editor.text.toPlainText() == ""
    qtbot.keyClicks(editor.text, "Fewer complaints, answered faster.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.state.text().startswith("Saved.")
    assert annual_report.get_texts(env, 2022)["summary"] == "Fewer complaints, answered faster."
    assert annual_report.missing_required(annual_report.get_texts(env, 2022)) == [
        "Review of the effectiveness of the procedure"
    ]
    while editor.part.currentData() != "review":
        qtbot.keyClick(editor.part, Qt.Key.Key_Down)
    assert editor.text.toPlainText() == ""


def test_highlights_and_a_conclusion_written_in_the_app_are_printed(qtbot: Any, env: Env) -> None:
    from complaints_desktop.services import annual_report

    result = caselog.import_file(env, MERTON / "cases.csv", create_missing=True)
    assert not getattr(result, "problems", None)
    view = _view(qtbot, env)
    view.year.setFocus()
    while view.year.currentData() != 2022:
        qtbot.keyClick(view.year, Qt.Key.Key_Down)
    editor = view.commentary
    editor.part.setFocus()
    while editor.part.currentData() != "highlights":
        qtbot.keyClick(editor.part, Qt.Key.Key_Up)
    assert editor.part.currentText() == "Highlights"
    _type_lines(qtbot, editor.text, "- Every complaint answered", "- A new advocate")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    editor.part.setFocus()
    while editor.part.currentData() != "conclusion":
        qtbot.keyClick(editor.part, Qt.Key.Key_Down)
    assert editor.part.currentText() == "Conclusion"
    qtbot.keyClicks(editor.text, "A steady year.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    texts = annual_report.get_texts(env, 2022)
    assert texts["highlights"] == "- Every complaint answered\n- A new advocate"
    assert texts["conclusion"] == "A steady year."
    _preview(qtbot, view)
    text = " ".join(reading_text(view.preview.pdf()).split())
    assert "Highlights of 2022/23 • Every complaint answered • A new advocate" in text
    assert "Conclusion A steady year." in text
    shoot(view, "reports_highlights.png")


def _type_lines(qtbot: Any, box: Any, *lines: str) -> None:
    for number, line in enumerate(lines):
        if number:
            qtbot.keyClick(box, Qt.Key.Key_Return)
        qtbot.keyClicks(box, line)


def test_the_code_report_takes_its_self_assessment_from_the_app(qtbot: Any, env: Env) -> None:
    from complaints_desktop.services import annual_report

    view = _view(qtbot, env)
    _choose(qtbot, view, "chc")
    assert view.commentary.isVisible()
    assert not view.by_period.isEnabled()  # the Code report is for a financial year
    assert not view.files_box.isEnabled()
    editor = view.commentary
    editor.part.setFocus()
    while editor.part.currentData() != "code_assessment":
        qtbot.keyClick(editor.part, Qt.Key.Key_Down)
    assert editor.part.currentText() == (
        "Self-assessment against the Complaint Handling Code (Code report, required)"
    )
    _type_lines(
        qtbot, editor.text, "## 1.2 Complaints are defined as in the Code", "Compliant: maybe"
    )
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "line 2: 'Compliant:' must be followed by yes, no or partly" in editor.problems.text()
    assert "code_assessment" not in annual_report.get_texts(env, editor.year)
    editor.text.selectAll()
    _type_lines(
        qtbot,
        editor.text,
        "## 1.2 Complaints are defined as in the Code",
        "Compliant: yes",
        "Evidence: Policy",
    )
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.state.text().startswith("Saved.")
    _preview(qtbot, view)
    text = reading_text(view.preview.pdf())
    assert "Complaint performance and service improvement report" in text
    assert "1.2 Complaints are defined as in the Code Yes Policy" in text
    assert "DRAFT" not in text
    assert view.preview.suggested_name.startswith("complaint-handling-code-report-")
    shoot(view, "reports_chc.png")
