"""Domain: every deadline of a case, each with the rule that produced it (rules.md §1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from complaints_desktop.domain.calendar import WorkingCalendar
from complaints_desktop.domain.model import Ombudsman, Stage
from complaints_desktop.domain.procedures import ProcedureSettings, Settings, StageRule
from complaints_desktop.domain.text import long_date


@dataclass(frozen=True)
class Deadline:
    """A date something must happen by, and why.

    Attributes:
        what: what is due, in words ("Stage 1 response").
        due: the date it is due.
        rule: the rule that produced the date, in words.
        kind: acknowledge, response, request, panel, panel-report, remedy, enquiry.
        stage: the stage it belongs to, if any.
        done: the date it happened, or None while outstanding.
        council: True when the council must act (False for the complainant's windows).
    """

    what: str
    due: date
    rule: str
    kind: str
    stage: int | None = None
    done: date | None = None
    council: bool = True

    @property
    def outstanding(self) -> bool:
        """Not yet done."""
        return self.done is None

    def late(self, today: date) -> bool:
        """Outstanding and past its date, or done after it."""
        if self.done is not None:
            return self.done > self.due
        return today > self.due


class Dated(Protocol):
    """What a case's deadlines are worked out from: a whole ``model.Case``, or the
    ``views.CaseDates`` the work queue reads in bulk."""

    @property
    def procedure(self) -> str: ...
    @property
    def received(self) -> date: ...
    @property
    def refused(self) -> date | None: ...
    @property
    def withdrawn(self) -> date | None: ...
    @property
    def stages(self) -> list[Stage]: ...
    @property
    def ombudsman(self) -> Ombudsman | None: ...
    @property
    def current_stage(self) -> Stage | None: ...
    def stage(self, number: int) -> Stage | None: ...


def _days(n: int) -> str:
    return f"{n} working day{'s' if n != 1 else ''}"


def _acknowledged(stage: Stage, case: Dated) -> date | None:
    """When the stage was acknowledged; an answered (or passed) stage counts as settled.

    Imported logs seldom record the acknowledgement; a stage that has its response, or
    that a later stage has followed, cannot still be waiting for one.
    """
    if stage.acknowledged is not None:
        return stage.acknowledged
    if stage.response is not None:
        return stage.response
    later = [s.clock_start for s in case.stages if s.number > stage.number and s.clock_start]
    return min(later) if later else None


def acknowledgement_due(case: Dated, proc: ProcedureSettings, cal: WorkingCalendar) -> Deadline:
    """Acknowledge the complaint: ``proc.acknowledge`` working days from receipt."""
    first = case.stage(1) or case.current_stage
    days = proc.acknowledge
    rule1 = proc.rule(1)
    if rule1 is not None and rule1.acknowledge is not None:
        days = rule1.acknowledge
    start = case.received
    return Deadline(
        what="Acknowledge the complaint",
        due=cal.add_working_days(start, days),
        rule=f"{_days(days)} from receipt ({long_date(start)}), {proc.name}",
        kind="acknowledge",
        stage=first.number if first else 1,
        done=_acknowledged(first, case) if first else None,
    )


def _suspension_note(cal: WorkingCalendar, stage: Stage, today: date) -> tuple[int, str]:
    lost = sum(cal.suspended_days([s], today) for s in stage.suspensions if s.end is not None)
    running = [s for s in stage.suspensions if s.end is None]
    note = ""
    if lost:
        note += f", moved {_days(lost)} for the clock being stopped"
    if running:
        note += f"; clock stopped since {long_date(running[0].start)}"
        lost += cal.suspended_days(running, today)
    return lost, note


def _response_deadline(
    what: str,
    stage: Stage,
    rule: StageRule,
    clock: date,
    clock_label: str,
    proc: ProcedureSettings,
    cal: WorkingCalendar,
    today: date,
) -> Deadline:
    limit = rule.extended if stage.extended else rule.standard
    lost, note = _suspension_note(cal, stage, today)
    rule_text = f"{_days(limit)} from {clock_label} ({long_date(clock)})"
    if stage.extended:
        agreed = f", agreed {long_date(stage.extension_agreed)}" if stage.extension_agreed else ""
        rule_text += f", extended from {rule.standard}{agreed}"
    rule_text += note
    return Deadline(
        what=what,
        due=cal.add_working_days(clock, limit + lost),
        rule=f"{rule_text}, {proc.name}",
        kind="response",
        stage=stage.number,
        done=stage.response,
    )


def stage_deadlines(
    case: Dated, stage: Stage, settings: Settings, cal: WorkingCalendar, today: date
) -> list[Deadline]:
    """Deadlines of one stage: acknowledgement, response (both clocks at stage 2), panel."""
    proc = settings.procedure(case.procedure)
    rule = proc.rule(stage.number)
    if rule is None or stage.clock_start is None:
        return []
    out: list[Deadline] = []
    n = stage.number
    if rule.acknowledge is not None and n > 1:
        out.append(
            Deadline(
                what=f"Acknowledge the stage {n} request",
                due=cal.add_working_days(stage.clock_start, rule.acknowledge),
                rule=f"{_days(rule.acknowledge)} from the request "
                f"({long_date(stage.clock_start)}), {proc.name}",
                kind="acknowledge",
                stage=n,
                done=_acknowledged(stage, case),
            )
        )
    if proc.key == "statutory" and n == 3 and proc.panel is not None:
        out.extend(_panel_deadlines(stage, proc, cal, today))
        return out
    if rule.from_acknowledgement and stage.acknowledged is not None:
        clock, label = stage.acknowledged, f"acknowledgement of stage {n}"
    elif n == 1:
        clock, label = stage.clock_start, "start of stage 1"
    else:
        clock, label = stage.clock_start, f"start of stage {n}"
    if proc.key == "statutory" and n == 2 and stage.requested is not None:
        out.append(
            _response_deadline(
                "Stage 2 adjudication (from the request)",
                stage,
                rule,
                stage.requested,
                "the stage 2 request",
                proc,
                cal,
                today,
            )
        )
        if stage.start is not None:
            out.append(
                _response_deadline(
                    "Stage 2 adjudication (from the agreed statement)",
                    stage,
                    rule,
                    stage.start,
                    "agreement of the statement of complaint",
                    proc,
                    cal,
                    today,
                )
            )
        return out
    what = f"Stage {n} response" if proc.last_stage > 1 else "Response"
    out.append(_response_deadline(what, stage, rule, clock, label, proc, cal, today))
    return out


def _panel_deadlines(
    stage: Stage, proc: ProcedureSettings, cal: WorkingCalendar, today: date
) -> list[Deadline]:
    panel = proc.panel
    assert panel is not None
    requested = stage.clock_start
    assert requested is not None
    lost, note = _suspension_note(cal, stage, today)
    name = proc.name
    out = [
        Deadline(
            what="Review panel meets",
            due=cal.add_working_days(requested, panel.convene + lost),
            rule=f"{_days(panel.convene)} from the stage 3 request "
            f"({long_date(requested)}){note}, {name}",
            kind="panel",
            stage=3,
            done=stage.panel_date,
        )
    ]
    if stage.panel_date is not None:
        out.append(
            Deadline(
                what="Panel report issued",
                due=cal.add_working_days(stage.panel_date, panel.report),
                rule=f"{_days(panel.report)} from the panel meeting "
                f"({long_date(stage.panel_date)}), {name}",
                kind="panel-report",
                stage=3,
                done=stage.panel_report or stage.response,
            )
        )
    if stage.panel_report is not None:
        clock, label, days = stage.panel_report, "the panel's report", panel.respond
    else:
        clock, label, days = (
            requested,
            "the stage 3 request",
            (panel.convene + panel.report + panel.respond),
        )
    out.append(
        Deadline(
            what="Council's response to the panel",
            due=cal.add_working_days(clock, days + lost),
            rule=f"{_days(days)} from {label} ({long_date(clock)}){note}, {name}",
            kind="response",
            stage=3,
            done=stage.response,
        )
    )
    return out


def escalation_window(case: Dated, settings: Settings, cal: WorkingCalendar) -> Deadline | None:
    """The complainant's window to ask for the next stage, after the current one's response."""
    proc = settings.procedure(case.procedure)
    current = case.current_stage
    if current is None or current.response is None or current.outcome == "withdrawn":
        return None
    rule = proc.rule(current.number + 1)
    if rule is None or rule.request_window is None:
        return None
    return Deadline(
        what=f"Complainant may ask for stage {current.number + 1}",
        due=cal.add_working_days(current.response, rule.request_window),
        rule=f"{_days(rule.request_window)} from the stage {current.number} response "
        f"({long_date(current.response)}), {proc.name}",
        kind="request",
        stage=current.number + 1,
        council=False,
    )


def case_deadlines(
    case: Dated, settings: Settings, cal: WorkingCalendar, today: date
) -> list[Deadline]:
    """Every deadline of a case, in date order (met ones included, with ``done`` set)."""
    if case.refused is not None:
        return []
    proc = settings.procedure(case.procedure)
    out: list[Deadline] = []
    if case.stages:
        out.append(acknowledgement_due(case, proc, cal))
    for stage in sorted(case.stages, key=lambda s: s.number):
        out.extend(stage_deadlines(case, stage, settings, cal, today))
    if case.withdrawn is None:
        window = escalation_window(case, settings, cal)
        if window is not None:
            out.append(window)
    if case.ombudsman is not None:
        for rec in case.ombudsman.recommendations:
            if rec.target is not None:
                out.append(
                    Deadline(
                        what=f"Ombudsman remedy: {rec.description}",
                        due=rec.target,
                        rule="target date set by the Ombudsman",
                        kind="remedy",
                        done=rec.achieved,
                    )
                )
    out.sort(key=lambda d: d.due)
    return out


def next_deadline(
    case: Dated, settings: Settings, cal: WorkingCalendar, today: date
) -> Deadline | None:
    """The earliest outstanding deadline the council must meet, if any."""
    if case.withdrawn is not None or case.refused is not None:
        return None
    pending = [d for d in case_deadlines(case, settings, cal, today) if d.outstanding and d.council]
    return pending[0] if pending else None
