"""Letters in the window: earlier stages' letters, "Send anyway", the PDF kept and opened
as sent, a draft e-mail, and each move offering its letter — driven as an officer would."""

from __future__ import annotations

import email
from datetime import date, timedelta
from email import policy
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from complaints_desktop.domain.model import Case, Child, Person
from complaints_desktop.services import cases, letters
from complaints_desktop.services import settings as settings_service
from complaints_desktop.services.database import open_database
from complaints_desktop.services.env import Env
from complaints_desktop.ui.dialogs import letter_dialog, stage_moves
from complaints_desktop.ui.dialogs.letter_dialog import LetterDialog, SentLetterDialog
from complaints_desktop.ui.views.case_view import CaseView
from tests.ui.conftest import wait_for_workers

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TODAY = date(2026, 3, 11)
ADDRESS = "Flat 12, Ashdown House\n14 Long Street\nNorthmoor NM4 7QT"


@pytest.fixture
def env(tmp_path: Path) -> Any:
    env = open_database(str(tmp_path / "letters.sqlite3"), user="officer", today=lambda: TODAY)
    settings_service.save_council(env, settings_service.CouncilDetails(**letters.DEMO_COUNCIL))
    yield env
    wait_for_workers()
    env.engine.dispose()


def new_case(env: Env, **kw: Any) -> Case:
    kw.setdefault("relationship", "parent")
    kw.setdefault("child", Child(name="Mia Jones"))
    kw.setdefault(
        "complainant",
        Person(name="Dawn Jones", title="Mrs", address=ADDRESS, email="dawn@example.org"),
    )
    kw.setdefault("received", TODAY - timedelta(days=30))
    case = Case(procedure="statutory", **kw)
    return cases.create(env, case)


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def at_stage2(env: Env) -> Case:
    case = new_case(env)
    case = cases.extend(
        env, case, TODAY - timedelta(days=25), "IO on leave", "we need to speak to two more staff."
    )
    case = cases.respond(env, case, TODAY - timedelta(days=10), "not upheld")
    return cases.escalate(env, case, TODAY - timedelta(days=2))


def titles(dialog: LetterDialog) -> list[str]:
    return [dialog.templates.item(i).text() for i in range(dialog.templates.count())]


def test_earlier_stages_letters_can_still_be_made(qtbot: Any, env: Env) -> None:
    case = at_stage2(env)
    dialog = LetterDialog(env, case.reference)
    qtbot.addWidget(dialog)
    shown = titles(dialog)
    assert shown[0] == "Stage 2 acknowledgement"
    assert "Stage 1: Extension" in shown
    assert "Stage 1: Acknowledgement" in shown
    assert not any("child" in t for t in shown)  # the complainant is a parent
    dialog.select("extension")
    assert dialog.stage() == 1
    assert "Stage 1 was answered on" in dialog.needs.text()  # so: send it anyway
    qtbot.mouseClick(dialog.send_anyway, Qt.MouseButton.LeftButton)
    assert dialog.preview.page_count() > 0  # the missed stage 1 extension letter, at stage 2


def test_answered_stage_needs_send_anyway_then_printing_keeps_the_pdf(
    qtbot: Any, env: Env, tmp_path: Path
) -> None:
    case = at_stage2(env)
    dialog = LetterDialog(env, case.reference)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.select("acknowledgement")
    assert dialog.needs.isVisible()
    assert "Stage 1 was answered on" in dialog.needs.text()
    assert dialog.send_anyway.isVisible()
    assert not dialog.preview.isVisible()
    qtbot.mouseClick(dialog.send_anyway, Qt.MouseButton.LeftButton)
    assert dialog.preview.isVisible()
    assert not dialog.needs.isVisible()
    assert not dialog.record_ack.isVisible()  # stage 1's letter does not acknowledge stage 2
    dialog.preview.print_to(pdf_printer(tmp_path / "p.pdf"))
    logged = cases.get(env, case.reference).letters
    assert [(x.template, x.how, x.kept) for x in logged] == [("acknowledgement", "printed", True)]
    assert logged[0].id is not None
    assert letters.sent_letter(env, logged[0].id)[2] == dialog.preview.pdf()
    assert dialog.sent_list.count() == 1


