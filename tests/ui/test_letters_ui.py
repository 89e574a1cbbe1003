"""Letters in the window: the case's Letters dialog, today's acknowledgements in one batch,
and the Letter wording settings tab — driven as an officer would."""

from __future__ import annotations

import dataclasses
import threading
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog

from complaints_desktop.domain import workflow
from complaints_desktop.domain.model import Case, Child, Person
from complaints_desktop.services import access, cases, letters, many_cases
from complaints_desktop.services import settings as settings_service
from complaints_desktop.services.database import open_database
from complaints_desktop.services.env import Env
from complaints_desktop.ui.dialogs import letter_dialog
from complaints_desktop.ui.dialogs.batch_letters import BatchLettersDialog
from complaints_desktop.ui.dialogs.letter_dialog import LetterDialog
from complaints_desktop.ui.views.case_view import CaseView
from complaints_desktop.ui.views.settings import SettingsView
from complaints_desktop.ui.views.settings_letters import LetterWordingPage
from complaints_desktop.ui.views.work_queue import WorkQueueView
from tests.ui.conftest import wait_for_workers

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TODAY = date(2026, 3, 11)  # a Wednesday
ADDRESS = "Flat 12, Ashdown House\n14 Long Street\nNorthmoor NM4 7QT"


@pytest.fixture
def env(tmp_path: Path) -> Any:
    env = open_database(str(tmp_path / "letters.sqlite3"), user="officer", today=lambda: TODAY)
    settings_service.save_council(env, settings_service.CouncilDetails(**letters.DEMO_COUNCIL))
    yield env
    wait_for_workers()
    env.engine.dispose()


def new_case(env: Env, address: str = ADDRESS, **kw: Any) -> Case:
    kw.setdefault("relationship", "parent")
    kw.setdefault("child", Child(name="Mia Jones"))
    case = Case(
        procedure="statutory",
        received=TODAY - timedelta(days=2),
        complainant=Person(name="Dawn Jones", address=address),
        summary="Missed contact visits",
        **kw,
    )
    return cases.create(env, case)


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def sent(env: Env, reference: str) -> list[tuple[str, date, str]]:
    return [(x.template, x.sent_on, x.by) for x in cases.get(env, reference).letters]


# -- one letter ---------------------------------------------------------------------------
def test_letters_dialog_previews_prints_and_records_the_acknowledgement(
    qtbot: Any, env: Env, tmp_path: Path
) -> None:
    case = new_case(env)
    dialog = LetterDialog(env, case.reference)
    qtbot.addWidget(dialog)
    titles = [dialog.templates.item(i).text() for i in range(dialog.templates.count())]
    assert titles[0] == "Acknowledgement"
    assert titles[1] == "Stage 1 response cover"
    assert dialog.preview.page_count() > 0  # the first letter is shown straight away
    assert dialog.record_ack.isVisible() or not dialog.isVisible()
    assert dialog.record_ack.isChecked()
    assert "11 March 2026" in dialog.record_ack.text()

    dialog.preview.print_to(pdf_printer(tmp_path / "printed.pdf"))

    assert sent(env, case.reference) == [("acknowledgement", TODAY, "officer")]
    stage = cases.get(env, case.reference).stages[0]
    assert stage.acknowledged == TODAY
    assert "logged on the case" in dialog.status.text()
    assert "recorded as the acknowledgement date" in dialog.status.text()
    assert not dialog.record_ack.isEnabled()  # already acknowledged now
    assert "already acknowledged on 11 March 2026" in dialog.ack_note.text()
    assert dialog.produced == "acknowledgement"


def test_unticked_acknowledgement_is_logged_but_not_recorded_and_save_logs(
    qtbot: Any, env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = new_case(env)
    dialog = LetterDialog(env, case.reference)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.record_ack, Qt.MouseButton.LeftButton)
    assert not dialog.record_ack.isChecked()
    assert "left empty" in dialog.ack_note.text()
    out = tmp_path / "ack.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    qtbot.mouseClick(dialog.preview.save_button, Qt.MouseButton.LeftButton)
    assert out.read_bytes().startswith(b"%PDF")
    assert sent(env, case.reference) == [("acknowledgement", TODAY, "officer")]
    assert cases.get(env, case.reference).stages[0].acknowledged is None
    assert "saved and logged" in dialog.status.text()


def test_a_letter_without_a_postal_address_says_what_it_needs(qtbot: Any, env: Env) -> None:
    case = new_case(env, address="")
    dialog = LetterDialog(env, case.reference)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.needs.isVisible()
    assert "This letter needs" in dialog.needs.text()
    assert "no postal address" in dialog.needs.text()
    assert not dialog.preview.isVisible()
    assert dialog.preview.page_count() == 0
    assert sent(env, case.reference) == []


