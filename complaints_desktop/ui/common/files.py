"""UI helpers for files: the one file being dragged over a window."""

from __future__ import annotations

from PySide6.QtCore import QMimeData


def dropped_file(mime: QMimeData) -> str:
    """The one local file being dragged (or dropped), or '' (none, several, or not local)."""
    if not mime.hasUrls():
        return ""
    files = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
    return files[0] if len(files) == 1 else ""
