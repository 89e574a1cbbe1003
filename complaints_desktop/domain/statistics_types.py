"""Domain: the shape of a period's statistics (formats.md §4), as typed dictionaries.

``statistics_rules.statistics`` builds a ``Statistics``; ``services.statistics`` writes
it as JSON (the dictionaries are plain ``dict``s, so the file is what §4 shows, key for
key and in that order); the annual report reads it. §4 is a contract: add keys, never
change them. The accessors below pick a procedure, a stage or an equality question by a
name or number known only at run time.
"""

from __future__ import annotations

from typing import TypedDict

PeriodSpan = TypedDict("PeriodSpan", {"from": str, "to": str})
"""The period, ISO dates, both days included."""


class Timeliness(TypedDict):
    """Completed responses of a stage by the working days they took."""

    within_standard: int
    within_extended: int
    exceeded: int
    late: int
    average_working_days: float | None


class StageStats(TypedDict):
    """STAGE: one stage of a procedure over the period."""

    brought_forward: int
    started: int
    completed: int
    withdrawn: int
    open_at_end: int
    outcomes: dict[str, int]
    timeliness: Timeliness


class Stages(TypedDict):
    """A procedure's three stages (a procedure with two has an empty third)."""

    stage1: StageStats
    stage2: StageStats
    stage3: StageStats


class TypeRow(TypedDict):
    """``by_type``: cases listing the type, by their final outcome."""

    cases: int
    upheld_or_partly: int
    not_upheld: int


class TeamRow(TypedDict):
    """``by_team``: stages started in the period naming the team."""

    stage1: int
    stage2: int
    stage3: int
    stage1_upheld_or_partly: int


class Equality(TypedDict):
    """Each equality question's answers over the cases received."""

    age_band: dict[str, int]
    gender: dict[str, int]
    ethnicity: dict[str, int]
    disability: dict[str, int]
    sexual_orientation: dict[str, int]


class ProcedureStats(TypedDict):
    """PROCEDURE: one procedure over the period."""

    received: int
    early_resolution: int
    stages: Stages
    by_relationship: dict[str, int]
    by_channel: dict[str, int]
    by_type: dict[str, TypeRow]
    by_team: dict[str, TeamRow]
    remedies: dict[str, int]
    advocacy: int
    equality: Equality
    costs: float
    history: dict[str, int | None]


class Recommendations(TypedDict):
    """Ombudsman recommendations whose target date is in the period."""

    due: int
    on_time: int
    late: int
    outstanding: int


class Lgsco(TypedDict):
    """The Ombudsman's referrals, decisions, payments and recommendations."""

    referred: int
    decided: dict[str, int]
    payments: float
    recommendations: Recommendations


class ContactStats(TypedDict):
    """One kind of contact received in the period."""

    total: int
    by_team: dict[str, int]


class Statistics(TypedDict):
    """The whole of formats.md §4."""

    period: PeriodSpan
    statutory: ProcedureStats
    corporate: ProcedureStats
    lgsco: Lgsco
    contacts: dict[str, ContactStats]


def procedure_stats(stats: Statistics, procedure: str) -> ProcedureStats:
    """The block of ``procedure`` (``statutory`` or ``corporate``)."""
    if procedure == "statutory":
        return stats["statutory"]
    if procedure == "corporate":
        return stats["corporate"]
    raise KeyError(f"no statistics for the {procedure!r} procedure")


def stage_stats(block: ProcedureStats, number: int) -> StageStats:
    """Stage ``number`` (1-3) of a procedure's block."""
    return stages_of(block)[number - 1]


def stages_of(block: ProcedureStats) -> tuple[StageStats, StageStats, StageStats]:
    """The three stages of a procedure's block, stage 1 first."""
    stages = block["stages"]
    return stages["stage1"], stages["stage2"], stages["stage3"]


def team_counts(row: TeamRow) -> dict[str, int]:
    """A ``by_team`` row as counts by column name (``stage1`` … ``stage1_upheld_or_partly``)."""
    return {
        "stage1": row["stage1"],
        "stage2": row["stage2"],
        "stage3": row["stage3"],
        "stage1_upheld_or_partly": row["stage1_upheld_or_partly"],
    }


def equality_counts(block: ProcedureStats, question: str) -> dict[str, int]:
    """The answers to one equality question (``age_band`` … ``sexual_orientation``)."""
    equality = block["equality"]
    answers: dict[str, dict[str, int]] = {
        "age_band": equality["age_band"],
        "gender": equality["gender"],
        "ethnicity": equality["ethnicity"],
        "disability": equality["disability"],
        "sexual_orientation": equality["sexual_orientation"],
    }
    return answers[question]
