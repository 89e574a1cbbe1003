"""What the main window remembers between starts (QSettings): its size, layout and front
pane, and the databases it has offered the welcome on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize

from complaints_desktop.ui import screen_fit
from complaints_desktop.ui.panes import PANES, QUEUE

if TYPE_CHECKING:
    from complaints_desktop.ui.main_window import MainWindow


def restore(window: MainWindow) -> None:
    """Put back what ``save`` kept (clamped to this screen), else the defaults."""
    settings = window.settings
    screen_fit.restore(window, settings.value("window/geometry"), QSize(1280, 800))
    state = settings.value("window/state")
    if isinstance(state, QByteArray):
        window.restoreState(state)
    splitter = settings.value("window/splitter")
    if isinstance(splitter, QByteArray):
        window.splitter.restoreState(splitter)
    else:
        window.splitter.setSizes([window.nav.minimumWidth(), 1000])
    try:
        last = int(str(settings.value("window/pane", QUEUE)))
    except (TypeError, ValueError):
        last = QUEUE
    window.go_to(last if 0 <= last < len(PANES) else QUEUE)


def save(window: MainWindow) -> None:
    """Remember size, layout and the pane in front (not in a smoke test's run)."""
    if not window.remember:
        return
    settings = window.settings
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue("window/splitter", window.splitter.saveState())
    settings.setValue("window/pane", max(window.current_pane(), 0))
    settings.sync()


def _welcome_key(window: MainWindow) -> str:
    return "welcomed/" + window.database.replace("/", "|").replace("\\", "|")


def welcomed(window: MainWindow) -> bool:
    """Whether the welcome (demo data or an empty start) was offered on this database."""
    return str(window.settings.value(_welcome_key(window), "")) == "yes"


def mark_welcomed(window: MainWindow) -> None:
    """The welcome was offered on this database: never again."""
    window.settings.setValue(_welcome_key(window), "yes")
