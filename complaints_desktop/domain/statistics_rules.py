"""Domain: the counting rules of the statistics contract (formats.md §4) over plain rows.

Storage fetches flat rows for a period (``PeriodRows``); the functions here turn them
into the JSON-ready structure of formats.md §4 without touching a database, so every
rule can be tested on hand-made rows and a year of 100,000 cases is counted in one pass.

Readings of §4 that its text leaves open (checked against Merton's 2022/23 figures
wherever that data reaches):

- *Stage started*: stage 1 on its ``start`` (``s1_start``), stages 2 and 3 on their
  ``requested`` date; either falls back to the other date when the first is blank.
- *Working days taken* run from the stage's clock start (stage 1 ``start``; stage 2
  ``start`` = statement agreed, else ``requested``; stage 3 ``requested``) to its
  ``response``, less working days the clock was suspended (formats.md §1: suspended
  days do not count; CSV data never has any). The corporate rule of counting from the
  acknowledgement is a deadline rule; §4 counts from the stage start, so we do too.
- ``by_type`` counts cases *received in period* (like ``by_relationship``). Merton's
  numbers agree: its 23 cases with types (CSC/22/001-023, one listing two types, so 24
  entries) are all received in 2022/23; the two early resolutions, CSC/22/026 and the
  2021 case carried over list no type. (Merton cannot tell this reading from "answered in
  period", which picks the same cases; received-based is the one that gives every
  case exactly one year.) ``upheld_or_partly`` / ``not_upheld`` use the case's final
  outcome as known now (``domain.model.Case.final_outcome``: the highest stage with a
  non-withdrawn response, even one answered after the period); ``inconclusive`` and
  cases without an answer count under ``cases`` only.
- ``by_team.stageN`` counts the cases naming the team whose stage N started in period;
  ``stage1_upheld_or_partly`` the stage-1 responses in period upheld or partly upheld.
- ``history`` counts whole financial years (the year containing ``to`` included whole).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache
from typing import NamedTuple

from complaints_desktop.domain.calendar import Suspension, WorkingCalendar
from complaints_desktop.domain.procedures import ProcedureSettings, StageRule
from complaints_desktop.domain.statistics_types import (
    ContactStats,
    Equality,
    ProcedureStats,
    Recommendations,
    StageStats,
    Statistics,
    TeamRow,
    TypeRow,
)
from complaints_desktop.domain.text import financial_year, financial_year_label
from complaints_desktop.domain.vocab import (
    CHANNELS,
    CONTACT_KINDS,
    EQUALITY,
    FINDINGS,
    LGSCO_OUTCOMES,
    NOT_RECORDED,
    NOT_STATED,
    RELATIONSHIPS,
    REPORTED_PROCEDURES,
)

STAGE_NUMBERS: tuple[int, ...] = (1, 2, 3)
WITHDRAWN = "withdrawn"
UPHELD_OR_PARTLY: frozenset[str] = frozenset({"upheld", "partially upheld"})
HISTORY_YEARS = 5


class CaseRow(NamedTuple):
    """A case received in the period: what the received-based tables need."""

    id: int
    procedure: str
    channel: str
    relationship: str
    advocacy: bool | None
    age_band: str
    gender: str
    ethnicity: str
    disability: str
    sexual_orientation: str


class StageRow(NamedTuple):
    """One stage of a case (dates, outcome and cost in pence)."""

    id: int
    case_id: int
    procedure: str
    number: int
    requested: date | None
    start: date | None
    response: date | None
    outcome: str
    cost: int
    extended: bool = False


class RecommendationRow(NamedTuple):
    """An Ombudsman recommendation (formats.md §5): its target and when it was achieved."""

    target: date
    achieved: date | None


class AnswerRow(NamedTuple):
    """An answered stage of a case received in the period (for its final outcome)."""

    case_id: int
    number: int
    outcome: str


@dataclass(frozen=True)
class Period:
    """The reporting period; a date is in it when ``start <= day <= end``."""

    start: date
    end: date

    def __contains__(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end


@dataclass
class PeriodRows:
    """Everything the statistics of one period are counted from (all procedures mixed).

    Attributes:
        received: cases received in the period.
        early_resolved: procedure -> cases resolved early in the period.
        stages: stages requested, started or answered in the period, and stages open
            across it (started before it, answered after it or not yet).
        answers: answered stages of the cases received in the period.
        suspensions: stage id -> its suspensions (stages answered in the period).
        teams: case id -> team names (cases with a stage in ``stages``).
        types: case id -> type names (cases received in the period).
        remedies: case id -> remedy names (cases with a stage answered in the period).
        history: (procedure, financial year start) -> cases received.
        earliest: procedure -> its earliest ``received`` date (absent: no cases at all).
        lgsco_referred: Ombudsman referrals received in the period.
        lgsco_decided: Ombudsman outcome -> decisions in the period.
        lgsco_payments: pence recommended over the decisions in the period.
        recommendations: Ombudsman recommendations whose target date is in the period.
        contacts: contact kind -> contacts received in the period.
        contact_teams: contact kind -> team name -> contacts naming the team.
    """

    received: list[CaseRow] = field(default_factory=list)
    early_resolved: Mapping[str, int] = field(default_factory=dict)
    stages: list[StageRow] = field(default_factory=list)
    answers: list[AnswerRow] = field(default_factory=list)
    suspensions: Mapping[int, Sequence[Suspension]] = field(default_factory=dict)
    teams: Mapping[int, Sequence[str]] = field(default_factory=dict)
    types: Mapping[int, Sequence[str]] = field(default_factory=dict)
    remedies: Mapping[int, Sequence[str]] = field(default_factory=dict)
    history: Mapping[tuple[str, int], int] = field(default_factory=dict)
    earliest: Mapping[str, date] = field(default_factory=dict)
    lgsco_referred: int = 0
    lgsco_decided: Mapping[str, int] = field(default_factory=dict)
    lgsco_payments: int = 0
    recommendations: Sequence[RecommendationRow] = ()
    contacts: Mapping[str, int] = field(default_factory=dict)
    contact_teams: Mapping[str, Mapping[str, int]] = field(default_factory=dict)


# -- small rules --------------------------------------------------------------------------


def history_years(end: date) -> list[int]:
    """Starting years of the five financial years ending with the one containing ``end``."""
    last = financial_year(end)
    return list(range(last - HISTORY_YEARS + 1, last + 1))


def started_on(stage: StageRow) -> date | None:
    """The date a stage counts as started: stage 1 ``start``, later stages ``requested``."""
    if stage.number == 1:
        return stage.start or stage.requested
    return stage.requested or stage.start


def clock_start(stage: StageRow) -> date | None:
    """Where a stage's working days taken are counted from (formats.md §4)."""
    if stage.number == 3:
        return stage.requested or stage.start
    return stage.start or stage.requested


