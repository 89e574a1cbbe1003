"""Reports: the annual (or any-period) complaints report as a PDF: cover, contents, sections."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.styles import StyleSheet1
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
)

from complaints_desktop.domain import vocab
from complaints_desktop.domain.errors import KnownError
from complaints_desktop.domain.procedures import Settings
from complaints_desktop.domain.statistics_types import ProcedureStats, procedure_stats, stages_of
from complaints_desktop.domain.suppression import DEFAULT_THRESHOLD
from complaints_desktop.domain.text import long_date
from complaints_desktop.reports.annual.charts import bar_chart
from complaints_desktop.reports.annual.definitions import definitions
from complaints_desktop.reports.annual.every_table import all_tables
from complaints_desktop.reports.annual.figures import published_received
from complaints_desktop.reports.annual.layout import (
    ProgressFn,
    boxed_list,
    contents,
    frame_width,
    render,
    table_flowable,
)
from complaints_desktop.reports.annual.model import ReportData
from complaints_desktop.reports.annual.styles import stylesheet
from complaints_desktop.reports.annual.tables import (
    PROCEDURE_NAMES,
    TableSpec,
    audit,
    period_label,
    stage_count,
)
from complaints_desktop.reports.annual.texts import (
    INTERNAL_NOTE,
    INTRODUCTION,
    PUBLISHED_NOTE,
    list_items,
    marking,
)


class DisclosureRisk(KnownError):
    """The report's own audit found a suppressed count a reader could work out."""


def checked_tables(data: ReportData, suppress_below: int) -> dict[str, TableSpec]:
    """Every table of the report, after the disclosure audit has passed on them.

    Raises:
        DisclosureRisk: a ``c`` could be worked out (nothing is written).
    """
    tables = all_tables(data, suppress_below)
    problems = audit(tables.values())
    if problems:
        raise DisclosureRisk(
            "The report was not written: its check of small numbers failed.\n" + "\n".join(problems)
        )
    return tables


def _p(text: str, styles: StyleSheet1, style: str = "Body") -> Paragraph:
    safe = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(safe, styles[style])


NEW_PAGE_IF_LESS = 250.0
"""A major section starts a new page only when less than this (points, about a third of
the text height) is left: never a page left two thirds empty by a forced break."""


KEEP_WITH_TABLE = 150.0
"""A short section (heading, a paragraph, a small table) starts a new page when less than
this (points) is left, rather than leave its heading and words apart from its table."""


@dataclass(frozen=True)
class Chart:
    """A bar chart's data, for the Word version's picture and its alt text."""

    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    x_label: str
    y_label: str

    def alt_text(self) -> str:
        """What the chart shows, in words (its alternative text)."""
        parts = [f"Bar chart: {self.title}."]
        for name, values in self.series:
            figures = ", ".join(
                f"{c} {'not known' if v is None else format(v, 'g')}"
                for c, v in zip(self.categories, values, strict=True)
            )
            parts.append(f"{name}: {figures}.")
        return " ".join(parts)


@dataclass(frozen=True)
class Block:
    """One piece of the report for the Word version: ``h1``, ``h2``, ``p``, ``table``,
    ``chart`` or ``box`` (a boxed list under its title)."""

    kind: str
    text: str
    table: TableSpec | None = None
    chart: Chart | None = None
    items: tuple[str, ...] = ()
    """A ``box``'s list (the highlights)."""


class _Story:
    """Collects flowables; section headings feed the contents page."""

    def __init__(self, styles: StyleSheet1, tables: Mapping[str, TableSpec]) -> None:
        self.styles = styles
        self.tables = tables
        self.flow: list[Flowable] = []
        self.blocks: list[Block] = []
        """The same content as plain blocks, for the Word version."""
        self.width = frame_width()
        self.pending: list[Flowable] = []

    def section(self, title: str) -> None:
        self.blocks.append(Block("h1", title))
        self.pending.append(Paragraph(title, self.styles["H1"]))

    def sub(self, title: str) -> None:
        self.blocks.append(Block("h2", title))
        self.pending.append(_p(title, self.styles, "H2"))

    def _flush(self) -> None:
        self.flow += self.pending
        self.pending = []

    def text(self, text: str, style: str = "Body") -> None:
        self._flush()
        for para in (p.strip() for p in text.split("\n\n")):
            if para:
                self.flow.append(_p(para, self.styles, style))
                self.blocks.append(Block("p", para))

    def table(self, key: str, *, compact: bool = False) -> None:
        spec = self.tables[key]
        self.blocks.append(Block("table", spec.title, table=spec))
        self.flow += table_flowable(
            spec, self.styles, self.width, compact=compact, lead=self.pending
        )
        self.pending = []

    def box(self, title: str, items: Sequence[str]) -> None:
        """A boxed list (the highlights), kept on one page."""
        self._flush()
        self.blocks.append(Block("box", title, items=tuple(items)))
        self.flow.append(boxed_list(title, items, self.styles, self.width))
        self.flow.append(Spacer(1, 10))

    def bars(
        self,
        title: str,
        categories: Sequence[str],
        series: Sequence[tuple[str, Sequence[float | None]]],
        **labels: Any,
    ) -> None:
        """A bar chart, left out when every value is zero (the table says it all)."""
        if any(v for _, values in series for v in values):
            drawing = bar_chart(title, categories, series, width=self.width, **labels)
            self.blocks.append(
                Block(
                    "chart",
                    title,
                    chart=Chart(
                        title,
                        tuple(categories),
                        tuple((name, tuple(values)) for name, values in series),
                        str(labels.get("x_label", "")),
                        str(labels.get("y_label", "")),
                    ),
                )
            )
            self._flush()
            self.flow += [drawing, Spacer(1, 10)]


