"""Services: turn log rows into cases and contacts, and check them (formats.md §2-3).

``match_header`` maps header cells to known columns; ``parse_row`` types one row's cells
(``cut_short`` looks at the last row of a file that may have been cut);
``apply_case`` / ``apply_contact`` write the columns a file has onto a domain object (new
or loaded, for ``--update``), where ``columns`` says each one lives; ``check_case`` /
``check_contact`` are the consistency rules.
Every problem is ``(column, what is wrong)``; the caller adds the row number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from complaints_desktop.domain.model import Case, Contact, Ombudsman, Stage
from complaints_desktop.domain.procedures import Settings
from complaints_desktop.domain.text import long_date
from complaints_desktop.services.caselog.columns import CASE_LOG, CONTACT_LOG, Column, LogKind
from complaints_desktop.services.caselog.parse import (
    LOG_COLUMNS,
    LOG_NAMES,
    REQUIRED,
    Parser,
    as_text,
    blank_value,
    normalise_header,
    parser_for,
    repeats,
    split_list,
    suggest,
)
from complaints_desktop.services.caselog.table import CUT_SHORT, Cell, Unreadable, column_letter

Problem = tuple[str, str]
"""(column, what is wrong)."""

STAGE_FIELDS: dict[str, tuple[int, str]] = {
    c.name: (int(c.part[-1]), c.attr) for c in CASE_LOG if c.part.startswith("stage")
}
"""Stage columns: column -> (stage number, attribute of the Stage)."""
STAGE_COLUMNS: dict[int, tuple[str, ...]] = {
    n: tuple(c for c, (k, _) in STAGE_FIELDS.items() if k == n) for n in (1, 2, 3)
}
LGSCO_FIELDS: dict[str, str] = {c.name: c.attr for c in CASE_LOG if c.part == "ombudsman"}
"""Ombudsman columns: column -> attribute of the case's Ombudsman referral."""
_CASE_BY_NAME: dict[str, Column] = {c.name: c for c in CASE_LOG}
_CONTACT_BY_NAME: dict[str, Column] = {c.name: c for c in CONTACT_LOG}


def match_header(header: list[str], log: LogKind) -> tuple[list[str | None], list[Problem]]:
    """Each header cell's known column (None for a blank heading), and the problems."""
    known = LOG_COLUMNS[log]
    columns: list[str | None] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, raw in enumerate(header):
        name = normalise_header(raw)
        if not name:
            columns.append(None)
            continue
        if name not in known:
            hint = f"'{raw.strip()}' is not a column of the {LOG_NAMES[log]}; did you mean "
            hint += f"'{suggest(name, known)}'?"
            if log == "cases" and name in ("kind", "from", "summary", "responded"):
                hint += " (This looks like a contacts log: import it as contacts.)"
            problems.append((raw.strip(), hint))
            columns.append(None)
            continue
        if name in seen:
            problems.append(
                (name, f"the column appears twice (again in column {column_letter(index)})")
            )
        seen.add(name)
        columns.append(name)
    for name in REQUIRED[log]:
        if name not in seen:
            problems.append((name, f"this column is missing; every {LOG_NAMES[log]} needs it"))
    return columns, problems


Step = tuple[str, Parser | None, dict[Cell, Any] | None, bool]
"""One column of a file: its name (the column letter when it has no known heading), its
cell parser (None: no known heading), its memo of parsed cells (None when cells vary from
row to row) and whether it holds a list."""
MEMO_LIMIT = 20_000
"""Distinct cells remembered per column (dates, vocabularies, lists, amounts repeat)."""
_SPACES = ("", "")
"""What the memo keeps for a cell of spaces only: skipped like an empty one."""


