"""UI: ask for one name (adding or renaming a list entry)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QWidget

from complaints_desktop.ui.dialogs._base import FormDialog


class NameDialog(FormDialog):
    """One line of text, saved by ``save(name)`` (which may refuse with a reason)."""

    def __init__(
        self,
        title: str,
        label: str,
        current: str,
        save: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, title)
        self.ok_button.setText("&Save")
        self.name = QLineEdit(current)
        self.name.selectAll()
        self.add_row(label, self.name)
        self._save = save

    def submit(self) -> str:
        """Save the name typed; its tidy spelling is the dialog's value."""
        clean = " ".join(self.name.text().split())
        self.on_write_queue(self.write(self._save, clean))  # ``save`` must not touch Qt
        return clean

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        title: str,
        label: str,
        current: str,
        save: Callable[[str], None],
    ) -> str | None:
        """Show the dialog; the saved name, or None when cancelled."""
        dialog = cls(title, label, current, save, parent)
        dialog.exec()
        result: str | None = dialog.value
        return result
