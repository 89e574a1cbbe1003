"""Services: the statistics of a period (formats.md §4) and their JSON file.

``compute`` reads the period's flat rows in one transaction (``storage.stats_rows``) and
counts them with the pure rules of ``domain.statistics_rules``, using the council's
working-day calendar and procedure settings, so a council that changes its timescales
changes the timeliness tables. The readings of §4 that its text leaves open are listed
in ``domain.statistics_rules``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from complaints_desktop import files
from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.domain.statistics_rules import (
    Period,
    days_taken,
    median,
    statistics,
)
from complaints_desktop.domain.statistics_types import Statistics
from complaints_desktop.domain.vocab import REPORTED_PROCEDURES
from complaints_desktop.services.env import Env
from complaints_desktop.storage import stats_rows


def compute(env: Env, start: date, end: date) -> Statistics:
    """The full §4 statistics for ``start <= date <= end`` (see ``compute_for_report``)."""
    return compute_for_report(env, start, end)[0]


def compute_for_report(
    env: Env, start: date, end: date
) -> tuple[Statistics, dict[str, dict[str, float | None]]]:
    """The full §4 statistics for ``start <= date <= end``.

    Args:
        env: the database, user and clock.
        start: first day of the period.
        end: last day of the period (inclusive).

    Returns:
        A JSON-ready dict (period, statutory, corporate, lgsco, contacts), and beside it,
        from the same rows, the median working days per procedure and stage (a report
        figure outside the §4 contract).

    Raises:
        ValidationFailed: when ``end`` is before ``start``.
    """
    if end < start:
        raise ValidationFailed(
            [f"The period ends ({end.isoformat()}) before it starts ({start.isoformat()})."]
        )
    period = Period(start, end)
    with env.uow() as session:
        settings, cal = env.settings(session), env.calendar(session)
        rows = stats_rows.period_rows(session, period)
    procedures = {key: settings.procedure(key) for key in REPORTED_PROCEDURES}
    medians = {
        key: {stage: median(days) for stage, days in stages.items()}
        for key, stages in days_taken(rows, period, cal).items()
    }
    return statistics(rows, procedures, period, cal), medians


def write_json(stats: Statistics, path: Path) -> None:
    """Write ``stats`` as UTF-8 JSON (indent 2) to ``path``, replacing it in one step.

    The text goes to a temporary file next to ``path`` that is then renamed, so a reader
    never sees half a file and a failure leaves any earlier file as it was.
    """
    text = json.dumps(stats, indent=2, ensure_ascii=False) + "\n"
    files.write_atomically(Path(path), text.encode("utf-8"))