class RowParser:
    """Types the cells of each row of one file (the per-column work is worked out once).

    Columns whose cells repeat (dates, amounts, yes/no, vocabularies, lists of names)
    remember what each distinct cell parsed to, so a 100,000-row file parses each
    distinct date or team list once.
    """

    def __init__(self, columns: list[str | None], log: LogKind) -> None:
        self.columns = columns
        self.known = [c for c in columns if c is not None]
        self.blanks: dict[str, Any] = {c: blank_value(c) for c in self.known}
        self.lists = frozenset(c for c in self.known if isinstance(self.blanks[c], list))
        self.plan: list[Step] = [self._step(i, c) for i, c in enumerate(columns)]
        self.required = [c for c in REQUIRED[log] if c in self.blanks]

    def _step(self, index: int, column: str | None) -> Step:
        if column is None:
            return column_letter(index), None, None, False
        return column, parser_for(column), {} if repeats(column) else None, column in self.lists

    def __call__(self, cells: list[Cell]) -> tuple[dict[str, Any], list[Problem]]:
        """The typed values of one row (only the columns the file has), and its problems."""
        values: dict[str, Any] = dict(self.blanks)
        for column in self.lists:
            values[column] = []
        problems: list[Problem] = []
        value: Any
        plan = self.plan
        if len(cells) > len(plan):  # cells past the header have no column
            plan += [self._step(i, None) for i in range(len(plan), len(cells))]
        for cell, (column, parse, memo, listed) in zip(cells, plan, strict=False):
            if cell == "":
                continue
            if cell.__class__ is Unreadable:  # the reader could not read it: say why
                problems.append((column, cell.what))
                continue
            if memo is not None:
                found: tuple[Any, str] | None = memo.get(cell)
                if found is None:
                    spaces = cell.__class__ is str and cell.isspace()
                    found = _SPACES if spaces else parse(cell)  # type: ignore[misc]
                    if len(memo) < MEMO_LIMIT:
                        memo[cell] = found
                if found is _SPACES:
                    continue
                value, problem = found
                if listed:
                    value = list(value)  # each row its own list
            elif parse is None:
                if cell.__class__ is not str or not cell.isspace():
                    problems.append((column, "a value in a column that has no known heading"))
                continue
            else:  # text: spaces alone give "", the same as a blank cell
                value, problem = parse(cell)
            if problem:
                problems.append((column, problem))
            values[column] = value
        for column in self.required:
            if values[column] in ("", None) and all(c != column for c, _ in problems):
                problems.append((column, "blank, but every row needs it"))
        return values, problems


def cut_short(
    columns: list[str | None], cells: list[Cell], known: Callable[[str], Iterable[str]]
) -> Problem | None:
    """The problem of a last row that ends part-way through a name (None when it does not).

    Called for the last row of a file that does not end with a line break. The row's last
    written cell is in a column of names (a vocabulary, teams, types, ...) and is not a
    name ``known(column)`` gives but the start of one: the copy was interrupted there
    ("Childre" for "Children in Care"), and importing it would store the cut name.
    """
    index = len(cells) - 1
    while index >= 0 and (cells[index] == "" or not as_text(cells[index])):
        index -= 1
    if index < 0 or index >= len(columns) or columns[index] is None:
        return None
    column = columns[index]
    assert column is not None
    names = split_list(as_text(cells[index]))
    if not names:
        return None
    last = names[-1].casefold()
    spelled = {" ".join(n.split()).casefold() for n in known(column)}
    if last in spelled or not any(n.startswith(last) for n in spelled):
        return None
    return (
        column,
        f"{CUT_SHORT}: '{names[-1]}' is the start of a name, and the file ends there without "
        "a line break. Copy or save the whole file again; nothing was imported.",
    )


def parse_row(
    columns: list[str | None], cells: list[Cell], log: LogKind
) -> tuple[dict[str, Any], list[Problem]]:
    """The typed values of one row (only the columns the file has), and its problems."""
    return RowParser(columns, log)(cells)


def in_row_order(problems: list[str]) -> list[str]:
    """Problems (``row N, column C: ...``) sorted by row number, stable within a row."""

    def row_of(problem: str) -> int:
        head = problem.split(",", 1)[0].removeprefix("row ")
        return int(head) if head.isdigit() else 0

    return sorted(problems, key=row_of)


def _blank(value: object) -> bool:
    return value is None or value == "" or value is False or value == []


def new_case(values: dict[str, Any]) -> Case:
    """A new case from a row's values (procedure and received present)."""
    case = Case(procedure=values["procedure"], received=values["received"])
    apply_case(case, values)
    return case


@dataclass(frozen=True)
class _Plan:
    """Where each column of a file goes on a case, worked out once per file's columns."""

    kept: tuple[tuple[str, str], ...]
    """(column, attribute) on the case, left alone when the cell is blank."""
    on: tuple[tuple[str, str, str], ...]
    """(column, part, attribute): on the case, its complainant, child or advocacy."""
    equality: tuple[str, ...]
    groups: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...]
    """(stage or referral, its (column, attribute, kind) given in the file)."""


@lru_cache(maxsize=64)
def _plan(names: tuple[str, ...]) -> _Plan:
    columns = [_CASE_BY_NAME[n] for n in names if n in _CASE_BY_NAME]
    grouped: dict[str, list[tuple[str, str, str]]] = {}
    for c in columns:
        if c.part.startswith("stage") or c.part == "ombudsman":
            grouped.setdefault(c.part, []).append((c.name, c.attr, c.kind))
    return _Plan(
        kept=tuple((c.name, c.attr) for c in columns if c.part == "case" and c.kept_when_blank),
        on=tuple(
            (c.name, c.part, c.attr)
            for c in columns
            if c.part in ("case", "complainant", "child", "advocacy") and not c.kept_when_blank
        ),
        equality=tuple(c.name for c in columns if c.part == "equality"),
        groups=tuple((part, tuple(given)) for part, given in sorted(grouped.items())),
    )


