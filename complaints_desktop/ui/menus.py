"""UI: the main window's menus, their actions and keyboard shortcuts, Help's two boxes.

Every action is added to the window itself as well as to its menu, so its shortcut works
whether or not a menu was ever opened. Shortcuts are written as text ("Ctrl+N") and set
through ``setShortcuts``: the standard keys or ``setShortcut`` build the ``Qt``
namespace's ~1,200 Python enum members (~15 ms) before the first paint, and on Windows
the standard keys are these same ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QKeySequence

from complaints_desktop.ui.panes import PANES

if TYPE_CHECKING:
    from complaints_desktop.ui.main_window import MainWindow


def add_action(
    window: MainWindow, text: str, slot: Callable[[], Any], shortcut: str = "", tip: str = ""
) -> QAction:
    """An action on ``window`` (its shortcut live at once) that calls ``slot``."""
    action = QAction(window.tr(text), window)
    if shortcut:  # setShortcuts([...]): setShortcut's overloads test for a Qt.Key first
        action.setShortcuts([QKeySequence.fromString(shortcut)])
    if tip:
        action.setStatusTip(window.tr(tip))
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def build_menus(window: MainWindow) -> None:
    """File, Edit, View and Help; sets the window's ``new_action``, ``print_action``,
    ``find_action``, ``refresh_action`` and ``pane_actions`` (one per pane of
    ``ui.panes.PANES``, with its shortcut)."""
    menus = window.menuBar()
    file = menus.addMenu(window.tr("&File"))
    window.new_action = add_action(
        window, "&New complaint…", window.new_complaint, "Ctrl+N", "Log a new complaint"
    )
    file.addAction(window.new_action)
    file.addAction(add_action(window, "New &contact…", window.new_contact, "Ctrl+Shift+N"))
    file.addSeparator()
    window.print_action = add_action(
        window,
        "&Print daily summary…",
        window.print_summary,
        "Ctrl+P",
        "Save today's work queue as a PDF to print",
    )
    file.addAction(window.print_action)
    file.addAction(
        add_action(window, "Print today's &acknowledgements…", window.print_acknowledgements)
    )
    file.addSeparator()
    file.addAction(add_action(window, "&Quit", window.close, "Ctrl+Q"))
    edit = menus.addMenu(window.tr("&Edit"))
    window.find_action = add_action(
        window, "&Find complaints…", window.find_complaints, "Ctrl+F", "Search every complaint"
    )
    edit.addAction(window.find_action)
    view = menus.addMenu(window.tr("&View"))
    window.refresh_action = add_action(window, "&Refresh", window.refresh, "F5")
    view.addAction(window.refresh_action)
    view.addSeparator()
    window.pane_actions = []
    for index, pane in enumerate(PANES):
        action = add_action(
            window, f"&{pane.key} {pane.name}", _go_to(window, index), pane.shortcut
        )
        window.pane_actions.append(action)
        view.addAction(action)
    view.addSeparator()
    view.addAction(add_action(window, "&Close case tab", window.close_current_tab, "Ctrl+W"))
    help_menu = menus.addMenu(window.tr("&Help"))
    help_menu.addAction(
        add_action(window, "&Keyboard shortcuts", lambda: show_shortcuts(window), "F1")
    )
    help_menu.addAction(add_action(window, "&About", lambda: show_about(window)))


def _go_to(window: MainWindow, index: int) -> Callable[[], None]:
    def go() -> None:
        window.go_to(index)
        if window.env is not None:  # its list has loaded: Enter opens its highlighted line
            from complaints_desktop.ui.keys import focus_list

            focus_list(window.pane(index))

    return go


def show_shortcuts(window: MainWindow) -> None:
    """List the keyboard shortcuts (non-blocking)."""
    from PySide6.QtWidgets import QMessageBox

    lines = [f"{pane.shortcut}: {pane.name}" for pane in PANES]
    lines += ["Ctrl+N: new complaint", "Ctrl+F: find complaints", "F5: refresh"]
    lines += ["Ctrl+W: close case tab", "Ctrl+P: print daily summary", "Ctrl+Q: quit"]
    lines += ["Ctrl+Shift+N: new contact", "Enter: open the highlighted line"]
    lines += ["Ctrl+O: open an e-mail (in New complaint)"]
    from complaints_desktop.ui.views.case_actions import ACTIONS as CASE

    case_keys = [a for a in CASE if a.shortcut]
    lines += [f"{a.shortcut}: {a.text.replace('&', '').rstrip('…')} (case)" for a in case_keys]
    box = QMessageBox(
        QMessageBox.Icon.Information,
        window.tr("Keyboard shortcuts"),
        "\n".join(lines),
        QMessageBox.StandardButton.Close,
        window,
    )
    box.open()


def show_about(window: MainWindow) -> None:
    """Version and database (non-blocking)."""
    from PySide6.QtWidgets import QMessageBox

    from complaints_desktop import __version__

    box = QMessageBox(
        QMessageBox.Icon.Information,
        window.tr("About Complaints"),
        window.tr(
            "Complaints {v}\nChildren's services complaints, compliments and enquiries."
            "\n\nDatabase: {db}"
        ).format(v=__version__, db=window.database),
        QMessageBox.StandardButton.Close,
        window,
    )
    box.open()
