"""Domain: read-only views of many cases at once (work queue, case list, registers).

Plain frozen dataclasses that storage fills and the window shows; no behaviour beyond a
few words computed from dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum

from complaints_desktop.domain.model import Ombudsman, Stage


class QueueGroup(IntEnum):
    """Why a case is in the work queue; lower is more urgent (the queue's sort order)."""

    OVERDUE = 0
    DUE_TODAY = 1
    AWAITING_ACKNOWLEDGEMENT = 2
    DUE_THIS_WEEK = 3
    REMEDY_DUE = 4
    REQUEST_DECISION = 5

    @property
    def label(self) -> str:
        """The group's name as the officer reads it."""
        return _GROUP_LABELS[self]


_GROUP_LABELS = {
    QueueGroup.OVERDUE: "Overdue",
    QueueGroup.DUE_TODAY: "Due today",
    QueueGroup.AWAITING_ACKNOWLEDGEMENT: "Awaiting acknowledgement",
    QueueGroup.DUE_THIS_WEEK: "Due this week",
    QueueGroup.REMEDY_DUE: "Ombudsman remedy due",
    QueueGroup.REQUEST_DECISION: "Awaiting request decision",
}


@dataclass(frozen=True)
class QueueItem:
    """One line of the work queue: what is due on which case, by when, and why.

    Attributes:
        group: why the line is in the queue (its urgency).
        reference: the case reference.
        what: what is due, in words (``Deadline.what``).
        due: the date it is due.
        rule: the rule that set the date (``Deadline.rule``).
        days: working days from today to the date; negative once it has passed (the
            statutory timescales count working days, and so does the queue).
        complainant: the complainant's name.
        team: the lead team.
        procedure: statutory, corporate or adult.
        stage: the case's current stage (0 before a formal stage).
        council: False for the complainant's own window (a stage 2/3 request).
    """

    group: QueueGroup
    reference: str
    what: str
    due: date
    rule: str
    days: int = 0
    complainant: str = ""
    team: str = ""
    procedure: str = ""
    stage: int = 0
    council: bool = True
    officer: str = ""
    """Who handles the case's current stage ("" when nobody is named)."""

    @property
    def overdue_days(self) -> int:
        """Working days past the date the council had to meet (0 when not overdue)."""
        return -self.days if self.council and self.days < 0 else 0

    @property
    def overdue(self) -> bool:
        """Past its date and still outstanding: the line is in the Overdue group (one
        definition for the icon, the counts and the daily summary; on a weekend a line
        due on Friday is overdue though no working day has passed)."""
        return self.group == QueueGroup.OVERDUE

    def when(self, today: date) -> str:
        """How urgent, in words: "Overdue by 3 working days", "Due today", "Due tomorrow"."""
        n = abs(self.days)
        days = f"{n} working day{'s' if n != 1 else ''}"
        if not self.council:
            if self.due < today:
                return f"Window closed {days} ago" if n else "Window closed"
            if self.due == today:
                return "Window closes today"
            return f"Window open, {days} left"
        if self.due < today:
            return f"Overdue by {days}" if n else "Overdue"
        if self.due == today:
            return "Due today"
        if (self.due - today).days == 1:
            return "Due tomorrow"
        return f"Due in {days}" if n else "Due next working day"


@dataclass(frozen=True)
class Counts:
    """The numbers the window shows in its title, status bar and navigation."""

    overdue: int = 0
    due_today: int = 0
    due_this_week: int = 0
    awaiting_acknowledgement: int = 0
    open_cases: int = 0
    total: int = 0
    contacts: int = 0


SORT_KEYS: tuple[str, ...] = (
    "reference",
    "received",
    "procedure",
    "stage",
    "status",
    "complainant",
    "child",
    "team",
    "next_due",
)
"""Columns the case list can be ordered by."""


@dataclass(frozen=True)
class SearchCriteria:
    """What the officer typed and chose in the case list.

    ``text`` is split into words; every word must appear in the reference, complainant,
    child (name or system ID), a team, or the summary. Empty fields do not filter.
    """

    text: str = ""
    procedure: str = ""
    stage: int | None = None
    status: str = ""
    team: str = ""
    received_from: date | None = None
    received_to: date | None = None
    overdue_only: bool = False
    officers: tuple[str, ...] = ()
    """The officer handling the current stage is one of these ("" = nobody named)."""
    sort: str = "received"
    descending: bool = True
    limit: int = 500


@dataclass(frozen=True)
class CaseRow:
    """One line of the case list."""

    reference: str
    received: date
    procedure: str
    stage: int
    status: str
    complainant: str = ""
    child: str = ""
    team: str = ""
    next_due: date | None = None
    next_due_what: str = ""
    summary: str = ""


@dataclass(frozen=True)
class SearchResult:
    """The rows shown (at most ``criteria.limit``) and how many match in all."""

    rows: list[CaseRow] = field(default_factory=list)
    total: int = 0

    @property
    def truncated(self) -> bool:
        """More cases match than are shown."""
        return self.total > len(self.rows)


@dataclass(frozen=True)
class OmbudsmanRow:
    """One Ombudsman referral, with its remedies' state."""

    reference: str
    lgsco_reference: str
    received: date | None
    decided: date | None
    outcome: str
    remedies_outstanding: int = 0
    remedies_overdue: int = 0
    next_remedy_due: date | None = None
    payment: int = 0


@dataclass(frozen=True)
class ActionRow:
    """One learning action, with the case it came from."""

    reference: str
    action: str
    owner: str
    target: date | None
    status: str
    source: str = ""
    overdue: bool = False
    position: int = -1
    """Its place in its case's list of actions (to open it again)."""
    completed: date | None = None


@dataclass(frozen=True)
class CaseDates:
    """One case as its deadlines and its work-queue line need it, read in bulk (the work
    queue, the acknowledgements due) instead of whole ``Case``\\ s.

    Not a ``Case``: it cannot be saved or shown as one. ``domain.deadlines`` takes either
    (``deadlines.Dated``). Its stages and Ombudsman referral are whole.
    """

    reference: str
    procedure: str
    received: date
    refused: date | None = None
    withdrawn: date | None = None
    status: str = "open"
    complainant: str = ""
    """The complainant's name."""
    team: str = ""
    """The lead team."""
    stages: list[Stage] = field(default_factory=list)
    ombudsman: Ombudsman | None = None
    id: int | None = None

    def stage(self, number: int) -> Stage | None:
        """Stage ``number`` if the case has reached it."""
        return next((s for s in self.stages if s.number == number), None)

    @property
    def current_stage(self) -> Stage | None:
        """The highest stage the case has reached."""
        return max(self.stages, key=lambda s: s.number) if self.stages else None


@dataclass(frozen=True)
class UpheldThemes:
    """One procedure's elements upheld or partly upheld at their last finding, in a period."""

    by_theme: dict[str, tuple[int, int]]
    """Theme ("" when not recorded) -> (elements, complaints with at least one)."""
    elements: int
    """Upheld elements in all."""
    complaints: int
    """Complaints with at least one upheld element."""