def working_days_taken(
    stage: StageRow, cal: WorkingCalendar, suspensions: Sequence[Suspension] = ()
) -> int | None:
    """Working days from the clock start to the response, less suspended days."""
    begin = clock_start(stage)
    if begin is None or stage.response is None:
        return None
    taken = cal.working_days_between(begin, stage.response)
    if suspensions:
        taken -= cal.suspended_days(suspensions, stage.response)
    return max(taken, 0)


def mean_half_up(values: Sequence[int]) -> float | None:
    """The mean rounded half up to one decimal (20.25 -> 20.3); None for no values."""
    if not values:
        return None
    with localcontext() as ctx:
        ctx.prec = 50
        mean = Decimal(sum(values)) / Decimal(len(values))
        return float(mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def pounds(pence: int) -> float:
    """Whole pence as a float number of pounds (JSON amounts)."""
    return float(Decimal(pence) / 100)


@lru_cache(maxsize=32)
def _spellings(vocabulary: tuple[str, ...]) -> dict[str, str]:
    """Casefolded value -> the vocabulary's own spelling (``vocab.match`` as a dict)."""
    return {item.casefold(): item for item in vocabulary}


def _spelling(value: str, vocabulary: tuple[str, ...]) -> str | None:
    spellings = _spellings(vocabulary)
    return value if value in vocabulary else spellings.get(" ".join(value.split()).casefold())


def _vocab_count(values: Iterable[str], vocabulary: tuple[str, ...], blank: str) -> dict[str, int]:
    """Count ``values`` under the vocabulary's spelling; blank -> ``blank``.

    A recorded value outside the vocabulary counts as "other" where the vocabulary has
    it, else as ``blank``.
    """
    counts = dict.fromkeys(vocabulary, 0)
    counts.setdefault(blank, 0)
    fallback = "other" if "other" in counts else blank
    for value, n in Counter(values).items():
        key = _spelling(value, vocabulary) or (fallback if value.strip() else blank)
        counts[key] += n
    return counts


# -- blocks ---------------------------------------------------------------------------------


def stage_block(
    stages: Sequence[StageRow],
    rule: StageRule | None,
    period: Period,
    cal: WorkingCalendar,
    suspensions: Mapping[int, Sequence[Suspension]],
) -> StageStats:
    """The STAGE block for the rows of one procedure's stage N."""
    started = sum(1 for s in stages if started_on(s) in period)
    brought_forward = sum(1 for s in stages if _open_on(s, period.start, before=True))
    open_at_end = sum(1 for s in stages if _open_on(s, period.end, before=False))
    answered = [s for s in stages if s.response in period]
    completed = [s for s in answered if s.outcome != WITHDRAWN]
    outcomes = dict.fromkeys(FINDINGS, 0)
    for s in completed:
        if s.outcome in outcomes:
            outcomes[s.outcome] += 1
    taken = [
        (days, s.extended)
        for s in completed
        if (days := working_days_taken(s, cal, suspensions.get(s.id, ()))) is not None
    ]
    bands = {"within_standard": 0, "within_extended": 0, "exceeded": 0, "late": 0}
    if rule is not None:
        for days, extended in taken:
            if days <= rule.standard:
                bands["within_standard"] += 1
            elif days <= rule.extended:
                bands["within_extended"] += 1
            else:
                bands["exceeded"] += 1
            if days > (rule.extended if extended else rule.standard):
                bands["late"] += 1
    return {
        "brought_forward": brought_forward,
        "started": started,
        "completed": len(completed),
        "withdrawn": len(answered) - len(completed),
        "open_at_end": open_at_end,
        "outcomes": outcomes,
        "timeliness": {
            "within_standard": bands["within_standard"],
            "within_extended": bands["within_extended"],
            "exceeded": bands["exceeded"],
            "late": bands["late"],
            "average_working_days": mean_half_up([days for days, _ in taken]),
        },
    }


def _open_on(stage: StageRow, day: date, *, before: bool) -> bool:
    """Whether ``stage`` was open at ``day``: begun before it (``before``) or on or before
    it, and not answered before it (``before``) or on or before it."""
    began = started_on(stage)
    if began is None or (began >= day if before else began > day):
        return False
    return stage.response is None or (stage.response >= day if before else stage.response > day)


def final_outcomes(answers: Iterable[AnswerRow]) -> dict[int, str]:
    """Case id -> outcome of its highest stage with a non-withdrawn response."""
    best: dict[int, tuple[int, str]] = {}
    for a in answers:
        if not a.outcome or a.outcome == WITHDRAWN:
            continue
        if a.case_id not in best or a.number > best[a.case_id][0]:
            best[a.case_id] = (a.number, a.outcome)
    return {case_id: outcome for case_id, (_, outcome) in best.items()}


def by_type(
    received: Sequence[CaseRow], types: Mapping[int, Sequence[str]], finals: Mapping[int, str]
) -> dict[str, TypeRow]:
    """Cases received in period under each type they list, with final outcomes."""
    table: dict[str, TypeRow] = {}
    for case in received:
        outcome = finals.get(case.id, "")
        for name in types.get(case.id, ()):
            row = table.setdefault(name, {"cases": 0, "upheld_or_partly": 0, "not_upheld": 0})
            row["cases"] += 1
            if outcome in UPHELD_OR_PARTLY:
                row["upheld_or_partly"] += 1
            elif outcome == "not upheld":
                row["not_upheld"] += 1
    return dict(sorted(table.items(), key=lambda kv: (-kv[1]["cases"], kv[0].casefold())))


def by_team(
    stages: Sequence[StageRow], teams: Mapping[int, Sequence[str]], period: Period
) -> dict[str, TeamRow]:
    """Per team: cases whose stage N started in period; stage-1 answers upheld or partly."""
    table: dict[str, TeamRow] = {}

    def row(name: str) -> TeamRow:
        return table.setdefault(
            name, {"stage1": 0, "stage2": 0, "stage3": 0, "stage1_upheld_or_partly": 0}
        )

    for s in stages:
        names = teams.get(s.case_id, ())
        if started_on(s) in period:
            for name in names:
                if s.number == 1:
                    row(name)["stage1"] += 1
                elif s.number == 2:
                    row(name)["stage2"] += 1
                elif s.number == 3:
                    row(name)["stage3"] += 1
        if s.number == 1 and s.response in period and s.outcome in UPHELD_OR_PARTLY:
            for name in names:
                row(name)["stage1_upheld_or_partly"] += 1
    return dict(sorted(table.items(), key=lambda kv: kv[0].casefold()))


def remedies(
    stages: Sequence[StageRow], listed: Mapping[int, Sequence[str]], period: Period
) -> dict[str, int]:
    """Cases with any stage answered (or withdrawn) in period, once per remedy listed."""
    cases = {s.case_id for s in stages if s.response in period}
    counts: Counter[str] = Counter()
    for case_id in cases:
        counts.update(listed.get(case_id, ()))
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold())))


