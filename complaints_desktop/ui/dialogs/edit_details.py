"""UI: edit a case's details — the complaint, the people, advocacy, equality, elements."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFormLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from complaints_desktop.domain.errors import KnownError
from complaints_desktop.domain.merge import reapply
from complaints_desktop.domain.model import Case
from complaints_desktop.domain.rules import route
from complaints_desktop.domain.vocab import (
    CHANNELS,
    LEGAL_STATUSES,
    PROCEDURE_LABELS,
    RELATIONSHIPS,
)
from complaints_desktop.services import cases, settings
from complaints_desktop.ui.dialogs._base import (
    CaseDialog,
    DateField,
    InputProblem,
    Saving,
    combo,
    text_box,
)
from complaints_desktop.ui.dialogs.case_fields import (
    AdvocacyFields,
    CheckList,
    ChildFields,
    ElementsEdit,
    EqualityFields,
    PersonFields,
    _row,
)
from complaints_desktop.ui.dialogs.element_themes import ElementThemes

if TYPE_CHECKING:
    from complaints_desktop.services.env import Env


def _fields(changes: dict[str, list[Any]]) -> str:
    """Changed field paths as a person reads them ("complainant phone, summary")."""
    names = dict.fromkeys(
        " ".join(p for p in key.split(".") if not p.isdigit()).replace("_", " ") for key in changes
    )
    return ", ".join(names) if names else "none"


CONSENT = ("given", "not given", "not needed", "not yet asked")


def _names(env: Env, kind: str, keep: list[str]) -> list[str]:
    return [n for n, retired in settings.vocabulary(env, kind) if not retired or n in keep]


class EditDetailsDialog(CaseDialog):
    """Every detail of rules.md §2 that is not a move of the procedure."""

    ok_text = "&Save details"

    def __init__(self, env: Env, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(env, case, parent, f"Edit details of {case.reference}")
        self.opened = copy.deepcopy(case)  # what "my changes" are measured from
        self.merged = QLabel(self)  # after "keep my changes": what each of us changed
        self.merged.setWordWrap(True)
        self.merged.setAccessibleName("Your changes and theirs")
        self.merged.setStyleSheet(
            "QLabel { background: #e8f1fb; border: 1px solid #5b8fc7; border-radius: 3px;"
            " padding: 6px; }"
        )
        self.merged.hide()
        self._outer.insertWidget(self._outer.count() - 1, self.merged)
        self.setMinimumSize(700, 560)
        tabs = QTabWidget()
        tabs.setAccessibleName("Sections of the case details")
        self.extra.addWidget(tabs)

        page = QWidget()
        page_layout = QVBoxLayout(page)
        self.route_note = QLabel()  # above the form: a wrapping label inside one leaves gaps
        self.route_note.setWordWrap(True)
        self.route_note.setAccessibleName("Procedure note")
        page_layout.addWidget(self.route_note)
        form = QFormLayout()
        page_layout.addLayout(form)
        page_layout.addStretch(1)
        self.received = DateField(case.received)
        _row(form, "Date recei&ved:", self.received)
        self.channel = combo(CHANNELS, case.channel, blank="not recorded")
        _row(form, "Cha&nnel:", self.channel)
        self.relationship = combo(RELATIONSHIPS, case.relationship, blank="not recorded")
        _row(form, "Relationshi&p to the child:", self.relationship)
        self.area = combo(
            _names(env, "service_area", [case.service_area]), case.service_area, blank="—"
        )
        _row(form, "Service &area:", self.area)
        self.teams = CheckList(
            _names(env, "team", case.teams), case.teams, "Teams (first ticked is the lead)", rows=4
        )
        _row(form, "&Teams:", self.teams, "Space ticks; the first ticked leads")
        self.types = CheckList(
            _names(env, "type", case.types), case.types, "Complaint types", rows=4
        )
        _row(form, "T&ypes:", self.types)
        self.summary = text_box(case.summary, lines=3)
        _row(form, "S&ummary:", self.summary)
        tabs.addTab(page, "&Complaint")

        page = QWidget()
        layout = QVBoxLayout(page)
        self.person = PersonFields()
        self.person.load(case.complainant)
        layout.addWidget(self.person)
        needs = QFormLayout()
        self.adjustments = text_box(case.adjustments, lines=2)
        _row(needs, "Reasonable ad&justments:", self.adjustments, "What was agreed (CHC 5.6)")
        self.adjustments_review = DateField(case.adjustments_review)
        _row(needs, "Re&view them on:", self.adjustments_review)
        layout.addLayout(needs)
        layout.addStretch(1)
        tabs.addTab(page, "Co&mplainant")

        page = QWidget()
        page_layout = QVBoxLayout(page)
        form = QFormLayout()
        page_layout.addLayout(form)
        page_layout.addStretch(1)
        self.child = ChildFields()
        self.child.load(case.child)
        form.addRow(self.child)
        self.legal_status = combo(LEGAL_STATUSES, case.legal_status, blank="not recorded")
        _row(form, "Legal stat&us:", self.legal_status)
        self.consent = combo(CONSENT, case.on_behalf_consent, blank="—")
        _row(form, "Child's co&nsent:", self.consent)
        self.child_views = text_box(case.child_views, lines=2)
        _row(form, "Child's &views:", self.child_views)
        self.learned_of = DateField(case.learned_of)
        _row(
            form,
            "Complainant learned of it on:",
            self.learned_of,
            "The 12-month time limit runs from this date",
        )
        self.eligibility = text_box(case.eligibility_note, lines=2)
        _row(
            form,
            "Eligibility &decision:",
            self.eligibility,
            "e.g. the sufficient-interest decision and the child's views",
        )
        self.late = text_box(case.late_accepted_reason, lines=2)
        _row(form, "Accepted &late because:", self.late)
        tabs.addTab(page, "Chi&ld")

        page = QWidget()
        layout = QVBoxLayout(page)
        self.advocacy = AdvocacyFields(_names(env, "advocacy_provider", [case.advocacy.provider]))
        self.advocacy.load(case.advocacy)
        layout.addWidget(self.advocacy)
        self.equality = EqualityFields()
        self.equality.load(case.equality)
        layout.addWidget(self.equality)
        layout.addStretch(1)
        tabs.addTab(page, "Advocacy and e&quality")

        page = QWidget()
        layout = QVBoxLayout(page)
        self.elements = ElementsEdit(case.elements)
        self.elements.setAccessibleName("Elements, one per line")
        self.elements.setFixedHeight(self.elements.fontMetrics().lineSpacing() * 8)
        layout.addWidget(self.elements)
        themes = _names(env, "type", [e.theme for e in case.elements if e.theme])
        self.element_themes = ElementThemes(self.elements, themes)
        layout.addWidget(QLabel("Theme of each element (from the complaint types):"))
        layout.addWidget(self.element_themes, 1)
        tabs.addTab(page, "&Elements")

        self.relationship.currentIndexChanged.connect(self._route_note)
        self._route_note()

    def _route_note(self) -> None:
        decided = route(self.relationship.currentData() or "", bool(self.eligibility.toPlainText()))
        if decided.procedure == self.case.procedure:
            text = f"Follows the {PROCEDURE_LABELS[self.case.procedure]}. {decided.reason}"
        else:
            text = (
                f"Note: by this relationship the complaint would follow the "
                f"{PROCEDURE_LABELS[decided.procedure]}; it stays under the procedure it was "
                "logged under."
            )
        self.route_note.setText(text)

    def save(self, case: Case) -> Case | Saving:
        """Save the details typed; after "keep my changes" only the fields typed here are
        put onto the version someone else saved (their other changes stay)."""
        mine = self._typed_onto(self.opened)
        edited = mine if case.version == self.opened.version else reapply(self.opened, mine, case)
        return self.write(cases.edit, self.env, edited)

    def _keep(self) -> None:
        """Keep my changes: load their version, say what each of us changed."""
        try:
            mine = self._typed_onto(self.opened)
            merged = cases.keep_my_changes(self.env, self.opened, mine)
        except (KnownError, InputProblem) as err:
            self.problems.show_problems([str(err)])
            return
        self.case = merged.case
        self.conflict.hide()
        self.problems.show_problems([])
        self.merged.setText(
            "Someone else saved this case while you were editing it.\n"
            f"Their changes are kept: {_fields(merged.theirs)}.\n"
            f"Yours will be applied to their version: {_fields(merged.mine)}.\n"
            f"Press {self.ok_text.replace('&', '')} to save."
        )
        self.merged.show()
        self.ok_button.setFocus()

    def _typed_onto(self, case: Case) -> Case:
        edited = copy.deepcopy(case)
        edited.received = self.received.date("date received")  # type: ignore[assignment]
        edited.channel = self.channel.currentData() or ""
        edited.relationship = self.relationship.currentData() or ""
        edited.service_area = self.area.currentData() or ""
        edited.teams = self.teams.ticked()
        edited.types = self.types.ticked()
        edited.summary = self.summary.toPlainText().strip()
        edited.complainant = self.person.read()
        edited.child = self.child.read()
        edited.on_behalf_consent = self.consent.currentData() or ""
        edited.eligibility_note = self.eligibility.toPlainText().strip()
        edited.late_accepted_reason = self.late.toPlainText().strip()
        edited.legal_status = self.legal_status.currentData() or ""
        edited.child_views = self.child_views.toPlainText().strip()
        edited.learned_of = self.learned_of.date("date they learned of it", required=False)
        edited.adjustments = self.adjustments.toPlainText().strip()
        edited.adjustments_review = self.adjustments_review.date(
            "adjustments review date", required=False
        )
        edited.advocacy = self.advocacy.read(case.advocacy.used)
        edited.equality = self.equality.read()
        edited.elements = self.element_themes.apply(self.elements.read())
        return edited

    @classmethod
    def ask(cls, parent: QWidget | None, env: Env, case: Case) -> Case | None:
        """Show the dialog; the saved case, or None when cancelled."""
        return cls.run_case(cls(env, case, parent))
