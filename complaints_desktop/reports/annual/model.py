"""Reports: what the annual report and its companion reports are drawn from (plain data)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from complaints_desktop.domain.procedures import Settings
from complaints_desktop.domain.statistics_types import Statistics
from complaints_desktop.domain.views import UpheldThemes


@dataclass(frozen=True)
class OmbudsmanRow:
    """One Ombudsman-recommended remedy (or a decided case with none) and its compliance."""

    reference: str
    decided: date | None
    outcome: str
    remedy: str = ""
    target: date | None = None
    achieved: date | None = None
    status: str = ""
    amount: int = 0
    """Pence."""


@dataclass(frozen=True)
class ActionRow:
    """One learning action (service improvement)."""

    reference: str
    action: str
    source: str = ""
    owner: str = ""
    target: date | None = None
    status: str = "planned"
    reason: str = ""
    evidence: str = ""


@dataclass(frozen=True)
class OverdueRow:
    """One open case past a deadline."""

    reference: str
    procedure: str
    stage: int
    what: str
    due: date
    working_days_late: int
    team: str = ""


@dataclass(frozen=True)
class ReportData:
    """Everything the annual (or quarterly / custom-period) report shows.

    Attributes:
        stats: the statistics dict of formats.md §4 for the period.
        council: the council's name for the cover and page headers.
        start: first day of the period.
        end: last day of the period.
        generated: the day the report was produced.
        service: the service the report covers.
        previous: cases received per procedure in the period a year earlier, if known.
        limits: per procedure, (standard, extended) working-day limits of each stage.
        ombudsman: compliance rows for Ombudsman decisions in the period.
        actions: learning actions for the period.
        commentary: the team's own review of the year (free text, paragraphs by blank line).
        title: "Annual report" or e.g. "Quarterly report".
        medians: per procedure and stage, the median working days of the completed
            responses (None: none), beside the §4 mean.
        texts: the team's words by part (summary, context, case_studies, you_said,
            compliments, learning); the review is ``commentary``.
        draft: headings of required parts not yet written (the report says DRAFT).
        refusals: per procedure, complaints not accepted in the period by reason.
        advocacy: per procedure, advocacy provider -> (offered, taken up).
        elements: per procedure and stage, findings on each element (separate complaint).
        areas: per procedure, complaints received by service area.
        previous_stats: the §4 statistics of the same period a year earlier (None when
            that year is before the first case: "not recorded"); a procedure missing
            from ``previous`` is not recorded either.
        quotes: compliments in the period whose senders agreed to be quoted.
        area_teams: per procedure, service area -> lead team -> (received, upheld or
            partially upheld at stage 1) for complaints received in the period.
        escalations: per procedure and stage (2, 3), the requests made in the period by
            what became of them (``proceeded``, ``withdrawn``, ...).
    """

    stats: Statistics
    council: str
    start: date
    end: date
    generated: date
    service: str = "Children's Social Care"
    previous: Mapping[str, int] | None = None
    limits: Mapping[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    ombudsman: tuple[OmbudsmanRow, ...] = ()
    actions: tuple[ActionRow, ...] = ()
    commentary: str = ""
    title: str = "Annual complaints report"
    medians: Mapping[str, Mapping[str, float | None]] = field(default_factory=dict)
    texts: Mapping[str, str] = field(default_factory=dict)
    draft: Sequence[str] = ()
    refusals: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    advocacy: Mapping[str, Mapping[str, tuple[int, int]]] = field(default_factory=dict)
    elements: Mapping[str, Mapping[int, Mapping[str, int]]] = field(default_factory=dict)
    areas: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    previous_stats: Statistics | None = None
    quotes: tuple[tuple[str, str], ...] = ()
    """(teams, words) of compliments whose senders agreed to be quoted."""
    area_teams: Mapping[str, Mapping[str, Mapping[str, tuple[int, int]]]] = field(
        default_factory=dict
    )
    escalations: Mapping[str, Mapping[int, Mapping[str, int]]] = field(default_factory=dict)
    settings: Settings | None = None
    """The council's procedure settings (the Definitions' time limits); None: the
    statutory guidance's defaults."""
    remedied: Mapping[str, int] = field(default_factory=dict)
    """Per procedure, cases with a remedy among those the §4 ``remedies`` counts."""
    upheld_themes: Mapping[str, UpheldThemes] = field(default_factory=dict)
    """Per procedure, elements upheld or partly upheld at their last finding, by theme."""
    contact_teams: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    """Contact kind -> lead team ("" when none) -> contacts received in the period."""
    compliment_themes: Mapping[str, int] = field(default_factory=dict)
    """Compliment theme ("" when none recorded) -> compliments received in the period."""