def apply_case(case: Case, values: dict[str, Any]) -> None:
    """Write the columns present in ``values`` onto ``case`` (others are left alone).

    Each column goes where ``columns.CASE_LOG`` says it lives. A stage (or the Ombudsman
    referral) is added when any of its columns has a value, and removed when the row
    gives all of its columns and every one is blank; a blank yes/no there is "no" and a
    blank amount 0. The withdrawal follows from a stage whose outcome is "withdrawn".
    """
    plan = _plan(tuple(values))
    for name, attr in plan.kept:
        value = values[name]
        if value != "" and value is not None:
            setattr(case, attr, value)
    owners = {
        "case": case,
        "complainant": case.complainant,
        "child": case.child,
        "advocacy": case.advocacy,
    }
    for name, part, attr in plan.on:
        setattr(owners[part], attr, values[name])
    for name in plan.equality:
        if values[name]:
            case.equality[name] = values[name]
        else:
            case.equality.pop(name, None)
    for part, given in plan.groups:
        if part == "ombudsman":
            _apply_ombudsman(case, given, values)
        else:
            _apply_stage(case, int(part[-1]), given, values)
    withdrawn = [s for s in case.stages if s.outcome == "withdrawn" and s.response]
    if withdrawn:
        case.withdrawn, case.withdrawn_stage = withdrawn[-1].response, withdrawn[-1].number
    elif case.withdrawn_stage is not None:
        case.withdrawn, case.withdrawn_stage = None, None


Given = tuple[tuple[str, str, str], ...]
"""The columns of one stage or referral a file gives: (column, attribute, kind)."""


def _all_blank(given: Given, values: dict[str, Any]) -> bool:
    for name, _, _ in given:  # not _blank(value), inline: this runs for every cell of a stage
        value = values[name]
        if not (value is None or value is False or value == "" or value == []):
            return False
    return True


def _filled(value: object, kind: str) -> object:
    """A stage's or referral's value as stored: a blank yes/no is no, a blank amount 0."""
    if kind == "yes_no":
        return bool(value)
    if kind == "amount":
        return value or 0
    return value


def _apply_stage(case: Case, number: int, given: Given, values: dict[str, Any]) -> None:
    stage = case.stage(number)
    if _all_blank(given, values):
        if stage is not None and len(given) == len(STAGE_COLUMNS[number]):
            case.stages.remove(stage)
        return
    if stage is None:
        stage = Stage(number=number)
        case.stages.append(stage)
        case.stages.sort(key=lambda s: s.number)
    for name, attr, kind in given:
        setattr(stage, attr, _filled(values[name], kind))


def _apply_ombudsman(case: Case, given: Given, values: dict[str, Any]) -> None:
    if _all_blank(given, values):
        if len(given) == len(LGSCO_FIELDS):
            case.ombudsman = None
        return
    if case.ombudsman is None:
        case.ombudsman = Ombudsman()
    for name, attr, kind in given:
        setattr(case.ombudsman, attr, _filled(values[name], kind))


STAGE_DATES: dict[int, tuple[tuple[str, str], ...]] = {
    n: tuple(
        (c, attr)
        for c, (k, attr) in STAGE_FIELDS.items()
        if k == n and attr in ("start", "response", "requested", "panel_date")
    )
    for n in (1, 2, 3)
}


def _dated(case: Case) -> list[tuple[str, date]]:
    out: list[tuple[str, date | None]] = [("resolved_early", case.resolved_early)]
    for stage in case.stages:
        for column, attr in STAGE_DATES.get(stage.number, ()):
            out.append((column, getattr(stage, attr)))
    if case.ombudsman is not None:
        out += [
            ("lgsco_received", case.ombudsman.received),
            ("lgsco_decided", case.ombudsman.decided),
        ]
    return [(c, d) for c, d in out if d is not None]