def equality(received: Sequence[CaseRow]) -> Equality:
    """Every equality vocabulary over the cases received; blank counts as "not stated"."""

    def answers(name: str) -> dict[str, int]:
        vocabulary = EQUALITY[name]
        counts = dict.fromkeys(vocabulary, 0)
        for value, n in Counter(str(getattr(case, name)) for case in received).items():
            counts[_spelling(value, vocabulary) or NOT_STATED] += n
        return counts

    return {
        "age_band": answers("age_band"),
        "gender": answers("gender"),
        "ethnicity": answers("ethnicity"),
        "disability": answers("disability"),
        "sexual_orientation": answers("sexual_orientation"),
    }


def procedure_block(
    rows: PeriodRows,
    proc: ProcedureSettings,
    period: Period,
    cal: WorkingCalendar,
) -> ProcedureStats:
    """The PROCEDURE block of §4 for one procedure."""
    key = proc.key
    received = [c for c in rows.received if c.procedure == key]
    stages = [s for s in rows.stages if s.procedure == key]
    received_ids = {c.id for c in received}
    finals = final_outcomes(a for a in rows.answers if a.case_id in received_ids)
    by_number: defaultdict[int, list[StageRow]] = defaultdict(list)
    for s in stages:
        by_number[s.number].append(s)
    return {
        "received": len(received),
        "early_resolution": int(rows.early_resolved.get(key, 0)),
        "stages": {
            "stage1": stage_block(by_number[1], proc.rule(1), period, cal, rows.suspensions),
            "stage2": stage_block(by_number[2], proc.rule(2), period, cal, rows.suspensions),
            "stage3": stage_block(by_number[3], proc.rule(3), period, cal, rows.suspensions),
        },
        "by_relationship": _vocab_count(
            (c.relationship for c in received), RELATIONSHIPS, NOT_RECORDED
        ),
        "by_channel": _vocab_count((c.channel for c in received), CHANNELS, NOT_RECORDED),
        "by_type": by_type(received, rows.types, finals),
        "by_team": by_team(stages, rows.teams, period),
        "remedies": remedies(stages, rows.remedies, period),
        "advocacy": sum(1 for c in received if c.advocacy),
        "equality": equality(received),
        "costs": pounds(sum(s.cost for s in stages if s.number in (2, 3) and s.response in period)),
        "history": history(rows, key, period.end),
    }