def test_case_view_letters_button_opens_the_dialog_and_shows_the_logged_letter(
    qtbot: Any, env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = new_case(env, relationship="child or young person", child=Child(name="Dawn Jones"))
    shown: list[str] = []

    def print_and_close(dialog: LetterDialog) -> int:
        shown.append(dialog.templates.currentItem().text())
        dialog.preview.print_to(pdf_printer(tmp_path / "p.pdf"))
        return 0

    monkeypatch.setattr(letter_dialog.LetterDialog, "exec", print_and_close)
    view = CaseView(env, case.reference)
    qtbot.addWidget(view)
    qtbot.mouseClick(view.letters_button, Qt.MouseButton.LeftButton)
    assert shown == ["Acknowledgement for a child or young person"]
    assert "logged on the case" in view.message.text()
    assert sent(env, case.reference) == [("acknowledgement-child", TODAY, "officer")]
    assert view.case is not None
    assert view.case.stages[0].acknowledged == TODAY


# -- today's acknowledgements ---------------------------------------------------------------
def fifty_cases(env: Env, count: int = 50) -> list[str]:
    many = []
    for n in range(count):
        case = Case(
            procedure="statutory",
            received=date(2026, 3, 2),
            relationship="parent",
            complainant=Person(name=f"Parent {n:02d}", address=ADDRESS),
            summary="Missed visits",
        )
        workflow.start_stage1(case, case.received, TODAY)
        many.append(case)
    many_cases.store_many(env, many)
    return letters.acknowledgements_due(env, TODAY)


@pytest.mark.slow
def test_batch_of_fifty_renders_off_the_ui_thread_then_prints_and_logs_each(
    qtbot: Any, env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    due = fifty_cases(env)
    assert len(due) == 50
    threads: list[bool] = []
    real = letters.render_batch

    def spy(*args: Any, **kw: Any) -> bytes:
        threads.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kw)

    monkeypatch.setattr(letters, "render_batch", spy)
    dialog = BatchLettersDialog(env)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "50 acknowledgement letter(s) are due" in dialog.intro.text()
    assert dialog.table.topLevelItemCount() == 50
    first = dialog.table.topLevelItem(0)
    assert first is not None
    assert first.text(1).startswith("Parent ")
    assert "overdue" in first.text(2)
    first.setCheckState(0, Qt.CheckState.Unchecked)  # untick one
    seen: list[int] = []
    dialog.progress.valueChanged.connect(seen.append)
    qtbot.mouseClick(dialog.prepare_button, Qt.MouseButton.LeftButton)
    assert dialog.progress.isVisible()
    qtbot.waitUntil(lambda: dialog.preview.page_count() > 0, timeout=90000)
    assert threads == [False]
    assert max(seen) > 1  # progress was reported
    assert dialog.preview.page_count() >= 49
    assert "49 letter(s) ready" in dialog.status.text()

    dialog.preview.print_to(pdf_printer(tmp_path / "batch.pdf"))
    logged_text = "49 letter(s) printed and logged"
    # each letter is rendered again to keep its own PDF: as long as the batch may take
    qtbot.waitUntil(lambda: logged_text in dialog.status.text(), timeout=90000)
    assert dialog.logging is None
    assert sent(env, first.text(0)) == []
    logged = [r for r in due if sent(env, r)]
    assert len(logged) == 49
    assert all(cases.get(env, r).stages[0].acknowledged == TODAY for r in logged)


def test_batch_can_be_cancelled_and_produces_nothing(
    qtbot: Any, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    due = fifty_cases(env, 10)
    gate = threading.Event()
    real = letters.render_batch

    def slow(*args: Any, **kw: Any) -> bytes:
        gate.wait(10)
        return real(*args, **kw)

    monkeypatch.setattr(letters, "render_batch", slow)
    dialog = BatchLettersDialog(env)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.prepare_button, Qt.MouseButton.LeftButton)
    assert dialog.cancel_button.isVisible()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    gate.set()
    wait_for_workers()
    QApplication.processEvents()
    assert "cancelled" in dialog.status.text()
    assert dialog.preview.page_count() == 0
    assert dialog.prepare_button.isEnabled()
    assert all(sent(env, r) == [] for r in due)


def test_batch_names_the_case_whose_letter_cannot_be_produced(qtbot: Any, env: Env) -> None:
    fifty_cases(env, 2)
    late = Case(
        procedure="statutory",
        received=date(2026, 3, 2),
        relationship="parent",
        complainant=Person(name="No Address"),
    )
    workflow.start_stage1(late, late.received, TODAY)
    many_cases.store_many(env, [late])
    dialog = BatchLettersDialog(env)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.prepare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.problems.isVisible(), timeout=30000)
    assert f"{late.reference}: The letter goes by post" in dialog.problems.text()
    assert "Untick these cases" in dialog.problems.text()
    assert dialog.preview.page_count() == 0
    assert dialog.prepare_button.isEnabled()


