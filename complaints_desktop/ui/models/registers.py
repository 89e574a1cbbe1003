"""UI: table models of the registers — contacts, Ombudsman referrals, learning actions."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyle

from complaints_desktop.domain.model import Contact
from complaints_desktop.domain.text import pounds
from complaints_desktop.domain.views import ActionRow, OmbudsmanRow
from complaints_desktop.ui.models.base import Column, RowsModel, day, urgency_colour


def _warning() -> Any:
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


class ContactColumn(IntEnum):
    """The contacts list's columns."""

    REFERENCE = 0
    KIND = 1
    RECEIVED = 2
    SENDER = 3
    TEAMS = 4
    RESPONDED = 5
    SUMMARY = 6


class ContactsModel(RowsModel[Contact]):
    """Compliments, enquiries, queries and duty contacts; an enquiry's reply due date is
    shown until it is answered, and "OVERDUE" once it has passed."""

    def __init__(self, today: date, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = today
        self.due: dict[str, date] = {}
        self.columns = (
            Column[Contact]("Reference", lambda c: c.reference),
            Column[Contact]("Kind", lambda c: c.kind.capitalize().replace("Mp ", "MP ")),
            Column[Contact]("Received", lambda c: day(c.received), sort=lambda c: c.received),
            Column[Contact]("From", lambda c: c.sender),
            Column[Contact]("Teams", lambda c: ", ".join(c.teams)),
            Column[Contact]("Responded", self._responded, sort=self._responded_key),
            Column[Contact]("Summary", lambda c: " ".join(c.summary.split())),
        )

    def _overdue(self, c: Contact) -> bool:
        due = self.due.get(c.reference)
        return c.responded is None and due is not None and due < self.today

    def _responded(self, c: Contact) -> str:
        if c.responded is not None:
            return day(c.responded)
        due = self.due.get(c.reference)
        if due is None:
            return "Not yet"
        return f"OVERDUE, was due {day(due)}" if self._overdue(c) else f"Not yet, due {day(due)}"

    def _responded_key(self, c: Contact) -> Any:
        return (c.responded is not None, self.due.get(c.reference) or c.responded or c.received)

    def extra(self, obj: Contact, column: int, role: int) -> Any:
        if column != ContactColumn.RESPONDED or not self._overdue(obj):
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return urgency_colour(True)
        if role == Qt.ItemDataRole.DecorationRole:
            return _warning()
        return None


class OmbudsmanColumn(IntEnum):
    """The Ombudsman list's columns."""

    REFERENCE = 0
    LGSCO = 1
    RECEIVED = 2
    DECIDED = 3
    OUTCOME = 4
    REMEDIES = 5
    PAYMENT = 6


def _remedies(row: OmbudsmanRow) -> str:
    if row.remedies_outstanding == 0:
        return "None outstanding" if row.decided is not None else ""
    text = f"{row.remedies_outstanding} outstanding, next due {day(row.next_remedy_due)}"
    if row.remedies_overdue:
        return f"{row.remedies_overdue} OVERDUE; {text}"
    return text


class OmbudsmanModel(RowsModel[OmbudsmanRow]):
    """Cases referred to the Local Government and Social Care Ombudsman."""

    columns = (
        Column[OmbudsmanRow]("Reference", lambda r: r.reference),
        Column[OmbudsmanRow]("LGSCO reference", lambda r: r.lgsco_reference),
        Column[OmbudsmanRow]("Received", lambda r: day(r.received), sort=lambda r: r.received),
        Column[OmbudsmanRow](
            "Decided", lambda r: day(r.decided) or "Awaiting decision", sort=lambda r: r.decided
        ),
        Column[OmbudsmanRow]("Outcome", lambda r: r.outcome.capitalize()),
        Column[OmbudsmanRow](
            "Remedies",
            _remedies,
            sort=lambda r: (-r.remedies_overdue, -r.remedies_outstanding),
        ),
        Column[OmbudsmanRow](
            "Payment",
            lambda r: pounds(r.payment) if r.payment else "",
            sort=lambda r: r.payment,
            numeric=True,
        ),
    )

    def extra(self, obj: OmbudsmanRow, column: int, role: int) -> Any:
        if column != OmbudsmanColumn.REMEDIES or not obj.remedies_overdue:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return urgency_colour(True)
        if role == Qt.ItemDataRole.DecorationRole:
            return _warning()
        return None


class ActionColumn(IntEnum):
    """The learning actions list's columns."""

    ACTION = 0
    OWNER = 1
    TARGET = 2
    STATUS = 3
    REFERENCE = 4


class ActionsModel(RowsModel[ActionRow]):
    """Learning actions; an overdue one says so in its target column."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = (
            Column[ActionRow]("Action", lambda a: a.action),
            Column[ActionRow]("Owner", lambda a: a.owner),
            Column[ActionRow]("Target", self._target, sort=lambda a: a.target),
            Column[ActionRow]("Status", lambda a: a.status.capitalize()),
            Column[ActionRow]("Case", lambda a: a.reference),
        )

    @staticmethod
    def _target(a: ActionRow) -> str:
        if a.target is None:
            return "No target"
        return f"OVERDUE {day(a.target)}" if a.overdue else day(a.target)

    def extra(self, obj: ActionRow, column: int, role: int) -> Any:
        if column != ActionColumn.TARGET or not obj.overdue:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return urgency_colour(True)
        if role == Qt.ItemDataRole.DecorationRole:
            return _warning()
        return None
