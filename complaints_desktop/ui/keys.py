"""UI: the keyboard — each Alt letter used once in a window, Enter opens a list's line.

``assign_mnemonics`` keeps every field's Alt letter (labels with a buddy, group boxes,
tick boxes) and moves a push button's letter that a field already uses to a free letter
of the button's text (or drops it: the default button is pressed with Enter anyway), as
KDE's accelerator manager does. ``mnemonics`` lists them, for the test that walks every
dialog. ``focus_list`` puts the cursor on a pane's list so Enter opens its line.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QToolButton,
    QWidget,
)

_ESCAPED = "\x00"
_MNEMONIC = re.compile(r"&([^&\s])")


def _letter(text: str) -> str:
    found = _MNEMONIC.search(text.replace("&&", _ESCAPED * 2))
    return found.group(1).lower() if found else ""


def _plain(text: str) -> str:
    return text.replace("&&", _ESCAPED).replace("&", "").replace(_ESCAPED, "&&")


def _with_free_letter(text: str, used: set[str]) -> str:
    """``text`` with ``&`` before its first free letter (word starts first), else none."""
    plain = _plain(text)
    starts = [i for i, c in enumerate(plain) if c.isalnum() and (i == 0 or plain[i - 1] == " ")]
    others = [i for i, c in enumerate(plain) if c.isalnum() and i not in starts]
    for i in starts + others:
        if plain[i].lower() not in used and (i == 0 or plain[i - 1] != "&"):
            used.add(plain[i].lower())
            return plain[:i] + "&" + plain[i:]
    return plain


def _entries(root: QWidget) -> list[tuple[QWidget, Callable[[], str], Callable[[str], None]]]:
    entries: list[tuple[QWidget, Callable[[], str], Callable[[str], None]]] = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLabel):
            if widget.buddy() is not None:
                entries.append((widget, widget.text, widget.setText))
        elif isinstance(widget, QGroupBox):
            entries.append((widget, widget.title, widget.setTitle))
        elif isinstance(widget, QAbstractButton):
            entries.append((widget, widget.text, widget.setText))
    return entries


def mnemonics(root: QWidget) -> list[tuple[str, str]]:
    """(letter, text) of every Alt letter under ``root``."""
    found = []
    for _widget, text, _set in _entries(root):
        letter = _letter(text())
        if letter:
            found.append((letter, text()))
    return found


def assign_mnemonics(root: QWidget) -> None:
    """Make each Alt letter under ``root`` unique: fields keep theirs, buttons give way."""
    entries = _entries(root)
    buttons = (QPushButton, QToolButton)
    ordered = [e for e in entries if not isinstance(e[0], buttons)] + [
        e for e in entries if isinstance(e[0], buttons)
    ]
    used: set[str] = set()
    for _widget, get, put in ordered:
        text = get()
        letter = _letter(text)
        if not letter:
            continue
        if letter not in used:
            used.add(letter)
        else:
            put(_with_free_letter(text, used))


def focus_list(pane: QWidget) -> None:
    """Put the cursor on ``pane``'s main list, on its highlighted line (else the first),
    so Enter opens a line straight after Ctrl+1 … Ctrl+0."""
    views = [v for v in pane.findChildren(QAbstractItemView) if v.isVisibleTo(pane)]
    if not views:
        return
    view = views[0]
    model = view.model()
    if model is not None and not view.currentIndex().isValid() and model.rowCount() > 0:
        view.setCurrentIndex(model.index(0, 0))
    view.setFocus(Qt.FocusReason.ShortcutFocusReason)


class _WheelGuard(QObject):
    """A drop-down or spin box changes with the wheel only once it has the cursor; an
    unfocused one passes the wheel on to the page, which scrolls."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget):
            if watched.hasFocus():
                return False
            area = _scroll_area(watched)
            if area is not None:
                QCoreApplication.sendEvent(area.verticalScrollBar(), event)
            return True
        return False


def _scroll_area(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


_WHEEL: list[_WheelGuard] = []


def guard_wheel(root: QWidget) -> None:
    """Drop-downs, spin boxes and date boxes under ``root`` ignore the wheel unless focused
    (and take the focus by click or Tab, never by the wheel)."""
    if not _WHEEL:
        _WHEEL.append(_WheelGuard())
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QComboBox | QAbstractSpinBox) and not widget.property("wheel"):
            widget.setProperty("wheel", True)
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            widget.installEventFilter(_WHEEL[0])
