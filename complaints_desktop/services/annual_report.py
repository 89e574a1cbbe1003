"""Services: the annual (or any-period) report, its spreadsheet and companion reports.

Gathers the period's statistics (``services.statistics``), the extra rows the report shows
(``storage.report_rows``), the council's name and the team's commentary, and hands plain
data to ``reports.annual`` for layout. Files are written in one step (temporary file, then
rename), so a failure never leaves half a report behind.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from complaints_desktop import files
from complaints_desktop.domain import code_assessment, report_figures
from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.domain.statistics_types import procedure_stats
from complaints_desktop.domain.suppression import DEFAULT_THRESHOLD
from complaints_desktop.domain.text import financial_year, financial_year_label
from complaints_desktop.domain.views import QueueGroup
from complaints_desktop.domain.vocab import REPORTED_PROCEDURES
from complaints_desktop.reports.annual import code_report, others
from complaints_desktop.reports.annual.document import build_pdf, checked_tables, compose
from complaints_desktop.reports.annual.docx import build_docx
from complaints_desktop.reports.annual.layout import ProgressFn
from complaints_desktop.reports.annual.model import (
    ActionRow,
    OmbudsmanRow,
    OverdueRow,
    ReportData,
)
from complaints_desktop.reports.annual.tables import period_label
from complaints_desktop.reports.annual.texts import INTERNAL_MARKING
from complaints_desktop.reports.annual.xlsx import build_xlsx
from complaints_desktop.services import access, queries, statistics
from complaints_desktop.services.env import Env
from complaints_desktop.storage import audit, report_rows, settings_store, theme_rows

SERVICE = "Children's Social Care"
REPORTED = REPORTED_PROCEDURES
ANNUAL = "Annual complaints report"


# -- the team's words ----------------------------------------------------------------------
REPORT_TEXTS: tuple[tuple[str, str, bool], ...] = (
    ("summary", "Executive summary", True),
    ("highlights", "Highlights", False),
    ("context", "Context", False),
    ("context_figures", "Context figures", False),
    ("published_figures", "Figures published for earlier years", False),
    ("case_studies", "Case studies", False),
    ("you_said", "You said, we did", False),
    ("compliments", "What people said: compliments", False),
    ("learning", "Learning by theme", False),
    ("review", "Review of the effectiveness of the procedure", True),
    ("recommendations", "Recommendations", False),
    ("conclusion", "Conclusion", False),
)
"""The parts of the annual report the team writes: key, heading, required before the
report stops saying DRAFT. ``review`` is the commentary the app has always kept."""

CODE_TEXTS: tuple[tuple[str, str, bool], ...] = (
    ("code_assessment", "Self-assessment against the Complaint Handling Code", True),
    ("code_ombudsman", "The Ombudsman's findings about our complaint handling", False),
    ("code_improvements", "Service improvements from complaints", False),
    ("code_response", "Response of the governance body", False),
)
"""The parts of the Complaint Handling Code report (corporate complaints) the team
writes, kept with the year's other words; the self-assessment is required (one
requirement per ``## `` line, see ``domain.code_assessment``)."""

ALL_TEXTS = REPORT_TEXTS + CODE_TEXTS

_CHECKED: dict[str, Callable[[str, int], object]] = {
    "code_assessment": code_assessment.parse,
    "context_figures": report_figures.parse_context,
    "published_figures": report_figures.parse_published,
}
"""Parts that hold figures or a table: checked before they are kept (file line numbers)."""


def _commentary_key(year: int) -> str:
    return f"commentary:{year}"


def _texts_key(year: int) -> str:
    return f"report-texts:{year}"


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise ValidationFailed([f"{year} is not a financial year the report can cover."])


def get_texts(env: Env, year: int) -> dict[str, str]:
    """The team's words for financial year ``year``: part key -> text (written ones)."""
    with env.uow() as session:
        stored = settings_store.get(session, _texts_key(year), {})
        review = str(settings_store.get(session, _commentary_key(year), "") or "")
    texts = {str(k): str(v) for k, v in (stored or {}).items() if str(v).strip()}
    if review:
        texts["review"] = review
    return texts


def missing_required(texts: dict[str, str]) -> list[str]:
    """Headings of the required parts not written yet (the report says DRAFT until none)."""
    return [head for key, head, required in REPORT_TEXTS if required and not texts.get(key)]


def code_missing(texts: dict[str, str]) -> list[str]:
    """Headings of the Code report's required parts not written yet."""
    return [head for key, head, required in CODE_TEXTS if required and not texts.get(key)]


