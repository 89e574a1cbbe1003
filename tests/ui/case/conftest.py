"""Fixtures for the case-level screens: a database with realistic cases, dialog driving."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from complaints_desktop.domain.model import Case, Child, Element, Person, Recommendation
from complaints_desktop.services import cases, settings
from complaints_desktop.services.database import open_database
from complaints_desktop.services.env import Env
from complaints_desktop.ui.dialogs import _base
from tests.conftest import Template

TODAY = date(2026, 11, 20)


@pytest.fixture
def env(db_url: str, sqlite_template: Template) -> Env:
    """A migrated database with teams and a service area, 'today' fixed."""
    if db_url.startswith("sqlite:///"):
        sqlite_template(Path(db_url.removeprefix("sqlite:///")), "j.officer", lambda: TODAY)
    e = open_database(db_url, user="j.officer", today=lambda: TODAY)
    for team in ("Children in Care", "Fostering", "Leaving Care", "Safeguarding"):
        settings.add_entry(e, "team", team)
    settings.add_entry(e, "service_area", "Children's Social Care")
    return e


@pytest.fixture(autouse=True)
def no_confirm(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer every 'discard what you typed?' question with Discard, and count them.

    (A real question box would block the test when qtbot closes a dialog at the end.)
    """
    asked: list[str] = []

    def answer(_parent: Any, what: str = "") -> bool:
        asked.append(what)
        return True

    monkeypatch.setattr(_base, "confirm_discard", answer)
    return asked


def simple_case(env: Env, **changes: Any) -> Case:
    """A statutory stage 1 complaint from a parent, with three elements."""
    case = Case(
        procedure="statutory",
        received=date(2026, 10, 1),
        channel="email",
        relationship="parent",
        service_area="Children's Social Care",
        teams=["Children in Care"],
        types=["Attitude or behaviour of staff"],
        summary="Contact arrangements and missed visits",
        complainant=Person(
            name="Sarah Okafor",
            email="s.okafor@example.org",
            address="12 Mill Lane\nAnytown AN1 2BC",
        ),
        child=Child(name="Leo Okafor", dob=date(2015, 3, 9), system_id="LCS-4411"),
        elements=[
            Element("Social worker did not return calls for three weeks"),
            Element("Contact with grandparents was cancelled without notice"),
            Element("The care plan was not shared with the family"),
        ],
    )
    for key, value in changes.items():
        setattr(case, key, value)
    return cases.create(env, case)


def stage2_case(env: Env) -> Case:
    """A realistic case at statutory stage 2: elements, findings, extension, suspension,
    investigation commissioned, an Ombudsman referral with remedies."""
    case = simple_case(env, received=date(2026, 6, 1))
    case = cases.acknowledge(env, case, date(2026, 6, 2))
    case = cases.extend(env, case, date(2026, 6, 10), "Complex: three teams involved")
    case = cases.suspend(env, case, date(2026, 6, 15), "Advocate being appointed")
    case = cases.resume(env, case, date(2026, 6, 22))
    case = cases.respond(
        env,
        case,
        date(2026, 7, 3),
        "partially upheld",
        {
            0: ("upheld", "Calls logged but not returned"),
            1: ("not upheld", ""),
            2: ("partially upheld", "Plan shared late"),
        },
        ["apology", "explanation"],
    )
    case = cases.escalate(env, case, date(2026, 7, 20))
    case = cases.acknowledge(env, case, date(2026, 7, 21))
    case = cases.agree_statement(env, case, date(2026, 8, 12))
    case = cases.commission(env, case, "Helen Ward", "David Price", 180000, 65000)
    case = cases.extend(env, case, date(2026, 9, 1), "Independent person unavailable in August")
    case = cases.refer_ombudsman(env, case, "25 012 345", date(2026, 9, 1))
    case = cases.ombudsman_decision(
        env,
        case,
        date(2026, 11, 2),
        "referred back for local resolution",
        50000,
        [
            Recommendation("Apologise in writing to Ms Okafor", date(2026, 12, 2), amount=0),
            Recommendation(
                "Pay £500 for distress and time and trouble", date(2026, 12, 2), amount=50000
            ),
        ],
    )
    cases.add_note(env, case, "Ms Okafor phoned to ask for an update; told adjudication due.")
    return cases.get(env, case.reference)


@pytest.fixture
def drive(qtbot: Any) -> Callable[[Callable[[QDialog], None]], list[BaseException]]:
    """Schedule ``fill(dialog)`` for the next modal dialog; returns the errors it raised.

    The dialog is closed (without asking) if ``fill`` fails or leaves it open, so a
    broken test fails instead of hanging.
    """

    def schedule(fill: Callable[[QDialog], None]) -> list[BaseException]:
        errors: list[BaseException] = []

        def run(tries: int = 0) -> None:
            dialog = QApplication.activeModalWidget()
            # (a case dialog waiting for its save is not the next one: a test's next
            # dialog can be scheduled while it saves)
            if not isinstance(dialog, QDialog) or getattr(dialog, "saving", False):
                if tries < 200:
                    QTimer.singleShot(10, lambda: run(tries + 1))
                else:
                    errors.append(AssertionError("no dialog opened"))
                return
            try:
                fill(dialog)
            except BaseException as err:
                errors.append(err)
            if dialog.isVisible():
                if not errors:
                    errors.append(AssertionError("the dialog was left open"))
                QDialog.done(dialog, 0)

        QTimer.singleShot(0, run)
        return errors

    return schedule


def type_date(qtbot: Any, field: Any, text: str) -> None:
    """Replace what a field holds by typing ``text``."""
    field.selectAll()
    qtbot.keyClicks(field, text)


def choose(qtbot: Any, box: Any, text: str) -> None:
    """Pick ``text`` in a drop-down by typing its first word (Space would open the list)."""
    box.setFocus()
    qtbot.keyClicks(box, text.split(" ")[0])
    assert box.currentText() == text


def find_button(root: QWidget, text: str) -> Any:
    """The push button whose text (without '&') starts with ``text``."""
    from PySide6.QtWidgets import QAbstractButton

    for button in root.findChildren(QAbstractButton):
        if button.text().replace("&", "").startswith(text) and button.isVisible():
            return button
    raise AssertionError(f"no visible button {text!r}")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The offscreen platform warns when a window is shown; that is not our problem."""
    here = str(__file__).rsplit("/", 1)[0]
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.qt_log_ignore("propagateSizeHints"))