def history(rows: PeriodRows, procedure: str, end: date) -> dict[str, int | None]:
    """Cases received per financial year for the five years to ``end``; None (not
    recorded) for a year that ended before the procedure's earliest case, or for every
    year when it has none: the database cannot know those years."""
    earliest = rows.earliest.get(procedure)
    return {
        financial_year_label(year): (
            None
            if earliest is None or date(year + 1, 3, 31) < earliest
            else int(rows.history.get((procedure, year), 0))
        )
        for year in history_years(end)
    }


def recommendations(rows: Sequence[RecommendationRow], period: Period) -> Recommendations:
    """Compliance with the Ombudsman recommendations due in the period (formats.md §5):
    achieved on or before the target is on time, after it (by the period's end) late,
    otherwise outstanding."""
    due = [r for r in rows if r.target in period]
    on_time = sum(1 for r in due if r.achieved is not None and r.achieved <= r.target)
    late = sum(1 for r in due if r.achieved is not None and r.target < r.achieved <= period.end)
    return {
        "due": len(due),
        "on_time": on_time,
        "late": late,
        "outstanding": len(due) - on_time - late,
    }


def days_taken(
    rows: PeriodRows, period: Period, cal: WorkingCalendar
) -> dict[str, dict[str, list[int]]]:
    """Per procedure and stage, the working days each completed response of the period
    took (the same responses as ``timeliness``): what a median is drawn from."""
    out: dict[str, dict[str, list[int]]] = {
        key: {f"stage{n}": [] for n in STAGE_NUMBERS} for key in REPORTED_PROCEDURES
    }
    for s in rows.stages:
        if s.procedure not in out or s.response not in period or s.outcome == WITHDRAWN:
            continue
        days = working_days_taken(s, cal, rows.suspensions.get(s.id, ()))
        if days is not None and s.number in STAGE_NUMBERS:
            out[s.procedure][f"stage{s.number}"].append(days)
    return out


