"""UI: log a new complaint from the keyboard in under a minute.

Who is complaining (with known people looked up), their relationship to the child, the
child (warning of a case already open about them), how and when it arrived, what it is
about. The app decides statutory or corporate and says why (``domain.rules.route``),
flags a complaint more than 12 months after the events, offers an advocate to a child,
shows every deadline it computed, and offers to produce the acknowledgement letter.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.domain.deadlines import case_deadlines
from complaints_desktop.domain.errors import KnownError, ValidationFailed
from complaints_desktop.domain.model import Case, Child, Person, Stage
from complaints_desktop.domain.rules import add_months, out_of_time, route
from complaints_desktop.domain.text import long_date
from complaints_desktop.domain.vocab import (
    CHANNELS,
    LEGAL_STATUSES,
    PROCEDURE_LABELS,
    RELATIONSHIPS,
)
from complaints_desktop.services import cases, inbox, people, settings
from complaints_desktop.ui import screen_fit
from complaints_desktop.ui.common.files import dropped_file
from complaints_desktop.ui.dialogs._base import DateField, FormDialog, combo, text_box
from complaints_desktop.ui.dialogs.case_fields import (
    CheckList,
    ChildFields,
    ElementsEdit,
    PersonFields,
)
from complaints_desktop.ui.dialogs.letters import acknowledgement_template
from complaints_desktop.ui.dialogs.lookup import LookupList
from complaints_desktop.ui.views import officers

if TYPE_CHECKING:
    from complaints_desktop.services.env import Env

WIDE = 1100
"""The form's width in two columns; a narrower screen gets one column that scrolls."""
NARROW = 720
"""The form's width in one column (or the screen's, if less)."""


@dataclass
class _Logged:
    """What logging a complaint did: the case, a problem assigning it, the e-mail kept."""

    case: Case
    problem: KnownError | None = None
    kept_note: str = ""


def _log(env: Env, draft: Case, officer: str, email: inbox.Email | None) -> _Logged:
    """Log ``draft``, assign it to ``officer`` and keep ``email`` with it (one job on the
    write queue; touches no widget). A problem after the case is logged is returned with
    it, so the form knows the complaint exists."""
    case = cases.create(env, draft)
    if officer and case.stage(1) is not None:
        try:
            case = cases.assign(env, case, 1, officer)
        except KnownError as err:
            return _Logged(case, err)
    if email is None:
        return _Logged(case)
    try:
        inbox.keep(env, case.reference, email.filename, email.content)
        note = f"The e-mail “{email.filename}” is kept with the case."
    except KnownError as err:
        note = f"⚠ The e-mail could not be kept with the case ({err}); add it from the case later."
    return _Logged(case, kept_note=note)


def _describe_person(p: Person) -> str:
    parts = [p.name, p.email or p.phone, p.address.splitlines()[0] if p.address else ""]
    return " — ".join(x for x in parts if x)


def _describe_child(c: Child) -> str:
    parts = [c.name, f"born {long_date(c.dob)}" if c.dob else "", c.system_id]
    return " — ".join(x for x in parts if x)