def set_texts(env: Env, year: int, texts: dict[str, str]) -> None:
    """Keep the given parts of the team's words for ``year`` (others unchanged)."""
    access.require(env, "commentary")
    _check_year(year)
    known = {key for key, _h, _r in ALL_TEXTS}
    unknown = sorted(set(texts) - known)
    if unknown:
        raise ValidationFailed([f"{k!r} is not a part of the report." for k in unknown])
    for key, check in _CHECKED.items():
        if texts.get(key, "").strip():
            check(texts[key], 1)  # a bad line changes nothing
    if "review" in texts:
        set_commentary(env, year, texts["review"])
    rest = {k: v.replace("\r\n", "\n").strip() for k, v in texts.items() if k != "review"}
    if not rest:
        return
    with env.uow(write=True) as session:
        old = dict(settings_store.get(session, _texts_key(year), {}) or {})
        new = {**old, **rest}
        if new == old:
            return
        settings_store.put(session, _texts_key(year), new)
        audit.record(
            session,
            user=env.user,
            action="report texts",
            entity="settings",
            changes={"year": [year, year], **{k: [old.get(k, ""), v] for k, v in rest.items()}},
        )


def parse_texts(text: str) -> dict[str, str]:
    """The parts of a Markdown file: each begins with a ``# Heading`` line naming a part
    (as in ``REPORT_TEXTS``, case and spaces aside); blank parts are left as they are.

    Raises:
        ValidationFailed: a heading that names no part, or text before the first heading,
            with its line number.
    """
    by_heading = {" ".join(h.casefold().split()): k for k, h, _r in ALL_TEXTS}
    by_heading.update({k.replace("_", " "): k for k, _h, _r in ALL_TEXTS})
    parts: dict[str, list[str]] = {}
    starts: dict[str, int] = {}
    current: str | None = None
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("# "):
            name = " ".join(line[2:].casefold().split())
            current = by_heading.get(name)
            if current is None:
                problems.append(
                    f"line {number}: '{line[2:].strip()}' is not a part of the report; "
                    "the parts are: " + ", ".join(h for _k, h, _r in ALL_TEXTS) + "."
                )
            else:
                parts[current] = []
                starts[current] = number + 1
        elif current is not None:
            parts[current].append(line)
        elif line.strip() and not problems:
            problems.append(f"line {number}: text before the first '# Heading' line.")
    for key, check in _CHECKED.items():
        if key in parts and not problems:
            try:  # checked here so that the messages give the file's line numbers
                check("\n".join(parts[key]), starts[key])
            except ValidationFailed as err:
                problems += err.problems
    if problems:
        raise ValidationFailed(problems)
    return {k: "\n".join(v).strip() for k, v in parts.items() if "\n".join(v).strip()}


def get_commentary(env: Env, year: int) -> str:
    """The team's review of financial year ``year`` (starting 1 April), or ``""``."""
    with env.uow() as session:
        return str(settings_store.get(session, _commentary_key(year), "") or "")


def set_commentary(env: Env, year: int, text: str) -> None:
    """Keep the team's review of financial year ``year`` for its annual report."""
    access.require(env, "commentary")
    _check_year(year)
    clean = text.replace("\r\n", "\n").strip()
    with env.uow(write=True) as session:
        old = str(settings_store.get(session, _commentary_key(year), "") or "")
        if old == clean:
            return
        settings_store.put(session, _commentary_key(year), clean)
        audit.record(
            session,
            user=env.user,
            action="report commentary",
            entity="settings",
            changes={"year": [year, year], "commentary": [old, clean]},
        )


# -- gathering ------------------------------------------------------------------------------
def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _title(start: date, end: date) -> str:
    fy = financial_year(start)
    if start == date(fy, 4, 1) and end == date(fy + 1, 3, 31):
        return ANNUAL
    if 88 <= (end - start).days <= 92 and start.day == 1:
        return "Quarterly complaints report"
    return "Complaints report"


def _council(env: Env) -> str:
    with env.uow() as session:
        data = settings_store.get(session, "council", {})
    name = data.get("name", "") if isinstance(data, dict) else str(data or "")
    return name.strip() or "The council"


def _check_period(start: date, end: date) -> None:
    if end < start:
        raise ValidationFailed(
            [f"The period ends ({end.isoformat()}) before it starts ({start.isoformat()})."]
        )


