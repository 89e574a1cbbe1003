"""Services: the Ombudsman recommendations log (formats.md §5), in and out.

One row per recommendation (remedy) on a case already in the database that has an
Ombudsman decision. Import is all-or-nothing like the case log: every row is checked,
every problem is listed as ``row N, column C: what is wrong``, and nothing is written
unless the whole file is clean. Importing the same file again replaces each named case's
recommendations, so there are never duplicates. Compliance follows from the dates
(achieved on or before the target: on time; after it: late; none yet: outstanding).
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session

from complaints_desktop.domain.errors import NotFound, ValidationFailed
from complaints_desktop.domain.model import Case, Recommendation
from complaints_desktop.domain.text import long_date
from complaints_desktop.services import access
from complaints_desktop.services.caselog import validate as v
from complaints_desktop.services.caselog.parse import RECOMMENDATION_COLUMNS
from complaints_desktop.services.caselog.read import read_table
from complaints_desktop.services.caselog.table import Cell
from complaints_desktop.services.cases import _derive as derive_case
from complaints_desktop.services.cases import _store as store_case
from complaints_desktop.services.cases import diff
from complaints_desktop.services.env import Env
from complaints_desktop.storage import audit, cases, users, vocabularies

Value = str | int | date | None


@dataclass
class RecommendationsResult:
    """What an import of the recommendations log did."""

    recommendations: int = 0
    cases: int = 0
    notes: list[str] = field(default_factory=list)


def compliance(target: date | None, achieved: date | None) -> str:
    """The compliance status the dates give (``domain.vocab.REMEDY_COMPLIANCE``)."""
    if achieved is None:
        return "pending"
    if target is not None and achieved > target:
        return "completed late"
    return "complete and satisfied"


def import_recommendations(
    env: Env, path: Path, *, create_missing: bool = False
) -> RecommendationsResult:
    """Replace the recommendations of every case the file names with the file's rows.

    Each changed case is saved as a move would save it (status and next deadline kept
    current, version checked) with an audit entry of what changed.

    Raises:
        ValidationFailed: every problem, as ``row N, column C: what is wrong``.
    """
    table = read_table(path)
    columns, header_problems = v.match_header(table.header, "ombudsman")
    if header_problems:
        raise ValidationFailed([f"row 1, column {c}: {what}" for c, what in header_problems])
    parse = v.RowParser(columns, "ombudsman")
    problems: list[str] = []
    rows: list[tuple[int, dict[str, Any]]] = []
    last: list[Cell] = []
    for number, cells in table.rows:
        values, found = parse(cells)
        problems += [f"row {number}, column {c}: {what}" for c, what in found]
        rows.append((number, values))
        last = cells
    if not rows:
        raise ValidationFailed([f"{path.name} has a header but no rows to import."])
    today = env.today()
    result = RecommendationsResult(notes=list(table.notes))
    with env.uow(write=True) as session:
        spellings = vocabularies.spelling_map(session, "remedy")
        if table.unterminated:  # a copy stopped part-way through a remedy's name
            cut = v.cut_short(columns, last, lambda _column: spellings.values())
            if cut is not None:
                problems.append(f"row {rows[-1][0]}, column {cut[0]}: {cut[1]}")
        added: list[str] = []
        by_case: dict[str, list[Recommendation]] = defaultdict(list)
        loaded: dict[str, Case | None] = {}
        for number, values in rows:
            reference = str(values.get("reference") or "")
            if not reference:
                continue  # reported by the row parser as blank
            if reference not in loaded:
                loaded[reference] = _load(session, reference)
            case = loaded[reference]
            where = f"row {number}, column"
            if case is None:
                problems.append(f"{where} reference: there is no complaint {reference!r}")
                continue
            decided = case.ombudsman.decided if case.ombudsman else None
            if decided is None:
                problems.append(
                    f"{where} reference: {reference} has no Ombudsman decision recorded; "
                    "record the decision (case log columns lgsco_decided and lgsco_outcome) "
                    "first"
                )
                continue
            kind = " ".join(str(values.get("remedy_type") or "").split())
            if kind and kind.casefold() not in spellings:
                if create_missing:
                    spellings[kind.casefold()] = kind
                    added.append(kind)
                else:
                    problems.append(
                        f"{where} remedy_type: remedy '{kind}' is not in the list of remedies; "
                        "add it in Settings first, or import with --create-missing"
                    )
                    continue
            achieved: date | None = values.get("achieved")
            if achieved is not None and achieved < decided:
                problems.append(
                    f"{where} achieved: {long_date(achieved)} is before the Ombudsman's "
                    f"decision of {long_date(decided)}"
                )
            if achieved is not None and achieved > today:
                problems.append(f"{where} achieved: {long_date(achieved)} is in the future")
            target: date | None = values.get("target")
            by_case[reference].append(
                Recommendation(
                    description=str(values.get("remedy") or ""),
                    remedy_type=spellings.get(kind.casefold(), "") if kind else "",
                    target=target,
                    achieved=achieved,
                    status=compliance(target, achieved),
                    amount=int(values.get("payment") or 0),
                )
            )
        if problems:
            raise ValidationFailed(v.in_row_order(problems))
        if added:
            vocabularies.ensure(session, "remedy", added)
            label = "remedies" if len(added) > 1 else "remedy"
            result.notes.append(f"Added {len(added)} new {label}: {', '.join(added)}.")
        for reference, recommendations in by_case.items():
            before = loaded[reference]
            assert before is not None
            after = copy.deepcopy(before)
            assert after.ombudsman is not None
            after.ombudsman.recommendations = recommendations
            store_case(session, after, derive_case(env, after, session))
            audit.record(
                session,
                user=env.user,
                action="import Ombudsman recommendations",
                entity="complaint",
                entity_id=after.id,
                reference=after.reference,
                changes={"file": path.name, **diff(before, after)},
            )
            result.cases += 1
            result.recommendations += len(recommendations)
    return result


def _load(session: Session, reference: str) -> Case | None:
    try:
        return cases.load(session, cases.find_id(session, reference))
    except NotFound:
        return None


def recommendation_rows(session: Session, env: Env) -> Iterator[dict[str, Value]]:
    """Every recommendation of the cases this user may see, as log rows (for export)."""
    hidden = set(users.hidden(session, env.user, access.is_administrator(env)))
    for case_id, reference, rec in cases.recommendation_rows(session):
        if case_id in hidden:
            continue
        yield {
            "reference": reference,
            "remedy": rec.description,
            "remedy_type": rec.remedy_type,
            "target": rec.target,
            "achieved": rec.achieved,
            "payment": rec.amount or None,
        }


__all__ = [
    "RECOMMENDATION_COLUMNS",
    "RecommendationsResult",
    "compliance",
    "import_recommendations",
    "recommendation_rows",
]