@dataclass(frozen=True)
class Composed:
    """The report laid out as a story (PDF) and as blocks (Word), with its page marking."""

    story: _Story
    title: str
    header: str
    marking: str
    cover_lines: tuple[str, ...]


def compose(data: ReportData, suppress_below: int = DEFAULT_THRESHOLD) -> Composed:
    """Every section of the report, once, for the PDF and the Word version alike.

    Raises:
        DisclosureRisk: the small-number audit failed (nothing is written).
    """
    styles = stylesheet()
    tables = checked_tables(data, suppress_below)
    published = suppress_below > 1
    story = _Story(styles, tables)
    period = period_label(data.start, data.end)
    cover(story, data, period)
    _introduction(story, data, period, published)
    _highlights(story, data)
    _words(story, data, ("summary", "Executive summary"))
    _definitions(story, data)
    _context(story, data)
    for procedure in vocab.REPORTED_PROCEDURES:
        _procedure_sections(story, data, procedure)
    _ombudsman(story, data)
    _money_and_learning(story, data)
    _equality(story)
    _contacts(story)
    _words(story, data, ("compliments", "What people said: compliments"))
    _quotes(story, data)
    _words(
        story,
        data,
        ("case_studies", "Case studies"),
        ("you_said", "You said, we did"),
        ("learning", "Learning by theme"),
    )
    story.section("Review of the effectiveness of the procedure")
    if data.commentary:
        story.text(data.commentary)
    elif data.title.startswith("Annual"):
        story.text("DRAFT: the team has not written its review for this year yet.")
    else:
        story.text("The team reviews the procedure's effectiveness in its annual report.")
    _words(story, data, ("recommendations", "Recommendations"), ("conclusion", "Conclusion"))
    return Composed(
        story=story,
        title=f"{data.title} {period}",
        header=f"{data.council} · {data.service}",
        marking=marking(published=published, draft=bool(data.draft)),
        cover_lines=(
            data.council,
            f"{data.service}: complaints and representations",
            f"Period: {long_date(data.start)} to {long_date(data.end)}",
            f"Produced on {long_date(data.generated)}",
        ),
    )


def build_pdf(
    data: ReportData,
    suppress_below: int = DEFAULT_THRESHOLD,
    progress: ProgressFn | None = None,
) -> bytes:
    """The report as PDF bytes.

    Args:
        data: statistics and the extra lists the report shows.
        suppress_below: counts ``1 <= n < suppress_below`` in tables by relationship, team
            or personal characteristic print as ``c``; 0 turns suppression off.
        progress: called with (percent, what) as the work goes on.
    """
    report = progress or (lambda _p, _w: None)
    report(5, "Preparing the tables")
    composed = compose(data, suppress_below)
    report(50, "Laying out the pages")
    pdf = render(
        composed.story.flow,
        header=composed.header,
        title=composed.title,
        cover=True,
        with_contents=True,
        marking=composed.marking,
    )
    report(100, "Done")
    return pdf


def _words(story: _Story, data: ReportData, *parts: tuple[str, str]) -> None:
    """The team's own sections; a required one not yet written says so (the report is a
    draft until it is)."""
    for key, heading in parts:
        text = data.texts.get(key, "")
        if text:
            story.section(heading)
            story.text(text)
        elif heading in data.draft:
            story.section(heading)
            story.text(f"DRAFT: the team has not written the {heading.lower()} yet.")


def _highlights(story: _Story, data: ReportData) -> None:
    """The team's highlights of the year as a boxed list near the start (when written)."""
    items = list_items(data.texts.get("highlights", ""))
    if items:
        story.box(f"Highlights of {period_label(data.start, data.end)}", items)


