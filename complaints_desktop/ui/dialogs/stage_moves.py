"""UI: small dialogs for the moves of a stage — acknowledge, extend, suspend, escalate, …

Each asks only what its move needs, saves it with ``services.cases`` and returns the
saved case from ``ask(parent, env, case)`` (None when cancelled).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.domain.model import Case
from complaints_desktop.domain.text import long_date
from complaints_desktop.domain.vocab import REFUSAL_REASONS
from complaints_desktop.services import cases
from complaints_desktop.ui.dialogs._base import (
    CaseDialog,
    DateField,
    InputProblem,
    Saving,
    combo,
    money_text,
    parse_money,
    text_box,
)

if TYPE_CHECKING:
    from complaints_desktop.services.env import Env


def _stage_name(case: Case) -> str:
    stage = case.current_stage
    return f"stage {stage.number}" if stage else "the complaint"


class _DateMove(CaseDialog):
    """A move that needs only a date."""

    title = ""
    label = "&Date:"
    what = "date"
    intro = ""
    move: Any = None

    def __init__(self, env: Env, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(
            env,
            case,
            parent,
            self.title.format(stage=_stage_name(case)),
            self.intro.format(stage=_stage_name(case)),
        )
        self.on = DateField(env.today())
        self.add_row(self.label, self.on)

    def save(self, case: Case) -> Case | Saving:
        on = self.on.date(self.what)
        return self.write(type(self).move, self.env, case, on)

    @classmethod
    def ask(cls, parent: QWidget | None, env: Env, case: Case) -> Case | None:
        """Show the dialog; the saved case, or None when cancelled."""
        return cls.run_case(cls(env, case, parent))


class AcknowledgeDialog(_DateMove):
    """Record the acknowledgement of the current stage."""

    title = "Acknowledge {stage}"
    label = "&Acknowledged on:"
    what = "acknowledgement date"
    ok_text = "&Acknowledge"
    move = staticmethod(cases.acknowledge)


class ResumeDialog(_DateMove):
    """Restart a stopped clock."""

    title = "Restart the clock"
    label = "Clock &runs again from:"
    what = "date the clock restarts"
    ok_text = "&Restart clock"
    move = staticmethod(cases.resume)


class AgreeStatementDialog(_DateMove):
    """Stage 2: the statement of complaint was agreed."""

    title = "Statement of complaint agreed"
    intro = "The stage 2 clock is also counted from the day the statement is agreed."
    label = "&Agreed on:"
    what = "agreement date"
    ok_text = "&Record agreement"
    move = staticmethod(cases.agree_statement)


class PanelReportDialog(_DateMove):
    """Stage 3: the review panel's report arrived."""

    title = "Review panel report received"
    label = "Report &received on:"
    what = "report date"
    ok_text = "&Record report"
    move = staticmethod(cases.panel_report)


class WithdrawDialog(_DateMove):
    """The complainant withdrew."""

    title = "Complaint withdrawn"
    intro = "This closes {stage} with the outcome 'withdrawn'."
    label = "&Withdrawn on:"
    what = "withdrawal date"
    ok_text = "&Withdraw"
    move = staticmethod(cases.withdraw)


class ResolveEarlyDialog(_DateMove):
    """Resolved before any formal stage."""

    title = "Resolved early"
    intro = "Early resolution (stage 0) is counted separately in the annual report."
    label = "&Resolved on:"
    what = "resolution date"
    ok_text = "&Resolve early"
    move = staticmethod(cases.resolve_early)