def test_work_queue_button_opens_todays_acknowledgements(
    qtbot: Any, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifty_cases(env, 3)
    opened: list[int] = []

    def count_rows(dialog: BatchLettersDialog) -> int:
        opened.append(dialog.table.topLevelItemCount())
        return 0

    monkeypatch.setattr(BatchLettersDialog, "exec", count_rows)
    view = WorkQueueView(env)
    qtbot.addWidget(view)
    qtbot.mouseClick(view.acknowledgements_button, Qt.MouseButton.LeftButton)
    assert opened == [3]


def test_a_viewer_sees_letters_but_cannot_print_log_or_edit_wording(qtbot: Any, env: Env) -> None:
    case = new_case(env)
    access.add_user(env, "visitor", "Val Visitor", "viewer")
    viewer = dataclasses.replace(env, user="visitor")
    dialog = LetterDialog(viewer, case.reference)
    qtbot.addWidget(dialog)
    assert dialog.preview.page_count() > 0
    assert not dialog.preview.print_button.isEnabled()
    assert not dialog.preview.save_button.isEnabled()
    assert "may not produce and log letters" in dialog.problems.text()
    batch = BatchLettersDialog(viewer)
    qtbot.addWidget(batch)
    assert not batch.prepare_button.isEnabled()
    page = LetterWordingPage(viewer)
    qtbot.addWidget(page)
    assert page.editor.isReadOnly()
    assert not page.save_button.isEnabled()
    assert "may not edit letter templates" in page.status.text()


def test_leaving_settings_with_unsaved_wording_is_noticed(qtbot: Any, env: Env) -> None:
    view = SettingsView(env)
    qtbot.addWidget(view)
    assert not view.has_unsaved_changes()
    qtbot.keyClicks(view.wording.editor, "Draft ")
    assert view.has_unsaved_changes()


# -- letter wording -------------------------------------------------------------------------
def test_unknown_placeholder_is_refused_naming_it_and_the_text_is_kept(
    qtbot: Any, env: Env
) -> None:
    page = LetterWordingPage(env)
    qtbot.addWidget(page)
    page.show()
    assert page.template() == "acknowledgement"
    page.editor.moveCursor(page.editor.textCursor().MoveOperation.End)
    qtbot.keyClick(page.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(page.editor, "Your social worker is {social_worker.name}.")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.problems.isVisible()
    assert "social_worker.name" in page.problems.text()
    assert "Nothing was saved" in page.problems.text()
    assert page.editor.toPlainText().endswith("{social_worker.name}.")
    assert not letters.is_edited(env, "acknowledgement")


def test_edit_insert_placeholder_preview_save_and_restore(
    qtbot: Any, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = new_case(env)
    page = LetterWordingPage(env)
    qtbot.addWidget(page)
    page.show()
    page.editor.moveCursor(page.editor.textCursor().MoveOperation.End)
    qtbot.keyClick(page.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(page.editor, "We will reply by ")
    row = next(
        i
        for i in range(page.placeholders.count())
        if page.placeholders.item(i).text().startswith("{stage1.due} ")
    )
    item = page.placeholders.item(row)
    page.placeholders.scrollToItem(item)
    rect = page.placeholders.visualItemRect(item)
    qtbot.mouseClick(page.placeholders.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.editor.toPlainText().endswith("We will reply by {stage1.due}")
    qtbot.keyClicks(page.reference, case.reference)
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert page.preview.page_count() > 0
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "Saved" in page.status.text()
    assert letters.template_text(env, "acknowledgement").endswith("{stage1.due}")
    assert page.restore_button.isEnabled()

    monkeypatch.setattr(page, "confirm_restore", lambda: False)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert letters.is_edited(env, "acknowledgement")  # not without confirming
    monkeypatch.setattr(page, "confirm_restore", lambda: True)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert not letters.is_edited(env, "acknowledgement")
    assert page.editor.toPlainText() == letters.default_text("acknowledgement")
    assert "Shipped wording" in page.edited_note.text()


def test_switching_letter_with_unsaved_wording_asks_first(
    qtbot: Any, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = LetterWordingPage(env)
    qtbot.addWidget(page)
    page.show()
    qtbot.keyClicks(page.editor, "Draft words ")
    assert page.has_unsaved_changes()
    monkeypatch.setattr(page, "confirm_discard", lambda: False)
    page.choice.setCurrentIndex(2)
    assert page.template() == "acknowledgement"  # kept on the letter being edited
    assert page.editor.toPlainText().startswith("Draft words ")
    monkeypatch.setattr(page, "confirm_discard", lambda: True)
    page.choice.setCurrentIndex(2)
    assert page.template() == page.choice.itemData(2)
    assert not page.has_unsaved_changes()
