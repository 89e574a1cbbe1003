"""UI: the subject access screen — find, tick, choose a folder, export off the UI thread."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from complaints_desktop.services.env import Env
from complaints_desktop.ui.views.subject_access import SubjectAccessView
from tests.pdftext import reading_text as pdf_text
from tests.services.test_subject_access import THIRD_PARTIES
from tests.shots import shoot
from tests.ui.test_audit_view import seeded_env

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def dp_env(tmp_path: Path) -> Iterator[Env]:
    """The retention test cases (see ``tests.ui.test_audit_view.seeded_env``)."""
    yield from seeded_env(tmp_path)


def tick(qtbot, view: SubjectAccessView, row: int) -> None:
    item = view.results.item(row)
    view.results.setCurrentItem(item)
    qtbot.keyClick(view.results, Qt.Key.Key_Space)


def test_find_tick_and_export_with_redaction(qtbot, dp_env: Env, tmp_path: Path, monkeypatch):
    view = SubjectAccessView(dp_env)
    qtbot.addWidget(view)
    view.resize(900, 560)
    view.show()
    assert not view.export_button.isEnabled()
    qtbot.keyClicks(view.search, "Quartermaine")
    with qtbot.waitSignal(view.found, timeout=10000):
        qtbot.keyClick(view.search, Qt.Key.Key_Return)
    labels = [view.results.item(r).text() for r in range(view.results.count())]
    assert (
        labels[0]
        == "Imogen Quartermaine (complainant; imogen.new@example.org; 07700 900123) — 1 case"
    )
    assert labels[1].startswith("Tobias Quartermaine (child or young person; born 3 February")
    assert labels[1].endswith("ID LCS998877) — 1 case")
    tick(qtbot, view, 1)
    assert not view.export_button.isEnabled()
    assert view.export_button.toolTip() == "Choose a folder first."
    out = tmp_path / "sar"
    out.mkdir()
    monkeypatch.setattr(view, "choose_folder", lambda: str(out))
    qtbot.mouseClick(view.folder_button, Qt.MouseButton.LeftButton)
    assert view.folder.text() == str(out)
    assert view.redact.isChecked()
    assert view.export_button.isEnabled()
    shoot(view, "subject_access_ready.png")
    with qtbot.waitSignal(view.exported, timeout=20000) as done:
        qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    pdf, csv_path = done.args[0]
    assert view.message.text().startswith(f"Saved {pdf.name}, {csv_path.name} in {out}.")
    words = pdf_text(pdf)
    assert "Case CSC/19/0001 (as child or young person)" in words
    assert "CSC/24/0002" not in words
    assert "Tobias Quartermaine" in words
    for name in THIRD_PARTIES:
        assert name not in words
    shoot(view, "subject_access_done.png")


def test_short_search_and_nobody_found(qtbot, dp_env: Env) -> None:
    view = SubjectAccessView(dp_env)
    qtbot.addWidget(view)
    qtbot.keyClicks(view.search, "Q")
    qtbot.mouseClick(view.find_button, Qt.MouseButton.LeftButton)
    assert view.status.text() == "Type at least two letters to search."
    qtbot.keyClicks(view.search, "zzz")
    with qtbot.waitSignal(view.found, timeout=10000):
        qtbot.mouseClick(view.find_button, Qt.MouseButton.LeftButton)
    assert view.results.count() == 0
    assert view.status.text().startswith("Nobody matches.")