def report_data(env: Env, start: date, end: date) -> ReportData:
    """Everything the report for ``start..end`` shows, as plain data."""
    _check_period(start, end)
    title = _title(start, end)
    stats, medians = statistics.compute_for_report(env, start, end)
    texts = get_texts(env, financial_year(start)) if title == ANNUAL else {}
    last_start, last_end = _year_before(start), _year_before(end)
    last_label = financial_year_label(financial_year(last_end))
    # A year before the first case is not known (None in the history): "not recorded".
    known = {
        key
        for key in REPORTED
        if procedure_stats(stats, key)["history"].get(last_label) is not None
    }
    previous_stats = statistics.compute(env, last_start, last_end) if known else None
    settings = env.settings()
    limits = {
        key: tuple((r.standard, r.extended) for r in settings.procedure(key).stages)
        for key in REPORTED
    }
    with env.uow() as session:
        before = report_rows.received_by_procedure(session, _year_before(start), _year_before(end))
        remedies = report_rows.remedy_lines(session, start, end)
        actions = report_rows.action_lines(session, start, end)
        refusals = report_rows.refusals(session, start, end)
        advocacy = report_rows.advocacy(session, start, end)
        elements = report_rows.element_findings(session, start, end)
        areas = report_rows.by_service_area(session, start, end)
        area_teams = report_rows.area_teams(session, start, end)
        remedied = report_rows.cases_with_remedy(session, start, end)
        escalations = report_rows.stage_requests(session, start, end)
        quotes = report_rows.quoted_compliments(session, start, end) if title == ANNUAL else []
        themes = theme_rows.upheld_themes(session, start, end)
        contact_teams = theme_rows.contacts_by_kind_and_team(session, start, end)
        compliment_themes = theme_rows.compliment_themes(session, start, end)
    remedies, actions = _visible(env, remedies), _visible(env, actions)
    return ReportData(
        stats=stats,
        council=_council(env),
        start=start,
        end=end,
        generated=env.today(),
        service=SERVICE,
        previous={key: before.get(key, 0) for key in REPORTED if key in known},
        previous_stats=previous_stats,
        limits=limits,
        ombudsman=tuple(_ombudsman_row(r) for r in remedies),
        actions=tuple(_action_row(a) for a in actions),
        commentary=get_commentary(env, financial_year(start)) if title == ANNUAL else "",
        texts=texts,
        draft=missing_required(texts) if title == ANNUAL else [],
        title=title,
        medians=medians,
        refusals=refusals,
        advocacy=advocacy,
        elements=elements,
        areas=areas,
        area_teams=area_teams,
        settings=settings,
        remedied=remedied,
        escalations=escalations,
        quotes=tuple(quotes),
        upheld_themes=themes,
        contact_teams=contact_teams,
        compliment_themes=compliment_themes,
    )


_Line = TypeVar("_Line", report_rows.RemedyLine, report_rows.ActionLine)


def _ombudsman_row(line: report_rows.RemedyLine) -> OmbudsmanRow:
    return OmbudsmanRow(
        reference=line.reference,
        decided=line.decided,
        outcome=line.outcome,
        remedy=line.remedy,
        target=line.target,
        achieved=line.achieved,
        status=line.status,
        amount=line.amount,
    )


def _action_row(line: report_rows.ActionLine) -> ActionRow:
    return ActionRow(
        reference=line.reference,
        action=line.action,
        source=line.source,
        owner=line.owner,
        target=line.target,
        status=line.status,
        reason=line.reason,
        evidence=line.evidence,
    )


# -- the annual report ----------------------------------------------------------------------
def render_pdf(
    env: Env,
    start: date,
    end: date,
    suppress_below: int = DEFAULT_THRESHOLD,
    progress: ProgressFn | None = None,
) -> bytes:
    """The report for ``start..end`` as PDF bytes.

    Args:
        env: the database, user and clock.
        start: first day of the period.
        end: last day of the period.
        suppress_below: counts ``1 <= n < suppress_below`` in tables by relationship, team
            or personal characteristic print as ``c``; 0 shows every number.
        progress: called with (percent done, what is happening) as the work goes on.
    """
    _check_threshold(suppress_below)
    if progress is not None:
        progress(0, "Counting the period's cases")
    data = report_data(env, start, end)
    return build_pdf(data, suppress_below, progress)


def render_xlsx(env: Env, start: date, end: date, suppress_below: int = DEFAULT_THRESHOLD) -> bytes:
    """The report's tables as a spreadsheet, suppressed exactly as in the PDF."""
    _check_threshold(suppress_below)
    data = report_data(env, start, end)
    label = f"{data.council}, {data.service}: {data.title} {period_label(start, end)}"
    if suppress_below <= 1:
        label = f"{INTERNAL_MARKING}. {label}"
    return build_xlsx(checked_tables(data, suppress_below).values(), title=label)


def render_docx(env: Env, start: date, end: date, suppress_below: int = DEFAULT_THRESHOLD) -> bytes:
    """The report as a Word document (same content and suppression as the PDF)."""
    _check_threshold(suppress_below)
    data = report_data(env, start, end)
    return build_docx(compose(data, suppress_below))


def write_docx(
    env: Env, start: date, end: date, path: Path, suppress_below: int = DEFAULT_THRESHOLD
) -> None:
    """Write the report's Word version to ``path``."""
    _write(Path(path), render_docx(env, start, end, suppress_below))


