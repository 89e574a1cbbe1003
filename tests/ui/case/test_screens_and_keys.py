"""UI: every dialog fits a small screen (1024x768, and 150% scaling) with its buttons on
it, opens with the cursor in its first field, and has no letter used twice for Alt."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QPushButton,
)

from complaints_desktop.domain.model import Case
from complaints_desktop.services.env import Env
from complaints_desktop.ui import keys, screen_fit
from complaints_desktop.ui.dialogs import (
    batch_letters,
    import_export,
    letter_dialog,
    name,
    ombudsman,
    restrict,
)
from complaints_desktop.ui.views import case_actions, new_complaint
from tests.ui.case.conftest import stage2_case

# (width, height) available to windows: 1024x768 and 1366x768 less a 40 px taskbar, and
# the same screens at 150% scaling (a third less room in device-independent pixels).
SCREENS = {
    "1024x768": QRect(0, 0, 1024, 728),
    "1366x768 at 150%": QRect(0, 0, 910, 485),
    "1024x768 at 150%": QRect(0, 0, 682, 485),
}

Factory = Callable[[Env, Case], QDialog]


def _factories() -> dict[str, Factory]:
    made: dict[str, Factory] = {
        action.key: (lambda a: lambda env, case: a.dialog()(env, case))(action)
        for action in case_actions.ACTIONS
    }
    made["new complaint"] = lambda env, _c: new_complaint.NewComplaintDialog(env)
    made["letters"] = lambda env, case: letter_dialog.LetterDialog(env, case.reference)
    made["batch letters"] = lambda env, _c: batch_letters.BatchLettersDialog(env)
    made["import and export"] = lambda env, _c: import_export.ImportExportDialog(env)
    made["restrict"] = lambda env, case: restrict.RestrictDialog(env, case.reference)
    made["remedy compliance"] = lambda env, case: ombudsman.RemedyComplianceDialog(env, case, 0)
    made["name"] = lambda _e, _c: name.NameDialog("Add a team", "&Team name:", "", print)
    return made


FACTORIES = _factories()


@pytest.fixture
def case(env: Env) -> Case:
    """A case at stage 2 with an Ombudsman decision (every dialog has something to show)."""
    return stage2_case(env)


@pytest.fixture
def screen(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> QRect:
    """Stand a small screen in for the real one."""
    area: QRect = request.param
    monkeypatch.setattr(screen_fit, "available", lambda _w=None: QRect(area))
    return area


def _open(qtbot: Any, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _buttons(dialog: QDialog) -> list[QAbstractButton]:
    """The dialog's own buttons (those of its button box, or any not inside a scroll)."""
    boxes = dialog.findChildren(QDialogButtonBox)
    found = [b for box in boxes for b in box.buttons() if b.isVisibleTo(dialog)]
    return found or [b for b in dialog.findChildren(QAbstractButton) if b.isVisibleTo(dialog)]


@pytest.mark.parametrize("screen", SCREENS.values(), ids=SCREENS.keys(), indirect=True)
def test_every_dialog_fits_the_screen_with_its_buttons_on_it(
    qtbot: Any, env: Env, case: Case, screen: QRect
) -> None:
    for which, factory in FACTORIES.items():
        _fits(qtbot, _open(qtbot, factory(env, case)), screen, which)


def _fits(qtbot: Any, dialog: QDialog, screen: QRect, which: str) -> None:
    frame = dialog.frameGeometry()
    size = f"{which}: {dialog.width()}x{dialog.height()} on {screen.width()}x{screen.height()}"
    assert dialog.width() <= screen.width(), size
    assert dialog.height() <= screen.height(), size
    assert screen.contains(dialog.geometry()), f"{which} opens at {frame} off {screen}"
    buttons = _buttons(dialog)
    assert buttons
    for button in buttons:
        corner = button.mapTo(dialog, QPoint(0, 0))
        inside = QRect(corner, button.size())
        assert dialog.rect().contains(inside), f"{which}: {button.text()!r} at {inside}"
    dialog.hide()


def test_every_dialog_opens_on_its_first_field_and_uses_each_alt_letter_once(
    qtbot: Any, env: Env, case: Case
) -> None:
    for which, factory in FACTORIES.items():
        _keys_ok(qtbot, _open(qtbot, factory(env, case)), which)


def _keys_ok(qtbot: Any, dialog: QDialog, which: str) -> None:
    qtbot.waitUntil(lambda: dialog.focusWidget() is not None)
    focused = dialog.focusWidget()
    assert not isinstance(focused, QPushButton), (
        f"{which} opens on the button {focused.text()!r}"  # type: ignore[union-attr]
    )
    seen: dict[str, str] = {}
    for letter, text in keys.mnemonics(dialog):
        assert letter not in seen, f"{which}: Alt+{letter.upper()} is {seen[letter]!r} and {text!r}"
        seen[letter] = text
    dialog.hide()


def test_typing_in_a_small_dialog_goes_into_its_field_not_a_button(
    qtbot: Any, env: Env, case: Case
) -> None:
    dialog = _open(qtbot, FACTORIES["suspend"](env, case))
    qtbot.waitUntil(lambda: dialog.focusWidget() is not None)
    field = dialog.focusWidget()
    field.selectAll()  # type: ignore[union-attr]
    qtbot.keyClicks(field, "01/12/2026")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.focusWidget(), "Waiting for the advocate")
    assert dialog.start.text() == "01/12/2026"  # type: ignore[attr-defined]
    assert dialog.reason.toPlainText() == "Waiting for the advocate"  # type: ignore[attr-defined]
    assert dialog.isVisible()
