"""UI: the retention review screen — records past their retention period, and what to do."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.services import retention
from complaints_desktop.services.env import Env
from complaints_desktop.services.retention import RetentionItem
from complaints_desktop.ui.common.errors import describe_error
from complaints_desktop.ui.common.tables import setup_table
from complaints_desktop.ui.common.widgets import heading
from complaints_desktop.ui.models.audit import RetentionColumn, RetentionModel
from complaints_desktop.ui.workers import run_in_background, write_queue

ANONYMISE_EXPLAINED = (
    "Anonymise keeps a case for the statistics (dates, outcomes, teams, types, costs) but "
    "removes for good the names, address and contact details, the child's name, date of "
    "birth and ID, the equality answers (counted as 'not stated' from then on), the "
    "description, element and finding texts, notes, attached documents, learning actions' "
    "and Ombudsman remedies' wording, the values in its audit entries, and the names of "
    "the advocate, handler, investigating officer, independent person and panel members. "
    "Delete removes the record and everything on it. Neither can be undone, and no "
    "earlier version stays in the database file; backups taken before keep it until they "
    "are rotated away. Cases under legal hold are never anonymised or deleted."
)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class RetentionView(QWidget):
    """Closed cases and contacts past their retention period, for anonymising or deleting."""

    rows_shown = Signal(int)
    done = Signal(str)
    open_case_requested = Signal(str)
    error_occurred = Signal(str)

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.period = QLabel(self)
        self.period.setWordWrap(True)
        self.explained = QLabel(self.tr(ANONYMISE_EXPLAINED), self)
        self.explained.setWordWrap(True)
        self.show_held = QCheckBox(self.tr("Also show cases under &legal hold"), self)
        self.show_held.toggled.connect(self.refresh)
        self.model = RetentionModel(self)
        self.table = QTableView(self)
        setup_table(self.table, self.tr("Records due for retention review"))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(RetentionColumn.CLOSED, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(self._activated)
        self.summary = QLabel(self.tr("Loading…"), self)
        self.summary.setAccessibleName(self.tr("Retention review summary"))
        self.summary.setWordWrap(True)
        self.select_all = QPushButton(self.tr("Select &all"), self)
        self.select_all.clicked.connect(self.table.selectAll)
        self.anonymise_button = QPushButton(self.tr("A&nonymise selected…"), self)
        self.anonymise_button.clicked.connect(self.anonymise)
        self.delete_button = QPushButton(self.tr("&Delete selected…"), self)
        self.delete_button.clicked.connect(self.delete)
        actions = QHBoxLayout()
        actions.addWidget(self.select_all)
        actions.addWidget(self.anonymise_button)
        actions.addWidget(self.delete_button)
        actions.addStretch(1)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("Why (e.g. a claim or an investigation)"))
        self.reason.setAccessibleName(self.tr("Reason for the legal hold"))
        self.reason.textChanged.connect(self._selection_changed)
        reason_label = QLabel(self.tr("Legal hold &reason:"), self)
        reason_label.setBuddy(self.reason)
        self.hold_button = QPushButton(self.tr("Put on legal &hold"), self)
        self.hold_button.clicked.connect(lambda: self.set_hold(True))
        self.release_button = QPushButton(self.tr("L&ift legal hold"), self)
        self.release_button.clicked.connect(lambda: self.set_hold(False))
        hold = QHBoxLayout()
        hold.addWidget(reason_label)
        hold.addWidget(self.reason, 1)
        hold.addWidget(self.hold_button)
        hold.addWidget(self.release_button)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Result"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Retention review"), self))
        layout.addWidget(self.period)
        layout.addWidget(self.explained)
        layout.addWidget(self.show_held)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        hint = QLabel(self.tr("Press Enter or double-click a case's line to open it."), self)
        hint.setEnabled(False)
        layout.addWidget(hint)
        layout.addLayout(actions)
        layout.addLayout(hold)
        layout.addWidget(self.message)
        self._busy = False
        self._selection_changed()

    # --- reading ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the list off the UI thread."""
        env = self.env
        held = self.show_held.isChecked()

        def load(_t: object) -> tuple[list[RetentionItem], dict[str, int]]:
            return (
                retention.due_for_review(env, env.today(), include_held=held),
                retention.retention_years(env),
            )

        run_in_background(load, self._show, self._failed, parent=self)

    def _show(self, result: tuple[list[RetentionItem], dict[str, int]]) -> None:
        items, years = result
        self.period.setText(
            self.tr(
                "Closed complaints are kept for {c} years after they close, and compliments, "
                "enquiries and other contacts for {k} years after they were answered "
                "(Settings > Timescales). These records have passed that time; choose what "
                "happens to each."
            ).format(c=years["complaints"], k=years["contacts"])
        )
        self.model.set_rows(items)
        self.table.resizeColumnsToContents()
        cases = sum(1 for i in items if i.kind == "complaint")
        held = sum(1 for i in items if i.legal_hold)
        parts = []
        if cases - held:
            parts.append(_plural(cases - held, "case", "cases"))
        if len(items) - cases:
            parts.append(_plural(len(items) - cases, "contact", "contacts"))
        text = (
            self.tr("{what} due for review.").format(what=self.tr(" and ").join(parts))
            if parts
            else self.tr("Nothing is due for review today.")
        )
        if held:
            text += self.tr(" {n} under legal hold (shown, but they cannot be removed).").format(
                n=_plural(held, "case", "cases")
            )
        self.summary.setText(text)
        self._selection_changed()
        self.rows_shown.emit(len(items))

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self._selection_changed()
        self.message.setText(describe_error(exc))
        self.error_occurred.emit(describe_error(exc))

    def _activated(self, index: QModelIndex) -> None:
        item = self.model.row_object(index.row())
        if item.kind == "complaint":
            self.open_case_requested.emit(item.reference)

    def selected(self) -> list[RetentionItem]:
        """The records selected, in list order."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_object(r) for r in rows]

    def _selection_changed(self, *_args: object) -> None:
        chosen = self.selected()
        free = bool(chosen) and not any(i.legal_hold for i in chosen) and not self._busy
        self.delete_button.setEnabled(free)
        self.anonymise_button.setEnabled(free and all(i.kind == "complaint" for i in chosen))
        single_case = len(chosen) == 1 and chosen[0].kind == "complaint" and not self._busy
        has_reason = bool(self.reason.text().strip())
        self.hold_button.setEnabled(single_case and has_reason and not chosen[0].legal_hold)
        self.release_button.setEnabled(single_case and has_reason and chosen[0].legal_hold)
        need = (
            self.tr("Type the reason first.")
            if single_case and not has_reason
            else self.tr("Select one case first.")
            if not single_case
            else ""
        )
        self.hold_button.setToolTip(need)
        self.release_button.setToolTip(need)
        if chosen and not self.anonymise_button.isEnabled() and not self._busy:
            why = (
                self.tr("Cases under legal hold cannot be anonymised or deleted.")
                if any(i.legal_hold for i in chosen)
                else self.tr("Contacts can only be deleted: they are not in the statistics.")
            )
            self.anonymise_button.setToolTip(why)
        else:
            self.anonymise_button.setToolTip("")

    # --- writing ---------------------------------------------------------------------
    def confirm(self, title: str, text: str, action: str) -> bool:
        """Ask before a change that cannot be undone (tests replace this)."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
        go = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is go

    def anonymise(self) -> None:
        """Anonymise the cases selected, after confirmation."""
        chosen = self.selected()
        if not chosen:
            return
        n = _plural(len(chosen), "case", "cases")
        text = self.tr(
            "Anonymise {n} ({refs})?\n\nNames, addresses, contact details, the child's "
            "details, descriptions, notes and the names of the people who investigated will "
            'be removed for good. Equality answers will count as "not stated" in the '
            "statistics.\n\nThis cannot be undone."
        ).format(n=n, refs=self._references(chosen))
        if self.confirm(
            self.tr("Anonymise {n}").format(n=n), text, self.tr("Anonymise {n}").format(n=n)
        ):
            refs = [i.reference for i in chosen]
            self._write(
                lambda: retention.anonymise(self.env, refs),
                lambda k: self.tr("{n} anonymised.").format(n=_plural(k, "case", "cases")),
            )

    def delete(self) -> None:
        """Delete the records selected, after confirmation."""
        chosen = self.selected()
        if not chosen:
            return
        n = _plural(len(chosen), "record", "records")
        text = self.tr(
            "Delete {n} ({refs}) and everything on them: stages, findings, notes, letters "
            "and documents?\n\nThey will no longer appear in any report, including the "
            "statistics of past years.\n\nThis cannot be undone."
        ).format(n=n, refs=self._references(chosen))
        if self.confirm(self.tr("Delete {n}").format(n=n), text, self.tr("Delete {n}").format(n=n)):
            refs = [i.reference for i in chosen]
            self._write(
                lambda: retention.delete(self.env, refs),
                lambda k: self.tr("{n} deleted.").format(n=_plural(k, "record", "records")),
            )

    def set_hold(self, hold: bool) -> None:
        """Put the selected case under legal hold, or lift it, with the reason typed."""
        chosen = self.selected()
        if len(chosen) != 1:
            return
        reference, reason = chosen[0].reference, self.reason.text()
        text = (
            self.tr("{ref} is now under legal hold.")
            if hold
            else self.tr("The legal hold on {ref} was lifted.")
        ).format(ref=reference)

        def work() -> int:
            retention.set_legal_hold(self.env, reference, hold, reason)
            return 1

        self._write(work, lambda _k: text)
        self.reason.clear()

    @staticmethod
    def _references(items: list[RetentionItem]) -> str:
        refs = [i.reference for i in items]
        return ", ".join(refs[:6]) + (f" and {len(refs) - 6} more" if len(refs) > 6 else "")

    def _write(self, work: Callable[[], int], done_text: Callable[[int], str]) -> None:
        self._busy = True
        self._selection_changed()
        self.message.setText(self.tr("Working…"))

        def finished(count: int) -> None:
            self._busy = False
            text = done_text(count)
            self.message.setText(text)
            self.done.emit(text)
            self.refresh()

        # On the window's one write queue: one save at a time in the app (issue 16).
        run_in_background(
            lambda _t: work(), finished, self._failed, pool=write_queue(self), parent=self
        )