def write_pdf(
    env: Env, start: date, end: date, path: Path, suppress_below: int = DEFAULT_THRESHOLD
) -> None:
    """Write the report PDF to ``path``."""
    _write(Path(path), render_pdf(env, start, end, suppress_below))


def write_xlsx(
    env: Env, start: date, end: date, path: Path, suppress_below: int = DEFAULT_THRESHOLD
) -> None:
    """Write the report's tables to the spreadsheet ``path``."""
    _write(Path(path), render_xlsx(env, start, end, suppress_below))


def _check_threshold(suppress_below: int) -> None:
    if suppress_below < 0:
        raise ValidationFailed(
            ["--suppress-below must be 0 (show every number) or a positive whole number."]
        )


def _write(path: Path, content: bytes) -> None:
    files.write_atomically(path, content)


# -- the Complaint Handling Code report ------------------------------------------------------
def code_report_data(env: Env, year: int) -> ReportData:
    """The year's report data for the Code report (its words read as the annual report's)."""
    _check_year(year)
    data = report_data(env, date(year, 4, 1), date(year + 1, 3, 31))
    return data


def render_code_pdf(env: Env, year: int, suppress_below: int = DEFAULT_THRESHOLD) -> bytes:
    """The Complaint Handling Code report (corporate complaints) for financial year
    ``year`` as PDF bytes."""
    _check_threshold(suppress_below)
    return code_report.build_pdf(code_report_data(env, year), suppress_below)


def render_code_docx(env: Env, year: int, suppress_below: int = DEFAULT_THRESHOLD) -> bytes:
    """The Code report as a Word document (same content as its PDF)."""
    _check_threshold(suppress_below)
    return build_docx(code_report.compose(code_report_data(env, year), suppress_below))


def write_code_pdf(
    env: Env, year: int, path: Path, suppress_below: int = DEFAULT_THRESHOLD
) -> None:
    """Write the Code report PDF to ``path``."""
    _write(Path(path), render_code_pdf(env, year, suppress_below))


def write_code_docx(
    env: Env, year: int, path: Path, suppress_below: int = DEFAULT_THRESHOLD
) -> None:
    """Write the Code report's Word version to ``path``."""
    _write(Path(path), render_code_docx(env, year, suppress_below))


# -- companion reports ------------------------------------------------------------------------
def overdue_pdf(env: Env) -> bytes:
    """Open cases past a council deadline today, as a PDF list."""
    today = env.today()
    cal = env.calendar()
    rows = [
        OverdueRow(
            reference=item.reference,
            procedure=item.procedure,
            stage=item.stage,
            what=item.what,
            due=item.due,
            working_days_late=cal.working_days_between(item.due, today),
            team=item.team,
        )
        for item in queries.work_queue(env)
        if item.group == QueueGroup.OVERDUE
    ]
    return others.overdue_pdf(_council(env), today, rows)


def ombudsman_compliance_pdf(env: Env, start: date, end: date) -> bytes:
    """The Ombudsman compliance table for ``start..end`` as a PDF."""
    _check_period(start, end)
    with env.uow() as session:
        lines = report_rows.remedy_lines(session, start, end)
    rows = [_ombudsman_row(line) for line in _visible(env, lines)]
    return others.ombudsman_compliance_pdf(_council(env), start, end, rows)


def actions_pdf(env: Env) -> bytes:
    """The learning-action tracker (every action) as a PDF."""
    with env.uow() as session:
        lines = report_rows.action_lines(session)
    rows = [_action_row(a) for a in _visible(env, lines)]
    return others.actions_pdf(_council(env), env.today(), rows)


def _visible(env: Env, lines: list[_Line]) -> list[_Line]:
    """The lines of the complaints the user may see (reports' case lists leave out a
    restricted complaint the user is not named on; the counts stay whole)."""
    hidden = access.hidden_references(env)
    if not hidden:
        return lines
    return [line for line in lines if _case_of(line) not in hidden]


def _case_of(line: report_rows.RemedyLine | report_rows.ActionLine) -> str:
    return line.case_reference if isinstance(line, report_rows.RemedyLine) else line.reference


__all__ = [
    "ALL_TEXTS",
    "CODE_TEXTS",
    "REPORT_TEXTS",
    "actions_pdf",
    "code_missing",
    "code_report_data",
    "get_commentary",
    "get_texts",
    "missing_required",
    "ombudsman_compliance_pdf",
    "overdue_pdf",
    "parse_texts",
    "render_code_docx",
    "render_code_pdf",
    "render_docx",
    "render_pdf",
    "render_xlsx",
    "report_data",
    "set_commentary",
    "set_texts",
    "write_code_docx",
    "write_code_pdf",
    "write_docx",
    "write_pdf",
    "write_xlsx",
]
