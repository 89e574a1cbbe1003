"""UI: typed text not yet saved, kept on disk so a crash or a power cut does not lose it.

The case tabs' note boxes write what is typed here (half a second after the last key);
a saved note drops its draft. At the next start the window reopens each case that has
a draft and puts the text back in its box. Kept in the window's ``QSettings`` (the
registry on Windows), written through at once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings

GROUP = "drafts"


class DraftStore:
    """Unsaved text by key (``note:CSC/26/0001``)."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def _key(self, key: str) -> str:
        return f"{GROUP}/{key.replace('/', '|')}"

    def get(self, key: str) -> str:
        """The draft kept under ``key`` ("" when none)."""
        return str(self.settings.value(self._key(key), "") or "")

    def put(self, key: str, text: str) -> None:
        """Keep ``text`` under ``key`` (empty text drops it), on disk at once."""
        if text.strip():
            self.settings.setValue(self._key(key), text)
        else:
            self.settings.remove(self._key(key))
        self.settings.sync()

    def drop(self, key: str) -> None:
        """Forget the draft under ``key`` (it was saved)."""
        self.put(key, "")

    def waiting(self) -> list[str]:
        """Every key with a draft."""
        self.settings.beginGroup(GROUP)
        try:
            return [k.replace("|", "/") for k in self.settings.childKeys()]
        finally:
            self.settings.endGroup()


def draft_store(widget: QObject) -> DraftStore | None:
    """The window's draft store, found through ``widget``'s parents (None on its own)."""
    owner: QObject | None = widget
    while owner is not None:
        found = getattr(owner, "drafts", None)
        if isinstance(found, DraftStore):
            return found
        owner = owner.parent()
    return None