def check_case(case: Case, today: date, settings: Settings) -> list[Problem]:
    """Every consistency problem of formats.md §2 in ``case``."""
    problems: list[Problem] = []
    if case.received > today:
        problems.append(("received", f"{long_date(case.received)} is in the future"))
    if case.child.dob is not None and case.child.dob > today:
        problems.append(("child_dob", f"{long_date(case.child.dob)} is in the future"))
    for column, day in _dated(case):
        if day > today:
            problems.append((column, f"{long_date(day)} is in the future"))
        elif day < case.received:
            problems.append(
                (
                    column,
                    f"{long_date(day)} is before the complaint was received "
                    f"({long_date(case.received)})",
                )
            )
    last = settings.procedure(case.procedure).last_stage
    for stage in case.stages:
        n = stage.number
        if n > last:
            column = next(
                (c for c in STAGE_COLUMNS[n] if not _blank(getattr(stage, STAGE_FIELDS[c][1]))),
                STAGE_COLUMNS[n][0],
            )
            problems.append(
                (
                    column,
                    f"a {case.procedure} case has {last} stage{'s' if last > 1 else ''}; "
                    f"stage {n} columns must be blank",
                )
            )
        problems += _stage_order(case, stage)
        if stage.outcome and stage.response is None:
            problems.append(
                (
                    f"s{n}_response",
                    f"blank, but s{n}_outcome says '{stage.outcome}'; "
                    "give the date of the response (or of the withdrawal)",
                )
            )
        if stage.response is not None and not stage.outcome:
            problems.append(
                (
                    f"s{n}_outcome",
                    f"blank, but s{n}_response is {long_date(stage.response)}; "
                    "say what the outcome was",
                )
            )
    omb = case.ombudsman
    if omb is not None:
        if omb.received and omb.decided and omb.decided < omb.received:
            problems.append(
                (
                    "lgsco_decided",
                    f"{long_date(omb.decided)} is before the Ombudsman referral "
                    f"was received ({long_date(omb.received)})",
                )
            )
        if omb.outcome and omb.decided is None:
            problems.append(
                (
                    "lgsco_decided",
                    f"blank, but lgsco_outcome says '{omb.outcome}'; give the date of the decision",
                )
            )
        if omb.decided is not None and not omb.outcome:
            problems.append(("lgsco_outcome", "blank, but lgsco_decided is given; say the outcome"))
    return problems


def _stage_order(case: Case, stage: Stage) -> list[Problem]:
    n = stage.number
    out: list[Problem] = []
    steps: list[tuple[str, date | None, str]] = []
    if n == 1:
        steps = [("s1_start", stage.start, "stage 1 began"), ("s1_response", stage.response, "")]
    elif n == 2:
        steps = [
            ("s2_requested", stage.requested, "stage 2 was requested"),
            ("s2_start", stage.start, "the statement of complaint was agreed"),
            ("s2_response", stage.response, ""),
        ]
    elif n == 3:
        steps = [
            ("s3_requested", stage.requested, "stage 3 was requested"),
            ("s3_panel", stage.panel_date, "the panel met"),
            ("s3_response", stage.response, ""),
        ]
    for i, (column, day, _) in enumerate(steps):
        earlier = [(c, d, what) for c, d, what in steps[:i] if d is not None]
        if day is not None and earlier:
            before_column, before, what = earlier[-1]
            if day < before:
                out.append(
                    (
                        column,
                        f"{long_date(day)} is before {what} ({long_date(before)}, {before_column})",
                    )
                )
    if n >= 2:
        previous = case.stage(n - 1)
        first_column, first = next(((c, d) for c, d, _ in steps if d is not None), ("", None))
        if previous is None:
            if n == 3:
                out.append(
                    (
                        f"s{n}_requested",
                        "stage 3 without stage 2: a case may enter at stage 2, not at stage 3",
                    )
                )
        elif previous.response is None:
            out.append(
                (
                    f"s{n}_requested",
                    f"stage {n} is recorded but stage {n - 1} has no response "
                    f"(s{n - 1}_response is blank)",
                )
            )
        elif first is not None and first < previous.response:
            out.append(
                (
                    first_column,
                    f"{long_date(first)} is before the stage {n - 1} response "
                    f"({long_date(previous.response)})",
                )
            )
    return out


def new_contact(values: dict[str, Any]) -> Contact:
    """A new contact from a row's values (kind and received present); without a
    ``themes`` column its themes are not said (an update keeps those stored)."""
    contact = Contact(kind=values["kind"], received=values["received"], themes=None)
    apply_contact(contact, values)
    return contact


def apply_contact(contact: Contact, values: dict[str, Any]) -> None:
    """Write the columns present in ``values`` onto ``contact`` (where ``CONTACT_LOG`` says)."""
    for name, value in values.items():
        column = _CONTACT_BY_NAME.get(name)
        if column is not None and not (column.kept_when_blank and value in ("", None)):
            setattr(contact, column.attr, value)


def check_contact(contact: Contact, today: date) -> list[Problem]:
    """Consistency problems of a contact: dates in the future, answered before received."""
    problems: list[Problem] = []
    if contact.received > today:
        problems.append(("received", f"{long_date(contact.received)} is in the future"))
    if contact.responded is not None:
        if contact.responded > today:
            problems.append(("responded", f"{long_date(contact.responded)} is in the future"))
        elif contact.responded < contact.received:
            problems.append(
                (
                    "responded",
                    f"{long_date(contact.responded)} is before the contact was "
                    f"received ({long_date(contact.received)})",
                )
            )
    return problems