def _quotes(story: _Story, data: ReportData) -> None:
    """Compliments quoted with their senders' agreement (no others are ever printed)."""
    if not data.quotes:
        return
    if not data.texts.get("compliments"):
        story.section("What people said: compliments")
    story.sub("In their own words")
    story.text("Compliments quoted with the agreement of the people who sent them.")
    for teams, words in data.quotes:
        story.text(f"\u201c{' '.join(words.split())}\u201d" + (f" ({teams})" if teams else ""))


def _context(story: _Story, data: ReportData) -> None:
    """The team's context, and complaints per 1,000 children from its figures."""
    words = data.texts.get("context", "")
    rates = story.tables["context_rates"]
    if not words and not rates.rows:
        return
    story.section("Context")
    if words:
        story.text(words)
    if rates.rows:
        story.table("context_rates")


def cover(story: _Story, data: ReportData, period: str, title: str = "", subject: str = "") -> None:
    """The cover (council, title, subject, period, date made) and the contents page; the
    annual report's title and subject unless others are given (the Code report's)."""
    s = story.styles
    story.flow += [
        Spacer(1, 150),
        _p(data.council, s, "CoverLine"),
        Spacer(1, 18),
        _p(title or data.title, s, "CoverTitle"),
        Spacer(1, 12),
        _p(subject or f"{data.service}: complaints and representations", s, "CoverLine"),
        Spacer(1, 30),
        _p(f"Period: {period}", s, "CoverLine"),
        *(
            [_p(f"{long_date(data.start)} to {long_date(data.end)}", s, "CoverLine")]
            if period != f"{long_date(data.start)} to {long_date(data.end)}"
            else []
        ),
        Spacer(1, 160),
        _p(f"Produced on {long_date(data.generated)}", s, "CoverLine"),
        NextPageTemplate("body"),
        PageBreak(),
        _p("Contents", s, "H2"),
        contents(s),
        PageBreak(),
    ]


def _introduction(story: _Story, data: ReportData, period: str, published: bool) -> None:
    story.section("Introduction")
    story.text(INTRODUCTION.format(council=data.council, period=period))
    story.text(PUBLISHED_NOTE if published else INTERNAL_NOTE)


def _definitions(story: _Story, data: ReportData) -> None:
    """Who may complain, the stages and time limits (the council's settings), the outcomes
    and what "late" means."""
    story.section("Definitions")
    for heading, text in definitions(data.settings or Settings()):
        story.sub(heading)
        story.text(text)


def _procedure_sections(story: _Story, data: ReportData, procedure: str) -> None:
    stats = procedure_stats(data.stats, procedure)
    name = PROCEDURE_NAMES[procedure]
    count = stage_count(procedure, data)
    short = [f"Stage {i + 1}" for i in range(count)]
    stages = list(stages_of(stats)[:count])
    key = f"{procedure}."
    if procedure == "corporate":
        if _active(stats):
            story.flow.append(CondPageBreak(NEW_PAGE_IF_LESS))
        story.section("Corporate complaints procedure")
        story.text(
            "Complaints that fall outside the statutory procedure are dealt with under the "
            "council's corporate procedure of two stages. Its figures follow, in the same "
            "order as for the statutory procedure."
        )
        if not _active(stats):
            story.text(
                "No complaints were dealt with under the corporate procedure in this period."
            )
            return
    else:
        story.section("Representations received")
    story.table(key + "received")
    if (data.refusals or {}).get(procedure):
        story.table(key + "refusals", compact=True)
    if procedure == "statutory":
        story.section("Complaints at each stage")
    story.table(key + "stages")
    story.bars(
        f"{name}: complaints started and completed at each stage",
        short,
        [
            ("Started", [s["started"] for s in stages]),
            ("Completed", [s["completed"] for s in stages]),
            ("Withdrawn", [s["withdrawn"] for s in stages]),
        ],
        x_label="Stage of the procedure",
        y_label="Number of complaints",
    )
    if story.tables[key + "escalation"].rows:
        story.table(key + "escalation", compact=len(story.tables[key + "escalation"].headers) < 4)
    if procedure == "statutory":
        story.section("Outcomes by stage")
    story.table(key + "outcomes")
    story.bars(
        f"{name}: outcomes by stage",
        short,
        [(f.capitalize(), [s["outcomes"][f] for s in stages]) for f in vocab.FINDINGS],
        x_label="Stage of the procedure",
        y_label="Number of complaints",
    )
    if any(row[-2] for row in story.tables[key + "elements"].rows):
        story.table(key + "elements")
    if story.tables[key + "upheld_themes"].rows or story.tables[key + "upheld_themes"].withheld:
        story.table(key + "upheld_themes")
    if procedure == "statutory":
        story.section("Timeliness by stage")
    story.table(key + "timeliness")
    story.bars(
        f"{name}: responses on time and late",
        short,
        [
            ("On time", [s["completed"] - s["timeliness"]["late"] for s in stages]),
            ("Late", [s["timeliness"]["late"] for s in stages]),
        ],
        x_label="Stage of the procedure",
        y_label="Number of responses",
    )
    if procedure == "statutory":
        story.section("Who complained")
    story.table(key + "relationship", compact=True)
    if procedure == "statutory":
        story.section("How complaints were made")
    story.table(key + "channel", compact=True)
    if procedure == "statutory":
        story.section("What complaints were about")
    story.table(key + "types")
    if procedure == "statutory":
        story.section("Complaints by team")
    story.table(key + "teams")
    if set((data.areas or {}).get(procedure, {})) - {"not recorded"}:
        story.table(key + "areas", compact=len(story.tables[key + "areas"].headers) == 2)
    if procedure == "statutory":
        story.section("Remedies")
    story.table(key + "remedies", compact=True)
    if procedure == "statutory":
        story.section("Five-year trend")
    story.table(key + "history", compact=True)
    if procedure == "statutory" and story.tables["published"].rows:
        story.table("published", compact=True)
    _trend_chart(story, data, procedure, name, stats["history"])
    if procedure == "corporate":
        story.sub("Equality of corporate complainants")
        for field in vocab.EQUALITY_FIELDS:
            story.table(f"{key}equality_{field}", compact=True)