def test_letter_opened_as_sent_shows_what_was_sent_not_todays_facts(
    qtbot: Any, env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = new_case(env, received=TODAY - timedelta(days=5))
    case = cases.extend(env, case, TODAY, "note", "we need to see more records.")
    dialog = LetterDialog(env, case.reference)
    qtbot.addWidget(dialog)
    dialog.select("extension")
    dialog.preview.print_to(pdf_printer(tmp_path / "p.pdf"))
    sent_pdf = dialog.preview.pdf()
    # The complainant moves; today's letter would show the new address, the kept one not.
    case = cases.get(env, case.reference)
    case.complainant.address = "2 New Road\nNorthmoor NM9 9ZZ"
    cases.edit(env, case)
    shown: list[bytes] = []
    monkeypatch.setattr(SentLetterDialog, "exec", lambda self: shown.append(self.preview.pdf()))
    again = LetterDialog(env, case.reference)
    qtbot.addWidget(again)
    assert again.sent_list.currentText().startswith("Extension, 11 March 2026")
    qtbot.mouseClick(again.open_sent, Qt.MouseButton.LeftButton)
    assert shown == [sent_pdf]
    assert len(cases.get(env, case.reference).letters) == 1  # opening it logs nothing


def test_email_writes_an_unsent_draft_with_the_pdf_and_logs_it(
    qtbot: Any, env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = new_case(env, received=TODAY)
    out = tmp_path / "draft.eml"
    opened: list[Path] = []  # QUrl.toLocalFile() gives "/" on Windows too
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(Path(url.toLocalFile()))
    )
    dialog = LetterDialog(env, case.reference)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.template() == "acknowledgement"
    qtbot.mouseClick(dialog.email_button, Qt.MouseButton.LeftButton)
    message = email.message_from_bytes(out.read_bytes(), policy=policy.default)
    assert message["X-Unsent"] == "1"
    assert message["To"] == "Dawn Jones <dawn@example.org>"
    assert case.reference in message["Subject"]
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == dialog.preview.pdf()
    assert opened == [out]
    logged = cases.get(env, case.reference).letters
    assert [(x.template, x.how) for x in logged] == [("acknowledgement", "e-mail")]
    assert "e-mailed" in dialog.status.text()


def test_each_move_offers_its_letter_when_saved(
    qtbot: Any, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = new_case(env)

    def extend(_parent: Any, env_: Env, case_: Case) -> Case:
        return cases.extend(env_, case_, TODAY, "note", "we are waiting for records.")

    monkeypatch.setattr(stage_moves.ExtendDialog, "ask", extend)
    asked: list[str | None] = []
    monkeypatch.setattr(
        letter_dialog.LetterDialog,
        "ask",
        lambda _parent, _env, _ref, preferred=None: asked.append(preferred),
    )
    view = CaseView(env, case.reference)
    qtbot.addWidget(view)
    view.show()
    assert not view.offer_button.isVisible()
    view.run_action("extend")
    assert view.offer_button.isVisible()
    assert "The extension letter goes with this step" in view.message.text()
    qtbot.mouseClick(view.offer_button, Qt.MouseButton.LeftButton)
    assert asked == ["extension"]


def test_council_details_keep_how_children_reach_the_advocacy_services(
    qtbot: Any, env: Env
) -> None:
    from complaints_desktop.ui.views.settings import SettingsView

    view = SettingsView(env)
    qtbot.addWidget(view)
    council = view.council
    council.advocacy.setPlainText("NYAS freephone")
    qtbot.mouseClick(council.save_button, Qt.MouseButton.LeftButton)
    assert "line 1: write the service, a colon" in council.problems.text()
    assert settings_service.advocacy_contacts(env) == {}
    council.advocacy.setPlainText("NYAS: freephone 0808 808 1001\n\nCoram Voice: 0808 800 5792")
    qtbot.mouseClick(council.save_button, Qt.MouseButton.LeftButton)
    assert settings_service.advocacy_contacts(env) == {
        "NYAS": "freephone 0808 808 1001",
        "Coram Voice": "0808 800 5792",
    }
