"""UI: the sections of the case view, each built from a ``Case`` (read-only display).

Header, people, deadlines, stage timeline, elements with findings, advocacy, Ombudsman,
remedies and payments, learning actions, letters, notes and the audit history.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QWidget

from complaints_desktop.domain.deadlines import Deadline
from complaints_desktop.domain.model import Case, Stage
from complaints_desktop.domain.text import long_date, pounds
from complaints_desktop.domain.vocab import PROCEDURE_LABELS
from complaints_desktop.services.history import HistoryEntry
from complaints_desktop.ui.views.case_widgets import (
    deadline_state,
    facts,
    label,
    local_time,
    section,
    table,
    wide_columns,
    yes_no,
)

STAGE_NAMES = {
    1: "Stage 1 — local resolution",
    2: "Stage 2 — investigation",
    3: "Stage 3 — review panel",
}


def stage_title(case: Case, number: int) -> str:
    """'Stage 2 — investigation' (statutory) or 'Stage 2' (corporate)."""
    if case.procedure == "statutory":
        return STAGE_NAMES.get(number, f"Stage {number}")
    return f"Stage {number}"


def header(case: Case, upcoming: Deadline | None, today: date) -> QWidget:
    """Reference, procedure, stage, status and the next deadline with its rule."""
    box, layout = section("Summary", "Case summary")
    stage = case.current_stage
    stage_text = stage_title(case, stage.number) if stage else "no formal stage"
    if stage and stage.is_open:
        stage_text += " (in progress)"
    elif stage and stage.response:
        stage_text += f" (responded {long_date(stage.response)})"
    title = label(
        f"<span style='font-size:15pt; font-weight:bold'>{case.reference}</span>"
        f"&nbsp;&nbsp;{case.complainant.name or ''}"
        + (f" about {case.child.name}" if case.child.name else ""),
        f"Complaint {case.reference}",
        rich=True,
    )
    layout.addWidget(title)
    if case.restricted:
        layout.addWidget(label("RESTRICTED CASE — handle with care", "Restricted case"))
    if upcoming is not None:
        state = deadline_state(upcoming, today)
        due = (f"{upcoming.what}: {long_date(upcoming.due)} ({state})", upcoming.rule)
    else:
        due = ("nothing outstanding", "")
    pairs = [
        ("Procedure", PROCEDURE_LABELS.get(case.procedure, case.procedure)),
        ("Stage", stage_text),
        ("Status", case.status),
        (
            "Received",
            f"{long_date(case.received)}" + (f" by {case.channel}" if case.channel else ""),
        ),
        ("Next deadline", due[0]),
        ("Rule", due[1]),
    ]
    if stage is not None and any(s.end is None for s in stage.suspensions):
        running = next(s for s in stage.suspensions if s.end is None)
        pairs.append(("Clock", f"⏸ STOPPED since {long_date(running.start)}: {running.reason}"))
    late = upcoming is not None and upcoming.late(today)
    stopped = any(key == "Clock" for key, _ in pairs)
    warn = frozenset({"Next deadline"} if late else set()) | ({"Clock"} if stopped else set())
    layout.addWidget(facts(pairs, "Summary facts", warn))
    return box


def people(case: Case) -> QWidget:
    """Complainant, child, relationship and consent."""
    box, layout = section("People")
    row = QHBoxLayout()
    p, c = case.complainant, case.child
    row.addWidget(
        facts(
            [
                ("Complainant", p.name),
                ("Relationship", case.relationship),
                ("Address", p.address.replace("\n", ", ")),
                ("E-mail", p.email),
                ("Phone", p.phone),
                (
                    "Prefers",
                    ", ".join(
                        x for x in (p.preferred_contact, p.preferred_format, p.language) if x
                    ),
                ),
            ],
            "Complainant",
        ),
        1,
    )
    row.addWidget(
        facts(
            [
                ("Child", c.name),
                ("Date of birth", long_date(c.dob)),
                ("Social-care ID", c.system_id),
                ("Child's consent", case.on_behalf_consent),
                ("Legal status", case.legal_status),
                ("Eligibility", case.eligibility_note),
                ("Child's views", case.child_views),
                ("Learned of it on", long_date(case.learned_of) if case.learned_of else ""),
                ("Accepted late", case.late_accepted_reason),
                ("Adjustments", case.adjustments),
                (
                    "Review adjustments",
                    long_date(case.adjustments_review) if case.adjustments_review else "",
                ),
            ],
            "Child",
        ),
        1,
    )
    layout.addLayout(row)
    about = [
        ("Service area", case.service_area),
        ("Teams", "; ".join(f"{t} (lead)" if i == 0 else t for i, t in enumerate(case.teams))),
        ("Types", "; ".join(case.types)),
        ("Summary", case.summary),
    ]
    layout.addWidget(facts(about, "What the complaint is about"))
    return box


def deadlines(found: list[Deadline], today: date) -> QWidget:
    """Every deadline with the rule that produced it."""
    box, layout = section("Deadlines", "Deadlines and the rules that set them")
    rows = [(d.what, long_date(d.due), deadline_state(d, today), d.rule) for d in found]
    widget = table(("What", "Due", "State", "Rule"), rows, "Deadlines", "No deadlines.")
    wide_columns(widget, 0, 3)  # a long "what" (a remedy's words) no longer squeezes the rule
    layout.addWidget(widget)
    return box


def _stage_rows(stage: Stage, found: list[Deadline]) -> list[tuple[str, str]]:
    mine = [
        d
        for d in found
        if d.stage == stage.number and d.kind in ("response", "panel", "panel-report")
    ]
    rows = [
        ("Requested", long_date(stage.requested)),
        (
            "Started",
            long_date(stage.start)
            + (" (statement of complaint agreed)" if stage.number == 2 and stage.start else ""),
        ),
        ("Acknowledged", long_date(stage.acknowledged)),
    ]
    for d in mine:
        if d.kind != "response":
            key = f"{d.what} by"
        elif "request" in d.what:
            key = "Deadline (from request)"
        elif "statement" in d.what:
            key = "Deadline (from statement)"
        else:
            key = "Deadline"
        rows.append((key, long_date(d.due)))
    if stage.extended:
        rows.append(
            ("Extension", f"agreed {long_date(stage.extension_agreed)}: {stage.extension_reason}")
        )
    for number, s in enumerate(stage.suspensions, start=1):
        end = long_date(s.end) if s.end else "still stopped"
        rows.append((f"Clock stopped ({number})", f"{long_date(s.start)} to {end}: {s.reason}"))
    if stage.investigating_officer or stage.independent_person:
        rows.append(
            ("Investigating officer", f"{stage.investigating_officer} (fee {pounds(stage.io_fee)})")
        )
        rows.append(
            ("Independent person", f"{stage.independent_person} (fee {pounds(stage.ip_fee)})")
        )
    if stage.panel_members or stage.panel_date:
        rows.append(("Panel", f"{stage.panel_members}; meets {long_date(stage.panel_date)}"))
        rows.append(("Panel report", long_date(stage.panel_report)))
    if stage.cost:
        rows.append(("Cost", pounds(stage.cost)))
    if stage.handler:
        rows.append(("Handler", stage.handler))
    rows.append(("Response", long_date(stage.response) or "not yet"))
    rows.append(("Outcome", stage.outcome))
    return [(k, v) for k, v in rows if v]


def timeline(case: Case, found: list[Deadline]) -> QWidget:
    """Each stage: start, acknowledgement, deadline, extension, suspensions, response."""
    box, layout = section("Stage timeline")
    if case.resolved_early:
        layout.addWidget(label(f"Resolved early on {long_date(case.resolved_early)}."))
    if case.refused:
        layout.addWidget(
            label(
                f"Not accepted on {long_date(case.refused)}: "
                f"{case.refusal_reason}. Signposted to: "
                f"{case.signposting or 'not recorded'}."
            )
        )
    if case.withdrawn:
        layout.addWidget(
            label(
                f"Withdrawn on {long_date(case.withdrawn)} at stage {case.withdrawn_stage or '—'}."
            )
        )
    if not case.stages and not (case.resolved_early or case.refused):
        layout.addWidget(label("No formal stage has begun."))
    row = QHBoxLayout()
    for stage in sorted(case.stages, key=lambda s: s.number):
        inner = QGroupBox(stage_title(case, stage.number))
        inner_layout = QHBoxLayout(inner)
        inner_layout.addWidget(facts(_stage_rows(stage, found), stage_title(case, stage.number)))
        row.addWidget(inner, 1)
    layout.addLayout(row)
    return box


def elements(case: Case) -> QWidget:
    """Elements with their theme and the finding at each stage."""
    box, layout = section("Elements and findings")
    numbers = sorted({s.number for s in case.stages} or {1})
    rows = []
    for index, element in enumerate(case.elements, start=1):
        cells = [f"{index}. {element.text}", element.theme]
        for n in numbers:
            f = element.finding(n)
            cells.append(f"{f.outcome}{': ' + f.text if f.text else ''}" if f else "")
        rows.append(cells)
    widget = table(
        ("Element", "Theme", *[f"Stage {n} finding" for n in numbers]),
        rows,
        "Elements",
        "No elements recorded; add them with Edit details.",
    )
    wide_columns(widget, *range(len(numbers) + 2))
    layout.addWidget(widget)
    return box


def advocacy(case: Case) -> QWidget:
    """Offered, decision, provider, referral, advocate."""
    box, layout = section("Advocacy")
    a = case.advocacy
    layout.addWidget(
        facts(
            [
                ("Offered", long_date(a.offered)),
                ("Decision", a.decision),
                ("Provider", a.provider),
                ("Referred", long_date(a.referral)),
                ("Advocate", a.advocate_name),
                ("Advocate supported", yes_no(a.used)),
            ],
            "Advocacy",
        )
    )
    return box


def ombudsman(case: Case, on_compliance: Callable[[int], None]) -> QWidget:
    """The referral, decision, and each recommended remedy with a compliance button."""
    box, layout = section("Ombudsman (LGSCO)")
    omb = case.ombudsman
    if omb is None:
        layout.addWidget(label("Not referred to the Ombudsman."))
        return box
    layout.addWidget(
        facts(
            [
                ("Reference", omb.reference),
                ("Council told", long_date(omb.received)),
                ("Decided", long_date(omb.decided)),
                ("Outcome", omb.outcome or "awaiting decision"),
                ("Payment", pounds(omb.payment) if omb.payment else ""),
            ],
            "Ombudsman referral",
        )
    )
    rows = [
        (
            f"{i}. {r.description}",
            long_date(r.target),
            pounds(r.amount) if r.amount else "",
            long_date(r.achieved),
            r.status,
        )
        for i, r in enumerate(omb.recommendations, start=1)
    ]
    widget = table(
        ("Recommended remedy", "Target", "Amount", "Achieved", "Compliance"),
        rows,
        "Recommended remedies",
        "No remedies recommended.",
    )
    wide_columns(widget, 0)
    layout.addWidget(widget)
    if omb.recommendations:
        buttons = QHBoxLayout()
        for index, _rec in enumerate(omb.recommendations):
            button = QPushButton(f"Compliance with remedy {index + 1}…")
            button.setAccessibleName(f"Record compliance with remedy {index + 1}")
            button.clicked.connect(lambda _=False, i=index: on_compliance(i))
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
    return box


def remedies(case: Case) -> QWidget:
    """Remedies offered, stage costs and payments."""
    box, layout = section("Remedies and payments")
    costs = [(stage_title(case, s.number), pounds(s.cost)) for s in case.stages if s.cost]
    omb = case.ombudsman
    pairs = [("Remedies offered", "; ".join(case.remedies))] + [(f"{k} cost", v) for k, v in costs]
    if omb and omb.payment:
        pairs.append(("Ombudsman payment", pounds(omb.payment)))
    layout.addWidget(facts(pairs, "Remedies and payments"))
    return box


def learning(case: Case) -> QWidget:
    """Learning actions, their owners, targets and status."""
    box, layout = section("Learning actions")
    rows = [
        (
            a.action,
            a.source,
            a.owner,
            long_date(a.target),
            a.status + (f" ({a.reason})" if a.reason else ""),
            a.evidence,
        )
        for a in case.actions
    ]
    widget = table(
        ("Action", "From", "Owner", "Target", "Status", "Evidence"), rows, "Learning actions"
    )
    wide_columns(widget, 0)
    layout.addWidget(widget)
    return box


def letters(case: Case) -> QWidget:
    """Letters sent."""
    box, layout = section("Letters sent")
    rows = [
        (x.template, long_date(x.sent_on), x.by, x.how + (" (PDF kept)" if x.kept else ""))
        for x in case.letters
    ]
    layout.addWidget(
        table(("Letter", "Sent", "By", "How"), rows, "Letters sent", "No letters yet.")
    )
    return box


def notes_table(case: Case) -> QWidget:
    """Notes, newest last."""
    rows = [(local_time(n.at), n.by, n.text) for n in case.notes]
    widget = table(("When", "By", "Note"), rows, "Notes", "No notes yet.")
    wide_columns(widget, 2)
    return widget


def history(entries: list[HistoryEntry]) -> QWidget:
    """The audit trail: who changed what, when."""
    box, layout = section("History (audit trail)")
    rows = [(local_time(e.at), e.user, e.action, e.summary()) for e in entries]
    widget = table(("When", "Who", "What", "Changes"), rows, "Audit history", "No history.")
    wide_columns(widget, 3)
    layout.addWidget(widget)
    return box
