"""UI: windows and dialogs that fit the screens councils have (1024x768 up, 100-150%).

Every window's size is clamped to its screen's *available* geometry (the screen less
the taskbar), its minimum size too, and it is moved back inside the screen; a dialog's
form scrolls (``dialogs._base.FormScroll``) so its buttons stay on the screen.
``available`` is the one place the screen is read, so a test can stand a 1024x768 screen
in for the real one.
``keep_on_screen`` does the same each time a window that is not a form dialog shows.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FALLBACK = QRect(0, 0, 1024, 728)
"""The room assumed when no screen is known: 1024x768 less a 40-pixel taskbar."""

FRAME = QSize(16, 40)
"""Room left for the window's title bar and borders, which the geometry excludes."""


def available(widget: QWidget | None = None) -> QRect:
    """The screen's available geometry (in device-independent pixels) for ``widget``."""
    screen = widget.screen() if widget is not None else None
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(FALLBACK)


def room(widget: QWidget | None = None) -> QSize:
    """The largest client size a window can have and still show its frame on the screen."""
    area = available(widget)
    return QSize(max(area.width() - FRAME.width(), 320), max(area.height() - FRAME.height(), 240))


def clamp(window: QWidget) -> None:
    """Shrink ``window`` (and its minimum size) to the screen; move it inside the screen."""
    limit = room(window)
    minimum = window.minimumSize()
    if minimum.width() > limit.width() or minimum.height() > limit.height():
        window.setMinimumSize(minimum.boundedTo(limit))
    size = window.size()
    if size.width() > limit.width() or size.height() > limit.height():
        window.resize(size.boundedTo(limit))
    area = available(window)
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.x()), area.right() + 1 - min(frame.width(), area.width()))
    y = min(max(frame.y(), area.y()), area.bottom() + 1 - min(frame.height(), area.height()))
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


def initial_size(window: QWidget, wanted: QSize) -> QSize:
    """``wanted``, or less on a small screen."""
    return wanted.boundedTo(room(window))


class _Clamp(QObject):
    """Clamps the window it watches to the screen each time it is shown (and the first
    time, makes its Alt letters unique)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.shown = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            if not self.shown:
                from complaints_desktop.ui import keys

                keys.assign_mnemonics(watched)
                self.shown = True
            clamp(watched)
        return False


def keep_on_screen(window: QWidget, wanted: QSize | None = None) -> None:
    """Open ``window`` at ``wanted`` (or less on a small screen) and clamp it when shown."""
    if wanted is not None:
        window.resize(initial_size(window, wanted))
    window.installEventFilter(_Clamp(window))


def restore(window: QWidget, geometry: object, wanted: QSize) -> None:
    """Restore a window's saved geometry (a QByteArray) or open it at ``wanted``; either
    way inside the screen it opens on (a size saved on a bigger screen is cut down)."""
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    else:
        window.resize(initial_size(window, wanted))
    clamp(window)
