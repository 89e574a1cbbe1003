"""Reports: the annual report's Definitions section: who may complain, the stages and
their time limits (from the council's settings), what each outcome means, and what
"late" means. Generated text, the same in the PDF and the Word version."""

from __future__ import annotations

from collections.abc import Sequence

from complaints_desktop.domain.procedures import ProcedureSettings, Settings, StageRule
from complaints_desktop.domain.text import counted

WHO_MAY_COMPLAIN = """\
Under section 26 of the Children Act 1989 a representation (a complaint, or a comment) \
about the council's children's social care services may be made by: a child or young \
person the council looks after, or who is in need, or a care leaver; a parent, or anyone \
with parental responsibility for such a child; a local authority foster carer (including \
one caring through an independent fostering agency); a special guardian, a child with a \
special guardian and that child's parent, and anyone who has applied for a special \
guardianship support assessment; a child who may be adopted, their parents and \
guardians, people wishing to adopt, adopted people and their adoptive and birth parents \
and former guardians; and anyone else the council considers has a sufficient interest in \
the child's welfare. A child or young person may complain with the help of an advocate, \
or someone may complain on their behalf with their agreement."""

CORPORATE_SCOPE = """\
Complaints about children's services that the statutory procedure does not cover (for \
example about child protection decisions or reports for court), or from people it does \
not name, go through the council's corporate complaints procedure."""

OUTCOMES = (
    ("Upheld", "the council agrees with the complaint: something went wrong."),
    ("Partially upheld", "the council agrees with part of the complaint, but not all of it."),
    ("Not upheld", "the council found no fault in what was complained about."),
    ("Inconclusive", "the evidence did not allow a finding either way."),
    (
        "Withdrawn",
        "the complainant withdrew the complaint, or it was resolved, before a finding.",
    ),
)

LATE = """\
Time limits are counted in working days: weekends, bank holidays and the council's closure \
days do not count, nor do days when the clock was stopped (for example while the \
complainant was unavailable or an advocate was being found). A response is on time when \
it is sent within the limit that applied to the complaint: the standard limit, or the \
extended limit where an extension was agreed and recorded. A response after that limit is \
late; so is a response after the standard limit when no extension was agreed, even if it \
came within the extended limit."""

STAGE_WHAT = {
    "statutory": (
        "local resolution: the service team looks into the complaint and its manager responds",
        "independent investigation: an investigating officer, overseen by an independent "
        "person, investigates, and a senior manager responds (the adjudication)",
        "review panel: three independent people review how the complaint was dealt with",
    ),
    "corporate": (
        "the service looks into the complaint and responds",
        "a senior manager reviews the complaint and responds for the council",
    ),
}


def definitions(settings: Settings) -> list[tuple[str, str]]:
    """(sub-heading, text) of the Definitions section, timescales from ``settings``."""
    statutory, corporate = settings.procedure("statutory"), settings.procedure("corporate")
    return [
        ("Who may complain", f"{WHO_MAY_COMPLAIN}\n\n{CORPORATE_SCOPE}"),
        (
            "The stages and their time limits",
            _stages(statutory, "statutory", "The statutory procedure has")
            + "\n\n"
            + _stages(corporate, "corporate", "The corporate procedure has"),
        ),
        ("What the outcomes mean", "\n\n".join(f"{name}: {what}" for name, what in OUTCOMES)),
        ("On time and late", LATE),
    ]


def _days(n: int) -> str:
    return counted(n, "working day")


def _stages(rules: ProcedureSettings, key: str, opening: str) -> str:
    """One procedure's stages, each with its limits, in a paragraph per stage."""
    what: Sequence[str] = STAGE_WHAT[key]
    parts = [
        f"{opening} {counted(len(rules.stages), 'stage')}. A complaint is acknowledged "
        f"within {_days(rules.acknowledge)} and should be made within "
        f"{counted(rules.time_limit_months, 'month')} of what it is about (later where it is "
        "still possible to look into it fairly)."
    ]
    for n, rule in enumerate(rules.stages, start=1):
        parts.append(
            f"Stage {n}, {what[n - 1] if n <= len(what) else 'a further review'}. "
            + _limit(rules, n, rule)
        )
    return "\n\n".join(parts)


def _limit(rules: ProcedureSettings, n: int, rule: StageRule) -> str:
    """The time limit of stage ``n`` in words."""
    asked = (
        f"The complainant may ask for it within {_days(rule.request_window)} of the stage "
        f"{n - 1} response. "
        if rule.request_window
        else ""
    )
    if n == 3 and rules.panel is not None:
        panel = rules.panel
        return (
            f"{asked}The panel meets within {_days(panel.convene)} of the request, sends its "
            f"report within {_days(panel.report)} of meeting, and the council responds within "
            f"{_days(panel.respond)} of the report: {_days(rule.standard)} in all."
        )
    start = (
        "from the day the statement of complaint is agreed (or, without one, the day stage 2 "
        "was asked for)"
        if n == 2 and rules.key == "statutory"
        else "from the acknowledgement"
        if rule.from_acknowledgement
        else "from the day the complaint is received"
        if n == 1
        else "from the day it was asked for"
    )
    limit = f"The response is due within {_days(rule.standard)}, counted {start}"
    if rule.extended > rule.standard:
        limit += f"; up to {_days(rule.extended)} where an extension is agreed"
    return f"{asked}{limit}."
