"""Letters opened on a three-page letter and closed at once, again and again: no crash.

Issue #16: pressing Escape as the Letters dialog opened on a three-page letter brought the
whole application down (``trap int3`` in ``libQt6Pdf``: the document was closed while the
view's renderer thread was still drawing a page). The preview now keeps a document it no
longer shows for a few seconds (``PdfPreview._retire``). This drives the dialog as an
officer would, many times and at different moments of the rendering; a crash ends the
test process, so passing means it never happened.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from complaints_desktop.domain.model import Case, Child, Person
from complaints_desktop.services import cases, letters
from complaints_desktop.services import settings as settings_service
from complaints_desktop.services.database import open_database
from complaints_desktop.services.env import Env
from complaints_desktop.ui.dialogs.letter_dialog import LetterDialog
from tests.ui.conftest import wait_for_workers

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TODAY = date(2026, 3, 11)
PARAGRAPH = (
    "We will look at every part of what you told us, speak to the staff involved and read "
    "the records of the visits and meetings you describe, so that our reply answers each "
    "point fully and fairly."
)
DELAYS_MS = (0, 0, 1, 2, 5, 10, 15, 20, 30, 50, 80, 120)


@pytest.fixture
def env(tmp_path: Path) -> Any:
    env = open_database(str(tmp_path / "letters.sqlite3"), user="officer", today=lambda: TODAY)
    settings_service.save_council(env, settings_service.CouncilDetails(**letters.DEMO_COUNCIL))
    yield env
    wait_for_workers()
    env.engine.dispose()


def three_page_case(env: Env) -> str:
    """A case whose first letter (the acknowledgement, as the team worded it) runs to
    three pages."""
    text = letters.template_text(env, "acknowledgement")
    opening = "Thank you for your complaint, which we received on {received}."
    assert opening in text
    longer = text.replace(opening, opening + "\n\n" + "\n\n".join([PARAGRAPH] * 26))
    letters.save_template(env, "acknowledgement", longer)
    case = Case(
        procedure="statutory",
        received=TODAY - timedelta(days=2),
        relationship="parent",
        child=Child(name="Mia Jones"),
        complainant=Person(name="Dawn Jones", address="14 Long Street\nNorthmoor NM4 7QT"),
        summary="Missed contact visits",
    )
    return cases.create(env, case).reference


def press_escape_after(delay_ms: int) -> None:
    """Press Escape in the modal dialog ``delay_ms`` after it starts (and close it for
    sure after 10 s, so a missed key cannot hang the test)."""

    def press() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            QTest.keyClick(dialog, Qt.Key.Key_Escape)

    def give_up() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, LetterDialog):
            dialog.reject()

    QTimer.singleShot(delay_ms, press)
    QTimer.singleShot(10_000, give_up)


def test_the_letters_preview_closed_at_once_never_crashes(qtbot: Any, env: Env) -> None:
    reference = three_page_case(env)
    first = LetterDialog(env, reference)
    qtbot.addWidget(first)
    assert first.template() == "acknowledgement"
    assert first.preview.page_count() == 3  # the letter the crash was seen on
    first.close()

    holder = QWidget()  # the case view the dialog belongs to
    qtbot.addWidget(holder)
    holder.show()
    closed = 0
    for round_ in range(3):
        for delay in DELAYS_MS:
            # As the case view opens it: modal, Escape pressed at once (or a few ms
            # later, while the pages are still being drawn), the dialog then dropped —
            # owned by the view (deleted later) or by nobody (deleted at once).
            parent = holder if round_ % 2 == 0 else None
            press_escape_after(delay)
            produced = LetterDialog.ask(parent, env, reference)
            assert produced is None  # closed with nothing printed or saved
            closed += 1
            for dialog in holder.findChildren(LetterDialog):
                dialog.setParent(None)
                dialog.deleteLater()
            qtbot.wait(1)
    qtbot.wait(200)  # documents retired meanwhile are let go after a while
    assert closed == 3 * len(DELAYS_MS)
    assert cases.get(env, reference).letters == []  # nothing logged by closing