def _note(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setAccessibleName(name)
    return label


class NewComplaintDialog(FormDialog):
    """The new-complaint form; on saving it shows the deadlines and offers the letter."""

    ok_text = "&Log complaint"

    def __init__(
        self, env: Env, parent: QWidget | None = None, email: inbox.Email | None = None
    ) -> None:
        super().__init__(parent, "New complaint")
        self.env = env
        self.saved: Case | None = None
        self.email: inbox.Email | None = None
        """The e-mail the complaint came in (kept with the case when it is logged)."""
        self.kept_note = ""
        self._settings = env.settings()
        self._calendar = env.calendar()
        # Two columns side by side where the screen is wide enough, else one under the
        # other (the form scrolls); never wider than the screen.
        room = screen_fit.room(self).width()
        wide = room >= WIDE
        columns = QHBoxLayout() if wide else QVBoxLayout()
        self.setMinimumWidth(WIDE if wide else min(NARROW, room))
        self.extra.addLayout(self._email_row())
        self.extra.addLayout(columns)
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        who = QGroupBox("Who is complaining")
        who_layout = QVBoxLayout(who)
        self.person = PersonFields()
        who_layout.addWidget(self.person)
        self.known = LookupList(
            self.person.name,
            lambda text: people.find_complainants(env, text),
            _describe_person,
            "Known complainants",
        )
        self.person.form.insertRow(1, "", self.known)
        self.known.picked.connect(self.person.load)
        relation = self.person.form
        self.relationship: QComboBox = combo(RELATIONSHIPS, blank="— choose —")
        self._add(relation, "Relationship to the &child:", self.relationship)
        self.sufficient = QCheckBox("Council &decided they have sufficient interest")
        self.sufficient.setAccessibleName("Sufficient interest decided")
        relation.addRow("", self.sufficient)
        self.decision = text_box(lines=2)
        self.decision.setPlaceholderText("The decision and why (who decided, when)")
        self._add(relation, "Decision and &why:", self.decision)
        self.child_views = text_box(lines=2)
        self.child_views.setPlaceholderText("What the child thinks of the complaint made for them")
        self._add(relation, "Child's vie&ws:", self.child_views)
        self.consent = combo(("given", "not given", "not needed", "not yet asked"), blank="—")
        self._add(relation, "Child's con&sent:", self.consent)
        left.addWidget(who)

        child_box = QGroupBox("The child or young person")
        child_layout = QVBoxLayout(child_box)
        self.child = ChildFields()
        child_layout.addWidget(self.child)
        self.legal_status = combo(LEGAL_STATUSES, blank="not recorded")
        self._add(self.child.form, "Legal stat&us:", self.legal_status)
        self.known_child = LookupList(
            self.child.name,
            lambda text: people.find_children(env, text),
            _describe_child,
            "Known children",
        )
        self.child.form.insertRow(1, "", self.known_child)
        self.known_child.picked.connect(self._child_picked)
        self.open_warning = _note(name="Open case warning")
        self.open_warning.setStyleSheet("QLabel { font-weight: bold; }")
        self.open_warning.hide()
        child_layout.addWidget(self.open_warning)
        left.addWidget(child_box)

        about = QGroupBox("The complaint")
        about_form = QFormLayout(about)
        self.channel = combo(CHANNELS, blank="— choose —")
        self._add(about_form, "C&hannel:", self.channel)
        self.received = DateField(env.today())
        self._add(about_form, "Date recei&ved:", self.received)
        self.events = DateField()
        self._add(
            about_form,
            "Date of the &events:",
            self.events,
            "When what is complained about happened (for the 12-month time limit)",
        )
        self.learned = DateField()
        self._add(
            about_form,
            "They &learned of it on:",
            self.learned,
            "When the complainant learned of the events, if later (the limit runs from it)",
        )
        self.late_note = _note(name="Time limit")
        self.late_note.setWordWrap(False)  # a wrapping label leaves gaps in a form
        self.late_note.hide()
        about_form.addRow("", self.late_note)
        self.late_reason = text_box(lines=2)
        self.late_reason.setPlaceholderText("Why the council accepts it late")
        self.late_caption = QLabel("Accepted late &because:")
        self.late_caption.setBuddy(self.late_reason)
        self.late_reason.setAccessibleName("Accepted late because")
        about_form.addRow(self.late_caption, self.late_reason)
        self.late_caption.hide()
        self.late_reason.hide()
        with_retired = [n for n, retired in settings.vocabulary(env, "service_area") if not retired]
        self.service_area = combo(with_retired, blank="—")
        self._add(about_form, "Service &area:", self.service_area)
        teams = [n for n, retired in settings.vocabulary(env, "team") if not retired]
        self.teams = CheckList(teams, [], "Teams (first ticked is the lead)", rows=5)
        self._add(about_form, "&Teams:", self.teams, "Space ticks; the first ticked leads")
        types = [n for n, retired in settings.vocabulary(env, "type") if not retired]
        self.types = CheckList(types, [], "Complaint types", rows=6)
        self._add(about_form, "T&ypes:", self.types, "Space ticks a type")
        self.summary = text_box(lines=2)
        self._add(about_form, "S&ummary:", self.summary)
        self.elements = ElementsEdit()
        self._add(about_form, "Ele&ments:", self.elements, "One element per line")
        me = officers.my_names(env)
        self.officer = officers.officer_combo(env, me[-1] if me else "")
        self._add(
            about_form, "Handled b&y:", self.officer, "The officer handling stage 1 (Users list)"
        )
        right.addWidget(about)
        right.addStretch(1)

        decision = QGroupBox("What the app decided")
        decision_layout = QVBoxLayout(decision)
        self.routing = _note(name="Procedure and why")
        decision_layout.addWidget(self.routing)
        self.advocate = QCheckBox("&Offer an advocate (s26A Children Act 1989)")
        self.advocate.setAccessibleName("Offer an advocate")
        self.advocate.setChecked(True)
        self.provider = combo(
            [n for n, retired in settings.vocabulary(env, "advocacy_provider") if not retired],
            blank="provider not chosen yet",
        )
        self.provider.setAccessibleName("Advocacy provider")
        advocacy_row = QHBoxLayout()
        advocacy_row.addWidget(self.advocate)
        advocacy_row.addWidget(self.provider, 1)
        self.advocacy_panel = QWidget()
        self.advocacy_panel.setLayout(advocacy_row)
        advocacy_row.setContentsMargins(0, 0, 0, 0)
        decision_layout.addWidget(self.advocacy_panel)
        self.deadlines = _note(name="Deadlines")
        decision_layout.addWidget(self.deadlines)
        left.addWidget(decision)
        left.addStretch(1)

        self.done_panel = QGroupBox("Logged")
        done_layout = QVBoxLayout(self.done_panel)
        self.done_text = _note(name="Logged complaint")
        done_layout.addWidget(self.done_text)
        buttons = QHBoxLayout()
        self.letter_button = QPushButton("&Produce the acknowledgement letter")
        self.close_button = QPushButton("&Close")
        buttons.addWidget(self.letter_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        done_layout.addLayout(buttons)
        self.letter_note = _note(name="Letter")
        done_layout.addWidget(self.letter_note)
        self.done_panel.hide()
        self._outer.insertWidget(self._outer.count() - 1, self.done_panel)
        self.letter_button.clicked.connect(self._letter)
        self.close_button.clicked.connect(self._finish)

        self.relationship.currentIndexChanged.connect(self.update_decision)
        self.sufficient.toggled.connect(self.update_decision)
        self.received.textChanged.connect(self.update_decision)
        self.events.textChanged.connect(self.update_decision)
        self.learned.textChanged.connect(self.update_decision)
        self._child_timer = QTimer(self)
        self._child_timer.setSingleShot(True)
        self._child_timer.setInterval(300)
        self._child_timer.timeout.connect(self.check_open_cases)
        for field in (self.child.name, self.child.system_id):
            field.textEdited.connect(lambda _t: self._child_timer.start())
            field.editingFinished.connect(self.check_open_cases)
        self.update_decision()
        self.person.name.setFocus()
        self.setAcceptDrops(True)
        if email is not None:
            self.fill_from(email)

    # -- from the inbox -------------------------------------------------------------------
    def _email_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.open_email_button = QPushButton("Open &e-mail… (Ctrl+O)")
        # Its own action: a button's shortcut is replaced when its Alt letter changes.
        self.open_email_action = QAction("Open e-mail", self)
        self.open_email_action.setShortcut(QKeySequence("Ctrl+O"))
        self.open_email_action.triggered.connect(self.open_email)
        self.addAction(self.open_email_action)
        self.open_email_button.setAccessibleName("Open an e-mail")
        self.open_email_button.setToolTip(
            "Fill the form from an e-mail saved from Outlook (.msg) or another mail "
            "program (.eml); or drag the file onto this form"
        )
        self.open_email_button.clicked.connect(self.open_email)
        self.email_note = _note(
            "From the inbox: open or drop an e-mail (.msg or .eml) to fill the sender, "
            "date and summary.",
            "E-mail",
        )
        row.addWidget(self.open_email_button)
        row.addWidget(self.email_note, 1)
        return row

    def open_email(self) -> None:
        """Ctrl+O: choose a saved e-mail and fill the form from it."""
        path, _ = QFileDialog.getOpenFileName(
            self, "Open an e-mail", "", "E-mail (*.msg *.eml);;All files (*)"
        )
        if path:
            self.fill_from_file(path)

    def fill_from_file(self, path: str) -> bool:
        """Read the e-mail in ``path`` into the form; a plain message, and no change, if
        it cannot be read."""
        try:
            found = inbox.read_email(path)
        except KnownError as err:
            self.problems.show_problems([str(err)])
            return False
        self.fill_from(found)
        return True

    def fill_from(self, email: inbox.Email) -> None:
        """Fill the sender, date received, channel and summary from ``email``."""
        self.problems.show_problems([])
        self.email = email
        if email.sender_name:
            self.person.name.setText(email.sender_name)
        if email.sender_address:
            self.person.email.setText(email.sender_address)
        if email.received is not None:
            self.received.set_date(email.received)
        self.channel.setCurrentIndex(max(0, self.channel.findData("email")))
        if email.summary:
            self.summary.setPlainText(email.summary)
            # Room to read the message (the box was two lines).
            self.summary.setMinimumHeight(self.summary.fontMetrics().lineSpacing() * 8)
        size = max(1, round(len(email.content) / 1024))
        self.email_note.setText(
            f"From the e-mail “{email.filename}” ({size} KB): check each field; the "
            "message is kept with the case when it is logged."
        )
        self.known.refresh()
        self.update_decision()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """A file dragged over the form (before it is logged) may be dropped."""
        if self.saved is None and dropped_file(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """A dropped e-mail fills the form."""
        path = dropped_file(event.mimeData())
        if self.saved is None and path:
            event.acceptProposedAction()
            self.fill_from_file(path)

    def _add(self, form: QFormLayout, label: str, widget: QWidget, tip: str = "") -> None:
        caption = QLabel(label)
        caption.setBuddy(widget)
        widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        if tip:
            widget.setToolTip(tip)
        form.addRow(caption, widget)

    # -- live decisions -------------------------------------------------------------------
    def _child_picked(self, child: Child) -> None:
        self.child.load(child)
        self.check_open_cases()

    def check_open_cases(self) -> None:
        """Warn when a case about the same child is still open."""
        try:
            child = self.child.read()
        except Exception:  # an unreadable date of birth: checked on saving
            child = Child(
                id=self.child.child_id,
                name=self.child.name.text(),
                system_id=self.child.system_id.text(),
            )
        warning = (
            people.open_case_warning(self.env, child)
            if (child.id or child.name or child.system_id)
            else ""
        )
        self.open_warning.setText(f"⚠ {warning}" if warning else "")
        self.open_warning.setVisible(bool(warning))
        QTimer.singleShot(0, self, self.grow_to_fit)

    def draft(self) -> Case:
        """The case as typed so far (raises InputProblem for an unreadable date)."""
        relationship = self.relationship.currentData() or ""
        decided = route(relationship, self.sufficient.isChecked() or None)
        case = Case(
            procedure=decided.procedure,
            received=self.received.date("date received"),  # type: ignore[arg-type]
            channel=self.channel.currentData() or "",
            relationship=relationship,
            service_area=self.service_area.currentData() or "",
            teams=self.teams.ticked(),
            types=self.types.ticked(),
            summary=self.summary.toPlainText().strip(),
            complainant=self.person.read(),
            child=self.child.read(),
            on_behalf_consent=self.consent.currentData() or "",
            eligibility_note=(
                self.decision.toPlainText().strip() or decided.reason
                if self.sufficient.isChecked()
                else ""
            ),
            child_views=self.child_views.toPlainText().strip(),
            legal_status=self.legal_status.currentData() or "",
            learned_of=self.learned.date("date they learned of it", required=False),
            late_accepted_reason=self.late_reason.toPlainText().strip(),
            elements=self.elements.read(),
        )
        if relationship == "child or young person" and self.advocate.isChecked():
            case.advocacy.offered = case.received
            case.advocacy.provider = self.provider.currentData() or ""
        return case

    def update_decision(self) -> None:
        """Say which procedure applies and why, the time limit, advocacy and deadlines."""
        relationship = self.relationship.currentData() or ""
        self.sufficient.setEnabled(relationship not in ("", *_STATUTORY))
        for field in (self.decision, self.child_views):
            field.setEnabled(self.sufficient.isEnabled() and self.sufficient.isChecked())
        decided = route(relationship, self.sufficient.isChecked() or None)
        self.routing.setText(
            f"<b>{PROCEDURE_LABELS[decided.procedure]}</b><br>Why: {decided.reason}"
        )
        self.advocacy_panel.setVisible(relationship == "child or young person")
        try:
            received = self.received.date("date received")
            events = self.events.date("date of the events", required=False)
            learned = self.learned.date("date they learned of it", required=False)
        except Exception:
            self.deadlines.setText("Deadlines appear once the dates are complete.")
            return
        assert received is not None
        months = self._settings.procedure(decided.procedure).time_limit_months
        start = max(d for d in (events, learned) if d) if (events or learned) else None
        late = out_of_time(received, start, months)
        self.late_note.setText(
            f"⚠ Out of time: received more than {months} months after the complainant\n"
            "learned of the events "
            f"(the limit passed on {long_date(add_months(start, months))}).\n"
            "The council may accept it: say why below."
            if late and start
            else ""
        )
        for w in (self.late_note, self.late_caption, self.late_reason):
            w.setVisible(late)
        QTimer.singleShot(0, self, self.grow_to_fit)
        preview = Case(procedure=decided.procedure, received=received)
        preview.stages.append(Stage(number=1, start=received))
        lines = [
            f"• <b>{d.what}</b>: {long_date(d.due)} — {d.rule}"
            for d in case_deadlines(preview, self._settings, self._calendar, self.env.today())
        ]
        self.deadlines.setText("<b>Deadlines</b><br>" + "<br>".join(lines))

    # -- saving ---------------------------------------------------------------------------
    def submit(self) -> str:
        """Check what is needed and log the complaint."""
        problems: list[str] = []
        if not self.person.name.text().strip():
            problems.append("Enter the complainant's name (or 'Anonymous').")
        if not self.relationship.currentData():
            problems.append("Choose the complainant's relationship to the child.")
        if self.late_reason.isVisible() and not self.late_reason.toPlainText().strip():
            problems.append(
                "The complaint is out of time: say why the council accepts it "
                "(a complaint the council will not consider is not logged)."
            )
        if problems:
            raise ValidationFailed(problems)
        # On the window's one write queue, behind any import: the window answers meanwhile.
        logged: _Logged = self.on_write_queue(
            self.write(_log, self.env, self.draft(), self.officer.currentText().strip(), self.email)
        )
        case = self.saved = logged.case
        self.kept_note = logged.kept_note
        if logged.problem is not None:
            raise logged.problem  # logged, but not assigned: shown, and Save then closes
        return case.reference

    def accept(self) -> None:
        """Log the complaint, then show its deadlines and the letter offer (not closing)."""
        if self.saving:
            return
        if self.saved is not None:
            QDialog.accept(self)
        elif self.attempt():
            self._show_done()

    def _show_done(self) -> None:
        case = self.saved
        assert case is not None
        self.problems.show_problems([])
        found = cases.deadlines(self.env, case)
        lines = [f"• <b>{d.what}</b>: {long_date(d.due)} — {d.rule}" for d in found]
        advocate = ""
        if case.relationship == "child or young person" and case.advocacy.offered:
            advocate = "<br>An advocate was offered; record the decision on the case."
        self.done_text.setText(
            f"<b>Complaint {case.reference} logged</b> under the "
            f"{PROCEDURE_LABELS[case.procedure]}.{advocate}<br>"
            + "<br>".join(lines)
            + (f"<br>{html.escape(self.kept_note)}" if self.kept_note else "")
        )
        self.done_panel.show()
        for w in self.findChildren(QGroupBox):
            if w is not self.done_panel:
                w.setEnabled(False)
        self.ok_button.hide()
        self.cancel_button.hide()
        self.open_email_button.setEnabled(False)  # logged: another e-mail is another case
        self.open_email_action.setEnabled(False)
        self.letter_button.setFocus()
        QTimer.singleShot(0, self, self.grow_to_fit)

    def _letter(self) -> None:
        """Open the Letters dialog on the acknowledgement: preview, print or save, logged."""
        assert self.saved is not None
        from complaints_desktop.ui.dialogs.letter_dialog import LetterDialog, title_of

        template = acknowledgement_template(self.saved)
        produced = LetterDialog.ask(self, self.env, self.saved.reference, template)
        self.letter_note.setText(
            f"The letter “{title_of(produced)}” was produced and logged on the case."
            if produced
            else "No letter was produced; it can be produced later from the case (Letters…)."
        )

    def _finish(self) -> None:
        QDialog.accept(self)

    def reject(self) -> None:
        """After logging, closing just closes; before, typed text is guarded."""
        if self.saved is not None:
            QDialog.accept(self)
            return
        super().reject()

    @classmethod
    def ask(cls, parent: QWidget | None, env: Env, email: inbox.Email | None = None) -> str | None:
        """Show the form (filled from ``email`` when given); the new complaint's
        reference, or None when nothing was logged."""
        dialog = cls(env, parent, email)
        dialog.exec()
        return dialog.saved.reference if dialog.saved is not None else None


_STATUTORY = (
    "child or young person",
    "parent",
    "foster carer",
    "special guardian",
    "adopter",
    "advocate or representative",
)
