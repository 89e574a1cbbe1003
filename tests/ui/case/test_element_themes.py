"""Edit details, Elements tab: each element gets its theme (a complaint type) from a
drop-down beside the elements typed one per line; kept through save and load."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from complaints_desktop.services import cases
from complaints_desktop.services.env import Env
from complaints_desktop.ui.dialogs.edit_details import EditDetailsDialog
from tests.ui.case.conftest import choose, simple_case


def test_each_element_gets_a_theme_that_is_saved_and_shown_again(qtbot: Any, env: Env) -> None:
    case = simple_case(env)
    dialog = EditDetailsDialog(env, case)
    qtbot.addWidget(dialog)
    dialog.show()
    themes = dialog.element_themes
    assert [text for text, _ in themes.boxes] == [e.text for e in case.elements]
    assert {box.currentText() for _, box in themes.boxes} == {"(theme not said)"}
    choose(qtbot, themes.boxes[0][1], "Attitude or behaviour of staff")
    # A new line typed gets its own drop-down; the first choice is kept.
    dialog.elements.moveCursor(dialog.elements.textCursor().MoveOperation.End)
    qtbot.keyClick(dialog.elements, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.elements, "Nobody explained the decision")
    qtbot.waitUntil(lambda: len(themes.boxes) == 4)
    assert themes.boxes[0][1].currentText() == "Attitude or behaviour of staff"
    choose(qtbot, themes.boxes[3][1], "Unwelcome or disputed decision")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    saved = cases.get(env, case.reference)
    assert [e.theme for e in saved.elements] == [
        "Attitude or behaviour of staff",
        "",
        "",
        "Unwelcome or disputed decision",
    ]
    again = EditDetailsDialog(env, saved)
    qtbot.addWidget(again)
    assert again.element_themes.boxes[3][1].currentText() == "Unwelcome or disputed decision"