class ExtendDialog(CaseDialog):
    """Extend the stage in progress to its longer timescale."""

    ok_text = "&Extend"

    def __init__(self, env: Env, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(
            env,
            case,
            parent,
            f"Extend {_stage_name(case)}",
            "The complainant must be told of the extension and the reason for it.",
        )
        self.agreed = DateField(env.today())
        self.add_row("Date &agreed:", self.agreed)
        self.reason = text_box(lines=3)
        self.add_row("&Reason (note):", self.reason, "Why more time is needed, for the file")
        self.letter_reason = text_box(lines=3)
        self.letter_reason.setPlaceholderText(
            "Written to the complainant, e.g. We need to speak to two more members of staff."
        )
        self.add_row(
            "Reason in the &letter:",
            self.letter_reason,
            "Written to the complainant, e.g. 'We need to speak to two more members of staff.'",
        )

    def save(self, case: Case) -> Case | Saving:
        agreed = self.agreed.date("date the extension was agreed")
        assert agreed is not None
        return self.write(
            cases.extend,
            self.env,
            case,
            agreed,
            self.reason.toPlainText(),
            self.letter_reason.toPlainText(),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, env: Env, case: Case) -> Case | None:
        """Show the dialog; the saved case, or None when cancelled."""
        return cls.run_case(cls(env, case, parent))


class SuspendDialog(CaseDialog):
    """Stop the clock of the stage in progress."""

    ok_text = "&Stop clock"

    def __init__(self, env: Env, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(
            env,
            case,
            parent,
            "Stop the clock",
            "Working days while the clock is stopped do not count towards the deadline.",
        )
        self.start = DateField(env.today())
        self.add_row("Clock &stops from:", self.start)
        self.reason = text_box(lines=2)
        self.add_row("&Reason:", self.reason, "e.g. an advocate is being appointed")

    def save(self, case: Case) -> Case | Saving:
        start = self.start.date("date the clock stops")
        assert start is not None
        return self.write(cases.suspend, self.env, case, start, self.reason.toPlainText())

    @classmethod
    def ask(cls, parent: QWidget | None, env: Env, case: Case) -> Case | None:
        """Show the dialog; the saved case, or None when cancelled."""
        return cls.run_case(cls(env, case, parent))


class EscalateDialog(CaseDialog):
    """Open the next stage at the complainant's request."""

    ok_text = "&Escalate"

    def __init__(self, env: Env, case: Case, parent: QWidget | None = None) -> None:
        current = case.current_stage
        nxt = current.number + 1 if current else 1
        window = next((d for d in cases.deadlines(env, case) if d.kind == "request"), None)
        intro = (
            f"The complainant could ask for stage {nxt} until {long_date(window.due)} "
            f"({window.rule}). A later request needs the reason the council accepts it."
            if window is not None
            else ""
        )
        super().__init__(env, case, parent, f"Escalate to stage {nxt}", intro)
        self.requested = DateField(env.today())
        self.add_row("&Requested on:", self.requested)
        self.late_reason = text_box(lines=2)
        self.add_row(
            "&Late request accepted because:",
            self.late_reason,
            "Only needed when the request came after the window closed",
        )

    def save(self, case: Case) -> Case | Saving:
        requested = self.requested.date("request date")
        assert requested is not None
        return self.write(cases.escalate, self.env, case, requested, self.late_reason.toPlainText())

    @classmethod
    def ask(cls, parent: QWidget | None, env: Env, case: Case) -> Case | None:
        """Show the dialog; the saved case, or None when cancelled."""
        return cls.run_case(cls(env, case, parent))


class CommissionDialog(CaseDialog):
    """Stage 2: commission the investigation."""

    ok_text = "&Commission"

    def __init__(self, env: Env, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(
            env,
            case,
            parent,
            "Commission the stage 2 investigation",
            "The independent person cannot be the investigating officer.",
        )
        stage = case.stage(2)
        self.officer = QLineEdit(stage.investigating_officer if stage else "")
        self.add_row("&Investigating officer:", self.officer)
        self.officer_address = text_box(lines=2)
        self.officer_address.setPlainText(stage.io_address if stage else "")
        self.add_row("Officer's a&ddress:", self.officer_address, "For the commissioning letter")
        self.officer_fee = QLineEdit(money_text(stage.io_fee) if stage else "")
        self.officer_fee.setPlaceholderText("£ e.g. 1800.00")
        self.add_row("Investigating officer's &fee (£):", self.officer_fee)
        self.independent = QLineEdit(stage.independent_person if stage else "")
        self.add_row("Inde&pendent person:", self.independent)
        self.independent_address = text_box(lines=2)
        self.independent_address.setPlainText(stage.ip_address if stage else "")
        self.add_row("Independent person's add&ress:", self.independent_address)
        self.independent_fee = QLineEdit(money_text(stage.ip_fee) if stage else "")
        self.independent_fee.setPlaceholderText("£ e.g. 650.00")
        self.add_row("Independent person's f&ee (£):", self.independent_fee)

    def save(self, case: Case) -> Case | Saving:
        problems = []
        fees = []
        for field, what in (
            (self.officer_fee, "officer's fee"),
            (self.independent_fee, "independent person's fee"),
        ):
            try:
                fees.append(parse_money(field.text(), what))
            except InputProblem as err:
                problems.append(str(err))
        if not self.officer.text().strip():
            problems.append("Name the investigating officer.")
        if problems:
            raise ValidationFailed(problems)
        return self.write(
            cases.commission,
            self.env,
            case,
            self.officer.text(),
            self.independent.text(),
            fees[0],
            fees[1],
            self.officer_address.toPlainText(),
            self.independent_address.toPlainText(),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, env: Env, case: Case) -> Case | None:
        """Show the dialog; the saved case, or None when cancelled."""
        return cls.run_case(cls(env, case, parent))


class ArrangePanelDialog(CaseDialog):
    """Stage 3: the review panel's three members, its date and its cost."""

    ok_text = "&Arrange panel"

    def __init__(self, env: Env, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(
            env,
            case,
            parent,
            "Arrange the review panel",
            "Three independent members. The stage 2 independent person attends but may not sit.",
        )
        stage = case.stage(3)
        names = stage.panel_members.split("; ") if stage and stage.panel_members else []
        names += [""] * (3 - len(names))
        self.members = [QLineEdit(n) for n in names[:3]]
        for number, edit in enumerate(self.members, start=1):
            self.add_row(f"Member &{number}:", edit)
        self.meets = DateField(stage.panel_date if stage else None)
        self.add_row("Panel &meets on:", self.meets)
        self.time = QLineEdit(stage.panel_time if stage else "")
        self.time.setPlaceholderText("e.g. 10.30am")
        self.add_row("At (&time):", self.time)
        self.venue = text_box(lines=2)
        self.venue.setPlainText(stage.panel_venue if stage else "")
        self.add_row("&Venue or link:", self.venue, "The address, or the link of a remote meeting")
        self.cost = QLineEdit(money_text(stage.cost) if stage else "")
        self.cost.setPlaceholderText("£ e.g. 1200.00")
        self.add_row("Panel &cost (£):", self.cost)

    def save(self, case: Case) -> Case | Saving:
        meets = self.meets.date("panel date", required=False)
        cost = parse_money(self.cost.text(), "panel cost")
        return self.write(
            cases.arrange_panel,
            self.env,
            case,
            [m.text() for m in self.members],
            meets,
            cost,
            self.time.text(),
            self.venue.toPlainText(),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, env: Env, case: Case) -> Case | None:
        """Show the dialog; the saved case, or None when cancelled."""
        return cls.run_case(cls(env, case, parent))


class RefuseDialog(CaseDialog):
    """Not accepted: the reason and where else the complainant can go."""

    ok_text = "&Refuse"

    def __init__(self, env: Env, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(
            env,
            case,
            parent,
            "Complaint not accepted",
            "The complainant is told why and where else to go (refusal and signposting letter).",
        )
        self.on = DateField(env.today())
        self.add_row("&Decided on:", self.on)
        self.reason: QComboBox = combo(REFUSAL_REASONS, blank="— choose a reason —")
        self.add_row("&Reason:", self.reason)
        self.detail = text_box(lines=2)
        self.add_row(
            "Reason in &words:",
            self.detail,
            "Printed in the letter after 'because': write it to the complainant",
        )
        self.signposting = text_box(lines=2)
        self.add_row(
            "&Signposting:",
            self.signposting,
            "Printed under 'Where else you can go', written to the complainant (the letter "
            "already gives the usual place for the reason chosen)",
        )

    def save(self, case: Case) -> Case | Saving:
        on = self.on.date("date of the decision")
        assert on is not None
        reason = self.reason.currentData() or ""
        detail = self.detail.toPlainText().strip()
        text = f"{reason}: {detail}" if reason and detail else reason or detail
        return self.write(cases.refuse, self.env, case, on, text, self.signposting.toPlainText())

    @classmethod
    def ask(cls, parent: QWidget | None, env: Env, case: Case) -> Case | None:
        """Show the dialog; the saved case, or None when cancelled."""
        return cls.run_case(cls(env, case, parent))
