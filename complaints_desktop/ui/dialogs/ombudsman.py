"""UI: Ombudsman dialogs — referral, decision with each recommended remedy, compliance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.domain.model import Case, Recommendation
from complaints_desktop.domain.vocab import LGSCO_OUTCOMES, REMEDY_COMPLIANCE
from complaints_desktop.services import cases
from complaints_desktop.ui.dialogs._base import (
    CaseDialog,
    DateField,
    InputProblem,
    Saving,
    combo,
    money_text,
    parse_money,
)

if TYPE_CHECKING:
    from complaints_desktop.services.env import Env


class ReferOmbudsmanDialog(CaseDialog):
    """The Ombudsman told the council of a referral."""

    ok_text = "&Record referral"

    def __init__(self, env: Env, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(env, case, parent, "Referred to the Ombudsman")
        self.reference = QLineEdit()
        self.reference.setPlaceholderText("e.g. 25 012 345")
        self.add_row("Ombudsman's &reference:", self.reference)
        self.received = DateField(env.today())
        self.add_row("Council told on:", self.received)

    def save(self, case: Case) -> Case | Saving:
        if not self.reference.text().strip():
            raise ValidationFailed(["Enter the Ombudsman's reference."])
        received = self.received.date("date the council was told")
        assert received is not None
        return self.write(cases.refer_ombudsman, self.env, case, self.reference.text(), received)

    @classmethod
    def ask(cls, parent: QWidget | None, env: Env, case: Case) -> Case | None:
        """Show the dialog; the saved case, or None when cancelled."""
        return cls.run_case(cls(env, case, parent))


class RemedyRow:
    """One recommended remedy being typed: what, by when, and any amount."""

    def __init__(self, number: int, rec: Recommendation | None = None) -> None:
        self.description = QLineEdit(rec.description if rec else "")
        self.description.setAccessibleName(f"Remedy {number}: what the council must do")
        self.target = DateField(rec.target if rec else None)
        self.target.setAccessibleName(f"Remedy {number}: target date")
        self.amount = QLineEdit(money_text(rec.amount) if rec else "")
        self.amount.setPlaceholderText("£")
        self.amount.setAccessibleName(f"Remedy {number}: amount in pounds")
        self.amount.setMaximumWidth(110)
        self.original = rec

    def read(self, number: int) -> Recommendation | None:
        """The remedy typed (None for an empty row)."""
        text = self.description.text().strip()
        if not text and not self.target.text().strip() and not self.amount.text().strip():
            return None
        if not text:
            raise InputProblem(f"Remedy {number}: say what the council must do.")
        rec = Recommendation(
            description=text,
            target=self.target.date(f"target date of remedy {number}", required=False),
            amount=parse_money(self.amount.text(), f"amount of remedy {number}"),
        )
        if self.original is not None:
            rec.achieved, rec.status, rec.id = (
                self.original.achieved,
                self.original.status,
                self.original.id,
            )
        return rec


class OmbudsmanDecisionDialog(CaseDialog):
    """The Ombudsman's decision, payment, and each recommended remedy with its target."""

    ok_text = "&Record decision"

    def __init__(self, env: Env, case: Case, parent: QWidget | None = None) -> None:
        omb = case.ombudsman
        super().__init__(
            env,
            case,
            parent,
            "Ombudsman's decision",
            f"Referral {omb.reference if omb else ''}: record the decision and every remedy "
            "the Ombudsman recommended, each with its target date.",
        )
        self.setMinimumWidth(680)
        self.decided = DateField(env.today())
        self.add_row("&Decided on:", self.decided)
        self.outcome = combo(LGSCO_OUTCOMES, omb.outcome if omb else "", blank="— choose —")
        self.add_row("&Outcome:", self.outcome)
        self.payment = QLineEdit(money_text(omb.payment) if omb else "")
        self.payment.setPlaceholderText("£ total the council is asked to pay")
        self.add_row("&Payment recommended (£):", self.payment)
        box = QGroupBox("Recommended remedies")
        self.grid = QGridLayout()
        for col, text in enumerate(("What the council must do", "Target date", "Amount (£)")):
            self.grid.addWidget(QLabel(f"<b>{text}</b>"), 0, col)
        self.grid.setColumnStretch(0, 1)
        inner = QVBoxLayout(box)
        inner.addLayout(self.grid)
        self.add_button = QPushButton("&Add another remedy")
        self.add_button.clicked.connect(lambda: self.add_remedy())
        inner.addWidget(self.add_button)
        self.extra.addWidget(box)
        self.rows: list[RemedyRow] = []
        for rec in omb.recommendations if omb else []:
            self.add_remedy(rec)
        if not self.rows:
            self.add_remedy()

    def add_remedy(self, rec: Recommendation | None = None) -> RemedyRow:
        """Add an empty (or filled) remedy row and put the cursor in it."""
        row = RemedyRow(len(self.rows) + 1, rec)
        line = len(self.rows) + 1
        self.grid.addWidget(row.description, line, 0)
        self.grid.addWidget(row.target, line, 1)
        self.grid.addWidget(row.amount, line, 2)
        self.setTabOrder(row.description, row.target)
        self.setTabOrder(row.target, row.amount)
        self.setTabOrder(row.amount, self.add_button)
        self.rows.append(row)
        if rec is None and self.isVisible():
            row.description.setFocus()
        return row

    def recommendations(self) -> list[Recommendation]:
        """Every remedy typed (empty rows left out)."""
        out = []
        for number, row in enumerate(self.rows, start=1):
            rec = row.read(number)
            if rec is not None:
                out.append(rec)
        return out

    def save(self, case: Case) -> Case | Saving:
        decided = self.decided.date("decision date")
        assert decided is not None
        outcome = self.outcome.currentData() or ""
        if not outcome:
            raise ValidationFailed(["Choose the Ombudsman's outcome."])
        payment = parse_money(self.payment.text(), "payment")
        return self.write(
            cases.ombudsman_decision,
            self.env,
            case,
            decided,
            outcome,
            payment,
            self.recommendations(),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, env: Env, case: Case) -> Case | None:
        """Show the dialog; the saved case, or None when cancelled."""
        return cls.run_case(cls(env, case, parent))


class RemedyComplianceDialog(CaseDialog):
    """The council's compliance with one recommended remedy."""

    ok_text = "&Record compliance"

    def __init__(self, env: Env, case: Case, index: int, parent: QWidget | None = None) -> None:
        omb = case.ombudsman
        rec = omb.recommendations[index] if omb and 0 <= index < len(omb.recommendations) else None
        super().__init__(
            env,
            case,
            parent,
            "Compliance with a remedy",
            f"Remedy: {rec.description}" if rec else "",
        )
        self.index = index
        self.achieved = DateField(rec.achieved if rec else None)
        self.add_row("&Achieved on:", self.achieved, "Leave blank while not yet done")
        self.status = combo(REMEDY_COMPLIANCE, rec.status if rec else "pending")
        self.add_row("&Status:", self.status)

    def save(self, case: Case) -> Case | Saving:
        achieved = self.achieved.date("date achieved", required=False)
        return self.write(
            cases.remedy_compliance, self.env, case, self.index, achieved, self.status.currentData()
        )

    @classmethod
    def ask(cls, parent: QWidget | None, env: Env, case: Case, index: int) -> Case | None:
        """Show the dialog for remedy ``index``; the saved case, or None when cancelled."""
        return cls.run_case(cls(env, case, index, parent))
