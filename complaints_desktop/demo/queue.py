"""Demo data: open demo cases placed around today, so the work queue shows every category.

Each scenario takes a new case through legal workflow moves to a point where its next
deadline is overdue, due today, due this week, awaiting acknowledgement, an Ombudsman
remedy, or the complainant's request window — whatever the council's timescales are.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from complaints_desktop.demo import pools as pool
from complaints_desktop.domain import workflow as wf
from complaints_desktop.domain.model import Advocacy, Case, Recommendation

if TYPE_CHECKING:
    from complaints_desktop.demo.data import Builder


def placed(builder: Builder, name: str, repeat: int = 0) -> Case:
    """An open case whose next deadline falls where the scenario ``name`` says.

    ``repeat`` (0 for the first case of a scenario, 1 for the second, …) moves the dates
    a little so that repeated scenarios do not all fall on the same day.
    """
    today, rng, k = builder.w.today, builder.rng, repeat

    def b(days: int) -> date:
        return builder.back(days + k)

    settings = builder.w.settings
    ahead = 1 + k % 4
    statutory = name not in ("corporate due this week", "stage 2 requested")
    proc = settings.procedure("statutory" if statutory else "corporate")
    s1 = settings.statutory.stages[0].standard
    c1 = settings.corporate.stages[0].standard
    s2 = settings.statutory.stages[1].standard if settings.statutory.last_stage > 1 else 25
    start = {
        "new today": today if k == 0 else builder.back(1),
        "acknowledgement overdue": b(settings.statutory.acknowledge + 2),
        "due today": builder.back(s1),
        "overdue": b(s1 + 4),
        "due this week": builder.back(max(s1 - ahead, 1)),
        "corporate due this week": builder.back(max(c1 - ahead, 0) + 2),
        "stage 2 investigating": b(70),
        "stage 2 overdue": b(s2 + 30),
        "panel arranged": b(130),
        "clock stopped": b(8),
        "stage 2 requested": b(40),
        "remedy due": today - timedelta(days=400 + 30 * k),
        "awaiting request": b(30),
    }[name]
    case = builder.profile(start, "statutory" if statutory else "corporate")
    if case.advocacy.offered and case.advocacy.offered > today:
        case.advocacy = Advocacy()
    wf.start_stage1(case, start, today)
    builder.handle(case)
    if name in ("new today", "acknowledgement overdue"):
        return case
    ack = {
        "corporate due this week": builder.back(max(c1 - ahead, 0)),
        "due this week": builder.back(max(s1 - ahead - 1, 0)),
    }
    wf.acknowledge(case, ack.get(name, builder.wd(start, 1)), today)
    if name == "clock stopped":
        wf.suspend(case, builder.back(3), "Waiting for an advocate to be appointed", today)
    if name in ("due today", "overdue", "due this week", "corporate due this week"):
        return case
    if name == "clock stopped":
        return case
    first_response = {
        "stage 2 investigating": b(60),
        "stage 2 overdue": b(s2 + 20),
        "panel arranged": b(120),
        "stage 2 requested": b(15),
        "remedy due": builder.wd(start, 9),
        "awaiting request": b(5),
    }[name]
    builder.answer(case, first_response, "not upheld")
    if name == "remedy due":
        _remedy_due(builder, case, k)
    if name in ("awaiting request", "remedy due") or proc.last_stage < 2:
        return case
    requested = {
        "stage 2 investigating": b(50),
        "stage 2 overdue": b(s2 + 10),
        "panel arranged": b(110),
        "stage 2 requested": b(2),
    }[name]
    builder.escalate(case, requested)
    if name == "stage 2 requested":
        return case
    wf.acknowledge(case, builder.wd(requested, 1), today)
    wf.agree_statement(case, builder.wd(requested, 10), today)
    io, ip = rng.sample(pool.INDEPENDENT_PEOPLE, 2)
    wf.commission(case, io, ip, 420000, 150000)
    rule = proc.rule(2)
    if name == "stage 2 investigating" and rule and rule.extended > rule.standard:
        wf.extend(case, b(30), pool.EXTENSION_REASONS[0], settings, today)
    if name != "panel arranged" or proc.last_stage < 3:
        return case
    builder.answer(case, b(40), "partially upheld")
    builder.escalate(case, b(25))
    wf.acknowledge(case, b(24), today)
    members = rng.sample([m for m in pool.PANEL_MEMBERS if m != ip], 3)
    wf.arrange_panel(case, members, builder.recent[builder.anchor + 3 + k], 250000)
    return case


def _remedy_due(builder: Builder, case: Case, k: int) -> None:
    today = builder.w.today
    stage = case.current_stage
    assert stage is not None
    assert stage.response is not None
    received = stage.response + timedelta(days=40)
    reference = f"{received.year % 100:02d} {4 + k:03d} {117 + 31 * k:03d}"
    wf.refer_ombudsman(case, reference, received, today)
    recs = [
        Recommendation(pool.LGSCO_REMEDIES[0][0], today - timedelta(days=10 + 7 * k)),
        Recommendation(pool.LGSCO_REMEDIES[1][0], today + timedelta(days=2 + k), amount=50000),
        Recommendation(pool.LGSCO_REMEDIES[3][0], today + timedelta(days=3 * k)),
    ]
    wf.ombudsman_decision(case, today - timedelta(days=60), "upheld", 50000, recs, today)
