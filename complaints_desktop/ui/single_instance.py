"""UI: one window per database per person; a second start brings the first to the front.

A lock file (``QLockFile``: stale locks of a crashed window are taken over) says a window
has the database; a local socket (``QLocalServer``) named after the same key lets a
second start ask that window to come to the front, and then quit. The command line does
not take the lock: it runs alongside a window safely (SQLite's own locks, and a restore
is refused while a window has the file open).
"""

from __future__ import annotations

import hashlib
import os
from urllib.parse import urlsplit, urlunsplit

from PySide6.QtCore import QDir, QLockFile, QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

WAIT_MS = 3000
"""How long a second start waits to reach the first window."""


def database_key(url: str, user: str) -> str:
    """A short name for (database, person): the same for every way of naming the file."""
    if url.startswith("sqlite:///"):
        identity = os.path.normcase(os.path.realpath(url[len("sqlite:///") :]))
    else:
        parts = urlsplit(url)
        host = parts.netloc.rsplit("@", 1)[-1]
        account = parts.username or ""
        identity = urlunsplit((parts.scheme, f"{account}@{host}", parts.path, "", ""))
    digest = hashlib.sha256(f"{user}\n{identity}".encode()).hexdigest()
    return f"complaints_desktop-{digest[:20]}"


class InstanceGuard(QObject):
    """Holds the database for this window; ``activation_requested`` when another start
    asked for it."""

    activation_requested = Signal()

    def __init__(self, key: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.lock = QLockFile(QDir(QDir.tempPath()).filePath(key + ".lock"))
        self.lock.setStaleLockTime(0)  # held as long as the window is open
        self.server: QLocalServer | None = None

    def claim(self) -> bool:
        """Take the database for this window; False (after asking the window that has it
        to come to the front) when another window of this person has it open."""
        if not self.lock.tryLock(0):
            self._ask_to_come_forward()
            return False
        QLocalServer.removeServer(self.key)  # a crashed window's socket
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._asked)
        server.listen(self.key)
        self.server = server
        return True

    def release(self) -> None:
        """Let the database go (the window closes, or opens another database)."""
        if self.server is not None:
            self.server.close()
            self.server = None
        if self.lock.isLocked():
            self.lock.unlock()

    def _asked(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.disconnected.connect(socket.deleteLater)
            socket.disconnectFromServer()
        self.activation_requested.emit()

    def _ask_to_come_forward(self) -> None:
        socket = QLocalSocket()
        socket.connectToServer(self.key)
        if socket.waitForConnected(WAIT_MS):
            socket.write(b"show\n")
            socket.waitForBytesWritten(WAIT_MS)
            socket.disconnectFromServer()


def bring_to_front(window: object) -> None:
    """Show ``window`` un-minimised, raised and active (a second start asked for it)."""
    from PySide6.QtWidgets import QWidget

    assert isinstance(window, QWidget)
    state = window.windowState() & ~Qt.WindowState.WindowMinimized
    window.setWindowState(state | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()