def median(values: Sequence[int]) -> float | None:
    """The median (the mean of the middle two for an even count); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[mid])
    return (ordered[mid - 1] + ordered[mid]) / 2


def statistics(
    rows: PeriodRows,
    procedures: Mapping[str, ProcedureSettings],
    period: Period,
    cal: WorkingCalendar,
) -> Statistics:
    """The whole §4 structure for ``period`` (keys in §4's order: the JSON file's)."""
    return {
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
        "statutory": procedure_block(rows, procedures["statutory"], period, cal),
        "corporate": procedure_block(rows, procedures["corporate"], period, cal),
        "lgsco": {
            "referred": rows.lgsco_referred,
            "decided": {o: int(rows.lgsco_decided.get(o, 0)) for o in LGSCO_OUTCOMES},
            "payments": pounds(rows.lgsco_payments),
            "recommendations": recommendations(rows.recommendations, period),
        },
        "contacts": _contacts(rows),
    }


def _contacts(rows: PeriodRows) -> dict[str, ContactStats]:
    return {
        kind: {
            "total": int(rows.contacts.get(kind, 0)),
            "by_team": {
                name: n
                for name, n in sorted(
                    rows.contact_teams.get(kind, {}).items(), key=lambda kv: (-kv[1], kv[0])
                )
                if n
            },
        }
        for kind in CONTACT_KINDS
    }
