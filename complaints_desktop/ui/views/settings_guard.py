"""UI: nothing typed in Settings is lost — leaving a tab, leaving the Settings pane or
quitting with unsaved changes asks Save / Discard / Keep editing.

``guard(view)`` watches the Settings tabs and the main window's close: a page with
unsaved changes (``has_unsaved_changes``) is offered its ``save``; a page that cannot
save (a problem shown) or whose officer keeps editing stays in front.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget, QWidget

SAVE, DISCARD, KEEP = "save", "discard", "keep"


def ask(parent: QWidget, what: str) -> str:
    """Save, discard or keep editing the unsaved ``what`` (a test replaces this)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Unsaved settings")
    box.setText(f"The {what} settings have changes that are not saved.")
    save = box.addButton("&Save them", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("&Discard them", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("&Keep editing", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(keep)
    box.exec()
    clicked = box.clickedButton()
    return SAVE if clicked is save else DISCARD if clicked is discard else KEEP


def settle(tabs: QTabWidget, page: Any) -> bool:
    """Ask about ``page``'s unsaved changes; True when it may be left (never while its
    save waits on the write queue: it stays in front until saved)."""
    from complaints_desktop.ui.saving import is_saving

    if is_saving(page):
        _say_still_saving(tabs, page)
        return False
    if not getattr(page, "has_unsaved_changes", lambda: False)():
        return True
    name = tabs.tabText(tabs.indexOf(page)).replace("&", "").lower()
    answer = ask(tabs, name)
    if answer == KEEP:
        return False
    if answer == SAVE:
        saver = getattr(page, "save", None) or getattr(page, "add", None)
        if saver is not None:
            saver()
        return not page.has_unsaved_changes()
    _discard(page)
    return True


STILL_SAVING_MS = 10_000
"""How long the window's status bar says why a page whose save waits stays in front."""


def _say_still_saving(tabs: QTabWidget, page: Any) -> None:
    """Say in the window's status bar why the page stays in front (its save is waiting
    for the write queue: an import or another save is ahead of it)."""
    window = tabs.window()
    if isinstance(window, QMainWindow):
        name = tabs.tabText(tabs.indexOf(page)).replace("&", "").lower()
        window.statusBar().showMessage(
            f"The {name} settings are still saving (another save or an import is ahead "
            "of them); this page stays open until they are saved.",
            STILL_SAVING_MS,
        )


def _discard(page: Any) -> None:
    """Put back what is saved: a settings form reloads, a list drops the name typed, the
    letter wording goes back to the saved text."""
    for typed in ("new_name", "new_day", "new_note"):  # typed, not yet added
        if hasattr(page, typed):
            getattr(page, typed).clear()
    if hasattr(page, "editor") and hasattr(page, "_saved_text"):
        page.editor.setPlainText(page._saved_text)
    elif callable(getattr(page, "load", None)) and not hasattr(page, "new_name"):
        page.load()


class _Guard(QObject):
    def __init__(self, view: Any) -> None:
        super().__init__(view)
        self.view = view
        self.current = view.tabs.currentWidget()
        self.busy = False
        view.tabs.currentChanged.connect(self.changed)
        self.window: QWidget | None = None
        view.installEventFilter(self)

    def changed(self, _index: int) -> None:
        tabs: QTabWidget = self.view.tabs
        if self.busy:
            return
        left, self.current = self.current, tabs.currentWidget()
        if left is None or left is self.current or tabs.indexOf(left) < 0:
            return
        if not settle(tabs, left):
            self.busy = True
            tabs.setCurrentWidget(left)
            self.current = left
            self.busy = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and watched is self.view:
            self.watch_window()
        elif (
            event.type() == QEvent.Type.Hide
            and watched is self.view
            and not event.spontaneous()  # minimised: nothing was left
        ):
            QTimer.singleShot(0, self, self.left_pane)
        elif event.type() == QEvent.Type.Close and watched is self.window:
            tabs: QTabWidget = self.view.tabs
            for index in range(tabs.count()):
                page = tabs.widget(index)
                if page is not None and getattr(page, "has_unsaved_changes", lambda: False)():
                    tabs.setCurrentWidget(page)
                    if not settle(tabs, page):
                        event.ignore()
                        return True
        return False

    def left_pane(self) -> None:
        """The whole Settings pane was left (another pane or a case tab came forward) with
        unsaved changes: ask, and bring Settings back if the officer keeps editing."""
        window: Any = self.view.window()
        if self.busy or self.view.isVisible() or window is self.view or not window.isVisible():
            return  # back already, or the window is closing (its close asked)
        tabs: QTabWidget = self.view.tabs
        page = tabs.currentWidget()
        if page is None or not getattr(page, "has_unsaved_changes", lambda: False)():
            return
        self.busy = True
        try:
            if settle(tabs, page):
                return
            stack = getattr(window, "stack", None)
            index = stack.indexOf(self.view) if stack is not None else -1
            if index >= 0 and hasattr(window, "go_to"):
                window.go_to(index)
        finally:
            self.busy = False

    def watch_window(self) -> None:
        window = self.view.window()
        if window is not self.window and window is not self.view:
            self.window = window
            window.installEventFilter(self)


def guard(view: Any) -> Any:
    """Watch ``view``'s tabs now, and its window's close once it is in one."""
    watcher = _Guard(view)
    watcher.watch_window()
    return watcher