def _trend_chart(
    story: _Story,
    data: ReportData,
    procedure: str,
    name: str,
    history: Mapping[str, int | None],
) -> None:
    """Representations received per year as recorded here, and beside them the figures
    the council published for those years (entered by the team) where there are any."""
    told = {y: n for y, n in published_received(data, procedure).items() if y in history}
    years = [y for y, n in history.items() if n is not None or y in told]
    series: list[tuple[str, Sequence[float | None]]] = [
        ("Recorded here" if told else "Received", [history[y] for y in years])
    ]
    if told:
        series.append(("Published by the council", [told.get(y) for y in years]))
    story.bars(
        f"{name}: representations received per year",
        years,
        series,
        x_label="Financial year (1 April to 31 March)",
        y_label="Representations received",
        height=190,
    )


def _active(stats: ProcedureStats) -> bool:
    """True when the procedure saw any case in the period (else its tables are all zero)."""
    stages = stages_of(stats)
    return bool(
        stats["received"]
        or stats["early_resolution"]
        or any(s["started"] or s["completed"] or s["withdrawn"] for s in stages)
    )


def _ombudsman(story: _Story, data: ReportData) -> None:
    story.flow.append(CondPageBreak(NEW_PAGE_IF_LESS))
    story.section("Local Government and Social Care Ombudsman")
    story.text(
        "A complainant who remains dissatisfied at the end of the procedure may ask the "
        "Local Government and Social Care Ombudsman (LGSCO) to look at the complaint. The "
        "table counts referrals the council learned of in the period and the Ombudsman's "
        "decisions made in it."
    )
    story.table("lgsco", compact=True)
    story.table("lgsco_letter")
    story.sub("Compliance with recommendations")
    if story.tables["compliance"].rows:
        story.text(
            "Decisions that upheld a complaint or recommended a remedy, with the council's "
            "compliance; other decisions are counted in the table above."
        )
        story.table("compliance")
    else:
        story.text("No Ombudsman decision in this period asked the council for a remedy.")


def _money_and_learning(story: _Story, data: ReportData) -> None:
    story.flow.append(CondPageBreak(KEEP_WITH_TABLE))  # its words and table on one page
    story.section("Advocacy")
    story.text(
        "Children and young people who make or want to make a representation are offered "
        "an advocate. The table counts complainants supported by an advocate."
    )
    story.table("advocacy")
    if story.tables["advocacy_providers"].rows:
        story.table("advocacy_providers")
    story.section("Costs of independent investigations and payments")
    story.table("costs")
    story.section("Learning and service improvements")
    story.text(
        "Each complaint is a chance to learn. These are the actions agreed from complaints "
        "and Ombudsman decisions, implemented and not."
    )
    story.table("actions_summary", compact=True)
    if data.actions:
        story.table("actions")


def _equality(story: _Story) -> None:
    story.section("Equality of complainants")
    story.text(
        "Complainants are asked, but not obliged, to tell us about themselves; blank "
        "answers count as 'not stated'. These figures are for the statutory procedure."
    )
    for field in vocab.EQUALITY_FIELDS:
        story.table(f"statutory.equality_{field}", compact=True)


def _contacts(story: _Story) -> None:
    story.section("Compliments, enquiries and other contacts")
    story.table("compliments", compact=True)
    story.table("contacts", compact=True)
    story.table("contacts_by_team")
    if story.tables["compliment_themes"].rows or story.tables["compliment_themes"].withheld:
        story.table("compliment_themes", compact=True)
